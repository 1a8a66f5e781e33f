"""Investment attraction (招商引资): companies, chains, leads and their log, headquarters moves, rules, targets.

A company is not a second record of an enterprise: it is the investment side of an `org.Organisation` (one to
one). The organisation keeps what every app knows of an enterprise (name, unified social credit code,
address, contact); the company adds what attraction needs (industry, where it is registered, whether and
since when it is resident in the zone). So a signed lead's company becomes a project's owner (建设单位)
without copying anything, the credit code stays unique in one table, and the enterprises the registry
already knows (吉通机械, 奢爱良蔬 …) are courted and counted as themselves.
"""

import datetime as dt
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
from diaodu.org.models import Area, Department, Organisation, Person
from diaodu.projects.choices import Category
from diaodu.projects.models import Project

from .choices import (
    HEADQUARTERS_BADGES,
    STAGE_BADGES,
    ActivityKind,
    HeadquartersStatus,
    IndustrySection,
    LeadSource,
    LeadStage,
    SlaStep,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
HECTARES = {"max_digits": 12, "decimal_places": 4}
# The department that attracts investment (投资促进局, 招商局 for short): its users see every lead.
INVESTMENT_DEPARTMENTS = ("投资促进局", "招商局")
HEADQUARTERS_BUILDING = "开发区总部经济大楼"


def investment_department_q() -> Q:
    return Q(name__in=INVESTMENT_DEPARTMENTS) | Q(short_name__in=INVESTMENT_DEPARTMENTS)


class Company(BaseModel):
    """An enterprise the zone courts or hosts: the investment facts of an organisation."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="company"
    )
    industry = models.CharField(
        _("所属行业"), max_length=1, choices=IndustrySection.choices, blank=True, help_text=_("国民经济行业分类门类")
    )
    registered_in = models.CharField(
        _("注册地"), max_length=100, blank=True, help_text=_("工商注册所在地，如：吉林省长春市")
    )
    area = models.ForeignKey(
        Area, verbose_name=_("所在片区"), null=True, blank=True, on_delete=models.PROTECT, related_name="companies"
    )
    resident_since = models.DateField(
        _("入驻日期"), null=True, blank=True, help_text=_("在开发区落户之日；尚未入驻的留空")
    )
    resident_until = models.DateField(_("迁出日期"), null=True, blank=True, help_text=_("迁出开发区之日"))
    note = models.TextField(_("备注"), blank=True)
    # Counts the saves: an editor who loaded an older version is told instead of overwriting.
    version = models.PositiveIntegerField(_("版本"), default=0, editable=False)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("招商企业")
        verbose_name_plural = _("招商企业")
        indexes = [models.Index(fields=["resident_since"])]

    def __str__(self):
        return str(self.organisation)

    # Companies are zone-level data: every member of the zone sees them (the default `visibility_q`).

    def clean(self):
        if self.resident_until and not self.resident_since:
            raise ValidationError({"resident_until": _("填写迁出日期前，请先填写入驻日期。")})
        if self.resident_until and self.resident_since and self.resident_until < self.resident_since:
            raise ValidationError({"resident_until": _("迁出日期不能早于入驻日期。")})

    def save(self, *args, **kwargs):
        self.version += 1
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def credit_code(self) -> str:
        return self.organisation.credit_code

    def is_resident_on(self, day: dt.date) -> bool:
        return bool(self.resident_since and self.resident_since <= day and not self.left_by(day))

    def left_by(self, day: dt.date) -> bool:
        return bool(self.resident_until and self.resident_until <= day)

    @property
    def is_resident(self) -> bool:
        return self.is_resident_on(timezone.localdate())


class HeadquartersMove(BaseModel):
    """A company's move of its headquarters into the zone (总部经济): under negotiation, agreed or done."""

    company = models.OneToOneField(
        Company, verbose_name=_("企业"), on_delete=models.CASCADE, related_name="headquarters"
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=HeadquartersStatus.choices, default=HeadquartersStatus.NEGOTIATING
    )
    agreed_on = models.DateField(_("同意迁入日期"), null=True, blank=True, help_text=_("签订总部入驻协议之日"))
    registered_on = models.DateField(_("总部注册日期"), null=True, blank=True, help_text=_("总部在开发区完成注册之日"))
    building = models.CharField(_("入驻楼宇"), max_length=100, blank=True, default=HEADQUARTERS_BUILDING)
    floor_area_m2 = models.DecimalField(
        _("使用面积（平方米）"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    floors = models.CharField(_("楼层及房号"), max_length=50, blank=True, help_text=_("如：18–19层"))
    officer = models.ForeignKey(
        Person, verbose_name=_("招商负责人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["status", "agreed_on", "id"]
        verbose_name = _("总部迁入")
        verbose_name_plural = _("总部迁入")

    def __str__(self):
        return f"{self.company} {self.get_status_display()}"

    def clean(self):
        errors = {}
        if self.status in (HeadquartersStatus.AGREED, HeadquartersStatus.MOVED) and not self.agreed_on:
            errors["agreed_on"] = _("“%(status)s”需要填写同意迁入日期。") % {"status": self.get_status_display()}
        if self.status == HeadquartersStatus.MOVED and not self.registered_on:
            errors["registered_on"] = _("“已迁入”需要填写总部注册日期。")
        if self.agreed_on and self.registered_on and self.registered_on < self.agreed_on:
            errors["registered_on"] = _("总部注册日期不能早于同意迁入日期。")
        if errors:
            raise ValidationError(errors)

    @property
    def status_badge(self) -> str:
        return HEADQUARTERS_BADGES[HeadquartersStatus(self.status)]


class IndustryChain(BaseModel):
    """An industry chain the zone builds up (产业链): 装备制造, 医药健康, 文旅康养, 现代农业 … (configurable)."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    # What kind of key project a signed lead of this chain becomes.
    project_category = models.CharField(
        _("转为重点项目时的类别"), max_length=20, choices=Category.choices, default=Category.INDUSTRIAL
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("产业链")
        verbose_name_plural = _("产业链")

    def __str__(self):
        return self.name


class Lead(BaseModel):
    """A lead of investment attraction (招商线索): a company's intended investment, followed to ground-breaking."""

    title = models.CharField(_("线索名称"), max_length=200, help_text=_("如：同仁众合医疗器械产业基地"))
    company = models.ForeignKey(Company, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="leads")
    description = models.TextField(_("项目概况"), blank=True, help_text=_("拟建内容、规模、产品"))
    source = models.CharField(_("线索来源"), max_length=20, choices=LeadSource.choices)
    source_detail = models.CharField(
        _("来源说明"), max_length=200, blank=True, help_text=_("展会名称、驻外招商处、网站等")
    )
    referrer = models.ForeignKey(
        Company,
        verbose_name=_("引荐企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referred_leads",
        help_text=_("以商招商：引荐本线索的在区企业"),
    )
    chain = models.ForeignKey(
        IndustryChain, verbose_name=_("产业链"), null=True, blank=True, on_delete=models.PROTECT, related_name="leads"
    )
    investment = models.DecimalField(
        _("意向投资（万元）"), **MONEY, default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    land_ha = models.DecimalField(
        _("意向用地（公顷）"),
        **HECTARES,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("1公顷 = 15亩"),
    )
    park = models.ForeignKey(
        Area, verbose_name=_("意向园区"), null=True, blank=True, on_delete=models.PROTECT, related_name="leads"
    )
    officer = models.ForeignKey(
        Person, verbose_name=_("招商负责人"), null=True, blank=True, on_delete=models.PROTECT, related_name="leads"
    )
    # The stage and its dates move only through `lead_advance` (forwards; or to 终止 with a reason).
    stage = models.CharField(_("阶段"), max_length=12, choices=LeadStage.choices, default=LeadStage.LEAD)
    stage_since = models.DateField(_("进入本阶段日期"), default=timezone.localdate)
    signed_on = models.DateField(_("签约日期"), null=True, blank=True)
    lost_reason = models.TextField(_("终止原因"), blank=True)
    next_action = models.CharField(_("下一步工作"), max_length=200, blank=True)
    next_action_due = models.DateField(_("下一步时限"), null=True, blank=True)
    # The response rules count from the day the lead came in; the three closing dates come from the log.
    received_on = models.DateField(_("获取线索日期"), default=timezone.localdate)
    entered_on = models.DateField(_("登记日期"), default=timezone.localdate)
    assessed_on = models.DateField(_("研判日期"), null=True, blank=True)
    feedback_on = models.DateField(_("反馈企业日期"), null=True, blank=True)
    last_reported_on = models.DateField(_("最近报告进展日期"), null=True, blank=True)
    # Stored by `lead_refresh_sla` on every write, when the rules change and when the calendar does, so that
    # pages and the API can filter and sort on them: whether the rules apply, and the next open deadline.
    is_large = models.BooleanField(_("重大线索"), default=False, editable=False)
    sla_step = models.CharField(_("待办时限"), max_length=12, choices=SlaStep.choices, blank=True, editable=False)
    sla_due_on = models.DateField(_("时限"), null=True, blank=True, editable=False)
    # The overdue deadlines last reminded ("step:date,…"): each is reminded once.
    sla_reminded_key = models.CharField(max_length=200, blank=True, editable=False)
    project = models.OneToOneField(
        Project,
        verbose_name=_("重点项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead",
        help_text=_("签约后转入的重点项目"),
    )
    version = models.PositiveIntegerField(_("版本"), default=0, editable=False)

    class Meta:
        ordering = ["-investment", "id"]
        verbose_name = _("招商线索")
        verbose_name_plural = _("招商线索")
        indexes = [
            models.Index(fields=["stage"]),
            models.Index(fields=["sla_due_on"]),
            models.Index(fields=["signed_on"]),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.source == LeadSource.REFERRAL:
            if not self.referrer_id:
                errors["referrer"] = _("以商招商的线索请填写引荐企业（在区企业）。")
            elif self.referrer_id == self.company_id:
                errors["referrer"] = _("引荐企业不能是线索企业本身。")
            elif not self.referrer.is_resident_on(self.received_on or timezone.localdate()):
                errors["referrer"] = _("引荐企业“%(name)s”在获取线索时不是在区企业。") % {"name": self.referrer}
        elif self.referrer_id:
            errors["referrer"] = _("只有以商招商的线索才填写引荐企业。")
        if self.source == LeadSource.INDUSTRY_CHAIN and not self.chain_id:
            errors["chain"] = _("产业链招商的线索请选择产业链。")
        if self.received_on and self.entered_on and self.received_on > self.entered_on:
            errors["received_on"] = _("获取线索日期不能晚于登记日期（%(day)s）。") % {"day": self.entered_on}
        if self.next_action_due and not self.next_action.strip():
            errors["next_action"] = _("填写了下一步时限，请同时写明下一步工作。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.version += 1
        super().save(*args, **kwargs)

    @classmethod
    def visibility_q(cls, access):
        """Leaders and the 投资促进局 see every lead; anyone else the leads he is the 招商 officer of."""
        if Role.RESPONSIBLE_LEADER in access.roles:
            return None
        condition = Q(officer_id=access.person_id) if access.person_id else Q(pk__in=[])
        if Role.DEPARTMENT in access.roles and access.department_id:
            # Evaluated in the same query: the department's name decides, as it stands now.
            bureau = Department.objects.filter(investment_department_q(), pk=access.department_id)
            condition |= Q(Exists(bureau))
        return condition

    @property
    def stage_badge(self) -> str:
        return STAGE_BADGES[LeadStage(self.stage)]

    @property
    def investment_text(self) -> str:
        return format_money(self.investment)

    def is_overdue_on(self, day: dt.date) -> bool:
        """A deadline of the response rules is open and past on `day`."""
        return self.sla_due_on is not None and self.sla_due_on < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def is_converted(self) -> bool:
        return self.project_id is not None


class LeadActivity(BaseModel):
    """One entry of a lead's log: a visit, a meeting, a call, an assessment, feedback or a progress report."""

    lead = models.ForeignKey(Lead, verbose_name=_("线索"), on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("类型"), max_length=12, choices=ActivityKind.choices)
    date = models.DateField(_("日期"))
    summary = models.TextField(_("内容"))
    participants = models.CharField(_("参加人员"), max_length=200, blank=True)
    author = models.ForeignKey(
        Person, verbose_name=_("记录人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("线索跟进记录")
        verbose_name_plural = _("线索跟进记录")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"

    @classmethod
    def visibility_q(cls, access):
        condition = Lead.visibility_q(access)
        return None if condition is None else Q(lead__in=Lead.objects.filter(condition))


class ResponseRules(BaseModel):
    """How fast large leads are answered (one per zone), after a city's published practice.

    For a lead of `threshold` 万元 or more: registered within `register_workdays` working days of coming in,
    assessed (研判) within `assess_workdays`, the company given feedback within `feedback_workdays`, and its
    progress reported every `report_every_workdays` while the zone works it. “A week” is counted as 5 working
    days and “two weeks” as 10.
    """

    threshold = models.DecimalField(
        _("重大线索起点（万元）"),
        **MONEY,
        default=Decimal(10000),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("意向投资达到该金额的线索适用本规则；10000万元即1亿元"),
    )
    register_workdays = models.PositiveSmallIntegerField(
        _("登记时限（工作日）"), default=1, validators=[MaxValueValidator(60)]
    )
    assess_workdays = models.PositiveSmallIntegerField(
        _("研判时限（工作日）"), default=3, validators=[MaxValueValidator(60)]
    )
    feedback_workdays = models.PositiveSmallIntegerField(
        _("反馈时限（工作日）"), default=5, validators=[MaxValueValidator(60)]
    )
    report_every_workdays = models.PositiveSmallIntegerField(
        _("报告进展周期（工作日）"), default=10, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    # Always True and unique: a second row cannot be saved.
    singleton = models.BooleanField(default=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("重大线索响应规则")
        verbose_name_plural = _("重大线索响应规则")

    def __str__(self):
        return str(_("重大线索响应规则"))

    def clean(self):
        if not self.register_workdays <= self.assess_workdays <= self.feedback_workdays:
            raise ValidationError({"assess_workdays": _("时限应逐项不减：登记 ≤ 研判 ≤ 反馈。")})

    @classmethod
    def load(cls) -> "ResponseRules":
        """The zone's rules, created with the defaults the first time they are asked for."""
        current, _created = cls.objects.get_or_create(singleton=True)
        return current

    def applies_to(self, investment: Decimal) -> bool:
        return investment is not None and investment >= self.threshold


class InvestmentTarget(BaseModel):
    """The year's target of signed investment (签约额) and of signed projects."""

    year = models.PositiveIntegerField(
        _("年度"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    signed_investment = models.DecimalField(
        _("签约投资目标（万元）"), **MONEY, validators=[MinValueValidator(Decimal(0))]
    )
    signed_count = models.PositiveIntegerField(_("签约项目数目标"), default=0)
    note = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("如：年度工作报告“加大招商力度”"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("招商年度目标")
        verbose_name_plural = _("招商年度目标")

    def __str__(self):
        return _("%(year)d年招商目标") % {"year": self.year}
