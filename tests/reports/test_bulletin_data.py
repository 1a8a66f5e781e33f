"""The bulletin's figures on 30 June 2026, exact to the 万元 and the tenth of a point (see conftest)."""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.core import workdays
from diaodu.reports.bulletin import build_bulletin
from tests.reports.conftest import JUNE_30, RED_REASON, YELLOW_REASON

pytestmark = pytest.mark.django_db


def test_the_headline_figures(zone_june):
    data = build_bulletin(JUNE_30)
    h = data.headline
    assert (h.year, h.projects) == (2026, 4)
    assert h.investment.plan == Decimal("12410")
    assert h.investment.done == Decimal("3900")
    assert h.investment.scheduled == Decimal("6154")
    assert (h.investment.rate, h.investment.scheduled_rate, h.investment.gap) == (
        Decimal("31.4"),
        Decimal("49.6"),
        Decimal("-18.2"),
    )
    assert (h.planned_starts, h.starts_due, h.started, h.start_rate) == (2, 2, 1, Decimal("50.0"))
    assert (h.red, h.yellow, h.green, h.unlit) == (1, 1, 2, 0)
    assert data.zone == "北部新城经济开发区"
    assert data.time_share == Decimal("49.6")


def test_departments_and_areas_are_ranked_by_completion(zone_june):
    data = build_bulletin(JUNE_30)
    first, second = data.departments
    assert (first.rank, first.name, first.projects, first.red, first.yellow) == (1, "经济发展局", 2, 0, 1)
    assert (first.investment.plan, first.investment.done, first.investment.rate) == (
        Decimal("3650"),
        Decimal("2000"),
        Decimal("54.8"),
    )
    assert first.investment.gap == Decimal("5.2")
    assert (second.rank, second.name, second.red, second.yellow) == (2, "建设局", 1, 0)
    assert (second.investment.plan, second.investment.done, second.investment.rate) == (
        Decimal("8760"),
        Decimal("1900"),
        Decimal("21.7"),
    )
    assert [(row.rank, row.name) for row in data.areas] == [(1, "洁净工业园"), (2, "康养新城")]


def test_red_and_yellow_projects_with_their_reasons_and_the_changes_since_a_week(zone_june):
    data = build_bulletin(JUNE_30)
    assert [(row.project, row.light, row.since, row.reasons) for row in data.lights] == [
        ("康养新城综合医院", "red", dt.date(2026, 6, 26), (RED_REASON,)),
        ("铸诚门业智能制造", "yellow", dt.date(2026, 6, 1), (YELLOW_REASON,)),
    ]
    assert (data.since, data.since_bulletin) == (dt.date(2026, 6, 23), False)
    assert [(row.project, row.before, row.after, row.changed_on) for row in data.changes] == [
        ("康养新城综合医院", "green", "red", dt.date(2026, 6, 26))
    ]


def test_overdue_and_escalated_issues(zone_june):
    data = build_bulletin(JUNE_30)
    assert [(row.title, row.project, row.department, row.level) for row in data.issues] == [
        ("10千伏电力线路迁改", "康养新城综合医院", "建设局", 2),
        ("施工许可证待办", "康养新城第一幼儿园", "建设局", 0),
    ]
    power, permit = data.issues
    assert power.days_overdue == workdays.workdays_between(dt.date(2026, 6, 10), JUNE_30)
    assert permit.days_overdue == workdays.workdays_between(dt.date(2026, 6, 20), JUNE_30)


def test_land_and_investment_attraction(zone_june):
    data = build_bulletin(JUNE_30)
    land = data.land
    assert (land.quota, land.acquired, land.supplied, land.done, land.remaining, land.reserved) == (
        Decimal("150"),
        Decimal("10.5"),
        Decimal("20.25"),
        Decimal("30.75"),
        Decimal("119.25"),
        Decimal("10.5"),
    )
    assert land.rate == Decimal("20.5")
    inv = data.investment
    assert (inv.signed_count, inv.signed_amount, inv.target_amount, inv.share) == (
        1,
        Decimal("30000"),
        Decimal("100000"),
        Decimal("30.0"),
    )
    assert (inv.active_count, inv.active_amount) == (1, Decimal("5000"))
    assert inv.signed == (("同仁众合医疗器械产业基地", Decimal("30000"), dt.date(2026, 4, 10)),)


def test_the_meetings_decisions_and_those_of_the_meeting_before(zone_june):
    data = build_bulletin(JUNE_30, zone_june["second"].pk)
    assert data.meeting.title == "第6次项目调度会"
    assert [(row.text, row.department, row.status) for row in data.meeting_decisions] == [
        ("建设局督促综合医院施工单位倒排工期。", "建设局", "assigned")
    ]
    assert data.last_meeting.title == "第5次项目调度会"
    (row,) = data.last_decisions
    assert (row.department, row.status, row.overdue) == ("经济发展局", "assigned", False)
    assert row.due_date == zone_june["first_decision"].issue.due_date == workdays.add_workdays(dt.date(2026, 6, 22), 10)


def test_without_a_meeting_the_last_meeting_held_is_reported(zone_june):
    data = build_bulletin(JUNE_30)
    assert data.meeting is None and data.meeting_decisions == ()
    assert data.last_meeting.title == "第6次项目调度会"


def test_before_the_records_existed_the_bulletin_is_empty(zone_june):
    data = build_bulletin(dt.date(2026, 6, 10))
    assert data.headline.projects == 0 and data.lights == () and data.issues == ()
    assert data.last_meeting is None
