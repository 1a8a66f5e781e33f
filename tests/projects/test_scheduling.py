"""Backward scheduling (倒排工期), computed by hand across Mid-Autumn and National Day 2026.

The calendar every expected date below is counted on (chinesecalendar; State Council notice for 2026:
中秋节 9月25日至27日放假; 国庆节 10月1日至7日放假调休, 9月20日（周日）、10月10日（周六）上班):

    September 2026                          October 2026
    19 Sat  off                              1–7 Thu–Wed  off (国庆节, five of them weekdays)
    20 Sun  WORKING DAY (调休)               8 Thu, 9 Fri working
    21–24 Mon–Thu  working                   10 Sat  WORKING DAY (调休)
    25–27 Fri–Sun  off (中秋)                11 Sun  off
    28–30 Mon–Wed  working                   12–16 Mon–Fri working

So the working days run, in order: … 09-18, 09-20, 09-21, 09-22, 09-23, 09-24, 09-28, 09-29, 09-30,
10-08, 10-09, 10-10, 10-12, 10-13 … A step of duration d starting on working day s finishes on the d-th
working day of that list counting s as the first; its successor starts on the next one (plus the lag).
"""

import datetime as dt

import pytest

from diaodu.core.workdays import WorkCalendar
from diaodu.projects.scheduling import CycleError, Schedule, StepInput, compute_schedule, compute_schedules

D = dt.date
CALENDAR = WorkCalendar()  # the package's official calendar: 2004–2026 known, 2027 the Monday–Friday guess

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
NOT_APPLICABLE = "not_applicable"


def step(step_id: int, name: str, duration: int, *after, **fields) -> StepInput:
    """A step; `after` lists predecessor ids, or (id, lag) pairs for a lag in working days."""
    predecessors = tuple(p if isinstance(p, tuple) else (p, 0) for p in after)
    return StepInput(step_id, name, duration, predecessors=predecessors, **fields)


def schedule(*steps: StepInput, as_of: dt.date, calendar: WorkCalendar = CALENDAR) -> Schedule:
    return compute_schedule(list(steps), as_of, calendar)


def early(result: Schedule, step_id: int) -> tuple[dt.date | None, dt.date | None]:
    return result.steps[step_id].early_start, result.steps[step_id].early_finish


def late(result: Schedule, step_id: int) -> tuple[dt.date | None, dt.date | None]:
    return result.steps[step_id].late_start, result.steps[step_id].late_finish


def is_rotation(names: list[str], cycle: list[str]) -> bool:
    return len(names) == len(cycle) and any(names == cycle[i:] + cycle[:i] for i in range(len(cycle)))


# --- The calendar the counting relies on ----------------------------------------------------------------


def test_the_calendar_the_hand_counts_rely_on_is_the_official_2026_one():
    working = {D(2026, 9, 20), D(2026, 9, 24), D(2026, 9, 28), D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 10)}
    off = {D(2026, 9, 19), D(2026, 9, 25), D(2026, 9, 27), D(2026, 10, 1), D(2026, 10, 7), D(2026, 10, 11)}
    assert all(CALENDAR.is_workday(day) for day in working)
    assert not any(CALENDAR.is_workday(day) for day in off)
    assert CALENDAR.is_known(D(2026, 10, 1)) and not CALENDAR.is_known(D(2027, 1, 1))


# --- Forward pass across the holidays -------------------------------------------------------------------


