"""Generated databases for the benchmarks, built once and reused while the code that made them is unchanged.

SQLite: `var/bench/migrated.sqlite3` (the migrations applied), copied to `var/bench/zone-<N>p-<Y>y.sqlite3` and
filled by `generate_scale_data`. A `.stamp` file beside each says what built it (sizes, seed, date, a digest of
the generator, the rules it stores the results of, and the migrations); a different stamp rebuilds, so does
BENCH_REBUILD=1.

PostgreSQL: a throwaway server from `scripts/pg.sh start` on its own directory and port (PGBENCH_DIR, default
/tmp/diaodu-pgbench; PGBENCH_PORT, default a free one), so that it never stops the server of a `make test`
running beside it; a migrated template database, one database per data set, all removed at the end of the run.

Benchmarks run Django code on these databases in child processes (`bench.worker`), with the environment below.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT, Skip

SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdef"


def child_env(database_url: str) -> dict[str, str]:
    """The environment of every Django process of a benchmark (the worker, the generator, gunicorn)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DIAODU_DEMO="false",
        TASKS_BACKEND="immediate",
        DIAODU_MANIFEST_STATIC="false",
        WHITENOISE_USE_FINDERS="true",
        LOG_LEVEL="WARNING",
        # Served over plain http on 127.0.0.1, as an intranet without TLS is (README): no redirect to https.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        DJANGO_SETTINGS_MODULE="diaodu.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def _digest(*patterns: str) -> str:
    h = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _manage(database_url: str, *args: str) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    done = subprocess.run(command, env=child_env(database_url), cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


class Databases:
    def __init__(self, ctx):
        self.ctx = ctx
        self.work: Path = ctx.work
        self.as_of = os.environ.get("BENCH_AS_OF") or time.strftime("%Y-%m-%d")
        # The schema: our migrations, and the settings (INSTALLED_APPS brings third-party apps' tables).
        self.migrations = _digest("diaodu/*/migrations/*.py", "diaodu/settings.py")
        # The generator and the rules whose results it stores (schedules, lights), the catalogues and demo org.
        self.generator = _digest(
            "diaodu/scale/**/*.py",
            "diaodu/projects/scheduling.py",
            "diaodu/progress/lights.py",
            "diaodu/progress/selectors.py",
            "diaodu/*/catalogue.py",
            "diaodu/org/demo.py",
        )
        self.built: dict[tuple, str] = {}
        self._pg_url: str | None = None
        self._pg_template = False

    def _stamp(self, **details) -> str:
        return json.dumps(
            {**details, "as_of": self.as_of, "seed": self.ctx.config.seed, "code": self.generator},
            sort_keys=True,
        )

    def _generate(self, url: str, projects: int, years: int) -> None:
        started = time.perf_counter()
        seed, as_of = self.ctx.config.seed, self.as_of
        arguments = [f"--projects={projects}", f"--years={years}", f"--seed={seed}", f"--as-of={as_of}"]
        _manage(url, "generate_scale_data", *arguments)
        print(f"  generated {projects:,} projects × {years} years in {time.perf_counter() - started:.1f} s")

    # --- SQLite ---------------------------------------------------------------------------------------

    def sqlite(self, projects: int, years: int) -> str:
        key = ("sqlite", projects, years)
        if key in self.built:
            return self.built[key]
        template = self.work / "migrated.sqlite3"
        template_stamp = json.dumps({"migrations": self.migrations})
        if self.ctx.config.rebuild or not _stamped(template, template_stamp):
            print("  migrating a fresh SQLite database (var/bench/migrated.sqlite3) …")
            _remove_sqlite(template)
            _manage(f"sqlite:///{template}", "migrate", "--no-input", "-v", "0")
            _checkpoint(template)
            _write_stamp(template, template_stamp)
        path = self.work / f"zone-{projects}p-{years}y.sqlite3"
        stamp = self._stamp(projects=projects, years=years, migrations=self.migrations)
        url = f"sqlite:///{path}"
        if self.ctx.config.rebuild or not _stamped(path, stamp):
            print(f"  building {path.relative_to(ROOT)} …")
            _remove_sqlite(path)
            shutil.copyfile(template, path)
            self._generate(url, projects, years)
            _checkpoint(path)
            _write_stamp(path, stamp)
        self.built[key] = url
        return url

    # --- PostgreSQL ------------------------------------------------------------------------------------

    def _server(self) -> str:
        if self._pg_url is None:
            env = dict(os.environ)
            env["PGTEST_DIR"] = os.environ.get("PGBENCH_DIR", "/tmp/diaodu-pgbench")
            env["PGTEST_PORT"] = os.environ.get("PGBENCH_PORT") or str(_free_port())
            done = subprocess.run([str(ROOT / "scripts" / "pg.sh"), "start"], env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise Skip(f"no PostgreSQL for the benchmark: {done.stderr.strip() or done.stdout.strip()}")
            self._pg_env = env
            self._pg_url = done.stdout.strip().rsplit("/", 1)[0]
        return self._pg_url

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self._server()}/postgres", autocommit=True) as connection:
            connection.execute(sql)

    def postgres(self, projects: int, years: int) -> str:
        key = ("postgres", projects, years)
        if key in self.built:
            return self.built[key]
        server = self._server()
        if not self._pg_template:
            print("  migrating a PostgreSQL template database …")
            self._admin("CREATE DATABASE bench_migrated")
            _manage(f"{server}/bench_migrated", "migrate", "--no-input", "-v", "0")
            self._pg_template = True
        name = f"bench_{projects}p_{years}y"
        self._admin(f"CREATE DATABASE {name} TEMPLATE bench_migrated")
        url = f"{server}/{name}"
        self._generate(url, projects, years)
        self.built[key] = url
        return url

    # --- child processes ------------------------------------------------------------------------------

    def call(self, database_url: str, function: str, kwargs: dict) -> dict:
        with tempfile.NamedTemporaryFile(suffix=".json", dir=self.work, delete=False) as handle:
            result_path = Path(handle.name)
        try:
            command = [sys.executable, "-m", "bench.worker", function, json.dumps(kwargs), str(result_path)]
            done = subprocess.run(command, env=child_env(database_url), cwd=ROOT, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"{function} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
            return json.loads(result_path.read_text(encoding="utf-8"))
        finally:
            result_path.unlink(missing_ok=True)

    def close(self) -> None:
        if self._pg_url is not None:
            subprocess.run([str(ROOT / "scripts" / "pg.sh"), "stop"], env=self._pg_env, capture_output=True)
            self._pg_url = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stamped(path: Path, stamp: str) -> bool:
    stamp_path = path.with_suffix(".stamp")
    return path.exists() and stamp_path.exists() and stamp_path.read_text(encoding="utf-8") == stamp


def _write_stamp(path: Path, stamp: str) -> None:
    path.with_suffix(".stamp").write_text(stamp, encoding="utf-8")


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.with_suffix(".stamp").unlink(missing_ok=True)


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so that the file alone is the database (and can be copied)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
