"""Scores of the evaluation (考核评价): facts in, points out. Pure functions over plain data, no database.

A fact is one measured record (a step, a report, an issue, a project's investment or light, a signed lead)
with whether it passed and why, in words. A criterion adds its facts up:

- numerator = Σ credit, denominator = Σ basis (a counted fact: credit 1 if it passed, 0 if not, basis 1;
  money facts carry 万元: investment done up to 序时进度 over 序时进度, signed investment over the target);
- rate = numerator ÷ denominator, never above 1 (Decimal);
- no fact, or a denominator of 0: the criterion is not applicable (不适用) to the subject.

Not applicable criteria are left out and their weight is redistributed: the applicable criteria share the
full score (满分 100) in proportion to their weights. Each share is cut to the cent and the cents left over
go to the largest remainders (ties: the earlier criterion), so that the shares add up to exactly 100.00 and
a subject that passes every fact scores 100.00, whatever applies to it. With the default scheme (five
general weights adding up to 100) a subject to which all five apply keeps the weights as they are.

points = share × rate, rounded half up to 0.01; the total is the sum of the points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .choices import CRITERIA

FULL_SCORE = Decimal(100)
CENT = Decimal("0.01")
ONE = Decimal(1)
ZERO = Decimal(0)


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class Fact:
    """One measured record: did it pass, why (in words), and what it adds to its criterion's fraction."""

    criterion: str
    kind: str
    record_id: int | None
    label: str
    url: str
    passed: bool
    reason: str
    credit: Decimal = ONE
    basis: Decimal = ONE
    # The day the fact is about (a deadline, a due date), to list a criterion's facts in order.
    day: str = ""

    def as_dict(self) -> dict:
        return {
            "criterion": str(self.criterion),
            "kind": str(self.kind),
            "id": self.record_id,
            "label": self.label,
            "url": self.url,
            "passed": self.passed,
            "reason": self.reason,
            "credit": str(self.credit),
            "basis": str(self.basis),
        }


def counted(criterion: str, kind: str, record_id, label: str, url: str, passed: bool, reason: str, day="") -> Fact:
    """A fact that counts one: 1 of 1 when it passed, 0 of 1 when not."""
    return Fact(criterion, kind, record_id, label, url, passed, reason, ONE if passed else ZERO, ONE, str(day))


@dataclass(frozen=True)
class CriterionScore:
    """A criterion's fraction, rate, share of the full score and points for one subject."""

    criterion: str
    weight: Decimal
    numerator: Decimal
    denominator: Decimal
    rate: Decimal | None
    share: Decimal | None = None
    points: Decimal | None = None
    facts: tuple[Fact, ...] = ()

    @property
    def applicable(self) -> bool:
        return self.rate is not None

    def as_dict(self) -> dict:
        def text(value):
            return None if value is None else str(value)

        return {
            "criterion": str(self.criterion),
            "weight": str(self.weight),
            "share": text(self.share),
            "numerator": str(self.numerator),
            "denominator": str(self.denominator),
            "rate": text(None if self.rate is None else self.rate.quantize(Decimal("0.0001"), ROUND_HALF_UP)),
            "points": text(self.points),
            "facts": [fact.as_dict() for fact in self.facts],
        }


@dataclass(frozen=True)
class SubjectScore:
    """A department's, officer's or leader's score: the total and each criterion behind it."""

    subject_id: int
    name: str
    total: Decimal
    criteria: tuple[CriterionScore, ...]
    rank: int = 0

    def criterion(self, code: str) -> CriterionScore:
        return next(score for score in self.criteria if score.criterion == code)

    def as_dict(self) -> dict:
        return {
            "subject_id": self.subject_id,
            "name": self.name,
            "rank": self.rank,
            "total": str(self.total),
            "criteria": [score.as_dict() for score in self.criteria],
        }


def criterion_fraction(facts: Iterable[Fact]) -> tuple[Decimal, Decimal, Decimal | None]:
    """(numerator, denominator, rate): rate is None (not applicable) when the denominator is 0."""
    facts = list(facts)
    numerator = sum((fact.credit for fact in facts), ZERO)
    denominator = sum((fact.basis for fact in facts), ZERO)
    if denominator <= 0:
        return numerator, denominator, None
    return numerator, denominator, min(ONE, numerator / denominator)


def shares(weights: Mapping[str, Decimal], applicable: Iterable[str], full: Decimal = FULL_SCORE) -> dict[str, Decimal]:
    """The full score split among the applicable criteria in proportion to their weights, to the cent.

    Largest remainder: each share is cut to the cent, then the cents still missing go one each to the
    largest remainders (the earlier criterion first on a tie). Empty when the applicable weights are all 0.
    """
    codes = list(applicable)
    total_weight = sum((_decimal(weights[code]) for code in codes), ZERO)
    if total_weight <= 0:
        return {}
    exact = {code: _decimal(weights[code]) * full / total_weight for code in codes}
    cut = {code: value.quantize(CENT, rounding=ROUND_DOWN) for code, value in exact.items()}
    missing = int((full - sum(cut.values(), ZERO)) / CENT)
    by_remainder = sorted(codes, key=lambda code: (-(exact[code] - cut[code]), codes.index(code)))
    for code in by_remainder[:missing]:
        cut[code] += CENT
    return cut


def points_for(share: Decimal, numerator: Decimal, denominator: Decimal) -> Decimal:
    """share × min(1, numerator ÷ denominator), half up to the cent (multiplied before dividing: exact ties)."""
    if numerator >= denominator:
        return share.quantize(CENT, rounding=ROUND_HALF_UP)
    return (share * numerator / denominator).quantize(CENT, rounding=ROUND_HALF_UP)


def score_subject(
    subject_id: int,
    name: str,
    weights: Mapping[str, Decimal],
    facts: Iterable[Fact],
    criteria: Iterable[str] = CRITERIA,
) -> SubjectScore | None:
    """The subject's score on `criteria` from its facts; None when no criterion applies (nothing to score)."""
    by_criterion: dict[str, list[Fact]] = {str(code): [] for code in criteria}
    for fact in facts:
        if str(fact.criterion) in by_criterion:
            by_criterion[str(fact.criterion)].append(fact)
    fractions = {code: criterion_fraction(items) for code, items in by_criterion.items()}
    applicable = [code for code, (_num, _den, rate) in fractions.items() if rate is not None]
    split = shares(weights, applicable)
    if not split:
        return None
    scores = []
    for code, items in by_criterion.items():
        numerator, denominator, rate = fractions[code]
        share = split.get(code)
        points = None if share is None else points_for(share, numerator, denominator)
        ordered = tuple(sorted(items, key=lambda fact: (fact.day, fact.label)))
        scores.append(
            CriterionScore(code, _decimal(weights[code]), numerator, denominator, rate, share, points, ordered)
        )
    total = sum((score.points for score in scores if score.points is not None), ZERO)
    return SubjectScore(subject_id, name, total, tuple(scores))


def rank(scores: Iterable[SubjectScore]) -> list[SubjectScore]:
    """Highest total first (then by name); equal totals share a rank and the next rank skips (1, 1, 3)."""
    ordered = sorted(scores, key=lambda score: (-score.total, score.name, score.subject_id))
    ranked: list[SubjectScore] = []
    for position, score in enumerate(ordered, start=1):
        same = ranked and ranked[-1].total == score.total
        ranked.append(replace(score, rank=ranked[-1].rank if same else position))
    return ranked
