"""One status change (or settings save) from a page: the version check, the service, the message, the answer.

Land, funding, investment and coordination each had the same view body: check the form, call the service, put
its refusal next to the fields, say what was done, redirect (an htmx request is sent on with `HX-Redirect`).
`change_status` is that body once, with the version check in front of the service: the record is locked and
compared with the version the page was loaded with (the form's hidden `version`, see `diaodu.core.concurrency`)
before the service looks at it, so a move made from a stale page is refused with the conflict (您填写的 beside
当前已保存的) even where the service's state rules would also refuse it, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect

from . import concurrency
from .concurrency import EditConflict


def add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal next to the fields it names (the form's top for the others)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def flash_errors(request, form, record=None) -> None:
    """A form's errors (and its conflict) as messages, for a page that redirects instead of showing the form."""
    if getattr(form, "conflict", None) is not None and record is not None:
        messages.error(request, concurrency.describe(record))
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}：{message}" if label else message)


def change_status(
    request,
    form,
    *,
    record,
    service: Callable,
    done: str | Callable,
    to: str | Callable,
    refused: Callable[[object], HttpResponse] | None = None,
    checked: bool = True,
) -> HttpResponse:
    """Validate `form`, then, with `record` locked and checked against the form's version, call `service`.

    `service(**form.cleaned_data)` makes the change (a lambda binding user and record); `done` is the success
    message (or a function of the service's result), `to` the URL to go to (likewise). `refused(form)` answers
    when the form is invalid, the version is stale (`form.conflict` set) or the service refused (errors on the
    form). Without `refused`, the errors and the conflict become messages on the page `to` (a URL) goes back to.
    `checked=False` skips the version check, for an action that only adds (an answer in a thread).
    """
    if refused is None:

        def refused(form):
            flash_errors(request, form, record)
            return redirect(to)

    if not form.is_valid():
        if checked and _stale_form(form, record):
            # The choices offered now follow the saved record, which may no longer offer the one asked for:
            # the conflict says why, not the choice field.
            form.errors.clear()
            form.show_conflict(EditConflict(record))
        return refused(form)
    seen = getattr(form, "loaded_version", None) if checked else None
    try:
        with transaction.atomic():
            concurrency.lock(record._meta.model, record.pk, seen=seen)
            result = service(**form.cleaned_data)
    except EditConflict as conflict:
        form.show_conflict(conflict)
    except ValidationError as error:
        add_errors(form, error)
    else:
        messages.success(request, done(result) if callable(done) else done)
        url = to(result) if callable(to) else to
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return refused(form)


def _stale_form(form, record) -> bool:
    version_field = getattr(form, "version_field", None)
    if version_field is None or version_field not in form.fields:
        return False
    return concurrency.is_stale(record, form.data.get(form.add_prefix(version_field)))


def save_settings(request, form, *, reason: str, done: str, to: str) -> HttpResponse | None:
    """Save a one-row settings form (a `VersionedFormMixin` model form) unless someone saved the row since.

    Answers the redirect on success, None when the form is invalid or stale (its errors or conflict showing).
    """
    if not form.is_valid():
        return None
    try:
        with concurrency.editing(form.instance, form.loaded_version):
            record = form.save(commit=False)
            record._change_reason = reason
            record.save()
    except EditConflict as conflict:
        form.show_conflict(conflict)
        return None
    messages.success(request, done)
    return redirect(to)
