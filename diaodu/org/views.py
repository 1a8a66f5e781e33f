"""Pages of the org app: the zone's home, areas, departments, organisations and people."""

from django.shortcuts import get_object_or_404, render
from django.utils.dateparse import parse_date
from django.views.generic import ListView

from diaodu.core.history import as_of, changes
from diaodu.core.views import MemberRequiredMixin, member_required

from .filters import DepartmentFilterSet, OrganisationFilterSet, PersonFilterSet
from .models import Department, Organisation, Person
from .selectors import area_tree, zone_overview


@member_required
def home(request):
    return render(request, "org/home.html", zone_overview(request.user))


@member_required
def area_list(request):
    return render(request, "org/area_list.html", {"area_tree": area_tree(request.user)})


class FilteredListView(MemberRequiredMixin, ListView):
    """A list page whose rows are what the user may see, narrowed by the model's FilterSet."""

    filterset_class = None
    paginate_by = 50

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        self.filterset = self.filterset_class(self.request.GET, queryset=queryset, request=self.request)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class DepartmentListView(FilteredListView):
    model = Department
    filterset_class = DepartmentFilterSet
    template_name = "org/department_list.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("people")


class OrganisationListView(FilteredListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "org/organisation_list.html"


class PersonListView(FilteredListView):
    model = Person
    filterset_class = PersonFilterSet
    template_name = "org/person_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("department", "organisation", "user")


@member_required
def person_detail(request, pk):
    """A person's card and its change history; `?as_of=YYYY-MM-DD` shows the card as it stood that day."""
    person = get_object_or_404(Person.objects.visible_to(request.user).select_related("department", "user"), pk=pk)
    try:
        as_of_date = parse_date(request.GET.get("as_of", ""))
    except ValueError:
        as_of_date = None
    shown = as_of(person, as_of_date) if as_of_date else person
    return render(
        request,
        "org/person_detail.html",
        {"person": person, "shown": shown, "as_of_date": as_of_date, "history": changes(person)},
    )
