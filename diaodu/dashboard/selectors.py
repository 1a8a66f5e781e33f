"""Reads of the cockpit (驾驶舱): every figure of the leader's page, and of its API, from one selector.

The cockpit runs a constant number of queries whatever the number of projects: each figure is an aggregate made
by the database (`aggregate`, or `values` + `annotate` grouped by month, area or stage), every list is LIMITed,
and the lights and schedules are the stored ones (never recomputed here). Every read is narrowed by
`visible_to(user)` of its model, so that a responsible leader, a department or an officer sees the cockpit of
what he may see; land and the indicators are zone-level data, the same for every member.

What the figures mean (the rules are the lower apps'; only the sums are made here):
- 年度计划投资: the sum of the year's investment plans; 完成投资: what the counted reports (submitted or
  accepted) whose period starts in the year report, up to today — the figure the lights read;
- 序时进度: what the plans call for by today, plan by plan as `progress.lights.scheduled_amount` says (the
  monthly plan where one is set, else the elapsed share of the year), summed; the zone's light compares the
  shares by the year's thresholds as a project's investment light does;
- 计划新开工: projects (not cancelled) whose planned start falls in the year; 已开工: those of them with an
  actual start; 应开工: those whose planned start is today or earlier;
- 征供地 (land.selectors.land_summary), 招商签约 (leads signed in the year and still signed or beyond, as
  investment.selectors.signed_in_year counts them) and the funnel (each layer holds the leads at that stage or
  beyond, lost leads aside, as investment.selectors.funnel draws it);
- 专项债券: the year's special-bond applications: asked for (申报 and later), approved (获批, 资金到位), received;
- deadlines: open steps whose 任务时限 or, failing that, latest finish (最迟完成) falls within the next
  `DEADLINE_WORKDAYS` working days, and the reports due in them that projects have not yet submitted.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from diaodu.coordination.choices import UNRESOLVED, EscalationLevel
from diaodu.coordination.models import Issue
from diaodu.coordination.selectors import overdue_q
from diaodu.core import dataversion, workdays
from diaodu.funding.choices import ASKED, GRANTED, ApplicationStatus, Channel
from diaodu.funding.models import FundingApplication
from diaodu.indicators.selectors import indicators_overview
from diaodu.investment.choices import PIPELINE, SIGNED_STAGES, LeadStage, stage_index
from diaodu.investment.models import InvestmentTarget, Lead
from diaodu.land.selectors import land_figures
from diaodu.org.models import Area
from diaodu.progress.choices import COUNTED_STATUSES, Frequency, Light, Rule
from diaodu.progress.lights import Thresholds, scheduled_amount
from diaodu.progress.models import LightSettings, ProgressReport
from diaodu.progress.periods import month_period, week_period
from diaodu.progress.selectors import REPORTING_STAGES
from diaodu.projects.choices import ACTIVE_STAGES, Stage, StepStatus
from diaodu.projects.models import InvestmentPlan, MonthlyPlan, Project, Step

from . import charts

ZERO = Decimal(0)
HUNDRED = Decimal(100)
LIST_LIMIT = 10
DEADLINE_WORKDAYS = 10
SETTLED_STEPS = (StepStatus.DONE, StepStatus.NOT_APPLICABLE)


def percent(part, whole) -> Decimal | None:
    """part ÷ whole in per cent, one place (None without a whole)."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def time_share(as_of: dt.date) -> Decimal:
    """The elapsed share of the year on `as_of` (today counted), in per cent: the 时间进度 of every tile."""
    days = 366 if calendar.isleap(as_of.year) else 365
    return percent(as_of.timetuple().tm_yday, days)


# --- investment -----------------------------------------------------------------------------------


def _reports(user, as_of: dt.date):
    """The counted reports of the year up to `as_of`: what 完成投资 sums (the lights read the same)."""
    return ProgressReport.objects.visible_to(user).filter(
        status__in=COUNTED_STATUSES, period_start__year=as_of.year, period_start__lte=as_of
    )