def test_a_chain_across_mid_autumn_and_national_day_counts_only_working_days():
    # As of Thursday 09-24, the last working day before 中秋:
    #   用地预审 (3 days): 09-24, 09-28, 09-29                → 09-24 … 09-29
    #   规划许可 (4 days): 09-30, 10-08, 10-09, 10-10 (Sat)    → 09-30 … 10-10
    #   开工 (milestone): finishes with its predecessor         → 10-10
    #   施工许可 (2 days): 10-12 (10-11 Sun is off), 10-13     → 10-12 … 10-13, due 10-13
    result = schedule(
        step(1, "用地预审", 3),
        step(2, "规划许可", 4, 1),
        step(3, "开工", 0, 2),
        step(4, "施工许可", 2, 3, deadline=D(2026, 10, 13)),
        as_of=D(2026, 9, 24),
    )
    assert early(result, 1) == (D(2026, 9, 24), D(2026, 9, 29))
    assert early(result, 2) == (D(2026, 9, 30), D(2026, 10, 10))
    assert early(result, 3) == (D(2026, 10, 10), D(2026, 10, 10))
    assert early(result, 4) == (D(2026, 10, 12), D(2026, 10, 13))
    # The deadline is exactly reached: the latest dates are the earliest ones, every float is 0.
    for step_id in (1, 2, 3, 4):
        assert late(result, step_id) == early(result, step_id)
        assert result.steps[step_id].total_float == 0
        assert result.steps[step_id].critical
    assert result.feasible and result.min_float == 0
    assert result.fallback_years == []


def test_a_step_due_to_start_on_the_saturday_before_the_adjusted_sunday_starts_on_that_sunday():
    # As of Saturday 09-19 (off): the next working day is Sunday 09-20 (调休). Two days: 09-20, 09-21.
    result = schedule(step(1, "环评批复", 2), step(2, "能评审查", 1, 1), as_of=D(2026, 9, 19))
    assert early(result, 1) == (D(2026, 9, 20), D(2026, 9, 21))
    assert early(result, 2) == (D(2026, 9, 22), D(2026, 9, 22))


def test_a_step_due_to_start_during_national_day_starts_on_october_8_and_counts_the_adjusted_saturday():
    # As of 10-01 (holiday): start 10-08; three days 10-08, 10-09, 10-10 (Sat, 调休); next is Mon 10-12.
    result = schedule(step(1, "施工图审查", 3), step(2, "质监安监备案", 1, 1), as_of=D(2026, 10, 1))
    assert early(result, 1) == (D(2026, 10, 8), D(2026, 10, 10))
    assert early(result, 2) == (D(2026, 10, 12), D(2026, 10, 12))


def test_a_step_starts_no_earlier_than_as_of_even_when_its_predecessors_finished_long_ago():
    result = schedule(
        step(1, "立项", 1, status=DONE, actual_start=D(2026, 3, 2), actual_finish=D(2026, 3, 2)),
        step(2, "用地预审", 2, 1),
        as_of=D(2026, 9, 30),
    )
    # 09-30, then National Day: 10-08.
    assert early(result, 2) == (D(2026, 9, 30), D(2026, 10, 8))


# --- Lags -----------------------------------------------------------------------------------------------


def test_a_lag_adds_working_days_after_the_predecessor_finishes_forward_and_backward():
    # As of Monday 09-28. A (2 days): 09-28, 09-29. B after A with lag 2: the next working day after 09-29
    # is 09-30, two working days later is 10-09 (09-30 → 10-08 → 10-09). C after B with lag 1: 10-10 is
    # next, one later is 10-12.
    result = schedule(
        step(1, "A", 2),
        step(2, "B", 1, (1, 2)),
        step(3, "C", 1, (2, 1), deadline=D(2026, 10, 12)),
        as_of=D(2026, 9, 28),
    )
    assert early(result, 1) == (D(2026, 9, 28), D(2026, 9, 29))
    assert early(result, 2) == (D(2026, 10, 9), D(2026, 10, 9))
    assert early(result, 3) == (D(2026, 10, 12), D(2026, 10, 12))
    # Backward the lags come off again: B must finish by 10-09 (working day before 10-12 minus 1 lag),
    # A by 09-29 (working day before 10-09 minus 2 lag).
    assert late(result, 2) == (D(2026, 10, 9), D(2026, 10, 9))
    assert late(result, 1) == (D(2026, 9, 28), D(2026, 9, 29))
    assert [result.steps[i].total_float for i in (1, 2, 3)] == [0, 0, 0]


