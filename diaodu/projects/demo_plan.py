"""The demo's plan of one project, computed in memory: which procedures are done or in progress, since when, and the
planned start that gives the profile's float (see `demo.py`'s docstring).
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from diaodu.core import workdays
from diaodu.core.validators import validate_project_code

from . import scheduling
from .choices import FundingKind, Stage, StepKind, StepStatus, TemplateKind
from .demo_data import (
    AGR,
    AHEAD,
    AREA_CENTRES,
    BUILDING,
    CONCEIVED,
    CONTINUING,
    IND,
    INFRA,
    LATE,
    PRIORITY,
    PUB,
    RE,
    RESERVE,
    TIGHT,
    TOUR,
    WAITING_FOR_LAND,
    YI,
    Spec,
)
from .models import ScheduleTemplate

# --- the plan of one project, computed in memory --------------------------------------------------


@dataclass(frozen=True)
class Node:
    """One step of a template: its procedure code, kind, planned duration and predecessors."""

    code: str
    name: str
    kind: str
    duration: int
    preds: tuple[str, ...]
    is_target: bool


@dataclass
class StepState:
    status: str
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    approval_number: str = ""


@dataclass
class Plan:
    template: ScheduleTemplate
    states: dict[str, StepState] = field(default_factory=dict)
    stage: str = Stage.PREPARATION
    planned_start: dt.date | None = None
    planned_completion: dt.date | None = None
    actual_start: dt.date | None = None
    statistics_date: dt.date | None = None
    code: str | None = None
    investment_done_before: Decimal = Decimal(0)
    plan_amount: Decimal | None = None
    funding: list[tuple[str, str | None, Decimal, str]] = field(default_factory=list)
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def _template_nodes(template: ScheduleTemplate) -> list[Node]:
    steps = template.steps.select_related("procedure_type").prefetch_related("after__procedure_type")
    return [
        Node(
            code=step.procedure_type.code,
            name=step.procedure_type.name,
            kind=step.procedure_type.kind,
            duration=0 if step.procedure_type.kind == StepKind.MILESTONE else step.duration_days,
            preds=tuple(before.procedure_type.code for before in step.after.all()),
            is_target=step.is_target,
        )
        for step in steps.order_by("sort_order")
    ]


class Planner:
    """Lays out a project's progress and dates relative to today, drawing from one random stream."""

    def __init__(self, rng: random.Random, today: dt.date, templates: dict[str, ScheduleTemplate], division: str):
        self.rng = rng
        self.division = division
        self.today = today
        self.cal = workdays.get_calendar()
        self.today_n = self.cal.workday_number_on_or_before(today)
        self.templates = templates
        self.nodes = {kind: _template_nodes(template) for kind, template in templates.items()}
        self.counters: dict[tuple[str, int], int] = {}
        self.codes: set[str] = set()
        # The year of the speech is this year: its first and last working days, and how much of it has gone.
        self.year_first_n = self.cal.workday_number_on_or_after(dt.date(today.year, 1, 1))
        self.year_last_n = self.cal.workday_number_on_or_before(dt.date(today.year, 12, 31))
        self.season = (self.today_n - self.year_first_n) / max(1, self.year_last_n - self.year_first_n)

    def seasonal(self, profile: str) -> str:
        """The later in the year the demo is first loaded, the more of the year's planned starts have started.

        A project that is ahead (or tight) of its planned start in spring has, by autumn, mostly started.
        """
        share = {AHEAD: 0.95, TIGHT: 0.6}.get(profile)
        if share is not None and self.today_n - self.year_first_n > 30 and self.rng.random() < self.season * share:
            return BUILDING
        return profile

    # working-day numbers ↔ dates
    def date(self, number: int) -> dt.date:
        return self.cal.workday_date(number)

    def number(self, day: dt.date) -> int:
        return self.cal.workday_number_on_or_before(day)

    def plan(self, spec: Spec) -> Plan:
        """The project's plan, moved on by the time of year where its land allows.

        The plan as the speech's spring would have it is drawn first, from the shared stream, so that every
        project draws the same numbers whatever the date; a project that has moved on since is then drawn again
        from a stream of its own.
        """
        counters, codes = dict(self.counters), set(self.codes)
        spring = self._plan(spec, spec.profile, 0.0)
        if spec.name in WAITING_FOR_LAND:
            return spring
        shared = self.rng
        self.rng = random.Random(f"{spec.name}:{self.today.year}")
        try:
            profile = self.seasonal(spec.profile)
            if profile not in (AHEAD, TIGHT, BUILDING) or (profile == spec.profile == BUILDING):
                return spring
            self.counters, self.codes = counters, codes
            return self._plan(spec, profile, self.season)
        finally:
            self.rng = shared

    def _plan(self, spec: Spec, profile: str, season: float) -> Plan:
        rng = self.rng
        kind = TemplateKind.GOVERNMENT if spec.government else TemplateKind.ENTERPRISE
        nodes = self.nodes[kind]
        by_code = {node.code: node for node in nodes}
        na = {code for code in spec.na if code in by_code}
        target = next(node.code for node in nodes if node.is_target)

        def effective_preds(code: str) -> list[str]:
            result = []
            for pred in by_code[code].preds:
                for item in effective_preds(pred) if pred in na else [pred]:
                    if item not in result:
                        result.append(item)
            return result

        preds = {node.code: effective_preds(node.code) for node in nodes if node.code not in na}
        successors: dict[str, list[str]] = {code: [] for code in preds}
        for code, items in preds.items():
            for pred in items:
                successors[pred].append(code)

        # The procedures before 开工, in the order a zone does them.
        ancestors: set[str] = set()
        stack = [target]
        while stack:
            for pred in preds[stack.pop()]:
                if pred not in ancestors:
                    ancestors.add(pred)
                    stack.append(pred)
        rank = {code: i for i, code in enumerate(PRIORITY)}
        order: list[str] = []
        remaining = sorted(ancestors, key=lambda c: rank.get(c, len(rank)))
        while remaining:
            code = next(c for c in remaining if all(p in order for p in preds[c]))
            order.append(code)
            remaining.remove(code)
        n_pre = len(order)

        plan = Plan(template=self.templates[kind])
        dates: dict[str, tuple[int, int | None]] = {}  # code → (actual start, actual finish) as workday numbers
        done: set[str] = set()
        start_n = None
        passed = False

        if profile in (BUILDING, CONTINUING):
            done = set(order)
            if profile == BUILDING and not season:
                start_n = self.today_n - rng.randint(15, 140)
            elif profile == BUILDING:  # started this year, between its first weeks and three weeks ago
                elapsed = self.today_n - self.year_first_n
                start_n = self.today_n - rng.randint(min(15, elapsed // 2), max(15, min(140, elapsed - 10)))
            else:  # 续建: started in an earlier year
                start_n = self.number(dt.date(self.today.year, 1, 1)) - rng.randint(20, 240)
            dates[target] = (start_n, start_n)
        else:
            passed = profile == LATE and rng.random() < 0.4
            # Later in the year, the projects still to start have done more of their procedures.
            if profile == AHEAD:
                k = rng.randint(max(1, round(season * (n_pre - 2))), max(1, n_pre - 2))
            elif profile == TIGHT:
                k = rng.randint(max(2, round(season * (n_pre - 1))), max(2, n_pre - 1))
            elif profile == LATE and passed:  # the last permits are stuck and the planned start has gone by
                k = rng.randint(max(1, n_pre - 3), max(1, n_pre - 1))
            elif profile == LATE:  # planned start ahead, but too many procedures still to do
                k = rng.randint(max(1, n_pre // 3), max(1, n_pre - 2))
            else:  # reserve, conceived: nothing done yet
                k = 0
            done = set(order[:k])
            ready = [code for code in order[k:] if all(p in done for p in preds[code])]
            if profile == CONCEIVED or not ready:
                n_started = 0
            elif profile == RESERVE:
                n_started = 1
            else:
                n_started = rng.randint(1, min(2, len(ready)))
            for code in ready[:n_started]:
                duration = max(by_code[code].duration, 1)
                if profile == LATE:  # stalled: started long ago
                    elapsed = rng.randint(max(1, duration // 2), duration * 2)
                else:
                    elapsed = rng.randint(1, max(1, duration - 1))
                dates[code] = (self.today_n - elapsed, None)

        # Lay the done steps backwards: each finishes before its started successors begin.
        for code in reversed(order):
            if code not in done:
                continue
            limits = [dates[succ][0] - 1 - rng.randint(0, 4) for succ in successors[code] if succ in dates]
            finish = min(limits) if limits else self.today_n - rng.randint(1, 12)
            duration = by_code[code].duration
            taken = max(1, round(duration * rng.uniform(0.5, 1.15))) if duration else 0
            dates[code] = (finish - taken + 1 if taken else finish, finish)

        # After 开工: 入库纳统 and 主体施工.
        if start_n is not None:
            if "statistics" in preds:
                finish = start_n + rng.randint(10, 30)
                # Not yet in the statistics (the light turns yellow a month after the start): moved on by the
                # season, only some recent starts.
                draw = rng.random() if profile == BUILDING else 1.0
                recent = self.today_n - start_n < 40
                missing = draw < 0.3 if not season else recent and draw < 0.5
                if missing:
                    pass
                elif finish <= self.today_n:
                    dates["statistics"] = (max(start_n + 1, finish - 9), finish)
                    plan.statistics_date = self.date(finish)
                else:
                    dates["statistics"] = (min(start_n + 1, self.today_n), None)
            if "construction" in preds:
                dates["construction"] = (min(start_n + rng.randint(0, 5), self.today_n), None)

        for node in nodes:
            if node.code in na:
                plan.states[node.code] = StepState(StepStatus.NOT_APPLICABLE)
            elif node.code in dates:
                begun, finish = dates[node.code]
                state = StepState(
                    StepStatus.IN_PROGRESS if finish is None else StepStatus.DONE,
                    actual_start=self.date(begun),
                    actual_finish=self.date(finish) if finish is not None else None,
                )
                if finish is not None and node.kind == StepKind.PROCEDURE:
                    state.approval_number = self.approval_number(node.code, state.actual_finish, spec.government)
                plan.states[node.code] = state
            else:
                plan.states[node.code] = StepState(StepStatus.NOT_STARTED)

        # Dates of the project.
        if start_n is not None:
            plan.actual_start = self.date(start_n)
            plan.stage = Stage.CONSTRUCTION
            if profile == BUILDING:
                plan.planned_start = plan.actual_start + dt.timedelta(days=rng.randint(-25, 20))
            else:
                plan.planned_start = plan.actual_start - dt.timedelta(days=rng.randint(0, 30))
        elif profile == CONCEIVED:
            plan.stage = Stage.CONCEIVED
        else:
            earliest = self.earliest_start(nodes, preds, plan.states, target)
            if profile == AHEAD:
                slack = rng.randint(15, 80)
            elif profile == TIGHT:
                slack = rng.randint(0, 9)
            elif profile == RESERVE:
                slack = rng.randint(60, 150)
            elif passed:  # late, and the planned start has already gone by unstarted
                planned = self.number(self.today - dt.timedelta(days=rng.randint(7, 60)))
                slack = min(planned - earliest, -3)
            else:
                slack = -rng.randint(3, 45)
            planned = earliest + slack
            if profile in (AHEAD, TIGHT, LATE):
                # One of the year's planned starts: planned within the year, even when that is out of reach now.
                planned = min(planned, self.year_last_n)
            plan.planned_start = self.date(planned)
            if profile == RESERVE:
                plan.stage = Stage.RESERVE
        if plan.planned_start is not None:
            months = rng.randint(36, 60) if spec.investment >= YI else rng.randint(12, 30)
            plan.planned_completion = plan.planned_start + dt.timedelta(days=round(months * 30.4))

        # A national project code, once the project is filed or its proposal approved.
        filed = next((plan.states[c] for c in ("filing", "proposal") if c in plan.states), None)
        serial = f"{rng.randint(0, 99999):05d}{rng.choice('0123456789ABCDEFGHJKLMNPQRTUWXY')}"
        if spec.code and filed is not None and filed.status == StepStatus.DONE:
            code = "{:%y%m}-{}-{}-{}-{}".format(
                filed.actual_finish,
                self.division,
                {IND: "04", AGR: "01", INFRA: "02", PUB: "05", TOUR: "06", RE: "07"}.get(spec.category, "08"),
                "01" if spec.government else "03",
                serial,
            )
            validate_project_code(code)
            if code not in self.codes:
                self.codes.add(code)
                plan.code = code

        # Money: what was done before this year, this year's plan, and where it comes from.
        total = spec.investment
        share_before = rng.uniform(0.35, 0.6)
        if profile == CONTINUING:
            plan.investment_done_before = _round(total * share_before)
        share = rng.uniform(0.0, 1.0)
        if profile == CONTINUING:
            plan.plan_amount = _round(total * (0.2 + 0.15 * share))
        elif profile == BUILDING:
            plan.plan_amount = _round(total * ((0.08 + 0.07 * share) if total >= YI else (0.15 + 0.15 * share)))
        elif profile in (AHEAD, TIGHT, LATE):
            this_year = plan.planned_start.year <= self.today.year
            plan.plan_amount = _round(total * ((0.1 + 0.15 * share) if this_year else (0.02 + 0.04 * share)))
        plan.funding = self.funding(spec, profile)

        centre = AREA_CENTRES.get(spec.area, (44.03, 125.36))
        plan.latitude = Decimal(str(round(centre[0] + rng.uniform(-0.012, 0.012), 6)))
        plan.longitude = Decimal(str(round(centre[1] + rng.uniform(-0.015, 0.015), 6)))
        return plan

    def earliest_start(self, nodes, preds, states: dict[str, StepState], target: str) -> int:
        """The working-day number of the earliest date 开工 can be reached, as the schedule computes it."""
        ids = {node.code: i for i, node in enumerate(nodes, start=1)}
        inputs = [
            scheduling.StepInput(
                id=ids[node.code],
                name=node.name,
                duration_days=node.duration,
                status=states[node.code].status,
                predecessors=tuple((ids[p], 0) for p in node.preds),
                actual_start=states[node.code].actual_start,
                actual_finish=states[node.code].actual_finish,
            )
            for node in nodes
        ]
        schedule = scheduling.compute_schedule(inputs, self.today, self.cal)
        return self.number(schedule.steps[ids[target]].early_finish)

    def approval_number(self, code: str, finish: dt.date, government: bool) -> str:
        year = finish.year
        prefix = {
            "filing": "发改备",
            "proposal": "发改审批",
            "feasibility": "发改审批",
            "preliminary_design": "发改审批",
            "approval": "发改核准",
            "expropriation": "征收",
            "land_supply": "自然资划拨" if government else "自然资出让",
            "eia": "环审",
            "energy_review": "发改能审",
            "drawing_review": "施审",
            "acceptance": "建竣备",
        }.get(code, code)
        key = (prefix, year)
        self.counters[key] = self.counters.get(key, self.rng.randint(3, 15)) + self.rng.randint(1, 4)
        n = self.counters[key]
        if code == "land_pre_review":
            return f"用字第{self.division}{year}{n:05d}号"
        if code == "land_planning_permit":
            return f"地字第{self.division}{year}{n:05d}号"
        if code == "engineering_planning_permit":
            return f"建字第{self.division}{year}{n:05d}号"
        if code == "property_certificate":
            return f"吉（{year}）长春市不动产权第{n + 41000:07d}号"
        if code == "construction_permit":
            return f"{self.division}{finish:%Y%m%d}{n % 100:02d}01"
        return f"长经开{prefix}〔{year}〕{n}号"

    def funding(self, spec: Spec, profile: str) -> list[tuple[str, str | None, Decimal, str]]:
        """(kind, organisation name, amount, note) rows adding up to the total investment."""
        rng = self.rng
        total = spec.investment
        a, b, c = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0, 1)
        if profile == CONCEIVED or c < 0.1:
            return []  # 资金尚未落位
        year = self.today.year
        if spec.government:
            bond_note = (
                f"{year}年新增地方政府专项债券" if profile in (CONTINUING, BUILDING, AHEAD) else "专项债券申报中"
            )
            if "供水" in spec.name or "污水" in spec.name or "管廊" in spec.name:
                parts = [
                    (FundingKind.CENTRAL_BUDGET, None, 0.1 + 0.1 * a, "中央预算内投资"),
                    (FundingKind.SPECIAL_BOND, None, 0.4 + 0.2 * b, bond_note),
                    (FundingKind.PLATFORM, spec.owner_name, None, "平台公司自筹及融资"),
                ]
            elif b < 0.6:
                parts = [
                    (FundingKind.FISCAL, None, 0.15 + 0.15 * a, "开发区本级财政资金"),
                    (FundingKind.SPECIAL_BOND, None, 0.35 + 0.25 * b, bond_note),
                    (FundingKind.PLATFORM, spec.owner_name, None, "平台公司自筹"),
                ]
            else:
                parts = [
                    (FundingKind.FISCAL, None, 0.1 + 0.1 * a, "开发区本级财政资金"),
                    (FundingKind.PLATFORM, spec.owner_name, 0.3 + 0.1 * b, "平台公司自筹"),
                    (FundingKind.BANK_LOAN, None, None, "国家开发银行吉林省分行政策性贷款"),
                ]
        elif a < 0.7:
            parts = [
                (FundingKind.SOCIAL, spec.owner_name, 0.45 + 0.25 * b, "企业自有资金"),
                (FundingKind.BANK_LOAN, None, None, "银行项目贷款"),
            ]
        else:
            parts = [(FundingKind.SOCIAL, spec.owner_name, None, "企业自有资金")]
        rows, used = [], Decimal(0)
        for kind, organisation, fraction, note in parts:
            amount = Decimal(total) - used if fraction is None else _round(total * fraction)
            used += amount
            rows.append((kind, organisation, amount, note))
        return rows


def _round(value: float) -> Decimal:
    """An amount in 万元, rounded as ledgers round them: to 10 万元, or 100 from 1 亿元."""
    step = 100 if value >= 10_000 else 10
    return Decimal(max(step, round(value / step) * step))
