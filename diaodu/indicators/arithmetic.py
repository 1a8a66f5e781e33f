"""Indicator arithmetic: pure functions over typed readings, in Decimal throughout (no database, no float).

Readings and periods
--------------------
A reading is a value typed for a month, a quarter or a year (`Reading`). A *period* is named by the last
month it covers, `(year, month)`:

- a **flow** (固定资产投资, 财政收入, 地区生产总值) is summed over months: its value at `(year, month)` is the
  cumulative from January to that month (累计值, "2026年1–10月"). A typed year value is used for the whole
  year; otherwise typed quarters and months are summed, a typed quarter standing for its three months. The
  cumulative exists only when every month from January on is covered: a gap gives no value, never a
  partial sum passed off as the whole.
- a **stock** (常住人口, 入驻企业数) is read at a point: its value at `(year, month)` is the reading taken at the
  end of that month — a year reading (at 31 December), a quarter reading (at the end of its last month) or
  a month reading, preferred in that order when several stand at the same point. A live source (see
  sources.py) adds readings on given days; a live reading stands for the month it falls in.
- a **ratio** (城镇化率) is never typed: numerator ÷ denominator × 100 at the same period, each part read by
  its own kind; rounded half up to 0.0001.

The *latest* value is the value at the latest period that has one, looking only at readings whose period
has begun on the day asked about (a month typed on 26 November for November counts on that day).

Computed figures (all in %, rounded half up to 0.01, and compared as rounded)
---------------------------------------------------------------------------
- growth (同比): value at `(year, month)` ÷ value at `(year − 1, month)` − 1 — for a flow the cumulative of
  the same months a year earlier (累计增速), for a stock the reading at the same point a year earlier.
  None without a base or when the base is 0.
- progress against a target: value ÷ target × 100.
- required annual growth to an end-year target: `(target / latest) ^ (1 / years_left) − 1`, where
  `years_left = end_year − latest_year` and `latest` is the latest annual value (a flow's last complete
  year; a stock's or a ratio's latest reading, counted in the year it was taken). None when
  `years_left ≤ 0` (the end year has been reached: the target is then met or missed) or when either
  figure is not positive. Higher is better for every indicator.

The light (亮灯) on the required growth r against what has been achieved, a (the latest actual growth)
--------------------------------------------------------------------------------------------------
- green:  r ≤ 0 (the latest value already reaches the target), or r ≤ a;
- yellow: a > 0 and a < r ≤ 1.5 × a (the pace must rise by at most half of itself);
- red:    r > 1.5 × a, or a ≤ 0 while r > 0 (the indicator stands still or shrinks while it must grow);
- none:   no required growth, or r > 0 with no achieved growth to compare it with.
Once the end year has been reached (years_left ≤ 0): green when the latest value reaches the target,
red when it does not (`plan_end_light`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .choices import Granularity, IndicatorKind, OutlookLight

PERCENT = Decimal("0.01")
RATIO_PRECISION = Decimal("0.0001")
HUNDRED = Decimal(100)
YELLOW_FACTOR = Decimal("1.5")
QUARTER_FIRST_MONTHS = (1, 4, 7, 10)

Period = tuple[int, int]  # (year, last month covered)


# --- periods -------------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_start(granularity: str, day: dt.date) -> dt.date:
    """The first day of the month, quarter or year that `day` falls in."""
    if granularity == Granularity.YEAR:
        return dt.date(day.year, 1, 1)
    if granularity == Granularity.QUARTER:
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return dt.date(day.year, day.month, 1)


def is_period_start(granularity: str, day: dt.date) -> bool:
    return period_start(granularity, day) == day


def period_end(granularity: str, start: dt.date) -> dt.date:
    """The last day of the period that begins on `start`."""
    if granularity == Granularity.YEAR:
        return dt.date(start.year, 12, 31)
    if granularity == Granularity.QUARTER:
        return month_end(start.year, start.month + 2)
    return month_end(start.year, start.month)


def year_ago(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


# --- readings --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A value typed for one month, quarter or year."""

    granularity: str
    start: dt.date
    value: Decimal

    @property
    def end(self) -> dt.date:
        return period_end(self.granularity, self.start)


