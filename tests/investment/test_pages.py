"""The investment pages: the pipeline (kanban, funnel, breakdowns, the year against its target), a lead's page
with its log and stage form, the companies and the headquarters list; each in a fixed number of queries."""

import datetime as dt
import json
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diaodu.investment.models import HeadquartersMove, InvestmentTarget, Lead
from tests.investment.conftest import make_company, make_lead
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2026, 11, 2)


@pytest.fixture
def board(scout, other_scout, courted, resident, chains, park):
    """Seven leads over the stages, two signed in 2026 (3.6 + 1.5 亿元), one signed in 2025, one lost."""
    make = make_lead
    return [
        make("线索甲", courted, officer=scout, chain=chains["装备制造"], investment=Decimal("8000")),
        make("接洽乙", courted, officer=scout, chain=chains["新能源"], investment=Decimal("46000"), stage="contacted"),
        make("洽谈丙", courted, officer=other_scout, chain=chains["医药健康"], investment=Decimal("65000"),
             stage="negotiating", source="resident_office"),
        make("签约丁", courted, officer=scout, chain=chains["装备制造"], investment=Decimal("36000"), stage="signed",
             signed_on=D(2026, 10, 20), source="referral", referrer=resident),
        make("注册戊", courted, officer=other_scout, chain=chains["现代农业"], investment=Decimal("15000"),
             stage="registered", signed_on=D(2026, 3, 2)),
        make("开工己", courted, officer=scout, chain=chains["医药健康"], investment=Decimal("12000"), stage="started",
             signed_on=D(2025, 10, 16)),
        make("终止庚", courted, officer=other_scout, chain=chains["新能源"], investment=Decimal("60000"), stage="lost",
             lost_reason="企业战略调整", source="expo"),
    ]  # fmt: skip


@pytest.fixture
def target_2026(db):
    return InvestmentTarget.objects.create(year=2026, signed_investment=Decimal("500000"), signed_count=12)


def get(client, user, name, *args, day=DAY, **params):
    with time_machine.travel(at_noon(day), tick=False):
        client.force_login(user)
        return client.get(reverse(name, args=args), params).text


def funnel_data(page: str) -> dict:
    start = page.index('<script id="investment-funnel-data" type="application/json">') + len(
        '<script id="investment-funnel-data" type="application/json">'
    )
    return json.loads(page[start : page.index("</script>", start)])


def test_the_nav_leads_to_the_pipeline(client, leader):
    client.force_login(leader)
    assert f'href="{reverse("investment-pipeline")}">招商引资</a>' in client.get(reverse("home")).text


def test_the_kanban_has_a_column_per_stage_with_its_leads_count_and_sum(client, leader, board):
    page = get(client, leader, "investment-pipeline")
    assert 'data-testid="kanban"' in page
    kanban = page.split('data-testid="kanban"')[1].split('data-testid="lost-leads"')[0]
    columns = kanban.split('data-testid="kanban-column"')[1:]
    stages = [column.split('data-stage="')[1].split('"')[0] for column in columns]
    assert stages == ["lead", "contacted", "visited", "negotiating", "signed", "registered", "started"]
    cards = [column.count('data-testid="lead-card"') for column in columns]
    assert cards == [1, 1, 0, 1, 1, 1, 1]
    assert 'data-testid="column-amount">4.60 亿元' in columns[1]
    assert "终止庚" not in "".join(columns) and 'data-testid="lost-leads"' in page and "企业战略调整" in page


def test_the_funnel_counts_each_lead_in_every_stage_it_has_passed(client, leader, board):
    data = funnel_data(get(client, leader, "investment-pipeline"))
    assert [(s["name"], s["count"], s["amount_yi"]) for s in data["stages"]] == [
        ("线索", 6, "18.20"),
        ("接洽", 5, "17.40"),
        ("考察", 4, "12.80"),
        ("洽谈", 4, "12.80"),
        ("签约", 3, "6.30"),
        ("注册", 2, "2.70"),
        ("开工", 1, "1.20"),
    ]
    assert data["lost"] == {"count": 1, "amount_yi": "6.00"}


def test_the_funnel_is_drawn_from_its_json_without_inline_script(client, leader, board):
    page = get(client, leader, "investment-pipeline")
    assert 'data-investment-funnel="investment-funnel-data"' in page and 'data-testid="funnel"' in page
    assert "vendor/echarts/echarts.min.js" in page and "diaodu/investment.js" in page
    assert page.count("<script>") == 0  # every script is a file or JSON data


def test_the_years_signed_investment_stands_against_its_target(client, leader, board, target_2026):
    page = get(client, leader, "investment-pipeline")
    assert 'data-testid="card-signed">5.10 亿元' in page  # 丁 (3.6) and 戊 (1.5); 己 was signed in 2025
    assert "目标 50.00 亿元，完成 10.2%" in page and "序时进度 83.8%" in page  # 306 of 365 days on 2 November
    assert 'data-testid="card-signed-count">2' in page
    signed = page.split('data-testid="signed-this-year"')[1]
    assert signed.index("签约丁") < signed.index("注册戊") and "开工己" not in signed
    last_year = get(client, leader, "investment-pipeline", year=2025)
    assert 'data-testid="card-signed">1.20 亿元' in last_year and "尚未下达年度目标" in last_year


