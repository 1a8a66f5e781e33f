"""What every generated record stands on: the zone's reference data, the people, the enterprises.

`World.load` reads the demo org (areas, departments, platform companies), the catalogue of procedures and
templates, issue categories, chains and indicators; `people` and `enterprises` write the officials and the
companies that projects and leads point at.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from diaodu.coordination.models import IssueCategory
from diaodu.core import workdays
from diaodu.indicators.models import Indicator
from diaodu.investment.models import Company, IndustryChain
from diaodu.org.choices import OrganisationKind
from diaodu.org.models import Area, Department, Organisation, Person, Zone
from diaodu.progress.models import LightSettings
from diaodu.projects.models import ProcedureType, ScheduleTemplate

from . import names
from .writer import Ids, Table, db_datetime

# Departments that answer for projects, with their weight among projects.
PROJECT_DEPARTMENTS = {
    "经济发展局": 4,
    "投资促进局": 3,
    "建设局": 3,
    "自然资源局": 1,
    "项目服务办公室": 1,
    "征收办公室": 1,
}
INVESTMENT_BUREAU = "投资促进局"


@dataclass(frozen=True)
class TemplateNode:
    """One step of a schedule template, as the generator lays it on a project."""

    code: str
    name: str
    kind: str
    procedure_type_id: int | None
    duration: int
    after: tuple[str, ...]
    is_target: bool
    department: str


@dataclass
class World:
    """Reference data read once, the generator's random stream, and the id and timestamp helpers."""

    rng: random.Random
    as_of: dt.date
    months: list[dt.date]  # first days of the months covered, oldest first
    batch_size: int
    division: str = "220105"
    ids: Ids = field(default_factory=Ids)
    areas: list[tuple[int, str]] = field(default_factory=list)
    departments: dict[str, int] = field(default_factory=dict)
    platforms: list[int] = field(default_factory=list)
    templates: dict[str, list[TemplateNode]] = field(default_factory=dict)
    categories: list[tuple[int, int, int | None]] = field(default_factory=list)  # id, SLA days, department
    chains: list[int] = field(default_factory=list)
    indicators: dict[str, tuple[int, str]] = field(default_factory=dict)  # code → (id, kind)
    due_days: dict[int, int] = field(default_factory=dict)  # year → monthly report due day
    leaders: list[int] = field(default_factory=list)
    officers: dict[str, list[int]] = field(default_factory=dict)  # department name → person ids
    enterprises: list[tuple[int, str]] = field(default_factory=list)  # organisation id, name
    companies: list[tuple[int, int, dt.date | None]] = field(default_factory=list)  # company, organisation, since
    demo_people: dict[str, int] = field(default_factory=dict)
    calendar: workdays.WorkCalendar | None = None  # the working-day calendar, read once
    _stamps: dict[tuple[dt.date, int], object] = field(default_factory=dict)

    @classmethod
    def load(cls, *, rng: random.Random, as_of: dt.date, years: int, batch_size: int) -> World:
        first = _add_months(as_of.replace(day=1), -(12 * years - 1))
        world = cls(rng, as_of, [_add_months(first, i) for i in range(12 * years)], batch_size)
        zone = Zone.current()
        world.division = zone.division_code if zone else "220105"
        world.areas = list(Area.objects.order_by("sort_order", "id").values_list("id", "name"))
        world.departments = dict(Department.objects.values_list("name", "id"))
        world.platforms = list(
            Organisation.objects.filter(kind=OrganisationKind.PLATFORM).order_by("id").values_list("id", flat=True)
        )
        world.templates = _templates()
        world.categories = list(
            IssueCategory.objects.filter(is_active=True)
            .order_by("sort_order", "id")
            .values_list("id", "sla_workdays", "default_department_id")
        )
        world.chains = list(IndustryChain.objects.filter(is_active=True).order_by("id").values_list("id", flat=True))
        world.indicators = {code: (pk, kind) for pk, code, kind in Indicator.objects.values_list("id", "code", "kind")}
        for year in range(first.year, as_of.year + 2):
            world.due_days[year] = LightSettings.for_year(year).monthly_due_day
        world.demo_people = dict(Person.objects.filter(user__isnull=False).values_list("name", "id"))
        world.calendar = workdays.get_calendar()
        return world

    def stamp(self, day: dt.date, hour: int = 9):
        """The timestamp of something done on `day` (at `hour`, zone time), as a row carries it."""
        key = (day, hour)
        if key not in self._stamps:
            moment = dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))
            self._stamps[key] = db_datetime(moment)
        return self._stamps[key]

    def department_for_project(self) -> tuple[str, int | None]:
        name = self.rng.choices(list(PROJECT_DEPARTMENTS), weights=list(PROJECT_DEPARTMENTS.values()))[0]
        return name, self.departments.get(name)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _templates() -> dict[str, list[TemplateNode]]:
    """The templates' networks by template kind, in their order (predecessors first)."""
    types = {pt.pk: pt for pt in ProcedureType.objects.all()}
    result = {}
    for template in ScheduleTemplate.objects.prefetch_related("steps__after").order_by("kind", "name"):
        if template.kind in result:
            continue
        steps = sorted(template.steps.all(), key=lambda s: (s.sort_order, s.pk))
        codes = {step.pk: types[step.procedure_type_id].code for step in steps}
        result[template.kind] = [
            TemplateNode(
                code=codes[step.pk],
                name=types[step.procedure_type_id].name,
                kind=types[step.procedure_type_id].kind,
                procedure_type_id=step.procedure_type_id,
                duration=0 if types[step.procedure_type_id].kind == "milestone" else step.duration_days,
                after=tuple(codes[a.pk] for a in step.after.all() if a.pk in codes),
                is_target=step.is_target,
                department=types[step.procedure_type_id].department_name,
            )
            for step in steps
        ]
    return result


