"""Reads of investment attraction: the pipeline by stage, the funnel, breakdowns, the year against its target,
the headquarters list, and the count of resident enterprises that the indicators read.

Sums are made in Python over Decimals (exact), on lists read once; every function here runs a fixed number of
queries whatever the number of leads.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core.units import WAN_PER_YI

from .choices import (
    HEADQUARTERS_BADGES,
    PIPELINE,
    SIGNED_STAGES,
    STAGE_BADGES,
    HeadquartersStatus,
    LeadSource,
    LeadStage,
    stage_index,
)
from .models import Company, HeadquartersMove, IndustryChain, InvestmentTarget, Lead, LeadActivity

ZERO = Decimal(0)


def resident_enterprise_count(as_of: dt.date | None = None) -> int:
    """入驻企业数: companies resident in the zone at the end of `as_of` (default today).

    A company counts from its `resident_since` day until the day before its `resident_until` (迁出). This is a
    zone-level figure for the indicators (the speech's 116 enterprises of 2020), not narrowed to a user. One query.
    """
    as_of = as_of or timezone.localdate()
    return (
        Company.objects.filter(resident_since__lte=as_of)
        .filter(Q(resident_until__isnull=True) | Q(resident_until__gt=as_of))
        .count()
    )


def lead_list_queryset(user):
    """The leads a user may see, with what the pages and the API show of them, in a fixed number of queries."""
    return Lead.objects.visible_to(user).select_related(
        "company__organisation", "referrer__organisation", "chain", "park", "officer", "project"
    )


def company_list_queryset(user):
    return (
        Company.objects.visible_to(user)
        .select_related("organisation", "area", "headquarters")
        .annotate(lead_count=Count("leads", distinct=True))
        .order_by("organisation__name")
    )


def lead_detail_queryset(user):
    activities = LeadActivity.objects.select_related("author").order_by("-date", "-id")
    return lead_list_queryset(user).prefetch_related(Prefetch("activities", queryset=activities))


def _yi(amount: Decimal) -> str:
    """万元 → 亿元 with two places, as a string for the charts."""
    return str((amount / WAN_PER_YI).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def kanban(leads: list[Lead]) -> list[dict]:
    """The pipeline's columns, one per stage in order: the leads there (largest first), their count and sum."""
    by_stage: dict[str, list[Lead]] = {stage.value: [] for stage in PIPELINE}
    for lead in leads:
        if lead.stage in by_stage:
            by_stage[lead.stage].append(lead)
    columns = []
    for stage in PIPELINE:
        rows = sorted(by_stage[stage.value], key=lambda lead: (-lead.investment, lead.pk))
        columns.append(
            {
                "stage": stage,
                "badge": STAGE_BADGES[stage],
                "leads": rows,
                "count": len(rows),
                "amount": sum((lead.investment for lead in rows), ZERO),
            }
        )
    return columns


def funnel(leads: list[Lead]) -> dict:
    """The funnel for the chart: for each stage, the leads that have reached it (and are not lost), with sums.

    A lead at 洽谈 has passed 线索, 接洽 and 考察, so it counts in those layers too: each layer holds every lead
    at that stage or beyond, and the layers narrow. Amounts in 亿元 as strings (two places).
    """
    counts = [0] * len(PIPELINE)
    amounts = [ZERO] * len(PIPELINE)
    for lead in leads:
        if lead.stage == LeadStage.LOST:
            continue
        for index in range(stage_index(lead.stage) + 1):
            counts[index] += 1
            amounts[index] += lead.investment
    lost = [lead for lead in leads if lead.stage == LeadStage.LOST]
    return {
        "stages": [
            {"stage": stage.value, "name": str(stage.label), "count": count, "amount_yi": _yi(amount)}
            for stage, count, amount in zip(PIPELINE, counts, amounts, strict=True)
        ],
        "lost": {"count": len(lost), "amount_yi": _yi(sum((lead.investment for lead in lost), ZERO))},
        "unit": _("亿元"),
        "labels": {"count": _("条"), "amount": _("意向投资"), "lost": _("终止")},
    }


def _summarise(groups: dict, order: list) -> list[dict]:
    rows = []
    for key in order:
        leads = groups.get(key, [])
        if not leads:
            continue
        live = [lead for lead in leads if lead.stage != LeadStage.LOST]
        signed = [lead for lead in leads if lead.stage in SIGNED_STAGES]
        rows.append(
            {
                "key": key,
                "count": len(leads),
                "active": len([lead for lead in live if lead.stage not in SIGNED_STAGES]),
                "amount": sum((lead.investment for lead in live), ZERO),
                "signed_count": len(signed),
                "signed_amount": sum((lead.investment for lead in signed), ZERO),
                "lost": len(leads) - len(live),
            }
        )
    return rows


def breakdowns(leads: list[Lead]) -> dict[str, list[dict]]:
    """The leads by industry chain, by source and by 招商 officer: counts, intended and signed investment.

    Each row: {"label", "count", "active" (before 签约), "amount" (not lost), "signed_count", "signed_amount",
    "lost", "filter" (the query string that narrows the pipeline to it)}.
    """
    by_chain, by_source, by_officer = defaultdict(list), defaultdict(list), defaultdict(list)
    chains, officers = {}, {}
    for lead in leads:
        by_chain[lead.chain_id].append(lead)
        chains[lead.chain_id] = lead.chain
        by_source[lead.source].append(lead)
        by_officer[lead.officer_id].append(lead)
        officers[lead.officer_id] = lead.officer
    chain_order = sorted(
        chains, key=lambda pk: (chains[pk] is None, chains[pk].sort_order if chains[pk] else 0, pk or 0)
    )
    officer_order = sorted(officers, key=lambda pk: (officers[pk] is None, officers[pk].name if officers[pk] else ""))

    chain_rows = _summarise(by_chain, chain_order)
    for row in chain_rows:
        chain = chains[row["key"]]
        row["label"] = chain.name if chain else _("未定产业链")
        row["filter"] = f"chain={chain.pk}" if chain else ""
    source_rows = _summarise(by_source, LeadSource.values)
    for row in source_rows:
        row["label"] = LeadSource(row["key"]).label
        row["filter"] = f"source={row['key']}"
    officer_rows = _summarise(by_officer, officer_order)
    for row in officer_rows:
        officer = officers[row["key"]]
        row["label"] = officer.name if officer else _("未分配")
        row["filter"] = f"officer={officer.pk}" if officer else ""
    return {"chain": chain_rows, "source": source_rows, "officer": officer_rows}


def signed_in_year(leads: list[Lead], year: int, as_of: dt.date | None = None) -> dict:
    """The year's signed investment (leads signed in the year, whatever stage they reached since) against its target.

    {"year", "target" (InvestmentTarget or None), "signed_amount", "signed_count", "share" (percent of the target,
    one place, None without one), "time_share" (percent of the year elapsed on `as_of`), "leads" (signed, newest
    first)}.
    """
    as_of = as_of or timezone.localdate()
    target = InvestmentTarget.objects.filter(year=year).first()
    signed = sorted(
        (lead for lead in leads if lead.signed_on and lead.signed_on.year == year and lead.stage in SIGNED_STAGES),
        key=lambda lead: (lead.signed_on, lead.pk),
        reverse=True,
    )
    amount = sum((lead.investment for lead in signed), ZERO)
    share = None
    if target is not None and target.signed_investment > 0:
        share = (amount * 100 / target.signed_investment).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    elapsed = min(max((as_of - start).days + 1, 0), (end - start).days + 1)
    time_share = (Decimal(elapsed) * 100 / ((end - start).days + 1)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    count_share = None
    if target is not None and target.signed_count:
        count_share = (Decimal(len(signed)) * 100 / target.signed_count).quantize(Decimal("0.1"))
    return {
        "year": year,
        "target": target,
        "signed_amount": amount,
        "signed_count": len(signed),
        "share": share,
        "count_share": count_share,
        "time_share": time_share,
        "behind": share is not None and share < time_share,
        "leads": signed,
    }


def overdue(leads: list[Lead], as_of: dt.date | None = None) -> list[Lead]:
    """Large leads with a deadline of the response rules past, the longest overdue first."""
    as_of = as_of or timezone.localdate()
    return sorted((lead for lead in leads if lead.is_overdue_on(as_of)), key=lambda lead: (lead.sla_due_on, lead.pk))


def headquarters(user) -> list[dict]:
    """The headquarters moves by status (已迁入, 已同意迁入, 洽谈中), each group with its space taken."""
    moves = list(
        HeadquartersMove.objects.visible_to(user)
        .select_related("company__organisation", "company__area", "officer")
        .order_by("agreed_on", "company__organisation__name")
    )
    groups = []
    for status in (HeadquartersStatus.MOVED, HeadquartersStatus.AGREED, HeadquartersStatus.NEGOTIATING):
        rows = [move for move in moves if move.status == status]
        groups.append(
            {
                "status": status,
                "badge": HEADQUARTERS_BADGES[status],
                "moves": rows,
                "floor_area_m2": sum((move.floor_area_m2 or ZERO for move in rows), ZERO),
            }
        )
    return groups


def active_chains():
    return IndustryChain.objects.filter(is_active=True).order_by("sort_order", "id")
