"""入驻企业数: the companies resident in the zone at the end of a day, which the indicators read."""

import datetime as dt

import pytest
import time_machine

from diaodu.investment.selectors import resident_enterprise_count
from tests.investment.conftest import make_company
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def residents(db):
    make_company("甲", resident_since=D(2015, 1, 1))
    make_company("乙", resident_since=D(2020, 12, 31))  # counts from its first day
    make_company("丙", resident_since=D(2021, 1, 1))
    make_company("丁", resident_since=D(2016, 1, 1), resident_until=D(2020, 12, 31))  # gone on the day it left
    make_company("戊", resident_since=D(2016, 1, 1), resident_until=D(2021, 6, 30))
    make_company("己")  # courted, never resident


def test_a_company_counts_from_the_day_it_moves_in_until_the_day_it_leaves(residents):
    assert resident_enterprise_count(D(2020, 12, 30)) == 3  # 甲, 丁, 戊
    assert resident_enterprise_count(D(2020, 12, 31)) == 3  # 甲, 乙, 戊 (丁 left that day)
    assert resident_enterprise_count(D(2021, 1, 1)) == 4
    assert resident_enterprise_count(D(2021, 6, 30)) == 3


def test_without_a_date_it_counts_today(residents):
    with time_machine.travel(at_noon(D(2026, 3, 1)), tick=False):
        assert resident_enterprise_count() == 3  # 甲, 乙, 丙


def test_it_runs_one_query(residents, django_assert_num_queries):
    with django_assert_num_queries(1):
        resident_enterprise_count(D(2020, 12, 31))
