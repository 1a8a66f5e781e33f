"""The number of unread notifications, for the bell in the navigation bar."""

from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_count": 0}
    # Lazy: one COUNT query when a template shows it (every full page), none for partials that do not.
    return {"unread_count": SimpleLazyObject(lambda: Notification.objects.for_user(user).unread().count())}
