"""Vocabularies of progress reporting and traffic lights."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Light(models.TextChoices):
    GREEN = "green", _("绿灯")
    YELLOW = "yellow", _("黄灯")
    RED = "red", _("红灯")


LIGHT_ORDER = {Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}


class Rule(models.TextChoices):
    """The rules of DESIGN.md's "Traffic lights" section, in the order pages list them."""

    INVESTMENT = "investment", _("投资进度")
    START = "start", _("开工")
    SCHEDULE = "schedule", _("工期")
    STATISTICS = "statistics", _("入库纳统")
    REPORTING = "reporting", _("报送")
    ISSUES = "issues", _("问题")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("月报")
    WEEKLY = "weekly", _("周报")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    ACCEPTED = "accepted", _("已通过")
    RETURNED = "returned", _("已退回")


# A report counts (for cumulative investment, and as "reported") once it is submitted.
COUNTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
