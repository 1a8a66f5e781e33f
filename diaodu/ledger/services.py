"""The ledger import: read the workbook, compare it with the registry, write — in one transaction, or nothing.

All or nothing: with any invalid row nothing is written, unless `skip_invalid`, which writes the valid rows
and reports the rest; `dry_run` never writes. The comparison and the writes run inside one
`transaction.atomic()`, so an error, or a process killed half way, leaves the database as it was. The
writes are bulk operations (`bulk.insert_records`: no model instance per new record) with a history row
for every record (`history.write_history`), attributed to the user who imported
(the command uses a system user). Afterwards schedules and lights are recomputed as the registry does on
save: at once for an import of up to INLINE_RECOMPUTE projects, by a background task after the commit for a
larger one (a zone's first ledger), so that a 10,000-row ledger imports in seconds.

Defaults for what a ledger does not say: a new project without 建设性质 is 新建; its stage is 在建 when it
is 续建 or has an actual start, else 前期; an annual plan goes to the year its column names ("2026年计划投资"),
else --year, else the title's year, else this year; 累计完成投资 becomes the registry's opening balance
(启用前累计完成投资) after what was already reported in Diaodu is deducted.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core.faults import pause_point
from diaodu.org.models import Department, Organisation, Person
from diaodu.projects.models import InvestmentPlan, Project
from diaodu.projects.services import portfolio_recompute_schedules

from .bulk import insert_records
from .history import write_history
from .planning import NewRecord, Outcome, Planner
from .reader import Ledger, LedgerFileError, RowError, read_ledger

BATCH = 500
INLINE_RECOMPUTE = 500
SYSTEM_USERNAME = "system"
NEW_KINDS = (("department", Department), ("person", Person), ("organisation", Organisation))


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do), row by row."""

    file_name: str
    ledger: Ledger | None
    outcomes: list[Outcome]
    errors: list[RowError]
    new_records: list[NewRecord]
    dry_run: bool
    skip_invalid: bool
    written: bool = False
    stale: bool = False
    project_ids: list[int] = field(default_factory=list)

    @functools.cached_property
    def valid(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.is_valid]

    @property
    def writes(self) -> bool:
        """Whether the import writes (a dry run: would write) anything with its options."""
        return bool(self.valid) and (not self.errors or self.skip_invalid)

    def _count(self, action: str) -> int:
        return sum(outcome.action == action for outcome in self.valid) if self.writes else 0

    @property
    def created(self) -> int:
        return self._count("create")

    @property
    def updated(self) -> int:
        return self._count("update")

    @property
    def unchanged(self) -> int:
        return sum(outcome.unchanged for outcome in self.valid) if self.writes else 0

    def new_names(self, kind: str) -> list[str]:
        return [record.name for record in self.new_records if record.kind == kind] if self.writes else []

    @property
    def skipped_rows(self) -> list[int]:
        return [outcome.row.number for outcome in self.outcomes if outcome.action == "skip"]

    @property
    def exit_status(self) -> int:
        """1 when there are errors and nothing valid is (or would be) written; 0 otherwise."""
        return 1 if self.errors and not self.writes else 0

    def as_json(self) -> dict:
        """The command's --json contract, exactly."""
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped_rows": self.skipped_rows,
            "new_people": self.new_names("person"),
            "errors": [error.as_dict() for error in self.errors],
            "projects": [_project_json(outcome) for outcome in self.valid],
        }

    @property
    def digest(self) -> str:
        """A fingerprint of what the import would write: the page confirms exactly what it previewed."""
        content = [
            self.as_json(),
            [(o.row.number, o.action, o.project_id, o.changes) for o in self.outcomes],
            [(r.kind, r.name) for r in self.new_records],
            self.skip_invalid,
        ]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False, default=str).encode()).hexdigest()


def _project_json(outcome: Outcome) -> dict:
    values = outcome.row.values
    return {
        "row": outcome.row.number,
        "name": values["name"],
        "category": values["category"],
        "construction_type": values.get("construction_type"),
        "total_investment": _money(values["total_investment"]),
        "annual_plan": _money(values.get("annual_plan")),
        "completed_investment": _money(values.get("completed")),
        "planned_start": _day(values.get("planned_start")),
        "planned_completion": _day(values.get("planned_completion")),
        "leader": values.get("leader"),
        "officer": values.get("officer"),
        "department": values.get("department"),
    }


