"""Due dates are counted in working days on the official calendar from the day of assignment."""

import datetime as dt

import pytest
import time_machine

from diaodu.coordination.services import issue_assign, issue_raise
from diaodu.core.models import CalendarDay

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-09-29 10:00 +0800")
def test_a_land_issue_assigned_before_national_day_is_due_ten_working_days_later(raised_issue, dispatcher, land_bureau):
    # 9-30 (1); 10-1 to 10-7 off; 10-8, 10-9, Saturday 10-10 (调休上班), 10-12 … 10-16, 10-19 (10).
    issue = issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
    assert issue.due_date == dt.date(2026, 10, 19)
    assert issue.assigned_at.date() == dt.date(2026, 9, 29)


@time_machine.travel("2026-09-29 10:00 +0800")
def test_each_category_has_its_own_sla(project_x, project_officer, dispatcher, demolition_office, categories):
    issue = issue_raise(user=project_officer, project=project_x, category=categories["征拆"], title="坟茔迁移")
    issue = issue_assign(user=dispatcher, issue=issue, department=demolition_office)
    # 20 working days: the 10 above, then 10-20 … 10-23, 10-26 … 10-30, 11-2.
    assert issue.due_date == dt.date(2026, 11, 2)


@time_machine.travel("2026-10-03 10:00 +0800")
def test_an_issue_assigned_during_the_holiday_counts_from_the_next_working_day(
    raised_issue, dispatcher, land_bureau, land
):
    land.sla_workdays = 1
    land.save()
    raised_issue.category.refresh_from_db()
    issue = issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
    assert issue.due_date == dt.date(2026, 10, 8)


@time_machine.travel("2026-09-29 10:00 +0800")
def test_a_holiday_entered_in_the_app_moves_the_due_date(raised_issue, dispatcher, land_bureau):
    CalendarDay.objects.create(date=dt.date(2026, 10, 12), kind="holiday", name="防汛调休")
    issue = issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
    assert issue.due_date == dt.date(2026, 10, 20)


def test_changing_a_category_sla_applies_to_later_assignments_only(
    raised_issue, dispatcher, land_bureau, demolition_office, land
):
    with time_machine.travel("2026-09-29 10:00 +0800"):
        issue = issue_assign(user=dispatcher, issue=raised_issue, department=land_bureau)
    land.sla_workdays = 5
    land.save()
    issue.refresh_from_db()
    assert issue.due_date == dt.date(2026, 10, 19)
    with time_machine.travel("2026-10-12 10:00 +0800"):
        issue = issue_assign(user=dispatcher, issue=issue, department=demolition_office)  # 转办
    assert issue.due_date == dt.date(2026, 10, 19)  # 10-12 + 5 working days
