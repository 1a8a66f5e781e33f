"""Template filters for Diaodu's units: `{{ amount|money }}`, `{{ area|land }}`, `{{ area|mu }}`."""

from django import template

from diaodu.core import units

register = template.Library()


@register.filter
def money(value, places=2):
    """万元 → '… 万元' or '… 亿元' from 10,000 万元 on."""
    return units.format_money(value, int(places))


@register.filter
def land(value, places=2):
    """公顷 → '… 公顷（… 亩）'."""
    return units.format_land(value, int(places))


@register.filter
def mu(value):
    """公顷 → 亩 (×15 exactly)."""
    return units.hectares_to_mu(value)
