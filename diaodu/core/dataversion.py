"""A stamp of the database's committed state, and a cache that can never serve figures older than it.

`stamp()` changes whenever a write is committed, anywhere in the database, and is the same again only for the
same data. A figure cached under the stamp read *before* it was computed is therefore never stale: whoever reads
that stamp later reads a database in which nothing has changed since the figure's queries began (a write
committed while they ran gives them newer data, and every later reader another stamp).

- PostgreSQL: the current snapshot (`pg_current_snapshot()`: xmin, xmax and the transactions in progress). Every
  transaction that writes takes a new transaction id and so moves xmax, and its commit or rollback takes it off
  the list. A transaction that has itself written sees data no other one does: it gets no stamp (no caching).
- SQLite: a random number in the one-row table `diaodu_data_version`, set again by triggers after every insert,
  update and delete on every table (`install_triggers`, run after each `migrate`). The number is part of the
  transaction, so a rolled-back write takes its number back with its data, and a restored backup brings back the
  number of the data it restores.
- any other database: no stamp, never cached.

It moves with every write, sessions and notifications included: caching by it pays where reads outnumber writes,
as with the leader's cockpit, and costs one cheap query where they do not.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

TABLE = "diaodu_data_version"
TIMEOUT_S = 600


def stamp(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The committed state of the database as a string, or None where it cannot be told (never cache then)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NOT NULL")
            snapshot, wrote = cursor.fetchone()
        return None if wrote else f"pg:{snapshot}"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {TABLE} WHERE id = 1")
            row = cursor.fetchone()
        return f"sqlite:{row[0]}" if row else None
    return None


def cached(key: tuple, compute, *, timeout: int = TIMEOUT_S, using: str = DEFAULT_DB_ALIAS):
    """`compute()`, or what it gave for the same `key` on the same committed data."""
    version = stamp(using)
    if version is None:
        return compute()
    name = (
        "dataversion:"
        + hashlib.sha256(repr((connections[using].settings_dict["NAME"], version, key)).encode()).hexdigest()
    )
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, timeout)
    return value


# --- SQLite: the table and its triggers -----------------------------------------------------------


def install_triggers(using: str = DEFAULT_DB_ALIAS) -> int:
    """Create the version table and the triggers on every table (those missing); a new version. Returns the count."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return 0
    created = 0
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)")
        cursor.execute(f"INSERT OR IGNORE INTO {TABLE} (id, version) VALUES (1, random())")
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dv\\_%' ESCAPE '\\'")
        existing = {row[0] for row in cursor.fetchall()}
        for table in connection.introspection.table_names(cursor):
            if table == TABLE or table.startswith("sqlite_"):
                continue
            for operation in ("INSERT", "UPDATE", "DELETE"):
                name = f"dv_{table}_{operation.lower()}"
                if name in existing:
                    continue
                # An UPDATE, not an upsert: an outer INSERT OR IGNORE would turn the trigger's conflict clause too.
                cursor.execute(
                    f'CREATE TRIGGER "{name}" AFTER {operation} ON "{table}" '
                    f"BEGIN UPDATE {TABLE} SET version = random() WHERE id = 1; END"
                )
                created += 1
        # Migrations may have rebuilt tables without triggers, and written meanwhile.
        cursor.execute(f"UPDATE {TABLE} SET version = random() WHERE id = 1")
    return created


def after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    install_triggers(using)
