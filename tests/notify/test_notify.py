"""notify(): who gets a notification, what is refused, and that nothing leaves for a rolled-back write."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction

from diaodu.notify.models import Delivery, Notification
from diaodu.notify.services import notification_mark_read, notifications_mark_all_read, notify
from diaodu.org.models import Person

from .conftest import with_email

pytestmark = pytest.mark.django_db


def test_notify_creates_one_notification_per_user_with_a_login_and_skips_people_without_one(leader, officer):
    without_login = Person.objects.create(name="赵六")
    notifications = notify(
        recipients=[officer, leader.person, without_login, None, officer.person, officer],
        event="issue_assigned",
        title="问题交办：征拆进度滞后",
        body="请于5个工作日内答复。",
        url="/issues/12/",
    )
    assert [n.recipient for n in notifications] == [officer, leader]
    assert Notification.objects.count() == 2
    stored = Notification.objects.get(recipient=officer)
    assert (stored.event, stored.title, stored.body, stored.url) == (
        "issue_assigned",
        "问题交办：征拆进度滞后",
        "请于5个工作日内答复。",
        "/issues/12/",
    )
    assert stored.read_at is None
    assert stored.get_event_display() == "问题交办"


def test_notify_accepts_people_loaded_with_their_login_without_querying_again(
    leader, officer, django_assert_max_num_queries
):
    people = list(Person.objects.filter(user__isnull=False).select_related("user"))
    # bulk insert of the notifications and their history; savepoint; the robots; no query per person
    with django_assert_max_num_queries(6):
        notify(recipients=people, event="general", title="通知")
    assert Notification.objects.count() == len(people)


def test_deactivated_logins_get_nothing(officer):
    officer.is_active = False
    officer.save()
    assert notify(recipients=[officer], event="general", title="通知") == []


def test_an_unknown_event_or_an_outside_link_is_refused(officer):
    with pytest.raises(ValueError):
        notify(recipients=[officer], event="party", title="通知")
    with pytest.raises(ValueError):
        notify(recipients=[officer], event="general", title="通知", url="https://example.com/")
    with pytest.raises(TypeError):
        notify(recipients=["officer"], event="general", title="通知")
    assert not Notification.objects.exists()


def test_an_overlong_title_is_cut_to_fit(officer):
    (notification,) = notify(recipients=[officer], event="general", title="长" * 300)
    assert len(notification.title) == 200 and notification.title.endswith("…")


def test_a_rolled_back_write_sends_nothing(officer, wecom, robot_server, django_capture_on_commit_callbacks):
    with_email(officer, "sunhao@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(recipients=[officer], event="issue_overdue", title="问题逾期")
            raise RuntimeError("the surrounding write failed")
    assert callbacks == []
    assert mail.outbox == [] and robot_server.requests == []
    assert not Notification.objects.exists() and not Delivery.objects.exists()


def test_mark_read_keeps_the_time_of_the_first_reading(officer):
    (notification,) = notify(recipients=[officer], event="general", title="通知")
    notification_mark_read(notification=notification, user=officer)
    first = notification.read_at
    assert first is not None
    notification_mark_read(notification=notification, user=officer)
    notification.refresh_from_db()
    assert notification.read_at == first


def test_nobody_marks_another_users_notification_read(officer, leader):
    (notification,) = notify(recipients=[officer], event="general", title="通知")
    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=notification, user=leader)


def test_mark_all_read_marks_only_the_users_own_notifications(officer, leader):
    notify(recipients=[officer, leader], event="general", title="一")
    notify(recipients=[officer, leader], event="general", title="二")
    assert notifications_mark_all_read(user=officer) == 2
    assert not Notification.objects.for_user(officer).unread().exists()
    assert Notification.objects.for_user(leader).unread().count() == 2
    assert notifications_mark_all_read(user=officer) == 0
