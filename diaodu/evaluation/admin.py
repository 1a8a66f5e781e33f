from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EvaluationScheme, EvaluationSnapshot, EvaluationSnapshotRow


@admin.register(EvaluationScheme)
class EvaluationSchemeAdmin(SimpleHistoryAdmin):
    list_display = [
        "year", "steps_weight", "reports_weight", "issues_weight", "investment_weight", "red_weight",
        "signed_weight", "signed_target",
    ]  # fmt: skip
    readonly_fields = ["version"]


class SnapshotRowInline(admin.TabularInline):
    model = EvaluationSnapshotRow
    fields = ["rank", "subject_name", "total"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(EvaluationSnapshot)
class EvaluationSnapshotAdmin(admin.ModelAdmin):
    """Snapshots are read here; they are taken on the ranking page, by the command or by the nightly run."""

    list_display = ["month", "kind", "as_of", "taken_at", "taken_by", "is_current"]
    list_filter = ["kind", "is_current"]
    date_hierarchy = "month"
    inlines = [SnapshotRowInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
