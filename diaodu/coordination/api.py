"""REST API of issue coordination: issues with their life-cycle actions, and the categories."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from diaodu.core.concurrency import ETagMixin
from diaodu.org.models import Department
from diaodu.projects.models import Project

from .choices import IssueSource
from .filters import IssueFilterSet
from .models import Issue, IssueAttachment, IssueCategory, IssueResponse, SupervisionNotice
from .permissions import IsZoneMember, allowed_actions
from .selectors import issue_detail_queryset
from .services import issue_assign, issue_close, issue_raise, issue_reopen, issue_resolve, issue_respond

ProgressReport = Issue._meta.get_field("report").related_model


def _run(service, **kwargs):
    """Call a service; its refusal keeps its Chinese message in the API's error shape."""
    try:
        return service(**kwargs)
    except PermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None


class IssueCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = IssueCategory
        fields = ["id", "name", "sla_workdays", "default_department", "sort_order", "is_active"]


class IssueResponseSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = IssueResponse
        fields = ["id", "kind", "kind_display", "text", "author", "person", "person_name", "created_at"]


class SupervisionNoticeSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    # A plain integer: the choice set is documented once, as the issue's escalation_level.
    level = serializers.IntegerField(read_only=True, help_text="1 部门负责人, 2 包保领导, 3 主要领导")
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    recipient_name = serializers.CharField(source="recipient.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = SupervisionNotice
        fields = ["id", "number", "level", "level_display", "recipient", "recipient_name", "issued_on", "message"]


class IssueAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="download through the issue's visibility (never a public URL)")

    class Meta:
        model = IssueAttachment
        fields = ["id", "name", "url", "uploaded_by", "created_at"]

    def get_url(self, attachment) -> str:
        return reverse("issue-attachment", args=[attachment.issue_id, attachment.pk])


class IssueSerializer(serializers.ModelSerializer):
    """An issue with its thread, supervision notices and attachments (the same shape in lists and detail)."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    escalation_level_display = serializers.CharField(source="get_escalation_level_display", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True, default=None, allow_null=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True, default=None, allow_null=True)
    raised_by_name = serializers.CharField(source="raised_by.name", read_only=True, default=None, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True, help_text="unresolved and past its due date today")
    actions = serializers.SerializerMethodField(help_text="life-cycle actions the caller may take now")
    responses = IssueResponseSerializer(many=True, read_only=True)
    notices = SupervisionNoticeSerializer(many=True, read_only=True)
    attachments = IssueAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Issue
        fields = [
            "id", "project", "project_name", "report", "source", "source_display", "source_note",
            "category", "category_name", "title", "description", "raised_by", "raised_by_name",
            "department", "department_name", "assigned_at", "due_date", "status", "status_display", "is_overdue",
            "resolved_at", "closed_at", "closed_by", "escalation_level", "escalation_level_display",
            "reopened_count", "actions", "responses", "notices", "attachments", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, issue) -> list[str]:
        request = self.context.get("request")
        return sorted(allowed_actions(request.user, issue)) if request else []


class IssueCreateSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none(), required=False, allow_null=True)
    report = serializers.PrimaryKeyRelatedField(queryset=ProgressReport.objects.none(), required=False, allow_null=True)
    source = serializers.ChoiceField(choices=IssueSource.choices, required=False)
    source_note = serializers.CharField(required=False, allow_blank=True, max_length=200)
    category = serializers.PrimaryKeyRelatedField(queryset=IssueCategory.objects.filter(is_active=True))
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, help_text="assign at once (交办)"
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, help_text="交办意见")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only what the caller may see can be named: another project's id reads as unknown.
            self.fields["project"].queryset = Project.objects.visible_to(request.user)
            self.fields["report"].queryset = ProgressReport.objects.visible_to(request.user)


class AssignSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class RespondSerializer(serializers.Serializer):
    text = serializers.CharField()


class ResolveSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="办理结果")


class CloseSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class IssueViewSet(ETagMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Issues (问题): raised from a project, a report or a meeting, assigned to a department, escalated when late.

    Issues are never deleted or edited directly: they move through the actions below, each of which honours
    `If-Match` (412 when the issue changed since it was read).
    """

    serializer_class = IssueSerializer
    filterset_class = IssueFilterSet

    def get_queryset(self):
        return issue_detail_queryset(self.request.user).order_by("-created_at", "-id")

    def _answer(self, issue, code=status.HTTP_200_OK):
        fresh = get_object_or_404(issue_detail_queryset(self.request.user), pk=issue.pk)
        return Response(IssueSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def _validated(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=IssueCreateSerializer, responses={201: IssueSerializer})
    def create(self, request, *args, **kwargs):
        """Raise an issue; with `department`, assign it at once (dispatch office and zone leader only)."""
        issue = _run(issue_raise, user=request.user, **self._validated(IssueCreateSerializer))
        return self._answer(issue, status.HTTP_201_CREATED)

    @extend_schema(request=AssignSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def assign(self, request, pk=None):
        """Assign (交办) or reassign the issue to a department; the due date follows the category's SLA."""
        issue = _run(issue_assign, user=request.user, issue=self.get_object(), **self._validated(AssignSerializer))
        return self._answer(issue)

    @extend_schema(request=RespondSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def respond(self, request, pk=None):
        """Answer in the thread (the assigned department or the dispatch office); the first answer starts the work."""
        issue = self.get_object()
        _run(issue_respond, user=request.user, issue=issue, **self._validated(RespondSerializer))
        return self._answer(issue)

    @extend_schema(request=ResolveSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def resolve(self, request, pk=None):
        """The department reports the issue settled (办结)."""
        issue = _run(issue_resolve, user=request.user, issue=self.get_object(), **self._validated(ResolveSerializer))
        return self._answer(issue)

    @extend_schema(request=CloseSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def close(self, request, pk=None):
        """Strike off a resolved issue (销号): the dispatch office, the zone leader or the project's leader."""
        issue = _run(issue_close, user=request.user, issue=self.get_object(), **self._validated(CloseSerializer))
        return self._answer(issue)

    @extend_schema(request=ReopenSerializer, responses=IssueSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def reopen(self, request, pk=None):
        """Reopen a resolved or closed issue: back to its department with a new due date."""
        issue = _run(issue_reopen, user=request.user, issue=self.get_object(), **self._validated(ReopenSerializer))
        return self._answer(issue)


class IssueCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Issue categories with their SLA in working days (edited by the dispatch office on the settings page)."""

    serializer_class = IssueCategorySerializer

    def get_queryset(self):
        return IssueCategory.objects.visible_to(self.request.user).order_by("sort_order", "id")
