"""Backward scheduling (倒排工期): forward and backward passes over a project's network of steps.

Pure functions over plain data: no database query happens here. DESIGN.md's "Scheduling" section is
the contract; in short, on the working-day calendar:

- a step of duration d starting on working day s finishes on the d-th working day counting s; its
  successor starts on the next working day after that, plus the lag in working days;
- a milestone (duration 0) finishes on the day its last predecessor finishes (plus lag), or on
  `as_of` when it has none;
- forward from `as_of`: done steps keep their actual dates; an in-progress step keeps its actual start
  and finishes on the later of its planned finish and `as_of`; every other step starts no earlier
  than `as_of` (the next working day if `as_of` is not one);
- backward from the deadlines (任务时限): a step's latest finish is the earliest of its deadline (the
  last working day on or before it) and, for each successor, the working day before the successor's
  latest start minus lag (the successor's latest start itself minus lag for a milestone);
- total float = working days from early finish to latest finish, signed; negative means the deadline
  is already out of reach. Steps with no deadline at or after them have no latest dates and no float;
- a not-applicable step is left out and its predecessors pass through it (their lags add up);
- a cycle is refused with the names of its steps.

All arithmetic runs on working-day numbers (the k-th working day of the calendar is k), so adding
working days is adding integers; dates are converted once on the way in and once on the way out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from diaodu.core.workdays import WorkCalendar

from .choices import StepStatus

NOT_STARTED = StepStatus.NOT_STARTED.value
IN_PROGRESS = StepStatus.IN_PROGRESS.value
DONE = StepStatus.DONE.value
NOT_APPLICABLE = StepStatus.NOT_APPLICABLE.value


class CycleError(ValueError):
    """The steps' dependencies go round in a circle; `names` lists the steps of one such circle."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(" → ".join([*names, names[0]]) if names else "cycle")


@dataclass(frozen=True, slots=True)
class StepInput:
    """What the passes need to know of one step."""

    id: int
    name: str
    duration_days: int
    status: str = NOT_STARTED
    predecessors: tuple[tuple[int, int], ...] = ()  # (predecessor id, lag in working days)
    deadline: dt.date | None = None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None


@dataclass(slots=True)
class StepSchedule:
    """The computed dates of one step; None where undefined."""

    id: int
    early_start: dt.date | None = None
    early_finish: dt.date | None = None
    late_start: dt.date | None = None
    late_finish: dt.date | None = None
    total_float: int | None = None
    critical: bool = False


@dataclass(slots=True)
class Schedule:
    """A project's schedule as of a date."""

    as_of: dt.date
    steps: dict[int, StepSchedule] = field(default_factory=dict)
    feasible: bool = True
    min_float: int | None = None
    # The unfinished step with the least float: the one a red banner names.
    worst_step: int | None = None
    fallback_years: list[int] = field(default_factory=list)


def _topological_order(steps: dict[int, StepInput]) -> list[int]:
    """Every step (not-applicable ones included) after its predecessors; a cycle raises CycleError."""
    successors: dict[int, list[int]] = {step_id: [] for step_id in steps}
    indegree = dict.fromkeys(steps, 0)
    for step in steps.values():
        for pred, _lag in step.predecessors:
            if pred not in steps:
                raise ValueError(f"step {step.id} ({step.name}) depends on unknown step {pred}")
            successors[pred].append(step.id)
            indegree[step.id] += 1
    ready = [step_id for step_id, degree in indegree.items() if degree == 0]
    order = []
    while ready:
        step_id = ready.pop()
        order.append(step_id)
        for succ in successors[step_id]:
            indegree[succ] -= 1
            if indegree[succ] == 0:
                ready.append(succ)
    if len(order) < len(steps):
        remaining = set(steps) - set(order)
        raise CycleError([steps[i].name for i in _find_cycle(steps, remaining)])
    return order


def _find_cycle(steps: dict[int, StepInput], remaining: set[int]) -> list[int]:
    """One cycle among the steps a topological sort could not order, in predecessor → successor order."""
    # Every remaining step has a remaining predecessor, so walking back must revisit a step.
    path: list[int] = []
    seen: dict[int, int] = {}
    node = next(iter(sorted(remaining)))
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = next(p for p, _lag in steps[node].predecessors if p in remaining)
    cycle = path[seen[node] :]
    cycle.reverse()
    return cycle


