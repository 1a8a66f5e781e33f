"""One FilterSet for leads and one for companies, shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diaodu.core.forms import AnyYesNoSelect, BootstrapMixin
from diaodu.org.models import Area, Person

from .choices import HeadquartersStatus, IndustrySection, LeadSource, LeadStage
from .models import Company, IndustryChain, Lead


class LeadFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    stage = django_filters.MultipleChoiceFilter(label=_("阶段"), choices=LeadStage.choices)
    chain = django_filters.ModelChoiceFilter(label=_("产业链"), queryset=IndustryChain.objects.all())
    source = django_filters.MultipleChoiceFilter(label=_("来源"), choices=LeadSource.choices)
    officer = django_filters.ModelChoiceFilter(label=_("招商负责人"), queryset=Person.objects.all())
    park = django_filters.ModelChoiceFilter(label=_("意向园区"), queryset=Area.objects.all())
    large = django_filters.BooleanFilter(label=_("重大线索"), field_name="is_large", widget=AnyYesNoSelect)
    overdue = django_filters.BooleanFilter(label=_("已逾期"), method="filter_overdue", widget=AnyYesNoSelect)

    class Meta:
        model = Lead
        fields = ["q", "stage", "chain", "source", "officer", "park", "large", "overdue"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Offer the people who hold leads, and the parks.
        self.filters["officer"].queryset = Person.objects.filter(
            pk__in=Lead.objects.exclude(officer=None).values("officer_id")
        ).order_by("name")
        self.filters["park"].queryset = Area.objects.order_by("sort_order", "id")
        self.filters["chain"].queryset = IndustryChain.objects.order_by("sort_order", "id")

    def get_form_class(self):
        return type("LeadFilterForm", (BootstrapMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(title__icontains=value)
            | Q(company__organisation__name__icontains=value)
            | Q(company__organisation__short_name__icontains=value)
            | Q(description__icontains=value)
            | Q(source_detail__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(sla_due_on__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class CompanyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    resident = django_filters.BooleanFilter(label=_("在区企业"), method="filter_resident", widget=AnyYesNoSelect)
    industry = django_filters.ChoiceFilter(label=_("所属行业"), choices=IndustrySection.choices)
    area = django_filters.ModelChoiceFilter(label=_("所在片区"), queryset=Area.objects.all())
    headquarters = django_filters.ChoiceFilter(
        label=_("总部迁入"), field_name="headquarters__status", choices=HeadquartersStatus.choices
    )

    class Meta:
        model = Company
        fields = ["q", "resident", "industry", "area", "headquarters"]

    def get_form_class(self):
        return type("CompanyFilterForm", (BootstrapMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(organisation__name__icontains=value)
            | Q(organisation__short_name__icontains=value)
            | Q(organisation__credit_code__icontains=value)
        )

    def filter_resident(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        resident = Q(resident_since__lte=today) & (Q(resident_until__isnull=True) | Q(resident_until__gt=today))
        return queryset.filter(resident) if value else queryset.exclude(resident)
