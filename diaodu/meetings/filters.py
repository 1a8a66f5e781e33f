"""One FilterSet for meetings, shared by the list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.filters import YearFilter
from diaodu.core.forms import BootstrapMixin

from .choices import MeetingKind, MeetingStatus
from .models import Meeting


class MeetingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MeetingStatus.choices)
    year = YearFilter(label=_("年度"), field_name="date", lookup_expr="year")

    class Meta:
        model = Meeting
        fields = ["q", "kind", "status", "year"]

    def get_form_class(self):
        return type("MeetingFilterForm", (BootstrapMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(minutes__icontains=value) | Q(location__icontains=value))
