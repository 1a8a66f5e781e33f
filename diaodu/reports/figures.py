"""Investment figures of a project or a group: the year's plan, what was done, what 序时进度 calls for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE_PLACE = Decimal("0.1")


def percent(part, whole) -> Decimal | None:
    """part ÷ whole in percent, one place, rounded half up; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """万元: the year's plan, the investment done in the year, and the part of the plan due by the date (序时)."""

    plan: Decimal = ZERO
    done: Decimal = ZERO
    scheduled: Decimal = ZERO

    @classmethod
    def total(cls, items: Iterable[Figures]) -> Figures:
        plan = done = scheduled = ZERO
        for item in items:
            plan += item.plan
            done += item.done
            scheduled += item.scheduled
        return cls(plan, done, scheduled)

    @property
    def rate(self) -> Decimal | None:
        """Done as a share of the year's plan (percent)."""
        return percent(self.done, self.plan)

    @property
    def scheduled_rate(self) -> Decimal | None:
        """序时进度: the share of the year's plan due by the date (percent)."""
        return percent(self.scheduled, self.plan)

    @property
    def gap(self) -> Decimal | None:
        """Percentage points above (positive) or below (negative) 序时进度."""
        if self.rate is None or self.scheduled_rate is None:
            return None
        return self.rate - self.scheduled_rate
