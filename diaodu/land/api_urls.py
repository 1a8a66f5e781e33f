from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("parcels", api.ParcelViewSet, basename="api-parcel")

urlpatterns = [path("land/summary/", api.land_summary_view, name="api-land-summary"), *router.urls]
