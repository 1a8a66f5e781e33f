from django import template

from diaodu.org.roles import role_label as _role_label

register = template.Library()


@register.filter
def role_label(code):
    """'zone_leader' → '主要领导' (in the current language)."""
    return _role_label(code)
