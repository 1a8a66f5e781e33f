"""The import's fast paths store and report exactly what the slow ones did: bulk inserts, cells parsed once."""

import datetime as dt
import math
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from diaodu.ledger.bulk import insert_records
from diaodu.ledger.services import ledger_import
from diaodu.org.models import Department, Organisation, Person
from diaodu.projects.choices import ConstructionType, Stage
from diaodu.projects.models import InvestmentPlan, Project

from .workbooks import simple_ledger

pytestmark = pytest.mark.django_db

COMPARED = [f.attname for f in Project._meta.concrete_fields if f.attname not in ("id", "created_at", "updated_at")]


def _record(leader: Person, department: Department, owner: Organisation, n: int) -> dict:
    return {
        "name": f"对照项目{n}",
        "code": f"2604-320100-04-01-{n:06d}",
        "category": "infrastructure",
        "construction_type": ConstructionType.CONTINUING,  # a choice member, not a plain str
        "stage": Stage.CONSTRUCTION,
        "owner_id": owner.pk,
        "scope": "新建道路 3.5 公里",
        "total_investment": Decimal("12345.67"),
        "investment_done_before": Decimal("0.50"),
        "planned_start": dt.date(2026, 3, 1),
        "planned_completion": dt.date(2027, 12, 31),
        "actual_start": None,
        "responsible_leader_id": leader.pk,
        "responsible_department_id": department.pk,
    }


def test_inserted_projects_are_stored_as_bulk_create_stores_them():
    leader, department = Person.objects.create(name="李明"), Department.objects.create(name="建设局")
    owner = Organisation.objects.create(name="聚丰城市建设投资有限公司")
    now = timezone.now()
    ids = insert_records(Project, [_record(leader, department, owner, n) for n in (1, 2)], now=now)
    reference = Project.objects.bulk_create([Project(**_record(leader, department, owner, n)) for n in (3, 4)])

    assert Project.objects.filter(pk__in=ids).count() == 2 and ids == sorted(ids)
    ours = list(Project.objects.filter(pk__in=ids).order_by("pk").values(*COMPARED))
    theirs = list(Project.objects.filter(pk__in=[p.pk for p in reference]).order_by("pk").values(*COMPARED))
    for mine, django in zip(ours, theirs, strict=True):
        assert {k: v for k, v in mine.items() if k not in ("name", "code")} == {
            k: v for k, v in django.items() if k not in ("name", "code")
        }
    first = Project.objects.get(pk=ids[0])
    assert first.name == "对照项目1" and first.total_investment == Decimal("12345.67")
    assert first.created_at == first.updated_at == now
    # What a record leaves out is the model's default, as Project(**record) gives it.
    assert (first.reports_weekly, first.latitude, first.statistics_date, first.schedule_error) == (
        False,
        None,
        None,
        Project().schedule_error,
    )


def test_an_unknown_attribute_is_refused_not_dropped():
    with pytest.raises(TypeError, match="totl_investment"):
        insert_records(Project, [{"name": "拼错了", "totl_investment": Decimal(1)}], now=timezone.now())
    assert not Project.objects.exists()


def test_more_records_than_one_statement_holds_come_back_in_order(django_assert_num_queries):
    records = [{"name": f"项目{n:03d}", "total_investment": Decimal(n)} for n in range(100)]
    columns = [f for f in Project._meta.concrete_fields if not f.primary_key]
    per_statement = connection.ops.bulk_batch_size(columns, records)  # SQLite: 35 rows of 28 values within 999
    with django_assert_num_queries(math.ceil(100 / per_statement)):
        ids = insert_records(Project, records, now=timezone.now())
    assert list(Project.objects.filter(pk__in=ids).order_by("pk").values_list("name", flat=True)) == [
        f"项目{n:03d}" for n in range(100)
    ]
    assert [Project.objects.get(pk=pk).total_investment for pk in ids[:3]] == [Decimal(0), Decimal(1), Decimal(2)]


def test_a_repeated_bad_cell_is_an_error_on_every_row_and_a_repeated_good_cell_reads_alike(tmp_path):
    rows = [
        [1, "甲项目", "产业", 100, "2026年13月", "李明", "孙浩", "经发局"],
        [2, "乙项目", "产业", 200, "2026年13月", "李明", "孙浩", "经发局"],
        [3, "丙项目", "产业", 300, "2026.3", "李明", "孙浩", "经发局"],
        [4, "丁项目", "产业", 400, "2026.3", "李明", "孙浩", "经发局"],
    ]
    result = ledger_import(workbook_path_or_file=str(simple_ledger(tmp_path / "l.xlsx", rows)), skip_invalid=True)

    assert [(e.row, e.column) for e in result.errors] == [(4, "计划开工时间"), (5, "计划开工时间")]
    assert result.created == 2
    assert set(Project.objects.values_list("name", "planned_start", "responsible_leader__name")) == {
        ("丙项目", dt.date(2026, 3, 1), "李明"),
        ("丁项目", dt.date(2026, 3, 1), "李明"),
    }
    assert Person.objects.filter(name="李明").count() == 1


def test_an_import_leaves_one_history_row_per_created_record(tmp_path):
    rows = [[n, f"项目{n}", "产业", 100 * n, "2026.3", "李明", f"干部{n}", "经发局"] for n in range(1, 4)]
    path = simple_ledger(tmp_path / "l.xlsx", rows)
    result = ledger_import(workbook_path_or_file=str(path))

    assert result.created == 3
    history = Project.history.filter(history_type="+").order_by("id")
    assert [(h.id, h.name, h.total_investment) for h in history] == [
        (pk, f"项目{n}", Decimal(100 * n)) for n, pk in enumerate(result.project_ids, start=1)
    ]
    assert Person.history.filter(history_type="+").count() == 4  # 李明 and three officers, all new
    assert InvestmentPlan.history.count() == 0  # this ledger has no annual plan column


def test_a_model_it_cannot_write_directly_goes_through_bulk_create(monkeypatch):
    monkeypatch.setattr("diaodu.ledger.bulk._writable", lambda fields: False)
    ids = insert_records(Department, [{"name": "建设局"}, {"name": "经发局", "short_name": "经发"}], now=timezone.now())
    assert list(Department.objects.filter(pk__in=ids).order_by("pk").values_list("name", "short_name")) == [
        ("建设局", ""),
        ("经发局", "经发"),
    ]
