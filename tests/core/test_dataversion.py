"""The data version: a stamp that moves with every committed write, and the cache keyed by it (core.dataversion).

Tests that need committed data (a stamp is only read on PostgreSQL outside a writing transaction) run with
`transaction=True`, on SQLite and on PostgreSQL alike.
"""

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from diaodu.core import dataversion
from diaodu.org.models import Area, Department

committed = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def counting(values):
    calls = []

    def compute():
        calls.append(1)
        return values[len(calls) - 1]

    return compute, calls


@committed
def test_the_stamp_stays_while_nothing_is_written_and_moves_with_each_write():
    first = dataversion.stamp()
    assert first is not None and first == dataversion.stamp()
    area = Area.objects.create(name="长德经济发展带", kind="belt")
    created = dataversion.stamp()
    assert created != first
    Area.objects.filter(pk=area.pk).update(name="快速路经济发展带")  # no signal, no history: still seen
    updated = dataversion.stamp()
    assert updated not in (first, created)
    area.delete()
    assert dataversion.stamp() not in (first, created, updated)


@committed
def test_raw_sql_and_bulk_writes_move_the_stamp_too():
    before = dataversion.stamp()
    Department.objects.bulk_create([Department(name="经发局"), Department(name="财政局")])
    after_bulk = dataversion.stamp()
    assert after_bulk != before
    with connection.cursor() as cursor:
        cursor.execute("UPDATE org_department SET name = name || '（新）'")
    assert dataversion.stamp() != after_bulk


@committed
def test_a_cached_value_is_reused_until_a_write_and_computed_again_after_it():
    compute, calls = counting(["before", "after"])
    assert dataversion.cached(("figure",), compute) == "before"
    assert dataversion.cached(("figure",), compute) == "before"
    assert len(calls) == 1
    Area.objects.create(name="长德经济发展带", kind="belt")
    assert dataversion.cached(("figure",), compute) == "after"
    assert len(calls) == 2


@committed
def test_the_key_keeps_apart_what_differs():
    compute, calls = counting(["one", "two"])
    assert dataversion.cached(("figure", 1), compute) == "one"
    assert dataversion.cached(("figure", 2), compute) == "two"
    assert len(calls) == 2


@committed
def test_a_rolled_back_write_leaves_what_was_cached_valid_on_sqlite_and_costs_one_recompute_on_postgresql():
    compute, calls = counting(["kept", "again"])
    before = dataversion.stamp()
    dataversion.cached(("figure",), compute)
    with pytest.raises(RuntimeError), transaction.atomic():
        Area.objects.create(name="不会保存的片区", kind="belt")
        raise RuntimeError
    if connection.vendor == "sqlite":  # the version rolled back with the row
        assert dataversion.stamp() == before
        assert dataversion.cached(("figure",), compute) == "kept"
    else:  # the transaction took an id: the snapshot moved on, and the figure is computed again
        assert dataversion.stamp() != before
        assert dataversion.cached(("figure",), compute) == "again"
    assert len(calls) == (1 if connection.vendor == "sqlite" else 2)
    assert not Area.objects.filter(name="不会保存的片区").exists()


@pytest.mark.django_db
def test_inside_a_transaction_that_wrote_the_cache_is_never_stale():
    """On SQLite the version is part of the transaction; PostgreSQL gives no stamp to a transaction that wrote."""
    compute, _calls = counting(["before", "after"])
    dataversion.cached(("figure",), compute)
    Area.objects.create(name="长德经济发展带", kind="belt")
    assert dataversion.cached(("figure",), compute) == "after"
    if connection.vendor == "postgresql":
        assert dataversion.stamp() is None


@pytest.mark.django_db
def test_every_table_has_its_three_triggers_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("triggers are SQLite's way; PostgreSQL reads its snapshot")
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t != dataversion.TABLE]
        cursor.execute(
            "SELECT tbl_name, COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dv_%' GROUP BY 1"
        )
        triggers = dict(cursor.fetchall())
    assert "progress_progressreport" in tables and "projects_step" in tables
    assert {table: triggers.get(table) for table in tables} == {table: 3 for table in tables}
    assert dataversion.install_triggers() == 0  # nothing missing: a second migrate adds none
