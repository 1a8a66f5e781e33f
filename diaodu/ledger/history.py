"""History rows for records written in bulk, copied inside the database from the rows just written.

simple_history's `bulk_history_create` builds a model instance per record and prepares each of its values
in Python: for a ledger of 10,000 projects that was most of the import's time. The history rows written
here are the same — every tracked column as it now stands, with the date, the user, the reason and the
type of the change — but one INSERT … SELECT per 500 records writes them. A history model with columns of
its own (a custom history field) is left to simple_history.
"""

from django.db import connection
from django.utils import timezone

CHUNK = 500
HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user")


def _own_columns(history) -> set[str]:
    tracked = {field.column for field in history.tracked_fields}
    standard = {history._meta.pk.column} | {history._meta.get_field(name).column for name in HISTORY_FIELDS}
    return {field.column for field in history._meta.concrete_fields} - tracked - standard


def write_history(model, ids: list[int], *, history_type: str, user, reason: str) -> None:
    """One history row ("+" created, "~" changed) for each record of `model` in `ids`."""
    if not ids:
        return
    history = model.history.model
    if _own_columns(history):  # pragma: no cover - no model of Diaodu has one
        model.history.bulk_history_create(
            list(model._default_manager.filter(pk__in=ids)),
            update=history_type == "~",
            default_user=user,
            default_change_reason=reason,
        )
        return
    quote = connection.ops.quote_name
    tracked = ", ".join(quote(field.column) for field in history.tracked_fields)
    extra = ", ".join(quote(history._meta.get_field(name).column) for name in HISTORY_FIELDS)
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for offset in range(0, len(ids), CHUNK):
            chunk = ids[offset : offset + CHUNK]
            # Table and column names come from the models' _meta, the values are parameters.
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({tracked}, {extra}) "
                f"SELECT {tracked}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                [when, reason, history_type, user.pk if user else None, *chunk],
            )
