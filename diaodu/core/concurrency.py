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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django import forms
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, serializers

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TAG = re.compile(r'\s*(?:W/)?"([^"]*)"\s*|\s*([^",\s]+)\s*')

# The msgids of partials/edit_conflict.html, here so that `makemessages` run in diaodu/core finds them.
_TEMPLATE_MSGIDS = (
    gettext_noop("保存人"),
    gettext_noop("保存时间"),
    gettext_noop("字段"),
    gettext_noop("您填写的"),
    gettext_noop("当前已保存的"),
    gettext_noop("您填写的内容仍保留在表单中：核对后再次保存，即以您填写的为准；如要放弃，请重新打开本页。"),
)


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


# --- forms ----------------------------------------------------------------------------------------


@dataclass
class ConflictNotice:
    """What the conflict partial shows: the refusal, who saved and when, and the fields that differ."""

    message: str
    who: str
    when: dt.datetime | None
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    kept: bool = True  # the submitted values are still in the form (not so for a refused deletion)


def notice(conflict: EditConflict, *, kept: bool = False) -> ConflictNotice:
    """The partial's notice for a refusal that has no form to compare with (a deletion, a button)."""
    saved = last_save(conflict.current)
    return ConflictNotice(message=conflict.messages[0], who=saved.who, when=saved.when, kept=kept)


# A form field the record does not store (a comment sent with an action): not compared.
UNSTORED = object()


def _comparable(value):
    if isinstance(value, models.Model):
        return (value._meta.label, value.pk)
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return frozenset(_comparable(item) for item in value) or None
    if isinstance(value, str):
        return value.strip() or None
    return value


def _flat_choices(choices: Iterable) -> dict[str, str]:
    flat = {}
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.update(_flat_choices(label))
        else:
            flat[str(key)] = str(label)
    return flat


class VersionedFormMixin:
    """A form that carries the version of the record it edits and shows a conflict instead of overwriting.

    Put it first in the form's bases. The record is the ModelForm's `instance`, or `record=` for a plain form.
    `saved_value(record, name)` tells the conflict table what a field's saved value is; override it where a
    form field is not an attribute of the record. A form that creates its record when there is none yet (a
    year's quota) sets `track_new`: it then sends `NEW`, and finding a record on saving is a conflict (the
    service checks the row it finds: `if existing is not None: concurrency.check(existing, seen)`).
    """

    version_field = "version"
    track_new = False

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record if record is not None else getattr(self, "instance", None)
        self.loaded_version: str | None = None
        self.conflict: ConflictNotice | None = None
        if self.track_new or (self.record is not None and self.record.pk is not None):
            self.fields[self.version_field] = forms.CharField(
                label="",
                required=False,
                widget=forms.HiddenInput,
                initial=NEW if self.record is None else version_of(self.record),
            )

    def clean(self):
        data = super().clean()
        data = self.cleaned_data if data is None else data
        self.loaded_version = data.pop(self.version_field, None) or None
        return data

    def saved_value(self, record, name: str):
        """The record's saved value for the form field `name`; UNSTORED leaves the field out of the table."""
        try:
            model_field = record._meta.get_field(name)
        except FieldDoesNotExist:
            return getattr(record, name, UNSTORED)
        if model_field.many_to_many:
            return list(getattr(record, name).all())
        return getattr(record, name)

    def display(self, form_field, value) -> str:
        if value is None or value == "" or value == [] or value == ():
            return "—"
        if isinstance(value, models.QuerySet | list | tuple | set):
            return "、".join(self.display(form_field, item) for item in value)
        if isinstance(value, models.Model):
            return str(value)
        if isinstance(value, bool):
            return _("是") if value else _("否")
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return f"{value:f}"
        choices = getattr(form_field, "choices", None)
        if choices is not None and not isinstance(form_field, forms.ModelChoiceField):
            return _flat_choices(choices).get(str(value), str(value))
        return str(value)

    def differences(self, record) -> list[tuple[str, str, str]]:
        """(label, submitted, saved) for each visible field whose submitted value differs from the saved one."""
        rows = []
        for name, form_field in self.fields.items():
            if name == self.version_field or form_field.widget.is_hidden or name not in self.cleaned_data:
                continue
            submitted, saved = self.cleaned_data[name], self.saved_value(record, name)
            if saved is UNSTORED or _comparable(submitted) == _comparable(saved):
                continue
            rows.append(
                (str(form_field.label or name), self.display(form_field, submitted), self.display(form_field, saved))
            )
        return rows

    def show_conflict(self, conflict: EditConflict) -> None:
        """Keep the submitted values, move the hidden version to the current record's, describe the conflict."""
        current = conflict.current
        saved = last_save(current)
        self.conflict = ConflictNotice(
            message=conflict.messages[0], who=saved.who, when=saved.when, rows=self.differences(current)
        )
        self.rebase(current)

    def rebase(self, record) -> None:
        """Point the hidden version at `record`: sending the form again overwrites it knowingly."""
        data = self.data.copy()
        data[self.add_prefix(self.version_field)] = version_of(record)
        self.data = data


