"""Rows of a ranking (live or stored, both as `SubjectScore.as_dict`) made ready for the pages and the export."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from .choices import CRITERIA, Criterion, FactKind, SubjectKind

# Criteria whose numerator and denominator are money (万元) rather than counts of records.
MONEY_CRITERIA = frozenset({Criterion.INVESTMENT, Criterion.SIGNED})


def criteria_for(kind: str) -> list[str]:
    """The columns of a ranking: signed investment is scored for officers only."""
    return [str(code) for code in CRITERIA if kind == SubjectKind.OFFICER or code != Criterion.SIGNED]


def _decimal(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def present_criterion(data: dict) -> dict:
    code = data["criterion"]
    rate = _decimal(data.get("rate"))
    facts = [
        {
            **fact,
            "kind_label": FactKind(fact["kind"]).label if fact["kind"] in FactKind.values else fact["kind"],
            "credit": _decimal(fact.get("credit")),
            "basis": _decimal(fact.get("basis")),
        }
        for fact in data.get("facts", [])
    ]
    return {
        "code": code,
        "label": Criterion(code).label if code in Criterion.values else code,
        "weight": _decimal(data.get("weight")),
        "share": _decimal(data.get("share")),
        "points": _decimal(data.get("points")),
        "rate": rate,
        "percent": None if rate is None else (rate * 100).quantize(Decimal("0.1")),
        "numerator": _decimal(data.get("numerator")),
        "denominator": _decimal(data.get("denominator")),
        "is_money": code in MONEY_CRITERIA,
        "applicable": rate is not None,
        "facts": facts,
        "passed": sum(1 for fact in facts if fact["passed"]),
        "failed": sum(1 for fact in facts if not fact["passed"]),
    }


def present_row(row: dict, *, columns: list[str], previous_rank: int | None, with_breakdown: bool) -> dict:
    """A ranking row: rank, movement against the previous month, total, and (if the viewer may) each criterion."""
    by_code = {item["criterion"]: item for item in row.get("criteria", [])}
    move = None if previous_rank is None else previous_rank - row["rank"]
    return {
        "subject_id": row["subject_id"],
        "name": row["name"],
        "rank": row["rank"],
        "total": _decimal(row["total"]),
        "previous_rank": previous_rank,
        "move": move,
        "criteria": [present_criterion(by_code[code]) for code in columns if code in by_code]
        if with_breakdown
        else None,
    }


def criterion_headers(columns: list[str], weights: dict[str, Decimal]) -> list[dict]:
    return [{"code": code, "label": Criterion(code).label, "weight": weights.get(code)} for code in columns]


def move_text(move: int | None) -> str:
    if move is None:
        return ""
    if move > 0:
        return _("↑%(n)d") % {"n": move}
    if move < 0:
        return _("↓%(n)d") % {"n": -move}
    return "—"


def _points_of(row: dict, code: str) -> str | None:
    item = next((c for c in row["criteria"] if c["code"] == code), None)
    return None if item is None or item["points"] is None else str(item["points"])


def ranking_chart(rows: list[dict], columns: list[str]) -> dict:
    """The ranking's stacked bars: each subject's points per criterion (strings: Decimal, never floats)."""
    shown = [row for row in rows if row["criteria"] is not None]
    return {
        "names": [row["name"] for row in shown],
        "series": [
            {
                "code": code,
                "name": str(Criterion(code).label),
                "data": [
                    next(
                        (str(c["points"]) for c in row["criteria"] if c["code"] == code and c["points"] is not None),
                        None,
                    )
                    for row in shown
                ],
            }
            for code in columns
        ],
        "totals": [str(row["total"]) for row in shown],
        "labels": {"total": _("总分"), "points": _("分")},
    }
