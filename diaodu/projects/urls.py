from django.urls import path

from . import views

urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("mine/", views.project_list, {"mine": True}, name="project-mine"),
    path("new/", views.project_create, name="project-create"),
    path("<int:pk>/", views.project_detail, name="project-detail"),
    path("<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("<int:pk>/stage/", views.project_stage, name="project-stage"),
    path("<int:pk>/template/", views.project_template, name="project-template"),
    path("<int:pk>/steps/", views.steps_section, name="project-steps-section"),
    path("<int:pk>/steps/new/", views.step_form, name="step-create"),
    path("<int:pk>/steps/<int:step_pk>/", views.step_form, name="step-edit"),
    path("<int:pk>/steps/<int:step_pk>/delete/", views.step_remove, name="step-delete"),
]