def formset_save(formset, *, reason: str = "") -> bool:
    """Save a model formset of VersionedFormMixin forms in one transaction, each changed row checked.

    Returns False (nothing written, the conflicting row's form showing its conflict) when a row was saved by
    someone else since the page was loaded.
    """
    try:
        with transaction.atomic():
            for form in formset.initial_forms:
                if form.has_changed():
                    try:
                        lock(form.instance._meta.model, form.instance.pk, seen=form.loaded_version)
                    except EditConflict as conflict:
                        form.show_conflict(conflict)
                        raise
            for record in formset.save(commit=False):
                if reason:
                    record._change_reason = reason
                record.save()
    except EditConflict:
        return False
    return True


# --- API ------------------------------------------------------------------------------------------


class PreconditionFailed(exceptions.APIException):
    """412: the `If-Match` (or the body's `version`) names a version that is no longer the record's."""

    status_code = 412
    default_code = "precondition_failed"
    default_detail = "Precondition failed."

    def __init__(self, detail: str, *, etag: str | None, current: dict | None):
        super().__init__(detail)
        self.etag = etag
        self.current = current


class PreconditionFailedSerializer(serializers.Serializer):
    """The answer to a stale `If-Match`: the API's error shape with the record as saved now."""

    class PreconditionFailedBody(serializers.Serializer):
        status = serializers.IntegerField(help_text="412")
        code = serializers.CharField(help_text="precondition_failed")
        message = serializers.CharField(help_text="who saved the record, and when")
        etag = serializers.CharField(allow_null=True, help_text="the record's current ETag (also in the header)")
        current = serializers.DictField(
            allow_null=True, help_text="the record as saved now, in the shape a GET of it answers"
        )

    error = PreconditionFailedBody()


IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "The ETag you read (from a GET of the record, or the answer to your last write). A record saved by "
        "someone else since is not written: the answer is 412 with the current record. Without the header the "
        "write is made unchecked (older clients); `*` matches any version."
    ),
)


def _etag_header(codes: list[int]) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        str,
        OpenApiParameter.HEADER,
        response=codes,
        description="The record's version; send it back as If-Match to write it.",
    )


class ETagAutoSchema(AutoSchema):
    """Documents `If-Match`, the `ETag` answered and the 412 on the writes of `ETagMixin` viewsets."""

    def _is_conditional(self) -> bool:
        if self.method in ("PUT", "PATCH", "DELETE"):
            return True
        return self.method == "POST" and bool(getattr(self.view, "detail", False))

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._is_conditional():
            parameters += [IF_MATCH, _etag_header([200, 201])]
        elif self.method == "GET" and getattr(self.view, "action", None) == "retrieve":
            parameters.append(_etag_header([200]))
        return parameters

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None and self._is_conditional():
            # Here rather than in get_response_serializers, which an action's @extend_schema(responses=…) replaces.
            body = self.resolve_serializer(PreconditionFailedSerializer, "response")
            operation["responses"].setdefault(
                "412",
                {
                    "headers": {"ETag": {"schema": {"type": "string"}, "description": "the record's current version"}},
                    "content": {media: {"schema": body.ref} for media in self.map_renderers("media_type")},
                    "description": "Saved by someone else since the version named in If-Match (or the body's "
                    "`version`): nothing was written.",
                },
            )
        return operation


class ETagMixin:
    """Optimistic concurrency for a viewset: `ETag` on reads of one record, `If-Match` on its writes.

    Put it first in the viewset's bases. It wraps whatever handler answers a PUT, PATCH, DELETE or POST
    on one record (the viewset's own `update`, `destroy`, or a detail action), so a custom `update`
    needs nothing more.
    """

    schema = ETagAutoSchema()

    def get_object(self):
        record = super().get_object()
        self._etag_record = record
        return record

    def _is_detail_route(self) -> bool:
        return (self.lookup_url_kwarg or self.lookup_field) in self.kwargs

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        name = request.method.lower()
        handler = getattr(self, name, None)
        if handler is not None and name in ("put", "patch", "delete", "post") and self._is_detail_route():
            # Authentication and permissions are done; `dispatch` looks the handler up next.
            setattr(self, name, partial(self._write_if_match, handler))

    def _write_if_match(self, handler, request, *args, **kwargs):
        record = self.get_object()  # 404 for what the caller may not see, 403 for what he may not change
        model = record._meta.model
        try:
            with transaction.atomic():
                lock(model, record.pk, seen=request.headers.get("If-Match"))
                response = handler(request, *args, **kwargs)
                current = model._base_manager.filter(pk=record.pk).first()
        except EditConflict:
            raise self.precondition_failed(record.pk) from None
        if current is not None and response.status_code < 300:
            response["ETag"] = etag_for(current)
        return response

    def precondition_failed(self, pk) -> PreconditionFailed:
        current = self.get_queryset().filter(pk=pk).first()
        if current is None:
            return PreconditionFailed(_("这条记录已不存在。"), etag=None, current=None)
        return PreconditionFailed(describe(current), etag=etag_for(current), current=self.get_serializer(current).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and getattr(self, "action", None) == "retrieve":
            record = getattr(self, "_etag_record", None)
            if record is not None:
                response["ETag"] = etag_for(record)
        elif response.status_code == 201 and request.method == "POST" and not self._is_detail_route():
            created = response.data.get("id") if isinstance(response.data, dict) else None
            if created is not None:
                record = self.get_queryset().model._base_manager.filter(pk=created).first()
                if record is not None:
                    response["ETag"] = etag_for(record)
        return response
