"""Who sees what: every member opens the cockpit and the map, each narrowed to what he may see."""

import pytest
import time_machine
from django.urls import reverse

from diaodu.dashboard.mapdata import map_layers
from diaodu.dashboard.selectors import cockpit
from diaodu.org.choices import Role
from tests.conftest import make_user
from tests.dashboard.conftest import JUNE_15
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_june_15():
    with time_machine.travel(at_noon(JUNE_15), tick=False):
        yield


def test_an_officers_cockpit_counts_only_his_projects_and_what_hangs_on_them(project_officer, small_zone):
    figures = cockpit(project_officer, JUNE_15)  # 孙浩 answers for P1 only
    assert figures["project_count"] == 1
    assert figures["lights"] == {"red": 0, "yellow": 0, "green": 1, "unlit": 0, "total": 1}
    assert (figures["investment"]["plan"], figures["investment"]["done"]) == (12000, 5000)
    assert figures["starts"]["planned"] == 1 and figures["starts"]["started"] == 1
    assert figures["red_projects"] == []
    assert (figures["issues"]["unresolved"], figures["issues"]["overdue"]) == (2, 1)
    assert [row["title"] for row in figures["issues"]["rows"]] == ["用地指标未落实"]
    assert (figures["bonds"]["asked"], figures["bonds"]["approved"], figures["bonds"]["received"]) == (5000, 2000, 1500)
    assert figures["signed"]["signed_amount"] == 20000  # his own lead only
    assert [row["project"] for row in figures["deadlines"]["rows"] if row["kind"] != "report"] == ["吉通机械总部"]
    assert figures["charts"]["by_area"]["areas"] == ["洁净工业园"]
    # Land is zone-level data: the same for everyone.
    assert figures["land"]["done_ha"] == 20


def test_a_responsible_leader_sees_the_projects_he_answers_for(responsible_leader, small_zone):
    figures = cockpit(responsible_leader, JUNE_15)  # 李明 answers for P3
    assert figures["project_count"] == 1
    assert figures["lights"]["yellow"] == 1 and figures["investment"]["plan"] == 2000
    assert figures["signed"]["signed_amount"] == 27000  # a responsible leader sees every lead


def test_the_officers_page_says_that_it_is_narrowed(client, project_officer, small_zone):
    client.force_login(project_officer)
    page = client.get(reverse("cockpit")).text
    assert 'data-testid="scope"' in page and "您负责的 1 个项目" in page
    client.force_login(make_user("observer", roles=[Role.OBSERVER]))
    assert 'data-testid="scope"' not in client.get(reverse("cockpit")).text


def test_the_officers_map_shows_his_projects_but_every_area_and_parcel(project_officer, small_zone):
    layers = map_layers(project_officer)
    assert layers["project_counts"]["total"] == 1
    assert layers["parcel_counts"]["total"] == 2


@pytest.mark.parametrize("url", ["/cockpit/", "/map/", "/api/dashboard/cockpit/", "/api/map/"])
def test_a_login_without_a_role_is_refused(client, outsider, url):
    client.force_login(outsider)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ["/cockpit/", "/map/"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, url):
    answer = client.get(url)
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))


def test_only_administrators_and_the_dispatch_office_may_upload_boundaries(
    client, leader, project_officer, dispatcher, administrator
):
    for user in (leader, project_officer):
        client.force_login(user)
        assert client.get(reverse("map-boundaries")).status_code == 403
        assert 'data-testid="upload-boundaries"' not in client.get(reverse("zone-map")).text
    for user in (dispatcher, administrator):
        client.force_login(user)
        assert client.get(reverse("map-boundaries")).status_code == 200