def investment(user, as_of: dt.date, limits: Thresholds) -> dict:
    """The year's plan, what is done and what 序时进度 calls for: the S-curve, and both by area. Five queries.

    The reports are summed once, grouped by period and area (a few hundred rows whatever the number of reports):
    the months of the S-curve and the areas of the chart are both added up from those sums.
    """
    plans = InvestmentPlan.objects.visible_to(user).filter(year=as_of.year)
    with_months = MonthlyPlan.objects.filter(plan=OuterRef("pk"), amount__gt=0)
    totals = plans.aggregate(plan=Sum("amount"), linear=Sum("amount", filter=~Q(Exists(with_months))))
    plan, linear = totals["plan"] or ZERO, totals["linear"] or ZERO
    # Plans whose months are all zero add nothing here: they are among the `linear` ones.
    months = dict(
        MonthlyPlan.objects.filter(plan__in=plans)
        .order_by()
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    done_by_month: dict[int, Decimal] = {}
    done_by_area: dict[int | None, Decimal] = {}
    for period_start, area_id, total in (
        _reports(user, as_of)
        .order_by()
        .values("period_start", "project__area_id")
        .annotate(total=Sum("investment_done"))
        .values_list("period_start", "project__area_id", "total")
    ):
        done_by_month[period_start.month] = done_by_month.get(period_start.month, ZERO) + total
        done_by_area[area_id] = done_by_area.get(area_id, ZERO) + total
    plan_by_area = dict(
        plans.order_by()
        .values("project__area_id")
        .annotate(total=Sum("amount"))
        .values_list("project__area_id", "total")
    )

    def expected(day: dt.date) -> Decimal:
        return scheduled_amount(day, linear) + scheduled_amount(day, ZERO, months)

    done = sum(done_by_month.values(), ZERO).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    scheduled = expected(as_of)
    light = None
    if plan > 0:
        gap = (scheduled - done) * HUNDRED / plan
        if gap < limits.investment_yellow_gap:
            light = Light.GREEN.value
        elif gap <= limits.investment_red_gap:
            light = Light.YELLOW.value
        else:
            light = Light.RED.value
    areas = list(Area.objects.order_by("sort_order", "pk").values("pk", "name", "kind"))
    return {
        "year": as_of.year,
        "plan": plan,
        "done": done,
        "scheduled": scheduled.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        "done_share": percent(done, plan),
        "scheduled_share": percent(scheduled, plan),
        "light": light,
        "curve": charts.s_curve(as_of, plan, expected, done_by_month),
        "by_area": charts.by_area(areas, plan_by_area, done_by_area),
    }


# --- projects: starts and lights ------------------------------------------------------------------


def project_counts(user, as_of: dt.date) -> dict:
    """Planned starts of the year against the starts, and the stored lights. One query."""
    year = as_of.year
    planned = Q(planned_start__year=year) & ~Q(stage=Stage.CANCELLED)
    row = Project.objects.visible_to(user).aggregate(
        total=Count("pk"),
        planned=Count("pk", filter=planned),
        started=Count("pk", filter=planned & Q(actual_start__isnull=False)),
        due=Count("pk", filter=planned & Q(planned_start__lte=as_of)),
        due_unstarted=Count("pk", filter=planned & Q(planned_start__lte=as_of, actual_start__isnull=True)),
        started_in_year=Count("pk", filter=Q(actual_start__year=year)),
        red=Count("pk", filter=Q(light__light=Light.RED)),
        yellow=Count("pk", filter=Q(light__light=Light.YELLOW)),
        green=Count("pk", filter=Q(light__light=Light.GREEN)),
    )
    lights = {light.value: row[light.value] for light in (Light.RED, Light.YELLOW, Light.GREEN)}
    return {
        "total": row["total"],
        "starts": {
            "planned": row["planned"],
            "started": row["started"],
            "share": percent(row["started"], row["planned"]),
            "due": row["due"],
            "due_unstarted": row["due_unstarted"],
            "started_in_year": row["started_in_year"],
        },
        "lights": {**lights, "unlit": row["total"] - sum(lights.values()), "total": row["total"]},
    }


def red_projects(user) -> list[dict]:
    """The red projects with their red reasons, the largest first. One query (LIMITed)."""
    rows = (
        Project.objects.visible_to(user)
        .filter(light__light=Light.RED)
        .select_related("light", "area", "responsible_leader", "responsible_department")
        .order_by("-total_investment", "pk")[:LIST_LIMIT]
    )
    return [
        {
            "id": project.pk,
            "name": project.name,
            "url": reverse("project-detail", args=[project.pk]),
            "area": project.area.name if project.area_id else "",
            "leader": project.responsible_leader.name if project.responsible_leader_id else "",
            "department": project.responsible_department.name if project.responsible_department_id else "",
            "total_investment": project.total_investment,
            "red_since": project.light.changed_on,
            "reasons": [
                {"rule": reason["rule"], "rule_label": str(Rule(reason["rule"]).label), "message": reason["message"]}
                for reason in project.light.reasons
                if reason.get("light") == Light.RED and reason.get("rule") in Rule.values
            ],
        }
        for project in rows
    ]


# --- issues ---------------------------------------------------------------------------------------


def issues(user, as_of: dt.date) -> dict:
    """Unresolved, overdue and escalated issues, and the overdue ones, longest overdue first. Two queries."""
    visible = Issue.objects.visible_to(user)
    counts = visible.aggregate(
        unresolved=Count("pk", filter=Q(status__in=UNRESOLVED)),
        overdue=Count("pk", filter=overdue_q(as_of)),
        escalated=Count("pk", filter=Q(status__in=UNRESOLVED, escalation_level__gt=0)),
    )
    rows = visible.filter(overdue_q(as_of)).select_related("project", "department").order_by("due_date", "pk")
    calendar_ = workdays.get_calendar()
    overdue = [
        {
            "id": issue.pk,
            "title": issue.title,
            "url": reverse("issue-detail", args=[issue.pk]),
            "project": issue.project.name if issue.project_id else "",
            "department": issue.department.name if issue.department_id else "",
            "due_date": issue.due_date,
            "workdays_overdue": calendar_.workdays_between(issue.due_date, as_of),
            "escalation_level": issue.escalation_level,
            "escalation_label": str(EscalationLevel(issue.escalation_level).label) if issue.escalation_level else "",
        }
        for issue in rows[:LIST_LIMIT]
    ]
    return {**counts, "rows": overdue}


# --- deadlines in the next working days -----------------------------------------------------------


def _due_periods(as_of: dt.date, end: dt.date, settings: LightSettings) -> list:
    """The reporting periods (monthly and weekly) whose due date falls from `as_of` to `end`."""
    found = []
    month = as_of.replace(day=1)
    while month <= end:
        period = month_period(month, settings.monthly_due_day)
        if as_of <= period.due <= end:
            found.append(period)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    week = as_of - dt.timedelta(days=as_of.weekday())
    while week <= end:
        period = week_period(week, settings.weekly_due_weekday)
        if as_of <= period.due <= end:
            found.append(period)
        week += dt.timedelta(days=7)
    return found


def _reports_due(user, as_of: dt.date, end: dt.date, settings: LightSettings, calendar_) -> list[dict]:
    """One row per reporting period due in the window: how many projects have not yet submitted. One query."""
    periods = _due_periods(as_of, end, settings)
    if not periods:
        return []
    owed = {}
    for index, period in enumerate(periods):
        reported = ProgressReport.objects.filter(
            project=OuterRef("pk"),
            frequency=period.frequency,
            period_start=period.start,
            status__in=COUNTED_STATUSES,
        )
        weekly = period.frequency == Frequency.WEEKLY
        owed[f"p{index}"] = Count("pk", filter=Q(reports_weekly=weekly) & ~Q(Exists(reported)))
    counts = Project.objects.visible_to(user).filter(stage__in=REPORTING_STAGES).aggregate(**owed)
    url = reverse("report-home")
    rows = []
    for index, period in enumerate(periods):
        if counts[f"p{index}"]:
            kind_label = _("周报截止") if period.frequency == Frequency.WEEKLY else _("月报截止")
            rows.append(
                {
                    "date": period.due,
                    "workdays_left": calendar_.workdays_between(as_of, period.due),
                    "kind": "report",
                    "kind_label": kind_label,
                    "title": _("%(period)s进度报告") % {"period": period.label},
                    "project": _("%(n)d个项目尚未报送") % {"n": counts[f"p{index}"]},
                    "url": url,
                }
            )
    return rows


def deadlines(user, as_of: dt.date, settings: LightSettings) -> dict:
    """Step deadlines, latest finishes and report due dates in the next working days, soonest first. Three queries."""
    calendar_ = workdays.get_calendar()
    end = calendar_.add_workdays(as_of, DEADLINE_WORKDAYS)
    window = (as_of, end)
    steps = (
        Step.objects.visible_to(user)
        .filter(project__stage__in=ACTIVE_STAGES)
        .exclude(status__in=SETTLED_STEPS)
        .filter(Q(deadline__range=window) | Q(late_finish__range=window))
        .annotate(
            due=Case(When(deadline__range=window, then=F("deadline")), default=F("late_finish")),
            due_kind=Case(When(deadline__range=window, then=Value("deadline")), default=Value("late_finish")),
        )
    )
    # Counted apart, then only the first ten are fetched (a top-N sort): a window count over every matching step
    # would carry all of them through the sort.
    step_count = steps.count()
    first = steps.select_related("project").order_by("due", "project_id", "sort_order", "pk")[:LIST_LIMIT]
    labels = {"deadline": _("任务时限"), "late_finish": _("最迟完成")}
    rows = [
        {
            "date": step.due,
            "workdays_left": calendar_.workdays_between(as_of, step.due),
            "kind": step.due_kind,
            "kind_label": labels[step.due_kind],
            "title": step.name,
            "project": step.project.name,
            "url": reverse("project-detail", args=[step.project_id]),
        }
        for step in first
    ]
    reports = _reports_due(user, as_of, end, settings, calendar_)
    rows = sorted(rows + reports, key=lambda row: (row["date"], row["kind"] != "report"))[:LIST_LIMIT]
    return {"until": end, "workdays": DEADLINE_WORKDAYS, "count": step_count + len(reports), "rows": rows}


# --- the other ledgers ----------------------------------------------------------------------------


def land(as_of: dt.date) -> dict:
    """征供地 against the quota, and the burn-down (zone-level: the same for every member)."""
    summary, chart = land_figures(as_of.year, as_of)
    keys = ("has_quota", "quota_ha", "acquired_ha", "supplied_ha", "done_ha", "reserved_ha", "remaining_ha")
    return {
        **{key: summary[key] for key in keys},
        "required_monthly_ha": summary["required_monthly_ha"],
        "share": percent(summary["done_ha"], summary["quota_ha"]),
        "chart": chart,
    }


def leads(user, as_of: dt.date) -> dict:
    """The year's signed investment against its target, and the funnel. Two queries."""
    rows = list(
        Lead.objects.visible_to(user)
        .order_by()
        .values("stage")
        .annotate(
            count=Count("pk"),
            amount=Sum("investment"),
            signed_count=Count("pk", filter=Q(signed_on__year=as_of.year)),
            signed_amount=Sum("investment", filter=Q(signed_on__year=as_of.year)),
        )
    )
    target = InvestmentTarget.objects.filter(year=as_of.year).first()
    signed = [row for row in rows if row["stage"] in SIGNED_STAGES]
    amount = sum((row["signed_amount"] or ZERO for row in signed), ZERO)
    count = sum(row["signed_count"] for row in signed)
    counts, amounts = [0] * len(PIPELINE), [ZERO] * len(PIPELINE)
    for row in rows:
        if row["stage"] == LeadStage.LOST:
            continue
        for index in range(stage_index(row["stage"]) + 1):
            counts[index] += row["count"]
            amounts[index] += row["amount"] or ZERO
    lost = next((row for row in rows if row["stage"] == LeadStage.LOST), None)
    return {
        "signed_amount": amount,
        "signed_count": count,
        "target": target.signed_investment if target else None,
        "target_count": target.signed_count if target else None,
        "share": percent(amount, target.signed_investment) if target else None,
        "funnel": charts.funnel(counts, amounts, lost),
    }


def bonds(user, year: int) -> dict:
    """The year's special-bond applications: asked for, approved and received. One query."""
    row = (
        FundingApplication.objects.visible_to(user)
        .filter(channel=Channel.SPECIAL_BOND, year=year)
        .aggregate(
            count=Count("pk"),
            asked=Sum("requested_amount", filter=Q(status__in=ASKED)),
            asked_count=Count("pk", filter=Q(status__in=ASKED)),
            approved=Sum("approved_amount", filter=Q(status__in=GRANTED)),
            approved_count=Count("pk", filter=Q(status__in=GRANTED)),
            received=Sum("received_amount", filter=Q(status=ApplicationStatus.RECEIVED)),
        )
    )
    for key in ("asked", "approved", "received"):
        row[key] = row[key] or ZERO
    return {**row, "share": percent(row["approved"], row["asked"])}


def indicators(user, as_of: dt.date) -> dict:
    """The indicators against their targets (indicators.selectors, a fixed number of queries), by light."""
    rows = indicators_overview(as_of, user=user)
    lights = {light.value: 0 for light in (Light.RED, Light.YELLOW, Light.GREEN)}
    for row in rows:
        # The indicators' light is a TextChoices member: its value is the key (members hash by their name).
        key = str(row["light"]) if row["light"] else None
        if key in lights:
            lights[key] += 1
    return {
        "lights": lights,
        "rows": [
            {
                "code": row["code"],
                "name": row["name"],
                "url": row["url"],
                "latest": row["latest_display"],
                "latest_period": row["latest_period"],
                "target": row["target_display"],
                "progress": row["progress"],
                "growth": row["growth"],
                "light": str(row["light"]) if row["light"] else None,
                "light_reason": row["light_reason"],
            }
            for row in rows
        ],
    }


# --- the cockpit ----------------------------------------------------------------------------------


def cockpit_today(user) -> dict:
    """Today's cockpit for `user`, computed once per state of the data (cached on `core.dataversion.stamp`).

    The page and the API read it: a leader who opens the cockpit again, or the next one of his day, gets the
    figures without their queries for as long as nothing has been written since (any write, anywhere, makes the
    next request compute them afresh). Keyed by the user, the day and the language of the labels.
    """
    as_of = timezone.localdate()
    return dataversion.cached(("cockpit", user.pk, as_of, get_language()), lambda: cockpit(user, as_of))


def cockpit(user, as_of: dt.date | None = None) -> dict:
    """Everything the cockpit page and `GET /api/dashboard/cockpit/` show, for what `user` may see."""
    as_of = as_of or timezone.localdate()
    settings = LightSettings.for_year(as_of.year)
    limits = Thresholds.from_settings(settings)
    projects = project_counts(user, as_of)
    money = investment(user, as_of, limits)
    land_figures = land(as_of)
    lead_figures = leads(user, as_of)
    return {
        "as_of": as_of,
        "year": as_of.year,
        "time_share": time_share(as_of),
        "project_count": projects["total"],
        "investment": {key: value for key, value in money.items() if key not in ("curve", "by_area")},
        "starts": projects["starts"],
        "lights": projects["lights"],
        "land": {key: value for key, value in land_figures.items() if key != "chart"},
        "signed": {key: value for key, value in lead_figures.items() if key != "funnel"},
        "bonds": bonds(user, as_of.year),
        "indicators": indicators(user, as_of),
        "issues": issues(user, as_of),
        "red_projects": red_projects(user),
        "deadlines": deadlines(user, as_of, settings),
        "charts": {
            "s_curve": money["curve"],
            "lights": charts.lights(projects["lights"]),
            "by_area": money["by_area"],
            "funnel": lead_figures["funnel"],
            "burndown": land_figures["chart"],
        },
    }
