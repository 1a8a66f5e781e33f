from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Company, HeadquartersMove, IndustryChain, InvestmentTarget, Lead, LeadActivity, ResponseRules


@admin.register(IndustryChain)
class IndustryChainAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project_category", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "industry", "area", "resident_since", "resident_until"]
    list_filter = ["industry", "area"]
    search_fields = ["organisation__name", "organisation__credit_code"]
    list_select_related = ["organisation", "area"]
    raw_id_fields = ["organisation"]


@admin.register(HeadquartersMove)
class HeadquartersMoveAdmin(SimpleHistoryAdmin):
    list_display = ["company", "status", "agreed_on", "registered_on", "floor_area_m2"]
    list_filter = ["status"]
    list_select_related = ["company__organisation"]


class LeadActivityInline(admin.TabularInline):
    model = LeadActivity
    extra = 0


@admin.register(Lead)
class LeadAdmin(SimpleHistoryAdmin):
    # The stage and its dates move through `lead_advance`, the rule dates through the log: the admin reads them.
    list_display = ["title", "company", "stage", "source", "chain", "investment", "officer", "sla_due_on"]
    list_filter = ["stage", "source", "chain", "is_large"]
    search_fields = ["title", "company__organisation__name"]
    list_select_related = ["company__organisation", "chain", "officer"]
    readonly_fields = ["stage", "stage_since", "signed_on", "assessed_on", "feedback_on", "last_reported_on", "project"]
    inlines = [LeadActivityInline]


@admin.register(ResponseRules)
class ResponseRulesAdmin(SimpleHistoryAdmin):
    list_display = ["threshold", "register_workdays", "assess_workdays", "feedback_workdays", "report_every_workdays"]


@admin.register(InvestmentTarget)
class InvestmentTargetAdmin(SimpleHistoryAdmin):
    list_display = ["year", "signed_investment", "signed_count", "note"]