def test_the_views_by_chain_source_and_officer(client, leader, board):
    page = get(client, leader, "investment-pipeline")
    chain = page.split('data-testid="breakdown-chain"')[1].split("</table>")[0]
    rows = [row.split("</tr>")[0] for row in chain.split('data-testid="breakdown-row"')[1:]]
    assert [row.split("</a>")[0].split(">")[-1] for row in rows] == ["装备制造", "医药健康", "现代农业", "新能源"]
    assert "4.40 亿元" in rows[0]  # 甲 0.8 + 丁 3.6
    source = page.split('data-testid="breakdown-source"')[1].split("</table>")[0]
    assert "以商招商" in source and "驻外招商" in source and "展会招商" in source
    officer = page.split('data-testid="breakdown-officer"')[1].split("</table>")[0]
    assert "田野" in officer and "冯雪" in officer


def test_the_pipeline_filters_by_chain_and_officer(client, leader, board, chains, scout):
    page = get(client, leader, "investment-pipeline", chain=chains["装备制造"].pk)
    assert page.count('data-testid="lead-card"') == 2
    page = get(client, leader, "investment-pipeline", officer=scout.person.pk)
    assert page.count('data-testid="lead-card"') == 4


def test_the_pipeline_runs_a_fixed_number_of_queries(client, dispatcher, board, scout, courted, resident, chains):
    get(client, dispatcher, "investment-pipeline")
    with time_machine.travel(at_noon(DAY), tick=False), CaptureQueriesContext(connection) as few:
        client.get(reverse("investment-pipeline"))
    for number in range(8):
        company = make_company(f"吉林新企业{number}有限公司")
        make_lead(f"新线索{number}", company, officer=scout, chain=chains["新能源"], stage="visited",
                  source="referral", referrer=resident, park=resident.area)  # fmt: skip
    with time_machine.travel(at_noon(DAY), tick=False), CaptureQueriesContext(connection) as many:
        client.get(reverse("investment-pipeline"))
    assert len(many) == len(few)


def test_the_company_and_headquarters_lists_run_a_fixed_number_of_queries(client, leader, courted, resident, park):
    HeadquartersMove.objects.create(company=courted, status="negotiating")
    client.force_login(leader)
    client.get(reverse("company-list"))
    with CaptureQueriesContext(connection) as few_companies:
        client.get(reverse("company-list"))
    with CaptureQueriesContext(connection) as few_moves:
        client.get(reverse("investment-headquarters"))
    for number in range(6):
        company = make_company(f"吉林新企业{number}有限公司", resident_since=D(2020, 1, 1), area=park)
        HeadquartersMove.objects.create(company=company, status="agreed", agreed_on=D(2026, 1, 1))
        make_lead(f"线索{number}", company)
    with CaptureQueriesContext(connection) as many_companies:
        client.get(reverse("company-list"))
    with CaptureQueriesContext(connection) as many_moves:
        client.get(reverse("investment-headquarters"))
    assert len(many_companies) == len(few_companies)
    assert len(many_moves) == len(few_moves)


def test_the_headquarters_list_groups_the_moves_by_status(client, leader, courted, resident):
    jitong = make_company("吉林省吉通机械制造有限公司")
    HeadquartersMove.objects.create(company=jitong, status="agreed", agreed_on=D(2025, 11, 18),
                                    floor_area_m2=Decimal("2400"), floors="18–19层")  # fmt: skip
    HeadquartersMove.objects.create(company=courted, status="negotiating", floor_area_m2=Decimal("1500"))
    HeadquartersMove.objects.create(company=resident, status="moved", agreed_on=D(2023, 5, 10),
                                    registered_on=D(2023, 9, 1), building="康养新城商务中心")  # fmt: skip
    page = get(client, leader, "investment-headquarters")
    agreed = page.split('data-testid="headquarters-agreed"')[1].split("</table>")[0]
    assert "吉林省吉通机械制造有限公司" in agreed and "2025-11-18" in agreed and ">2400<" in agreed
    assert "吉林同仁众合医疗科技有限公司" in page.split('data-testid="headquarters-negotiating"')[1]
    moved = page.split('data-testid="headquarters-moved"')[1].split("</table>")[0]
    assert "2023-09-01" in moved and "康养新城商务中心" in moved


