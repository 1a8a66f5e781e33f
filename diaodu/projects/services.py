"""Writes of the registry: stage changes, templates, steps with their links, and stored schedules."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import concurrency, workdays
from diaodu.core.faults import pause_point
from diaodu.org.models import Department

from . import scheduling
from .bulk import update_rows
from .choices import Stage, StepKind, StepStatus
from .models import Project, ScheduleTemplate, Step, StepDependency
from .signals import schedules_recomputed

STEP_INPUT_FIELDS = ["id", "name", "duration_days", "status", "deadline", "actual_start", "actual_finish"]
SCHEDULE_FIELDS = ["early_start", "early_finish", "late_start", "late_finish", "total_float", "critical"]
PROJECT_SCHEDULE_FIELDS = [
    "schedule_as_of",
    "schedule_feasible",
    "schedule_min_float",
    "schedule_worst_step",
    "schedule_error",
]

# stage → the stages it may move to. Ending stages (operating, cancelled) lead nowhere.
STAGE_TRANSITIONS = {
    Stage.CONCEIVED: {Stage.RESERVE, Stage.PREPARATION, Stage.CANCELLED},
    Stage.RESERVE: {Stage.CONCEIVED, Stage.PREPARATION, Stage.CANCELLED},
    Stage.PREPARATION: {Stage.RESERVE, Stage.CONSTRUCTION, Stage.SUSPENDED, Stage.CANCELLED},
    Stage.CONSTRUCTION: {Stage.COMPLETED, Stage.SUSPENDED, Stage.CANCELLED},
    Stage.COMPLETED: {Stage.OPERATING},
    Stage.OPERATING: set(),
    Stage.SUSPENDED: {Stage.PREPARATION, Stage.CONSTRUCTION, Stage.CANCELLED},
    Stage.CANCELLED: set(),
}


# --- schedules ------------------------------------------------------------------------------------


def _inputs(steps: Iterable[Step | dict], links: Iterable[tuple[int, int, int]]) -> list[scheduling.StepInput]:
    """StepInputs from step rows (models or `values()` dicts) and (predecessor, successor, lag) links."""
    predecessors = defaultdict(list)
    for pred, succ, lag in links:
        predecessors[succ].append((pred, lag))

    def get(step, name):
        return step[name] if isinstance(step, dict) else getattr(step, name)

    return [
        scheduling.StepInput(
            id=get(step, "id"),
            name=get(step, "name"),
            duration_days=get(step, "duration_days"),
            status=get(step, "status"),
            predecessors=tuple(predecessors.get(get(step, "id"), ())),
            deadline=get(step, "deadline"),
            actual_start=get(step, "actual_start"),
            actual_finish=get(step, "actual_finish"),
        )
        for step in steps
    ]


def _store(project_schedules: list[tuple[int, scheduling.Schedule | ValueError]], steps_by_id, as_of):
    """Write computed dates where they changed, and each project's summary."""
    changed_steps = []
    for _project_id, result in project_schedules:
        if isinstance(result, ValueError):
            continue
        for step_id, computed in result.steps.items():
            step = steps_by_id[step_id]
            if any(getattr(step, name) != getattr(computed, name) for name in SCHEDULE_FIELDS):
                for name in SCHEDULE_FIELDS:
                    setattr(step, name, getattr(computed, name))
                changed_steps.append(step)
    # Computed fields are not edits: written in one UPDATE … FROM (VALUES …) per batch, with no history rows.
    update_rows(Step, changed_steps, SCHEDULE_FIELDS)
    pause_point("portfolio_recompute_schedules")  # the steps of a batch are written, their projects not yet
    projects = []
    for project_id, result in project_schedules:
        project = Project(pk=project_id, schedule_as_of=as_of)
        if isinstance(result, ValueError):
            project.schedule_feasible = False
            project.schedule_min_float = None
            project.schedule_worst_step_id = None
            if isinstance(result, scheduling.CycleError):
                project.schedule_error = _("前置关系形成循环：%(cycle)s") % {"cycle": str(result)}
            else:
                project.schedule_error = str(result)[:500]
        else:
            project.schedule_feasible = result.feasible
            project.schedule_min_float = result.min_float
            project.schedule_worst_step_id = result.worst_step
            project.schedule_error = ""
        projects.append(project)
    update_rows(Project, projects, PROJECT_SCHEDULE_FIELDS)
    return len(changed_steps)


def project_schedule(*, project: Project, as_of: dt.date | None = None) -> scheduling.Schedule:
    """The project's schedule as of a date, computed now (raises CycleError)."""
    as_of = as_of or timezone.localdate()
    steps = list(
        project.steps.values("id", "name", "duration_days", "status", "deadline", "actual_start", "actual_finish")
    )
    links = StepDependency.objects.filter(successor__project=project).values_list(
        "predecessor_id", "successor_id", "lag_days"
    )
    return scheduling.compute_schedule(_inputs(steps, links), as_of, workdays.get_calendar())


