"""The language of the access matrix: persona groups, rules (who is let through, who gets 404), cases.

See matrix.py for what the rules mean; matrix.py (pages) and matrix_api.py (API) are written in it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from .world import (
    ADMINISTRATOR,
    DEPARTMENT,
    DISPATCH,
    OBSERVER,
    OFFICER_X,
    OFFICER_Y,
    OUTSIDER,
    RESPONSIBLE_LEADER,
    ZONE_LEADER,
    World,
)

MEMBERS = frozenset(
    {ZONE_LEADER, RESPONSIBLE_LEADER, DEPARTMENT, OFFICER_X, OFFICER_Y, DISPATCH, OBSERVER, ADMINISTRATOR}
)
LOGGED_IN = MEMBERS | {OUTSIDER}
SEE_ALL = frozenset({ZONE_LEADER, DISPATCH, OBSERVER, ADMINISTRATOR})
OF_X = frozenset({RESPONSIBLE_LEADER, DEPARTMENT, OFFICER_X})
READ_X = SEE_ALL | OF_X
NOT_X = frozenset({OFFICER_Y})
EDITORS = frozenset({DISPATCH, ADMINISTRATOR})


@dataclass(frozen=True)
class Rule:
    ok: frozenset[str]
    hidden: frozenset[str] = frozenset()
    public: bool = False
    codes: dict[str, int] = field(default_factory=dict)


def allow(*groups, hidden=(), public=False, codes=None) -> Rule:
    ok = frozenset().union(*[{g} if isinstance(g, str) else g for g in groups])
    return Rule(ok=ok, hidden=frozenset(hidden), public=public, codes=codes or {})


# The rules that recur: a record of X (or its project) that only X's readers open; a page every member opens.
X_RECORD = allow(READ_X, hidden=NOT_X)
EVERY_MEMBER = allow(MEMBERS)
ONLY_DISPATCH = allow(DISPATCH)
ONLY_EDITORS = allow(EDITORS)


@dataclass(frozen=True)
class Case:
    method: str
    rule: Rule
    kwargs: Callable[[World], dict] = lambda w: {}
    query: Callable[[World], dict] = lambda w: {}
    data: Callable[[World], dict] | None = None
    variant: str = ""
    # "form" (urlencoded or multipart, as the test client encodes a dict), or "json"
    body: str = "form"
    ok_codes: frozenset[int] = frozenset()  # besides 2xx/3xx, answers that mean "let through" (e.g. 422)
    # A write with a valid body must change the database for those let through; None: when it sends a body.
    changes: bool | None = None

    @property
    def must_change(self) -> bool:
        return self.method != "GET" and (self.changes if self.changes is not None else self.data is not None)


def get(rule, **options) -> Case:
    return Case("GET", rule, **options)


def post(rule, **options) -> Case:
    return Case("POST", rule, **options)


def pk(getter) -> Callable[[World], dict]:
    return lambda w: {"pk": getter(w).pk}


X_PROJECT = pk(lambda w: w.x.project)
TODAY_TEXT = "2026-06-15"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def issue_action(action: str, issue, rule: Rule, data) -> Case:
    return post(
        rule,
        variant=action,
        kwargs=lambda w: {"pk": issue(w).pk, "action": action},
        data=lambda w: {f"{action}-{key}": value for key, value in data(w).items()},
    )


PROJECT_FORM = {
    "name": "北部新城污水处理厂",
    "category": "infrastructure",
    "construction_type": "new",
    "total_investment": "30000",
    "investment_done_before": "0",
    "scope": "日处理污水5万吨",
}
BOUNDARY = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "洁净工业园"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[125.3, 43.9], [125.5, 43.9], [125.5, 44.1], [125.3, 43.9]]],
                },
            }
        ],
    },
    ensure_ascii=False,
).encode()


def ledger_template() -> bytes:
    from diaodu.projects.exports import template_workbook

    return template_workbook()
