"""Issues (问题) from projects, reports or meetings, their thread, attachments and supervision notices (督办单)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.org.choices import Role
from diaodu.org.models import Department, Person

from .choices import (
    LEVEL_BADGES,
    STATUS_BADGES,
    UNRESOLVED,
    EscalationLevel,
    IssueSource,
    IssueStatus,
    ResponseKind,
)


class IssueCategory(BaseModel):
    """A kind of issue (用地, 资金, 手续 …) with the working days a department has to settle it."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    sla_workdays = models.PositiveSmallIntegerField(
        _("办理时限（工作日）"), default=10, validators=[MaxValueValidator(250)], help_text=_("自交办之日起计算")
    )
    default_department = models.ForeignKey(
        Department,
        verbose_name=_("通常承办部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("问题类别")
        verbose_name_plural = _("问题类别")

    def __str__(self):
        return self.name


class Issue(BaseModel):
    """A problem that blocks a project (or the zone), assigned to a department with a due date in working days."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues",
        help_text=_("调度会议定事项等不属于某个项目的问题留空"),
    )
    report = models.ForeignKey(
        "progress.ProgressReport",
        verbose_name=_("进度报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issues",
    )
    source = models.CharField(_("来源"), max_length=12, choices=IssueSource.choices, default=IssueSource.PROJECT)
    source_note = models.CharField(_("来源说明"), max_length=200, blank=True, help_text=_("如：第12次项目调度会"))
    category = models.ForeignKey(IssueCategory, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="issues")
    title = models.CharField(_("问题"), max_length=200)
    description = models.TextField(_("问题描述"), blank=True)
    raised_by = models.ForeignKey(
        Person, verbose_name=_("提出人"), null=True, blank=True, on_delete=models.PROTECT, related_name="raised_issues"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues",
    )
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    due_date = models.DateField(_("办理时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    resolved_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("销号人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    escalation_level = models.PositiveSmallIntegerField(
        _("督办级别"), choices=EscalationLevel.choices, default=EscalationLevel.NONE
    )
    reopened_count = models.PositiveSmallIntegerField(_("重新打开次数"), default=0)
    # Reminders go out once per due date: these hold the due date each was last sent for.
    due_soon_reminded_for = models.DateField(null=True, blank=True, editable=False)
    overdue_reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["department", "status"]),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def visibility_q(cls, access):
        """A department sees the issues assigned to it; everyone those of the projects he sees and those he raised."""
        from diaodu.projects.models import Project

        condition = Q(project__in=Project.objects.filter(Project.visibility_q(access)))
        if Role.DEPARTMENT in access.roles and access.department_id:
            condition |= Q(department_id=access.department_id)
        if access.person_id:
            condition |= Q(raised_by_id=access.person_id)
        return condition

    @property
    def is_unresolved(self) -> bool:
        return self.status in UNRESOLVED

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.is_unresolved and self.due_date is not None and self.due_date < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[IssueStatus(self.status)]

    @property
    def level_badge(self) -> str:
        return LEVEL_BADGES[EscalationLevel(self.escalation_level)]


class IssueAttachment(BaseModel):
    """A file attached to an issue: a letter, a map, a photo of the site."""

    issue = models.ForeignKey(Issue, verbose_name=_("问题"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="issues/%Y/%m/", max_length=255)
    name = models.CharField(_("名称"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.name

    @classmethod
    def visibility_q(cls, access):
        return Q(issue__in=Issue.objects.filter(Issue.visibility_q(access)))


class IssueResponse(BaseModel):
    """One entry of an issue's thread: a department's answer, or a step of its life cycle."""

    issue = models.ForeignKey(Issue, verbose_name=_("问题"), on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填写人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("系统生成（如督办）时为空"),
    )
    # The person who speaks: the author's person, or an official without a login (imported records).
    person = models.ForeignKey(
        Person, verbose_name=_("答复人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=12, choices=ResponseKind.choices, default=ResponseKind.COMMENT)
    text = models.TextField(_("内容"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self):
        return f"{self.issue}: {self.get_kind_display()}"

    @classmethod
    def visibility_q(cls, access):
        return Q(issue__in=Issue.objects.filter(Issue.visibility_q(access)))


class SupervisionNotice(BaseModel):
    """A supervision notice (督办单) of one escalation level, numbered per year: 督办〔2026〕第7号."""

    issue = models.ForeignKey(Issue, verbose_name=_("问题"), on_delete=models.CASCADE, related_name="notices")
    level = models.PositiveSmallIntegerField(_("督办级别"), choices=EscalationLevel.choices)
    year = models.PositiveIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    recipient = models.ForeignKey(
        Person,
        verbose_name=_("督办对象"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_notices",
    )
    issued_on = models.DateField(_("签发日期"))
    message = models.TextField(_("督办内容"))

    class Meta:
        ordering = ["issued_on", "year", "serial"]
        verbose_name = _("督办单")
        verbose_name_plural = _("督办单")
        constraints = [models.UniqueConstraint(fields=["year", "serial"], name="coordination_notice_number_unique")]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return _("督办〔%(year)d〕第%(serial)d号") % {"year": self.year, "serial": self.serial}

    @property
    def level_badge(self) -> str:
        return LEVEL_BADGES[EscalationLevel(self.level)]

    @classmethod
    def visibility_q(cls, access):
        return Q(issue__in=Issue.objects.filter(Issue.visibility_q(access)))


class EscalationSettings(BaseModel):
    """When an overdue issue climbs the escalation ladder, and when a near due date is reminded (one per zone)."""

    level1_days = models.PositiveSmallIntegerField(
        _("逾期多少个工作日后由部门负责人督办"), default=0, validators=[MaxValueValidator(120)]
    )
    level2_days = models.PositiveSmallIntegerField(
        _("逾期多少个工作日后由包保领导督办"), default=3, validators=[MaxValueValidator(120)]
    )
    level3_days = models.PositiveSmallIntegerField(
        _("逾期多少个工作日后由主要领导督办"), default=5, validators=[MaxValueValidator(120)]
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("到期前多少个工作日提醒"), default=2, validators=[MaxValueValidator(30)]
    )
    # Always True and unique: a second row cannot be saved.
    singleton = models.BooleanField(default=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("督办规则")
        verbose_name_plural = _("督办规则")

    def __str__(self):
        return str(_("督办规则"))

    def clean(self):
        if not self.level1_days <= self.level2_days <= self.level3_days:
            raise ValidationError({"level2_days": _("三级督办的天数应逐级不减：部门负责人 ≤ 包保领导 ≤ 主要领导。")})

    @property
    def thresholds(self) -> tuple[int, int, int]:
        """Working days past the due date at which levels 1, 2 and 3 are reached."""
        return (self.level1_days, self.level2_days, self.level3_days)

    @classmethod
    def load(cls) -> "EscalationSettings":
        """The zone's settings, created with the defaults the first time they are asked for."""
        current, _created = cls.objects.get_or_create(singleton=True)
        return current
