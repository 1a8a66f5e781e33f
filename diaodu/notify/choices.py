"""Vocabularies of the notify app: what happened, where a message goes, and how its delivery went."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """What a notification is about; group robots subscribe to a selection of these."""

    REPORT_DUE = "report_due", _("报送提醒")
    REPORT_LATE = "report_late", _("报送逾期")
    REPORT_RETURNED = "report_returned", _("报告退回")
    ISSUE_ASSIGNED = "issue_assigned", _("问题交办")
    ISSUE_DUE_SOON = "issue_due_soon", _("问题临近时限")
    ISSUE_OVERDUE = "issue_overdue", _("问题逾期")
    ISSUE_ESCALATED = "issue_escalated", _("问题督办")
    PROJECT_RED = "project_red", _("项目亮红灯")
    GENERAL = "general", _("其他")


class WebhookKind(models.TextChoices):
    """The group robots Diaodu can post to."""

    WECOM = "wecom", _("企业微信群机器人")
    DINGTALK = "dingtalk", _("钉钉群机器人")


class Channel(models.TextChoices):
    """The way one delivery travels."""

    EMAIL = "email", _("电子邮件")
    WECOM = "wecom", _("企业微信")
    DINGTALK = "dingtalk", _("钉钉")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
