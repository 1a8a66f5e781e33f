"""Indicator arithmetic, exact: flows summed, stocks at a point, ratios, growth, progress, required growth, lights."""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.indicators import arithmetic as a

D = Decimal
M, Q, Y = "month", "quarter", "year"


def series(*readings) -> a.Series:
    return a.Series(a.Reading(g, dt.date(*start), D(value)) for g, start, value in readings)


# --- periods ----------------------------------------------------------------------------------------------


def test_periods_begin_and_end_on_the_calendars_days():
    assert a.period_start(Q, dt.date(2026, 8, 19)) == dt.date(2026, 7, 1)
    assert a.period_end(Q, dt.date(2026, 7, 1)) == dt.date(2026, 9, 30)
    assert a.period_end(M, dt.date(2024, 2, 1)) == dt.date(2024, 2, 29)
    assert a.period_end(Y, dt.date(2025, 1, 1)) == dt.date(2025, 12, 31)
    assert a.is_period_start(Q, dt.date(2026, 10, 1)) and not a.is_period_start(Q, dt.date(2026, 11, 1))
    assert a.year_ago(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


# --- flows ------------------------------------------------------------------------------------------------


def test_a_flow_is_the_sum_of_its_months_from_january():
    flow = series((M, (2026, 1, 1), "100.5"), (M, (2026, 2, 1), "200.25"), (M, (2026, 3, 1), "300"))
    assert a.flow_cumulative(flow, 2026, 1) == D("100.5")
    assert a.flow_cumulative(flow, 2026, 3) == D("600.75")
    assert a.flow_cumulative(flow, 2026, 4) is None  # April is missing: no partial sum passed off as Jan–Apr


def test_a_typed_quarter_stands_for_its_three_months_and_a_typed_year_for_the_whole():
    flow = series(
        (Q, (2026, 1, 1), "1000"), (M, (2026, 1, 1), "1"), (M, (2026, 4, 1), "50"), (M, (2026, 5, 1), "60"),
        (Y, (2025, 1, 1), "9000"), (M, (2025, 1, 1), "700"),
    )  # fmt: skip
    assert a.flow_cumulative(flow, 2026, 3) == D(1000)  # the quarter, not January's 1
    assert a.flow_cumulative(flow, 2026, 5) == D(1110)
    assert a.flow_cumulative(flow, 2026, 2) is None  # a quarter cannot be cut: February alone is not typed
    assert a.flow_cumulative(flow, 2025, 12) == D(9000)  # the year typed wins over an incomplete set of months
    assert a.flow_cumulative(flow, 2025, 1) == D(700)


def test_a_flows_year_without_a_typed_year_value_is_the_sum_of_its_quarters_and_months():
    flow = series(
        (Q, (2025, 1, 1), "10"), (Q, (2025, 4, 1), "20"), (Q, (2025, 7, 1), "30"),
        (M, (2025, 10, 1), "4"), (M, (2025, 11, 1), "5"), (M, (2025, 12, 1), "6"),
    )  # fmt: skip
    assert a.flow_cumulative(flow, 2025, 12) == D(75)


def test_the_latest_value_of_a_flow_is_the_cumulative_to_its_last_complete_month():
    flow = a.FlowMeasure(
        series((Y, (2025, 1, 1), "1200"), *[(M, (2026, m, 1), "10") for m in range(1, 11)], (M, (2026, 12, 1), "9"))
    )
    point = a.latest(flow, dt.date(2026, 12, 5))
    assert (point.year, point.month, point.value) == (2026, 10, D(100))  # November missing: December cannot count
    assert a.latest(flow, dt.date(2026, 6, 15)) == a.Point(2026, 6, D(60))  # months not begun are not read
    assert a.latest(flow, dt.date(2025, 12, 31)) == a.Point(2025, 12, D(1200))
    assert a.latest_annual(flow, dt.date(2026, 12, 5)) == a.Point(2025, 12, D(1200))  # the last complete year


# --- stocks -----------------------------------------------------------------------------------------------


def test_a_stock_is_the_reading_at_the_end_of_the_month_preferring_year_then_quarter_then_month():
    stock = series((Y, (2025, 1, 1), "181"), (M, (2025, 12, 1), "180"), (Q, (2025, 10, 1), "179"),
                   (Q, (2026, 7, 1), "193"), (M, (2026, 9, 1), "192"), (M, (2026, 10, 1), "195"))  # fmt: skip
    assert a.stock_at(stock, 2025, 12) == D(181)
    assert a.stock_at(stock, 2026, 9) == D(193)
    assert a.stock_at(stock, 2026, 10) == D(195)
    assert a.stock_at(stock, 2026, 8) is None  # no reading at the end of August
    measure = a.StockMeasure(stock)
    assert a.latest(measure, dt.date(2026, 10, 20)) == a.Point(2026, 10, D(195))
    assert a.latest(measure, dt.date(2026, 9, 30)) == a.Point(2026, 9, D(193))
    assert a.latest(measure, dt.date(2026, 12, 31), year=2025) == a.Point(2025, 12, D(181))


def test_a_stock_is_never_summed():
    stock = a.StockMeasure(series((Q, (2026, 1, 1), "10"), (Q, (2026, 4, 1), "12"), (Q, (2026, 7, 1), "15")))
    assert a.latest(stock, dt.date(2026, 10, 1)).value == D(15)
    assert stock.value_at(2026, 12) is None


def test_a_live_reading_stands_for_its_month_and_is_latest():
    stock = a.StockMeasure(
        series((Y, (2025, 1, 1), "181"), (M, (2025, 11, 1), "178")),
        live={dt.date(2026, 11, 26): D(210), dt.date(2025, 11, 26): None},
    )
    point = a.latest(stock, dt.date(2026, 11, 26))
    assert point == a.Point(2026, 11, D(210), dt.date(2026, 11, 26))
    assert a.base_of(stock, point) == D(178)  # the source did not know last year: the typed reading of November


# --- ratios -----------------------------------------------------------------------------------------------


def test_a_ratio_is_numerator_over_denominator_times_100_rounded_half_up_to_four_places():
    assert a.ratio(D("6.25"), D("12.5")) == D("50.0000")
    assert a.ratio(D(1), D(3)) == D("33.3333")
    assert a.ratio(D(2), D(3)) == D("66.6667")
    assert a.ratio(D(1), D(0)) is None and a.ratio(None, D(3)) is None


def test_a_ratio_indicator_reads_both_parts_at_the_latest_period_they_share():
    urban = a.StockMeasure(series((Y, (2024, 1, 1), "9.9"), (Y, (2025, 1, 1), "11.05"), (M, (2026, 6, 1), "12")))
    population = a.StockMeasure(series((Y, (2024, 1, 1), "16.8"), (Y, (2025, 1, 1), "18.3")))
    rate = a.RatioMeasure(urban, population)
    point = a.latest(rate, dt.date(2026, 11, 1))
    assert point == a.Point(2025, 12, D("60.3825"))  # June 2026 has no population reading: back to 2025
    assert a.base_of(rate, point) == D("58.9286")
    assert a.growth(point.value, a.base_of(rate, point)) == D("2.47")


# --- growth, progress, required growth ----------------------------------------------------------------------


def test_growth_is_year_on_year_in_percent_rounded_half_up():
    assert a.growth(D("1038200"), D("956000")) == D("8.60")
    assert a.growth(D(193), D(177)) == D("9.04")
    assert a.growth(D(90), D(100)) == D("-10.00")
    assert a.growth(D("100.005"), D(100)) == D("0.01")  # 0.005 rounds half up
    assert a.growth(D(1), D(0)) is None and a.growth(D(1), None) is None


def test_a_flows_growth_compares_the_same_months_a_year_earlier():
    months_2025 = [(M, (2025, m, 1), "100") for m in range(1, 13)]
    months_2026 = [(M, (2026, m, 1), "107.5") for m in range(1, 11)]
    flow = a.FlowMeasure(series(*months_2025, *months_2026))
    point = a.latest(flow, dt.date(2026, 11, 26))
    assert (point.value, a.base_of(flow, point)) == (D("1075.0"), D(1000))
    assert a.growth(point.value, a.base_of(flow, point)) == D("7.50")


def test_progress_is_value_over_target():
    assert a.progress(D("372200"), D("472800")) == D("78.72")
    assert a.progress(D(65), D(65)) == D("100.00")
    assert a.progress(D(1), D(0)) is None and a.progress(None, D(1)) is None


def test_required_growth_is_the_compound_rate_from_the_latest_value_to_the_end_year_target():
    assert a.required_growth(D("12.5"), D(25), 5) == D("14.87")  # 2^(1/5) − 1 = 0.148698…
    assert a.required_growth(D("18.3"), D(30), 5) == D("10.39")  # (30/18.3)^(1/5) − 1 = 0.103898…
    assert a.required_growth(D(193), D(300), 4) == D("11.66")  # (300/193)^(1/4) − 1 = 0.116606…
    assert a.required_growth(D(100), D(121), 2) == D("10.00")  # exact: 1.1² = 1.21
    assert a.required_growth(D(100), D(108), 1) == D("8.00")
    assert a.required_growth(D(100), D(90), 2) == D("-5.13")  # the target is already exceeded
    assert a.required_growth(D(100), D(120), 0) is None  # the end year has been reached
    assert a.required_growth(D(0), D(120), 3) is None and a.required_growth(D(10), None, 3) is None


# --- the light --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("required", "achieved", "light"),
    [
        ("-1.00", None, "green"),  # the target is already reached
        ("0.00", "-3.00", "green"),
        ("8.00", "8.00", "green"),  # required = achieved
        ("8.01", "8.00", "yellow"),
        ("12.00", "8.00", "yellow"),  # required = 1.5 × achieved
        ("12.01", "8.00", "red"),
        ("0.01", "0.00", "red"),  # standing still while it must grow
        ("3.00", "-2.00", "red"),
        ("3.00", None, None),  # nothing achieved to compare with
    ],
)
def test_the_light_bands_at_their_boundaries(required, achieved, light):
    assert a.light(D(required), None if achieved is None else D(achieved)) == light


def test_no_required_growth_gives_no_light_and_the_end_year_is_met_or_missed():
    assert a.light(None, D(5)) is None
    assert a.plan_end_light(D(25), D(25)) == "green"
    assert a.plan_end_light(D("18.3"), D(25)) == "red"
    assert a.plan_end_light(None, D(25)) is None
