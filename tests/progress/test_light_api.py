"""A project's light through the API, and the dispatch office's thresholds page."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from diaodu.progress.models import LightChange, LightSettings, ProjectLight
from diaodu.progress.services import lights_recompute, project_light
from diaodu.projects.models import Project
from tests.projects.conftest import build_project

from .conftest import at_noon

pytestmark = pytest.mark.django_db

RULES = {"investment", "start", "schedule", "statistics", "reporting", "issues"}


def light_url(project, as_of=None):
    url = f"/api/projects/{project.pk}/light/"
    return url if as_of is None else f"{url}?as_of={as_of}"


def assert_light_shape(body):
    assert set(body) == {"light", "reasons"}
    assert body["light"] in {"green", "yellow", "red"}
    for reason in body["reasons"]:
        assert set(reason) == {"rule", "light", "message"}
        assert reason["rule"] in RULES
        assert reason["light"] in {"green", "yellow", "red"}
        assert reason["message"]


def test_the_light_api_answers_the_light_and_every_reason(client, project_x, project_officer):
    client.force_login(project_officer)
    response = client.get(light_url(project_x, "2026-10-01"))
    assert response.status_code == 200
    body = response.json()
    assert_light_shape(body)
    assert {"rule": "start", "light": "green", "message": "计划于2026年11月开工。"} in body["reasons"]
    assert {"rule": "schedule", "light": "green", "message": "工期可实现，最小浮动时间15个工作日。"} in body["reasons"]
    project_x.refresh_from_db()  # the stored schedule
    assert body == project_light(project=project_x, as_of=dt.date(2026, 10, 1)).as_dict()


def test_the_light_api_computes_as_of_the_given_day(client, project_x, project_officer):
    client.force_login(project_officer)
    # By March 2027 the planned start (November 2026) is 4 months past and the 开工 step's deadline is overdue.
    body = client.get(light_url(project_x, "2027-03-01")).json()
    assert_light_shape(body)
    assert body["light"] == "red"
    by_rule = {reason["rule"]: reason for reason in body["reasons"]}
    assert by_rule["start"] == {
        "rule": "start",
        "light": "red",
        "message": "计划开工月（2026年11月）已过4个月，仍未开工。",
    }
    assert by_rule["schedule"]["light"] == "red" and "“开工”" in by_rule["schedule"]["message"]


def test_the_light_api_defaults_to_today(client, project_x, project_officer):
    client.force_login(project_officer)
    with time_machine.travel(at_noon(dt.date(2026, 10, 1))):
        assert client.get(light_url(project_x)).json() == client.get(light_url(project_x, "2026-10-01")).json()


def test_the_light_api_reads_the_years_thresholds(client, project_x, project_officer):
    Project.objects.filter(pk=project_x.pk).update(schedule_min_float=7)
    client.force_login(project_officer)
    before = {r["rule"]: r["light"] for r in client.get(light_url(project_x, "2026-10-01")).json()["reasons"]}
    assert before["schedule"] == "yellow"
    LightSettings.objects.create(year=2026, float_yellow_days=5)
    after = {r["rule"]: r["light"] for r in client.get(light_url(project_x, "2026-10-01")).json()["reasons"]}
    assert after["schedule"] == "green"
    # Another year's thresholds do not apply.
    assert {r["rule"]: r["light"] for r in client.get(light_url(project_x, "2025-10-01")).json()["reasons"]}[
        "schedule"
    ] == "yellow"


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026-02-30", "1999-12-31", "2101-01-01"])
def test_a_bad_as_of_is_answered_400_in_the_api_error_shape(client, project_x, project_officer, bad):
    client.force_login(project_officer)
    response = client.get(light_url(project_x, bad))
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == 400
    assert body["error"]["code"] == "invalid"
    assert body["error"]["message"]
    assert list(body["error"]["fields"]) == ["as_of"]


def test_another_officer_gets_404_for_the_light(client, project_x, other_officer):
    client.force_login(other_officer)
    response = client.get(light_url(project_x, "2026-10-01"))
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_an_unknown_project_is_404(client, leader):
    client.force_login(leader)
    assert client.get("/api/projects/999999/light/").status_code == 404


def test_anonymous_gets_401_and_a_login_without_a_role_403(client, project_x, outsider):
    response = client.get(light_url(project_x, "2026-10-01"))
    assert response.status_code == 401
    assert "WWW-Authenticate" in response
    assert response.json()["error"]["status"] == 401
    client.force_login(outsider)
    assert client.get(light_url(project_x, "2026-10-01")).status_code == 403


def test_the_light_api_is_read_only(client, project_x, dispatcher):
    client.force_login(dispatcher)
    response = client.post(light_url(project_x), {"light": "green"}, content_type="application/json")
    assert response.status_code in (403, 405)


# --- the thresholds page ----------------------------------------------------------------------------


def settings_form(**changes):
    values = {
        "investment_yellow_gap": "10",
        "investment_red_gap": "30",
        "start_red_months": "3",
        "float_yellow_days": "10",
        "statistics_min_investment": "500",
        "statistics_yellow_months": "1",
        "statistics_red_months": "2",
        "report_red_days": "10",
        "monthly_due_day": "25",
        "weekly_due_weekday": "4",
    }
    values.update({key: str(value) for key, value in changes.items()})
    return values


def test_the_thresholds_page_is_refused_to_an_officer(client, project_officer):
    client.force_login(project_officer)
    assert client.get("/progress/settings/").status_code == 403
    assert client.post("/progress/settings/", settings_form(float_yellow_days=5)).status_code == 403
    assert client.get("/progress/settings/2027/").status_code == 403
    assert not LightSettings.objects.exists()


def test_the_thresholds_page_is_refused_to_a_leader(client, leader):
    client.force_login(leader)
    assert client.post("/progress/settings/", settings_form(float_yellow_days=5)).status_code == 403
    assert not LightSettings.objects.exists()


def test_the_thresholds_page_shows_the_defaults_before_they_are_set(client, dispatcher):
    client.force_login(dispatcher)
    with time_machine.travel(at_noon(dt.date(2026, 10, 1))):
        page = client.get("/progress/settings/")
    assert page.status_code == 200
    assert "2026年亮灯规则" in page.text
    assert "本年度尚未设置" in page.text
    assert 'name="float_yellow_days" value="10"' in page.text


def test_the_dispatch_office_saves_thresholds_and_the_lights_follow(client, dispatcher, project_officer):
    """A reserve project with 7 working days of float: yellow by default, green once yellow starts below 5."""
    project = build_project("长春新区供热管网", officer=project_officer, stage="reserve")
    Project.objects.filter(pk=project.pk).update(schedule_min_float=7)
    client.force_login(dispatcher)
    with time_machine.travel(at_noon(dt.date(2026, 10, 1))):
        lights_recompute()
        assert ProjectLight.objects.get(project=project).light == "yellow"

        response = client.post("/progress/settings/", settings_form(float_yellow_days=5, report_red_days=7))
        assert response.status_code == 302
        assert response["Location"] == "/progress/settings/2026/"
        saved = LightSettings.objects.get(year=2026)
        assert (saved.float_yellow_days, saved.report_red_days) == (5, 7)
        assert saved.investment_red_gap == Decimal(30)

        stored = ProjectLight.objects.get(project=project)
        assert stored.light == "green"
        assert stored.reasons == [
            {"rule": "schedule", "light": "green", "message": "工期可实现，最小浮动时间7个工作日。"}
        ]
        change = LightChange.objects.filter(project=project).first()
        assert (change.light, change.previous, change.changed_on) == ("green", "yellow", dt.date(2026, 10, 1))

        page = client.get(response["Location"])
        assert "全部项目已重新亮灯" in page.text
        assert "本年度尚未设置" not in page.text
        assert 'name="float_yellow_days" value="5"' in page.text


def test_invalid_thresholds_are_refused_with_the_form(client, dispatcher):
    client.force_login(dispatcher)
    response = client.post("/progress/settings/", settings_form(monthly_due_day=32, weekly_due_weekday=7))
    assert response.status_code == 200
    assert "invalid-feedback" in response.text
    assert not LightSettings.objects.exists()


def test_thresholds_of_another_year_leave_this_years_alone(client, dispatcher):
    client.force_login(dispatcher)
    with time_machine.travel(at_noon(dt.date(2026, 10, 1))):
        response = client.post("/progress/settings/2027/", settings_form(float_yellow_days=3))
    assert response.status_code == 302
    assert list(LightSettings.objects.values_list("year", "float_yellow_days")) == [(2027, 3)]
    assert LightSettings.for_year(2026).float_yellow_days == 10
    assert LightSettings.for_year(2026).pk is None


def test_a_yellow_gap_above_the_red_gap_is_refused(client, dispatcher):
    client.force_login(dispatcher)
    response = client.post("/progress/settings/", settings_form(investment_yellow_gap=40, investment_red_gap=30))
    assert response.status_code == 200
    assert not LightSettings.objects.exists()
