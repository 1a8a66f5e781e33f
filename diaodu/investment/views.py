"""Pages of investment attraction: the pipeline (kanban, funnel, breakdowns, the year against its target), a lead's
page with its log and conversion, the companies, the headquarters list, and the rules and targets."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
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
from diaodu.org.choices import Role
from diaodu.projects.models import Project

from . import sla
from .choices import SIGNED_STAGES, LeadStage
from .companies import company_create, company_update, headquarters_save
from .filters import CompanyFilterSet, LeadFilterSet
from .forms import (
    ActivityForm,
    AdvanceForm,
    CompanyForm,
    ConvertForm,
    HeadquartersForm,
    LeadForm,
    RulesForm,
    TargetForm,
)
from .models import HeadquartersMove, InvestmentTarget, ResponseRules
from .permissions import (
    in_investment_bureau,
    may_configure,
    may_convert,
    may_create_leads,
    may_edit_companies,
    may_work_lead,
)
from .selectors import (
    breakdowns,
    company_list_queryset,
    funnel,
    headquarters,
    kanban,
    lead_detail_queryset,
    lead_list_queryset,
    overdue,
    resident_enterprise_count,
    signed_in_year,
)
from .services import (
    lead_advance,
    lead_convert_to_project,
    lead_create,
    lead_log_activity,
    lead_update,
    rules_set,
    target_set,
)


def _history(record, limit: int) -> list:
    """The record's changes, with each field's label and each choice's label instead of the stored code."""
    labelled = []
    for entry, fields in changes(record, limit=limit):
        rows = []
        for name, old, new in fields:
            field = record._meta.get_field(name)
            if not field.editable:
                continue  # computed (the stored deadline) or bookkeeping (the version)
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
def pipeline(request):
    """The pipeline as a kanban by stage and a funnel, by chain, source and officer, and the year against its target."""
    today = timezone.localdate()
    year = _year(request)
    queryset = lead_list_queryset(request.user)
    data = request.GET.copy()
    data.pop("year", None)
    filterset = LeadFilterSet(data or None, queryset=queryset, request=request)
    visible = list(queryset)
    leads = list(filterset.qs) if filterset.is_bound else visible
    lost = [lead for lead in leads if lead.stage == LeadStage.LOST]
    access = access_for(request.user)
    flagged = overdue(visible, today)
    # 在谈: neither signed nor lost, the leads the officers are still working towards a signature.
    talking = [lead for lead in leads if lead.stage not in SIGNED_STAGES and lead.stage != LeadStage.LOST]
    return render(
        request,
        "investment/pipeline.html",
        {
            "year": year,
            "today": today,
            "filter": filterset,
            "columns": kanban(leads),
            "lost": lost,
            "funnel": funnel(leads),
            "breakdowns": breakdowns(leads),
            # The year's figures and the flags read every lead the user may see, whatever the filter.
            "signed": signed_in_year(visible, year, today),
            "overdue": flagged,
            "overdue_ids": {lead.pk for lead in flagged},
            "resident_count": resident_enterprise_count(today),
            "count": len(leads),
            "rules": ResponseRules.load(),
            "talking": talking,
            "talking_amount": sum((lead.investment for lead in talking), Decimal(0)),
            "sees_all": access.sees_everything
            or Role.RESPONSIBLE_LEADER in access.roles
            or in_investment_bureau(request.user),
            "can_create": may_create_leads(request.user),
            "can_configure": may_configure(request.user),
        },
    )


def _lead_for(request, pk):
    return get_object_or_404(lead_detail_queryset(request.user), pk=pk)


def _detail_context(request, lead, *, advance_form=None, activity_form=None, convert_form=None) -> dict:
    today = timezone.localdate()
    can_work = may_work_lead(request.user, lead)
    working = lead.stage not in (LeadStage.LOST, LeadStage.STARTED)
    can_convert = may_convert(request.user, lead) and lead.stage == LeadStage.SIGNED and not lead.project_id
    rules = ResponseRules.load()
    return {
        "lead": lead,
        "today": today,
        "rules": rules,
        "deadlines": [(item, item.describe(today), item.is_overdue_on(today)) for item in sla.deadlines(lead, rules)],
        "activities": list(lead.activities.all()),
        "can_work": can_work,
        # A refused move is shown even when the lead moves no more (ended meanwhile: the conflict says so).
        "advance_form": advance_form
        if can_work and advance_form
        else (AdvanceForm(lead=lead) if can_work and working else None),
        "activity_form": (activity_form or ActivityForm()) if can_work else None,
        "convert_form": (convert_form or ConvertForm(lead=lead)) if can_convert else None,
        "history": _history(lead, limit=20),
    }


