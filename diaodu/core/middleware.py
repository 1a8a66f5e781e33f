"""Login required everywhere, except where a view says otherwise and under /api/."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, leaving /api/ to DRF.

    The API authenticates by token as well as by session, which only DRF sees, and answers an
    anonymous call with 401 JSON rather than a redirect to the login page.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