def test_a_lag_on_a_milestone_puts_it_that_many_working_days_after_its_predecessor():
    # As of 09-28. A (3 days): 09-28, 09-29, 09-30. Milestone M after A with lag 1: 10-08.
    # Milestone M2 after M with lag 2: 10-09, 10-10 → 10-10. S (1 day) after M2: 10-12.
    result = schedule(
        step(1, "A", 3),
        step(2, "M", 0, (1, 1)),
        step(3, "M2", 0, (2, 2)),
        step(4, "S", 1, 3, deadline=D(2026, 10, 12)),
        as_of=D(2026, 9, 28),
    )
    assert early(result, 1) == (D(2026, 9, 28), D(2026, 9, 30))
    assert early(result, 2) == (D(2026, 10, 8), D(2026, 10, 8))
    assert early(result, 3) == (D(2026, 10, 10), D(2026, 10, 10))
    assert early(result, 4) == (D(2026, 10, 12), D(2026, 10, 12))
    # Backward: S latest start 10-12 → M2 latest 10-10 (the working day before) → M latest 10-08 (two
    # working days before M2: a milestone successor's own day minus the lag) → A latest 09-30 (M's own day
    # minus A's lag of 1).
    assert late(result, 3) == (D(2026, 10, 10), D(2026, 10, 10))
    assert late(result, 2) == (D(2026, 10, 8), D(2026, 10, 8))
    assert late(result, 1) == (D(2026, 9, 28), D(2026, 9, 30))
    assert all(result.steps[i].total_float == 0 for i in (1, 2, 3, 4))


# --- Milestones -----------------------------------------------------------------------------------------


def test_a_milestone_finishes_on_the_day_its_last_predecessor_finishes():
    # As of 09-28: A (1 day) 09-28; B (4 days) 09-28, 09-29, 09-30, 10-08. The milestone: 10-08.
    result = schedule(step(1, "A", 1), step(2, "B", 4), step(3, "签约", 0, 1, 2), as_of=D(2026, 9, 28))
    assert early(result, 3) == (D(2026, 10, 8), D(2026, 10, 8))


def test_a_milestone_without_predecessors_falls_on_as_of_and_its_successor_starts_the_next_working_day():
    result = schedule(step(1, "签约", 0), step(2, "备案", 1, 1), as_of=D(2026, 9, 30))
    assert early(result, 1) == (D(2026, 9, 30), D(2026, 9, 30))
    assert early(result, 2) == (D(2026, 10, 8), D(2026, 10, 8))


def test_a_milestone_without_predecessors_on_a_holiday_falls_on_the_next_working_day():
    result = schedule(step(1, "签约", 0), as_of=D(2026, 10, 4))
    assert early(result, 1) == (D(2026, 10, 8), D(2026, 10, 8))


def test_a_milestone_after_steps_done_long_ago_is_not_placed_before_as_of():
    result = schedule(
        step(1, "立项", 5, status=DONE, actual_start=D(2026, 9, 1), actual_finish=D(2026, 9, 7)),
        step(2, "开工", 0, 1),
        as_of=D(2026, 9, 26),  # Saturday of 中秋: the milestone is on the next working day, 09-28
    )
    assert early(result, 2) == (D(2026, 9, 28), D(2026, 9, 28))


# --- Not-applicable steps (不涉及) ------------------------------------------------------------------------


def test_a_not_applicable_step_is_left_out_and_passes_its_predecessors_through_with_lags_adding_up():
    # As of 09-28. A (1 day): 09-28. N is not applicable (its 10 days vanish); B follows N with lag 2 and N
    # follows A with lag 1, so B follows A with lag 3: the next working day after 09-28 is 09-29, three
    # more are 09-30, 10-08, 10-09. B due 10-09: no slack anywhere.
    result = schedule(
        step(1, "A", 1),
        step(2, "N", 10, (1, 1), status=NOT_APPLICABLE),
        step(3, "B", 1, (2, 2), deadline=D(2026, 10, 9)),
        as_of=D(2026, 9, 28),
    )
    assert early(result, 1) == (D(2026, 9, 28), D(2026, 9, 28))
    assert early(result, 3) == (D(2026, 10, 9), D(2026, 10, 9))
    # Backward through N: A's latest finish is the working day before 10-09 minus 3 lag = 09-28.
    assert late(result, 1) == (D(2026, 9, 28), D(2026, 9, 28))
    assert result.steps[1].total_float == 0
    n = result.steps[2]
    assert (n.early_start, n.early_finish, n.late_start, n.late_finish, n.total_float) == (None,) * 5
    assert not n.critical


