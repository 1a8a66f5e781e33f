"""What the traffic lights read of the issues, and the signal that tells them to look again."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diaodu.coordination.models import Issue
from diaodu.coordination.selectors import issue_light_facts
from diaodu.coordination.services import issue_assign, issue_raise, issue_resolve, issue_respond, issues_escalate
from diaodu.coordination.signals import issue_changed

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 10, 22)


@pytest.fixture
def portfolio(
    assigned_issue, project_x, project_y, project_officer, other_officer, dispatcher, department_user, land, land_bureau
):
    """On project_x: one issue overdue (escalated later), one settled though late, one on time; project_y: none late."""
    settled = issue_raise(user=project_officer, project=project_x, category=land, title="规划条件未出具")
    issue_resolve(
        user=department_user, issue=issue_assign(user=dispatcher, issue=settled, department=land_bureau), text="已出具"
    )
    on_time = issue_raise(user=project_officer, project=project_x, category=land, title="宗地内高压线杆迁移")
    issue_assign(user=dispatcher, issue=on_time, department=land_bureau)
    y_issue = issue_raise(user=other_officer, project=project_y, category=land, title="供水管网接入")
    issue_assign(user=dispatcher, issue=y_issue, department=land_bureau)
    Issue.objects.filter(pk__in=[assigned_issue.pk, settled.pk]).update(due_date=dt.date(2026, 10, 19))
    Issue.objects.filter(pk__in=[on_time.pk, y_issue.pk]).update(due_date=AS_OF)
    return {"overdue": assigned_issue, "settled": settled, "on_time": on_time, "y": y_issue}


def test_an_overdue_issue_is_a_fact_of_its_project(portfolio, project_x, project_y):
    facts = issue_light_facts([project_x.pk, project_y.pk], AS_OF)
    assert facts == {project_x.pk: {"overdue": ["用地指标未落实"], "escalated": []}}


def test_an_escalated_issue_is_listed_as_escalated(portfolio, project_x, land_head):
    issues_escalate(as_of=AS_OF)
    facts = issue_light_facts([project_x.pk], AS_OF)
    assert facts[project_x.pk] == {"overdue": ["用地指标未落实"], "escalated": ["用地指标未落实"]}


def test_a_due_date_today_is_not_yet_overdue(portfolio, project_y):
    assert issue_light_facts([project_y.pk], AS_OF) == {}
    assert issue_light_facts([project_y.pk], AS_OF + dt.timedelta(days=1)) == {
        project_y.pk: {"overdue": ["供水管网接入"], "escalated": []}
    }


def test_projects_not_asked_for_are_left_out_in_one_query(portfolio, project_y):
    with CaptureQueriesContext(connection) as queries:
        assert issue_light_facts([project_y.pk], AS_OF) == {}
    assert len(queries) == 1


def test_every_change_sends_issue_changed_once_committed(
    django_capture_on_commit_callbacks, project_x, project_officer, dispatcher, department_user, land, land_bureau
):
    heard = []

    def listener(sender, **kwargs):
        heard.append((sender, kwargs["project_id"], kwargs["issue_id"]))

    issue_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            issue = issue_raise(user=project_officer, project=project_x, category=land, title="用地指标未落实")
            assert heard == []  # not before the commit
        with django_capture_on_commit_callbacks(execute=True):
            issue_assign(user=dispatcher, issue=issue, department=land_bureau)
        with django_capture_on_commit_callbacks(execute=True):
            issue_respond(user=department_user, issue=issue, text="已受理")
        with django_capture_on_commit_callbacks(execute=True):
            Issue.objects.filter(pk=issue.pk).update(due_date=dt.date(2026, 10, 19))
            issues_escalate(as_of=AS_OF)
    finally:
        issue_changed.disconnect(listener)
    assert heard == [(Issue, project_x.pk, issue.pk)] * 4
