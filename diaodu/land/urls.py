from django.urls import path

from . import views

urlpatterns = [
    path("", views.land_ledger, name="land-ledger"),
    path("parcels/new/", views.parcel_create_view, name="parcel-create"),
    path("parcels/<int:pk>/", views.parcel_detail, name="parcel-detail"),
    path("parcels/<int:pk>/edit/", views.parcel_edit_view, name="parcel-edit"),
    path("parcels/<int:pk>/advance/", views.parcel_advance_view, name="parcel-advance"),
    path("quota/<int:year>/", views.quota_edit, name="land-quota"),
]
