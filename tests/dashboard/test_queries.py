"""The cockpit, its API and the map run the same number of queries whatever the number of projects.

Each is measured twice on the same day: on the small zone (5 projects) and on it grown by 12 projects, each with a
monthly plan, reports, a light, a step due soon, an overdue issue, a parcel with coordinates, a lead and a bond
application. The working-day calendar is loaded before measuring (the process caches it).
"""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diaodu.core import workdays
from diaodu.dashboard.demo import seed_boundaries
from tests.dashboard.conftest import JUNE_15, demo_areas, grow, report
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db

# Every request: the session and the user (2), the user's roles and person (2). The cockpit: the data version (1,
# core.dataversion) and, unless its figures are cached for that version, its selector: 23 (the light thresholds,
# projects, plans, monthly plans, reports by period and area, plans by area, areas, land 2, leads and target, bonds,
# indicators 5, issues 2, red projects, steps 2, reports due). The map: 9 (see mapdata.py).
# The base template: the zone, the unread count, the person and the permissions of the navigation (5).
COCKPIT_SELECTOR = 23
COCKPIT_API = 4 + 1 + COCKPIT_SELECTOR
COCKPIT_PAGE = COCKPIT_API + 5
MAP_API = 4 + 9
MAP_PAGE = MAP_API + 5


@pytest.fixture(autouse=True)
def on_june_15():
    with time_machine.travel(at_noon(JUNE_15), tick=False):
        workdays.get_calendar()
        yield


def measure(client, user, url, expected, django_assert_num_queries):
    client.force_login(user)
    with django_assert_num_queries(expected):
        answer = client.get(url)
    assert answer.status_code == 200
    return answer


@pytest.mark.parametrize("extra", [0, 12])
def test_the_cockpit_page_runs_a_fixed_number_of_queries(client, leader, small_zone, extra, django_assert_num_queries):
    grow(small_zone, extra)
    page = measure(client, leader, reverse("cockpit"), COCKPIT_PAGE, django_assert_num_queries).text
    assert f"共 {5 + extra} 个项目" in page


@pytest.mark.parametrize("extra", [0, 12])
def test_the_cockpit_api_runs_a_fixed_number_of_queries(client, leader, small_zone, extra, django_assert_num_queries):
    grow(small_zone, extra)
    body = measure(client, leader, "/api/dashboard/cockpit/", COCKPIT_API, django_assert_num_queries).json()
    assert body["project_count"] == 5 + extra and body["issues"]["overdue"] == 3 + extra


@pytest.mark.parametrize("extra", [0, 12])
def test_the_map_runs_a_fixed_number_of_queries(client, leader, small_zone, extra, django_assert_num_queries):
    demo_areas()
    seed_boundaries()
    grow(small_zone, extra)
    body = measure(client, leader, "/api/map/", MAP_API, django_assert_num_queries).json()
    assert len(body["projects"]["features"]) == extra and len(body["parcels"]["features"]) == 1 + extra
    measure(client, leader, reverse("zone-map"), MAP_PAGE, django_assert_num_queries)


@pytest.mark.parametrize("extra", [0, 12])
def test_an_officers_cockpit_runs_the_same_number_of_queries(
    client, project_officer, small_zone, extra, django_assert_num_queries
):
    grow(small_zone, extra)
    measure(client, project_officer, reverse("cockpit"), COCKPIT_PAGE, django_assert_num_queries)


@pytest.mark.django_db(transaction=True)
def test_the_cockpit_seen_again_with_nothing_written_since_runs_none_of_its_selectors_queries(
    client, leader, small_zone, django_assert_num_queries
):
    """Cached on the data version: the same figures without their queries, until the next write (a login writes)."""
    client.force_login(leader)

    def get(url, expected):
        with django_assert_num_queries(expected):
            answer = client.get(url)
        assert answer.status_code == 200
        return answer

    first = client.get("/api/dashboard/cockpit/").json()  # computed (the process may hold the calendar already)
    again = get("/api/dashboard/cockpit/", COCKPIT_API - COCKPIT_SELECTOR).json()
    assert again == first and first["investment"]["done"] == "5800.00"
    get(reverse("cockpit"), COCKPIT_PAGE - COCKPIT_SELECTOR)  # the page and the API share the figures
    report(small_zone["P1"], 6, "1200", frequency="weekly")  # a counted report is written meanwhile
    with CaptureQueriesContext(connection) as queries:
        after = client.get("/api/dashboard/cockpit/").json()
    assert after["investment"]["done"] == "7000.00" and len(queries) > COCKPIT_API - COCKPIT_SELECTOR
