"""The inbox API: one's own notifications, the unread filter, reading one or all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diaodu.notify.models import Notification
from diaodu.notify.services import notify

pytestmark = pytest.mark.django_db


def test_the_list_holds_only_the_users_own_notifications_newest_first(client, leader, officer, dispatcher):
    notify(recipients=[officer, leader], event="issue_overdue", title="问题逾期", url="/issues/3/")
    notify(recipients=[dispatcher], event="general", title="项目办的通知")
    notify(recipients=[officer], event="report_due", title="请报送本周进度")
    client.force_login(officer)
    body = client.get("/api/notifications/").json()
    assert body["count"] == 2
    assert [row["title"] for row in body["results"]] == ["请报送本周进度", "问题逾期"]
    row = body["results"][1]
    assert row["event"] == "issue_overdue" and row["event_display"] == "问题逾期"
    assert row["url"] == "/issues/3/" and row["is_read"] is False and row["read_at"] is None
    client.force_login(dispatcher)  # a role that sees everything else in the zone
    assert [row["title"] for row in client.get("/api/notifications/").json()["results"]] == ["项目办的通知"]


def test_the_unread_filter(client, officer):
    first, second = (notify(recipients=[officer], event="general", title=t)[0] for t in ("一", "二"))
    client.force_login(officer)
    client.post(f"/api/notifications/{first.pk}/read/")
    unread = client.get("/api/notifications/", {"unread": "true"}).json()["results"]
    read = client.get("/api/notifications/", {"unread": "false"}).json()["results"]
    assert [row["id"] for row in unread] == [second.pk]
    assert [row["id"] for row in read] == [first.pk]


def test_reading_one_notification(client, officer):
    (notification,) = notify(recipients=[officer], event="general", title="通知")
    client.force_login(officer)
    response = client.post(f"/api/notifications/{notification.pk}/read/")
    assert response.status_code == 200
    assert response.json()["is_read"] is True and response.json()["read_at"]


def test_another_users_notification_is_not_found(client, officer, leader):
    (notification,) = notify(recipients=[officer], event="general", title="通知")
    client.force_login(leader)
    assert client.get(f"/api/notifications/{notification.pk}/").status_code == 404
    response = client.post(f"/api/notifications/{notification.pk}/read/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_read_all_marks_every_unread_notification_of_the_user(client, officer, leader):
    notify(recipients=[officer, leader], event="general", title="一")
    notify(recipients=[officer], event="general", title="二")
    client.force_login(officer)
    assert client.post("/api/notifications/read-all/").json() == {"marked": 2}
    assert client.get("/api/notifications/", {"unread": "true"}).json()["count"] == 0
    assert Notification.objects.for_user(leader).unread().count() == 1


def test_the_inbox_api_needs_a_login_but_no_role(client, outsider):
    response = client.get("/api/notifications/")
    assert response.status_code == 401 and response.json()["error"]["status"] == 401
    notify(recipients=[outsider], event="general", title="账号已开通")
    client.force_login(outsider)
    assert client.get("/api/notifications/").json()["count"] == 1


def test_notifications_cannot_be_written_through_the_api(client, officer):
    (notification,) = notify(recipients=[officer], event="general", title="通知")
    client.force_login(officer)
    assert client.post("/api/notifications/", {"title": "伪造"}).status_code == 405
    assert client.delete(f"/api/notifications/{notification.pk}/").status_code == 405


def test_the_list_runs_as_many_queries_for_thirty_notifications_as_for_three(client, officer):
    for i in range(3):
        notify(recipients=[officer], event="general", title=f"通知{i}")
    client.force_login(officer)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/notifications/")
    for i in range(27):
        notify(recipients=[officer], event="general", title=f"更多{i}")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/notifications/").json()["count"] == 30
    assert len(many) == len(few)
