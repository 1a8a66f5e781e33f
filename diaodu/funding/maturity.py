"""项目成熟度: which documents and approvals a project has, its score and its level. Pure functions.

The checklist is a list of items (`ItemRule`), each with a weight. An item is satisfied
- by the project's steps, when every procedure of one of its alternatives is done (a step marked
  不涉及 counts as done: the law does not ask it of this project); an alternative is written
  `"land_pre_review+land_supply"`, and `("land_pre_review+land_supply", "property_certificate")` reads
  "用地预审 and 土地供应, or 不动产权证";
- else by a document recorded for the item (实施方案, 财务评估报告, 法律意见书, or an approval obtained
  before the project was registered and therefore missing from its steps).
Steps come first: where both exist, the source shown is the step with its approval number.

The score is the sum of the weights of the satisfied items (the dispatch office keeps the weights
summing to 100). The level is the highest whose threshold the score reaches: a score exactly at a
threshold reaches that level (30 is 前期, 29 is 谋划 with the default thresholds 30 / 70 / 90).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import LEVEL_ORDER, MaturityLevel

DONE = "done"
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class ItemRule:
    """One checklist item: its weight and the alternatives of procedure codes that satisfy it."""

    code: str
    name: str
    weight: int
    alternatives: tuple[str, ...] = ()

    @property
    def alternative_sets(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(part.strip() for part in alt.split("+") if part.strip()) for alt in self.alternatives)


@dataclass(frozen=True)
class StepFact:
    """A done (or not applicable) step of the project with a procedure code."""

    code: str
    name: str
    status: str = DONE
    approval_number: str = ""
    finished_on: dt.date | None = None

    @property
    def label(self) -> str:
        if self.status == NOT_APPLICABLE:
            return _("%(name)s（不涉及）") % {"name": self.name}
        if self.approval_number:
            return f"{self.name}（{self.approval_number}）"
        if self.finished_on:
            return _("%(name)s（%(date)s 办结）") % {"name": self.name, "date": self.finished_on.isoformat()}
        return self.name


@dataclass(frozen=True)
class DocumentFact:
    """A document recorded for a checklist item."""

    item_code: str
    reference: str = ""
    provided_on: dt.date | None = None

    @property
    def label(self) -> str:
        parts = [self.reference] if self.reference else []
        if self.provided_on:
            parts.append(self.provided_on.isoformat())
        return _("已备案文件：%(what)s") % {"what": "，".join(parts) or _("已提供")}


@dataclass(frozen=True)
class Thresholds:
    """The scores at which a project reaches 前期, 成熟 and 具备开工."""

    preparing: int = 30
    mature: int = 70
    ready: int = 90


@dataclass(frozen=True)
class Source:
    """What satisfies an item: `kind` is "step" or "document"."""

    kind: str
    text: str


@dataclass(frozen=True)
class ItemResult:
    code: str
    name: str
    weight: int
    satisfied: bool
    source: Source | None = None


@dataclass(frozen=True)
class Maturity:
    score: int
    level: str
    items: tuple[ItemResult, ...]

    @property
    def missing(self) -> list[ItemResult]:
        return [item for item in self.items if not item.satisfied]

    @property
    def level_label(self) -> str:
        return str(MaturityLevel(self.level).label)


def level_for(score: int, thresholds: Thresholds = Thresholds()) -> str:
    """The level a score reaches; at a threshold exactly, that threshold's level."""
    if score >= thresholds.ready:
        return MaturityLevel.READY
    if score >= thresholds.mature:
        return MaturityLevel.MATURE
    if score >= thresholds.preparing:
        return MaturityLevel.PREPARING
    return MaturityLevel.CONCEIVED


def _by_step(rule: ItemRule, steps: dict[str, StepFact]) -> Source | None:
    for alternative in rule.alternative_sets:
        if alternative and all(code in steps for code in alternative):
            return Source("step", "；".join(steps[code].label for code in alternative))
    return None


def _index_steps(steps: Iterable[StepFact]) -> dict[str, StepFact]:
    """One fact per procedure code: a done step wins over a step marked 不涉及."""
    result: dict[str, StepFact] = {}
    for step in steps:
        if step.status not in (DONE, NOT_APPLICABLE):
            continue
        known = result.get(step.code)
        if known is None or (known.status == NOT_APPLICABLE and step.status == DONE):
            result[step.code] = step
    return result


def assess(
    rules: Iterable[ItemRule],
    steps: Iterable[StepFact],
    documents: Iterable[DocumentFact],
    thresholds: Thresholds = Thresholds(),
) -> Maturity:
    """The checklist of one project with each item's source, its score and its level."""
    done = _index_steps(steps)
    papers = {document.item_code: document for document in documents}
    items = []
    for rule in rules:
        source = _by_step(rule, done)
        if source is None and rule.code in papers:
            source = Source("document", papers[rule.code].label)
        items.append(ItemResult(rule.code, rule.name, rule.weight, source is not None, source))
    score = sum(item.weight for item in items if item.satisfied)
    return Maturity(score=score, level=level_for(score, thresholds), items=tuple(items))


def is_at_least(level: str, floor: str) -> bool:
    """Whether `level` is `floor` or higher."""
    return LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(floor)