def project_recompute_schedule(*, project: Project, as_of: dt.date | None = None) -> scheduling.Schedule | None:
    """Recompute one project's schedule and store it; None when its network has a cycle."""
    return portfolio_recompute_schedules(projects=Project.objects.filter(pk=project.pk), as_of=as_of)["last"]


def portfolio_recompute_schedules(*, projects=None, as_of: dt.date | None = None, batch_size: int = 1000) -> dict:
    """Recompute and store the schedules of many projects (all by default), a batch at a time."""
    as_of = as_of or timezone.localdate()
    calendar = workdays.get_calendar()
    project_ids = list((projects if projects is not None else Project.objects.all()).values_list("pk", flat=True))
    totals = {"projects": 0, "steps_changed": 0, "cycles": 0, "infeasible": 0, "last": None}
    for offset in range(0, len(project_ids), batch_size):
        batch = project_ids[offset : offset + batch_size]
        steps = list(Step.objects.filter(project_id__in=batch).only(*STEP_INPUT_FIELDS, "project_id", *SCHEDULE_FIELDS))
        links = StepDependency.objects.filter(successor__project_id__in=batch).values_list(
            "predecessor_id", "successor_id", "lag_days"
        )
        by_project = defaultdict(list)
        for step in steps:
            by_project[step.project_id].append(step)
        links_by_project = defaultdict(list)
        project_of = {step.id: step.project_id for step in steps}
        for pred, succ, lag in links:
            links_by_project[project_of[succ]].append((pred, succ, lag))
        results = list(
            scheduling.compute_schedules(
                ((pid, _inputs(by_project.get(pid, []), links_by_project.get(pid, []))) for pid in batch),
                as_of,
                calendar,
            )
        )
        with transaction.atomic():
            totals["steps_changed"] += _store(results, {step.id: step for step in steps}, as_of)
        schedules_recomputed.send(sender=Project, project_ids=batch, as_of=as_of)
        for _pid, result in results:
            totals["projects"] += 1
            if isinstance(result, ValueError):
                totals["cycles"] += 1
                totals["last"] = None
            else:
                totals["infeasible"] += not result.feasible
                totals["last"] = result
    return totals


# --- steps ----------------------------------------------------------------------------------------


def _check_network(project: Project) -> None:
    """Refuse a network whose links go round in a circle, naming its steps."""
    try:
        project_schedule(project=project)
    except scheduling.CycleError as error:
        raise ValidationError(
            {"predecessors": _("前置关系形成循环：%(cycle)s。请删除其中一条前置关系。") % {"cycle": str(error)}}
        ) from None


@transaction.atomic
def step_save(
    *,
    step: Step,
    predecessors: list[tuple[Step | int, int]] | None = None,
    recompute: bool = True,
    seen: str | None = None,
) -> Step:
    """Create or update a step and (when given) replace its predecessors; the schedule follows.

    `predecessors` are (step or id, lag in working days). Links to steps of another project, or links
    that close a cycle, are refused with a ValidationError and nothing is written. A step saved by someone
    else since the version `seen` is refused with EditConflict.
    """
    if step.pk is not None:
        concurrency.lock(Step, step.pk, seen=seen)
    if step.kind == StepKind.MILESTONE:
        step.duration_days = 0
    step.full_clean(exclude=["project"])
    step.save()
    if predecessors is not None:
        wanted = {}
        for pred, lag in predecessors:
            pred_id = pred.pk if isinstance(pred, Step) else int(pred)
            if pred_id == step.pk:
                raise ValidationError({"predecessors": _("步骤不能以自己为前置步骤。")})
            wanted[pred_id] = int(lag)
        known = set(Step.objects.filter(project=step.project_id, pk__in=wanted).values_list("pk", flat=True))
        if unknown := set(wanted) - known:
            raise ValidationError(
                {"predecessors": _("前置步骤 %(ids)s 不属于本项目。") % {"ids": ", ".join(map(str, sorted(unknown)))}}
            )
        existing = {link.predecessor_id: link for link in step.predecessor_links.all()}
        for pred_id, link in existing.items():
            if pred_id not in wanted:
                link.delete()
            elif link.lag_days != wanted[pred_id]:
                link.lag_days = wanted[pred_id]
                link.save()
        for pred_id, lag in wanted.items():
            if pred_id not in existing:
                StepDependency.objects.create(predecessor_id=pred_id, successor=step, lag_days=lag)
        _check_network(step.project)
    if recompute:
        project_recompute_schedule(project=step.project)
    return step