def test_a_chain_of_not_applicable_steps_passes_predecessors_through_all_of_them():
    # A (1 day) 09-28 → N1 (lag 1) → N2 (lag 1) → B (lag 1): B follows A with lag 3 → 10-09, as above;
    # the milestone M follows N2 with lag 2, so A with lag 4: 09-28 + 4 working days = 10-09 as well
    # (09-29, 09-30, 10-08, 10-09).
    result = schedule(
        step(1, "A", 1),
        step(2, "N1", 3, (1, 1), status=NOT_APPLICABLE),
        step(3, "N2", 3, (2, 1), status=NOT_APPLICABLE),
        step(4, "B", 1, (3, 1)),
        step(5, "M", 0, (3, 2)),
        as_of=D(2026, 9, 28),
    )
    assert early(result, 4) == (D(2026, 10, 9), D(2026, 10, 9))
    assert early(result, 5) == (D(2026, 10, 9), D(2026, 10, 9))
    assert early(result, 2) == early(result, 3) == (None, None)


def test_a_not_applicable_step_passes_every_one_of_its_predecessors_through():
    # A (1 day) 09-28; C (4 days) 09-28 … 10-08. N (not applicable) follows both; B follows N.
    # B starts after the later of them: 10-09.
    result = schedule(
        step(1, "A", 1),
        step(2, "C", 4),
        step(3, "N", 2, 1, 2, status=NOT_APPLICABLE),
        step(4, "B", 2, 3),
        as_of=D(2026, 9, 28),
    )
    assert early(result, 4) == (D(2026, 10, 9), D(2026, 10, 10))


# --- In-progress steps (办理中) -------------------------------------------------------------------------


def test_an_in_progress_step_keeps_its_actual_start_and_finishes_on_its_planned_finish():
    # Started Monday 09-21, 5 days: 09-21, 09-22, 09-23, 09-24, 09-28 (中秋 in between). As of 09-24.
    result = schedule(
        step(1, "土地招拍挂", 5, status=IN_PROGRESS, actual_start=D(2026, 9, 21)),
        step(2, "土地出让合同", 1, 1),
        as_of=D(2026, 9, 24),
    )
    assert early(result, 1) == (D(2026, 9, 21), D(2026, 9, 28))
    assert early(result, 2) == (D(2026, 9, 29), D(2026, 9, 29))


def test_an_overdue_in_progress_step_finishes_on_as_of():
    # Same step, planned to finish 09-28, still not done on Friday 10-09: it finishes 10-09 at the earliest,
    # and its successor starts on Saturday 10-10 (调休).
    result = schedule(
        step(1, "土地招拍挂", 5, status=IN_PROGRESS, actual_start=D(2026, 9, 21)),
        step(2, "土地出让合同", 1, 1),
        as_of=D(2026, 10, 9),
    )
    assert early(result, 1) == (D(2026, 9, 21), D(2026, 10, 9))
    assert early(result, 2) == (D(2026, 10, 10), D(2026, 10, 10))


def test_an_overdue_in_progress_step_seen_during_the_holiday_finishes_on_the_next_working_day():
    result = schedule(step(1, "土地招拍挂", 5, status=IN_PROGRESS, actual_start=D(2026, 9, 21)), as_of=D(2026, 10, 3))
    assert early(result, 1) == (D(2026, 9, 21), D(2026, 10, 8))


def test_an_in_progress_step_started_on_a_saturday_counts_from_the_adjusted_sunday():
    # Started Saturday 09-19 (off): its first working day is Sunday 09-20; two days → 09-21.
    result = schedule(step(1, "可研批复", 2, status=IN_PROGRESS, actual_start=D(2026, 9, 19)), as_of=D(2026, 9, 20))
    assert early(result, 1) == (D(2026, 9, 19), D(2026, 9, 21))


