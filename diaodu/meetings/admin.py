from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgendaItem, Decision, Meeting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["project"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "title", "kind", "chair", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "minutes"]
    date_hierarchy = "date"
    filter_horizontal = ["attendees", "departments"]
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    # Decisions are recorded on the meeting's page, which assigns their issue; the admin only reads the link.
    list_display = ["meeting", "text", "department", "due_date", "issue"]
    list_select_related = ["meeting", "department", "issue"]
    readonly_fields = ["issue"]
