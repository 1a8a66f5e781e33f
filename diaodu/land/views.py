"""Pages of the land ledger: the ledger with the quota's burn-down, a parcel's page and forms, the quota form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diaodu.core.access import access_for
from diaodu.core.concurrency import EditConflict
from diaodu.core.history import changes
from diaodu.core.transitions import add_errors, change_status
from diaodu.core.views import member_required

from .choices import STATUS_BADGES, STATUS_ORDER, ParcelStatus
from .filters import ParcelFilterSet
from .forms import AdvanceForm, ParcelForm, QuotaForm
from .models import LandQuota
from .permissions import may_change_parcel, may_set_quota
from .selectors import land_figures, parcel_list_queryset, projects_waiting_for_land
from .services import parcel_advance, parcel_create, parcel_update, quota_set


def _history(record, limit: int) -> list:
    """The record's changes, with each field's label and each choice's label instead of the stored code."""
    labelled = []
    for entry, fields in changes(record, limit=limit):
        rows = []
        for name, old, new in fields:
            field = record._meta.get_field(name)
            choices = dict(field.choices or ())
            rows.append((field.verbose_name, choices.get(old, old), choices.get(new, new)))
        labelled.append((entry, rows))
    return labelled


def _year(request) -> int:
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise PermissionDenied(_("只支持2000至2100年。"))
    return year


@member_required
def land_ledger(request):
    """The year's 征供地 against its quota, the burn-down, projects waiting for land and the parcels by status."""
    year = _year(request)
    today = timezone.localdate()
    queryset = parcel_list_queryset(request.user)
    # The page's `year` picks the year of the figures; the parcels are listed by status whatever the year.
    data = request.GET.copy()
    data.pop("year", None)
    filterset = ParcelFilterSet(data or None, queryset=queryset, request=request)
    del filterset.filters["year"]
    parcels = list(filterset.qs if filterset.is_bound else queryset)
    by_status = {status: [] for status in STATUS_ORDER}
    for parcel in parcels:
        by_status[ParcelStatus(parcel.status)].append(parcel)
    groups = [
        {
            "status": status,
            "badge": STATUS_BADGES[status],
            "parcels": rows,
            "area_ha": sum((parcel.area_ha for parcel in rows), start=0),
        }
        for status, rows in by_status.items()
        if rows
    ]
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    strip = [
        {"status": status, "badge": STATUS_BADGES[status], "count": counts.get(status, 0)} for status in STATUS_ORDER
    ]
    summary, chart = land_figures(year, today)
    return render(
        request,
        "land/ledger.html",
        {
            "year": year,
            "today": today,
            "summary": summary,
            "chart": chart,
            "waiting": projects_waiting_for_land(request.user),
            "filter": filterset,
            "groups": groups,
            "strip": strip,
            "count": len(parcels),
            "can_change": may_change_parcel(request.user),
            "can_set_quota": may_set_quota(request.user),
        },
    )


def _parcel_for(request, pk):
    return get_object_or_404(parcel_list_queryset(request.user), pk=pk)


def _detail_context(request, parcel, advance_form=None) -> dict:
    can_change = may_change_parcel(request.user, parcel)
    if can_change and parcel.status != ParcelStatus.SUPPLIED and advance_form is None:
        advance_form = AdvanceForm(parcel=parcel)
    history = _history(parcel, limit=20)
    if not access_for(request.user).sees_everything:
        # A change's reason names the projects the parcel serves, not all of which this reader may see.
        for entry, _rows in history:
            entry.history_change_reason = ""
    return {
        "parcel": parcel,
        "projects": list(parcel.projects.all()),
        "can_change": can_change,
        "advance_form": advance_form if can_change else None,
        "history": history,
    }


@member_required
def parcel_detail(request, pk):
    parcel = _parcel_for(request, pk)
    return render(request, "land/parcel_detail.html", _detail_context(request, parcel))


@require_POST
@member_required
def parcel_advance_view(request, pk):
    """Move the parcel to its next status; errors, or the conflict with a newer version, stand in the form."""
    parcel = _parcel_for(request, pk)
    if not may_change_parcel(request.user, parcel):
        raise PermissionDenied(_("只有项目办、征收办公室和自然资源局可以变更地块状态。"))
    return change_status(
        request,
        AdvanceForm(request.POST, parcel=parcel),
        record=parcel,
        service=lambda **data: parcel_advance(user=request.user, parcel=parcel, **data),
        done=lambda moved: (
            _("地块“%(name)s”已变更为“%(status)s”。") % {"name": moved.name, "status": moved.get_status_display()}
        ),
        to=reverse("parcel-detail", args=[parcel.pk]),
        refused=lambda form: render(request, "land/parcel_detail.html", _detail_context(request, parcel, form)),
    )


@member_required
def parcel_create_view(request):
    if not may_change_parcel(request.user):
        raise PermissionDenied(_("只有项目办、征收办公室和自然资源局可以登记地块。"))
    form = ParcelForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        projects = data.pop("projects")
        data.pop("seen_version", None)
        try:
            parcel = parcel_create(user=request.user, projects=projects, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已登记地块：%(name)s") % {"name": parcel.name})
            return redirect("parcel-detail", pk=parcel.pk)
    return render(request, "land/parcel_form.html", {"form": form, "parcel": None})


@member_required
def parcel_edit_view(request, pk):
    parcel = _parcel_for(request, pk)
    if not may_change_parcel(request.user, parcel):
        raise PermissionDenied(_("只有项目办、征收办公室和自然资源局可以修改地块。"))
    form = ParcelForm(request.POST or None, instance=parcel, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        projects = data.pop("projects")
        seen_version = data.pop("seen_version", None)
        try:
            parcel_update(
                user=request.user,
                parcel=parcel,
                projects=projects,
                seen_version=seen_version,
                seen=form.loaded_version,
                **data,
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("parcel-detail", pk=parcel.pk)
    return render(request, "land/parcel_form.html", {"form": form, "parcel": parcel})


@member_required
def quota_edit(request, year: int):
    """Set a year's 征供地 quota: the dispatch office."""
    if not may_set_quota(request.user):
        raise PermissionDenied(_("只有项目办可以下达征供地任务。"))
    if not 2000 <= year <= 2100:
        raise PermissionDenied(_("只支持2000至2100年。"))
    quota = LandQuota.objects.filter(year=year).first() or LandQuota(year=year)
    form = QuotaForm(request.POST or None, instance=quota)
    if request.method == "POST" and form.is_valid():
        try:
            quota_set(user=request.user, year=year, seen=form.loaded_version, **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(year)d年征供地任务已保存。") % {"year": year})
            return redirect(f"{reverse('land-ledger')}?year={year}")
    history = _history(quota, limit=10) if quota.pk else []
    return render(request, "land/quota_form.html", {"form": form, "year": year, "history": history})
