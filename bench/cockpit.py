"""Benchmarks `cockpit_zone` and `cockpit_province`: the leader's cockpit (驾驶舱) at the zone's and a province's size.

The zone is the 2,000-project SQLite file project_list uses (3 years of monthly reports); the province is the
50,000-project set on PostgreSQL (BENCH_FULL=1 only: skipped otherwise, the zone still reports). Measured in a
Django process on each database, as the zone leader (`leader`, who sees every project):

- ours: Django's test client GET /cockpit/ (middleware, every selector of dashboard.selectors, the template);
- the baseline: the raw SQL of the aggregates the page needs, as `dashboard.selectors` asks for them, run with
  `connection.cursor()` and every row fetched: the project counts and stored lights, the year's plans (total,
  by month, by area), the counted reports grouped by period and area, the areas, the red projects (top 10),
  the issues' counts and the overdue ones (top 10), the steps due in the next ten working days (count, top 10),
  the land quota and the year's parcels, the leads by stage and the target, the special bonds, and the
  indicators' latest values — no Python around them (no charts, no template).

The page caches its figures on the data version (`diaodu.core.dataversion`: any committed write anywhere makes
the next request compute them again), so two times are recorded, each alternated with the baseline:
- `median_s`: the page as a leader gets it when he opens it again with nothing written since (the figures from the
  cache; the session, the data version's query and the template still run);
- `cold_median_s` / `cold_ratio`: the page right after a write (the cache emptied before every request): every
  query and every figure computed.

Goals (recorded, never failing the run): ratio ≤ 1.5 and a zone median ≤ 50 ms. The run fails when the query
count of the page differs between the zone and the province (a query per row somewhere).
"""

from __future__ import annotations

from .common import Skip, alternate, entry, median

BASELINE = "raw SQL of the cockpit's aggregates (tiles, charts, lists), cursor, all rows fetched"
MAX_RATIO = 1.5
ZONE_MAX_S = 0.050


def run(ctx) -> dict:
    repeat = 3 if ctx.quick else 20
    results = {}
    sizes = [("zone", lambda: ctx.sqlite_database(200 if ctx.quick else 2000, years=1 if ctx.quick else 3))]
    sizes.append(("province", ctx.province_database))
    skipped = None
    for size, database in sizes:
        try:
            url = database()
        except Skip as reason:
            skipped = str(reason)
            print(f"   cockpit_{size} skipped: {reason}")
            continue
        m = ctx.in_django(url, "bench.cockpit:measure", repeat=repeat)
        ratio_ok = m["median_s"] <= MAX_RATIO * m["baseline_median_s"]
        goal = f"ratio ≤ {MAX_RATIO}"
        met = ratio_ok
        if size == "zone":
            goal += f" and median ≤ {ZONE_MAX_S * 1000:.0f} ms"
            met = ratio_ok and m["median_s"] <= ZONE_MAX_S
        results[f"cockpit_{size}"] = entry(
            median_s=m["median_s"],
            baseline=BASELINE,
            baseline_median_s=m["baseline_median_s"],
            n=repeat,
            goal=goal,
            goal_met=met,
            cold_median_s=round(m["cold_median_s"], 6),
            cold_ratio=round(m["cold_median_s"] / m["cold_baseline_median_s"], 6),
            queries=m["queries"],
            warm_queries=m["warm_queries"],
            baseline_queries=m["baseline_queries"],
            projects=m["projects"],
            bytes=m["bytes"],
        )
    if "cockpit_zone" in results and "cockpit_province" in results:
        zone, province = results["cockpit_zone"]["queries"], results["cockpit_province"]["queries"]
        if zone != province:
            ctx.fail(f"cockpit: {zone} queries on the zone, {province} on the province (a query per row somewhere)")
    elif skipped and "cockpit_zone" in results:
        results["cockpit_zone"]["province"] = f"skipped: {skipped}"
    return results


# --- in the Django process ------------------------------------------------------------------------------


