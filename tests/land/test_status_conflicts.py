"""A parcel moved on from a page loaded before someone else moved it: the conflict, nothing written."""

import pytest
from django.urls import reverse
from django.utils import timezone

from diaodu.core.concurrency import etag_for
from diaodu.land.models import Parcel
from diaodu.land.services import parcel_advance
from tests.core.racing import conflict_row, version_in

pytestmark = pytest.mark.django_db


def test_the_second_office_moving_a_parcel_from_an_old_page_is_shown_both_statuses(
    client, dispatcher, expropriation_user, planned_parcel
):
    today = timezone.localdate()
    client.force_login(dispatcher)
    page = reverse("parcel-detail", args=[planned_parcel.pk])
    loaded = version_in(client.get(page).text)
    parcel_advance(user=expropriation_user, parcel=planned_parcel, status="acquiring", date=today, note="先行")
    answer = client.post(
        reverse("parcel-advance", args=[planned_parcel.pk]),
        {"status": "acquiring", "date": today.isoformat(), "note": "重复", "version": loaded},
    )
    assert answer.status_code == 200
    assert 'data-testid="edit-conflict"' in answer.text and "保存人：范志刚" in answer.text
    assert conflict_row("变更为", "征收中", "征收中") not in answer.text  # same status asked and saved: no row
    # The state rule would refuse it too (征收中 → 征收中), but the version is checked first: no field error.
    assert "下一步只能是" not in answer.text
    saved = Parcel.objects.get(pk=planned_parcel.pk)
    assert (saved.status, saved.acquiring_on) == ("acquiring", today)
    assert saved.history.count() == 2  # registered, moved once


def test_a_different_status_asked_stands_beside_the_saved_one(client, dispatcher, expropriation_user, planned_parcel):
    today = timezone.localdate()
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("parcel-detail", args=[planned_parcel.pk])).text)
    parcel = parcel_advance(user=expropriation_user, parcel=planned_parcel, status="acquiring", date=today)
    parcel_advance(user=expropriation_user, parcel=parcel, status="acquired", date=today)
    answer = client.post(
        reverse("parcel-advance", args=[planned_parcel.pk]),
        {"status": "acquiring", "date": today.isoformat(), "version": loaded},
    )
    assert conflict_row("变更为", "征收中", "已征收") in answer.text
    # The form now names the version saved: the next step from it goes through.
    rebased = version_in(answer.text)
    assert rebased != loaded
    done = client.post(
        reverse("parcel-advance", args=[planned_parcel.pk]),
        {"status": "reserved", "date": today.isoformat(), "version": rebased},
    )
    assert done.status_code == 302 and Parcel.objects.get(pk=planned_parcel.pk).status == "reserved"


def test_a_wrong_move_from_a_fresh_page_keeps_the_state_rules_message(client, dispatcher, planned_parcel):
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("parcel-detail", args=[planned_parcel.pk])).text)
    answer = client.post(
        reverse("parcel-advance", args=[planned_parcel.pk]),
        {"status": "acquired", "date": timezone.localdate().isoformat(), "version": loaded},
    )
    assert answer.status_code == 200 and 'data-testid="edit-conflict"' not in answer.text
    assert "下一步只能是“征收中”" in answer.text
    assert Parcel.objects.get(pk=planned_parcel.pk).status == "planned"


def test_the_api_moves_a_parcel_on_a_fresh_if_match(client, dispatcher, planned_parcel):
    client.force_login(dispatcher)
    url = f"/api/parcels/{planned_parcel.pk}/advance/"
    body = {"status": "acquiring", "date": timezone.localdate().isoformat()}
    loaded = client.get(f"/api/parcels/{planned_parcel.pk}/").headers["ETag"]
    moved = client.post(url, body, content_type="application/json", headers={"If-Match": loaded})
    assert moved.status_code == 200 and moved.json()["status"] == "acquiring"
    assert moved.headers["ETag"] == etag_for(Parcel.objects.get(pk=planned_parcel.pk)) != loaded
    again = client.post(url, {**body, "status": "acquired"}, content_type="application/json",
                        headers={"If-Match": loaded})  # fmt: skip
    assert again.status_code == 412 and again.json()["error"]["current"]["status"] == "acquiring"
    assert Parcel.objects.get(pk=planned_parcel.pk).status == "acquiring"
