"""Writes of issue coordination: the life cycle of an issue, its escalation ladder and its reminders.

Every transition locks the issue's row, checks who may take it and from which status, writes a history
entry with the reason and one entry of the issue's thread, and, once committed, sends `issue_changed`.
Refusals raise PermissionDenied (who) or ValidationError (what, or when) with a message in Chinese.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import workdays
from diaodu.core.access import access_for
from diaodu.org.choices import Role
from diaodu.org.models import Department, Person
from diaodu.projects.models import Project

from . import notifications
from .choices import ACTION_FROM, UNRESOLVED, WITH_DEPARTMENT, EscalationLevel, IssueSource, IssueStatus, ResponseKind
from .models import EscalationSettings, Issue, IssueAttachment, IssueCategory, IssueResponse, SupervisionNotice
from .permissions import may_assign, may_attach, may_close, may_raise, may_reopen, may_resolve, may_respond
from .signals import issue_changed

if TYPE_CHECKING:
    from diaodu.progress.models import ProgressReport

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


# --- helpers --------------------------------------------------------------------------------------


def _lock(issue: Issue) -> Issue:
    # Lock the row: a department resolving while the dispatch office reassigns (or two clicks on one
    # button) must not both pass the status check. The fresh row is what the checks then read.
    return Issue.objects.select_for_update().get(pk=issue.pk)


def _check_status(issue: Issue, action: str, label: str) -> None:
    if issue.status not in ACTION_FROM[action]:
        allowed = "、".join(str(IssueStatus(status).label) for status in IssueStatus if status in ACTION_FROM[action])
        raise ValidationError(
            _("问题当前为“%(status)s”，不能%(action)s；只有“%(allowed)s”的问题可以%(action)s。")
            % {"status": issue.get_status_display(), "action": label, "allowed": allowed}
        )


def _save(issue: Issue, *, user: AbstractBaseUser | None, reason: str) -> None:
    issue._change_reason = reason
    if user is not None:
        issue._history_user = user  # the history names the actor outside a request too (API, commands)
    issue.save()


def _log(issue: Issue, *, user: AbstractBaseUser | None, kind: str, text: str) -> IssueResponse:
    response = IssueResponse(
        issue=issue, author=user, person_id=access_for(user).person_id if user else None, kind=kind, text=text
    )
    if user is not None:
        response._history_user = user
    response.save()
    return response


def _changed(issue: Issue) -> None:
    # After the commit: a listener that reads the issues (the traffic light) must see this change, and a
    # listener's failure must not undo it.
    transaction.on_commit(
        partial(issue_changed.send, sender=Issue, issue_id=issue.pk, project_id=issue.project_id), robust=True
    )


def _url(issue: Issue) -> str:
    return reverse("issue-detail", args=[issue.pk])


def _department_people(department: Department | None) -> list[Person]:
    """Who hears about the issues of a department: its users with the department role, else its head."""
    if department is None:
        return []
    people = list(
        Person.objects.filter(
            department=department, is_active=True, user__is_active=True, user__groups__name=Role.DEPARTMENT
        ).distinct()
    )
    if not people and department.head_id:
        people = [department.head]
    return people


def _zone_leaders() -> list[Person]:
    return list(
        Person.objects.filter(is_active=True, user__is_active=True, user__groups__name=Role.ZONE_LEADER)
        .distinct()
        .order_by("pk")
    )


def _workdays_text(days: int) -> str:
    return _("%(n)d个工作日") % {"n": days}


# --- the life cycle -------------------------------------------------------------------------------


@transaction.atomic
def issue_raise(
    *,
    user: AbstractBaseUser,
    category: IssueCategory,
    title: str,
    description: str = "",
    project: Project | None = None,
    report: ProgressReport | None = None,
    source: str | None = None,
    source_note: str = "",
    department: Department | None = None,
    note: str = "",
    due_date: dt.date | None = None,
) -> Issue:
    """Raise an issue (提出问题) from a project, a progress report, a meeting or elsewhere.

    Raised by the project's officer or responsible leader, the dispatch office or the zone leader. Given
    a department, the issue is assigned at once (only those who may assign may do that), due on `due_date`
    when one is set (a meeting's decision names its own deadline) or else by the category's SLA.
    """
    if report is not None:
        if project is None:
            project = report.project
        elif report.project_id != project.pk:
            raise ValidationError({"report": _("所选进度报告不属于该项目。")})
    if not may_raise(user, project):
        raise PermissionDenied(_("只有项目的包保干部、包保领导、项目办或主要领导可以提出问题。"))
    if department is not None and not may_assign(user):
        raise PermissionDenied(_("只有项目办或主要领导可以交办问题；请提交问题，由项目办交办。"))
    if not category.is_active:
        raise ValidationError({"category": _("问题类别“%(name)s”已停用。") % {"name": category.name}})
    source = source or (IssueSource.REPORT if report else IssueSource.PROJECT if project else IssueSource.OTHER)
    if source == IssueSource.PROJECT and project is None:
        raise ValidationError({"project": _("来源为“项目”时请选择项目；调度会议定事项请选择来源“调度会”。")})
    if source == IssueSource.REPORT and report is None:
        raise ValidationError({"report": _("来源为“进度报告”时请选择进度报告。")})
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("请填写问题。")})
    issue = Issue(
        project=project,
        report=report,
        source=source,
        source_note=source_note.strip(),
        category=category,
        title=title,
        description=description.strip(),
        raised_by_id=access_for(user).person_id,
        status=IssueStatus.OPEN,
    )
    issue.full_clean(exclude=["project", "report", "category", "raised_by", "department", "closed_by"])
    _save(issue, user=user, reason=_("提出问题"))
    if due_date is not None and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("办理时限不能早于今天。")})
    if department is not None:
        _assign(issue, user=user, department=department, note=note, due_date=due_date)
    _changed(issue)
    return issue


def _give_to(issue: Issue, department: Department, due_date: dt.date | None = None) -> str:
    """Give the issue to a department with a due date of the category's SLA in working days from today.

    Returns the thread's text for it; the caller saves, logs and tells the department.
    """
    today = timezone.localdate()
    sla = issue.category.sla_workdays
    issue.department = department
    issue.assigned_at = timezone.now()
    issue.due_date = due_date or workdays.add_workdays(today, sla)
    if due_date is not None:  # a deadline set by a meeting: the thread says how many working days it gives
        sla = workdays.workdays_between(today, due_date)
    issue.status = IssueStatus.ASSIGNED
    # A new due date starts the escalation ladder again; the notices already issued stay on record.
    issue.escalation_level = EscalationLevel.NONE
    return _("交办%(department)s办理，办理时限%(due)s（%(days)s）。") % {
        "department": department.name,
        "due": issue.due_date.isoformat(),
        "days": _workdays_text(sla),
    }


def _assign(
    issue: Issue, *, user: AbstractBaseUser, department: Department, note: str, due_date: dt.date | None = None
) -> None:
    text = _give_to(issue, department, due_date)
    if note.strip():
        text = f"{text}{note.strip()}"
    _save(issue, user=user, reason=_("交办：%(department)s") % {"department": department.name})
    _log(issue, user=user, kind=ResponseKind.ASSIGN, text=text)
    _tell_department(issue, title=_("新交办问题：%(title)s") % {"title": issue.title}, body=text)


def _tell_department(issue: Issue, *, title: str, body: str) -> None:
    notifications.send(
        recipients=_department_people(issue.department), event="issue_assigned", title=title, body=body, url=_url(issue)
    )


@transaction.atomic
def issue_assign(*, user: AbstractBaseUser, issue: Issue, department: Department, note: str = "") -> Issue:
    """Assign (交办) an open issue to a department, or reassign (转办) one a department is working on."""
    issue = _lock(issue)
    if not may_assign(user, issue):
        raise PermissionDenied(_("只有项目办或主要领导可以交办问题。"))
    _check_status(issue, "assign", _("交办"))
    if issue.department_id == department.pk and issue.status != IssueStatus.OPEN:
        raise ValidationError({"department": _("问题已由%(department)s办理。") % {"department": department.name}})
    _assign(issue, user=user, department=department, note=note)
    _changed(issue)
    return issue


@transaction.atomic
def issue_respond(*, user: AbstractBaseUser, issue: Issue, text: str) -> IssueResponse:
    """Answer in the thread; the department's first answer moves the issue from 已交办 to 办理中."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("请填写答复内容。")})
    issue = _lock(issue)
    if not may_respond(user, issue):
        raise PermissionDenied(_("只有承办部门或项目办可以答复该问题。"))
    _check_status(issue, "respond", _("答复"))
    kind = ResponseKind.COMMENT
    if issue.status == IssueStatus.ASSIGNED:
        issue.status = IssueStatus.IN_PROGRESS
        _save(issue, user=user, reason=_("开始办理"))
        kind = ResponseKind.START
    response = _log(issue, user=user, kind=kind, text=text)
    _changed(issue)
    return response


@transaction.atomic
def issue_resolve(*, user: AbstractBaseUser, issue: Issue, text: str) -> Issue:
    """The department reports the issue settled (办结), with what was done; 销号 follows by others."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("请填写办理结果。")})
    issue = _lock(issue)
    if not may_resolve(user, issue):
        raise PermissionDenied(_("只有承办部门或项目办可以办结该问题。"))
    _check_status(issue, "resolve", _("办结"))
    issue.status = IssueStatus.RESOLVED
    issue.resolved_at = timezone.now()
    _save(issue, user=user, reason=_("办结"))
    _log(issue, user=user, kind=ResponseKind.RESOLVE, text=text)
    _changed(issue)
    return issue


@transaction.atomic
def issue_close(*, user: AbstractBaseUser, issue: Issue, text: str = "") -> Issue:
    """Strike off a resolved issue (销号): the dispatch office or a leader confirms it, never its department."""
    issue = _lock(issue)
    if not may_close(user, issue):
        raise PermissionDenied(_("销号须由项目办、主要领导或该项目的包保领导确认，承办部门不能为自己办结的问题销号。"))
    _check_status(issue, "close", _("销号"))
    issue.status = IssueStatus.CLOSED
    issue.closed_at = timezone.now()
    issue.closed_by = user
    _save(issue, user=user, reason=_("销号"))
    _log(issue, user=user, kind=ResponseKind.CLOSE, text=text.strip() or _("经确认已解决，予以销号。"))
    _changed(issue)
    return issue


@transaction.atomic
def issue_reopen(*, user: AbstractBaseUser, issue: Issue, reason: str) -> Issue:
    """Reopen a resolved or closed issue: back to its department as 已交办, with a new due date."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请说明重新打开的原因。")})
    issue = _lock(issue)
    if not may_reopen(user, issue):
        raise PermissionDenied(_("只有项目办、领导或问题提出人可以重新打开问题。"))
    _check_status(issue, "reopen", _("重新打开"))
    issue.resolved_at = None
    issue.closed_at = None
    issue.closed_by = None
    issue.reopened_count += 1
    assignment = _give_to(issue, issue.department)
    text = _("%(reason)s（%(assignment)s）") % {"reason": reason, "assignment": assignment.rstrip("。")}
    _save(issue, user=user, reason=_("重新打开：%(reason)s") % {"reason": reason})
    _log(issue, user=user, kind=ResponseKind.REOPEN, text=text)
    _tell_department(issue, title=_("问题重新打开：%(title)s") % {"title": issue.title}, body=text)
    _changed(issue)
    return issue


