"""The world of the security tests, built once per module inside a transaction that is rolled back at its end.

Each test runs in a savepoint of its own (pytest-django's `db`), so a write that one case lets through is
gone before the next case runs; the world itself is built once, which keeps the matrix within minutes.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.test import override_settings

from diaodu.core import workdays

from .world import ADMINISTRATOR, DISPATCH, TODAY, build_world, log_in_everyone

# Mid-morning of TODAY in Beijing; the clock runs on from there so that every write moves `updated_at`.
START = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _keep_a_ledger_upload(world, media_root) -> None:
    """An upload waiting for confirmation in the sessions of the two roles that may import ledgers."""
    from diaodu.projects.exports import template_workbook

    folder = media_root / "ledger"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{world.ledger_token}.xlsx").write_bytes(template_workbook())
    for persona in (DISPATCH, ADMINISTRATOR):
        session = SessionStore(session_key=world.sessions[persona])
        session["ledger_uploads"] = {world.ledger_token: {"name": "台账.xlsx", "year": 2026, "skip_invalid": False}}
        session.save()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root, PASSWORD_HASHERS=hashers),
        time_machine.travel(START, tick=True),
        transaction.atomic(),
    ):
        workdays.invalidate()
        built = build_world(media_root)
        log_in_everyone(built)
        _keep_a_ledger_upload(built, media_root)
        yield built
        transaction.set_rollback(True)
    workdays.invalidate()
