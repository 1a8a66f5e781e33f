"""The ranking page with its month picker, a breakdown page, taking a snapshot from the page, the Excel export."""

from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from diaodu.evaluation.models import EvaluationSnapshot
from tests.evaluation.conftest import D
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
RANKING = reverse("evaluation-ranking")


@pytest.fixture(autouse=True)
def mid_may():
    with time_machine.travel(at_noon(D(2026, 5, 15)), tick=False):
        yield


def cells(html: str, testid: str) -> list[str]:
    import re

    return [value.strip() for value in re.findall(rf'data-testid="{testid}"[^>]*>([^<]*)<', html)]


def test_the_ranking_of_a_past_month_without_a_snapshot_is_computed_as_of_its_last_day(client, zone_2026, leader):
    client.force_login(leader)
    html = client.get(RANKING, {"kind": "department", "month": "2026-04"}).text
    assert "2026年4月责任单位考核排名" in html
    assert "该月尚未留存快照：以下按 2026-04-30 的数据即时计算" in html
    assert cells(html, "rank") == ["1", "2"] and cells(html, "total") == ["53.75", "53.34"]
    assert cells(html, "points-investment") == ["18.75", ""]  # the 自然资源局's investment: 不适用
    assert html.count("不适用") >= 1
    assert 'data-testid="points-signed"' not in html  # signed investment is scored for officers only
    assert 'data-testid="ranking-chart"' in html and 'id="evaluation-ranking-data"' in html


def test_the_current_month_is_live_and_the_picker_walks_the_months(client, zone_2026, leader):
    client.force_login(leader)
    html = client.get(RANKING, {"kind": "officer"}).text
    assert "2026年5月包保干部考核排名" in html and "本月排名实时计算，数据截至 2026-05-15" in html
    assert 'name="month" value="2026-05" max="2026-05"' in html
    assert "?kind=officer&amp;month=2026-04" in html  # back one month
    assert "?kind=officer&amp;month=2026-06" not in html  # no month to come
    assert cells(html, "points-signed")  # officers have the 招商 column
    assert client.get(RANKING, {"kind": "officer", "month": "2026-06"}).status_code == 404
    assert client.get(RANKING, {"kind": "officer", "month": "26-6"}).status_code == 404
    assert client.get(RANKING, {"kind": "teams"}).status_code == 404


def test_a_breakdown_lists_every_fact_with_a_link_to_its_record(client, zone_2026, leader, land_bureau):
    client.force_login(leader)
    url = reverse("evaluation-breakdown", args=["department", land_bureau.pk])
    html = client.get(url, {"month": "2026-04"}).text
    assert cells(html, "subject-total") == ["53.34"]
    assert "任务时限2026-04-15，截至2026-04-30未完成，已逾期15天" in html
    assert "2026年4月报告截至2026-04-30未报送（截止2026-04-25），已逾期5天" in html
    assert f'href="/issues/{zone_2026["issues"]["land"].pk}/"' in html
    assert f'href="/projects/{zone_2026["p2"].pk}/#steps"' in html
    assert html.count('data-testid="fact"') == 6  # 2 steps, 2 reports, 1 issue, 1 light
    assert 'id="evaluation-trend-data"' in html
    assert client.get(url, {"month": "2026-01"}).status_code == 404  # nothing to score in January


def test_the_dispatch_office_takes_a_snapshot_from_the_page_and_is_told_when_one_exists(client, zone_2026, dispatcher):
    client.force_login(dispatcher)
    answer = client.post(reverse("evaluation-snapshot-take"), {"month": "2026-04", "kind": "officer"}, follow=True)
    assert "已留存2026年4月快照：责任单位、包保干部、包保领导。" in answer.text
    assert "本月排名为快照：按 2026-04-30 的数据计算，周敏 于" in answer.text
    assert 'data-testid="replace-confirm"' in answer.text
    answer = client.post(reverse("evaluation-snapshot-take"), {"month": "2026-04"}, follow=True)
    assert "2026年4月已有快照（责任单位、包保干部、包保领导，" in answer.text and "未替换" in answer.text
    assert EvaluationSnapshot.objects.count() == 3
    answer = client.post(reverse("evaluation-snapshot-take"), {"month": "2026-04", "replace": "on"}, follow=True)
    assert "已留存2026年4月快照" in answer.text
    assert EvaluationSnapshot.objects.filter(is_current=True).count() == 3
    assert EvaluationSnapshot.objects.filter(is_current=False).count() == 3
    answer = client.post(reverse("evaluation-snapshot-take"), {"month": "2026-05"}, follow=True)
    assert "2026年5月尚未结束，不能留存快照" in answer.text


