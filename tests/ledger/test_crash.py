"""A process killed in the middle of an import leaves the database as it was (one transaction, or nothing).

`manage.py import_ledger` runs in a subprocess on a migrated SQLite file and is killed with SIGKILL at the
pause point after its first batch of 500 projects is written, inside its transaction (see
diaodu/core/faults.py and tests/crash_harness.py).
"""

from ..crash_harness import migrated
from .workbooks import simple_ledger

ROWS = 1200  # three batches of 500


def count(database, table: str) -> int:
    return database.rows(f"SELECT COUNT(*) FROM {table}")[0][0]


def test_a_killed_import_writes_nothing(tmp_path):
    database = migrated(tmp_path)
    database.python(
        "from diaodu.org.models import Person\nfrom diaodu.projects.models import Project\n"
        "Person.objects.create(name='李明')\nProject.objects.create(name='项目00001', total_investment=1)\n"
    )
    rows = [[i, f"项目{i:05d}", "产业", 1000 + i, "2026.3", "李明", f"干部{i % 40}"] for i in range(1, ROWS + 1)]
    header = ["序号", "项目名称", "项目类别", "总投资", "开工时间", "包保领导", "包保干部"]
    ledger = str(simple_ledger(tmp_path / "big.xlsx", rows, header=header))
    before = database.rows("SELECT id, name, total_investment, updated_at FROM projects_project")

    database.kill_at("ledger_import", "import_ledger", ledger)
    assert database.rows("SELECT id, name, total_investment, updated_at FROM projects_project") == before
    assert count(database, "org_person") == 1
    assert count(database, "projects_historicalproject") == 1
    assert count(database, "projects_investmentplan") == 0

    # The same ledger, not interrupted, imports whole: the kill was what kept it out.
    finished = database.manage("import_ledger", ledger)
    assert f"已新增 {ROWS - 1} 个项目，更新 1 个" in finished.stdout
    assert count(database, "projects_project") == ROWS
    assert count(database, "org_person") == 41
    # More than 500 projects: their schedules and lights were recomputed by a task after the commit.
    assert count(database, "progress_projectlight") == ROWS
