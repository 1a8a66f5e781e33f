from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LandQuota, Parcel


@admin.register(Parcel)
class ParcelAdmin(SimpleHistoryAdmin):
    # The status and its dates move through `parcel_advance` (and its checks); the admin only reads them.
    list_display = ["number", "name", "area_ha", "land_use", "area", "status", "acquired_on", "supplied_on"]
    list_filter = ["status", "land_use", "area", "supply_method"]
    search_fields = ["number", "name", "location"]
    list_select_related = ["area"]
    filter_horizontal = ["projects"]
    readonly_fields = ["status", "supply_method", "acquiring_on", "acquired_on", "reserved_on", "supplied_on"]


@admin.register(LandQuota)
class LandQuotaAdmin(SimpleHistoryAdmin):
    list_display = ["year", "acquire_ha", "supply_ha", "note"]
