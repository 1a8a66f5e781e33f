"""Benchmark `import_10k`: importing a 10,000-row ledger (台账) into an empty registry.

The ledger is written once into var/bench/ by the ledger app's own writer (`projects.exports.ledger_workbook`, the
layout the registry exports), 10,000 projects with a name, code, category, construction type, owner, scope,
amounts, dates and their leader, officer and department (a few dozen of each, created by the import). Each run
imports it with `ledger.services.ledger_import(dry_run=False)` into a fresh copy of the migrated SQLite file
(var/bench/migrated.sqlite3, empty: every row is a new project), in a Django process with
TASKS_BACKEND=database: the schedules and lights of a >500-project import are recomputed by a background task
after the commit, which only enqueues here (its run is not timed) — the import service is what is measured,
reading, comparing, and writing with history, in its transaction. Each run is checked to have created every
project; after the timed runs the last run's database is checked (untimed) to hold 10,000 projects and plans
with a "+" history row each and the enqueued recompute — an import that skipped any of it would not count.
The times of every run are recorded beside the medians.

The baseline is openpyxl's own read-only pass over the same file: `load_workbook(read_only=True)` and every
row's values. Goal: ≤ 3× that (recorded, never failing the run).
"""

from __future__ import annotations

import shutil

from .common import alternate, entry, median

ROWS = 10_000
MAX_RATIO = 3.0
BASELINE = "openpyxl load_workbook(read_only=True), every row's values, same file"


def run(ctx) -> dict:
    rows = 300 if ctx.quick else ROWS
    repeat = 2 if ctx.quick else 3
    ctx.sqlite_database(200 if ctx.quick else 2000, years=1 if ctx.quick else 3)  # builds migrated.sqlite3
    template = ctx.work / "migrated.sqlite3"
    target = ctx.work / "import-run.sqlite3"
    ledger = ctx.work / f"ledger-{rows}.xlsx"
    shutil.copyfile(template, target)
    m = ctx.in_django(
        f"sqlite:///{target}",
        "bench.import_ledger:measure",
        rows=rows,
        repeat=repeat,
        ledger=str(ledger),
        template=str(template),
        target=str(target),
    )
    for suffix in ("", "-wal", "-shm", "-journal"):
        (ctx.work / f"import-run.sqlite3{suffix}").unlink(missing_ok=True)
    ratio = m["median_s"] / m["baseline_median_s"]
    return {
        f"import_{rows // 1000}k": entry(
            median_s=m["median_s"],
            baseline=BASELINE,
            baseline_median_s=m["baseline_median_s"],
            n=repeat,
            goal=f"ratio ≤ {MAX_RATIO:g}",
            goal_met=ratio <= MAX_RATIO,
            rows=rows,
            created=m["created"],
            tasks_backend="database (recompute enqueued after commit, not run)",
            times_s=m["times_s"],
            baseline_times_s=m["baseline_times_s"],
            written=m["written"],
            bytes=m["bytes"],
        )
    }


# --- in the Django process ------------------------------------------------------------------------------


def _write_ledger(path, rows: int) -> None:
    import datetime as dt
    import random
    from decimal import Decimal

    from django.utils import translation

    from diaodu.projects.exports import ledger_workbook

    rng = random.Random(2026)
    year = dt.date.today().year
    categories, kinds = ["产业", "基础设施", "社会事业"], ["新建", "续建", "扩建"]
    people = [f"领导{n:02d}" for n in range(20)]
    officers = [f"干部{n:02d}" for n in range(60)]
    departments = [f"责任局{n:02d}" for n in range(15)]

    def row(n: int) -> dict:
        start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
        total = Decimal(rng.randrange(1_000, 500_000))
        return {
            "name": f"基准项目{n:05d}号工程",
            "code": f"2604-320100-04-01-{n:06d}",
            "category": rng.choice(categories),
            "construction_type": rng.choice(kinds),
            "owner": f"基准建设单位{n % 400:03d}有限公司",
            "scope": f"新建厂房{rng.randrange(1, 20)}万平方米",
            "total_investment": total,
            "annual_plan": (total / 4).quantize(Decimal("0.01")),
            "completed": Decimal(0),
            "planned_start": start,
            "planned_completion": start + dt.timedelta(days=rng.randrange(200, 900)),
            "leader": rng.choice(people),
            "officer": rng.choice(officers),
            "department": rng.choice(departments),
        }

    with translation.override("zh-hans"):
        content = ledger_workbook((row(n) for n in range(1, rows + 1)), year=year, title=f"{year}年重点项目台账")
    path.write_bytes(content)


def measure(rows: int, repeat: int, ledger: str, template: str, target: str) -> dict:
    from pathlib import Path

    from django.db import connection
    from django.test.utils import override_settings
    from openpyxl import load_workbook

    from diaodu.ledger.services import ledger_import

    ledger_path = Path(ledger)
    if not ledger_path.exists():
        _write_ledger(ledger_path, rows)
    created = []

    def ours():
        # An empty registry each run: a fresh copy of the migrated file under the open connection's path.
        connection.close()
        shutil.copyfile(template, target)
        result = ledger_import(workbook_path_or_file=str(ledger_path), dry_run=False)
        if result.errors or result.created != rows:
            raise RuntimeError(f"import: {result.created} created, errors {result.errors[:3]}")
        created.append(result.created)

    def theirs():
        book = load_workbook(ledger_path, read_only=True)
        count = sum(1 for _row in book.active.iter_rows(values_only=True))
        book.close()
        return count

    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=backend):
        times, base = alternate(ours, theirs, repeat, warmup=0)
        written = _written(rows)  # the last run's database: what the timed import left, checked untimed
    connection.close()
    return {
        "median_s": median(times),
        "baseline_median_s": median(base),
        "times_s": [round(t, 3) for t in times],
        "baseline_times_s": [round(t, 3) for t in base],
        "created": created[-1],
        "written": written,
        "bytes": ledger_path.stat().st_size,
    }


def _written(rows: int) -> dict:
    """What the import must have written, or the figure means nothing: the projects and plans with a history row
    each, and the recompute enqueued for after the commit (not run)."""
    from django_tasks_db.models import DBTaskResult

    from diaodu.projects.models import InvestmentPlan, Project

    written = {
        "projects": Project.objects.count(),
        "project_history": Project.history.filter(history_type="+").count(),
        "plans": InvestmentPlan.objects.count(),
        "plan_history": InvestmentPlan.history.filter(history_type="+").count(),
        "recompute_tasks_enqueued": DBTaskResult.objects.count(),
    }
    expected = {"projects": rows, "project_history": rows, "plans": rows, "plan_history": rows}
    if any(written[key] != value for key, value in expected.items()) or not written["recompute_tasks_enqueued"]:
        raise RuntimeError(f"the import did not write what it should: {written}")
    return written
