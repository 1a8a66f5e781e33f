from django.urls import path

from . import views

urlpatterns = [
    path("", views.indicator_list, name="indicator-list"),
    path("<slug:code>/", views.indicator_detail_view, name="indicator-detail"),
    path("<slug:code>/values/", views.indicator_value_view, name="indicator-value-enter"),
    path("<slug:code>/targets/", views.indicator_target_pick, name="indicator-target-pick"),
    path("<slug:code>/targets/<int:year>/", views.indicator_target_edit, name="indicator-target"),
]
