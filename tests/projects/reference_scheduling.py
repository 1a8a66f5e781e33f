"""The first, straightforward implementation of the scheduling passes, kept as the oracle of the fast one.

test_scheduling_reference.py checks that diaodu.projects.scheduling computes exactly the same schedules.
What follows is that first module, unchanged but for this paragraph and its imports.

Backward scheduling (倒排工期): forward and backward passes over a project's network of steps.

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
from diaodu.projects.choices import StepStatus

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


def _effective_links(
    steps: dict[int, StepInput], order: list[int]
) -> tuple[dict[int, list[tuple[int, int]]], dict[int, list[tuple[int, int]]]]:
    """Predecessors and successors of each applicable step, passing through not-applicable ones (lags add up)."""
    through: dict[int, list[tuple[int, int]]] = {}
    predecessors: dict[int, list[tuple[int, int]]] = {}
    successors: dict[int, list[tuple[int, int]]] = {}
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
            predecessors[step_id] = preds
            successors[step_id] = []
            for pred, lag in preds:
                successors[pred].append((step_id, lag))
    return predecessors, successors


def compute_schedule(steps: Sequence[StepInput], as_of: dt.date, calendar: WorkCalendar) -> Schedule:
    """Forward and backward passes over one project's steps, as of a date."""
    by_id = {step.id: step for step in steps}
    if len(by_id) != len(steps):
        raise ValueError("step ids must be unique")
    full_order = _topological_order(by_id)
    preds, successors = _effective_links(by_id, full_order)
    order = [step_id for step_id in full_order if step_id in preds]

    after = calendar.workday_number_on_or_after
    before = calendar.workday_number_on_or_before
    floor = after(as_of)
    early_start: dict[int, int] = {}
    early_finish: dict[int, int] = {}

    # Forward pass, on working-day numbers.
    for step_id in order:
        step = by_id[step_id]
        duration = step.duration_days
        if duration < 0:
            raise ValueError(f"step {step.name}: a duration cannot be negative")
        status = step.status
        if status == DONE:
            if step.actual_finish is not None:
                finish = before(step.actual_finish)
            else:  # done, finish date not recorded: it finished by yesterday at the latest
                finish = floor - 1
            start = after(step.actual_start) if step.actual_start is not None else finish - max(duration, 1) + 1
        elif status == IN_PROGRESS and step.actual_start is not None and duration > 0:
            start = after(step.actual_start)
            finish = max(start + duration - 1, floor)
        elif duration == 0:
            finish = floor
            for pred, lag in preds[step_id]:
                candidate = early_finish[pred] + lag
                if candidate > finish:
                    finish = candidate
            start = finish
        else:
            start = floor
            for pred, lag in preds[step_id]:
                candidate = early_finish[pred] + 1 + lag
                if candidate > start:
                    start = candidate
            finish = start + duration - 1
        early_start[step_id] = start
        early_finish[step_id] = finish

    # Backward pass from the deadlines, and the float of every unfinished constrained step.
    late_start: dict[int, int | None] = {}
    late_finish: dict[int, int | None] = {}
    floats: dict[int, int] = {}
    for step_id in reversed(order):
        step = by_id[step_id]
        latest = before(step.deadline) if step.deadline is not None else None
        for succ, lag in successors[step_id]:
            succ_start = late_start[succ]
            if succ_start is None:
                continue
            candidate = succ_start - lag if by_id[succ].duration_days == 0 else succ_start - 1 - lag
            if latest is None or candidate < latest:
                latest = candidate
        late_finish[step_id] = latest
        if latest is None:
            late_start[step_id] = None
        else:
            late_start[step_id] = latest - step.duration_days + 1 if step.duration_days > 0 else latest
            if step.status != DONE:
                floats[step_id] = latest - early_finish[step_id]

    # Dates, once, on the way out.
    dates = calendar.workday_dates
    schedule = Schedule(as_of=as_of)
    min_float = min(floats.values()) if floats else None
    results = schedule.steps
    for step in steps:
        step_id = step.id
        if step_id not in early_finish:  # not applicable
            results[step_id] = StepSchedule(step_id)
            continue
        status = step.status
        if status == DONE:
            es = step.actual_start or dates[early_start[step_id]]
            ef = step.actual_finish or dates[early_finish[step_id]]
        else:
            if status == IN_PROGRESS and step.actual_start is not None and step.duration_days > 0:
                es = step.actual_start
            else:
                es = dates[early_start[step_id]]
            ef = dates[early_finish[step_id]]
        latest = late_finish[step_id]
        total_float = floats.get(step_id)
        results[step_id] = StepSchedule(
            step_id,
            es,
            ef,
            None if latest is None else dates[late_start[step_id]],
            None if latest is None else dates[latest],
            total_float,
            total_float is not None and total_float == min_float,
        )
    schedule.min_float = min_float
    schedule.feasible = min_float is None or min_float >= 0
    if floats:
        schedule.worst_step = min(floats, key=lambda i: (floats[i], early_finish[i]))
    if early_finish:
        lows = [floor, min(early_start.values())]
        highs = [floor, max(early_finish.values())]
        latest_starts = [value for value in late_start.values() if value is not None]
        if latest_starts:
            lows.append(min(latest_starts))
            highs.append(max(value for value in late_finish.values() if value is not None))
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
