"""Pages of project reserve and funding: the reserve pool, applications, a project's maturity, the settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diaodu.core import concurrency
from diaodu.core.concurrency import EditConflict
from diaodu.core.history import changes
from diaodu.core.transitions import add_errors, change_status, flash_errors, save_settings
from diaodu.core.views import member_required
from diaodu.projects.models import Project

from .choices import Channel
from .filters import FundingApplicationFilterSet
from .forms import AdvanceForm, ApplicationForm, BondFinanceForm, DocumentForm, MaturityItemFormSet, SettingsForm
from .models import BondFinance, FundingApplication, FundingSettings, MaturityItem, ProjectDocument
from .permissions import (
    allowed_statuses,
    funding_projects,
    is_funding_manager,
    may_change_application,
    may_edit_bond_finance,
    may_manage_settings,
    may_record_documents,
)
from .selectors import (
    applications_queryset,
    bond_rows,
    channel_chart,
    channel_year_stats,
    funding_overview,
    pool,
    project_maturity,
)
from .services import (
    application_advance,
    application_create,
    application_update,
    bond_finance_save,
    document_record,
    document_remove,
)

PAGE_SIZE = 50


# --- the reserve pool -----------------------------------------------------------------------------


@member_required
def funding_pool(request):
    """The reserve pool by maturity, the two waiting lists, the figures per channel and year, bond coverage."""
    reserve = pool(request.user)
    stats = channel_year_stats(FundingApplication.objects.visible_to(request.user))
    chart = channel_chart(stats, {"requested": _("申报金额"), "approved": _("获批金额"), "received": _("到位金额")})
    return render(
        request,
        "funding/pool.html",
        {
            "pool": reserve,
            "stats": stats,
            "chart": chart,
            "bonds": bond_rows(request.user, reserve.settings),
            "can_apply": is_funding_manager(request.user),
            "can_manage_settings": may_manage_settings(request.user),
        },
    )


# --- applications ---------------------------------------------------------------------------------


@member_required
def application_list(request):
    queryset = applications_queryset(request.user)
    filterset = FundingApplicationFilterSet(request.GET or None, queryset=queryset, request=request)
    applications = filterset.qs if filterset.is_bound else queryset
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "funding/application_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "applications": page.object_list,
            "count": page.paginator.count,
            "query": query.urlencode(),
            "can_apply": is_funding_manager(request.user),
        },
    )


@member_required
def application_new(request):
    if not is_funding_manager(request.user):
        raise PermissionDenied(_("只有项目办、经济发展局和财政局可以填报资金申报。"))
    projects = funding_projects(request.user)
    initial = {}
    if request.GET.get("project", "").isdigit():
        initial["project"] = get_object_or_404(projects, pk=request.GET["project"])
    if request.GET.get("channel") in Channel.values:
        initial["channel"] = request.GET["channel"]
    form = ApplicationForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("loaded_at", None)
        try:
            application = application_create(user=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已登记资金申报。"))
            return redirect("funding-application-detail", pk=application.pk)
    return render(request, "funding/application_form.html", {"form": form, "application": None})


def _application_for(request, pk) -> FundingApplication:
    return get_object_or_404(applications_queryset(request.user), pk=pk)


def _advance_context(request, application, bound=None) -> dict:
    statuses = allowed_statuses(request.user, application)
    form = bound or (AdvanceForm(statuses=statuses, prefix="advance", record=application) if statuses else None)
    return {"application": application, "advance_form": form}


@member_required
def application_detail(request, pk):
    application = _application_for(request, pk)
    settings = FundingSettings.load()
    bond = BondFinance.objects.visible_to(request.user).filter(project=application.project).first()
    context = _advance_context(request, application)
    context.update(
        {
            "maturity": project_maturity(application.project, settings),
            "bond": bond,
            "coverage": bond.coverage(settings.coverage_threshold) if bond else None,
            "can_edit": may_change_application(request.user, application),
            "history": changes(application, limit=20),
        }
    )
    return render(request, "funding/application_detail.html", context)


@member_required
def application_edit(request, pk):
    application = _application_for(request, pk)
    if not may_change_application(request.user, application):
        raise PermissionDenied(_("只有项目办、经济发展局和财政局可以修改资金申报。"))
    initial = {
        "project": application.project,
        "channel": application.channel,
        "year": application.year,
        "batch": application.batch,
        "requested_amount": application.requested_amount,
        "note": application.note,
        "loaded_at": application.updated_at,
    }
    form = ApplicationForm(
        request.POST or None, projects=funding_projects(request.user), initial=initial, record=application
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            application_update(user=request.user, application=application, seen=form.loaded_version, **data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("funding-application-detail", pk=application.pk)
    return render(request, "funding/application_form.html", {"form": form, "application": application})


@require_POST
@member_required
def application_advance_view(request, pk):
    """One step of the flow from the application's page; htmx shows errors in place and reloads on success."""
    application = _application_for(request, pk)
    statuses = allowed_statuses(request.user, application)
    if not may_change_application(request.user, application):
        raise PermissionDenied(_("只有项目办、经济发展局和财政局可以变更资金申报的状态。"))

    def refused(form):
        if request.htmx:
            # 200, not 422: htmx swaps only successful answers, and the form must show its errors.
            return render(request, "funding/_advance.html", _advance_context(request, application, form))
        flash_errors(request, form, application)
        return redirect("funding-application-detail", pk=application.pk)

    return change_status(
        request,
        AdvanceForm(request.POST, statuses=statuses, prefix="advance", record=application),
        record=application,
        service=lambda **data: application_advance(user=request.user, application=application, **data),
        done=_("状态已变更。"),
        to=reverse("funding-application-detail", args=[application.pk]),
        refused=refused,
    )


