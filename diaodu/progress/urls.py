from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_home, name="report-home"),
    path("report/<int:pk>/", views.report_form, name="report-form"),
    path("reports/<int:report_pk>/review/", views.report_review, name="report-review"),
    path("photos/<int:pk>/", views.photo, name="report-photo"),
    path("lights/", views.lights, name="lights"),
    path("settings/", views.light_settings, name="light-settings"),
    path("settings/<int:year>/", views.light_settings, name="light-settings-year"),
]
