"""Diaodu's URLs: the pages of each app, the API under /api/, the admin, login and language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from diaodu.views import DemoLoginView, health

# Under /api/ a URL that matches nothing is answered in the API's JSON error shape.
handler404 = "diaodu.views.not_found"

admin.site.site_header = _("调度 · 管理后台")
admin.site.site_title = _("调度")
admin.site.index_title = _("系统管理")

api_patterns = [
    path("", include("diaodu.org.api_urls")),
    path("", include("diaodu.core.api_urls")),
    path("", include("diaodu.projects.api_urls")),
    path("", include("diaodu.progress.api_urls")),
    path("", include("diaodu.coordination.api_urls")),
    path("", include("diaodu.notify.api_urls")),
    path("", include("diaodu.land.api_urls")),
    path("", include("diaodu.funding.api_urls")),
    path("", include("diaodu.investment.api_urls")),
    path("", include("diaodu.indicators.api_urls")),
    path("", include("diaodu.ledger.api_urls")),
    path("", include("diaodu.meetings.api_urls")),
    path("", include("diaodu.evaluation.api_urls")),
    path("", include("diaodu.reports.api_urls")),
    path("", include("diaodu.dashboard.api_urls")),
    # The schema and its docs hold no data: integrators may read them before they have a token.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="api-schema"),
    path(
        "docs/",
        # The split view serves its start-up script as a file: no inline script under the CSP.
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", permission_classes=[AllowAny]),
        name="api-docs",
    ),
]

urlpatterns = [
    path("accounts/login/", DemoLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", include(api_patterns)),
    path("", include("diaodu.core.urls")),
    path("", include("diaodu.org.urls")),
    path("projects/", include("diaodu.projects.urls")),
    path("progress/", include("diaodu.progress.urls")),
    path("issues/", include("diaodu.coordination.urls")),
    path("inbox/", include("diaodu.notify.urls")),
    path("land/", include("diaodu.land.urls")),
    path("funding/", include("diaodu.funding.urls")),
    path("investment/", include("diaodu.investment.urls")),
    path("indicators/", include("diaodu.indicators.urls")),
    path("ledger/", include("diaodu.ledger.urls")),
    path("meetings/", include("diaodu.meetings.urls")),
    path("evaluation/", include("diaodu.evaluation.urls")),
    path("reports/", include("diaodu.reports.urls")),
    path("", include("diaodu.dashboard.urls")),
]
