"""Writes of dispatch meetings: create and edit a meeting, its agenda, its decisions, and hold it.

Every write checks who may make it, runs in a transaction and leaves a history entry with its author.
The writes that change what an editor was shown (a meeting's details, its minutes, an agenda item) take `seen`,
the version the editor loaded (see `diaodu.core.concurrency`): a record saved since is refused with
`EditConflict` and nothing is written. Adding an agenda item or a decision changes nothing anyone was shown
(an agenda names a project once; a decision becomes a new issue), so it needs no version.
A decision is turned into a coordination issue by coordination's own service (`issue_raise`), which
assigns it to the department with the due date of its category's SLA; the decision keeps a link to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.coordination.choices import IssueSource
from diaodu.coordination.models import IssueCategory
from diaodu.coordination.services import issue_raise
from diaodu.core import concurrency
from diaodu.org.models import Department, Person
from diaodu.projects.models import Project

from .choices import MeetingKind, MeetingStatus
from .models import AgendaItem, Decision, Meeting
from .permissions import may_add_decision, may_edit_meeting
from .selectors import agenda_proposals

EDITABLE_FIELDS = ("date", "kind", "title", "chair", "location")
ISSUE_TITLE_LENGTH = 200


def _save(record, *, user: AbstractBaseUser | None, reason: str) -> None:
    record._change_reason = reason
    if user is not None:
        record._history_user = user  # the history names the actor outside a request too (API, commands)
    record.save()


def _check_editor(user, meeting: Meeting | None = None) -> None:
    if not may_edit_meeting(user, meeting):
        raise PermissionDenied(_("只有项目办和管理员可以安排和记录调度会。"))


def default_title(kind: str, day: dt.date) -> str:
    """“2026年11月23日周调度会” where the office gives no name."""
    return _("%(year)d年%(month)d月%(day)d日%(kind)s会") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
        "kind": MeetingKind(kind).label,
    }


@transaction.atomic
def meeting_create(
    *,
    user: AbstractBaseUser,
    date: dt.date,
    kind: str = MeetingKind.WEEKLY,
    title: str = "",
    chair: Person | None = None,
    attendees: Iterable[Person] = (),
    departments: Iterable[Department] = (),
    location: str = "",
) -> Meeting:
    """Schedule a meeting (筹备); its agenda, decisions and minutes follow."""
    _check_editor(user)
    meeting = Meeting(
        date=date,
        kind=kind,
        title=(title or "").strip() or default_title(kind, date),
        chair=chair,
        location=(location or "").strip(),
        status=MeetingStatus.PLANNED,
    )
    meeting.full_clean(exclude=["chair"])
    _save(meeting, user=user, reason=_("安排调度会"))
    meeting.attendees.set(attendees)
    meeting.departments.set(departments)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    user: AbstractBaseUser,
    meeting: Meeting,
    attendees: Iterable[Person] | None = None,
    departments: Iterable[Department] | None = None,
    seen: str | None = None,
    **fields,
) -> Meeting:
    """Change a meeting's date, kind, name, chair, place, attendees (refused when saved since `seen`)."""
    unknown = ", ".join(sorted(set(fields) - set(EDITABLE_FIELDS)))
    if unknown:
        raise ValidationError(_("不能直接修改：%(fields)s。") % {"fields": unknown})
    meeting = concurrency.lock(Meeting, meeting.pk, seen=seen)
    _check_editor(user, meeting)
    for name, value in fields.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    if not meeting.title:
        meeting.title = default_title(meeting.kind, meeting.date)
    meeting.full_clean(exclude=["chair"])
    _save(meeting, user=user, reason=_("修改调度会"))
    if attendees is not None:
        meeting.attendees.set(attendees)
    if departments is not None:
        meeting.departments.set(departments)
    return meeting


def _next_order(meeting: Meeting, model) -> int:
    last = model.objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def agenda_add(*, user: AbstractBaseUser, meeting: Meeting, project: Project, reason: str = "") -> AgendaItem:
    """Put a project on the agenda (once), with why."""
    _check_editor(user, meeting)
    if AgendaItem.objects.filter(meeting=meeting, project=project).exists():
        raise ValidationError({"project": _("“%(name)s”已在议程中。") % {"name": project.name}})
    item = AgendaItem(meeting=meeting, project=project, reason=reason.strip(), order=_next_order(meeting, AgendaItem))
    _save(item, user=user, reason=_("列入议程"))
    return item


