"""Stored lights: `lights_recompute` keeps each project's light with its reasons and the history of its changes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from diaodu.notify.models import Notification
from diaodu.org.choices import Role
from diaodu.org.models import Area, Department
from diaodu.progress.models import LightChange, ProgressReport, ProjectLight
from diaodu.progress.services import lights_recompute, report_return, report_save_draft, report_submit
from diaodu.projects.models import Project
from tests.conftest import make_user
from tests.projects.conftest import build_project

from .conftest import at_noon

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")


def recompute(project, as_of):
    return lights_recompute(projects=Project.objects.filter(pk=project.pk), as_of=as_of)


def owes_reports_since(project, day: dt.date):
    """Pretend the project entered the registry on `day` (reports are owed from then)."""
    Project.objects.filter(pk=project.pk).update(
        created_at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=BEIJING)
    )
    project.refresh_from_db()


@pytest.fixture
def unstarted(db, project_officer, responsible_leader, department):
    """A reserve project planned to start in March 2026: its light follows the start rule only."""
    return build_project(
        "长春新区供热管网",
        officer=project_officer,
        leader=responsible_leader,
        department=department,
        stage="reserve",
        planned_start=dt.date(2026, 3, 15),
    )


def test_lights_recompute_stores_the_light_with_its_reasons(unstarted):
    totals = recompute(unstarted, dt.date(2026, 4, 2))
    assert totals == {"projects": 1, "changed": 1, "red": 0, "yellow": 1, "green": 0}
    stored = ProjectLight.objects.get(project=unstarted)
    assert stored.light == "yellow"
    assert stored.reasons == [
        {"rule": "start", "light": "yellow", "message": "计划开工月（2026年3月）已过，尚未开工。"}
    ]
    assert stored.as_of == dt.date(2026, 4, 2) and stored.changed_on == dt.date(2026, 4, 2)


def test_a_light_change_is_written_only_when_the_light_changes(unstarted):
    recompute(unstarted, dt.date(2026, 3, 20))
    recompute(unstarted, dt.date(2026, 3, 21))
    first = LightChange.objects.get(project=unstarted)
    assert (first.light, first.previous, first.changed_on) == ("green", "", dt.date(2026, 3, 20))
    assert first.reasons == [{"rule": "start", "light": "green", "message": "计划于2026年3月开工。"}]

    # Time passes: the planned month is over.
    totals = recompute(unstarted, dt.date(2026, 4, 1))
    assert totals["changed"] == 1
    second = LightChange.objects.filter(project=unstarted).first()  # newest first
    assert (second.light, second.previous, second.changed_on) == ("yellow", "green", dt.date(2026, 4, 1))
    assert LightChange.objects.filter(project=unstarted).count() == 2

    # Still yellow a week later: the stored light follows the day, its history does not grow.
    assert recompute(unstarted, dt.date(2026, 4, 8))["changed"] == 0
    stored = ProjectLight.objects.get(project=unstarted)
    assert (stored.light, stored.as_of, stored.changed_on) == ("yellow", dt.date(2026, 4, 8), dt.date(2026, 4, 1))
    assert LightChange.objects.filter(project=unstarted).count() == 2


def test_changing_an_input_writes_a_second_change_with_the_previous_light(unstarted):
    recompute(unstarted, dt.date(2026, 4, 2))
    recompute(unstarted, dt.date(2026, 4, 2))
    assert LightChange.objects.filter(project=unstarted).count() == 1

    unstarted.planned_start = dt.date(2025, 11, 1)  # five months ago
    unstarted.save()
    recompute(unstarted, dt.date(2026, 4, 2))
    changes = list(LightChange.objects.filter(project=unstarted).order_by("id"))
    assert [(c.light, c.previous) for c in changes] == [("yellow", ""), ("red", "yellow")]
    assert changes[1].reasons[0]["message"] == "计划开工月（2025年11月）已过5个月，仍未开工。"
    assert ProjectLight.objects.get(project=unstarted).light == "red"


def test_the_project_page_shows_the_stored_light_with_its_reasons(client, unstarted, project_officer):
    recompute(unstarted, dt.date(2026, 4, 2))
    client.force_login(project_officer)
    page = client.get(f"/projects/{unstarted.pk}/").text
    panel = page.split('data-testid="light-panel"', 1)[1]
    assert "黄灯" in panel and "自 2026-04-02 起" in panel
    assert "计划开工月（2026年3月）已过，尚未开工。" in panel


def test_turning_red_notifies_the_officer_and_the_leader_once(unstarted, project_officer, responsible_leader):
    recompute(unstarted, dt.date(2026, 7, 1))
    recompute(unstarted, dt.date(2026, 7, 2))
    sent = Notification.objects.filter(event="project_red")
    assert sorted(n.recipient.username for n in sent) == sorted([project_officer.username, responsible_leader.username])
    assert all("长春新区供热管网" in n.title and "仍未开工" in n.body for n in sent)


def test_lights_recompute_takes_all_projects_by_default(project_x, project_y):
    totals = lights_recompute(as_of=dt.date(2026, 10, 1))
    assert totals["projects"] == 2
    assert set(ProjectLight.objects.values_list("project_id", flat=True)) == {project_x.pk, project_y.pk}


def test_submitting_the_missing_report_turns_a_reporting_yellow_project_green(
    project_y, other_officer, dispatcher, django_capture_on_commit_callbacks
):
    """Project Y (preparation, no schedule, no planned start) owes a March report, due on the 25th."""
    owes_reports_since(project_y, dt.date(2026, 3, 1))
    with time_machine.travel(at_noon(dt.date(2026, 3, 28))):
        lights_recompute()
        stored = ProjectLight.objects.get(project=project_y)
        assert stored.light == "yellow"
        assert stored.reasons == [
            {"rule": "reporting", "light": "yellow", "message": "2026年3月报告逾期3天未报（截止2026-03-25）。"}
        ]

        report = report_save_draft(project=project_y, user=other_officer, progress_text="完成可研编制")
        with django_capture_on_commit_callbacks(execute=True):
            report_submit(report=report, user=other_officer)
        stored.refresh_from_db()
        assert stored.light == "green"
        assert [(r["rule"], r["light"]) for r in stored.reasons] == [("reporting", "green")]
        assert stored.changed_on == dt.date(2026, 3, 28)
        assert LightChange.objects.filter(project=project_y).first().previous == "yellow"

        # Returned, the report no longer counts: the project is yellow again.
        with django_capture_on_commit_callbacks(execute=True):
            report_return(report=report, user=dispatcher, reason="请补充照片")
        stored.refresh_from_db()
        assert stored.light == "yellow"


def test_a_report_more_than_ten_days_late_is_red_and_the_oldest_missing_period_is_named(project_y, other_officer):
    owes_reports_since(project_y, dt.date(2026, 1, 1))
    with time_machine.travel(at_noon(dt.date(2026, 2, 20))):
        report_submit(
            report=report_save_draft(project=project_y, user=other_officer, progress_text="二月进展"),
            user=other_officer,
        )
    # January was never reported: 26 days late on 2026-02-20.
    recompute(project_y, dt.date(2026, 2, 20))
    stored = ProjectLight.objects.get(project=project_y)
    assert stored.light == "red"
    assert stored.reasons[0]["message"] == "2026年1月报告逾期26天未报（截止2026-01-25）。"
    assert ProgressReport.objects.get().period_start == dt.date(2026, 2, 1)


def test_weekly_reports_are_owed_each_week(project_y, other_officer):
    project_y.reports_weekly = True
    project_y.save()
    owes_reports_since(project_y, dt.date(2026, 3, 2))  # a Monday; weekly reports due on Fridays
    with time_machine.travel(at_noon(dt.date(2026, 3, 6))):
        report_submit(
            report=report_save_draft(project=project_y, user=other_officer, progress_text="第10周"), user=other_officer
        )
    recompute(project_y, dt.date(2026, 3, 10))
    assert ProjectLight.objects.get(project=project_y).light == "green"
    recompute(project_y, dt.date(2026, 3, 14))  # week 11 was due on Friday the 13th
    stored = ProjectLight.objects.get(project=project_y)
    assert stored.light == "yellow"
    assert stored.reasons[0]["message"] == "2026年第11周报告逾期1天未报（截止2026-03-13）。"


# --- the lights page --------------------------------------------------------------------------------


def with_light(
    name,
    light,
    *,
    area=None,
    department=None,
    officer=None,
    leader=None,
    reason="计划开工月（2026年3月）已过，尚未开工。",
):
    project = build_project(name, area=area, department=department, officer=officer, leader=leader)
    ProjectLight.objects.create(
        project=project,
        light=light,
        reasons=[{"rule": "start", "light": light, "message": reason}],
        as_of=dt.date(2026, 4, 2),
        changed_on=dt.date(2026, 4, 2),
    )
    return project


@pytest.fixture
def lit(db, park, department, land_bureau, project_officer):
    west = Area.objects.create(name="西区", kind="park")
    return {
        "red": with_light("红灯项目甲", "red", area=park, department=department, officer=project_officer),
        "red2": with_light("红灯项目乙", "red", area=west, department=land_bureau),
        "yellow": with_light("黄灯项目", "yellow", area=park, department=land_bureau),
        "green": with_light("绿灯项目", "green", area=None, department=department, reason="计划于2026年9月开工。"),
        "west": west,
    }


def count(page, light):
    marker = f'data-testid="count-{light}">'
    return int(page.split(marker, 1)[1].split("<", 1)[0])


def names_in_table(page):
    table = page.split('data-testid="light-table"', 1)[1]
    return {name for name in ("红灯项目甲", "红灯项目乙", "黄灯项目", "绿灯项目") if name in table}


def test_the_lights_page_shows_counts_and_reasons(client, leader, lit):
    client.force_login(leader)
    page = client.get("/progress/lights/")
    assert page.status_code == 200
    assert (count(page.text, "red"), count(page.text, "yellow"), count(page.text, "green")) == (2, 1, 1)
    assert names_in_table(page.text) == {"红灯项目甲", "红灯项目乙", "黄灯项目", "绿灯项目"}
    assert "计划开工月（2026年3月）已过，尚未开工。" in page.text
    assert "计划于2026年9月开工。" not in page.text  # green reasons are not listed
    assert "洁净工业园" in page.text and "西区" in page.text and "自然资源局" in page.text


def test_the_lights_page_filters_by_light_area_and_department(client, leader, lit, park, land_bureau):
    client.force_login(leader)
    assert names_in_table(client.get("/progress/lights/?light=red").text) == {"红灯项目甲", "红灯项目乙"}
    assert names_in_table(client.get("/progress/lights/?light=green").text) == {"绿灯项目"}
    assert names_in_table(client.get(f"/progress/lights/?area={park.pk}").text) == {"红灯项目甲", "黄灯项目"}
    assert names_in_table(client.get("/progress/lights/?area=none").text) == {"绿灯项目"}
    assert names_in_table(client.get(f"/progress/lights/?department={land_bureau.pk}").text) == {
        "红灯项目乙",
        "黄灯项目",
    }
    both = client.get(f"/progress/lights/?light=red&area={lit['west'].pk}").text
    assert names_in_table(both) == {"红灯项目乙"}
    assert "清除筛选" in both
    # A filter that matches nothing says so; a nonsense light is ignored.
    empty = Department.objects.create(name="住建局")
    assert "没有符合条件的项目" in client.get(f"/progress/lights/?department={empty.pk}").text
    assert len(names_in_table(client.get("/progress/lights/?light=purple").text)) == 4


def test_the_lights_page_counts_only_what_the_user_may_see(client, project_officer, lit):
    client.force_login(project_officer)
    page = client.get("/progress/lights/").text
    assert (count(page, "red"), count(page, "yellow"), count(page, "green")) == (1, 0, 0)
    assert names_in_table(page) == {"红灯项目甲"}


def test_the_lights_page_names_projects_that_turned_red_this_week(client, leader, lit):
    today = timezone.localdate()
    LightChange.objects.create(project=lit["red2"], light="red", previous="yellow", changed_on=today)
    LightChange.objects.create(project=lit["red"], light="red", previous="", changed_on=today - dt.timedelta(days=30))
    client.force_login(leader)
    page = client.get("/progress/lights/").text
    turned = page.split('data-testid="turned-red"', 1)[1].split("</div>", 1)[0]
    assert "红灯项目乙" in turned and "红灯项目甲" not in turned


def test_the_lights_page_queries_do_not_grow_with_the_number_of_projects(
    client, leader, department, park, project_officer, responsible_leader
):
    for i in range(3):
        with_light(
            f"项目{i}",
            ("red", "yellow", "green")[i % 3],
            area=park,
            department=department,
            officer=project_officer,
            leader=responsible_leader,
        )
    client.force_login(leader)
    client.get("/progress/lights/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/progress/lights/").status_code == 200
    areas = [Area.objects.create(name=f"片区{i}", kind="park") for i in range(5)]
    departments = [Department.objects.create(name=f"部门{i}") for i in range(5)]
    for i in range(3, 30):
        with_light(
            f"项目{i}",
            ("red", "yellow", "green")[i % 3],
            area=areas[i % 5],
            department=departments[i % 5],
            officer=project_officer,
            leader=make_user(f"leader{i}", roles=[Role.RESPONSIBLE_LEADER], name=f"领导{i}"),
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get("/progress/lights/")
    assert count(page.text, "red") + count(page.text, "yellow") + count(page.text, "green") == 30
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- when reports start to be owed ------------------------------------------------------------------


def test_reports_are_owed_from_the_start_of_the_year(project_y):
    owes_reports_since(project_y, dt.date(2025, 6, 1))
    recompute(project_y, dt.date(2026, 1, 20))
    assert ProjectLight.objects.get(project=project_y).light == "green"  # December 2025 is not looked at
    recompute(project_y, dt.date(2026, 1, 26))
    stored = ProjectLight.objects.get(project=project_y)
    assert stored.light == "yellow"
    assert "2026年1月" in stored.reasons[0]["message"]


def test_a_project_entered_early_on_the_first_of_the_month_owes_no_report_for_the_month_before(project_y):
    entered = dt.datetime(2026, 3, 1, 7, 0, tzinfo=BEIJING)
    Project.objects.filter(pk=project_y.pk).update(created_at=entered)
    project_y.refresh_from_db()
    recompute(project_y, dt.date(2026, 3, 10))
    stored = ProjectLight.objects.get(project=project_y)
    assert stored.light == "green", stored.reasons


def test_a_project_entered_after_the_due_date_is_not_late_for_that_period(project_y):
    owes_reports_since(project_y, dt.date(2026, 3, 28))
    recompute(project_y, dt.date(2026, 3, 29))
    stored = ProjectLight.objects.get(project=project_y)
    assert stored.light == "green", stored.reasons
