from django.urls import path

from . import views

urlpatterns = [
    path("", views.ranking, name="evaluation-ranking"),
    path("export/", views.ranking_export, name="evaluation-export"),
    path("snapshots/", views.snapshot_take_view, name="evaluation-snapshot-take"),
    path("scheme/", views.scheme_edit, name="evaluation-scheme"),
    path("scheme/<int:year>/", views.scheme_edit, name="evaluation-scheme-year"),
    path("<slug:kind>/<int:subject_id>/", views.breakdown, name="evaluation-breakdown"),
]
