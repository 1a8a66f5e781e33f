"""The benchmark harness: results.json in the exact format, skips, failures, and the query-count rule."""

import json

import pytest

from bench.common import Config
from bench.run import run_benchmarks, table

REQUIRED = {"median_s": float, "baseline": str, "baseline_median_s": float, "ratio": float, "n": int}
BENCHES = "tests.scale.benches"


def run(tmp_path, *names):
    output = tmp_path / "results.json"
    outcome = run_benchmarks(list(names), config=Config(quick=True), output=output, say=lambda line: None)
    return outcome, json.loads(output.read_text(encoding="utf-8"))


def test_results_json_has_one_entry_per_benchmark_in_the_exact_format(tmp_path):
    outcome, results = run(tmp_path, "bench.scheduling", f"{BENCHES}:measuring")
    assert outcome.exit_status == 0
    assert list(results) == ["scheduling", "fake_sleep"]
    for result in results.values():
        assert list(result)[:5] == list(REQUIRED)
        for key, kind in REQUIRED.items():
            assert type(result[key]) is kind, (key, result[key])
        assert result["ratio"] == pytest.approx(result["median_s"] / result["baseline_median_s"], rel=1e-3)
    scheduling = results["scheduling"]
    assert scheduling["baseline"] == "criticalpath package, same networks"
    assert scheduling["n"] == 2 and scheduling["steps"] == 200 * 10
    assert scheduling["goal_met"] in (True, False) and scheduling["steps_per_s"] > 0
    assert 0.001 <= results["fake_sleep"]["median_s"] < results["fake_sleep"]["baseline_median_s"]


def test_a_benchmark_whose_subject_is_missing_is_skipped_with_its_reason(tmp_path):
    outcome, results = run(tmp_path, f"{BENCHES}:missing", f"{BENCHES}:missing_url", f"{BENCHES}:measuring")
    assert outcome.exit_status == 0
    assert list(results) == ["fake_sleep"]
    assert "a_function_nobody_wrote" in outcome.skipped["missing"]
    assert "a-url-nobody-registered" in outcome.skipped["missing_url"]
    assert "skipped" in table(outcome)


def test_a_failure_fails_the_run_after_every_result_is_written(tmp_path):
    outcome, results = run(tmp_path, f"{BENCHES}:failing", f"{BENCHES}:crashing", f"{BENCHES}:measuring")
    assert outcome.exit_status == 1
    assert list(results) == ["fake_failing", "fake_sleep"]
    assert results["fake_failing"]["queries"] == 7 and results["fake_failing"]["ratio"] == 2.0
    assert outcome.failures[0].startswith("crashing: ") and "ZeroDivisionError" in outcome.failures[0]
    assert outcome.failures[1] == "the query counts differ"


class FakeContext:
    """Answers project_list's questions with canned measurements instead of building databases."""

    quick = True

    def __init__(self, queries):
        self.queries = queries  # database → (page queries, api queries)
        self.failures = []

    def sqlite_database(self, projects, years):
        return f"sqlite:///{projects}"

    def in_django(self, url, function, **kwargs):
        page, api = self.queries[url]
        measured = {"median_s": 0.02, "baseline_median_s": 0.004, "baseline_queries": 2, "rows": 50}
        return {"projects": 1, "page": {**measured, "queries": page}, "api": {**measured, "queries": api}}

    def fail(self, message):
        self.failures.append(message)


def test_project_list_fails_the_run_when_the_query_count_grows_with_the_data():
    from bench import project_list

    same = FakeContext({"sqlite:///20": (9, 7), "sqlite:///200": (9, 7)})
    results = project_list.run(same)
    assert same.failures == []
    assert sorted(results) == [f"project_list_{kind}_{size}" for kind in ("api", "page") for size in ("10x", "1x")]
    assert results["project_list_page_10x"]["queries"] == 9 and results["project_list_page_10x"]["goal_met"]

    growing = FakeContext({"sqlite:///20": (9, 7), "sqlite:///200": (59, 7)})
    results = project_list.run(growing)
    assert growing.failures == ["project list page: 9 queries at 1×, 59 at 10× (a query per row somewhere)"]
    assert results["project_list_page_1x"]["goal_met"] is False
    assert results["project_list_api_1x"]["goal_met"] is True
