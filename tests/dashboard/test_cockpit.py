"""The cockpit's figures on the small zone of conftest.py, on 15 June 2026: every tile, chart and list to the unit."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from diaodu.dashboard.selectors import cockpit
from tests.dashboard.conftest import JUNE_15
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_june_15():
    with time_machine.travel(at_noon(JUNE_15), tick=False):
        yield


@pytest.fixture
def figures(leader, small_zone):
    return cockpit(leader, JUNE_15)


def test_investment_is_the_years_plans_against_the_counted_reports_and_the_scheduled_amount(figures):
    assert figures["investment"] == {
        "year": 2026,
        "plan": Decimal("20000"),
        "done": Decimal("5800.00"),  # P1 Jan–May 5 × 1,000 and P2's 800; no draft, no 2025 report
        "scheduled": Decimal("9117.12"),  # 14,000 × 166/365 + 5 × 500 + 500 × 15/30
        "done_share": Decimal("29.0"),
        "scheduled_share": Decimal("45.6"),
        "light": "yellow",  # 16.6 points behind: from 10 to 30 points is yellow
    }
    assert figures["time_share"] == Decimal("45.5")  # day 166 of 365


def test_starts_count_the_years_planned_starts_without_the_cancelled_project(figures):
    assert figures["starts"] == {
        "planned": 3,
        "started": 1,
        "share": Decimal("33.3"),
        "due": 2,
        "due_unstarted": 1,
        "started_in_year": 1,
    }


def test_the_lights_are_the_stored_ones_and_the_unlit_project_is_counted_apart(figures):
    assert figures["lights"] == {"red": 2, "yellow": 1, "green": 1, "unlit": 1, "total": 5}
    assert figures["project_count"] == 5
    pie = figures["charts"]["lights"]["items"]
    assert [(item["key"], item["value"]) for item in pie] == [("red", 2), ("yellow", 1), ("green", 1), ("none", 1)]
    assert pie[0]["url"] == "/progress/lights/?light=red"


def test_red_projects_come_largest_first_with_only_their_red_reasons(figures):
    rows = figures["red_projects"]
    assert [row["name"] for row in rows] == ["北部快速路连接线", "铸诚门业智能制造"]
    assert rows[1]["reasons"] == [
        {"rule": "start", "rule_label": "开工", "message": "计划开工月（2026年5月）已过，仍未开工。"}
    ]
    assert rows[1]["url"] == reverse("project-detail", args=[rows[1]["id"]])
    assert (rows[1]["area"], rows[0]["total_investment"]) == ("快速路经济发展带", Decimal("80000.00"))


def test_overdue_issues_are_listed_longest_overdue_first_in_working_days(figures):
    issues = figures["issues"]
    assert (issues["unresolved"], issues["overdue"], issues["escalated"]) == (4, 3, 1)
    rows = [(row["title"], row["project"], row["workdays_overdue"], row["escalation_label"]) for row in issues["rows"]]
    assert rows == [
        ("调度会议定：园区供热", "", 18, ""),
        ("用地指标未落实", "吉通机械总部", 10, ""),
        ("电力线路迁改", "铸诚门业智能制造", 3, "包保领导督办"),
    ]


def test_deadlines_of_the_next_ten_working_days_skip_the_dragon_boat_festival(figures):
    deadlines = figures["deadlines"]
    assert deadlines["until"] == dt.date(2026, 6, 30)  # 10 working days after 15 June, 19 June a holiday
    assert deadlines["count"] == 7
    rows = [(row["date"].isoformat(), row["workdays_left"], row["kind"], row["title"], row["project"])
            for row in deadlines["rows"]]  # fmt: skip
    assert rows == [
        ("2026-06-15", 0, "deadline", "可行性研究", "康养度假酒店"),
        ("2026-06-16", 1, "late_finish", "环境影响评价", "铸诚门业智能制造"),
        ("2026-06-18", 3, "deadline", "施工许可", "吉通机械总部"),
        ("2026-06-19", 3, "report", "2026年第25周进度报告", "1个项目尚未报送"),
        ("2026-06-22", 4, "late_finish", "用地预审", "铸诚门业智能制造"),
        ("2026-06-25", 7, "report", "2026年6月进度报告", "3个项目尚未报送"),  # P1's June report is a draft
        ("2026-06-26", 8, "report", "2026年第26周进度报告", "1个项目尚未报送"),
    ]


def test_land_signed_investment_and_special_bonds_against_their_targets(figures):
    land = figures["land"]
    assert (land["quota_ha"], land["done_ha"], land["remaining_ha"], land["share"]) == (
        Decimal("250"), Decimal("20.0000"), Decimal("230.0000"), Decimal("8.0"),
    )  # fmt: skip
    assert figures["signed"] == {
        "signed_amount": Decimal("27000"),  # signed in 2026 and still signed or beyond; not last year's, not lost
        "signed_count": 2,
        "target": Decimal("100000.00"),
        "target_count": 4,
        "share": Decimal("27.0"),
    }
    assert figures["bonds"] == {
        "count": 4,
        "asked": Decimal("10000.00"),
        "asked_count": 3,
        "approved": Decimal("6000.00"),
        "approved_count": 2,
        "received": Decimal("1500.00"),
        "share": Decimal("60.0"),
    }


def test_the_s_curve_cumulates_the_plan_and_what_is_done_month_by_month(figures):
    curve = figures["charts"]["s_curve"]
    assert curve["unit"] == "亿元"
    assert curve["actual"][:7] == ["0.10", "0.20", "0.38", "0.48", "0.58", "0.58", None]
    # January: 14,000 × 31/365 + 500 = 1,689.04 万元
    assert curve["planned"][0] == "0.17" and curve["planned"][-1] == "2.00"
    assert curve["today"] == {"index": 5, "scheduled": "0.91", "label": "今日序时"}


def test_investment_by_area_lists_the_parks_first_and_drills_down_to_each_area(figures, park, belt):
    chart = figures["charts"]["by_area"]
    assert chart["areas"] == ["洁净工业园", "快速路经济发展带", "未定片区"]
    assert chart["plan"] == ["1.20", "0.60", "0.20"] and chart["done"] == ["0.50", "0.08", "0.00"]
    assert chart["urls"] == [f"/progress/lights/?area={park.pk}", f"/progress/lights/?area={belt.pk}",
                             "/progress/lights/?area=none"]  # fmt: skip


def test_the_funnel_counts_each_lead_in_every_layer_it_has_passed(figures):
    funnel = figures["charts"]["funnel"]
    assert [(stage["name"], stage["count"], stage["amount_yi"]) for stage in funnel["stages"]] == [
        ("线索", 4, "4.20"),
        ("接洽", 4, "4.20"),
        ("考察", 4, "4.20"),
        ("洽谈", 4, "4.20"),
        ("签约", 3, "3.20"),
        ("注册", 2, "1.20"),
        ("开工", 1, "0.50"),
    ]
    assert funnel["lost"] == {"count": 1, "amount_yi": "0.30"}
    assert funnel["stages"][3]["url"] == "/investment/?stage=negotiating"


def test_the_page_shows_each_tile_with_its_comparison_and_link(client, leader, small_zone):
    client.force_login(leader)
    page = client.get(reverse("cockpit")).text
    assert "2026年重点项目驾驶舱" in page and "截至 2026-06-15 · 时间进度 45.5%" in page
    assert 'data-testid="investment-done">5,800.00 万元' in page
    assert "年度计划 2.00 亿元，完成 29.0%" in page and "序时进度 45.6%（应完成 9,117.12 万元）" in page
    assert "应开工 2 个，其中 1 个尚未开工" in page
    assert "任务 250 公顷（3,750 亩），完成 8.0%" in page
    assert "目标 10.00 亿元，完成 27.0%" in page
    assert "申报 1.00 亿元（3 个），获批 2 个，60.0%" in page
    assert page.count('data-testid="red-project"') == 2 and "查看全部 2 个" in page
    assert page.count('data-testid="overdue-issue"') == 3 and page.count('data-testid="deadline"') == 7
    bonds = "/funding/applications/?channel=special_bond&amp;year=2026"
    for link in ("/progress/lights/", "/land/", "/investment/", bonds, "/indicators/", "/issues/?overdue=true",
                 "/projects/?stage=construction"):  # fmt: skip
        assert f'href="{link}' in page
    # Charts are drawn by the static script from json_script data: no inline script.
    for name in ("s-curve", "lights", "by-area", "funnel", "burndown"):
        assert f'data-cockpit-chart="{name}"' in page
    assert "diaodu/cockpit.js" in page and "vendor/echarts/echarts.min.js" in page
    assert "<script>" not in page


def test_an_empty_zone_shows_zeros_and_no_light(client, leader):
    client.force_login(leader)
    answer = client.get(reverse("cockpit"))
    assert answer.status_code == 200
    figures = cockpit(leader, JUNE_15)
    assert figures["investment"]["plan"] == 0 and figures["investment"]["light"] is None
    assert figures["starts"]["share"] is None and figures["red_projects"] == []
    assert "尚未下达征供地任务" in answer.text


def test_the_cockpit_speaks_english_to_those_who_choose_it(client, leader, small_zone, settings):
    client.force_login(leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("cockpit")).text
    assert "Key projects cockpit 2026" in page and "As of 2026-06-15 · 45.5% of the year elapsed" in page
    assert "Scheduled 45.6% (9,117.12 10k yuan due by today)" in page
    assert "2 due to have started, 1 of them not yet" in page
    assert "Deadlines in the next 10 working days" in page


def test_land_shows_hectares_with_mu_beside_them(client, leader, small_zone):
    from diaodu.land.models import Parcel

    Parcel.objects.filter(number="B").update(
        status="acquired", acquiring_on=dt.date(2026, 3, 1), acquired_on=dt.date(2026, 6, 1), area_ha=Decimal("300")
    )
    client.force_login(leader)
    page = client.get(reverse("cockpit")).text
    assert 'data-testid="land-done">320.00 <small>公顷（4,800 亩）' in page
