from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("reports", api.ReportViewSet, basename="report")

urlpatterns = [path("projects/<int:pk>/light/", api.project_light, name="api-project-light"), *router.urls]
