from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("funding-applications", api.FundingApplicationViewSet, basename="funding-application")

urlpatterns = [
    *router.urls,
    path("projects/<int:pk>/maturity/", api.ProjectMaturityView.as_view(), name="project-maturity"),
]
