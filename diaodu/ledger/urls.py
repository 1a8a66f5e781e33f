from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_upload, name="ledger-import"),
    path("import/done/", views.import_result, name="ledger-result"),
    path("import/<str:token>/", views.import_preview, name="ledger-preview"),
    path("import/<str:token>/confirm/", views.import_confirm, name="ledger-confirm"),
    path("template/", views.template_download, name="ledger-template"),
]
