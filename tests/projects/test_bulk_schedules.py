"""The portfolio recompute writes its rows with one UPDATE … FROM (VALUES …) per batch, storing what it computed."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diaodu.projects import bulk
from diaodu.projects.models import Project, Step, StepDependency
from diaodu.projects.services import SCHEDULE_FIELDS, portfolio_recompute_schedules, project_schedule
from diaodu.projects.signals import schedules_recomputed

pytestmark = pytest.mark.django_db

OCTOBER_12 = dt.date(2026, 10, 12)


@pytest.fixture
def portfolio(project_x, project_y):
    """Project X (three linked steps), project Y (one step) and a project whose network is a cycle."""
    looped = Project.objects.create(name="循环项目", total_investment=100)
    first = Step.objects.create(project=looped, name="甲", duration_days=3)
    second = Step.objects.create(project=looped, name="乙", duration_days=4)
    StepDependency.objects.create(predecessor=first, successor=second)
    StepDependency.objects.create(predecessor=second, successor=first)
    return [project_x, project_y, looped]


def stored():
    steps = sorted(Step.objects.values_list("id", *SCHEDULE_FIELDS))
    projects = sorted(
        Project.objects.values_list(
            "id", "schedule_as_of", "schedule_feasible", "schedule_min_float", "schedule_worst_step", "schedule_error"
        )
    )
    return steps, projects


def test_stored_schedules_are_the_ones_computed_for_each_project(portfolio):
    project_x, project_y, looped = portfolio
    totals = portfolio_recompute_schedules(as_of=OCTOBER_12)
    assert (totals["projects"], totals["cycles"]) == (3, 1)
    for project in (project_x, project_y):
        schedule = project_schedule(project=project, as_of=OCTOBER_12)
        for step in Step.objects.filter(project=project):
            computed = schedule.steps[step.pk]
            assert [getattr(step, name) for name in SCHEDULE_FIELDS] == [
                getattr(computed, name) for name in SCHEDULE_FIELDS
            ]
        project.refresh_from_db()
        assert (project.schedule_as_of, project.schedule_min_float, project.schedule_worst_step_id) == (
            OCTOBER_12,
            schedule.min_float,
            schedule.worst_step,
        )
    looped.refresh_from_db()
    assert looped.schedule_feasible is False and looped.schedule_worst_step_id is None
    assert "前置关系形成循环" in looped.schedule_error


def test_the_values_update_stores_exactly_what_bulk_update_stores(portfolio, monkeypatch):
    """Both paths from the same starting rows; the fallback is Django's bulk_update (an SQLite before 3.33)."""
    assert bulk.supports_update_from(connection)
    portfolio_recompute_schedules(as_of=dt.date(2026, 9, 28))
    portfolio_recompute_schedules(as_of=OCTOBER_12)
    with_values = stored()

    portfolio_recompute_schedules(as_of=dt.date(2026, 9, 28))
    monkeypatch.setattr(bulk, "supports_update_from", lambda connection: False)
    portfolio_recompute_schedules(as_of=OCTOBER_12)
    assert stored() == with_values
    # Project X's floats moved between the two days: the comparison covers changed rows, not only unchanged ones.
    assert Project.objects.get(pk=portfolio[0].pk).schedule_min_float < 15


def test_one_update_statement_per_table_per_batch(portfolio):
    portfolio_recompute_schedules(as_of=dt.date(2026, 9, 28))
    with CaptureQueriesContext(connection) as captured:
        portfolio_recompute_schedules(as_of=OCTOBER_12, batch_size=1000)
    updates = [q["sql"] for q in captured if q["sql"].lstrip().startswith("WITH v")]
    assert sum('UPDATE "projects_step"' in sql for sql in updates) == 1
    assert sum('UPDATE "projects_project"' in sql for sql in updates) == 1
    assert not [q for q in captured if "CASE WHEN" in q["sql"]]


def test_update_rows_writes_nulls_and_leaves_other_columns_alone(project_x):
    steps = list(Step.objects.filter(project=project_x).order_by("sort_order"))
    names = [step.name for step in steps]
    for step in steps:
        step.name = "不应写入"
        step.total_float, step.critical, step.late_finish = None, False, dt.date(2027, 1, 4)
    assert bulk.update_rows(Step, steps, ["total_float", "critical", "late_finish"]) == 3
    rows = list(Step.objects.filter(project=project_x).order_by("sort_order").values_list(
        "name", "total_float", "critical", "late_finish"
    ))  # fmt: skip
    assert rows == [(name, None, False, dt.date(2027, 1, 4)) for name in names]
    assert bulk.update_rows(Step, [], ["total_float"]) == 0


def test_the_signal_carries_the_date_of_the_recompute(project_x):
    received = []

    def receiver(project_ids, as_of=None, **kwargs):
        received.append((list(project_ids), as_of))

    schedules_recomputed.connect(receiver)
    try:
        portfolio_recompute_schedules(as_of=OCTOBER_12)
    finally:
        schedules_recomputed.disconnect(receiver)
    assert received == [([project_x.pk], OCTOBER_12)]
