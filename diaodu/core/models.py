"""The ground floor every business model stands on, and the editable working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .access import VisibleQuerySet
from .choices import DayKind


class BaseModel(models.Model):
    """Timestamps, change history with its author, and row-level visibility for a business record."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords(inherit=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def visibility_q(cls, access):
        """Rows a user with a restricted role may see; None means all of them."""
        return None


class CalendarDay(BaseModel):
    """A statutory holiday or an adjusted working day (调休) entered by an administrator."""

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("如：春节、国庆节"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("日历调整")
        verbose_name_plural = _("日历调整")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()
