"""Template filters of the indicator pages: `{{ value|figure:indicator }}`, `{{ growth|percent }}`."""

from decimal import Decimal

from django import template

from diaodu.indicators.choices import OutlookLight

register = template.Library()


@register.filter
def figure(value, indicator):
    """A value in the indicator's unit: money through the 万元/亿元 rule, the rest with its decimals and unit."""
    return indicator.format_value(value)


@register.filter
def percent(value, signed=False):
    """'12.34%' ('+12.34%' when signed); '—' for None."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    return f"{value:+.2f}%" if signed and value > 0 else f"{value:.2f}%"


@register.filter
def outlook_label(value):
    return OutlookLight(value).label if value in OutlookLight.values else "—"
