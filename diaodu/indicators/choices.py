"""Vocabularies of the indicators: how an indicator's periods combine, the granularity of a value, the light."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    """How the values of an indicator combine over time (see arithmetic.py)."""

    FLOW = "flow", _("流量（按月累计）")
    STOCK = "stock", _("存量（时点值）")
    RATIO = "ratio", _("比率（分子 ÷ 分母）")


class Granularity(models.TextChoices):
    MONTH = "month", _("月")
    QUARTER = "quarter", _("季度")
    YEAR = "year", _("年")


class OutlookLight(models.TextChoices):
    """Whether the growth still required each year to reach the plan's end-year target is within reach."""

    GREEN = "green", _("绿灯")
    YELLOW = "yellow", _("黄灯")
    RED = "red", _("红灯")


# Money is kept in 万元 like every ledger (pages show 亿元 from 10,000 万元); a ratio is in %.
MONEY_UNIT = "万元"
PERCENT_UNIT = "%"
