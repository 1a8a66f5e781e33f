"""Vocabularies of issue coordination: statuses (with badge colours), sources, thread entries, escalation levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueStatus(models.TextChoices):
    OPEN = "open", _("待交办")
    ASSIGNED = "assigned", _("已交办")
    IN_PROGRESS = "in_progress", _("办理中")
    RESOLVED = "resolved", _("已办结")
    CLOSED = "closed", _("已销号")


# Bootstrap badge classes of each status, so that every page paints a status the same way.
STATUS_BADGES = {
    IssueStatus.OPEN: "text-bg-secondary",
    IssueStatus.ASSIGNED: "text-bg-primary",
    IssueStatus.IN_PROGRESS: "text-bg-info",
    IssueStatus.RESOLVED: "text-bg-success",
    IssueStatus.CLOSED: "text-bg-dark",
}

# Issues someone still has to act on: they count as overdue past their due date and can be escalated.
UNRESOLVED = frozenset({IssueStatus.OPEN, IssueStatus.ASSIGNED, IssueStatus.IN_PROGRESS})
# Issues a department is working on: they have a department and a due date.
WITH_DEPARTMENT = frozenset({IssueStatus.ASSIGNED, IssueStatus.IN_PROGRESS})


class IssueSource(models.TextChoices):
    PROJECT = "project", _("项目")
    REPORT = "report", _("进度报告")
    MEETING = "meeting", _("调度会")
    OTHER = "other", _("其他")


class ResponseKind(models.TextChoices):
    """What one entry of an issue's thread records."""

    COMMENT = "comment", _("答复")
    ASSIGN = "assign", _("交办")
    START = "start", _("开始办理")
    RESOLVE = "resolve", _("办结")
    CLOSE = "close", _("销号")
    REOPEN = "reopen", _("重新打开")
    ESCALATE = "escalate", _("督办")


class EscalationLevel(models.IntegerChoices):
    """The escalation ladder of an overdue issue: who is told, in order."""

    NONE = 0, _("未督办")
    DEPARTMENT_HEAD = 1, _("部门负责人督办")
    RESPONSIBLE_LEADER = 2, _("包保领导督办")
    ZONE_LEADER = 3, _("主要领导督办")


LEVEL_BADGES = {
    EscalationLevel.NONE: "",
    EscalationLevel.DEPARTMENT_HEAD: "text-bg-warning",
    EscalationLevel.RESPONSIBLE_LEADER: "text-bg-danger",
    EscalationLevel.ZONE_LEADER: "text-bg-danger",
}

# action → the statuses it may start from (the life cycle of DESIGN.md).
ACTION_FROM = {
    "assign": frozenset({IssueStatus.OPEN, IssueStatus.ASSIGNED, IssueStatus.IN_PROGRESS}),
    "respond": WITH_DEPARTMENT,
    "resolve": WITH_DEPARTMENT,
    "close": frozenset({IssueStatus.RESOLVED}),
    "reopen": frozenset({IssueStatus.RESOLVED, IssueStatus.CLOSED}),
}
