"""Pages of the registry: the project list (with Excel export), a project's page with its Gantt chart, forms."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from diaodu.core import concurrency
from diaodu.core.access import access_for
from diaodu.core.concurrency import EditConflict
from diaodu.core.history import changes
from diaodu.core.transitions import change_status
from diaodu.core.views import member_required
from diaodu.org.choices import Role
from diaodu.org.models import Person

from .exports import projects_workbook
from .filters import ProjectFilterSet
from .forms import ProjectForm, StageForm, StepForm, TemplateForm
from .models import Project, Step, StepDependency
from .panels import project_panels
from .permissions import can_edit_steps, can_manage_projects
from .selectors import PEOPLE_FILTERS, gantt_data, project_list_queryset, responsible_people
from .services import (
    project_apply_template,
    project_change_stage,
    project_recompute_schedule,
    step_delete,
    step_save,
)

PAGE_SIZE = 50
DETAIL_RELATED = [
    "area",
    "owner",
    "responsible_leader__department",
    "responsible_officer__department",
    "responsible_department",
    "schedule_worst_step",
]


@member_required
def project_list(request, mine=False):
    """Projects the user may see, filtered, sorted, searched and paginated; `?export=xlsx` for Excel."""
    queryset = project_list_queryset(request.user)
    if mine:
        queryset = _mine(request.user, queryset)
    if request.GET.get("people") in PEOPLE_FILTERS:
        return _people_options(request, queryset, request.GET["people"])
    filterset = ProjectFilterSet(request.GET or None, queryset=queryset, request=request)
    projects = filterset.qs if filterset.is_bound else queryset
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(
            projects_workbook(projects),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = f"projects-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    from django.core.paginator import Paginator

    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    totals = projects.aggregate(total=Sum("total_investment"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/project_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "projects": page.object_list,
            "count": page.paginator.count,
            "total_investment": totals["total"],
            "query": query.urlencode(),
            "mine": mine,
            "can_manage": can_manage_projects(request.user),
        },
    )


def _people_options(request, queryset, role):
    """The options of the leader or officer menu matching what was typed in its search box (htmx)."""
    term = request.GET.get("term", "").strip()[:50]
    people = responsible_people(queryset, role=role, term=term)
    chosen = request.GET.get(role, "")
    selected = int(chosen) if chosen.isdigit() else None
    if selected is not None and selected not in {person.pk for person in people}:
        if term:
            selected = None  # searching for someone else
        else:
            people = [*Person.objects.filter(pk=selected).only("pk", "name"), *people]
    if selected is None and term and people:
        selected = people[0].pk  # typing a name and pressing 筛选 filters by the first match
    return render(request, "projects/_person_options.html", {"people": people, "selected": selected, "term": term})


def _mine(user, queryset):
    """'My projects': those the user answers for as leader or officer, or through the department."""
    access = access_for(user)
    from django.db.models import Q

    condition = Q(pk__in=[])
    if access.person_id:
        condition |= Q(responsible_leader_id=access.person_id) | Q(responsible_officer_id=access.person_id)
    if access.department_id and Role.DEPARTMENT in access.roles:
        condition |= Q(responsible_department_id=access.department_id)
    return queryset.filter(condition)


def _project_for(request, pk) -> Project:
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related(*DETAIL_RELATED),
        pk=pk,
    )


def _steps(project):
    return list(
        project.steps.select_related("responsible_department", "responsible_person")
        .prefetch_related(
            Prefetch("predecessor_links", queryset=StepDependency.objects.select_related("predecessor").order_by("id"))
        )
        .order_by("sort_order", "id")
    )


def _steps_context(request, project, **extra):
    steps = _steps(project)
    return {
        "project": project,
        "steps": steps,
        "gantt": gantt_data(project, steps),
        "can_edit_steps": can_edit_steps(request.user, project),
        "late_deadlines": [s for s in steps if s.deadline and s.total_float is not None and s.total_float < 0],
        **extra,
    }


@member_required
def project_detail(request, pk):
    project = _project_for(request, pk)
    plans = list(project.plans.order_by("year"))
    funding = list(project.funding.select_related("organisation"))
    funded = sum((source.amount for source in funding), start=0)
    context = _steps_context(
        request,
        project,
        plans=plans,
        funding=funding,
        funded=funded,
        can_manage=can_manage_projects(request.user),
        stage_form=StageForm(initial={"stage": project.stage}, record=project),
        template_form=TemplateForm(record=project),
        history=changes(project, limit=20),
        panels=project_panels(request, project),
    )
    return render(request, "projects/project_detail.html", context)


@member_required
def project_create(request):
    if not can_manage_projects(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = form.save()
        messages.success(request, _("已登记项目：%(name)s") % {"name": project.name})
        return redirect("project-detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@member_required
def project_edit(request, pk):
    project = _project_for(request, pk)
    if not can_manage_projects(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            with concurrency.editing(project, form.loaded_version):
                form.save()
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            # Dates and amounts feed the schedule and the lights above it.
            project_recompute_schedule(project=project)
            messages.success(request, _("已保存。"))
            return redirect("project-detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@require_POST
@member_required
def project_stage(request, pk):
    project = _project_for(request, pk)
    if not can_manage_projects(request.user):
        raise PermissionDenied
    return change_status(
        request,
        StageForm(request.POST, record=project),
        record=project,
        service=lambda **data: project_change_stage(project=project, **data),
        done=_("阶段已变更。"),
        to=reverse("project-detail", args=[project.pk]),
    )


@require_POST
@member_required
def project_template(request, pk):
    project = _project_for(request, pk)
    if not can_manage_projects(request.user):
        raise PermissionDenied
    return change_status(
        request,
        TemplateForm(request.POST, record=project),
        record=project,
        service=lambda **data: project_apply_template(project=project, **data),
        done=_("已按模板生成步骤。"),
        to=reverse("project-detail", args=[project.pk]) + "#steps",
    )


@member_required
def step_form(request, pk, step_pk=None):
    """An inline row to edit (or add) a step; saving answers with the whole steps section (htmx)."""
    project = _project_for(request, pk)
    if not can_edit_steps(request.user, project):
        raise PermissionDenied
    step = get_object_or_404(Step, pk=step_pk, project=project) if step_pk else Step(project=project)
    if step.pk is None:
        step.sort_order = project.steps.count()
    form = StepForm(request.POST or None, instance=step, project=project)
    if request.method == "POST":
        if form.is_valid():
            try:
                step_save(step=form.save(commit=False), predecessors=form.predecessor_links(), seen=form.loaded_version)
            except EditConflict as conflict:
                form.show_conflict(conflict)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                project.refresh_from_db()
                response = render(request, "projects/_steps.html", _steps_context(request, project, saved=step.pk))
                # Errors replace the form's row; a saved step redraws the whole section (dates moved).
                return retarget(reswap(response, "outerHTML"), "#steps-section")
        # 200, not 422: htmx swaps only successful answers, and the row must show its errors.
        return render(request, "projects/_step_form.html", {"form": form, "project": project, "step": step})
    return render(request, "projects/_step_form.html", {"form": form, "project": project, "step": step})


@require_POST
@member_required
def step_remove(request, pk, step_pk):
    project = _project_for(request, pk)
    if not can_edit_steps(request.user, project):
        raise PermissionDenied
    step = get_object_or_404(Step, pk=step_pk, project=project)
    try:
        step_delete(step=step, seen=request.POST.get("version"))
    except EditConflict as conflict:
        # Changed by someone else since the row was opened: show the step as saved now, with who changed it.
        form = StepForm(instance=conflict.current, project=project)
        form.conflict = concurrency.notice(conflict)
        response = render(request, "projects/_step_form.html", {"form": form, "project": project, "step": step})
        return retarget(reswap(response, "outerHTML"), f"#step-{step.pk}")
    project.refresh_from_db()
    return render(request, "projects/_steps.html", _steps_context(request, project))


@member_required
def steps_section(request, pk):
    project = _project_for(request, pk)
    return render(request, "projects/_steps.html", _steps_context(request, project))
