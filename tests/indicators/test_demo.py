"""The demo indicators: years since the speech, last year and this year by month or quarter, targets; idempotent."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from diaodu.indicators.demo import seed_indicator_demo, yearly_values
from diaodu.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from diaodu.indicators.selectors import indicators_overview
from diaodu.indicators.sources import register_source
from tests.indicators.conftest import NOV_15
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = Decimal


def _counts() -> tuple[int, ...]:
    return (
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
        IndicatorTarget.objects.count(),
        IndicatorValue.history.count(),
        IndicatorTarget.history.count(),
    )


@pytest.fixture
def demo(speech):
    with time_machine.travel(at_noon(NOV_15), tick=False):
        summary = seed_indicator_demo()
    return summary


def test_the_demo_is_idempotent_and_deterministic(demo):
    counts = _counts()
    with time_machine.travel(at_noon(NOV_15), tick=False):
        assert seed_indicator_demo() == demo
    assert _counts() == counts
    assert demo == {"indicators": 8, "values": 121, "targets": 56, "green": 2, "yellow": 5, "red": 1}


def test_the_demo_reloads_the_speech_after_a_flush(db):
    IndicatorTarget.objects.all().delete()
    IndicatorValue.objects.all().delete()
    Indicator.objects.update(numerator=None, denominator=None)
    Indicator.objects.all().delete()
    with time_machine.travel(at_noon(NOV_15), tick=False):
        seed_indicator_demo()
    gdp_2020 = IndicatorValue.objects.get(indicator__code="gdp", period_start=dt.date(2020, 1, 1))
    assert gdp_2020.value == D(956000) and "讲话" in gdp_2020.source


def test_last_years_months_add_up_to_its_year_and_this_years_run_to_the_last_month_over(demo):
    fai = IndicatorValue.objects.filter(indicator__code="fixed_asset_investment")
    year_2025 = fai.get(granularity="year", period_start=dt.date(2025, 1, 1)).value
    assert year_2025 == yearly_values("fixed_asset_investment", 2025)[2025] == D(422150)
    assert sum(fai.filter(granularity="month", period_start__year=2025).values_list("value", flat=True)) == year_2025
    months_2026 = sorted(
        fai.filter(granularity="month", period_start__year=2026).values_list("period_start", flat=True)
    )
    assert [day.month for day in months_2026] == list(range(1, 11))  # November is not over on 15 November
    gdp_quarters = IndicatorValue.objects.filter(indicator__code="gdp", granularity="quarter", period_start__year=2026)
    assert gdp_quarters.count() == 3


def test_the_demo_gives_every_indicator_a_latest_value_a_growth_and_a_light(demo):
    rows = {row["code"]: row for row in indicators_overview(NOV_15)}
    assert all(row["latest_value"] is not None and row["growth"] is not None for row in rows.values())
    assert all(row["end_year"] == 2030 and row["light"] for row in rows.values())
    fai = rows["fixed_asset_investment"]
    assert (fai["latest_period"], fai["growth"], fai["light"]) == ("2026年1–10月", D("7.50"), "yellow")
    assert rows["fiscal_revenue_local"]["light"] == "red" and rows["gdp"]["light"] == "green"
    assert rows["urbanization_rate"]["target_check"]["consistent"]  # 21 ÷ 30 = 70 %
    # The speech's 2025 targets stay as the migration set them.
    assert IndicatorTarget.objects.get(indicator__code="resident_population", year=2025).value == D(25)
    assert rows["resident_population"]["latest_display"] == "18.30 万人"


def test_with_a_company_registry_the_demo_types_its_counts_so_history_and_live_reading_agree(speech):
    # A registry whose count rises by 5 each quarter from 116 at the end of 2020.
    def count(day):
        quarters = (day.year - 2021) * 4 + (day.month - 1) // 3 + 1
        return 116 + 5 * max(quarters, 0) if day.month % 3 == 0 and day.day >= 28 else None

    register_source("resident_enterprises", count)
    with time_machine.travel(at_noon(NOV_15), tick=False):
        seed_indicator_demo()
    typed = IndicatorValue.objects.filter(indicator__code="resident_enterprises")
    assert typed.get(granularity="year", period_start=dt.date(2025, 1, 1)).value == D(216)  # 116 + 5 × 20 quarters
    assert typed.get(granularity="quarter", period_start=dt.date(2026, 7, 1)).value == D(231)
    assert IndicatorTarget.objects.get(indicator__code="resident_enterprises", year=2026).value == D(238)  # 216 × 1.1
