"""A business record as it stood on a past date, from django-simple-history's change log."""

import datetime as dt

from django.utils import timezone


def _end_of(when) -> dt.datetime:
    """A date means the end of that day in the zone's time zone; a datetime means itself."""
    if isinstance(when, dt.datetime):
        return when if timezone.is_aware(when) else timezone.make_aware(when)
    next_day = dt.datetime.combine(when + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(next_day) - dt.timedelta(microseconds=1)


def as_of(record, when):
    """`record` as it stood at the end of `when` (a date) or at `when` (a datetime).

    Returns an unsaved instance of the record's model with the values it had then, or None if the
    record did not exist yet or had been deleted by then.
    """
    entry = record.history.filter(history_date__lte=_end_of(when)).order_by("-history_date", "-history_id").first()
    if entry is None or entry.history_type == "-":
        return None
    return entry.instance


def changes(record, limit: int = 50):
    """The record's history, newest first, with who changed what: [(entry, [(field, old, new)])]."""
    entries = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    result = []
    for newer, older in zip(entries, [*entries[1:], None], strict=False):
        if older is None:
            result.append((newer, []))
        else:
            delta = newer.diff_against(older)
            result.append((newer, [(c.field, c.old, c.new) for c in delta.changes]))
    return result[:limit]
