from django.urls import path

from . import views

urlpatterns = [
    path("bulletins/", views.bulletin_list, name="bulletin-list"),
    path("bulletins/request/", views.bulletin_request_view, name="bulletin-request"),
    path("bulletins/make/", views.bulletin_make, name="bulletin-make"),
    path("bulletins/<int:pk>/row/", views.bulletin_row, name="bulletin-row"),
    path("bulletins/<int:pk>/<str:fmt>/", views.bulletin_download, name="bulletin-download"),
]
