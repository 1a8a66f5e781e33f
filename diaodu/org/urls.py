from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("org/areas/", views.area_list, name="area-list"),
    path("org/departments/", views.DepartmentListView.as_view(), name="department-list"),
    path("org/organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("org/people/", views.PersonListView.as_view(), name="person-list"),
    path("org/people/<int:pk>/", views.person_detail, name="person-detail"),
    path("audit/", views.audit_list, name="audit-list"),
    path("audit/<str:label>/<int:history_id>/", views.audit_detail, name="audit-detail"),
]
