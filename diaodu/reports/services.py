"""Writes of the bulletins: request one, generate it in the background, write its files, the weekly one.

Files are written atomically: each goes to a temporary file beside its final name and is renamed into
place once complete, and the bulletin row names its files and turns 已生成 in one update after all three
are in place. A process killed mid-way leaves at most a stray temporary file, never a half-written file
under a final name nor a row that points at one; `bulletins_fail_stalled` marks such a bulletin failed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from diaodu.core.faults import pause_point
from diaodu.meetings.models import Meeting

from .bulletin import build_bulletin
from .choices import BulletinFormat, BulletinStatus
from .models import Bulletin
from .outline import Outline, outline
from .permissions import may_request_bulletin
from .render import RENDERERS

logger = logging.getLogger(__name__)

# The weekday of the weekly bulletin (0 = Monday); it covers the week up to the day before.
WEEKLY_WEEKDAY = getattr(settings, "DIAODU_BULLETIN_WEEKDAY", 0)
STALLED_AFTER = dt.timedelta(hours=1)
FILE_MODE = settings.FILE_UPLOAD_PERMISSIONS or 0o644
# Progress after each step: the data, then the Word, PDF and Excel files.
STEPS = {"data": 30, "docx": 45, "pdf": 85, "xlsx": 95}


def bulletin_outline(as_of: dt.date, meeting_id: int | None = None) -> Outline:
    return outline(build_bulletin(as_of, meeting_id))


def bulletin_file(fmt: str, as_of: dt.date, meeting_id: int | None = None) -> bytes:
    """One format of the bulletin of a date (and meeting), made now."""
    return RENDERERS[BulletinFormat(fmt).value](bulletin_outline(as_of, meeting_id))


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to `path` so that the path holds either nothing, its old content, or all of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)  # mkstemp makes it private; a stored file is read by the web server
        pause_point("bulletin_write")  # the bytes are written, not yet under their name
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def default_as_of(meeting: Meeting | None = None) -> dt.date:
    """A meeting's bulletin is as of its date (today at the latest); otherwise as of today."""
    today = timezone.localdate()
    return min(meeting.date, today) if meeting is not None else today


@transaction.atomic
def bulletin_request(
    *,
    user: AbstractBaseUser | None,
    as_of: dt.date | None = None,
    meeting: Meeting | None = None,
    weekly: bool = False,
) -> Bulletin:
    """Queue a bulletin; the task makes its files and shows its progress. `user` None: the weekly job."""
    if user is not None and not may_request_bulletin(user):
        raise PermissionDenied(_("只有项目办和管理员可以生成调度通报。"))
    as_of = as_of or default_as_of(meeting)
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": _("截至日期不能晚于今天。")})
    bulletin = Bulletin(as_of=as_of, meeting=meeting, created_by=user, weekly=weekly)
    bulletin._change_reason = _("申请生成调度通报")
    if user is not None:
        bulletin._history_user = user
    bulletin.save()
    from .tasks import generate_bulletin

    # After the commit: the worker must find the row.
    transaction.on_commit(partial(generate_bulletin.enqueue, bulletin.pk), robust=True)
    return bulletin


def _progress(pk: int, percent: int) -> None:
    # Progress is bookkeeping, not history: a plain update (no history entry per step).
    Bulletin.objects.filter(pk=pk).update(progress=percent, updated_at=timezone.now())


def bulletin_generate(bulletin_id: int) -> str:
    """Make a queued bulletin's three files; returns its final status. Safe to call twice (the second does nothing)."""
    claimed = Bulletin.objects.filter(pk=bulletin_id, status=BulletinStatus.QUEUED).update(
        status=BulletinStatus.RUNNING, progress=1, started_at=timezone.now(), updated_at=timezone.now()
    )
    if not claimed:
        return Bulletin.objects.filter(pk=bulletin_id).values_list("status", flat=True).first() or "missing"
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    root = Path(settings.MEDIA_ROOT)
    names = {}
    try:
        with translation.override(settings.LANGUAGE_CODE):
            document = bulletin_outline(bulletin.as_of, bulletin.meeting_id)
            _progress(bulletin.pk, STEPS["data"])
            for fmt in BulletinFormat:
                name = f"bulletins/{bulletin.as_of:%Y}/bulletin-{bulletin.as_of:%Y%m%d}-{bulletin.pk}.{fmt.value}"
                write_atomically(root / name, RENDERERS[fmt.value](document))
                names[fmt.value] = name
                _progress(bulletin.pk, STEPS[fmt.value])
                pause_point("bulletin_generate")  # a file in place, the row not yet naming it
    except Exception as error:
        logger.exception("Bulletin %s failed", bulletin.pk)
        Bulletin.objects.filter(pk=bulletin.pk).update(
            status=BulletinStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], updated_at=timezone.now()
        )
        return BulletinStatus.FAILED
    # One update names all three files and marks the bulletin done.
    Bulletin.objects.filter(pk=bulletin.pk).update(
        status=BulletinStatus.DONE, progress=100, finished_at=timezone.now(), updated_at=timezone.now(), **names
    )
    return BulletinStatus.DONE


def bulletins_fail_stalled(*, now: dt.datetime | None = None) -> int:
    """Bulletins left running by a process that died (no progress for an hour) are marked failed."""
    now = now or timezone.now()
    return Bulletin.objects.filter(status=BulletinStatus.RUNNING, updated_at__lt=now - STALLED_AFTER).update(
        status=BulletinStatus.FAILED, error=_("生成中断（进程意外退出），请重新生成。"), updated_at=now
    )


def weekly_bulletin(as_of: dt.date | None = None) -> str:
    """The nightly job: on the weekly bulletin's weekday, queue the bulletin of the week just ended (once)."""
    today = as_of or timezone.localdate()
    stalled = bulletins_fail_stalled()
    if today.weekday() != WEEKLY_WEEKDAY:
        return f"no weekly bulletin today; {stalled} stalled marked failed"
    week_end = today - dt.timedelta(days=1)
    if Bulletin.objects.filter(as_of=week_end, weekly=True).exclude(status=BulletinStatus.FAILED).exists():
        return f"weekly bulletin of {week_end} already exists"
    bulletin = bulletin_request(user=None, as_of=week_end, weekly=True)
    return f"weekly bulletin of {week_end} queued (#{bulletin.pk})"
