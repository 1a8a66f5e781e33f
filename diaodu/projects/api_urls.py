from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("projects", api.ProjectViewSet, basename="project")

steps = api.StepViewSet.as_view({"get": "list", "post": "create"})
step = api.StepViewSet.as_view({"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"})

urlpatterns = [
    *router.urls,
    path("projects/<int:project_pk>/steps/", steps, name="project-steps"),
    path("projects/<int:project_pk>/steps/<int:pk>/", step, name="project-step"),
]
