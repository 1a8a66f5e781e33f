"""A project's network of steps, laid from a schedule template and advanced as far as its stage says.

A template (16 or 18 steps) becomes a network of 10 to 25: procedures that do not apply to a project are
taken out (their successors inherit their predecessors, as `step_delete` does), and the construction phase is
split into the tasks a site reports on. The steps are then done, in progress or not started, with actual dates
on working days that follow their predecessors and lie on or before the day the data is generated for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from diaodu.projects.choices import Stage, StepStatus

from .world import TemplateNode

# Procedures a project may not need: land already state-owned, no separate energy review, and so on.
REMOVABLE = (
    "expropriation",
    "energy_review",
    "eia",
    "property_certificate",
    "land_pre_review",
    "operation",
    "statistics",
    "construction_tender",
    "preliminary_design",
)
# The construction phase as sites report it: (name, kind, working days, usual department).
CONSTRUCTION_TASKS = (
    ("主体结构封顶", "milestone", 0, "建设局"),
    ("二次结构及装饰装修", "task", 60, "建设局"),
    ("设备采购及安装", "task", 60, ""),
    ("室外配套工程", "task", 30, "建设局"),
    ("水电气暖接入", "task", 20, "建设局"),
    ("消防验收", "procedure", 10, "建设局"),
    ("规划核实", "procedure", 10, "自然资源局"),
    ("环保验收", "procedure", 15, "生态环境分局"),
    ("竣工验收备案", "procedure", 5, "建设局"),
)
NOT_STARTED = StepStatus.NOT_STARTED.value
IN_PROGRESS = StepStatus.IN_PROGRESS.value
DONE = StepStatus.DONE.value
PREPARING = frozenset({Stage.PREPARATION, Stage.SUSPENDED, Stage.CANCELLED})
STARTED = frozenset({Stage.CONSTRUCTION, Stage.COMPLETED, Stage.OPERATING})
FINISHED = frozenset({Stage.COMPLETED, Stage.OPERATING})


@dataclass(slots=True)
class Node:
    """One step while it is being laid: predecessors by index, dates as working-day numbers."""

    code: str
    name: str
    kind: str
    procedure_type_id: int | None
    duration: int
    department: str
    is_target: bool = False
    preds: list[int] = field(default_factory=list)
    lags: list[int] = field(default_factory=list)
    status: str = NOT_STARTED
    start: int | None = None  # actual start, working-day number
    finish: int | None = None  # actual finish, working-day number


def lay_network(rng: random.Random, template: list[TemplateNode]) -> list[Node]:
    """10–25 steps from a template, in an order where predecessors come first."""
    wanted = rng.randint(10, 25)
    nodes = [(t.code, t.name, t.kind, t.procedure_type_id, t.duration, t.department, t.is_target) for t in template]
    after = {t.code: list(t.after) for t in template}
    order = [t.code for t in template]
    removable = [code for code in REMOVABLE if code in after]
    rng.shuffle(removable)
    while len(order) > wanted and removable:
        gone = removable.pop()
        order.remove(gone)
        for code in order:
            if gone in after[code]:
                inherited = [p for p in after[gone] if p not in after[code]]
                after[code] = [p for p in after[code] if p != gone] + inherited
    by_code = {spec[0]: spec for spec in nodes}
    extra = min(wanted - len(order), len(CONSTRUCTION_TASKS))
    if extra > 0:
        anchor = "construction" if "construction" in order else order[-1]
        position = order.index(anchor) + 1
        previous = anchor
        for index, (name, kind, days, department) in enumerate(CONSTRUCTION_TASKS[:extra]):
            code = f"task{index}"
            by_code[code] = (code, name, kind, None, days, department, False)
            after[code] = [previous]
            order.insert(position + index, code)
            previous = code
        for code in order[position + extra :]:
            after[code] = [previous if p == anchor else p for p in after[code]]
    index_of = {code: i for i, code in enumerate(order)}
    result = []
    for code in order:
        _code, name, kind, procedure_type_id, days, department, is_target = by_code[code]
        duration = 0 if kind == "milestone" else max(1, round(days * rng.uniform(0.7, 1.5)))
        preds = sorted(index_of[p] for p in after[code])
        lags = [0 if rng.random() < 0.95 else rng.randint(1, 5) for _ in preds]
        result.append(Node(code, name, kind, procedure_type_id, duration, department, is_target, preds, lags))
    return result


def target_index(nodes: list[Node]) -> int:
    """The 开工 milestone (the template's target), or the last step before the construction phase."""
    for i, node in enumerate(nodes):
        if node.is_target:
            return i
    return max(0, len(nodes) // 2)


def _lay(nodes: list[Node], indexes: list[int]) -> None:
    """Relative actual dates for the given steps (in order), each after its laid predecessors, from day 0."""
    for i in indexes:
        node = nodes[i]
        gap = 0 if node.duration == 0 else 1  # a milestone falls on the day its last predecessor finishes
        start = max((nodes[p].finish + gap + lag for p, lag in zip(node.preds, node.lags, strict=True)), default=0)
        node.start = start
        node.finish = start if node.duration == 0 else start + node.duration - 1


def _shift(nodes: list[Node], indexes: list[int], by: int) -> None:
    for i in indexes:
        nodes[i].start += by
        nodes[i].finish += by


def advance(rng: random.Random, nodes: list[Node], stage: str, today: int, start_day: int | None) -> int | None:
    """Mark steps done or in progress as the stage says; returns the 开工 day (working-day number) if started.

    `today` is the working-day number of the generation date (the last working day on or before it);
    `start_day`, for a started project, the working day on which it started.
    """
    target = target_index(nodes)
    if stage in (Stage.CONCEIVED, Stage.RESERVE):
        if stage == Stage.RESERVE and rng.random() < 0.3:
            nodes[0].status, nodes[0].start = IN_PROGRESS, today - rng.randint(0, 30)
        return None
    if stage in PREPARING:
        done = list(range(rng.randint(1, max(1, target))))
        _lay(nodes, done)
        last = max(nodes[i].finish for i in done)
        _shift(nodes, done, today - rng.randint(1, 40) - last)
        for i in done:
            nodes[i].status = DONE
        ready = [
            i
            for i in range(len(done), target)
            if nodes[i].duration > 0 and all(nodes[p].status == DONE for p in nodes[i].preds)
        ]
        for i in ready[: rng.randint(0, 2)]:
            latest = max((nodes[p].finish for p in nodes[i].preds), default=today - 30)
            nodes[i].status, nodes[i].start = IN_PROGRESS, min(today, latest + 1 + rng.randint(0, 10))
        return None
    # Started: everything before 开工 is done, 开工 on the start day, the construction phase as far as time allows.
    before_start = list(range(target + 1))
    _lay(nodes, before_start)
    _shift(nodes, before_start, start_day - nodes[target].finish)
    for i in before_start:
        nodes[i].status = DONE
    after_start = list(range(target + 1, len(nodes)))
    _lay(nodes, after_start)
    finished = stage in FINISHED
    if finished:
        # A finished project: its whole network lies in the past, 开工 included.
        last = max(nodes[i].finish for i in after_start) if after_start else nodes[target].finish
        overshoot = max(0, last - (today - rng.randint(5, 60)))
        _shift(nodes, list(range(len(nodes))), -overshoot)
    for i in after_start:
        node = nodes[i]
        if node.code == "operation" and stage != Stage.OPERATING:
            node.start = node.finish = None
            continue
        closing = node.code in ("acceptance", "operation")
        # One project in ten is slow to enter the statistics (入库纳统): that step still open, its light on.
        closing = closing or (node.code == "statistics" and rng.random() < 0.1)
        if finished or (node.finish < today and not closing):
            node.status = DONE
        elif node.start <= today and all(nodes[p].status == DONE for p in node.preds) and node.duration > 0:
            node.status = IN_PROGRESS
            node.finish = None
        else:
            node.start = node.finish = None
    return nodes[target].finish
