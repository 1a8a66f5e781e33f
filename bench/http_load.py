"""Benchmarks `http_load_project_list`, `http_load_report_api` (and `http_load_report_write`, bench/http_write.py).

Gunicorn (3 workers; BENCH_HTTP_WORKERS) serves the 10× zone (2,000 projects on SQLite; on PostgreSQL with
BENCH_HTTP_DATABASE=postgres; the province set on PostgreSQL with BENCH_FULL=1) on a free port. wrk loads, for
10 s with 8 connections (BENCH_FULL=1: 60 s with 64), in turn:

- the project list page, GET /projects/, with the zone leader's session cookie;
- the report API, GET /api/reports/?project=<id> (one project's reports), with his API token;

each right after the same load on the baseline, GET /healthz of the same server (one `SELECT 1`). Recorded:
the median latency (the entry's median_s), requests/s, p99 and errors: every response that is not 2xx (counted
by bench/wrk_report.lua), every request still unanswered after 10 s (wrk's timeout) and every socket error.
Any error fails the run. `backlog_s` is how long the server then took to answer /healthz again: the requests
wrk gave up on are still queued, and are worked off before the next load starts.

Then the same reads with officers' report writes among them, at 64 connections for 60 s, on a copy of the data
(http_write.py): every write the server acknowledged must be found in the database afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from .common import ROOT, Skip, entry
from .databases import child_env

SCRIPT = Path(__file__).with_name("wrk_report.lua")
BASELINE = "wrk on GET /healthz (SELECT 1) of the same server"


def run(ctx) -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise Skip("wrk is not installed (apt-get install wrk)")
    if ctx.full:
        url, data = ctx.province_database(), "PostgreSQL, 50,000 projects"
        connections, seconds = 64, 60
    elif os.environ.get("BENCH_HTTP_DATABASE", "sqlite") == "postgres":
        url, data = ctx.postgres_database(2000, 3), "PostgreSQL, 2,000 projects"
        connections, seconds = 8, 10
    else:
        projects = 20 if ctx.quick else 2000
        url, data = ctx.sqlite_database(projects, years=1 if ctx.quick else 3), f"SQLite, {projects:,} projects"
        connections, seconds = 8, 10
    if ctx.quick:
        connections, seconds = 2, 2
    auth = ctx.in_django(url, "bench.http_load:credentials")
    workers = int(os.environ.get("BENCH_HTTP_WORKERS", "3"))
    targets = [
        ("http_load_project_list", "/projects/", {"Cookie": f"{auth['cookie']}={auth['session']}"}),
        (
            "http_load_report_api",
            f"/api/reports/?project={auth['project']}",
            {"Authorization": f"Token {auth['token']}"},
        ),
    ]
    results = {}
    with serve(url, workers) as base:
        ready = []
        for name, path, headers in targets:  # every target answers before any load
            status = _get(base + path, headers, timeout=120)
            if status == 200:
                ready.append((name, path, headers))
            else:
                ctx.fail(f"{name}: GET {path} answers {status} before any load")
        for name, path, headers in ready:
            _wrk(wrk, base + path, headers, 2, 2)  # warm every worker up, untimed
            _drain(base)
            theirs = _wrk(wrk, base + "/healthz", headers, connections, seconds)
            _drain(base)
            ours = _wrk(wrk, base + path, headers, connections, seconds)
            # Requests wrk gave up on are still queued: the server works them off before the next load.
            drained = _drain(base)
            errors = ours["errors"]
            if errors:
                ctx.fail(
                    f"{name}: {errors} errors under load ({ours['non2xx']} responses not 2xx, {ours['timeout']} "
                    f"timeouts after 10 s, {ours['connect'] + ours['read'] + ours['write']} socket errors)"
                )
            results[name] = entry(
                median_s=ours["p50_us"] / 1e6,
                baseline=BASELINE,
                baseline_median_s=theirs["p50_us"] / 1e6,
                n=ours["requests"],
                goal="0 errors",
                goal_met=errors == 0,
                requests_per_s=round(ours["requests_per_s"], 1),
                p99_ms=round(ours["p99_us"] / 1000, 1),
                errors=errors,
                non2xx=ours["non2xx"],
                timeouts=ours["timeout"],
                baseline_requests_per_s=round(theirs["requests_per_s"], 1),
                baseline_p99_ms=round(theirs["p99_us"] / 1000, 1),
                baseline_errors=theirs["errors"],
                backlog_s=round(drained, 1),
                path=path.split("?")[0],
                connections=connections,
                duration_s=seconds,
                workers=workers,
                database=data,
            )
    from . import http_write  # the write load, on its own copy of the data (it writes)

    results.update(http_write.run(ctx))
    return results


@contextmanager
def serve(url: str, workers: int):
    """Gunicorn serving the database at `url` on a free port, answering /healthz: its base URL."""
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "diaodu.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(
        command,
        env=child_env(url),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/healthz", server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, headers: dict, timeout: float = 30) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {server.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if _get(url, {}) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s")


def _drain(base: str, timeout: float = 600) -> float:
    """Seconds until the server answers /healthz again (it queues behind the requests still waiting)."""
    started = time.monotonic()
    _get(base + "/healthz", {}, timeout=timeout)
    return time.monotonic() - started


def _wrk(
    wrk: str, url: str, headers: dict, connections: int, seconds: int, script: Path = SCRIPT, args: tuple = ()
) -> dict:
    """wrk's JSON line (see wrk_report.lua), with requests/s and errors; the other lines it printed in `lines`."""
    command = [wrk, f"-t{threads(connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script)]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    command.append(url)
    if args:
        command += ["--", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    line = next((line for line in done.stdout.splitlines() if line.startswith("WRK_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{done.stdout}\n{done.stderr}")
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["requests_per_s"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[key] for key in ("non2xx", "connect", "read", "write", "timeout"))
    result["lines"] = [line for line in done.stdout.splitlines() if not line.startswith("WRK_JSON ")]
    return result


def threads(connections: int) -> int:
    """wrk's threads for that many connections (the machines have 2 cores)."""
    return min(2, connections)


# --- in the Django process ------------------------------------------------------------------------------


def credentials() -> dict:
    """The zone leader's session cookie and API token, and a project in the middle of the list."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from diaodu.projects.models import Project

    leader = get_user_model().objects.get(username="leader")
    client = Client()
    client.force_login(leader)
    token, _created = Token.objects.get_or_create(user=leader)
    ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    return {
        "cookie": settings.SESSION_COOKIE_NAME,
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "token": token.key,
        "project": ids[len(ids) // 2],
    }