# --- Done steps (已完成) --------------------------------------------------------------------------------


def test_a_done_step_keeps_its_actual_dates_and_its_successor_starts_the_next_working_day():
    # Done Thursday 09-24; as of the same day. The next working day is Monday 09-28 (中秋 in between).
    result = schedule(
        step(1, "可研批复", 10, status=DONE, actual_start=D(2026, 9, 1), actual_finish=D(2026, 9, 24)),
        step(2, "初步设计", 2, 1),
        as_of=D(2026, 9, 24),
    )
    assert early(result, 1) == (D(2026, 9, 1), D(2026, 9, 24))
    assert early(result, 2) == (D(2026, 9, 28), D(2026, 9, 29))


def test_a_step_done_on_the_adjusted_saturday_is_followed_on_monday():
    result = schedule(
        step(1, "规划许可", 3, status=DONE, actual_start=D(2026, 10, 8), actual_finish=D(2026, 10, 10)),
        step(2, "施工许可", 1, 1),
        as_of=D(2026, 10, 10),
    )
    assert early(result, 2) == (D(2026, 10, 12), D(2026, 10, 12))


def test_a_step_done_on_a_holiday_keeps_that_date_and_its_successor_starts_the_next_working_day():
    # Recorded as done on 10-03, in the middle of National Day. Seen as of Monday 09-28 (a plan written
    # before the holiday with that approval promised for it), the successor still starts on 10-08, the first
    # working day after 10-03, and a successor with lag 1 on 10-09.
    result = schedule(
        step(1, "批复", 3, status=DONE, actual_start=D(2026, 9, 28), actual_finish=D(2026, 10, 3)),
        step(2, "备案", 1, 1),
        step(3, "公示", 1, (1, 1)),
        as_of=D(2026, 9, 28),
    )
    assert early(result, 1) == (D(2026, 9, 28), D(2026, 10, 3))
    assert early(result, 2) == (D(2026, 10, 8), D(2026, 10, 8))
    assert early(result, 3) == (D(2026, 10, 9), D(2026, 10, 9))


def test_a_done_step_has_no_float_and_is_never_critical_even_past_its_deadline():
    result = schedule(
        step(
            1,
            "可研批复",
            5,
            status=DONE,
            actual_start=D(2026, 9, 1),
            actual_finish=D(2026, 9, 22),
            deadline=D(2026, 9, 10),
        ),
        step(2, "初步设计", 2, 1, deadline=D(2026, 10, 9)),
        as_of=D(2026, 9, 28),
    )
    assert result.steps[1].total_float is None
    assert not result.steps[1].critical
    # Only the unfinished step counts: 09-28 … 09-29 against 10-09 leaves 3 working days.
    assert result.steps[2].total_float == 3
    assert result.feasible and result.min_float == 3 and result.worst_step == 2


def test_a_step_marked_done_without_dates_is_taken_as_finished_the_working_day_before_as_of():
    result = schedule(step(1, "批复", 3, status=DONE), step(2, "备案", 1, 1), as_of=D(2026, 10, 8))
    # The working day before 10-08 is 09-30; three days back from it start 09-28.
    assert early(result, 1) == (D(2026, 9, 28), D(2026, 9, 30))
    assert early(result, 2) == (D(2026, 10, 8), D(2026, 10, 8))


# --- Deadlines, float and the critical steps ------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "latest_finish"),
    [
        (D(2026, 10, 5), D(2026, 9, 30)),  # National Day: the working day before is 09-30
        (D(2026, 9, 26), D(2026, 9, 24)),  # 中秋 Saturday: the working day before is Thursday 09-24
        (D(2026, 10, 11), D(2026, 10, 10)),  # Sunday after the adjusted Saturday: that Saturday
        (D(2026, 9, 20), D(2026, 9, 20)),  # the adjusted Sunday itself is a working day
    ],
)
def test_a_deadline_on_a_non_working_day_means_the_working_day_before(deadline, latest_finish):
    result = schedule(step(1, "A", 1, deadline=deadline), as_of=D(2026, 9, 14))
    assert result.steps[1].late_finish == latest_finish
    assert result.steps[1].late_start == latest_finish