def test_a_move_needs_its_dates(client, scout, courted):
    client.force_login(scout)
    url = reverse("headquarters-edit", args=[courted.pk])
    page = client.post(url, {"status": "moved", "building": "开发区总部经济大楼"}).text
    assert "“已迁入”需要填写同意迁入日期。" in page and "“已迁入”需要填写总部注册日期。" in page
    answer = client.post(url, {"status": "agreed", "agreed_on": "2026-10-09", "building": "开发区总部经济大楼",
                               "floor_area_m2": "1500"})  # fmt: skip
    assert answer.status_code == 302
    assert HeadquartersMove.objects.get(company=courted).get_status_display() == "已同意迁入"


def test_a_leads_page_shows_its_facts_log_and_deadlines(client, scout, signed_lead, resident):
    Lead.objects.filter(pk=signed_lead.pk).update(source="referral", referrer=resident)
    signed_lead.activities.create(
        kind="visit", date=D(2026, 9, 2), summary="来区实地考察洁净工业园", author=scout.person
    )
    page = get(client, scout, "lead-detail", signed_lead.pk)
    assert 'data-testid="lead-title">同仁众合医疗器械产业基地' in page
    assert 'data-testid="lead-investment">2.80 亿元' in page and "7.00 公顷（105.00 亩）" in page
    assert "以商招商：" in page and "吉林奢爱良蔬农业科技有限公司" in page
    assert "来区实地考察洁净工业园" in page and 'data-testid="log-form"' in page
    assert 'data-testid="deadlines"' in page


def test_the_officer_moves_his_lead_on_and_logs_from_its_page(client, scout, courted):
    lead = make_lead("风电叶片制造项目", courted, officer=scout, investment=Decimal("46000"))
    client.force_login(scout)
    url = reverse("lead-advance", args=[lead.pk])
    page = client.post(url, {"stage": "lost", "date": "2026-10-09"}).text
    assert 'data-testid="field-error">终止线索请写明原因。' in page
    answer = client.post(url, {"stage": "visited", "date": "2026-10-09"}, follow=True)
    assert "线索已变更为“考察”。" in answer.text
    lead.refresh_from_db()
    assert (lead.stage, lead.stage_since) == ("visited", D(2026, 10, 9))
    assert lead.history.latest().history_change_reason == "阶段：线索 → 考察（2026-10-09）"
    logged = client.post(reverse("lead-log", args=[lead.pk]), {
        "kind": "meeting", "date": "2026-10-10", "summary": "洽谈用地条件", "next_action": "测算用地指标",
        "next_action_due": "2026-12-01",
    })  # fmt: skip
    assert logged.status_code == 302
    lead.refresh_from_db()
    assert lead.next_action == "测算用地指标" and lead.activities.get().summary == "洽谈用地条件"


def test_a_lead_is_registered_from_its_form(client, scout, courted, chains, park):
    client.force_login(scout)
    answer = client.post(reverse("lead-create"), {
        "title": "新能源汽车零部件产业园", "company": courted.pk, "source": "industry_chain",
        "chain": chains["装备制造"].pk, "investment": "80000", "land_ha": "30", "park": park.pk,
    })  # fmt: skip
    assert answer.status_code == 302, answer.context["form"].errors
    lead = Lead.objects.get(title="新能源汽车零部件产业园")
    assert answer.status_code == 302 and answer.url == reverse("lead-detail", args=[lead.pk])
    assert lead.officer == scout.person and lead.is_large and lead.sla_step == "assess"


def test_a_companys_page_shows_its_leads_referrals_and_projects(client, leader, resident, courted, signed_lead):
    make_lead("预制菜中央厨房", courted, source="referral", referrer=resident)
    page = get(client, leader, "company-detail", resident.pk)
    assert 'data-testid="referred-leads"' in page and "预制菜中央厨房" in page
    page = get(client, leader, "company-detail", courted.pk)
    assert 'data-testid="credit-code">91220105MA0Y3R2K5H' in page and "同仁众合医疗器械产业基地" in page


def test_the_company_list_counts_the_resident_enterprises(client, leader, resident, courted):
    page = get(client, leader, "company-list")
    assert page.count('data-testid="company-row"') == 2 and "在区企业 1 家" in page
    assert get(client, leader, "company-list", resident="false").count('data-testid="company-row"') == 1


def test_the_dispatch_office_changes_the_rules_from_the_settings_page(client, dispatcher):
    client.force_login(dispatcher)
    data = {"form": "rules", "rules-threshold": "5000", "rules-register_workdays": "1", "rules-assess_workdays": "2",
            "rules-feedback_workdays": "5", "rules-report_every_workdays": "10"}  # fmt: skip
    assert client.post(reverse("investment-settings"), data).status_code == 302
    bad = client.post(reverse("investment-settings"), {**data, "rules-assess_workdays": "9"}).text
    assert "时限应逐项不减：登记 ≤ 研判 ≤ 反馈。" in bad


def test_the_pipeline_states_the_rules_in_force(client, leader, dispatcher):
    page = get(client, leader, "investment-pipeline")
    assert 'data-testid="rules-summary">1.00 亿元以上：1日登记、3日研判、5日反馈、每10日报告（工作日）' in page
