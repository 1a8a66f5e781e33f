"""Benchmark `scheduling`: a portfolio's schedules (倒排工期) against the `criticalpath` package's plain CPM.

    python -m bench.scheduling [--projects N] [--steps M] [--repeat R] [--seed S]   (alone)
    python -m bench scheduling                                                     (in the harness)

Generates a deterministic random portfolio of project networks (seeded), then times
`compute_schedules` over the whole portfolio and the `criticalpath` package computing the critical
path of the same networks: same durations, same edges. `criticalpath` knows no calendar, no lags, no
statuses and no deadlines: it is the baseline of plain CPM on integers. Its networks are objects that
`update_all()` mutates, so building them is part of its time; our inputs (`StepInput`) are immutable
and are built once, as the app builds them once from the database rows.

Prints the median of R runs for each, our steps per second and the speedup, and writes
`var/bench/scheduling.json`. No database is needed: the calendar is `WorkCalendar()`, the package's.
In the harness, `run(ctx)` gives the same entry (10,000 projects × 20 steps, 5 runs each; tiny when quick).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diaodu.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()

from criticalpath import Node

from bench.common import entry
from diaodu.core.workdays import WorkCalendar
from diaodu.projects.scheduling import CycleError, StepInput, compute_schedule, compute_schedules

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "bench" / "scheduling.json"
AS_OF = dt.date(2026, 3, 2)
GOAL_SPEEDUP = 10.0
GOAL_STEPS_PER_S = 200_000

# One network: durations[i]; preds[i] = [(predecessor index, lag)], predecessors from lower indices only.
Network = tuple[list[int], list[list[tuple[int, int]]]]


def generate_network(rng: random.Random, m: int) -> Network:
    """A procedure network as templates make them: mostly chains, some branches joining at milestones.

    Step 0 is the only step without predecessors and is never a milestone, so both methods agree on
    the project's length (a milestone without predecessors sits on `as_of` in ours, at 0 in theirs).
    """
    durations = [rng.randint(1, 30)]
    preds: list[list[tuple[int, int]]] = [[]]
    for i in range(1, m):
        durations.append(0 if rng.random() < 0.15 else rng.randint(1, 30))
        low = max(0, i - 5)
        chosen = {rng.randrange(low, i)}
        if rng.random() < 0.3:
            chosen.add(rng.randrange(low, i))
        preds.append([(p, rng.choice((0, 0, 0, 1, 2, 5))) for p in sorted(chosen)])
    return durations, preds


def to_step_inputs(rng: random.Random, network: Network, as_of: dt.date) -> list[StepInput]:
    """Our input for a network: the first few steps done or in progress, a target on the last step."""
    durations, preds = network
    m = len(durations)
    done = rng.choice((0, 0, 1, 2, 3))
    steps = []
    day = as_of - dt.timedelta(days=30 * (done + 1))
    for i in range(m):
        status, actual_start, actual_finish, deadline = "not_started", None, None, None
        if i < done:
            status, actual_start = "done", day
            day += dt.timedelta(days=max(durations[i], 1) + 2)
            actual_finish = day
        elif i == done and durations[i] > 0 and rng.random() < 0.5:
            status, actual_start = "in_progress", as_of - dt.timedelta(days=rng.randint(0, 20))
        if i == m - 1:
            deadline = as_of + dt.timedelta(days=rng.randint(120, 500))
        elif rng.random() < 0.1:
            deadline = as_of + dt.timedelta(days=rng.randint(30, 400))
        steps.append(
            StepInput(
                id=i + 1,
                name=f"step {i + 1}",
                duration_days=durations[i],
                status=status,
                predecessors=tuple((p + 1, lag) for p, lag in preds[i]),
                deadline=deadline,
                actual_start=actual_start,
                actual_finish=actual_finish,
            )
        )
    return steps


def criticalpath_length(network: Network) -> int:
    """The baseline: build the package's network and compute its critical path (plain CPM)."""
    durations, preds = network
    project = Node("project")
    nodes = [project.add(Node(i, duration=d)) for i, d in enumerate(durations)]
    for i, step_preds in enumerate(preds):
        for p, _lag in step_preds:
            project.link(nodes[p], nodes[i])
    project.update_all()
    project.get_critical_path()
    return project.duration


