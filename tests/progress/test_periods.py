"""Reporting periods: months due on a day of the month, ISO weeks due on a weekday, and month arithmetic."""

import datetime as dt
import itertools

import pytest

from diaodu.progress.periods import (
    Period,
    add_months,
    month_period,
    months_between,
    period_for,
    periods_between,
    week_period,
)


def test_a_month_period_runs_from_the_first_to_the_last_day_and_is_due_on_the_25th():
    period = month_period(dt.date(2026, 3, 17), 25)
    assert period == Period("monthly", dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 3, 25))
    assert period.label == "2026年3月"


@pytest.mark.parametrize(
    ("day", "due_day", "due"),
    [
        (dt.date(2026, 2, 10), 31, dt.date(2026, 2, 28)),  # February with due day 31: its last day
        (dt.date(2028, 2, 10), 31, dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 4, 30), 31, dt.date(2026, 4, 30)),  # a 30-day month
        (dt.date(2026, 2, 28), 28, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 1), 1, dt.date(2026, 1, 1)),
    ],
)
def test_a_due_day_beyond_the_month_falls_on_its_last_day(day, due_day, due):
    period = month_period(day, due_day)
    assert period.due == due
    assert period.start == day.replace(day=1)
    assert period.end.month == day.month and (period.end + dt.timedelta(days=1)).day == 1


def test_an_iso_week_runs_monday_to_sunday_and_is_due_on_its_weekday():
    period = week_period(dt.date(2026, 3, 18), 4)  # a Wednesday; due Friday
    assert period == Period("weekly", dt.date(2026, 3, 16), dt.date(2026, 3, 22), dt.date(2026, 3, 20))
    assert period.due.weekday() == 4
    assert period.label == "2026年第12周"
    assert week_period(dt.date(2026, 3, 22), 0).due == dt.date(2026, 3, 16)  # Sunday belongs to that week
    assert week_period(dt.date(2026, 3, 16), 6).due == dt.date(2026, 3, 22)


def test_an_iso_week_label_takes_the_iso_year_at_a_year_boundary():
    # 2025-12-29 (Monday) to 2026-01-04 is ISO week 1 of 2026; 2027-01-01 (Friday) is in week 53 of 2026.
    assert week_period(dt.date(2025, 12, 31), 4).label == "2026年第1周"
    assert week_period(dt.date(2027, 1, 1), 4).label == "2026年第53周"


def test_period_for_chooses_by_frequency():
    day = dt.date(2026, 5, 6)
    assert period_for(day, "monthly", due_day=20, due_weekday=2).due == dt.date(2026, 5, 20)
    assert period_for(day, "weekly", due_day=20, due_weekday=2).due == dt.date(2026, 5, 6)


def test_monthly_periods_between_cross_a_year_boundary():
    periods = periods_between(dt.date(2025, 11, 10), dt.date(2026, 2, 3), "monthly", due_day=31, due_weekday=4)
    assert [p.label for p in periods] == ["2025年11月", "2025年12月", "2026年1月", "2026年2月"]
    assert [p.due for p in periods] == [
        dt.date(2025, 11, 30),
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
    ]
    # Consecutive: each period starts the day after the one before ends.
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + dt.timedelta(days=1)


def test_weekly_periods_between_cross_a_year_boundary():
    periods = periods_between(dt.date(2025, 12, 20), dt.date(2026, 1, 10), "weekly", due_day=25, due_weekday=4)
    assert [p.start for p in periods] == [
        dt.date(2025, 12, 15),
        dt.date(2025, 12, 22),
        dt.date(2025, 12, 29),
        dt.date(2026, 1, 5),
    ]
    assert [p.label for p in periods] == ["2025年第51周", "2025年第52周", "2026年第1周", "2026年第2周"]
    assert all(p.due == p.start + dt.timedelta(days=4) for p in periods)


def test_periods_between_a_single_day_and_an_empty_range():
    assert len(periods_between(dt.date(2026, 3, 5), dt.date(2026, 3, 5), "monthly", due_day=25, due_weekday=4)) == 1
    assert periods_between(dt.date(2026, 3, 6), dt.date(2026, 3, 5), "monthly", due_day=25, due_weekday=4) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 31), 1, dt.date(2026, 4, 30)),
        (dt.date(2026, 8, 31), 2, dt.date(2026, 10, 31)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 15), -1, dt.date(2025, 12, 15)),
        (dt.date(2026, 5, 20), 0, dt.date(2026, 5, 20)),
        (dt.date(2026, 5, 20), 24, dt.date(2028, 5, 20)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        (dt.date(2026, 3, 1), dt.date(2026, 5, 31), 2),
        (dt.date(2026, 3, 31), dt.date(2026, 4, 1), 1),  # whole calendar months, not days
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31), 0),
        (dt.date(2025, 11, 20), dt.date(2026, 2, 1), 3),
        (dt.date(2026, 5, 1), dt.date(2026, 3, 1), -2),
    ],
)
def test_months_between_counts_calendar_months(earlier, later, expected):
    assert months_between(earlier, later) == expected