# --- a project's maturity -------------------------------------------------------------------------


def _project_for(request, pk):
    return get_object_or_404(
        funding_projects(request.user).select_related("owner", "responsible_officer", "responsible_department"),
        pk=pk,
    )


@member_required
def project_funding(request, pk):
    """A project's maturity checklist with its sources, its documents, bond coverage, applications and money."""
    return _project_funding_page(request, _project_for(request, pk))


def _project_funding_page(request, project, bond_form=None):
    settings = FundingSettings.load()
    applications = list(
        FundingApplication.objects.visible_to(request.user).filter(project=project).order_by("-year", "id")
    )
    bond = BondFinance.objects.filter(project=project).first()
    can_record = may_record_documents(request.user, project)
    can_bond = may_edit_bond_finance(request.user, project)
    documents = list(ProjectDocument.objects.filter(project=project).select_related("item"))
    return render(
        request,
        "funding/project_funding.html",
        {
            "project": project,
            "maturity": project_maturity(project, settings),
            "settings": settings,
            "documents": documents,
            "applications": applications,
            "overview": funding_overview(project, applications),
            "bond": bond,
            "coverage": bond.coverage(settings.coverage_threshold) if bond else None,
            "document_form": DocumentForm() if can_record else None,
            "bond_form": (bond_form or BondFinanceForm(instance=bond, prefix="bond")) if can_bond else None,
            "can_record": can_record,
            "can_apply": is_funding_manager(request.user),
            # A funding department follows every project here, not always on the registry's own page.
            "project_visible": Project.objects.visible_to(request.user).filter(pk=project.pk).exists(),
        },
    )


@require_POST
@member_required
def document_add(request, pk):
    project = _project_for(request, pk)
    form = DocumentForm(request.POST)
    if form.is_valid():
        try:
            document_record(user=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            flash_errors(request, form)
        else:
            messages.success(request, _("已登记：%(item)s") % {"item": form.cleaned_data["item"].name})
    else:
        flash_errors(request, form)
    return redirect(reverse("funding-project", args=[project.pk]) + "#checklist")


@require_POST
@member_required
def document_delete(request, pk, document_pk):
    project = _project_for(request, pk)
    documents = ProjectDocument.objects.select_related("item", "project")
    document = get_object_or_404(documents, pk=document_pk, project=project)
    document_remove(user=request.user, document=document)
    messages.success(request, _("已撤销：%(item)s") % {"item": document.item.name})
    return redirect(reverse("funding-project", args=[project.pk]) + "#checklist")


@require_POST
@member_required
def bond_finance_edit(request, pk):
    project = _project_for(request, pk)
    if not may_edit_bond_finance(request.user, project):
        raise PermissionDenied(_("只有项目办、经济发展局和财政局可以填报专项债券融资平衡方案。"))
    plan = BondFinance.objects.filter(project=project).first() or BondFinance(project=project)
    form = BondFinanceForm(request.POST, prefix="bond", instance=plan)
    if form.is_valid():
        try:
            bond_finance_save(user=request.user, project=project, seen=form.loaded_version, **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            return _project_funding_page(request, project, bond_form=form)
        except ValidationError as error:
            add_errors(form, error)
            flash_errors(request, form)
        else:
            messages.success(request, _("专项债券融资平衡方案已保存。"))
    else:
        flash_errors(request, form)
    return redirect(reverse("funding-project", args=[project.pk]) + "#bond")


# --- settings -------------------------------------------------------------------------------------


@member_required
def funding_settings(request):
    """The maturity checklist with its weights, the level thresholds and the bond coverage threshold."""
    if not may_manage_settings(request.user):
        raise PermissionDenied(_("只有项目办可以修改成熟度指标和预警规则。"))
    config = FundingSettings.load()
    which = request.POST.get("form") if request.method == "POST" else None
    settings_form = SettingsForm(request.POST if which == "settings" else None, instance=config, prefix="rules")
    items = MaturityItemFormSet(
        request.POST if which == "items" else None,
        queryset=MaturityItem.objects.order_by("sort_order", "id"),
        prefix="items",
    )
    if which == "settings":
        saved = save_settings(
            request,
            settings_form,
            reason=_("修改成熟度等级与债券预警规则"),
            done=_("规则已保存。"),
            to=reverse("funding-settings"),
        )
        if saved is not None:
            return saved
    if which == "items" and items.is_valid() and concurrency.formset_save(items, reason=_("修改成熟度指标")):
        messages.success(request, _("成熟度指标已保存。"))
        return redirect("funding-settings")
    return render(
        request,
        "funding/settings.html",
        {"settings_form": settings_form, "items": items, "history": changes(config, limit=10)},
    )
