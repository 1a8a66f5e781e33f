"""Properties of the scheduling passes over random acyclic networks (hypothesis; no database).

Networks: n steps, predecessors only from lower indices (so acyclic), durations 0–30, lags 0–5, mostly
not started with some not applicable, done or in progress (with actual dates up to `as_of`), deadlines
and `as_of` within 2025–2026, on the official calendar.
"""

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from diaodu.core.workdays import WorkCalendar
from diaodu.projects.scheduling import CycleError, Schedule, StepInput, compute_schedule

D = dt.date
DAY = dt.timedelta(days=1)
CALENDAR = WorkCalendar()
FIRST, LAST = D(2025, 1, 1), D(2026, 12, 31)

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
NOT_APPLICABLE = "not_applicable"

bounded = settings(max_examples=200, deadline=None, derandomize=True)


@st.composite
def networks(draw, max_steps: int = 12) -> tuple[list[StepInput], dt.date]:
    n = draw(st.integers(1, max_steps))
    as_of = draw(st.dates(FIRST, LAST))
    steps = []
    for i in range(n):
        duration = draw(st.integers(0, 30))
        preds = draw(st.lists(st.integers(0, i - 1), max_size=3, unique=True)) if i else []
        predecessors = tuple((p + 1, draw(st.integers(0, 5))) for p in preds)
        status = draw(st.sampled_from([NOT_STARTED] * 5 + [NOT_APPLICABLE] * 2 + [DONE, IN_PROGRESS]))
        deadline = draw(st.none() | st.dates(FIRST, LAST))
        actual_start = actual_finish = None
        # Actual dates up to as_of, often just before it (over a weekend or a holiday, say).
        days_ago = st.integers(0, 3) | st.integers(0, 90)
        if status == DONE:
            actual_finish = as_of - draw(days_ago) * DAY
            actual_start = actual_finish - draw(st.integers(0, 60)) * DAY
        elif status == IN_PROGRESS:
            actual_start = as_of - draw(days_ago) * DAY
        steps.append(
            StepInput(i + 1, f"S{i + 1}", duration, status, predecessors, deadline, actual_start, actual_finish)
        )
    return steps, as_of


def run(steps: list[StepInput], as_of: dt.date) -> Schedule:
    return compute_schedule(steps, as_of, CALENDAR)


def number(day: dt.date) -> int:
    """The working-day number of a date, or of the working day before it."""
    return CALENDAR.workday_number_on_or_before(day)


def effective_predecessors(by_id: dict[int, StepInput], step_id: int) -> list[tuple[int, int]]:
    """Applicable predecessors, reached through not-applicable ones with their lags added up."""
    result = []
    for pred, lag in by_id[step_id].predecessors:
        if by_id[pred].status == NOT_APPLICABLE:
            result.extend((q, lag + more) for q, more in effective_predecessors(by_id, pred))
        else:
            result.append((pred, lag))
    return result


def effective_edges(steps: list[StepInput]) -> list[tuple[int, int, int]]:
    """(predecessor, successor, lag) between applicable steps."""
    by_id = {s.id: s for s in steps}
    return [
        (pred, s.id, lag)
        for s in steps
        if s.status != NOT_APPLICABLE
        for pred, lag in effective_predecessors(by_id, s.id)
    ]


def keeps_actual_start(step: StepInput) -> bool:
    return step.status == IN_PROGRESS and step.actual_start is not None and step.duration_days > 0


# --- A reference computed date by date, straight from the contract's words ------------------------------


def on_or_before(day: dt.date) -> dt.date:
    return day if CALENDAR.is_workday(day) else CALENDAR.add_workdays(day, -1)


