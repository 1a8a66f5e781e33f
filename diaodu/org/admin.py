from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Area, Department, Organisation, Person, Zone


@admin.register(Zone)
class ZoneAdmin(SimpleHistoryAdmin):
    list_display = ["name", "division_code"]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "phone", "sort_order"]
    search_fields = ["name", "short_name"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "credit_code", "contact_name", "contact_phone"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "credit_code"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "department", "phone", "user", "is_active"]
    list_filter = ["department", "is_active"]
    search_fields = ["name", "title", "phone"]
    autocomplete_fields = ["user"]
    list_select_related = ["department", "user"]
