"""Benchmarks `project_list_page_1x|10x` and `project_list_api_1x|10x`: the project list at two data sizes.

The 1× zone has 200 projects, the 10× zone 2,000 (each with 3 years of monthly reports), on SQLite files built
by `generate_scale_data` (see bench/databases.py). Measured in a Django process on each database, as the zone
leader (who sees every project):

- the page: Django's test client GET /projects/ (middleware, view, template: the whole server time);
- the API: GET /api/projects/ (its first page of 100);

each against its baseline, the raw SQL of the same page of rows: one query for the count and the total
investment, one for the page's rows in the page's order with the names the list shows joined in (area,
leaders, officer, department, most urgent step), plus, for the API, the plans and funding of those rows.
The query count of each request is recorded; the run fails when it differs between 1× and 10×.
"""

from __future__ import annotations

from .common import alternate, entry, median

SIZES = {"1x": 200, "10x": 2000}
PAGE_BASELINE = "raw SQL: count + sum, the page's 50 rows with their joined names"
API_BASELINE = "raw SQL: count, the first 100 rows with their joined names, their plans and funding"


def run(ctx) -> dict:
    repeat = 3 if ctx.quick else 20
    results, counts = {}, {}
    for size, projects in SIZES.items():
        if ctx.quick:
            projects //= 10
        url = ctx.sqlite_database(projects, years=1 if ctx.quick else 3)
        measured = ctx.in_django(url, "bench.project_list:measure", repeat=repeat)
        for kind, baseline in (("page", PAGE_BASELINE), ("api", API_BASELINE)):
            m = measured[kind]
            counts[(kind, size)] = m["queries"]
            results[f"project_list_{kind}_{size}"] = entry(
                median_s=m["median_s"],
                baseline=baseline,
                baseline_median_s=m["baseline_median_s"],
                n=repeat,
                queries=m["queries"],
                baseline_queries=m["baseline_queries"],
                projects=measured["projects"],
                rows=m["rows"],
            )
    for kind in ("page", "api"):
        equal = counts[(kind, "1x")] == counts[(kind, "10x")]
        for size in SIZES:
            result = results[f"project_list_{kind}_{size}"]
            result["goal"] = "same query count at 1× and 10×"
            result["goal_met"] = equal
        if not equal:
            ctx.fail(
                f"project list {kind}: {counts[(kind, '1x')]} queries at 1×, {counts[(kind, '10x')]} at 10× "
                "(a query per row somewhere)"
            )
    return results


# --- in the Django process ------------------------------------------------------------------------------


def measure(repeat: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from diaodu.projects.models import Project

    leader = get_user_model().objects.get(username="leader")
    client = Client()
    client.force_login(leader)
    result = {"projects": Project.objects.count()}
    for kind, path, raw in (("page", "/projects/", _page_sql), ("api", "/api/projects/", _api_sql)):

        def request(path=path):
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path}: {response.status_code}")
            return response

        # Counted at once: the log is emptied when the next request starts.
        with CaptureQueriesContext(connection) as captured:
            request()
        queries = len(captured)
        with CaptureQueriesContext(connection) as captured:
            rows = raw()
        baseline_queries = len(captured)
        ours, theirs = alternate(request, raw, repeat, warmup=2)
        result[kind] = {
            "median_s": median(ours),
            "baseline_median_s": median(theirs),
            "queries": queries,
            "baseline_queries": baseline_queries,
            "rows": rows,
        }
    return result


def _names_sql(limit: int) -> str:
    from diaodu.org.models import Area, Department, Person
    from diaodu.projects.models import Project, Step

    p, a, person, d, s = (m._meta.db_table for m in (Project, Area, Person, Department, Step))
    return (
        f"SELECT p.id, p.name, p.code, p.category, p.construction_type, p.stage, p.total_investment, "
        f"p.planned_start, p.schedule_min_float, p.schedule_feasible, a.name, l.name, o.name, d.name, s.name "
        f"FROM {p} p LEFT JOIN {a} a ON a.id = p.area_id "
        f"LEFT JOIN {person} l ON l.id = p.responsible_leader_id "
        f"LEFT JOIN {person} o ON o.id = p.responsible_officer_id "
        f"LEFT JOIN {d} d ON d.id = p.responsible_department_id "
        f"LEFT JOIN {s} s ON s.id = p.schedule_worst_step_id "
        f"ORDER BY p.total_investment DESC, p.id LIMIT {limit}"
    )


def _page_sql() -> int:
    from django.db import connection

    from diaodu.projects.models import Project

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), SUM(total_investment) FROM {Project._meta.db_table}")
        cursor.fetchall()
        cursor.execute(_names_sql(50))
        return len(cursor.fetchall())


def _api_sql() -> int:
    from django.db import connection

    from diaodu.projects.models import FundingSource, InvestmentPlan, Project

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {Project._meta.db_table}")
        cursor.fetchall()
        cursor.execute(_names_sql(100))
        ids = [row[0] for row in cursor.fetchall()]
        marks = ", ".join(["%s"] * len(ids))
        for model in (InvestmentPlan, FundingSource):
            cursor.execute(f"SELECT * FROM {model._meta.db_table} WHERE project_id IN ({marks})", ids)
            cursor.fetchall()
        return len(ids)
