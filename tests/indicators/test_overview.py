"""The speech's figures as the migration seeds them, and the overview the cockpit reads."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diaodu.indicators.catalogue import seed_indicators
from diaodu.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from diaodu.indicators.selectors import indicators_overview
from tests.indicators.conftest import NOV_15, aim, put
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = Decimal


def by_code(rows) -> dict[str, dict]:
    return {row["code"]: row for row in rows}


def test_the_migration_seeds_the_speechs_indicators_2020_figures_in_wan_yuan_and_2025_targets(speech):
    assert list(speech) == [
        "gdp", "fixed_asset_investment", "fiscal_revenue_total", "fiscal_revenue_local",
        "resident_enterprises", "resident_population", "urban_population", "urbanization_rate",
    ]  # fmt: skip
    values = dict(
        IndicatorValue.objects.filter(period_start=dt.date(2020, 1, 1)).values_list("indicator__code", "value")
    )
    assert values == {
        "gdp": D("956000"),  # 95.6 亿元
        "fixed_asset_investment": D("260000"),
        "fiscal_revenue_total": D("77000"),
        "fiscal_revenue_local": D("24000"),
        "resident_enterprises": D("116"),
        "resident_population": D("12.5"),  # demo values: the speech gives no 2020 population
        "urban_population": D("6.25"),
    }
    assert "演示值" in IndicatorValue.objects.get(indicator__code="resident_population").source
    targets = dict(IndicatorTarget.objects.filter(year=2025, is_plan_end=True).values_list("indicator__code", "value"))
    assert targets == {"resident_population": D(25), "urban_population": D("16.25"), "urbanization_rate": D(65)}
    rate = speech["urbanization_rate"]
    assert (rate.kind, rate.numerator.code, rate.denominator.code) == (
        "ratio",
        "urban_population",
        "resident_population",
    )
    assert speech["resident_enterprises"].registry_source == "resident_enterprises"


def test_seeding_again_changes_nothing_and_leaves_an_offices_correction_alone(speech):
    IndicatorValue.objects.filter(indicator__code="resident_population").update(value=D("13.1"), source="统计公报")
    counts = (Indicator.objects.count(), IndicatorValue.objects.count(), IndicatorTarget.objects.count())
    seed_indicators(Indicator, IndicatorValue, IndicatorTarget)
    assert (Indicator.objects.count(), IndicatorValue.objects.count(), IndicatorTarget.objects.count()) == counts
    assert IndicatorValue.objects.get(indicator__code="resident_population").value == D("13.1")


def test_as_of_2020_the_overview_shows_the_speech_and_the_growth_the_2025_targets_require(speech):
    rows = by_code(indicators_overview(dt.date(2020, 12, 31)))
    gdp = rows["gdp"]
    assert (gdp["latest_value"], gdp["latest_period"], gdp["latest_display"]) == (D(956000), "2020年", "95.60 亿元")
    assert rows["resident_enterprises"]["latest_display"] == "116 家"
    assert rows["resident_enterprises"]["latest_period"] == "2020年末"
    assert rows["fiscal_revenue_local"]["latest_display"] == "2.40 亿元"
    population = rows["resident_population"]
    assert (population["end_year"], population["years_left"], population["required_growth"]) == (2025, 5, D("14.87"))
    assert population["light"] is None  # no 2019 figure: nothing achieved to compare with
    assert "缺少上年同期数据" in population["light_reason"]
    rate = rows["urbanization_rate"]
    assert (rate["latest_value"], rate["latest_display"]) == (D("50.0000"), "50.0%")
    assert rate["required_growth"] == D("5.39")  # (65/50)^(1/5) − 1 = 0.053874…
    assert rate["target_check"] == {"year": 2025, "target": D(65), "implied": D("65.0000"), "consistent": True}


def test_targets_given_separately_are_flagged_when_they_disagree(speech):
    IndicatorTarget.objects.filter(indicator__code="urban_population", year=2025).update(value=D(16))
    rate = by_code(indicators_overview(dt.date(2021, 6, 30)))["urbanization_rate"]
    assert rate["target_check"]["implied"] == D("64.0000") and not rate["target_check"]["consistent"]


def test_on_15_november_2026_the_overview_reads_the_cumulative_the_year_end_and_the_quarter_end(figures):
    rows = by_code(indicators_overview(NOV_15))
    fai = rows["fixed_asset_investment"]
    assert (fai["latest_value"], fai["latest_period"], fai["latest_display"]) == (
        D(1075000),
        "2026年1–10月",
        "107.50 亿元",
    )
    assert (fai["growth"], fai["target"], fai["progress"]) == (D("7.50"), D(1400000), D("76.79"))
    # 2030: from 120 亿元 (2025, the last complete year) to 200 亿元 in 5 years: (5/3)^(1/5) − 1 = 0.107566…
    assert (fai["annual_year"], fai["years_left"], fai["required_growth"]) == (2025, 5, D("10.76"))
    assert fai["light"] == "yellow"  # 10.76 > 7.50, ≤ 11.25
    assert fai["light_reason"] == "到2030年需年均增长 10.76%，高于实际增速 7.50%，但不超过其1.5倍（11.25%）。"
    enterprises = rows["resident_enterprises"]
    assert (enterprises["latest_value"], enterprises["latest_period"], enterprises["growth"]) == (
        D(193),
        "2026年9月末",
        D("9.04"),
    )
    population = rows["resident_population"]
    assert (population["latest_value"], population["latest_period"], population["growth"]) == (
        D("18.3"),
        "2025年末",
        D("8.93"),
    )
    assert population["progress"] is None  # nothing read in 2026 yet
    assert population["end_year"] is None and population["light"] is None  # 2025 is over; no 2030 target yet
    assert population["light_reason"] == "未设定规划期末目标。"
    rate = rows["urbanization_rate"]
    assert (rate["latest_value"], rate["growth"]) == (D("60.3825"), D("2.47"))
    assert rate["change"] == D("1.4539")  # in points: 60.3825 − 58.9286


def test_the_end_year_once_reached_is_met_or_missed(figures):
    rows = by_code(indicators_overview(dt.date(2025, 12, 31)))
    population = rows["resident_population"]
    assert (population["end_year"], population["years_left"], population["required_growth"]) == (2025, 0, None)
    assert population["light"] == "red"
    assert population["light_reason"] == "已到规划期末（2025年）：18.30 万人，未达到目标 25.00 万人。"


def test_an_indicator_beyond_its_target_is_green(figures):
    aim("resident_population", 2030, "18", plan_end=True)
    population = by_code(indicators_overview(NOV_15))["resident_population"]
    assert population["required_growth"] == D("-0.33") and population["light"] == "green"
    assert population["light_reason"] == "最新值已达到2030年目标。"


def test_the_overview_reads_three_queries_whatever_the_number_of_values(figures):
    with CaptureQueriesContext(connection) as few:
        indicators_overview(NOV_15)
    for year in range(2005, 2020):
        for month in range(1, 13):
            put("fiscal_revenue_total", "month", dt.date(year, month, 1), 5000)
    with CaptureQueriesContext(connection) as many:
        indicators_overview(NOV_15)
    assert len(few) == len(many) == 3


def test_the_overview_defaults_to_today(figures):
    with time_machine.travel(at_noon(NOV_15), tick=False):
        rows = by_code(indicators_overview())
    assert rows["fixed_asset_investment"]["target_year"] == 2026
    assert rows["fixed_asset_investment"]["latest_period"] == "2026年1–10月"
