"""Writes of the notify app: notifying people (inbox, e-mail, group robots), sending one delivery, reading."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from diaodu.org.models import Person

from . import webhooks
from .choices import Channel, DeliveryStatus, Event
from .models import Delivery, Notification, WebhookEndpoint

logger = logging.getLogger(__name__)

TITLE_MAX_LENGTH = Notification._meta.get_field("title").max_length
URL_MAX_LENGTH = Notification._meta.get_field("url").max_length


def _users_of(recipients: Iterable) -> list:
    """Active users behind the recipients, in order, each once; people without a login and None are skipped."""
    User = get_user_model()
    user_field = Person._meta.get_field("user")
    known: dict[int, AbstractBaseUser] = {}
    order: list[int] = []
    for recipient in recipients:
        if recipient is None:
            continue
        if isinstance(recipient, Person):
            if recipient.user_id is None:
                continue
            if user_field.is_cached(recipient):
                known[recipient.user_id] = recipient.user
            order.append(recipient.user_id)
        elif isinstance(recipient, User):
            known[recipient.pk] = recipient
            order.append(recipient.pk)
        else:
            raise TypeError(f"notify() recipients are users or people, not {type(recipient).__name__}")
    missing = [pk for pk in order if pk not in known]
    if missing:
        known.update(User.objects.in_bulk(missing))  # one query for all the logins not loaded yet
    users = []
    for pk in dict.fromkeys(order):
        user = known.get(pk)
        # A deactivated login can neither read its inbox nor should it get mail.
        if user is not None and user.is_active:
            users.append(user)
    return users


def _checked_url(url: str) -> str:
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError(f"notify() url must be a relative link in the app such as /issues/12/, not {url!r}")
    if len(url) > URL_MAX_LENGTH:
        raise ValueError(f"notify() url is longer than {URL_MAX_LENGTH} characters")
    return url


def _clipped(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def email_payload(*, address: str, title: str, body: str, url: str) -> dict:
    """The e-mail one notification becomes: plain text, with the full link when the site address is known."""
    parts = [body.strip()] if body.strip() else []
    link = webhooks.absolute_url(url)
    if link:
        parts.append(_("查看详情：%(link)s") % {"link": link})
    parts.append("—\n" + _("此邮件由调度平台自动发送，请勿直接回复。"))
    return {
        "to": [address],
        "subject": _("【调度】%(title)s") % {"title": title},
        "body": "\n\n".join(parts),
    }


def _enqueue(delivery_id: int, channel: str) -> None:
    from .tasks import deliver_email, deliver_webhook

    (deliver_email if channel == Channel.EMAIL else deliver_webhook).enqueue(delivery_id)


@transaction.atomic
def notify(
    *,
    recipients: Iterable,
    event: str,
    title: str,
    body: str = "",
    url: str = "",
    broadcast: bool = True,
) -> list[Notification]:
    """Put a notification in the inbox of each recipient, mail those with an address, and tell the group robots.

    `recipients` holds users or org people (people without a login, and None, are skipped; each user gets one
    notification however often named). With `broadcast`, each active robot subscribed to the event gets one
    message for the event, not one per recipient. Mail and robot messages leave only once the surrounding
    transaction commits, so a rolled-back write sends nothing.
    """
    event = Event(event)
    url = _checked_url(url)
    title = _clipped(title.strip(), TITLE_MAX_LENGTH)
    users = _users_of(recipients)

    notifications = bulk_create_with_history(
        [Notification(recipient=user, event=event, title=title, body=body, url=url) for user in users],
        Notification,
    )
    deliveries = [
        Delivery(
            notification=notification,
            event=event,
            channel=Channel.EMAIL,
            payload=email_payload(address=user.email, title=title, body=body, url=url),
        )
        for notification, user in zip(notifications, users, strict=True)
        if user.email
    ]
    if broadcast:
        for endpoint in WebhookEndpoint.objects.filter(active=True):
            if endpoint.subscribes_to(event):
                payload = webhooks.build_payload(endpoint.kind, title=title, body=body, url=url)
                deliveries.append(Delivery(webhook=endpoint, event=event, channel=endpoint.kind, payload=payload))
    for delivery in Delivery.objects.bulk_create(deliveries):
        # robust: the write has committed by then; a queue hiccup must not turn it into an error page.
        transaction.on_commit(partial(_enqueue, delivery.pk, delivery.channel), robust=True)
    return notifications


def notification_mark_read(*, notification: Notification, user) -> Notification:
    """Mark one of the user's own notifications read (reading it twice keeps the first time)."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied(_("这不是您的通知。"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many were unread."""
    now = timezone.now()
    unread = list(Notification.objects.for_user(user).unread())
    for notification in unread:
        notification.read_at = now
        notification.updated_at = now  # bulk updates skip auto_now
    bulk_update_with_history(unread, Notification, ["read_at", "updated_at"], batch_size=500)
    return len(unread)


def _send(delivery: Delivery) -> None:
    if delivery.channel == Channel.EMAIL:
        payload = delivery.payload
        send_mail(payload["subject"], payload["body"], None, payload["to"], fail_silently=False)
        return
    if delivery.webhook is None:
        raise webhooks.WebhookError(_("群机器人已被删除。"))
    webhooks.send_webhook(delivery.webhook, delivery.payload)


def delivery_attempt(*, delivery: Delivery, max_attempts: int) -> bool:
    """Try to send the delivery once and log the outcome on it; True when sent.

    A failure leaves it pending for another try, or marks it failed once `max_attempts` tries have failed.
    """
    delivery.attempts += 1
    try:
        _send(delivery)
    except Exception as error:  # SMTP, network and robot errors alike: every one is logged, none escapes
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
        gone = delivery.channel != Channel.EMAIL and delivery.webhook is None
        if delivery.attempts >= max_attempts or gone:
            delivery.status = DeliveryStatus.FAILED
        delivery.save(update_fields=["attempts", "last_error", "status"])
        return False
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["attempts", "status", "sent_at"])
    return True


def webhook_send_test(*, endpoint: WebhookEndpoint) -> Delivery:
    """Send a test message to a robot at once (one try, logged), so that an administrator sees it works."""
    payload = webhooks.build_payload(
        endpoint.kind,
        title=_("调度平台测试消息"),
        body=_("群里看到这条消息，说明“%(name)s”配置正确。") % {"name": endpoint.name},
        url="/",
    )
    delivery = Delivery.objects.create(webhook=endpoint, event=Event.GENERAL, channel=endpoint.kind, payload=payload)
    delivery_attempt(delivery=delivery, max_attempts=1)
    return delivery
