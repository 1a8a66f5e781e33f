"""The inbox: a user's own notifications, newest first, read one by one or all at once."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Notification
from .services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 20


def _safe(request, url: str) -> str:
    """The link if it stays on this site, else ""."""
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return ""
    return url


def inbox(request):
    """Every signed-in user has an inbox, whatever the role: it holds only what was addressed to the user."""
    unread_only = request.GET.get("unread") in ("1", "true")
    notifications = Notification.objects.for_user(request.user)
    if unread_only:
        notifications = notifications.unread()
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notify/inbox.html",
        {
            "page_obj": page,
            "notifications": page.object_list,
            "unread_only": unread_only,
            "here": request.get_full_path(),
        },
    )


@require_POST
def notification_read(request, pk):
    """Mark a notification read; then open its link (`open`) or go back to the inbox page it was read on."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    notification_mark_read(notification=notification, user=request.user)
    target = _safe(request, notification.url) if "open" in request.POST else ""
    return redirect(target or _safe(request, request.POST.get("next", "")) or "inbox")


@require_POST
def notifications_read_all(request):
    count = notifications_mark_all_read(user=request.user)
    messages.success(request, _("已将 %(count)s 条通知标为已读。") % {"count": count})
    return redirect("inbox")