@member_required
def lead_detail(request, pk):
    lead = _lead_for(request, pk)
    return render(request, "investment/lead_detail.html", _detail_context(request, lead))


@require_POST
@member_required
def lead_advance_view(request, pk):
    """Move the lead on; errors, or the conflict with a newer version of the lead, stand in the form."""
    lead = _lead_for(request, pk)
    if not may_work_lead(request.user, lead):
        raise PermissionDenied(_("只有线索的招商负责人、投资促进局和项目办可以变更线索阶段。"))
    return change_status(
        request,
        AdvanceForm(request.POST, lead=lead),
        record=lead,
        service=lambda **data: lead_advance(user=request.user, lead=lead, **data),
        done=lambda moved: _("线索已变更为“%(stage)s”。") % {"stage": moved.get_stage_display()},
        to=reverse("lead-detail", args=[lead.pk]),
        refused=lambda form: render(
            request, "investment/lead_detail.html", _detail_context(request, lead, advance_form=form)
        ),
    )


@require_POST
@member_required
def lead_log_view(request, pk):
    lead = _lead_for(request, pk)
    if not may_work_lead(request.user, lead):
        raise PermissionDenied(_("只有线索的招商负责人、投资促进局和项目办可以记录跟进情况。"))
    form = ActivityForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if not data["next_action"]:
            data["next_action"] = None  # left empty: the next action stays as it is
            data["next_action_due"] = None
        try:
            lead_log_activity(user=request.user, lead=lead, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已记录。"))
            return redirect(reverse("lead-detail", args=[lead.pk]) + "#log")
    return render(request, "investment/lead_detail.html", _detail_context(request, lead, activity_form=form))


@require_POST
@member_required
def lead_convert_view(request, pk):
    """Turn the signed lead into a key project and open the project's page."""
    lead = _lead_for(request, pk)
    if not may_convert(request.user, lead):
        raise PermissionDenied(_("只有项目办可以将招商线索转为重点项目。"))
    form = ConvertForm(request.POST, lead=lead)
    if form.is_valid():
        try:
            project = lead_convert_to_project(lead=lead, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已转为重点项目：%(name)s") % {"name": project.name})
            return redirect("project-detail", pk=project.pk)
    context = _detail_context(request, lead, convert_form=form)
    if context["convert_form"] is None:  # refused (already converted, not signed): say why where the button was
        messages.error(request, " ".join(form.non_field_errors()) or _("该线索不能转为重点项目。"))
        return redirect("lead-detail", pk=lead.pk)
    return render(request, "investment/lead_detail.html", context)


@member_required
def lead_create_view(request):
    if not may_create_leads(request.user):
        raise PermissionDenied(_("只有项目办、投资促进局和招商人员可以登记招商线索。"))
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("seen_version", None)
        try:
            lead = lead_create(user=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已登记线索：%(title)s") % {"title": lead.title})
            return redirect("lead-detail", pk=lead.pk)
    return render(request, "investment/lead_form.html", {"form": form, "lead": None})


@member_required
def lead_edit_view(request, pk):
    lead = _lead_for(request, pk)
    if not may_work_lead(request.user, lead):
        raise PermissionDenied(_("只有线索的招商负责人、投资促进局和项目办可以修改线索。"))
    form = LeadForm(request.POST or None, instance=lead)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen_version = data.pop("seen_version", None)
        try:
            lead_update(user=request.user, lead=lead, seen_version=seen_version, seen=form.loaded_version, **data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("lead-detail", pk=lead.pk)
    return render(request, "investment/lead_form.html", {"form": form, "lead": lead})


# --- companies ------------------------------------------------------------------------------------


@member_required
def company_list(request):
    """Every company the zone courts or hosts, resident ones first, with the count of resident enterprises."""
    queryset = company_list_queryset(request.user)
    filterset = CompanyFilterSet(request.GET or None, queryset=queryset, request=request)
    companies = list(filterset.qs if filterset.is_bound else queryset)
    today = timezone.localdate()
    return render(
        request,
        "investment/company_list.html",
        {
            "filter": filterset,
            "companies": companies,
            "count": len(companies),
            "resident_count": resident_enterprise_count(today),
            "today": today,
            "can_edit": may_edit_companies(request.user),
        },
    )


def _company_for(request, pk):
    return get_object_or_404(company_list_queryset(request.user), pk=pk)


@member_required
def company_detail(request, pk):
    company = _company_for(request, pk)
    leads = list(lead_list_queryset(request.user).filter(company=company))
    referred = list(lead_list_queryset(request.user).filter(referrer=company))
    move = HeadquartersMove.objects.filter(company=company).select_related("officer").first()
    return render(
        request,
        "investment/company_detail.html",
        {
            "company": company,
            "leads": leads,
            "referred": referred,
            "move": move,
            "projects": list(
                Project.objects.visible_to(request.user).filter(owner=company.organisation_id).order_by("name")
            ),
            "can_edit": may_edit_companies(request.user),
            "history": _history(company, limit=10),
        },
    )


@member_required
def company_create_view(request):
    if not may_edit_companies(request.user):
        raise PermissionDenied(_("只有项目办、投资促进局和招商人员可以登记企业。"))
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("seen_version", None)
        try:
            company = company_create(user=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已登记企业：%(name)s") % {"name": company.name})
            return redirect("company-detail", pk=company.pk)
    return render(request, "investment/company_form.html", {"form": form, "company": None})


@member_required
def company_edit_view(request, pk):
    company = _company_for(request, pk)
    if not may_edit_companies(request.user):
        raise PermissionDenied(_("只有项目办、投资促进局和招商人员可以修改企业信息。"))
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen_version = data.pop("seen_version", None)
        try:
            company_update(
                user=request.user, company=company, seen_version=seen_version, seen=form.loaded_version, **data
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("company-detail", pk=company.pk)
    return render(request, "investment/company_form.html", {"form": form, "company": company})


@member_required
def headquarters_edit_view(request, pk):
    company = _company_for(request, pk)
    if not may_edit_companies(request.user):
        raise PermissionDenied(_("只有项目办、投资促进局和招商人员可以登记总部迁入。"))
    move = HeadquartersMove.objects.filter(company=company).first()
    form = HeadquartersForm(request.POST or None, instance=move)
    if request.method == "POST" and form.is_valid():
        try:
            headquarters_save(user=request.user, company=company, seen=form.loaded_version, **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("investment-headquarters")
    return render(request, "investment/headquarters_form.html", {"form": form, "company": company})


@member_required
def headquarters_list(request):
    """总部经济: the companies that have moved their headquarters in, agreed to, or are negotiating."""
    groups = headquarters(request.user)
    return render(
        request,
        "investment/headquarters.html",
        {
            "groups": groups,
            "count": sum(len(group["moves"]) for group in groups),
            "can_edit": may_edit_companies(request.user),
        },
    )


# --- rules and targets ----------------------------------------------------------------------------


@member_required
def settings_view(request):
    """The response rules for large leads and the year's target: the dispatch office."""
    if not may_configure(request.user):
        raise PermissionDenied(_("只有项目办可以修改招商规则和目标。"))
    year = _year(request)
    rules = ResponseRules.load()
    target = InvestmentTarget.objects.filter(year=year).first() or InvestmentTarget(year=year)
    which = request.POST.get("form") if request.method == "POST" else None
    rules_form = RulesForm(request.POST if which == "rules" else None, instance=rules, prefix="rules")
    target_form = TargetForm(request.POST if which == "target" else None, instance=target, prefix="target")
    form = {"rules": rules_form, "target": target_form}.get(which)
    if form is not None and form.is_valid():
        try:
            if which == "rules":
                rules_set(user=request.user, seen=form.loaded_version, **form.cleaned_data)
            else:
                target_set(user=request.user, year=year, seen=form.loaded_version, **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect(f"{reverse('investment-settings')}?year={year}")
    return render(
        request,
        "investment/settings.html",
        {
            "year": year,
            "rules_form": rules_form,
            "target_form": target_form,
            "rules_history": _history(rules, limit=10),
        },
    )
