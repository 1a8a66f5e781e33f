"""Building a bulletin runs the same number of queries whatever the size of the zone."""

import pytest

from diaodu.reports.bulletin import build_bulletin
from tests.reports.conftest import JUNE_30, more_of_everything

pytestmark = pytest.mark.django_db

QUERIES = 44  # three for each of 14 kinds of record read as of the date, the lights, the previous bulletin


def test_the_bulletin_data_of_a_small_and_a_larger_zone_takes_the_same_queries(zone_june, django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        small = build_bulletin(JUNE_30, zone_june["second"].pk)
    more_of_everything(zone_june, 12)
    with django_assert_num_queries(QUERIES):
        large = build_bulletin(JUNE_30, zone_june["second"].pk)
    assert (small.headline.projects, large.headline.projects) == (4, 16)
    assert len(large.issues) == len(small.issues) + 12 and len(large.meeting_decisions) == 13
