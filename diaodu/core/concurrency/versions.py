"""The version of a record, the locked check against the version an editor loaded, and who saved it last.

See the package's docstring (`diaodu.core.concurrency`) for how the pieces fit together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TAG = re.compile(r'\s*(?:W/)?"([^"]*)"\s*|\s*([^",\s]+)\s*')


# --- versions -------------------------------------------------------------------------------------


# The version of a record not saved yet: a form that creates one if there is none (a year's quota, settings)
# sends it, and a record someone else created meanwhile is then a conflict like any other.
NEW = "0"


def version_of(record) -> str:
    """The record's version: its `updated_at` in microseconds since the epoch (`NEW` for an unsaved record)."""
    stamp = getattr(record, "updated_at", None)
    if stamp is None:
        return NEW
    if timezone.is_naive(stamp):
        stamp = timezone.make_aware(stamp, dt.UTC)
    return str((stamp - EPOCH) // dt.timedelta(microseconds=1))


def etag_for(record) -> str:
    """A strong ETag for the record: its version in quotes."""
    return f'"{version_of(record)}"'


def parse_versions(value) -> list[str]:
    """The versions named by an `If-Match` header or a form's hidden field.

    Accepts `"123"`, `"123", "456"`, `*` and a bare `123`. A weak tag (`W/"123"`) counts as its value: a
    proxy that compresses answers (nginx with gzip) weakens the tags it passes on, and the client only
    echoes what it was given.
    """
    if value is None:
        return []
    text = str(value).strip()
    if not text:
        return []
    return [quoted or bare for quoted, bare in _TAG.findall(text) if quoted or bare]


def is_stale(record, seen) -> bool:
    """True when `seen` names versions and the record's is none of them (`*` matches any saved record)."""
    versions = parse_versions(seen)
    if not versions or "*" in versions:
        return False
    return version_of(record) not in versions


# --- the check ------------------------------------------------------------------------------------


class EditConflict(ValidationError):
    """The record was saved by someone else after the editor loaded it; `current` is the record as saved now."""

    def __init__(self, current, message: str | None = None):
        self.current = current
        super().__init__(message or _("这条记录在您打开之后已被他人保存，您的修改没有保存。"), code="edit_conflict")


def check(current, seen, *, message: str | None = None) -> None:
    """Raise EditConflict when `current` (read under lock) is not the version `seen`."""
    if is_stale(current, seen):
        raise EditConflict(current, message)


def lock(model_or_queryset, pk, *, seen=None, message: str | None = None):
    """Lock the row for the rest of the transaction and check it against the version `seen`.

    `of=("self",)`: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join, which a
    queryset's `select_related` may bring. On SQLite the IMMEDIATE transaction already holds the lock.
    """
    if isinstance(model_or_queryset, type) and issubclass(model_or_queryset, models.Model):
        queryset = model_or_queryset._base_manager.all()
    else:
        queryset = model_or_queryset
    current = queryset.select_for_update(of=("self",)).get(pk=pk)
    check(current, seen, message=message)
    return current


def lock_or_none(model: type[models.Model], **lookup):
    """The row `lookup` names, locked for the rest of the transaction; None when there is none yet.

    For the records a form creates when there is none (a year's quota, settings, a calendar day): a row that does
    not exist cannot be locked, so two first saves at once would both insert, and PostgreSQL would refuse the second
    with an IntegrityError. On PostgreSQL a transaction-level advisory lock on the lookup comes first: the second
    waits, then finds the first's row and gets the conflict. SQLite's IMMEDIATE transactions serialize writers
    already. Call it inside the service's transaction.
    """
    if connection.vendor == "postgresql":
        key = f"{model._meta.label_lower}:{sorted((name, str(value)) for name, value in lookup.items())}"
        number = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])
    return model._base_manager.select_for_update().filter(**lookup).first()


@contextmanager
def editing(record, seen, *, message: str | None = None) -> Iterator:
    """A transaction in which `record` is locked and known to be the version `seen`; yields the row as locked."""
    with transaction.atomic():
        yield lock(record._meta.model, record.pk, seen=seen, message=message)


# --- who saved it ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LastSave:
    """Who saved a record last, and when (from its change history)."""

    who: str
    when: dt.datetime | None


def last_save(record) -> LastSave:
    history = getattr(record, "history", None)
    entry = None
    if history is not None:
        # The last row written, whatever its clock said: it is the save that made the current version.
        entry = history.select_related("history_user").order_by("-history_id").first()
    if entry is None:
        return LastSave(who=_("他人"), when=getattr(record, "updated_at", None))
    user = entry.history_user
    if user is None:
        return LastSave(who=_("系统"), when=entry.history_date)
    try:
        name = user.person.name
    except ObjectDoesNotExist:
        name = user.get_full_name() or user.get_username()
    return LastSave(who=name, when=entry.history_date)


def describe(record) -> str:
    """The refusal in words, for a message or an API answer: what was saved, by whom and when."""
    saved = last_save(record)
    when = timezone.localtime(saved.when).strftime("%Y-%m-%d %H:%M:%S") if saved.when else "—"
    return _("“%(record)s”已于 %(when)s 由 %(who)s 保存，您依据的是之前的版本，修改没有保存。") % {
        "record": record,
        "when": when,
        "who": saved.who,
    }
