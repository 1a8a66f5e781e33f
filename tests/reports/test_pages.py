"""Bulletin pages: the list with progress bars that poll, requests, downloads served only to those who may read."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from diaodu.reports.models import Bulletin
from diaodu.reports.services import bulletin_generate

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def officer_user(zone_june):
    from diaodu.org.choices import Role
    from tests.conftest import make_user

    user = make_user("officer_z", roles=[Role.OFFICER], department=zone_june["department"], name="孙浩")
    zone_june["jitong"].responsible_officer = user.person
    zone_june["jitong"].save()
    return user


@pytest.fixture
def done(zone_june):
    bulletin = Bulletin.objects.create(as_of=zone_june["second"].date, meeting=zone_june["second"])
    bulletin_generate(bulletin.pk)
    bulletin.refresh_from_db()
    return bulletin


def test_the_list_shows_bulletins_with_their_files_to_those_who_see_the_zone(
    client, done, dispatcher, leader, observer
):
    for user in (dispatcher, leader, observer):
        client.force_login(user)
        page = client.get(reverse("bulletin-list")).text
        assert page.count('data-testid="bulletin-row"') == 1 and "第6次项目调度会" in page
        for fmt in ("docx", "pdf", "xlsx"):
            assert f'href="/reports/bulletins/{done.pk}/{fmt}/"' in page
        assert ('data-testid="request-form"' in page) == (user == dispatcher)
        assert "hx-trigger" not in page  # nothing left to wait for


def test_other_members_are_told_why_they_see_no_bulletin_and_get_no_file(client, done, officer_user, outsider):
    client.force_login(officer_user)
    page = client.get(reverse("bulletin-list")).text
    assert 'data-testid="bulletins-restricted"' in page and 'data-testid="bulletin-row"' not in page
    assert client.get(reverse("bulletin-download", args=[done.pk, "docx"])).status_code == 404
    assert client.get(reverse("bulletin-make"), {"format": "docx", "as_of": "2026-06-30"}).status_code == 403
    assert client.post(reverse("bulletin-request"), {"as_of": "2026-06-30"}).status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("bulletin-list")).status_code == 403
    assert client.get(reverse("bulletin-download", args=[done.pk, "docx"])).status_code == 403


def test_a_file_is_downloaded_under_a_readable_name(client, done, leader):
    client.force_login(leader)
    answer = client.get(reverse("bulletin-download", args=[done.pk, "docx"]))
    assert answer.status_code == 200 and answer["Content-Type"] == DOCX
    assert "attachment" in answer["Content-Disposition"] and "filename*=utf-8''" in answer["Content-Disposition"]
    document = Document(io.BytesIO(b"".join(answer.streaming_content)))
    assert "关于第6次项目调度会有关情况的通报" in [p.text for p in document.paragraphs]
    assert client.get(reverse("bulletin-download", args=[done.pk, "odt"])).status_code == 404


def test_a_pending_bulletin_polls_until_it_is_done(client, zone_june, leader):
    bulletin = Bulletin.objects.create(as_of=zone_june["second"].date)
    client.force_login(leader)
    row = client.get(reverse("bulletin-row", args=[bulletin.pk]), headers=HTMX).text
    assert 'hx-trigger="every 2s"' in row and 'data-testid="bulletin-progress"' in row and "排队中" in row
    Bulletin.objects.filter(pk=bulletin.pk).update(status="running", progress=45)
    row = client.get(reverse("bulletin-row", args=[bulletin.pk]), headers=HTMX).text
    assert 'value="45"' in row and "生成中" in row
    Bulletin.objects.filter(pk=bulletin.pk).update(status="queued")
    bulletin_generate(bulletin.pk)
    row = client.get(reverse("bulletin-row", args=[bulletin.pk]), headers=HTMX).text
    assert "hx-trigger" not in row and "已生成" in row and 'data-testid="bulletin-file-pdf"' in row


def test_the_dispatch_office_requests_a_bulletin_from_the_list(
    client, zone_june, dispatcher, django_capture_on_commit_callbacks
):
    client.force_login(dispatcher)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("bulletin-request"), {"as_of": "2026-06-30"})
    assert answer.status_code == 302 and answer["Location"] == reverse("bulletin-list")
    bulletin = Bulletin.objects.get()
    assert (bulletin.as_of.isoformat(), bulletin.status, bulletin.created_by) == ("2026-06-30", "done", dispatcher)
    answer = client.post(reverse("bulletin-request"), {"as_of": "2999-01-01"}, follow=True)
    assert "截至日期不能晚于今天。" in answer.text and Bulletin.objects.count() == 1


def test_the_meeting_page_offers_its_bulletin_to_those_who_may_read_it(
    client, zone_june, dispatcher, leader, officer_user, django_capture_on_commit_callbacks
):
    meeting = zone_june["first"]  # it decided something about 吉通机械总部, the officer's project
    url = reverse("meeting-detail", args=[meeting.pk])
    client.force_login(leader)
    page = client.get(url).text
    assert 'data-testid="bulletin-panel"' in page and 'data-testid="request-bulletin"' not in page
    assert f"/reports/bulletins/make/?meeting={meeting.pk}&amp;format=docx" in page
    client.force_login(officer_user)  # the meeting concerns his project, but a bulletin covers the zone
    page = client.get(url).text
    assert "第5次项目调度会" in page and 'data-testid="bulletin-panel"' not in page
    client.force_login(dispatcher)
    assert 'data-testid="request-bulletin"' in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        rows = client.post(reverse("bulletin-request"), {"meeting": meeting.pk}, headers=HTMX).text
    # The panel's rows come back at once, the new one still queued (the task runs after the commit) and polling.
    assert rows.count('data-testid="bulletin-row"') == 1 and "<html" not in rows and "every 2s" in rows
    bulletin = Bulletin.objects.get(meeting=meeting)
    row = client.get(reverse("bulletin-row", args=[bulletin.pk]), {"compact": "1"}, headers=HTMX).text
    assert "已生成" in row and "every 2s" not in row


def test_a_meetings_bulletin_is_made_on_the_spot_in_each_format(client, zone_june, leader):
    client.force_login(leader)
    meeting = zone_june["second"]
    answer = client.get(reverse("bulletin-make"), {"meeting": meeting.pk, "format": "docx"})
    assert answer.status_code == 200 and answer["Content-Type"] == DOCX
    assert "2026-06-29" in answer["Content-Disposition"]
    paragraphs = [p.text for p in Document(io.BytesIO(answer.content)).paragraphs]
    assert "关于第6次项目调度会有关情况的通报" in paragraphs
    assert client.get(reverse("bulletin-make"), {"as_of": "2026-06-30", "format": "pdf"}).content.startswith(b"%PDF")
    xlsx = client.get(reverse("bulletin-make"), {"as_of": "2026-06-30", "format": "xlsx"}).content
    assert xlsx.startswith(b"PK")
    assert client.get(reverse("bulletin-make"), {"format": "odt"}).status_code == 404


def test_the_list_takes_the_same_queries_with_more_bulletins(client, zone_june, leader):
    client.force_login(leader)
    Bulletin.objects.create(as_of=zone_june["second"].date, meeting=zone_june["second"], created_by=leader)
    client.get(reverse("bulletin-list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("bulletin-list"))
    for _ in range(5):
        Bulletin.objects.create(as_of=zone_june["first"].date, meeting=zone_june["first"], created_by=leader)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("bulletin-list")).text
    assert page.count('data-testid="bulletin-row"') == 6
    assert len(many) == len(few)
