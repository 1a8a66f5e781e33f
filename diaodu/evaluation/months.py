"""Months of the evaluation: `?month=2026-05` on the pages and the API, the month's last day, the one before."""

import calendar
import datetime as dt

from django.utils.translation import gettext as _


def parse_month(raw: str | None, today: dt.date) -> dt.date:
    """The first day of the month `raw` names (YYYY-MM); this month when empty. ValueError with a message."""
    if not raw:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in raw.split("-"))
        first = dt.date(year, month, 1)
    except (TypeError, ValueError):
        raise ValueError(_("“月份”应为 YYYY-MM 格式，如 2026-05。")) from None
    if not 2000 <= first.year <= 2100:
        raise ValueError(_("“月份”应在2000年至2100年之间。"))
    if first > today:
        raise ValueError(_("“月份”：%(month)s尚未开始。") % {"month": month_label(first)})
    return first


def month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def previous_month(first: dt.date) -> dt.date:
    return (first.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def next_month(first: dt.date) -> dt.date:
    return month_end(first) + dt.timedelta(days=1)


def month_label(first: dt.date) -> str:
    return _("%(year)d年%(month)d月") % {"year": first.year, "month": first.month}


def month_as_of(first: dt.date, today: dt.date) -> dt.date:
    """The day a month's scores stand on: today for the current month, the month's last day for a past one."""
    return min(today, month_end(first))
