"""Forms of the registry pages: errors in Chinese next to the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diaodu.core.concurrency import UNSTORED, VersionedFormMixin
from diaodu.core.forms import BootstrapMixin, BootstrapModelForm
from diaodu.org.models import Person

from .choices import Stage
from .models import Project, ScheduleTemplate, Step

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(VersionedFormMixin, BootstrapModelForm):
    class Meta:
        model = Project
        fields = [
            "name", "code", "category", "construction_type", "area", "owner", "scope",
            "total_investment", "investment_done_before", "planned_start", "planned_completion", "statistics_date",
            "responsible_leader", "responsible_officer", "responsible_department", "reports_weekly",
            "latitude", "longitude",
        ]  # fmt: skip
        widgets = {
            "planned_start": DATE,
            "planned_completion": DATE,
            "statistics_date": DATE,
            "scope": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(is_active=True).select_related("department")
        self.fields["responsible_leader"].queryset = people
        self.fields["responsible_officer"].queryset = people

    def clean_code(self):
        return self.cleaned_data.get("code") or None


class StageForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    """Move a project to another stage, from the version of the project the page showed (`record=project`)."""

    stage = forms.ChoiceField(label=_("转为阶段"), choices=Stage.choices)
    actual_start = forms.DateField(label=_("实际开工日期"), required=False, widget=DATE)
    actual_completion = forms.DateField(label=_("实际竣工日期"), required=False, widget=DATE)
    reason = forms.CharField(label=_("说明"), required=False, max_length=200)

    def saved_value(self, record, name: str):
        return UNSTORED if name == "reason" else super().saved_value(record, name)  # the reason goes to history


class TemplateForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    """Generate a project's steps from a template, from the version of the project the page showed."""

    template = forms.ModelChoiceField(label=_("工期模板"), queryset=ScheduleTemplate.objects.all())

    def saved_value(self, record, name: str):
        return UNSTORED  # the project has no field of that name: the notice says who changed it, and when


class StepForm(VersionedFormMixin, BootstrapModelForm):
    predecessors = forms.MultipleChoiceField(label=_("前置步骤"), required=False)

    class Meta:
        model = Step
        fields = [
            "name", "kind", "duration_days", "deadline", "status", "actual_start", "actual_finish",
            "responsible_department", "approval_number",
        ]  # fmt: skip
        widgets = {"deadline": DATE, "actual_start": DATE, "actual_finish": DATE}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        others = project.steps.exclude(pk=self.instance.pk) if self.instance.pk else project.steps.all()
        self.fields["predecessors"].choices = [
            (str(step.pk), step.name) for step in others.order_by("sort_order", "id")
        ]
        self.fields["predecessors"].widget.attrs.update({"class": "form-select", "size": 4})
        if self.instance.pk and not self.is_bound:
            self.initial["predecessors"] = [
                str(i) for i in self.instance.predecessor_links.values_list("predecessor_id", flat=True)
            ]

    def saved_value(self, record, name):
        if name == "predecessors":
            return [str(pk) for pk in record.predecessor_links.values_list("predecessor_id", flat=True)]
        return super().saved_value(record, name)

    def predecessor_links(self) -> list[tuple[int, int]]:
        """The chosen predecessors with their lags: kept where a link existed, 0 for new ones."""
        lags = {}
        if self.instance.pk:
            lags = dict(self.instance.predecessor_links.values_list("predecessor_id", "lag_days"))
        return [(int(pk), lags.get(int(pk), 0)) for pk in self.cleaned_data["predecessors"]]
