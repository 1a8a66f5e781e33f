"""Forms of the funding pages: errors in Chinese next to the field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diaodu.core.concurrency import UNSTORED, VersionedFormMixin
from diaodu.core.forms import BootstrapForm, BootstrapModelForm
from diaodu.projects.models import ProcedureType, Project

from .choices import ApplicationStatus, Channel
from .models import BondFinance, FundingSettings, MaturityItem

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class ApplicationForm(VersionedFormMixin, BootstrapForm):
    project = forms.ModelChoiceField(label=_("项目"), queryset=Project.objects.none())
    channel = forms.ChoiceField(label=_("资金渠道"), choices=Channel.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    batch = forms.CharField(label=_("批次"), max_length=50, required=False, help_text=_("如：第一批新增专项债券"))
    requested_amount = forms.DecimalField(label=_("申请金额（万元）"), **MONEY)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # The `updated_at` the form was loaded with, beside the hidden `version` of every edit form (older pages
    # send only this one): a save by someone else in between is refused.
    loaded_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects.order_by("name")
        self.fields["year"].initial = timezone.localdate().year

    def rebase(self, record) -> None:
        super().rebase(record)
        self.data[self.add_prefix("loaded_at")] = timezone.localtime(record.updated_at).strftime("%Y-%m-%d %H:%M:%S.%f")


class AdvanceForm(VersionedFormMixin, BootstrapForm):
    """One step of an application's flow, from the version of the application the page showed (`record=`)."""

    status = forms.ChoiceField(label=_("改为"), choices=ApplicationStatus.choices)
    date = forms.DateField(label=_("日期"), required=False, widget=DATE, help_text=_("留空为今天"))
    approved_amount = forms.DecimalField(label=_("获批金额（万元）"), required=False, **MONEY)
    received_amount = forms.DecimalField(label=_("到位金额（万元）"), required=False, **MONEY)
    reason = forms.CharField(label=_("说明"), required=False, max_length=200)

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, ApplicationStatus(s).label) for s in statuses]
        if ApplicationStatus.APPROVED not in statuses:
            del self.fields["approved_amount"]
        if ApplicationStatus.RECEIVED not in statuses:
            del self.fields["received_amount"]

    def saved_value(self, record, name: str):
        # The step's date and reason go into the history: the conflict compares the status and the amounts.
        return UNSTORED if name in ("date", "reason") else super().saved_value(record, name)


class DocumentForm(BootstrapForm):
    item = forms.ModelChoiceField(label=_("文件"), queryset=MaturityItem.objects.filter(is_active=True))
    provided_on = forms.DateField(label=_("取得日期"), widget=DATE)
    reference = forms.CharField(label=_("文号/编号"), max_length=100, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class BondFinanceForm(VersionedFormMixin, BootstrapModelForm):
    track_new = True  # a plan recorded by someone else while the page was open is not overwritten

    class Meta:
        model = BondFinance
        fields = ["bond_amount", "term_years", "interest_rate", "expected_income", "other_debt_service", "note"]


class SettingsForm(VersionedFormMixin, BootstrapModelForm):
    class Meta:
        model = FundingSettings
        fields = ["preparing_threshold", "mature_threshold", "ready_threshold", "coverage_threshold"]


class ProcedureCodesField(forms.CharField):
    """The alternatives of procedure codes as a line of text: `land_pre_review+land_supply, property_certificate`."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [part.replace(" ", "") for part in text.replace("，", ",").split(",") if part.strip()]

    def validate(self, value):
        super().validate(value)
        known = set(ProcedureType.objects.values_list("code", flat=True))
        unknown = sorted({code for alt in value for code in alt.split("+") if code and code not in known})
        if unknown:
            raise forms.ValidationError(
                _("未知的手续代码：%(codes)s。请使用手续目录中的代码，如 feasibility、land_supply。")
                % {"codes": "、".join(unknown)}
            )


class MaturityItemForm(VersionedFormMixin, BootstrapModelForm):
    procedure_codes = ProcedureCodesField(
        label=_("对应手续"), required=False, widget=forms.TextInput(attrs={"style": "min-width: 18rem"})
    )

    class Meta:
        model = MaturityItem
        fields = ["name", "code", "weight", "procedure_codes", "description", "sort_order", "is_active"]
        widgets = {
            "name": forms.TextInput(attrs={"style": "min-width: 9rem"}),
            "weight": forms.NumberInput(attrs={"style": "width: 5rem"}),
            "description": forms.TextInput(attrs={"style": "min-width: 14rem"}),
            "sort_order": forms.NumberInput(attrs={"style": "width: 5rem"}),
        }


class BaseItemFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        total = 0
        for form in self.forms:
            data = form.cleaned_data
            if not data or not data.get("is_active"):
                continue
            total += data.get("weight") or 0
        if total != 100:
            raise forms.ValidationError(
                _("启用指标的权重合计应为100，目前为%(total)d。") % {"total": total}, code="weights"
            )


MaturityItemFormSet = forms.modelformset_factory(
    MaturityItem, form=MaturityItemForm, formset=BaseItemFormSet, extra=1, can_delete=False
)
