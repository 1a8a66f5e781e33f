"""Reads of the indicators: the overview (for the list page, the API and the cockpit), one indicator's series.

Every figure comes from arithmetic.py (whose docstring defines them and the light's bands). Everything is
read in three queries — indicators, values, targets — whatever the number of values, plus what a live
source asks of its own app (read only when the page is about today).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core.access import access_for

from . import arithmetic as a
from .choices import Granularity, IndicatorKind, OutlookLight
from .models import Indicator, IndicatorTarget, IndicatorValue
from .sources import is_registered, read_source

WAN_PER_YI = Decimal(10000)
# A ratio target agrees with the targets of its parts when they differ by less than this (in points).
TARGET_TOLERANCE = Decimal("0.05")


@dataclass
class Board:
    """The indicators with their readings, targets and measures, loaded once."""

    as_of: dt.date
    indicators: list[Indicator]
    series: dict[int, a.Series]
    targets: dict[int, dict[int, IndicatorTarget]]
    measures: dict[int, a.Measure]
    live: dict[int, bool]


def _measure(indicator, by_id, series, live_readings, measures) -> a.Measure:
    if indicator.pk in measures:
        return measures[indicator.pk]
    if indicator.kind == IndicatorKind.RATIO and indicator.numerator_id and indicator.denominator_id:
        numerator = _measure(by_id[indicator.numerator_id], by_id, series, live_readings, measures)
        denominator = _measure(by_id[indicator.denominator_id], by_id, series, live_readings, measures)
        measure = a.RatioMeasure(numerator, denominator)
    elif indicator.kind == IndicatorKind.STOCK:
        measure = a.StockMeasure(series[indicator.pk], live_readings.get(indicator.pk))
    elif indicator.kind == IndicatorKind.FLOW:
        measure = a.FlowMeasure(series[indicator.pk])
    else:  # a ratio whose parts are missing: no values at all
        measure = a.FlowMeasure(a.Series())
    measures[indicator.pk] = measure
    return measure


def load_board(as_of: dt.date | None = None, *, user=None) -> Board:
    """All indicators (narrowed to what `user` may see, when given) with their values and targets."""
    as_of = as_of or timezone.localdate()
    everything = list(Indicator.objects.all())
    by_id = {indicator.pk: indicator for indicator in everything}
    shown = everything
    if user is not None:
        access = access_for(user)
        if not access.is_member:
            shown = []
        elif not access.sees_everything and Indicator.visibility_q(access) is not None:
            visible = set(Indicator.objects.visible_to(user).values_list("pk", flat=True))
            shown = [indicator for indicator in everything if indicator.pk in visible]
    readings: dict[int, list[a.Reading]] = {pk: [] for pk in by_id}
    rows = IndicatorValue.objects.values_list("indicator_id", "granularity", "period_start", "value")
    for indicator_id, granularity, start, value in rows:
        readings[indicator_id].append(a.Reading(granularity, start, value))
    series = {pk: a.Series(items) for pk, items in readings.items()}
    targets: dict[int, dict[int, IndicatorTarget]] = {pk: {} for pk in by_id}
    for target in IndicatorTarget.objects.order_by("year"):
        targets[target.indicator_id][target.year] = target
    # A live source is read only for a page about today: history stays as typed (see sources.py).
    live_readings: dict[int, dict[dt.date, Decimal | None]] = {}
    live: dict[int, bool] = {}
    reads_live = as_of >= timezone.localdate()
    for indicator in everything:
        if reads_live and indicator.kind == IndicatorKind.STOCK and is_registered(indicator.registry_source):
            earlier = a.year_ago(as_of)
            live_readings[indicator.pk] = {
                as_of: read_source(indicator.registry_source, as_of),
                earlier: read_source(indicator.registry_source, earlier),
            }
            live[indicator.pk] = live_readings[indicator.pk][as_of] is not None
    measures: dict[int, a.Measure] = {}
    for indicator in everything:
        _measure(indicator, by_id, series, live_readings, measures)
    return Board(as_of, shown, series, targets, measures, live)


# --- labels ---------------------------------------------------------------------------------------------


def _labelling_kind(measure: a.Measure) -> str:
    return measure.numerator.kind if isinstance(measure, a.RatioMeasure) else measure.kind


def point_label(measure: a.Measure, point: a.Point | None) -> str:
    """'2026年1–10月' (a flow's cumulative), '2025年', '2026年9月末' (a reading), '截至 2026-11-26（实时）'."""
    if point is None:
        return ""
    if point.day is not None:
        return _("截至 %(day)s（实时）") % {"day": point.day.isoformat()}
    if _labelling_kind(measure) == IndicatorKind.FLOW:
        if point.month == 12:
            return _("%(year)d年") % {"year": point.year}
        if point.month == 1:
            return _("%(year)d年1月") % {"year": point.year}
        return _("%(year)d年1–%(month)d月") % {"year": point.year, "month": point.month}
    if point.month == 12:
        return _("%(year)d年末") % {"year": point.year}
    return _("%(year)d年%(month)d月末") % {"year": point.year, "month": point.month}


def _percent_text(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def light_reason(*, light: str | None, required, achieved, end_year, annual, end_target, years_left, indicator) -> str:
    """The light in words, as the list page shows it beside the light."""
    if end_target is None:
        return _("未设定规划期末目标。")
    if annual is None:
        return _("尚无可用于测算的年度数值。")
    if years_left is not None and years_left <= 0:
        values = {"year": end_year, "actual": indicator.format_value(annual.value)}
        values["target"] = indicator.format_value(end_target)
        if light == OutlookLight.GREEN:
            return _("已到规划期末（%(year)d年）：%(actual)s，达到目标 %(target)s。") % values
        return _("已到规划期末（%(year)d年）：%(actual)s，未达到目标 %(target)s。") % values
    if required is not None and required <= 0:
        return _("最新值已达到%(year)d年目标。") % {"year": end_year}
    values = {"required": _percent_text(required), "achieved": _percent_text(achieved), "year": end_year}
    if achieved is None:
        return _("到%(year)d年需年均增长 %(required)s；缺少上年同期数据，无法与实际增速比较。") % values
    values["limit"] = _percent_text((achieved * a.YELLOW_FACTOR).quantize(a.PERCENT, rounding=ROUND_HALF_UP))
    if light == OutlookLight.GREEN:
        return _("到%(year)d年需年均增长 %(required)s，不高于实际增速 %(achieved)s。") % values
    if light == OutlookLight.YELLOW:
        return (
            _("到%(year)d年需年均增长 %(required)s，高于实际增速 %(achieved)s，但不超过其1.5倍（%(limit)s）。") % values
        )
    if achieved <= 0:
        return _("到%(year)d年需年均增长 %(required)s，而实际增速为 %(achieved)s。") % values
    return _("到%(year)d年需年均增长 %(required)s，超过实际增速 %(achieved)s 的1.5倍（%(limit)s）。") % values


# --- the overview ---------------------------------------------------------------------------------------


def _end_target(targets: dict[int, IndicatorTarget], as_of: dt.date) -> IndicatorTarget | None:
    """The plan's end-year target in view: the earliest flagged target in the year of `as_of` or later."""
    return next((t for year, t in sorted(targets.items()) if t.is_plan_end and year >= as_of.year), None)


def target_check(board: Board, indicator: Indicator, year: int) -> dict | None:
    """For a ratio: whether its target for `year` agrees with the targets of its numerator and denominator.

    `{"year", "target", "implied", "consistent"}`, or None when one of the three targets is missing.
    """
    if indicator.kind != IndicatorKind.RATIO or not indicator.numerator_id or not indicator.denominator_id:
        return None
    own = board.targets[indicator.pk].get(year)
    numerator = board.targets.get(indicator.numerator_id, {}).get(year)
    denominator = board.targets.get(indicator.denominator_id, {}).get(year)
    if own is None or numerator is None or denominator is None:
        return None
    implied = a.ratio(numerator.value, denominator.value)
    if implied is None:
        return None
    return {
        "year": year,
        "target": own.value,
        "implied": implied,
        "consistent": abs(implied - own.value) < TARGET_TOLERANCE,
    }


def overview_row(board: Board, indicator: Indicator) -> dict:
    """One indicator's figures on `board.as_of` (keys documented at `indicators_overview`)."""
    as_of = board.as_of
    measure = board.measures[indicator.pk]
    targets = board.targets[indicator.pk]
    point = a.latest(measure, as_of)
    base = a.base_of(measure, point) if point else None
    growth = a.growth(point.value if point else None, base)
    this_year = a.latest(measure, as_of, year=as_of.year)
    target = targets.get(as_of.year)
    progress = a.progress(this_year.value if this_year else None, target.value if target else None)
    end = _end_target(targets, as_of)
    annual = a.latest_annual(measure, as_of)
    years_left = end.year - annual.year if end and annual else None
    required = a.required_growth(annual.value if annual else None, end.value if end else None, years_left)
    if end is not None and annual is not None and years_left is not None and years_left <= 0:
        light = a.plan_end_light(annual.value, end.value)
    else:
        light = a.light(required, growth)
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "kind": indicator.kind,
        "indicator": indicator,
        "url": reverse("indicator-detail", args=[indicator.code]),
        "latest_value": point.value if point else None,
        "latest_period": point_label(measure, point),
        "latest_year": point.year if point else None,
        "latest_month": point.month if point else None,
        "latest_display": indicator.format_value(point.value if point else None),
        "is_live": bool(point and point.day),
        "base_value": base,
        "growth": growth,
        "change": point.value - base if point and base is not None else None,
        "target_year": as_of.year,
        "target": target.value if target else None,
        "target_display": indicator.format_value(target.value) if target else "—",
        "this_year_value": this_year.value if this_year else None,
        "this_year_period": point_label(measure, this_year),
        "progress": progress,
        "end_year": end.year if end else None,
        "end_target": end.value if end else None,
        "end_target_display": indicator.format_value(end.value) if end else "—",
        "annual_year": annual.year if annual else None,
        "annual_value": annual.value if annual else None,
        "years_left": years_left,
        "required_growth": required,
        "light": light,
        "light_reason": light_reason(
            light=light,
            required=required,
            achieved=growth,
            end_year=end.year if end else None,
            annual=annual,
            end_target=end.value if end else None,
            years_left=years_left,
            indicator=indicator,
        ),
        "target_check": target_check(board, indicator, end.year) if end else None,
        "source_note": indicator.source_note,
        "live_source": indicator.registry_source if board.live.get(indicator.pk) else "",
    }


def indicators_overview(as_of: dt.date | None = None, *, user=None) -> list[dict]:
    """Each indicator's figures on `as_of` (default today), for the list page, the API and the cockpit.

    Per indicator: code, name, unit, kind; latest_value (Decimal in the indicator's unit) and latest_period
    (its label, e.g. "2026年1–10月"), latest_display (formatted, money as 万元/亿元), is_live; growth (同比, %)
    and change (latest − base); target_year (= the year of as_of), target and progress (this year's value ÷
    target, %); end_year and end_target (the plan's end-year target in view), annual_year/annual_value (the
    base of the required growth), years_left, required_growth (%), light (green/yellow/red/None) and
    light_reason (in words); target_check (a ratio's target against its parts' targets). Three queries.
    """
    board = load_board(as_of, user=user)
    return [overview_row(board, indicator) for indicator in board.indicators]


# --- charts ---------------------------------------------------------------------------------------------


def _chart_scale(indicator: Indicator) -> tuple[Decimal, str, int]:
    """Charts show money in 亿元 (values in 万元 are long); other units as they are."""
    if indicator.is_money:
        return WAN_PER_YI, _("亿元"), 2
    return Decimal(1), indicator.unit, indicator.decimals


def _text(value: Decimal | None, scale: Decimal, places: int) -> str | None:
    if value is None:
        return None
    return str((value / scale).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _first_year(board: Board, measure: a.Measure) -> int | None:
    periods = measure.periods(board.as_of)
    return min(period[0] for period in periods) if periods else None


def trend(board: Board, indicator: Indicator) -> dict:
    """The small chart of the list: complete years, then a stock's (or ratio's) reading in the current year."""
    measure = board.measures[indicator.pk]
    scale, unit, places = _chart_scale(indicator)
    first = _first_year(board, measure)
    labels, values = [], []
    if first is not None:
        for year in range(first, board.as_of.year + 1):
            value = measure.value_at(year, 12)
            if value is None and year == board.as_of.year and measure.kind != IndicatorKind.FLOW:
                point = a.latest(measure, board.as_of, year=year)
                value = point.value if point else None
            if value is None and year == board.as_of.year:
                continue
            labels.append(str(year))
            values.append(_text(value, scale, places))
    return {"labels": labels, "values": values, "unit": unit, "name": indicator.name}


def indicator_table(as_of: dt.date | None = None, *, user=None) -> tuple[list[dict], dict]:
    """The list page: the overview rows, and the trend of each by code (for one json_script element)."""
    board = load_board(as_of, user=user)
    rows, trends = [], {}
    for indicator in board.indicators:
        rows.append(overview_row(board, indicator))
        trends[indicator.code] = trend(board, indicator)
    return rows, trends


def indicator_detail(indicator: Indicator, as_of: dt.date | None = None) -> dict:
    """One indicator's page: its overview row, yearly chart, months chart, values, targets with actuals."""
    board = load_board(as_of)
    indicator = next(item for item in board.indicators if item.pk == indicator.pk)
    measure = board.measures[indicator.pk]
    row = overview_row(board, indicator)
    scale, unit, places = _chart_scale(indicator)
    targets = board.targets[indicator.pk]
    end_year = row["end_year"]
    first = _first_year(board, measure)
    first = min([year for year in [first, *targets] if year is not None], default=board.as_of.year)
    last = max(board.as_of.year, end_year or board.as_of.year)
    years = list(range(first, last + 1))

    actual, current = [], []
    for year in years:
        value = measure.value_at(year, 12) if year <= board.as_of.year else None
        actual.append(_text(value, scale, places))
        partial = None
        if value is None and year == board.as_of.year:
            point = a.latest(measure, board.as_of, year=year)
            partial = point.value if point else None
        current.append(_text(partial, scale, places))
    # The path the required growth draws from the latest annual value to the end-year target.
    path: list[str | None] = [None] * len(years)
    if row["required_growth"] is not None and row["annual_year"] in years:
        rate = 1 + row["required_growth"] / a.HUNDRED
        for offset in range(row["years_left"] + 1):
            index = years.index(row["annual_year"]) + offset
            if index < len(years):
                path[index] = _text(row["annual_value"] * rate**offset, scale, places)
    yearly = {
        "labels": [str(year) for year in years],
        "actual": actual,
        "current": current,
        "targets": [_text(targets[year].value if year in targets else None, scale, places) for year in years],
        "plan_end": [bool(targets.get(year) and targets[year].is_plan_end) for year in years],
        "path": path,
        "unit": unit,
        "names": {
            "actual": _("实际"),
            "current": point_label(measure, a.latest(measure, board.as_of, year=board.as_of.year)) or _("本年"),
            "targets": _("年度目标"),
            "plan_end": _("规划期末目标"),
            "path": _("所需路径"),
        },
    }

    year = board.as_of.year
    this_year = [measure.value_at(year, month) for month in range(1, 13)]
    last_year = [measure.value_at(year - 1, month) for month in range(1, 13)]
    flows = _labelling_kind(measure) == IndicatorKind.FLOW
    single = []
    for month in range(1, 13):
        typed = board.series[indicator.pk].get(Granularity.MONTH, dt.date(year, month, 1)) if flows else None
        single.append(typed)
    filled = sum(value is not None for value in this_year + last_year)
    months = {
        "labels": [_("%(month)d月") % {"month": month} for month in range(1, 13)],
        "this_year": [_text(value, scale, places) for value in this_year],
        "last_year": [_text(value, scale, places) for value in last_year],
        "single": [_text(value, scale, places) for value in single] if flows else [],
        "unit": unit,
        "names": {
            "this_year": (_("%(year)d年累计") if flows else _("%(year)d年月末值")) % {"year": year},
            "last_year": (_("%(year)d年同期累计") if flows else _("%(year)d年月末值")) % {"year": year - 1},
            "single": _("%(year)d年当月") % {"year": year},
        },
    }

    values = list(
        IndicatorValue.objects.filter(indicator=indicator).order_by("-period_start", "granularity")
        if indicator.kind != IndicatorKind.RATIO
        else []
    )
    target_rows = []
    for target_year, target in sorted(targets.items()):
        point = a.latest(measure, board.as_of, year=target_year) if target_year <= board.as_of.year else None
        target_rows.append(
            {
                "target": target,
                "display": indicator.format_value(target.value),
                "actual": indicator.format_value(point.value) if point else "—",
                "actual_period": point_label(measure, point),
                "progress": a.progress(point.value if point else None, target.value),
                "check": target_check(board, indicator, target_year),
            }
        )
    by_id = {item.pk: item for item in board.indicators}
    parts = [by_id[pk] for pk in (indicator.numerator_id, indicator.denominator_id) if pk in by_id]
    return {
        "row": row,
        "yearly": yearly,
        "months": months if filled >= 2 else None,
        "values": values,
        "targets": target_rows,
        "parts": parts,
        "year": year,
    }


def next_entry(indicator: Indicator, today: dt.date | None = None) -> dict:
    """What the value form offers first: the period after the latest one typed, at its granularity.

    An indicator typed by month is offered the next month, one typed by quarter the next quarter, one typed
    by year the next year; never a period that has not begun. Without values: last month.
    """
    today = today or timezone.localdate()
    values = IndicatorValue.objects.filter(indicator=indicator).order_by("-period_start")
    latest = values.exclude(granularity=Granularity.YEAR).first() or values.first()
    if latest is None:
        last_month = today.replace(day=1) - dt.timedelta(days=1)
        return {"granularity": Granularity.MONTH, "year": last_month.year, "month": last_month.month}
    following = a.period_end(latest.granularity, latest.period_start) + dt.timedelta(days=1)
    start = min(following, a.period_start(latest.granularity, today))
    initial = {"granularity": latest.granularity, "year": start.year}
    if latest.granularity == Granularity.MONTH:
        initial["month"] = start.month
    elif latest.granularity == Granularity.QUARTER:
        initial["quarter"] = (start.month - 1) // 3 + 1
    return initial
