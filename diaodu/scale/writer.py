"""Bulk rows straight into tables: COPY on PostgreSQL (psycopg 3), batched INSERTs elsewhere.

Generated data is not edited data: the rows go in without `save()`, signals or history rows, with every column
given (ids too, allocated here, so that rows can point at rows not yet written). A column the generator does
not name gets the model field's default, computed once per table. Values are plain Python: `str`, `int`,
`Decimal`, `date` (or its ISO string), `bool`, None; a datetime goes through `db_datetime`, a JSON column takes
an already dumped string.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone


class Table:
    """The rows of one model's table, written in batches: the named columns first, then the defaults."""

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, batch_size: int = 5000):
        self.model = model
        self.fields = list(fields)
        opts = model._meta
        named = {opts.get_field(name).column for name in self.fields}
        self.columns = [opts.get_field(name).column for name in self.fields]
        self.default_columns, defaults = [], []
        for field in opts.concrete_fields:
            if field.column in named:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                raise ValueError(f"{model.__name__}.{field.name}: a timestamp must be given, not left to now()")
            if field.primary_key:
                raise ValueError(f"{model.__name__}: the primary key must be given")
            self.default_columns.append(field.column)
            default = field.get_default()
            if isinstance(field, models.JSONField):
                defaults.append(json.dumps(default, ensure_ascii=False))
            else:
                defaults.append(field.get_db_prep_save(default, connection))
        self.defaults = tuple(defaults)
        self.batch_size = batch_size
        self.rows: list[tuple] = []
        self.written = 0
        self.seconds = 0.0  # spent writing (waiting for the database), as opposed to generating
        self.postgres = connection.vendor == "postgresql"

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch_size:
            self.flush()

    def extend(self, rows: Iterable[tuple]) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if not self.rows:
            return
        started = time.perf_counter()
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = [*self.columns, *self.default_columns]
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        tail = self.defaults
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    write = copy.write_row  # psycopg formats each value in C
                    for row in self.rows:
                        write(row + tail)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [row + tail for row in self.rows])
        self.written += len(self.rows)
        self.rows.clear()
        self.seconds += time.perf_counter() - started


def db_datetime(value: dt.datetime):
    """An aware datetime as a row must carry it: itself for COPY, naive UTC text as Django keeps it on SQLite."""
    if connection.vendor == "postgresql":
        return value
    return str(timezone.make_naive(value, dt.UTC))


class Ids:
    """The next free primary key of each table: rows get their ids before they are written."""

    def __init__(self):
        self._next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], count: int = 1) -> int:
        """The first of `count` consecutive new ids."""
        if model not in self._next:
            self._next[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        first = self._next[model]
        self._next[model] = first + count
        return first

    def models(self) -> list[type[models.Model]]:
        return list(self._next)


@contextmanager
def bulk_load(model_list: list[type[models.Model]]):
    """On PostgreSQL, load the tables as pg_restore does: constraints and indexes off, then rebuilt in one pass.

    Inside the caller's transaction: the tables' foreign keys, unique constraints and secondary indexes are
    dropped, and on the way out created again from their own definitions, which checks every row at once (a
    join per constraint) instead of one lookup and one index insertion per row. Elsewhere, nothing changes.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [connection.ops.quote_name(model._meta.db_table) for model in model_list]
    constraints, indexes = [], []
    with connection.cursor() as cursor:
        # Checks still deferred on these tables' neighbours (the rows written so far) must run before ALTER TABLE.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC, conname",
                [table],
            )
            constraints += [(table, name, definition) for name, definition in cursor.fetchall()]
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = "
                "%s::regclass AND NOT indisprimary AND indexrelid NOT IN (SELECT conindid FROM pg_constraint)",
                [table],
            )
            indexes += cursor.fetchall()
        for table, name, _definition in reversed(constraints):  # foreign keys first: they may need the others
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in constraints:  # unique ones first, then the foreign keys
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    """After explicit ids, PostgreSQL's sequences must move past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
