from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("companies", api.CompanyViewSet, basename="api-company")
router.register("leads", api.LeadViewSet, basename="api-lead")

urlpatterns = router.urls
