"""Money in 万元 (亿元 from 10,000 万元 on) and land in 公顷 (with 亩 beside it), never as float."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from diaodu.core.units import MU_PER_HECTARE, format_land, format_money, hectares_to_mu, to_decimal


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def plain(text: str) -> str:
    """The text without thousands separators, for tests about units and rounding rather than grouping."""
    return text.replace(",", "")


def render(source: str, **context) -> str:
    return Template("{% load diaodu %}" + source).render(Context(context))


# --- Money --------------------


def test_an_amount_below_one_yi_is_shown_in_wan():
    assert format_money(Decimal("850.5")) == "850.50 万元"
    assert format_money(Decimal("0")) == "0.00 万元"


def test_an_amount_just_below_ten_thousand_wan_stays_in_wan():
    assert plain(format_money(Decimal("9999.99"))) == "9999.99 万元"


def test_ten_thousand_wan_is_shown_as_one_yi():
    assert format_money(Decimal("10000")) == "1.00 亿元"


def test_an_amount_above_one_yi_is_shown_in_yi():
    assert format_money(Decimal("260000")) == "26.00 亿元"
    assert format_money(Decimal("956000")) == "95.60 亿元"
    assert format_money(Decimal("12345")) == "1.23 亿元"


def test_a_negative_amount_switches_unit_on_its_magnitude():
    assert format_money(Decimal("-15000")) == "-1.50 亿元"
    assert format_money(Decimal("-850")) == "-850.00 万元"


def test_money_is_rounded_half_up_not_to_even():
    assert format_money(Decimal("0.125")) == "0.13 万元"
    assert format_money(Decimal("0.135")) == "0.14 万元"
    assert format_money(Decimal("12500")) == "1.25 亿元"
    assert format_money(Decimal("12350")) == "1.24 亿元"  # 1.235 亿元 → 1.24


def test_money_can_be_shown_with_other_numbers_of_decimal_places():
    assert format_money(Decimal("260000"), 0) == "26 亿元"
    assert format_money(Decimal("850.5"), 1) == "850.5 万元"
    assert format_money(Decimal("850.55"), 4) == "850.5500 万元"


def test_money_accepts_integers_and_numeric_strings():
    assert format_money(850) == "850.00 万元"
    assert format_money("260000") == "26.00 亿元"
    assert plain(format_money("1,234.5")) == "1234.50 万元"


def test_missing_money_is_shown_as_a_dash():
    assert format_money(None) == "—"
    assert format_money("") == "—"


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        format_money(1234.5)
    with pytest.raises(TypeError):
        format_money(0.1)


def test_money_refuses_text_that_is_not_a_number():
    with pytest.raises(ValueError):
        format_money("八千五百")


def test_to_decimal_never_goes_through_float():
    assert to_decimal("0.1") == Decimal("0.1")
    assert to_decimal(" 1,000.10 ") == Decimal("1000.10")
    assert to_decimal(7) == Decimal(7)
    value = Decimal("0.30")
    assert to_decimal(value) is value
    assert to_decimal(None) is None
    with pytest.raises(TypeError):
        to_decimal(0.3)


def test_amounts_in_chinese_are_grouped_in_thousands_with_commas():
    assert format_money(Decimal("8500")) == "8,500.00 万元"
    assert format_money(Decimal("9999.99")) == "9,999.99 万元"


def test_an_amount_that_rounds_up_to_ten_thousand_wan_is_shown_as_one_yi():
    assert format_money(Decimal("9999.995")) == "1.00 亿元"


# --- Land --------------------


def test_four_hundred_hectares_are_exactly_six_thousand_mu():
    mu = hectares_to_mu(Decimal("400"))
    assert isinstance(mu, Decimal)
    assert mu == Decimal("6000")
    assert MU_PER_HECTARE == Decimal(15)


def test_hectares_convert_to_mu_exactly_without_float_error():
    assert hectares_to_mu(Decimal("26.67")) == Decimal("400.05")
    assert hectares_to_mu("0.1") == Decimal("1.5")
    assert hectares_to_mu(Decimal("0.0001")) == Decimal("0.0015")
    assert hectares_to_mu(None) is None
    with pytest.raises(TypeError):
        hectares_to_mu(0.1)


def test_land_is_shown_in_hectares_with_mu_beside_them():
    assert format_land(Decimal("26.67")) == "26.67 公顷（400.05 亩）"
    assert plain(format_land(Decimal("400"))) == "400.00 公顷（6000.00 亩）"


def test_land_is_rounded_in_both_units_after_converting():
    # 0.333 公顷 = 4.995 亩: the 亩 figure is rounded from the exact product, not from the rounded hectares.
    assert format_land(Decimal("0.333")) == "0.33 公顷（5.00 亩）"
    assert format_land(Decimal("1.5"), 0) == "2 公顷（23 亩）"


def test_missing_land_is_shown_as_a_dash_and_floats_are_refused():
    assert format_land(None) == "—"
    with pytest.raises(TypeError):
        format_land(400.0)


# --- Template filters --------------------


def test_the_money_filter_renders_wan_and_yi():
    assert render("{{ a|money }}", a=Decimal("850.5")) == "850.50 万元"
    assert render("{{ a|money }}", a=Decimal("260000")) == "26.00 亿元"
    assert render("{{ a|money:0 }}", a=Decimal("260000")) == "26 亿元"
    assert render("{{ a|money }}", a=None) == "—"
    assert render("{{ missing|money }}") == "—"


def test_the_land_filter_renders_hectares_and_mu():
    assert render("{{ a|land }}", a=Decimal("26.67")) == "26.67 公顷（400.05 亩）"
    assert render("{{ a|land:1 }}", a=Decimal("26.67")) == "26.7 公顷（400.1 亩）"
    assert render("{{ a|land }}", a=None) == "—"


def test_the_mu_filter_renders_the_exact_number_of_mu():
    assert plain(render("{{ a|mu }}", a=Decimal("400"))) == "6000"
    assert render("{{ a|mu }}", a=Decimal("26.67")) == "400.05"
    assert render("{{ a|mu|floatformat:2 }}", a=Decimal("0.1")) == "1.50"


def test_the_filters_refuse_floats_in_templates_too():
    with pytest.raises(TypeError):
        render("{{ a|money }}", a=1.5)
