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
from dataclasses import dataclass, field

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


def _positions(steps: Sequence[StepInput]) -> tuple[list[list[tuple[int, int]]], bool, bool]:
    """Each step's predecessors as (position, lag); whether the input is already in topological order; whether a
    step is not applicable. Unknown predecessors and duplicate ids are refused."""
    position = {step.id: index for index, step in enumerate(steps)}
    if len(position) != len(steps):
        raise ValueError("step ids must be unique")
    links: list[list[tuple[int, int]]] = []
    in_order = True
    any_not_applicable = False
    for index, step in enumerate(steps):
        own = []
        for pred, lag in step.predecessors:
            at = position.get(pred)
            if at is None:
                raise ValueError(f"step {step.id} ({step.name}) depends on unknown step {pred}")
            if at >= index:
                in_order = False
            own.append((at, lag))
        links.append(own)
        if step.status == NOT_APPLICABLE:
            any_not_applicable = True
    return links, in_order, any_not_applicable


def _pass_through(
    steps: Sequence[StepInput], links: list[list[tuple[int, int]]], order: list[int]
) -> tuple[list[list[tuple[int, int]]], list[int]]:
    """Predecessors of the applicable steps with not-applicable ones passed through (lags add up), and the order of
    the applicable steps."""
    through: dict[int, list[tuple[int, int]]] = {}
    effective: list[list[tuple[int, int]]] = [[] for _ in steps]
    applicable = []
    for index in order:
        preds: list[tuple[int, int]] = []
        for pred, lag in links[index]:
            if pred in through:
                preds.extend((q, lag + lag2) for q, lag2 in through[pred])
            else:
                preds.append((pred, lag))
        if steps[index].status == NOT_APPLICABLE:
            through[index] = preds
        else:
            effective[index] = preds
            applicable.append(index)
    return effective, applicable


def compute_schedule(steps: Sequence[StepInput], as_of: dt.date, calendar: WorkCalendar) -> Schedule:
    """Forward and backward passes over one project's steps, as of a date.

    The passes run over positions in the input list and plain lists of working-day numbers: a portfolio has
    tens of thousands of networks, so the per-step cost is what counts. Steps usually arrive in topological
    order (templates list predecessors first); only when they do not is the order sorted out.
    """
    links, in_order, any_not_applicable = _positions(steps)
    if in_order:
        order = list(range(len(steps)))
    else:
        by_id = {step.id: step for step in steps}
        at = {step.id: index for index, step in enumerate(steps)}
        order = [at[step_id] for step_id in _topological_order(by_id)]
    if any_not_applicable:
        links, order = _pass_through(steps, links, order)

    after = calendar.workday_number_on_or_after
    before = calendar.workday_number_on_or_before
    floor = after(as_of)
    count = len(steps)
    early_start = [0] * count
    early_finish = [0] * count

    # Forward pass, on working-day numbers.
    for index in order:
        step = steps[index]
        duration = step.duration_days
        status = step.status
        if duration < 0:
            raise ValueError(f"step {step.name}: a duration cannot be negative")
        if status == DONE:
            if step.actual_finish is not None:
                finish = before(step.actual_finish)
            else:  # done, finish date not recorded: it finished by yesterday at the latest
                finish = floor - 1
            start = after(step.actual_start) if step.actual_start is not None else finish - max(duration, 1) + 1
        elif duration == 0:
            finish = floor
            for pred, lag in links[index]:
                candidate = early_finish[pred] + lag
                if candidate > finish:
                    finish = candidate
            start = finish
        elif status == IN_PROGRESS and step.actual_start is not None:
            start = after(step.actual_start)
            finish = start + duration - 1
            if finish < floor:
                finish = floor
        else:
            start = floor
            for pred, lag in links[index]:
                candidate = early_finish[pred] + 1 + lag
                if candidate > start:
                    start = candidate
            finish = start + duration - 1
        early_start[index] = start
        early_finish[index] = finish

    # Backward pass from the deadlines: each step, once final, pushes its constraint to its predecessors.
    late_finish: list[int | None] = [None] * count
    late_start: list[int | None] = [None] * count
    floats: dict[int, int] = {}
    for index in reversed(order):
        step = steps[index]
        latest = late_finish[index]
        if step.deadline is not None:
            own = before(step.deadline)
            if latest is None or own < latest:
                latest = own
                late_finish[index] = own
        if latest is None:
            continue
        duration = step.duration_days
        if duration > 0:
            start = latest - duration + 1
            limit = start - 1
        else:
            start = limit = latest
        late_start[index] = start
        if step.status != DONE:
            floats[index] = latest - early_finish[index]
        for pred, lag in links[index]:
            candidate = limit - lag
            current = late_finish[pred]
            if current is None or candidate < current:
                late_finish[pred] = candidate

    # Dates, once, on the way out.
    dates = calendar.workday_dates
    schedule = Schedule(as_of=as_of)
    min_float = min(floats.values()) if floats else None
    results = schedule.steps
    applicable = set(order) if any_not_applicable else None
    for index, step in enumerate(steps):
        step_id = step.id
        if applicable is not None and index not in applicable:
            results[step_id] = StepSchedule(step_id)
            continue
        status = step.status
        if status == DONE:
            es = step.actual_start or dates[early_start[index]]
            ef = step.actual_finish or dates[early_finish[index]]
        else:
            if status == IN_PROGRESS and step.actual_start is not None and step.duration_days > 0:
                es = step.actual_start
            else:
                es = dates[early_start[index]]
            ef = dates[early_finish[index]]
        latest = late_finish[index]
        total_float = floats.get(index)
        if latest is None:
            results[step_id] = StepSchedule(step_id, es, ef, None, None, total_float, False)
        else:
            results[step_id] = StepSchedule(
                step_id,
                es,
                ef,
                dates[late_start[index]],
                dates[latest],
                total_float,
                total_float is not None and total_float == min_float,
            )
    schedule.min_float = min_float
    schedule.feasible = min_float is None or min_float >= 0
    if floats:
        # Ties go to the step that comes first in the input, so the banner names the same step every time.
        worst = min(floats, key=lambda i: (floats[i], early_finish[i], i))
        schedule.worst_step = steps[worst].id
    if order:
        lows = [floor, min(early_start[i] for i in order)]
        highs = [floor, max(early_finish[i] for i in order)]
        latest_starts = [late_start[i] for i in order if late_start[i] is not None]
        if latest_starts:
            lows.append(min(latest_starts))
            highs.append(max(late_finish[i] for i in order if late_finish[i] is not None))
        low, high = max(min(lows), 1), min(max(highs), len(dates) - 1)
        schedule.fallback_years = calendar.fallback_years(dates[low], dates[high])
    else:
        schedule.fallback_years = calendar.fallback_years(as_of, as_of)
    return schedule


def compute_schedules(
    projects: Iterable[tuple[object, Sequence[StepInput]]], as_of: dt.date, calendar: WorkCalendar
) -> Iterable[tuple[object, Schedule | ValueError]]:
    """A portfolio's schedules: (key, Schedule) per project, or (key, error) where its network is refused.

    The error is a CycleError for a cycle, a ValueError for another fault (an unknown predecessor, a
    negative duration): one broken project does not stop the others.
    """
    for key, steps in projects:
        try:
            yield key, compute_schedule(steps, as_of, calendar)
        except ValueError as error:
            yield key, error
