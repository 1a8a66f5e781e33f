"""Forms of the meeting pages: errors in Chinese next to the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diaodu.coordination.models import IssueCategory
from diaodu.core.concurrency import VersionedFormMixin
from diaodu.core.forms import BootstrapForm, BootstrapModelForm
from diaodu.org.models import Department, Person
from diaodu.projects.models import Project

from .models import Meeting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(VersionedFormMixin, BootstrapModelForm):
    """A meeting's details; carries the version it was loaded with (a stale save shows both versions)."""

    class Meta:
        model = Meeting
        fields = ["date", "kind", "title", "chair", "location", "attendees", "departments"]
        widgets = {"date": DATE}
        help_texts = {"title": _("留空则按日期和类型命名，如：2026年11月23日周调度会")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        people = Person.objects.filter(is_active=True).select_related("department")
        self.fields["chair"].queryset = people
        self.fields["attendees"].queryset = people
        self.fields["attendees"].widget.attrs["size"] = 8
        self.fields["departments"].queryset = Department.objects.all()
        self.fields["departments"].widget.attrs["size"] = 8


class AgendaItemForm(BootstrapForm):
    project = forms.ModelChoiceField(label=_("项目"), queryset=Project.objects.none())
    reason = forms.CharField(label=_("上会原因"), max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user).order_by("name")


class DecisionForm(BootstrapForm):
    text = forms.CharField(label=_("议定事项"), widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(label=_("承办部门"), queryset=Department.objects.all())
    category = forms.ModelChoiceField(
        label=_("问题类别"),
        queryset=IssueCategory.objects.filter(is_active=True),
        help_text=_("未填办理时限时，按类别的工作日时限自交办之日起计算"),
    )
    project = forms.ModelChoiceField(label=_("项目"), queryset=Project.objects.none(), required=False)
    due_date = forms.DateField(
        label=_("办理时限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("会议确定的完成日期；不填则按问题类别的工作日时限计算"),
    )

    def __init__(self, *args, user, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user).order_by("name")
        self.fields["category"].label_from_instance = lambda category: (
            _("%(name)s（%(days)d个工作日）")
            % {
                "name": category.name,
                "days": category.sla_workdays,
            }
        )
        if meeting is not None:
            # The projects on the agenda first: a decision is most often about one of them.
            on_agenda = [item.project for item in meeting.agenda.all()]
            if on_agenda and not self.is_bound:
                self.fields["project"].choices = [
                    ("", "—"),
                    (_("议程项目"), [(project.pk, project.name) for project in on_agenda]),
                    (_("其他项目"), [(p.pk, p.name) for p in self.fields["project"].queryset if p not in on_agenda]),
                ]


class MinutesForm(VersionedFormMixin, BootstrapForm):
    """The minutes of `record=` the meeting, with the version they were loaded with."""

    minutes = forms.CharField(label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 6}))
