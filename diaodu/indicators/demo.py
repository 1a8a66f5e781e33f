"""Demo values of the indicators: the years since the speech, last year and this year by month or quarter, targets.

On top of the speech's figures (catalogue.py, seeded by the migration and again here after a test flush):

- a yearly value from 2021 to last year, grown from 2020 at the rates below (after 2025 at the `LATER` rate);
- for the flows, last year and this year by month (固定资产投资, 财政收入) or quarter (地区生产总值), for the months
  and quarters already over on the day the demo is loaded; last year's sum to its yearly value, and this year's
  are last year's grown at the `LATER` rate, so that the cumulative growth this year is about that rate;
- for the enterprises, last year's and this year's quarter-end counts (Q1–Q3), likewise;
- annual targets from 2021 to this year: a flow's (and the enterprises') is last year's value grown at the
  planned rate; the population's and the urbanisation rate's lie on the path from the plan's base year to its
  end-year target (2020 → 2025 from the speech, then 2025 → 2030);
- end-year targets for 2030, the end of the 十五五 plan: demo values (the speech predates that plan).

The enterprise count follows the company registry where that is kept: when a live source is registered for
入驻企业 (the investment app's `resident_enterprises`), the demo types the source's counts at each year end and
quarter end instead of the table below, so that the typed history and the live reading tell one story.

Deterministic (no randomness; dates follow `timezone.localdate()`) and idempotent: rows are upserted by
period or year and saved only when a value differs, each with the change reason "演示数据".
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from . import catalogue
from .arithmetic import month_end
from .choices import Granularity, OutlookLight
from .models import Indicator, IndicatorTarget, IndicatorValue
from .selectors import indicators_overview
from .sources import is_registered, read_source

REASON = "演示数据"
DEMO_SOURCE = "演示数据"
D = Decimal

# code → (rounding step, {year: growth % over the year before} from 2021 to 2025, growth % after 2025)
GROWTH = {
    "gdp": (D(100), {2021: D("8.6"), 2022: D("3.9"), 2023: D("6.8"), 2024: D("6.1"), 2025: D("5.7")}, D("6.0")),
    "fixed_asset_investment": (
        D(10), {2021: D("15.2"), 2022: D("6.4"), 2023: D("9.8"), 2024: D("11.5"), 2025: D("8.2")}, D("7.5"),
    ),
    "fiscal_revenue_total": (
        D(10), {2021: D("9.1"), 2022: D("2.6"), 2023: D("7.4"), 2024: D("5.2"), 2025: D("4.8")}, D("5.5"),
    ),
    "fiscal_revenue_local": (
        D(10), {2021: D("8.3"), 2022: D("1.2"), 2023: D("6.6"), 2024: D("4.1"), 2025: D("3.9")}, D("4.5"),
    ),
}  # fmt: skip
# Stocks given year by year from 2020 (the 2020 figures are the catalogue's), then grown at the rate after 2025.
STOCKS = {
    "resident_enterprises": (D(1), [D(116), D(128), D(139), D(151), D(166), D(181)], D("9.0")),
    "resident_population": (D("0.01"), [D("12.5"), D("13.3"), D("14.2"), D("15.4"), D("16.8"), D("18.3")], D("8.0")),
    "urban_population": (D("0.01"), [D("6.25"), D("6.95"), D("7.75"), D("8.80"), D("9.90"), D("11.05")], D("10.0")),
}  # fmt: skip
# How a flow's year falls across its months or quarters (the last takes the remainder).
MONTH_SHARES = {
    "fixed_asset_investment": [D(x) for x in ("0.02 0.04 0.07 0.08 0.09 0.11 0.10 0.10 0.11 0.10 0.10 0.08".split())],
    "fiscal_revenue_total": [D(x) for x in ("0.10 0.07 0.08 0.09 0.09 0.08 0.08 0.07 0.08 0.08 0.08 0.10".split())],
    "fiscal_revenue_local": [D(x) for x in ("0.10 0.07 0.08 0.09 0.09 0.08 0.08 0.07 0.08 0.08 0.08 0.10".split())],
}
QUARTER_SHARES = {"gdp": [D("0.21"), D("0.24"), D("0.26"), D("0.29")]}
# Annual targets of the flows and the enterprises: last year's value grown at this planned rate (%).
PLANNED_GROWTH = {
    "gdp": D("7.5"),
    "fixed_asset_investment": D("12"),
    "fiscal_revenue_total": D("7"),
    "fiscal_revenue_local": D("7"),
    "resident_enterprises": D("10"),
}
# Annual targets on the path to the plan's end-year target (population, urban population, urbanisation rate).
PATH_TARGETS = ("resident_population", "urban_population", "urbanization_rate")
NEXT_PLAN_END = 2030
NEXT_PLAN_NOTE = "演示值：“十五五”规划期末目标（讲话早于该规划，系假设）"
NEXT_PLAN_TARGETS = {
    "gdp": D(1700000),
    "fixed_asset_investment": D(700000),
    "fiscal_revenue_total": D(120000),
    "fiscal_revenue_local": D(50000),
    "resident_enterprises": D(300),
    "resident_population": D(30),
    "urban_population": D(21),
    "urbanization_rate": D(70),
}


def _round(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(D(1), rounding=ROUND_HALF_UP) * step


def _grow(value: Decimal, percent: Decimal, step: Decimal) -> Decimal:
    return _round(value * (1 + percent / 100), step)


def _registry_count(code: str, day: dt.date) -> Decimal | None:
    """The registered live source's count on `day` for the enterprises; None for the others or without one."""
    source = catalogue_live_sources().get(code)
    return read_source(source, day) if source and is_registered(source) else None


