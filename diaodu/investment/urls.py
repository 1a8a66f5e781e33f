from django.urls import path

from . import views

urlpatterns = [
    path("", views.pipeline, name="investment-pipeline"),
    path("leads/new/", views.lead_create_view, name="lead-create"),
    path("leads/<int:pk>/", views.lead_detail, name="lead-detail"),
    path("leads/<int:pk>/edit/", views.lead_edit_view, name="lead-edit"),
    path("leads/<int:pk>/advance/", views.lead_advance_view, name="lead-advance"),
    path("leads/<int:pk>/log/", views.lead_log_view, name="lead-log"),
    path("leads/<int:pk>/convert/", views.lead_convert_view, name="lead-convert"),
    path("companies/", views.company_list, name="company-list"),
    path("companies/new/", views.company_create_view, name="company-create"),
    path("companies/<int:pk>/", views.company_detail, name="company-detail"),
    path("companies/<int:pk>/edit/", views.company_edit_view, name="company-edit"),
    path("companies/<int:pk>/headquarters/", views.headquarters_edit_view, name="headquarters-edit"),
    path("headquarters/", views.headquarters_list, name="investment-headquarters"),
    path("settings/", views.settings_view, name="investment-settings"),
]
