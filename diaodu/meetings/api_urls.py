from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("meetings", api.MeetingViewSet, basename="api-meeting")
router.register("decisions", api.DecisionViewSet, basename="api-decision")

urlpatterns = router.urls
