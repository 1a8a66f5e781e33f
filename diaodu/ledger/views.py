"""The import page: upload a ledger, preview every row's result and every error, confirm, see the result.

The uploaded file stays on the server (MEDIA_ROOT/ledger/, under a random name kept in the user's
session) between the preview and the confirmation, and the confirmation imports that file with the
options of the preview the user saw — never data sent back by the browser. If the registry changed in
between so that the import would no longer do what was previewed, nothing is written and the new preview
is shown. Also: the template ledger to download.
"""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from diaodu.core.views import member_required
from diaodu.projects.exports import template_workbook
from diaodu.projects.models import Project

from .forms import OptionsForm, UploadForm
from .permissions import can_import_ledger
from .selectors import preview_headers, preview_rows
from .services import ledger_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "ledger_uploads"
RESULT_KEY = "ledger_result"
TOKEN = re.compile(r"^[0-9a-f]{32}$")
# Uploads nobody confirmed are removed after a day.
KEEP_SECONDS = 24 * 3600


def _check(request) -> None:
    if not can_import_ledger(request.user):
        raise PermissionDenied(_("只有项目办和管理员可以导入台账。"))


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "ledger"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _clean_old_uploads(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.glob("*.xlsx"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _upload(request, token: str) -> tuple[dict, Path]:
    """The session's record of an upload and its file; 404 for a token this user did not upload."""
    uploads = request.session.get(SESSION_KEY, {})
    if not TOKEN.match(token) or token not in uploads:
        raise Http404
    path = _folder() / f"{token}.xlsx"
    if not path.exists():
        uploads.pop(token, None)
        request.session.modified = True
        raise Http404
    return uploads[token], path


def _remember(request, token: str, record: dict) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = record
    request.session[SESSION_KEY] = uploads


@member_required
def import_upload(request):
    """Upload a ledger: it is checked at once and shown as a preview; nothing is written yet."""
    _check(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        folder = _folder()
        _clean_old_uploads(folder)
        token = secrets.token_hex(16)
        with open(folder / f"{token}.xlsx", "wb") as target:
            for chunk in form.cleaned_data["file"].chunks():
                target.write(chunk)
        _remember(
            request,
            token,
            {
                "name": Path(form.cleaned_data["file"].name).name[:200],
                "year": form.cleaned_data["year"],
                "skip_invalid": form.cleaned_data["skip_invalid"],
            },
        )
        return redirect("ledger-preview", token=token)
    return render(request, "ledger/upload.html", {"form": form})


@member_required
def import_preview(request, token: str):
    """Every row's result and every error, as a dry run; the options may be changed and the preview redone."""
    _check(request)
    record, path = _upload(request, token)
    options = OptionsForm(
        request.POST or None, initial={"year": record["year"], "skip_invalid": record["skip_invalid"]}
    )
    if request.method == "POST" and options.is_valid():
        record.update(year=options.cleaned_data["year"], skip_invalid=options.cleaned_data["skip_invalid"])
        _remember(request, token, record)
        return redirect("ledger-preview", token=token)
    result = ledger_import(
        workbook_path_or_file=path,
        year=record["year"],
        skip_invalid=record["skip_invalid"],
        dry_run=True,
        user=request.user,
    )
    record["digest"] = result.digest
    _remember(request, token, record)
    return render(request, "ledger/preview.html", _preview_context(token, record, result, options))


def _preview_context(token, record, result, options) -> dict:
    valid = result.valid
    return {
        "token": token,
        "file_name": record["name"],
        "result": result,
        "options": options,
        "headers": preview_headers(),
        "rows": preview_rows(result),
        "planned_created": sum(outcome.action == "create" for outcome in valid),
        "planned_updated": sum(outcome.action == "update" for outcome in valid),
        "planned_unchanged": sum(outcome.unchanged for outcome in valid),
        "new_people": [r.name for r in result.new_records if r.kind == "person"],
        "new_departments": [r.name for r in result.new_records if r.kind == "department"],
        "new_organisations": [r.name for r in result.new_records if r.kind == "organisation"],
    }


@require_POST
@member_required
def import_confirm(request, token: str):
    """Import exactly what the preview showed: the kept file, with the options of that preview."""
    _check(request)
    record, path = _upload(request, token)
    if "digest" not in record:
        return redirect("ledger-preview", token=token)
    result = ledger_import(
        workbook_path_or_file=path,
        year=record["year"],
        skip_invalid=record["skip_invalid"],
        dry_run=False,
        user=request.user,
        expected_digest=record["digest"],
    )
    if result.stale:
        messages.warning(request, _("台账或系统中的数据在预览后发生了变化，请核对新的预览后再确认导入。"))
        return redirect("ledger-preview", token=token)
    if not result.written:
        messages.error(request, _("台账有错误，没有导入任何数据。"))
        return redirect("ledger-preview", token=token)
    path.unlink(missing_ok=True)
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    request.session[RESULT_KEY] = {
        "file_name": record["name"],
        "at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "skipped_errors": len({error.row for error in result.errors}),
        "new_people": result.new_names("person"),
        "new_departments": result.new_names("department"),
        "new_organisations": result.new_names("organisation"),
        "projects": [
            [outcome.project_id, "unchanged" if outcome.unchanged else outcome.action] for outcome in result.valid
        ],
    }
    return redirect("ledger-result")


@member_required
def import_result(request):
    """What the last import wrote, with links to the projects."""
    _check(request)
    summary = request.session.get(RESULT_KEY)
    if not summary:
        return redirect("ledger-import")
    actions = dict(summary["projects"])
    projects = list(Project.objects.visible_to(request.user).filter(pk__in=actions).only("pk", "name", "stage"))
    order = {pk: index for index, (pk, _action) in enumerate(summary["projects"])}
    projects.sort(key=lambda project: order[project.pk])
    for project in projects:
        project.import_action = actions[project.pk]
    return render(request, "ledger/result.html", {"summary": summary, "projects": projects})


@member_required
def template_download(request):
    """The ledger layout to fill in: title, unit line, header and two example rows."""
    response = HttpResponse(template_workbook(), content_type=XLSX)
    filename = f"ledger-template-{timezone.localdate():%Y}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
