"""Template filters of the cockpit."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

from diaodu.core import units

register = template.Library()


@register.filter
def bar(value) -> str:
    """A percentage as a bar's CSS width: clamped to 0–100, with a dot whatever the language ("37.5")."""
    if value is None:
        return "0"
    number = min(max(Decimal(value), Decimal(0)), Decimal(100))
    return f"{number:.1f}"


@register.filter
def mu_whole(hectares) -> str:
    """公顷 → whole 亩 with thousands grouped, as the ledgers print them in every language ("4,010")."""
    value = units.hectares_to_mu(hectares)
    if value is None:
        return "—"
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"
