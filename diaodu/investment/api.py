"""REST API of investment attraction: companies (with their headquarters moves) and leads with their log, stage
changes and conversion into key projects."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from diaodu.core.api import ErrorSerializer
from diaodu.core.concurrency import ETagMixin
from diaodu.core.validators import CreditCodeValidator
from diaodu.org.models import Person

from .choices import ActivityKind, LeadSource, LeadStage, SlaStep
from .companies import COMPANY_FIELDS, ORGANISATION_FIELDS, company_create, company_update
from .filters import CompanyFilterSet, LeadFilterSet
from .models import Company, HeadquartersMove, Lead, LeadActivity
from .permissions import IsZoneMember, may_convert, may_work_lead
from .selectors import company_list_queryset, lead_list_queryset
from .services import LEAD_FIELDS, lead_advance, lead_convert_to_project, lead_create, lead_log_activity, lead_update


def _choice_field(choices, help_text: str = "", **kwargs) -> serializers.ChoiceField:
    """A choice field documented as a plain string listing its values: other apps' schemas already name enums
    `stage`, `source` and `kind`, and a second choice set under one of those names would make the names ambiguous."""
    values = "One of: " + ", ".join(f"`{value}` {label}" for value, label in choices.choices)
    field_class = extend_schema_field({"type": "string"})(
        type(f"{choices.__name__}Field", (serializers.ChoiceField,), {})
    )
    return field_class(choices=choices.choices, help_text=f"{help_text}. {values}" if help_text else values, **kwargs)


def _run(service, **kwargs):
    """Call a service; its refusal keeps its Chinese message in the API's error shape."""
    try:
        return service(**kwargs)
    except PermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None


# --- companies ------------------------------------------------------------------------------------


class HeadquartersSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = HeadquartersMove
        fields = ["status", "status_display", "agreed_on", "registered_on", "building", "floor_area_m2", "floors"]
        read_only_fields = fields


