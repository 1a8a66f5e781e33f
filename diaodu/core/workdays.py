"""The official working-day calendar (工作日): holidays and adjusted working days (调休).

Sources, in order of precedence:
1. `CalendarDay` rows that administrators enter in the app (the State Council publishes next year's
   schedule each November, before any package release knows it);
2. the `chinesecalendar` package for the years it ships;
3. Monday–Friday for any other year, and the calendar says so (`is_known`, `fallback_years`).

Every answer comes from arrays precomputed once per process (one flag and one running count per
day), so the functions below cost no database query and O(1) or O(log n) time. The arrays are
rebuilt when a `CalendarDay` changes in this process, and other processes (the worker, other app
servers) notice a change within `RECHECK_SECONDS`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
import time
from dataclasses import dataclass

from chinese_calendar import constants as cc
from django.utils.translation import gettext, gettext_noop

from .choices import DayKind, DaySource

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
RECHECK_SECONDS = 60

_PACKAGE_YEARS = frozenset(range(min(cc.holidays).year, max(cc.holidays).year + 1))
# The package names holidays in English; the pages name them as the State Council does.
_HOLIDAY_NAMES = {holiday.value: holiday.chinese for holiday in cc.Holiday}
# For makemessages: the names the English catalogue translates back.
_TRANSLATABLE = [gettext_noop(name) for name in ("元旦", "春节", "清明", "劳动节", "端午", "国庆节", "中秋")]


class CalendarRangeError(ValueError):
    """A date outside the span the calendar covers (2000–2100)."""


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    is_workday: bool
    source: str  # DaySource
    name: str = ""


class WorkCalendar:
    """Working-day arithmetic over a fixed span, from per-day flags and their running count."""

    def __init__(self, overrides: dict[dt.date, tuple[bool, str]] | None = None):
        self.overrides = dict(overrides or {})
        self.table_years = frozenset(day.year for day in self.overrides)
        self.known_years = _PACKAGE_YEARS | self.table_years
        self._base = FIRST_DAY.toordinal()
        size = LAST_DAY.toordinal() - self._base + 1
        flags = bytearray(size)
        cumulative = [0] * (size + 1)  # cumulative[i]: working days among the first i days of the span
        count = 0
        for i in range(size):
            day = dt.date.fromordinal(self._base + i)
            if self._compute_is_workday(day):
                flags[i] = 1
                count += 1
            cumulative[i + 1] = count
        self._flags = flags
        self._cumulative = cumulative
        # The ordinal of the k-th working day of the span (k from 1): the inverse of the running count.
        self._workday_ordinals = [0] + [self._base + i for i in range(size) if flags[i]]
        # workday_dates[k] is working day number k as a date (index 0 is a placeholder).
        self.workday_dates = [FIRST_DAY] + [dt.date.fromordinal(o) for o in self._workday_ordinals[1:]]

    def _compute_is_workday(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day][0]
        if day.year in _PACKAGE_YEARS:
            if day in cc.holidays:
                return False
            if day in cc.workdays:
                return True
        return day.weekday() < 5

    def _index(self, day: dt.date) -> int:
        if isinstance(day, dt.datetime):
            day = day.date()
        if not FIRST_DAY <= day <= LAST_DAY:
            raise CalendarRangeError(f"{day} is outside the working-day calendar ({FIRST_DAY}–{LAST_DAY})")
        return day.toordinal() - self._base

    def is_workday(self, day: dt.date) -> bool:
        return bool(self._flags[self._index(day)])

    def is_known(self, day: dt.date) -> bool:
        """False when the answer for this date is the Monday–Friday fallback."""
        return day.year in self.known_years

    def explain(self, day: dt.date) -> DayInfo:
        """Whether a date is a working day, where that came from, and the holiday's name."""
        if day in self.overrides:
            is_work, name = self.overrides[day]
            return DayInfo(day, is_work, DaySource.TABLE, name)
        if day.year in _PACKAGE_YEARS:
            name = cc.holidays.get(day) or cc.workdays.get(day) or ""
            return DayInfo(day, self.is_workday(day), DaySource.PACKAGE, gettext(_HOLIDAY_NAMES.get(name, name)))
        source = DaySource.TABLE if day.year in self.table_years else DaySource.FALLBACK
        return DayInfo(day, self.is_workday(day), source)

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (before it if n < 0), `day` itself not counted.

        With n == 0: `day` if it is a working day, else the next working day.
        """
        i = self._index(day)
        c = self._cumulative
        if n > 0:
            target = c[i + 1] + n
        elif n < 0:
            target = c[i] + n + 1
        else:
            target = c[i] + 1
        if target < 1 or target > c[-1]:
            raise CalendarRangeError(f"{n} working days from {day} leave the calendar's span")
        return dt.date.fromordinal(self._base + bisect.bisect_left(c, target) - 1)

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days from `start` to `end`: `add_workdays(start, result) == end` for a working day `end`.

        Forwards it counts the working days after `start` up to and including `end`; backwards it is minus
        the working days from `end` up to but excluding `start`.
        """
        c = self._cumulative
        i, j = self._index(start), self._index(end)
        if j >= i:
            return c[j + 1] - c[i + 1]
        return c[j] - c[i]

    # Working-day numbers: the k-th working day of the span is number k. Schedules add and compare
    # these integers instead of dates, which makes a portfolio's passes cheap.

    def workday_number_on_or_after(self, day: dt.date) -> int:
        """The number of `day` if it is a working day, else of the next working day."""
        return self._cumulative[self._index(day)] + 1

    def workday_number_on_or_before(self, day: dt.date) -> int:
        """The number of `day` if it is a working day, else of the working day before it."""
        return self._cumulative[self._index(day) + 1]

    def workday_date(self, number: int) -> dt.date:
        """The date of working day number `number`."""
        if not 1 <= number < len(self._workday_ordinals):
            raise CalendarRangeError(f"working day number {number} is outside the calendar's span")
        return self.workday_dates[number]

    def fallback_years(self, start: dt.date, end: dt.date) -> list[int]:
        """The years between two dates whose working days are only the Monday–Friday guess."""
        low, high = sorted((start.year, end.year))
        return [year for year in range(low, high + 1) if year not in self.known_years]


