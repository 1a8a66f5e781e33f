"""The audit trail across every business record: who changed what and when, before and after; restoring a
deleted record from its history.

Every BaseModel keeps its changes through django-simple-history, one history table per model. The trail reads
those tables: one query per history table whatever the number of rows (a model filter makes it one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def tracked_models() -> dict[str, type[Model]]:
    """label ("app.model") → model, for every model whose changes are kept."""
    return {
        model._meta.label_lower: model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    }


def history_model(model: type[Model]):
    return getattr(model, model._meta.simple_history_manager_attribute).model


@dataclass
class Entry:
    """One change of one record."""

    label: str
    model: type[Model]
    record: object  # the historical row

    @property
    def action(self) -> str:
        return ACTIONS[self.record.history_type]

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)


def audit_entries(
    *,
    label: str | None = None,
    user_id: int | None = None,
    action: str | None = None,
    since: dt.date | None = None,
    until: dt.datetime | None = None,
    object_id: int | None = None,
    limit: int = 50,
) -> list[Entry]:
    """The latest `limit` changes matching the filters, newest first, across every tracked model."""
    models = tracked_models()
    if label:
        models = {label: models[label]} if label in models else {}
    entries: list[Entry] = []
    for model_label, model in models.items():
        rows = history_model(model).objects.select_related("history_user")
        if user_id:
            rows = rows.filter(history_user_id=user_id)
        if action:
            rows = rows.filter(history_type={v: k for k, v in ACTIONS.items()}[action])
        if since:
            rows = rows.filter(history_date__date__gte=since)
        if until:
            rows = rows.filter(history_date__lt=until)
        if object_id:
            rows = rows.filter(id=object_id)
        entries.extend(Entry(model_label, model, row) for row in rows.order_by("-history_date", "-history_id")[:limit])
    entries.sort(key=lambda entry: (entry.record.history_date, entry.record.history_id), reverse=True)
    return entries[:limit]


def entry_for(label: str, history_id: int) -> Entry:
    model = tracked_models().get(label)
    if model is None:
        raise ObjectDoesNotExist(label)
    row = history_model(model).objects.select_related("history_user").get(history_id=history_id)
    return Entry(label, model, row)


def entry_changes(entry: Entry) -> list[tuple[str, object, object]]:
    """(field name, before, after) of the change; every field for a creation or a deletion."""
    record = entry.record
    previous = record.prev_record
    fields = [f for f in entry.model._meta.concrete_fields]
    names = {f.attname: str(f.verbose_name) for f in fields}
    if record.history_type == "~" and previous is not None:
        delta = record.diff_against(previous)
        return [(names.get(c.field, c.field), c.old, c.new) for c in delta.changes]
    if record.history_type == "-":
        return [(names[f.attname], getattr(record, f.attname), None) for f in fields]
    return [(names[f.attname], None, getattr(record, f.attname)) for f in fields]


def record_restore(*, entry: Entry, user) -> Model:
    """Bring back a deleted record as it was when deleted, with the same id; the restore is itself in history."""
    record = entry.record
    if record.history_type != "-":
        raise ValidationError(_("只能恢复已删除的记录。"))
    model = entry.model
    if model._default_manager.filter(pk=record.id).exists():
        raise ValidationError(_("该记录已存在，无需恢复。"))
    instance = record.instance
    for field in model._meta.concrete_fields:
        target = getattr(instance, field.attname) if field.is_relation and field.many_to_one else None
        if target is not None and not field.related_model._base_manager.filter(pk=target).exists():
            raise ValidationError(
                _("无法恢复：它的“%(field)s”引用的记录（编号 %(id)s）已不存在，请先恢复那条记录。")
                % {"field": field.verbose_name, "id": target}
            )
    instance._history_user = user
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
            if hasattr(record, "created_at"):  # auto_now_add stamped it now; it was created long before
                model._default_manager.filter(pk=record.id).update(created_at=record.created_at)
    except IntegrityError as error:
        raise ValidationError(
            _("无法恢复：它引用的记录已不存在或与现有记录冲突（%(error)s）。") % {"error": error}
        ) from error
    return instance
