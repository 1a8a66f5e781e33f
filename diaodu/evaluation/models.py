"""The evaluation scheme of each year (its weights) and the monthly snapshots that keep past rankings as they were."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel

from .choices import CRITERIA, GENERAL_CRITERIA, Criterion, SubjectKind

WEIGHT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
}
# criterion → the scheme's field holding its weight
WEIGHT_FIELDS = {
    Criterion.STEPS: "steps_weight",
    Criterion.REPORTS: "reports_weight",
    Criterion.ISSUES: "issues_weight",
    Criterion.INVESTMENT: "investment_weight",
    Criterion.RED: "red_weight",
    Criterion.SIGNED: "signed_weight",
}
DEFAULT_WEIGHTS = {
    Criterion.STEPS: Decimal(25),
    Criterion.REPORTS: Decimal(20),
    Criterion.ISSUES: Decimal(20),
    Criterion.INVESTMENT: Decimal(25),
    Criterion.RED: Decimal(10),
    Criterion.SIGNED: Decimal(20),
}
DEFAULT_SIGNED_TARGET = Decimal(100000)


class EvaluationScheme(BaseModel):
    """A year's evaluation scheme (考核方案): the weight of each criterion, kept by the dispatch office."""

    year = models.PositiveIntegerField(
        _("年度"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    steps_weight = models.DecimalField(
        _("步骤按期完成（分）"), **WEIGHT, default=DEFAULT_WEIGHTS[Criterion.STEPS],
        help_text=_("有任务时限的步骤按期完成的比例"),
    )  # fmt: skip
    reports_weight = models.DecimalField(
        _("报告按时报送（分）"), **WEIGHT, default=DEFAULT_WEIGHTS[Criterion.REPORTS],
        help_text=_("各期进度报告在截止日前报送的比例"),
    )  # fmt: skip
    issues_weight = models.DecimalField(
        _("问题按期办结（分）"), **WEIGHT, default=DEFAULT_WEIGHTS[Criterion.ISSUES],
        help_text=_("问题在办理时限内办结的比例"),
    )  # fmt: skip
    investment_weight = models.DecimalField(
        _("投资完成序时进度（分）"), **WEIGHT, default=DEFAULT_WEIGHTS[Criterion.INVESTMENT],
        help_text=_("在建项目本年完成投资占序时进度的比例（超出部分不计）"),
    )  # fmt: skip
    red_weight = models.DecimalField(
        _("未亮红灯（分）"), **WEIGHT, default=DEFAULT_WEIGHTS[Criterion.RED],
        help_text=_("扣分项：按未亮红灯项目的比例得分，每个红灯项目扣去相应分值"),
    )  # fmt: skip
    signed_weight = models.DecimalField(
        _("招商签约投资（分）"), **WEIGHT, default=DEFAULT_WEIGHTS[Criterion.SIGNED],
        help_text=_("只考核负责招商线索的干部：本年签约投资占序时目标的比例"),
    )  # fmt: skip
    signed_target = models.DecimalField(
        _("每名招商干部年度签约目标（万元）"),
        max_digits=14,
        decimal_places=2,
        default=DEFAULT_SIGNED_TARGET,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("按序时进度折算到考核日，如 100000 万元即 10 亿元"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("如：管委会2026年第3次主任会议通过"))
    # Counts the saves: an editor who loaded an older version is told instead of overwriting.
    version = models.PositiveIntegerField(_("版本"), default=0, editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")

    def __str__(self):
        return _("%(year)d年考核方案") % {"year": self.year}

    def save(self, *args, **kwargs):
        self.version += 1
        super().save(*args, **kwargs)

    @classmethod
    def for_year(cls, year: int) -> "EvaluationScheme":
        """The year's scheme; an unsaved one with the default weights where none was set."""
        return cls.objects.filter(year=year).first() or cls(year=year)

    @property
    def weights(self) -> dict[str, Decimal]:
        return {str(code): getattr(self, WEIGHT_FIELDS[code]) for code in CRITERIA}

    @property
    def general_total(self) -> Decimal:
        return sum((getattr(self, WEIGHT_FIELDS[code]) or Decimal(0) for code in GENERAL_CRITERIA), Decimal(0))


class EvaluationSnapshot(models.Model):
    """One month's ranking of one kind of subject, stored as computed: later edits to the ledgers leave it alone."""

    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name=_("考核方案"), on_delete=models.PROTECT, related_name="snapshots"
    )
    month = models.DateField(_("月份"), help_text=_("该月1日"))
    kind = models.CharField(_("考核对象"), max_length=12, choices=SubjectKind.choices)
    as_of = models.DateField(_("数据截至"))
    # The scheme's weights and target when the snapshot was taken (the scheme may change afterwards).
    weights = models.JSONField(_("权重"), default=dict)
    signed_target = models.DecimalField(_("每名招商干部年度签约目标（万元）"), max_digits=14, decimal_places=2)
    taken_at = models.DateTimeField(_("留存时间"), default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("留存人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("为空时为每日夜间任务自动留存"),
    )
    # A replaced snapshot is kept (not current), so that nothing is deleted for good.
    is_current = models.BooleanField(_("现行"), default=True)
    replaced_at = models.DateTimeField(_("被替换时间"), null=True, blank=True)

    class Meta:
        ordering = ["-month", "kind", "-taken_at"]
        verbose_name = _("考核快照")
        verbose_name_plural = _("考核快照")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "kind"], condition=Q(is_current=True), name="evaluation_one_current_snapshot"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.get_kind_display()}"


class EvaluationSnapshotRow(models.Model):
    """A subject's rank, total and breakdown (every fact behind it) in a snapshot."""

    snapshot = models.ForeignKey(EvaluationSnapshot, on_delete=models.CASCADE, related_name="rows")
    subject_kind = models.CharField(_("考核对象"), max_length=12, choices=SubjectKind.choices)
    subject_id = models.PositiveIntegerField(_("对象编号"))
    subject_name = models.CharField(_("名称"), max_length=200)
    rank = models.PositiveIntegerField(_("名次"))
    total = models.DecimalField(_("总分"), max_digits=6, decimal_places=2)
    breakdown = models.JSONField(_("得分明细"), default=dict)

    class Meta:
        ordering = ["snapshot", "rank", "subject_name"]
        verbose_name = _("快照排名")
        verbose_name_plural = _("快照排名")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "subject_id"], name="evaluation_snapshot_row_unique")
        ]

    def __str__(self):
        return f"{self.rank}. {self.subject_name} {self.total}"
