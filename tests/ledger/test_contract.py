"""`import_ledger --json` prints exactly the issue's contract, for a ledger kept as zones keep them."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from diaodu.org.models import Department, Organisation, Person
from diaodu.projects.models import InvestmentPlan, Project

from .conftest import EXISTING_CODE, run, run_json

pytestmark = pytest.mark.django_db

MAY_2026 = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)

EXPECTED_PROJECTS = [
    {
        "row": 8, "name": "吉通机械总部", "category": "industrial", "construction_type": "continuing",
        "total_investment": "50000.00", "annual_plan": "12000.00", "completed_investment": "8500.50",
        "planned_start": "2025-03-15", "planned_completion": "2026-12-01",
        "leader": "李明", "officer": "孙浩", "department": "经发局",
    },
    {
        "row": 9, "name": "铸诚门业智能制造", "category": "industrial", "construction_type": "continuing",
        "total_investment": "12000.00", "annual_plan": "3000.00", "completed_investment": "0.00",
        "planned_start": "2025-06-01", "planned_completion": "2026-10-31",
        "leader": "李明", "officer": "钱新", "department": "经济发展局",
    },
    {
        "row": 11, "name": "新能源电池材料", "category": "industrial", "construction_type": "new",
        "total_investment": "80000.00", "annual_plan": "20000.00", "completed_investment": None,
        "planned_start": "2026-03-01", "planned_completion": "2027-06-30",
        "leader": "王新", "officer": "孙浩", "department": "新材料产业服务中心",
    },
    {
        "row": 15, "name": "园区主干道工程", "category": "infrastructure", "construction_type": "continuing",
        "total_investment": "6000.00", "annual_plan": "2000.00", "completed_investment": "3500.00",
        "planned_start": "2025-09-01", "planned_completion": "2026-11-01",
        "leader": "李明", "officer": "孙浩", "department": "建设局",
    },
    {
        "row": 16, "name": "污水处理厂扩建", "category": "infrastructure", "construction_type": "new",
        "total_investment": "4000.00", "annual_plan": "0.00", "completed_investment": None,
        "planned_start": "2026-07-01", "planned_completion": "2027-06-01",
        "leader": "李明", "officer": "孙浩", "department": "建设局",
    },
    {
        "row": 18, "name": "第二实验小学", "category": "public_service", "construction_type": "new",
        "total_investment": "2000.00", "annual_plan": "0.00", "completed_investment": None,
        "planned_start": "2026-08-01", "planned_completion": "2027-08-31",
        "leader": "李明", "officer": "孙浩", "department": "经济发展局",
    },
]  # fmt: skip


@time_machine.travel(MAY_2026, tick=False)
def test_the_json_is_exactly_the_contract(registry, realistic):
    status, result = run_json(realistic)
    assert status == 0
    assert result == {
        "created": 4,
        "updated": 2,
        "skipped_rows": [5, 12, 20],
        "new_people": ["钱新", "王新"],
        "errors": [],
        "projects": EXPECTED_PROJECTS,
    }
    assert list(result) == ["created", "updated", "skipped_rows", "new_people", "errors", "projects"]
    assert list(result["projects"][0]) == [
        "row", "name", "category", "construction_type", "total_investment", "annual_plan", "completed_investment",
        "planned_start", "planned_completion", "leader", "officer", "department",
    ]  # fmt: skip


@time_machine.travel(MAY_2026, tick=False)
def test_a_dry_run_prints_the_same_and_writes_nothing(registry, realistic):
    status, result = run_json(realistic, "--dry-run")
    assert status == 0
    assert result["created"] == 4 and result["updated"] == 2 and result["projects"] == EXPECTED_PROJECTS
    assert Project.objects.count() == 2
    assert not Person.objects.filter(name__in=["钱新", "王新"]).exists()
    assert not InvestmentPlan.objects.exists()


@time_machine.travel(MAY_2026, tick=False)
def test_the_import_writes_the_ledger_into_the_registry(registry, realistic):
    run_json(realistic)
    assert Project.objects.count() == 6
    jitong = Project.objects.get(code=EXISTING_CODE)
    assert jitong.name == "吉通机械总部"  # matched by its code, renamed as the ledger names it
    assert jitong.total_investment == Decimal("50000.00")
    assert jitong.investment_done_before == Decimal("8500.50")
    assert jitong.responsible_department == registry  # 经发局 is the short name of the 经济发展局
    assert jitong.owner.name == "吉通机械有限公司"
    assert jitong.scope == "新建厂房5万平方米"
    assert jitong.plans.get(year=2026).amount == Decimal("12000.00")
    zhucheng = Project.objects.get(name="铸诚门业智能制造")
    assert zhucheng.category == "industrial" and zhucheng.construction_type == "continuing"
    assert zhucheng.responsible_officer.name == "钱新" and zhucheng.responsible_officer.user is None
    battery = Project.objects.get(name="新能源电池材料")
    assert battery.stage == "preparation" and battery.planned_start == dt.date(2026, 3, 1)
    assert battery.responsible_department.name == "新材料产业服务中心"
    road = Project.objects.get(name="园区主干道工程")
    assert road.stage == "construction"  # 续建: under construction
    assert road.owner == Organisation.objects.get(short_name="聚丰公司")
    sewage = Project.objects.get(name="污水处理厂扩建")
    assert sewage.responsible_leader.name == "李明"  # the leader's cell is merged over two projects
    assert sewage.owner == road.owner  # 聚丰公司 is the short name of the company
    assert Department.objects.filter(name="新材料产业服务中心").count() == 1
    assert Person.objects.filter(name="李明").count() == 1


@time_machine.travel(MAY_2026, tick=False)
def test_the_summary_reads_in_chinese(registry, realistic):
    status, printed = run(realistic)
    assert status == 0
    assert "台账：台账2026.xlsx（工作表“重点项目”，表头第3–4行，计划投资年度 2026）" in printed
    assert "已新增 4 个项目，更新 2 个（其中 0 个没有变化）。" in printed
    assert "新建人员（无登录账号）：钱新、王新" in printed
    assert "新建部门：新材料产业服务中心" in printed
    assert "新建单位：吉通机械有限公司、铸诚门业有限公司、宁远新材料有限公司" in printed
    assert "跳过第 5、12、20 行（合计、小计或说明）。" in printed
