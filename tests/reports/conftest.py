"""A small zone as it stood at the end of 30 June 2026, for the bulletin of that day.

Recorded on 15 June 2026 (history dated then), with one light change on 26 June and two meetings on 22
and 29 June. The figures the bulletin must print, in 万元 unless said:

- plans 2026: 吉通机械总部 3,650, 康养新城综合医院 7,300, 康养新城第一幼儿园 1,460 → 12,410 (1.24 亿元);
  done (accepted reports, January–May): 2,000 + 1,000 + 900 = 3,900 → 31.4 %; 序时 on 30 June (day 181
  of 365): 12,410 × 181 / 365 = 6,154 → 49.6 %; 18.2 points behind;
- 经济发展局 (吉通机械总部, and 铸诚门业智能制造 for its yellow light): plan 3,650, done 2,000, 54.8 %, first;
  建设局 (综合医院, 幼儿园): plan 8,760, done 1,900, 21.7 %, second;
- planned starts in 2026: 铸诚门业 (15 May) and 幼儿园 (1 March); started: 幼儿园 → 1 of 2, 50.0 %;
- lights: 综合医院 red since 26 June (green before: a change since 23 June), 铸诚门业 yellow since 1 June;
- issues: “10千伏电力线路迁改” (综合医院, due 10 June, 包保领导督办) and “施工许可证待办” (幼儿园, due
  20 June) overdue; “供水管网接入” resolved, “规划设计条件未出具” due in July: not listed;
- land: quota 100 + 50 = 150 公顷; acquired 10.5 (A), supplied 20.25 (B) → 30.75, 20.5 %; reserve 10.5;
- 招商: target 100,000 (10 亿元); signed 同仁众合医疗器械产业基地 30,000 (3.00 亿元) on 10 April → 30.0 %.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from diaodu.coordination.catalogue import seed_categories
from diaodu.coordination.models import EscalationSettings, Issue, IssueCategory
from diaodu.investment.models import Company, InvestmentTarget, Lead
from diaodu.land.models import LandQuota, Parcel
from diaodu.meetings.models import Meeting
from diaodu.meetings.services import decision_add, meeting_create, meeting_hold
from diaodu.org.choices import Role
from diaodu.org.models import Area, Department, Organisation, Zone
from diaodu.progress.models import LightChange, ProgressReport, ProjectLight
from diaodu.projects.models import InvestmentPlan, Project
from tests.conftest import make_user
from tests.progress.conftest import at_noon

D = dt.date
JUNE_30 = D(2026, 6, 30)
RED_REASON = "本年完成投资1000.00万元，占年度计划13.7%，序时进度49.6%，落后序时进度35.9个百分点。"
YELLOW_REASON = "计划开工月（2026年5月）已过，尚未开工。"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Bulletin files go to a temporary directory, never into the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def observer(db):
    return make_user("observer", roles=[Role.OBSERVER], name="吴刚")


def light(project, colour, day, previous="", reasons=()):
    """A light change on `day` and the stored light, as `lights_recompute` writes them."""
    reasons = [{"rule": rule, "light": level, "message": text} for rule, level, text in reasons]
    LightChange.objects.create(project=project, light=colour, previous=previous, reasons=reasons, changed_on=day)
    ProjectLight.objects.update_or_create(
        project=project, defaults={"light": colour, "reasons": reasons, "as_of": day, "changed_on": day}
    )


def report(project, month: int, amount: str, *, status="accepted", year=2026):
    start = D(year, month, 1)
    return ProgressReport.objects.create(
        project=project,
        period_start=start,
        period_end=(start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1),
        due_date=start.replace(day=25),
        investment_done=Decimal(amount),
        status=status,
        submitted_at=at_noon(start.replace(day=24)) if status != "draft" else None,
    )


def project(name, department, area, *, stage="construction", total="50000", plan=None, **fields):
    record = Project.objects.create(
        name=name,
        responsible_department=department,
        area=area,
        stage=stage,
        total_investment=Decimal(total),
        **fields,
    )
    if plan is not None:
        InvestmentPlan.objects.create(project=record, year=2026, amount=Decimal(plan))
    return record


@pytest.fixture
def department(db):
    """The 经发局, recorded in June 2026 like the rest of the zone (it replaces the suite's own)."""
    with time_machine.travel(at_noon(D(2026, 6, 15)), tick=False):
        return Department.objects.create(name="经济发展局", short_name="经发局")


@pytest.fixture
def zone_june(department, dispatcher):
    """The zone of the module docstring, recorded in June 2026; returns its records by name."""
    with time_machine.travel(at_noon(D(2026, 6, 15)), tick=False):
        Zone.objects.create(name="北部新城经济开发区", division_code="220105")
        seed_categories(IssueCategory, Department, EscalationSettings)
        categories = {category.name: category for category in IssueCategory.objects.all()}
        build = Department.objects.create(name="建设局", short_name="建设局")
        park = Area.objects.create(name="洁净工业园", kind="park", sort_order=1)
        city = Area.objects.create(name="康养新城", kind="city", sort_order=0)
        jitong = project("吉通机械总部", department, park, plan="3650", actual_start=D(2025, 9, 1))
        hospital = project("康养新城综合医院", build, city, total="120000", plan="7300", actual_start=D(2025, 5, 1))
        doors = project("铸诚门业智能制造", department, park, stage="preparation", total="8000",
                        planned_start=D(2026, 5, 15))  # fmt: skip
        school = project("康养新城第一幼儿园", build, city, total="6000", plan="1460",
                         planned_start=D(2026, 3, 1), actual_start=D(2026, 3, 20))  # fmt: skip
        for month in range(1, 6):
            report(jitong, month, "400")
            report(hospital, month, "200")
        for month in (3, 4, 5):
            report(school, month, "300")
        report(jitong, 6, "999", status="draft")  # a draft does not count
        report(jitong, 12, "500", year=2025)  # nor does last year
        for record in (jitong, hospital, school):
            light(record, "green", D(2026, 5, 1))
        light(
            doors,
            "yellow",
            D(2026, 6, 1),
            reasons=[("start", "yellow", YELLOW_REASON), ("schedule", "green", "工期可实现。")],
        )
        issues = {
            "power": Issue.objects.create(project=hospital, category=categories["水电路气"], title="10千伏电力线路迁改",
                                          department=build, status="in_progress", due_date=D(2026, 6, 10),
                                          escalation_level=2),
            "permit": Issue.objects.create(project=school, category=categories["手续"], title="施工许可证待办",
                                           department=build, status="assigned", due_date=D(2026, 6, 20)),
            "water": Issue.objects.create(project=jitong, category=categories["水电路气"], title="供水管网接入",
                                          department=build, status="resolved", due_date=D(2026, 6, 5)),
            "planning": Issue.objects.create(project=doors, category=categories["手续"], title="规划设计条件未出具",
                                             department=department, status="assigned", due_date=D(2026, 7, 10)),
        }  # fmt: skip
        LandQuota.objects.create(year=2026, acquire_ha=Decimal(100), supply_ha=Decimal(50))
        parcels = {
            "A": Parcel.objects.create(number="A", name="A地块", area_ha=Decimal("10.5"), status="reserved",
                                       acquired_on=D(2026, 3, 1), reserved_on=D(2026, 4, 1)),
            "B": Parcel.objects.create(number="B", name="B地块", area_ha=Decimal("20.25"), status="supplied",
                                       supply_method="transfer", acquired_on=D(2025, 11, 1),
                                       reserved_on=D(2025, 12, 1), supplied_on=D(2026, 5, 10)),
        }  # fmt: skip
        InvestmentTarget.objects.create(year=2026, signed_investment=Decimal(100000), signed_count=10)
        company = Company.objects.create(organisation=Organisation.objects.create(name="同仁众合医疗器械有限公司"))
        leads = {
            "signed": Lead.objects.create(title="同仁众合医疗器械产业基地", company=company, source="expo",
                                          investment=Decimal(30000), stage="signed", signed_on=D(2026, 4, 10)),
            "talks": Lead.objects.create(title="精工轴承智能制造", company=company, source="online",
                                         investment=Decimal(5000), stage="negotiating"),
            "lost": Lead.objects.create(title="某物流园", company=company, source="other",
                                        investment=Decimal(2000), stage="lost"),
        }  # fmt: skip
    with time_machine.travel(at_noon(D(2026, 6, 22)), tick=False):
        first = meeting_create(user=dispatcher, date=D(2026, 6, 22), title="第5次项目调度会")
        first_decision = decision_add(
            user=dispatcher, meeting=first, text="自然资源局协调解决吉通机械总部二期用地。",
            department=department, category=categories["用地"], project=jitong,
        )  # fmt: skip
        meeting_hold(user=dispatcher, meeting=first, minutes="会议研究了用地问题。")
    with time_machine.travel(at_noon(D(2026, 6, 26)), tick=False):
        light(hospital, "red", D(2026, 6, 26), previous="green", reasons=[("investment", "red", RED_REASON)])
    with time_machine.travel(at_noon(D(2026, 6, 29)), tick=False):
        second = meeting_create(user=dispatcher, date=D(2026, 6, 29), title="第6次项目调度会")
        second_decision = decision_add(
            user=dispatcher, meeting=second, text="建设局督促综合医院施工单位倒排工期。",
            department=build, category=categories["水电路气"], project=hospital,
        )  # fmt: skip
        meeting_hold(user=dispatcher, meeting=second, minutes="会议研究了综合医院进度。")
    return {
        "department": department, "jitong": jitong, "hospital": hospital, "doors": doors, "school": school,
        "build": build, "park": park, "city": city, "issues": issues, "parcels": parcels, "leads": leads,
        "first": Meeting.objects.get(pk=first.pk), "second": Meeting.objects.get(pk=second.pk),
        "dispatcher": dispatcher, "first_decision": first_decision, "second_decision": second_decision,
        "categories": categories,
    }  # fmt: skip


def more_of_everything(zone_june, n: int) -> None:
    """`n` more projects, each with a plan, reports, lights, an overdue issue, a parcel, a lead and a decision."""
    z = zone_june
    category = z["categories"]["其他"]
    company = z["leads"]["signed"].company
    with time_machine.travel(at_noon(D(2026, 6, 16)), tick=False):
        for i in range(n):
            extra = project(f"批量项目{i}", z["build"], z["city"], plan="100", planned_start=D(2026, 4, 1))
            for month in (1, 2, 3):
                report(extra, month, "10")
            light(extra, "green", D(2026, 5, 1))
            light(extra, "yellow", D(2026, 6, 2), previous="green", reasons=[("reporting", "yellow", "报告逾期。")])
            Issue.objects.create(
                project=extra, category=category, title=f"问题{i}", department=z["build"], status="assigned",
                due_date=D(2026, 6, 12), escalation_level=i % 3,
            )  # fmt: skip
            Parcel.objects.create(number=f"X{i}", name=f"X{i}地块", area_ha=Decimal(1), acquired_on=D(2026, 2, 1))
            Lead.objects.create(title=f"线索{i}", company=company, source="online", investment=Decimal(100))
    with time_machine.travel(at_noon(D(2026, 6, 29)), tick=False):
        for i in range(n):
            decision_add(
                user=z["dispatcher"],
                meeting=z["second"], text=f"议定事项{i}", department=z["build"], category=category,
            )  # fmt: skip
