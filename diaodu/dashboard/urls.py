from django.urls import path

from . import views

urlpatterns = [
    path("cockpit/", views.cockpit, name="cockpit"),
    path("map/", views.zone_map, name="zone-map"),
]
