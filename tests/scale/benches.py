"""Stand-in benchmarks for the harness's tests: one that measures, one whose subject is missing, one that fails."""

import time

from bench.common import alternate, entry, median


def measuring(ctx):
    ours, theirs = alternate(lambda: time.sleep(0.001), lambda: time.sleep(0.002), n=3)
    return {
        "fake_sleep": entry(median_s=median(ours), baseline="a longer sleep", baseline_median_s=median(theirs), n=3)
    }


def missing(ctx):
    ctx.require_module("diaodu.dashboard", "a_function_nobody_wrote")
    raise AssertionError("not reached")


def missing_url(ctx):
    ctx.require_url("a-url-nobody-registered")
    raise AssertionError("not reached")


def failing(ctx):
    ctx.fail("the query counts differ")
    return {"fake_failing": entry(median_s=0.5, baseline="nothing", baseline_median_s=0.25, n=1, queries=7)}


def crashing(ctx):
    raise ZeroDivisionError("a bug in the benchmark")
