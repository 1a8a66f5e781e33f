from django.urls import path

from . import api

urlpatterns = [
    path("indicators/", api.indicator_overview_view, name="api-indicator-list"),
    path("indicators/<slug:code>/values/", api.IndicatorValueList.as_view(), name="api-indicator-values"),
    path("indicators/<slug:code>/targets/", api.IndicatorTargetList.as_view(), name="api-indicator-targets"),
]
