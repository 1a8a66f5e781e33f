"""Group robots: the documented WeCom and DingTalk payloads, DingTalk's signature, retries, subscriptions.

Every message goes to a local HTTP server that records what it receives.
"""

import base64
import hashlib
import hmac
import socket
import time
import urllib.parse

import pytest
from django_tasks import default_task_backend

from diaodu.notify import webhooks
from diaodu.notify.models import Delivery, WebhookEndpoint
from diaodu.notify.services import notify
from diaodu.notify.tasks import deliver_webhook
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _notify(*recipients, event="issue_overdue", **kwargs):
    kwargs.setdefault("title", "问题逾期：征拆进度滞后")
    kwargs.setdefault("body", "责任单位：征收办\n已超期3个工作日。")
    kwargs.setdefault("url", "/issues/12/")
    return notify(recipients=recipients, event=event, **kwargs)


def test_wecom_gets_one_markdown_message_per_event_not_per_recipient(
    wecom, robot_server, site_url, leader, officer, dispatcher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(leader, officer, dispatcher)
    (request,) = robot_server.requests
    assert request["path"] == "/cgi-bin/webhook/send"
    assert request["query"] == {"key": ["wecom-key"]}
    assert request["content_type"] == "application/json; charset=utf-8"
    assert request["json"] == {
        "msgtype": "markdown",
        "markdown": {
            "content": "**问题逾期：征拆进度滞后**\n责任单位：征收办\n已超期3个工作日。\n"
            "[查看详情](https://diaodu.example.gov.cn/issues/12/)"
        },
    }
    delivery = Delivery.objects.get(channel="wecom")
    assert (delivery.webhook, delivery.status, delivery.attempts, delivery.event) == (wecom, "sent", 1, "issue_overdue")
    assert delivery.notification is None and delivery.payload == request["json"]


def test_robots_hear_of_an_event_even_without_recipients_and_without_a_link_when_no_site_address_is_set(
    wecom, robot_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(event="project_red", title="项目亮红灯：吉通机械总部", body="", url="/projects/3/")
    assert robot_server.requests[0]["json"] == {
        "msgtype": "markdown",
        "markdown": {"content": "**项目亮红灯：吉通机械总部**"},
    }


def test_dingtalk_gets_a_markdown_message_signed_with_its_secret(
    dingtalk, robot_server, site_url, officer, django_capture_on_commit_callbacks
):
    before = int(time.time() * 1000)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(officer)
    after = int(time.time() * 1000)
    (request,) = robot_server.requests
    assert request["path"] == "/robot/send"
    assert request["json"] == {
        "msgtype": "markdown",
        "markdown": {
            "title": "问题逾期：征拆进度滞后",
            "text": "### 问题逾期：征拆进度滞后\n\n责任单位：征收办\n已超期3个工作日。\n\n"
            "[查看详情](https://diaodu.example.gov.cn/issues/12/)",
        },
    }
    query = request["query"]
    assert query["access_token"] == ["ding-token"]
    timestamp = query["timestamp"][0]
    assert before <= int(timestamp) <= after
    # Recompute DingTalk's 加签: base64(HMAC-SHA256(key=secret, msg="timestamp\nsecret")), URL-encoded.
    secret = "SECdeadbeef0123456789abcdef"
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    raw_sign = dict(part.split("=", 1) for part in request["raw_query"].split("&"))["sign"]
    assert urllib.parse.unquote(raw_sign) == expected
    assert not set("+/=") & set(raw_sign)  # the base64 characters are percent-encoded
    assert Delivery.objects.get(channel="dingtalk").status == "sent"


def test_dingtalk_without_a_secret_is_posted_unsigned(robot_server, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.create(
        name="关键词群", kind="dingtalk", url=f"{robot_server.base_url}/robot/send?access_token=plain"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    assert robot_server.requests[0]["query"] == {"access_token": ["plain"]}


def test_the_signature_follows_dingtalks_scheme_for_a_fixed_timestamp():
    url = webhooks.dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=abc", "SECxyz", 1700000000000)
    digest = hmac.new(b"SECxyz", b"1700000000000\nSECxyz", hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    assert url == f"https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign={sign}"


def test_a_server_error_is_retried_then_the_delivery_is_failed_with_the_error(
    wecom, robot_server, django_capture_on_commit_callbacks
):
    robot_server.answer(*[(500, "Internal Server Error")] * 3)
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    assert len(robot_server.requests) == 3
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.sent_at) == ("failed", 3, None)
    assert delivery.last_error == "WebhookError: HTTP 500: Internal Server Error"


def test_an_answer_with_a_nonzero_errcode_counts_as_a_failure(
    dingtalk, robot_server, django_capture_on_commit_callbacks
):
    refused = (200, {"errcode": 310000, "errmsg": "sign not match"})
    robot_server.answer(refused, refused, refused)
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    assert len(robot_server.requests) == 3
    delivery = Delivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_error == "WebhookError: errcode 310000: sign not match"


def test_a_robot_that_recovers_gets_the_message_on_a_later_attempt(
    wecom, robot_server, django_capture_on_commit_callbacks
):
    robot_server.answer((200, {"errcode": 45009, "errmsg": "api freq out of limit"}))
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    assert len(robot_server.requests) == 2
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert "45009" in delivery.last_error  # the log keeps what went wrong on the way


def test_an_unreachable_robot_is_a_logged_failure(db, django_capture_on_commit_callbacks):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once the probe is closed
    WebhookEndpoint.objects.create(name="失联群", kind="wecom", url=f"http://127.0.0.1:{port}/send?key=x")
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert delivery.last_error.startswith("WebhookError: URLError")


def test_with_a_backend_that_can_defer_a_failed_attempt_is_retried_later(
    wecom, robot_server, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    (queued,) = default_task_backend.results
    assert queued.task.name == "deliver_webhook" and queued.task.run_after is None
    delivery = Delivery.objects.get()
    robot_server.answer((502, "Bad Gateway"))
    started = time.time()
    deliver_webhook.call(*queued.args)  # what a worker would do
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    retry = default_task_backend.results[-1]
    assert retry.args == [delivery.pk]
    assert 55 <= retry.task.run_after.timestamp() - started <= 65  # one minute later
    deliver_webhook.call(*retry.args)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert len(default_task_backend.results) == 2


def test_robots_hear_only_of_the_events_they_subscribe_to(robot_server, django_capture_on_commit_callbacks):
    base = robot_server.base_url
    WebhookEndpoint.objects.create(name="督办群", kind="wecom", url=f"{base}/escalations", events=["issue_escalated"])
    WebhookEndpoint.objects.create(
        name="红灯群", kind="wecom", url=f"{base}/lights", events=["project_red", "issue_escalated"]
    )
    WebhookEndpoint.objects.create(name="全部群", kind="wecom", url=f"{base}/all", events=[])
    with django_capture_on_commit_callbacks(execute=True):
        _notify(event="project_red")
    assert sorted(request["path"] for request in robot_server.requests) == ["/all", "/lights"]
    robot_server.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _notify(event="issue_escalated")
    assert sorted(request["path"] for request in robot_server.requests) == ["/all", "/escalations", "/lights"]


def test_inactive_robots_are_skipped(wecom, robot_server, django_capture_on_commit_callbacks):
    wecom.active = False
    wecom.save()
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    assert robot_server.requests == [] and not Delivery.objects.exists()


def test_a_notification_without_broadcast_stays_out_of_the_groups(
    wecom, robot_server, django_capture_on_commit_callbacks
):
    officer = make_user("officer_b", roles=["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        _notify(officer, broadcast=False)
    assert robot_server.requests == [] and not Delivery.objects.filter(webhook__isnull=False).exists()


def test_long_messages_are_cut_to_the_wecom_limit_of_4096_bytes(site_url):
    payload = webhooks.wecom_payload(title="长消息", body="征" * 3000, url="/issues/1/")
    content = payload["markdown"]["content"]
    assert len(content.encode()) <= 4096
    assert content.startswith("**长消息**\n征") and content.endswith(
        "…\n[查看详情](https://diaodu.example.gov.cn/issues/1/)"
    )