class _NotInOrder(Exception):
    """The steps do not come in topological order (or have a not-applicable step): take the general path."""


def _effective_links(steps: dict[int, StepInput], order: list[int]) -> dict[int, tuple[tuple[int, int], ...]]:
    """Predecessors of each applicable step, passing through not-applicable ones (lags add up)."""
    through: dict[int, list[tuple[int, int]]] = {}
    links: dict[int, tuple[tuple[int, int], ...]] = {}
    for step_id in order:  # predecessors first, so `through` is ready when a successor needs it
        step = steps[step_id]
        preds: list[tuple[int, int]] = []
        for pred, lag in step.predecessors:
            if pred in through:
                preds.extend((q, lag + lag2) for q, lag2 in through[pred])
            else:
                preds.append((pred, lag))
        if step.status == NOT_APPLICABLE:
            through[step_id] = preds
        else:
            links[step_id] = tuple(preds)
    return links


def compute_schedule(steps: Sequence[StepInput], as_of: dt.date, calendar: WorkCalendar) -> Schedule:
    """Forward and backward passes over one project's steps, as of a date.

    A portfolio has tens of thousands of networks, so the per-step cost is what counts. Steps usually arrive in
    topological order (templates list predecessors first) with every step applicable: then the passes run
    straight over the input, and the forward pass itself notices when a predecessor has not been seen yet.
    Otherwise the steps are sorted (refusing unknown predecessors and cycles) and not-applicable ones are
    passed through first.
    """
    return _compute(steps, as_of, calendar, {})


def _compute(steps: Sequence[StepInput], as_of: dt.date, calendar: WorkCalendar, shared: dict) -> Schedule:
    """`compute_schedule`, with what every project of a portfolio shares (`shared`, filled on first use)."""
    try:
        return _passes(steps, steps, as_of, calendar, True, shared)
    except _NotInOrder:
        pass
    by_id = {step.id: step for step in steps}
    if len(by_id) != len(steps):
        raise ValueError("step ids must be unique")
    full_order = _topological_order(by_id)
    links = _effective_links(by_id, full_order)
    # The applicable steps in order, each with its effective predecessors in place of its own.
    ordered = [replace(by_id[step_id], predecessors=links[step_id]) for step_id in full_order if step_id in links]
    return _passes(steps, ordered, as_of, calendar, False, shared)


