"""Notifications by e-mail: sent once the write commits, retried when the mail server fails, all logged."""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from diaodu.notify.models import Delivery
from diaodu.notify.services import notify

from .conftest import with_email

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_users_with_an_address_get_the_notification_by_mail(
    officer, leader, site_url, django_capture_on_commit_callbacks
):
    with_email(officer, "sunhao@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        (notification, _) = notify(
            recipients=[officer, leader],  # the leader has no address: inbox only
            event="issue_assigned",
            title="问题交办：征拆进度滞后",
            body="请于5个工作日内答复。",
            url="/issues/12/",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sunhao@example.gov.cn"]
    assert message.subject == "【调度】问题交办：征拆进度滞后"
    assert message.body.startswith("请于5个工作日内答复。\n\n查看详情：https://diaodu.example.gov.cn/issues/12/")
    delivery = Delivery.objects.get()
    assert (delivery.notification, delivery.channel, delivery.status, delivery.attempts) == (
        notification,
        "email",
        "sent",
        1,
    )
    assert delivery.sent_at is not None
    assert delivery.payload["to"] == ["sunhao@example.gov.cn"] and delivery.payload["subject"] == message.subject


def test_nothing_is_mailed_before_the_write_commits(officer, django_capture_on_commit_callbacks):
    with_email(officer, "sunhao@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[officer], event="general", title="通知")
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert Delivery.objects.get().status == "pending"


def test_a_failing_mail_server_is_retried_then_the_delivery_is_marked_failed(
    officer, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notify.test_email.BrokenMailServer"
    with_email(officer, "sunhao@example.gov.cn")
    with caplog.at_level(logging.WARNING, logger="diaodu.notify"), django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[officer], event="general", title="通知")
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert delivery.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert delivery.sent_at is None
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1 and "failed after 3 attempts" in errors[0].getMessage()
