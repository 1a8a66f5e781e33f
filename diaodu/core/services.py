"""Writes of the core app: entering a year's holiday schedule in one go."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import concurrency
from .choices import DayKind
from .models import CalendarDay

_KIND_WORDS = {
    "放假": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "休息": DayKind.HOLIDAY,
    "holiday": DayKind.HOLIDAY,
    "上班": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
    "调休上班": DayKind.WORKDAY,
    "workday": DayKind.WORKDAY,
}
_LINE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:~|～|至)\s*(\d{4}-\d{1,2}-\d{1,2}))?\s+(\S+)(?:\s+(.+))?$")
MAX_RANGE_DAYS = 31


def parse_schedule(text: str) -> list[tuple[dt.date, str, str]]:
    """Parse lines such as `2027-10-01 至 2027-10-07 放假 国庆节` or `2027-09-26 上班 国庆节`.

    Raises one ValidationError listing every bad line by its number, so nothing is half-entered.
    """
    days: dict[dt.date, tuple[str, str]] = {}
    errors = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            errors.append(
                _(
                    "第%(n)d行“%(line)s”：格式应为“日期[ 至 日期] 放假|上班 [名称]”，"
                    "如 2027-10-01 至 2027-10-07 放假 国庆节。"
                )
                % {"n": number, "line": line}
            )
            continue
        first, last, kind_word, name = match.groups()
        kind = _KIND_WORDS.get(kind_word.lower())
        if kind is None:
            errors.append(_("第%(n)d行：“%(word)s”应为“放假”或“上班”。") % {"n": number, "word": kind_word})
            continue
        try:
            start = dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in first.split("-")))
            end = dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in last.split("-"))) if last else start
        except ValueError:
            errors.append(_("第%(n)d行：日期“%(line)s”不存在。") % {"n": number, "line": line})
            continue
        if end < start or (end - start).days >= MAX_RANGE_DAYS:
            errors.append(
                _("第%(n)d行：日期范围应从早到晚，且不超过%(max)d天。") % {"n": number, "max": MAX_RANGE_DAYS}
            )
            continue
        day = start
        while day <= end:
            days[day] = (kind, (name or "").strip()[:50])
            day += dt.timedelta(days=1)
    if errors:
        raise ValidationError(errors)
    if not days:
        raise ValidationError(_("没有可录入的日期。"))
    return sorted((day, kind, name) for day, (kind, name) in days.items())


@transaction.atomic
def calendar_days_enter(*, text: str) -> list[CalendarDay]:
    """Enter (or correct) holidays and adjusted working days from pasted lines; all or nothing."""
    entered = []
    for day, kind, name in parse_schedule(text):
        record, _created = CalendarDay.objects.update_or_create(date=day, defaults={"kind": kind, "name": name})
        entered.append(record)
    return entered


@transaction.atomic
def calendar_day_set(*, date: dt.date, kind: str, name: str = "", seen: str | None = None) -> CalendarDay:
    """Set one day by its date (a holiday or an adjusted working day), creating it or correcting it.

    `seen`: the version of the day the page showed (`concurrency.NEW` when it showed none). A day saved by
    someone else since, or entered meanwhile where there was none, is refused with `EditConflict`.
    """
    # The row is locked for the check; a day entered at the same moment is caught by the date's unique index.
    day = concurrency.lock_or_none(CalendarDay, date=date)
    if day is None:
        day = CalendarDay(date=date)
    else:
        concurrency.check(day, seen)
    day.kind, day.name = kind, name
    day.full_clean()
    day.save()
    return day
