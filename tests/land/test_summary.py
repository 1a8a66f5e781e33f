"""The year's figures against the 征供地 quota, exact to the square metre on fixed days, and the burn-down."""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.land.models import LandQuota
from diaodu.land.selectors import burndown, land_summary, months_left

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("as_of", "left"),
    [
        (D(2026, 1, 1), 12),
        (D(2026, 6, 1), 7),
        (D(2026, 6, 15), 7),
        (D(2026, 6, 30), 7),
        (D(2026, 12, 31), 1),
        (D(2025, 12, 31), 12),  # before the year: all of it ahead
        (D(2027, 3, 1), 1),  # after the year: its shortfall is what December needed
    ],
)
def test_months_left_count_the_current_month(as_of, left):
    assert months_left(2026, as_of) == left


def test_the_summary_in_mid_june_counts_each_parcel_by_the_day_it_moved(ledger):
    summary = land_summary(2026, D(2026, 6, 15))
    assert summary["quota_ha"] == Decimal("250.0000")
    assert summary["acquired_ha"] == Decimal("17.4568")  # A 10.1235 + C 7.3333
    assert summary["supplied_ha"] == Decimal("30.6235")  # A 10.1235 + B 20.5000 (supplied that very day)
    assert summary["reserved_ha"] == Decimal("22.3250")  # C 7.3333 + D 14.9917 (B left the reserve that day)
    assert summary["remaining_ha"] == Decimal("201.9197")  # 250 − (17.4568 + 30.6235)
    assert summary["months_left"] == 7
    assert summary["required_monthly_ha"] == Decimal("28.8457")  # 201.9197 ÷ 7 = 28.845671… half up
    assert summary["monthly_pace_ha"] == Decimal("8.0134")  # 48.0803 ÷ 6 months = 8.013383… half up
    for key in ("quota_ha", "acquired_ha", "supplied_ha", "reserved_ha", "remaining_ha", "required_monthly_ha"):
        assert isinstance(summary[key], Decimal), key


def test_on_the_last_day_of_the_year_what_remains_is_all_needed_in_december(ledger):
    summary = land_summary(2026, D(2026, 12, 31))
    assert summary["acquired_ha"] == Decimal("29.4568")  # + G 12.0000 acquired in September
    assert summary["supplied_ha"] == Decimal("30.6235")
    assert summary["reserved_ha"] == Decimal("34.3250")  # C + D + G
    assert summary["remaining_ha"] == Decimal("189.9197")
    assert summary["required_monthly_ha"] == Decimal("189.9197")
    # A year already over stands as it stood on 31 December.
    assert land_summary(2026, D(2027, 3, 1))["remaining_ha"] == Decimal("189.9197")


def test_before_the_year_nothing_counts_and_the_pace_spreads_over_twelve_months(ledger):
    summary = land_summary(2026, D(2025, 12, 1))
    assert (summary["acquired_ha"], summary["supplied_ha"]) == (Decimal(0), Decimal(0))
    assert summary["reserved_ha"] == Decimal("14.9917")  # D, reserved that day
    assert summary["remaining_ha"] == Decimal("250.0000")
    assert summary["required_monthly_ha"] == Decimal("20.8333")  # 250 ÷ 12 = 20.83333… half up


def test_nothing_remains_and_no_pace_is_needed_once_the_quota_is_met(ledger, quota_2026):
    quota_2026.acquire_ha, quota_2026.supply_ha = Decimal("20"), Decimal("20")
    quota_2026.save()
    summary = land_summary(2026, D(2026, 6, 15))
    assert summary["remaining_ha"] == Decimal(0)
    assert summary["required_monthly_ha"] == Decimal(0)


def test_a_year_without_quota_says_so(ledger):
    summary = land_summary(2025, D(2025, 12, 31))
    assert summary["has_quota"] is False
    assert summary["quota_ha"] == Decimal(0)
    assert summary["acquired_ha"] == Decimal("44.4917")  # B 20.5000 + D 14.9917 + H 9.0000
    assert summary["supplied_ha"] == Decimal("9.0000")  # H


def test_the_quota_is_acquisition_plus_supply():
    quota = LandQuota(year=2026, acquire_ha=Decimal("200"), supply_ha=Decimal("200"))
    assert quota.total_ha == Decimal("400")


def test_the_burn_down_goes_month_by_month_against_the_straight_line(ledger):
    chart = burndown(2026, D(2026, 6, 15))
    assert chart["labels"][:3] == ["年初", "1月", "2月"] and chart["labels"][-1] == "12月"
    none6 = [None] * 6
    assert chart["acquired"] == ["0.00", "0.00", "10.12", "10.12", "10.12", "10.12", "17.46", *none6]
    assert chart["supplied"] == ["0.00", "0.00", "0.00", "0.00", "0.00", "10.12", "30.62", *none6]
    assert chart["remaining"] == ["250.00", "250.00", "239.88", "239.88", "239.88", "229.75", "201.92", *none6]
    assert chart["target"] == [
        "250.00", "229.17", "208.33", "187.50", "166.67", "145.83", "125.00",
        "104.17", "83.33", "62.50", "41.67", "20.83", "0.00",
    ]  # fmt: skip
    # From the end of May, what remains at 28.8457 公顷 a month reaches 0 on 31 December.
    assert chart["needed"] == [
        None, None, None, None, None, "201.92", "173.07", "144.23", "115.38", "86.54", "57.69", "28.85", "0.00",
    ]  # fmt: skip
    assert chart["quota"] == "250.00"
    assert "28.85" in chart["names"]["needed"]


def test_the_burn_down_of_a_year_without_quota_still_shows_what_was_done(ledger):
    chart = burndown(2025, D(2025, 12, 31))
    assert chart["quota"] is None
    assert chart["remaining"] == [None] * 13 and chart["target"] == [None] * 13 and chart["needed"] == [None] * 13
    assert chart["supplied"][-1] == "9.00"
