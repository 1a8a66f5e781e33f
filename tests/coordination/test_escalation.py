"""The escalation ladder: the department's head, the responsible leader, the zone leader, in order, on working days."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from diaodu.coordination.models import EscalationSettings, Issue, SupervisionNotice
from diaodu.coordination.services import (
    escalation_level_for,
    issue_assign,
    issue_raise,
    issue_resolve,
    issues_escalate,
)
from diaodu.coordination.tasks import escalate_and_remind_issues

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 10, 19)  # a Monday; working days after it: 10-20 (1), 21 (2), 22 (3), 23 (4), 26 (5), 27 (6)


@pytest.fixture
def overdue_issue(assigned_issue, land_head, leader):
    """An issue of project_x due on Monday 2026-10-19, whose department has a head (赵丽)."""
    Issue.objects.filter(pk=assigned_issue.pk).update(due_date=DUE)
    assigned_issue.refresh_from_db()
    return assigned_issue


def level_on(issue, day):
    issues_escalate(as_of=day)
    issue.refresh_from_db()
    return issue.escalation_level


@pytest.mark.parametrize(
    ("days", "level"),
    [(-1, 0), (0, 1), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (30, 3)],
)
def test_the_level_follows_the_working_days_past_due(days, level):
    assert escalation_level_for(days, (0, 3, 5)) == level


def test_a_level_counts_only_when_the_levels_below_it_do():
    assert escalation_level_for(4, (5, 3, 3)) == 0


def test_nothing_happens_on_the_due_date_itself(overdue_issue):
    assert level_on(overdue_issue, DUE) == 0
    assert not SupervisionNotice.objects.exists()


def test_the_department_head_is_told_the_first_day_after_the_due_date(overdue_issue, land_head):
    assert level_on(overdue_issue, dt.date(2026, 10, 20)) == 1
    notice = SupervisionNotice.objects.get()
    assert (notice.level, notice.recipient, notice.issued_on) == (1, land_head, dt.date(2026, 10, 20))
    assert notice.number == "督办〔2026〕第1号"
    assert "用地指标未落实" in notice.message and "自然资源局" in notice.message


def test_level_one_comes_the_day_after_even_when_that_day_is_a_weekend(assigned_issue, land_head):
    Issue.objects.filter(pk=assigned_issue.pk).update(due_date=dt.date(2026, 10, 16))  # a Friday
    assert level_on(assigned_issue, dt.date(2026, 10, 17)) == 1  # Saturday: 0 working days past due


def test_the_responsible_leader_is_told_on_the_third_working_day_not_before(overdue_issue, responsible_leader):
    assert level_on(overdue_issue, dt.date(2026, 10, 21)) == 1  # 2 working days: the day before
    assert level_on(overdue_issue, dt.date(2026, 10, 22)) == 2  # 3: at the threshold
    assert level_on(overdue_issue, dt.date(2026, 10, 23)) == 2  # 4: after it, and no second notice
    notices = list(SupervisionNotice.objects.order_by("serial"))
    assert [(n.level, n.recipient) for n in notices] == [
        (1, overdue_issue.department.head),
        (2, responsible_leader.person),
    ]
    assert notices[1].issued_on == dt.date(2026, 10, 22)


def test_the_zone_leader_is_told_on_the_fifth_working_day_across_the_weekend(overdue_issue, leader):
    assert level_on(overdue_issue, dt.date(2026, 10, 23)) == 2  # 4 working days
    assert level_on(overdue_issue, dt.date(2026, 10, 25)) == 2  # Sunday: still 4
    assert level_on(overdue_issue, dt.date(2026, 10, 26)) == 3  # Monday: 5
    assert level_on(overdue_issue, dt.date(2026, 10, 27)) == 3
    top = SupervisionNotice.objects.get(level=3)
    assert top.recipient == leader.person
    assert top.issued_on == dt.date(2026, 10, 26)
    assert SupervisionNotice.objects.count() == 3


def test_a_missed_run_issues_every_level_in_order_without_skipping(
    overdue_issue, land_head, responsible_leader, leader
):
    notices = issues_escalate(as_of=dt.date(2026, 10, 27))
    assert [(n.level, n.recipient) for n in notices] == [
        (1, land_head),
        (2, responsible_leader.person),
        (3, leader.person),
    ]
    assert [n.number for n in notices] == ["督办〔2026〕第1号", "督办〔2026〕第2号", "督办〔2026〕第3号"]
    overdue_issue.refresh_from_db()
    assert overdue_issue.escalation_level == 3
    escalations = overdue_issue.responses.filter(kind="escalate")
    assert escalations.count() == 3 and escalations.first().author is None
    assert issues_escalate(as_of=dt.date(2026, 10, 28)) == []


def test_across_national_day_the_ladder_uses_the_adjusted_working_saturday(
    raised_issue, dispatcher, land_bureau, land_head, leader
):
    Issue.objects.filter(pk=raised_issue.pk).update(
        department=land_bureau, status="assigned", due_date=dt.date(2026, 9, 30)
    )
    assert level_on(raised_issue, dt.date(2026, 10, 1)) == 1  # the holiday: overdue, 0 working days
    assert level_on(raised_issue, dt.date(2026, 10, 9)) == 1  # 10-8, 10-9: 2 working days
    assert level_on(raised_issue, dt.date(2026, 10, 10)) == 2  # Saturday 调休上班: 3
    assert level_on(raised_issue, dt.date(2026, 10, 12)) == 2  # 4
    assert level_on(raised_issue, dt.date(2026, 10, 13)) == 3  # 5


def test_the_thresholds_are_the_dispatch_offices_to_set(overdue_issue):
    EscalationSettings.objects.update(level1_days=2, level2_days=2, level3_days=10)
    assert level_on(overdue_issue, dt.date(2026, 10, 20)) == 0
    assert level_on(overdue_issue, dt.date(2026, 10, 21)) == 2
    assert list(SupervisionNotice.objects.values_list("level", flat=True)) == [1, 2]


def test_resolved_issues_are_not_escalated(overdue_issue, department_user):
    issue_resolve(user=department_user, issue=overdue_issue, text="指标已下达")
    assert issues_escalate(as_of=dt.date(2026, 11, 2)) == []


def test_an_issue_without_a_responsible_leader_goes_to_the_zone_leader_at_level_two(
    dispatcher, land_bureau, land, land_head, leader
):
    with time_machine.travel("2026-09-29 10:00 +0800"):
        issue = issue_raise(
            user=dispatcher,
            category=land,
            title="统一开展园区闲置土地清查",
            source="meeting",
            source_note="第3次项目调度会",
        )
        issue_assign(user=dispatcher, issue=issue, department=land_bureau)
    notices = issues_escalate(as_of=dt.date(2026, 10, 22))
    assert [(n.level, n.recipient) for n in notices] == [(1, land_head), (2, leader.person)]


def test_a_department_without_a_head_still_gets_its_notice_on_record(assigned_issue):
    Issue.objects.filter(pk=assigned_issue.pk).update(due_date=DUE)
    (notice,) = issues_escalate(as_of=dt.date(2026, 10, 20))
    assert notice.recipient is None
    assert "未设督办对象" in notice.message


def test_notice_numbers_run_per_year(overdue_issue, project_x, project_officer, dispatcher, land_bureau, land):
    issues_escalate(as_of=dt.date(2026, 10, 20))
    with time_machine.travel("2026-12-28 10:00 +0800"):
        later = issue_raise(user=project_officer, project=project_x, category=land, title="宗地内高压线杆迁移")
        issue_assign(user=dispatcher, issue=later, department=land_bureau)
    issues_escalate(as_of=dt.date(2027, 1, 20))
    numbers = list(SupervisionNotice.objects.order_by("issued_on", "serial").values_list("year", "serial"))
    assert numbers[0] == (2026, 1)
    # In 2027 the first issue climbs to levels 2 and 3, the second to levels 1, 2 and 3: numbers 1 to 5.
    assert [serial for year, serial in numbers if year == 2027] == [1, 2, 3, 4, 5]


def test_reassigning_starts_the_ladder_again_and_keeps_the_notices(overdue_issue, dispatcher, demolition_office):
    issues_escalate(as_of=dt.date(2026, 10, 20))
    with time_machine.travel("2026-10-21 10:00 +0800"):
        issue = issue_assign(user=dispatcher, issue=overdue_issue, department=demolition_office)
    assert issue.escalation_level == 0
    assert issue.notices.count() == 1


def test_the_command_and_the_nightly_task_run_the_ladder(overdue_issue, capsys):
    call_command("escalate_issues", "--as-of", "2026-10-20")
    assert "1 supervision notices" in capsys.readouterr().out
    result = escalate_and_remind_issues.enqueue(as_of="2026-10-22")
    assert result.return_value["notices"] == 1
    overdue_issue.refresh_from_db()
    assert overdue_issue.escalation_level == 2
