"""One FilterSet for projects, shared by the list page, the API and the Excel export."""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from diaodu.core.forms import AnyYesNoSelect, BootstrapMixin
from diaodu.org.models import Area, Department, Person

from .choices import Category, Stage
from .models import Project


class PersonSearchSelect(forms.Select):
    """A menu of people that holds only the chosen one, with a search box fetching matches as one types.

    A province has thousands of leaders and officers: a <select> of all of them is a query and a megabyte per page,
    and unusable. The search box asks the list page itself (`?people=<role>&term=…`, see views.project_list) for the
    first matches among the people answering for a project the user sees, and htmx puts them in the menu. The box
    belongs to no form (`form` names none), so only the menu's value, the person's id, goes into the URL.
    """

    template_name = "projects/widgets/person_search.html"

    def __init__(self, *, role: str, search_url: str, attrs=None):
        super().__init__(attrs)
        self.role, self.search_url = role, search_url

    def optgroups(self, name, value, attrs=None):
        chosen = [item for item in value if item and str(item).isdigit()]
        people = Person.objects.filter(pk__in=chosen).only("pk", "name") if chosen else []
        options = [self.create_option(name, "", _("全部"), not chosen, 0)]
        options += [self.create_option(name, str(p.pk), p.name, True, i) for i, p in enumerate(people, start=1)]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(role=self.role, search_url=self.search_url)
        return context


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    stage = django_filters.MultipleChoiceFilter(label=_("项目阶段"), choices=Stage.choices)
    category = django_filters.MultipleChoiceFilter(label=_("项目类别"), choices=Category.choices)
    area = django_filters.ModelChoiceFilter(label=_("所在片区"), queryset=Area.objects.all(), method="in_area")
    department = django_filters.ModelChoiceFilter(
        label=_("责任单位"), field_name="responsible_department", queryset=Department.objects.all()
    )
    # `?leader=ID` is checked with one lookup by id; the menus list only the chosen person (see PersonSearchSelect).
    leader = django_filters.ModelChoiceFilter(
        label=_("包保领导"),
        field_name="responsible_leader",
        queryset=Person.objects.filter(led_projects__isnull=False).distinct(),
        empty_label=_("全部"),
    )
    officer = django_filters.ModelChoiceFilter(
        label=_("包保干部"),
        field_name="responsible_officer",
        queryset=Person.objects.filter(officer_projects__isnull=False).distinct(),
        empty_label=_("全部"),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The menus search the page they are on ("my projects" searches only those).
        mine = reverse("project-mine")
        url = mine if self.request is not None and self.request.path == mine else reverse("project-list")
        for role in ("leader", "officer"):
            self.filters[role].extra["widget"] = PersonSearchSelect(role=role, search_url=url)
            self.filters[role].__dict__.pop("_field", None)  # a field built before would keep the old widget

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
