"""Forms that carry the version they loaded and show a conflict (您填写的 beside 当前已保存的) instead of overwriting.

See the package's docstring (`diaodu.core.concurrency`) for how the pieces fit together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .versions import NEW, EditConflict, last_save, lock, version_of

# The msgids of partials/edit_conflict.html, here so that `makemessages` run in diaodu/core finds them.
_TEMPLATE_MSGIDS = (
    gettext_noop("保存人"),
    gettext_noop("保存时间"),
    gettext_noop("字段"),
    gettext_noop("您填写的"),
    gettext_noop("当前已保存的"),
    gettext_noop("您填写的内容仍保留在表单中：核对后再次保存，即以您填写的为准；如要放弃，请重新打开本页。"),
)


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
