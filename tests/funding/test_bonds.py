"""Special-bond coverage: income against principal and simple interest, flagged below the threshold."""

from decimal import Decimal

import pytest

from diaodu.funding.bonds import coverage, simple_interest
from diaodu.funding.models import BondFinance, FundingSettings

D = Decimal


def test_interest_is_simple_annual_interest_over_the_term():
    # 10 000 万元 at 4 % for 10 years: 400 a year, 4 000 in all.
    assert simple_interest(D("10000"), D("4"), 10) == D("4000")
    assert simple_interest(D("12000"), D("2.70"), 10) == D("3240")


def test_a_ratio_of_exactly_the_threshold_is_not_flagged():
    # Debt service 10 000 + 4 000 = 14 000; 1.1 × 14 000 = 15 400.
    result = coverage(principal=D("10000"), annual_rate_percent=D("4"), term_years=10, income=D("15400"))
    assert result.debt_service == D("14000")
    assert result.ratio == D("1.10")
    assert not result.flagged and result.shortfall == 0


def test_just_below_the_threshold_is_flagged_with_the_exact_shortfall():
    result = coverage(principal=D("10000"), annual_rate_percent=D("4"), term_years=10, income=D("15399.99"))
    assert result.flagged
    assert result.shortfall == D("0.01")
    assert result.ratio == D("1.09")  # 1.0999… shown rounded down, never as a passing 1.10


def test_the_shortfall_is_what_brings_the_ratio_to_the_threshold():
    # 12 000 at 2.7 % for 10 years: 15 240 to repay, 16 764 needed; 15 000 expected.
    result = coverage(principal=D("12000"), annual_rate_percent=D("2.70"), term_years=10, income=D("15000"))
    assert result.shortfall == D("1764.00")
    raised = coverage(principal=D("12000"), annual_rate_percent=D("2.70"), term_years=10, income=D("16764.00"))
    assert not raised.flagged


def test_a_shortfall_with_fractions_of_a_cent_is_rounded_up():
    # 1.1 × 1 000.05 = 1 100.055: 0.005 short of 1 100.05 is rounded up to 0.01.
    result = coverage(principal=D("1000.05"), annual_rate_percent=D("0"), term_years=1, income=D("1100.05"))
    assert result.flagged and result.shortfall == D("0.01")


def test_other_debt_service_counts_against_the_same_income():
    alone = coverage(principal=D("10000"), annual_rate_percent=D("4"), term_years=10, income=D("15400"))
    with_loan = coverage(
        principal=D("10000"), annual_rate_percent=D("4"), term_years=10, income=D("15400"), other_debt_service=D("1000")
    )
    assert not alone.flagged and with_loan.flagged
    assert with_loan.shortfall == D("1100.0")


def test_the_threshold_is_configurable():
    result = coverage(
        principal=D("10000"), annual_rate_percent=D("4"), term_years=10, income=D("15400"), threshold=D("1.2")
    )
    assert result.flagged and result.shortfall == D("1400.00")


def test_floats_are_refused():
    with pytest.raises(TypeError):
        coverage(principal=10000.0, annual_rate_percent=D("4"), term_years=10, income=D("1"))


@pytest.mark.django_db
def test_a_projects_bond_plan_uses_the_zones_threshold(project_x):
    plan = BondFinance.objects.create(
        project=project_x,
        bond_amount=D("10000"),
        term_years=10,
        interest_rate=D("4.000"),
        expected_income=D("15400.00"),
    )
    settings = FundingSettings.load()
    assert settings.coverage_threshold == D("1.10")
    assert not plan.coverage(settings.coverage_threshold).flagged
    settings.coverage_threshold = D("1.25")
    settings.save()
    assert plan.coverage(FundingSettings.load().coverage_threshold).shortfall == D("2100.00")
