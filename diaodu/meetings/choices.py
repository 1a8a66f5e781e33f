"""Vocabularies of dispatch meetings: their kinds and statuses (with badge colours)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    WEEKLY = "weekly", _("周调度")
    MONTHLY = "monthly", _("月调度")
    SPECIAL = "special", _("专题调度")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("筹备")
    HELD = "held", _("已召开")


STATUS_BADGES = {
    MeetingStatus.PLANNED: "text-bg-warning",
    MeetingStatus.HELD: "text-bg-success",
}

KIND_BADGES = {
    MeetingKind.WEEKLY: "text-bg-light border",
    MeetingKind.MONTHLY: "text-bg-primary",
    MeetingKind.SPECIAL: "text-bg-info",
}
