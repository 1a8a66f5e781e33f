"""销号, reopening and attaching from a page older than the issue: the conflict, nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from diaodu.coordination.models import Issue
from diaodu.coordination.services import issue_close, issue_resolve
from diaodu.core.concurrency import etag_for
from tests.core.racing import version_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved_issue(assigned_issue, dispatcher):
    return issue_resolve(user=dispatcher, issue=assigned_issue, text="已协调落实用地指标")


def test_a_second_close_from_an_old_page_is_refused_with_the_conflict(client, dispatcher, leader, resolved_issue):
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("issue-detail", args=[resolved_issue.pk])).text, "close-version")
    issue_close(user=leader, issue=resolved_issue, text="同意销号")  # the leader struck it off meanwhile
    answer = client.post(
        reverse("issue-action", args=[resolved_issue.pk, "close"]),
        {"close-text": "销号", "close-version": loaded},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200 and "HX-Redirect" not in answer.headers
    assert 'data-testid="edit-conflict"' in answer.text and "保存人：王建国" in answer.text
    # 销号 of a closed issue is refused by its state rules too; the version is checked first.
    assert 'data-testid="form-error"' not in answer.text
    saved = Issue.objects.get(pk=resolved_issue.pk)
    assert saved.status == "closed" and saved.closed_by == leader
    assert saved.responses.filter(kind="close").count() == 1


def test_a_reopen_from_an_old_page_without_htmx_says_who_saved(client, dispatcher, leader, resolved_issue):
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("issue-detail", args=[resolved_issue.pk])).text, "reopen-version")
    issue_close(user=leader, issue=resolved_issue)
    answer = client.post(
        reverse("issue-action", args=[resolved_issue.pk, "reopen"]),
        {"reopen-reason": "仍未落实", "reopen-version": loaded},
        follow=True,
    )
    assert "您依据的是之前的版本，修改没有保存" in answer.text and "王建国" in answer.text
    assert Issue.objects.get(pk=resolved_issue.pk).status == "closed"


def test_an_attachment_sent_from_an_old_page_is_refused(client, dispatcher, leader, resolved_issue):
    client.force_login(dispatcher)
    page = client.get(reverse("issue-detail", args=[resolved_issue.pk])).text
    loaded = version_in(page, "version")
    issue_close(user=leader, issue=resolved_issue)
    upload = SimpleUploadedFile("现场照片.jpg", b"\xff\xd8jpeg", content_type="image/jpeg")
    answer = client.post(
        reverse("issue-attach", args=[resolved_issue.pk]), {"file": upload, "version": loaded}, follow=True
    )
    assert "您依据的是之前的版本，修改没有保存" in answer.text
    assert not resolved_issue.attachments.exists()


def test_an_attachment_from_a_fresh_page_is_kept(client, dispatcher, assigned_issue):
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("issue-detail", args=[assigned_issue.pk])).text, "version")
    upload = SimpleUploadedFile("现场照片.jpg", b"\xff\xd8jpeg", content_type="image/jpeg")
    answer = client.post(reverse("issue-attach", args=[assigned_issue.pk]), {"file": upload, "version": loaded})
    assert answer.status_code == 302 and assigned_issue.attachments.get().name == "现场照片.jpg"


def test_the_api_closes_on_a_fresh_if_match_and_refuses_a_stale_one(client, dispatcher, leader, resolved_issue):
    client.force_login(dispatcher)
    url = f"/api/issues/{resolved_issue.pk}/"
    loaded = client.get(url).headers["ETag"]
    closed = client.post(f"{url}close/", {"text": "同意"}, content_type="application/json",
                         headers={"If-Match": loaded})  # fmt: skip
    assert closed.status_code == 200
    assert closed.headers["ETag"] == etag_for(Issue.objects.get(pk=resolved_issue.pk)) != loaded
    stale = client.post(f"{url}reopen/", {"reason": "仍未落实"}, content_type="application/json",
                        headers={"If-Match": loaded})  # fmt: skip
    assert stale.status_code == 412 and stale.json()["error"]["current"]["status"] == "closed"
    assert Issue.objects.get(pk=resolved_issue.pk).status == "closed"
