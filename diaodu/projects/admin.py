from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    FundingSource,
    InvestmentPlan,
    ProcedureType,
    Project,
    ScheduleTemplate,
    Step,
    StepDependency,
    TemplateStep,
)


class InvestmentPlanInline(admin.TabularInline):
    model = InvestmentPlan
    extra = 0


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "code",
        "category",
        "stage",
        "area",
        "total_investment",
        "planned_start",
        "schedule_feasible",
    ]
    list_filter = ["stage", "category", "area", "schedule_feasible"]
    search_fields = ["name", "code"]
    list_select_related = ["area"]
    readonly_fields = ["stage", "schedule_as_of", "schedule_feasible", "schedule_min_float", "schedule_error"]
    inlines = [InvestmentPlanInline, FundingSourceInline]
    autocomplete_fields = ["owner", "responsible_leader", "responsible_officer"]


class DependencyInline(admin.TabularInline):
    model = StepDependency
    fk_name = "successor"
    extra = 0


@admin.register(Step)
class StepAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "status", "duration_days", "deadline", "total_float"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "project__name"]
    list_select_related = ["project"]
    inlines = [DependencyInline]


@admin.register(ProcedureType)
class ProcedureTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "statutory_days", "default_days", "department_name", "basis"]


class TemplateStepInline(admin.TabularInline):
    model = TemplateStep
    extra = 0
    filter_horizontal = ["after"]


@admin.register(ScheduleTemplate)
class ScheduleTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    inlines = [TemplateStepInline]
