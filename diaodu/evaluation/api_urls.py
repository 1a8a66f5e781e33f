from django.urls import path

from . import api

urlpatterns = [
    path("evaluation/ranking/", api.ranking_view, name="api-evaluation-ranking"),
    path("evaluation/scores/<slug:kind>/<int:subject_id>/", api.score_view, name="api-evaluation-score"),
]
