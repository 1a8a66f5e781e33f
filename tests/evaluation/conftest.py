"""A small zone scored as of 30 April 2026, written straight onto the rows (as an import would).

Two projects entered the registry on 1 March 2026 (so reports are owed from March, due on the 25th):

- 吉通机械总部 (P1): 包保干部 孙浩, 包保领导 李明, 责任单位 经发局; under construction, plan 3,650 万元
  (序时进度 on 30 April: 3,650 × 120/365 = 1,200 万元); March report (500 万元) on time, April's (400 万元)
  two days late; light green from 1 March, red from 21 April, yellow from 10 May.
- 铸诚门业智能制造 (P2): 包保干部 钱多, 包保领导 李明, 责任单位 自然资源局; in preparation; March report on
  the due day, April's missing; light green from 1 March.

Steps with a deadline: 项目备案 (P1, 经发局) due 20 March, done 18 March; 用地预审 (P1, 自然资源局) due 10 April,
done 20 April; 规划许可 (P2, 自然资源局) due 15 April, not done; 施工许可 (P2, 自然资源局) due 30 June.
Issues: 用地指标未落实 (P1, to 自然资源局) due 8 April, resolved 7 April; 立项批复延迟 (P2, to 经发局) due
20 April, unresolved; 规划条件未出具 (P1, to 自然资源局) due 20 May.
孙浩 is also a 招商 officer: 精密轴承生产基地 signed 10 February 2026 for 20,000 万元; 医疗器械产业园 under
negotiation. The 2026 scheme has the default weights and a target of 73,000 万元 per 招商 officer (序时 on
30 April: 24,000 万元).
"""

import calendar
import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from diaodu.coordination.models import Issue, IssueCategory
from diaodu.evaluation.models import EvaluationScheme
from diaodu.investment.models import Company, Lead
from diaodu.org.choices import Role
from diaodu.org.models import Organisation
from diaodu.progress.models import LightChange, ProgressReport, ProjectLight
from diaodu.projects.models import InvestmentPlan, Project, Step
from tests.conftest import make_user
from tests.projects.conftest import *  # noqa: F403  (department 经发局, land_bureau 自然资源局, officers, leader …)
from tests.projects.conftest import build_project

D = dt.date
APRIL_30 = D(2026, 4, 30)
CST = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=CST)


def report(project, month: int, *, submitted: dt.date | None, status="accepted", invested="0") -> ProgressReport:
    end = D(2026, month, calendar.monthrange(2026, month)[1])
    return ProgressReport.objects.create(
        project=project, frequency="monthly", period_start=D(2026, month, 1), period_end=end,
        due_date=D(2026, month, 25), status=status, submitted_at=at(submitted) if submitted else None,
        investment_done=Decimal(invested), progress_text="按计划推进",
    )  # fmt: skip


def light(project, day: dt.date, colour: str, previous: str = "", message: str = "") -> LightChange:
    reasons = [{"rule": "schedule", "light": colour, "message": message}] if message else []
    ProjectLight.objects.update_or_create(
        project=project, defaults={"light": colour, "reasons": reasons, "as_of": day, "changed_on": day}
    )
    return LightChange.objects.create(project=project, light=colour, previous=previous, reasons=reasons, changed_on=day)


