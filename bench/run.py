"""The benchmark harness: `make bench` = `python -m bench [NAME …]`.

Runs every benchmark of BENCHMARKS (or the ones named), prints a table and writes `var/bench/results.json` as
`{"<name>": {"median_s", "baseline", "baseline_median_s", "ratio", "n", …extra}}`. Each benchmark is measured
beside its baseline in the same run (runs alternated: the machines are noisy).

Adding a benchmark is one module `bench/<name>.py` with `run(ctx) -> dict[str, dict]` (entries made by
`bench.common.entry`) and one line below. A module raises `bench.common.Skip` (or uses `ctx.require_module`,
`ctx.require_url`, `ctx.province_database`) when what it measures is not there yet: the run says so and goes on.
`ctx.fail(message)` fails the run: the exit status is 1, after every result has been written. A benchmark
that raises anything else fails the run too, and the others still run.

Environment: BENCH_FULL=1 also builds the province set (50,000 projects on PostgreSQL) and loads the server
harder; BENCH_REBUILD=1 rebuilds the generated databases; BENCH_AS_OF=YYYY-MM-DD fixes the data's date.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .common import RESULTS, Config, Context, Skip

# Module paths (each module's `run`; "module:function" for another function), run in this order.
BENCHMARKS = [
    "bench.scheduling",
    "bench.project_list",
    "bench.cockpit",
    "bench.import_ledger",
    "bench.bulletin",
    "bench.http_load",
]


@dataclass
class Outcome:
    results: dict[str, dict] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_status(self) -> int:
        return 1 if self.failures else 0


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diaodu.settings")
    if not os.environ.get("SECRET_KEY"):
        from .databases import SECRET_KEY

        os.environ["SECRET_KEY"] = SECRET_KEY
    import django

    django.setup()


def run_benchmarks(
    modules: list[str] | None = None, *, config: Config | None = None, output: Path = RESULTS, say=print
) -> Outcome:
    """Run the benchmarks, write the results (those that ran) to `output`, and return what happened."""
    setup_django()
    ctx = Context(config)
    outcome = Outcome()
    try:
        for name in modules or BENCHMARKS:
            module_name, _colon, function = name.partition(":")
            short = function or module_name.rsplit(".", 1)[-1]
            say(f"── {short}")
            started = time.perf_counter()
            try:
                entries = getattr(importlib.import_module(module_name), function or "run")(ctx)
            except Skip as reason:
                outcome.skipped[short] = str(reason)
                say(f"   skipped: {reason}")
            except Exception:
                outcome.failures.append(f"{short}: {traceback.format_exc(limit=8)}")
                say(f"   FAILED:\n{traceback.format_exc()}")
            else:
                outcome.results.update(entries)
            outcome.seconds[short] = round(time.perf_counter() - started, 1)
    finally:
        ctx.close()
    outcome.failures.extend(ctx.failures)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(outcome.results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return outcome


def _seconds(value) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def table(outcome: Outcome) -> str:
    """The results as a text table: name, median, baseline, its median, ratio, n, goal."""
    rows = [("benchmark", "median", "baseline", "baseline median", "ratio", "n", "goal")]
    for name, result in outcome.results.items():
        goal = result.get("goal", "")
        if goal:
            goal = f"{'met' if result.get('goal_met') else 'NOT met'}: {goal}"
        ratio = result.get("ratio")
        rows.append(
            (
                name,
                _seconds(result["median_s"]),
                result["baseline"],
                _seconds(result["baseline_median_s"]),
                "—" if ratio is None else f"{ratio:.2f}×",
                str(result["n"]),
                goal,
            )
        )
    for name, reason in outcome.skipped.items():
        rows.append((name, "skipped", reason, "", "", "", ""))
    widths = [min(max(len(row[i]) for row in rows), 60) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell[:60].ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Diaodu's benchmarks, each beside its baseline."
    )
    parser.add_argument(
        "names",
        nargs="*",
        help="benchmarks to run (default: all): " + ", ".join(name.rsplit(".", 1)[-1] for name in BENCHMARKS),
    )
    args = parser.parse_args(argv)
    known = {name.rsplit(".", 1)[-1]: name for name in BENCHMARKS}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(known)}")
    started = time.perf_counter()
    outcome = run_benchmarks([known[name] for name in args.names] or None)
    print()
    print(table(outcome))
    print()
    print(f"written: {RESULTS}  ({time.perf_counter() - started:.0f} s)")
    for failure in outcome.failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return outcome.exit_status
