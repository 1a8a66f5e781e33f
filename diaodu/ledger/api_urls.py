from django.urls import path

from . import api

urlpatterns = [path("ledger/import/", api.ledger_import_view, name="api-ledger-import")]
