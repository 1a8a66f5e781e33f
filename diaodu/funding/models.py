"""Project reserve and funding: applications for money, the maturity checklist, documents, special-bond finance."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.core.units import format_money
from diaodu.org.choices import Role
from diaodu.org.models import Department
from diaodu.projects.models import Project

from . import bonds, maturity
from .choices import (
    FUNDING_DEPARTMENT_NAMES,
    GRANTED,
    STATUS_BADGES,
    STATUS_DATE_FIELDS,
    ApplicationStatus,
    Channel,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
NOT_NEGATIVE = MinValueValidator(Decimal(0))
CODES = re.compile(r"^[a-z0-9_-]+(\+[a-z0-9_-]+)*$")


def funding_department_q(prefix: str = "") -> Q:
    """Departments that keep the zone's funding applications (经济发展局, 财政局)."""
    names = sorted(FUNDING_DEPARTMENT_NAMES)
    return Q(**{f"{prefix}name__in": names}) | Q(**{f"{prefix}short_name__in": names})


def funding_visibility_q(access) -> Q:
    """A record of a project the user sees; every record for the users of a funding department."""
    condition = Q(project__in=Project.objects.filter(Project.visibility_q(access)))
    if Role.DEPARTMENT in access.roles and access.department_id:
        # A constant condition (no outer reference): true for every row when the user's department is one of them.
        condition |= Q(Exists(Department.objects.filter(funding_department_q(), pk=access.department_id)))
    return condition


