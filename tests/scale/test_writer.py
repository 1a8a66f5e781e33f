"""The bulk writer: every column given or defaulted, timestamps never left to the clock, ids handed out ahead."""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.org.models import Area
from diaodu.scale.writer import Ids, Table, db_datetime

NOON = dt.datetime(2026, 3, 16, 4, 0, tzinfo=dt.UTC)


def test_a_timestamp_left_out_is_refused_rather_than_set_to_now(db):
    with pytest.raises(ValueError, match="created_at"):
        Table(Area, ["id", "name", "kind"])


def test_rows_get_the_named_values_and_the_fields_defaults_for_the_rest(db):
    ids = Ids()
    first = ids.take(Area, 2)
    assert ids.take(Area) == first + 2
    table = Table(Area, ["id", "name", "kind", "created_at", "updated_at"], batch_size=1)
    stamp = db_datetime(NOON)
    table.add((first, "规模片区一", "park", stamp, stamp))
    table.add((first + 1, "规模片区二", "belt", stamp, stamp))
    table.flush()
    assert table.written == 2
    one, two = Area.objects.filter(pk__in=[first, first + 1]).order_by("pk")
    assert (one.name, one.kind, one.description, one.sort_order, one.parent_id) == ("规模片区一", "park", "", 0, None)
    assert two.created_at == NOON and two.kind == "belt"
    assert not Area.history.filter(id__in=[first, first + 1]).exists()  # generated rows write no history


def test_money_goes_in_as_decimal_text_and_comes_back_exact(db):
    from diaodu.projects.models import Project

    pk = Ids().take(Project)
    stamp = db_datetime(NOON)
    table = Table(Project, ["id", "name", "total_investment", "created_at", "updated_at"])
    table.add((pk, "规模项目", "12345.67", stamp, stamp))
    table.flush()
    assert Project.objects.get(pk=pk).total_investment == Decimal("12345.67")