class Series:
    """The typed readings of one indicator, indexed by granularity and period start."""

    def __init__(self, readings: Iterable[Reading] = ()):
        self.readings = sorted(readings, key=lambda r: (r.start, r.granularity))
        self._index = {(r.granularity, r.start): r.value for r in self.readings}

    def get(self, granularity: str, start: dt.date) -> Decimal | None:
        return self._index.get((granularity, start))

    def begun_by(self, as_of: dt.date) -> list[Reading]:
        return [r for r in self.readings if r.start <= as_of]

    def __len__(self):
        return len(self.readings)


@dataclass(frozen=True)
class Point:
    """A value at a period: the cumulative to `month` (a flow) or the reading at its end (a stock, a ratio).

    `day` is set for a live reading: the day the source was read.
    """

    year: int
    month: int
    value: Decimal
    day: dt.date | None = None

    @property
    def period(self) -> Period:
        return (self.year, self.month)


# --- the three kinds -------------------------------------------------------------------------------------


def flow_cumulative(series: Series, year: int, through_month: int) -> Decimal | None:
    """January to `through_month` of `year`, when every month is covered (see the module's docstring)."""
    if through_month == 12:
        typed = series.get(Granularity.YEAR, dt.date(year, 1, 1))
        if typed is not None:
            return typed
    total = Decimal(0)
    month = 1
    while month <= through_month:
        if month in QUARTER_FIRST_MONTHS and month + 2 <= through_month:
            quarter = series.get(Granularity.QUARTER, dt.date(year, month, 1))
            if quarter is not None:
                total += quarter
                month += 3
                continue
        value = series.get(Granularity.MONTH, dt.date(year, month, 1))
        if value is None:
            return None
        total += value
        month += 1
    return total


def stock_at(series: Series, year: int, month: int) -> Decimal | None:
    """The reading taken at the end of `month` of `year`: a year, quarter or month reading, in that order."""
    if month == 12:
        typed = series.get(Granularity.YEAR, dt.date(year, 1, 1))
        if typed is not None:
            return typed
    if month % 3 == 0:
        typed = series.get(Granularity.QUARTER, dt.date(year, month - 2, 1))
        if typed is not None:
            return typed
    return series.get(Granularity.MONTH, dt.date(year, month, 1))


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator ÷ denominator × 100, rounded half up to 0.0001; None without both parts or over 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return (numerator / denominator * HUNDRED).quantize(RATIO_PRECISION, rounding=ROUND_HALF_UP)


class Measure:
    """An indicator's values by period, read by its kind (see the selectors' `load_board`)."""

    kind: str

    def value_at(self, year: int, month: int) -> Decimal | None:
        raise NotImplementedError

    def periods(self, as_of: dt.date) -> list[Period]:
        """Candidate periods, latest first: where a reading begun by `as_of` ends."""
        raise NotImplementedError

    def day_of(self, year: int, month: int) -> dt.date | None:
        """The day of a live reading standing for the period, if one does."""
        return None


class FlowMeasure(Measure):
    kind = IndicatorKind.FLOW

    def __init__(self, series: Series):
        self.series = series

    def value_at(self, year, month):
        return flow_cumulative(self.series, year, month)

    def periods(self, as_of):
        return sorted({(r.end.year, r.end.month) for r in self.series.begun_by(as_of)}, reverse=True)


class StockMeasure(Measure):
    """A stock; `live` maps a day to a reading from a live source, which stands for the month it falls in."""

    kind = IndicatorKind.STOCK

    def __init__(self, series: Series, live: dict[dt.date, Decimal] | None = None):
        self.series = series
        self.live = {(day.year, day.month): (day, value) for day, value in (live or {}).items() if value is not None}

    def value_at(self, year, month):
        if (year, month) in self.live:
            return self.live[(year, month)][1]
        return stock_at(self.series, year, month)

    def day_of(self, year, month):
        entry = self.live.get((year, month))
        return entry[0] if entry else None

    def periods(self, as_of):
        typed = {(r.end.year, r.end.month) for r in self.series.begun_by(as_of)}
        live = {period for period, (day, _value) in self.live.items() if day <= as_of}
        return sorted(typed | live, reverse=True)