_lock = threading.Lock()
_calendar: WorkCalendar | None = None
_signature: tuple | None = None
_checked_at = 0.0


def _table_signature() -> tuple:
    from django.db.models import Count, Max

    from .models import CalendarDay

    row = CalendarDay.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (row["n"], row["last"])


def _load_overrides() -> dict[dt.date, tuple[bool, str]]:
    from .models import CalendarDay

    return {
        day: (kind == DayKind.WORKDAY, name)
        for day, kind, name in CalendarDay.objects.values_list("date", "kind", "name")
    }


def get_calendar() -> WorkCalendar:
    """The process's calendar, rebuilt when the `CalendarDay` table has changed."""
    global _calendar, _signature, _checked_at
    now = time.monotonic()
    if _calendar is not None and now - _checked_at < RECHECK_SECONDS:
        return _calendar
    with _lock:
        if _calendar is not None and now - _checked_at < RECHECK_SECONDS:
            return _calendar
        signature = _table_signature()
        if _calendar is None or signature != _signature:
            _calendar = WorkCalendar(_load_overrides())
            _signature = signature
        _checked_at = now
        return _calendar


def invalidate() -> None:
    """Forget the cached calendar: the next call rereads the table (a `CalendarDay` changed)."""
    global _calendar, _checked_at
    with _lock:
        _calendar = None
        _checked_at = 0.0


def is_workday(day: dt.date) -> bool:
    return get_calendar().is_workday(day)


def is_known(day: dt.date) -> bool:
    return get_calendar().is_known(day)


def add_workdays(day: dt.date, n: int) -> dt.date:
    return get_calendar().add_workdays(day, n)


def workdays_between(start: dt.date, end: dt.date) -> int:
    return get_calendar().workdays_between(start, end)


def fallback_years(start: dt.date, end: dt.date) -> list[int]:
    return get_calendar().fallback_years(start, end)
