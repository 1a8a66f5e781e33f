"""Benchmark `http_load_report_write`: the http_load mix under write load, then every acknowledged write counted.

Gunicorn (3 workers; BENCH_HTTP_WORKERS) serves the 10× zone (2,000 projects, 3 years of monthly reports) on
SQLite — a copy of the generated file, since the load writes — or on PostgreSQL with BENCH_HTTP_DATABASE=postgres
(the province set with BENCH_FULL=1). wrk (bench/wrk_write.lua) loads it with 64 connections for 60 s (quick: 2
connections for 2 s) with a realistic mix: the zone leader reading the project list page and the report API
(six requests in ten), and officers writing through the API (four in ten): a new report (POST /api/reports/,
the officer's own project, a period of the year still free), an update of one of their drafts (PATCH) and a
submit (POST /api/reports/<id>/submit/). Every write carries a unique marker in progress_text.

The plan (officers with a login and API token, the free slots, split between wrk's threads) is made in the
Django process (`plan`). After the load, `verify` counts in the database what the 2xx answers acknowledged:
each create and update must be found (the report, its history row with the marker, the last marker of each
report still current unless a later write was in flight when wrk stopped) and each submit (the report
submitted by its officer). Lost = acknowledged and not found. Errors = non-2xx answers, timeouts, socket
errors, and rows written twice, half-written or carrying a marker nobody sent. Any error or loss fails the run.
Baseline: /healthz of the same server under the same load.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import uuid
from pathlib import Path

from .common import Skip, entry
from .http_load import BASELINE, _drain, _get, _wrk, serve, threads

SCRIPT = Path(__file__).with_name("wrk_write.lua")
MARKER = re.compile(r"BENCH (\S+) t(\d+)-(\d+)")


def run(ctx) -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise Skip("wrk is not installed (apt-get install wrk)")
    if ctx.full:
        url, data = ctx.province_database(), "PostgreSQL, 50,000 projects"
    elif os.environ.get("BENCH_HTTP_DATABASE", "sqlite") == "postgres":
        url, data = ctx.postgres_database(2000, 3), "PostgreSQL, 2,000 projects"
    else:
        projects = 20 if ctx.quick else 2000
        source = ctx.sqlite_database(projects, years=1 if ctx.quick else 3)
        url, data = _sqlite_copy(source, ctx.work / f"write-{projects}p.sqlite3"), f"SQLite, {projects:,} projects"
    connections, seconds = (2, 2) if ctx.quick else (64, 60)
    workers = int(os.environ.get("BENCH_HTTP_WORKERS", "3"))
    tag = uuid.uuid4().hex[:8]
    directory = ctx.work / f"write-plan-{tag}"
    directory.mkdir(parents=True, exist_ok=True)
    try:
        plan_ = ctx.in_django(
            url, "bench.http_write:plan", directory=str(directory), threads=threads(connections),
            officers=4 if ctx.quick else 12,
        )  # fmt: skip
        with serve(url, workers) as base:
            for path, headers in plan_["probes"]:  # the reads answer before any load
                status = _get(base + path, headers, timeout=120)
                if status != 200:
                    ctx.fail(f"http_load_report_write: GET {path} answers {status} before any load")
                    return {}
            _wrk(wrk, base + "/healthz", {}, 2, 2)  # warm every worker up, untimed
            _drain(base)
            theirs = _wrk(wrk, base + "/healthz", {}, connections, seconds)
            _drain(base)
            ours = _wrk(wrk, base + "/", {}, connections, seconds, script=SCRIPT, args=(str(directory), tag))
            drained = _drain(base)
        acks = _acknowledged(ours["lines"], tag)
        (directory / "acks.json").write_text(json.dumps(acks), encoding="utf-8")
        found = ctx.in_django(url, "bench.http_write:verify", path=str(directory / "acks.json"))
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    errors = ours["errors"] + found["duplicates"] + found["half_written"] + found["unknown_markers"]
    lost = found["acknowledged"] - found["found"]
    if errors or lost:
        ctx.fail(
            f"http_load_report_write: {errors} errors ({ours['non2xx']} answers not 2xx, {ours['timeout']} timeouts, "
            f"{ours['connect'] + ours['read'] + ours['write']} socket errors, {found['duplicates']} duplicates, "
            f"{found['half_written']} half-written, {found['unknown_markers']} unknown markers), {lost} lost "
            f"reports; {'; '.join(acks['errors'] + found['samples'])}"
        )
    return {
        "http_load_report_write": entry(
            median_s=ours["p50_us"] / 1e6,
            baseline=BASELINE,
            baseline_median_s=theirs["p50_us"] / 1e6,
            n=ours["requests"],
            goal="0 errors, 0 lost reports",
            goal_met=errors == 0 and lost == 0,
            requests_per_s=round(ours["requests_per_s"], 1),
            p99_ms=round(ours["p99_us"] / 1000, 1),
            errors=errors,
            lost_reports=lost,
            writes_acknowledged=found["acknowledged"],
            writes_found=found["found"],
            writes_by_kind={kind: ours[f"ok_{kind}"] for kind in ("create", "update", "submit")},
            reads_by_kind={"project_list": ours["ok_list"], "report_api": ours["ok_api"]},
            writes_in_flight_found=found["unacknowledged_found"],
            non2xx=ours["non2xx"],
            timeouts=ours["timeout"],
            duplicates=found["duplicates"],
            half_written=found["half_written"],
            baseline_requests_per_s=round(theirs["requests_per_s"], 1),
            baseline_p99_ms=round(theirs["p99_us"] / 1000, 1),
            baseline_errors=theirs["errors"],
            backlog_s=round(drained, 1),
            officers=plan_["officers"],
            slots=plan_["slots"],
            connections=connections,
            duration_s=seconds,
            workers=workers,
            database=data,
        )
    }


def _sqlite_copy(source_url: str, target: Path) -> str:
    """A fresh copy of the generated SQLite file (SQLite's backup API: consistent even while it is read)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    source = sqlite3.connect(source_url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return f"sqlite:///{target}"


def _acknowledged(lines: list[str], tag: str) -> dict:
    """wrk_write.lua's lines as JSON: acknowledged writes, last markers, writes in flight, markers sent, errors."""
    acks = {"tag": tag, "create": [], "update": [], "submit": [], "last": {}, "inflight": {}, "sent": [], "errors": []}
    for line in lines:
        word, _space, rest = line.partition(" ")
        if word == "ACK":
            kind, _space, rest = rest.partition(" ")
            if kind == "submit":
                acks["submit"].append(int(rest))
                continue
            parts = rest.split(" ")
            report, marker = int(parts[0]), " ".join(parts[1:4])
            acks[kind].append([report, marker, int(parts[4]), parts[5]] if kind == "create" else [report, marker])
        elif word in ("LAST", "INFLIGHT"):
            report, _space, marker = rest.partition(" ")
            acks[word.lower()][report] = marker
        elif word == "SENT":
            acks["sent"].append(rest)
        elif word == "ERR":
            acks["errors"].append(rest)
    return acks


# --- in the Django process ------------------------------------------------------------------------------


def plan(directory: str, threads: int, officers: int) -> dict:
    """Officers with a login and an API token, the free report slots of their projects, one file per wrk thread.

    Officers: the generated people answering for the most projects (no login yet), `officers` of them. Slots:
    each of their projects × the next 24 months without a report, ordered month by month so that the writes
    spread over the projects, dealt to wrk's threads in turn.
    """
    import datetime as dt

    from django.db.models import Count
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from diaodu.org.choices import Role
    from diaodu.org.models import Person
    from diaodu.org.services import person_give_login
    from diaodu.progress.models import ProgressReport
    from diaodu.progress.periods import add_months
    from diaodu.progress.services import period_of
    from diaodu.projects.models import Project

    from .http_load import credentials

    leader = credentials()
    people = (
        Person.objects.filter(user__isnull=True)
        .annotate(projects=Count("officer_projects"))
        .filter(projects__gt=0)
        .order_by("-projects", "pk")[:officers]
    )
    tokens = {}
    for person in people:
        person_give_login(
            person=person, username=f"bench-officer-{person.pk}", password=uuid.uuid4().hex, roles=[Role.OFFICER]
        )
        tokens[person.pk] = Token.objects.get_or_create(user_id=person.user_id)[0].key
    projects = list(Project.objects.filter(responsible_officer__in=tokens).order_by("pk"))
    taken = set(
        ProgressReport.objects.filter(project__in=projects).values_list("project_id", "frequency", "period_start")
    )
    first = timezone.localdate().replace(day=1)
    slots = []
    for month in range(24):
        day = add_months(first, month) + dt.timedelta(days=9)
        for project in projects:
            period = period_of(project, day)
            if (project.pk, period.frequency, period.start) not in taken:
                slots.append(f"slot {tokens[project.responsible_officer_id]} {project.pk} {day.isoformat()}")
    ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    reads = [f"read {pk}" for pk in ids[:: max(1, len(ids) // 50)]]
    head = [f"cookie {leader['cookie']}={leader['session']}", f"leader {leader['token']}", *reads]
    for index in range(threads):
        lines = head + slots[index::threads]
        Path(directory, f"thread-{index + 1}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    probes = [
        ["/projects/", {"Cookie": f"{leader['cookie']}={leader['session']}"}],
        [f"/api/reports/?project={leader['project']}", {"Authorization": f"Token {leader['token']}"}],
    ]
    return {"officers": len(tokens), "slots": len(slots), "probes": probes}


def verify(path: str) -> dict:
    """What the database holds of the acknowledged writes (see the module's docstring)."""
    import datetime as dt
    from collections import Counter
    from decimal import Decimal

    from diaodu.progress.models import ProgressReport
    from diaodu.progress.services import period_of
    from diaodu.projects.models import Project

    acks = json.loads(Path(path).read_text(encoding="utf-8"))
    prefix = f"BENCH {acks['tag']} "
    fields = ["id", "progress_text", "progress_percent", "investment_done", "status"]
    current = {
        row["id"]: row
        for row in ProgressReport.objects.filter(progress_text__contains=prefix).values(
            *fields, "project_id", "frequency", "period_start", "submitted_by_id"
        )
    }
    history = list(ProgressReport.history.filter(progress_text__contains=prefix).values(*fields))
    sent = set(acks["sent"])
    samples: list[str] = []

    def marker(row) -> str:
        match = MARKER.search(row["progress_text"])
        return match.group(0) if match else ""

    def whole(row) -> bool:  # the fields written with the marker, all of them
        match = MARKER.search(row["progress_text"])
        if not match:
            return False
        thread, number = int(match.group(2)), int(match.group(3))
        money = Decimal(f"{number % 1000}.{thread % 100:02d}")
        return row["progress_percent"] == number % 101 and row["investment_done"] == money

    rows = list(current.values()) + history
    half_written = [row for row in rows if not whole(row)]
    unknown = [row for row in rows if marker(row) not in sent]
    drafts = Counter((marker(row), row["id"]) for row in history if row["status"] == "draft")
    duplicates = sum(n - 1 for n in Counter(marker for marker, _id in drafts.elements()).values() if n > 1)
    duplicates += sum(n - 1 for n in Counter(marker(row) for row in current.values()).values() if n > 1)
    duplicates += sum(
        n - 1
        for n in Counter((r["project_id"], r["frequency"], r["period_start"]) for r in current.values()).values()
        if n > 1
    )
    last, inflight = acks["last"], acks["inflight"]

    def final(report: int, mark: str) -> bool:  # the last acknowledged marker is current (or a later one in flight)
        if last.get(str(report)) != mark:
            return True
        return marker(current[report]) in (mark, inflight.get(str(report)))

    projects = Project.objects.in_bulk({project for _r, _m, project, _d in acks["create"]})
    found = 0
    for report, mark, project, day in acks["create"]:
        row = current.get(report)
        ok = row is not None and drafts[(mark, report)] >= 1 and final(report, mark)
        if ok:
            period = period_of(projects[project], dt.date.fromisoformat(day))
            ok = row["project_id"] == project and row["period_start"] == period.start
        found += ok
        if not ok and len(samples) < 5:
            samples.append(f"create {mark} → report {report} not found as written")
    for report, mark in acks["update"]:
        ok = report in current and drafts[(mark, report)] >= 1 and final(report, mark)
        found += ok
        if not ok and len(samples) < 5:
            samples.append(f"update {mark} of report {report} not found")
    officers = dict(
        ProgressReport.objects.filter(pk__in=acks["submit"]).values_list("pk", "project__responsible_officer__user")
    )
    for report in acks["submit"]:
        row = current.get(report)
        ok = row is not None and row["status"] == "submitted" and row["submitted_by_id"] == officers.get(report)
        found += ok
        if not ok and len(samples) < 5:
            samples.append(f"submit of report {report} not found")
    acknowledged_markers = {mark for _r, mark, *_rest in acks["create"] + acks["update"]}
    for row in (half_written + unknown)[:3]:
        samples.append(f"bad row: {row}")
    return {
        "acknowledged": len(acks["create"]) + len(acks["update"]) + len(acks["submit"]),
        "found": found,
        "duplicates": duplicates,
        "half_written": len(half_written),
        "unknown_markers": len(unknown),
        "unacknowledged_found": len({marker(row) for row in rows} & sent - acknowledged_markers),
        "samples": samples,
    }
