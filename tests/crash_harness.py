"""Run manage.py in a subprocess on a SQLite file, pause it at a named point inside its transaction, kill it.

See diaodu/core/faults.py. Used by the crash-safety tests of several apps.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


class Database:
    """A migrated SQLite file and the environment that points manage.py at it."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.path = directory / "crash.sqlite3"

    def environment(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DIAODU_PAUSE_AT"}}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "diaodu.settings",
                "DIAODU_VAR_DIR": str(self.directory),
                "DATABASE_URL": f"sqlite:///{self.path}",
                "TASKS_BACKEND": "immediate",
                **extra,
            }
        )
        return env

    def manage(self, *args: str, **extra) -> subprocess.CompletedProcess:
        completed = subprocess.run(
            [*MANAGE, *args], cwd=ROOT, env=self.environment(**extra), capture_output=True, text=True, timeout=300
        )
        assert completed.returncode == 0, completed.stderr
        return completed

    def python(self, code: str) -> str:
        """Run Python in `manage.py shell` against this database; its standard output."""
        return self.manage("shell", "--no-imports", "-c", code).stdout

    def copy_to(self, directory: Path) -> "Database":
        copy = Database(directory)
        shutil.copyfile(self.path, copy.path)
        return copy

    def rows(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.path) as connection:
            return connection.execute(sql).fetchall()

    def kill_at(self, point: str, *args: str, **extra) -> None:
        """Start manage.py with args, wait until it pauses at `point`, SIGKILL it."""
        process = subprocess.Popen(
            [*MANAGE, *args],
            cwd=ROOT,
            env=self.environment(DIAODU_PAUSE_AT=point, **extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            seen = []
            for line in iter(process.stderr.readline, ""):
                seen.append(line)
                if line.strip() == f"diaodu-pause: {point}":
                    break
            else:
                raise AssertionError(f"the process ended without pausing at {point}:\n{''.join(seen)}")
            os.kill(process.pid, signal.SIGKILL)
            assert process.wait(timeout=30) == -signal.SIGKILL
        finally:
            if process.poll() is None:
                process.kill()
            process.stderr.close()


def migrated(directory: Path) -> Database:
    database = Database(directory)
    database.manage("migrate", "-v0")
    return database
