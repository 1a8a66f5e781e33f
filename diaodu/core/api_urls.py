from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api_views

router = SimpleRouter()
router.register("calendar/days", api_views.CalendarDayViewSet, basename="calendarday")

urlpatterns = [path("calendar/workday/", api_views.workday, name="api-workday"), *router.urls]
