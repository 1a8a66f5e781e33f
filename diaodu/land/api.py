"""REST API of the land ledger: the year's summary against the quota, parcels and their status changes."""

from decimal import ROUND_HALF_UP

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from diaodu.core.api import ErrorSerializer
from diaodu.core.concurrency import ETagMixin
from diaodu.projects.models import Project

from .choices import ParcelStatus, SupplyMethod, next_status
from .filters import ParcelFilterSet
from .models import Parcel
from .permissions import IsZoneMember, may_change_parcel
from .selectors import land_summary, parcel_list_queryset
from .services import EDITABLE_FIELDS, parcel_advance, parcel_create, parcel_update


def _run(service, **kwargs):
    """Call a service; its refusal keeps its Chinese message in the API's error shape."""
    try:
        return service(**kwargs)
    except PermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None


def _hectares(help_text: str) -> serializers.DecimalField:
    # Two places, rounded half up (DRF's default would round half to even): "400.00".
    return serializers.DecimalField(max_digits=14, decimal_places=2, rounding=ROUND_HALF_UP, help_text=help_text)


class LandSummarySerializer(serializers.Serializer):
    """The year's 征供地 figures in 公顷, as strings with two decimal places."""

    year = serializers.IntegerField()
    quota_ha = _hectares("征供地 quota: hectares to acquire plus hectares to supply")
    acquired_ha = _hectares("hectares whose expropriation was completed in the year, up to today")
    supplied_ha = _hectares("hectares supplied (出让 or 划拨) in the year, up to today")
    reserved_ha = _hectares("the land reserve today: parcels reserved (已收储) and not yet supplied")
    remaining_ha = _hectares("quota − (acquired + supplied), never below 0")
    required_monthly_ha = _hectares("remaining ÷ months left in the year, the current month included; 0 when done")


@extend_schema(
    parameters=[OpenApiParameter("year", int, description="default: the current year")],
    responses={200: LandSummarySerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    summary="The year's land acquisition and supply against its quota (征供地)",
)
@api_view(["GET"])
def land_summary_view(request):
    """Figures as of today. 征供地 counts a parcel's area when its expropriation is completed and again when it
    is supplied; 404 when the year has no quota."""
    raw = request.query_params.get("year")
    today = timezone.localdate()
    try:
        year = int(raw) if raw else today.year
    except ValueError:
        raise serializers.ValidationError({"year": [_("年度应为四位数字，如 2026。")]}) from None
    if not 2000 <= year <= 2100:
        raise serializers.ValidationError({"year": [_("只支持2000至2100年。")]})
    summary = land_summary(year, today)
    if not summary["has_quota"]:
        raise exceptions.NotFound(_("%(year)d年尚未下达征供地任务。") % {"year": year})
    return Response(LandSummarySerializer(summary).data)


class ProjectRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = ["id", "name"]


class ParcelSerializer(serializers.ModelSerializer):
    """A parcel; its status and the dates of each step are read-only here (see `advance`)."""

    area_mu = serializers.DecimalField(
        max_digits=16, decimal_places=4, read_only=True, help_text="area in 亩 (公顷 × 15, exact)"
    )
    land_use_display = serializers.CharField(source="get_land_use_display", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True, default=None, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    # Blank until the parcel is supplied: documented as such (a read-only model field would lose the blank).
    supply_method = serializers.ChoiceField(choices=SupplyMethod.choices, read_only=True, allow_blank=True)
    supply_method_display = serializers.CharField(source="get_supply_method_display", read_only=True)
    next_status = serializers.SerializerMethodField(
        help_text="the one status the parcel may move to; null once supplied"
    )
    projects = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Project.objects.none(), required=False, help_text="ids of the projects the parcel serves"
    )
    project_refs = ProjectRefSerializer(source="projects", many=True, read_only=True)
    can_change = serializers.SerializerMethodField(help_text="whether the caller may edit and advance the parcel")
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="the save counter you read; an update naming an older one is refused with 412 (as a stale "
        "If-Match is), so that no change is lost",
    )

    class Meta:
        model = Parcel
        fields = [
            "id", "number", "name", "area_ha", "area_mu", "land_use", "land_use_display", "location",
            "latitude", "longitude", "area", "area_name",
            "status", "status_display", "next_status", "supply_method", "supply_method_display",
            "acquiring_on", "acquired_on", "reserved_on", "supplied_on",
            "projects", "project_refs", "compensation_budget", "compensation_paid",
            "farmland_conversion_approval", "expropriation_notice", "note", "can_change", "version", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "status",
            "supply_method",
            "acquiring_on",
            "acquired_on",
            "reserved_on",
            "supplied_on",
            "updated_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only what the caller may see can be named: another project's id reads as unknown.
            self.fields["projects"].child_relation.queryset = Project.objects.visible_to(request.user)

    def get_next_status(self, parcel) -> str | None:
        upcoming = next_status(parcel.status)
        return upcoming.value if upcoming else None

    def get_can_change(self, parcel) -> bool:
        request = self.context.get("request")
        return bool(request) and may_change_parcel(request.user, parcel)

    def validate(self, attrs):
        # The model's own rule (paid ≤ budget) with its Chinese message, on the values the parcel will have.
        values = {field: getattr(self.instance, field) for field in EDITABLE_FIELDS} if self.instance else {}
        values.update({key: value for key, value in attrs.items() if key in EDITABLE_FIELDS})
        try:
            Parcel(**values).clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return attrs


class AdvanceSerializer(serializers.Serializer):
    # A plain string: the choice set is documented once, as the parcel's `status`.
    status = serializers.CharField(help_text="the parcel's next_status: acquiring, acquired, reserved or supplied")
    date = serializers.DateField(help_text="the day it happened: not in the future, not before the previous step")
    supply_method = serializers.ChoiceField(
        choices=SupplyMethod.choices, required=False, allow_blank=True, default="", help_text="required to supply"
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")

    def validate_status(self, value):
        if value not in ParcelStatus.values:
            choices = "、".join(ParcelStatus.values)
            raise serializers.ValidationError(
                _("未知的状态“%(value)s”；可选：%(choices)s。") % {"value": value, "choices": choices}
            )
        return value


class ParcelViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Land parcels (地块) from plan through expropriation and reserve to supply.

    Parcels are never deleted. Their status moves forward one step at a time through `advance`. A write
    with `If-Match` (or the body's `version`) naming an older version is refused with 412.
    """

    serializer_class = ParcelSerializer
    filterset_class = ParcelFilterSet

    def get_queryset(self):
        return parcel_list_queryset(self.request.user)

    def _answer(self, parcel, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=parcel.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request, *args, **kwargs):
        """Register a parcel (it starts as 计划征收): the dispatch office, the 征收办 and the 自然资源局."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        parcel = _run(parcel_create, user=request.user, projects=data.pop("projects", None), **data)
        return self._answer(parcel, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        """Edit a parcel's registry data (PUT or PATCH)."""
        parcel = self.get_object()
        serializer = self.get_serializer(parcel, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        projects, seen = data.pop("projects", None), data.pop("version", None)
        parcel = _run(parcel_update, user=request.user, parcel=parcel, projects=projects, seen_version=seen, **data)
        return self._answer(parcel)

    @extend_schema(request=AdvanceSerializer, responses={200: ParcelSerializer, 400: ErrorSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsZoneMember])
    def advance(self, request, pk=None):
        """Move the parcel to its next status on a date (to supply it, say how: transfer 出让 or allocation 划拨)."""
        change = AdvanceSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        parcel = _run(parcel_advance, user=request.user, parcel=self.get_object(), **change.validated_data)
        return self._answer(parcel)
