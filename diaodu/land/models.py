"""Land parcels (地块) from plan through expropriation and reserve to supply, and the yearly 征供地 quota."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.core.units import format_money, hectares_to_mu
from diaodu.org.models import Area

from .choices import STATUS_BADGES, STATUS_DATE_FIELD, STATUS_ORDER, LandUse, ParcelStatus, SupplyMethod

HECTARES = {"max_digits": 12, "decimal_places": 4}
MONEY = {"max_digits": 14, "decimal_places": 2}
SMALLEST_AREA = Decimal("0.0001")  # one square metre


class Parcel(BaseModel):
    """A parcel of land (地块) the zone expropriates, reserves and supplies to its projects."""

    number = models.CharField(_("地块编号"), max_length=40, unique=True, help_text=_("如：JJ-A-03"))
    name = models.CharField(_("地块名称"), max_length=100, help_text=_("如：洁净工业园A-03地块"))
    area_ha = models.DecimalField(
        _("面积（公顷）"), **HECTARES, validators=[MinValueValidator(SMALLEST_AREA)], help_text=_("1公顷 = 15亩")
    )
    land_use = models.CharField(_("用途"), max_length=16, choices=LandUse.choices, default=LandUse.INDUSTRIAL)
    location = models.CharField(
        _("坐落"), max_length=200, blank=True, help_text=_("四至或路名，如：纬三路以南、经五路以东")
    )
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    area = models.ForeignKey(
        Area, verbose_name=_("所在片区"), null=True, blank=True, on_delete=models.PROTECT, related_name="parcels"
    )
    # The status and its dates move only through `parcel_advance` (forward, one step at a time): the forms,
    # the API and the admin leave them out or read-only. (Not `editable=False`: the history would skip them.)
    status = models.CharField(_("状态"), max_length=12, choices=ParcelStatus.choices, default=ParcelStatus.PLANNED)
    supply_method = models.CharField(_("供应方式"), max_length=12, choices=SupplyMethod.choices, blank=True)
    acquiring_on = models.DateField(_("启动征收日期"), null=True, blank=True)
    acquired_on = models.DateField(_("完成征收日期"), null=True, blank=True)
    reserved_on = models.DateField(_("收储日期"), null=True, blank=True)
    supplied_on = models.DateField(_("供应日期"), null=True, blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("服务项目"), blank=True, related_name="parcels"
    )
    compensation_budget = models.DecimalField(
        _("征收补偿预算（万元）"), **MONEY, default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    compensation_paid = models.DecimalField(
        _("已支付补偿（万元）"), **MONEY, default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    farmland_conversion_approval = models.CharField(
        _("农转用批复文号"), max_length=100, blank=True, help_text=_("农用地转用批复，如：吉政土批〔2026〕12号")
    )
    expropriation_notice = models.CharField(
        _("征收公告文号"), max_length=100, blank=True, help_text=_("如：开征告〔2026〕3号")
    )
    note = models.TextField(_("备注"), blank=True)
    # Counts the saves: an editor who loaded an older version is told instead of overwriting (see `parcel_update`).
    version = models.PositiveIntegerField(_("版本"), default=0, editable=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("地块")
        verbose_name_plural = _("地块")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["acquired_on"]),
            models.Index(fields=["supplied_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(area_ha__gt=0), name="land_parcel_area_positive"),
            models.CheckConstraint(
                condition=Q(compensation_paid__lte=models.F("compensation_budget")),
                name="land_parcel_paid_within_budget",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    def clean(self):
        errors = {}
        if (
            self.compensation_paid is not None
            and self.compensation_budget is not None
            and self.compensation_paid > self.compensation_budget
        ):
            errors["compensation_paid"] = _("已支付补偿（%(paid)s）不能超过征收补偿预算（%(budget)s）。") % {
                "paid": format_money(self.compensation_paid),
                "budget": format_money(self.compensation_budget),
            }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.version += 1
        super().save(*args, **kwargs)

    # Land is zone-level data: every member of the zone sees every parcel (the default `visibility_q`).

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[ParcelStatus(self.status)]

    @property
    def status_steps(self) -> list[tuple[str, str, object]]:
        """Each status with its label and the date it was reached (None for the ones still ahead)."""
        dates = {status: getattr(self, field) for status, field in STATUS_DATE_FIELD.items()}
        return [(status.value, status.label, dates.get(status)) for status in STATUS_ORDER]

    @property
    def area_mu(self) -> Decimal:
        """The area in 亩 (公顷 × 15, exact)."""
        return hectares_to_mu(self.area_ha)

    @property
    def compensation_outstanding(self) -> Decimal:
        return self.compensation_budget - self.compensation_paid


class LandQuota(BaseModel):
    """The year's 征供地 target: hectares to acquire (征收) and to supply (供应).

    How the zone counts it (the speech: “必保征供地400公顷以上”): 征供地 is one figure, the hectares acquired
    plus the hectares supplied in the year. The quota is `acquire_ha + supply_ha`; a parcel counts toward
    it by its area once on the day its expropriation is completed (`acquired_on` in the year) and once on the
    day it is supplied (`supplied_on` in the year): a parcel acquired and supplied in the same year counts
    twice, because both are work of that year. Remaining = quota − (acquired + supplied), never below 0.
    """

    year = models.PositiveIntegerField(
        _("年度"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    acquire_ha = models.DecimalField(
        _("征收任务（公顷）"), **HECTARES, default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    supply_ha = models.DecimalField(
        _("供应任务（公顷）"), **HECTARES, default=Decimal(0), validators=[MinValueValidator(Decimal(0))]
    )
    note = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("如：年度工作报告“必保征供地400公顷以上”")
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("征供地任务")
        verbose_name_plural = _("征供地任务")

    def __str__(self):
        return _("%(year)d年征供地任务") % {"year": self.year}

    @property
    def total_ha(self) -> Decimal:
        """The 征供地 quota: hectares to acquire plus hectares to supply."""
        return self.acquire_ha + self.supply_ha
