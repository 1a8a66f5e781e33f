"""REST API of the progress app: a project's light, progress reports with review and photos."""

import datetime as dt

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from diaodu.core import workdays
from diaodu.core.concurrency import ETagMixin
from diaodu.projects.models import Project

from .choices import Light, ReportStatus, Rule
from .models import ProgressReport, ReportPhoto
from .services import project_light as compute_project_light
from .services import report_accept, report_return, report_save_draft, report_submit
from .uploads import save_photo


class ReasonSerializer(serializers.Serializer):
    rule = serializers.ChoiceField(choices=Rule.choices)
    light = serializers.ChoiceField(choices=Light.choices)
    message = serializers.CharField()


class LightSerializer(serializers.Serializer):
    light = serializers.ChoiceField(choices=Light.choices)
    reasons = ReasonSerializer(many=True)


@extend_schema(
    parameters=[OpenApiParameter("as_of", dt.date, description="default: today")],
    responses=LightSerializer,
    summary="A project's traffic light and every reason",
)
@api_view(["GET"])
def project_light(request, pk):
    project = get_object_or_404(Project.objects.visible_to(request.user).select_related("schedule_worst_step"), pk=pk)
    raw = request.query_params.get("as_of")
    try:
        as_of = dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        raise serializers.ValidationError({"as_of": ["YYYY-MM-DD"]}) from None
    if not workdays.FIRST_DAY <= as_of <= workdays.LAST_DAY:
        raise serializers.ValidationError({"as_of": [f"{workdays.FIRST_DAY}–{workdays.LAST_DAY}"]})
    return Response(LightSerializer(compute_project_light(project=project, as_of=as_of).as_dict()).data)


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ReportPhoto
        fields = ["id", "caption", "url"]

    def get_url(self, photo) -> str:
        return f"/progress/photos/{photo.pk}/"


class ReportSerializer(serializers.ModelSerializer):
    photos = PhotoSerializer(many=True, read_only=True)
    period = serializers.DateField(write_only=True, required=False, help_text="a day in the period (default: today)")

    class Meta:
        model = ProgressReport
        fields = [
            "id", "project", "frequency", "period", "period_start", "period_end", "due_date",
            "investment_done", "progress_text", "progress_percent", "problems",
            "status", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "return_reason",
            "photos", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "frequency", "period_start", "period_end", "due_date", "status", "submitted_by", "submitted_at",
            "reviewed_by", "reviewed_at", "return_reason",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only what the caller may see can be named (and offered by the browsable API's form).
            self.fields["project"].queryset = Project.objects.visible_to(request.user)
            self.fields["project"].error_messages["does_not_exist"] = "不存在或无权查看该项目。"

    def validate_project(self, project):
        if not Project.objects.visible_to(self.context["request"].user).filter(pk=project.pk).exists():
            raise serializers.ValidationError("不存在或无权查看该项目。")
        return project


class ReportFilterSet(django_filters.FilterSet):
    class Meta:
        model = ProgressReport
        fields = ["project", "status", "frequency"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            # Offer (and accept) only the projects the caller may see: another project's id is an invalid choice.
            self.filters["project"].queryset = Project.objects.visible_to(request.user)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ReportViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Progress reports: an officer saves a draft (create or update), submits it; the dispatch office reviews."""

    serializer_class = ReportSerializer
    filterset_class = ReportFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return (
            ProgressReport.objects.visible_to(self.request.user)
            .select_related("project")
            .prefetch_related("photos")
            .order_by("-period_start", "id")
        )

    def _draft(self, serializer, report=None):
        data = dict(serializer.validated_data)
        project = data.pop("project", None) or report.project
        day = data.pop("period", None) or (report.period_start if report else None)
        try:
            serializer.instance = report_save_draft(project=project, user=self.request.user, day=day, **data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from None

    def perform_create(self, serializer):
        self._draft(serializer)

    def perform_update(self, serializer):
        self._draft(serializer, serializer.instance)

    def _answer(self, report):
        return Response(ReportSerializer(self.get_queryset().get(pk=report.pk), context={"request": self.request}).data)

    @extend_schema(request=None, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._answer(report_submit(report=self.get_object(), user=request.user))

    @extend_schema(request=None, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(report_accept(report=self.get_object(), user=request.user))

    @extend_schema(request=ReturnSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            report_return(report=self.get_object(), user=request.user, reason=body.validated_data["reason"])
        )

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"image": {"type": "string", "format": "binary"}, "caption": {"type": "string"}},
            }
        },
        responses={201: PhotoSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def photos(self, request, pk=None):
        from .permissions import can_report

        report = self.get_object()
        if not can_report(request.user, report.project):
            # Who may not report is refused as such (403), not told that his upload was invalid.
            raise exceptions.PermissionDenied(_("只有该项目的包保干部或项目办可以报送进度。"))
        if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise serializers.ValidationError({"image": ["只能给本人项目的草稿或退回报告添加照片。"]})
        upload = request.FILES.get("image")
        if upload is None:
            raise serializers.ValidationError({"image": ["请上传照片。"]})
        try:
            photo = save_photo(report=report, upload=upload, caption=request.data.get("caption", ""))
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return Response(PhotoSerializer(photo).data, status=status.HTTP_201_CREATED)
