"""Filters of the inbox API."""

import django_filters

from .models import Notification


class NotificationFilterSet(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(method="filter_unread", label="unread")

    class Meta:
        model = Notification
        fields = ["event", "unread"]

    def filter_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value)
