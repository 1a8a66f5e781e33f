"""The list's leader and officer menus: no list of every person, a search among those the user's projects name."""

import pytest

from diaodu.org.choices import Role
from diaodu.org.models import Person
from tests.conftest import make_user

from .conftest import build_project

pytestmark = pytest.mark.django_db


def menu(page: str, role: str) -> str:
    return page.split(f'data-testid="person-search-{role}"', 1)[1].split("</select>", 1)[0]


def leaders(count: int, officer) -> list:
    people = [make_user(f"lead{i}", roles=[Role.RESPONSIBLE_LEADER], name=f"王领导{i:02d}") for i in range(count)]
    for i, person in enumerate(people):
        build_project(f"项目{i:02d}", leader=person, officer=officer if i == 0 else None)
    return people


def test_the_menus_list_no_one_until_asked(client, leader, project_officer):
    leaders(5, project_officer)
    client.force_login(leader)
    page = client.get("/projects/").text
    assert menu(page, "leader").count("<option") == 1  # 全部
    assert "王领导" not in page.split('data-testid="project-table"')[0]
    assert 'hx-get="/projects/"' in menu(page, "leader")
    assert 'form="person-search-no-form"' in menu(page, "officer")  # the search box never reaches the URL


def test_the_leader_in_the_url_filters_and_is_shown_chosen(client, leader, project_officer):
    people = leaders(3, project_officer)
    client.force_login(leader)
    chosen = people[1].person
    response = client.get(f"/projects/?leader={chosen.pk}")
    assert response.context["count"] == 1
    assert [p.name for p in response.context["projects"]] == ["项目01"]
    options = menu(response.text, "leader")
    assert f'<option value="{chosen.pk}" selected>王领导01</option>' in options
    assert options.count("<option") == 2


def test_a_leader_who_leads_nothing_is_refused_by_the_api(client, leader, project_officer):
    leaders(1, project_officer)
    idle = Person.objects.create(name="闲人")
    client.force_login(leader)
    assert client.get(f"/api/projects/?leader={idle.pk}").status_code == 400


def test_the_search_returns_matching_leaders_of_visible_projects(client, leader, project_officer):
    people = leaders(3, project_officer)
    Person.objects.create(name="王领导99")  # leads nothing: never offered
    client.force_login(leader)
    options = client.get("/projects/", {"people": "leader", "term": "领导0"}, HTTP_HX_REQUEST="true").text
    assert [line.split(">")[1].split("<")[0] for line in options.splitlines() if '<option value="' in line][1:] == [
        "王领导00",
        "王领导01",
        "王领导02",
    ]
    # Typed and not chosen yet: the first match is chosen, so pressing 筛选 filters by it.
    assert f'<option value="{people[0].person.pk}" selected>' in options


def test_an_officer_searches_only_among_the_people_of_his_projects(client, project_officer):
    people = leaders(3, project_officer)
    client.force_login(project_officer)
    options = client.get("/projects/", {"people": "leader", "term": "王"}).text
    assert "王领导00" in options and "王领导01" not in options and "王领导02" not in options
    assert people[0].person.name == "王领导00"


def test_an_empty_search_keeps_the_chosen_person(client, leader, project_officer):
    people = leaders(25, project_officer)
    client.force_login(leader)
    chosen = people[24].person  # beyond the first 20 by name
    options = client.get("/projects/", {"people": "leader", "leader": chosen.pk}).text
    assert f'<option value="{chosen.pk}" selected>王领导24</option>' in options
    assert options.count("<option") == 22  # 全部, the chosen one, the first 20


def test_no_match_says_so(client, leader, project_officer):
    leaders(2, project_officer)
    client.force_login(leader)
    options = client.get("/projects/", {"people": "officer", "term": "不存在"}).text
    assert "没有符合条件的人员" in options and options.count("<option") == 2


@pytest.mark.parametrize("count", [2, 30])
def test_the_search_runs_the_same_queries_at_any_size(
    count, client, leader, project_officer, django_assert_num_queries
):
    leaders(count, project_officer)
    client.force_login(leader)
    client.get("/projects/", {"people": "leader", "term": "王"})  # warm the session and the access cache
    with django_assert_num_queries(6):
        response = client.get("/projects/", {"people": "leader", "term": "王"})
    assert response.text.count("<option") == 1 + min(count, 20)
