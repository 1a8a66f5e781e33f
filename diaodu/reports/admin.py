from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Bulletin


@admin.register(Bulletin)
class BulletinAdmin(SimpleHistoryAdmin):
    # Bulletins are made by the task; the admin reads them.
    list_display = ["as_of", "meeting", "weekly", "status", "progress", "created_by", "finished_at"]
    list_filter = ["status", "weekly"]
    list_select_related = ["meeting", "created_by"]
    readonly_fields = ["status", "progress", "started_at", "finished_at", "docx", "pdf", "xlsx", "error"]