@transaction.atomic
def issue_attach(*, user: AbstractBaseUser, issue: Issue, file: File, name: str = "") -> IssueAttachment:
    """Attach a file to an issue (not to a closed one)."""
    if not may_attach(user, issue):
        raise PermissionDenied(_("您不能为该问题上传附件。"))
    if file.size is not None and file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("附件不能超过20MB。")})
    attachment = IssueAttachment(issue=issue, file=file, name=(name.strip() or file.name or "")[:200], uploaded_by=user)
    attachment._history_user = user
    attachment.save()
    return attachment


# --- escalation -----------------------------------------------------------------------------------


def escalation_level_for(days_past_due: int, thresholds: Iterable[int]) -> int:
    """The level an overdue issue has reached: the levels whose threshold (working days past due) has passed.

    The ladder is climbed in order: a level counts only when every level below it does too.
    """
    level = EscalationLevel.NONE
    for candidate, threshold in enumerate(thresholds, start=1):
        if days_past_due < threshold:
            break
        level = candidate
    return level


def _notice_recipients(issue: Issue, level: int) -> tuple[Person | None, list[Person]]:
    """The person a notice is addressed to, and everyone to notify of it."""
    if level == EscalationLevel.DEPARTMENT_HEAD:
        head = issue.department.head if issue.department_id else None
        return head, [head] if head else _department_people(issue.department)
    if level == EscalationLevel.RESPONSIBLE_LEADER:
        leader = issue.project.responsible_leader if issue.project_id else None
        if leader is not None:
            return leader, [leader]
    # Level 3, and level 2 of an issue without a responsible leader (a meeting decision): the zone leader.
    leaders = _zone_leaders()
    return (leaders[0] if leaders else None), leaders


