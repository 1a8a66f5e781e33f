from django.urls import path

from . import views

urlpatterns = [
    path("", views.issue_list, name="issue-list"),
    path("new/", views.issue_create, name="issue-create"),
    path("settings/", views.issue_settings, name="issue-settings"),
    path("<int:pk>/", views.issue_detail, name="issue-detail"),
    path("<int:pk>/attachments/", views.issue_attachment_add, name="issue-attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.issue_attachment_download, name="issue-attachment"),
    path("<int:pk>/<slug:action>/", views.issue_action, name="issue-action"),
]
