"""Economic indicators (经济指标), their values by month, quarter or year, and their targets by year."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from diaodu.core.models import BaseModel
from diaodu.core.units import format_money

from .arithmetic import is_period_start, period_end
from .choices import MONEY_UNIT, PERCENT_UNIT, Granularity, IndicatorKind

FIGURE = {"max_digits": 18, "decimal_places": 4}
YEARS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Indicator(BaseModel):
    """An economic indicator of the zone and how its values combine over time (流量、存量、比率)."""

    code = models.CharField(
        _("代码"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", _("代码只能包含小写字母、数字和下划线，并以字母开头。"))],
        help_text=_("如：fixed_asset_investment；接口和驾驶舱用它指称指标"),
    )
    name = models.CharField(_("名称"), max_length=60, help_text=_("如：固定资产投资"))
    unit = models.CharField(
        _("单位"), max_length=16, help_text=_("金额一律按万元录入（页面满1亿元显示为亿元）；比率为 %")
    )
    kind = models.CharField(_("类型"), max_length=8, choices=IndicatorKind.choices, default=IndicatorKind.FLOW)
    numerator = models.ForeignKey(
        "self", verbose_name=_("分子"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", verbose_name=_("分母"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decimals = models.PositiveSmallIntegerField(
        _("显示小数位"), default=2, validators=[MaxValueValidator(4)], help_text=_("页面显示的小数位数")
    )
    source_note = models.CharField(
        _("数据来源"), max_length=200, blank=True, help_text=_("如：区统计局月度快报；区财政局")
    )
    registry_source = models.CharField(
        _("实时来源"),
        max_length=40,
        blank=True,
        help_text=_("由其他模块实时提供数值的来源代码，如 resident_enterprises；未接入时使用录入值"),
    )
    note = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("经济指标")
        verbose_name_plural = _("经济指标")

    def __str__(self):
        return self.name

    @property
    def is_money(self) -> bool:
        return self.unit == MONEY_UNIT

    @property
    def is_ratio(self) -> bool:
        return self.kind == IndicatorKind.RATIO

    def format_value(self, value) -> str:
        """The value with its unit as a page shows it: money through the 万元/亿元 rule, the rest as typed."""
        if value is None:
            return "—"
        if self.is_money:
            return format_money(value, self.decimals)
        rounded = Decimal(value).quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        text = f"{rounded:,.{self.decimals}f}"
        return f"{text}{self.unit}" if self.unit == PERCENT_UNIT else f"{text} {self.unit}"

    def clean(self):
        errors = {}
        if self.kind == IndicatorKind.RATIO:
            if self.numerator_id is None:
                errors["numerator"] = _t("比率指标须选择分子指标。")
            if self.denominator_id is None:
                errors["denominator"] = _t("比率指标须选择分母指标。")
            if self.numerator_id and self.numerator_id == self.denominator_id:
                errors["denominator"] = _t("分子和分母不能是同一个指标。")
            for field in ("numerator", "denominator"):
                part = getattr(self, field) if getattr(self, f"{field}_id") else None
                if part is not None and (part.kind == IndicatorKind.RATIO or (self.pk and part.pk == self.pk)):
                    errors[field] = _t("比率指标的分子、分母须是流量或存量指标。")
            if self.unit != PERCENT_UNIT:
                errors["unit"] = _t("比率指标的单位应为 %。")
            if self.registry_source:
                errors["registry_source"] = _t("比率指标由分子、分母计算，不接实时来源。")
        else:
            if self.numerator_id or self.denominator_id:
                errors["numerator"] = _t("只有比率指标才有分子和分母。")
            if self.registry_source and self.kind != IndicatorKind.STOCK:
                errors["registry_source"] = _t("实时来源给出某一天的时点值，只适用于存量指标。")
        if errors:
            raise ValidationError(errors)


class IndicatorValue(BaseModel):
    """The value of an indicator for one month, quarter or year, with where it came from."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="values")
    granularity = models.CharField(_("周期"), max_length=8, choices=Granularity.choices)
    period_start = models.DateField(_("周期起始日"), help_text=_("月、季度或年的第一天，如 2026-10-01"))
    value = models.DecimalField(_("数值"), **FIGURE, validators=[MinValueValidator(Decimal(0))])
    source = models.CharField(_("来源"), max_length=200, blank=True, help_text=_("如：区统计局2026年10月快报"))

    class Meta:
        ordering = ["indicator", "period_start", "granularity"]
        verbose_name = _("指标数值")
        verbose_name_plural = _("指标数值")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "granularity", "period_start"], name="indicators_value_one_per_period"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicators_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.period_label} {self.value}"

    @property
    def period_end(self):
        return period_end(self.granularity, self.period_start)

    @property
    def period_label(self) -> str:
        return period_label(self.granularity, self.period_start)

    def clean(self):
        if self.granularity and self.period_start and not is_period_start(self.granularity, self.period_start):
            raise ValidationError({"period_start": period_start_message(self.granularity)})


class IndicatorTarget(BaseModel):
    """The target of an indicator for a year; the plan's end-year target (规划期末目标) is flagged."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveIntegerField(_("年度"), validators=YEARS)
    value = models.DecimalField(_("目标值"), **FIGURE, validators=[MinValueValidator(Decimal(0))])
    is_plan_end = models.BooleanField(
        _("规划期末目标"), default=False, help_text=_("五年规划末年的目标，如“十四五”期末的2025年")
    )
    note = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("如：开发区全体会议讲话"))

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("指标目标")
        verbose_name_plural = _("指标目标")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicators_target_one_per_year"),
        ]

    def __str__(self):
        return _t("%(indicator)s %(year)d年目标") % {"indicator": self.indicator, "year": self.year}


def period_label(granularity: str, start) -> str:
    """'2026年', '2026年第3季度', '2026年10月'."""
    if granularity == Granularity.YEAR:
        return _t("%(year)d年") % {"year": start.year}
    if granularity == Granularity.QUARTER:
        return _t("%(year)d年第%(quarter)d季度") % {"year": start.year, "quarter": (start.month - 1) // 3 + 1}
    return _t("%(year)d年%(month)d月") % {"year": start.year, "month": start.month}


def period_start_message(granularity: str) -> str:
    if granularity == Granularity.YEAR:
        return _t("“周期起始日”：按年录入时应为1月1日，如 2025-01-01。")
    if granularity == Granularity.QUARTER:
        return _t("“周期起始日”：按季度录入时应为季度首日（1月、4月、7月或10月的1日），如 2026-07-01。")
    return _t("“周期起始日”：按月录入时应为当月1日，如 2026-10-01。")
