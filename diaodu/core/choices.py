"""Vocabularies of the core app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    WORKDAY = "workday", _("调休上班")


class DaySource(models.TextChoices):
    """Where the calendar's answer for a date came from."""

    TABLE = "table", _("本系统日历")
    PACKAGE = "package", _("国务院办公厅通知")
    FALLBACK = "fallback", _("按周一至周五推算")
