"""Reads of the evaluation: the facts of every subject of a kind from the ledgers below, scored and ranked.

All subjects of a kind are scored together in a constant number of queries (values, then Python), whatever
the number of projects, steps, reports or issues. Whose facts are whose:

- a department: the steps assigned to it (the step's 责任单位), the issues assigned to it (承办部门), and the
  reports, investment and light of the projects it is responsible for;
- an officer (包保干部): everything of the projects he answers for, and, as a 招商 officer (the officer of
  at least one lead), the investment he signed;
- a responsible leader (包保领导): everything of the projects he leads.

Cancelled projects (终止) are left out. A subject without any applicable criterion is not ranked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from diaodu.coordination.models import Issue
from diaodu.investment.choices import SIGNED_STAGES
from diaodu.investment.models import Lead
from diaodu.org.models import Department, Person
from diaodu.progress.choices import COUNTED_STATUSES, Frequency, Light
from diaodu.progress.lights import scheduled_amount
from diaodu.progress.models import LightChange, LightSettings, ProgressReport
from diaodu.progress.periods import Period, periods_between
from diaodu.progress.selectors import REPORTING_STAGES, light_inputs, reporting_start
from diaodu.projects.choices import Stage, StepStatus
from diaodu.projects.models import Project, Step

from .choices import SubjectKind
from .facts import (
    InvestmentRecord,
    IssueRecord,
    LeadRecord,
    LightRecord,
    ReportRecord,
    StepRecord,
    investment_fact,
    issue_fact,
    light_fact,
    report_fact,
    signed_facts,
    step_fact,
)
from .models import EvaluationScheme, EvaluationSnapshot, EvaluationSnapshotRow
from .months import month_as_of, previous_month
from .scoring import Fact, SubjectScore, rank, score_subject

OWNER_FIELD = {
    SubjectKind.DEPARTMENT: "responsible_department_id",
    SubjectKind.OFFICER: "responsible_officer_id",
    SubjectKind.LEADER: "responsible_leader_id",
}


def _project_url(project_id: int) -> str:
    return reverse("project-detail", args=[project_id])


def _step_facts(start: dt.date, as_of: dt.date, names: dict[int, str]) -> list[tuple[Fact, int, int | None]]:
    """(fact, project id, the step's department) for every measured step."""
    rows = (
        Step.objects.filter(deadline__isnull=False, project_id__in=names)
        .exclude(status=StepStatus.NOT_APPLICABLE)
        .filter(Q(deadline__gte=start, deadline__lt=as_of) | Q(actual_finish__gte=start, actual_finish__lte=as_of))
        .values_list("id", "name", "project_id", "deadline", "actual_finish", "responsible_department_id")
    )
    result = []
    for step_id, name, project_id, deadline, finish, department_id in rows:
        record = StepRecord(step_id, name, names[project_id], deadline, finish)
        fact = step_fact(record, start=start, as_of=as_of, url=f"{_project_url(project_id)}#steps")
        if fact is not None:
            result.append((fact, project_id, department_id))
    return result


def _report_facts(projects: list[Project], start: dt.date, as_of: dt.date) -> list[tuple[Fact, int]]:
    """(fact, project id) for every report due or submitted, and every owed period without a report."""
    settings = LightSettings.for_year(as_of.year)
    existing: dict[int, dict[tuple[str, dt.date], tuple]] = defaultdict(dict)
    # A weekly period that contains 1 January starts at most six days before it.
    for row in ProgressReport.objects.filter(
        project_id__in=[project.pk for project in projects],
        period_start__gte=start - dt.timedelta(days=6),
        period_start__lte=as_of,
    ).values_list("id", "project_id", "frequency", "period_start", "period_end", "due_date", "status", "submitted_at"):
        existing[row[1]][(row[2], row[3])] = row
    result = []
    for project in projects:
        url = _project_url(project.pk)
        for report_id, _project, frequency, period_start, period_end, due, status, submitted_at in existing[
            project.pk
        ].values():
            submitted = status in COUNTED_STATUSES
            state = "submitted" if submitted else status
            submitted_on = timezone.localtime(submitted_at).date() if submitted and submitted_at else None
            label = Period(frequency, period_start, period_end, due).label
            record = ReportRecord(report_id, project.name, label, due, submitted_on, state)
            if (fact := report_fact(record, as_of=as_of, url=url)) is not None:
                result.append((fact, project.pk))
        if project.stage not in REPORTING_STAGES:
            continue
        frequency = Frequency.WEEKLY if project.reports_weekly else Frequency.MONTHLY
        owed_from = reporting_start(project, as_of)
        for period in periods_between(
            owed_from, as_of, frequency, due_day=settings.monthly_due_day, due_weekday=settings.weekly_due_weekday
        ):
            # As the lights count it: a project entered after a period's due date does not owe that report.
            if period.due < owed_from or (frequency, period.start) in existing[project.pk]:
                continue
            record = ReportRecord(None, project.name, period.label, period.due, None, "missing")
            if (fact := report_fact(record, as_of=as_of, url=url)) is not None:
                result.append((fact, project.pk))
    return result


def _issue_facts(start: dt.date, as_of: dt.date, names: dict[int, str]) -> list[tuple[Fact, int | None, int | None]]:
    """(fact, project id, the issue's department) for every measured issue."""
    rows = (
        Issue.objects.filter(due_date__isnull=False)
        .filter(Q(project_id__isnull=True) | Q(project_id__in=names))
        .filter(
            Q(due_date__gte=start, due_date__lt=as_of) | Q(resolved_at__date__gte=start, resolved_at__date__lte=as_of)
        )
        .values_list("id", "title", "project_id", "department_id", "due_date", "resolved_at")
    )
    result = []
    for issue_id, title, project_id, department_id, due, resolved_at in rows:
        resolved_on = timezone.localtime(resolved_at).date() if resolved_at else None
        record = IssueRecord(issue_id, title, names.get(project_id, ""), due, resolved_on)
        fact = issue_fact(record, start=start, as_of=as_of, url=reverse("issue-detail", args=[issue_id]))
        if fact is not None:
            result.append((fact, project_id, department_id))
    return result


def _investment_facts(projects: list[Project], as_of: dt.date, names: dict[int, str]) -> list[tuple[Fact, int]]:
    """(fact, project id) for every project under construction with a plan: done this year against 序时进度.

    The facts (plan, monthly plan, investment reported this year) and 序时进度 are the traffic lights' own.
    """
    building = [project for project in projects if project.stage == Stage.CONSTRUCTION]
    result = []
    for project_id, facts in light_inputs(building, as_of).items():
        if facts.annual_plan <= 0:
            continue
        expected = scheduled_amount(as_of, facts.annual_plan, facts.monthly_plan)
        record = InvestmentRecord(project_id, names[project_id], facts.annual_plan, expected, facts.invested_this_year)
        if (fact := investment_fact(record, as_of=as_of, url=_project_url(project_id))) is not None:
            result.append((fact, project_id))
    return result


def _light_facts(as_of: dt.date, names: dict[int, str]) -> list[tuple[Fact, int]]:
    """(fact, project id) for every project with a recorded light on `as_of`: the last change on or before it."""
    latest = (
        LightChange.objects.filter(project_id=OuterRef("project_id"), changed_on__lte=as_of)
        .order_by("-changed_on", "-id")
        .values("id")[:1]
    )
    rows = LightChange.objects.filter(changed_on__lte=as_of, id=Subquery(latest), project_id__in=names).values_list(
        "project_id", "light", "reasons", "changed_on"
    )
    result = []
    for project_id, light, reasons, changed_on in rows:
        red = tuple(reason.get("message", "") for reason in reasons or () if reason.get("light") == Light.RED)
        record = LightRecord(project_id, names[project_id], light, changed_on, red)
        result.append((light_fact(record, as_of=as_of, url=_project_url(project_id)), project_id))
    return result


def _signed_facts(start: dt.date, as_of: dt.date, target: Decimal) -> dict[int, list[Fact]]:
    """Per 招商 officer (the officer of at least one lead): his signed leads of the year against the target."""
    leads: dict[int, list[LeadRecord]] = defaultdict(list)
    scouts = set()
    for lead_id, title, officer_id, stage, signed_on, investment in Lead.objects.filter(
        officer__isnull=False
    ).values_list("id", "title", "officer_id", "stage", "signed_on", "investment"):
        scouts.add(officer_id)
        if stage in SIGNED_STAGES and signed_on is not None:
            leads[officer_id].append(LeadRecord(lead_id, title, investment, signed_on))
    target_url = reverse("evaluation-scheme-year", args=[as_of.year])

    def lead_url(lead_id):
        return reverse("lead-detail", args=[lead_id])

    return {
        officer_id: signed_facts(
            leads[officer_id], target=target, start=start, as_of=as_of, lead_url=lead_url, target_url=target_url
        )
        for officer_id in scouts
    }


def subject_facts(kind: str, as_of: dt.date, *, signed_target: Decimal) -> dict[int, list[Fact]]:
    """Every fact of every subject of `kind`, the year to date as of `as_of`."""
    start = dt.date(as_of.year, 1, 1)
    projects = list(Project.objects.exclude(stage=Stage.CANCELLED).select_related("schedule_worst_step").order_by("pk"))
    names = {project.pk: project.name for project in projects}
    owner = {project.pk: getattr(project, OWNER_FIELD[kind]) for project in projects}
    by_subject: dict[int, list[Fact]] = defaultdict(list)

    def add(subject_id, fact):
        if subject_id is not None:
            by_subject[subject_id].append(fact)

    for fact, project_id, department_id in _step_facts(start, as_of, names):
        add(department_id if kind == SubjectKind.DEPARTMENT else owner[project_id], fact)
    for fact, project_id, department_id in _issue_facts(start, as_of, names):
        add(department_id if kind == SubjectKind.DEPARTMENT else owner.get(project_id), fact)
    for fact, project_id in [
        *_report_facts(projects, start, as_of),
        *_investment_facts(projects, as_of, names),
        *_light_facts(as_of, names),
    ]:
        add(owner[project_id], fact)
    if kind == SubjectKind.OFFICER:
        for officer_id, facts in _signed_facts(start, as_of, signed_target).items():
            by_subject[officer_id].extend(facts)
    return dict(by_subject)


def subject_names(kind: str, ids) -> dict[int, str]:
    model = Department if kind == SubjectKind.DEPARTMENT else Person
    return dict(model.objects.filter(pk__in=list(ids)).order_by().values_list("pk", "name"))


def compute_ranking(kind: str, as_of: dt.date, scheme: EvaluationScheme | None = None) -> list[SubjectScore]:
    """Every subject of `kind` scored with the year's scheme as of `as_of`, ranked."""
    scheme = scheme or EvaluationScheme.for_year(as_of.year)
    facts = subject_facts(kind, as_of, signed_target=scheme.signed_target)
    names = subject_names(kind, facts)
    weights = scheme.weights
    scores = []
    for subject_id, items in facts.items():
        if subject_id not in names:
            continue
        score = score_subject(subject_id, names[subject_id], weights, items)
        if score is not None:
            scores.append(score)
    return rank(scores)


# --- a month's ranking: live for the current month, the stored snapshot for a past one ----------------------


@dataclass
class MonthRanking:
    """A month's ranking of one kind, as a page, the API and the export show it (rows as `SubjectScore.as_dict`)."""

    kind: str
    month: dt.date
    as_of: dt.date
    is_current_month: bool
    snapshot: EvaluationSnapshot | None
    weights: dict[str, Decimal]
    signed_target: Decimal
    rows: list[dict] = field(default_factory=list)
    previous_ranks: dict[int, int] = field(default_factory=dict)

    @property
    def is_live(self) -> bool:
        return self.snapshot is None

    def row(self, subject_id: int) -> dict | None:
        return next((row for row in self.rows if row["subject_id"] == subject_id), None)


def current_snapshot(kind: str, month: dt.date) -> EvaluationSnapshot | None:
    return (
        EvaluationSnapshot.objects.filter(kind=kind, month=month, is_current=True)
        .select_related("taken_by__person")
        .first()
    )


def snapshot_rows(snapshot: EvaluationSnapshot) -> list[dict]:
    return [
        {
            "subject_id": subject_id,
            "name": name,
            "rank": position,
            "total": str(total),
            "criteria": (breakdown or {}).get("criteria", []),
        }
        for subject_id, name, position, total, breakdown in snapshot.rows.order_by("rank", "subject_name").values_list(
            "subject_id", "subject_name", "rank", "total", "breakdown"
        )
    ]


def month_ranking(kind: str, month: dt.date, today: dt.date) -> MonthRanking:
    """The current month computed now; a past month from its snapshot, or computed as of its last day if none."""
    is_current = month == today.replace(day=1)
    snapshot = None if is_current else current_snapshot(kind, month)
    if snapshot is not None:
        ranking = MonthRanking(
            kind, month, snapshot.as_of, False, snapshot,
            {code: Decimal(value) for code, value in snapshot.weights.items()}, snapshot.signed_target,
            snapshot_rows(snapshot),
        )  # fmt: skip
    else:
        as_of = month_as_of(month, today)
        scheme = EvaluationScheme.for_year(month.year)
        rows = [score.as_dict() for score in compute_ranking(kind, as_of, scheme)]
        ranking = MonthRanking(kind, month, as_of, is_current, None, scheme.weights, scheme.signed_target, rows)
    ranking.previous_ranks = dict(
        EvaluationSnapshotRow.objects.filter(
            snapshot__kind=kind, snapshot__month=previous_month(month), snapshot__is_current=True
        ).values_list("subject_id", "rank")
    )
    return ranking


def subject_trend(kind: str, subject_id: int, ranking: MonthRanking) -> list[dict]:
    """The subject's total and rank in each month of the year that has a snapshot, and in the month shown."""
    points = {
        month: {"month": month.strftime("%Y-%m"), "total": str(total), "rank": position}
        for month, total, position in EvaluationSnapshotRow.objects.filter(
            snapshot__kind=kind,
            snapshot__is_current=True,
            snapshot__month__year=ranking.month.year,
            snapshot__month__lte=ranking.month,
            subject_id=subject_id,
        ).values_list("snapshot__month", "total", "rank")
    }
    row = ranking.row(subject_id)
    if row is not None:
        points[ranking.month] = {"month": ranking.month.strftime("%Y-%m"), "total": row["total"], "rank": row["rank"]}
    return [points[month] for month in sorted(points)]
