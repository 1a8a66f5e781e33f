"""Vocabularies of the bulletins: the status of a bulletin's generation, its formats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BulletinStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已生成")
    FAILED = "failed", _("生成失败")


STATUS_BADGES = {
    BulletinStatus.QUEUED: "text-bg-secondary",
    BulletinStatus.RUNNING: "text-bg-info",
    BulletinStatus.DONE: "text-bg-success",
    BulletinStatus.FAILED: "text-bg-danger",
}

# Still being made: the list page keeps asking about these.
PENDING = frozenset({BulletinStatus.QUEUED, BulletinStatus.RUNNING})


class BulletinFormat(models.TextChoices):
    DOCX = "docx", _("Word 公文（docx）")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel 表格（xlsx）")


CONTENT_TYPES = {
    BulletinFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    BulletinFormat.PDF: "application/pdf",
    BulletinFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
