"""One FilterSet for projects, shared by the list page, the API and the Excel export."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.forms import AnyYesNoSelect, BootstrapMixin
from diaodu.org.models import Area, Department, Person

from .choices import Category, Stage
from .models import Project


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    stage = django_filters.MultipleChoiceFilter(label=_("项目阶段"), choices=Stage.choices)
    category = django_filters.MultipleChoiceFilter(label=_("项目类别"), choices=Category.choices)
    area = django_filters.ModelChoiceFilter(label=_("所在片区"), queryset=Area.objects.all(), method="in_area")
    department = django_filters.ModelChoiceFilter(
        label=_("责任单位"), field_name="responsible_department", queryset=Department.objects.all()
    )
    leader = django_filters.ModelChoiceFilter(
        label=_("包保领导"),
        field_name="responsible_leader",
        queryset=Person.objects.filter(led_projects__isnull=False).distinct(),
    )
    officer = django_filters.ModelChoiceFilter(
        label=_("包保干部"),
        field_name="responsible_officer",
        queryset=Person.objects.filter(officer_projects__isnull=False).distinct(),
    )
    feasible = django_filters.BooleanFilter(
        label=_("工期可实现"), field_name="schedule_feasible", widget=AnyYesNoSelect
    )
    ordering = django_filters.OrderingFilter(
        label=_("排序"),
        fields=(
            ("total_investment", "total_investment"),
            ("name", "name"),
            ("planned_start", "planned_start"),
            ("stage", "stage"),
            ("schedule_min_float", "float"),
            ("updated_at", "updated_at"),
        ),
        field_labels={
            "total_investment": _("总投资"),
            "name": _("项目名称"),
            "planned_start": _("计划开工"),
            "stage": _("阶段"),
            "schedule_min_float": _("浮动时间"),
            "updated_at": _("更新时间"),
        },
    )

    class Meta:
        model = Project
        fields = ["q", "stage", "category", "area", "department", "leader", "officer", "feasible"]

    def get_form_class(self):
        return type("ProjectFilterForm", (BootstrapMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value)
            | Q(code__icontains=value)
            | Q(owner__name__icontains=value)
            | Q(scope__icontains=value)
        )

    def in_area(self, queryset, name, area):
        # A belt or the new town includes the parks below it.
        return queryset.filter(Q(area=area) | Q(area__parent=area) | Q(area__parent__parent=area))
