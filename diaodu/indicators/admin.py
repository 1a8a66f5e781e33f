from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator, IndicatorTarget, IndicatorValue


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "kind", "numerator", "denominator", "registry_source", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["numerator", "denominator"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "granularity", "period_start", "value", "source"]
    list_filter = ["indicator", "granularity"]
    list_select_related = ["indicator"]
    date_hierarchy = "period_start"


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "value", "is_plan_end", "note"]
    list_filter = ["indicator", "is_plan_end"]
    list_select_related = ["indicator"]
