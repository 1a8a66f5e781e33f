from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.ledger_import, name="ledger-import"),
]
