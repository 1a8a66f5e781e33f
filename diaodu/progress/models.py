"""Progress reports with their photos, the yearly light thresholds, and the stored lights with their history."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.projects.models import MONEY, Project

from .choices import Frequency, Light, ReportStatus


class LightSettings(BaseModel):
    """The thresholds of the traffic lights for one year, set by the dispatch office (defaults: DESIGN.md)."""

    year = models.PositiveIntegerField(_("年度"), unique=True, validators=[MinValueValidator(2000)])
    investment_yellow_gap = models.DecimalField(
        _("投资：落后序时进度多少个百分点起亮黄灯"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    investment_red_gap = models.DecimalField(
        _("投资：落后序时进度超过多少个百分点亮红灯"), max_digits=5, decimal_places=2, default=Decimal(30)
    )
    start_red_months = models.PositiveSmallIntegerField(_("开工：计划开工月过后多少个月仍未开工亮红灯"), default=3)
    float_yellow_days = models.PositiveSmallIntegerField(_("工期：浮动时间少于多少个工作日亮黄灯"), default=10)
    statistics_min_investment = models.DecimalField(
        _("入库纳统：总投资多少万元起须入库"), **MONEY, default=Decimal(500)
    )
    statistics_yellow_months = models.PositiveSmallIntegerField(_("入库纳统：开工后多少个月未入库亮黄灯"), default=1)
    statistics_red_months = models.PositiveSmallIntegerField(_("入库纳统：开工后多少个月未入库亮红灯"), default=2)
    report_red_days = models.PositiveSmallIntegerField(_("报送：逾期超过多少天亮红灯"), default=10)
    monthly_due_day = models.PositiveSmallIntegerField(
        _("月报截止日（每月几日）"), default=25, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    weekly_due_weekday = models.PositiveSmallIntegerField(
        _("周报截止日（0=周一 … 6=周日）"), default=4, validators=[MaxValueValidator(6)]
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("亮灯规则")
        verbose_name_plural = _("亮灯规则")

    def __str__(self):
        return str(self.year)

    @classmethod
    def for_year(cls, year: int) -> "LightSettings":
        """The year's thresholds; an unsaved instance with the defaults where none were set."""
        return cls.objects.filter(year=year).first() or cls(year=year)


class ProgressReport(BaseModel):
    """One project's report for one period: investment done in it, 形象进度, problems, photos."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="reports")
    frequency = models.CharField(_("周期"), max_length=8, choices=Frequency.choices, default=Frequency.MONTHLY)
    period_start = models.DateField(_("期间开始"))
    period_end = models.DateField(_("期间结束"))
    due_date = models.DateField(_("报送截止日"))
    investment_done = models.DecimalField(
        _("本期完成投资（万元）"), **MONEY, default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    progress_text = models.TextField(_("形象进度"), blank=True)
    progress_percent = models.PositiveSmallIntegerField(
        _("形象进度（%）"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    problems = models.TextField(_("存在问题"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回原因"), blank=True)

    class Meta:
        ordering = ["project", "-period_start"]
        verbose_name = _("进度报告")
        verbose_name_plural = _("进度报告")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "frequency", "period_start"], name="progress_one_report_per_period"
            )
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # A project's reports by status and period: what the lights and the S-curve read per project.
            models.Index(fields=["project", "status", "period_start"], name="report_project_status_period"),
            # Covering the year's sums by period (the cockpit's S-curve and areas): no table reads at all.
            models.Index(fields=["status", "period_start", "project", "investment_done"], name="report_period_sums"),
        ]

    def __str__(self):
        return f"{self.project} {self.period_start:%Y-%m-%d}"

    @classmethod
    def visibility_q(cls, access):
        return Q(project__in=Project.objects.filter(Project.visibility_q(access)))

    @property
    def is_late(self) -> bool:
        """Submitted after its due date (or not yet submitted and past it)."""
        from django.utils import timezone

        if self.submitted_at:
            return timezone.localtime(self.submitted_at).date() > self.due_date
        return timezone.localdate() > self.due_date


class ReportPhoto(BaseModel):
    """A site photo attached to a report."""

    report = models.ForeignKey(ProgressReport, verbose_name=_("报告"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("照片"), upload_to="reports/%Y/%m/")
    caption = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("现场照片")
        verbose_name_plural = _("现场照片")

    @classmethod
    def visibility_q(cls, access):
        return Q(report__project__in=Project.objects.filter(Project.visibility_q(access)))


class ProjectLight(models.Model):
    """A project's current light and its reasons, as last computed."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="light")
    light = models.CharField(_("亮灯"), max_length=8, choices=Light.choices)
    reasons = models.JSONField(_("原因"), default=list)
    as_of = models.DateField(_("计算日期"))
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)
    changed_on = models.DateField(_("变为当前颜色的日期"))

    class Meta:
        verbose_name = _("项目亮灯")
        verbose_name_plural = _("项目亮灯")
        indexes = [models.Index(fields=["light"])]

    def __str__(self):
        return f"{self.project}: {self.light}"


class LightChange(models.Model):
    """A change of a project's light: the history behind "turned red this week"."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="light_changes")
    light = models.CharField(_("亮灯"), max_length=8, choices=Light.choices)
    previous = models.CharField(_("此前"), max_length=8, choices=Light.choices, blank=True)
    reasons = models.JSONField(_("原因"), default=list)
    changed_on = models.DateField(_("日期"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("亮灯变化")
        verbose_name_plural = _("亮灯变化")
        indexes = [models.Index(fields=["changed_on", "light"])]

    def __str__(self):
        return f"{self.project_id} {self.previous or '—'} → {self.light} ({self.changed_on})"
