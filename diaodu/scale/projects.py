"""Generated key projects with everything the registry keeps of them, written a batch at a time.

Per project: its row (with the stored schedule summary), its 10–25 steps (with their stored dates and float)
and their links, yearly and monthly investment plans, funding sources, and one monthly progress report for
every month covered. The schedule is computed here, before any row is written, by the same pure function the
registry uses (`scheduling.compute_schedule`), on the same inputs it would read back: pages find it stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from diaodu.progress.choices import Frequency, ReportStatus
from diaodu.progress.models import ProgressReport
from diaodu.progress.periods import add_months, month_period
from diaodu.projects import scheduling
from diaodu.projects.choices import Category, ConstructionType, FundingKind, Stage
from diaodu.projects.demo_data import AREA_CENTRES, LIMING, SUNHAO
from diaodu.projects.models import FundingSource, InvestmentPlan, MonthlyPlan, Project, Step, StepDependency

from . import names
from .networks import DONE, FINISHED, IN_PROGRESS, STARTED, advance, lay_network, target_index
from .world import World, money

STAGES = {
    Stage.PREPARATION: 34,
    Stage.CONSTRUCTION: 34,
    Stage.COMPLETED: 8,
    Stage.OPERATING: 6,
    Stage.RESERVE: 9,
    Stage.CONCEIVED: 5,
    Stage.SUSPENDED: 3,
    Stage.CANCELLED: 1,
}
# category → (weight, smallest and largest total investment in 万元)
CATEGORIES = {
    Category.INDUSTRIAL: (45, 2_000, 500_000),
    Category.INFRASTRUCTURE: (15, 5_000, 300_000),
    Category.PUBLIC_SERVICE: (10, 2_000, 60_000),
    Category.AGRICULTURE: (8, 1_000, 60_000),
    Category.TOURISM_HEALTH: (8, 10_000, 1_200_000),
    Category.REAL_ESTATE: (7, 20_000, 300_000),
    Category.OTHER: (7, 1_000, 100_000),
}
GOVERNMENT = frozenset({Category.INFRASTRUCTURE, Category.PUBLIC_SERVICE})
MONTHLY = Frequency.MONTHLY.value
DRAFT, SUBMITTED = ReportStatus.DRAFT.value, ReportStatus.SUBMITTED.value
ACCEPTED, RETURNED = ReportStatus.ACCEPTED.value, ReportStatus.RETURNED.value
FILING_CODES = ("filing", "proposal", "approval")
PROBLEMS = ("施工用电容量不足，需协调增容。", "部分设备到货延迟。", "冬季停工，春季复工。", "建设资金未全部到位。")


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """What the ledgers generated after the projects need to know of each."""

    id: int
    name: str
    stage: str
    category: str
    area: int | None
    owner: int | None
    officer: int | None
    department: int | None
    started: dt.date | None
    created: dt.date


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


class ProjectWriter:
    """Writes projects one by one; their rows go out in batches (see `writer.Table`)."""

    def __init__(self, world: World, taken_codes: set[str], tables):
        self.world = world
        self.taken_codes = taken_codes
        self.t = tables
        self.facts: list[ProjectFacts] = []
        self.code_serial = 1
        cal = world.calendar
        self.today = cal.workday_number_on_or_before(world.as_of)
        self.dates = cal.workday_dates
        self.first_month = _month_index(world.months[0])
        self.periods = [month_period(m, world.due_days.get(m.year, 25)) for m in world.months]
        self.period_rows = self._period_rows()
        officers = [pk for pool in world.officers.values() for pk in pool]
        self.all_officers = officers or [None]
        self.stage_list, self.stage_weights = list(STAGES), list(STAGES.values())
        self.category_list = list(CATEGORIES)
        self.category_weights = [weight for weight, _low, _high in CATEGORIES.values()]

    def write(self) -> ProjectFacts:
        world, rng = self.world, self.world.rng
        category = rng.choices(self.category_list, self.category_weights)[0]
        stage = rng.choices(self.stage_list, self.stage_weights)[0]
        government = category in GOVERNMENT
        template = world.templates.get("government" if government else "enterprise") or next(
            iter(world.templates.values())
        )
        if government and world.platforms:
            owner, owner_name = rng.choice(world.platforms), "平台"
        else:
            owner, owner_name = rng.choice(world.enterprises)
        area, area_name = rng.choice(world.areas) if world.areas else (None, "开发区")
        department_name, department = world.department_for_project()
        officer = rng.choice(world.officers.get(department_name) or self.all_officers)
        leader = rng.choice(world.leaders)
        if rng.random() < 0.01 and SUNHAO in world.demo_people:
            officer = world.demo_people[SUNHAO]
        if rng.random() < 0.01 and LIMING in world.demo_people:
            leader = world.demo_people[LIMING]
        _weight, low, high = CATEGORIES[category]
        total = _round_amount(int(low * (high / low) ** rng.random()))
        name = names.project_name(rng, category, owner_name, area_name)

        nodes = lay_network(rng, template)
        start_day = None
        if stage == Stage.CONSTRUCTION:  # half of them started this year or last, half up to five years ago
            start_day = self.today - (rng.randint(5, 250) if rng.random() < 0.5 else rng.randint(250, 1200))
        elif stage in FINISHED:
            start_day = self.today - rng.randint(300, 1500)
        start_day = advance(rng, nodes, stage, self.today, start_day)
        first_step = world.ids.take(Step, len(nodes))
        ids = [first_step + i for i in range(len(nodes))]
        actual_start = self.dates[start_day] if start_day else None
        planned_start, inputs, schedule = self._schedule(nodes, ids, stage, actual_start)

        months = min(48, 12 + total // 25_000) + rng.randint(0, 6)
        planned_completion = add_months(planned_start, months)
        completion = None
        if stage in FINISHED:
            closing = [n.finish for n in nodes if n.code == "acceptance" and n.finish] or [
                max(n.finish for n in nodes if n.finish is not None)
            ]
            completion = self.dates[closing[0]]
        # 入库纳统: the day its step was done (projects without the step: within weeks of the start, mostly).
        statistics_date = None
        counted = [n for n in nodes if n.code == "statistics"]
        if counted:
            statistics_date = self.dates[counted[0].finish] if counted[0].status == DONE else None
        elif actual_start and rng.random() < 0.9:
            day = actual_start + dt.timedelta(days=rng.randint(10, 45))
            statistics_date = day if day <= world.as_of else None
        code = self._code(nodes)

        pk = world.ids.take(Project)
        created_day = min(world.months[0], planned_start) - dt.timedelta(days=rng.randint(10, 200))
        created = world.stamp(created_day)
        centre = AREA_CENTRES.get(area_name, (44.03, 125.36))
        latitude = Decimal(round(centre[0] * 1_000_000) + rng.randint(-12_000, 12_000)).scaleb(-6)
        longitude = Decimal(round(centre[1] * 1_000_000) + rng.randint(-15_000, 15_000)).scaleb(-6)
        construction_type = ConstructionType.NEW
        if stage == Stage.CONSTRUCTION and actual_start.year < world.as_of.year:
            construction_type = ConstructionType.CONTINUING
        base = total * 100 // months  # planned monthly spend, in 分 (hundredths of 万元)
        # How the project keeps pace with its plan, in %: most on time, some behind, a few far behind.
        draw = rng.random()
        pace = rng.randint(90, 115) if draw < 0.7 else rng.randint(65, 90) if draw < 0.9 else rng.randint(30, 65)
        before = self._spent_before(actual_start, base, pace, total)
        self.t["projects"].add((
            pk, name, code, category.value, construction_type.value, stage.value, area, owner,
            f"总投资{total}万元，建设内容详见可研批复。", money(total * 100), money(before),
            planned_start, planned_completion, actual_start, completion, statistics_date, False,
            latitude, longitude, leader, officer, department,
            world.as_of, schedule.feasible, schedule.min_float, schedule.worst_step, "", created, created,
        ))  # fmt: skip
        self._steps(pk, nodes, ids, inputs, schedule, department, created)
        self._plans(pk, total, base, actual_start or planned_start, planned_completion, created)
        self._funding(pk, total, government, owner, created)
        self._reports(pk, stage, nodes, actual_start, completion, (base, pace, months), total * 100 - before)
        facts = ProjectFacts(pk, name, stage, category, area, owner, officer, department, actual_start, created_day)
        self.facts.append(facts)
        return facts

    def _schedule(self, nodes, ids, stage, actual_start):
        """The planned start, the steps' inputs with their deadlines, and the schedule stored with them.

        A started project planned to start a little before or after it did. Otherwise the planned start (the
        开工 milestone's deadline) is placed against the earliest date 开工 can be reached, computed by the
        registry's own scheduling: most projects have float, some little (yellow), some none (red). A few
        other steps get a deadline (任务时限) of their own.
        """
        world, rng = self.world, self.world.rng
        target = target_index(nodes)
        deadlines = {}
        if actual_start:
            planned_start = actual_start + dt.timedelta(days=rng.randint(-60, 45))
        else:
            first = scheduling.compute_schedule(self._inputs(nodes, ids, {}), world.as_of, world.calendar)
            earliest = first.steps[ids[target]].early_finish
            draw = rng.random()
            if stage == Stage.CONCEIVED or draw < 0.7:
                planned_start = earliest + dt.timedelta(days=rng.randint(20, 400))
            elif draw < 0.85:
                planned_start = earliest + dt.timedelta(days=rng.randint(0, 9))
            else:
                planned_start = earliest - dt.timedelta(days=rng.randint(1, 60))
            for i, node in enumerate(nodes):
                if i != target and node.status != DONE and rng.random() < 0.05:
                    deadlines[i] = first.steps[ids[i]].early_finish + dt.timedelta(days=rng.randint(-5, 90))
        deadlines[target] = planned_start
        inputs = self._inputs(nodes, ids, deadlines)
        return planned_start, inputs, scheduling.compute_schedule(inputs, world.as_of, world.calendar)

    def _inputs(self, nodes, ids, deadlines) -> list[scheduling.StepInput]:
        dates = self.dates
        return [
            scheduling.StepInput(
                id=ids[i],
                name=node.name,
                duration_days=node.duration,
                status=node.status,
                predecessors=tuple((ids[p], lag) for p, lag in zip(node.preds, node.lags, strict=True)),
                deadline=deadlines.get(i),
                actual_start=dates[node.start] if node.start is not None and node.status != "not_started" else None,
                actual_finish=dates[node.finish] if node.status == DONE else None,
            )
            for i, node in enumerate(nodes)
        ]

    def _code(self, nodes) -> str | None:
        filed = [n for n in nodes if n.code in FILING_CODES and n.status == DONE]
        if not filed:
            return None
        day = self.dates[filed[0].finish]
        while True:
            code = names.project_code(self.code_serial, day.year, day.month, self.world.division, self.world.rng)
            self.code_serial += 1
            if code not in self.taken_codes:
                self.taken_codes.add(code)
                return code

    def _steps(self, project, nodes, ids, inputs, schedule, department, created) -> None:
        departments = self.world.departments
        for i, (node, step) in enumerate(zip(nodes, inputs, strict=True)):
            computed = schedule.steps[step.id]
            self.t["steps"].add((
                step.id, project, node.name, node.kind, node.procedure_type_id, node.duration, step.deadline,
                departments.get(node.department, department), step.status, step.actual_start, step.actual_finish,
                i, computed.early_start, computed.early_finish, computed.late_start, computed.late_finish,
                computed.total_float, computed.critical, created, created,
            ))  # fmt: skip
            for pred, lag in step.predecessors:
                self.t["links"].add((self.world.ids.take(StepDependency), pred, step.id, lag, created, created))

    def _plans(self, project, total, base, start, completion, created) -> None:
        """A yearly plan for each year of building within the months covered; some split by month."""
        world, rng = self.world, self.world.rng
        first, last = _month_index(start), _month_index(completion)
        for year in sorted({m.year for m in world.months}):
            active = [m for m in range(year * 12, year * 12 + 12) if first <= m <= last]
            amount = _round_amount(base * len(active) // 100)
            if not active or amount <= 0:
                continue
            plan = world.ids.take(InvestmentPlan)
            self.t["plans"].add((plan, project, year, money(amount * 100), created, created))
            if year == world.as_of.year and rng.random() < 0.2:
                share, rest = divmod(amount * 100, len(active))
                for n, month in enumerate(active):
                    value = share + (rest if n == len(active) - 1 else 0)
                    row = (world.ids.take(MonthlyPlan), plan, month % 12 + 1, money(value), created, created)
                    self.t["monthly_plans"].add(row)

    def _funding(self, project, total, government, owner, created) -> None:
        rng = self.world.rng
        if government:
            fiscal = _round_amount(total * rng.randint(15, 30) // 100)
            bond = _round_amount(total * rng.randint(30, 50) // 100)
            parts = [
                (FundingKind.FISCAL, None, fiscal, "开发区本级财政资金"),
                (FundingKind.SPECIAL_BOND, None, bond, "地方政府专项债券"),
            ]
            parts.append((FundingKind.PLATFORM, owner, total - fiscal - bond, "平台公司自筹"))
        else:
            own = _round_amount(total * rng.randint(40, 100) // 100)
            parts = [(FundingKind.SOCIAL, owner, own, "企业自有资金")]
            if own < total:
                parts.append((FundingKind.BANK_LOAN, None, total - own, "银行项目贷款"))
        for kind, organisation, amount, note in parts:
            if amount > 0:
                row = (self.world.ids.take(FundingSource), project, kind.value, organisation, money(amount * 100), note)
                self.t["funding"].add((*row, created, created))

    def _spent_before(self, start: dt.date | None, base: int, pace: int, total: int) -> int:
        """What a project started before the months covered had done by then, in 分."""
        if start is None or _month_index(start) >= self.first_month:
            return 0
        months = self.first_month - _month_index(start)
        return min(base * pace * months // 100, total * 85)

    def _reports(self, project, stage, nodes, start, completion, spending, budget) -> None:
        """One report per month covered; investment only while building, never more than the total.

        The hot loop of the generator (one row per project and month): plain random() draws and the period's
        dates and timestamps prepared once (`_period_rows`).
        """
        random = self.world.rng.random
        base, pace, months = spending
        start_month = _month_index(start) - self.first_month if start else None
        end_month = _month_index(completion) - self.first_month if completion else None
        waiting = next((n.name for n in nodes if n.status in (IN_PROGRESS, "not_started")), "")
        preparing = f"正在办理{waiting}。" if waiting else "前期工作推进中。"
        if stage == Stage.SUSPENDED:
            preparing = "项目暂缓实施。"
        elif stage == Stage.CANCELLED:
            preparing = "项目已终止。"
        finished = "项目已竣工投产。" if stage == Stage.OPERATING else "项目已竣工，正在办理竣工验收备案。"
        spends = stage in STARTED
        add = self.t["reports"].add
        first_id = self.world.ids.take(ProgressReport, len(self.period_rows))
        percent = 0
        for j, (dates, created, draws) in enumerate(self.period_rows):
            amount = 0
            if start_month is not None and start_month <= j and (end_month is None or j <= end_month):
                if spends and budget > 0:
                    amount = min(budget, base * pace * (60 + int(random() * 81)) // 10_000)
                    budget -= amount
                percent = max(percent, min(99, (j - start_month + 1) * pace // months))
                text = f"主体施工，形象进度{percent}%。"
            elif end_month is not None and j > end_month:
                percent = 100
                text = finished
            else:
                text = preparing
            status, stamps, reason = draws[int(random() * len(draws))]
            submitted = reviewed = None
            if stamps is not None:  # sent on one of several days
                submitted, reviewed = stamps[int(random() * len(stamps))]
            problems = PROBLEMS[int(random() * len(PROBLEMS))] if random() < 0.04 else ""
            add((
                first_id + j, project, MONTHLY, *dates, f"{amount // 100}.{amount % 100:02d}", text, percent,
                problems, status, submitted, reviewed, reason, created, reviewed or submitted or created,
            ))  # fmt: skip

    def _period_rows(self) -> list[tuple]:
        """Per month covered: its dates as text, its creation stamp, and the statuses a report may have.

        The statuses are a list drawn from uniformly (so their repetitions are their odds): history accepted
        (a few returned), the month before last mostly accepted, the current month submitted or still a draft,
        more of them drafts while its due date is ahead. A submitted or accepted entry carries the (submitted,
        reviewed) stamps of the days it may have been sent on: up to six days before the due date.
        """
        world, as_of = self.world, self.world.as_of
        rows = []
        last = len(self.periods) - 1
        for j, period in enumerate(self.periods):
            days = [min(max(period.due - dt.timedelta(days=k), period.start), as_of) for k in (0, 0, 1, 2, 3, 4, 5, 6)]
            sent = tuple((world.stamp(day, 15), None) for day in days)
            checked = tuple(
                (world.stamp(day, 15), world.stamp(min(day + dt.timedelta(days=1 + k % 3), as_of), 10))
                for k, day in enumerate(days)
            )
            draft = (DRAFT, None, "")
            submitted = (SUBMITTED, sent, "")
            accepted = (ACCEPTED, checked, "")
            if j == last:
                drafts = 60 if as_of < period.due else 8
                draws = [draft] * drafts + [submitted] * (100 - drafts)
            elif j == last - 1:
                draws = [draft] * 2 + [submitted] * 23 + [accepted] * 75
            elif j < last - 12:
                returned = (RETURNED, checked, "投资完成额与统计数据不一致，请核实后重新报送。")
                draws = [returned] * 3 + [accepted] * 997
            else:
                draws = [accepted]
            dates = (period.start.isoformat(), period.end.isoformat(), period.due.isoformat())
            rows.append((dates, world.stamp(period.start), draws))
        return rows


def _round_amount(value: int) -> int:
    """An amount in 万元 rounded as ledgers round them: to 10 万元, or 100 from 1 亿元."""
    step = 100 if value >= 10_000 else 10
    return max(step, (value + step // 2) // step * step)


PROJECT_FIELDS = [
    "id", "name", "code", "category", "construction_type", "stage", "area", "owner",
    "scope", "total_investment", "investment_done_before",
    "planned_start", "planned_completion", "actual_start", "actual_completion", "statistics_date", "reports_weekly",
    "latitude", "longitude", "responsible_leader", "responsible_officer", "responsible_department",
    "schedule_as_of", "schedule_feasible", "schedule_min_float", "schedule_worst_step", "schedule_error",
    "created_at", "updated_at",
]  # fmt: skip
STEP_FIELDS = [
    "id", "project", "name", "kind", "procedure_type", "duration_days", "deadline",
    "responsible_department", "status", "actual_start", "actual_finish",
    "sort_order", "early_start", "early_finish", "late_start", "late_finish",
    "total_float", "critical", "created_at", "updated_at",
]  # fmt: skip
REPORT_FIELDS = [
    "id", "project", "frequency", "period_start", "period_end", "due_date", "investment_done", "progress_text",
    "progress_percent", "problems", "status", "submitted_at", "reviewed_at", "return_reason",
    "created_at", "updated_at",
]  # fmt: skip
TABLES = {
    "projects": (Project, PROJECT_FIELDS),
    "steps": (Step, STEP_FIELDS),
    "links": (StepDependency, ["id", "predecessor", "successor", "lag_days", "created_at", "updated_at"]),
    "plans": (InvestmentPlan, ["id", "project", "year", "amount", "created_at", "updated_at"]),
    "monthly_plans": (MonthlyPlan, ["id", "plan", "month", "amount", "created_at", "updated_at"]),
    "funding": (FundingSource, ["id", "project", "kind", "organisation", "amount", "note", "created_at", "updated_at"]),
    "reports": (ProgressReport, REPORT_FIELDS),
}
