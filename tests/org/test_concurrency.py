"""No lost writes in the org registry's API: every record answers its ETag and refuses a stale If-Match."""

import pytest

from diaodu.core.concurrency import etag_for
from diaodu.org.models import Area, Department, Organisation, Person, Zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    return {
        "zone": Zone.objects.create(name="北部新城经济开发区", division_code="220105"),
        "areas": Area.objects.create(name="洁净工业园", kind="park"),
        "departments": Department.objects.create(name="征收办公室"),
        "organisations": Organisation.objects.create(name="吉林省聚丰投资有限公司", kind="platform"),
        "people": Person.objects.create(name="陈静"),
    }


FIELD = {"zone": "short_name", "areas": "description", "departments": "phone", "organisations": "address",
         "people": "phone"}  # fmt: skip


@pytest.mark.parametrize("path", list(FIELD))
def test_a_stale_if_match_is_refused_and_a_fresh_one_written(client, dispatcher, records, path):
    record, field = records[path], FIELD[path]
    url = f"/api/{path}/{record.pk}/"
    client.force_login(dispatcher)
    loaded = client.get(url).headers["ETag"]
    assert loaded == etag_for(record)
    type(record).objects.get(pk=record.pk).save()  # saved elsewhere meanwhile
    stale = client.patch(url, {field: "覆盖"}, content_type="application/json", headers={"If-Match": loaded})
    assert stale.status_code == 412 and stale.json()["error"]["current"]["id"] == record.pk
    assert getattr(type(record).objects.get(pk=record.pk), field) != "覆盖"
    fresh = client.patch(url, {field: "新值"}, content_type="application/json", headers={"If-Match": stale["ETag"]})
    assert fresh.status_code == 200 and getattr(type(record).objects.get(pk=record.pk), field) == "新值"
    assert fresh["ETag"] == etag_for(type(record).objects.get(pk=record.pk))
