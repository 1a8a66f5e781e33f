"""A year of progress reports for the demo projects, laid so that every rule shows every light.

Everything is placed relative to `timezone.localdate()`. What is written:

- the demo projects are backdated into the registry early in January (`created_at`), so that reports
  are owed from January; four preparation projects with little float are marked to report weekly
  (the dispatch office's 周调度) and report weekly for the last eight weeks, monthly before. Their
  `created_at` is the Monday of their first week: `selectors.light_inputs` owes a weekly reporter
  weekly reports from `reporting_start` (it does not know when the project was switched to weekly),
  so with a January date they would show every week since January as missing;
- every construction project has this year's investment plan (three get a monthly split), and its
  reports add up to a chosen place against 序时进度: at or above it, slightly below, 10–30 points
  below, or more than 30 below;
- reports from January to the current period, with 形象进度 written from the project's own steps
  (procedures done and under way) before 开工 and from its works after, problems on some, photos on
  a few; most are accepted, the latest are partly awaiting review, about one in ten was submitted
  late, two were returned, a few are drafts, and some projects have not reported the latest
  period(s) at all (1–10 days late: yellow; more: red);
- so that the start and statistics rules show both yellow and red: two preparation projects whose
  planned start passed long ago (their 开工 deadline moved with them), and construction projects
  not yet in the statistics a month and more than two months after their start.

Idempotent: an existing report (project, frequency, period start) is never touched or duplicated,
and the adjustments are made only where still missing. Deterministic: `random.Random(2021)` for the
choices across projects, and one stream per project (seeded with its name) for its reports.
"""

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from diaodu.projects.choices import Stage, StepKind, StepStatus
from diaodu.projects.demo_data import PROJECTS
from diaodu.projects.models import Project, Step

from .choices import COUNTED_STATUSES, Frequency, ReportStatus
from .demo_registry import backdate, mark_weekly, money, plans_for, start_reds, statistics_gaps
from .demo_text import (
    CONSTRUCTION_PROBLEMS,
    GENERAL_PREPARATION_PROBLEMS,
    PREPARATION_PROBLEMS,
    RETURN_REASONS,
    StepFacts,
    construction_text,
    photo,
    works_kind,
)
from .lights import scheduled_amount
from .models import LightSettings, ProgressReport
from .periods import Period, months_between, periods_between, week_period
from .uploads import save_photo

SEED = 2021
REASON = "演示数据"
REPORTING_STAGES = (Stage.PREPARATION, Stage.CONSTRUCTION)
WEEKLY_PROJECTS = 4
WEEKLY_WEEKS = 8
PHOTOS = 6

# Investment done in a month of construction, relative to the others (winter stops the works in 长春).
MONTH_WEIGHT = {1: 0.15, 2: 0.15, 3: 0.45, 4: 0.9, 5: 1.1, 6: 1.2, 7: 1.2, 8: 1.25, 9: 1.2, 10: 1.1, 11: 0.7, 12: 0.3}

# Where a construction project's investment lands against 序时进度: points below it (negative: above).
ABOVE, SLIGHTLY, YELLOW, RED = "above", "slightly", "yellow", "red"
GAP_POINTS = {ABOVE: (-8.0, -1.0), SLIGHTLY: (2.0, 7.5), YELLOW: (13.0, 26.0), RED: (36.0, 52.0)}
PROGRESS_PACE = {ABOVE: 1.0, SLIGHTLY: 0.9, YELLOW: 0.7, RED: 0.45}

# Reporting of the latest period(s).
OK, MISSING_YELLOW, MISSING_RED, RETURNED, DRAFT = "ok", "missing_yellow", "missing_red", "returned", "draft"


def _d(draw: float) -> Decimal:
    """A random draw as a Decimal, so that every amount is computed in Decimal."""
    return Decimal(str(draw))


