"""The speech's key projects as demo data: 64 planned starts of the year, the 续建 projects, a small reserve.

The year of the speech is shown as the current year. Every date is placed relative to
`timezone.localdate()`, so the pages always show every case: projects comfortably ahead of their
planned start, projects with little float left, projects whose start is already out of reach (some
with the planned start passed unstarted), and projects under construction.

How a project's progress is made: each project has a profile. The profile picks how many of the
procedures before 开工 are done (a prefix of the template network in a natural order), which of the
next ones are in progress and since when, and a target float. The actual dates of the done steps
are laid backwards from today (or from the actual start) so that they lie in the past and follow
their predecessors. The planned start is then set so that the project's float is the target: the
in-memory schedule (the same `scheduling.compute_schedule` the pages use) gives the earliest date
开工 can be reached; the planned start is that many working days after it (or before it).

Idempotent: projects, organisations and people are upserted by name and saved only when a value
differs; the template, the progress, the annual plan and the funding sources are laid only on a
project that has none yet, and the dates (placed relative to the day of the first run) are never
moved afterwards. Deterministic: one `random.Random(2021)` drawn in the same order on every run.
"""

import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc

from diaodu.org.choices import OrganisationKind
from diaodu.org.models import Area, Department, Organisation, Person, Zone

from .choices import ConstructionType, Stage, StepStatus
from .demo_data import CONTINUING, LEADERS, LIMING, OFFICERS, PROJECTS, REASON, SEED, SUNHAO, WANGJIANGUO, YI
from .demo_plan import Plan, Planner
from .models import FundingSource, InvestmentPlan, Project, ScheduleTemplate, Step
from .services import portfolio_recompute_schedules, project_apply_template, project_change_stage, step_save


