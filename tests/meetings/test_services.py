"""Meetings: the proposed agenda, decisions assigned as coordination issues, holding a meeting."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from diaodu.core import workdays
from diaodu.meetings.choices import MeetingStatus
from diaodu.meetings.models import AgendaItem, Decision, Meeting
from diaodu.meetings.selectors import agenda_proposals
from diaodu.meetings.services import (
    agenda_add,
    agenda_remove,
    decision_add,
    default_title,
    meeting_create,
    meeting_hold,
    meeting_propose_agenda,
    meeting_update,
)
from tests.meetings.conftest import INVESTMENT_RED, START_YELLOW

pytestmark = pytest.mark.django_db

EXPECTED_AGENDA = [
    ("康养新城综合医院", "red", f"红灯：{INVESTMENT_RED}"),
    ("吉通机械总部", "red", "红灯：“开工”已超过任务时限。"),
    ("铸诚门业智能制造", "yellow", f"黄灯：{START_YELLOW}问题“宗地内高压线杆迁移”逾期未办结，已部门负责人督办。"),
    ("康养新城第一幼儿园", "", "问题“施工许可证待办”逾期未办结，已包保领导督办。"),
]


def test_the_agenda_proposes_red_yellow_and_escalated_projects_with_why(portfolio, dispatcher):
    proposals = agenda_proposals(dispatcher)
    assert [(p.project.name, p.light, p.reason) for p in proposals] == EXPECTED_AGENDA


def test_the_proposal_is_narrowed_to_what_the_user_sees(portfolio, project_officer):
    assert [p.project.name for p in agenda_proposals(project_officer)] == ["吉通机械总部"]


def test_proposing_adds_the_projects_once_after_those_already_there(portfolio, meeting, dispatcher):
    agenda_add(user=dispatcher, meeting=meeting, project=portfolio["park"], reason="听取进展汇报")
    added = meeting_propose_agenda(user=dispatcher, meeting=meeting)
    assert [(item.project.name, item.reason) for item in added] == [(name, why) for name, _l, why in EXPECTED_AGENDA]
    assert meeting_propose_agenda(user=dispatcher, meeting=meeting) == []  # a second click adds nothing
    agenda = list(AgendaItem.objects.filter(meeting=meeting).order_by("order").values_list("project__name", "order"))
    assert agenda == [("北山山体公园", 0), *[(name, i) for i, (name, _l, _w) in enumerate(EXPECTED_AGENDA, start=1)]]
    assert AgendaItem.history.filter(meeting_id=meeting.pk).first().history_user == dispatcher


def test_a_project_is_on_the_agenda_once(portfolio, meeting, dispatcher):
    agenda_add(user=dispatcher, meeting=meeting, project=portfolio["park"])
    with pytest.raises(ValidationError, match="已在议程中"):
        agenda_add(user=dispatcher, meeting=meeting, project=portfolio["park"])
    item = AgendaItem.objects.get(meeting=meeting)
    agenda_remove(user=dispatcher, item=item)
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_a_decision_becomes_an_issue_assigned_with_its_department_and_due_date(
    portfolio, meeting, dispatcher, land_bureau, categories
):
    decision = decision_add(
        user=dispatcher,
        meeting=meeting,
        text="自然资源局于本周内完成吉通机械总部二期用地预审。\n材料由企业补齐。",
        department=land_bureau,
        category=categories["用地"],
        project=portfolio["jitong"],
    )
    issue = decision.issue
    today = timezone.localdate()
    assert issue.title == "自然资源局于本周内完成吉通机械总部二期用地预审。"
    assert (issue.source, issue.source_note, issue.status) == ("meeting", "第12次项目调度会", "assigned")
    assert (issue.department, issue.project, issue.category.name) == (land_bureau, portfolio["jitong"], "用地")
    assert issue.due_date == workdays.add_workdays(today, 10) == decision.due_date
    assert "第12次项目调度会" in issue.description and "材料由企业补齐" in issue.description
    assert issue.responses.get().kind == "assign"  # coordination's own thread: 交办
    assert (decision.department, decision.project, decision.order) == (land_bureau, portfolio["jitong"], 0)
    assert Decision.objects.get(pk=decision.pk).issue_id == issue.pk


def test_a_decision_without_a_project_is_a_zone_issue(meeting, dispatcher, land_bureau, categories):
    decision = decision_add(
        user=dispatcher,
        meeting=meeting,
        text="统一开展闲置土地清查。",
        department=land_bureau,
        category=categories["用地"],
    )
    assert decision.issue.project is None and decision.issue.source == "meeting"


def test_only_the_dispatch_office_records_decisions(
    meeting, leader, administrator, project_officer, land_bureau, categories
):
    for user in (leader, administrator, project_officer):
        with pytest.raises(PermissionDenied):
            decision_add(user=user, meeting=meeting, text="x", department=land_bureau, category=categories["其他"])
    assert not Decision.objects.exists()


def test_an_empty_decision_is_refused(meeting, dispatcher, land_bureau, categories):
    with pytest.raises(ValidationError, match="请填写议定事项"):
        decision_add(user=dispatcher, meeting=meeting, text="  ", department=land_bureau, category=categories["其他"])


def test_creating_updating_and_holding_a_meeting(dispatcher, leader, department, observer):
    day = timezone.localdate() - dt.timedelta(days=1)
    meeting = meeting_create(
        user=dispatcher,
        date=day,
        kind="monthly",
        chair=leader.person,
        attendees=[observer.person],
        departments=[department],
    )
    assert meeting.title == default_title("monthly", day)
    assert meeting.title.endswith("月调度会") and meeting.status == MeetingStatus.PLANNED
    assert list(meeting.attendees.all()) == [observer.person] and list(meeting.departments.all()) == [department]
    meeting_update(user=dispatcher, meeting=meeting, title="10月份重点项目调度会", location="一楼会议室")
    with pytest.raises(ValidationError, match="请填写会议纪要"):
        meeting_hold(user=dispatcher, meeting=meeting, minutes=" ")
    held = meeting_hold(user=dispatcher, meeting=meeting, minutes="会议研究了……")
    assert (held.title, held.location, held.status, held.minutes) == (
        "10月份重点项目调度会",
        "一楼会议室",
        "held",
        "会议研究了……",
    )
    reasons = list(Meeting.history.filter(id=meeting.pk).values_list("history_change_reason", flat=True))
    assert reasons == ["会议已召开", "修改调度会", "安排调度会"]


def test_a_meeting_to_come_cannot_be_held_and_others_cannot_schedule(dispatcher, leader):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    meeting = meeting_create(user=dispatcher, date=tomorrow)
    with pytest.raises(ValidationError, match="还未到"):
        meeting_hold(user=dispatcher, meeting=meeting, minutes="纪要")
    with pytest.raises(PermissionDenied):
        meeting_create(user=leader, date=tomorrow)


def test_an_escalated_issue_the_light_already_names_is_not_repeated(portfolio, dispatcher, categories, land_bureau):
    from diaodu.coordination.models import Issue
    from diaodu.progress.models import ProjectLight

    hospital = portfolio["hospital"]
    Issue.objects.create(
        project=hospital, category=categories["其他"], title="供电线路迁改", department=land_bureau,
        status="assigned", due_date=timezone.localdate() - dt.timedelta(days=9), escalation_level=3,
    )  # fmt: skip
    light = ProjectLight.objects.get(project=hospital)
    light.reasons = [{"rule": "issues", "light": "red", "message": "问题“供电线路迁改”逾期未办结，已督办。"}]
    light.save()
    (first, *_rest) = agenda_proposals(dispatcher)
    assert (first.project, first.reason) == (hospital, "红灯：问题“供电线路迁改”逾期未办结，已督办。")
