"""The bulk `lights_recompute` stores what the former save-per-light path stored, in queries that do not grow."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from diaodu.notify.models import Notification
from diaodu.progress.choices import Light
from diaodu.progress.lights import Thresholds, compute_light
from diaodu.progress.models import LightChange, LightSettings, ProjectLight
from diaodu.progress.selectors import light_inputs
from diaodu.progress.services import _notify, lights_recompute
from diaodu.projects.models import Project
from diaodu.projects.services import portfolio_recompute_schedules
from tests.projects.conftest import build_project

pytestmark = pytest.mark.django_db

APRIL_2 = dt.date(2026, 4, 2)
JULY_1 = dt.date(2026, 7, 1)


def lights_recompute_per_row(*, as_of: dt.date) -> None:
    """The former path, kept as the reference: one save() per light and one create() per change."""
    limits = Thresholds.from_settings(LightSettings.for_year(as_of.year))
    projects = list(Project.objects.select_related("schedule_worst_step").order_by("pk"))
    facts = light_inputs(projects, as_of)
    current = {light.project_id: light for light in ProjectLight.objects.all()}
    turned_red = []
    with transaction.atomic():
        for project in projects:
            result = compute_light(facts[project.pk], limits, as_of)
            reasons = [reason.as_dict() for reason in result.reasons]
            stored = current.get(project.pk)
            previous = stored.light if stored else ""
            if stored is None:
                stored = ProjectLight(project=project, light=result.light, as_of=as_of, changed_on=as_of)
            if previous != result.light:
                stored.changed_on = as_of
                LightChange.objects.create(
                    project=project, light=result.light, previous=previous, reasons=reasons, changed_on=as_of
                )
                if result.light == Light.RED:
                    turned_red.append((project, reasons))
            stored.light, stored.reasons, stored.as_of = result.light, reasons, as_of
            stored.save()
    for project, reasons in turned_red:
        _notify(
            recipients=[project.responsible_officer, project.responsible_leader],
            event="project_red",
            title=f"项目亮红灯：{project.name}",
            body=next((r["message"] for r in reasons if r["light"] == Light.RED), ""),
            url=f"/projects/{project.pk}/",
        )


def stored_state():
    lights = sorted(
        ProjectLight.objects.values_list("project__name", "light", "reasons", "as_of", "changed_on"), key=str
    )
    changes = list(
        LightChange.objects.order_by("id").values_list("project__name", "light", "previous", "reasons", "changed_on")
    )
    sent = sorted(Notification.objects.values_list("recipient__username", "event", "title", "body", "url"))
    return lights, changes, sent


def forget():
    ProjectLight.objects.all().delete()
    LightChange.objects.all().delete()
    Notification.objects.all().delete()


@pytest.fixture
def portfolio(db, project_officer, other_officer, responsible_leader, department):
    """Four projects whose lights move between April and July: green → yellow, yellow → red, green, red → red."""
    build_project("春季开工项目", officer=project_officer, leader=responsible_leader, stage="reserve",
                  planned_start=dt.date(2026, 5, 10))  # fmt: skip
    build_project("三月开工项目", officer=other_officer, leader=responsible_leader, stage="reserve",
                  planned_start=dt.date(2026, 3, 10))  # fmt: skip
    build_project("年底开工项目", officer=project_officer, stage="reserve", planned_start=dt.date(2026, 12, 1))
    build_project("去年开工项目", officer=other_officer, leader=responsible_leader, stage="reserve",
                  planned_start=dt.date(2025, 10, 1))  # fmt: skip
    return Project.objects.order_by("pk")


def test_the_bulk_path_stores_the_same_lights_changes_and_notifications_as_saving_each(portfolio):
    lights_recompute_per_row(as_of=APRIL_2)
    lights_recompute_per_row(as_of=JULY_1)
    expected = stored_state()
    forget()

    lights_recompute(as_of=APRIL_2)
    lights_recompute(as_of=JULY_1)
    lights, changes, sent = stored_state()

    assert (lights, changes, sent) == expected
    # The fixture exercises every branch: new lights, changed ones, unchanged ones, and new reds.
    assert [(name, light, previous) for name, light, previous, _r, _d in changes] == [
        ("春季开工项目", "green", ""),
        ("三月开工项目", "yellow", ""),
        ("年底开工项目", "green", ""),
        ("去年开工项目", "red", ""),
        ("春季开工项目", "yellow", "green"),
        ("三月开工项目", "red", "yellow"),
    ]
    assert {light[0]: light[1] for light in lights} == {
        "春季开工项目": "yellow",
        "三月开工项目": "red",
        "年底开工项目": "green",
        "去年开工项目": "red",
    }
    assert [(title, username) for username, _e, title, _b, _u in sent] == [
        ("项目亮红灯：三月开工项目", "baobao"),
        ("项目亮红灯：去年开工项目", "baobao"),
        ("项目亮红灯：三月开工项目", "officer_y"),
        ("项目亮红灯：去年开工项目", "officer_y"),
    ]


def test_the_bulk_update_stamps_the_computation_time(portfolio):
    lights_recompute(as_of=APRIL_2)
    ProjectLight.objects.update(computed_at=timezone.now() - dt.timedelta(days=3))
    lights_recompute(as_of=APRIL_2)
    ages = [timezone.now() - light.computed_at for light in ProjectLight.objects.all()]
    assert all(age < dt.timedelta(minutes=1) for age in ages)
    assert set(ProjectLight.objects.values_list("changed_on", flat=True)) == {APRIL_2}


def projects_without_reds(count, officer):
    """`count` projects alternating green (start in December) and yellow (start last month, in March)."""
    for i in range(count):
        start = dt.date(2026, 12, 1) if i % 2 else dt.date(2026, 3, 10)
        build_project(f"批量项目{i}", officer=officer, stage="reserve", planned_start=start)


@pytest.mark.parametrize("count", [3, 12])
def test_lights_recompute_runs_the_same_queries_for_3_and_12_projects(
    count, project_officer, django_assert_num_queries
):
    projects_without_reds(count, project_officer)
    # First run: every light is new.
    with django_assert_num_queries(15):
        assert lights_recompute(as_of=APRIL_2)["changed"] == count
    # A day later nothing changes colour: one read of the lights, one update of them all, no change rows.
    with django_assert_num_queries(14):
        assert lights_recompute(as_of=dt.date(2026, 4, 3))["changed"] == 0
    assert ProjectLight.objects.filter(as_of=dt.date(2026, 4, 3)).count() == count


def test_lights_follow_the_date_of_the_schedule_recompute_not_today(project_x):
    """The lights recomputed after the schedules read the same day as the schedules (the nightly's --as-of)."""
    portfolio_recompute_schedules(as_of=dt.date(2026, 10, 12))
    stored = ProjectLight.objects.get(project=project_x)
    assert stored.as_of == dt.date(2026, 10, 12) != timezone.localdate()
    # The fixture's recompute as of 2026-09-28 wrote the first light on that day, not today.
    assert set(LightChange.objects.filter(project=project_x).values_list("changed_on", flat=True)) <= {
        dt.date(2026, 9, 28),
        dt.date(2026, 10, 12),
    }
