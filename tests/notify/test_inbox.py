"""The inbox page, the bell with its unread count, and reading notifications from the page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diaodu.notify.context_processors import unread
from diaodu.notify.models import Notification
from diaodu.notify.services import notify

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_the_users_notifications_newest_first_with_the_unread_highlighted(client, officer):
    notify(recipients=[officer], event="report_due", title="请报送本周进度", url="/progress/")
    notify(recipients=[officer], event="issue_assigned", title="问题交办：用地指标", body="请于5日内答复。")
    Notification.objects.filter(title="请报送本周进度").update(read_at="2026-01-05T09:00:00+08:00")
    client.force_login(officer)
    page = client.get(reverse("inbox")).text
    assert page.index("问题交办：用地指标") < page.index("请报送本周进度")
    assert page.count('data-unread="true"') == 1 and page.count('data-unread="false"') == 1
    assert "请于5日内答复。" in page and "报送提醒" in page
    assert 'data-testid="read-all"' in page


def test_the_unread_count_is_in_the_context_and_on_the_bell(client, officer):
    notify(recipients=[officer], event="general", title="一")
    notify(recipients=[officer], event="general", title="二")
    client.force_login(officer)
    response = client.get(reverse("home"))
    assert response.context["unread_count"] == 2
    html = response.text
    assert 'data-testid="inbox-link"' in html
    assert 'data-testid="unread-count">2</span>' in html


def test_the_bell_shows_no_badge_when_everything_is_read(client, officer):
    client.force_login(officer)
    html = client.get(reverse("home")).text
    assert 'data-testid="inbox-link"' in html and 'data-testid="unread-count"' not in html


def test_the_unread_count_costs_one_count_query_and_is_zero_for_an_anonymous_visitor(
    officer, django_assert_num_queries
):
    notify(recipients=[officer], event="general", title="一")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert unread(request) == {"unread_count": 0}
    request.user = officer
    count = unread(request)["unread_count"]
    with django_assert_num_queries(1):
        assert count == 1
        assert count > 0


def test_a_user_never_sees_another_users_notifications_not_even_the_zone_leader(client, leader, officer):
    (others,) = notify(recipients=[officer], event="issue_overdue", title="孙浩的逾期问题")
    notify(recipients=[leader], event="project_red", title="王建国的红灯项目")
    client.force_login(leader)
    response = client.get(reverse("inbox"))
    assert "王建国的红灯项目" in response.text and "孙浩的逾期问题" not in response.text
    assert response.context["unread_count"] == 1
    assert client.post(reverse("notification-read", args=[others.pk])).status_code == 404
    others.refresh_from_db()
    assert others.read_at is None
    assert Notification.objects.visible_to(leader).count() == 1


def test_a_login_without_a_role_still_has_its_own_inbox(client, outsider):
    notify(recipients=[outsider], event="general", title="账号已开通")
    client.force_login(outsider)
    assert "账号已开通" in client.get(reverse("inbox")).text


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, officer):
    (notification,) = notify(recipients=[officer], event="report_returned", title="报告退回", url="/progress/7/")
    client.force_login(officer)
    response = client.post(reverse("notification-read", args=[notification.pk]), {"open": "1", "next": "/inbox/"})
    assert response.status_code == 302 and response["Location"] == "/progress/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_marking_read_without_opening_returns_to_the_inbox_page_it_was_read_on(client, officer):
    (notification,) = notify(recipients=[officer], event="general", title="通知", url="/projects/")
    client.force_login(officer)
    response = client.post(reverse("notification-read", args=[notification.pk]), {"next": "/inbox/?page=2"})
    assert response["Location"] == "/inbox/?page=2"
    notification.refresh_from_db()
    assert notification.is_read


def test_an_outside_link_is_never_followed(client, officer):
    (notification,) = notify(recipients=[officer], event="general", title="通知")
    Notification.objects.filter(pk=notification.pk).update(url="https://phishing.example.com/")
    client.force_login(officer)
    response = client.post(
        reverse("notification-read", args=[notification.pk]), {"open": "1", "next": "https://phishing.example.com/"}
    )
    assert response["Location"] == reverse("inbox")


def test_reading_needs_a_post(client, officer):
    (notification,) = notify(recipients=[officer], event="general", title="通知")
    client.force_login(officer)
    assert client.get(reverse("notification-read", args=[notification.pk])).status_code == 405


def test_mark_all_read_empties_the_unread_list(client, officer, leader):
    notify(recipients=[officer, leader], event="general", title="一")
    notify(recipients=[officer], event="general", title="二")
    client.force_login(officer)
    response = client.post(reverse("notifications-read-all"), follow=True)
    assert "已将 2 条通知标为已读。" in response.text
    assert response.context["unread_count"] == 0
    assert "没有未读消息" in client.get(reverse("inbox"), {"unread": "1"}).text
    assert Notification.objects.for_user(leader).unread().count() == 1


def test_the_inbox_is_paginated_and_the_unread_filter_keeps_across_pages(client, officer):
    for i in range(25):
        notify(recipients=[officer], event="general", title=f"通知{i:02d}")
    client.force_login(officer)
    first = client.get(reverse("inbox"), {"unread": "1"})
    assert len(first.context["notifications"]) == 20
    assert "通知24" in first.text and "通知04" not in first.text
    assert "?unread=1&page=2" in first.text
    second = client.get(reverse("inbox"), {"unread": "1", "page": 2})
    assert len(second.context["notifications"]) == 5 and "通知00" in second.text


def test_the_inbox_runs_as_many_queries_for_thirty_notifications_as_for_three(client, officer):
    for i in range(3):
        notify(recipients=[officer], event="general", title=f"通知{i}", url="/projects/")
    client.force_login(officer)
    client.get(reverse("inbox"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("inbox"))
    for i in range(27):
        notify(recipients=[officer], event="general", title=f"更多{i}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("inbox"))
    assert len(many) == len(few)


def test_the_inbox_needs_a_login(client):
    response = client.get(reverse("inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
