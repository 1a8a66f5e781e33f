"""`{% load concurrency %}`: `{{ record|version }}`, the version a hidden `version` input sends back (see
`diaodu.core.concurrency`)."""

from django import template

from diaodu.core.concurrency import version_of

register = template.Library()


@register.filter
def version(record) -> str:
    return version_of(record)
