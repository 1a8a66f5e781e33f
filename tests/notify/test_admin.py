"""The administrator configures the group robots, sends them a test message, and reads the delivery log."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from diaodu.notify.models import Delivery, WebhookEndpoint
from diaodu.notify.services import notify

pytestmark = pytest.mark.django_db


def test_the_administrator_configures_a_robot_with_the_events_it_hears(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:notify_webhookendpoint_add"),
        {
            "name": "领导督办群",
            "kind": "dingtalk",
            "url": "https://oapi.dingtalk.com/robot/send?access_token=abc",
            "secret": "SECabc",
            "events": ["issue_escalated", "project_red"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["issue_escalated", "project_red"] and endpoint.secret == "SECabc"
    assert endpoint.history.count() == 1  # who configured it, and when
    changelist = client.get(reverse("admin:notify_webhookendpoint_changelist")).text
    assert "问题督办、项目亮红灯" in changelist


def test_only_the_administrator_may_configure_robots(administrator, dispatcher, leader):
    assert administrator.has_perm("notify.change_webhookendpoint")
    assert administrator.has_perm("notify.view_delivery") and not administrator.has_perm("notify.change_delivery")
    for user in (dispatcher, leader):
        assert not user.has_perm("notify.change_webhookendpoint")


def test_a_robot_refuses_unknown_events_and_a_secret_it_cannot_use():
    endpoint = WebhookEndpoint(name="群", kind="wecom", url="https://qyapi.weixin.qq.com/x", events=["party"])
    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()
    assert refused.value.message_dict["events"] == ["未知的事件：party。"]
    endpoint.events, endpoint.secret = [], "SECabc"
    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()
    assert "secret" in refused.value.message_dict


def test_the_test_message_action_posts_to_the_robot_and_reports_the_result(
    client, administrator, wecom, dingtalk, robot_server
):
    client.force_login(administrator)
    robot_server.answer((200, {"errcode": 0, "errmsg": "ok"}))
    robot_server.answer((200, {"errcode": 93000, "errmsg": "invalid webhook url"}))
    response = client.post(
        reverse("admin:notify_webhookendpoint_changelist"),
        {"action": "send_test_message", "_selected_action": [wecom.pk, dingtalk.pk]},
        follow=True,
    )
    assert len(robot_server.requests) == 2
    assert robot_server.requests[0]["json"]["markdown"]["content"].startswith("**调度平台测试消息**")
    assert "sign" in robot_server.requests[1]["query"]
    page = response.text
    # by name: 项目调度工作群 (WeCom) is tried first and answered ok, 领导督办群 (DingTalk) is refused
    assert "“项目调度工作群”：测试消息已发送。" in page
    assert "“领导督办群”：发送失败（WebhookError: errcode 93000: invalid webhook url）。" in page
    statuses = dict(Delivery.objects.values_list("webhook__name", "status"))
    assert statuses == {"项目调度工作群": "sent", "领导督办群": "failed"}


def test_the_delivery_log_is_read_only(client, administrator, officer, django_capture_on_commit_callbacks):
    officer.email = "sunhao@example.gov.cn"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[officer], event="general", title="通知")
    delivery = Delivery.objects.get()
    client.force_login(administrator)
    changelist = client.get(reverse("admin:notify_delivery_changelist"))
    assert changelist.status_code == 200 and "sunhao@example.gov.cn" in changelist.text
    assert client.get(reverse("admin:notify_delivery_change", args=[delivery.pk])).status_code == 200
    assert client.get(reverse("admin:notify_delivery_add")).status_code == 403
    client.post(reverse("admin:notify_delivery_change", args=[delivery.pk]), {"status": "failed"})
    delivery.refresh_from_db()
    assert delivery.status == "sent"
