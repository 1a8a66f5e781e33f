"""The evaluation API: the ranking and one subject's scores, their exact shape, errors, and the OpenAPI schema."""

import pytest
import time_machine
from django.urls import reverse

from diaodu.evaluation.services import month_snapshots_take
from tests.evaluation.conftest import D
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
RANKING = "/api/evaluation/ranking/"


@pytest.fixture(autouse=True)
def mid_may():
    with time_machine.travel(at_noon(D(2026, 5, 15)), tick=False):
        yield


def test_the_ranking_gives_each_subject_with_its_criteria(client, zone_2026, leader):
    client.force_login(leader)
    body = client.get(RANKING, {"kind": "leader", "month": "2026-04"}).json()
    assert {key: body[key] for key in ("kind", "month", "as_of", "source", "taken_at")} == {
        "kind": "leader", "month": "2026-04", "as_of": "2026-04-30", "source": "live", "taken_at": None,
    }  # fmt: skip
    assert body["weights"] == {
        "steps": "25.00", "reports": "20.00", "issues": "20.00", "investment": "25.00", "red": "10.00",
        "signed": "20.00",
    }  # fmt: skip
    (row,) = body["rows"]
    assert {key: row[key] for key in ("name", "rank", "total", "previous_rank")} == {
        "name": "李明", "rank": 1, "total": "52.08", "previous_rank": None,
    }  # fmt: skip
    steps = row["criteria"][0]
    assert {key: value for key, value in steps.items() if key != "facts"} == {
        "criterion": "steps", "weight": "25.00", "share": "25.00", "numerator": "1.00", "denominator": "3.00",
        "rate": "0.3333", "points": "8.33",
    }  # fmt: skip
    assert steps["facts"][0] == {
        "kind": "step",
        "id": zone_2026["steps"]["filing"].pk,
        "label": "吉通机械总部 · 项目备案",
        "url": f"/projects/{zone_2026['p1'].pk}/#steps",
        "passed": True,
        "reason": "任务时限2026-03-20，2026-03-18完成，按期",
        "credit": "1.00",
        "basis": "1.00",
    }
    signed = row["criteria"][-1]
    assert (signed["criterion"], signed["rate"], signed["share"], signed["points"], signed["facts"]) == (
        "signed", None, None, None, [],
    )  # fmt: skip


def test_a_subjects_scores_come_from_the_snapshot_once_one_is_kept(client, zone_2026, dispatcher, project_officer):
    month_snapshots_take(month=D(2026, 4, 1), user=dispatcher)
    client.force_login(project_officer)
    url = reverse("api-evaluation-score", args=["officer", project_officer.person.pk])
    body = client.get(url, {"month": "2026-04"}).json()
    assert {key: body[key] for key in ("kind", "month", "as_of", "source", "name", "rank", "total", "count")} == {
        "kind": "officer", "month": "2026-04", "as_of": "2026-04-30", "source": "snapshot", "name": "孙浩",
        "rank": 1, "total": "64.94", "count": 2,
    }  # fmt: skip
    signed = body["criteria"][-1]
    assert [(fact["kind"], fact["credit"], fact["basis"], fact["passed"]) for fact in signed["facts"]] == [
        ("lead", "20000.00", "0.00", True), ("target", "0.00", "24000.00", False),
    ]  # fmt: skip
    assert (signed["rate"], signed["points"]) == ("0.8333", "13.89")
    may = client.get(url).json()  # the current month: live, with April's rank to compare with
    assert (may["source"], may["month"], may["previous_rank"]) == ("live", "2026-05", 1)


def test_bad_parameters_are_answered_with_the_field_in_question(client, zone_2026, leader):
    client.force_login(leader)
    error = client.get(RANKING, {"kind": "teams"}).json()["error"]
    assert error["status"] == 400 and error["fields"] == {"kind": ["“考核对象”应为 department、officer 或 leader。"]}
    error = client.get(RANKING, {"kind": "leader", "month": "2026-13"}).json()["error"]
    assert error["fields"] == {"month": ["“月份”应为 YYYY-MM 格式，如 2026-05。"]}
    error = client.get(RANKING, {"month": "2026-07"}).json()["error"]
    assert error["fields"] == {"month": ["“月份”：2026年7月尚未开始。"]}
    missing = client.get(reverse("api-evaluation-score", args=["leader", 999999]), {"month": "2026-04"})
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "该月没有这一考核对象的得分。"


def test_the_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/evaluation/ranking/" in schema["paths"]
    score = schema["paths"]["/api/evaluation/scores/{kind}/{subject_id}/"]["get"]
    assert score["summary"] == "One subject's scores with every fact behind them (考核明细)"
    assert {"Ranking", "Score", "Criterion", "Fact"} <= set(schema["components"]["schemas"])
