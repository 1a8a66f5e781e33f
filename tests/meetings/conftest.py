"""Projects with stored lights and escalated issues, a planned meeting, and the personas around them.

The agenda the office is offered from them, in order:
1. 康养新城综合医院 — red (12 亿元): its red reason only;
2. 吉通机械总部 — red (5 亿元);
3. 铸诚门业智能制造 — yellow, and an issue escalated to its department head;
4. 康养新城第一幼儿园 — green, but an issue escalated to its responsible leader.
北山山体公园 (green, an overdue issue not escalated, an escalated one already resolved) is not proposed.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from diaodu.coordination.catalogue import seed_categories
from diaodu.coordination.models import EscalationSettings, Issue, IssueCategory
from diaodu.meetings.models import Meeting
from diaodu.org.choices import Role
from diaodu.org.models import Department
from diaodu.progress.models import ProjectLight
from diaodu.projects.models import Project
from tests.conftest import make_user
from tests.projects.conftest import *  # noqa: F403  (personas: project_officer, responsible_leader, department_user …)

INVESTMENT_RED = "本年完成投资1000.00万元，占年度计划13.7%，序时进度49.6%，落后序时进度35.9个百分点。"
REPORT_YELLOW = "2026年10月报告逾期3天未报（截止2026-10-25）。"
START_YELLOW = "计划开工月（2026年5月）已过，尚未开工。"


def stored_light(project, colour, *reasons):
    today = timezone.localdate()
    ProjectLight.objects.create(
        project=project,
        light=colour,
        reasons=[{"rule": rule, "light": level, "message": text} for rule, level, text in reasons],
        as_of=today,
        changed_on=today,
    )


@pytest.fixture
def observer(db):
    return make_user("observer", roles=[Role.OBSERVER], name="吴刚")


@pytest.fixture
def categories(db):
    seed_categories(IssueCategory, Department, EscalationSettings)
    return {category.name: category for category in IssueCategory.objects.all()}


@pytest.fixture
def portfolio(categories, department, land_bureau, project_officer, responsible_leader):
    """The projects of the module docstring; 吉通机械总部 is the officer's and the leader's."""
    today = timezone.localdate()
    past = today - dt.timedelta(days=10)

    def make(name, total, stage="construction", **fields):
        return Project.objects.create(name=name, total_investment=Decimal(total), stage=stage, **fields)

    hospital = make("康养新城综合医院", "120000")
    jitong = make(
        "吉通机械总部",
        "50000",
        responsible_officer=project_officer.person,
        responsible_leader=responsible_leader.person,
        responsible_department=department,
    )
    doors = make("铸诚门业智能制造", "8000", stage="preparation")
    school = make("康养新城第一幼儿园", "6000")
    park = make("北山山体公园", "30000")
    stored_light(hospital, "red", ("investment", "red", INVESTMENT_RED), ("reporting", "yellow", REPORT_YELLOW))
    stored_light(jitong, "red", ("schedule", "red", "“开工”已超过任务时限。"))
    stored_light(doors, "yellow", ("start", "yellow", START_YELLOW), ("schedule", "green", "工期可实现。"))
    stored_light(school, "green")
    stored_light(park, "green")

    def issue(project, title, status="assigned", level=0, due=past):
        return Issue.objects.create(
            project=project, category=categories["其他"], title=title, department=land_bureau,
            status=status, due_date=due, escalation_level=level,
        )  # fmt: skip

    issue(doors, "宗地内高压线杆迁移", level=1)
    issue(school, "施工许可证待办", status="in_progress", level=2)
    issue(park, "林地占用手续")  # overdue, not escalated
    issue(park, "园路设计变更", status="resolved", level=1)  # escalated once, settled since
    return {"hospital": hospital, "jitong": jitong, "doors": doors, "school": school, "park": park}


@pytest.fixture
def meeting(db):
    """A weekly meeting today, not yet held, with nobody attending."""
    return Meeting.objects.create(date=timezone.localdate(), kind="weekly", title="第12次项目调度会")