class CompanySerializer(serializers.ModelSerializer):
    """A company: its organisation's data (name, credit code, contact) and its investment facts, flat."""

    name = serializers.CharField(source="organisation.name", max_length=200)
    short_name = serializers.CharField(
        source="organisation.short_name", max_length=50, required=False, allow_blank=True
    )
    credit_code = serializers.CharField(
        source="organisation.credit_code",
        max_length=40,
        required=False,
        allow_blank=True,
        validators=[CreditCodeValidator()],
        help_text="统一社会信用代码 (GB 32100-2015): 18 characters with a check character; spaces and full-width "
        "characters are normalised",
    )
    address = serializers.CharField(source="organisation.address", max_length=200, required=False, allow_blank=True)
    contact_name = serializers.CharField(
        source="organisation.contact_name", max_length=50, required=False, allow_blank=True
    )
    contact_phone = serializers.CharField(
        source="organisation.contact_phone", max_length=30, required=False, allow_blank=True
    )
    industry_display = serializers.CharField(source="get_industry_display", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True, default=None, allow_null=True)
    is_resident = serializers.BooleanField(read_only=True, help_text="resident in the zone today")
    headquarters = serializers.SerializerMethodField(help_text="the company's headquarters move, if any")
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="the save counter you read; an update naming an older one is refused with 412 (as a stale "
        "If-Match is), so that no change is lost",
    )

    class Meta:
        model = Company
        fields = [
            "id", "name", "short_name", "credit_code", "address", "contact_name", "contact_phone",
            "industry", "industry_display", "registered_in", "area", "area_name",
            "resident_since", "resident_until", "is_resident", "note", "headquarters", "version", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["updated_at"]

    @extend_schema(responses=HeadquartersSerializer(allow_null=True))
    def get_headquarters(self, company) -> dict | None:
        try:
            move = company.headquarters
        except HeadquartersMove.DoesNotExist:
            return None
        return HeadquartersSerializer(move).data

    def validate(self, attrs):
        # The model's own rule (moved out after moving in) with its Chinese message, on the values it will have.
        values = {field: getattr(self.instance, field) for field in COMPANY_FIELDS} if self.instance else {}
        values.update({key: value for key, value in attrs.items() if key in COMPANY_FIELDS})
        try:
            Company(**values).clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return attrs


def _company_data(validated: dict) -> tuple[dict, int | None]:
    data = dict(validated)
    organisation = data.pop("organisation", {})
    seen = data.pop("version", None)
    data.update({key: value for key, value in organisation.items() if key in ORGANISATION_FIELDS})
    return data, seen


class CompanyViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Companies the zone courts or hosts (招商企业), zone-level data every member reads. Never deleted."""

    serializer_class = CompanySerializer
    filterset_class = CompanyFilterSet

    def get_queryset(self):
        return company_list_queryset(self.request.user)

    def _answer(self, company, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=company.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request, *args, **kwargs):
        """Register a company (the dispatch office, the 投资促进局, 招商 officers); an organisation of the same
        name is taken over."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, _seen = _company_data(serializer.validated_data)
        company = _run(company_create, user=request.user, **data)
        return self._answer(company, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        """Edit a company (PUT or PATCH)."""
        company = self.get_object()
        serializer = self.get_serializer(company, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data, seen = _company_data(serializer.validated_data)
        company = _run(company_update, user=request.user, company=company, seen_version=seen, **data)
        return self._answer(company)


# --- leads ----------------------------------------------------------------------------------------


class LeadActivitySerializer(serializers.ModelSerializer):
    kind = _choice_field(ActivityKind, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    author_name = serializers.CharField(source="author.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = LeadActivity
        fields = ["id", "kind", "kind_display", "date", "summary", "participants", "author", "author_name"]
        read_only_fields = fields


class LeadSerializer(serializers.ModelSerializer):
    """A lead with its log; its stage and the dates of the response rules are read-only here (see the actions)."""

    company_name = serializers.CharField(source="company.name", read_only=True)
    source = _choice_field(LeadSource, help_text="how the zone came by the lead (referral names the referrer)")
    stage = _choice_field(LeadStage, read_only=True, help_text="moves through the advance action")
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    referrer_name = serializers.CharField(source="referrer.name", read_only=True, default=None, allow_null=True)
    chain_name = serializers.CharField(source="chain.name", read_only=True, default=None, allow_null=True)
    park_name = serializers.CharField(source="park.name", read_only=True, default=None, allow_null=True)
    officer_name = serializers.CharField(source="officer.name", read_only=True, default=None, allow_null=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    # Blank while no response rule is pending: documented as such (a read-only model field would lose the blank).
    sla_step = serializers.ChoiceField(choices=SlaStep.choices, read_only=True, allow_blank=True)
    sla_step_display = serializers.CharField(source="get_sla_step_display", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True, help_text="a deadline of the response rules is past today")
    project_name = serializers.CharField(source="project.name", read_only=True, default=None, allow_null=True)
    can_work = serializers.SerializerMethodField(help_text="whether the caller may edit, advance and log the lead")
    can_convert = serializers.SerializerMethodField(help_text="whether the caller may convert it now")
    activities = LeadActivitySerializer(many=True, read_only=True)
    officer = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True, help_text="the 招商 officer; default: you"
    )
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="the save counter you read; an update naming an older one is refused with 412 (as a stale "
        "If-Match is), so that no change is lost",
    )

    class Meta:
        model = Lead
        fields = [
            "id", "title", "company", "company_name", "description", "source", "source_display", "source_detail",
            "referrer", "referrer_name", "chain", "chain_name", "investment", "land_ha", "park", "park_name",
            "officer", "officer_name", "stage", "stage_display", "stage_since", "signed_on", "lost_reason",
            "next_action", "next_action_due", "received_on", "entered_on", "assessed_on", "feedback_on",
            "last_reported_on", "is_large", "sla_step", "sla_step_display", "sla_due_on", "is_overdue",
            "project", "project_name", "can_work", "can_convert", "activities", "version", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "stage", "stage_since", "signed_on", "lost_reason", "entered_on", "assessed_on", "feedback_on",
            "last_reported_on", "is_large", "sla_step", "sla_due_on", "project", "updated_at",
        ]  # fmt: skip

    def _user(self):
        request = self.context.get("request")
        return request.user if request else None

    def get_can_work(self, lead) -> bool:
        user = self._user()
        return user is not None and may_work_lead(user, lead)

    def get_can_convert(self, lead) -> bool:
        user = self._user()
        return (
            user is not None and lead.stage == LeadStage.SIGNED and lead.project_id is None and may_convert(user, lead)
        )

    def validate(self, attrs):
        # The model's own rules (a referral names a resident company …) in Chinese, on the values it will have.
        values = {field: getattr(self.instance, field) for field in LEAD_FIELDS} if self.instance else {}
        values.update({key: value for key, value in attrs.items() if key in LEAD_FIELDS})
        if self.instance is not None:
            values["entered_on"] = self.instance.entered_on
        try:
            Lead(**values).clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return attrs


class LeadAdvanceSerializer(serializers.Serializer):
    # A plain string: the choice set is documented once, as the lead's `stage`.
    stage = serializers.CharField(help_text="a later stage (contacted … started), or lost with a lost_reason")
    date = serializers.DateField(required=False, help_text="the day it happened (default today); not in the future")
    lost_reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")

    def validate_stage(self, value):
        if value not in LeadStage.values:
            choices = "、".join(LeadStage.values)
            raise serializers.ValidationError(f"未知的阶段“{value}”；可选：{choices}。")
        return value


class LeadLogSerializer(serializers.Serializer):
    kind = _choice_field(ActivityKind, help_text="assessment, feedback and report meet the response rules")
    date = serializers.DateField(help_text="the day it happened; not in the future")
    summary = serializers.CharField()
    participants = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    next_action = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="omit to keep the next action; empty to clear it"
    )
    next_action_due = serializers.DateField(required=False, allow_null=True)


class LeadConvertSerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="default: the lead's title"
    )
    responsible_leader = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True, help_text="the project's 包保领导"
    )


class LeadConvertedSerializer(serializers.Serializer):
    lead = LeadSerializer()
    project = serializers.IntegerField(help_text="id of the new key project")
    project_url = serializers.CharField(help_text="the project's page")


class LeadViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Leads of investment attraction (招商线索): an officer sees his own, leaders and the 投资促进局 all.

    Leads are never deleted: they end as 终止 (lost) with a reason. The stage moves through `advance`, the log
    grows through `log`, and a signed lead becomes a key project through `convert`.
    """

    serializer_class = LeadSerializer
    filterset_class = LeadFilterSet

    def get_queryset(self):
        activities = LeadActivity.objects.select_related("author").order_by("-date", "-id")
        return (
            lead_list_queryset(self.request.user)
            .prefetch_related(Prefetch("activities", queryset=activities))
            .order_by("-investment", "pk")
        )

    def _answer(self, lead, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=lead.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request, *args, **kwargs):
        """Register a lead (it starts as 线索; the officer is you unless named)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        lead = _run(lead_create, user=request.user, **data)
        return self._answer(lead, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        """Edit a lead's data (PUT or PATCH): its officer, the 投资促进局 and the dispatch office."""
        lead = self.get_object()
        serializer = self.get_serializer(lead, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        seen = data.pop("version", None)
        lead = _run(lead_update, user=request.user, lead=lead, seen_version=seen, **data)
        return self._answer(lead)

    @extend_schema(request=LeadAdvanceSerializer, responses={200: LeadSerializer, 400: ErrorSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def advance(self, request, pk=None):
        """Move the lead to a later stage, or end it (lost) with a reason."""
        change = LeadAdvanceSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        lead = _run(lead_advance, user=request.user, lead=self.get_object(), **change.validated_data)
        return self._answer(lead)

    @extend_schema(request=LeadLogSerializer, responses={201: LeadActivitySerializer, 400: ErrorSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def log(self, request, pk=None):
        """Log a visit, meeting, call, assessment (研判), feedback (反馈企业) or progress report (进展报告)."""
        entry = LeadLogSerializer(data=request.data)
        entry.is_valid(raise_exception=True)
        activity = _run(lead_log_activity, user=request.user, lead=self.get_object(), **entry.validated_data)
        return Response(LeadActivitySerializer(activity).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=LeadConvertSerializer,
        responses={201: LeadConvertedSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def convert(self, request, pk=None):
        """Turn a signed lead into a key project (前期) with its company, investment, park and officer. Refused for
        a lead not at 签约 and for one converted already; only the dispatch office converts."""
        options = LeadConvertSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        lead = self.get_object()
        project = _run(lead_convert_to_project, lead=lead, user=request.user, **options.validated_data)
        fresh = self.get_queryset().get(pk=lead.pk)
        body = {
            "lead": self.get_serializer(fresh).data,
            "project": project.pk,
            "project_url": reverse("project-detail", args=[project.pk]),
        }
        return Response(body, status=status.HTTP_201_CREATED)