def _notice_message(issue: Issue, level: int, recipient: Person | None, as_of: dt.date, days: int) -> str:
    overdue = _("已超过办理时限%(days)s") % {"days": _workdays_text(days)} if days else _("已超过办理时限")
    return _(
        "%(project)s“%(title)s”由%(department)s承办，办理时限为%(due)s，截至%(as_of)s%(overdue)s。"
        "现提请%(recipient)s（%(level)s）督促办理，请于收到后尽快办结并反馈。"
    ) % {
        "project": _("项目“%(name)s”的问题") % {"name": issue.project.name} if issue.project_id else _("问题"),
        "title": issue.title,
        "department": issue.department.name if issue.department_id else _("（未交办）"),
        "due": issue.due_date.isoformat(),
        "as_of": as_of.isoformat(),
        "overdue": overdue,
        "recipient": recipient.name if recipient else _("（未设督办对象）"),
        "level": EscalationLevel(level).label,
    }


def _issue_notice(issue: Issue, level: int, as_of: dt.date, days: int, config: EscalationSettings):
    # Lock the settings row: it serialises the numbering, so two workers never issue the same number.
    EscalationSettings.objects.select_for_update().filter(pk=config.pk).first()
    last = SupervisionNotice.objects.filter(year=as_of.year).aggregate(last=Max("serial"))["last"] or 0
    recipient, notified = _notice_recipients(issue, level)
    notice = SupervisionNotice(
        issue=issue,
        level=level,
        year=as_of.year,
        serial=last + 1,
        recipient=recipient,
        issued_on=as_of,
        message=_notice_message(issue, level, recipient, as_of, days),
    )
    notice._change_reason = _("逾期督办")
    notice.save()
    _log(issue, user=None, kind=ResponseKind.ESCALATE, text=f"{notice.number}：{notice.message}")
    notifications.send(
        recipients=notified,
        event="issue_escalated",
        title=_("%(number)s：%(title)s") % {"number": notice.number, "title": issue.title},
        body=notice.message,
        url=_url(issue),
    )
    return notice