def catalogue_live_sources() -> dict[str, str]:
    return {code: live for code, _n, _u, _k, _d, _s, live, _o, _note in catalogue.INDICATORS if live}


def yearly_values(code: str, last_year: int) -> dict[int, Decimal]:
    """The demo's year values of a flow or stock from 2020 to `last_year`, from the registry where one answers."""
    values = _table_values(code, last_year)
    for year in values:
        if year > catalogue.BASE_YEAR:
            counted = _registry_count(code, dt.date(year, 12, 31))
            if counted is not None:
                values[year] = counted
    return values


def _table_values(code: str, last_year: int) -> dict[int, Decimal]:
    if code in GROWTH:
        step, rates, later = GROWTH[code]
        values = {catalogue.BASE_YEAR: dict((c, v) for c, v, _s in catalogue.BASE_VALUES)[code]}
        for year in range(catalogue.BASE_YEAR + 1, last_year + 1):
            values[year] = _grow(values[year - 1], rates.get(year, later), step)
        return values
    step, given, later = STOCKS[code]
    values = {catalogue.BASE_YEAR + offset: value for offset, value in enumerate(given)}
    for year in range(catalogue.BASE_YEAR + len(given), last_year + 1):
        values[year] = _grow(values[year - 1], later, step)
    return {year: value for year, value in values.items() if year <= last_year}


def _split(total: Decimal, shares: list[Decimal], step: Decimal) -> list[Decimal]:
    parts = [_round(total * share, step) for share in shares[:-1]]
    return [*parts, total - sum(parts)]


def _later_rate(code: str) -> Decimal:
    return (GROWTH.get(code) or STOCKS[code])[2]


def demo_values(today: dt.date) -> list[tuple[str, str, dt.date, Decimal]]:
    """(code, granularity, period start, value) of every demo value on `today`."""
    this_year, last_year = today.year, today.year - 1
    rows = []
    for code in [*GROWTH, *STOCKS]:
        years = yearly_values(code, last_year)
        for year, value in years.items():
            if year > catalogue.BASE_YEAR:
                rows.append((code, Granularity.YEAR, dt.date(year, 1, 1), value))
        step = (GROWTH.get(code) or STOCKS[code])[0]
        rate = _later_rate(code)
        if code in MONTH_SHARES:
            before = _split(years[last_year], MONTH_SHARES[code], step)
            for month, value in enumerate(before, start=1):
                rows.append((code, Granularity.MONTH, dt.date(last_year, month, 1), value))
                if month_end(this_year, month) < today:
                    rows.append((code, Granularity.MONTH, dt.date(this_year, month, 1), _grow(value, rate, step)))
        if code in QUARTER_SHARES:
            before = _split(years[last_year], QUARTER_SHARES[code], step)
            for quarter, value in enumerate(before, start=1):
                first = quarter * 3 - 2
                rows.append((code, Granularity.QUARTER, dt.date(last_year, first, 1), value))
                if month_end(this_year, first + 2) < today:
                    rows.append((code, Granularity.QUARTER, dt.date(this_year, first, 1), _grow(value, rate, step)))
        if code == "resident_enterprises":
            # Quarter-end counts between last year's two year-ends, and this year's grown from them.
            start, end = years[last_year - 1], years[last_year]
            for quarter in (1, 2, 3):
                first = quarter * 3 - 2
                value = _registry_count(code, month_end(last_year, first + 2))
                value = _round(start + (end - start) * quarter / 4, step) if value is None else value
                rows.append((code, Granularity.QUARTER, dt.date(last_year, first, 1), value))
                if month_end(this_year, first + 2) < today:
                    later = _registry_count(code, month_end(this_year, first + 2))
                    later = _grow(value, rate, step) if later is None else later
                    rows.append((code, Granularity.QUARTER, dt.date(this_year, first, 1), later))
    return rows


