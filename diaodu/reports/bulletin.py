"""The dispatch bulletin (调度通报) of one date, as one data structure that the three renderers share.

`build_bulletin(as_of, meeting_id=None)` reads every figure as the records stood at the end of `as_of`
(see `asof.py`): projects, plans, reports, issues, parcels and leads from their history, lights from
the dated light changes, decisions from theirs. A bulletin for a past date is therefore made again
identically whatever was edited since. It runs a fixed number of queries whatever the number of
projects (three for each of the fourteen kinds of record, one for the lights, one for the previous
bulletin), and never narrows to a user: the bulletin is the zone's, and the pages decide who may read
it (`permissions.py`). Lights carry the reasons recorded when the light last changed colour.

Amounts are Decimal 万元; rates are percentages of the year's plan, to one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from diaodu.coordination.choices import UNRESOLVED, EscalationLevel
from diaodu.core import workdays
from diaodu.progress.choices import Light
from diaodu.projects.choices import Stage

from . import loaders
from .figures import ZERO, Figures, percent


@dataclass(frozen=True)
class Headline:
    """The zone's figures: investment against the year's plan and 序时进度, starts against plan, lights."""

    year: int
    projects: int
    investment: Figures
    planned_starts: int  # projects planned to start in the year
    starts_due: int  # of which the planned start has come by the date
    started: int  # of which have started by the date
    red: int
    yellow: int
    green: int
    unlit: int = 0  # projects with no light recorded by the date

    @property
    def start_rate(self):
        return percent(self.started, self.planned_starts)


@dataclass(frozen=True)
class RankRow:
    """A department or an area: its investment against its plan and 序时进度, and its red and yellow projects."""

    rank: int | None
    name: str
    projects: int
    investment: Figures
    red: int
    yellow: int


@dataclass(frozen=True)
class LightRow:
    project: str
    department: str
    area: str
    total_investment: object
    light: str
    since: dt.date
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ChangeRow:
    project: str
    department: str
    before: str
    after: str
    changed_on: dt.date
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class IssueRow:
    title: str
    project: str
    department: str
    status: str
    due_date: dt.date | None
    days_overdue: int | None  # working days past the due date; None when not overdue
    level: int


@dataclass(frozen=True)
class LandRow:
    year: int
    has_quota: bool
    quota: object
    acquired: object
    supplied: object
    reserved: object

    @property
    def done(self):
        return self.acquired + self.supplied

    @property
    def remaining(self):
        return max(self.quota - self.done, ZERO)

    @property
    def rate(self):
        return percent(self.done, self.quota)


@dataclass(frozen=True)
class InvestmentRow:
    """招商引资: the year's signed investment against its target, and the leads still being worked."""

    year: int
    target_amount: object | None
    target_count: int | None
    signed_amount: object
    signed_count: int
    active_count: int
    active_amount: object
    by_stage: tuple[tuple[str, int], ...]  # (stage, leads) along the pipeline
    signed: tuple[tuple[str, object, dt.date], ...]  # (lead, amount, signed on), newest first

    @property
    def share(self):
        return percent(self.signed_amount, self.target_amount) if self.target_amount else None


@dataclass(frozen=True)
class DecisionRow:
    text: str
    department: str
    due_date: dt.date | None
    status: str  # the issue's status on the date; "" where it had none
    overdue: bool


@dataclass(frozen=True)
class MeetingRef:
    id: int
    title: str
    date: dt.date
    kind: str


@dataclass(frozen=True)
class BulletinData:
    as_of: dt.date
    zone: str
    since: dt.date  # the date of the previous bulletin, or a week before
    since_bulletin: bool  # whether `since` is a previous bulletin's date
    time_share: object  # the share of the year elapsed at the end of the date (percent)
    headline: Headline
    departments: tuple[RankRow, ...]
    areas: tuple[RankRow, ...]
    lights: tuple[LightRow, ...]
    changes: tuple[ChangeRow, ...]
    issues: tuple[IssueRow, ...]
    land: LandRow
    investment: InvestmentRow
    meeting: MeetingRef | None
    meeting_decisions: tuple[DecisionRow, ...]
    last_meeting: MeetingRef | None
    last_decisions: tuple[DecisionRow, ...]


def _time_share(day: dt.date):
    start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return percent((day - start).days + 1, (end - start).days + 1)


def _ranking(groups: dict, names: dict[int | None, str], lights: dict[int, str]) -> tuple:
    """Rows ranked by completion of the year's plan (highest first); rows without a plan come last, unranked."""
    rows = []
    for key, members in groups.items():
        figures = Figures.total(member.figures for member in members)
        colours = [lights.get(member.pk) for member in members]
        rows.append(
            (
                figures,
                names.get(key, ""),
                len(members),
                colours.count(Light.RED),
                colours.count(Light.YELLOW),
            )
        )
    rows.sort(key=lambda row: (row[0].rate is None, -(row[0].rate or 0), -row[0].plan, row[1]))
    ranked, rank = [], 0
    for figures, name, count, red, yellow in rows:
        rank = rank + 1 if figures.rate is not None else None
        ranked.append(RankRow(rank, name, count, figures, red, yellow))
    return tuple(ranked)


