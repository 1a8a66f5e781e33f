from django.urls import path

from . import api

urlpatterns = [
    path("dashboard/cockpit/", api.cockpit_view, name="api-dashboard-cockpit"),
    path("map/", api.map_view, name="api-map"),
]
