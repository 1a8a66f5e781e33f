"""Filters shared by the apps' FilterSets."""

import django_filters
from django import forms


class YearFilter(django_filters.NumberFilter):
    """A year, 2000–2100 as everywhere in the zone's ledgers: anything else is an invalid filter (400 in the API),
    never a date the database cannot make (`?year=0` used to answer 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)
