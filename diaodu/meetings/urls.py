from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_create_view, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit_view, name="meeting-edit"),
    path("<int:pk>/agenda/propose/", views.agenda_propose_view, name="meeting-agenda-propose"),
    path("<int:pk>/agenda/add/", views.agenda_add_view, name="meeting-agenda-add"),
    path("<int:pk>/agenda/<int:item_pk>/remove/", views.agenda_remove_view, name="meeting-agenda-remove"),
    path("<int:pk>/decisions/add/", views.decision_add_view, name="meeting-decision-add"),
    path("<int:pk>/hold/", views.meeting_hold_view, name="meeting-hold"),
]
