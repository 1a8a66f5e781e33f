"""Who sees which issues, and who may act on them: a department answers only its own issues."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from diaodu.coordination.models import Issue, IssueResponse, SupervisionNotice
from diaodu.coordination.permissions import allowed_actions
from diaodu.coordination.services import issue_raise, issue_resolve, issue_respond, issues_escalate
from diaodu.projects.models import Step

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue_of_y(project_y, other_officer, land):
    return issue_raise(user=other_officer, project=project_y, category=land, title="宗地内高压线杆迁移")


def test_roles_that_see_everything_see_every_issue(leader, dispatcher, administrator, raised_issue, issue_of_y):
    for user in (leader, dispatcher, administrator):
        assert Issue.objects.visible_to(user).count() == 2


def test_an_officer_sees_the_issues_of_his_projects_and_those_he_raised(
    project_officer, other_officer, raised_issue, issue_of_y, project_x
):
    assert list(Issue.objects.visible_to(project_officer)) == [raised_issue]
    assert list(Issue.objects.visible_to(other_officer)) == [issue_of_y]
    # He handed the project over, and still follows what he raised.
    project_x.responsible_officer = other_officer.person
    project_x.save()
    assert list(Issue.objects.visible_to(project_officer)) == [raised_issue]


def test_a_responsible_leader_sees_the_issues_of_the_projects_he_leads(responsible_leader, raised_issue, issue_of_y):
    assert list(Issue.objects.visible_to(responsible_leader)) == [raised_issue]


def test_a_department_sees_the_issues_assigned_to_it_and_those_of_its_projects(
    department_user, land_bureau, assigned_issue, issue_of_y, project_y
):
    assert list(Issue.objects.visible_to(department_user)) == [assigned_issue]
    Step.objects.filter(project=project_y).update(responsible_department=land_bureau)
    assert set(Issue.objects.visible_to(department_user)) == {assigned_issue, issue_of_y}


def test_the_thread_and_the_notices_follow_the_issue(other_officer, department_user, assigned_issue, land_head):
    Issue.objects.filter(pk=assigned_issue.pk).update(due_date=dt.date(2026, 10, 19))
    issues_escalate(as_of=dt.date(2026, 10, 20))
    assert IssueResponse.objects.visible_to(department_user).count() == 2
    assert SupervisionNotice.objects.visible_to(department_user).count() == 1
    assert not IssueResponse.objects.visible_to(other_officer).exists()
    assert not SupervisionNotice.objects.visible_to(other_officer).exists()


def test_an_outsider_sees_no_issue(outsider, raised_issue):
    assert not Issue.objects.visible_to(outsider).exists()


def test_a_department_answers_only_the_issues_assigned_to_it(
    assigned_issue, demolition_user, demolition_office, project_x
):
    # 征收办 answers for project_x, so it sees the issue, yet the issue is 自然资源局's to answer.
    project_x.responsible_department = demolition_office
    project_x.save()
    assert Issue.objects.visible_to(demolition_user).filter(pk=assigned_issue.pk).exists()
    assert allowed_actions(demolition_user, assigned_issue) == set()
    with pytest.raises(PermissionDenied, match="只有承办部门或项目办可以答复"):
        issue_respond(user=demolition_user, issue=assigned_issue, text="我们来办。")
    with pytest.raises(PermissionDenied):
        issue_resolve(user=demolition_user, issue=assigned_issue, text="已办结。")


def test_each_persona_is_offered_exactly_its_actions(
    assigned_issue, dispatcher, leader, department_user, project_officer, responsible_leader
):
    assert allowed_actions(dispatcher, assigned_issue) == {"assign", "respond", "resolve"}
    assert allowed_actions(leader, assigned_issue) == {"assign"}
    assert allowed_actions(department_user, assigned_issue) == {"respond", "resolve"}
    assert allowed_actions(project_officer, assigned_issue) == set()
    issue = issue_resolve(user=department_user, issue=assigned_issue, text="已办结。")
    assert allowed_actions(department_user, issue) == set()
    assert allowed_actions(responsible_leader, issue) == {"close", "reopen"}
    assert allowed_actions(project_officer, issue) == {"reopen"}
    assert allowed_actions(dispatcher, issue) == {"close", "reopen"}


def test_an_officer_of_another_project_can_neither_see_nor_act(client, other_officer, assigned_issue):
    client.force_login(other_officer)
    assert client.get(reverse("issue-detail", args=[assigned_issue.pk])).status_code == 404
    assert client.get(f"/api/issues/{assigned_issue.pk}/").status_code == 404
    response = client.post(
        f"/api/issues/{assigned_issue.pk}/reopen/", {"reason": "再看看"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert (
        client.post(reverse("issue-action", args=[assigned_issue.pk, "respond"]), {"respond-text": "x"}).status_code
        == 404
    )
    assert "用地指标未落实" not in client.get(reverse("issue-list")).text
    assert client.get("/api/issues/", {"q": "用地"}).json()["count"] == 0


def test_the_role_permissions_follow_the_roles(dispatcher, department_user, project_officer, leader):
    assert dispatcher.has_perm("coordination.change_issuecategory")
    assert dispatcher.has_perm("coordination.change_escalationsettings")
    assert project_officer.has_perm("coordination.add_issue")
    assert not project_officer.has_perm("coordination.add_issueresponse")
    assert department_user.has_perm("coordination.add_issueresponse")
    assert not department_user.has_perm("coordination.add_issue")
    assert leader.has_perm("coordination.view_supervisionnotice")
    assert not leader.has_perm("coordination.change_escalationsettings")