class FundingApplication(BaseModel):
    """An application for money for one project from one channel in one year (资金申报)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="funding_applications"
    )
    channel = models.CharField(_("资金渠道"), max_length=20, choices=Channel.choices)
    year = models.PositiveIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    batch = models.CharField(_("批次"), max_length=50, blank=True, help_text=_("如：第一批新增专项债券"))
    requested_amount = models.DecimalField(_("申请金额（万元）"), **MONEY, validators=[NOT_NEGATIVE])
    approved_amount = models.DecimalField(
        _("获批金额（万元）"), **MONEY, null=True, blank=True, validators=[NOT_NEGATIVE]
    )
    received_amount = models.DecimalField(
        _("到位金额（万元）"), **MONEY, null=True, blank=True, validators=[NOT_NEGATIVE]
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.CONCEIVED
    )
    conceived_on = models.DateField(_("谋划日期"), default=timezone.localdate)
    registered_on = models.DateField(_("入库日期"), null=True, blank=True)
    submitted_on = models.DateField(_("申报日期"), null=True, blank=True)
    reviewing_on = models.DateField(_("进入审核日期"), null=True, blank=True)
    approved_on = models.DateField(_("获批日期"), null=True, blank=True)
    rejected_on = models.DateField(_("未获批日期"), null=True, blank=True)
    received_on = models.DateField(_("资金到位日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["-year", "project", "id"]
        verbose_name = _("资金申报")
        verbose_name_plural = _("资金申报")
        indexes = [models.Index(fields=["channel", "year"]), models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.project} · {self.get_channel_display()} {self.year}"

    def clean(self):
        errors = {}
        requested, approved, received = self.requested_amount, self.approved_amount, self.received_amount
        if requested is not None and requested <= 0:
            errors["requested_amount"] = _("申请金额应大于0万元。")
        if self.status in GRANTED and approved is None:
            errors["approved_amount"] = _("已获批的申请请填写获批金额。")
        if self.status == ApplicationStatus.RECEIVED and received is None:
            errors["received_amount"] = _("资金到位的申请请填写到位金额。")
        if approved is not None and self.status not in GRANTED:
            errors["approved_amount"] = _("申请尚未获批，不能填写获批金额。")
        if received is not None and self.status != ApplicationStatus.RECEIVED:
            errors["received_amount"] = _("资金尚未到位，不能填写到位金额。")
        if approved is not None and requested is not None and approved > requested:
            errors["approved_amount"] = _("获批金额（%(approved)s）不能超过申请金额（%(requested)s）。") % {
                "approved": format_money(approved),
                "requested": format_money(requested),
            }
        if received is not None and approved is not None and received > approved:
            errors["received_amount"] = _("到位金额（%(received)s）不能超过获批金额（%(approved)s）。") % {
                "received": format_money(received),
                "approved": format_money(approved),
            }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def visibility_q(cls, access):
        return funding_visibility_q(access)

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[ApplicationStatus(self.status)]

    @property
    def status_date(self):
        return getattr(self, STATUS_DATE_FIELDS[self.status])


class MaturityItem(BaseModel):
    """One item of the maturity checklist (项目成熟度), its weight, and the procedures that satisfy it."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    weight = models.PositiveSmallIntegerField(_("权重"), validators=[MaxValueValidator(100)])
    procedure_codes = models.JSONField(
        _("对应手续"),
        default=list,
        blank=True,
        help_text=_("满足本项的手续代码，如 land_pre_review+land_supply 表示两项都办结；多个备选之间为“或”"),
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("成熟度指标")
        verbose_name_plural = _("成熟度指标")

    def __str__(self):
        return self.name

    def clean(self):
        codes = self.procedure_codes
        if not isinstance(codes, list) or not all(isinstance(code, str) and CODES.match(code) for code in codes):
            message = _("对应手续应为手续代码的列表，如 land_pre_review+land_supply、property_certificate。")
            raise ValidationError({"procedure_codes": message})

    @property
    def rule(self) -> maturity.ItemRule:
        return maturity.ItemRule(self.code, self.name, self.weight, tuple(self.procedure_codes or ()))


class ProjectDocument(BaseModel):
    """A document a project has for a checklist item (实施方案, 财务评估报告, 法律意见书, or an earlier approval)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="funding_documents"
    )
    item = models.ForeignKey(MaturityItem, verbose_name=_("成熟度指标"), on_delete=models.PROTECT, related_name="+")
    provided_on = models.DateField(_("取得日期"))
    reference = models.CharField(_("文号/编号"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "item__sort_order", "id"]
        verbose_name = _("项目文件")
        verbose_name_plural = _("项目文件")
        constraints = [models.UniqueConstraint(fields=["project", "item"], name="funding_document_one_per_item")]

    def __str__(self):
        return f"{self.project} · {self.item}"

    @classmethod
    def visibility_q(cls, access):
        return funding_visibility_q(access)

    @property
    def fact(self) -> maturity.DocumentFact:
        return maturity.DocumentFact(self.item.code, self.reference, self.provided_on)


class FundingSettings(BaseModel):
    """The maturity level thresholds and the bond coverage threshold (one per zone)."""

    preparing_threshold = models.PositiveSmallIntegerField(
        _("“前期”最低分"), default=30, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    mature_threshold = models.PositiveSmallIntegerField(
        _("“成熟”最低分"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    ready_threshold = models.PositiveSmallIntegerField(
        _("“具备开工”最低分"), default=90, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    coverage_threshold = models.DecimalField(
        _("本息覆盖倍数下限"),
        max_digits=4,
        decimal_places=2,
        default=bonds.DEFAULT_THRESHOLD,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("10"))],
        help_text=_("专项债券项目收益与融资本息之比低于此值时预警"),
    )
    # Always True and unique: a second row cannot be saved.
    singleton = models.BooleanField(default=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("成熟度与债券规则")
        verbose_name_plural = _("成熟度与债券规则")

    def __str__(self):
        return str(_("成熟度与债券规则"))

    def clean(self):
        if not self.preparing_threshold < self.mature_threshold < self.ready_threshold <= 100:
            raise ValidationError({"mature_threshold": _("各等级最低分应逐级递增：前期 < 成熟 < 具备开工 ≤ 100。")})

    @property
    def thresholds(self) -> maturity.Thresholds:
        return maturity.Thresholds(self.preparing_threshold, self.mature_threshold, self.ready_threshold)

    @classmethod
    def load(cls) -> "FundingSettings":
        """The zone's settings, created with the defaults the first time they are asked for."""
        current, _created = cls.objects.get_or_create(singleton=True)
        return current


class BondFinance(BaseModel):
    """A special-bond project's finance plan (融资平衡方案): bond, term, rate and expected income."""

    project = models.OneToOneField(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="bond_finance"
    )
    bond_amount = models.DecimalField(
        _("专项债券金额（万元）"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    term_years = models.PositiveSmallIntegerField(
        _("期限（年）"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    interest_rate = models.DecimalField(
        _("年利率（%）"),
        max_digits=5,
        decimal_places=3,
        validators=[NOT_NEGATIVE, MaxValueValidator(Decimal(20))],
        help_text=_("票面利率，如 2.650"),
    )
    expected_income = models.DecimalField(
        _("存续期预期收益（万元）"),
        **MONEY,
        validators=[NOT_NEGATIVE],
        help_text=_("债券存续期内可用于偿债的项目收益合计"),
    )
    other_debt_service = models.DecimalField(
        _("其他融资本息（万元）"),
        **MONEY,
        default=Decimal(0),
        validators=[NOT_NEGATIVE],
        help_text=_("须由同一项目收益偿还的其他融资（如配套市场化融资）的本息合计"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["project"]
        verbose_name = _("专项债券融资平衡")
        verbose_name_plural = _("专项债券融资平衡")

    def __str__(self):
        return f"{self.project} · {format_money(self.bond_amount)}"

    @classmethod
    def visibility_q(cls, access):
        return funding_visibility_q(access)

    def coverage(self, threshold: Decimal = bonds.DEFAULT_THRESHOLD) -> bonds.Coverage:
        return bonds.coverage(
            principal=self.bond_amount,
            annual_rate_percent=self.interest_rate,
            term_years=self.term_years,
            income=self.expected_income,
            other_debt_service=self.other_debt_service,
            threshold=threshold,
        )