def measure(repeat: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from diaodu.projects.models import Project

    leader = get_user_model().objects.get(username="leader")
    client = Client()
    client.force_login(leader)

    def request():
        response = client.get("/cockpit/")
        if response.status_code != 200:
            raise RuntimeError(f"GET /cockpit/: {response.status_code}")
        return response

    def cold():
        cache.clear()  # as after any write: the figures are computed again
        return request()

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        size = len(request().content)
    queries = len(captured)
    with CaptureQueriesContext(connection) as captured:
        request()
    warm_queries = len(captured)
    with CaptureQueriesContext(connection) as captured:
        _raw_sql()
    baseline_queries = len(captured)
    ours, theirs = alternate(request, _raw_sql, repeat, warmup=2)
    cold_times, cold_theirs = alternate(cold, _raw_sql, repeat, warmup=1)
    return {
        "median_s": median(ours),
        "baseline_median_s": median(theirs),
        "cold_median_s": median(cold_times),
        "cold_baseline_median_s": median(cold_theirs),
        "queries": queries,
        "warm_queries": warm_queries,
        "baseline_queries": baseline_queries,
        "projects": Project.objects.count(),
        "bytes": size,
    }


def _statements() -> list[tuple[str, list]]:
    """The cockpit's reads as plain SQL with their parameters (the leader sees everything: no visibility filter)."""
    from django.utils import timezone

    from diaodu.coordination.choices import UNRESOLVED
    from diaodu.core import workdays
    from diaodu.funding.choices import ASKED, GRANTED, ApplicationStatus, Channel
    from diaodu.progress.choices import COUNTED_STATUSES, Light
    from diaodu.projects.choices import ACTIVE_STAGES, Stage, StepStatus

    today = timezone.localdate()
    year = today.year
    first, last = f"{year}-01-01", f"{year}-12-31"
    end = workdays.get_calendar().add_workdays(today, 10)

    def marks(values) -> str:
        return ", ".join(["%s"] * len(values))

    counted = [str(s) for s in COUNTED_STATUSES]
    unresolved = [str(s) for s in UNRESOLVED]
    asked, granted = [str(s) for s in ASKED], [str(s) for s in GRANTED]
    active = [str(s) for s in ACTIVE_STAGES]
    settled = [str(StepStatus.DONE), str(StepStatus.NOT_APPLICABLE)]
    red, yellow, green = str(Light.RED), str(Light.YELLOW), str(Light.GREEN)
    return [
        (
            "SELECT COUNT(*), "
            "SUM(CASE WHEN p.planned_start BETWEEN %s AND %s AND p.stage <> %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN p.planned_start BETWEEN %s AND %s AND p.stage <> %s AND p.actual_start IS NOT NULL "
            "THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN p.planned_start BETWEEN %s AND %s AND p.stage <> %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN p.actual_start BETWEEN %s AND %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN l.light = %s THEN 1 ELSE 0 END), SUM(CASE WHEN l.light = %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN l.light = %s THEN 1 ELSE 0 END) "
            "FROM projects_project p LEFT JOIN progress_projectlight l ON l.project_id = p.id",
            [first, last, str(Stage.CANCELLED)] * 2
            + [first, today, str(Stage.CANCELLED), first, last, red, yellow, green],
        ),
        (
            "SELECT SUM(ip.amount), SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM projects_monthlyplan m "
            "WHERE m.plan_id = ip.id AND m.amount > 0) THEN ip.amount END) "
            "FROM projects_investmentplan ip WHERE ip.year = %s",
            [year],
        ),
        (
            "SELECT m.month, SUM(m.amount) FROM projects_monthlyplan m JOIN projects_investmentplan ip "
            "ON ip.id = m.plan_id WHERE ip.year = %s GROUP BY m.month",
            [year],
        ),
        (
            f"SELECT r.period_start, p.area_id, SUM(r.investment_done) FROM progress_progressreport r "
            f"JOIN projects_project p ON p.id = r.project_id WHERE r.status IN ({marks(counted)}) "
            f"AND r.period_start BETWEEN %s AND %s GROUP BY r.period_start, p.area_id",
            [*counted, first, today],
        ),
        (
            "SELECT p.area_id, SUM(ip.amount) FROM projects_investmentplan ip JOIN projects_project p "
            "ON p.id = ip.project_id WHERE ip.year = %s GROUP BY p.area_id",
            [year],
        ),
        ("SELECT id, name, kind FROM org_area ORDER BY sort_order, id", []),
        (
            "SELECT p.id, p.name, p.total_investment, a.name, pl.name, d.name, l.changed_on, l.reasons "
            "FROM projects_project p JOIN progress_projectlight l ON l.project_id = p.id "
            "LEFT JOIN org_area a ON a.id = p.area_id LEFT JOIN org_person pl ON pl.id = p.responsible_leader_id "
            "LEFT JOIN org_department d ON d.id = p.responsible_department_id "
            "WHERE l.light = %s ORDER BY p.total_investment DESC, p.id LIMIT 10",
            [red],
        ),
        (
            f"SELECT SUM(CASE WHEN status IN ({marks(unresolved)}) THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN status IN ({marks(unresolved)}) AND due_date < %s THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN status IN ({marks(unresolved)}) AND escalation_level > 0 THEN 1 ELSE 0 END) "
            f"FROM coordination_issue",
            [*unresolved, *unresolved, today, *unresolved],
        ),
        (
            f"SELECT i.id, i.title, p.name, d.name, i.due_date, i.escalation_level FROM coordination_issue i "
            f"LEFT JOIN projects_project p ON p.id = i.project_id LEFT JOIN org_department d "
            f"ON d.id = i.department_id WHERE i.status IN ({marks(unresolved)}) AND i.due_date < %s "
            f"ORDER BY i.due_date, i.id LIMIT 10",
            [*unresolved, today],
        ),
        (
            f"SELECT COUNT(*) FROM projects_step s JOIN projects_project p ON p.id = s.project_id "
            f"WHERE p.stage IN ({marks(active)}) AND s.status NOT IN ({marks(settled)}) "
            f"AND (s.deadline BETWEEN %s AND %s OR s.late_finish BETWEEN %s AND %s)",
            [*active, *settled, today, end, today, end],
        ),
        (
            f"SELECT s.id, s.name, p.name, COALESCE(CASE WHEN s.deadline BETWEEN %s AND %s THEN s.deadline END, "
            f"s.late_finish) AS due FROM projects_step s JOIN projects_project p ON p.id = s.project_id "
            f"WHERE p.stage IN ({marks(active)}) AND s.status NOT IN ({marks(settled)}) "
            f"AND (s.deadline BETWEEN %s AND %s OR s.late_finish BETWEEN %s AND %s) "
            f"ORDER BY due, s.project_id, s.sort_order, s.id LIMIT 10",
            [today, end, *active, *settled, today, end, today, end],
        ),
        ("SELECT * FROM land_landquota WHERE year = %s", [year]),
        (
            "SELECT area_ha, acquired_on, reserved_on, supplied_on FROM land_parcel "
            "WHERE acquired_on BETWEEN %s AND %s OR supplied_on BETWEEN %s AND %s OR reserved_on BETWEEN %s AND %s",
            [first, today] * 3,
        ),
        (
            "SELECT stage, COUNT(*), SUM(investment), SUM(CASE WHEN signed_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN signed_on BETWEEN %s AND %s THEN investment END) FROM investment_lead GROUP BY stage",
            [first, last, first, last],
        ),
        ("SELECT * FROM investment_investmenttarget WHERE year = %s LIMIT 1", [year]),
        (
            f"SELECT COUNT(*), SUM(CASE WHEN status IN ({marks(asked)}) THEN requested_amount END), "
            f"SUM(CASE WHEN status IN ({marks(asked)}) THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN status IN ({marks(granted)}) THEN approved_amount END), "
            f"SUM(CASE WHEN status IN ({marks(granted)}) THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN status = %s THEN received_amount END) FROM funding_fundingapplication "
            f"WHERE channel = %s AND year = %s",
            [*asked, *asked, *granted, *granted, str(ApplicationStatus.RECEIVED), str(Channel.SPECIAL_BOND), year],
        ),
        (
            "SELECT i.id, i.code, i.name, v.period_start, v.value FROM indicators_indicator i "
            "LEFT JOIN indicators_indicatorvalue v ON v.indicator_id = i.id AND v.period_start BETWEEN %s AND %s "
            "ORDER BY i.sort_order, i.id, v.period_start",
            [f"{year - 1}-01-01", today],
        ),
    ]


def _raw_sql() -> int:
    from django.db import connection

    rows = 0
    with connection.cursor() as cursor:
        for sql, params in _statements():
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return rows
