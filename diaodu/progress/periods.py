"""Reporting periods: calendar months (due on a set day of the month) or ISO weeks (due on a set weekday)."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import Frequency


@dataclass(frozen=True)
class Period:
    frequency: str
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def label(self) -> str:
        if self.frequency == Frequency.WEEKLY:
            year, week, _day = self.start.isocalendar()
            return _("%(year)d年第%(week)d周") % {"year": year, "week": week}
        return _("%(year)d年%(month)d月") % {"year": self.start.year, "month": self.start.month}


def month_period(day: dt.date, due_day: int) -> Period:
    """The month containing `day`, due on `due_day` of that month (the month's last day if shorter)."""
    last = calendar.monthrange(day.year, day.month)[1]
    start = day.replace(day=1)
    return Period(Frequency.MONTHLY, start, day.replace(day=last), day.replace(day=min(due_day, last)))


def week_period(day: dt.date, due_weekday: int) -> Period:
    """The ISO week (Monday–Sunday) containing `day`, due on `due_weekday` (0 = Monday)."""
    start = day - dt.timedelta(days=day.weekday())
    return Period(Frequency.WEEKLY, start, start + dt.timedelta(days=6), start + dt.timedelta(days=due_weekday))


def period_for(day: dt.date, frequency: str, *, due_day: int, due_weekday: int) -> Period:
    if frequency == Frequency.WEEKLY:
        return week_period(day, due_weekday)
    return month_period(day, due_day)


def periods_between(first: dt.date, last: dt.date, frequency: str, *, due_day: int, due_weekday: int) -> list[Period]:
    """Every period from the one containing `first` to the one containing `last`."""
    periods = []
    day = first
    while day <= last:
        period = period_for(day, frequency, due_day=due_day, due_weekday=due_weekday)
        periods.append(period)
        day = period.end + dt.timedelta(days=1)
    return periods


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from the month of `earlier` to the month of `later` (2026-03 → 2026-05: 2)."""
    return (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month)
