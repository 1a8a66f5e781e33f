"""The land API: the summary's contract, the parcels with their filters, writes and the `advance` action."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diaodu.land.models import Parcel
from tests.land.conftest import make_parcel
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
SUMMARY = "/api/land/summary/"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_summary_gives_exactly_the_agreed_keys_as_strings_with_two_places(client, leader, ledger):
    client.force_login(leader)
    with time_machine.travel(at_noon(dt.date(2026, 6, 15)), tick=False):
        answer = client.get(SUMMARY, {"year": 2026})
    assert answer.status_code == 200
    assert answer.json() == {
        "year": 2026,
        "quota_ha": "250.00",
        "acquired_ha": "17.46",  # 17.4568
        "supplied_ha": "30.62",  # 30.6235
        "reserved_ha": "22.33",  # 22.3250, half up (half to even would give 22.32)
        "remaining_ha": "201.92",  # 201.9197
        "required_monthly_ha": "28.85",  # 201.9197 ÷ 7 months (June to December)
    }


def test_the_summary_defaults_to_the_current_year(client, leader, ledger):
    with time_machine.travel(at_noon(dt.date(2026, 12, 31)), tick=False):
        client.force_login(leader)  # inside: the session must not have expired by the day travelled to
        body = client.get(SUMMARY).json()
    assert body["year"] == 2026
    assert (body["remaining_ha"], body["required_monthly_ha"]) == ("189.92", "189.92")


def test_the_summary_refuses_a_bad_year_and_a_year_without_quota_in_the_error_shape(client, leader, ledger):
    client.force_login(leader)
    bad = client.get(SUMMARY, {"year": "二〇二六"})
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid"
    assert bad.json()["error"]["fields"] == {"year": ["年度应为四位数字，如 2026。"]}
    assert client.get(SUMMARY, {"year": 1999}).status_code == 400
    missing = client.get(SUMMARY, {"year": 2025})
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "2025年尚未下达征供地任务。"


def test_the_list_filters_by_status_land_use_and_year(client, leader, ledger):
    Parcel.objects.filter(number="C").update(land_use="commercial")
    client.force_login(leader)

    def numbers(**params):
        return sorted(row["number"] for row in client.get("/api/parcels/", params).json()["results"])

    assert numbers() == list("ABCDEFGH")
    assert numbers(status="reserved") == ["C", "D", "G"]
    assert numbers(status=["planned", "acquiring"]) == ["E", "F"]
    assert numbers(land_use="commercial") == ["C"]
    assert numbers(year=2025) == ["B", "D", "H"]  # some step in 2025
    assert numbers(year=2026, status="supplied") == ["A", "B"]
    assert numbers(q="A地块") == ["A"]


def test_a_parcel_reads_with_its_names_status_steps_and_projects(client, leader, ledger, project_x):
    client.force_login(leader)
    row = client.get(f"/api/parcels/{ledger['A'].pk}/").json()
    assert row["status"] == "supplied" and row["status_display"] == "已供应" and row["next_status"] is None
    assert row["supply_method"] == "transfer" and row["supply_method_display"] == "出让"
    assert (row["acquiring_on"], row["acquired_on"], row["reserved_on"], row["supplied_on"]) == (
        "2026-01-05", "2026-02-10", "2026-03-01", "2026-05-20",
    )  # fmt: skip
    assert row["projects"] == [project_x.pk]
    assert row["project_refs"] == [{"id": project_x.pk, "name": "吉通机械总部"}]
    assert row["can_change"] is False
    assert client.get(f"/api/parcels/{ledger['F'].pk}/").json()["next_status"] == "acquiring"


def test_the_land_bureau_registers_a_parcel_that_starts_as_planned(
    client, department_user, land_bureau, park, project_x, project_y
):
    # The bureau sees the projects whose land steps it handles, and links parcels to those only.
    project_x.steps.filter(name="用地预审").update(responsible_department=land_bureau)
    client.force_login(department_user)
    unseen = post(
        client, "/api/parcels/", {"number": "JJ-A-04", "name": "X", "area_ha": "1", "projects": [project_y.pk]}
    )
    assert unseen.status_code == 400 and "projects" in unseen.json()["error"]["fields"]
    answer = post(
        client,
        "/api/parcels/",
        {
            "number": "JJ-A-03", "name": "洁净工业园A-03地块", "area_ha": "12.6", "land_use": "industrial",
            "area": park.pk, "projects": [project_x.pk], "compensation_budget": "907.20",
            "status": "supplied", "supplied_on": "2026-01-01",  # read-only: ignored
        },
    )  # fmt: skip
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["status"] == "planned" and body["supplied_on"] is None
    assert (body["area_ha"], body["area_mu"]) == ("12.6000", "189.0000")
    assert body["projects"] == [project_x.pk] and body["can_change"] is True
    parcel = Parcel.objects.get(number="JJ-A-03")
    # The project links are not in the row's history: the reason names them.
    assert parcel.history.get().history_change_reason == "登记地块；服务项目：吉通机械总部"


def test_writes_are_refused_field_by_field_in_chinese(client, dispatcher, planned_parcel):
    client.force_login(dispatcher)
    duplicate = post(client, "/api/parcels/", {"number": "JJ-A-03", "name": "重复", "area_ha": "1"})
    assert duplicate.status_code == 400 and "number" in duplicate.json()["error"]["fields"]
    zero = post(client, "/api/parcels/", {"number": "X-1", "name": "零", "area_ha": "0"})
    assert zero.status_code == 400 and "area_ha" in zero.json()["error"]["fields"]
    overpaid = client.patch(
        f"/api/parcels/{planned_parcel.pk}/",
        {"compensation_budget": "100", "compensation_paid": "120.5"},
        content_type="application/json",
    )
    assert overpaid.status_code == 400
    assert overpaid.json()["error"]["fields"] == {
        "compensation_paid": ["已支付补偿（120.50 万元）不能超过征收补偿预算（100.00 万元）。"]
    }


def test_an_update_naming_an_older_version_is_refused(client, dispatcher, planned_parcel):
    client.force_login(dispatcher)
    url = f"/api/parcels/{planned_parcel.pk}/"
    seen = client.get(url).json()["version"]
    first = client.patch(url, {"location": "纬三路以南", "version": seen}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == seen + 1
    second = client.patch(url, {"location": "经五路以东", "version": seen}, content_type="application/json")
    # A stale `version` in the body is answered like a stale If-Match (diaodu.core.concurrency): 412 with the
    # parcel as saved now, so that the client can show both versions.
    assert second.status_code == 412
    assert "您依据的是之前的版本" in second.json()["error"]["message"]
    assert second.json()["error"]["current"]["location"] == "纬三路以南"
    assert Parcel.objects.get(pk=planned_parcel.pk).location == "纬三路以南"


def test_advance_moves_one_step_and_explains_a_refusal(client, dispatcher, ledger):
    client.force_login(dispatcher)
    url = f"/api/parcels/{ledger['C'].pk}/advance/"
    with time_machine.travel(at_noon(dt.date(2026, 6, 20)), tick=False):
        skipped = post(client, f"/api/parcels/{ledger['F'].pk}/advance/", {"status": "reserved", "date": "2026-06-19"})
        future = post(client, url, {"status": "supplied", "date": "2026-06-21", "supply_method": "transfer"})
        early = post(client, url, {"status": "supplied", "date": "2026-06-09", "supply_method": "transfer"})
        no_method = post(client, url, {"status": "supplied", "date": "2026-06-19"})
        unknown = post(client, url, {"status": "sold", "date": "2026-06-19"})
        done = post(client, url, {"status": "supplied", "date": "2026-06-19", "supply_method": "allocation"})
    assert skipped.status_code == 400 and "下一步只能是“征收中”" in skipped.json()["error"]["fields"]["status"][0]
    assert future.status_code == 400 and "晚于今天" in future.json()["error"]["fields"]["date"][0]
    assert (
        early.status_code == 400 and "不能早于“已收储”的日期 2026-06-10" in early.json()["error"]["fields"]["date"][0]
    )
    assert no_method.json()["error"]["fields"] == {"supply_method": ["供应地块时请选择供应方式：出让或划拨。"]}
    assert unknown.status_code == 400 and "status" in unknown.json()["error"]["fields"]
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["supply_method"], done.json()["supplied_on"]) == (
        "supplied", "allocation", "2026-06-19",
    )  # fmt: skip


def test_the_list_runs_a_fixed_number_of_queries(client, leader, ledger, project_x, project_y):
    client.force_login(leader)
    client.get("/api/parcels/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/parcels/")
    for number in range(10):
        make_parcel(f"N-{number}", "1.5").projects.add(project_x, project_y)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/parcels/").json()["count"] == 18
    assert len(many) == len(few)
