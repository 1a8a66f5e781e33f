from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EscalationSettings, Issue, IssueAttachment, IssueCategory, IssueResponse, SupervisionNotice


@admin.register(IssueCategory)
class IssueCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sla_workdays", "default_department", "sort_order", "is_active"]


class IssueResponseInline(admin.TabularInline):
    model = IssueResponse
    extra = 0
    fields = ["kind", "person", "text", "created_at"]
    readonly_fields = ["created_at"]


class SupervisionNoticeInline(admin.TabularInline):
    model = SupervisionNotice
    extra = 0
    fields = ["year", "serial", "level", "recipient", "issued_on"]


class IssueAttachmentInline(admin.TabularInline):
    model = IssueAttachment
    extra = 0


@admin.register(Issue)
class IssueAdmin(SimpleHistoryAdmin):
    # Workflow fields move through the services (and their checks); the admin only reads them.
    list_display = ["title", "project", "category", "department", "status", "due_date", "escalation_level"]
    list_filter = ["status", "category", "escalation_level", "source"]
    search_fields = ["title", "description", "project__name"]
    list_select_related = ["project", "category", "department"]
    raw_id_fields = ["project", "report", "raised_by"]
    readonly_fields = [
        "status", "department", "assigned_at", "due_date", "resolved_at", "closed_at", "closed_by",
        "escalation_level", "reopened_count",
    ]  # fmt: skip
    inlines = [IssueResponseInline, SupervisionNoticeInline, IssueAttachmentInline]


@admin.register(SupervisionNotice)
class SupervisionNoticeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "issue", "level", "recipient", "issued_on"]
    list_filter = ["level", "year"]
    list_select_related = ["issue", "recipient"]


@admin.register(EscalationSettings)
class EscalationSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "level1_days", "level2_days", "level3_days", "remind_days_before"]
