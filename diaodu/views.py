"""Site-wide views: the login page (with the demo accounts in demo mode), the health check, the API's JSON 404."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views import defaults
from django.views.decorators.cache import never_cache
from rest_framework.exceptions import NotFound

from diaodu.org.demo import DEMO_PASSWORD, DEMO_USERS


def demo_accounts():
    """The accounts `seed_demo` creates, shown on the login page only in demo mode."""
    return [{"username": u.username, "name": u.name, "role": u.role_label, "title": u.title} for u in DEMO_USERS]


@method_decorator(login_not_required, name="dispatch")
class DemoLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DIAODU_DEMO:
            context["demo_accounts"] = demo_accounts()
            context["demo_password"] = DEMO_PASSWORD
        return context


@login_not_required
@never_cache
def health(request):
    """For load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return JsonResponse({"status": "error", "detail": str(exc)}, status=503)
    return HttpResponse("ok", content_type="text/plain")


def not_found(request, exception):
    """A page that does not exist; under /api/, in the API's error shape (JSON) rather than as an HTML page."""
    if request.path_info.startswith("/api/"):
        body = {"error": {"status": 404, "code": "not_found", "message": str(NotFound.default_detail)}}
        return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
    return defaults.page_not_found(request, exception)
