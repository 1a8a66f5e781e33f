"""Forms of the investment pages: errors in Chinese next to the field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diaodu.core.concurrency import UNSTORED, VersionedFormMixin
from diaodu.core.forms import BootstrapForm, BootstrapModelForm
from diaodu.core.validators import CreditCodeValidator
from diaodu.org.models import Area, Person

from .choices import PIPELINE, ActivityKind, LeadStage, stage_index
from .companies import COMPANY_FIELDS, HEADQUARTERS_FIELDS
from .models import Company, HeadquartersMove, IndustryChain, InvestmentTarget, Lead, ResponseRules
from .services import LEAD_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _people():
    return Person.objects.filter(is_active=True).select_related("department").order_by("department__sort_order", "name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.name}（{person.department}）" if person.department_id else person.name


ORGANISATION_FORM_FIELDS = ("name", "short_name", "credit_code", "address", "contact_name", "contact_phone")


class CompanyForm(VersionedFormMixin, BootstrapModelForm):
    """A company with its organisation's data: name, credit code, address and contact."""

    name = forms.CharField(label=_("企业名称"), max_length=200)
    short_name = forms.CharField(label=_("简称"), max_length=50, required=False)
    # Longer than 18: a code pasted with spaces or full-width characters is normalised before it is checked.
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=40,
        required=False,
        validators=[CreditCodeValidator()],
        help_text=_("18位，含校验位，如 91220105MA0Y3R2K5H"),
    )
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    # The save counter the editor loaded, beside the hidden `version` of every edit form (older pages send it).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["name", "short_name", "credit_code", "industry", "registered_in", "area", "address",
                   "contact_name", "contact_phone", "resident_since", "resident_until", "note"]  # fmt: skip

    class Meta:
        model = Company
        fields = list(COMPANY_FIELDS)
        widgets = {
            "resident_since": DATE,
            "resident_until": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("sort_order", "id")
        if self.instance.pk:
            organisation = self.instance.organisation
            for name in ORGANISATION_FORM_FIELDS:
                self.initial.setdefault(name, getattr(organisation, name))
            self.initial["seen_version"] = self.instance.version

    def saved_value(self, record, name):
        if name in ORGANISATION_FORM_FIELDS:
            return getattr(record.organisation, name)
        return super().saved_value(record, name)

    def rebase(self, record) -> None:
        super().rebase(record)
        self.data[self.add_prefix("seen_version")] = record.version


class HeadquartersForm(VersionedFormMixin, BootstrapModelForm):
    track_new = True  # a move recorded by someone else while this page was open is not overwritten

    officer = PersonChoiceField(label=_("招商负责人"), queryset=Person.objects.none(), required=False)

    class Meta:
        model = HeadquartersMove
        fields = list(HEADQUARTERS_FIELDS)
        widgets = {"agreed_on": DATE, "registered_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _people()


class LeadForm(VersionedFormMixin, BootstrapModelForm):
    officer = PersonChoiceField(label=_("招商负责人"), queryset=Person.objects.none(), required=False)
    # The save counter the editor loaded, beside the hidden `version` of every edit form (older pages send it).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Lead
        fields = list(LEAD_FIELDS)
        widgets = {
            "received_on": DATE,
            "next_action_due": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        companies = Company.objects.select_related("organisation").order_by("organisation__name")
        self.fields["company"].queryset = companies
        today = timezone.localdate()
        self.fields["referrer"].queryset = companies.filter(resident_since__lte=today).exclude(
            resident_until__lte=today
        )
        self.fields["chain"].queryset = IndustryChain.objects.filter(is_active=True).order_by("sort_order", "id")
        self.fields["park"].queryset = Area.objects.order_by("sort_order", "id")
        self.fields["officer"].queryset = _people()
        self.fields["received_on"].widget.attrs["max"] = today.isoformat()
        self.fields["received_on"].required = False  # empty: today
        self.fields["received_on"].help_text = _("收到线索之日，响应时限从这天起算；留空为今天")
        if self.instance.pk:
            self.initial["seen_version"] = self.instance.version
        else:
            self.fields["received_on"].initial = today

    def rebase(self, record) -> None:
        super().rebase(record)
        self.data[self.add_prefix("seen_version")] = record.version


class AdvanceForm(VersionedFormMixin, BootstrapForm):
    """Move a lead on to a later stage, or end it with a reason, from the version of the lead the page showed."""

    stage = forms.ChoiceField(label=_("变更为"), choices=LeadStage.choices)
    date = forms.DateField(label=_("日期"), widget=DATE)
    lost_reason = forms.CharField(label=_("终止原因"), required=False, max_length=500, help_text=_("仅终止时填写"))

    def __init__(self, *args, lead: Lead, **kwargs):
        super().__init__(*args, record=lead, **kwargs)
        if lead.stage in (LeadStage.LOST, LeadStage.STARTED):
            later = []
        else:
            later = PIPELINE[stage_index(lead.stage) + 1 :]
        # Offer the later stages and 终止; any other that is sent reaches the service, which says why it refuses.
        self.fields["stage"].widget.choices = [(stage.value, stage.label) for stage in later] + [
            (LeadStage.LOST.value, LeadStage.LOST.label)
        ]
        if later:
            self.fields["stage"].initial = later[0].value
        self.fields["date"].initial = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def saved_value(self, record, name: str):
        # The move's date goes into the history: the conflict compares the stage (and the reason to end it).
        return UNSTORED if name == "date" else super().saved_value(record, name)


class ActivityForm(BootstrapForm):
    """Log a visit, meeting, call, assessment, feedback or report, and (optionally) set the next action."""

    kind = forms.ChoiceField(label=_("类型"), choices=ActivityKind.choices)
    date = forms.DateField(label=_("日期"), widget=DATE)
    participants = forms.CharField(label=_("参加人员"), max_length=200, required=False)
    summary = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}))
    next_action = forms.CharField(
        label=_("下一步工作"), max_length=200, required=False, help_text=_("留空则不改变下一步工作")
    )
    next_action_due = forms.DateField(label=_("下一步时限"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()


class ConvertForm(BootstrapForm):
    """Turn a signed lead into a key project: its name and (optionally) its 包保领导."""

    name = forms.CharField(label=_("项目名称"), max_length=200)
    responsible_leader = PersonChoiceField(label=_("包保领导"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, lead: Lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].initial = lead.title
        self.fields["responsible_leader"].queryset = _people()


class RulesForm(VersionedFormMixin, BootstrapModelForm):
    class Meta:
        model = ResponseRules
        fields = ["threshold", "register_workdays", "assess_workdays", "feedback_workdays", "report_every_workdays"]


class TargetForm(VersionedFormMixin, BootstrapModelForm):
    track_new = True

    class Meta:
        model = InvestmentTarget
        fields = ["signed_investment", "signed_count", "note"]
