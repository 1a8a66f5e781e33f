"""REST API of the indicators: the list with its computed figures; an indicator's values and targets.

Figures are strings (Decimal): values with four decimal places in the indicator's unit (money in 万元), growth,
progress and required growth in % with two. The arithmetic and the light's bands are defined in
`diaodu/indicators/arithmetic.py`.
"""

import datetime as dt
from decimal import ROUND_HALF_UP

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from diaodu.core.api import ErrorSerializer

from .models import Indicator, IndicatorTarget, IndicatorValue
from .selectors import indicators_overview
from .services import indicator_target_set, indicator_value_enter


def _run(service, **kwargs):
    """Call a service; its refusal keeps its Chinese message in the API's error shape."""
    try:
        return service(**kwargs)
    except PermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None


def _figure(help_text: str, **kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=22, decimal_places=4, rounding=ROUND_HALF_UP, help_text=help_text, **kwargs
    )


def _percent(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=12, decimal_places=2, rounding=ROUND_HALF_UP, allow_null=True, help_text=help_text
    )


class IndicatorOverviewSerializer(serializers.Serializer):
    """An indicator with its figures on the day asked about."""

    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField(help_text="money in 万元; a ratio in %")
    # A plain string: the choice set is documented here once.
    kind = serializers.CharField(help_text="flow (summed over months), stock (read at a point) or ratio (derived)")
    latest_value = _figure("the latest value in the indicator's unit", allow_null=True)
    latest_period = serializers.CharField(help_text="the period of the latest value, e.g. 2026年1–10月, 2025年末")
    is_live = serializers.BooleanField(help_text="the latest value was read from a live source (another app)")
    growth = _percent("year-on-year growth of the latest value, % (a flow: cumulative over the same months)")
    target_year = serializers.IntegerField(help_text="the year of the day asked about")
    target = _figure("the target for target_year", allow_null=True)
    progress = _percent("the value in target_year ÷ its target × 100")
    end_year = serializers.IntegerField(allow_null=True, help_text="the plan's end year in view (规划期末)")
    end_target = _figure("the target for end_year", allow_null=True)
    required_growth = _percent("average annual growth still required to reach end_target, %")
    light = serializers.CharField(
        allow_null=True, help_text="green, yellow or red: the required growth against the achieved growth"
    )
    light_reason = serializers.CharField(help_text="the light in words")


@extend_schema(
    parameters=[OpenApiParameter("as_of", dt.date, description="the day the figures stand on (default: today)")],
    responses={200: IndicatorOverviewSerializer(many=True), 400: ErrorSerializer},
    summary="The indicators against their targets (经济指标)",
)
@api_view(["GET"])
def indicator_overview_view(request):
    """Each indicator with its latest value and period, growth, progress against this year's target, and the
    average annual growth still required to reach the plan's end-year target, with its light."""
    raw = request.query_params.get("as_of")
    as_of = timezone.localdate()
    if raw:
        try:
            as_of = dt.date.fromisoformat(raw)
        except ValueError:
            raise serializers.ValidationError({"as_of": [_("日期格式应为 YYYY-MM-DD，如 2026-10-31。")]}) from None
    rows = indicators_overview(as_of, user=request.user)
    return Response(IndicatorOverviewSerializer(rows, many=True).data)


class IndicatorValueSerializer(serializers.ModelSerializer):
    """A typed value; `replaces` (write only) is the value being corrected, as the caller read it."""

    period_label = serializers.CharField(read_only=True)
    replaces = _figure(
        "to correct a stored value, send it here as you read it; omit for a new period", required=False,
        allow_null=True, write_only=True,
    )  # fmt: skip

    class Meta:
        model = IndicatorValue
        fields = ["id", "granularity", "period_start", "period_label", "value", "source", "replaces", "updated_at"]


class IndicatorTargetSerializer(serializers.ModelSerializer):
    """A year's target; `replaces` (write only) is the target being changed, as the caller read it."""

    replaces = _figure(
        "to change a stored target, send it here as you read it; omit for a new year", required=False,
        allow_null=True, write_only=True,
    )  # fmt: skip

    class Meta:
        model = IndicatorTarget
        fields = ["id", "year", "value", "is_plan_end", "note", "replaces", "updated_at"]
        extra_kwargs = {"year": {"validators": []}}  # one per indicator and year: the service says so in words


CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="the indicator's code, e.g. gdp")


class _OfIndicator(generics.ListCreateAPIView):
    model = None

    @cached_property
    def indicator(self) -> Indicator:
        return get_object_or_404(Indicator.objects.visible_to(self.request.user), code=self.kwargs["code"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.model.objects.visible_to(self.request.user).filter(indicator=self.indicator)


@extend_schema_view(
    get=extend_schema(parameters=[CODE], summary="An indicator's typed values"),
    post=extend_schema(
        parameters=[CODE],
        responses={
            201: IndicatorValueSerializer,
            200: IndicatorValueSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
        },
        summary="Enter or correct a value (dispatch office, administrators)",
    ),
)
class IndicatorValueList(_OfIndicator):
    """The values typed for a month, quarter or year, oldest first. A ratio has none: it is computed from its
    numerator and denominator (see the list). POST enters a value (201); a period that already has one is refused
    unless `replaces` names the stored value, which corrects it (200)."""

    model = IndicatorValue
    serializer_class = IndicatorValueSerializer
    filterset_fields = ["granularity"]

    def get_queryset(self):
        return super().get_queryset().order_by("period_start", "granularity")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        record = _run(
            indicator_value_enter,
            user=request.user,
            indicator=self.indicator,
            granularity=data["granularity"],
            period_start=data["period_start"],
            value=data["value"],
            source=data.get("source", ""),
            replaces=data.get("replaces"),
        )
        code = status.HTTP_201_CREATED if data.get("replaces") is None else status.HTTP_200_OK
        return Response(self.get_serializer(record).data, status=code)


@extend_schema_view(
    get=extend_schema(parameters=[CODE], summary="An indicator's targets by year"),
    post=extend_schema(
        parameters=[CODE],
        responses={
            201: IndicatorTargetSerializer,
            200: IndicatorTargetSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
        },
        summary="Set a year's target (dispatch office, administrators)",
    ),
)
class IndicatorTargetList(_OfIndicator):
    """The targets by year, the plan's end-year targets flagged. POST sets a year's target (201); a year
    that already has one is refused unless `replaces` names the stored target, which changes it (200)."""

    model = IndicatorTarget
    serializer_class = IndicatorTargetSerializer

    def get_queryset(self):
        return super().get_queryset().order_by("year")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        record = _run(
            indicator_target_set,
            user=request.user,
            indicator=self.indicator,
            year=data["year"],
            value=data["value"],
            is_plan_end=data.get("is_plan_end", False),
            note=data.get("note", ""),
            replaces=data.get("replaces"),
        )
        code = status.HTTP_201_CREATED if data.get("replaces") is None else status.HTTP_200_OK
        return Response(self.get_serializer(record).data, status=code)
