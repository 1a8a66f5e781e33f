"""The fast scheduling passes compute exactly what the first, straightforward implementation computed.

`reference_scheduling.py` is that first implementation, kept unchanged as the oracle. Networks come from the
property tests' strategy, in their topological order and shuffled (the fast passes sort only when needed).
"""

import random
from dataclasses import asdict

from hypothesis import given
from hypothesis import strategies as st

from diaodu.projects.scheduling import compute_schedule

from . import reference_scheduling as reference
from .test_scheduling_properties import CALENDAR, bounded, networks


def comparable(schedule) -> dict:
    """Everything but the worst step, whose ties the fast passes break by input order (checked separately)."""
    result = asdict(schedule)
    result.pop("worst_step")
    return result


def check_same(steps, as_of):
    ours = compute_schedule(steps, as_of, CALENDAR)
    theirs = reference.compute_schedule(steps, as_of, CALENDAR)
    assert comparable(ours) == comparable(theirs)
    if theirs.worst_step is None:
        assert ours.worst_step is None
    else:
        # The same least float and the same early finish: the same rank, whichever of equals is named.
        mine, oracle = ours.steps[ours.worst_step], theirs.steps[theirs.worst_step]
        assert (mine.total_float, mine.early_finish) == (oracle.total_float, oracle.early_finish)


@bounded
@given(networks(max_steps=15))
def test_the_fast_passes_agree_with_the_reference_on_ordered_networks(network):
    steps, as_of = network
    check_same(steps, as_of)


@bounded
@given(networks(max_steps=15), st.randoms(use_true_random=False))
def test_the_fast_passes_agree_with_the_reference_on_shuffled_networks(network, rng: random.Random):
    steps, as_of = network
    shuffled = list(steps)
    rng.shuffle(shuffled)
    check_same(shuffled, as_of)


def test_the_worst_step_among_equals_is_the_first_in_the_input():
    import datetime as dt

    from diaodu.projects.scheduling import StepInput

    deadline = dt.date(2026, 6, 30)
    steps = [StepInput(1, "甲", 5, deadline=deadline), StepInput(2, "乙", 5, deadline=deadline)]
    assert compute_schedule(steps, dt.date(2026, 6, 1), CALENDAR).worst_step == 1
    assert compute_schedule(steps[::-1], dt.date(2026, 6, 1), CALENDAR).worst_step == 2
