"""The issue pages: list with filters and highlights, the issue's page with its actions, the raise form, settings."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diaodu.coordination.models import EscalationSettings, Issue, IssueCategory
from diaodu.coordination.services import issue_assign, issue_raise, issue_resolve, issues_escalate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def escalated_issue(assigned_issue, land_head, leader):
    due = timezone.localdate() - dt.timedelta(days=14)
    Issue.objects.filter(pk=assigned_issue.pk).update(due_date=due)
    issues_escalate()
    assigned_issue.refresh_from_db()
    return assigned_issue


def test_the_nav_leads_to_the_issues(client, leader):
    client.force_login(leader)
    page = client.get(reverse("home")).text
    assert f'href="{reverse("issue-list")}">问题协调</a>' in page


def test_the_list_highlights_overdue_issues_and_shows_the_escalation_level(client, dispatcher, escalated_issue):
    client.force_login(dispatcher)
    page = client.get(reverse("issue-list")).text
    assert "用地指标未落实" in page
    assert 'class="table-danger"' in page
    assert "逾期" in page and "个工作日" in page
    assert "主要领导督办" in page
    assert 'data-testid="raise-issue"' in page and reverse("issue-settings") in page


def test_the_list_filters_and_searches(client, dispatcher, assigned_issue, project_y, other_officer, land):
    issue_raise(user=other_officer, project=project_y, category=land, title="宗地内高压线杆迁移")
    client.force_login(dispatcher)
    page = client.get(reverse("issue-list"), {"status": "open"}).text
    assert "宗地内高压线杆迁移" in page and "用地指标未落实" not in page
    page = client.get(reverse("issue-list"), {"overdue": "true"}).text
    assert "没有符合条件的问题" in page
    assert "用地指标未落实" not in client.get(reverse("issue-list"), {"q": "高压线"}).text


def test_the_list_runs_a_fixed_number_of_queries(client, dispatcher, escalated_issue, project_x, project_officer, land):
    client.force_login(dispatcher)
    client.get(reverse("issue-list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("issue-list"))
    for i in range(20):
        issue_raise(user=project_officer, project=project_x, category=land, title=f"问题{i}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("issue-list"))
    assert len(many) == len(few)


def test_the_issue_page_shows_the_thread_the_notices_and_the_departments_actions(
    client, department_user, escalated_issue
):
    client.force_login(department_user)
    page = client.get(reverse("issue-detail", args=[escalated_issue.pk])).text
    assert "交办自然资源局办理" in page
    assert "督办〔" in page and page.count('data-testid="notice"') == 3
    assert 'data-testid="action-respond"' in page and 'data-testid="action-resolve"' in page
    assert 'data-testid="action-close"' not in page and 'data-testid="action-assign"' not in page


def test_the_officer_sees_no_action_on_an_assigned_issue(client, project_officer, assigned_issue):
    client.force_login(project_officer)
    page = client.get(reverse("issue-detail", args=[assigned_issue.pk])).text
    assert 'data-testid="actions"' not in page
    assert 'data-testid="attachment-form"' in page


def test_an_action_with_htmx_redirects_on_success(client, department_user, assigned_issue):
    client.force_login(department_user)
    response = client.post(
        reverse("issue-action", args=[assigned_issue.pk, "respond"]), {"respond-text": "已受理"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("issue-detail", args=[assigned_issue.pk])
    assigned_issue.refresh_from_db()
    assert assigned_issue.status == "in_progress"


def test_an_action_with_htmx_shows_its_errors_in_place(client, department_user, assigned_issue):
    client.force_login(department_user)
    response = client.post(
        reverse("issue-action", args=[assigned_issue.pk, "resolve"]), {"resolve-text": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'id="workflow"' in response.text and 'data-testid="field-error"' in response.text


def test_a_refused_state_is_explained_without_htmx(client, dispatcher, assigned_issue):
    client.force_login(dispatcher)
    response = client.post(reverse("issue-action", args=[assigned_issue.pk, "close"]), {"close-text": ""}, follow=True)
    assert "只有“已办结”的问题可以销号" in response.text


def test_a_department_posting_close_is_forbidden(client, department_user, assigned_issue):
    issue = issue_resolve(user=department_user, issue=assigned_issue, text="已办结")
    client.force_login(department_user)
    response = client.post(reverse("issue-action", args=[issue.pk, "close"]), {"close-text": ""})
    assert response.status_code == 403


def test_the_raise_form_starts_from_the_project_and_takes_an_attachment(client, project_officer, project_x, land):
    client.force_login(project_officer)
    page = client.get(reverse("issue-create"), {"project": project_x.pk}).text
    assert f'<option value="{project_x.pk}" selected>' in page
    assert 'name="department"' not in page  # an officer does not assign
    response = client.post(
        reverse("issue-create"),
        {
            "project": project_x.pk,
            "source": "project",
            "category": land.pk,
            "title": "宗地内高压线杆迁移",
            "description": "3基线杆未迁移",
            "attachment": SimpleUploadedFile("现场照片.jpg", b"jpeg-bytes", content_type="image/jpeg"),
        },
    )
    issue = Issue.objects.get(title="宗地内高压线杆迁移")
    assert response.status_code == 302 and response["Location"] == reverse("issue-detail", args=[issue.pk])
    attachment = issue.attachments.get()
    assert attachment.name == "现场照片.jpg" and attachment.file.name.startswith("issues/")


def test_the_raise_form_explains_a_missing_project(client, dispatcher, land):
    client.force_login(dispatcher)
    response = client.post(reverse("issue-create"), {"source": "project", "category": land.pk, "title": "闲置土地"})
    assert response.status_code == 200
    assert "来源为“项目”时请选择项目" in response.text


def test_a_department_may_not_open_the_raise_form(client, department_user):
    client.force_login(department_user)
    assert client.get(reverse("issue-create")).status_code == 403


def test_attachments_are_downloaded_only_by_those_who_see_the_issue(
    client, project_officer, other_officer, assigned_issue
):
    client.force_login(project_officer)
    response = client.post(
        reverse("issue-attach", args=[assigned_issue.pk]),
        {"file": SimpleUploadedFile("红线图.pdf", b"%PDF-1.4", content_type="application/pdf"), "name": "用地红线图"},
    )
    assert response.status_code == 302
    attachment = assigned_issue.attachments.get()
    url = reverse("issue-attachment", args=[assigned_issue.pk, attachment.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4"
    client.force_login(other_officer)
    assert client.get(url).status_code == 404


def test_the_settings_page_is_the_dispatch_offices(client, department_user, dispatcher, categories):
    client.force_login(department_user)
    assert client.get(reverse("issue-settings")).status_code == 403
    client.force_login(dispatcher)
    assert client.get(reverse("issue-settings")).status_code == 200
    response = client.post(
        reverse("issue-settings"),
        {
            "form": "settings",
            "escalation-level1_days": 1,
            "escalation-level2_days": 4,
            "escalation-level3_days": 8,
            "escalation-remind_days_before": 3,
        },
    )
    assert response.status_code == 302
    settings = EscalationSettings.load()
    assert settings.thresholds == (1, 4, 8) and settings.remind_days_before == 3
    assert settings.history.latest("history_id").history_user == dispatcher


def test_decreasing_thresholds_are_refused(client, dispatcher, categories):
    client.force_login(dispatcher)
    response = client.post(
        reverse("issue-settings"),
        {
            "form": "settings",
            "escalation-level1_days": 5,
            "escalation-level2_days": 3,
            "escalation-level3_days": 8,
            "escalation-remind_days_before": 2,
        },
    )
    assert response.status_code == 200
    assert "逐级不减" in response.text
    assert EscalationSettings.load().thresholds == (0, 3, 5)


def test_the_dispatch_office_changes_a_categorys_sla(client, dispatcher, categories):
    client.force_login(dispatcher)
    ordered = list(IssueCategory.objects.order_by("sort_order", "id"))
    data = {
        "form": "categories",
        "categories-TOTAL_FORMS": len(ordered) + 1,
        "categories-INITIAL_FORMS": len(ordered),
        "categories-MIN_NUM_FORMS": 0,
        "categories-MAX_NUM_FORMS": 1000,
    }
    for index, category in enumerate(ordered):
        data.update(
            {
                f"categories-{index}-id": category.pk,
                f"categories-{index}-name": category.name,
                f"categories-{index}-sla_workdays": 5 if category.name == "用地" else category.sla_workdays,
                f"categories-{index}-sort_order": category.sort_order,
                f"categories-{index}-is_active": "on",
            }
        )
    new = len(ordered)
    data.update(
        {f"categories-{new}-name": "环保", f"categories-{new}-sla_workdays": 15, f"categories-{new}-sort_order": 9}
    )
    data[f"categories-{new}-is_active"] = "on"
    response = client.post(reverse("issue-settings"), data)
    assert response.status_code == 302, response.context["categories"].errors
    assert IssueCategory.objects.get(name="用地").sla_workdays == 5
    assert IssueCategory.objects.get(name="环保").sla_workdays == 15


def test_the_zone_leader_assigns_from_the_page(client, leader, raised_issue, land_bureau):
    client.force_login(leader)
    page = client.get(reverse("issue-detail", args=[raised_issue.pk])).text
    assert 'data-testid="action-assign"' in page
    client.post(
        reverse("issue-action", args=[raised_issue.pk, "assign"]),
        {"assign-department": land_bureau.pk, "assign-note": ""},
    )
    raised_issue.refresh_from_db()
    assert raised_issue.status == "assigned"


def test_unknown_actions_are_not_found(client, dispatcher, assigned_issue):
    client.force_login(dispatcher)
    assert client.post(reverse("issue-action", args=[assigned_issue.pk, "delete"])).status_code == 404


def test_an_issue_page_for_a_general_issue(client, dispatcher, land, land_bureau):
    issue = issue_raise(
        user=dispatcher, category=land, title="闲置土地清查", source="meeting", source_note="第3次调度会"
    )
    issue_assign(user=dispatcher, issue=issue, department=land_bureau)
    client.force_login(dispatcher)
    page = client.get(reverse("issue-detail", args=[issue.pk])).text
    assert "第3次调度会" in page and "调度会" in page


def test_the_project_page_lists_its_issues_with_a_button_to_raise_one(client, project_officer, escalated_issue):
    client.force_login(project_officer)
    page = client.get(reverse("project-detail", args=[escalated_issue.project_id])).text
    assert 'data-testid="issues-panel"' in page
    assert "用地指标未落实" in page and "1 个逾期" in page
    assert f"{reverse('issue-create')}?project={escalated_issue.project_id}" in page
