"""In Chromium: the indicators against their targets with every chart drawn from the demo's data (screenshots in
var/e2e/). Run with the browser tests: `pytest -m e2e`."""

import datetime as dt

import pytest
from django.utils import timezone

from diaodu.indicators.demo import seed_indicator_demo
from diaodu.indicators.models import IndicatorValue

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_the_zone_leader_sees_every_indicator_with_its_trend_and_light(page, shot):
    seed_indicator_demo()  # the flush between browser tests took the migration's speech figures: reloaded here
    log_in(page, "leader")
    page.goto(f"{page.base_url}/indicators/")
    rows = page.locator("[data-testid=indicator-row]")
    assert rows.count() == 8
    page.wait_for_function("document.querySelectorAll('[data-testid=trend][data-rendered=true]').length === 8")
    assert page.locator("[data-testid=trend] canvas").count() == 8
    fai = rows.filter(has_text="固定资产投资")
    assert "亿元" in fai.locator("[data-testid=latest]").inner_text()
    assert fai.locator("[data-testid=light] .badge").inner_text() in {"绿灯", "黄灯", "红灯"}
    points = page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-indicator-trend=gdp]')).getOption()"
        ".series[0].data.filter(v => v !== null).length"
    )
    assert points == timezone.localdate().year - 2020  # 2020 to last year
    assert shot(page, "indicators_list").stat().st_size > 40_000


def test_an_indicators_page_draws_its_years_and_months_and_takes_a_value(page, shot):
    seed_indicator_demo()
    log_in(page, "dispatch")
    page.goto(f"{page.base_url}/indicators/fixed_asset_investment/")
    page.wait_for_selector("[data-testid=indicator-yearly][data-rendered=true]")
    page.wait_for_selector("[data-testid=indicator-months][data-rendered=true]")
    series = page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-indicator-yearly]')).getOption().series"
        ".map(s => [s.name, s.data.filter(v => v !== null).length])"
    )
    counts = dict(series)
    year = timezone.localdate().year
    assert counts["实际"] == year - 2020 and counts["年度目标"] >= 6  # complete years; this year's cumulative apart:
    assert series[1][0].startswith(f"{year}年") and series[1][1] == 1
    assert counts["规划期末目标"] == 1 and counts["所需路径"] == 6  # 2025 to 2030
    assert shot(page, "indicator_detail").stat().st_size > 40_000

    today = timezone.localdate()
    page.select_option("#id_granularity", "year")
    page.fill("#id_year", str(today.year - 7))
    page.fill("#id_value", "")
    page.click("[data-testid=value-submit]")
    assert page.locator("[data-testid=field-error]").first.inner_text() == "请填写“数值”。"
    page.fill("#id_value", "231000")
    page.fill("#id_source", "区统计局年报")
    page.click("[data-testid=value-submit]")
    page.wait_for_selector("[data-testid=indicator-yearly][data-rendered=true]")
    typed = IndicatorValue.objects.get(
        indicator__code="fixed_asset_investment", period_start=dt.date(today.year - 7, 1, 1)
    )
    assert typed.source == "区统计局年报"
