"""REST API of dispatch meetings: meetings with their agenda and decisions, editing one, recording a decision.

A meeting's GET answers its `ETag`; a PUT or PATCH with `If-Match` (or the body's `version`) naming an older
version is refused with 412 and the meeting as saved now (see `diaodu.core.concurrency`).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from diaodu.coordination.models import IssueCategory
from diaodu.core.api import ErrorSerializer
from diaodu.core.concurrency import ETagMixin, PreconditionFailedSerializer
from diaodu.org.models import Department, Person
from diaodu.projects.models import Project

from .choices import MeetingKind
from .filters import MeetingFilterSet
from .models import AgendaItem, Decision, Meeting
from .selectors import meeting_detail_queryset
from .services import decision_add, meeting_update


def _run(service, **kwargs):
    """Call a service; its refusal keeps its Chinese message in the API's error shape."""
    try:
        return service(**kwargs)
    except PermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None


class AgendaItemSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "project", "project_name", "reason", "order"]


class DecisionSerializer(serializers.ModelSerializer):
    """A decision with the live status of the issue it was assigned as."""

    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True, default=None, allow_null=True)
    issue_status = serializers.CharField(source="issue.status", read_only=True, default=None, allow_null=True)
    issue_status_display = serializers.CharField(
        source="issue.get_status_display", read_only=True, default=None, allow_null=True
    )
    issue_due_date = serializers.DateField(source="issue.due_date", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Decision
        fields = [
            "id", "meeting", "meeting_title", "text", "department", "department_name", "due_date",
            "project", "project_name", "issue", "issue_status", "issue_status_display", "issue_due_date", "order",
        ]  # fmt: skip
        read_only_fields = fields


class DecisionCreateSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.none())
    text = serializers.CharField()
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    category = serializers.PrimaryKeyRelatedField(
        queryset=IssueCategory.objects.filter(is_active=True),
        help_text="the issue's category: its SLA in working days gives the due date when none is set",
    )
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none(), required=False, allow_null=True)
    due_date = serializers.DateField(
        required=False, allow_null=True, help_text="the deadline the meeting set; without one, the category's SLA"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only what the caller may see can be named: another meeting's or project's id reads as unknown.
            self.fields["meeting"].queryset = Meeting.objects.visible_to(request.user)
            self.fields["project"].queryset = Project.objects.visible_to(request.user)


class MeetingSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    chair_name = serializers.CharField(source="chair.name", read_only=True, default=None, allow_null=True)
    agenda = AgendaItemSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "date", "kind", "kind_display", "title", "chair", "chair_name", "attendees", "departments",
            "location", "minutes", "status", "status_display", "agenda", "decisions", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class MeetingUpdateSerializer(serializers.Serializer):
    """What an edit of a meeting may change (the agenda, decisions and minutes have their own writes)."""

    date = serializers.DateField()
    # A plain string: the choice set is documented once, as the meeting's `kind` (the service checks it).
    kind = serializers.CharField(max_length=12, help_text="weekly, monthly or special (see the meeting's kind)")
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text="blank: named by date")
    chair = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    location = serializers.CharField(max_length=100, required=False, allow_blank=True)
    attendees = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), many=True, required=False)
    departments = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), many=True, required=False)
    version = serializers.CharField(
        required=False, write_only=True, help_text="the version you read (the ETag without quotes); or If-Match"
    )

    def validate_kind(self, value):
        if value not in MeetingKind.values:
            raise serializers.ValidationError(
                _("未知的类型“%(value)s”；可选：%(choices)s。")
                % {"value": value, "choices": "、".join(MeetingKind.values)}
            )
        return value


_EDIT = extend_schema(
    request=MeetingUpdateSerializer,
    responses={200: MeetingSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 412: PreconditionFailedSerializer},
)


@extend_schema_view(update=_EDIT, partial_update=_EDIT)
class MeetingViewSet(ETagMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Dispatch meetings (调度会) with their agenda and decisions; restricted members see those that concern them.

    The dispatch office and administrators edit a meeting's details (PUT, PATCH) with `If-Match`.
    """

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet

    def get_queryset(self):
        return meeting_detail_queryset(self.request.user).order_by("-date", "-id")

    def update(self, request, *args, **kwargs):
        """Change a meeting's date, kind, name, chair, place, attendees and departments."""
        meeting = self.get_object()
        payload = MeetingUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        seen = data.pop("version", None)
        meeting = _run(meeting_update, user=request.user, meeting=meeting, seen=seen, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data)


@extend_schema_view(
    create=extend_schema(
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Record a decision and assign it as a coordination issue",
    )
)
class DecisionViewSet(ETagMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Decisions (议定事项) of the meetings the caller may see, with their issue's live status."""

    serializer_class = DecisionSerializer

    def get_queryset(self):
        return (
            Decision.objects.visible_to(self.request.user)
            .select_related("meeting", "department", "project", "issue")
            .order_by("-meeting__date", "meeting_id", "order", "id")
        )

    def create(self, request, *args, **kwargs):
        """The dispatch office records a decision; it is assigned at once to its department (coordination)."""
        payload = DecisionCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        decision = _run(decision_add, user=request.user, **payload.validated_data)
        fresh = self.get_queryset().get(pk=decision.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)
