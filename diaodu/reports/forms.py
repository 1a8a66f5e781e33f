"""Forms of the bulletin pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diaodu.core.forms import BootstrapForm
from diaodu.meetings.models import Meeting

from .choices import BulletinFormat

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BulletinRequestForm(BootstrapForm):
    as_of = forms.DateField(
        label=_("截至日期"), widget=DATE, required=False, help_text=_("留空：今天（调度会的通报为会议日期）")
    )
    meeting = forms.ModelChoiceField(label=_("调度会"), queryset=Meeting.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.visible_to(user).order_by("-date", "-id")
        self.fields["as_of"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_as_of(self):
        value = self.cleaned_data.get("as_of")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("截至日期不能晚于今天。"))
        return value


class BulletinMakeForm(BulletinRequestForm):
    """A bulletin made on the spot and downloaded: the same choice, plus the format."""

    format = forms.ChoiceField(label=_("格式"), choices=BulletinFormat.choices)