def _aware(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


# --- the reports ----------------------------------------------------------------------------------


def _scenarios(projects: list[Project], weekly: set[int], rng: random.Random) -> dict[int, str]:
    """How each project reported its latest period(s): most on time, some missing, returned or draft."""
    monthly = sorted((p for p in projects if p.pk not in weekly), key=lambda p: p.name)
    picked = rng.sample(monthly, min(len(monthly), 10))
    result = {p.pk: OK for p in projects}
    kinds = [MISSING_RED] * 3 + [MISSING_YELLOW] * 3 + [RETURNED] * 2 + [DRAFT] * 2
    for project, scenario in zip(picked, kinds, strict=False):
        result[project.pk] = scenario
    weekly_projects = sorted((p for p in projects if p.pk in weekly), key=lambda p: p.name)
    for project, scenario in zip(weekly_projects, [MISSING_YELLOW, DRAFT], strict=False):
        result[project.pk] = scenario
    return result


def _bands(projects: list[Project], year: int, rng: random.Random) -> dict[int, str]:
    """Where each construction project's investment lands against 序时进度."""
    continuing = sorted((p for p in projects if p.actual_start.year < year), key=lambda p: p.name)
    new = sorted((p for p in projects if p.actual_start.year >= year), key=lambda p: (p.actual_start, p.name))
    pool = [ABOVE, SLIGHTLY, YELLOW, RED, ABOVE, SLIGHTLY, ABOVE]
    pool = (pool * (len(continuing) // len(pool) + 1))[: len(continuing)]
    rng.shuffle(pool)
    bands = dict(zip((p.pk for p in continuing), pool, strict=True))
    # Those started most recently are the furthest behind the year's plan.
    order = [ABOVE, SLIGHTLY, YELLOW, RED]
    for i, project in enumerate(new):
        bands[project.pk] = order[min(3, i * 4 // max(1, len(new)))]
    return bands


def _periods(project: Project, weekly: bool, today: dt.date, settings: LightSettings) -> list[Period]:
    year_start = dt.date(today.year, 1, 1)
    kwargs = {"due_day": settings.monthly_due_day, "due_weekday": settings.weekly_due_weekday}
    if not weekly:
        return periods_between(year_start, today, Frequency.MONTHLY, **kwargs)
    first_week = _weekly_start(today, settings)
    months = []
    if first_week.replace(day=1) > year_start:
        months = periods_between(
            year_start, first_week.replace(day=1) - dt.timedelta(days=1), Frequency.MONTHLY, **kwargs
        )
    return months + periods_between(first_week, today, Frequency.WEEKLY, **kwargs)


def _weekly_start(today: dt.date, settings: LightSettings) -> dt.date:
    current = week_period(today, settings.weekly_due_weekday).start
    first = current - dt.timedelta(weeks=WEEKLY_WEEKS - 1)
    return max(first, week_period(dt.date(today.year, 1, 1), settings.weekly_due_weekday).start)


class ReportWriter:
    """Lays out one project's reports: which periods, their status and dates, their text and money."""

    def __init__(self, today, now, settings, reviewer, steps, specs, plans, bands):
        self.today, self.now, self.settings = today, now, settings
        self.reviewer = reviewer
        self.steps, self.specs, self.plans, self.bands = steps, specs, plans, bands

    def submission(self, rng, period: Period, late: bool) -> dt.datetime | None:
        """When the report of a period was submitted; None when it is not yet (its due date is ahead)."""
        weekly = period.frequency == Frequency.WEEKLY
        if late:
            day = period.due + dt.timedelta(days=rng.randint(1, 3 if weekly else 6))
        else:
            day = period.due - dt.timedelta(days=rng.randint(0, 1 if weekly else 5))
        at = _aware(day, rng.randint(8, 17), rng.randint(0, 59))
        if at < self.now - dt.timedelta(hours=1):
            return at
        if period.due >= self.today:
            return None
        return self.now - dt.timedelta(hours=rng.randint(2, 8))

    def review(self, rng, submitted: dt.datetime) -> dt.datetime | None:
        day = timezone.localtime(submitted).date() + dt.timedelta(days=rng.randint(1, 4))
        at = _aware(day, rng.randint(9, 17), rng.randint(0, 59))
        return at if at < self.now - dt.timedelta(hours=1) else None

    def rows(self, project: Project, periods: list[Period], scenario: str, existing: set) -> list[ProgressReport]:
        rng = random.Random(f"{SEED}:{project.name}")
        today = self.today
        due = [period for period in periods if period.due < today]
        omitted: set[dt.date] = set()
        if scenario == MISSING_RED:
            for period in reversed(due):
                omitted.add(period.start)
                if (today - period.due).days > self.settings.report_red_days:
                    break
        elif scenario == MISSING_YELLOW and due and (today - due[-1].due).days <= self.settings.report_red_days:
            omitted.add(due[-1].start)
        special = {}
        if scenario == RETURNED and due:
            special[due[-1].start] = RETURNED
        elif scenario == DRAFT:
            # A weekly reporter is writing this week's report; a monthly one has not sent the latest.
            target = periods[-1] if project.reports_weekly else (due[-1] if due else None)
            if target is not None:
                special[target.start] = DRAFT

        officer = project.responsible_officer
        user = officer.user if officer is not None and officer.user_id else None
        reports = []
        for period in periods:
            if period.start in omitted:
                continue
            report = ProgressReport(
                project=project,
                frequency=period.frequency,
                period_start=period.start,
                period_end=period.end,
                due_date=period.due,
            )
            kind = special.get(period.start)
            late = kind is None and period is not periods[-1] and rng.random() < 0.12
            submitted = None if kind == DRAFT else self.submission(rng, period, late)
            if submitted is None:
                report.status = ReportStatus.DRAFT
            else:
                report.submitted_by, report.submitted_at = user, submitted
                reviewed = self.review(rng, submitted)
                if kind == RETURNED:
                    reviewed = reviewed or self.now - dt.timedelta(hours=1)
                    report.status = ReportStatus.RETURNED
                    report.reviewed_by, report.reviewed_at = self.reviewer, reviewed
                    report.return_reason = rng.choice(RETURN_REASONS)
                elif reviewed is None or (period is periods[-1] and rng.random() < 0.45):
                    report.status = ReportStatus.SUBMITTED
                else:
                    report.status = ReportStatus.ACCEPTED
                    report.reviewed_by, report.reviewed_at = self.reviewer, reviewed
            report.stored = (project.pk, period.frequency, period.start) in existing
            reports.append(report)
        # Drafts of a period not yet due, and submissions not yet made, are kept only some of the time.
        if reports and reports[-1].status == ReportStatus.DRAFT and reports[-1].due_date >= today:
            if special.get(reports[-1].period_start) != DRAFT and rng.random() < 0.5:
                reports.pop()
        self.contents(project, reports, rng)
        return [report for report in reports if not report.stored]

    def contents(self, project: Project, reports: list[ProgressReport], rng: random.Random) -> None:
        """形象进度, percent, problems and the investment of each report."""
        steps = StepFacts(self.steps.get(project.pk, []))
        spec = self.specs.get(project.name)
        scope = project.scope or (spec.scope if spec else "")
        start = project.actual_start if project.stage == Stage.CONSTRUCTION else None
        band = self.bands.get(project.pk)
        kind = works_kind(project, scope)
        # Weights of the construction periods (after the start) for the percent and the money.
        weights = []
        for report in reports:
            if start is None or report.period_end < start:
                weights.append(0.0)
                continue
            month_weight = MONTH_WEIGHT[report.period_start.month] * rng.uniform(0.8, 1.2)
            if report.frequency == Frequency.WEEKLY:
                month_weight /= 4.3
            if report.period_start <= start <= report.period_end:
                days = (report.period_end - report.period_start).days + 1
                month_weight *= max(0.15, (report.period_end - start).days / days)
            weights.append(month_weight)
        if start is not None:
            total_weight = sum(weights) or 1.0
            before = project.investment_done_before / project.total_investment if project.total_investment else 0
            if start.year < self.today.year:
                first = max(15, min(70, round(before * 100) - rng.randint(0, 6)))
                gain = rng.randint(20, 32) * PROGRESS_PACE.get(band, 1)
            else:
                first = 0
                gain = min(32, 3 + 4 * months_between(start, self.today)) * PROGRESS_PACE.get(band, 1)
        running = 0.0
        for report, weight in zip(reports, weights, strict=True):
            if start is None or report.period_end < start:
                text, done, ongoing = steps.text(report.period_start, report.period_end, rng)
                report.progress_text, report.progress_percent = text, None
                if ongoing and rng.random() < (0.45 if (project.schedule_min_float or 0) < 0 else 0.2):
                    code = rng.choice(ongoing)
                    report.problems = PREPARATION_PROBLEMS.get(code, rng.choice(GENERAL_PREPARATION_PROBLEMS))
                    report.problems = report.problems.format(n=rng.randint(2, 17)) + "。"
                amount = Decimal(0)
                if done:
                    amount = _d(rng.uniform(8, 60))
                    if "land_supply" in done and not steps.government:
                        amount += min(Decimal(3000), project.total_investment * _d(rng.uniform(0.03, 0.06)))  # 土地款
                elif rng.random() < 0.3:
                    amount = _d(rng.uniform(2, 20))
                report.investment_done = money(amount) if amount else Decimal(0)
                continue
            running += weight
            percent = min(98, round(first + gain * running / total_weight))
            report.progress_percent = percent
            report.progress_text = construction_text(project, scope, kind, report, percent, start, rng)
            if report.period_start.month not in (1, 2) and rng.random() < 0.22:
                report.problems = rng.choice(CONSTRUCTION_PROBLEMS) + "。"
        if start is not None:
            self.money(project, reports, weights, rng)

    def money(self, project: Project, reports: list[ProgressReport], weights: list[float], rng) -> None:
        """Amounts that bring the counted total to the band's place against 序时进度."""
        annual, monthly = self.plans.get(project.pk, (Decimal(0), {}))
        band = self.bands.get(project.pk, ABOVE)
        if annual <= 0:
            return
        expected_pct = scheduled_amount(self.today, annual, monthly) / annual * 100
        low, high = GAP_POINTS[band]
        target_pct = max(Decimal(3), expected_pct - _d(rng.uniform(low, high)))
        target = annual * target_pct / 100
        # Before the start, 前期费用 only: a small fixed part.
        pre = [
            r for r, w in zip(reports, weights, strict=True) if w == 0 and r.status in COUNTED_STATUSES and not r.stored
        ]
        target -= sum((r.investment_done for r in pre), Decimal(0))
        already = ProgressReport.objects.filter(
            project=project,
            status__in=COUNTED_STATUSES,
            period_start__year=self.today.year,
            period_start__lte=self.today,
        ).aggregate(total=Sum("investment_done"))["total"] or Decimal(0)
        target -= already
        counted = [
            (r, w)
            for r, w in zip(reports, weights, strict=True)
            if w > 0 and r.status in COUNTED_STATUSES and not r.stored
        ]
        counted_weight = sum(w for _r, w in counted) or 1.0
        scale = max(Decimal(0), target) / _d(counted_weight)
        used = Decimal(0)
        for i, (report, weight) in enumerate(counted):
            if i == len(counted) - 1:
                report.investment_done = max(Decimal(0), money(max(Decimal(0), target)) - used)
            else:
                report.investment_done = money(_d(weight) * scale)
                used += report.investment_done
        # Reports that do not count (drafts, returned) carry what the officer entered all the same.
        for report, weight in zip(reports, weights, strict=True):
            if weight > 0 and report.status not in COUNTED_STATUSES:
                report.investment_done = money(_d(weight) * scale * _d(rng.uniform(0.9, 1.1))) if scale else Decimal(0)


@transaction.atomic
def seed_reports() -> dict:
    """Write the demo projects' reports of the current year; safe to run again (nothing is duplicated)."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    now = timezone.now()
    year = today.year
    settings = LightSettings.for_year(year)
    specs = {spec.name: spec for spec in PROJECTS}

    demo = list(
        Project.objects.filter(name__in=specs)
        .select_related("responsible_officer__user", "responsible_department")
        .order_by("name")
    )
    reporting = [p for p in demo if p.stage in REPORTING_STAGES]
    weekly = {p.pk for p in mark_weekly(reporting)}

    year_start = min(_aware(dt.date(year, 1, 5), 9, 0), now)
    weekly_start = min(_aware(_weekly_start(today, settings), 9, 0), now)
    backdate(demo, weekly, year_start, weekly_start)
    moved = start_reds(reporting, today, settings.start_red_months)
    cleared = statistics_gaps(reporting, today, settings)

    construction = [p for p in reporting if p.stage == Stage.CONSTRUCTION and p.actual_start is not None]
    plans = plans_for(construction, year, rng)
    bands = _bands(construction, year, rng)
    scenarios = _scenarios(reporting, weekly, rng)

    steps: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Step.objects.filter(project__in=reporting, kind__in=[StepKind.PROCEDURE, StepKind.TASK])
        .exclude(status=StepStatus.NOT_APPLICABLE)
        .order_by("project_id", "sort_order")
        .values(
            "project_id",
            "name",
            "actual_start",
            "actual_finish",
            "approval_number",
            "responsible_department__name",
            code=F("procedure_type__code"),
        )
    ):
        row["department"] = row.pop("responsible_department__name")
        steps[row["project_id"]].append(row)

    existing = set(
        ProgressReport.objects.filter(project__in=reporting).values_list("project_id", "frequency", "period_start")
    )
    reviewer = get_user_model().objects.filter(username="dispatch").first()
    writer = ReportWriter(today, now, settings, reviewer, steps, specs, plans, bands)
    new: list[ProgressReport] = []
    for project in reporting:
        periods = _periods(project, project.pk in weekly, today, settings)
        new.extend(writer.rows(project, periods, scenarios[project.pk], existing))

    ProgressReport.objects.bulk_create(new, batch_size=500)
    # Written when they were submitted (or, for drafts, near the end of the period).
    for report in new:
        written = report.submitted_at or min(now, _aware(min(report.period_end, report.due_date), 10, 0))
        report.created_at = written - dt.timedelta(hours=rng.randint(1, 48)) if report.submitted_at else written
        report.updated_at = report.reviewed_at or report.submitted_at or written
    ProgressReport.objects.bulk_update(new, ["created_at", "updated_at"], batch_size=500)
    ProgressReport.history.bulk_history_create(new, default_change_reason=REASON)

    photos = 0
    candidates = sorted(
        {r.project_id: r for r in new if r.progress_percent and r.status in COUNTED_STATUSES}.values(),
        key=lambda r: r.project_id,
    )
    for report in rng.sample(candidates, min(PHOTOS, len(candidates))):
        data = photo(rng)
        upload = SimpleUploadedFile(f"site-{report.period_start:%Y%m%d}.jpg", data, content_type="image/jpeg")
        save_photo(report=report, upload=upload, caption=f"{report.period_start.month}月施工现场")
        photos += 1

    return {
        "reports": len(new),
        "photos": photos,
        "weekly": len(weekly),
        "planned_start_moved": len(moved),
        "statistics_cleared": len(cleared),
    }
