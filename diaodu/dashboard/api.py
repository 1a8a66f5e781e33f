"""REST API of the dashboard: the cockpit's figures (the page's own selector) and the map's GeoJSON layers."""

from decimal import ROUND_HALF_UP

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from diaodu.core.api import ErrorSerializer

from .mapdata import map_layers
from .selectors import cockpit_today


def _money(help_text: str, **kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=18, decimal_places=2, rounding=ROUND_HALF_UP, help_text=f"{help_text} (万元)", **kwargs
    )


def _hectares(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, rounding=ROUND_HALF_UP, help_text=f"{help_text} (公顷; × 15 = 亩)"
    )


def _percent(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=8, decimal_places=1, allow_null=True, help_text=f"{help_text} (%, one place; null without a base)"
    )


class InvestmentSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    plan = _money("the year's investment plans, summed")
    done = _money("investment of the counted reports whose period starts in the year, up to today")
    scheduled = _money("序时进度: what the plans call for by today (monthly plan where set, else the elapsed year)")
    done_share = _percent("done ÷ plan")
    scheduled_share = _percent("scheduled ÷ plan")
    light = serializers.CharField(
        allow_null=True, help_text="green, yellow or red: done against 序时进度 by the year's light thresholds"
    )


class StartsSerializer(serializers.Serializer):
    planned = serializers.IntegerField(help_text="projects (not cancelled) planned to start in the year")
    started = serializers.IntegerField(help_text="of those, the ones started")
    share = _percent("started ÷ planned")
    due = serializers.IntegerField(help_text="of those, the ones whose planned start is today or earlier")
    due_unstarted = serializers.IntegerField(help_text="of the due ones, those not started yet")
    started_in_year = serializers.IntegerField(help_text="projects whose actual start falls in the year")


class LightsSerializer(serializers.Serializer):
    red = serializers.IntegerField()
    yellow = serializers.IntegerField()
    green = serializers.IntegerField()
    unlit = serializers.IntegerField(help_text="projects without a stored light yet")
    total = serializers.IntegerField()


class LandSerializer(serializers.Serializer):
    has_quota = serializers.BooleanField()
    quota_ha = _hectares("the year's 征供地 quota (acquire + supply)")
    acquired_ha = _hectares("acquired in the year, up to today")
    supplied_ha = _hectares("supplied in the year, up to today")
    done_ha = _hectares("acquired + supplied")
    reserved_ha = _hectares("the reserve today")
    remaining_ha = _hectares("quota − done, never below 0")
    required_monthly_ha = _hectares("remaining ÷ months left")
    share = _percent("done ÷ quota")


class SignedSerializer(serializers.Serializer):
    signed_amount = _money("intended investment of the leads signed in the year")
    signed_count = serializers.IntegerField()
    target = _money("the year's target of signed investment", allow_null=True)
    target_count = serializers.IntegerField(allow_null=True)
    share = _percent("signed_amount ÷ target")


class BondsSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="the year's special-bond applications")
    asked = _money("requested by the applications put to the authority (申报 and later)")
    asked_count = serializers.IntegerField()
    approved = _money("approved (获批 and 资金到位)")
    approved_count = serializers.IntegerField()
    received = _money("received (资金到位)")
    share = _percent("approved ÷ asked")


class IndicatorRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    latest = serializers.CharField(help_text="the latest value with its unit, as the page shows it")
    latest_period = serializers.CharField()
    target = serializers.CharField(help_text="this year's target with its unit, or —")
    progress = _percent("this year's value ÷ this year's target")
    growth = _percent("year-on-year growth")
    light = serializers.CharField(allow_null=True)
    light_reason = serializers.CharField()


class IndicatorsSerializer(serializers.Serializer):
    lights = serializers.DictField(child=serializers.IntegerField(), help_text="indicators by light")
    rows = IndicatorRowSerializer(many=True)


class IssueRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    project = serializers.CharField()
    department = serializers.CharField()
    due_date = serializers.DateField()
    workdays_overdue = serializers.IntegerField()
    escalation_level = serializers.IntegerField()
    escalation_label = serializers.CharField()


class IssuesSerializer(serializers.Serializer):
    unresolved = serializers.IntegerField()
    overdue = serializers.IntegerField()
    escalated = serializers.IntegerField()
    rows = IssueRowSerializer(many=True, help_text="the overdue issues, longest overdue first (at most 10)")


class CockpitReasonSerializer(serializers.Serializer):
    rule = serializers.CharField()
    rule_label = serializers.CharField()
    message = serializers.CharField()


class RedProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField()
    area = serializers.CharField()
    leader = serializers.CharField()
    department = serializers.CharField()
    total_investment = _money("total investment")
    red_since = serializers.DateField()
    reasons = CockpitReasonSerializer(many=True, help_text="the red reasons")


class DeadlineRowSerializer(serializers.Serializer):
    date = serializers.DateField()
    workdays_left = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["deadline", "late_finish", "report"])
    kind_label = serializers.CharField()
    title = serializers.CharField()
    project = serializers.CharField(help_text="the project, or for a report the number of projects yet to submit it")
    url = serializers.CharField()


class DeadlinesSerializer(serializers.Serializer):
    until = serializers.DateField(help_text="the last day of the window (the 10th working day after today)")
    workdays = serializers.IntegerField()
    count = serializers.IntegerField()
    rows = DeadlineRowSerializer(many=True, help_text="the soonest (at most 10)")


class CockpitSerializer(serializers.Serializer):
    """The cockpit's figures, narrowed to what the caller may see."""

    as_of = serializers.DateField()
    year = serializers.IntegerField()
    time_share = _percent("the elapsed share of the year")
    project_count = serializers.IntegerField()
    investment = InvestmentSerializer()
    starts = StartsSerializer()
    lights = LightsSerializer()
    land = LandSerializer()
    signed = SignedSerializer()
    bonds = BondsSerializer()
    indicators = IndicatorsSerializer()
    issues = IssuesSerializer()
    red_projects = RedProjectSerializer(many=True, help_text="the largest red projects (at most 10)")
    deadlines = DeadlinesSerializer()
    charts = serializers.DictField(
        help_text="the data of the page's charts (s_curve, lights, by_area, funnel, burndown), figures as strings"
    )


@extend_schema(
    responses={200: CockpitSerializer, 403: ErrorSerializer},
    summary="The leader's cockpit (驾驶舱)",
)
@api_view(["GET"])
def cockpit_view(request):
    """The figures of the cockpit page, from the same selector: investment against plan and 序时进度, starts against
    the year's planned starts, lights, 征供地 against the quota, signed investment, special bonds, indicators,
    issues, the red projects, the deadlines of the next 10 working days, and the charts' data. Money in 万元 and
    land in 公顷, as strings."""
    return Response(CockpitSerializer(cockpit_today(request.user)).data)


class FeatureCollectionSerializer(serializers.Serializer):
    """A GeoJSON FeatureCollection (RFC 7946): positions are [longitude, latitude]."""

    type = serializers.CharField(default="FeatureCollection")
    features = serializers.ListField(child=serializers.DictField())


class LayerCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    placed = serializers.IntegerField(help_text="with coordinates")
    shown = serializers.IntegerField(help_text="on the map (at most 5000, the largest first)")
    unplaced_count = serializers.IntegerField()
    unplaced = serializers.ListField(child=serializers.DictField(), help_text="those without coordinates (50 at most)")


class MapSerializer(serializers.Serializer):
    areas = FeatureCollectionSerializer(
        help_text="each area with a boundary (Polygon/MultiPolygon); properties: id, name, kind, kind_label, projects, "
        "investment (万元), red, yellow, green, parcels, parcel_ha (公顷), url"
    )
    projects = FeatureCollectionSerializer(
        help_text="each project with coordinates (Point); properties: id, name, light (red/yellow/green/none), "
        "light_label, stage, stage_label, total_investment (万元), area, url"
    )
    parcels = FeatureCollectionSerializer(
        help_text="each parcel with coordinates (Point); properties: id, number, name, status, status_label, "
        "area_ha (公顷), area, url"
    )
    # Longitude and latitude, read from the GeoJSON the boundaries are kept as (RFC 7946: JSON numbers), for the
    # map's view box: neither money nor land, which are Decimals everywhere.
    bounds = serializers.ListField(
        child=serializers.FloatField(), allow_null=True, help_text="[west, south, east, north] of the areas, degrees"
    )
    areas_without_boundary = serializers.ListField(child=serializers.CharField())
    project_counts = LayerCountsSerializer()
    parcel_counts = LayerCountsSerializer()
    legend = serializers.DictField()


@extend_schema(
    responses={200: MapSerializer, 403: ErrorSerializer},
    summary="The zone's map (一张图) as GeoJSON",
)
@api_view(["GET"])
def map_view(request):
    """The areas' boundaries, the projects the caller may see (by light) and the parcels (by status), each as a
    GeoJSON FeatureCollection, with what could not be placed. Money in 万元 and land in 公顷, as strings."""
    return Response(map_layers(request.user))
