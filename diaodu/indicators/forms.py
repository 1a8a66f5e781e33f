"""Forms of the indicator pages: errors in Chinese, each naming its field."""

import datetime as dt

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from diaodu.core.concurrency import VersionedFormMixin
from diaodu.core.forms import BootstrapForm

from .choices import Granularity
from .models import Indicator


def _figure_field(label, *, required=True, hidden=False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=18,
        decimal_places=4,
        required=required,
        widget=forms.HiddenInput if hidden else forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        error_messages={
            "required": format_lazy(_("请填写“{field}”。"), field=label),
            "invalid": format_lazy(_("“{field}”应为数字，如 26000.5。"), field=label),
            "max_decimal_places": format_lazy(_("“{field}”最多4位小数。"), field=label),
            "max_digits": format_lazy(_("“{field}”位数过多。"), field=label),
            "max_whole_digits": format_lazy(_("“{field}”位数过多。"), field=label),
        },
    )


class ValueForm(VersionedFormMixin, BootstrapForm):
    """Enter the value of an indicator for a month, a quarter or a year (or correct it: `record=` the value)."""

    track_new = True  # a new period's value typed by someone else meanwhile is a conflict too

    granularity = forms.ChoiceField(
        label=_("周期"), choices=Granularity.choices, initial=Granularity.MONTH,
        error_messages={"required": _("请选择“周期”。"), "invalid_choice": _("“周期”应为月、季度或年。")},
    )  # fmt: skip
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100,
        error_messages={
            "required": _("请填写“年度”。"),
            "invalid": _("“年度”应为四位数字，如 2026。"),
            "min_value": _("“年度”应在2000至2100之间。"),
            "max_value": _("“年度”应在2000至2100之间。"),
        },
    )  # fmt: skip
    month = forms.TypedChoiceField(
        label=_("月份"), coerce=int, required=False, empty_value=None,
        choices=[("", "—"), *[(m, format_lazy(_("{m}月"), m=m)) for m in range(1, 13)]],
        help_text=_("按月录入时选择"), error_messages={"invalid_choice": _("“月份”应为1至12月。")},
    )  # fmt: skip
    quarter = forms.TypedChoiceField(
        label=_("季度"), coerce=int, required=False, empty_value=None,
        choices=[("", "—"), *[(q, format_lazy(_("第{q}季度"), q=q)) for q in range(1, 5)]],
        help_text=_("按季度录入时选择"), error_messages={"invalid_choice": _("“季度”应为第1至第4季度。")},
    )  # fmt: skip
    value = _figure_field(_("数值"))
    source = forms.CharField(label=_("来源"), max_length=200, required=False, help_text=_("如：区统计局10月快报"))
    # The value the editor is correcting, as the page showed it; empty for a new period (see services.py).
    replaces = _figure_field(_("原值"), required=False, hidden=True)

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].label = gettext("数值（%(unit)s）") % {"unit": indicator.unit}

    def clean(self):
        data = super().clean()
        granularity, year = data.get("granularity"), data.get("year")
        if not granularity or not year:
            return data
        if granularity == Granularity.MONTH:
            if not data.get("month"):
                self.add_error("month", _("按月录入时请选择“月份”。"))
                return data
            data["period_start"] = dt.date(year, data["month"], 1)
        elif granularity == Granularity.QUARTER:
            if not data.get("quarter"):
                self.add_error("quarter", _("按季度录入时请选择“季度”。"))
                return data
            data["period_start"] = dt.date(year, (data["quarter"] - 1) * 3 + 1, 1)
        else:
            data["period_start"] = dt.date(year, 1, 1)
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "granularity": data["granularity"],
            "period_start": data["period_start"],
            "value": data["value"],
            "source": data.get("source") or "",
            "replaces": data.get("replaces"),
            "seen": self.loaded_version,
        }

    def saved_value(self, record, name):
        if name in ("value", "source"):
            return getattr(record, name)
        return self.cleaned_data.get(name)  # the period names the same record

    def rebase(self, record) -> None:
        super().rebase(record)
        self.data[self.add_prefix("replaces")] = record.value

    def field_for_period(self) -> str:
        """The field a refusal about the period belongs next to."""
        granularity = self.cleaned_data.get("granularity")
        return {Granularity.MONTH: "month", Granularity.QUARTER: "quarter"}.get(granularity, "year")


class TargetForm(VersionedFormMixin, BootstrapForm):
    """Set the target of an indicator for a year (`record=` the target, if it has one)."""

    track_new = True

    value = _figure_field(_("目标值"))
    is_plan_end = forms.BooleanField(
        label=_("规划期末目标"), required=False, help_text=_("五年规划末年的目标，如“十四五”期末的2025年")
    )
    note = forms.CharField(label=_("依据"), max_length=200, required=False, help_text=_("如：开发区全体会议讲话"))
    replaces = _figure_field(_("原目标值"), required=False, hidden=True)

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].label = gettext("目标值（%(unit)s）") % {"unit": indicator.unit}

    def rebase(self, record) -> None:
        super().rebase(record)
        self.data[self.add_prefix("replaces")] = record.value
