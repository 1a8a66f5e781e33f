"""Backups of the whole database, and their restore: SQLite's online backup, or pg_dump/pg_restore on PostgreSQL.

A backup is one file. SQLite: a consistent copy taken through SQLite's online backup API while the site runs
(writers wait a moment, readers never). PostgreSQL: `pg_dump --format=custom`, which `pg_restore` reads back;
the client programs must be installed on the machine that runs the command (Debian: postgresql-client).
Restoring replaces everything in the database with the backup's content.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, for the operator."""


def _vendor(alias: str) -> str:
    return connections[alias].vendor


def _pg_program(name: str) -> str:
    """pg_dump / pg_restore: from PATH, else from the newest Debian PostgreSQL installation."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parent.parent.name))
    if candidates:
        return str(candidates[-1])
    raise BackupError(f"{name} not found: install the PostgreSQL client programs (apt-get install postgresql-client)")


def _pg_environment(settings: dict) -> tuple[list[str], dict]:
    """Connection arguments for the PostgreSQL programs, the password through the environment only."""
    args = []
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {completed.stderr.strip()}")


def backup(output: Path, *, alias: str = "default") -> Path:
    """Write a backup of the database to `output` (written beside it first, then renamed: never half a file)."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    connection = connections[alias]
    try:
        if _vendor(alias) == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        elif _vendor(alias) == "postgresql":
            settings = connection.settings_dict
            args, env = _pg_environment(settings)
            _run(
                [
                    _pg_program("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    *args,
                    "--file",
                    str(partial),
                    settings["NAME"],
                ],
                env,
            )
        else:
            raise BackupError(f"no backup for the {_vendor(alias)} database")
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return output


def restore(source: Path, *, alias: str = "default") -> None:
    """Replace the database's content with the backup in `source`."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    connection = connections[alias]
    if _vendor(alias) == "sqlite":
        with open(source, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{source}: not an SQLite backup")
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    elif _vendor(alias) == "postgresql":
        with open(source, "rb") as handle:
            if handle.read(5) != b"PGDMP":
                raise BackupError(f"{source}: not a pg_dump custom-format backup")
        settings = connection.settings_dict
        args, env = _pg_environment(settings)
        connection.close()  # pg_restore drops and recreates the tables this connection may hold
        _run(
            [
                _pg_program("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                "--dbname",
                settings["NAME"],
                str(source),
            ],
            env,
        )
    else:
        raise BackupError(f"no restore for the {_vendor(alias)} database")
