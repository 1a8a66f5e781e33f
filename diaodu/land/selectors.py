"""Reads of the land ledger: the year's figures against the quota, the burn-down, the projects waiting for land.

How 征供地 counts (see `LandQuota`): the quota is hectares to acquire plus hectares to supply; a parcel
counts by its area on the day its expropriation is completed and again on the day it is supplied, each in
the year that day falls in. Sums are made in Python over Decimals, so that every figure is exact.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.projects.choices import Category, Stage, StepStatus
from diaodu.projects.models import Project, Step

from .choices import LandUse, ParcelStatus
from .models import LandQuota, Parcel

ZERO = Decimal(0)
PRECISION = Decimal("0.0001")  # what the ledger stores: one square metre
# The 前期手续 of the catalogue that are about land: 用地预审, 土地征收/征拆, 土地供应.
LAND_STEP_CODES = ("land_pre_review", "expropriation", "land_supply")
SETTLED_STEP = (StepStatus.DONE, StepStatus.NOT_APPLICABLE)
# The land uses that suit a project of each category (to rank the reserve that could serve it).
SUITABLE_USES = {
    Category.INDUSTRIAL: {LandUse.INDUSTRIAL, LandUse.STORAGE},
    Category.INFRASTRUCTURE: {LandUse.TRANSPORT, LandUse.PUBLIC, LandUse.WATER},
    Category.PUBLIC_SERVICE: {LandUse.PUBLIC},
    Category.AGRICULTURE: {LandUse.FARMLAND, LandUse.INDUSTRIAL},
    Category.TOURISM_HEALTH: {LandUse.COMMERCIAL, LandUse.PUBLIC},
    Category.REAL_ESTATE: {LandUse.RESIDENTIAL, LandUse.COMMERCIAL},
    Category.OTHER: {LandUse.COMMERCIAL},
}
CANDIDATES_SHOWN = 3


def months_left(year: int, as_of: dt.date) -> int:
    """Months of `year` still open on `as_of`, the current one included: 7 on any day of June.

    12 before the year starts; once the year is over, 1 (its shortfall is what December would have needed).
    """
    if as_of < dt.date(year, 1, 1):
        return 12
    if as_of > dt.date(year, 12, 31):
        return 1
    return 13 - as_of.month


def _quantize(value: Decimal) -> Decimal:
    return value.quantize(PRECISION, rounding=ROUND_HALF_UP)


def _rows(year: int, counted_to: dt.date) -> list[tuple[Decimal, dt.date | None, dt.date | None, dt.date | None]]:
    """(area, acquired_on, reserved_on, supplied_on) of the parcels that count in the year or lie in the reserve."""
    return list(
        Parcel.objects.filter(
            Q(acquired_on__year=year)
            | Q(supplied_on__year=year)
            | Q(reserved_on__lte=counted_to, supplied_on__isnull=True)
            | Q(reserved_on__lte=counted_to, supplied_on__gt=counted_to)
        ).values_list("area_ha", "acquired_on", "reserved_on", "supplied_on")
    )


def land_summary(year: int, as_of: dt.date | None = None, *, rows: list | None = None) -> dict:
    """The year's 征供地 figures on `as_of` (default today), in 公顷 as Decimals.

    - quota_ha: the year's quota (acquire + supply; 0 where none is set, `has_quota` says which);
    - acquired_ha / supplied_ha: areas whose expropriation was completed / which were supplied from
      1 January up to `as_of` (up to 31 December once the year is over);
    - reserved_ha: the reserve on that day: parcels reserved and not yet supplied (whatever the year);
    - remaining_ha: quota − (acquired + supplied), never below 0;
    - required_monthly_ha: remaining ÷ `months_left(year, as_of)`, rounded half up to 0.0001 公顷
      (0 when nothing remains): the monthly pace still needed to meet the quota by 31 December.
    One query for the quota, one for the parcels (none when `rows`, the parcels' `_rows`, are given).
    """
    as_of = as_of or timezone.localdate()
    counted_to = min(as_of, dt.date(year, 12, 31))
    start = dt.date(year, 1, 1)
    quota = LandQuota.objects.filter(year=year).first()
    acquired = supplied = reserved = ZERO
    for area, acquired_on, reserved_on, supplied_on in _rows(year, counted_to) if rows is None else rows:
        if acquired_on and start <= acquired_on <= counted_to:
            acquired += area
        if supplied_on and start <= supplied_on <= counted_to:
            supplied += area
        if reserved_on and reserved_on <= counted_to and (supplied_on is None or supplied_on > counted_to):
            reserved += area
    quota_ha = quota.total_ha if quota else ZERO
    done = acquired + supplied
    remaining = max(quota_ha - done, ZERO)
    left = months_left(year, as_of)
    required = _quantize(remaining / left) if remaining else ZERO
    elapsed = 0 if as_of < start else 12 - left + 1 if as_of <= dt.date(year, 12, 31) else 12
    return {
        "year": year,
        "as_of": as_of,
        "has_quota": quota is not None,
        "quota": quota,
        "quota_ha": quota_ha,
        "acquire_quota_ha": quota.acquire_ha if quota else ZERO,
        "supply_quota_ha": quota.supply_ha if quota else ZERO,
        "acquired_ha": acquired,
        "supplied_ha": supplied,
        "done_ha": done,
        "reserved_ha": reserved,
        "remaining_ha": remaining,
        "months_left": left,
        "required_monthly_ha": required,
        # What the months so far achieved on average (the current month counted as a whole one).
        "monthly_pace_ha": _quantize(done / elapsed) if elapsed else ZERO,
    }


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def land_figures(year: int, as_of: dt.date | None = None) -> tuple[dict, dict]:
    """`land_summary` and `burndown` together, from one read of the parcels: two queries."""
    as_of = as_of or timezone.localdate()
    rows = _rows(year, min(as_of, dt.date(year, 12, 31)))
    summary = land_summary(year, as_of, rows=rows)
    return summary, burndown(year, as_of, summary=summary, rows=rows)


def burndown(year: int, as_of: dt.date | None = None, *, summary: dict | None = None, rows: list | None = None) -> dict:
    """The burn-down of the year's quota, month by month, for the chart (figures as strings, 2 places).

    Points are the start of the year and the end of each month; the current month's point is `as_of`.
    - acquired / supplied: cumulative hectares (None after `as_of`);
    - remaining: quota − (acquired + supplied), never below 0 (None after `as_of`, or without a quota);
    - target: the straight line from the quota on 1 January to 0 on 31 December;
    - needed: from the end of the previous month to 31 December at the monthly pace still needed
      (`required_monthly_ha`), so that its slope is that pace; None where nothing remains or the year is over.
    """
    as_of = as_of or timezone.localdate()
    counted_to = min(as_of, dt.date(year, 12, 31))
    rows = _rows(year, counted_to) if rows is None else rows
    if summary is None or summary["year"] != year or summary["as_of"] != as_of:
        summary = land_summary(year, as_of, rows=rows)
    quota_ha = summary["quota_ha"] if summary["has_quota"] else None
    # Hectares by the month they were acquired / supplied in (each date counted in its own year only).
    by_month = {1: [ZERO] * 13, 3: [ZERO] * 13}
    for row in rows:
        for index, months in by_month.items():
            if row[index] and row[index].year == year and row[index] <= counted_to:
                months[row[index].month] += row[0]

    def cumulative(index: int, day: dt.date) -> Decimal:
        return sum(by_month[index][1 : day.month + 1], ZERO) if day.year == year else ZERO

    def text(value: Decimal | None) -> str | None:
        return None if value is None else str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    labels = [_("年初")] + [_("%(month)d月") % {"month": month} for month in range(1, 13)]
    acquired, supplied, remaining, target = [], [], [], []
    for point in range(13):
        day = dt.date(year, 1, 1) - dt.timedelta(days=1) if point == 0 else min(_month_end(year, point), counted_to)
        shown = point == 0 or dt.date(year, point, 1) <= counted_to
        done_acquired = cumulative(1, day) if shown else None
        done_supplied = cumulative(3, day) if shown else None
        acquired.append(text(done_acquired))
        supplied.append(text(done_supplied))
        if quota_ha is None:
            remaining.append(None)
            target.append(None)
            continue
        remaining.append(text(max(quota_ha - done_acquired - done_supplied, ZERO)) if shown else None)
        target.append(text(quota_ha * (12 - point) / 12))
    needed: list[str | None] = [None] * 13
    year_open = as_of <= dt.date(year, 12, 31)
    if quota_ha is not None and summary["remaining_ha"] > 0 and year_open:
        first = 12 - summary["months_left"]  # the end of the month before the current one (年初 in January)
        for point in range(first, 13):
            needed[point] = text(summary["remaining_ha"] * (12 - point) / summary["months_left"])
    return {
        "year": year,
        "labels": labels,
        "acquired": acquired,
        "supplied": supplied,
        "remaining": remaining,
        "target": target,
        "needed": needed,
        "quota": text(quota_ha),
        "unit": _("公顷"),
        "names": {
            "acquired": _("累计征收"),
            "supplied": _("累计供应"),
            "remaining": _("剩余任务"),
            "target": _("序时目标"),
            "needed": _("所需进度（每月 %(pace)s 公顷）") % {"pace": text(summary["required_monthly_ha"])},
            "quota": _("年度任务"),
        },
    }


def parcel_list_queryset(user):
    """The parcels a user may see, with what the ledger shows, in a fixed number of queries."""
    return (
        Parcel.objects.visible_to(user)
        .select_related("area")
        # A parcel is zone-level, the projects it serves are not: each reader sees those of his projects only.
        .prefetch_related(
            Prefetch("projects", queryset=Project.objects.visible_to(user).only("id", "name").order_by("name"))
        )
        .order_by("number")
    )


def pending_land_steps():
    """The land steps of the catalogue that are not done yet (nor marked 不涉及)."""
    return Step.objects.filter(procedure_type__code__in=LAND_STEP_CODES).exclude(status__in=SETTLED_STEP)


def rank_reserve(project: Project, reserve: list[Parcel]) -> list[Parcel]:
    """The reserved parcels in the order they could serve `project`.

    Parcels already linked to the project first; then those in the project's area; then those nobody has
    claimed yet; then a land use that suits the project's category; the larger parcel before the smaller.
    """
    suitable = SUITABLE_USES.get(project.category, set())

    def key(parcel: Parcel):
        linked = {p.pk for p in parcel.projects.all()}
        return (
            project.pk not in linked,
            project.area_id is None or parcel.area_id != project.area_id,
            bool(linked - {project.pk}),
            parcel.land_use not in suitable,
            -parcel.area_ha,
            parcel.number,
        )

    return sorted(reserve, key=key)


def projects_waiting_for_land(user) -> list[dict]:
    """Projects in preparation (前期) whose land steps are not done, each with the reserve that could serve it.

    `[{"project", "steps": [pending land steps], "candidates": [reserved parcels, best first], "same_area": bool}]`,
    projects ordered by the planned start (the most pressing first). A fixed number of queries.
    """
    pending = pending_land_steps()
    projects = list(
        Project.objects.visible_to(user)
        .filter(stage=Stage.PREPARATION)
        .filter(Exists(pending.filter(project=OuterRef("pk"))))
        .select_related("area")
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=pending.select_related("procedure_type").order_by("sort_order", "id"),
                to_attr="pending_land_steps",
            )
        )
        .order_by("planned_start", "name")
    )
    reserve = list(
        Parcel.objects.visible_to(user)
        .filter(status=ParcelStatus.RESERVED)
        .select_related("area")
        .prefetch_related(Prefetch("projects", queryset=Project.objects.only("id", "name")))
    )
    result = []
    for project in projects:
        candidates = rank_reserve(project, reserve)[:CANDIDATES_SHOWN]
        result.append(
            {
                "project": project,
                "steps": project.pending_land_steps,
                "candidates": candidates,
                "same_area": bool(candidates)
                and project.area_id is not None
                and candidates[0].area_id == project.area_id,
            }
        )
    return result
