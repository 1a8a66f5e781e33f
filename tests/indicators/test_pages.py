"""The indicator pages: the list against targets, one indicator's series with value entry, a year's target form."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diaodu.indicators.models import IndicatorTarget, IndicatorValue
from tests.indicators.conftest import NOV_15, put
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db


def get(client, user, url, **params):
    with time_machine.travel(at_noon(NOV_15), tick=False):
        client.force_login(user)
        return client.get(url, params)


def post(client, user, url, data):
    with time_machine.travel(at_noon(NOV_15), tick=False):
        client.force_login(user)
        return client.post(url, data)


def row_of(page: str, code: str) -> str:
    return page.split(f'data-code="{code}"')[1].split("</tr>")[0]


def test_the_nav_leads_to_the_indicators(client, leader, speech):
    page = get(client, leader, reverse("home")).text
    assert f'href="{reverse("indicator-list")}">经济指标</a>' in page


def test_the_list_as_of_2020_shows_the_speechs_figures_money_in_yi_yuan(client, leader, speech):
    page = get(client, leader, reverse("indicator-list"), year=2020).text
    assert "2020年经济指标" in page and "截至 2020-12-31" in page
    assert "95.60 亿元" in row_of(page, "gdp")
    assert "26.00 亿元" in row_of(page, "fixed_asset_investment")
    assert "116 家" in row_of(page, "resident_enterprises")
    assert "7.70 亿元" in row_of(page, "fiscal_revenue_total")
    assert "2.40 亿元" in row_of(page, "fiscal_revenue_local")
    population = row_of(page, "resident_population")
    assert "12.50 万人" in population and "25.00 万人" in population and "14.87%" in population
    rate = row_of(page, "urbanization_rate")
    assert "50.0%" in rate and "65.0%" in rate and "与分子、分母目标一致" in rate


def test_the_list_shows_growth_progress_required_growth_and_the_light(client, leader, figures):
    page = get(client, leader, reverse("indicator-list")).text
    assert "2026年经济指标" in page and "截至 2026-11-15" in page
    fai = row_of(page, "fixed_asset_investment")
    assert 'data-testid="latest">107.50 亿元' in fai and "2026年1–10月" in fai
    assert "+7.50%" in fai and "140.00 亿元" in fai and "76.79%" in fai
    assert "200.00 亿元" in fai and "10.76%" in fai and "自2025年起 5 年" in fai
    assert 'class="badge light-badge-yellow"' in fai and ">黄灯<" in fai
    assert "高于实际增速 7.50%，但不超过其1.5倍（11.25%）" in fai
    assert 'data-testid="light-counts"' in page and "黄灯 1" in page


def test_the_list_draws_its_trends_from_json_without_inline_script(client, leader, figures):
    page = get(client, leader, reverse("indicator-list")).text
    assert page.count('data-testid="trend"') == 8
    assert '<script id="indicator-trends" type="application/json">' in page
    assert "vendor/echarts/echarts.min.js" in page and "diaodu/indicators.js" in page
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    # Complete years only (2026 is not over); the unit in 亿元, JSON-escaped.
    trend = '"fixed_asset_investment": {"labels": ["2020", "2021", "2022", "2023", "2024", "2025"], '
    assert trend + '"values": ["26.00", null, null, null, null, "120.00"], "unit": "\\u4ebf\\u5143"' in page


def test_a_year_to_come_is_not_found(client, leader, speech):
    assert get(client, leader, reverse("indicator-list"), year=2027).status_code == 404


def test_the_list_runs_the_same_number_of_queries_whatever_the_number_of_values(client, leader, figures):
    with time_machine.travel(at_noon(NOV_15), tick=False):
        client.force_login(leader)
        client.get(reverse("indicator-list"))  # once first: what a session caches is not the page's count
        with CaptureQueriesContext(connection) as few:
            assert client.get(reverse("indicator-list")).status_code == 200
        for year in range(2010, 2020):
            for month in range(1, 13):
                put("fiscal_revenue_total", "month", dt.date(year, month, 1), 5000)
            put("resident_population", "year", dt.date(year, 1, 1), 10)
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("indicator-list"))
    assert len(many) == len(few)


def test_an_indicators_page_draws_its_years_and_months(client, leader, figures):
    page = get(client, leader, reverse("indicator-detail", args=["fixed_asset_investment"])).text
    assert 'data-testid="indicator-name">固定资产投资' in page
    assert 'data-testid="card-latest">107.50 亿元' in page and 'data-testid="card-growth">+7.50%' in page
    assert '<script id="indicator-yearly" type="application/json">' in page
    assert 'data-indicator-yearly="indicator-yearly"' in page and 'data-indicator-months="indicator-months"' in page
    # 2030's target, and the path from 120 亿元 in 2025 growing 10.76 % a year: 132.91 in 2026.
    assert '"targets": [null, null, null, null, null, null, "140.00", null, null, null, "200.00"]' in page
    assert '"path": [null, null, null, null, null, "120.00", "132.91"' in page
    assert '"this_year": ["10.75", "21.50"' in page
    assert page.count('data-testid="value-row"') == 23


def test_a_ratios_page_explains_it_and_offers_no_entry(client, dispatcher, figures):
    page = get(client, dispatcher, reverse("indicator-detail", args=["urbanization_rate"])).text
    assert 'data-testid="ratio-parts"' in page and "城镇人口</a> ÷" in page
    assert 'data-testid="value-form"' not in page and 'data-testid="ratio-note"' in page
    assert "与分子、分母目标一致（65.00%）" in page


def test_the_dispatch_office_enters_a_value_on_the_page(client, dispatcher, figures):
    url = reverse("indicator-value-enter", args=["fixed_asset_investment"])
    data = {"granularity": "month", "year": "2026", "month": "11", "value": "120000", "source": "区统计局11月快报"}
    with time_machine.travel(at_noon(dt.date(2026, 11, 30)), tick=False):
        client.force_login(dispatcher)
        answer = client.post(url, data)
    assert answer.status_code == 302
    record = IndicatorValue.objects.get(indicator__code="fixed_asset_investment", period_start=dt.date(2026, 11, 1))
    assert (record.value, record.source) == (Decimal(120000), "区统计局11月快报")


def test_the_value_forms_errors_speak_chinese_and_name_the_field(client, dispatcher, figures):
    url = reverse("indicator-value-enter", args=["fixed_asset_investment"])
    blank = post(client, dispatcher, url, {"granularity": "month", "year": "2026", "month": "", "value": ""}).text
    assert "请填写“数值”。" in blank and "按月录入时请选择“月份”。" in blank
    words = post(client, dispatcher, url, {"granularity": "year", "year": "二〇二六", "value": "十亿"}).text
    assert "“年度”应为四位数字，如 2026。" in words and "“数值”应为数字，如 26000.5。" in words
    future = post(client, dispatcher, url, {"granularity": "month", "year": "2026", "month": "12", "value": "1"}).text
    month_field = future.split('for="id_month"')[1].split("</div>")[0]
    assert "“周期”：2026年12月尚未开始，不能录入。" in month_field
    taken = post(client, dispatcher, url, {"granularity": "month", "year": "2026", "month": "10", "value": "1"}).text
    assert "2026年10月已有数值 10.75 亿元。" in taken


def test_a_value_is_corrected_from_its_row(client, dispatcher, figures):
    record = IndicatorValue.objects.get(indicator__code="fixed_asset_investment", period_start=dt.date(2026, 10, 1))
    detail = reverse("indicator-detail", args=["fixed_asset_investment"])
    page = get(client, dispatcher, detail, correct=record.pk).text
    assert "更正数值" in page
    assert 'name="replaces" value="107500.0000"' in page and 'value="10" selected' in page
    url = reverse("indicator-value-enter", args=["fixed_asset_investment"])
    data = {"granularity": "month", "year": "2026", "month": "10", "value": "109000", "replaces": "107500"}
    assert post(client, dispatcher, url, data).status_code == 302
    record.refresh_from_db()
    assert record.value == Decimal(109000)
    stale = post(client, dispatcher, url, data | {"value": "110000"}).text  # replaces 107500, now 109000
    assert "的数值已被他人改为 10.90 亿元（您看到的是 10.75 亿元）" in stale


def test_the_dispatch_office_sets_a_target(client, dispatcher, figures):
    url = reverse("indicator-target", args=["resident_population", 2030])
    assert 'data-testid="target-form"' in get(client, dispatcher, url).text
    data = {"value": "30", "is_plan_end": "on", "note": "十五五规划纲要"}
    answer = post(client, dispatcher, url, data)
    assert answer.status_code == 302 and answer.url.endswith("#targets")
    target = IndicatorTarget.objects.get(indicator__code="resident_population", year=2030)
    assert (target.value, target.is_plan_end, target.note) == (Decimal(30), True, "十五五规划纲要")
    page = get(client, dispatcher, reverse("indicator-list")).text
    assert "10.39%" in row_of(page, "resident_population")  # (30/18.3)^(1/5) − 1
    # Someone else changed it meanwhile: the form loaded with 30 is told, not obeyed.
    IndicatorTarget.objects.filter(pk=target.pk).update(value=Decimal(32))
    stale = post(client, dispatcher, url, data | {"value": "31", "replaces": "30"}).text
    assert "2030年目标的数值已被他人改为 32.00 万人（您看到的是 30.00 万人）" in stale
    blank = post(client, dispatcher, url, {"value": ""}).text
    assert "请填写“目标值”。" in blank


def test_the_year_box_leads_to_the_years_target_form(client, dispatcher, figures):
    url = reverse("indicator-target-pick", args=["gdp"])
    assert get(client, dispatcher, url, year="2027").url == reverse("indicator-target", args=["gdp", 2027])
    assert get(client, dispatcher, url, year="abc").url.endswith("#targets")


def test_the_form_offers_the_period_after_the_latest_one_typed(client, dispatcher, figures):
    fai = get(client, dispatcher, reverse("indicator-detail", args=["fixed_asset_investment"])).text
    assert 'value="month" selected' in fai and 'name="year" value="2026"' in fai and 'value="11" selected' in fai
    put("gdp", "quarter", dt.date(2026, 4, 1), 250000)
    gdp = get(client, dispatcher, reverse("indicator-detail", args=["gdp"])).text
    assert 'value="quarter" selected' in gdp and 'value="3" selected' in gdp  # the quarter after Q2
    population = get(client, dispatcher, reverse("indicator-detail", args=["resident_population"])).text
    assert 'value="year" selected' in population and 'name="year" value="2026"' in population