def test_a_deadline_on_national_day_leaves_one_working_day_of_float_to_a_step_ending_the_day_before():
    # As of 09-28: 2 days 09-28, 09-29; due 10-05 → latest finish 09-30, latest start 09-29: float 1.
    result = schedule(step(1, "A", 2, deadline=D(2026, 10, 5)), as_of=D(2026, 9, 28))
    assert late(result, 1) == (D(2026, 9, 29), D(2026, 9, 30))
    assert result.steps[1].total_float == 1


def test_a_step_out_of_reach_of_its_deadline_has_negative_float_and_the_schedule_is_infeasible():
    # As of 09-28, 5 days: 09-28, 09-29, 09-30, 10-08, 10-09. Due 09-30: two working days late.
    result = schedule(step(1, "施工许可", 5, deadline=D(2026, 9, 30)), as_of=D(2026, 9, 28))
    assert early(result, 1) == (D(2026, 9, 28), D(2026, 10, 9))
    # Latest start: 5 working days ending 09-30 are 09-23, 09-24, 09-28, 09-29, 09-30.
    assert late(result, 1) == (D(2026, 9, 23), D(2026, 9, 30))
    assert result.steps[1].total_float == -2
    assert result.steps[1].critical
    assert not result.feasible
    assert result.min_float == -2 and result.worst_step == 1


def test_worst_step_names_the_unfinished_step_furthest_behind():
    result = schedule(
        # Due 09-25 (中秋) → by 09-24, but as of 09-28 it finishes 09-28 at the earliest: float −1.
        step(1, "C", 1, deadline=D(2026, 9, 25)),
        # Due 09-30, finishes 10-09: float −2. This is the worst.
        step(2, "D", 5, deadline=D(2026, 9, 30)),
        # Done, and long past its deadline: it no longer counts.
        step(3, "E", 1, status=DONE, actual_start=D(2026, 9, 1), actual_finish=D(2026, 9, 22), deadline=D(2026, 8, 1)),
        # No deadline at all.
        step(4, "F", 1),
        as_of=D(2026, 9, 28),
    )
    assert result.steps[1].total_float == -1
    assert result.steps[2].total_float == -2
    assert result.worst_step == 2
    assert [i for i, s in result.steps.items() if s.critical] == [2]
    assert not result.feasible and result.min_float == -2


def test_a_late_chain_is_late_all_along_and_worst_step_names_its_first_step():
    # As of 09-28: A (2 days) 09-28 … 09-29; B (3 days) 09-30, 10-08, 10-09, due 10-08: one day late.
    # A must finish the working day before B's latest start (09-29), i.e. 09-28: one day late as well.
    result = schedule(step(1, "A", 2), step(2, "B", 3, 1, deadline=D(2026, 10, 8)), as_of=D(2026, 9, 28))
    assert late(result, 2) == (D(2026, 9, 29), D(2026, 10, 8))
    assert late(result, 1) == (D(2026, 9, 24), D(2026, 9, 28))
    assert result.steps[1].total_float == result.steps[2].total_float == -1
    assert result.worst_step == 1  # the one that finishes first: the one to act on now


def test_critical_steps_are_the_unfinished_steps_with_the_least_float():
    # As of 09-28: A (2 days) 09-28 … 09-29; B (5 days) 09-28 … 10-09; milestone 开工 after both: 10-09,
    # due 10-09. A may finish as late as the milestone's own day: latest 10-08 … 10-09, float 3.
    result = schedule(
        step(1, "A", 2),
        step(2, "B", 5),
        step(3, "开工", 0, 1, 2, deadline=D(2026, 10, 9)),
        as_of=D(2026, 9, 28),
    )
    assert early(result, 2) == (D(2026, 9, 28), D(2026, 10, 9))
    assert early(result, 3) == (D(2026, 10, 9), D(2026, 10, 9))
    assert late(result, 1) == (D(2026, 10, 8), D(2026, 10, 9))
    assert late(result, 2) == (D(2026, 9, 28), D(2026, 10, 9))
    assert [result.steps[i].total_float for i in (1, 2, 3)] == [3, 0, 0]
    assert [result.steps[i].critical for i in (1, 2, 3)] == [False, True, True]
    assert result.min_float == 0 and result.feasible


