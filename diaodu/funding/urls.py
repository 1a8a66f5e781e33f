from django.urls import path

from . import views

urlpatterns = [
    path("", views.funding_pool, name="funding-pool"),
    path("applications/", views.application_list, name="funding-application-list"),
    path("applications/new/", views.application_new, name="funding-application-create"),
    path("applications/<int:pk>/", views.application_detail, name="funding-application-detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="funding-application-edit"),
    path("applications/<int:pk>/advance/", views.application_advance_view, name="funding-application-advance"),
    path("projects/<int:pk>/", views.project_funding, name="funding-project"),
    path("projects/<int:pk>/documents/", views.document_add, name="funding-document-add"),
    path(
        "projects/<int:pk>/documents/<int:document_pk>/delete/",
        views.document_delete,
        name="funding-document-delete",
    ),
    path("projects/<int:pk>/bond/", views.bond_finance_edit, name="funding-bond"),
    path("settings/", views.funding_settings, name="funding-settings"),
]
