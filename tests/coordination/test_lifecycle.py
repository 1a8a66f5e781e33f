"""The life cycle of an issue: open → assigned → in progress → resolved → closed (销号), and reopened."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from diaodu.coordination.models import Issue
from diaodu.coordination.services import (
    issue_assign,
    issue_close,
    issue_raise,
    issue_reopen,
    issue_resolve,
    issue_respond,
)

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-09-29 10:00 +0800")
def test_an_issue_goes_from_raised_to_closed_with_its_thread_and_history(
    project_x, project_officer, dispatcher, department_user, responsible_leader, land_bureau, land
):
    issue = issue_raise(
        user=project_officer, project=project_x, category=land, title="用地指标未落实", description="缺指标28公顷"
    )
    assert (issue.status, issue.source, issue.raised_by) == ("open", "project", project_officer.person)
    assert issue.department is None and issue.due_date is None

    issue = issue_assign(user=dispatcher, issue=issue, department=land_bureau, note="请抓紧协调。")
    assert (issue.status, issue.department, issue.due_date) == ("assigned", land_bureau, dt.date(2026, 10, 19))

    issue_respond(user=department_user, issue=issue, text="已向市局报送指标申请。")
    issue.refresh_from_db()
    assert issue.status == "in_progress"
    issue_respond(user=department_user, issue=issue, text="省厅要求补充论证材料。")
    issue.refresh_from_db()
    assert issue.status == "in_progress"

    issue = issue_resolve(user=department_user, issue=issue, text="用地指标已下达。")
    assert issue.status == "resolved" and issue.resolved_at is not None

    issue = issue_close(user=responsible_leader, issue=issue)
    assert issue.status == "closed" and issue.closed_by == responsible_leader and issue.closed_at is not None

    thread = list(issue.responses.order_by("id").values_list("kind", "person__name"))
    assert thread == [
        ("assign", "周敏"),
        ("start", "赵丽"),
        ("comment", "赵丽"),
        ("resolve", "赵丽"),
        ("close", "李明"),
    ]
    assert "2026-10-19" in issue.responses.get(kind="assign").text
    history = list(issue.history.order_by("history_id").values_list("history_change_reason", "history_user__username"))
    assert history == [
        ("提出问题", "officer_x"),
        ("交办：自然资源局", "dispatch"),
        ("开始办理", "dept"),
        ("办结", "dept"),
        ("销号", "baobao"),
    ]


def test_the_dispatch_office_may_raise_and_assign_at_once(project_x, dispatcher, land_bureau, land):
    issue = issue_raise(
        user=dispatcher, project=project_x, category=land, title="规划条件未出具", department=land_bureau
    )
    assert issue.status == "assigned" and issue.department == land_bureau
    assert list(issue.responses.values_list("kind", flat=True)) == ["assign"]


def test_an_officer_may_not_assign_when_raising(project_x, project_officer, land_bureau, land):
    with pytest.raises(PermissionDenied, match="只有项目办或主要领导可以交办"):
        issue_raise(
            user=project_officer, project=project_x, category=land, title="规划条件未出具", department=land_bureau
        )
    assert not Issue.objects.exists()


def test_an_officer_of_another_project_may_not_raise_on_it(project_x, other_officer, land):
    with pytest.raises(PermissionDenied):
        issue_raise(user=other_officer, project=project_x, category=land, title="用地指标未落实")


def test_only_the_dispatch_office_or_the_zone_leader_raise_issues_without_a_project(project_officer, leader, land):
    with pytest.raises(PermissionDenied):
        issue_raise(user=project_officer, category=land, title="闲置土地清查", source="meeting")
    issue = issue_raise(user=leader, category=land, title="闲置土地清查", source="meeting", source_note="第3次调度会")
    assert issue.project is None and issue.source == "meeting"


def test_a_project_issue_needs_its_project(dispatcher, land):
    with pytest.raises(ValidationError) as error:
        issue_raise(user=dispatcher, category=land, title="闲置土地清查", source="project")
    assert "project" in error.value.message_dict


def test_a_title_is_required(project_x, project_officer, land):
    with pytest.raises(ValidationError) as error:
        issue_raise(user=project_officer, project=project_x, category=land, title="  ")
    assert error.value.message_dict == {"title": ["请填写问题。"]}


def test_a_department_cannot_close_the_issue_it_resolved(assigned_issue, department_user):
    issue = issue_resolve(user=department_user, issue=assigned_issue, text="已办结。")
    with pytest.raises(PermissionDenied, match="承办部门不能为自己办结的问题销号"):
        issue_close(user=department_user, issue=issue)
    issue.refresh_from_db()
    assert issue.status == "resolved"


def test_closing_an_unresolved_issue_is_refused(assigned_issue, dispatcher):
    with pytest.raises(ValidationError, match="只有“已办结”的问题可以销号"):
        issue_close(user=dispatcher, issue=assigned_issue)
    assigned_issue.refresh_from_db()
    assert assigned_issue.status == "assigned"


def test_the_officer_may_not_close_or_assign(assigned_issue, project_officer, department_user, land_bureau):
    issue = issue_resolve(user=department_user, issue=assigned_issue, text="已办结。")
    with pytest.raises(PermissionDenied):
        issue_close(user=project_officer, issue=issue)
    with pytest.raises(PermissionDenied):
        issue_assign(user=project_officer, issue=issue, department=land_bureau)


def test_an_open_issue_cannot_be_answered_or_resolved(raised_issue, dispatcher):
    with pytest.raises(ValidationError, match="待交办"):
        issue_respond(user=dispatcher, issue=raised_issue, text="请补充材料。")
    with pytest.raises(ValidationError):
        issue_resolve(user=dispatcher, issue=raised_issue, text="已解决。")


def test_answers_need_text(assigned_issue, department_user):
    with pytest.raises(ValidationError) as error:
        issue_respond(user=department_user, issue=assigned_issue, text=" ")
    assert error.value.message_dict == {"text": ["请填写答复内容。"]}
    with pytest.raises(ValidationError) as error:
        issue_resolve(user=department_user, issue=assigned_issue, text="")
    assert error.value.message_dict == {"text": ["请填写办理结果。"]}


def test_reassigning_to_the_same_department_is_refused(assigned_issue, dispatcher, land_bureau):
    with pytest.raises(ValidationError, match="问题已由自然资源局办理"):
        issue_assign(user=dispatcher, issue=assigned_issue, department=land_bureau)


def test_a_stale_copy_cannot_resolve_twice(assigned_issue, department_user, dispatcher):
    stale = Issue.objects.get(pk=assigned_issue.pk)
    issue_resolve(user=department_user, issue=assigned_issue, text="已办结。")
    with pytest.raises(ValidationError, match="已办结"):
        issue_resolve(user=dispatcher, issue=stale, text="再次办结。")
    assert assigned_issue.responses.filter(kind="resolve").count() == 1


def test_the_officer_who_raised_it_reopens_a_closed_issue_with_a_new_due_date(
    raised_issue, project_officer, dispatcher, department_user, land_bureau
):
    with time_machine.travel("2026-09-29 10:00 +0800"):
        issue = issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
        issue = issue_resolve(user=department_user, issue=issue, text="已办结。")
        issue = issue_close(user=dispatcher, issue=issue)
    Issue.objects.filter(pk=issue.pk).update(escalation_level=2)
    with time_machine.travel("2026-10-12 10:00 +0800"):
        issue = issue_reopen(user=project_officer, issue=issue, reason="指标仍未下达。")
    assert issue.status == "assigned" and issue.department == land_bureau
    assert issue.due_date == dt.date(2026, 10, 26)  # 10 working days after 10-12
    assert issue.reopened_count == 1 and issue.escalation_level == 0
    assert issue.closed_at is None and issue.closed_by is None and issue.resolved_at is None
    reopen = issue.responses.get(kind="reopen")
    assert "指标仍未下达" in reopen.text and "2026-10-26" in reopen.text
    assert issue.history.latest("history_id").history_change_reason == "重新打开：指标仍未下达。"


def test_reopening_needs_a_reason_and_a_resolved_or_closed_issue(assigned_issue, dispatcher):
    with pytest.raises(ValidationError) as error:
        issue_reopen(user=dispatcher, issue=assigned_issue, reason="")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError, match="不能重新打开"):
        issue_reopen(user=dispatcher, issue=assigned_issue, reason="仍未解决。")


def test_a_department_may_not_reopen(assigned_issue, department_user):
    issue = issue_resolve(user=department_user, issue=assigned_issue, text="已办结。")
    with pytest.raises(PermissionDenied):
        issue_reopen(user=department_user, issue=issue, reason="再看看。")
