from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
