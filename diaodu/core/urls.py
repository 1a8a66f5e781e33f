from django.urls import path

from . import views

urlpatterns = [
    path("calendar/", views.calendar_year, name="calendar"),
    path("calendar/<int:year>/", views.calendar_year, name="calendar-year"),
    path("calendar/days/", views.calendar_day_save, name="calendar-day-save"),
    path("calendar/days/bulk/", views.calendar_days_bulk, name="calendar-days-bulk"),
    path("calendar/days/<int:pk>/delete/", views.calendar_day_delete, name="calendar-day-delete"),
]
