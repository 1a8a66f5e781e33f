"""The cockpit benchmark's rules: goals recorded (never failing), the province skipped, query counts compared."""

from bench.common import Skip


class FakeContext:
    """Answers the cockpit benchmark's questions with canned measurements instead of building databases."""

    quick = True

    def __init__(self, queries, province=True):
        self.queries = queries  # database → the page's queries
        self.province = province
        self.failures = []

    def sqlite_database(self, projects, years):
        return "sqlite:///zone"

    def province_database(self):
        if not self.province:
            raise Skip("BENCH_FULL=1 only")
        return "postgres:///province"

    def in_django(self, url, function, **kwargs):
        median_s = 0.04 if "zone" in url else 0.2
        return {
            "median_s": median_s,
            "baseline_median_s": 0.1,
            "cold_median_s": median_s * 5,  # every figure computed (the cache emptied)
            "cold_baseline_median_s": 0.1,
            "queries": self.queries[url],
            "warm_queries": 10,
            "baseline_queries": 17,
            "projects": 2000,
            "bytes": 1,
        }

    def fail(self, message):
        self.failures.append(message)


def test_the_cockpit_records_its_goals_and_fails_only_when_the_query_count_grows():
    from bench import cockpit

    same = FakeContext({"sqlite:///zone": 37, "postgres:///province": 37})
    results = cockpit.run(same)
    assert same.failures == []
    assert results["cockpit_zone"]["goal_met"] is True  # 40 ms, 0.4×
    assert results["cockpit_province"]["goal_met"] is False  # 2×: recorded, not failed
    assert results["cockpit_province"]["queries"] == 37
    assert results["cockpit_zone"]["cold_ratio"] == 2.0 and results["cockpit_zone"]["warm_queries"] == 10

    growing = FakeContext({"sqlite:///zone": 37, "postgres:///province": 52})
    cockpit.run(growing)
    assert growing.failures == ["cockpit: 37 queries on the zone, 52 on the province (a query per row somewhere)"]


def test_the_zone_still_reports_without_the_province():
    from bench import cockpit

    ctx = FakeContext({"sqlite:///zone": 37}, province=False)
    results = cockpit.run(ctx)
    assert list(results) == ["cockpit_zone"] and ctx.failures == []
    assert results["cockpit_zone"]["province"] == "skipped: BENCH_FULL=1 only"
