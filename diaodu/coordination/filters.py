"""One FilterSet for issues, shared by the list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.forms import AnyYesNoSelect, BootstrapMixin
from diaodu.org.models import Department
from diaodu.projects.models import Project

from .choices import EscalationLevel, IssueSource, IssueStatus
from .models import Issue, IssueCategory
from .selectors import overdue_q


class IssueFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.MultipleChoiceFilter(label=_("状态"), choices=IssueStatus.choices)
    department = django_filters.ModelChoiceFilter(label=_("承办部门"), queryset=Department.objects.all())
    project = django_filters.ModelChoiceFilter(label=_("项目"), queryset=Project.objects.all())
    category = django_filters.ModelChoiceFilter(label=_("类别"), queryset=IssueCategory.objects.all())
    source = django_filters.ChoiceFilter(label=_("来源"), choices=IssueSource.choices)
    overdue = django_filters.BooleanFilter(label=_("已逾期"), method="filter_overdue", widget=AnyYesNoSelect)
    escalation_level = django_filters.MultipleChoiceFilter(label=_("督办级别"), choices=EscalationLevel.choices)
    ordering = django_filters.OrderingFilter(
        label=_("排序"),
        fields=(("created_at", "created_at"), ("due_date", "due_date"), ("escalation_level", "escalation_level")),
        field_labels={"created_at": _("提出时间"), "due_date": _("办理时限"), "escalation_level": _("督办级别")},
    )

    class Meta:
        model = Issue
        fields = ["q", "status", "department", "project", "category", "source", "overdue", "escalation_level"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            # Offer (and accept) only the projects the user may see.
            self.filters["project"].queryset = Project.objects.visible_to(user).order_by("name")

    def get_form_class(self):
        return type("IssueFilterForm", (BootstrapMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(project__name__icontains=value)
            | Q(source_note__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())
