from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BondFinance, FundingApplication, FundingSettings, MaturityItem, ProjectDocument


@admin.register(FundingApplication)
class FundingApplicationAdmin(SimpleHistoryAdmin):
    # The status and its dates move through the services (and their checks); the admin only reads them.
    list_display = ["project", "channel", "year", "requested_amount", "approved_amount", "received_amount", "status"]
    list_filter = ["status", "channel", "year"]
    search_fields = ["project__name", "batch", "note"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]
    readonly_fields = [
        "status", "approved_amount", "received_amount", "registered_on", "submitted_on", "reviewing_on",
        "approved_on", "rejected_on", "received_on",
    ]  # fmt: skip


@admin.register(MaturityItem)
class MaturityItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "weight", "procedure_codes", "sort_order", "is_active"]


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["project", "item", "provided_on", "reference"]
    list_select_related = ["project", "item"]
    raw_id_fields = ["project"]


@admin.register(BondFinance)
class BondFinanceAdmin(SimpleHistoryAdmin):
    list_display = ["project", "bond_amount", "term_years", "interest_rate", "expected_income", "other_debt_service"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]


@admin.register(FundingSettings)
class FundingSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "preparing_threshold", "mature_threshold", "ready_threshold", "coverage_threshold"]