def _passes(
    steps: Sequence[StepInput],
    ordered: Sequence[StepInput],
    as_of: dt.date,
    calendar: WorkCalendar,
    check_order: bool,
    shared: dict,
) -> Schedule:
    """The passes over the applicable steps, `ordered` topologically and carrying their effective predecessors.

    `shared` keeps what is the same for every project of a portfolio: `as_of`'s working-day number and the
    fallback years of each span of years (a tenth of the time of a 20-step project otherwise).
    """
    after = calendar.workday_number_on_or_after
    before = calendar.workday_number_on_or_before
    floor = shared.get("floor")
    if floor is None:
        floor = shared["floor"] = after(as_of)
    early_start: dict[int, int] = {}
    early_finish: dict[int, int] = {}

    # Forward pass, on working-day numbers. A predecessor not yet seen is a KeyError: not in order.
    try:
        for step in ordered:
            step_id = step.id
            duration = step.duration_days
            status = step.status
            if duration < 0:
                raise ValueError(f"step {step.name}: a duration cannot be negative")
            if status == NOT_APPLICABLE:  # only the general path passes them through
                raise _NotInOrder
            if status == DONE:
                if check_order:
                    for pred, _lag in step.predecessors:
                        if pred not in early_finish:
                            raise _NotInOrder
                if step.actual_finish is not None:
                    finish = before(step.actual_finish)
                else:  # done, finish date not recorded: it finished by yesterday at the latest
                    finish = floor - 1
                if step.actual_start is not None:
                    start = after(step.actual_start)
                else:
                    start = finish - max(duration, 1) + 1
            elif duration == 0:
                finish = floor
                for pred, lag in step.predecessors:
                    candidate = early_finish[pred] + lag
                    if candidate > finish:
                        finish = candidate
                start = finish
            elif status == IN_PROGRESS and step.actual_start is not None:
                if check_order:
                    for pred, _lag in step.predecessors:
                        if pred not in early_finish:
                            raise _NotInOrder
                start = after(step.actual_start)
                finish = start + duration - 1
                if finish < floor:
                    finish = floor
            else:
                start = floor
                for pred, lag in step.predecessors:
                    candidate = early_finish[pred] + 1 + lag
                    if candidate > start:
                        start = candidate
                finish = start + duration - 1
            early_start[step_id] = start
            early_finish[step_id] = finish
    except KeyError:
        if check_order:
            raise _NotInOrder from None
        raise
    if check_order and len(early_finish) != len(steps):  # a repeated id
        raise _NotInOrder

    # Backward pass from the deadlines, each step pushing its constraint to its predecessors once final; the
    # step's dates are written out in the same pass (critical flags once the least float is known).
    dates = calendar.workday_dates
    schedule = Schedule(as_of=as_of)
    results = schedule.steps
    # In the input's order (early_start has it already on the straight path).
    results.update(dict.fromkeys(early_start if check_order else [step.id for step in steps]))
    late_finish: dict[int, int] = {}
    floats: dict[int, int] = {}
    worst = min_float = worst_finish = None
    low = high = floor
    if early_start:
        low = min(floor, min(early_start.values()))
        high = max(floor, max(early_finish.values()))
    for step in reversed(ordered):
        step_id = step.id
        duration = step.duration_days
        status = step.status
        if status == DONE:
            es = step.actual_start or dates[early_start[step_id]]
            ef = step.actual_finish or dates[early_finish[step_id]]
        elif status == IN_PROGRESS and step.actual_start is not None and duration > 0:
            es = step.actual_start
            ef = dates[early_finish[step_id]]
        else:
            es = dates[early_start[step_id]]
            ef = dates[early_finish[step_id]]
        latest = late_finish.get(step_id)
        if step.deadline is not None:
            own = before(step.deadline)
            if latest is None or own < latest:
                latest = own
        if latest is None:
            results[step_id] = StepSchedule(step_id, es, ef)
            continue
        if duration > 0:
            start = latest - duration + 1
            limit = start - 1
        else:
            start = limit = latest
        if start < low:
            low = start
        if latest > high:
            high = latest
        total_float = None
        if status != DONE:
            finish = early_finish[step_id]
            total_float = floats[step_id] = latest - finish
            # Among equals, the step the forward pass meets first: this pass goes backwards, hence <=.
            if worst is None or total_float < min_float or (total_float == min_float and finish <= worst_finish):
                worst, min_float, worst_finish = step_id, total_float, finish
        results[step_id] = StepSchedule(step_id, es, ef, dates[start], dates[latest], total_float)
        for pred, lag in step.predecessors:
            candidate = limit - lag
            current = late_finish.get(pred)
            if current is None or candidate < current:
                late_finish[pred] = candidate
    if len(ordered) != len(steps):  # not-applicable steps have no dates
        for step_id, result in results.items():
            if result is None:
                results[step_id] = StepSchedule(step_id)

    schedule.min_float = min_float
    schedule.feasible = min_float is None or min_float >= 0
    schedule.worst_step = worst
    if floats:
        for step_id, total_float in floats.items():
            if total_float == min_float:
                results[step_id].critical = True
    if early_start:
        low, high = max(low, 1), min(high, len(dates) - 1)
        years = (dates[low].year, dates[high].year)
    else:
        years = (as_of.year, as_of.year)
    fallback = shared.get(years)
    if fallback is None:
        fallback = shared[years] = calendar.fallback_years(dt.date(years[0], 1, 1), dt.date(years[1], 1, 1))
    schedule.fallback_years = list(fallback)
    return schedule


def compute_schedules(
    projects: Iterable[tuple[object, Sequence[StepInput]]], as_of: dt.date, calendar: WorkCalendar
) -> Iterable[tuple[object, Schedule | ValueError]]:
    """A portfolio's schedules: (key, Schedule) per project, or (key, error) where its network is refused.

    The error is a CycleError for a cycle, a ValueError for another fault (an unknown predecessor, a
    negative duration): one broken project does not stop the others.
    """
    shared: dict = {}
    for key, steps in projects:
        try:
            yield key, _compute(steps, as_of, calendar, shared)
        except ValueError as error:
            yield key, error