def test_steps_with_no_deadline_at_or_after_them_have_no_late_dates_and_no_float():
    # A → B → C with a deadline on B only; D stands alone without one.
    result = schedule(
        step(1, "A", 1),
        step(2, "B", 1, 1, deadline=D(2026, 10, 9)),
        step(3, "C", 1, 2),
        step(4, "D", 3),
        as_of=D(2026, 9, 28),
    )
    assert result.steps[1].total_float is not None
    assert result.steps[2].total_float is not None
    for step_id in (3, 4):
        assert late(result, step_id) == (None, None)
        assert result.steps[step_id].total_float is None
        assert not result.steps[step_id].critical
    # B finishes 09-29, due 10-09: three working days to spare (09-30, 10-08, 10-09); A the same.
    assert result.steps[2].total_float == 3 and result.min_float == 3


def test_a_project_without_any_deadline_is_feasible_and_names_no_worst_step():
    result = schedule(step(1, "A", 3), step(2, "B", 2, 1), as_of=D(2026, 9, 28))
    assert result.feasible and result.min_float is None and result.worst_step is None
    assert not any(s.critical for s in result.steps.values())


# --- Years the calendar only guesses --------------------------------------------------------------------


def test_a_schedule_reaching_2027_says_that_2027_is_only_the_monday_to_friday_guess():
    # As of Monday 2026-12-28, 10 days: 12-28, 12-29, 12-30, 12-31, then 2027 on the fallback calendar
    # (01-01 a Friday, so "working"), 01-04, 01-05, 01-06, 01-07, 01-08.
    result = schedule(step(1, "A", 10), as_of=D(2026, 12, 28))
    assert early(result, 1) == (D(2026, 12, 28), D(2027, 1, 8))
    assert result.fallback_years == [2027]


def test_a_deadline_in_2027_makes_2027_a_fallback_year_too():
    result = schedule(step(1, "A", 2, deadline=D(2027, 3, 1)), as_of=D(2026, 12, 1))
    assert result.steps[1].early_finish.year == 2026
    assert result.fallback_years == [2027]


def test_a_schedule_within_2026_has_no_fallback_years():
    result = schedule(step(1, "A", 10, deadline=D(2026, 12, 31)), as_of=D(2026, 12, 1))
    assert result.fallback_years == []


def test_a_calendar_with_2027_entered_by_hand_is_no_fallback_and_is_counted_on():
    calendar = WorkCalendar({D(2027, 1, 1): (False, "元旦")})
    # 12-28 … 12-31 (4), 01-01 off, 01-04 … 01-08 (9), 01-11 (10).
    result = schedule(step(1, "A", 10), as_of=D(2026, 12, 28), calendar=calendar)
    assert early(result, 1) == (D(2026, 12, 28), D(2027, 1, 11))
    assert result.fallback_years == []


# --- Refused networks -----------------------------------------------------------------------------------


def test_a_cycle_is_refused_with_exactly_the_names_of_its_steps():
    # A → B → C → A, with D after C and E on its own: neither is part of the cycle.
    steps = [
        step(1, "用地预审", 1, 3),
        step(2, "规划许可", 1, 1),
        step(3, "施工许可", 1, 2),
        step(4, "开工", 0, 3),
        step(5, "环评", 2),
    ]
    with pytest.raises(CycleError) as raised:
        compute_schedule(steps, D(2026, 9, 28), CALENDAR)
    assert is_rotation(raised.value.names, ["用地预审", "规划许可", "施工许可"])
    message = str(raised.value)
    assert all(name in message for name in ("用地预审", "规划许可", "施工许可"))
    assert "开工" not in message and "环评" not in message
    assert isinstance(raised.value, ValueError)


def test_a_step_depending_on_itself_is_a_cycle_of_one():
    with pytest.raises(CycleError) as raised:
        schedule(step(1, "A", 1), step(2, "B", 1, 1, 2), as_of=D(2026, 9, 28))
    assert raised.value.names == ["B"]