def write_people(world: World, projects: int) -> int:
    """Responsible leaders (one per ~400 projects) and officers by department (one per ~20 projects)."""
    rng = world.rng
    table = Table(Person, ["id", "name", "title", "department", "phone", "is_active", "created_at", "updated_at"])
    created = world.stamp(world.months[0] - dt.timedelta(days=60))
    office = world.departments.get("党政办公室")
    for _ in range(max(5, projects // 400)):
        pk = world.ids.take(Person)
        table.add((pk, names.person_name(rng), rng.choice(names.LEADER_TITLES), office, "", True, created, created))
        world.leaders.append(pk)
    weights = {**PROJECT_DEPARTMENTS, INVESTMENT_BUREAU: PROJECT_DEPARTMENTS[INVESTMENT_BUREAU] + 1}
    total = sum(weights.values())
    for department, weight in weights.items():
        if department not in world.departments:
            continue
        for _ in range(max(2, projects // 20 * weight // total)):
            pk = world.ids.take(Person)
            phone = f"139{rng.randrange(10**8):08d}"
            title = f"{department}{rng.choice(names.OFFICER_TITLES)}"
            table.add((pk, names.person_name(rng), title, world.departments[department], phone, True, created, created))
            world.officers.setdefault(department, []).append(pk)
    table.flush()
    return table.written


def write_enterprises(world: World, projects: int) -> tuple[int, int]:
    """Enterprises (one per ~3 projects) with valid unique credit codes; half of them courted as companies."""
    rng = world.rng
    taken_names = set(Organisation.objects.values_list("name", flat=True))
    taken_codes = set(Organisation.objects.exclude(credit_code="").values_list("credit_code", flat=True))
    organisations = Table(
        Organisation,
        ["id", "name", "short_name", "kind", "credit_code", "address", "created_at", "updated_at"],
    )
    company_fields = ["id", "organisation", "industry", "registered_in", "area", "resident_since", "version"]
    companies = Table(Company, [*company_fields, "created_at", "updated_at"])
    created = world.stamp(world.months[0] - dt.timedelta(days=90))
    index = 0
    sections = ("C", "C", "C", "A", "F", "G", "I", "K", "M", "Q", "R")
    for _ in range(max(20, projects // 3)):
        name = names.enterprise_name(index)
        while name in taken_names:
            index += 1
            name = names.enterprise_name(index)
        code = names.credit_code(index, world.division)
        index += 1
        taken_names.add(name)
        pk = world.ids.take(Organisation)
        address = f"{world.areas[rng.randrange(len(world.areas))][1]}{rng.randint(1, 300)}号" if world.areas else ""
        credit = "" if code in taken_codes else code
        kind = OrganisationKind.ENTERPRISE.value
        organisations.add((pk, name, names.brand_of(name), kind, credit, address, created, created))
        world.enterprises.append((pk, name))
        if rng.random() < 0.5:
            since = None
            if rng.random() < 0.7:
                since = world.months[0] - dt.timedelta(days=rng.randint(0, 2000))
            area = world.areas[rng.randrange(len(world.areas))][0] if world.areas else None
            company = world.ids.take(Company)
            companies.add((company, pk, rng.choice(sections), "吉林省长春市", area, since, 1, created, created))
            world.companies.append((company, pk, since))
    organisations.flush()
    companies.flush()
    return organisations.written, companies.written


def money(value: int) -> Decimal:
    """An amount in 万元 from a whole number of 分 (hundredths of 万元): exact, never through a float."""
    return Decimal(value).scaleb(-2)
