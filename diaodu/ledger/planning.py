"""Comparing a ledger with the registry: which row creates a project, which updates one, and what changes.

Projects are matched by project code where the row has one, else by exact name. People (包保领导, 包保干部)
are matched by exact name — of several people of one name, the active one with a login, then the first
registered; departments by name, then by short name ("经发局"); companies (建设单位) likewise; areas by name.
People, departments and companies the registry does not know are created (people without a login); an
unknown area is an error, since the zone's areas are set up by its administrator.

A blank cell leaves the registry's value as it is: a ledger that leaves a column empty (or has no such
column) never erases what the registry knows. 项目阶段 and 实际开工时间 are read for new projects only;
an existing project changes stage through the stage rules of the registry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from diaodu.org.models import Area, Department, Organisation, Person
from diaodu.projects.choices import ConstructionType, Stage
from diaodu.projects.exports import reported_investment
from diaodu.projects.models import InvestmentPlan, Project

from .reader import Ledger, LedgerRow, RowError

CHUNK = 500
# ledger field → Project attribute, for the values a row sets as they are.
DIRECT = {
    "name": "name",
    "code": "code",
    "category": "category",
    "construction_type": "construction_type",
    "scope": "scope",
    "total_investment": "total_investment",
    "planned_start": "planned_start",
    "planned_completion": "planned_completion",
}
# ledger field → (Project attribute, kind of record it names).
REFERENCES = {
    "area": ("area_id", "area"),
    "owner": ("owner_id", "organisation"),
    "leader": ("responsible_leader_id", "person"),
    "officer": ("responsible_officer_id", "person"),
    "department": ("responsible_department_id", "department"),
}
ATTRIBUTE_FIELDS = {
    "area_id": "area",
    "owner_id": "owner",
    "responsible_leader_id": "responsible_leader",
    "responsible_officer_id": "responsible_officer",
    "responsible_department_id": "responsible_department",
}


@dataclass(frozen=True)
class NewRecord:
    """A person, department or company the import creates, by name."""

    kind: str  # "person", "department", "organisation"
    name: str


@dataclass
class Outcome:
    """What the import does with one row of the ledger."""

    row: LedgerRow
    action: str  # "create", "update", "skip", "section", "error"
    project_id: int | None = None
    attributes: dict = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    plan_amount: Decimal | None = None
    plan_changed: bool = False
    errors: list[RowError] = field(default_factory=list)
    project: Project | None = field(default=None, repr=False)

    @property
    def is_valid(self) -> bool:
        return self.action in ("create", "update")

    @property
    def unchanged(self) -> bool:
        return self.action == "update" and not self.changes and not self.plan_changed


def _chunks(items: list):
    for offset in range(0, len(items), CHUNK):
        yield items[offset : offset + CHUNK]


def _label(attribute: str) -> str:
    return str(Project._meta.get_field(ATTRIBUTE_FIELDS.get(attribute, attribute)).verbose_name)


class Registry:
    """What the registry holds that a ledger refers to, loaded in a fixed number of queries per 500 rows."""

    def __init__(self, rows: list[LedgerRow], *, lock: bool):
        self.lock = lock
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.code_of: dict[int, str] = {}
        for pk, name, code in Project.objects.values_list("pk", "name", "code"):
            self.by_name.setdefault(name, []).append(pk)
            if code:
                self.by_code[code] = pk
                self.code_of[pk] = code
        people = {row.values[key] for row in rows for key in ("leader", "officer") if row.values.get(key)}
        self.people = self._people(sorted(people))
        self.departments = self._by_name_or_short(Department.objects.all())
        companies = sorted({row.values["owner"] for row in rows if row.values.get("owner")})
        self.organisations = {}
        for chunk in _chunks(companies):
            found = Organisation.objects.filter(name__in=chunk) | Organisation.objects.filter(short_name__in=chunk)
            self.organisations.update(self._by_name_or_short(found))
        self.areas = {area.name: area.pk for area in Area.objects.all()}

    @staticmethod
    def _people(names: list[str]) -> dict[str, int]:
        chosen = {}
        for chunk in _chunks(names):
            people = Person.objects.filter(name__in=chunk).values_list("pk", "name", "is_active", "user_id")
            # Of namesakes: the active one with a login, then the first registered.
            for pk, name, _active, _user in sorted(people, key=lambda p: (not p[2], p[3] is None, p[0])):
                chosen.setdefault(name, pk)
        return chosen

    @staticmethod
    def _by_name_or_short(queryset) -> dict[str, int]:
        found = {}
        rows = list(queryset.values_list("pk", "name", "short_name").order_by("pk"))
        for pk, _name, short_name in rows:
            if short_name:
                found.setdefault(short_name, pk)
        for pk, name, _short in rows:
            found[name] = pk  # a full name wins over another record's short name
        return found

    def projects(self, ids: list[int]) -> dict[int, Project]:
        loaded = {}
        for chunk in _chunks(ids):
            queryset = Project.objects.filter(pk__in=chunk)
            if self.lock:
                # Two imports (or an import and an edit) at once: the second waits for these rows.
                queryset = queryset.select_for_update()
            loaded.update({project.pk: project for project in queryset})
        return loaded

    def plans(self, ids: list[int], year: int) -> dict[int, Decimal]:
        plans = {}
        for chunk in _chunks(ids):
            plans.update(
                InvestmentPlan.objects.filter(project_id__in=chunk, year=year).values_list("project_id", "amount")
            )
        return plans


class Planner:
    """Turns the rows of a ledger into outcomes against the registry."""

    def __init__(self, ledger: Ledger, *, lock: bool = False, today: dt.date | None = None):
        self.ledger = ledger
        self.today = today or dt.date.today()
        valid = [row for row in ledger.rows if row.is_valid]
        self.registry = Registry(valid, lock=lock)

    def plan(self) -> list[Outcome]:
        outcomes, targets, seen = [], {}, {}
        for row in self.ledger.rows:
            if row.kind == "section":
                outcomes.append(Outcome(row=row, action="section"))
            elif row.kind != "project":
                outcomes.append(Outcome(row=row, action="skip"))
            elif row.errors:
                outcomes.append(Outcome(row=row, action="error", errors=list(row.errors)))
            else:
                outcome = Outcome(row=row, action="create")
                self._match(outcome, seen)
                outcomes.append(outcome)
                if outcome.project_id:
                    targets[outcome.project_id] = outcome
        existing = self.registry.projects(list(targets))
        reported = reported_investment(list(targets))
        plans = self.registry.plans(list(targets), self.ledger.plan_year)
        for outcome in outcomes:
            if outcome.action not in ("create", "update"):
                continue
            project = existing.get(outcome.project_id) if outcome.project_id else None
            outcome.project = project
            self._values(outcome, project, reported.get(outcome.project_id, Decimal(0)))
            self._plan(outcome, plans.get(outcome.project_id))
            if project is not None:
                self._compare(outcome, project)
            if outcome.errors:
                outcome.action = "error"
        return outcomes

    def new_records(self, outcomes: list[Outcome]) -> list[NewRecord]:
        """The people, departments and companies the valid rows need and the registry does not have."""
        wanted = {}
        for outcome in outcomes:
            if outcome.is_valid:
                for value in outcome.attributes.values():
                    if isinstance(value, NewRecord):
                        wanted[value] = None
        return list(wanted)

    # --- one row ----------------------------------------------------------------------------------

    def _error(self, outcome: Outcome, field_name: str | None, detail: str) -> None:
        column = self.ledger.column_named(field_name) if field_name else None
        outcome.errors.append(RowError(outcome.row.number, column, detail))

    def _match(self, outcome: Outcome, seen: dict) -> None:
        values, registry = outcome.row.values, self.registry
        code, name = values.get("code"), values["name"]
        project_id = registry.by_code.get(code) if code else None
        if project_id is None:
            candidates = registry.by_name.get(name, [])
            if len(candidates) > 1:
                self._error(
                    outcome,
                    "name",
                    _("已登记%(n)d个名为“%(name)s”的项目，请填写项目代码以区分") % {"n": len(candidates), "name": name},
                )
                return
            if candidates:
                project_id = candidates[0]
                registered = registry.code_of.get(project_id)
                if code and registered:
                    self._error(
                        outcome,
                        "code",
                        _("项目名称“%(name)s”已登记，项目代码为 %(registered)s，与台账中的不同")
                        % {"name": name, "registered": registered},
                    )
                    return
        if project_id is not None:
            outcome.action, outcome.project_id = "update", project_id
        key = ("project", project_id) if project_id else ("code", code) if code else ("name", name)
        if key in seen:
            field_name = "code" if key[0] == "code" else "name"
            self._error(outcome, field_name, _("与第%(row)d行是同一个项目") % {"row": seen[key]})
        else:
            seen[key] = outcome.row.number

    def _reference(self, kind: str, name: str):
        if kind == "area":
            return self.registry.areas.get(name)
        known = {
            "person": self.registry.people,
            "department": self.registry.departments,
            "organisation": self.registry.organisations,
        }[kind]
        return known.get(name) or NewRecord(kind, name)

    def _values(self, outcome: Outcome, project: Project | None, reported: Decimal) -> None:
        values, attributes = outcome.row.values, outcome.attributes
        for field_name, attribute in DIRECT.items():
            if values.get(field_name) is not None:
                attributes[attribute] = values[field_name]
        for field_name, (attribute, kind) in REFERENCES.items():
            if not values.get(field_name):
                continue
            reference = self._reference(kind, values[field_name])
            if reference is None:
                known = "、".join(list(self.registry.areas)[:12]) or _("（尚未设置片区）")
                self._error(
                    outcome,
                    field_name,
                    _("未知片区“%(name)s”，应为：%(known)s") % {"name": values[field_name], "known": known},
                )
                continue
            attributes[attribute] = reference
        completed = values.get("completed")
        if completed is not None:
            if completed < reported:
                self._error(
                    outcome,
                    "completed",
                    _("累计完成投资 %(completed)s 万元少于系统中已报送的 %(reported)s 万元")
                    % {"completed": f"{completed:.2f}", "reported": f"{reported:.2f}"},
                )
            else:
                attributes["investment_done_before"] = completed - reported
        if project is None:
            self._new_project_values(outcome)
        start = attributes.get("planned_start", project.planned_start if project else None)
        completion = attributes.get("planned_completion", project.planned_completion if project else None)
        if start and completion and completion < start:
            self._error(outcome, "planned_completion", _("计划竣工时间不能早于计划开工时间"))

    def _new_project_values(self, outcome: Outcome) -> None:
        """Stage and actual start of a new project: from the ledger, else from its construction type.

        续建 is under construction (在建); 新建 is in preparation (前期) until it has an actual start.
        """
        values, attributes = outcome.row.values, outcome.attributes
        attributes.setdefault("construction_type", ConstructionType.NEW)
        actual_start = values.get("actual_start")
        if actual_start and actual_start > self.today:
            self._error(outcome, "actual_start", _("实际开工时间不能晚于今天"))
        attributes["actual_start"] = actual_start
        stage = values.get("stage")
        if stage is None:
            started = attributes["construction_type"] == ConstructionType.CONTINUING or actual_start is not None
            stage = Stage.CONSTRUCTION if started else Stage.PREPARATION
        attributes["stage"] = stage

    def _plan(self, outcome: Outcome, current: Decimal | None) -> None:
        amount = outcome.row.values.get("annual_plan")
        if amount is not None:
            outcome.plan_amount = amount
            outcome.plan_changed = current != amount

    def _compare(self, outcome: Outcome, project: Project) -> None:
        for attribute, value in outcome.attributes.items():
            if isinstance(value, NewRecord) or getattr(project, attribute) != value:
                outcome.changes.append(_label(attribute))
        if outcome.plan_changed:
            outcome.changes.append(_("%(year)d年计划投资") % {"year": self.ledger.plan_year})
