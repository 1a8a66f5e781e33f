"""A small zone on 15 June 2026 whose cockpit figures are worked out by hand, and a generator of larger ones.

Rows are written straight onto the tables (as an import would), the stored lights and schedules included, so that
the cockpit reads exactly what is here. On 15 June 2026 (day 166 of 365; 端午 is 19 June):

project  officer   area  stage         planned start  started     plan 2026        light   total
P1       孙浩      park  construction  2026-03-01     2026-03-10  12,000 (linear)  green   50,000
P2       钱多      belt  preparation   2026-05-01     —            6,000 (monthly)  red     30,000
P3       —         —     preparation   2026-09-01     —            2,000 (linear)  yellow  20,000
P4       —         —     cancelled     2026-02-01     —            —                —       10,000
P5       —         belt  construction  2025-06-01     2025-07-01  —                red     80,000 (weekly)

- plan 20,000; done 5,800 (P1 five months of 1,000, P2 800 in March; P1's June draft and P5's 2025 report don't
  count); 序时 = 14,000 × 166/365 + (5 × 500 + 500 × 15/30) = 6,367.12 + 2,750 = 9,117.12;
- starts: planned 3 (P4 is cancelled), started 1, due 2, due but unstarted 1 (P2);
- lights: red 2, yellow 1, green 1, unlit 1.
"""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.coordination.models import Issue, IssueCategory
from diaodu.funding.models import FundingApplication
from diaodu.investment.models import InvestmentTarget
from diaodu.land.models import LandQuota, Parcel
from diaodu.org.models import Area
from diaodu.progress.models import ProgressReport, ProjectLight
from diaodu.projects.models import InvestmentPlan, MonthlyPlan, Project, Step
from tests.investment.conftest import make_company, make_lead
from tests.projects.conftest import *  # noqa: F403  (park, project_officer, other_officer, responsible_leader …)
from tests.projects.conftest import build_project

D = dt.date
JUNE_15 = D(2026, 6, 15)


def demo_areas() -> dict[str, Area]:
    """The demo zone's eight areas (一城三带多园), as `seed_org` lays them, without its people and logins."""
    from diaodu.org.demo import AREAS

    areas: dict[str, Area] = {}
    for order, (name, kind, parent, _description) in enumerate(AREAS):
        areas[name], _created = Area.objects.update_or_create(
            name=name, defaults={"kind": kind, "parent": areas.get(parent), "sort_order": order}
        )
    return areas


def light(project: Project, colour: str, *reasons: tuple[str, str, str]) -> None:
    ProjectLight.objects.create(
        project=project,
        light=colour,
        reasons=[{"rule": rule, "light": shade, "message": message} for rule, shade, message in reasons],
        as_of=JUNE_15,
        changed_on=D(2026, 6, 1),
    )


def report(project: Project, month: int, amount: str, *, year: int = 2026, status: str = "submitted", **fields):
    start = D(year, month, 1)
    return ProgressReport.objects.create(
        project=project,
        frequency=fields.pop("frequency", "monthly"),
        period_start=start,
        period_end=start + dt.timedelta(days=27),
        due_date=start.replace(day=25),
        investment_done=Decimal(amount),
        status=status,
        **fields,
    )


@pytest.fixture
def belt(db):
    return Area.objects.create(name="快速路经济发展带", kind="belt", sort_order=1)


@pytest.fixture
def zone_projects(park, belt, project_officer, other_officer, responsible_leader):
    p1 = build_project(
        "吉通机械总部", officer=project_officer, area=park, stage="construction", planned_start=D(2026, 3, 1),
        actual_start=D(2026, 3, 10),
    )  # fmt: skip
    p2 = build_project(
        "铸诚门业智能制造", officer=other_officer, area=belt, planned_start=D(2026, 5, 1),
        total_investment=Decimal("30000"),
    )  # fmt: skip
    p3 = build_project(
        "康养度假酒店", leader=responsible_leader, planned_start=D(2026, 9, 1), total_investment=Decimal("20000")
    )
    p4 = build_project(
        "终止的仓储项目", stage="cancelled", planned_start=D(2026, 2, 1), total_investment=Decimal("10000")
    )
    p5 = build_project(
        "北部快速路连接线", area=belt, stage="construction", planned_start=D(2025, 6, 1), actual_start=D(2025, 7, 1),
        total_investment=Decimal("80000"), reports_weekly=True,
    )  # fmt: skip
    InvestmentPlan.objects.create(project=p1, year=2026, amount=Decimal("12000"))
    monthly = InvestmentPlan.objects.create(project=p2, year=2026, amount=Decimal("6000"))
    for month in range(1, 13):
        MonthlyPlan.objects.create(plan=monthly, month=month, amount=Decimal("500"))
    InvestmentPlan.objects.create(project=p3, year=2026, amount=Decimal("2000"))
    InvestmentPlan.objects.create(project=p5, year=2025, amount=Decimal("9000"))  # another year
    for month in range(1, 6):
        report(p1, month, "1000", status="accepted" if month < 5 else "submitted")
    report(p1, 6, "700", status="draft")
    report(p2, 3, "800")
    report(p5, 12, "900", year=2025)
    light(p1, "green", ("investment", "green", "达到序时进度。"))
    light(
        p2, "red", ("start", "red", "计划开工月（2026年5月）已过，仍未开工。"),
        ("reporting", "yellow", "2026年5月报告逾期21天未报（截止2026-05-25）。"),
    )  # fmt: skip
    light(p3, "yellow", ("schedule", "yellow", "“用地预审”的浮动时间仅剩5个工作日。"))
    light(p5, "red", ("issues", "red", "问题“电力迁改”逾期未办结，已督办。"))
    return {"P1": p1, "P2": p2, "P3": p3, "P4": p4, "P5": p5}


