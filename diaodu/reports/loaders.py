"""What the bulletin of a date reads, as the records stood at the end of that day (a fixed number of queries).

Each record type is read through `asof.rows_as_of` (three queries each); lights come from the dated light
changes (`progress.LightChange`), counting only those recorded by the end of the day in question; the
previous bulletin is one finished by the end of the date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from diaodu.coordination.models import Issue
from diaodu.investment.choices import PIPELINE, SIGNED_STAGES, LeadStage
from diaodu.investment.models import InvestmentTarget, Lead
from diaodu.land.models import LandQuota, Parcel
from diaodu.meetings.choices import MeetingStatus
from diaodu.meetings.models import Decision, Meeting
from diaodu.org.models import Area, Department, Zone
from diaodu.progress.choices import COUNTED_STATUSES
from diaodu.progress.lights import scheduled_amount
from diaodu.progress.models import LightChange, ProgressReport
from diaodu.projects.models import InvestmentPlan, MonthlyPlan, Project

from .asof import end_of_day, rows_as_of
from .figures import ZERO, Figures

DEFAULT_SINCE_DAYS = 7
# Leads still being courted (在谈): not yet signed, not lost.
COURTED_STAGES = frozenset(PIPELINE[: PIPELINE.index(LeadStage.SIGNED)])


@dataclass
class ProjectState:
    """A project as it stood on the date, with its investment figures of the year."""

    pk: int
    name: str
    stage: str
    area_id: int | None
    department_id: int | None
    total_investment: Decimal
    planned_start: dt.date | None
    actual_start: dt.date | None
    figures: Figures = field(default_factory=Figures)


@dataclass
class Loaded:
    zone: str
    projects: dict[int, ProjectState]
    departments: dict[int, dict]
    areas: dict[int, dict]
    lights_now: dict[int, dict]
    lights_then: dict[int, dict]
    since: dt.date
    since_bulletin: bool
    issues: dict[int, dict]
    land: object
    investment: object
    meeting: object
    meeting_decisions: list[dict]
    last_meeting: object
    last_decisions: list[dict]


def reasons_of(change: dict) -> tuple[str, ...]:
    """The reasons that gave a light its colour, as recorded when it changed (all of them where none is marked)."""
    reasons = change.get("reasons") or []
    own = [r.get("message", "") for r in reasons if isinstance(r, dict) and r.get("light") == change["light"]]
    return tuple(message for message in own if message)


def _projects(as_of: dt.date) -> dict[int, ProjectState]:
    year = as_of.year
    rows = rows_as_of(
        Project,
        as_of,
        ["name", "stage", "area_id", "responsible_department_id", "total_investment", "planned_start", "actual_start"],
    )
    plans = rows_as_of(InvestmentPlan, as_of, ["project_id", "amount"], where=Q(year=year))
    months: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in rows_as_of(
        MonthlyPlan, as_of, ["plan_id", "month", "amount"], where=Q(plan_id__in=list(plans))
    ).values():
        months[row["plan_id"]][row["month"]] = row["amount"]
    done: dict[int, Decimal] = defaultdict(lambda: ZERO)
    reports = rows_as_of(
        ProgressReport,
        as_of,
        ["project_id", "investment_done", "status"],
        where=Q(period_start__year=year, period_start__lte=as_of),
    )
    for row in reports.values():
        if row["status"] in COUNTED_STATUSES:
            done[row["project_id"]] += row["investment_done"]
    plan_of = {row["project_id"]: (pk, row["amount"]) for pk, row in plans.items()}
    result = {}
    for pk, row in rows.items():
        plan_pk, amount = plan_of.get(pk, (None, ZERO))
        scheduled = scheduled_amount(as_of, amount, months.get(plan_pk)) if amount else ZERO
        result[pk] = ProjectState(
            pk=pk,
            name=row["name"],
            stage=row["stage"],
            area_id=row["area_id"],
            department_id=row["responsible_department_id"],
            total_investment=row["total_investment"],
            planned_start=row["planned_start"],
            actual_start=row["actual_start"],
            figures=Figures(plan=amount, done=done.get(pk, ZERO), scheduled=scheduled),
        )
    return result


def _lights(as_of: dt.date, since: dt.date) -> tuple[dict[int, dict], dict[int, dict]]:
    """Each project's light at the end of `as_of` and at the end of `since`: its latest change recorded by then."""
    now: dict[int, dict] = {}
    then: dict[int, dict] = {}
    end_since = end_of_day(since)
    for change in (
        LightChange.objects.filter(changed_on__lte=as_of, created_at__lte=end_of_day(as_of))
        .order_by("project_id", "changed_on", "id")
        .values("project_id", "light", "reasons", "changed_on", "created_at")
    ):
        now[change["project_id"]] = change
        if change["changed_on"] <= since and change["created_at"] <= end_since:
            then[change["project_id"]] = change
    return now, then


def _since(as_of: dt.date) -> tuple[dt.date, bool]:
    """The previous bulletin's date (one finished by the end of `as_of`), or a week before."""
    from .choices import BulletinStatus
    from .models import Bulletin

    previous = (
        Bulletin.objects.filter(status=BulletinStatus.DONE, as_of__lt=as_of, finished_at__lte=end_of_day(as_of))
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .first()
    )
    if previous is None:
        return as_of - dt.timedelta(days=DEFAULT_SINCE_DAYS), False
    return previous, True


