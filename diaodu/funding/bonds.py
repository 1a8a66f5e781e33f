"""Special-bond repayment coverage (本息覆盖倍数). Pure functions on Decimal 万元.

- Interest is simple annual interest on the whole principal for the whole term:
  `interest = principal × annual rate × term` (the bond repays its principal at maturity and pays its
  coupon every year, as most 专项债券 of ten years and more are issued; no compounding, no amortisation).
- Debt service = principal + interest + other debt service (the principal and interest of any other
  financing that the same project income must repay, such as a matching market loan).
- Coverage ratio = expected project income over the term ÷ debt service.
- A project is flagged when income < threshold × debt service (a ratio of exactly the threshold passes);
  the shortfall is then threshold × debt service − income, rounded up to 0.01 万元: the least extra
  income that brings the ratio to the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

DEFAULT_THRESHOLD = Decimal("1.1")
CENT = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Coverage:
    principal: Decimal
    interest: Decimal
    other_debt_service: Decimal
    income: Decimal
    threshold: Decimal

    @property
    def debt_service(self) -> Decimal:
        return self.principal + self.interest + self.other_debt_service

    @property
    def required_income(self) -> Decimal:
        return self.threshold * self.debt_service

    @property
    def ratio(self) -> Decimal | None:
        """The ratio to two places, rounded down (a shown 1.10 is never a hidden 1.0999)."""
        if self.debt_service <= 0:
            return None
        return (self.income / self.debt_service).quantize(CENT, rounding=ROUND_FLOOR)

    @property
    def flagged(self) -> bool:
        return self.debt_service > 0 and self.income < self.required_income

    @property
    def shortfall(self) -> Decimal:
        if not self.flagged:
            return ZERO
        return (self.required_income - self.income).quantize(CENT, rounding=ROUND_CEILING)


def simple_interest(principal: Decimal, annual_rate_percent: Decimal, term_years: int) -> Decimal:
    """Interest over the term: principal × rate (per cent a year) × years."""
    return principal * annual_rate_percent / Decimal(100) * Decimal(term_years)


def coverage(
    *,
    principal: Decimal,
    annual_rate_percent: Decimal,
    term_years: int,
    income: Decimal,
    other_debt_service: Decimal = ZERO,
    threshold: Decimal = DEFAULT_THRESHOLD,
) -> Coverage:
    for name, value in (("principal", principal), ("rate", annual_rate_percent), ("income", income)):
        if isinstance(value, float):
            raise TypeError(f"{name}: money and rates are Decimal, never float")
    return Coverage(
        principal=principal,
        interest=simple_interest(principal, annual_rate_percent, term_years),
        other_debt_service=other_debt_service or ZERO,
        income=income,
        threshold=threshold,
    )
