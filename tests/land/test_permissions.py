"""Every member of the zone sees the land; the dispatch office, the 征收办 and the 自然资源局 change it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from diaodu.land.models import Parcel
from diaodu.land.permissions import may_change_parcel, may_set_quota
from diaodu.land.services import parcel_advance, parcel_create, parcel_update, quota_set

pytestmark = pytest.mark.django_db


def test_every_member_of_the_zone_sees_every_parcel(
    ledger, leader, project_officer, responsible_leader, department_user, other_department_user, dispatcher
):
    for user in (leader, project_officer, responsible_leader, department_user, other_department_user, dispatcher):
        assert Parcel.objects.visible_to(user).count() == 8


def test_an_outsider_sees_nothing(client, ledger, outsider):
    assert Parcel.objects.visible_to(outsider).count() == 0
    client.force_login(outsider)
    assert client.get(reverse("land-ledger")).status_code == 403
    assert client.get("/api/parcels/").status_code == 403
    assert client.get("/api/land/summary/?year=2026").status_code == 403


def test_anonymous_callers_are_asked_to_log_in(client, ledger):
    assert client.get(reverse("land-ledger")).status_code == 302
    assert client.get("/api/land/summary/?year=2026").status_code == 401


def test_who_may_change_parcels(
    planned_parcel, dispatcher, expropriation_user, department_user, other_department_user,
    project_officer, leader, responsible_leader, administrator,
):  # fmt: skip
    assert may_change_parcel(dispatcher, planned_parcel)
    assert may_change_parcel(expropriation_user, planned_parcel)  # 征收办公室
    assert may_change_parcel(department_user, planned_parcel)  # 自然资源局
    for user in (other_department_user, project_officer, leader, responsible_leader, administrator):
        assert not may_change_parcel(user, planned_parcel), user


def test_only_the_dispatch_office_sets_the_quota(dispatcher, expropriation_user, leader):
    assert may_set_quota(dispatcher)
    assert not may_set_quota(expropriation_user) and not may_set_quota(leader)
    with pytest.raises(PermissionDenied):
        quota_set(user=leader, year=2026, acquire_ha=1, supply_ha=1)


def test_an_officer_cannot_change_a_parcel(client, planned_parcel, project_officer):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied, match="只有项目办、征收办公室和自然资源局"):
        parcel_advance(user=project_officer, parcel=planned_parcel, status="acquiring", date=today)
    with pytest.raises(PermissionDenied):
        parcel_update(user=project_officer, parcel=planned_parcel, name="改名")
    with pytest.raises(PermissionDenied):
        parcel_create(user=project_officer, number="X-1", name="X", area_ha=1)

    client.force_login(project_officer)
    url = f"/api/parcels/{planned_parcel.pk}/"
    assert client.patch(url, {"name": "改名"}, content_type="application/json").status_code == 403
    answer = client.post(f"{url}advance/", {"status": "acquiring", "date": today.isoformat()}, "application/json")
    assert answer.status_code == 403
    assert "只有项目办、征收办公室和自然资源局" in answer.json()["error"]["message"]
    assert (
        client.post("/api/parcels/", {"number": "X", "name": "X", "area_ha": "1"}, "application/json").status_code
        == 403
    )
    assert client.get(reverse("parcel-edit", args=[planned_parcel.pk])).status_code == 403
    assert client.post(reverse("parcel-advance", args=[planned_parcel.pk]), {"status": "acquiring"}).status_code == 403
    assert client.get(reverse("parcel-create")).status_code == 403
    page = client.get(reverse("parcel-detail", args=[planned_parcel.pk])).text
    assert 'data-testid="advance-form"' not in page and 'data-testid="edit-parcel"' not in page
    assert Parcel.objects.get(pk=planned_parcel.pk).status == "planned"


def test_a_department_outside_the_land_offices_cannot_change_a_parcel(client, planned_parcel, other_department_user):
    client.force_login(other_department_user)
    answer = client.post(
        f"/api/parcels/{planned_parcel.pk}/advance/",
        {"status": "acquiring", "date": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert answer.status_code == 403
    assert client.patch(f"/api/parcels/{planned_parcel.pk}/", {"name": "改名"}, "application/json").status_code == 403


def test_the_expropriation_office_moves_a_parcel_on(client, planned_parcel, expropriation_user):
    client.force_login(expropriation_user)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    answer = client.post(
        f"/api/parcels/{planned_parcel.pk}/advance/",
        {"status": "acquiring", "date": yesterday.isoformat()},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["status"] == "acquiring" and answer.json()["acquiring_on"] == yesterday.isoformat()
    assert planned_parcel.history.latest().history_user == expropriation_user
    page = client.get(reverse("parcel-detail", args=[planned_parcel.pk])).text
    assert 'data-testid="advance-form"' in page and 'data-testid="edit-parcel"' in page


def test_the_land_bureau_edits_a_parcel(client, planned_parcel, department_user):
    client.force_login(department_user)
    answer = client.patch(
        f"/api/parcels/{planned_parcel.pk}/", {"expropriation_notice": "开征告〔2026〕3号"}, "application/json"
    )
    assert answer.status_code == 200
    assert Parcel.objects.get(pk=planned_parcel.pk).expropriation_notice == "开征告〔2026〕3号"