def check_same_networks(networks: list[Network], calendar: WorkCalendar, count: int) -> int:
    """Both methods find the same project length on plain networks (no status, lag or deadline)."""
    floor = calendar.workday_number_on_or_after(AS_OF)
    for index, network in enumerate(networks[:count]):
        durations, preds = network
        steps = [
            StepInput(i + 1, f"step {i + 1}", d, predecessors=tuple((p + 1, 0) for p, _lag in preds[i]))
            for i, d in enumerate(durations)
        ]
        schedule = compute_schedule(steps, AS_OF, calendar)
        last = max(calendar.workday_number_on_or_before(s.early_finish) for s in schedule.steps.values())
        ours, theirs = last - floor + 1, criticalpath_length(network)
        if ours != theirs:
            raise SystemExit(f"network {index}: project length {ours} working days here, {theirs} in criticalpath")
    return min(count, len(networks))


def time_runs(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def measure(projects: int, steps: int, repeat: int, seed: int) -> dict:
    """The `scheduling` entry: our portfolio pass against criticalpath on the same networks, runs alternated."""
    calendar = WorkCalendar()
    rng = random.Random(seed)
    networks = [generate_network(rng, steps) for _ in range(projects)]
    portfolio = [(index, to_step_inputs(rng, network, AS_OF)) for index, network in enumerate(networks)]
    total_steps = projects * steps
    checked = check_same_networks(networks, calendar, 500)

    def ours():
        for _key, result in compute_schedules(portfolio, AS_OF, calendar):
            if isinstance(result, CycleError):
                raise result

    def theirs():
        for network in networks:
            criticalpath_length(network)

    ours()  # once untimed, so both sides start warm
    # Alternating runs, so that a burst of load on a shared machine falls on both sides alike.
    ours_times, theirs_times = [], []
    for _ in range(repeat):
        ours_times.extend(time_runs(ours, 1))
        theirs_times.extend(time_runs(theirs, 1))
    ours_median = statistics.median(ours_times)
    theirs_median = statistics.median(theirs_times)
    steps_per_s = total_steps / ours_median
    speedup = theirs_median / ours_median
    return entry(
        median_s=ours_median,
        baseline="criticalpath package, same networks",
        baseline_median_s=theirs_median,
        n=repeat,
        goal=f"≥ {GOAL_SPEEDUP:.0f}× faster, ≥ {GOAL_STEPS_PER_S:,} steps/s",
        goal_met=speedup >= GOAL_SPEEDUP and steps_per_s >= GOAL_STEPS_PER_S,
        steps_per_s=round(steps_per_s),
        speedup=round(speedup, 2),
        projects=projects,
        steps=total_steps,
        checked_networks=checked,
    )


def run(ctx) -> dict:
    if ctx.quick:
        return {"scheduling": measure(projects=200, steps=10, repeat=2, seed=ctx.config.seed)}
    return {"scheduling": measure(projects=10_000, steps=20, repeat=5, seed=ctx.config.seed)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.projects < 1 or args.steps < 1 or args.repeat < 1:
        parser.error("--projects, --steps and --repeat must be at least 1")

    result = {"scheduling": measure(args.projects, args.steps, args.repeat, args.seed)}
    scheduling = result["scheduling"]
    ours_median, theirs_median = scheduling["median_s"], scheduling["baseline_median_s"]
    steps_per_s, speedup, total_steps = scheduling["steps_per_s"], scheduling["speedup"], scheduling["steps"]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print(
        f"Scheduling: {args.projects:,} projects × {args.steps} steps = {total_steps:,} steps, "
        f"median of {args.repeat} runs (seed {args.seed}, as of {AS_OF}; "
        f"{scheduling['checked_networks']} networks checked to give the same project length in both)"
    )
    print()
    print(f"{'':34}{'median s':>10}{'steps/s':>14}")
    print(f"{'diaodu compute_schedules':34}{ours_median:>10.3f}{steps_per_s:>14,.0f}")
    print(f"{'criticalpath (plain CPM, baseline)':34}{theirs_median:>10.3f}{total_steps / theirs_median:>14,.0f}")
    print()
    print(
        f"speedup (criticalpath time / ours): {speedup:.1f}×   goal ≥ {GOAL_SPEEDUP:.0f}×: "
        f"{'met' if speedup >= GOAL_SPEEDUP else 'NOT met'}"
    )
    print(
        f"steps/s: {steps_per_s:,.0f}   goal ≥ {GOAL_STEPS_PER_S:,}: "
        f"{'met' if steps_per_s >= GOAL_STEPS_PER_S else 'NOT met'}"
    )
    print(f"written: {OUTPUT.relative_to(ROOT)}")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
