"""Reads of the progress app: the facts behind the lights, cumulative investment, the S-curve, overviews."""

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from diaodu.projects.choices import Stage, StepStatus
from diaodu.projects.models import InvestmentPlan, MonthlyPlan, Project, Step

from .choices import COUNTED_STATUSES, Frequency
from .lights import LightInputs, scheduled_amount
from .models import LightSettings, ProgressReport
from .periods import periods_between

REPORTING_STAGES = frozenset({Stage.PREPARATION, Stage.CONSTRUCTION})


def _issue_facts(project_ids: list[int], as_of: dt.date) -> dict[int, dict]:
    """Overdue and escalated issues per project, from the coordination app where it is installed."""
    try:
        from diaodu.coordination.selectors import issue_light_facts
    except ImportError:
        return {}
    return issue_light_facts(project_ids, as_of)


def reporting_start(project: Project, as_of: dt.date) -> dt.date:
    """Reports are owed from the start of the year, or from the day the project entered the registry."""
    created = timezone.localtime(project.created_at).date() if project.created_at else as_of
    return max(dt.date(as_of.year, 1, 1), created)


def light_inputs(projects: list[Project], as_of: dt.date) -> dict[int, LightInputs]:
    """The facts of many projects' lights, in a fixed number of queries."""
    ids = [project.pk for project in projects]
    year = as_of.year
    settings = LightSettings.for_year(year)
    plans = dict(InvestmentPlan.objects.filter(project_id__in=ids, year=year).values_list("project_id", "amount"))
    monthly: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for project_id, month, amount in MonthlyPlan.objects.filter(plan__project_id__in=ids, plan__year=year).values_list(
        "plan__project_id", "month", "amount"
    ):
        monthly[project_id][month] = amount
    invested = dict(
        ProgressReport.objects.filter(
            project_id__in=ids, status__in=COUNTED_STATUSES, period_start__year=year, period_start__lte=as_of
        )
        .values("project_id")
        .annotate(total=Sum("investment_done"))
        .values_list("project_id", "total")
    )
    reported = set(
        ProgressReport.objects.filter(
            project_id__in=ids,
            status__in=COUNTED_STATUSES,
            period_start__gte=dt.date(year, 1, 1) - dt.timedelta(days=7),
        ).values_list("project_id", "frequency", "period_start")
    )
    overdue_steps: dict[int, list[str]] = defaultdict(list)
    for project_id, name in (
        Step.objects.filter(project_id__in=ids, deadline__lt=as_of)
        .exclude(status__in=[StepStatus.DONE, StepStatus.NOT_APPLICABLE])
        .order_by("deadline", "sort_order")
        .values_list("project_id", "name")
    ):
        overdue_steps[project_id].append(name)
    issues = _issue_facts(ids, as_of)

    result = {}
    for project in projects:
        required = project.stage in REPORTING_STAGES
        missing = []
        if required:
            frequency = Frequency.WEEKLY if project.reports_weekly else Frequency.MONTHLY
            start = reporting_start(project, as_of)
            for period in periods_between(
                start, as_of, frequency, due_day=settings.monthly_due_day, due_weekday=settings.weekly_due_weekday
            ):
                # A project entered after a period's due date does not owe that period's report.
                if period.due < start:
                    continue
                if period.due < as_of and (project.pk, frequency, period.start) not in reported:
                    missing.append((period.label, period.due))
        facts = issues.get(project.pk, {})
        result[project.pk] = LightInputs(
            stage=project.stage,
            planned_start=project.planned_start,
            actual_start=project.actual_start,
            total_investment=project.total_investment,
            statistics_date=project.statistics_date,
            annual_plan=plans.get(project.pk, Decimal(0)),
            monthly_plan=monthly.get(project.pk, {}),
            invested_this_year=invested.get(project.pk) or Decimal(0),
            min_float=project.schedule_min_float,
            worst_step=project.schedule_worst_step.name if project.schedule_worst_step_id else "",
            overdue_steps=tuple(overdue_steps.get(project.pk, ())),
            schedule_error=project.schedule_error,
            reports_required=required,
            missing_reports=tuple(missing),
            overdue_issues=tuple(facts.get("overdue", ())),
            escalated_issues=tuple(facts.get("escalated", ())),
        )
    return result


def cumulative_investment(project: Project) -> Decimal:
    """开累完成投资: what was done before the ledger plus every counted report. Never typed twice."""
    reported = project.reports.filter(status__in=COUNTED_STATUSES).aggregate(total=Sum("investment_done"))["total"]
    return project.investment_done_before + (reported or Decimal(0))


def s_curve(project: Project, year: int, as_of: dt.date) -> dict:
    """Planned vs actual cumulative investment of a year, month by month (万元, as strings for the chart)."""
    plan = project.plans.filter(year=year).first()
    annual = plan.amount if plan else Decimal(0)
    monthly = dict(plan.months.values_list("month", "amount")) if plan else {}
    done_by_month: dict[int, Decimal] = defaultdict(Decimal)
    for period_start, amount in project.reports.filter(
        status__in=COUNTED_STATUSES, period_start__year=year
    ).values_list("period_start", "investment_done"):
        done_by_month[period_start.month] += amount
    months, planned, actual = [], [], []
    running = Decimal(0)
    for month in range(1, 13):
        last_day = dt.date(year, month, calendar.monthrange(year, month)[1])
        months.append(str(month))
        planned.append(str(scheduled_amount(last_day, annual, monthly).quantize(Decimal("0.01"))))
        running += done_by_month.get(month, Decimal(0))
        actual.append(str(running) if last_day <= as_of or month == as_of.month else None)
    from django.utils.translation import gettext as _

    return {
        "year": year,
        "months": months,
        "planned": planned,
        "actual": actual,
        "annual_plan": str(annual),
        "labels": {"planned": _("计划（序时）"), "actual": _("实际完成")},
    }


def lights_overview(user, as_of: dt.date | None = None) -> dict:
    """Counts of lights overall, by area and by department, among the projects a user may see."""
    from django.db.models import Count

    projects = Project.objects.visible_to(user).filter(light__isnull=False)
    by_light = dict(projects.values("light__light").annotate(n=Count("id")).values_list("light__light", "n"))

    def breakdown(field, label_field):
        rows = defaultdict(lambda: {"green": 0, "yellow": 0, "red": 0, "id": None, "name": ""})
        for key, name, light, n in (
            projects.values(field, label_field, "light__light")
            .annotate(n=Count("id"))
            .values_list(field, label_field, "light__light", "n")
        ):
            row = rows[key]
            row["id"], row["name"] = key, name or "—"
            row[light] = n
        return sorted(rows.values(), key=lambda r: (-r["red"], -r["yellow"], r["name"]))

    return {
        "by_light": {light: by_light.get(light, 0) for light in ("green", "yellow", "red")},
        "by_area": breakdown("area_id", "area__name"),
        "by_department": breakdown("responsible_department_id", "responsible_department__name"),
        "total": sum(by_light.values()),
    }


def turned_red_since(user, since: dt.date):
    """Projects whose light turned red on or after `since` (\"turned red this week\")."""
    return (
        Project.objects.visible_to(user)
        .filter(light_changes__light="red", light_changes__changed_on__gte=since, light__light="red")
        .distinct()
    )
