"""The write load of http_load: every write the server acknowledged is found in the database, and a loss is told."""

import json
import shutil

import pytest

from bench import http_write
from bench.common import Config, Context

pytestmark = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")


@pytest.fixture
def ctx():
    pytest.importorskip("gunicorn")
    context = Context(Config(quick=True))
    yield context
    context.close()


def test_every_acknowledged_write_is_found_after_the_load(ctx):
    result = http_write.run(ctx)["http_load_report_write"]
    assert ctx.failures == []
    assert result["errors"] == 0 and result["lost_reports"] == 0 and result["goal_met"] is True
    assert result["writes_found"] == result["writes_acknowledged"] > 0
    kinds = result["writes_by_kind"]
    assert kinds["create"] > 0 and sum(kinds.values()) == result["writes_acknowledged"]
    assert result["reads_by_kind"]["project_list"] > 0 and result["reads_by_kind"]["report_api"] > 0
    assert result["connections"] == 2 and result["officers"] == 4


def test_an_acknowledged_write_missing_from_the_database_is_counted_lost(ctx, tmp_path):
    """verify() on the zone with a made-up acknowledgement: a create and an update it never holds."""
    url = http_write._sqlite_copy(ctx.sqlite_database(20, years=1), tmp_path / "zone.sqlite3")
    acks = http_write._acknowledged(
        [
            "ACK create 999999 BENCH zz t1-1 1 2026-12-10",
            "ACK update 999999 BENCH zz t1-2",
            "ACK submit 999998",
            "LAST 999999 BENCH zz t1-2",
            "SENT BENCH zz t1-1",
            "SENT BENCH zz t1-2",
            "ERR 500 boom",
        ],
        "zz",
    )
    assert acks["create"] == [[999999, "BENCH zz t1-1", 1, "2026-12-10"]] and acks["errors"] == ["500 boom"]
    path = tmp_path / "acks.json"
    path.write_text(json.dumps(acks), encoding="utf-8")
    found = ctx.in_django(url, "bench.http_write:verify", path=str(path))
    assert found["acknowledged"] == 3 and found["found"] == 0
    assert found["duplicates"] == found["half_written"] == found["unknown_markers"] == 0