def _path(base: Decimal, target: Decimal, step_in: int, steps: int, places: Decimal) -> Decimal:
    """The value `step_in` years along the geometric path from `base` to `target` in `steps` years."""
    factor = (target / base) ** (D(step_in) / D(steps))
    return (base * factor).quantize(places, rounding=ROUND_HALF_UP)


def demo_targets(today: dt.date) -> list[tuple[str, int, Decimal, bool, str]]:
    """(code, year, value, is plan end, note) of every demo target; the speech's 2025 targets are the catalogue's."""
    this_year, last_year = today.year, today.year - 1
    rows = []
    for code, value in NEXT_PLAN_TARGETS.items():
        rows.append((code, NEXT_PLAN_END, value, True, NEXT_PLAN_NOTE))
    for code, rate in PLANNED_GROWTH.items():
        years = yearly_values(code, last_year)
        step = (GROWTH.get(code) or STOCKS[code])[0]
        for year in range(catalogue.BASE_YEAR + 1, this_year + 1):
            rows.append((code, year, _grow(years[year - 1], rate, step), False, f"演示值：按上年实际增长{rate}%"))
    speech_targets = {code: value for code, value, _basis in catalogue.PLAN_END_TARGETS}
    population = yearly_values("resident_population", max(last_year, catalogue.PLAN_END_YEAR))
    urban = yearly_values("urban_population", max(last_year, catalogue.PLAN_END_YEAR))
    bases = {
        "resident_population": population,
        "urban_population": urban,
        "urbanization_rate": {year: urban[year] / population[year] * 100 for year in population},
    }
    for code in PATH_TARGETS:
        places = D("0.1") if code == "urbanization_rate" else D("0.01")
        plans = [
            (catalogue.BASE_YEAR, catalogue.PLAN_END_YEAR, speech_targets[code]),
            (catalogue.PLAN_END_YEAR, NEXT_PLAN_END, NEXT_PLAN_TARGETS[code]),
        ]
        for base_year, end_year, target in plans:
            base = bases[code][base_year]
            for year in range(base_year + 1, min(end_year - 1, this_year) + 1):
                value = _path(base, target, year - base_year, end_year - base_year, places)
                rows.append((code, year, value, False, "演示值：按规划期末目标的年均增长路径分解"))
    return rows


@transaction.atomic
def seed_indicator_demo(today: dt.date | None = None) -> dict:
    """Load the speech's indicators and the demo's values and targets; safe to run again."""
    today = today or timezone.localdate()
    indicators = catalogue.seed_indicators(Indicator, IndicatorValue, IndicatorTarget)
    existing = {
        (value.indicator_id, value.granularity, value.period_start): value for value in IndicatorValue.objects.all()
    }
    for code, granularity, start, figure in demo_values(today):
        indicator = indicators[code]
        record = existing.get((indicator.pk, granularity, start))
        if record is None:
            record = IndicatorValue(indicator=indicator, granularity=granularity, period_start=start)
        elif record.value == figure:
            continue
        record.value = figure
        record.source = record.source or DEMO_SOURCE
        record._change_reason = f"{REASON}：{record.period_label}"
        record.save()
    targets = {(target.indicator_id, target.year): target for target in IndicatorTarget.objects.all()}
    for code, year, figure, plan_end, note in demo_targets(today):
        indicator = indicators[code]
        record = targets.get((indicator.pk, year))
        if record is None:
            record = IndicatorTarget(indicator=indicator, year=year)
        elif (record.value, record.is_plan_end) == (figure, plan_end):
            continue
        record.value, record.is_plan_end = figure, plan_end
        record.note = record.note or note
        record._change_reason = REASON
        record.save()
    rows = indicators_overview(today)
    return {
        "indicators": len(indicators),
        "values": IndicatorValue.objects.count(),
        "targets": IndicatorTarget.objects.count(),
        **{light.value: sum(row["light"] == light for row in rows) for light in OutlookLight},
    }
