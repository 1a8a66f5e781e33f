"""A process killed (SIGKILL) in the middle of a stage change or a portfolio recompute leaves consistent data.

Each runs in a subprocess on a SQLite file and is killed at a pause point inside its transaction (see
diaodu/core/faults.py and tests/crash_harness.py).
"""

import pytest

from ..crash_harness import migrated

SETUP = """
import datetime as dt
from diaodu.org.models import Department, Person
from diaodu.projects.models import Project, ScheduleTemplate
from diaodu.projects.services import project_apply_template
template = ScheduleTemplate.objects.filter(kind="enterprise").first()
department = Department.objects.create(name="经济发展局")
officer = Person.objects.create(name="孙浩", department=department)
for i in range(6):
    project = Project.objects.create(
        name=f"崩溃测试项目{i}", category="industry", construction_type="new", total_investment=10000 + i,
        planned_start=dt.date(2026, 12, 1), responsible_officer=officer, responsible_department=department,
    )
    project_apply_template(project=project, template=template)
print(Project.objects.count())
"""

STEP_COLUMNS = "id, early_start, early_finish, late_start, late_finish, total_float, critical"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    database = migrated(tmp_path_factory.mktemp("crash-base"))
    assert database.python(SETUP).strip() == "6"
    return database


@pytest.fixture
def database(prepared, tmp_path):
    return prepared.copy_to(tmp_path)


def project_state(database):
    return database.rows("SELECT id, stage, actual_start, schedule_as_of FROM projects_project ORDER BY id")


def step_state(database):
    return database.rows(f"SELECT {STEP_COLUMNS}, status FROM projects_step ORDER BY id")


def test_a_stage_change_killed_midway_changes_nothing(database):
    before_projects, before_steps = project_state(database), step_state(database)
    history = database.rows("SELECT COUNT(*) FROM projects_historicalproject")
    code = (
        "import datetime as dt\n"
        "from diaodu.projects.models import Project\n"
        "from diaodu.projects.services import project_change_stage\n"
        "project = Project.objects.order_by('id').first()\n"
        "project_change_stage(project=project, stage='construction', actual_start=dt.date(2026, 11, 2))\n"
    )
    database.kill_at("project_change_stage", "shell", "--no-imports", "-c", code)
    assert project_state(database) == before_projects
    assert step_state(database) == before_steps  # the 开工 step is not marked done without the stage
    assert database.rows("SELECT COUNT(*) FROM projects_historicalproject") == history

    # The same change, not interrupted, does both.
    database.python(code)
    stage, actual_start = database.rows("SELECT stage, actual_start FROM projects_project ORDER BY id LIMIT 1")[0]
    assert (stage, actual_start) == ("construction", "2026-11-02")


def test_a_portfolio_recompute_killed_midway_leaves_each_project_whole(database):
    database.python(
        "import datetime as dt\nfrom diaodu.projects.services import portfolio_recompute_schedules\n"
        "portfolio_recompute_schedules(as_of=dt.date(2026, 3, 2))"
    )
    before_steps = {row[0]: row for row in step_state(database)}
    code = (
        "import datetime as dt\nfrom diaodu.projects.services import portfolio_recompute_schedules\n"
        "portfolio_recompute_schedules(as_of=dt.date(2026, 9, 1), batch_size=2)\n"
    )
    # The second batch pauses (the first has committed): kill it there.
    database.kill_at("portfolio_recompute_schedules", "shell", "--no-imports", "-c", code, DIAODU_PAUSE_SKIP="1")
    projects = database.rows("SELECT id, schedule_as_of FROM projects_project ORDER BY id")
    assert sorted(as_of for _id, as_of in projects) == ["2026-03-02"] * 4 + ["2026-09-01"] * 2  # one batch of two
    recomputed = {pid for pid, as_of in projects if as_of == "2026-09-01"}
    steps = database.rows(f"SELECT {STEP_COLUMNS}, status, project_id FROM projects_step ORDER BY id")
    for row in steps:
        if row[-1] not in recomputed:  # every step of the projects not committed is as it was
            assert row[:-1] == before_steps[row[0]]
    assert any(row[:-1] != before_steps[row[0]] for row in steps if row[-1] in recomputed)
