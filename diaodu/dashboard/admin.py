from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AreaBoundary


@admin.register(AreaBoundary)
class AreaBoundaryAdmin(SimpleHistoryAdmin):
    # One boundary is edited here as GeoJSON (checked by the model); a whole file is uploaded on the map's
    # upload page, which the change list links to (templates/admin/dashboard/areaboundary/change_list.html).
    list_display = ["area", "source", "updated_at"]
    list_select_related = ["area"]
    search_fields = ["area__name", "source"]