def _decision_rows(decisions, issues: dict, departments: dict, as_of: dt.date) -> tuple[DecisionRow, ...]:
    rows = []
    for decision in sorted(decisions, key=lambda d: (d["order"], d["id"])):
        issue = issues.get(decision["issue_id"]) if decision["issue_id"] else None
        due = issue["due_date"] if issue else decision["due_date"]
        unresolved = issue is not None and issue["status"] in UNRESOLVED
        rows.append(
            DecisionRow(
                text=decision["text"],
                department=departments.get(decision["department_id"], ""),
                due_date=due,
                status=issue["status"] if issue else "",
                overdue=unresolved and due is not None and due < as_of,
            )
        )
    return tuple(rows)


def build_bulletin(as_of: dt.date, meeting_id: int | None = None) -> BulletinData:
    """Everything the bulletin of `as_of` says, as the records stood at the end of that day."""
    year = as_of.year
    data = loaders.load(as_of, meeting_id)
    projects = data.projects
    departments = {pk: row["name"] for pk, row in data.departments.items()}
    areas = {pk: row["name"] for pk, row in data.areas.items()}
    lights_now = {pk: change["light"] for pk, change in data.lights_now.items() if pk in projects}
    live = [project for project in projects.values() if project.stage != Stage.CANCELLED]

    counts = {light: list(lights_now.values()).count(light) for light in Light.values}
    planned = [p for p in live if p.planned_start and p.planned_start.year == year]
    headline = Headline(
        year=year,
        projects=len(live),
        investment=Figures.total(p.figures for p in live),
        planned_starts=len(planned),
        starts_due=sum(1 for p in planned if p.planned_start <= as_of),
        started=sum(1 for p in planned if p.actual_start and p.actual_start <= as_of),
        red=counts[Light.RED],
        yellow=counts[Light.YELLOW],
        green=counts[Light.GREEN],
        unlit=sum(1 for project in live if project.pk not in lights_now),
    )

    by_department: dict[int | None, list] = {}
    by_area: dict[int | None, list] = {}
    for project in live:
        if project.figures.plan or lights_now.get(project.pk) in (Light.RED, Light.YELLOW):
            by_department.setdefault(project.department_id, []).append(project)
            by_area.setdefault(project.area_id, []).append(project)
    department_names = {**departments, None: _("未明确责任单位")}
    area_names = {**areas, None: _("未划定片区")}

    light_rows = []
    for pk, change in data.lights_now.items():
        project = projects.get(pk)
        if project is None or change["light"] not in (Light.RED, Light.YELLOW):
            continue
        light_rows.append(
            LightRow(
                project=project.name,
                department=department_names.get(project.department_id, ""),
                area=area_names.get(project.area_id, ""),
                total_investment=project.total_investment,
                light=change["light"],
                since=change["changed_on"],
                reasons=loaders.reasons_of(change),
            )
        )
    light_rows.sort(key=lambda row: (row.light != Light.RED, -row.total_investment, row.project))

    change_rows = []
    for pk, change in data.lights_now.items():
        before = data.lights_then.get(pk)
        project = projects.get(pk)
        if project is None or before is None or before["light"] == change["light"]:
            continue
        change_rows.append(
            ChangeRow(
                project=project.name,
                department=department_names.get(project.department_id, ""),
                before=before["light"],
                after=change["light"],
                changed_on=change["changed_on"],
                reasons=loaders.reasons_of(change),
            )
        )
    worse = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2}
    change_rows.sort(key=lambda row: (worse[row.after], -row.changed_on.toordinal(), row.project))

    issue_rows = []
    for issue in data.issues.values():
        if issue["status"] not in UNRESOLVED:
            continue
        due = issue["due_date"]
        overdue = due is not None and due < as_of
        if not overdue and not issue["escalation_level"]:
            continue
        project = projects.get(issue["project_id"]) if issue["project_id"] else None
        issue_rows.append(
            IssueRow(
                title=issue["title"],
                project=project.name if project else "",
                department=departments.get(issue["department_id"], ""),
                status=issue["status"],
                due_date=due,
                days_overdue=workdays.workdays_between(due, as_of) if overdue else None,
                level=issue["escalation_level"] or EscalationLevel.NONE,
            )
        )
    issue_rows.sort(key=lambda row: (-row.level, row.due_date or as_of, row.title))

    return BulletinData(
        as_of=as_of,
        zone=data.zone,
        since=data.since,
        since_bulletin=data.since_bulletin,
        time_share=_time_share(as_of),
        headline=headline,
        departments=_ranking(by_department, department_names, lights_now),
        areas=_ranking(by_area, area_names, lights_now),
        lights=tuple(light_rows),
        changes=tuple(change_rows),
        issues=tuple(issue_rows),
        land=data.land,
        investment=data.investment,
        meeting=data.meeting,
        meeting_decisions=_decision_rows(data.meeting_decisions, data.issues, departments, as_of),
        last_meeting=data.last_meeting,
        last_decisions=_decision_rows(data.last_decisions, data.issues, departments, as_of),
    )
