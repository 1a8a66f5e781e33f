"""The demo's adjustments of the registry before its reports are laid: weekly reporters, backdated projects, the
start and statistics cases that show yellow and red, this year's investment plans (see `demo.py`).
"""

import datetime as dt
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from diaodu.projects.choices import Stage, StepStatus
from diaodu.projects.models import InvestmentPlan, MonthlyPlan, Project, Step
from diaodu.projects.services import project_recompute_schedule, step_save

from .choices import Light
from .models import LightSettings
from .periods import add_months, months_between

SEED = 2021
REASON = "演示数据"
REPORTING_STAGES = (Stage.PREPARATION, Stage.CONSTRUCTION)
WEEKLY_PROJECTS = 4
WEEKLY_WEEKS = 8
PHOTOS = 6

# The monthly plan split (月度计划) of the projects that have one; sums to 1.
MONTH_SHARE = {1: 2, 2: 2, 3: 5, 4: 9, 5: 11, 6: 12, 7: 12, 8: 12, 9: 12, 10: 11, 11: 8, 12: 4}


def money(value: Decimal) -> Decimal:
    """万元 as ledgers write them: whole 万元 from 100, else one decimal."""
    quantum = Decimal(1) if value >= 100 else Decimal("0.1")
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


# --- adjustments of the registry ------------------------------------------------------------------


def mark_weekly(candidates: list[Project]) -> list[Project]:
    """The projects that report weekly: those marked already, else the preparation ones with the least float."""
    marked = [project for project in candidates if project.reports_weekly]
    if marked:
        return marked
    tight = sorted(
        (
            project
            for project in candidates
            if project.stage == Stage.PREPARATION
            and project.schedule_min_float is not None
            and 0 <= project.schedule_min_float < 10
        ),
        key=lambda project: (project.schedule_min_float, project.name),
    )[:WEEKLY_PROJECTS]
    for project in tight:
        project.reports_weekly = True
        project._change_reason = "演示数据：工期紧张，调度会要求按周报送"
        project.save(update_fields=["reports_weekly", "updated_at"])
    return tight


def backdate(projects: list[Project], weekly: set[int], year_start: dt.datetime, weekly_start: dt.datetime) -> None:
    """Into the registry early in January (weekly reporters: when their weekly reporting began)."""
    monthly_ids = [project.pk for project in projects if project.pk not in weekly]
    Project.objects.filter(pk__in=monthly_ids, created_at__gt=year_start).update(created_at=year_start)
    Project.objects.filter(pk__in=weekly).exclude(created_at=weekly_start).update(created_at=weekly_start)


def start_reds(projects: list[Project], today: dt.date, red_months: int) -> list[str]:
    """Two preparation projects whose planned start month passed more than `red_months` months ago."""
    passed = [
        project
        for project in projects
        if project.stage == Stage.PREPARATION
        and project.planned_start is not None
        and project.actual_start is None
        and months_between(project.planned_start, today) > 0
    ]
    red = [project for project in passed if months_between(project.planned_start, today) > red_months]
    moved = []
    # The longest overdue of the rest fall further behind: their start was planned for half a year ago.
    for project, months in zip(
        sorted((p for p in passed if p not in red), key=lambda p: (p.planned_start, p.name)),
        (red_months + 3, red_months + 2),
        strict=False,
    ):
        if len(red) + len(moved) >= 2:
            break
        new_start = add_months(project.planned_start, months_between(project.planned_start, today) - months)
        project.planned_start = new_start
        project._change_reason = "演示数据：计划开工日期按年初调度会确定"
        project.save(update_fields=["planned_start", "updated_at"])
        # The 开工 milestone's deadline is the planned start.
        for step in Step.objects.filter(project=project, procedure_type__code="start"):
            step.deadline = new_start
            step._change_reason = REASON
            step_save(step=step, recompute=False)
        project_recompute_schedule(project=project)
        moved.append(project.name)
    return moved


def statistics_gaps(projects: list[Project], today: dt.date, settings: LightSettings) -> list[str]:
    """Construction projects not yet in the statistics: one a month after the start, two past two months."""
    minimum = settings.statistics_min_investment
    started = sorted(
        (
            project
            for project in projects
            if project.stage == Stage.CONSTRUCTION
            and project.actual_start is not None
            and project.total_investment >= minimum
        ),
        key=lambda project: (project.actual_start, project.name),
        reverse=True,
    )

    def band(project: Project) -> str:
        if today >= add_months(project.actual_start, settings.statistics_red_months):
            return Light.RED
        if today >= add_months(project.actual_start, settings.statistics_yellow_months):
            return Light.YELLOW
        return ""

    def missing(project: Project) -> bool:
        return project.statistics_date is None or project.statistics_date > today

    wanted = {Light.YELLOW: 1, Light.RED: 2}
    for project in started:
        if missing(project) and band(project):
            wanted[band(project)] -= 1
    cleared = []
    # The most recent starts of this year are the likely ones not yet in the statistics.
    for project in started:
        kind = band(project)
        if not kind or wanted[kind] <= 0 or missing(project) or project.actual_start.year != today.year:
            continue
        project.statistics_date = None
        project._change_reason = "演示数据：统计部门退回入库材料，待补正"
        project.save(update_fields=["statistics_date", "updated_at"])
        for step in Step.objects.filter(project=project, procedure_type__code="statistics"):
            step.status, step.approval_number = StepStatus.NOT_STARTED, ""
            step.actual_start = step.actual_finish = None
            step._change_reason = REASON
            step_save(step=step, recompute=False)
        project_recompute_schedule(project=project)
        wanted[kind] -= 1
        cleared.append(project.name)
    return cleared


def plans_for(projects: list[Project], year: int, rng: random.Random) -> dict[int, tuple[Decimal, dict[int, Decimal]]]:
    """This year's plan of every construction project (created where missing), three with a monthly split."""
    plans = {plan.project_id: plan for plan in InvestmentPlan.objects.filter(project__in=projects, year=year)}
    for project in projects:
        if project.pk not in plans:
            plan = InvestmentPlan(project=project, year=year, amount=money(project.total_investment * Decimal("0.2")))
            plan._change_reason = REASON
            plan.save()
            plans[project.pk] = plan
    months: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for project_id, month, amount in MonthlyPlan.objects.filter(plan__in=plans.values()).values_list(
        "plan__project_id", "month", "amount"
    ):
        months[project_id][month] = amount
    # Continuing projects (started before this year) are the ones planned month by month.
    continuing = sorted((p for p in projects if p.actual_start and p.actual_start.year < year), key=lambda p: p.name)
    chosen = rng.sample(continuing, min(3, len(continuing)))  # drawn on every run: the stream stays the same
    if not any(months.get(p.pk) for p in continuing):
        for project in chosen:
            plan = plans[project.pk]
            used = Decimal(0)
            for month in range(1, 13):
                share = Decimal(MONTH_SHARE[month]) / Decimal(100)
                amount = plan.amount - used if month == 12 else money(plan.amount * share)
                used += amount
                row = MonthlyPlan(plan=plan, month=month, amount=amount)
                row._change_reason = REASON
                row.save()
                months[project.pk][month] = amount
    return {pk: (plan.amount, dict(months.get(pk, {}))) for pk, plan in plans.items()}
