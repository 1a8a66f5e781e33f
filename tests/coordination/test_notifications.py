"""Who is told: the department on assignment and near the due date, the notice's addressee on escalation."""

import datetime as dt

import pytest

from diaodu.coordination import notifications
from diaodu.coordination.models import Issue
from diaodu.coordination.services import issue_assign, issue_reopen, issue_resolve, issues_escalate, issues_remind

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """The notifications the services send, whether or not the notify app is installed."""
    calls = []
    monkeypatch.setattr(notifications, "send", lambda **kwargs: calls.append(kwargs))
    return calls


def people(call):
    return {person.name for person in call["recipients"]}


def test_the_department_is_told_of_an_assignment(sent, raised_issue, dispatcher, department_user, land_bureau):
    issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
    (call,) = sent
    assert call["event"] == "issue_assigned" and people(call) == {"赵丽"}
    assert call["url"] == f"/issues/{raised_issue.pk}/" and "用地指标未落实" in call["title"]


def test_the_addressee_of_each_notice_is_told(sent, assigned_issue, land_head, responsible_leader, leader):
    sent.clear()
    Issue.objects.filter(pk=assigned_issue.pk).update(due_date=dt.date(2026, 10, 19))
    issues_escalate(as_of=dt.date(2026, 10, 26))
    assert [(call["event"], people(call)) for call in sent] == [
        ("issue_escalated", {"赵丽"}),
        ("issue_escalated", {"李明"}),
        ("issue_escalated", {"王建国"}),
    ]
    assert sent[0]["title"].startswith("督办〔2026〕第1号")


def test_near_due_and_newly_overdue_reminders_go_out_once_per_due_date(
    sent, assigned_issue, department_user, dispatcher, demolition_office, demolition_user
):
    sent.clear()
    Issue.objects.filter(pk=assigned_issue.pk).update(due_date=dt.date(2026, 10, 21))  # a Wednesday
    assert issues_remind(as_of=dt.date(2026, 10, 16)) == {"due_soon": 0, "overdue": 0}  # 3 working days before
    assert issues_remind(as_of=dt.date(2026, 10, 19)) == {"due_soon": 1, "overdue": 0}  # 2 working days before
    assert issues_remind(as_of=dt.date(2026, 10, 20)) == {"due_soon": 0, "overdue": 0}
    assert issues_remind(as_of=dt.date(2026, 10, 22)) == {"due_soon": 0, "overdue": 1}
    assert issues_remind(as_of=dt.date(2026, 10, 23)) == {"due_soon": 0, "overdue": 0}
    assert [(call["event"], people(call)) for call in sent] == [
        ("issue_due_soon", {"赵丽"}),
        ("issue_overdue", {"赵丽", "孙浩"}),
    ]


def test_a_reopened_issue_is_announced_to_its_department(sent, assigned_issue, department_user, dispatcher):
    issue = issue_resolve(user=department_user, issue=assigned_issue, text="已办结")
    sent.clear()
    issue_reopen(user=dispatcher, issue=issue, reason="仍未解决")
    assert [(call["event"], people(call)) for call in sent] == [("issue_assigned", {"赵丽"})]
    assert "重新打开" in sent[0]["title"]


def test_notifications_land_in_the_inbox_when_the_notify_app_is_installed(
    raised_issue, dispatcher, department_user, land_bureau
):
    models = pytest.importorskip("diaodu.notify.models")
    issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
    inbox = models.Notification.objects.filter(recipient=department_user)
    assert inbox.count() == 1
    assert inbox.get().event == "issue_assigned" and "用地指标未落实" in inbox.get().title


def test_without_the_notify_app_nothing_breaks(monkeypatch, raised_issue, dispatcher, land_bureau):
    import builtins

    real_import = builtins.__import__

    def no_notify(name, *args, **kwargs):
        if name.startswith("diaodu.notify"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_notify)
    issue = issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
    assert issue.status == "assigned"
