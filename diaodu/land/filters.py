"""One FilterSet for parcels, shared by the ledger page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.filters import YearFilter
from diaodu.core.forms import BootstrapMixin
from diaodu.org.models import Area
from diaodu.projects.models import Project

from .choices import LandUse, ParcelStatus, SupplyMethod
from .models import Parcel


class ParcelFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.MultipleChoiceFilter(label=_("状态"), choices=ParcelStatus.choices)
    land_use = django_filters.MultipleChoiceFilter(label=_("用途"), choices=LandUse.choices)
    area = django_filters.ModelChoiceFilter(label=_("所在片区"), queryset=Area.objects.all())
    supply_method = django_filters.ChoiceFilter(label=_("供应方式"), choices=SupplyMethod.choices)
    project = django_filters.ModelChoiceFilter(
        label=_("服务项目"), field_name="projects", queryset=Project.objects.all()
    )
    year = YearFilter(label=_("年度"), method="in_year", help_text=_("该年度内启动征收、完成征收、收储或供应的地块"))

    class Meta:
        model = Parcel
        fields = ["q", "status", "land_use", "area", "supply_method", "project", "year"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            # Offer (and accept) only the projects the user may see.
            self.filters["project"].queryset = Project.objects.visible_to(user).order_by("name")

    def get_form_class(self):
        return type("ParcelFilterForm", (BootstrapMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(number__icontains=value)
            | Q(name__icontains=value)
            | Q(location__icontains=value)
            | Q(farmland_conversion_approval__icontains=value)
            | Q(expropriation_notice__icontains=value)
        )

    def in_year(self, queryset, name, value):
        if value is None:
            return queryset
        year = int(value)
        return queryset.filter(
            Q(acquiring_on__year=year)
            | Q(acquired_on__year=year)
            | Q(reserved_on__year=year)
            | Q(supplied_on__year=year)
        )