def reference(steps: list[StepInput], as_of: dt.date) -> dict[int, tuple]:
    """(early start, early finish, late start, late finish, float) of each applicable step, in dates."""
    by_id = {s.id: s for s in steps}
    preds = {s.id: effective_predecessors(by_id, s.id) for s in steps if s.status != NOT_APPLICABLE}
    succs: dict[int, list[tuple[int, int]]] = {step_id: [] for step_id in preds}
    for step_id, step_preds in preds.items():
        for pred, lag in step_preds:
            succs[pred].append((step_id, lag))
    first_day = CALENDAR.add_workdays(as_of, 0)  # as_of, or the next working day
    early: dict[int, tuple[dt.date, dt.date]] = {}
    latest: dict[int, tuple[dt.date, dt.date] | None] = {}

    def early_dates(step_id: int) -> tuple[dt.date, dt.date]:
        if step_id in early:
            return early[step_id]
        s = by_id[step_id]
        if s.status == DONE:
            dates = (s.actual_start, s.actual_finish)
        elif keeps_actual_start(s):
            planned = CALENDAR.add_workdays(CALENDAR.add_workdays(s.actual_start, 0), s.duration_days - 1)
            dates = (s.actual_start, max(planned, first_day))
        elif s.duration_days == 0:
            day = first_day
            for pred, lag in preds[step_id]:
                day = max(day, CALENDAR.add_workdays(on_or_before(early_dates(pred)[1]), lag))
            dates = (day, day)
        else:
            start = first_day
            for pred, lag in preds[step_id]:
                start = max(start, CALENDAR.add_workdays(early_dates(pred)[1], 1 + lag))
            dates = (start, CALENDAR.add_workdays(start, s.duration_days - 1))
        early[step_id] = dates
        return dates

    def late_dates(step_id: int) -> tuple[dt.date, dt.date] | None:
        if step_id in latest:
            return latest[step_id]
        s = by_id[step_id]
        finish = on_or_before(s.deadline) if s.deadline else None
        for succ, lag in succs[step_id]:
            succ_dates = late_dates(succ)
            if succ_dates is None:
                continue
            back = lag if by_id[succ].duration_days == 0 else 1 + lag
            candidate = CALENDAR.add_workdays(succ_dates[0], -back)
            finish = candidate if finish is None else min(finish, candidate)
        if finish is None:
            dates = None
        else:
            dates = (CALENDAR.add_workdays(finish, -max(s.duration_days - 1, 0)), finish)
        latest[step_id] = dates
        return dates

    result = {}
    for step_id in preds:
        es, ef = early_dates(step_id)
        late = late_dates(step_id)
        ls, lf = late if late else (None, None)
        total_float = CALENDAR.workdays_between(ef, lf) if late and by_id[step_id].status != DONE else None
        result[step_id] = (es, ef, ls, lf, total_float)
    return result


@bounded
@given(networks())
def test_the_schedule_equals_a_reference_counted_date_by_date(network):
    steps, as_of = network
    result = run(steps, as_of)
    expected = reference(steps, as_of)
    for s in steps:
        got = result.steps[s.id]
        dates = (got.early_start, got.early_finish, got.late_start, got.late_finish, got.total_float)
        assert dates == expected.get(s.id, (None,) * 5), s


# --- Properties -----------------------------------------------------------------------------------------


@bounded
@given(networks())
def test_early_dates_of_unfinished_steps_fall_on_working_days(network):
    steps, as_of = network
    result = run(steps, as_of)
    for s in steps:
        got = result.steps[s.id]
        if s.status in (DONE, NOT_APPLICABLE):
            continue
        assert CALENDAR.is_workday(got.early_finish)
        if keeps_actual_start(s):
            assert got.early_start == s.actual_start
        else:
            assert CALENDAR.is_workday(got.early_start)
            assert got.early_start >= as_of


@bounded
@given(networks())
def test_every_step_not_yet_started_follows_its_predecessors_finish_plus_lag(network):
    steps, as_of = network
    by_id = {s.id: s for s in steps}
    result = run(steps, as_of)
    for pred, succ, lag in effective_edges(steps):
        if by_id[succ].status == DONE or keeps_actual_start(by_id[succ]):
            continue
        pred_finish = number(result.steps[pred].early_finish)
        if by_id[succ].duration_days == 0:
            assert number(result.steps[succ].early_finish) >= pred_finish + lag
        else:
            assert CALENDAR.workday_number_on_or_after(result.steps[succ].early_start) >= pred_finish + 1 + lag


