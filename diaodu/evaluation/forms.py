"""Forms of the evaluation pages: the year's scheme, and a snapshot's month. Errors in Chinese, naming the field."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from diaodu.core.concurrency import VersionedFormMixin
from diaodu.core.forms import BootstrapForm

from .choices import Criterion
from .models import WEIGHT_FIELDS, EvaluationScheme


def _weight_field(label, help_text) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={
            "required": format_lazy(_("请填写“{field}”的权重。"), field=label),
            "invalid": format_lazy(_("“{field}”的权重应为数字，如 25。"), field=label),
            "min_value": format_lazy(_("“{field}”的权重应在0至100分之间。"), field=label),
            "max_value": format_lazy(_("“{field}”的权重应在0至100分之间。"), field=label),
            "max_decimal_places": format_lazy(_("“{field}”的权重最多2位小数。"), field=label),
            "max_digits": format_lazy(_("“{field}”的权重应在0至100分之间。"), field=label),
            "max_whole_digits": format_lazy(_("“{field}”的权重应在0至100分之间。"), field=label),
        },
    )


class SchemeForm(VersionedFormMixin, BootstrapForm):
    """The weight of each criterion (points; the five general ones add up to 100) and the 招商 target.

    `record=` the year's scheme (unsaved when the year has none yet: the form then sends `NEW`).
    """

    track_new = True

    steps_weight = _weight_field(Criterion.STEPS.label, EvaluationScheme._meta.get_field("steps_weight").help_text)
    reports_weight = _weight_field(
        Criterion.REPORTS.label, EvaluationScheme._meta.get_field("reports_weight").help_text
    )
    issues_weight = _weight_field(Criterion.ISSUES.label, EvaluationScheme._meta.get_field("issues_weight").help_text)
    investment_weight = _weight_field(
        Criterion.INVESTMENT.label, EvaluationScheme._meta.get_field("investment_weight").help_text
    )
    red_weight = _weight_field(Criterion.RED.label, EvaluationScheme._meta.get_field("red_weight").help_text)
    signed_weight = _weight_field(Criterion.SIGNED.label, EvaluationScheme._meta.get_field("signed_weight").help_text)
    signed_target = forms.DecimalField(
        label=_("每名招商干部年度签约目标（万元）"),
        help_text=EvaluationScheme._meta.get_field("signed_target").help_text,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        error_messages={
            "required": _("请填写“每名招商干部年度签约目标”。"),
            "invalid": _("“每名招商干部年度签约目标”应为金额（万元），如 100000。"),
            "min_value": _("“每名招商干部年度签约目标”不能为负数。"),
            "max_decimal_places": _("“每名招商干部年度签约目标”最多2位小数。"),
            "max_digits": _("“每名招商干部年度签约目标”位数过多。"),
            "max_whole_digits": _("“每名招商干部年度签约目标”位数过多。"),
        },
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False, help_text=_("如：管委会主任会议通过"))
    # The version the editor read (see services.scheme_save); 0 for a year without a scheme yet.
    seen_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def rebase(self, record) -> None:
        """After a conflict, the save counter moves to the scheme as saved too: saving again overwrites it."""
        super().rebase(record)
        self.data[self.add_prefix("seen_version")] = record.version

    def weights(self) -> dict[str, object]:
        return {str(code): self.cleaned_data[field] for code, field in WEIGHT_FIELDS.items()}


class SnapshotForm(BootstrapForm):
    """Keep a past month's rankings; a month that has them is replaced only when `replace` is ticked."""

    month = forms.CharField(label=_("月份"), max_length=7, error_messages={"required": _("请选择“月份”，如 2026-05。")})
    replace = forms.BooleanField(label=_("替换已有快照（按该月月末数据重新计算）"), required=False)
