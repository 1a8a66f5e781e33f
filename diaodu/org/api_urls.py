from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("zone", api.ZoneViewSet, basename="zone")
router.register("areas", api.AreaViewSet, basename="area")
router.register("departments", api.DepartmentViewSet, basename="department")
router.register("organisations", api.OrganisationViewSet, basename="organisation")
router.register("people", api.PersonViewSet, basename="person")

urlpatterns = [path("me/", api.me, name="api-me"), *router.urls]
