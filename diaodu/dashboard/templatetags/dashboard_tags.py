"""Template filters of the cockpit."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def bar(value) -> str:
    """A percentage as a bar's CSS width: clamped to 0–100, with a dot whatever the language ("37.5")."""
    if value is None:
        return "0"
    number = min(max(Decimal(value), Decimal(0)), Decimal(100))
    return f"{number:.1f}"
