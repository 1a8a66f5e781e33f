"""No lost writes on the land ledger: a parcel's API and edit page, the year's quota, two offices at once."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from diaodu.core.concurrency import NEW, etag_for, version_of
from diaodu.land.models import LandQuota, Parcel
from diaodu.land.services import parcel_update, quota_set
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)

from .conftest import make_parcel

pytestmark = pytest.mark.django_db

FORM = {"number": "JJ-A-03", "name": "洁净工业园A-03地块", "area_ha": "12.6", "land_use": "industrial",
        "compensation_budget": "0", "compensation_paid": "0"}  # fmt: skip


def patch(client, parcel, data, **headers):
    return client.patch(f"/api/parcels/{parcel.pk}/", data, content_type="application/json", headers=headers)


def test_the_api_refuses_a_stale_if_match_and_answers_the_parcel_as_saved(client, dispatcher, planned_parcel):
    client.force_login(dispatcher)
    loaded = client.get(f"/api/parcels/{planned_parcel.pk}/").headers["ETag"]
    assert loaded == etag_for(planned_parcel)
    first = patch(client, planned_parcel, {"location": "纬三路以南"}, **{"If-Match": loaded})
    assert first.status_code == 200
    assert first.headers["ETag"] == etag_for(Parcel.objects.get(pk=planned_parcel.pk)) != loaded
    stale = patch(client, planned_parcel, {"location": "经五路以东"}, **{"If-Match": loaded})
    assert stale.status_code == 412
    assert stale.json()["error"]["current"]["location"] == "纬三路以南"
    assert stale.headers["ETag"] == first.headers["ETag"]
    moved = client.post(
        f"/api/parcels/{planned_parcel.pk}/advance/",
        {"status": "acquiring", "date": timezone.localdate().isoformat()},
        content_type="application/json",
        headers={"If-Match": loaded},
    )
    assert moved.status_code == 412
    assert Parcel.objects.values_list("location", "status").get(pk=planned_parcel.pk) == ("纬三路以南", "planned")
    assert patch(client, planned_parcel, {"note": "无If-Match"}).status_code == 200  # older clients


def test_the_edit_page_shows_both_versions_and_writes_nothing(client, dispatcher, expropriation_user, planned_parcel):
    client.force_login(dispatcher)
    edit = reverse("parcel-edit", args=[planned_parcel.pk])
    loaded = version_in(client.get(edit).text)
    assert loaded == version_of(planned_parcel)
    parcel_update(user=expropriation_user, parcel=planned_parcel, location="纬三路以南")
    answer = client.post(edit, {**FORM, "location": "经五路以东", "version": loaded})
    assert answer.status_code == 200
    page = answer.text
    assert 'data-testid="edit-conflict"' in page and "保存人：范志刚" in page
    assert conflict_row("坐落", "经五路以东", "纬三路以南") in page
    saved = Parcel.objects.get(pk=planned_parcel.pk)
    assert saved.location == "纬三路以南"
    # What was typed stays in the form, which now names the version saved: sending it again overwrites knowingly.
    assert 'value="经五路以东"' in page and version_in(page) == version_of(saved)
    assert client.post(edit, {**FORM, "location": "经五路以东", "version": version_in(page)}).status_code == 302
    assert Parcel.objects.get(pk=planned_parcel.pk).location == "经五路以东"


def test_a_quota_set_while_the_page_was_open_is_not_overwritten(client, dispatcher):
    client.force_login(dispatcher)
    url = reverse("land-quota", args=[2027])
    assert version_in(client.get(url).text) == NEW  # no quota yet
    quota_set(user=dispatcher, year=2027, acquire_ha=200, supply_ha=200, note="全会")
    answer = client.post(url, {"acquire_ha": "150", "supply_ha": "150", "note": "", "version": NEW})
    assert answer.status_code == 200 and 'data-testid="conflict-table"' in answer.text
    assert LandQuota.objects.get(year=2027).acquire_ha == 200


@pytest.mark.django_db(transaction=True)
def test_two_offices_saving_a_parcel_at_once_one_is_told(shared_database, dispatcher, expropriation_user, park):  # noqa: F811
    parcel = make_parcel("JJ-A-03", "12.6000", name="洁净工业园A-03地块", area=park)
    edit = reverse("parcel-edit", args=[parcel.pk])

    def editor(user, location):
        client = Client()

        def load():
            client.force_login(user)
            return version_in(client.get(edit).text)

        def save(version):
            return client.post(edit, {**FORM, "location": location, "version": version})

        return load, save

    answers = race(editor(dispatcher, "纬三路以南"), editor(expropriation_user, "经五路以东"))
    assert sorted(answer.status_code for answer in answers) == [200, 302]
    told = next(answer for answer in answers if answer.status_code == 200)
    assert 'data-testid="edit-conflict"' in told.text
    winner = ["纬三路以南", "经五路以东"][[answer.status_code for answer in answers].index(302)]
    assert Parcel.objects.get(pk=parcel.pk).location == winner
