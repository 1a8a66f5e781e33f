"""Bulletins (调度通报) made in the background: their date, meeting, progress and files."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel

from .choices import PENDING, STATUS_BADGES, BulletinFormat, BulletinStatus


class Bulletin(BaseModel):
    """One generated bulletin of a date (and optionally of a meeting), with its Word, PDF and Excel files."""

    as_of = models.DateField(_("截至日期"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("调度会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bulletins",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("定时生成的周通报为空"),
    )
    weekly = models.BooleanField(_("定时周通报"), default=False)
    status = models.CharField(_("状态"), max_length=12, choices=BulletinStatus.choices, default=BulletinStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0, validators=[MaxValueValidator(100)])
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    docx = models.FileField(_("Word 文件"), upload_to="bulletins/", max_length=255, blank=True)
    pdf = models.FileField(_("PDF 文件"), upload_to="bulletins/", max_length=255, blank=True)
    xlsx = models.FileField(_("Excel 文件"), upload_to="bulletins/", max_length=255, blank=True)
    error = models.TextField(_("错误信息"), blank=True)

    class Meta:
        ordering = ["-as_of", "-id"]
        verbose_name = _("调度通报")
        verbose_name_plural = _("调度通报")
        indexes = [models.Index(fields=["status", "as_of"])]

    def __str__(self):
        return _("%(date)s 调度通报") % {"date": self.as_of.isoformat()}

    @classmethod
    def visibility_q(cls, access):
        """A bulletin covers the whole zone: only the roles that see everything read it."""
        return Q(pk__in=[])

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[BulletinStatus(self.status)]

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    def file_for(self, fmt: str):
        return getattr(self, BulletinFormat(fmt).value)

    @property
    def files(self) -> list[tuple[str, str]]:
        """(format, label) of the files this bulletin has."""
        return [(fmt.value, fmt.label) for fmt in BulletinFormat if getattr(self, fmt.value)]
