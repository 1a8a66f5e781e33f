"""What every benchmark shares: the result entry, skipping, timing side by side, and the run's context.

A benchmark is a module with `run(ctx: Context) -> dict[str, dict]`: one or more result entries by name, each
made by `entry()`. It raises `Skip` (or calls `ctx.require_*`) when what it measures is not there yet, and
calls `ctx.fail()` for a result that must fail the run (the run still writes every result first).
"""

from __future__ import annotations

import importlib
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
RESULTS = WORK / "results.json"


class Skip(Exception):
    """What the benchmark measures is not there (yet): the run goes on without it, saying why."""


def entry(
    *, median_s: float, baseline: str, baseline_median_s: float, n: int, goal: str = "", goal_met=None, **extra
) -> dict:
    """One result: our median beside the baseline's, measured in the same run; extra keys as needed."""
    result = {
        "median_s": round(median_s, 6),
        "baseline": baseline,
        "baseline_median_s": round(baseline_median_s, 6),
        "ratio": round(median_s / baseline_median_s, 6) if baseline_median_s else None,
        "n": int(n),
    }
    if goal:
        result["goal"] = goal
        result["goal_met"] = goal_met
    result.update(extra)
    return result


def alternate(ours: Callable[[], object], theirs: Callable[[], object], n: int, warmup: int = 1):
    """Times of `n` runs of each, alternated so that a burst of load on a shared machine falls on both alike."""
    for _ in range(warmup):
        ours()
        theirs()
    ours_times, theirs_times = [], []
    for _ in range(n):
        for function, times in ((ours, ours_times), (theirs, theirs_times)):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return ours_times, theirs_times


def median(times: list[float]) -> float:
    return statistics.median(times)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class Config:
    """How big a run is. `quick` is for the harness's own tests: tiny sizes, a couple of repetitions."""

    full: bool = field(default_factory=lambda: _flag("BENCH_FULL"))
    quick: bool = False
    rebuild: bool = field(default_factory=lambda: _flag("BENCH_REBUILD"))
    seed: int = 2026


class Context:
    """The run's shared state: its configuration, failures, and the databases benchmarks ask for (built once)."""

    def __init__(self, config: Config | None = None, work: Path = WORK):
        self.config = config or Config()
        self.work = work
        self.work.mkdir(parents=True, exist_ok=True)
        self.failures: list[str] = []
        self._databases = None

    @property
    def full(self) -> bool:
        return self.config.full

    @property
    def quick(self) -> bool:
        return self.config.quick

    def fail(self, message: str) -> None:
        """Fail the run (non-zero exit at the end, after the results are written)."""
        self.failures.append(message)

    @property
    def databases(self):
        if self._databases is None:
            from .databases import Databases

            self._databases = Databases(self)
        return self._databases

    def sqlite_database(self, projects: int, years: int = 3) -> str:
        """A DATABASE_URL of a SQLite file in var/bench/ holding the generated zone (reused while current)."""
        return self.databases.sqlite(projects, years)

    def postgres_database(self, projects: int, years: int = 3) -> str:
        """A DATABASE_URL on a throwaway PostgreSQL (scripts/pg.sh) holding the generated data; Skip without one."""
        return self.databases.postgres(projects, years)

    def province_database(self) -> str:
        """The province set (50,000 projects, 5 years of monthly reports) on PostgreSQL: BENCH_FULL=1 only."""
        if not self.full:
            raise Skip("the province set (50,000 projects on PostgreSQL) is built with BENCH_FULL=1")
        return self.postgres_database(50_000, 5)

    def in_django(self, database_url: str, function: str, **kwargs) -> dict:
        """Call `module:function(**kwargs)` in a Django process on that database; its JSON-able result."""
        return self.databases.call(database_url, function, kwargs)

    @staticmethod
    def require_module(name: str, attribute: str | None = None) -> object:
        """The module (or its attribute); Skip when it is not written yet."""
        try:
            module = importlib.import_module(name)
        except ImportError as error:
            raise Skip(f"{name} is not there yet ({error})") from None
        if attribute is None:
            return module
        if not hasattr(module, attribute):
            raise Skip(f"{name}.{attribute} is not there yet")
        return getattr(module, attribute)

    @staticmethod
    def require_url(name: str, *args) -> str:
        """The path of a named URL; Skip when no such URL is registered yet."""
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            raise Skip(f"the URL {name!r} is not there yet") from None

    def close(self) -> None:
        if self._databases is not None:
            self._databases.close()