@bounded
@given(networks(), st.data())
def test_an_earlier_deadline_on_any_step_never_raises_any_float(network, data):
    steps, as_of = network
    index = data.draw(st.integers(0, len(steps) - 1))
    target = steps[index]
    if target.deadline is None:
        earlier = data.draw(st.dates(FIRST, LAST))
    else:
        earlier = target.deadline - data.draw(st.integers(1, 200)) * DAY
    changed = [*steps]
    changed[index] = replace(target, deadline=earlier)
    before, after = run(steps, as_of), run(changed, as_of)
    for s in steps:
        old, new = before.steps[s.id].total_float, after.steps[s.id].total_float
        if old is not None:
            assert new is not None and new <= old
    if before.min_float is not None:
        assert after.min_float <= before.min_float
    assert before.feasible or not after.feasible


@bounded
@given(networks())
def test_total_float_is_the_signed_working_days_from_early_to_late_finish(network):
    steps, as_of = network
    result = run(steps, as_of)
    for s in steps:
        got = result.steps[s.id]
        if got.late_finish is None:
            continue
        assert CALENDAR.is_workday(got.late_finish) and CALENDAR.is_workday(got.late_start)
        assert number(got.late_finish) - number(got.late_start) == max(s.duration_days - 1, 0)
        if s.deadline is not None:
            assert got.late_finish <= s.deadline
        if s.status == DONE:
            assert got.total_float is None
        else:
            assert got.total_float == number(got.late_finish) - number(got.early_finish)


@bounded
@given(networks())
def test_latest_finishes_leave_room_for_every_successors_latest_start(network):
    steps, as_of = network
    by_id = {s.id: s for s in steps}
    result = run(steps, as_of)
    for pred, succ, lag in effective_edges(steps):
        succ_start = result.steps[succ].late_start
        if succ_start is None:
            continue
        gap = lag if by_id[succ].duration_days == 0 else 1 + lag
        assert number(result.steps[pred].late_finish) <= number(succ_start) - gap


@bounded
@given(networks())
def test_steps_have_late_dates_exactly_when_a_deadline_lies_at_or_after_them(network):
    steps, as_of = network
    by_id = {s.id: s for s in steps}
    successors: dict[int, set[int]] = {s.id: set() for s in steps}
    for pred, succ, _lag in effective_edges(steps):
        successors[pred].add(succ)

    def constrained(step_id: int) -> bool:
        return by_id[step_id].deadline is not None or any(constrained(q) for q in successors[step_id])

    result = run(steps, as_of)
    for s in steps:
        got = result.steps[s.id]
        has_deadline_ahead = s.status != NOT_APPLICABLE and constrained(s.id)
        assert (got.late_finish is not None) == has_deadline_ahead
        assert (got.total_float is not None) == (has_deadline_ahead and s.status != DONE)


@bounded
@given(networks())
def test_critical_flags_feasibility_and_worst_step_agree_with_the_floats(network):
    steps, as_of = network
    result = run(steps, as_of)
    floats = {i: s.total_float for i, s in result.steps.items() if s.total_float is not None}
    least = min(floats.values(), default=None)
    assert result.min_float == least
    assert result.feasible == (least is None or least >= 0)
    assert {i for i, s in result.steps.items() if s.critical} == {i for i, f in floats.items() if f == least}
    if least is None:
        assert result.worst_step is None
    else:
        assert floats[result.worst_step] == least


@bounded
@given(networks())
def test_fallback_years_are_the_guessed_years_the_schedule_reaches(network):
    steps, as_of = network
    result = run(steps, as_of)
    dates = [as_of] + [
        day
        for s in result.steps.values()
        for day in (s.early_start, s.early_finish, s.late_start, s.late_finish)
        if day is not None
    ]
    assert result.fallback_years == [year for year in range(2025, max(dates).year + 1) if year >= 2027]


