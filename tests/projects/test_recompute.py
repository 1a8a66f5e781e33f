"""Stored schedules follow their inputs: step edits, the nightly recompute, a change of the calendar."""

import datetime as dt

import pytest
from django.core.management import call_command

from diaodu.core.models import CalendarDay
from diaodu.projects.models import Step
from diaodu.projects.services import portfolio_recompute_schedules

pytestmark = pytest.mark.django_db


def test_the_nightly_recompute_moves_floats_as_days_pass(project_x):
    portfolio_recompute_schedules(as_of=dt.date(2026, 9, 28))
    project_x.refresh_from_db()
    assert project_x.schedule_min_float == 15
    totals = portfolio_recompute_schedules(as_of=dt.date(2026, 10, 12))
    project_x.refresh_from_db()
    assert project_x.schedule_as_of == dt.date(2026, 10, 12)
    assert project_x.schedule_min_float < 15
    assert totals["projects"] == 1 and totals["steps_changed"] == 3


def test_the_command_prints_what_it_did(project_x, capsys):
    call_command("recompute_schedules", "--as-of", "2026-11-16")
    assert "1 projects" in capsys.readouterr().out
    project_x.refresh_from_db()
    assert project_x.schedule_feasible is False


def test_a_project_with_a_cycle_is_flagged_and_the_others_still_computed(project_x, project_y):
    from diaodu.projects.models import StepDependency

    filing = Step.objects.get(project=project_x, name="项目备案")
    start = Step.objects.get(project=project_x, name="开工")
    StepDependency.objects.create(predecessor=start, successor=filing)
    totals = portfolio_recompute_schedules(as_of=dt.date(2026, 9, 28))
    assert totals["cycles"] == 1
    project_x.refresh_from_db()
    project_y.refresh_from_db()
    assert "前置关系形成循环" in project_x.schedule_error
    assert project_y.schedule_as_of == dt.date(2026, 9, 28)
    assert Step.objects.get(project=project_y).early_start == dt.date(2026, 9, 28)


def test_entering_a_holiday_recomputes_the_stored_schedules(project_x, django_capture_on_commit_callbacks):
    portfolio_recompute_schedules()  # as of today
    before = Step.objects.get(project=project_x, name="开工").early_finish
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=before, kind="holiday", name="测试假日")
    # The portfolio task ran (the immediate backend in tests): the day off pushes the milestone one working day.
    after = Step.objects.get(project=project_x, name="开工").early_finish
    assert after > before
