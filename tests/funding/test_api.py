"""The funding API: applications (list, filters, create, update, advance) and a project's maturity."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from diaodu.funding.models import FundingApplication, ProjectDocument
from diaodu.funding.services import application_create

from .conftest import walk

pytestmark = pytest.mark.django_db
D = Decimal


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_list_gives_each_application_with_names_amounts_and_the_callers_next_statuses(
    client, finance_user, application
):
    walk(application, finance_user, "reviewing")
    client.force_login(finance_user)
    body = client.get("/api/funding-applications/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["project_name"] == "吉通机械总部"
    assert (row["channel"], row["channel_display"]) == ("special_bond", "地方政府专项债券")
    assert (row["status"], row["status_display"]) == ("reviewing", "审核中")
    assert row["requested_amount"] == "10000.00" and row["approved_amount"] is None
    assert row["next_statuses"] == ["approved", "rejected"]
    assert row["reviewing_on"] == timezone.localdate().isoformat()


def test_a_reader_is_offered_no_next_status(client, project_officer, application):
    client.force_login(project_officer)
    assert client.get(f"/api/funding-applications/{application.pk}/").json()["next_statuses"] == []


def test_filters_by_channel_status_year_and_project(client, dispatcher, application, project_y, finance_user):
    other = application_create(
        user=finance_user, project=project_y, channel="central_budget", year=2025, requested_amount=D("800")
    )
    walk(other, finance_user, "rejected")
    client.force_login(dispatcher)

    def ids(**params):
        return {row["id"] for row in client.get("/api/funding-applications/", params).json()["results"]}

    assert ids(channel="central_budget") == {other.pk}
    assert ids(channel=["central_budget", "special_bond"]) == {other.pk, application.pk}
    assert ids(status="conceived") == {application.pk}
    assert ids(year=2025) == {other.pk}
    assert ids(project=application.project_id) == {application.pk}
    assert ids(q="铸诚") == {other.pk}


def test_create_answers_201_with_the_application(client, finance_user, project_y, items):
    client.force_login(finance_user)
    response = post(
        client,
        "/api/funding-applications/",
        {"project": project_y.pk, "channel": "ultra_long_bond", "year": 2026, "requested_amount": "25000.50"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "conceived" and body["requested_amount"] == "25000.50"
    assert body["next_statuses"] == ["registered"]
    assert FundingApplication.objects.get(pk=body["id"]).history.first().history_user == finance_user


def test_an_officer_may_not_create_or_advance(client, project_officer, project_x, application):
    client.force_login(project_officer)
    created = post(
        client,
        "/api/funding-applications/",
        {"project": project_x.pk, "channel": "other", "year": 2026, "requested_amount": "1"},
    )
    assert created.status_code == 403
    advanced = post(client, f"/api/funding-applications/{application.pk}/advance/", {"status": "registered"})
    assert advanced.status_code == 403
    assert advanced.json()["error"]["status"] == 403


def test_update_changes_the_plain_fields(client, finance_user, application):
    client.force_login(finance_user)
    response = client.patch(
        f"/api/funding-applications/{application.pk}/",
        {"requested_amount": "12000", "note": "调增申请额度"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["requested_amount"] == "12000.00" and response.json()["note"] == "调增申请额度"


def test_advance_moves_one_step_and_explains_a_refusal_in_the_error_shape(client, finance_user, application):
    client.force_login(finance_user)
    url = f"/api/funding-applications/{application.pk}/advance/"
    refused = post(client, url, {"status": "approved", "approved_amount": "1"})
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["status"] == ["申请当前为“谋划”，不能改为“获批”；下一步只能是“入库”。"]
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    moved = post(client, url, {"status": "registered", "date": yesterday})
    assert moved.status_code == 200
    assert moved.json()["status"] == "registered" and moved.json()["registered_on"] == yesterday


def test_advance_to_received_above_the_approved_amount_is_refused(client, finance_user, application):
    walk(application, finance_user, "approved", approved_amount=D("8000"))
    client.force_login(finance_user)
    url = f"/api/funding-applications/{application.pk}/advance/"
    response = post(client, url, {"status": "received", "received_amount": "9000"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["received_amount"] == [
        "到位金额（9,000.00 万元）不能超过获批金额（8,000.00 万元）。"
    ]


def test_an_unknown_status_is_refused(client, finance_user, application):
    client.force_login(finance_user)
    response = post(client, f"/api/funding-applications/{application.pk}/advance/", {"status": "paid"})
    assert response.status_code == 400 and "status" in response.json()["error"]["fields"]


def test_applications_are_never_deleted(client, dispatcher, application):
    client.force_login(dispatcher)
    assert client.delete(f"/api/funding-applications/{application.pk}/").status_code == 405


def test_the_maturity_of_a_project(client, project_officer, project_x, items):
    ProjectDocument.objects.create(
        project=project_x,
        item=items["implementation_plan"],
        provided_on=dt.date(2026, 3, 2),
        reference="长经开管函12号",
    )
    client.force_login(project_officer)
    body = client.get(f"/api/projects/{project_x.pk}/maturity/").json()
    assert body["score"] == 10 and body["level"] == "conceived" and body["level_display"] == "谋划"
    assert body["thresholds"] == {"preparing": 30, "mature": 70, "ready": 90}
    assert [item["code"] for item in body["items"]][:2] == ["proposal", "feasibility"]
    plan = next(item for item in body["items"] if item["code"] == "implementation_plan")
    assert plan == {
        "code": "implementation_plan",
        "name": "实施方案",
        "weight": 10,
        "satisfied": True,
        "source": {"kind": "document", "text": "已备案文件：长经开管函12号，2026-03-02"},
    }
    assert next(item for item in body["items"] if item["code"] == "eia")["source"] is None


def test_the_maturity_of_a_project_one_does_not_see_is_not_found(client, other_officer, project_x, items):
    client.force_login(other_officer)
    assert client.get(f"/api/projects/{project_x.pk}/maturity/").status_code == 404