class RatioMeasure(Measure):
    kind = IndicatorKind.RATIO

    def __init__(self, numerator: Measure, denominator: Measure):
        self.numerator = numerator
        self.denominator = denominator

    def value_at(self, year, month):
        return ratio(self.numerator.value_at(year, month), self.denominator.value_at(year, month))

    def day_of(self, year, month):
        return self.numerator.day_of(year, month) or self.denominator.day_of(year, month)

    def periods(self, as_of):
        return sorted(set(self.numerator.periods(as_of)) | set(self.denominator.periods(as_of)), reverse=True)


def latest(measure: Measure, as_of: dt.date, *, year: int | None = None) -> Point | None:
    """The value at the latest period that has one (within `year` if given), from readings begun by `as_of`."""
    for period in measure.periods(as_of):
        if year is not None and period[0] != year:
            continue
        value = measure.value_at(*period)
        if value is not None:
            return Point(period[0], period[1], value, measure.day_of(*period))
    return None


def latest_annual(measure: Measure, as_of: dt.date) -> Point | None:
    """The latest value that stands for a year: a flow's last complete year, a stock's or ratio's latest reading."""
    if measure.kind != IndicatorKind.FLOW:
        return latest(measure, as_of)
    for year in sorted({period[0] for period in measure.periods(as_of)}, reverse=True):
        value = measure.value_at(year, 12)
        if value is not None:
            return Point(year, 12, value)
    return None


def base_of(measure: Measure, point: Point) -> Decimal | None:
    """The value a year before `point`, at the same period (the base of its growth)."""
    return measure.value_at(point.year - 1, point.month)


# --- figures ---------------------------------------------------------------------------------------------


def _percent(value: Decimal) -> Decimal:
    return value.quantize(PERCENT, rounding=ROUND_HALF_UP)


def growth(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Year-on-year growth in %: current ÷ previous − 1; None without a base or over a base of 0."""
    if current is None or previous is None or previous == 0:
        return None
    return _percent((current / previous - 1) * HUNDRED)


def progress(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    """value ÷ target × 100, in %; None without a positive target."""
    if value is None or target is None or target <= 0:
        return None
    return _percent(value / target * HUNDRED)


def required_growth(latest_value: Decimal | None, target: Decimal | None, years_left: int | None) -> Decimal | None:
    """The average annual growth, in %, that takes `latest_value` to `target` in `years_left` years.

    `(target / latest) ^ (1 / years_left) − 1`, computed with 28 significant digits and rounded half up to
    0.01; None when years_left ≤ 0 or either figure is not positive.
    """
    if latest_value is None or target is None or years_left is None or years_left <= 0:
        return None
    if latest_value <= 0 or target <= 0:
        return None
    with localcontext() as context:
        context.prec = 28
        factor = (target / latest_value) ** (Decimal(1) / Decimal(years_left))
        return _percent((factor - 1) * HUNDRED)


def light(required: Decimal | None, achieved: Decimal | None) -> str | None:
    """The light of a required growth against the achieved growth (bands in the module's docstring)."""
    if required is None:
        return None
    if required <= 0:
        return OutlookLight.GREEN
    if achieved is None:
        return None
    if required <= achieved:
        return OutlookLight.GREEN
    if achieved > 0 and required <= achieved * YELLOW_FACTOR:
        return OutlookLight.YELLOW
    return OutlookLight.RED


def plan_end_light(latest_value: Decimal | None, target: Decimal | None) -> str | None:
    """Once the end year is reached: green when the target is met, red when it is not."""
    if latest_value is None or target is None:
        return None
    return OutlookLight.GREEN if latest_value >= target else OutlookLight.RED