def issues_escalate(*, as_of: dt.date | None = None) -> list[SupervisionNotice]:
    """Climb the escalation ladder for every unresolved issue past its due date, as of a day (default today).

    An issue reaches level k once it is `thresholds[k]` working days past its due date (level 1 with 0:
    the first day after it). Every level not yet reached gets its supervision notice, in order, so a run
    that missed days never skips a level. Each issue is escalated in its own transaction.
    """
    as_of = as_of or timezone.localdate()
    config = EscalationSettings.load()
    candidates = list(
        Issue.objects.filter(
            status__in=UNRESOLVED, due_date__lt=as_of, escalation_level__lt=EscalationLevel.ZONE_LEADER
        )
        .order_by("due_date", "pk")
        .values_list("pk", flat=True)
    )
    notices = []
    for pk in candidates:
        with transaction.atomic():
            issue = Issue.objects.select_for_update().get(pk=pk)
            if not issue.is_overdue_on(as_of):
                continue  # settled or reassigned since the list was read
            days = workdays.workdays_between(issue.due_date, as_of)
            target = escalation_level_for(days, config.thresholds)
            if target <= issue.escalation_level:
                continue
            for level in range(issue.escalation_level + 1, target + 1):
                notices.append(_issue_notice(issue, level, as_of, days, config))
            issue.escalation_level = target
            _save(issue, user=None, reason=_("逾期督办：%(level)s") % {"level": EscalationLevel(target).label})
            _changed(issue)
    return notices


