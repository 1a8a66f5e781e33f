"""One FilterSet per model, shared by the list pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.forms import AnyYesNoSelect, BootstrapMixin

from .models import Area, Department, Organisation, Person


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    search_fields: tuple[str, ...] = ("name",)

    def get_form_class(self):
        return type(f"{type(self).__name__}Form", (BootstrapMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


class AreaFilterSet(SearchFilterSet):
    class Meta:
        model = Area
        fields = ["kind", "parent"]


class DepartmentFilterSet(SearchFilterSet):
    search_fields = ("name", "short_name", "duties")

    class Meta:
        model = Department
        fields = []


class OrganisationFilterSet(SearchFilterSet):
    search_fields = ("name", "short_name", "credit_code")

    class Meta:
        model = Organisation
        fields = ["kind"]


class PersonFilterSet(SearchFilterSet):
    search_fields = ("name", "title", "phone")
    has_login = django_filters.BooleanFilter(
        label=_("有登录账号"), field_name="user", lookup_expr="isnull", exclude=True, widget=AnyYesNoSelect
    )
    is_active = django_filters.BooleanFilter(label=_("在职"), widget=AnyYesNoSelect)

    class Meta:
        model = Person
        fields = ["department", "organisation", "is_active"]