def test_the_export_holds_the_ranking_shown_and_every_fact_behind_it(client, zone_2026, leader):
    client.force_login(leader)
    answer = client.get(reverse("evaluation-export"), {"kind": "officer", "month": "2026-04"})
    assert answer["Content-Disposition"] == 'attachment; filename="evaluation-officer-2026-04.xlsx"'
    book = load_workbook(BytesIO(answer.content))
    assert book.sheetnames == ["排名", "考核明细"]
    ranking = [list(row) for row in book["排名"].iter_rows(min_row=3, values_only=True)]
    assert ranking[0] == [
        "排名", "名称", "总分", "步骤按期完成（25.00分）", "报告按时报送（20.00分）", "问题按期办结（20.00分）",
        "投资完成序时进度（25.00分）", "未亮红灯（10.00分）", "招商签约投资（20.00分）", "较上月",
    ]  # fmt: skip
    assert ranking[1] == [1, "孙浩", 64.94, 10.42, 8.34, 16.67, 15.62, 0, 13.89, None]
    assert ranking[2] == [2, "钱多", 26.67, 0, 13.34, 0, "不适用", 13.33, "不适用", None]
    facts = [list(row) for row in book["考核明细"].iter_rows(min_row=2, values_only=True)]
    # 孙浩: 2 steps, 2 reports, an issue, investment, light, a signed lead, the target; 钱多: a step, 2 reports,
    # an issue, light.
    assert len(facts) == 9 + 5
    sun = [row for row in facts if row[0] == "孙浩"]
    assert [row[1] for row in sun] == ["步骤按期完成"] * 2 + ["报告按时报送"] * 2 + [
        "问题按期办结", "投资完成序时进度", "未亮红灯", "招商签约投资", "招商签约投资",
    ]  # fmt: skip
    assert sun[6][2:6] == ["未达标", "项目", "吉通机械总部", "2026-04-21起亮红灯：“用地预审”已超过任务时限。"]
    assert sun[5][6:8] == [900, 1200]
    assert sun[6][8].endswith(f"/projects/{zone_2026['p1'].pk}/")


def test_a_department_users_export_holds_the_facts_of_his_own_department_only(client, zone_2026, department_user):
    client.force_login(department_user)
    answer = client.get(reverse("evaluation-export"), {"kind": "department", "month": "2026-04"})
    book = load_workbook(BytesIO(answer.content))
    ranking = [list(row)[:4] for row in book["排名"].iter_rows(min_row=4, values_only=True)]
    assert ranking == [[1, "经济发展局", 53.75, None], [2, "自然资源局", 53.34, 0]]
    names = {row[0] for row in book["考核明细"].iter_rows(min_row=2, values_only=True)}
    assert names == {"自然资源局"}


def test_the_ranking_and_a_breakdown_read_in_english(client, zone_2026, leader, land_bureau):
    client.force_login(leader)
    client.cookies["django_language"] = "en"
    html = client.get(RANKING, {"kind": "department", "month": "2026-04"}).text
    assert "Ranking of Departments" in html and "Investment vs. schedule" in html and "n/a" in html
    url = reverse("evaluation-breakdown", args=["department", land_bureau.pk])
    html = client.get(url, {"month": "2026-04"}).text
    assert "Deadline 2026-04-15, not done by 2026-04-30, 15 days late" in html
    assert "Points by criterion" in html