def test_a_cycle_through_a_not_applicable_step_is_refused():
    with pytest.raises(CycleError):
        schedule(
            step(1, "A", 1, 3),
            step(2, "N", 1, 1, status=NOT_APPLICABLE),
            step(3, "B", 1, 2),
            as_of=D(2026, 9, 28),
        )


def test_a_cycle_of_not_applicable_steps_that_an_applicable_step_follows_is_refused_with_their_names():
    with pytest.raises(CycleError) as raised:
        schedule(
            step(1, "N1", 1, 2, status=NOT_APPLICABLE),
            step(2, "N2", 1, 1, status=NOT_APPLICABLE),
            step(3, "A", 1, 1),
            as_of=D(2026, 9, 28),
        )
    assert is_rotation(raised.value.names, ["N1", "N2"])


def test_a_cycle_through_a_not_applicable_step_names_that_step_too():
    with pytest.raises(CycleError) as raised:
        schedule(
            step(1, "A", 1, 3),
            step(2, "N", 1, 1, status=NOT_APPLICABLE),
            step(3, "B", 1, 2),
            as_of=D(2026, 9, 28),
        )
    assert is_rotation(raised.value.names, ["A", "N", "B"])


def test_a_cycle_of_not_applicable_steps_alone_is_refused_too():
    with pytest.raises(CycleError):
        schedule(
            step(1, "A", 1),
            step(2, "N1", 1, 3, status=NOT_APPLICABLE),
            step(3, "N2", 1, 2, status=NOT_APPLICABLE),
            as_of=D(2026, 9, 28),
        )


def test_an_unknown_predecessor_is_refused():
    with pytest.raises(ValueError, match=r"unknown step 99") as raised:
        schedule(step(1, "A", 1), step(2, "B", 1, 1, 99), as_of=D(2026, 9, 28))
    assert not isinstance(raised.value, CycleError)


def test_an_unknown_predecessor_of_a_not_applicable_step_listed_first_is_refused():
    with pytest.raises(ValueError, match=r"unknown step 99"):
        schedule(step(1, "N", 1, 99, status=NOT_APPLICABLE), step(2, "B", 1, 1), as_of=D(2026, 9, 28))


def test_an_unknown_predecessor_of_a_not_applicable_step_listed_after_its_successor_is_refused():
    with pytest.raises(ValueError, match=r"unknown step 99"):
        schedule(step(1, "B", 1, 2), step(2, "N", 1, 99, status=NOT_APPLICABLE), as_of=D(2026, 9, 28))


def test_a_negative_duration_is_refused():
    with pytest.raises(ValueError, match="negative"):
        schedule(step(1, "A", 1), step(2, "B", -1, 1), as_of=D(2026, 9, 28))


def test_two_steps_with_the_same_id_are_refused():
    with pytest.raises(ValueError, match="unique"):
        schedule(step(1, "A", 1), step(1, "B", 1), as_of=D(2026, 9, 28))


# --- A portfolio ----------------------------------------------------------------------------------------


def test_compute_schedules_yields_a_cycle_error_for_a_cyclic_project_and_schedules_for_the_others():
    as_of = D(2026, 9, 28)
    good = [step(1, "A", 2), step(2, "B", 1, 1, deadline=D(2026, 9, 30))]
    cyclic = [step(1, "A", 1, 2), step(2, "B", 1, 1)]
    other = [step(1, "签约", 0), step(2, "备案", 4, 1)]
    results = list(compute_schedules([("一号", good), ("二号", cyclic), ("三号", other)], as_of, CALENDAR))
    assert [key for key, _ in results] == ["一号", "二号", "三号"]
    assert isinstance(results[1][1], CycleError)
    assert is_rotation(results[1][1].names, ["A", "B"])
    assert results[0][1] == compute_schedule(good, as_of, CALENDAR)
    assert results[2][1] == compute_schedule(other, as_of, CALENDAR)
    assert early(results[2][1], 2) == (D(2026, 9, 29), D(2026, 10, 9))
