"""REST API of the evaluation: a month's ranking of one kind, and one subject's scores with every fact behind them.

The current month is computed at the call (the year to date); a past month answers from its stored snapshot,
or, where none was kept, as computed on the month's last day (`source` says which). Figures are Decimal
strings: points with two places, rates with four. The same access rules as the pages: who sees what is in
`diaodu/evaluation/permissions.py`.
"""

from decimal import ROUND_HALF_UP

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from diaodu.core.api import ErrorSerializer

from .choices import Criterion, SubjectKind
from .months import parse_month
from .permissions import may_see_breakdown, visible_kinds
from .selectors import month_ranking


def _points(help_text: str, places: int = 2, **kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=places, rounding=ROUND_HALF_UP, help_text=help_text, **kwargs
    )


class FactSerializer(serializers.Serializer):
    """One measured record behind a criterion."""

    kind = serializers.CharField(help_text="step, report, issue, project, lead or target")
    id = serializers.IntegerField(allow_null=True, help_text="the record's id; null for a period without a report")
    label = serializers.CharField()
    url = serializers.CharField(help_text="the record's page")
    passed = serializers.BooleanField()
    reason = serializers.CharField(help_text="why it passed or not, in words")
    credit = _points("what it adds to the numerator (1 or 0; 万元 for investment and signed investment)")
    basis = _points("what it adds to the denominator (1; 万元 for investment and signed investment)")


class CriterionSerializer(serializers.Serializer):
    """A criterion's fraction, rate and points; not applicable (rate, share and points null) without facts."""

    criterion = serializers.ChoiceField(choices=Criterion.choices)
    weight = _points("the scheme's weight")
    share = _points("the part of the full score (100) it carries once the weights are redistributed", allow_null=True)
    numerator = _points("Σ credit of its facts")
    denominator = _points("Σ basis of its facts")
    rate = _points("numerator ÷ denominator, at most 1", places=4, allow_null=True)
    points = _points("share × rate, half up to 0.01", allow_null=True)
    facts = FactSerializer(many=True)


class RankingRowSerializer(serializers.Serializer):
    subject_id = serializers.IntegerField(help_text="a department's id, or a person's (officers and leaders)")
    name = serializers.CharField()
    rank = serializers.IntegerField(help_text="equal totals share a rank")
    total = _points("the sum of the points")
    previous_rank = serializers.IntegerField(allow_null=True, help_text="the rank in the previous month's snapshot")
    criteria = CriterionSerializer(many=True, allow_null=True, help_text="null where the caller may not see it")


class RankingSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SubjectKind.choices)
    month = serializers.CharField(help_text="YYYY-MM")
    as_of = serializers.DateField(help_text="the day the figures stand on")
    source = serializers.ChoiceField(choices=["live", "snapshot"])
    taken_at = serializers.DateTimeField(allow_null=True, help_text="when the snapshot was taken")
    weights = serializers.DictField(child=_points("weight"), help_text="criterion → weight")
    rows = RankingRowSerializer(many=True)


class ScoreSerializer(RankingRowSerializer):
    kind = serializers.ChoiceField(choices=SubjectKind.choices)
    month = serializers.CharField(help_text="YYYY-MM")
    as_of = serializers.DateField()
    source = serializers.ChoiceField(choices=["live", "snapshot"])
    count = serializers.IntegerField(help_text="how many subjects are ranked")


KIND = OpenApiParameter(
    "kind", str, enum=SubjectKind.values, description="department, officer or leader (default: the first you may see)"
)
MONTH = OpenApiParameter("month", str, description="YYYY-MM (default: the current month)")


def _ranking(request, kind: str | None):
    kinds = visible_kinds(request.user)
    kind = kind or (kinds[0] if kinds else SubjectKind.DEPARTMENT)
    if kind not in SubjectKind.values:
        raise serializers.ValidationError({"kind": [_("“考核对象”应为 department、officer 或 leader。")]})
    if kind not in kinds:
        raise exceptions.PermissionDenied(_("您不能查看这一类考核排名。"))
    today = timezone.localdate()
    try:
        month = parse_month(request.query_params.get("month"), today)
    except ValueError as error:
        raise serializers.ValidationError({"month": [str(error)]}) from None
    return month_ranking(kind, month, today)


def _head(ranking) -> dict:
    return {
        "kind": ranking.kind,
        "month": ranking.month.strftime("%Y-%m"),
        "as_of": ranking.as_of,
        "source": "live" if ranking.is_live else "snapshot",
    }


def _row(request, ranking, row: dict) -> dict:
    shown = may_see_breakdown(request.user, ranking.kind, row["subject_id"])
    return {**row, "previous_rank": ranking.previous_ranks.get(row["subject_id"]),
            "criteria": row["criteria"] if shown else None}  # fmt: skip


@extend_schema(
    parameters=[KIND, MONTH],
    responses={200: RankingSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    summary="A month's ranking of departments, officers or leaders (考核排名)",
)
@api_view(["GET"])
def ranking_view(request):
    """Every subject of the kind with its rank and total, and each criterion's points where the caller may see them:
    all of them for the zone leader, the dispatch office, observers and administrators; a department user his own
    department's; an officer or a responsible leader his own (each sees the ranking of his kind only)."""
    ranking = _ranking(request, request.query_params.get("kind"))
    body = _head(ranking) | {
        "taken_at": ranking.snapshot.taken_at if ranking.snapshot else None,
        "weights": ranking.weights,
        "rows": [_row(request, ranking, row) for row in ranking.rows],
    }
    return Response(RankingSerializer(body).data)


@extend_schema(
    parameters=[
        OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=SubjectKind.values),
        OpenApiParameter("subject_id", int, OpenApiParameter.PATH, description="department or person id"),
        MONTH,
    ],
    responses={200: ScoreSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    summary="One subject's scores with every fact behind them (考核明细)",
)
@api_view(["GET"])
def score_view(request, kind: str, subject_id: int):
    """The subject's rank and total, each criterion's fraction, rate and points, and every fact with its reason and
    the page of its record. 404 when the subject has no score that month."""
    ranking = _ranking(request, kind)
    if not may_see_breakdown(request.user, ranking.kind, subject_id):
        raise exceptions.PermissionDenied(_("您只能查看本单位或本人的考核明细。"))
    row = ranking.row(subject_id)
    if row is None:
        raise exceptions.NotFound(_("该月没有这一考核对象的得分。"))
    body = _head(ranking) | _row(request, ranking, row) | {"count": len(ranking.rows)}
    return Response(ScoreSerializer(body).data)