@transaction.atomic
def step_delete(*, step: Step, seen: str | None = None) -> None:
    """Remove a step; its successors keep their other predecessors (the history keeps the step).

    A step saved by someone else since the version `seen` is not removed (EditConflict).
    """
    concurrency.lock(Step, step.pk, seen=seen)
    project = step.project
    # Successors of the removed step inherit its predecessors, so the chain is not silently cut.
    for out_link in step.successor_links.all():
        for in_link in step.predecessor_links.all():
            StepDependency.objects.get_or_create(
                predecessor_id=in_link.predecessor_id,
                successor_id=out_link.successor_id,
                defaults={"lag_days": in_link.lag_days + out_link.lag_days},
            )
    for link in [*step.successor_links.all(), *step.predecessor_links.all()]:
        link.delete()
    step.delete()
    project_recompute_schedule(project=project)


@transaction.atomic
def project_apply_template(*, project: Project, template: ScheduleTemplate) -> list[Step]:
    """Lay a template's network of steps on a project; the 开工 milestone's deadline is the planned start."""
    departments = {department.name: department for department in Department.objects.all()}
    start = project.steps.count()
    created = {}
    template_steps = list(template.steps.select_related("procedure_type").prefetch_related("after"))
    for order, template_step in enumerate(template_steps, start=start):
        procedure = template_step.procedure_type
        created[template_step.pk] = Step.objects.create(
            project=project,
            name=procedure.name,
            kind=procedure.kind,
            procedure_type=procedure,
            duration_days=0 if procedure.kind == StepKind.MILESTONE else template_step.duration_days,
            deadline=project.planned_start if template_step.is_target else None,
            responsible_department=departments.get(procedure.department_name) or project.responsible_department,
            sort_order=order,
        )
    StepDependency.objects.bulk_create(
        StepDependency(predecessor=created[before.pk], successor=created[template_step.pk])
        for template_step in template_steps
        for before in template_step.after.all()
    )
    project_recompute_schedule(project=project)
    return list(created.values())


# --- stages ---------------------------------------------------------------------------------------


@transaction.atomic
def project_change_stage(
    *,
    project: Project,
    stage: str,
    actual_start: dt.date | None = None,
    actual_completion: dt.date | None = None,
    reason: str = "",
) -> Project:
    """Move a project to another stage, by the rules of the registry; recorded in its history with the reason.

    Rules: only the moves of STAGE_TRANSITIONS; 在建 needs an actual start date; 竣工 needs an actual
    completion date no earlier than the start; 投产 only after 竣工; 终止 and 投产 are final.
    """
    # Lock the row: two officers changing the stage at once must not both pass the checks.
    project = Project.objects.select_for_update().get(pk=project.pk)
    current = Stage(project.stage)
    target = Stage(stage)
    if target == current:
        raise ValidationError({"stage": _("项目已处于“%(stage)s”阶段。") % {"stage": target.label}})
    if target not in STAGE_TRANSITIONS[current]:
        allowed = "、".join(str(s.label) for s in sorted(STAGE_TRANSITIONS[current])) or _("无")
        raise ValidationError(
            {
                "stage": _("不能从“%(current)s”转为“%(target)s”；可转为：%(allowed)s。")
                % {"current": current.label, "target": target.label, "allowed": allowed}
            }
        )
    if actual_start is not None:
        project.actual_start = actual_start
    if actual_completion is not None:
        project.actual_completion = actual_completion
    if target == Stage.CONSTRUCTION and not project.actual_start:
        raise ValidationError({"actual_start": _("转为“在建”需要填写实际开工日期。")})
    if target == Stage.COMPLETED:
        if not project.actual_completion:
            raise ValidationError({"actual_completion": _("转为“竣工”需要填写实际竣工日期。")})
        if project.actual_start and project.actual_completion < project.actual_start:
            raise ValidationError({"actual_completion": _("实际竣工日期不能早于实际开工日期。")})
    today = timezone.localdate()
    for field in ("actual_start", "actual_completion"):
        value = getattr(project, field)
        if value and value > today:
            raise ValidationError({field: _("实际日期不能晚于今天。")})
    project.stage = target
    if target == Stage.CONSTRUCTION:
        # Construction has started: the 开工 milestone is reached on the actual start date.
        for step in project.steps.filter(procedure_type__code="start").exclude(status=StepStatus.DONE):
            step.status = StepStatus.DONE
            step.actual_start = step.actual_finish = project.actual_start
            step.save()
    pause_point("project_change_stage")  # the 开工 step is written, the project not yet
    project._change_reason = reason or _("阶段变更：%(from)s → %(to)s") % {
        "from": current.label,
        "to": target.label,
    }
    project.save()
    project_recompute_schedule(project=project)
    return project