@pytest.fixture
def small_zone(zone_projects, land_bureau, project_officer):
    """The projects above with their steps, issues, land, leads and special bonds."""
    p = zone_projects
    Step.objects.create(project=p["P1"], name="施工许可", deadline=D(2026, 6, 18))
    Step.objects.create(project=p["P1"], name="项目备案", deadline=D(2026, 6, 17), status="done",
                        actual_finish=D(2026, 6, 1))  # fmt: skip
    Step.objects.create(project=p["P2"], name="用地预审", late_finish=D(2026, 6, 22), status="in_progress",
                        actual_start=D(2026, 6, 1))  # fmt: skip
    Step.objects.create(project=p["P2"], name="环境影响评价", deadline=D(2026, 7, 15), late_finish=D(2026, 6, 16))
    Step.objects.create(project=p["P3"], name="可行性研究", deadline=JUNE_15)
    Step.objects.create(project=p["P4"], name="开工", deadline=D(2026, 6, 16))  # a cancelled project's: left out

    category = IssueCategory.objects.get_or_create(name="用地")[0]  # the migration brings the catalogue

    def issue(title, project, due, status="assigned", **fields):
        return Issue.objects.create(
            title=title, project=project, category=category, department=land_bureau, due_date=due, status=status,
            **fields,
        )  # fmt: skip

    issue("用地指标未落实", p["P1"], D(2026, 6, 1))
    issue("电力线路迁改", p["P2"], D(2026, 6, 10), escalation_level=2)
    issue("施工便道", p["P1"], D(2026, 6, 30), status="in_progress")
    issue("已销号的问题", p["P5"], D(2026, 5, 1), status="closed")
    issue("调度会议定：园区供热", None, D(2026, 5, 20))

    LandQuota.objects.create(year=2026, acquire_ha=Decimal("150"), supply_ha=Decimal("100"))
    Parcel.objects.create(
        number="A", name="A地块", area_ha=Decimal("10.0000"), status="supplied", supply_method="transfer",
        acquiring_on=D(2026, 1, 5), acquired_on=D(2026, 2, 10), reserved_on=D(2026, 3, 1), supplied_on=D(2026, 5, 20),
        latitude=Decimal("43.991"), longitude=Decimal("125.391"),
    )  # fmt: skip
    Parcel.objects.create(number="B", name="B地块", area_ha=Decimal("5.0000"))

    company = make_company("吉林同仁众合医疗科技有限公司")
    make_lead("医疗器械基地", company, officer=project_officer, stage="signed", signed_on=D(2026, 3, 1),
              investment=Decimal("20000"))  # fmt: skip
    make_lead("门窗二期", company, stage="negotiating", investment=Decimal("10000"))
    make_lead("去年签约的药厂", company, stage="started", signed_on=D(2025, 11, 1), investment=Decimal("5000"))
    make_lead("已终止的物流园", company, stage="lost", investment=Decimal("3000"))
    make_lead("注册完成的总部", company, stage="registered", signed_on=D(2026, 4, 1), investment=Decimal("7000"))
    InvestmentTarget.objects.create(year=2026, signed_investment=Decimal("100000"), signed_count=4)

    def bond(project, status, requested, approved=None, received=None, year=2026, channel="special_bond"):
        return FundingApplication.objects.create(
            project=project, channel=channel, year=year, status=status, requested_amount=Decimal(requested),
            approved_amount=Decimal(approved) if approved else None,
            received_amount=Decimal(received) if received else None,
        )  # fmt: skip

    bond(p["P1"], "submitted", "3000")
    bond(p["P2"], "approved", "5000", "4000")
    bond(p["P1"], "received", "2000", "2000", "1500")
    bond(p["P2"], "conceived", "1000")
    bond(p["P3"], "approved", "900", "900", channel="central_budget")  # another channel
    bond(p["P1"], "approved", "800", "800", year=2025)  # another year
    return p


def grow(zone_projects, n: int) -> None:
    """Add n more projects with everything the cockpit reads: a plan with months, reports, a light, a step due
    soon, an overdue issue, a parcel and a lead, so that a second size exercises every query."""
    category = IssueCategory.objects.get_or_create(name="资金")[0]
    company = make_company(f"扩容企业{n}有限公司")
    for index in range(n):
        project = build_project(
            f"扩容项目{index}", stage="construction", planned_start=D(2026, 4, 1), actual_start=D(2026, 4, 2),
            latitude=Decimal("44.0"), longitude=Decimal("125.3"),
        )  # fmt: skip
        plan = InvestmentPlan.objects.create(project=project, year=2026, amount=Decimal("1000"))
        MonthlyPlan.objects.create(plan=plan, month=index % 12 + 1, amount=Decimal("1000"))
        report(project, 4, "300")
        report(project, 5, "200", status="accepted")
        light(project, ["red", "yellow", "green"][index % 3], ("schedule", "red", "“开工”已超过任务时限。"))
        Step.objects.create(project=project, name="施工许可", deadline=D(2026, 6, 17))
        Issue.objects.create(title=f"扩容问题{index}", project=project, category=category, due_date=D(2026, 6, 2))
        Parcel.objects.create(number=f"X-{index}", name=f"扩容地块{index}", area_ha=Decimal("1.5"),
                              latitude=Decimal("44.01"), longitude=Decimal("125.31"))  # fmt: skip
        make_lead(f"扩容线索{index}", company, stage="visited", investment=Decimal("100"))
        FundingApplication.objects.create(
            project=project, channel="special_bond", year=2026, status="submitted", requested_amount=Decimal("10")
        )
