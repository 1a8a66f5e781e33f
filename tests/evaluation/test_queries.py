"""Every subject of a kind is scored in a constant number of queries: 2 projects or 6, the same count."""

import pytest
import time_machine
from django.urls import reverse

from diaodu.evaluation.selectors import compute_ranking
from diaodu.org.choices import Role
from diaodu.org.models import Department
from tests.conftest import make_user
from tests.evaluation.conftest import APRIL_30, D, make_leads, make_zone
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db

# The scheme, projects, steps, issues, light settings, reports, the lights' own inputs (7: settings, plans,
# monthly plans, investment, reports, overdue steps, issues), the lights of the day, the names; officers add
# their leads.
SELECTOR_QUERIES = {"department": 15, "officer": 16, "leader": 15}
# The page adds the session, the user, his roles and person, the month's snapshot, last month's ranks, and what
# the navigation shows (zone, inbox count, the user's person, permissions).
PAGE_QUERIES = 27


def grow(n: int, zone_2026) -> None:
    """n − 1 more pairs of projects, each with its own departments, officers and leader, and a scout's leads."""
    for i in range(1, n):
        officer = make_user(f"o{i}", roles=[Role.OFFICER], name=f"干部甲{i}")
        make_zone(
            department=Department.objects.create(name=f"经发局{i}"),
            land_bureau=Department.objects.create(name=f"自然资源局{i}"),
            officer=officer,
            other_officer=make_user(f"p{i}", roles=[Role.OFFICER], name=f"干部乙{i}"),
            leader=make_user(f"l{i}", roles=[Role.RESPONSIBLE_LEADER], name=f"领导{i}"),
            suffix=str(i),
        )
        make_leads(officer, suffix=str(i))


@pytest.mark.parametrize("pairs", [1, 3])
@pytest.mark.parametrize("kind", ["department", "officer", "leader"])
def test_a_ranking_takes_the_same_queries_whatever_the_number_of_projects(
    zone_2026, django_assert_num_queries, kind, pairs
):
    grow(pairs, zone_2026)
    with django_assert_num_queries(SELECTOR_QUERIES[kind]):
        scores = compute_ranking(kind, APRIL_30)
    assert len(scores) == {"department": 2, "officer": 2, "leader": 1}[kind] * pairs


@pytest.mark.parametrize("pairs", [1, 3])
def test_the_ranking_page_takes_the_same_queries_whatever_the_number_of_projects(
    client, zone_2026, leader, django_assert_num_queries, pairs
):
    grow(pairs, zone_2026)
    client.force_login(leader)
    with time_machine.travel(at_noon(D(2026, 5, 15)), tick=False):
        client.get(reverse("evaluation-ranking"))  # warms the working-day calendar of the page's banner
        with django_assert_num_queries(PAGE_QUERIES):
            answer = client.get(reverse("evaluation-ranking"), {"kind": "officer", "month": "2026-04"})
    assert answer.text.count('data-testid="ranking-row"') == 2 * pairs
