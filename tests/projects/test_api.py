"""The registry's API contract: projects, steps with predecessors, the schedule."""

import datetime as dt

import pytest

from diaodu.projects.models import Project, Step

pytestmark = pytest.mark.django_db


def test_project_list_is_paginated_filtered_and_searchable(client, leader, project_x, project_y, park):
    client.force_login(leader)
    body = client.get("/api/projects/").json()
    assert body["count"] == 2
    assert {row["name"] for row in body["results"]} == {"吉通机械总部", "铸诚门业智能制造"}
    assert client.get("/api/projects/", {"q": "铸诚"}).json()["count"] == 1
    assert client.get("/api/projects/", {"area": park.pk}).json()["count"] == 1
    assert client.get("/api/projects/", {"stage": "construction"}).json()["count"] == 0
    officer = project_x.responsible_officer
    rows = client.get("/api/projects/", {"officer": officer.pk}).json()["results"]
    assert [row["name"] for row in rows] == ["吉通机械总部"]
    ordered = client.get("/api/projects/", {"ordering": "name"}).json()["results"]
    assert [row["name"] for row in ordered] == sorted(row["name"] for row in ordered)


def test_dispatch_office_creates_a_project_with_a_validated_code(client, dispatcher, department):
    client.force_login(dispatcher)
    response = client.post(
        "/api/projects/",
        {"name": "供水厂", "code": "2104-220105-04-01-38194x", "category": "infrastructure",
         "total_investment": "35000.00", "responsible_department": department.pk},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    assert response.json()["code"] == "2104-220105-04-01-38194X"
    bad = client.post(
        "/api/projects/", {"name": "回迁楼", "code": "2104-22010-04-01-38194X"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "项目代码" in bad.json()["error"]["fields"]["code"][0]
    duplicate = client.post(
        "/api/projects/", {"name": "供水厂二期", "code": "2104-220105-04-01-38194X"}, content_type="application/json"
    )
    assert duplicate.status_code == 400


def test_planned_completion_before_start_is_refused_in_chinese(client, dispatcher):
    client.force_login(dispatcher)
    response = client.post(
        "/api/projects/",
        {"name": "学校", "planned_start": "2026-05-01", "planned_completion": "2026-04-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["planned_completion"] == ["计划竣工日期不能早于计划开工日期。"]


def test_the_stage_is_changed_only_through_its_rules(client, dispatcher, project_x):
    client.force_login(dispatcher)
    response = client.patch(f"/api/projects/{project_x.pk}/", {"stage": "operating"}, content_type="application/json")
    project_x.refresh_from_db()
    assert project_x.stage == "preparation"  # stage is read-only through update
    response = client.post(
        f"/api/projects/{project_x.pk}/stage/", {"stage": "construction"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "实际开工日期" in response.json()["error"]["fields"]["actual_start"][0]
    response = client.post(
        f"/api/projects/{project_x.pk}/stage/",
        {"stage": "construction", "actual_start": "2026-10-12"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "construction"


def test_steps_list_with_predecessors_and_lags(client, leader, project_x):
    client.force_login(leader)
    rows = client.get(f"/api/projects/{project_x.pk}/steps/").json()["results"]
    by_name = {row["name"]: row for row in rows}
    assert by_name["项目备案"]["predecessors"] == []
    assert by_name["用地预审"]["predecessors"] == [{"step": by_name["项目备案"]["id"], "lag_days": 0}]
    assert by_name["开工"]["predecessors"] == [{"step": by_name["用地预审"]["id"], "lag_days": 2}]
    assert set(by_name["开工"]) >= {
        "id", "name", "kind", "duration_days", "predecessors", "deadline", "status", "actual_start", "actual_finish"
    }  # fmt: skip


def test_creating_updating_and_deleting_a_step_recomputes_the_schedule(client, dispatcher, project_x):
    client.force_login(dispatcher)
    filing = Step.objects.get(project=project_x, name="项目备案")
    land = Step.objects.get(project=project_x, name="用地预审")
    created = client.post(
        f"/api/projects/{project_x.pk}/steps/",
        {
            "name": "环评批复",
            "kind": "procedure",
            "duration_days": 30,
            "predecessors": [{"step": filing.pk, "lag_days": 1}],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    eia = created.json()
    assert eia["predecessors"] == [{"step": filing.pk, "lag_days": 1}]
    assert eia["early_start"] is not None  # stored schedule was recomputed
    updated = client.patch(
        f"/api/projects/{project_x.pk}/steps/{land.pk}/", {"duration_days": 60}, content_type="application/json"
    )
    assert updated.status_code == 200
    project_x.refresh_from_db()
    assert project_x.schedule_feasible is False or project_x.schedule_min_float < 15
    deleted = client.delete(f"/api/projects/{project_x.pk}/steps/{eia['id']}/")
    assert deleted.status_code == 204
    assert not Step.objects.filter(pk=eia["id"]).exists()


def test_a_cycle_is_refused_with_the_step_names(client, dispatcher, project_x):
    client.force_login(dispatcher)
    filing = Step.objects.get(project=project_x, name="项目备案")
    start = Step.objects.get(project=project_x, name="开工")
    response = client.patch(
        f"/api/projects/{project_x.pk}/steps/{filing.pk}/",
        {"predecessors": [{"step": start.pk, "lag_days": 0}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["predecessors"][0]
    assert "项目备案" in message and "用地预审" in message and "开工" in message
    assert not filing.predecessor_links.exists()  # nothing half-written


def test_a_predecessor_from_another_project_is_refused(client, dispatcher, project_x, project_y):
    client.force_login(dispatcher)
    foreign = Step.objects.get(project=project_y)
    filing = Step.objects.get(project=project_x, name="项目备案")
    response = client.patch(
        f"/api/projects/{project_x.pk}/steps/{filing.pk}/",
        {"predecessors": [{"step": foreign.pk, "lag_days": 0}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "不属于本项目" in response.json()["error"]["fields"]["predecessors"][0]


def test_schedule_answers_exactly_the_contract(client, leader, project_x):
    client.force_login(leader)
    body = client.get(f"/api/projects/{project_x.pk}/schedule/", {"as_of": "2026-09-28"}).json()
    assert set(body) == {"project", "as_of", "feasible", "calendar_note", "steps"}
    assert body["project"] == project_x.pk
    assert body["as_of"] == "2026-09-28"
    assert body["feasible"] is True
    assert body["calendar_note"] is None
    steps = {step["name"]: step for step in body["steps"]}
    assert set(steps["项目备案"]) == {
        "id", "name", "duration_days", "status", "early_start", "early_finish", "late_start", "late_finish",
        "total_float", "critical",
    }  # fmt: skip
    # 5 working days from Monday 09-28: 28, 29, 30, (National Day 10-01..07 off), 08, 09.
    assert steps["项目备案"]["early_start"] == "2026-09-28"
    assert steps["项目备案"]["early_finish"] == "2026-10-09"
    # Saturday 10-10 is an adjusted working day: 用地预审 starts on it.
    assert steps["用地预审"]["early_start"] == "2026-10-10"
    assert steps["用地预审"]["early_finish"] == "2026-11-05"
    assert steps["开工"]["early_finish"] == "2026-11-09"  # two working days of lag after 11-05
    assert steps["开工"]["late_finish"] == "2026-11-30"
    assert steps["用地预审"]["late_finish"] == "2026-11-26"
    assert steps["用地预审"]["total_float"] == 15
    assert all(step["critical"] for step in body["steps"])


def test_schedule_is_infeasible_when_the_deadline_is_out_of_reach(client, leader, project_x):
    client.force_login(leader)
    body = client.get(f"/api/projects/{project_x.pk}/schedule/", {"as_of": "2026-11-02"}).json()
    assert body["feasible"] is False
    assert min(step["total_float"] for step in body["steps"]) < 0


def test_schedule_says_when_the_calendar_is_only_guessed(client, leader, project_x):
    client.force_login(leader)
    Step.objects.filter(project=project_x, name="开工").update(deadline=dt.date(2027, 6, 30))
    body = client.get(f"/api/projects/{project_x.pk}/schedule/", {"as_of": "2026-12-20"}).json()
    assert "2027" in body["calendar_note"]


def test_schedule_of_a_cyclic_network_answers_400_with_the_names(client, leader, project_x):
    from diaodu.projects.models import StepDependency

    filing = Step.objects.get(project=project_x, name="项目备案")
    start = Step.objects.get(project=project_x, name="开工")
    StepDependency.objects.create(predecessor=start, successor=filing)  # written around the service
    client.force_login(leader)
    response = client.get(f"/api/projects/{project_x.pk}/schedule/")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]["cycle"]) == {"项目备案", "用地预审", "开工"}


def test_bad_as_of_is_a_clear_400(client, leader, project_x):
    client.force_login(leader)
    response = client.get(f"/api/projects/{project_x.pk}/schedule/", {"as_of": "2026-13-01"})
    assert response.status_code == 400
    assert "as_of" in response.json()["error"]["fields"]


def test_projects_are_never_deleted_through_the_api(client, dispatcher, project_x):
    client.force_login(dispatcher)
    assert client.delete(f"/api/projects/{project_x.pk}/").status_code == 405
    assert Project.objects.filter(pk=project_x.pk).exists()


def test_project_list_api_query_count_does_not_grow(client, leader, project_x, django_assert_max_num_queries):
    from tests.projects.conftest import build_project

    client.force_login(leader)
    client.get("/api/projects/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/api/projects/")
    for i in range(20):
        build_project(f"项目{i}")
    with django_assert_max_num_queries(len(few)):
        client.get("/api/projects/")