@bounded
@given(networks())
def test_not_applicable_steps_get_no_dates(network):
    steps, as_of = network
    result = run(steps, as_of)
    for s in steps:
        if s.status == NOT_APPLICABLE:
            got = result.steps[s.id]
            assert (got.early_start, got.early_finish, got.late_start, got.late_finish) == (None,) * 4
            assert got.total_float is None and not got.critical


@bounded
@given(networks())
def test_a_plan_due_exactly_on_its_earliest_dates_is_just_feasible_with_zero_float_everywhere(network):
    steps, as_of = network
    # Nothing started yet (not-applicable steps stay so), every deadline on the step's own earliest finish.
    fresh = [
        s if s.status == NOT_APPLICABLE else replace(s, status=NOT_STARTED, actual_start=None, actual_finish=None)
        for s in steps
    ]
    first = run(fresh, as_of)
    due = [replace(s, deadline=first.steps[s.id].early_finish) if s.status != NOT_APPLICABLE else s for s in fresh]
    result = run(due, as_of)
    applicable = {s.id for s in due if s.status != NOT_APPLICABLE}
    assert {i: s.total_float for i, s in result.steps.items() if i in applicable} == dict.fromkeys(applicable, 0)
    assert {i for i, s in result.steps.items() if s.critical} == applicable
    assert result.feasible
    assert result.min_float == (0 if applicable else None)


@bounded
@given(networks(max_steps=10), st.data())
def test_closing_a_cycle_always_raises_a_cycle_error_naming_a_real_cycle(network, data):
    steps, as_of = network
    # Pick a step i and the step j furthest down a chain of steps depending on it, where there is one (else a
    # step j after i, made to depend on i directly), and make i depend on j: i → … → j → i. Step i is made
    # applicable; a cycle made of not-applicable steps only is another matter (see test_scheduling.py).
    steps = [*steps]
    depth = {}  # depth[a][b]: the longest chain of steps from a to b (predecessors come from lower indices)
    for a in steps:
        depth[a.id] = {}
        for b in steps:
            links = [depth[a.id].get(p, 0) + 1 for p, _ in b.predecessors if p in depth[a.id] or p == a.id]
            if links:
                depth[a.id][b.id] = max(links)
    heads = [k for k, s in enumerate(steps) if depth[s.id]]
    i = data.draw(st.sampled_from(heads)) if heads else data.draw(st.integers(0, len(steps) - 1))
    s_i = steps[i]
    if depth[s_i.id]:
        deepest = max(depth[s_i.id].values())
        j_id = data.draw(st.sampled_from(sorted(b for b, d in depth[s_i.id].items() if d == deepest)))
        s_j = next(s for s in steps if s.id == j_id)
    else:
        j = data.draw(st.integers(i, len(steps) - 1))
        s_j = steps[j]
        if j != i:
            s_j = steps[j] = replace(s_j, predecessors=(*s_j.predecessors, (s_i.id, 0)))
    steps[i] = replace(
        s_i,
        status=data.draw(st.sampled_from([NOT_STARTED, IN_PROGRESS, DONE])),
        predecessors=(*s_i.predecessors, (s_j.id, data.draw(st.integers(0, 5)))),
        actual_start=as_of - 10 * DAY,
        actual_finish=as_of - DAY,
    )
    raised = None
    try:
        run(steps, as_of)
    except CycleError as error:
        raised = error
    assert raised is not None
    # The names are distinct steps, each following the one before (and the first the last) directly or
    # through not-applicable steps only.
    by_name = {s.name: s for s in steps}
    by_id = {s.id: s for s in steps}
    names = raised.names
    assert names and len(set(names)) == len(names) and set(names) <= set(by_name)

    def follows(succ: StepInput, pred: StepInput, seen: frozenset = frozenset()) -> bool:
        for p, _lag in succ.predecessors:
            if p == pred.id:
                return True
            q = by_id[p]
            if q.status == NOT_APPLICABLE and p not in seen and follows(q, pred, seen | {p}):
                return True
        return False

    for k, name in enumerate(names):
        assert follows(by_name[names[(k + 1) % len(names)]], by_name[name])
