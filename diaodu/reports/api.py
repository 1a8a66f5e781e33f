"""REST API of the bulletins: list and read them (with their files' URLs), and ask for a new one."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from diaodu.core.api import ErrorSerializer
from diaodu.meetings.models import Meeting

from .models import Bulletin
from .permissions import MayRequestBulletin
from .services import bulletin_request


class BulletinSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    meeting_title = serializers.CharField(source="meeting.title", read_only=True, default=None, allow_null=True)
    files = serializers.SerializerMethodField(help_text="format → download URL (served through the caller's access)")

    class Meta:
        model = Bulletin
        fields = [
            "id", "as_of", "meeting", "meeting_title", "weekly", "status", "status_display", "progress",
            "started_at", "finished_at", "error", "files", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_files(self, bulletin) -> dict[str, str]:
        return {fmt: reverse("bulletin-download", args=[bulletin.pk, fmt]) for fmt, _label in bulletin.files}


class NewBulletinSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="default: today, or the meeting's date")
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.none(), required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["meeting"].queryset = Meeting.objects.visible_to(request.user)


@extend_schema_view(
    create=extend_schema(
        request=NewBulletinSerializer,
        responses={202: BulletinSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Queue a bulletin (Word, PDF and Excel are made in the background)",
    )
)
class BulletinViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Dispatch bulletins (调度通报); only the roles that see the whole zone read them."""

    serializer_class = BulletinSerializer
    permission_classes = [MayRequestBulletin]

    def get_queryset(self):
        return Bulletin.objects.visible_to(self.request.user).select_related("meeting").order_by("-created_at", "-id")

    def create(self, request, *args, **kwargs):
        payload = NewBulletinSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        try:
            bulletin = bulletin_request(user=request.user, **payload.validated_data)
        except PermissionDenied as error:
            raise exceptions.PermissionDenied(str(error) or None) from None
        fresh = self.get_queryset().get(pk=bulletin.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_202_ACCEPTED)
