"""Reads of the ledger app: what the registry already holds that an imported ledger is compared with."""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diaodu.core.units import format_money
from diaodu.projects.choices import Category, ConstructionType

from .rows import shown

CHUNK = 500


def _chunks(ids: list[int]):
    for offset in range(0, len(ids), CHUNK):
        yield ids[offset : offset + CHUNK]


def reported_investment(project_ids: list[int]) -> dict[int, Decimal]:
    """Investment reported in Diaodu for each project (counted progress reports), by project id.

    累计完成投资 in a ledger = the opening balance the registry keeps + this, as progress.selectors counts it.
    """
    try:
        from diaodu.progress.choices import COUNTED_STATUSES
        from diaodu.progress.models import ProgressReport
    except ImportError:  # pragma: no cover - a deployment without progress reports
        return {}
    totals = {}
    for chunk in _chunks(list(project_ids)):
        rows = (
            ProgressReport.objects.filter(project_id__in=chunk, status__in=COUNTED_STATUSES)
            .values("project_id")
            .annotate(total=Sum("investment_done"))
            .values_list("project_id", "total")
        )
        totals.update({project_id: total for project_id, total in rows if total})
    return totals


# --- the preview page -----------------------------------------------------------------------------

PREVIEW_FIELDS = (
    "name", "category", "construction_type", "total_investment", "annual_plan", "completed",
    "planned_start", "planned_completion", "leader", "officer", "department",
)  # fmt: skip


NOWRAP_FIELDS = frozenset({"total_investment", "annual_plan", "completed", "planned_start", "planned_completion"})


def preview_headers() -> list[str]:
    return [
        _("项目名称"), _("项目类别"), _("建设性质"), _("总投资"), _("年度计划投资"), _("累计完成投资"),
        _("计划开工"), _("计划竣工"), _("包保领导"), _("包保干部"), _("责任单位"),
    ]  # fmt: skip


def _shown(field: str, value) -> str:
    if value is None or value == "":
        return ""
    if field == "category":
        return str(Category(value).label)
    if field == "construction_type":
        return str(ConstructionType(value).label)
    if field in ("total_investment", "annual_plan", "completed"):
        return format_money(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


ACTIONS = {
    "create": ("success", gettext_lazy("新增")),
    "update": ("primary", gettext_lazy("更新")),
    "unchanged": ("secondary", gettext_lazy("无变化")),
    "skip": ("light", gettext_lazy("跳过")),
    "error": ("danger", gettext_lazy("错误")),
}


def preview_rows(result) -> list[dict]:
    """Every row of the ledger as the preview table shows it: the action, the values, what changes, errors."""
    fields_of = {column.header: column.field for column in result.ledger.columns} if result.ledger else {}
    rows = []
    for outcome in result.outcomes:
        row = outcome.row
        if outcome.action == "section":
            rows.append({"number": row.number, "section": row.section})
            continue
        action = "unchanged" if outcome.unchanged else outcome.action
        badge, label = ACTIONS[action]
        bad = {fields_of.get(error.column) for error in outcome.errors}
        cells = []
        if outcome.action != "skip":
            for f in PREVIEW_FIELDS:
                # What was read where it could be; the cell as typed where it could not.
                text = shown(row.cells.get(f)) if f in bad or f not in row.values else _shown(f, row.values[f])
                cells.append({"text": text, "error": f in bad, "nowrap": f in NOWRAP_FIELDS})
        notes = [error.detail if error.column else error.message for error in outcome.errors]
        if outcome.action == "update" and outcome.changes:
            notes.append(_("变化：%(fields)s") % {"fields": "、".join(outcome.changes)})
        if outcome.action == "skip":
            notes.append(_("合计、小计或说明行") if row.kind != "continuation" else _("上一项目的续行"))
        rows.append(
            {
                "number": row.number,
                "action": action,
                "badge": badge,
                "label": label,
                "cells": cells,
                "notes": notes,
                "error_columns": [error.column for error in outcome.errors if error.column],
                "project_id": outcome.project_id,
            }
        )
    return rows
