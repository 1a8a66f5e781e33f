"""REST API of the registry: projects, their steps, their schedule and stage changes."""

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from diaodu.core import workdays
from diaodu.core.concurrency import ETagMixin

from . import scheduling
from .choices import Stage
from .filters import ProjectFilterSet
from .models import FundingSource, InvestmentPlan, Project, Step, StepDependency
from .permissions import can_edit_steps, can_manage_projects
from .services import project_change_stage, project_schedule, step_delete, step_save


class FundingSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingSource
        fields = ["id", "kind", "organisation", "amount", "note"]


class InvestmentPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvestmentPlan
        fields = ["year", "amount"]


class ProjectSerializer(serializers.ModelSerializer):
    stage = serializers.ChoiceField(choices=Stage.choices, read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True, default=None, allow_null=True)
    owner_name = serializers.CharField(source="owner.name", read_only=True, default=None, allow_null=True)
    responsible_leader_name = serializers.CharField(
        source="responsible_leader.name", read_only=True, default=None, allow_null=True
    )
    responsible_officer_name = serializers.CharField(
        source="responsible_officer.name", read_only=True, default=None, allow_null=True
    )
    responsible_department_name = serializers.CharField(
        source="responsible_department.name", read_only=True, default=None, allow_null=True
    )
    plans = InvestmentPlanSerializer(many=True, read_only=True)
    funding = FundingSourceSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id", "name", "code", "category", "category_display", "construction_type", "stage", "stage_display",
            "area", "area_name", "owner", "owner_name", "scope", "total_investment", "investment_done_before",
            "planned_start", "planned_completion", "actual_start", "actual_completion", "statistics_date",
            "latitude", "longitude",
            "responsible_leader", "responsible_leader_name", "responsible_officer", "responsible_officer_name",
            "responsible_department", "responsible_department_name",
            "plans", "funding",
            "schedule_as_of", "schedule_feasible", "schedule_min_float", "schedule_worst_step", "schedule_error",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "schedule_as_of", "schedule_feasible", "schedule_min_float", "schedule_worst_step", "schedule_error",
            "actual_start", "actual_completion",
        ]  # fmt: skip

    def validate(self, attrs):
        # The model's own rules (dates in order, code format) with their Chinese messages.
        instance = Project(**{**self._current_values(), **attrs})
        try:
            instance.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        if "code" in attrs:
            attrs["code"] = instance.code or None
        return attrs

    def _current_values(self):
        if self.instance is None:
            return {}
        return {field: getattr(self.instance, field) for field in ("planned_start", "planned_completion", "code")}


def _date_param(request, name) -> dt.date | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise serializers.ValidationError({name: ["YYYY-MM-DD"]}) from None
    if not workdays.FIRST_DAY <= value <= workdays.LAST_DAY:
        raise serializers.ValidationError({name: [f"{workdays.FIRST_DAY}–{workdays.LAST_DAY}"]})
    return value


def _calendar_note(fallback_years: list[int]) -> str | None:
    if not fallback_years:
        return None
    from django.utils.translation import gettext as _

    return _("%(years)s年的节假日安排尚未录入，工作日按周一至周五推算。") % {
        "years": "、".join(str(year) for year in fallback_years)
    }


class StageChangeSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    actual_start = serializers.DateField(required=False, allow_null=True)
    actual_completion = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ScheduledStepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    duration_days = serializers.IntegerField()
    status = serializers.CharField()
    early_start = serializers.DateField(allow_null=True)
    early_finish = serializers.DateField(allow_null=True)
    late_start = serializers.DateField(allow_null=True)
    late_finish = serializers.DateField(allow_null=True)
    total_float = serializers.IntegerField(allow_null=True)
    critical = serializers.BooleanField()


class ScheduleSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    as_of = serializers.DateField()
    feasible = serializers.BooleanField()
    calendar_note = serializers.CharField(allow_null=True)
    steps = ScheduledStepSerializer(many=True)


class ProjectViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Key projects. Projects are never deleted: a project that stops is moved to the stage 终止."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet

    def get_queryset(self):
        return (
            Project.objects.visible_to(self.request.user)
            .select_related("area", "owner", "responsible_leader", "responsible_officer", "responsible_department")
            .prefetch_related("plans", "funding")
            .order_by("-total_investment", "id")
        )

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if request.method not in ("GET", "HEAD", "OPTIONS") and not can_manage_projects(request.user):
            raise exceptions.PermissionDenied()

    @extend_schema(
        parameters=[OpenApiParameter("as_of", dt.date, description="default: today")],
        responses={200: ScheduleSerializer},
    )
    @action(detail=True, methods=["get"])
    def schedule(self, request, pk=None):
        """The project's schedule as of a date: early and latest dates, float and the critical steps."""
        project = self.get_object()
        as_of = _date_param(request, "as_of") or timezone.localdate()
        try:
            result = project_schedule(project=project, as_of=as_of)
        except scheduling.CycleError as error:
            raise serializers.ValidationError({"steps": [str(error)], "cycle": error.names}) from None
        steps = {step.id: step for step in project.steps.only("id", "name", "duration_days", "status")}
        return Response(
            ScheduleSerializer(
                {
                    "project": project.pk,
                    "as_of": as_of,
                    "feasible": result.feasible,
                    "calendar_note": _calendar_note(result.fallback_years),
                    "steps": [
                        {
                            "id": step_id,
                            "name": steps[step_id].name,
                            "duration_days": steps[step_id].duration_days,
                            "status": steps[step_id].status,
                            "early_start": computed.early_start,
                            "early_finish": computed.early_finish,
                            "late_start": computed.late_start,
                            "late_finish": computed.late_finish,
                            "total_float": computed.total_float,
                            "critical": computed.critical,
                        }
                        for step_id, computed in result.steps.items()
                    ],
                }
            ).data
        )

    @extend_schema(request=StageChangeSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        """Move the project to another stage, by the registry's rules."""
        project = self.get_object()
        if not can_manage_projects(request.user):
            raise exceptions.PermissionDenied()
        change = StageChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        project = project_change_stage(project=project, **change.validated_data)
        return Response(ProjectSerializer(self.get_queryset().get(pk=project.pk)).data)


class PredecessorSerializer(serializers.Serializer):
    step = serializers.IntegerField()
    lag_days = serializers.IntegerField(min_value=0, max_value=3650, default=0)


class StepSerializer(serializers.ModelSerializer):
    predecessors = PredecessorSerializer(many=True, required=False)

    class Meta:
        model = Step
        fields = [
            "id", "name", "kind", "procedure_type", "duration_days", "predecessors", "deadline",
            "responsible_department", "responsible_person", "status", "actual_start", "actual_finish",
            "approval_number", "sort_order",
            "early_start", "early_finish", "late_start", "late_finish", "total_float", "critical", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["early_start", "early_finish", "late_start", "late_finish", "total_float", "critical"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["predecessors"] = [
            {"step": link.predecessor_id, "lag_days": link.lag_days} for link in instance.predecessor_links.all()
        ]
        return data

    def validate_duration_days(self, value):
        if value > 3650:
            raise serializers.ValidationError("≤ 3650")
        return value


class StepViewSet(ETagMixin, viewsets.ModelViewSet):
    """The steps of one project (procedures, milestones, tasks) with their predecessors."""

    serializer_class = StepSerializer

    def get_project(self) -> Project:
        if not hasattr(self, "_project"):
            self._project = get_object_or_404(
                Project.objects.visible_to(self.request.user), pk=self.kwargs["project_pk"]
            )
        return self._project

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular inspecting the view
            return Step.objects.none()
        return (
            Step.objects.filter(project=self.get_project())
            .prefetch_related(Prefetch("predecessor_links", queryset=StepDependency.objects.order_by("id")))
            .order_by("sort_order", "id")
        )

    def check_permissions(self, request):
        super().check_permissions(request)
        if request.method not in ("GET", "HEAD", "OPTIONS") and not can_edit_steps(request.user, self.get_project()):
            raise exceptions.PermissionDenied()

    def _save(self, serializer, instance=None):
        data = dict(serializer.validated_data)
        predecessors = data.pop("predecessors", None)
        step = instance or Step(project=self.get_project())
        for key, value in data.items():
            setattr(step, key, value)
        # A PATCH does not fill the serializer's defaults in: a link sent without its lag has none.
        links = None if predecessors is None else [(p["step"], p.get("lag_days", 0)) for p in predecessors]
        with transaction.atomic():
            step_save(step=step, predecessors=links)
        serializer.instance = self.get_queryset().get(pk=step.pk)

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    def perform_destroy(self, instance):
        step_delete(step=instance)
