"""The issues API: contract, filters, raising an issue, the life-cycle actions and their refusals."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from diaodu.coordination.models import Issue
from diaodu.coordination.services import issue_assign, issue_attach, issue_raise, issue_resolve

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_list_gives_each_issue_with_names_flags_and_the_callers_actions(client, department_user, assigned_issue):
    client.force_login(department_user)
    body = client.get("/api/issues/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["title"] == "用地指标未落实"
    assert row["status"] == "assigned" and row["status_display"] == "已交办"
    assert row["category_name"] == "用地" and row["department_name"] == "自然资源局"
    assert row["project_name"] == "吉通机械总部" and row["raised_by_name"] == "孙浩"
    assert row["is_overdue"] is False and row["escalation_level"] == 0
    assert row["actions"] == ["resolve", "respond"]
    assert [entry["kind"] for entry in row["responses"]] == ["assign"]
    assert row["notices"] == [] and row["attachments"] == []


def test_filters_by_status_department_project_category_and_search(
    client, dispatcher, assigned_issue, project_y, other_officer, categories, land_bureau
):
    other = issue_raise(user=other_officer, project=project_y, category=categories["资金"], title="资本金未到位")
    client.force_login(dispatcher)

    def titles(**params):
        return {row["title"] for row in client.get("/api/issues/", params).json()["results"]}

    assert titles(status="open") == {"资本金未到位"}
    assert titles(status=["open", "assigned"]) == {"资本金未到位", "用地指标未落实"}
    assert titles(department=land_bureau.pk) == {"用地指标未落实"}
    assert titles(project=project_y.pk) == {"资本金未到位"}
    assert titles(category=categories["资金"].pk) == {"资本金未到位"}
    assert titles(q="资本金") == {"资本金未到位"}
    assert titles(q="28公顷") == {"用地指标未落实"}  # the description is searched too
    assert titles(source="project") == {"资本金未到位", "用地指标未落实"}
    assert other.pk


def test_the_overdue_filter_takes_unresolved_issues_past_their_due_date(
    client, dispatcher, assigned_issue, project_x, project_officer, land, land_bureau, department_user
):
    late = issue_raise(user=project_officer, project=project_x, category=land, title="宗地内高压线杆迁移")
    issue_assign(user=dispatcher, issue=late, department=land_bureau)
    settled = issue_raise(user=project_officer, project=project_x, category=land, title="规划条件未出具")
    issue_resolve(
        user=department_user, issue=issue_assign(user=dispatcher, issue=settled, department=land_bureau), text="已出具"
    )
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Issue.objects.filter(pk__in=[late.pk, settled.pk]).update(due_date=yesterday)
    client.force_login(dispatcher)
    overdue = client.get("/api/issues/", {"overdue": "true"}).json()["results"]
    assert [row["title"] for row in overdue] == ["宗地内高压线杆迁移"]
    assert overdue[0]["is_overdue"] is True
    rest = {row["title"] for row in client.get("/api/issues/", {"overdue": "false"}).json()["results"]}
    assert rest == {"用地指标未落实", "规划条件未出具"}  # the open one without a due date is not overdue


def test_an_officer_raises_an_issue_of_his_project(client, project_officer, project_x, land):
    client.force_login(project_officer)
    response = post(
        client,
        "/api/issues/",
        {"project": project_x.pk, "category": land.pk, "title": "用地指标未落实", "description": "缺指标"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["source"], body["raised_by_name"]) == ("open", "project", "孙浩")


def test_an_officer_cannot_name_a_project_he_does_not_see(client, project_officer, project_y, land):
    client.force_login(project_officer)
    response = post(client, "/api/issues/", {"project": project_y.pk, "category": land.pk, "title": "用地指标未落实"})
    assert response.status_code == 400
    assert "project" in response.json()["error"]["fields"]


def test_an_officer_cannot_assign_while_raising(client, project_officer, project_x, land, land_bureau):
    client.force_login(project_officer)
    response = post(
        client,
        "/api/issues/",
        {"project": project_x.pk, "category": land.pk, "title": "用地指标未落实", "department": land_bureau.pk},
    )
    assert response.status_code == 403
    assert response.json()["error"]["status"] == 403
    assert not Issue.objects.exists()


def test_a_department_cannot_raise_issues(client, department_user, land):
    client.force_login(department_user)
    assert post(client, "/api/issues/", {"category": land.pk, "title": "用地指标未落实"}).status_code == 403


@time_machine.travel("2026-09-29 10:00 +0800")
def test_the_actions_walk_the_life_cycle(
    client, dispatcher, department_user, responsible_leader, project_officer, raised_issue, land_bureau
):
    url = f"/api/issues/{raised_issue.pk}"
    client.force_login(dispatcher)
    body = post(client, f"{url}/assign/", {"department": land_bureau.pk, "note": "请抓紧"}).json()
    assert (body["status"], body["due_date"]) == ("assigned", "2026-10-19")

    client.force_login(department_user)
    assert post(client, f"{url}/respond/", {"text": "已受理"}).json()["status"] == "in_progress"
    body = post(client, f"{url}/resolve/", {"text": "指标已下达"}).json()
    assert body["status"] == "resolved" and body["actions"] == []

    refused = post(client, f"{url}/close/", {})
    assert refused.status_code == 403
    assert "承办部门不能为自己办结的问题销号" in refused.json()["error"]["message"]

    client.force_login(responsible_leader)
    body = post(client, f"{url}/close/", {"text": "经核实已解决"}).json()
    assert body["status"] == "closed"
    assert [entry["kind"] for entry in body["responses"]] == ["assign", "start", "resolve", "close"]

    client.force_login(project_officer)
    body = post(client, f"{url}/reopen/", {"reason": "指标仍未下达"}).json()
    assert (body["status"], body["reopened_count"], body["due_date"]) == ("assigned", 1, "2026-10-19")


def test_a_refused_transition_answers_400_in_the_one_error_shape(client, dispatcher, assigned_issue):
    client.force_login(dispatcher)
    response = post(client, f"/api/issues/{assigned_issue.pk}/close/", {})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "只有“已办结”的问题可以销号" in error["fields"]["non_field_errors"][0]


def test_a_missing_field_names_the_field(client, department_user, assigned_issue):
    client.force_login(department_user)
    response = post(client, f"/api/issues/{assigned_issue.pk}/resolve/", {})
    assert response.status_code == 400
    assert "text" in response.json()["error"]["fields"]
    response = post(client, f"/api/issues/{assigned_issue.pk}/respond/", {"text": "   "})
    assert response.status_code == 400


def test_issues_are_not_edited_or_deleted_directly(client, dispatcher, assigned_issue):
    client.force_login(dispatcher)
    url = f"/api/issues/{assigned_issue.pk}/"
    assert client.patch(url, {"title": "改"}, content_type="application/json").status_code == 405
    assert client.delete(url).status_code == 405


def test_categories_are_listed_with_their_sla_and_read_only(client, project_officer, dispatcher, categories):
    client.force_login(project_officer)
    rows = client.get("/api/issue-categories/").json()["results"]
    assert [(row["name"], row["sla_workdays"]) for row in rows] == [
        ("用地", 10), ("资金", 15), ("手续", 10), ("征拆", 20), ("水电路气", 10), ("其他", 10),
    ]  # fmt: skip
    client.force_login(dispatcher)  # edited on the settings page, not through the API
    assert client.post("/api/issue-categories/", {"name": "环保"}).status_code == 405


def test_anonymous_callers_get_401(client, assigned_issue):
    assert client.get("/api/issues/").status_code == 401


def test_the_list_runs_a_fixed_number_of_queries(
    client, dispatcher, assigned_issue, project_x, project_officer, land, land_bureau, department_user
):
    client.force_login(dispatcher)
    client.get("/api/issues/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/issues/")
    for i in range(15):
        issue = issue_raise(user=project_officer, project=project_x, category=land, title=f"问题{i}")
        issue_assign(user=dispatcher, issue=issue, department=land_bureau)
        issue_resolve(user=department_user, issue=issue, text="已办结")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/issues/").json()["count"] == 16
    assert len(many) == len(few)


def test_the_schema_documents_the_issue_paths(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for action in ("assign", "respond", "resolve", "close", "reopen"):
        assert f"/api/issues/{{id}}/{action}/" in paths
    assert "/api/issue-categories/" in paths
    parameters = {p["name"] for p in paths["/api/issues/"]["get"]["parameters"]}
    assert {"status", "department", "project", "category", "overdue", "q"} <= parameters


def test_attachments_are_offered_through_the_protected_download(
    client, project_officer, assigned_issue, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("红线图.pdf", b"%PDF-1.4")
    attachment = issue_attach(user=project_officer, issue=assigned_issue, file=upload, name="用地红线图")
    client.force_login(project_officer)
    (row,) = client.get(f"/api/issues/{assigned_issue.pk}/").json()["attachments"]
    assert row["name"] == "用地红线图"
    assert row["url"] == f"/issues/{assigned_issue.pk}/attachments/{attachment.pk}/"
