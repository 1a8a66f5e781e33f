"""Forms of the issue pages: errors in Chinese next to the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diaodu.core.concurrency import UNSTORED, VersionedFormMixin
from diaodu.core.forms import BootstrapForm, BootstrapModelForm
from diaodu.org.models import Department
from diaodu.projects.models import Project

from .choices import IssueSource
from .models import EscalationSettings, IssueCategory
from .services import MAX_ATTACHMENT_BYTES


class IssueRaiseForm(BootstrapForm):
    project = forms.ModelChoiceField(label=_("项目"), queryset=Project.objects.none(), required=False)
    # An issue from a progress report names its report (API `report`); this form raises the others.
    source = forms.ChoiceField(
        label=_("来源"),
        choices=[(value, label) for value, label in IssueSource.choices if value != IssueSource.REPORT],
        initial=IssueSource.PROJECT,
    )
    source_note = forms.CharField(label=_("来源说明"), max_length=200, required=False)
    category = forms.ModelChoiceField(label=_("类别"), queryset=IssueCategory.objects.filter(is_active=True))
    title = forms.CharField(label=_("问题"), max_length=200)
    description = forms.CharField(
        label=_("问题描述"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=_("现状、影响、诉求")
    )
    department = forms.ModelChoiceField(
        label=_("交办部门"), queryset=Department.objects.all(), required=False, help_text=_("留空则待项目办交办")
    )
    attachment = forms.FileField(label=_("附件"), required=False)

    def __init__(self, *args, user, can_assign: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user).order_by("name")
        if not can_assign:
            del self.fields["department"]

    def clean_attachment(self):
        return _checked_file(self.cleaned_data.get("attachment"))


def _checked_file(upload):
    if upload and upload.size > MAX_ATTACHMENT_BYTES:
        raise forms.ValidationError(_("附件不能超过20MB。"))
    return upload


class AssignForm(VersionedFormMixin, BootstrapForm):
    department = forms.ModelChoiceField(label=_("交办部门"), queryset=Department.objects.all())
    note = forms.CharField(label=_("交办意见"), required=False, max_length=500)


class RespondForm(VersionedFormMixin, BootstrapForm):
    text = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}))


class ResolveForm(VersionedFormMixin, BootstrapForm):
    text = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(VersionedFormMixin, BootstrapForm):
    text = forms.CharField(label=_("销号意见"), required=False, max_length=500)


class ReopenForm(VersionedFormMixin, BootstrapForm):
    reason = forms.CharField(label=_("重新打开的原因"), max_length=500)


class AttachmentForm(VersionedFormMixin, BootstrapForm):
    """A file for the issue, from the version of the issue the page showed (`record=issue`)."""

    file = forms.FileField(label=_("附件"))
    name = forms.CharField(label=_("名称"), required=False, max_length=200)

    def clean_file(self):
        return _checked_file(self.cleaned_data.get("file"))

    def saved_value(self, record, name: str):
        return UNSTORED  # the issue stores no file: a conflict names who changed the issue, and when


# The action forms carry the issue's version (`record=issue`): an action taken on a page older than the issue's
# last change is refused and shown with who changed it (answering in the thread is never refused for that).
ACTION_FORMS = {
    "assign": AssignForm,
    "respond": RespondForm,
    "resolve": ResolveForm,
    "close": CloseForm,
    "reopen": ReopenForm,
}


class EscalationSettingsForm(VersionedFormMixin, BootstrapModelForm):
    class Meta:
        model = EscalationSettings
        fields = ["level1_days", "level2_days", "level3_days", "remind_days_before"]


class IssueCategoryForm(VersionedFormMixin, BootstrapModelForm):
    class Meta:
        model = IssueCategory
        fields = ["name", "sla_workdays", "default_department", "sort_order", "is_active"]


IssueCategoryFormSet = forms.modelformset_factory(IssueCategory, form=IssueCategoryForm, extra=1, can_delete=False)
