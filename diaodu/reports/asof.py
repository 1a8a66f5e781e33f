"""Records as they stood at the end of a day, read in bulk from django-simple-history's tables.

`core.history.as_of` answers for one record; a bulletin needs every project, report and issue of the
zone as they stood on its date, in a fixed number of queries. For each model this reads, in two queries:

1. the latest history entry of every record up to the end of the day (a window function ranks each
   record's entries, newest first); a record whose latest entry is a deletion did not exist then;
2. records that have no history entry by then although they say they were created before (imported
   ledgers and the demo write a record today and date it back): they count in the state they had at the
   end of the day they were first recorded, which later edits never change;
3. records created before the end of the day that have no history at all (written by `bulk_create` or
   SQL, which django-simple-history does not see): they count as they stand. This is the one case a later
   edit can change; `manage.py populate_history` gives such records their first entry.

So the answer for a past day depends only on entries written by the end of that day (or, for records
dated back, on the day they were entered), and a bulletin for that day reads the same whenever it is
made again: later edits add later entries, which are not read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of a day in the zone's time zone."""
    next_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(next_day) - dt.timedelta(microseconds=1)


def rows_as_of(model, day: dt.date, fields: Iterable[str], *, where: Q | None = None) -> dict[int, dict]:
    """{pk: {field: value}} of every record of `model` as it stood at the end of `day`. Three queries.

    `fields` are the model's field names (`project_id` for a foreign key). `where` narrows the entries read
    by fields that never change once a record exists (a report's project and period, a plan's year): it is
    applied before the latest entry is picked, which is what keeps the queries small.
    """
    history = model.history.model
    end = end_of_day(day)
    fields = list(fields)
    narrowed = history.objects.filter(where or Q())
    latest = (
        narrowed.filter(history_date__lte=end)
        .annotate(
            _rank=Window(
                RowNumber(), partition_by=[F("id")], order_by=[F("history_date").desc(), F("history_id").desc()]
            )
        )
        .filter(_rank=1)
        .values("id", "history_type", *fields)
    )
    result = {row["id"]: row for row in latest if row["history_type"] != "-"}
    dated_back = (
        narrowed.filter(id__in=model.objects.filter(created_at__lte=end).values("pk"))
        .exclude(id__in=history.objects.filter(history_date__lte=end).values("id"))
        .order_by("id", "history_date", "history_id")
        .values("id", "history_type", "history_date", *fields)
    )
    first_day: dict[int, dt.date] = {}
    chosen: dict[int, dict] = {}
    for row in dated_back:
        entered = timezone.localdate(row["history_date"])
        first = first_day.setdefault(row["id"], entered)
        if entered == first:
            chosen[row["id"]] = row  # the last entry of the day it was entered wins
    result.update({pk: row for pk, row in chosen.items() if row["history_type"] != "-"})
    for row in result.values():
        row.pop("history_type", None)
        row.pop("history_date", None)
    unrecorded = (
        model._default_manager.filter(where or Q(), created_at__lte=end)
        .filter(~Exists(history.objects.filter(id=OuterRef("pk"))))
        .values("pk", *fields)
    )
    for row in unrecorded:
        row["id"] = row.pop("pk")
        result.setdefault(row["id"], row)
    return result
