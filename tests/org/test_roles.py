"""Roles: each persona sees what its role allows, and nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from diaodu.core.access import access_for
from diaodu.org.choices import Role
from diaodu.org.models import Area, Department, Person
from diaodu.org.roles import sync_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(zone):
    town = Area.objects.create(name="康养新城", kind="city")
    Area.objects.create(name="洁净工业园", kind="park", parent=town)
    return town


def test_every_role_has_a_group_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_sync_roles_gives_dispatch_office_edit_rights_on_org_but_observer_only_view():
    groups = sync_roles()
    dispatch = set(groups[Role.DISPATCH].permissions.values_list("codename", flat=True))
    observer = set(groups[Role.OBSERVER].permissions.values_list("codename", flat=True))
    assert {"add_department", "change_person", "view_area"} <= dispatch
    assert "view_department" in observer
    assert not {code for code in observer if not code.startswith("view_")}


def test_leader_sees_every_area_and_department(leader, areas, department):
    assert Area.objects.visible_to(leader).count() == 2
    assert list(Department.objects.visible_to(leader)) == [department]
    assert access_for(leader).sees_everything


def test_officer_sees_the_zone_directory_but_not_everything(officer, areas, department):
    access = access_for(officer)
    assert not access.sees_everything
    assert access.roles == {Role.OFFICER}
    assert access.department_id == department.pk
    assert Area.objects.visible_to(officer).count() == 2


def test_outsider_without_a_role_sees_nothing(outsider, areas, department):
    assert not Area.objects.visible_to(outsider).exists()
    assert not Department.objects.visible_to(outsider).exists()
    assert not Person.objects.visible_to(outsider).exists()


def test_anonymous_sees_nothing(areas):
    from django.contrib.auth.models import AnonymousUser

    assert not Area.objects.visible_to(AnonymousUser()).exists()


def test_leader_reads_the_home_page_with_the_zone_and_its_areas(client, leader, areas):
    client.force_login(leader)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "北部新城经济开发区" in response.text
    assert "洁净工业园" in response.text


def test_outsider_is_refused_the_pages_with_a_clear_message(client, outsider, areas):
    client.force_login(outsider)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "洁净工业园" not in response.text


def test_anonymous_is_sent_to_the_login_page(client, areas):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_may_read_but_not_change_departments_through_the_api(client, officer, department):
    client.force_login(officer)
    assert client.get("/api/departments/").json()["count"] == 1
    response = client.patch(f"/api/departments/{department.pk}/", {"name": "改名"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["status"] == 403
    department.refresh_from_db()
    assert department.name == "经济发展局"


def test_dispatch_office_may_change_departments_through_the_api(client, dispatcher, department):
    client.force_login(dispatcher)
    response = client.patch(
        f"/api/departments/{department.pk}/", {"duties": "项目立项"}, content_type="application/json"
    )
    assert response.status_code == 200
    department.refresh_from_db()
    assert department.duties == "项目立项"


def test_outsider_gets_403_from_the_api_and_anonymous_gets_401(client, outsider, department):
    assert client.get("/api/departments/").status_code == 401
    client.force_login(outsider)
    assert client.get("/api/departments/").status_code == 403


def test_only_the_administrator_reaches_the_django_admin(client, administrator, officer):
    client.force_login(officer)
    assert client.get("/admin/").status_code == 302
    client.force_login(administrator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "人员" in response.text  # the admin speaks Chinese


def test_officer_cannot_edit_the_calendar_but_the_administrator_can(client, officer, administrator):
    client.force_login(officer)
    response = client.post(reverse("calendar-day-save"), {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})
    assert response.status_code == 403
    client.force_login(administrator)
    response = client.post(reverse("calendar-day-save"), {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})
    assert response.status_code == 302
    from diaodu.core import workdays

    workdays.invalidate()
    import datetime as dt

    assert not workdays.is_workday(dt.date(2027, 1, 1))


def test_api_token_authentication_works(client, leader, department):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=leader)
    response = client.get("/api/departments/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["results"][0]["name"] == "经济发展局"


def test_me_endpoint_names_the_roles(client, officer):
    client.force_login(officer)
    body = client.get("/api/me/").json()
    assert body["roles"] == ["officer"]
    assert body["name"] == "孙浩"
    assert body["sees_everything"] is False
