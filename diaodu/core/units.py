"""Money in 万元 and land in 公顷, the units of every government ledger.

Amounts are stored as Decimal 万元 (10,000 yuan); a page shows 亿元 once a figure reaches
10,000 万元. Land is stored as Decimal 公顷; 1 公顷 = 15 亩 exactly.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

WAN_PER_YI = Decimal(10000)
MU_PER_HECTARE = Decimal(15)


def to_decimal(value) -> Decimal | None:
    """A Decimal from a Decimal, int or numeric string; never through float."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError("Money and land are never floats; pass a Decimal or a string.")
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _fmt(value: Decimal, places: int) -> str:
    # Thousands grouped with commas in every language, as financial tables in China print them
    # (Django's zh-Hans format would group nothing).
    return f"{_round(value, places):,.{places}f}"


def format_money(wan, places: int = 2) -> str:
    """'8,500.00 万元' below 1 亿元, '2.60 亿元' from 10,000 万元 on (after rounding)."""
    amount = to_decimal(wan)
    if amount is None:
        return "—"
    if abs(_round(amount, places)) >= WAN_PER_YI:
        return _("%(amount)s 亿元") % {"amount": _fmt(amount / WAN_PER_YI, places)}
    return _("%(amount)s 万元") % {"amount": _fmt(amount, places)}


def hectares_to_mu(hectares) -> Decimal | None:
    value = to_decimal(hectares)
    return None if value is None else value * MU_PER_HECTARE


def format_land(hectares, places: int = 2) -> str:
    """'26.67 公顷（400.05 亩）': hectares with 亩 beside them."""
    value = to_decimal(hectares)
    if value is None:
        return "—"
    return _("%(ha)s 公顷（%(mu)s 亩）") % {
        "ha": _fmt(value, places),
        "mu": _fmt(value * MU_PER_HECTARE, places),
    }
