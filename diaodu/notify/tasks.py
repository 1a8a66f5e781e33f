"""Background delivery of notifications by e-mail and to group robots, with retries; every try is logged."""

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from .choices import DeliveryStatus
from .models import Delivery
from .services import delivery_attempt

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Wait before the 2nd and the 3rd try: long enough for a mail server or a robot's rate limit (20 a minute) to recover.
BACKOFF = [dt.timedelta(minutes=1), dt.timedelta(minutes=5)]


def _deliver(this_task, delivery_id: int) -> str:
    delivery = Delivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return delivery.status if delivery else "missing"  # already handled, e.g. by a duplicate enqueue
    can_defer = this_task.get_backend().supports_defer
    while not delivery_attempt(delivery=delivery, max_attempts=MAX_ATTEMPTS):
        if delivery.status == DeliveryStatus.FAILED:
            logger.error(
                "Delivery %s (%s) failed after %s attempts: %s",
                delivery.pk,
                delivery.channel,
                delivery.attempts,
                delivery.last_error,
            )
            return delivery.status
        logger.warning(
            "Delivery %s (%s) attempt %s failed: %s",
            delivery.pk,
            delivery.channel,
            delivery.attempts,
            delivery.last_error,
        )
        if can_defer:
            wait = BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
            this_task.using(run_after=timezone.now() + wait).enqueue(delivery.pk)
            return delivery.status
        # A backend that cannot defer (the immediate one) retries at once, up to the limit.
    return delivery.status


@task()
def deliver_email(delivery_id: int) -> str:
    """Send one notification e-mail; returns the delivery's status."""
    return _deliver(deliver_email, delivery_id)


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Post one message to a WeCom or DingTalk group robot; returns the delivery's status."""
    return _deliver(deliver_webhook, delivery_id)
