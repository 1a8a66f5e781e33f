"""Pages of the org app: the zone's home, areas, departments, organisations and people."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.generic import ListView

from diaodu.core.access import access_for
from diaodu.core.history import as_of, changes
from diaodu.core.views import MemberRequiredMixin, member_required

from . import audit
from .choices import Role
from .filters import DepartmentFilterSet, OrganisationFilterSet, PersonFilterSet
from .models import Department, Organisation, Person
from .selectors import area_tree, zone_overview

AUDIT_PAGE = 50


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


def _administrator_required(request):
    if not (request.user.is_superuser or Role.ADMIN in access_for(request.user).roles):
        raise PermissionDenied(_("审计日志仅对管理员开放。"))


def audit_list(request):
    """Every change to every business record, newest first, filtered by record type, user, action and date."""
    _administrator_required(request)
    models = audit.tracked_models()
    label = request.GET.get("model") or None
    if label and label not in models:
        label = None
    action = request.GET.get("action") if request.GET.get("action") in audit.ACTIONS.values() else None
    user_id = int(request.GET["user"]) if request.GET.get("user", "").isdigit() else None
    object_id = int(request.GET["object"]) if request.GET.get("object", "").isdigit() else None
    try:
        since = parse_date(request.GET.get("since", "")) or None
    except ValueError:
        since = None
    try:
        until = parse_datetime(request.GET.get("before", "")) or None
    except ValueError:
        until = None
    entries = audit.audit_entries(
        label=label, user_id=user_id, action=action, since=since, until=until, object_id=object_id, limit=AUDIT_PAGE
    )
    more = None
    if len(entries) == AUDIT_PAGE:
        query = request.GET.copy()
        query["before"] = entries[-1].record.history_date.isoformat()
        more = query.urlencode()
    choices = sorted(((key, str(model._meta.verbose_name)) for key, model in models.items()), key=lambda c: c[1])
    return render(
        request,
        "org/audit_list.html",
        {
            "entries": entries,
            "models": choices,
            "users": get_user_model().objects.order_by("username").only("username", "first_name", "last_name"),
            "selected": {"model": label or "", "action": action or "", "user": user_id, "since": since},
            "more": more,
        },
    )


def audit_detail(request, label, history_id):
    """One change: the record's fields before and after, and for a deleted record a button to restore it."""
    _administrator_required(request)
    try:
        entry = audit.entry_for(label, history_id)
    except ObjectDoesNotExist as error:
        raise Http404(_("没有这条变更记录。")) from error
    if request.method == "POST":
        try:
            audit.record_restore(entry=entry, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已恢复：%(record)s") % {"record": entry.record.instance})
        return redirect("audit-detail", label=label, history_id=history_id)
    exists = entry.model._default_manager.filter(pk=entry.record.id).exists()
    return render(
        request,
        "org/audit_detail.html",
        {"entry": entry, "changes": audit.entry_changes(entry), "exists": exists},
    )
