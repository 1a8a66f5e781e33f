"""One FilterSet for funding applications, shared by the list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.filters import YearFilter
from diaodu.core.forms import BootstrapMixin
from diaodu.projects.models import Project

from .choices import ApplicationStatus, Channel
from .models import FundingApplication
from .permissions import funding_projects


class FundingApplicationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    channel = django_filters.MultipleChoiceFilter(label=_("资金渠道"), choices=Channel.choices)
    status = django_filters.MultipleChoiceFilter(label=_("状态"), choices=ApplicationStatus.choices)
    year = YearFilter(label=_("年度"))
    project = django_filters.ModelChoiceFilter(label=_("项目"), queryset=Project.objects.all())

    class Meta:
        model = FundingApplication
        fields = ["q", "channel", "status", "year", "project"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            # Offer (and accept) only the projects the user may follow here.
            self.filters["project"].queryset = funding_projects(user).order_by("name")

    def get_form_class(self):
        return type("FundingApplicationFilterForm", (BootstrapMixin, super().get_form_class()), {})

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(project__name__icontains=value) | Q(batch__icontains=value) | Q(note__icontains=value))
