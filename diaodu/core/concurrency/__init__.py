"""No lost writes: optimistic concurrency for every edit form and every API write.

Two people saving the same record at once: the second is told, and nothing is silently lost.

**The version of a record** is its `updated_at` (every business model has it: `auto_now`, microseconds on
SQLite and PostgreSQL), written as microseconds since the epoch: `version_of(record)` → `"1767225600123456"`,
`etag_for(record)` → `'"1767225600123456"'`. No migration, no counter to keep. Writes that are not edits
(`bulk_update` of computed fields: schedules, deadlines) leave `updated_at` alone and so do not conflict.
A model that already counts its saves (`Parcel.version`, `Company.version`, `Lead.version`) keeps that
counter working beside it.

**The check** is always the same: lock the row inside the transaction that writes it, compare its version
with the one the editor loaded, refuse with `EditConflict` (a `ValidationError` that carries the current
record) when they differ. A write that names no version is not checked: older clients keep working.

In a service (preferred), with `seen` the version the editor loaded::

    @transaction.atomic
    def parcel_update(*, user, parcel, seen: str | None = None, **fields):
        current = concurrency.lock(Parcel, parcel.pk, seen=seen)   # SELECT … FOR UPDATE, then compare
        ...

In a view that writes without a service::

    with concurrency.editing(project, form.loaded_version):      # atomic + lock + compare
        form.save()

**Forms**: put `VersionedFormMixin` first in the form's bases. It adds a hidden `version` field rendered
from the record as loaded (the ModelForm's `instance`, or `record=` for a plain form) and leaves the
submitted value in `form.loaded_version`. On `EditConflict` the view calls `form.show_conflict(conflict)`
and renders the form again: nothing was written, the submitted values stay in the form, the hidden
version moves to the current one (saving again is a deliberate overwrite), and the template shows
`{% include "partials/edit_conflict.html" with conflict=form.conflict %}`: who saved, when, and a table of
the fields that differ, 您填写的 beside 当前已保存的::

    if request.method == "POST" and form.is_valid():
        try:
            parcel_update(user=request.user, parcel=parcel, seen=form.loaded_version, **form.cleaned_data)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except ValidationError as error:
            ...

A model formset of such forms is saved with `formset_save(formset, reason=…)`, which checks every
changed row. Templates without a Django form (a button on a list) send `{{ record|version }}` from
`{% load concurrency %}` in a hidden input named `version`.

**API** (Django REST framework): put `ETagMixin` first in a viewset's bases. A GET of one record answers
an `ETag` header. PUT, PATCH, DELETE and the POST actions of one record honour `If-Match`: the record is
locked in the transaction of the write (whatever the viewset's own `update` does, custom or not) and a
stale tag is answered `412 Precondition Failed` in the API's error shape, with the current record under
`error.current` and its tag in the `ETag` header, so that a client can show both versions. A service's
`EditConflict` (a stale `version` in the body) is answered the same way. Every successful write answers
the new `ETag`. The header, the 412 and the `ETag` are documented in the OpenAPI schema.

The package: `versions` (the version, the locked check, who saved last), `forms` (the form mixin, the
conflict notice, formsets), `api` (`ETagMixin` and its schema). Import from the package itself.
"""

from .api import (
    IF_MATCH,
    ETagAutoSchema,
    ETagMixin,
    PreconditionFailed,
    PreconditionFailedSerializer,
)
from .forms import UNSTORED, ConflictNotice, VersionedFormMixin, formset_save, notice
from .versions import (
    EPOCH,
    NEW,
    EditConflict,
    LastSave,
    check,
    describe,
    editing,
    etag_for,
    is_stale,
    last_save,
    lock,
    lock_or_none,
    parse_versions,
    version_of,
)

__all__ = [
    "EPOCH",
    "IF_MATCH",
    "NEW",
    "UNSTORED",
    "ConflictNotice",
    "ETagAutoSchema",
    "ETagMixin",
    "EditConflict",
    "LastSave",
    "PreconditionFailed",
    "PreconditionFailedSerializer",
    "VersionedFormMixin",
    "check",
    "describe",
    "editing",
    "etag_for",
    "formset_save",
    "is_stale",
    "last_save",
    "lock",
    "lock_or_none",
    "notice",
    "parse_versions",
    "version_of",
]
