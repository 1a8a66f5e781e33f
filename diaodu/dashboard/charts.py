"""What the cockpit's charts draw, built from the selectors' sums (no query here).

Figures go to the page as strings (ECharts reads numeric strings, and no float is ever made), each chart with
its names and units in the page's language and, where a click drills down, the address of the page it opens.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from diaodu.core.units import WAN_PER_YI
from diaodu.investment.choices import PIPELINE
from diaodu.org.choices import AreaKind
from diaodu.progress.choices import Light

ZERO = Decimal(0)
CENT = Decimal("0.01")
# The areas in the order the investment chart lists them: the parks first (the speech's 多园), then the rest.
KIND_ORDER = {AreaKind.PARK: 0, AreaKind.BELT: 1, AreaKind.CITY: 2, AreaKind.OTHER: 3}


def _money_scale(largest: Decimal) -> tuple[Decimal, str]:
    """Charts read 亿元 once the figures reach 1 亿元 (万元 figures are long), 万元 below."""
    return (WAN_PER_YI, _("亿元")) if largest >= WAN_PER_YI else (Decimal(1), _("万元"))


def _text(value: Decimal | None, scale: Decimal = Decimal(1)) -> str | None:
    if value is None:
        return None
    return str((value / scale).quantize(CENT, rounding=ROUND_HALF_UP))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def s_curve(
    as_of: dt.date, plan: Decimal, expected: Callable[[dt.date], Decimal], done_by_month: dict[int, Decimal]
) -> dict:
    """The zone's investment S-curve: the plan cumulated month by month (序时 at each month's end), what is done
    cumulated (up to the current month), the annual plan, and today's 序时 point."""
    scale, unit = _money_scale(max(plan, sum(done_by_month.values(), ZERO)))
    planned, actual, running = [], [], ZERO
    for month in range(1, 13):
        planned.append(_text(expected(_month_end(as_of.year, month)), scale))
        running += done_by_month.get(month, ZERO)
        actual.append(_text(running, scale) if month <= as_of.month else None)
    return {
        "months": [_("%(month)d月") % {"month": month} for month in range(1, 13)],
        "planned": planned,
        "actual": actual,
        "plan": _text(plan, scale),
        "today": {"index": as_of.month - 1, "scheduled": _text(expected(as_of), scale), "label": _("今日序时")},
        "unit": unit,
        "names": {"planned": _("计划（序时）"), "actual": _("实际完成投资"), "plan": _("年度计划")},
        "url": reverse("project-list") + "?" + urlencode({"stage": "construction"}),
    }


def lights(counts: dict) -> dict:
    """The lights as a pie, each slice opening the lights page filtered to it."""
    base = reverse("lights")
    items = [
        {
            "key": light.value,
            "name": str(Light(light).label),
            "value": counts[light.value],
            "url": f"{base}?{urlencode({'light': light})}",
        }
        for light in (Light.RED, Light.YELLOW, Light.GREEN)
    ]
    if counts["unlit"]:
        items.append({"key": "none", "name": _("未亮灯"), "value": counts["unlit"], "url": base})
    return {"items": items, "total": counts["total"], "unit": _("个项目")}


def by_area(areas: list[dict], plans: dict, done: dict) -> dict:
    """The year's plan and what is done, by area (the areas with either), each bar opening the area's projects."""
    rows = sorted(areas, key=lambda area: KIND_ORDER.get(area["kind"], 9))
    rows = [{"id": area["pk"], "name": area["name"]} for area in rows]
    if None in plans or None in done:
        rows.append({"id": None, "name": _("未定片区")})
    rows = [row for row in rows if plans.get(row["id"]) or done.get(row["id"])]
    scale, unit = _money_scale(max([ZERO, *plans.values(), *done.values()], key=lambda value: value or ZERO))
    base = reverse("lights")
    return {
        "areas": [row["name"] for row in rows],
        "plan": [_text(plans.get(row["id"]) or ZERO, scale) for row in rows],
        "done": [_text(done.get(row["id"]) or ZERO, scale) for row in rows],
        "urls": [f"{base}?{urlencode({'area': row['id'] or 'none'})}" for row in rows],
        "unit": unit,
        "names": {"plan": _("年度计划"), "done": _("本年完成")},
    }


def funnel(counts: list[int], amounts: list[Decimal], lost: dict | None) -> dict:
    """The funnel of investment attraction: each layer the leads at that stage or beyond, with their amount."""
    base = reverse("investment-pipeline")
    return {
        "stages": [
            {
                "stage": stage.value,
                "name": str(stage.label),
                "count": count,
                "amount_yi": _text(amount, WAN_PER_YI),
                "url": f"{base}?{urlencode({'stage': stage.value})}",
            }
            for stage, count, amount in zip(PIPELINE, counts, amounts, strict=True)
        ],
        "lost": {
            "count": lost["count"] if lost else 0,
            "amount_yi": _text((lost["amount"] or ZERO) if lost else ZERO, WAN_PER_YI),
        },
        "unit": _("亿元"),
        "labels": {"count": _("条"), "amount": _("意向投资"), "lost": _("终止")},
    }