@transaction.atomic
def agenda_remove(*, user: AbstractBaseUser, item: AgendaItem, seen: str | None = None) -> None:
    """Take a project off the agenda; refused when the item was changed since `seen`."""
    _check_editor(user, item.meeting)
    item = concurrency.lock(AgendaItem, item.pk, seen=seen)
    item._change_reason = _("移出议程")
    item._history_user = user
    item.delete()


@transaction.atomic
def meeting_propose_agenda(*, user: AbstractBaseUser, meeting: Meeting) -> list[AgendaItem]:
    """Add the proposed projects not yet on the agenda: red and yellow lights, escalated issues, with why."""
    _check_editor(user, meeting)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # two clicks must not add twice
    present = set(AgendaItem.objects.filter(meeting=meeting).values_list("project_id", flat=True))
    order = _next_order(meeting, AgendaItem)
    added = []
    for proposal in agenda_proposals(user):
        if proposal.project.pk in present:
            continue
        item = AgendaItem(meeting=meeting, project=proposal.project, reason=proposal.reason, order=order)
        _save(item, user=user, reason=_("按亮灯和督办情况列入议程"))
        added.append(item)
        order += 1
    return added


def _issue_title(text: str) -> str:
    """The issue's title: the decision's first line, cut to the title's length."""
    first = text.strip().splitlines()[0].strip()
    return first if len(first) <= ISSUE_TITLE_LENGTH else first[: ISSUE_TITLE_LENGTH - 1] + "…"


@transaction.atomic
def decision_add(
    *,
    user: AbstractBaseUser,
    meeting: Meeting,
    text: str,
    department: Department,
    category: IssueCategory,
    project: Project | None = None,
    due_date: dt.date | None = None,
) -> Decision:
    """Record a decision (议定事项) and assign it as a coordination issue to its department.

    The issue comes from coordination's `issue_raise` (source 调度会, the meeting's name as its note), so
    it is assigned at once, due on the date the meeting set (or, without one, by its category's SLA in working
    days), and is followed, reminded and escalated like every other issue. The decision keeps its department,
    due date and link.
    """
    if not may_add_decision(user, meeting):
        raise PermissionDenied(_("只有项目办可以记录议定事项并交办（交办问题须有交办权限）。"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写议定事项。")})
    if department is None:
        raise ValidationError({"department": _("请选择承办部门。")})
    issue = issue_raise(
        user=user,
        category=category,
        title=_issue_title(text),
        description=_("%(meeting)s（%(date)s）议定：%(text)s")
        % {"meeting": meeting.title, "date": meeting.date.isoformat(), "text": text},
        project=project,
        source=IssueSource.MEETING,
        source_note=meeting.title[:200],
        department=department,
        due_date=due_date,
    )
    decision = Decision(
        meeting=meeting,
        text=text,
        department=department,
        due_date=issue.due_date,
        project=project,
        issue=issue,
        order=_next_order(meeting, Decision),
    )
    _save(decision, user=user, reason=_("议定事项交办"))
    return decision


@transaction.atomic
def meeting_hold(*, user: AbstractBaseUser, meeting: Meeting, minutes: str, seen: str | None = None) -> Meeting:
    """Record the meeting as held (已召开) with its minutes (会议纪要); the minutes may be corrected later.

    Two secretaries correcting the minutes at once: the one who loaded an older version is refused (`seen`).
    """
    meeting = concurrency.lock(Meeting, meeting.pk, seen=seen)
    _check_editor(user, meeting)
    minutes = (minutes or "").strip()
    if meeting.date > timezone.localdate():
        raise ValidationError(_("会议日期（%(date)s）还未到，不能记为已召开。") % {"date": meeting.date.isoformat()})
    if not minutes:
        raise ValidationError({"minutes": _("请填写会议纪要。")})
    reason = _("修改会议纪要") if meeting.is_held else _("会议已召开")
    meeting.minutes = minutes
    meeting.status = MeetingStatus.HELD
    _save(meeting, user=user, reason=reason)
    return meeting
