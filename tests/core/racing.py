"""Two editors at once, for real: each in its own thread, on its own database connection.

`race((load, save), (load, save))` runs every `load()` first, waits until all have loaded, then runs every
`save(loaded)` at once and returns what each returned (or raised). Tests using it need the `shared_database`
fixture and `@pytest.mark.django_db(transaction=True)`: the threads must see committed rows.
`version_in(page)` reads the hidden version an edit page sends back (see `diaodu.core.concurrency`), and
`conflict_row(label, typed, saved)` is a row of the conflict partial's table, both versions side by side.
"""

import re
import sqlite3
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """The test database, shared by threads the way the deployed one is.

    PostgreSQL needs nothing. On SQLite the test database lives in memory with a shared cache, where a second
    writer fails at once ("database table is locked") instead of waiting for the first as it does on the
    file the application runs on (WAL, IMMEDIATE transactions, a 20-second busy timeout). So for the length
    of the test the database is copied to a file and every connection opened meanwhile goes there; the
    in-memory database stays open behind the scenes and is put back afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    memory = connection.connection
    path = tmp_path / "race.sqlite3"
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    settings = connection.settings_dict  # the dict every thread's connection is made from
    name = settings["NAME"]
    connection.connection = None  # detached, not closed: closing would drop the in-memory database
    settings["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        settings["NAME"] = name
        connection.connection = memory


def race(*editors: tuple[Callable, Callable], timeout: float = 60) -> list:
    """Each editor is (load, save): all load, then all save at once. Returns each save's result or exception."""
    barrier = threading.Barrier(len(editors))
    results: list = [None] * len(editors)

    def run(index, load, save):
        try:
            loaded = load()
            barrier.wait(timeout)
            results[index] = save(loaded)
        except Exception as error:  # handed back to the test, which says what it expected
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, *editor)) for i, editor in enumerate(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "an editor is still waiting: a lock was never released"
    return results


def version_in(page: str, name: str = "version") -> str:
    """The value of the hidden input `name` on a page (the version the form was loaded with)."""
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    assert found, f"no hidden {name} on the page"
    return found.group(1)


def conflict_row(label: str, typed: str, saved: str) -> str:
    """The row of partials/edit_conflict.html's table for one field: what the editor typed, what is saved now."""
    return f'<th scope="row" class="fw-normal">{label}</th><td class="text-primary">{typed}</td><td>{saved}</td>'
