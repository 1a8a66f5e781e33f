"""Meeting pages: who reads and who writes, the agenda and decisions by htmx, a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diaodu.coordination.models import Issue
from diaodu.meetings.models import AgendaItem, Decision, Meeting
from diaodu.meetings.services import agenda_add, decision_add

pytestmark = pytest.mark.django_db


def detail(meeting):
    return reverse("meeting-detail", args=[meeting.pk])


def test_the_nav_leads_to_the_meetings(client, leader):
    client.force_login(leader)
    assert f'href="{reverse("meeting-list")}">调度会</a>' in client.get(reverse("home")).text


def test_members_who_see_everything_read_every_meeting_without_edit_buttons(client, meeting, leader, observer):
    for user in (leader, observer):
        client.force_login(user)
        page = client.get(reverse("meeting-list")).text
        assert "第12次项目调度会" in page and 'data-testid="create-meeting"' not in page
        page = client.get(detail(meeting)).text
        assert 'data-testid="meeting-title">第12次项目调度会' in page
        assert 'data-testid="edit-meeting"' not in page and 'data-testid="propose-agenda"' not in page
        assert 'data-testid="decision-form"' not in page and 'data-testid="minutes-form"' not in page
        assert client.post(reverse("meeting-agenda-propose", args=[meeting.pk])).status_code == 403
        assert client.get(reverse("meeting-create")).status_code == 403


def test_outsiders_and_anonymous_callers_are_kept_out(client, meeting, outsider):
    assert client.get(reverse("meeting-list")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("meeting-list")).status_code == 403
    assert client.get(detail(meeting)).status_code == 403


def test_restricted_members_read_the_meetings_that_concern_them(
    client, portfolio, meeting, dispatcher, project_officer, department_user, land_bureau, categories
):
    other = Meeting.objects.create(date=timezone.localdate(), title="土地专题调度会", kind="special")
    # The officer's project is on the first meeting's agenda; the land bureau is given a decision at the other.
    agenda_add(user=dispatcher, meeting=meeting, project=portfolio["jitong"])
    agenda_add(user=dispatcher, meeting=meeting, project=portfolio["hospital"])
    decision_add(
        user=dispatcher, meeting=other, text="清查闲置土地。", department=land_bureau, category=categories["用地"]
    )
    assert list(Meeting.objects.visible_to(project_officer)) == [meeting]
    assert list(Meeting.objects.visible_to(department_user)) == [other]
    client.force_login(project_officer)
    page = client.get(detail(meeting)).text
    assert "吉通机械总部" in page and "康养新城综合医院" in page  # the meeting is read whole
    assert client.get(detail(other)).status_code == 404
    client.force_login(department_user)
    assert client.get(detail(other)).status_code == 200 and client.get(detail(meeting)).status_code == 404
    # A department that attended sees the meeting too.
    meeting.departments.add(land_bureau)
    assert set(Meeting.objects.visible_to(department_user)) == {meeting, other}


def test_the_dispatch_office_builds_the_agenda_by_htmx(client, portfolio, meeting, dispatcher):
    client.force_login(dispatcher)
    page = client.get(detail(meeting)).text
    assert 'data-testid="propose-agenda"' in page and 'hx-post="/meetings/' in page
    answer = client.post(reverse("meeting-agenda-propose", args=[meeting.pk]), headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert answer.text.count('data-testid="agenda-item"') == 4
    assert '<section id="agenda-section"' in answer.text and "<html" not in answer.text
    assert "问题“施工许可证待办”逾期未办结，已包保领导督办。" in answer.text
    item = AgendaItem.objects.get(meeting=meeting, project=portfolio["school"])
    removed = client.post(
        reverse("meeting-agenda-remove", args=[meeting.pk, item.pk]), headers={"HX-Request": "true"}
    ).text
    assert removed.count('data-testid="agenda-item"') == 3
    added = client.post(
        reverse("meeting-agenda-add", args=[meeting.pk]),
        {"project": portfolio["park"].pk, "reason": "听取汇报"},
        headers={"HX-Request": "true"},
    ).text
    assert added.count('data-testid="agenda-item"') == 4 and "听取汇报" in added
    twice = client.post(
        reverse("meeting-agenda-add", args=[meeting.pk]),
        {"project": portfolio["park"].pk},
        headers={"HX-Request": "true"},
    ).text
    assert "“北山山体公园”已在议程中。" in twice


def test_the_dispatch_office_records_a_decision_and_sees_its_issue(
    client, meeting, dispatcher, land_bureau, categories
):
    client.force_login(dispatcher)
    answer = client.post(
        reverse("meeting-decision-add", args=[meeting.pk]),
        {"text": "自然资源局本周内完成用地预审。", "department": land_bureau.pk, "category": categories["用地"].pk},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 200
    issue = Issue.objects.get(decision__meeting=meeting)
    assert 'data-testid="decision-row"' in answer.text and "自然资源局本周内完成用地预审。" in answer.text
    assert f'href="/issues/{issue.pk}/"' in answer.text and "已交办" in answer.text
    assert issue.due_date.isoformat() in answer.text
    missing = client.post(
        reverse("meeting-decision-add", args=[meeting.pk]), {"text": "", "department": land_bureau.pk},
        headers={"HX-Request": "true"},
    ).text  # fmt: skip
    assert 'data-testid="field-error"' in missing and Decision.objects.count() == 1


def test_the_office_schedules_edits_and_holds_a_meeting(client, dispatcher, leader, department):
    client.force_login(dispatcher)
    today = timezone.localdate().isoformat()
    answer = client.post(
        reverse("meeting-create"),
        {"date": today, "kind": "special", "title": "", "chair": leader.person.pk, "departments": [department.pk]},
    )
    meeting = Meeting.objects.get()
    assert answer.status_code == 302 and answer["Location"] == detail(meeting)
    assert meeting.title.endswith("专题调度会") and meeting.chair == leader.person
    answer = client.post(
        reverse("meeting-edit", args=[meeting.pk]),
        {
            "date": today,
            "kind": "special",
            "title": "土地专题调度会",
            "location": "一楼",
            "departments": [department.pk],
        },
    )
    assert answer.status_code == 302
    client.post(reverse("meeting-hold", args=[meeting.pk]), {"minutes": "会议研究了征地问题。"})
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status, meeting.minutes) == ("土地专题调度会", "held", "会议研究了征地问题。")
    page = client.get(detail(meeting)).text
    assert 'data-testid="meeting-status">已召开' in page and "会议研究了征地问题。" in page


def test_the_meeting_page_takes_the_same_queries_with_more_agenda_and_decisions(
    client, portfolio, meeting, dispatcher, land_bureau, categories
):
    client.force_login(dispatcher)
    agenda_add(user=dispatcher, meeting=meeting, project=portfolio["hospital"])
    decision_add(user=dispatcher, meeting=meeting, text="一", department=land_bureau, category=categories["用地"])
    client.get(detail(meeting))
    with CaptureQueriesContext(connection) as few:
        assert client.get(detail(meeting)).status_code == 200
    for project in ("jitong", "doors", "school", "park"):
        agenda_add(user=dispatcher, meeting=meeting, project=portfolio[project])
        decision_add(
            user=dispatcher, meeting=meeting, text=project, department=land_bureau, category=categories["其他"]
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(detail(meeting)).text
    assert page.count('data-testid="decision-row"') == 5 and page.count('data-testid="agenda-item"') == 5
    assert len(many) == len(few), [re.sub(r"\s+", " ", q["sql"])[:120] for q in many.captured_queries]


def test_a_projects_page_lists_the_meetings_that_took_it_up(client, portfolio, meeting, dispatcher, categories):
    agenda_add(user=dispatcher, meeting=meeting, project=portfolio["jitong"], reason="红灯：开工滞后。")
    jitong = portfolio["jitong"]
    decision_add(
        user=dispatcher, meeting=meeting, text="限期完成用地预审。", department=jitong.responsible_department,
        category=categories["用地"], project=jitong,
    )  # fmt: skip
    client.force_login(dispatcher)
    page = client.get(reverse("project-detail", args=[portfolio["jitong"].pk])).text
    panel = page.split('data-testid="meetings-panel"')[1]
    assert "第12次项目调度会" in panel and "红灯：开工滞后。" in panel and "限期完成用地预审。" in panel
    assert 'data-testid="meetings-panel"' not in client.get(reverse("project-detail", args=[portfolio["park"].pk])).text
