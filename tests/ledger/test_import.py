"""Importing: all or nothing, --skip-invalid, --dry-run, upsert by code then name, people, history, lights."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from diaodu.ledger.services import ledger_import
from diaodu.org.models import Department, Person
from diaodu.progress.models import ProgressReport, ProjectLight
from diaodu.projects.models import InvestmentPlan, Project

from .conftest import EXISTING_CODE, run, run_json
from .workbooks import D, simple_ledger

pytestmark = pytest.mark.django_db

MAY_2026 = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)
HEADER = [
    "序号", "项目名称", "项目代码", "项目类别", "总投资", "年度计划投资", "计划开工时间",
    "包保领导", "包保干部", "责任单位",
]  # fmt: skip


def ledger(tmp_path, rows, name="l.xlsx"):
    return simple_ledger(tmp_path / name, rows, header=HEADER)


GOOD = [
    [1, "吉通机械总部", EXISTING_CODE, "产业", 50000, 12000, "2026.3", "李明", "孙浩", "经发局"],
    [2, "铸诚门业智能制造", None, "产业", 12000, 3000, "2026.6", "李明", "钱新", "经济发展局"],
    [3, "新能源电池材料", None, "产业", 80000, 20000, "2026.9", "王新", "孙浩", "招商服务中心"],
]
BAD_LAST = [*GOOD, [4, "温泉小镇", None, "文旅康养", "约5亿", None, "2026年13月", "李明", "孙浩", "建设局"]]


@time_machine.travel(MAY_2026, tick=False)
def test_an_error_in_the_last_row_writes_nothing_and_exits_1(registry, tmp_path):
    before = {
        "projects": list(Project.objects.values_list("pk", "name", "total_investment", "updated_at")),
        "people": Person.objects.count(),
        "departments": Department.objects.count(),
        "history": Project.history.count(),
    }
    status, result = run_json(ledger(tmp_path, BAD_LAST))
    assert status == 1
    assert result["created"] == 0 and result["updated"] == 0 and result["new_people"] == []
    assert result["errors"] == [
        {
            "row": 7,
            "column": "总投资",
            "message": "第7行「总投资」：无法识别的金额“约5亿”，应为数字（如 1234.5、1,234.5 或 1.2亿元）",
        },
        {
            "row": 7,
            "column": "计划开工时间",
            "message": "第7行「计划开工时间」：无法识别的日期“2026年13月”，应为 2021-03-15、2021.3 或 2021年3月",
        },
    ]
    assert [p["row"] for p in result["projects"]] == [4, 5, 6]  # the valid rows, as read
    assert {
        "projects": list(Project.objects.values_list("pk", "name", "total_investment", "updated_at")),
        "people": Person.objects.count(),
        "departments": Department.objects.count(),
        "history": Project.history.count(),
    } == before
    assert not InvestmentPlan.objects.exists()


@time_machine.travel(MAY_2026, tick=False)
def test_skip_invalid_writes_the_valid_rows_and_reports_the_rest(registry, tmp_path):
    status, result = run_json(ledger(tmp_path, BAD_LAST), "--skip-invalid")
    assert status == 0
    assert result["created"] == 1 and result["updated"] == 2
    assert result["new_people"] == ["钱新", "王新"]
    assert [error["row"] for error in result["errors"]] == [7, 7]
    assert set(Project.objects.values_list("name", flat=True)) == {"吉通机械总部", "铸诚门业智能制造", "新能源电池材料"}
    assert not Project.objects.filter(name="温泉小镇").exists()
    status, printed = run(ledger(tmp_path, BAD_LAST, name="again.xlsx"), "--skip-invalid")
    assert "以上错误行已跳过，其余各行照常导入。" in printed


@time_machine.travel(MAY_2026, tick=False)
def test_skip_invalid_with_nothing_valid_exits_1(registry, tmp_path):
    status, result = run_json(ledger(tmp_path, BAD_LAST[-1:]), "--skip-invalid")
    assert status == 1 and result["created"] == 0 and len(result["errors"]) == 2


@time_machine.travel(MAY_2026, tick=False)
def test_a_dry_run_never_writes_even_with_skip_invalid(registry, tmp_path):
    status, result = run_json(ledger(tmp_path, BAD_LAST), "--dry-run", "--skip-invalid")
    assert status == 0 and result["created"] == 1 and result["updated"] == 2
    assert Project.objects.count() == 2 and not Person.objects.filter(name="钱新").exists()


@time_machine.travel(MAY_2026, tick=False)
def test_upsert_by_code_then_by_exact_name(registry, tmp_path):
    run_json(ledger(tmp_path, GOOD))
    jitong = Project.objects.get(code=EXISTING_CODE)
    assert jitong.name == "吉通机械总部" and jitong.total_investment == Decimal("50000.00")
    zhucheng = Project.objects.get(name="铸诚门业智能制造")
    assert zhucheng.category == "industrial"  # was "other": the ledger's category wins
    assert Project.objects.count() == 3
    # Again, with a changed figure: the same three projects, one of them updated.
    rows = [list(row) for row in GOOD]
    rows[2][4] = 85000
    status, result = run_json(ledger(tmp_path, rows, name="second.xlsx"))
    assert status == 0 and result["created"] == 0 and result["updated"] == 3 and result["new_people"] == []
    assert Project.objects.get(name="新能源电池材料").total_investment == Decimal("85000.00")


@time_machine.travel(MAY_2026, tick=False)
def test_people_and_departments_are_matched_by_name_and_unknown_ones_created_without_login(registry, tmp_path):
    _status, printed = run(ledger(tmp_path, GOOD))
    battery = Project.objects.get(name="新能源电池材料")
    assert battery.responsible_leader.name == "王新" and not battery.responsible_leader.has_login
    assert battery.responsible_department.name == "招商服务中心"
    assert battery.responsible_officer == Person.objects.get(name="孙浩")
    assert Project.objects.get(code=EXISTING_CODE).responsible_department == registry
    assert "新建人员（无登录账号）：钱新、王新" in printed and "新建部门：招商服务中心" in printed


@time_machine.travel(MAY_2026, tick=False)
def test_the_annual_plan_goes_to_the_year_and_the_projects_get_their_lights(registry, tmp_path):
    run_json(ledger(tmp_path, GOOD))
    assert dict(InvestmentPlan.objects.filter(year=2026).values_list("project__name", "amount")) == {
        "吉通机械总部": Decimal("12000.00"),
        "铸诚门业智能制造": Decimal("3000.00"),
        "新能源电池材料": Decimal("20000.00"),
    }
    # Recomputed as the registry does on save: every imported project has its schedule date and its light.
    assert set(Project.objects.values_list("schedule_as_of", flat=True)) == {D(2026, 5, 15)}
    assert ProjectLight.objects.count() == 3
    assert ProjectLight.objects.get(project__name="铸诚门业智能制造").light == "green"  # starts in June


@time_machine.travel(MAY_2026, tick=False)
def test_history_names_the_user_or_the_system_user(registry, tmp_path, dispatcher):
    ledger_import(workbook_path_or_file=ledger(tmp_path, GOOD[:1]), user=dispatcher)
    entry = Project.objects.get(code=EXISTING_CODE).history.latest("history_id")
    assert entry.history_user == dispatcher and entry.history_change_reason == "台账导入：l.xlsx"
    assert entry.history_type == "~"
    run_json(ledger(tmp_path, GOOD[1:2], name="command.xlsx"))
    entry = Project.objects.get(name="铸诚门业智能制造").history.latest("history_id")
    system = get_user_model().objects.get(username="system")
    assert entry.history_user == system and not system.is_active and not system.has_usable_password()
    assert Person.objects.get(name="钱新").history.first().history_user == system


@time_machine.travel(MAY_2026, tick=False)
def test_an_unchanged_row_writes_no_history(registry, tmp_path):
    run_json(ledger(tmp_path, GOOD))
    counts = (Project.history.count(), InvestmentPlan.history.count())
    status, result = run_json(ledger(tmp_path, GOOD, name="same.xlsx"))
    assert status == 0 and result["updated"] == 3
    assert (Project.history.count(), InvestmentPlan.history.count()) == counts


@time_machine.travel(MAY_2026, tick=False)
def test_the_registry_refuses_what_the_ledger_cannot_mean(registry, tmp_path):
    Project.objects.create(name="温泉小镇", total_investment=1)
    Project.objects.create(name="温泉小镇", total_investment=2)
    rows = [
        [1, "温泉小镇", None, "文旅康养", 1000, None, None, None, None, None],
        [2, "新能源电池材料", None, "产业", 80000, None, None, None, None, None],
        [3, "新能源电池材料", None, "产业", 80000, None, None, None, None, None],
        [4, "铸诚门业智能制造", "2104-220105-04-01-381950", "产业", 100, None, None, None, None, None],
    ]
    Project.objects.filter(name="铸诚门业智能制造").update(code="2104-220105-04-01-381951")
    status, result = run_json(ledger(tmp_path, rows))
    assert status == 1
    assert [error["message"] for error in result["errors"]] == [
        "第4行「项目名称」：已登记2个名为“温泉小镇”的项目，请填写项目代码以区分",
        "第6行「项目名称」：与第5行是同一个项目",
        "第7行「项目代码」：项目名称“铸诚门业智能制造”已登记，项目代码为 2104-220105-04-01-381951，与台账中的不同",
    ]


@time_machine.travel(MAY_2026, tick=False)
def test_an_unknown_area_and_a_cumulative_below_what_was_reported_are_errors(registry, tmp_path):
    project = Project.objects.get(name="铸诚门业智能制造")
    ProgressReport.objects.create(
        project=project, period_start=D(2026, 4, 1), period_end=D(2026, 4, 30), due_date=D(2026, 5, 5),
        investment_done=Decimal("600"), status="submitted",
    )  # fmt: skip
    header = ["序号", "项目名称", "项目类别", "总投资", "所在片区", "累计完成投资"]
    rows = [[1, "铸诚门业智能制造", "产业", 100, "洁净工业园", 500], [2, "吉通", "产业", 100, "火星园区", None]]
    status, result = run_json(simple_ledger(tmp_path / "l.xlsx", rows, header=header))
    assert status == 1
    assert [error["message"] for error in result["errors"]] == [
        "第4行「累计完成投资」：累计完成投资 500.00 万元少于系统中已报送的 600.00 万元",
        "第5行「所在片区」：未知片区“火星园区”，应为：洁净工业园",
    ]
    rows[0][5] = 2600
    rows.pop()
    run_json(simple_ledger(tmp_path / "ok.xlsx", rows, header=header))
    project.refresh_from_db()
    assert project.investment_done_before == Decimal("2000.00")  # 2,600 in the ledger − 600 reported
    assert project.area.name == "洁净工业园"


def test_the_dry_run_reads_the_registry_in_a_fixed_number_of_queries(registry, tmp_path, django_assert_num_queries):
    def rows(n):
        known = [0, "铸诚门业智能制造", None, "产业", 100, 10, "2026.3", "李明", "孙浩", "经发局"]
        new = [[i, f"项目{i}", None, "产业", 100, 10, "2026.3", "李明", f"干部{i}", "经发局"] for i in range(n)]
        return [known, *new]

    small, large = ledger(tmp_path, rows(3), "small.xlsx"), ledger(tmp_path, rows(60), "large.xlsx")
    # The projects' names and codes, people, departments, areas; the matched projects, their reports, their plans.
    with django_assert_num_queries(7):
        assert len(ledger_import(workbook_path_or_file=small, dry_run=True, today=D(2026, 5, 15)).valid) == 4
    with django_assert_num_queries(7):
        assert len(ledger_import(workbook_path_or_file=large, dry_run=True, today=D(2026, 5, 15)).valid) == 61


@time_machine.travel(MAY_2026, tick=False)
def test_the_year_option_dates_bare_months_and_names_the_plans_year(registry, tmp_path):
    rows = [[1, "新能源电池材料", None, "产业", 80000, 20000, "3月", None, None, None]]
    path = simple_ledger(tmp_path / "l.xlsx", rows, header=HEADER, lines=[["重点项目台账"]])
    status, result = run_json(path)
    assert status == 1 and "没有年份" in result["errors"][0]["message"]
    status, result = run_json(path, "--year", "2027")
    assert status == 0 and result["projects"][0]["planned_start"] == "2027-03-01"
    assert InvestmentPlan.objects.get().year == 2027


@time_machine.travel(MAY_2026, tick=False)
def test_the_user_option_names_who_imported(registry, tmp_path, dispatcher):
    status, _result = run_json(ledger(tmp_path, GOOD[:1]), "--user", "dispatch")
    assert status == 0
    assert Project.objects.get(code=EXISTING_CODE).history.latest("history_id").history_user == dispatcher
    with pytest.raises(CommandError, match="没有用户名为“nobody”的用户"):
        call_command("import_ledger", str(ledger(tmp_path, GOOD[:1], name="nobody.xlsx")), "--user", "nobody")


def test_a_file_that_is_no_ledger_answers_the_contract_with_row_0(registry, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("项目名称,总投资\n")
    status, result = run_json(path)
    assert status == 1
    assert result == {
        "created": 0,
        "updated": 0,
        "skipped_rows": [],
        "new_people": [],
        "errors": [{"row": 0, "column": None, "message": "这不是 Excel 工作簿（.xlsx）文件，请上传 Excel 台账。"}],
        "projects": [],
    }


@time_machine.travel(MAY_2026, tick=False)
def test_of_namesakes_the_active_person_with_a_login_answers(registry, tmp_path, dispatcher):
    Person.objects.create(name="周敏", is_active=False)
    Person.objects.create(name="周敏")
    with_login = Person.objects.get(user=dispatcher)  # 周敏 of the dispatch office
    rows = [[1, "新能源电池材料", None, "产业", 80000, None, None, "周敏", None, None]]
    run_json(ledger(tmp_path, rows))
    assert Project.objects.get(name="新能源电池材料").responsible_leader == with_login