def issues_remind(*, as_of: dt.date | None = None) -> dict[str, int]:
    """Remind departments of due dates near (within the configured working days) and newly passed.

    Each reminder goes out once per due date; a reassigned or reopened issue, with its new due date, is
    reminded again. Newly overdue issues also send `issue_changed` (their project's light turns yellow).
    """
    as_of = as_of or timezone.localdate()
    config = EscalationSettings.load()
    working = Issue.objects.filter(status__in=WITH_DEPARTMENT, due_date__isnull=False).select_related(
        "department__head"
    )
    # Due on or after today and at most `remind_days_before` working days after it.
    horizon = workdays.add_workdays(as_of, config.remind_days_before + 1)
    due_soon = list(
        working.filter(due_date__gte=as_of, due_date__lt=horizon).exclude(due_soon_reminded_for=F("due_date"))
    )
    overdue = list(
        working.filter(due_date__lt=as_of).exclude(overdue_reminded_for=F("due_date")).select_related("raised_by")
    )
    people: dict[int, list[Person]] = {}

    def department_people(issue: Issue) -> list[Person]:
        if issue.department_id not in people:
            people[issue.department_id] = _department_people(issue.department)
        return people[issue.department_id]

    for issue in due_soon:
        left = workdays.workdays_between(as_of, issue.due_date)
        notifications.send(
            recipients=department_people(issue),
            event="issue_due_soon",
            title=_("问题临近办理时限：%(title)s") % {"title": issue.title},
            body=_("办理时限为%(due)s，还剩%(days)s。")
            % {"due": issue.due_date.isoformat(), "days": _workdays_text(left)},
            url=_url(issue),
        )
        Issue.objects.filter(pk=issue.pk).update(due_soon_reminded_for=issue.due_date)  # bookkeeping, not history
    for issue in overdue:
        notifications.send(
            recipients=[*department_people(issue), issue.raised_by],
            event="issue_overdue",
            title=_("问题已逾期：%(title)s") % {"title": issue.title},
            body=_("办理时限为%(due)s，%(department)s尚未办结。")
            % {"due": issue.due_date.isoformat(), "department": issue.department.name},
            url=_url(issue),
        )
        Issue.objects.filter(pk=issue.pk).update(overdue_reminded_for=issue.due_date)
        _changed(issue)
    return {"due_soon": len(due_soon), "overdue": len(overdue)}


def issues_nightly(*, as_of: dt.date | None = None) -> dict[str, int]:
    """The nightly run: reminders of near and passed due dates, then the escalation ladder."""
    as_of = as_of or timezone.localdate()
    totals = issues_remind(as_of=as_of)
    totals["notices"] = len(issues_escalate(as_of=as_of))
    return totals