def system_user():
    """The user the command's changes are attributed to: no password, no login."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": _("系统"), "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _name_of(source) -> str:
    return os.path.basename(str(source)) if isinstance(source, str | os.PathLike) else getattr(source, "name", "")


def ledger_import(
    *,
    workbook_path_or_file,
    year: int | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    user=None,
    expected_digest: str | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Import a ledger (a path or an uploaded file) into the registry; see the module's docstring.

    With `expected_digest` (the page's confirmation) nothing is written when the import would no longer do
    what was previewed (`stale`): the registry changed in between.
    """
    today = today or timezone.localdate()
    name = _name_of(workbook_path_or_file)
    try:
        ledger = read_ledger(workbook_path_or_file, year=year, today=today)
    except LedgerFileError as error:
        return ImportResult(name, None, [], [RowError(0, None, error.message)], [], dry_run, skip_invalid)
    if ledger.errors:
        return ImportResult(name, ledger, [], list(ledger.errors), [], dry_run, skip_invalid)
    if dry_run:
        return _result(name, ledger, Planner(ledger, today=today), dry_run=True, skip_invalid=skip_invalid)
    with transaction.atomic():
        planner = Planner(ledger, lock=True, today=today)
        result = _result(name, ledger, planner, dry_run=False, skip_invalid=skip_invalid)
        if expected_digest is not None and expected_digest != result.digest:
            result.stale = True
            return result
        if result.writes:
            _write(result, user=user or system_user(), reason=_("台账导入：%(file)s") % {"file": name})
    return result


def _result(name: str, ledger: Ledger, planner: Planner, *, dry_run: bool, skip_invalid: bool) -> ImportResult:
    outcomes = planner.plan()
    errors = sorted(
        (error for outcome in outcomes for error in outcome.errors),
        key=lambda error: (error.row, error.column is not None),
    )
    return ImportResult(name, ledger, outcomes, errors, planner.new_records(outcomes), dry_run, skip_invalid)


# --- writing --------------------------------------------------------------------------------------


def _batches(items: list):
    for offset in range(0, len(items), BATCH):
        yield items[offset : offset + BATCH]


def _create(model, records: list[dict], *, now, user, reason: str) -> list[int]:
    ids = insert_records(model, records, now=now)
    write_history(model, ids, history_type="+", user=user, reason=reason)
    return ids


def _update(model, objects: list, fields: list[str], *, user, reason: str) -> None:
    model.objects.bulk_update(objects, fields, batch_size=BATCH)
    write_history(model, [record.pk for record in objects], history_type="~", user=user, reason=reason)


def _create_records(records: list[NewRecord], *, now, user, reason: str) -> dict[NewRecord, int]:
    ids = {}
    for kind, model in NEW_KINDS:
        new = [record for record in records if record.kind == kind]
        pks = _create(model, [{"name": record.name} for record in new], now=now, user=user, reason=reason)
        ids.update(zip(new, pks, strict=True))
    return ids


def _write(result: ImportResult, *, user, reason: str) -> None:
    now = timezone.now()
    ids = _create_records(result.new_records, now=now, user=user, reason=reason)

    def resolved(attributes: dict) -> dict:
        return {key: ids[value] if isinstance(value, NewRecord) else value for key, value in attributes.items()}

    author = {"user": user, "reason": reason}
    valid = result.valid
    for batch in _batches([outcome for outcome in valid if outcome.action == "create"]):
        saved = _create(Project, [resolved(o.attributes) for o in batch], now=now, **author)
        for outcome, pk in zip(batch, saved, strict=True):
            outcome.project_id = pk
        pause_point("ledger_import")  # crash tests kill the import here, a batch written, nothing committed
    touched = [outcome.project_id for outcome in valid if outcome.action == "create"]
    for batch in _batches([outcome for outcome in valid if outcome.action == "update" and outcome.project]):
        changed, names = [], set()
        for outcome in batch:
            project, attributes = outcome.project, resolved(outcome.attributes)
            differing = [name for name, value in attributes.items() if getattr(project, name) != value]
            if differing:
                for name in differing:
                    setattr(project, name, attributes[name])
                project.updated_at = now
                changed.append(project)
                names.update(differing)
            if differing or outcome.plan_changed:
                touched.append(project.pk)
        if changed:
            _update(Project, changed, sorted(names | {"updated_at"}), **author)
        pause_point("ledger_import")  # crash tests kill the import here, a batch written, nothing committed
    _write_plans([o for o in valid if o.plan_changed], result.ledger.plan_year, now=now, author=author)
    result.written = True
    result.project_ids = [outcome.project_id for outcome in valid]
    _recompute(touched)


def _write_plans(outcomes: list[Outcome], year: int, *, now, author: dict) -> None:
    for batch in _batches(outcomes):
        existing = {
            plan.project_id: plan
            for plan in InvestmentPlan.objects.filter(project_id__in=[o.project_id for o in batch], year=year)
        }
        new, changed = [], []
        for outcome in batch:
            plan = existing.get(outcome.project_id)
            if plan is None:
                new.append({"project_id": outcome.project_id, "year": year, "amount": outcome.plan_amount})
            else:
                plan.amount, plan.updated_at = outcome.plan_amount, now
                changed.append(plan)
        _create(InvestmentPlan, new, now=now, **author)
        if changed:
            _update(InvestmentPlan, changed, ["amount", "updated_at"], **author)


def _recompute(project_ids: list[int]) -> None:
    """Schedules, then lights (through the registry's signal), of the projects the import changed."""
    if not project_ids:
        return
    if len(project_ids) <= INLINE_RECOMPUTE:
        portfolio_recompute_schedules(projects=Project.objects.filter(pk__in=project_ids))
        return
    from .tasks import recompute_imported_projects

    ids = list(project_ids)
    transaction.on_commit(lambda: recompute_imported_projects.enqueue(ids))
