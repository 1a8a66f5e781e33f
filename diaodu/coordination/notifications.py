"""Notifications of the coordination app, through the notify app where it is installed.

The notify app is optional for this one: when it is missing (or older than the `notify` service), issues
still move and escalate, and nobody is told but the pages.
"""

import logging

logger = logging.getLogger(__name__)


def send(*, recipients, event: str, title: str, body: str = "", url: str = "") -> None:
    """Tell people (org Persons or Users) about an issue; people without a login are skipped by notify."""
    recipients = [person for person in dict.fromkeys(recipients) if person is not None]
    if not recipients:
        return
    try:
        from diaodu.notify.services import notify
    except (ImportError, AttributeError):
        logger.debug("diaodu.notify is not available: %s not sent", event)
        return
    notify(recipients=recipients, event=event, title=title, body=body, url=url)
