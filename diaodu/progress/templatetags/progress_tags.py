from django import template

from diaodu.progress.choices import Light, Rule

register = template.Library()


@register.filter
def rule_label(code):
    return Rule(code).label if code in Rule.values else code


@register.filter
def light_label(code):
    return Light(code).label if code in Light.values else code
