"""Writing computed columns of many rows at once: one `UPDATE … FROM (VALUES …)` per batch.

Django's `bulk_update` writes `SET column = CASE id WHEN … THEN … END` for every column, which PostgreSQL plans
and evaluates row by row against the whole CASE: at tens of thousands of rows the nightly recomputes spent minutes
there. Joining the table to a VALUES list lets the database match the rows by primary key in one pass. SQLite has
`UPDATE … FROM` since 3.33; an older SQLite falls back to `bulk_update`.

Like `bulk_update`, this is a write of computed fields, not an edit: no `save()`, no signals, no history rows, and
`auto_now` fields are written only when listed (set them on the objects first).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from django.db import connections, models, router

# PostgreSQL takes any number of parameters; SQLite counts them (Django assumes its old limit of 999).
POSTGRES_BATCH = 1000


def supports_update_from(connection) -> bool:
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 33)


def update_rows(model: type[models.Model], objects: Sequence[models.Model], fields: Sequence[str]) -> int:
    """Write `fields` of `objects` (matched by primary key) in one statement per batch; the number of rows sent."""
    if not objects:
        return 0
    connection = connections[router.db_for_write(model)]
    if not supports_update_from(connection):
        model.objects.bulk_update(objects, fields, batch_size=500)
        return len(objects)
    pk = model._meta.pk
    columns = [model._meta.get_field(name) for name in fields]
    if connection.vendor == "postgresql":
        batch_size = POSTGRES_BATCH
    else:
        batch_size = max(1, connection.features.max_query_params // (len(columns) + 1))
    quote = connection.ops.quote_name
    names = ["pk", *(f"c{i}" for i in range(len(columns)))]
    assignments = ", ".join(f"{quote(field.column)} = v.c{i}" for i, field in enumerate(columns))
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        for offset in range(0, len(objects), batch_size):
            batch = objects[offset : offset + batch_size]
            rows, params = [], []
            for index, obj in enumerate(batch):
                values = [pk.get_db_prep_save(obj.pk, connection)]
                values += [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in columns]
                params += values
                rows.append(_row([pk, *columns], connection, typed=index == 0))
            cursor.execute(
                f"WITH v ({', '.join(names)}) AS (VALUES {', '.join(rows)}) "
                f"UPDATE {table} SET {assignments} FROM v WHERE {table}.{quote(pk.column)} = v.pk",
                params,
            )
    return len(objects)


def _row(fields: Sequence[models.Field], connection, *, typed: bool) -> str:
    """One VALUES row; on PostgreSQL the first row carries the column types (a NULL alone would read as text)."""
    if typed and connection.vendor == "postgresql":
        return "(" + ", ".join(f"CAST(%s AS {_cast_type(field, connection)})" for field in fields) + ")"
    return "(" + ", ".join("%s" for _field in fields) + ")"


def _cast_type(field: models.Field, connection) -> str:
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    return field.cast_db_type(connection)