def _land(as_of: dt.date):
    from .bulletin import LandRow

    year = as_of.year
    start = dt.date(year, 1, 1)
    quota = next(iter(rows_as_of(LandQuota, as_of, ["acquire_ha", "supply_ha"], where=Q(year=year)).values()), None)
    acquired = supplied = reserved = ZERO
    for row in rows_as_of(Parcel, as_of, ["area_ha", "acquired_on", "reserved_on", "supplied_on"]).values():
        if row["acquired_on"] and start <= row["acquired_on"] <= as_of:
            acquired += row["area_ha"]
        if row["supplied_on"] and start <= row["supplied_on"] <= as_of:
            supplied += row["area_ha"]
        if (
            row["reserved_on"]
            and row["reserved_on"] <= as_of
            and not (row["supplied_on"] and row["supplied_on"] <= as_of)
        ):
            reserved += row["area_ha"]
    return LandRow(
        year=year,
        has_quota=quota is not None,
        quota=(quota["acquire_ha"] + quota["supply_ha"]) if quota else ZERO,
        acquired=acquired,
        supplied=supplied,
        reserved=reserved,
    )


def _investment(as_of: dt.date):
    from .bulletin import InvestmentRow

    year = as_of.year
    target = next(
        iter(rows_as_of(InvestmentTarget, as_of, ["signed_investment", "signed_count"], where=Q(year=year)).values()),
        None,
    )
    leads = rows_as_of(Lead, as_of, ["title", "stage", "investment", "signed_on"]).values()
    signed = sorted(
        (
            lead
            for lead in leads
            if lead["stage"] in SIGNED_STAGES
            and lead["signed_on"]
            and lead["signed_on"].year == year
            and lead["signed_on"] <= as_of
        ),
        key=lambda lead: (lead["signed_on"], lead["id"]),
        reverse=True,
    )
    active = [lead for lead in leads if lead["stage"] in COURTED_STAGES]
    return InvestmentRow(
        year=year,
        target_amount=target["signed_investment"] if target else None,
        target_count=target["signed_count"] if target else None,
        signed_amount=sum((lead["investment"] for lead in signed), ZERO),
        signed_count=len(signed),
        active_count=len(active),
        active_amount=sum((lead["investment"] for lead in active), ZERO),
        by_stage=tuple((stage.value, sum(1 for lead in leads if lead["stage"] == stage)) for stage in PIPELINE),
        signed=tuple((lead["title"], lead["investment"], lead["signed_on"]) for lead in signed),
    )


def _meetings(as_of: dt.date, meeting_id: int | None):
    """This bulletin's meeting, the last meeting held before it by the date, and the decisions of both."""
    from .bulletin import MeetingRef

    def ref(pk, row):
        return MeetingRef(id=pk, title=row["title"], date=row["date"], kind=row["kind"])

    meetings = rows_as_of(Meeting, as_of, ["date", "kind", "title", "status"])
    meeting = None
    if meeting_id is not None:
        row = meetings.get(meeting_id)
        if row is None:
            # Recorded after the date: it is still this bulletin's meeting, named as it is now.
            row = Meeting.objects.filter(pk=meeting_id).values("date", "kind", "title", "status").first()
        meeting = ref(meeting_id, row) if row else None
    held = [
        (row["date"], pk, row)
        for pk, row in meetings.items()
        if row["status"] == MeetingStatus.HELD
        and row["date"] <= as_of
        and pk != meeting_id
        and (meeting is None or row["date"] <= meeting.date)
    ]
    last = ref(held[-1][1], held[-1][2]) if (held := sorted(held)) else None
    wanted = [m.id for m in (meeting, last) if m is not None]
    decisions = rows_as_of(
        Decision, as_of, ["meeting_id", "text", "department_id", "due_date", "issue_id", "order"],
        where=Q(meeting_id__in=wanted),
    ).values()  # fmt: skip
    mine = [d for d in decisions if meeting and d["meeting_id"] == meeting.id]
    previous = [d for d in decisions if last and d["meeting_id"] == last.id]
    return meeting, mine, last, previous


def load(as_of: dt.date, meeting_id: int | None = None) -> Loaded:
    since, since_bulletin = _since(as_of)
    lights_now, lights_then = _lights(as_of, since)
    zone = next(iter(rows_as_of(Zone, as_of, ["name"]).values()), None)
    meeting, mine, last, previous = _meetings(as_of, meeting_id)
    return Loaded(
        zone=zone["name"] if zone else "",
        projects=_projects(as_of),
        departments=rows_as_of(Department, as_of, ["name", "short_name"]),
        areas=rows_as_of(Area, as_of, ["name"]),
        lights_now=lights_now,
        lights_then=lights_then,
        since=since,
        since_bulletin=since_bulletin,
        issues=rows_as_of(
            Issue, as_of, ["project_id", "title", "department_id", "status", "due_date", "escalation_level"]
        ),
        land=_land(as_of),
        investment=_investment(as_of),
        meeting=meeting,
        meeting_decisions=mine,
        last_meeting=last,
        last_decisions=previous,
    )
