"""Forms of the land pages: errors in Chinese next to the field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diaodu.core.concurrency import UNSTORED, VersionedFormMixin
from diaodu.core.forms import BootstrapForm, BootstrapModelForm
from diaodu.projects.models import Project

from .choices import ParcelStatus, SupplyMethod, next_status
from .models import LandQuota, Parcel
from .services import EDITABLE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParcelForm(VersionedFormMixin, BootstrapModelForm):
    projects = forms.ModelMultipleChoiceField(
        label=_("服务项目"), queryset=Project.objects.none(), required=False, help_text=_("可多选")
    )
    # The save counter the editor loaded, beside the hidden `version` of every edit form: pages and clients
    # that send only this one are checked too.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Parcel
        fields = list(EDITABLE_FIELDS)
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = Project.objects.visible_to(user).order_by("name")
        self.fields["projects"].widget.attrs["size"] = 8
        if self.instance.pk:
            if not self.is_bound:
                self.initial["projects"] = list(self.instance.projects.values_list("pk", flat=True))
            self.initial["seen_version"] = self.instance.version

    def rebase(self, record) -> None:
        super().rebase(record)
        self.data[self.add_prefix("seen_version")] = record.version


class AdvanceForm(VersionedFormMixin, BootstrapForm):
    """Move a parcel to its next status on the day it happened, from the version of the parcel the page showed."""

    status = forms.ChoiceField(label=_("变更为"), choices=ParcelStatus.choices)
    date = forms.DateField(label=_("日期"), widget=DATE)
    supply_method = forms.ChoiceField(
        label=_("供应方式"),
        choices=[("", "—"), *SupplyMethod.choices],
        required=False,
        help_text=_("仅供应时填写"),
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, parcel: Parcel, **kwargs):
        super().__init__(*args, record=parcel, **kwargs)
        upcoming = next_status(parcel.status)
        if upcoming is not None:
            # Offer the next status only; any other that is sent reaches the service, which says why it refuses.
            self.fields["status"].widget.choices = [(upcoming.value, upcoming.label)]
            self.fields["status"].initial = upcoming.value
            if upcoming != ParcelStatus.SUPPLIED:
                del self.fields["supply_method"]
        self.fields["date"].initial = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def saved_value(self, record, name: str):
        # The step's date and note go into the history, not into fields of these names: the conflict compares status.
        return UNSTORED if name in ("date", "note") else super().saved_value(record, name)


class QuotaForm(VersionedFormMixin, BootstrapModelForm):
    track_new = True  # a quota set by someone else while this page was open is not overwritten

    class Meta:
        model = LandQuota
        fields = ["acquire_ha", "supply_ha", "note"]