def make_zone(*, department, land_bureau, officer, other_officer, leader, suffix: str = "") -> dict:
    """The two projects and everything about them; `suffix` makes another such pair (query-count tests)."""
    p1 = build_project(f"吉通机械总部{suffix}", officer=officer, leader=leader, department=department,
                       stage="construction")  # fmt: skip
    p2 = build_project(f"铸诚门业智能制造{suffix}", officer=other_officer, leader=leader, department=land_bureau)
    Project.objects.filter(pk__in=[p1.pk, p2.pk]).update(created_at=at(D(2026, 3, 1), 0))
    p1.refresh_from_db()
    p2.refresh_from_db()
    steps = {
        "filing": Step.objects.create(project=p1, name="项目备案", responsible_department=department,
                                      deadline=D(2026, 3, 20), actual_finish=D(2026, 3, 18), status="done"),
        "land": Step.objects.create(project=p1, name="用地预审", responsible_department=land_bureau,
                                    deadline=D(2026, 4, 10), actual_finish=D(2026, 4, 20), status="done"),
        "planning": Step.objects.create(project=p2, name="规划许可", responsible_department=land_bureau,
                                        deadline=D(2026, 4, 15)),
        "permit": Step.objects.create(project=p2, name="施工许可", responsible_department=land_bureau,
                                      deadline=D(2026, 6, 30)),
    }  # fmt: skip
    reports = {
        "p1_march": report(p1, 3, submitted=D(2026, 3, 20), invested="500"),
        "p1_april": report(p1, 4, submitted=D(2026, 4, 27), status="submitted", invested="400"),
        "p2_march": report(p2, 3, submitted=D(2026, 3, 25)),
    }
    InvestmentPlan.objects.create(project=p1, year=2026, amount=Decimal(3650))
    category, _created = IssueCategory.objects.get_or_create(name="用地", defaults={"sla_workdays": 10})
    issues = {
        "land": Issue.objects.create(project=p1, category=category, title="用地指标未落实", department=land_bureau,
                                     assigned_at=at(D(2026, 3, 25)), due_date=D(2026, 4, 8), status="resolved",
                                     resolved_at=at(D(2026, 4, 7), 15)),
        "approval": Issue.objects.create(project=p2, category=category, title="立项批复延迟", department=department,
                                         assigned_at=at(D(2026, 4, 6)), due_date=D(2026, 4, 20),
                                         status="in_progress"),
        "conditions": Issue.objects.create(project=p1, category=category, title="规划条件未出具",
                                           department=land_bureau, assigned_at=at(D(2026, 5, 6)),
                                           due_date=D(2026, 5, 20), status="assigned"),
    }  # fmt: skip
    light(p1, D(2026, 3, 1), "green")
    light(p1, D(2026, 4, 21), "red", "green", "“用地预审”已超过任务时限。")
    light(p1, D(2026, 5, 10), "yellow", "red", "“施工许可”的浮动时间仅剩6个工作日。")
    light(p2, D(2026, 3, 1), "green")
    return {"p1": p1, "p2": p2, "steps": steps, "reports": reports, "issues": issues}


def make_leads(officer, suffix: str = "") -> dict:
    organisation = Organisation.objects.create(name=f"长春精工轴承有限公司{suffix}")
    company = Company.objects.create(organisation=organisation)
    return {
        "signed": Lead.objects.create(title=f"精密轴承生产基地{suffix}", company=company, source="expo",
                                      investment=Decimal(20000), officer=officer.person, stage="signed",
                                      signed_on=D(2026, 2, 10), received_on=D(2025, 11, 1),
                                      entered_on=D(2025, 11, 1)),
        "open": Lead.objects.create(title=f"医疗器械产业园{suffix}", company=company, source="expo",
                                    investment=Decimal(50000), officer=officer.person, stage="negotiating",
                                    received_on=D(2026, 1, 5), entered_on=D(2026, 1, 5)),
    }  # fmt: skip


@pytest.fixture
def scheme(db):
    return EvaluationScheme.objects.create(year=2026, signed_target=Decimal(73000))


@pytest.fixture
def zone_2026(scheme, department, land_bureau, project_officer, other_officer, responsible_leader):
    zone = make_zone(
        department=department, land_bureau=land_bureau, officer=project_officer, other_officer=other_officer,
        leader=responsible_leader,
    )  # fmt: skip
    zone["leads"] = make_leads(project_officer)
    return zone


@pytest.fixture
def observer(db):
    return make_user("observer", roles=[Role.OBSERVER], name="吴刚")
