"""Traffic lights (亮灯): a project's light and every reason, by DESIGN.md's rules. The worst light wins.

Pure functions over plain data (`LightInputs`, `Thresholds`); `selectors.light_inputs` gathers the data.

- investment: green at or above 序时进度 (or less than the yellow gap below it); yellow from the yellow gap
  to the red gap below it (both included); red more than the red gap below it. Points are percentage
  points of the annual plan. 序时进度 is the share of the annual plan that the elapsed share of the year
  calls for, or the monthly plan where one is set;
- start: yellow once the planned start month has passed unstarted; red when more than `start_red_months`
  months have passed since that month;
- schedule: red when a step is past its deadline or float is negative; yellow when float is under
  `float_yellow_days` working days;
- statistics (入库纳统, required from `statistics_min_investment` 万元 once work starts): yellow
  `statistics_yellow_months` after the start without it, red after `statistics_red_months`;
- reporting: yellow when a period's report is late, red when more than `report_red_days` days late;
- issues: yellow while an issue of the project is overdue, red once one has been escalated.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from diaodu.projects.choices import Stage

from .choices import LIGHT_ORDER, Light, Rule
from .periods import add_months, months_between

HUNDRED = Decimal(100)
NOT_STARTED_STAGES = frozenset({Stage.CONCEIVED, Stage.RESERVE, Stage.PREPARATION})
SCHEDULED_STAGES = frozenset({Stage.CONCEIVED, Stage.RESERVE, Stage.PREPARATION, Stage.CONSTRUCTION})
STARTED_STAGES = frozenset({Stage.CONSTRUCTION, Stage.COMPLETED, Stage.OPERATING})


@dataclass(frozen=True)
class Thresholds:
    """One year's thresholds (the dispatch office's `LightSettings`, defaults as DESIGN.md says)."""

    investment_yellow_gap: Decimal = Decimal(10)
    investment_red_gap: Decimal = Decimal(30)
    start_red_months: int = 3
    float_yellow_days: int = 10
    statistics_min_investment: Decimal = Decimal(500)
    statistics_yellow_months: int = 1
    statistics_red_months: int = 2
    report_red_days: int = 10

    @classmethod
    def from_settings(cls, settings) -> Thresholds:
        return cls(**{name: getattr(settings, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class LightInputs:
    """The facts about one project that its light depends on."""

    stage: str
    planned_start: dt.date | None = None
    actual_start: dt.date | None = None
    total_investment: Decimal = Decimal(0)
    statistics_date: dt.date | None = None
    annual_plan: Decimal = Decimal(0)
    monthly_plan: dict[int, Decimal] = field(default_factory=dict)
    invested_this_year: Decimal = Decimal(0)
    min_float: int | None = None
    worst_step: str = ""
    overdue_steps: tuple[str, ...] = ()
    schedule_error: str = ""
    reports_required: bool = False
    missing_reports: tuple[tuple[str, dt.date], ...] = ()  # (period, due date), oldest first
    overdue_issues: tuple[str, ...] = ()
    escalated_issues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    rule: str
    light: str
    message: str

    def __post_init__(self):
        # Plain strings (not TextChoices members), so that stored JSON and API answers are just "red".
        object.__setattr__(self, "rule", str(self.rule.value if hasattr(self.rule, "value") else self.rule))
        object.__setattr__(self, "light", str(self.light.value if hasattr(self.light, "value") else self.light))

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LightResult:
    light: str
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {"light": self.light, "reasons": [reason.as_dict() for reason in self.reasons]}


def scheduled_amount(as_of: dt.date, annual_plan: Decimal, monthly_plan: dict[int, Decimal] | None = None) -> Decimal:
    """序时进度 in 万元: what the plan calls for by the end of `as_of`.

    With a monthly plan: the months before plus the elapsed share of the current month's amount;
    otherwise the elapsed share of the year (days) of the annual plan.
    """
    if monthly_plan and any(monthly_plan.values()):
        done_months = sum((amount for month, amount in monthly_plan.items() if month < as_of.month), Decimal(0))
        days = calendar.monthrange(as_of.year, as_of.month)[1]
        return done_months + monthly_plan.get(as_of.month, Decimal(0)) * Decimal(as_of.day) / Decimal(days)
    elapsed = as_of.timetuple().tm_yday
    days_in_year = 366 if calendar.isleap(as_of.year) else 365
    return annual_plan * Decimal(elapsed) / Decimal(days_in_year)


def _pct(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1'))}%"


def _investment(facts: LightInputs, limits: Thresholds, as_of: dt.date) -> Reason | None:
    if facts.stage != Stage.CONSTRUCTION or facts.annual_plan <= 0:
        return None
    expected = scheduled_amount(as_of, facts.annual_plan, facts.monthly_plan)
    expected_pct = expected / facts.annual_plan * HUNDRED
    actual_pct = facts.invested_this_year / facts.annual_plan * HUNDRED
    gap = expected_pct - actual_pct
    detail = _("本年完成投资%(done)s万元，占年度计划%(actual)s，序时进度%(expected)s") % {
        "done": facts.invested_this_year.quantize(Decimal("0.01")),
        "actual": _pct(actual_pct),
        "expected": _pct(expected_pct),
    }
    if gap <= 0:
        return Reason(Rule.INVESTMENT, Light.GREEN, _("%(detail)s，达到序时进度。") % {"detail": detail})
    points = {"detail": detail, "gap": gap.quantize(Decimal("0.1"))}
    if gap < limits.investment_yellow_gap:
        return Reason(Rule.INVESTMENT, Light.GREEN, _("%(detail)s，略低于序时进度%(gap)s个百分点。") % points)
    if gap <= limits.investment_red_gap:
        return Reason(Rule.INVESTMENT, Light.YELLOW, _("%(detail)s，落后序时进度%(gap)s个百分点。") % points)
    return Reason(Rule.INVESTMENT, Light.RED, _("%(detail)s，落后序时进度%(gap)s个百分点。") % points)


def _start(facts: LightInputs, limits: Thresholds, as_of: dt.date) -> Reason | None:
    if facts.stage not in NOT_STARTED_STAGES or facts.planned_start is None or facts.actual_start is not None:
        return None
    month = _("%(year)d年%(month)d月") % {"year": facts.planned_start.year, "month": facts.planned_start.month}
    late = months_between(facts.planned_start, as_of)
    if late <= 0:
        return Reason(Rule.START, Light.GREEN, _("计划于%(month)s开工。") % {"month": month})
    if late <= limits.start_red_months:
        return Reason(Rule.START, Light.YELLOW, _("计划开工月（%(month)s）已过，尚未开工。") % {"month": month})
    return Reason(
        Rule.START,
        Light.RED,
        _("计划开工月（%(month)s）已过%(n)d个月，仍未开工。") % {"month": month, "n": late},
    )


def _schedule(facts: LightInputs, limits: Thresholds, as_of: dt.date) -> Reason | None:
    if facts.stage not in SCHEDULED_STAGES:
        return None
    if facts.schedule_error:
        return Reason(Rule.SCHEDULE, Light.RED, facts.schedule_error)
    if facts.overdue_steps:
        names = "、".join(f"“{name}”" for name in facts.overdue_steps[:3])
        more = _("等%(n)d项") % {"n": len(facts.overdue_steps)} if len(facts.overdue_steps) > 3 else ""
        return Reason(Rule.SCHEDULE, Light.RED, _("%(names)s%(more)s已超过任务时限。") % {"names": names, "more": more})
    if facts.min_float is None:
        return None
    step = facts.worst_step
    if facts.min_float < 0:
        return Reason(
            Rule.SCHEDULE,
            Light.RED,
            _("按倒排工期，“%(step)s”已落后%(days)d个工作日，时限已无法实现。")
            % {"step": step, "days": -facts.min_float},
        )
    if facts.min_float < limits.float_yellow_days:
        return Reason(
            Rule.SCHEDULE,
            Light.YELLOW,
            _("“%(step)s”的浮动时间仅剩%(days)d个工作日。") % {"step": step, "days": facts.min_float},
        )
    return Reason(
        Rule.SCHEDULE, Light.GREEN, _("工期可实现，最小浮动时间%(days)d个工作日。") % {"days": facts.min_float}
    )


def _statistics(facts: LightInputs, limits: Thresholds, as_of: dt.date) -> Reason | None:
    if facts.total_investment < limits.statistics_min_investment or facts.actual_start is None:
        return None
    if facts.stage not in STARTED_STAGES:
        return None
    if facts.statistics_date is not None and facts.statistics_date <= as_of:
        return Reason(
            Rule.STATISTICS, Light.GREEN, _("已于%(date)s入库纳统。") % {"date": facts.statistics_date.isoformat()}
        )
    start = facts.actual_start.isoformat()
    if as_of >= add_months(facts.actual_start, limits.statistics_red_months):
        return Reason(
            Rule.STATISTICS,
            Light.RED,
            _("%(start)s开工，已满%(n)d个月仍未入库纳统。") % {"start": start, "n": limits.statistics_red_months},
        )
    if as_of >= add_months(facts.actual_start, limits.statistics_yellow_months):
        return Reason(
            Rule.STATISTICS,
            Light.YELLOW,
            _("%(start)s开工，已满%(n)d个月尚未入库纳统。") % {"start": start, "n": limits.statistics_yellow_months},
        )
    return Reason(Rule.STATISTICS, Light.GREEN, _("%(start)s开工，尚未入库纳统（未到时限）。") % {"start": start})


def _reporting(facts: LightInputs, limits: Thresholds, as_of: dt.date) -> Reason | None:
    if not facts.reports_required:
        return None
    late = [(period, due) for period, due in facts.missing_reports if due < as_of]
    if not late:
        return Reason(Rule.REPORTING, Light.GREEN, _("各期报告均已报送。"))
    period, due = late[0]
    days = (as_of - due).days
    values = {"period": period, "due": due.isoformat(), "days": days}
    if days > limits.report_red_days:
        return Reason(Rule.REPORTING, Light.RED, _("%(period)s报告逾期%(days)d天未报（截止%(due)s）。") % values)
    return Reason(Rule.REPORTING, Light.YELLOW, _("%(period)s报告逾期%(days)d天未报（截止%(due)s）。") % values)


def _issues(facts: LightInputs, limits: Thresholds, as_of: dt.date) -> Reason | None:
    if facts.escalated_issues:
        names = "、".join(f"“{title}”" for title in facts.escalated_issues[:3])
        return Reason(Rule.ISSUES, Light.RED, _("问题%(names)s逾期未办结，已督办。") % {"names": names})
    if facts.overdue_issues:
        names = "、".join(f"“{title}”" for title in facts.overdue_issues[:3])
        return Reason(Rule.ISSUES, Light.YELLOW, _("问题%(names)s已超过办理时限。") % {"names": names})
    return None


RULES = (_investment, _start, _schedule, _statistics, _reporting, _issues)


def compute_light(facts: LightInputs, limits: Thresholds, as_of: dt.date) -> LightResult:
    """The project's light and every reason; the worst light wins (green when no rule applies)."""
    reasons = tuple(reason for rule in RULES if (reason := rule(facts, limits, as_of)) is not None)
    light = max((reason.light for reason in reasons), key=LIGHT_ORDER.__getitem__, default=Light.GREEN)
    return LightResult(str(light), reasons)
