"""No lost writes in issue coordination: an action taken on a page older than the issue, the API, the settings."""

import pytest
from django.test import Client
from django.urls import reverse

from diaodu.coordination.catalogue import seed_categories
from diaodu.coordination.models import EscalationSettings, Issue, IssueCategory
from diaodu.coordination.services import issue_assign, issue_raise
from diaodu.core.concurrency import etag_for, version_of
from diaodu.org.models import Department
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def test_a_reassignment_from_an_old_page_is_shown_against_the_new_one(
    client, dispatcher, leader, assigned_issue, demolition_office, land_bureau
):
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("issue-detail", args=[assigned_issue.pk])).text, "assign-version")
    assert loaded == version_of(assigned_issue)
    issue_assign(user=leader, issue=assigned_issue, department=demolition_office)  # the leader reassigned it
    answer = client.post(
        reverse("issue-action", args=[assigned_issue.pk, "assign"]),
        {"assign-department": land_bureau.pk, "assign-note": "", "assign-version": loaded},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-testid="edit-conflict"' in answer.text and "保存人：王建国" in answer.text
    assert conflict_row("交办部门", "自然资源局", "征收办公室") in answer.text
    assert Issue.objects.get(pk=assigned_issue.pk).department == demolition_office
    # An answer in the thread adds to it and is never refused for that.
    replied = client.post(
        reverse("issue-action", args=[assigned_issue.pk, "respond"]),
        {"respond-text": "已协调", "respond-version": loaded},
        HTTP_HX_REQUEST="true",
    )
    assert replied.status_code == 200 and "HX-Redirect" in replied.headers


def test_the_api_refuses_an_action_on_a_stale_if_match(client, dispatcher, leader, assigned_issue, demolition_office):
    client.force_login(dispatcher)
    url = f"/api/issues/{assigned_issue.pk}/"
    loaded = client.get(url).headers["ETag"]
    assert loaded == etag_for(assigned_issue)
    issue_assign(user=leader, issue=assigned_issue, department=demolition_office)
    refused = client.post(f"{url}resolve/", {"text": "已落实"}, content_type="application/json",
                          headers={"If-Match": loaded})  # fmt: skip
    assert refused.status_code == 412 and refused.json()["error"]["current"]["department"] == demolition_office.pk
    assert Issue.objects.get(pk=assigned_issue.pk).status == "assigned"


def test_settings_and_categories_saved_meanwhile_are_not_overwritten(client, dispatcher, categories):
    client.force_login(dispatcher)
    page = client.get(reverse("issue-settings"))
    loaded = version_in(page.text, "escalation-version")
    config = EscalationSettings.load()
    config.level1_days = 2
    config.save()
    answer = client.post(reverse("issue-settings"), {
        "form": "settings", "escalation-level1_days": 1, "escalation-level2_days": 4, "escalation-level3_days": 8,
        "escalation-remind_days_before": 3, "escalation-version": loaded,
    })  # fmt: skip
    assert answer.status_code == 200 and 'data-testid="conflict-table"' in answer.text
    assert EscalationSettings.load().level1_days == 2

    formset = page.context["categories"]
    data = {"form": "categories", "categories-TOTAL_FORMS": len(formset.forms) - 1,
            "categories-INITIAL_FORMS": len(formset.forms) - 1}  # fmt: skip
    for index, form in enumerate(formset.forms[:-1]):
        for name in ("id", "name", "sla_workdays", "default_department", "sort_order", "version"):
            value = form[name].value()
            data[f"categories-{index}-{name}"] = "" if value is None else value
        data[f"categories-{index}-is_active"] = "on"
    land = IssueCategory.objects.get(name="用地")
    IssueCategory.objects.filter(pk=land.pk).update(sla_workdays=7, updated_at=land.updated_at.replace(year=2099))
    first = next(index for index, form in enumerate(formset.forms) if form.instance.pk == land.pk)
    data[f"categories-{first}-sla_workdays"] = 12
    answer = client.post(reverse("issue-settings"), data)
    assert answer.status_code == 200 and answer.text.count('data-testid="edit-conflict"') == 1
    assert IssueCategory.objects.get(pk=land.pk).sla_workdays == 7


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_assigning_at_once_one_is_told(shared_database, dispatcher, leader, project_officer, project_x):  # noqa: F811
    seed_categories(IssueCategory, Department, EscalationSettings)
    issue = issue_raise(user=project_officer, project=project_x, category=IssueCategory.objects.get(name="用地"),
                        title="用地指标未落实")  # fmt: skip
    offices = [Department.objects.create(name="自然资源局"), Department.objects.create(name="征收办公室")]
    url = f"/api/issues/{issue.pk}/"

    def editor(user, office):
        client = Client()

        def load():
            client.force_login(user)
            return client.get(url).headers["ETag"]

        def save(etag):
            return client.post(f"{url}assign/", {"department": office.pk}, content_type="application/json",
                               headers={"If-Match": etag}).status_code  # fmt: skip

        return load, save

    statuses = race(editor(dispatcher, offices[0]), editor(leader, offices[1]))
    assert sorted(statuses) == [200, 412]
    assert Issue.objects.get(pk=issue.pk).department == offices[statuses.index(200)]
