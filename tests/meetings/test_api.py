"""The meetings API: meetings with their agenda and decisions, recording a decision, the OpenAPI schema."""

import pytest
from django.utils import timezone

from diaodu.coordination.models import Issue
from diaodu.meetings.models import Decision, Meeting
from diaodu.meetings.services import agenda_add, decision_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(portfolio, meeting, dispatcher, land_bureau, categories):
    agenda_add(user=dispatcher, meeting=meeting, project=portfolio["jitong"], reason="红灯")
    decision_add(
        user=dispatcher, meeting=meeting, text="完成用地预审。", department=land_bureau, category=categories["用地"],
        project=portfolio["jitong"],
    )  # fmt: skip
    return meeting


def test_a_meeting_with_its_agenda_and_decisions(client, recorded, leader):
    client.force_login(leader)
    (item,) = client.get("/api/meetings/").json()["results"]
    assert (item["title"], item["kind"], item["kind_display"], item["status_display"]) == (
        "第12次项目调度会",
        "weekly",
        "周调度",
        "筹备",
    )
    assert [(row["project_name"], row["reason"]) for row in item["agenda"]] == [("吉通机械总部", "红灯")]
    (decision,) = item["decisions"]
    issue = Issue.objects.get(source="meeting")
    assert (decision["text"], decision["department_name"], decision["issue"]) == (
        "完成用地预审。",
        "自然资源局",
        issue.pk,
    )
    assert (decision["issue_status"], decision["issue_status_display"]) == ("assigned", "已交办")
    assert decision["due_date"] == decision["issue_due_date"] == issue.due_date.isoformat()
    assert client.get(f"/api/meetings/{recorded.pk}/").json()["id"] == recorded.pk
    assert client.get("/api/decisions/").json()["count"] == 1


def test_restricted_members_get_the_meetings_that_concern_them(client, recorded, project_officer, other_officer):
    client.force_login(project_officer)
    assert client.get("/api/meetings/").json()["count"] == 1
    client.force_login(other_officer)
    assert client.get("/api/meetings/").json()["count"] == 0
    assert client.get(f"/api/meetings/{recorded.pk}/").status_code == 404
    assert client.get("/api/decisions/").json()["count"] == 0


def test_the_dispatch_office_records_a_decision_through_the_api(client, meeting, dispatcher, land_bureau, categories):
    client.force_login(dispatcher)
    payload = {
        "meeting": meeting.pk,
        "text": "建立绿色通道。",
        "department": land_bureau.pk,
        "category": categories["其他"].pk,
    }
    answer = client.post("/api/decisions/", payload, content_type="application/json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["issue_status"] == "assigned" and body["meeting_title"] == "第12次项目调度会"
    assert Decision.objects.get().issue.source == "meeting"


def test_others_cannot_record_decisions_and_bad_input_is_named(client, meeting, leader, dispatcher, land_bureau):
    client.force_login(leader)
    payload = {"meeting": meeting.pk, "text": "x", "department": land_bureau.pk, "category": 1}
    assert client.post("/api/decisions/", payload, content_type="application/json").status_code == 403
    client.force_login(dispatcher)
    answer = client.post("/api/decisions/", {"meeting": meeting.pk}, content_type="application/json")
    assert answer.status_code == 400
    assert set(answer.json()["error"]["fields"]) >= {"text", "department", "category"}
    assert client.post("/api/meetings/", {"title": "x"}, content_type="application/json").status_code == 405


def test_outsiders_and_anonymous_callers(client, meeting, outsider):
    assert client.get("/api/meetings/").status_code == 401
    client.force_login(outsider)
    assert client.get("/api/meetings/").status_code == 403


def test_the_schema_documents_meetings_and_decisions(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {"/api/meetings/", "/api/meetings/{id}/", "/api/decisions/", "/api/decisions/{id}/"} <= set(schema["paths"])
    assert "DecisionCreateRequest" in schema["components"]["schemas"]
    assert "201" in schema["paths"]["/api/decisions/"]["post"]["responses"]


def test_the_list_is_filtered(client, recorded, leader):
    Meeting.objects.create(date=timezone.localdate(), kind="special", title="土地专题调度会")
    client.force_login(leader)
    assert [m["title"] for m in client.get("/api/meetings/?kind=special").json()["results"]] == ["土地专题调度会"]


def test_a_decision_carries_the_deadline_the_meeting_set(client, meeting, dispatcher, land_bureau, categories):
    import datetime as dt

    from django.utils import timezone

    client.force_login(dispatcher)
    deadline = timezone.localdate() + dt.timedelta(days=9)
    payload = {
        "meeting": meeting.pk,
        "text": "十日内完成管线迁改方案。",
        "department": land_bureau.pk,
        "category": categories["其他"].pk,
        "due_date": deadline.isoformat(),
    }
    answer = client.post("/api/decisions/", payload, content_type="application/json")
    assert answer.status_code == 201, answer.json()
    decision = Decision.objects.get()
    assert decision.due_date == decision.issue.due_date == deadline

    payload["due_date"] = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    refused = client.post("/api/decisions/", payload, content_type="application/json")
    assert refused.status_code == 400
    assert "办理时限不能早于今天" in str(refused.json())
    assert Decision.objects.count() == 1
