"""The world the access matrix runs in: one zone, two projects X and Y, every kind of record on each, and the personas.

X is 吉通机械总部: its officer (孙浩), its responsible leader (李明) and its department (建设局, 赵丽). Y is
铸诚门业智能制造, with another officer (钱多) and another department (文旅局). Every record a URL can name exists
for X (and for Y, for the row-level checks), built through the apps' services where they exist, so that the
history, the notifications and the stored lights are what the pages would find in production.

`X_MARKERS` are strings that only X's records carry: none of them may reach the officer of Y.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from diaodu.coordination import services as issues
from diaodu.coordination.catalogue import seed_categories
from diaodu.coordination.models import EscalationSettings, IssueCategory
from diaodu.core.models import CalendarDay
from diaodu.dashboard.models import AreaBoundary
from diaodu.evaluation.services import month_snapshots_take
from diaodu.funding.catalogue import seed_items
from diaodu.funding.models import BondFinance, FundingSettings, MaturityItem, ProjectDocument
from diaodu.funding.services import application_create
from diaodu.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from diaodu.investment.models import Company, HeadquartersMove, Lead, LeadActivity
from diaodu.land.models import LandQuota, Parcel
from diaodu.land.services import parcel_create
from diaodu.meetings.models import Meeting
from diaodu.meetings.services import agenda_add, decision_add
from diaodu.notify.models import Notification
from diaodu.org.choices import Role
from diaodu.org.models import Area, Department, Organisation, Person, Zone
from diaodu.progress.services import lights_recompute, report_save_draft, report_submit
from diaodu.progress.uploads import save_photo
from diaodu.projects.models import InvestmentPlan, Project, Step, StepDependency
from diaodu.projects.services import project_recompute_schedule
from diaodu.reports.models import Bulletin
from tests.conftest import make_user

# The day the matrix runs on (the clock is set to its morning and runs on): a Monday in June, mid-year.
TODAY = dt.date(2026, 6, 15)

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"
ZONE_LEADER = "zone_leader"
RESPONSIBLE_LEADER = "responsible_leader"
DEPARTMENT = "department"
OFFICER_X = "officer_x"
OFFICER_Y = "officer_y"
DISPATCH = "dispatch"
OBSERVER = "observer"
ADMINISTRATOR = "administrator"
PERSONAS = (
    ANONYMOUS,
    OUTSIDER,
    ZONE_LEADER,
    RESPONSIBLE_LEADER,
    DEPARTMENT,
    OFFICER_X,
    OFFICER_Y,
    DISPATCH,
    OBSERVER,
    ADMINISTRATOR,
)

X_MARKERS = (
    "吉通机械总部",
    "一号厂房节能审查",
    "一号厂房施工许可证办理",
    "一号厂房主体封顶",
    "高压线迁改未完成",
    "用地指标未落实",
    "施工便道未打通",
    "吉通专题调度会",
    "吉通二期扩产",
    "吉通债券申报",
    "吉通厂区外电源接入",
)


def png_bytes() -> bytes:
    """A tiny valid PNG, made by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (30, 140, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class Side:
    """The records of one project (X or Y)."""

    project: Project
    steps: list[Step]
    report: object  # last month's, submitted, with a photo
    photo: object
    draft: object  # this month's, a draft
    issue_open: object  # raised, not yet assigned
    issue_assigned: object  # assigned to the project's department
    issue_resolved: object  # resolved, waiting to be closed
    attachment: object
    parcel: Parcel
    application: object
    document: ProjectDocument
    company: Company
    lead: Lead
    meeting: Meeting
    decision: object
    notification: Notification


@dataclass
class World:
    """Everything a case may name: the personas (users, sessions), X's and Y's records, the zone-level ones."""

    users: dict[str, object]
    x: Side
    y: Side
    zone: Zone
    park: Area
    spare_area: Area
    construction: Department
    tourism: Department
    spare_department: Department
    spare_organisation: Organisation
    spare_person: Person
    calendar_day: CalendarDay
    category: IssueCategory
    item: MaturityItem
    indicator: Indicator
    bulletin: Bulletin
    snapshot_month: dt.date
    audit_label: str = "projects.project"
    audit_history_id: int = 0
    ledger_token: str = "0123456789abcdef0123456789abcdef"
    sessions: dict[str, str] = field(default_factory=dict)


def _personas(construction: Department, tourism: Department) -> dict[str, object]:
    users = {
        ZONE_LEADER: make_user("leader", roles=[Role.ZONE_LEADER], name="王建国"),
        RESPONSIBLE_LEADER: make_user("baobao", roles=[Role.RESPONSIBLE_LEADER], name="李明"),
        DEPARTMENT: make_user("dept", roles=[Role.DEPARTMENT], department=construction, name="赵丽"),
        OFFICER_X: make_user("officer_x", roles=[Role.OFFICER], department=construction, name="孙浩"),
        OFFICER_Y: make_user("officer_y", roles=[Role.OFFICER], department=tourism, name="钱多"),
        DISPATCH: make_user("dispatch", roles=[Role.DISPATCH], name="周敏"),
        OBSERVER: make_user("observer", roles=[Role.OBSERVER], name="吴刚"),
        ADMINISTRATOR: make_user("admin", roles=[Role.ADMIN], name="郑洁"),
        OUTSIDER: get_user_model().objects.create_user("outsider", password="Test-pass-2026"),
    }
    construction.head = users[DEPARTMENT].person
    construction.save()
    return users


def _side(w: dict, *, name: str, officer, leader, department: Department, labels: dict) -> Side:
    """One project with everything that hangs on it; `labels` names its records (unique to the side)."""
    dispatch = w["users"][DISPATCH]
    owner = Organisation.objects.create(name=labels["company"], kind="enterprise")
    project = Project.objects.create(
        name=name,
        total_investment=Decimal("50000"),
        stage="construction",
        area=w["park"],
        owner=owner,
        planned_start=dt.date(2026, 3, 1),
        actual_start=dt.date(2026, 3, 10),
        planned_completion=dt.date(2027, 12, 31),
        responsible_officer=officer.person,
        responsible_leader=leader.person if leader else None,
        responsible_department=department,
        latitude=Decimal("43.99"),
        longitude=Decimal("125.39"),
    )
    InvestmentPlan.objects.create(project=project, year=TODAY.year, amount=Decimal("12000"))
    first = Step.objects.create(
        project=project, name=labels["steps"][0], duration_days=10, sort_order=0, responsible_department=department
    )
    second = Step.objects.create(
        project=project, name=labels["steps"][1], duration_days=20, sort_order=1, deadline=dt.date(2026, 9, 30)
    )
    StepDependency.objects.create(predecessor=first, successor=second)
    project_recompute_schedule(project=project, as_of=TODAY)

    last_month = dt.date(TODAY.year, TODAY.month - 1, 10)
    report = report_save_draft(
        project=project,
        user=officer,
        day=last_month,
        investment_done=Decimal("800"),
        progress_percent=30,
        progress_text=labels["report"],
        problems="",
    )
    photo = save_photo(report=report, upload=SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png"))
    report = report_submit(report=report, user=officer)
    draft = report_save_draft(
        project=project,
        user=officer,
        day=TODAY,
        investment_done=Decimal("200"),
        progress_percent=35,
        progress_text=labels["report"] + "（本月）",
        problems="",
    )

    raise_ = {"user": officer, "project": project, "category": w["category"]}
    issue_open = issues.issue_raise(**raise_, title=labels["issues"][0])
    issue_assigned = issues.issue_raise(**raise_, title=labels["issues"][1])
    issues.issue_assign(user=dispatch, issue=issue_assigned, department=department)
    issue_resolved = issues.issue_raise(**raise_, title=labels["issues"][2])
    issues.issue_assign(user=dispatch, issue=issue_resolved, department=department)
    issues.issue_resolve(user=dispatch, issue=issue_resolved, text="已协调解决。")
    attachment = issues.issue_attach(
        user=officer, issue=issue_assigned, file=SimpleUploadedFile("说明.txt", "情况说明".encode()), name="情况说明"
    )

    # Land is zone-level data: every member sees the parcel, but not which projects it serves.
    parcel = parcel_create(
        user=dispatch,
        projects=[project],
        number=labels["parcel"][0],
        name=labels["parcel"][1],
        area_ha=Decimal("12.5000"),
        area=w["park"],
    )
    application = application_create(
        user=dispatch,
        project=project,
        channel="special_bond",
        year=TODAY.year,
        requested_amount=Decimal("10000"),
        note=labels["application"],
    )
    document = ProjectDocument.objects.create(
        project=project, item=w["item"], provided_on=dt.date(2026, 1, 5), reference="发改投资〔2026〕1号"
    )
    BondFinance.objects.create(
        project=project,
        bond_amount=Decimal("10000"),
        term_years=10,
        interest_rate=Decimal("3.00"),
        expected_income=Decimal("20000"),
        other_debt_service=Decimal("0"),
    )

    company = Company.objects.create(organisation=owner, industry="C")
    HeadquartersMove.objects.create(company=company, status="negotiating")
    lead = Lead.objects.create(
        title=labels["lead"],
        company=company,
        source="other",
        investment=Decimal("20000"),
        officer=officer.person,
        received_on=dt.date(2026, 5, 4),
        entered_on=dt.date(2026, 5, 4),
        stage="signed",
        stage_since=dt.date(2026, 6, 1),
        signed_on=dt.date(2026, 6, 1),
    )
    LeadActivity.objects.create(lead=lead, kind="visit", date=dt.date(2026, 5, 6), summary="实地考察。")

    meeting = Meeting.objects.create(date=dt.date(2026, 6, 8), kind="special", title=labels["meeting"])
    agenda_add(user=dispatch, meeting=meeting, project=project, reason="专题研究")
    decision = decision_add(
        user=dispatch,
        meeting=meeting,
        text=labels["decision"],
        department=department,
        category=w["category"],
        project=project,
    )
    notification = Notification.objects.create(
        recipient=officer, title=labels["issues"][1], url=f"/issues/{issue_assigned.pk}/"
    )
    return Side(
        project=project,
        steps=[first, second],
        report=report,
        photo=photo,
        draft=draft,
        issue_open=issue_open,
        issue_assigned=issue_assigned,
        issue_resolved=issue_resolved,
        attachment=attachment,
        parcel=parcel,
        application=application,
        document=document,
        company=company,
        lead=lead,
        meeting=meeting,
        decision=decision,
        notification=notification,
    )


def build_world(media_root: Path) -> World:
    """Everything the matrix needs, on `TODAY` (the caller freezes the clock and points MEDIA_ROOT at a tmp dir)."""
    seed_categories(IssueCategory, Department, EscalationSettings)
    seed_items(MaturityItem, FundingSettings)
    zone = Zone.objects.create(name="北部新城经济开发区", division_code="220105")
    park = Area.objects.create(name="洁净工业园", kind="park")
    construction = Department.objects.create(name="建设局")
    tourism = Department.objects.create(name="文旅局")
    users = _personas(construction, tourism)
    w = {
        "users": users,
        "park": park,
        "category": IssueCategory.objects.get(name="用地"),
        "item": MaturityItem.objects.get(code="feasibility"),
    }
    x = _side(
        w,
        name="吉通机械总部",
        officer=users[OFFICER_X],
        leader=users[RESPONSIBLE_LEADER],
        department=construction,
        labels={
            "company": "吉通机械有限公司",
            "steps": ["一号厂房节能审查", "一号厂房施工许可证办理"],
            "report": "一号厂房主体封顶",
            "issues": ["用地指标未落实", "高压线迁改未完成", "施工便道未打通"],
            "parcel": ("JT-01", "吉通地块"),
            "application": "吉通债券申报",
            "lead": "吉通二期扩产",
            "meeting": "吉通专题调度会",
            "decision": "吉通厂区外电源接入由建设局牵头落实",
        },
    )
    y = _side(
        w,
        name="铸诚门业智能制造",
        officer=users[OFFICER_Y],
        leader=None,
        department=tourism,
        labels={
            "company": "铸诚门业有限公司",
            "steps": ["环境影响评价", "规划许可"],
            "report": "门业车间基础施工",
            "issues": ["供水管网接入", "围挡审批", "排污口设置"],
            "parcel": ("ZC-01", "铸诚地块"),
            "application": "铸诚债券申报",
            "lead": "铸诚门窗二期",
            "meeting": "铸诚专题调度会",
            "decision": "铸诚供水接入由文旅局协调",
        },
    )
    lights_recompute(as_of=TODAY)

    LandQuota.objects.create(year=TODAY.year, acquire_ha=Decimal("150"), supply_ha=Decimal("100"))
    indicator = Indicator.objects.get(code="gdp")
    IndicatorValue.objects.create(
        indicator=indicator, granularity="year", period_start=dt.date(2025, 1, 1), value=Decimal("956000")
    )
    IndicatorTarget.objects.create(indicator=indicator, year=TODAY.year, value=Decimal("1050000"))
    calendar_day = CalendarDay.objects.create(date=dt.date(2031, 1, 1), kind="holiday", name="元旦")
    AreaBoundary.objects.create(
        area=park,
        source="测试",
        geometry={"type": "Polygon", "coordinates": [[[125.3, 43.9], [125.4, 43.9], [125.4, 44.0], [125.3, 43.9]]]},
    )
    snapshot_month = dt.date(TODAY.year, TODAY.month - 1, 1)
    month_snapshots_take(month=snapshot_month, user=users[DISPATCH], today=TODAY)

    bulletin = Bulletin.objects.create(as_of=TODAY, status="done", progress=100, created_by=users[DISPATCH])
    bulletin.xlsx.save("bulletin.xlsx", ContentFile(b"PK\x03\x04 not really a workbook"), save=True)

    history = Project.history.filter(id=x.project.pk).order_by("history_id").first()
    return World(
        users=users,
        x=x,
        y=y,
        zone=zone,
        park=park,
        spare_area=Area.objects.create(name="待撤销片区", kind="other"),
        construction=construction,
        tourism=tourism,
        spare_department=Department.objects.create(name="待撤销科室"),
        spare_organisation=Organisation.objects.create(name="待注销公司", kind="other"),
        spare_person=Person.objects.create(name="临时人员"),
        calendar_day=calendar_day,
        category=w["category"],
        item=w["item"],
        indicator=indicator,
        bulletin=bulletin,
        snapshot_month=snapshot_month,
        audit_history_id=history.history_id,
    )


def log_in_everyone(world: World) -> None:
    """One session per persona, kept for the module: each test sends its cookie instead of logging in again."""
    for persona, user in world.users.items():
        client = Client()
        client.force_login(user)
        world.sessions[persona] = client.cookies["sessionid"].value
