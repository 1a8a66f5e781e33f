"""Template filters of the funding pages: `{{ level|level_badge }}`, `{{ level|level_label }}`."""

from django import template

from diaodu.funding.choices import LEVEL_BADGES, MaturityLevel

register = template.Library()


@register.filter
def level_badge(level):
    """The Bootstrap badge classes of a maturity level."""
    return LEVEL_BADGES.get(level, "text-bg-light border")


@register.filter
def level_label(level):
    return MaturityLevel(level).label if level in MaturityLevel.values else level


@register.filter
def percent(value, places=0):
    """A share (0.6667) as a percentage ('67%'); '—' when there is none."""
    if value is None:
        return "—"
    return f"{value * 100:.{int(places)}f}%"


@register.filter
def rate(value):
    """An interest rate in per cent without trailing zeros: 3.100 → '3.1', 2.650 → '2.65'."""
    if value is None:
        return "—"
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
