"""The project list's export is a ledger in the template's layout, and it imports back with no change at all."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.forms.models import model_to_dict
from django.urls import reverse
from openpyxl import load_workbook

from diaodu.ledger.services import ledger_import
from diaodu.org.models import Area, Organisation, Person
from diaodu.progress.models import ProgressReport
from diaodu.projects.models import InvestmentPlan, Project

from .workbooks import D

pytestmark = pytest.mark.django_db

MAY_2026 = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def portfolio(registry):
    """Projects with every field the ledger carries, and one with none of the optional ones."""
    li, sun = Person.objects.get(name="李明"), Person.objects.get(name="孙浩")
    park, company = Area.objects.get(name="洁净工业园"), Organisation.objects.get(short_name="聚丰公司")
    full = Project.objects.create(
        name="康养度假酒店", code="2104-220105-04-01-123456", category="tourism_health", construction_type="continuing",
        stage="construction", area=park, owner=company, scope="客房300间，温泉中心1处",
        total_investment=Decimal("123456.78"), investment_done_before=Decimal("2345.60"),
        planned_start=D(2025, 4, 1), planned_completion=D(2027, 9, 30), actual_start=D(2025, 4, 18),
        responsible_leader=li, responsible_officer=sun, responsible_department=registry,
    )  # fmt: skip
    InvestmentPlan.objects.create(project=full, year=2026, amount=Decimal("30000.50"))
    InvestmentPlan.objects.create(project=full, year=2025, amount=Decimal("9000"))
    ProgressReport.objects.create(
        project=full, period_start=D(2026, 3, 1), period_end=D(2026, 3, 31), due_date=D(2026, 4, 5),
        investment_done=Decimal("1200.40"), status="accepted",
    )  # fmt: skip
    ProgressReport.objects.create(
        project=full, period_start=D(2026, 4, 1), period_end=D(2026, 4, 30), due_date=D(2026, 5, 5),
        investment_done=Decimal("999"), status="draft",
    )  # fmt: skip
    Project.objects.create(name="奢爱良蔬现代农业产业园", category="agriculture", total_investment=Decimal("8000"))
    return Project.objects.all()


def snapshot():
    projects = {p.pk: model_to_dict(p) | {"updated_at": p.updated_at} for p in Project.objects.all()}
    plans = sorted(InvestmentPlan.objects.values_list("project_id", "year", "amount", "updated_at"))
    history = (Project.history.count(), InvestmentPlan.history.count(), Person.history.count())
    return projects, plans, history, Person.objects.count(), Organisation.objects.count()


def export(client, user, path, **filters):
    client.force_login(user)
    response = client.get(reverse("project-list"), {"export": "xlsx", **filters})
    assert response.status_code == 200
    path.write_bytes(response.content)
    return path


@time_machine.travel(MAY_2026, tick=False)
def test_export_then_import_changes_nothing(client, dispatcher, portfolio, tmp_path):
    before = snapshot()
    path = export(client, dispatcher, tmp_path / "export.xlsx")
    result = ledger_import(workbook_path_or_file=path, user=dispatcher)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 4, 4)
    assert all(outcome.changes == [] for outcome in result.valid)
    assert result.written and result.new_records == []
    assert snapshot() == before


@time_machine.travel(MAY_2026, tick=False)
def test_the_export_writes_the_cumulative_investment_and_the_years_plan(client, dispatcher, portfolio, tmp_path):
    sheet = load_workbook(export(client, dispatcher, tmp_path / "e.xlsx")).active
    assert sheet["A1"].value.startswith("2026年重点项目台账（导出时间：2026-05-15")
    assert sheet["A2"].value == "单位：万元"
    header = [cell.value for cell in sheet[3]]
    assert header[9:12] == ["总投资（万元）", "2026年计划投资（万元）", "累计完成投资（万元）"]
    hotel = next(row for row in sheet.iter_rows(min_row=4, values_only=True) if row[1] == "康养度假酒店")
    # The opening balance plus the counted reports (the draft does not count).
    assert hotel[9:12] == (123456.78, 30000.5, 3546)
    assert hotel[3:6] == ("文旅康养", "续建", "在建")


@time_machine.travel(MAY_2026, tick=False)
def test_a_filtered_export_imports_back_as_the_filtered_projects(client, dispatcher, portfolio, tmp_path):
    path = export(client, dispatcher, tmp_path / "filtered.xlsx", q="康养")
    result = ledger_import(workbook_path_or_file=path, dry_run=True)
    assert [p["name"] for p in result.as_json()["projects"]] == ["康养度假酒店"]
    assert result.updated == 1 and result.unchanged == 1


@time_machine.travel(MAY_2026, tick=False)
def test_an_edited_export_changes_only_what_was_edited(client, dispatcher, portfolio, tmp_path):
    path = export(client, dispatcher, tmp_path / "e.xlsx")
    book = load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=4):
        if row[1].value == "康养度假酒店":
            row[9].value = 130000
            row[10].value = 31000
    book.save(path)
    result = ledger_import(workbook_path_or_file=path, user=dispatcher)
    changed = {outcome.row.values["name"]: outcome.changes for outcome in result.valid if outcome.changes}
    assert changed == {"康养度假酒店": ["总投资（万元）", "2026年计划投资"]}
    hotel = Project.objects.get(name="康养度假酒店")
    assert hotel.total_investment == Decimal("130000.00") and hotel.plans.get(year=2026).amount == Decimal("31000.00")
    assert hotel.investment_done_before == Decimal("2345.60")


@time_machine.travel(MAY_2026, tick=False)
def test_the_template_is_the_same_layout_and_imports_cleanly(client, dispatcher, registry, tmp_path):
    client.force_login(dispatcher)
    response = client.get(reverse("ledger-template"))
    assert response["Content-Disposition"] == 'attachment; filename="ledger-template-2026.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    assert [sheet["A1"].value, sheet["A2"].value] == ["2026年重点项目台账", "单位：万元"]
    assert sheet.max_row == 5
    (tmp_path / "template.xlsx").write_bytes(response.content)
    result = ledger_import(workbook_path_or_file=tmp_path / "template.xlsx", dry_run=True)
    assert result.errors == [] and result.created == 2
    first, second = result.as_json()["projects"]
    assert (first["category"], first["construction_type"], first["total_investment"]) == (
        "industrial",
        "new",
        "50000.00",
    )
    assert (second["category"], second["construction_type"], second["completed_investment"]) == (
        "infrastructure",
        "continuing",
        "4000.00",
    )
