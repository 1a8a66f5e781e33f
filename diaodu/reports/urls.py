from django.urls import path

from . import views

urlpatterns = [
    path("bulletins/", views.bulletin_list, name="bulletin-list"),
]