def _credit_code(rng: random.Random, division: str) -> str:
    """A unified social credit code: 9 (工商) 1 (企业), division, organisation code with its check, check."""
    digits = [rng.randint(0, 9) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    org_code = "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))
    body = f"91{division}{org_code}"
    return body + uscc.calc_check_digit(body)


def _short_name(name: str) -> str:
    short = name
    for prefix in ("吉林省", "吉林", "长春"):
        if short.startswith(prefix) and len(short) > len(prefix) + 4:
            short = short[len(prefix) :]
            break
    for suffix in ("股份有限公司", "集团有限公司", "有限责任公司", "有限公司", "公司"):
        if short.endswith(suffix):
            return short[: -len(suffix)]
    return short


# --- writing --------------------------------------------------------------------------------------


def _upsert(model, lookup: dict, values: dict):
    """Get by `lookup` or create; save only the values that differ (so a second run writes nothing)."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = REASON
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj._change_reason = REASON
        obj.save()
    return obj, False


def _people(departments: dict[str, Department]) -> tuple[dict[str, Person], dict[str, list[Person]]]:
    office = departments.get("党政办公室")
    leaders = {}
    for name, title in LEADERS:
        leaders[name], _ = _upsert(Person, {"name": name}, {"title": title, "department": office})
    officers: dict[str, list[Person]] = {}
    serial = 0
    for department, people in OFFICERS.items():
        for name, title in people:
            serial += 1
            person, _ = _upsert(
                Person,
                {"name": name},
                {"title": title, "department": departments.get(department), "phone": f"1394310{serial:04d}"},
            )
            officers.setdefault(department, []).append(person)
    return leaders, officers


def _templates() -> dict[str, ScheduleTemplate]:
    from .catalogue import TEMPLATES

    result = {}
    for name, (kind, _description, _steps) in TEMPLATES.items():
        result[kind] = (
            ScheduleTemplate.objects.filter(name=name).first()
            or ScheduleTemplate.objects.filter(kind=kind).order_by("pk").first()
        )
    return result


def _apply_progress(project: Project, plan: Plan) -> None:
    """Lay the template on a project without steps, then set its steps as planned and start it if due."""
    steps = project_apply_template(project=project, template=plan.template)
    for step in steps:
        state = plan.states.get(step.procedure_type.code if step.procedure_type else "")
        if state is None or state.status == StepStatus.NOT_STARTED:
            continue
        if step.procedure_type.code == "start" and plan.stage == Stage.CONSTRUCTION:
            continue  # reached by project_change_stage on the actual start date
        step.status = state.status
        step.actual_start = state.actual_start
        step.actual_finish = state.actual_finish
        step.approval_number = state.approval_number
        step._change_reason = REASON
        step_save(step=step, recompute=False)
    if plan.stage == Stage.CONSTRUCTION and project.stage == Stage.PREPARATION:
        project_change_stage(
            project=project, stage=Stage.CONSTRUCTION, actual_start=plan.actual_start, reason="开工建设"
        )


@transaction.atomic
def seed_projects() -> dict:
    """Load the demo registry; safe to run again (nothing is duplicated, existing records are left as they are)."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    zone = Zone.current()
    division = zone.division_code if zone else "220105"
    areas = {area.name: area for area in Area.objects.all()}
    departments = {department.name: department for department in Department.objects.all()}
    people = {person.name: person for person in Person.objects.filter(name__in=[LIMING, SUNHAO, WANGJIANGUO])}
    leaders, officers = _people(departments)
    people.update(leaders)
    templates = _templates()
    planner = Planner(rng, today, templates, division)

    # Owners: enterprises are created as needed; a few get a credit code.
    owners: dict[str, Organisation] = {}
    credit = {spec.owner_name: _credit_code(rng, division) for spec in PROJECTS if spec.credit}
    for spec in PROJECTS:
        name = spec.owner_name
        if name in owners:
            continue
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation(name=name, short_name=_short_name(name), kind=OrganisationKind.ENTERPRISE)
            organisation._change_reason = REASON
            organisation.save()
        code = credit.get(name)
        if code and not organisation.credit_code and not Organisation.objects.filter(credit_code=code).exists():
            organisation.credit_code = code
            organisation._change_reason = REASON
            organisation.save()
        owners[name] = organisation

    # 包保: explicit where the spec says, else leaders in turn and the department's officers in turn.
    leader_cycle = [leaders[name] for name, _title in LEADERS]
    leader_turn = 0
    officer_turn: dict[str, int] = {}
    existing_codes = set(Project.objects.exclude(code=None).values_list("code", flat=True))

    for spec in PROJECTS:
        plan = planner.plan(spec)  # drawn for every spec on every run: the stream stays the same
        if spec.leader:
            leader = people.get(spec.leader)
        else:
            leader = leader_cycle[leader_turn % len(leader_cycle)]
            leader_turn += 1
        if spec.officer:
            officer = people.get(spec.officer)
        else:
            pool = officers.get(spec.department) or [p for group in officers.values() for p in group]
            officer = pool[officer_turn.get(spec.department, 0) % len(pool)]
            officer_turn[spec.department] = officer_turn.get(spec.department, 0) + 1

        static = {
            "category": spec.category,
            "construction_type": ConstructionType.CONTINUING if spec.profile == CONTINUING else ConstructionType.NEW,
            "area": areas.get(spec.area),
            "owner": owners[spec.owner_name],
            "scope": spec.scope,
            "total_investment": Decimal(spec.investment),
            "responsible_leader": leader,
            "responsible_officer": officer,
            "responsible_department": departments.get(spec.department),
            "latitude": plan.latitude,
            "longitude": plan.longitude,
        }
        project = Project.objects.filter(name=spec.name).order_by("pk").first()
        if project is None:
            project = Project(
                name=spec.name,
                **static,
                stage=Stage.PREPARATION if plan.stage == Stage.CONSTRUCTION else plan.stage,
                code=plan.code if plan.code not in existing_codes else None,
                planned_start=plan.planned_start,
                planned_completion=plan.planned_completion,
                statistics_date=plan.statistics_date,
                investment_done_before=plan.investment_done_before,
            )
            project._change_reason = REASON
            project.full_clean()
            project.save()
        else:
            changed = [name for name, value in static.items() if getattr(project, name) != value]
            if changed:
                for name in changed:
                    setattr(project, name, static[name])
                project._change_reason = REASON
                project.save()

        if not project.steps.exists():
            _apply_progress(project, plan)
        if plan.plan_amount is not None and not project.plans.filter(year=today.year).exists():
            investment_plan = InvestmentPlan(project=project, year=today.year, amount=plan.plan_amount)
            investment_plan._change_reason = REASON
            investment_plan.save()
        if plan.funding and not project.funding.exists():
            for kind, organisation, amount, note in plan.funding:
                source = FundingSource(
                    project=project,
                    kind=kind,
                    organisation=owners.get(organisation) if organisation else None,
                    amount=amount,
                    note=note,
                )
                source._change_reason = REASON
                source.save()

    portfolio_recompute_schedules()
    projects = Project.objects.all()
    return {
        "projects": projects.count(),
        "yi": projects.filter(total_investment__gte=YI).count(),
        "steps": Step.objects.count(),
        "infeasible": projects.filter(schedule_feasible=False).count(),
    }
