"""The speech's indicators (seeded by the migration) and a few years of values around 15 November 2026.

`figures` adds, on top of the speech's 2020 values:
- 固定资产投资: 2025 by month (100 000 万元 a month = 120 亿元 for the year) and 2026 January–October at
  107 500 万元 a month (cumulative 107.5 亿元, +7.50 % on 1–10月 2025); a 2026 target of 140 亿元 and a 2030
  end-year target of 200 亿元;
- 常住人口 and 城镇人口: 2024 and 2025 year-end readings (16.8 → 18.3 万人, 9.9 → 11.05 万人);
- 入驻企业: quarter-end counts for Q3 2025 (177) and Q3 2026 (193).
"""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.indicators import sources
from diaodu.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from diaodu.org.choices import Role
from tests.conftest import make_user

NOV_15 = dt.date(2026, 11, 15)


def put(code: str, granularity: str, start: dt.date, value, source: str = "") -> IndicatorValue:
    return IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code),
        granularity=granularity,
        period_start=start,
        value=Decimal(str(value)),
        source=source,
    )


def aim(code: str, year: int, value, *, plan_end: bool = False) -> IndicatorTarget:
    return IndicatorTarget.objects.create(
        indicator=Indicator.objects.get(code=code), year=year, value=Decimal(str(value)), is_plan_end=plan_end
    )


@pytest.fixture
def speech(db) -> dict[str, Indicator]:
    """The eight indicators of the speech, by code (the data migration created them)."""
    return {indicator.code: indicator for indicator in Indicator.objects.all()}


@pytest.fixture
def figures(speech):
    for month in range(1, 13):
        put("fixed_asset_investment", "month", dt.date(2025, month, 1), 100000)
    for month in range(1, 11):
        put("fixed_asset_investment", "month", dt.date(2026, month, 1), 107500, "区统计局月报")
    aim("fixed_asset_investment", 2026, 1400000)
    aim("fixed_asset_investment", 2030, 2000000, plan_end=True)
    put("resident_population", "year", dt.date(2024, 1, 1), "16.8")
    put("resident_population", "year", dt.date(2025, 1, 1), "18.3")
    put("urban_population", "year", dt.date(2024, 1, 1), "9.9")
    put("urban_population", "year", dt.date(2025, 1, 1), "11.05")
    put("resident_enterprises", "quarter", dt.date(2025, 7, 1), 177)
    put("resident_enterprises", "quarter", dt.date(2026, 7, 1), 193)
    return speech


@pytest.fixture(autouse=True)
def typed_values_only():
    """These tests read typed values unless they register a source themselves (the investment app may have
    registered the enterprise count); the registry is put back as it was afterwards."""
    saved = dict(sources._sources)
    sources._sources.clear()
    yield
    sources._sources.clear()
    sources._sources.update(saved)


@pytest.fixture
def responsible_leader(db):
    return make_user("baobao", roles=[Role.RESPONSIBLE_LEADER], name="李明")
