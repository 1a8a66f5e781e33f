from django.urls import path

from . import views

urlpatterns = [
    path("cockpit/", views.cockpit, name="cockpit"),
    path("map/", views.zone_map, name="zone-map"),
    path("map/boundaries/", views.boundary_upload, name="map-boundaries"),
    path("map/boundaries.geojson", views.boundary_download, name="map-boundaries-download"),
]
