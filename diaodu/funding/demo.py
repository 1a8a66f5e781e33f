"""Demo funding data on the demo projects: applications in every status and channel, the documents that
put reserve projects at every maturity level, special-bond finance plans (some below the coverage threshold).

The story follows the speech: 专项债券 for 基础设施, 标准厂房 and 公共服务; 供水厂 already received its 8000 万元
of bonds; 回迁楼二期 got bonds approved while its land is not ready (资金等项目); 规划展馆 and 实验高级中学
are ready and still wait for money (项目等资金). A 财政局 login (`caizheng`) shows the funding department's view.

Idempotent: applications are upserted by project, channel and year (their life cycle, laid on the first
run, is left as it is); documents by project and item; bond plans by project. Deterministic: no
randomness; this year's dates are placed in days before today, last year's on fixed days of last year.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from diaodu.org.choices import Role
from diaodu.org.demo import DEMO_PASSWORD
from diaodu.org.models import Department, Person
from diaodu.org.services import person_give_login
from diaodu.projects.models import Project

from .catalogue import seed_items
from .choices import LEVEL_ORDER, POOL_STAGES, STATUS_DATE_FIELDS, ApplicationStatus, Channel
from .models import BondFinance, FundingApplication, FundingSettings, MaturityItem, ProjectDocument
from .selectors import maturity_for

REASON = "演示数据"
S, C = ApplicationStatus, Channel
THIS, LAST = 0, -1  # the funding year, relative to this year

# The flow up to each status (rejected and received pass through reviewing and approved).
PATH = {
    S.CONCEIVED: (S.CONCEIVED,),
    S.REGISTERED: (S.CONCEIVED, S.REGISTERED),
    S.SUBMITTED: (S.CONCEIVED, S.REGISTERED, S.SUBMITTED),
    S.REVIEWING: (S.CONCEIVED, S.REGISTERED, S.SUBMITTED, S.REVIEWING),
    S.APPROVED: (S.CONCEIVED, S.REGISTERED, S.SUBMITTED, S.REVIEWING, S.APPROVED),
    S.REJECTED: (S.CONCEIVED, S.REGISTERED, S.SUBMITTED, S.REVIEWING, S.REJECTED),
    S.RECEIVED: (S.CONCEIVED, S.REGISTERED, S.SUBMITTED, S.REVIEWING, S.APPROVED, S.RECEIVED),
}
# Days before today at which this year's applications reached each status.
DAYS_AGO = {
    S.CONCEIVED: 160,
    S.REGISTERED: 130,
    S.SUBMITTED: 95,
    S.REVIEWING: 70,
    S.APPROVED: 35,
    S.REJECTED: 35,
    S.RECEIVED: 12,
}
# Last year's applications: (month, day) of each status.
LAST_YEAR = {
    S.CONCEIVED: (2, 20),
    S.REGISTERED: (3, 15),
    S.SUBMITTED: (4, 10),
    S.REVIEWING: (5, 8),
    S.APPROVED: (6, 20),
    S.REJECTED: (6, 20),
    S.RECEIVED: (8, 15),
}


@dataclass(frozen=True)
class DemoApplication:
    project: str
    channel: str
    year: int  # THIS or LAST
    status: str
    requested: int  # 万元
    approved: int | None = None
    received: int | None = None
    batch: str = ""
    note: str = ""


A = DemoApplication
APPLICATIONS = [
    # 已到位: the 续建 infrastructure of last year.
    A("开发区供水厂及配套管网工程", C.SPECIAL_BOND, LAST, S.RECEIVED, 10_000, 8_000, 8_000, "第二批新增专项债券",
      "8000万元专项债券资金已拨付至聚丰公司。"),
    A("开发区供水厂及配套管网工程", C.CENTRAL_BUDGET, LAST, S.RECEIVED, 6_000, 5_000, 5_000, "城镇污水垃圾处理及供水"),
    A("康养新城污水处理厂及配套管网工程", C.SPECIAL_BOND, LAST, S.RECEIVED, 18_000, 15_000, 15_000,
      "第一批新增专项债券"),
    A("康养新城污水处理厂及配套管网工程", C.CENTRAL_BUDGET, THIS, S.APPROVED, 5_000, 4_200, None, "污染治理和节能减碳"),
    A("康养新城集中供热热源厂及管网工程", C.POLICY_TOOL, LAST, S.RECEIVED, 9_000, 7_200, 7_200, "",
      "政策性开发性金融工具补充项目资本金。"),
    A("康养新城回迁楼一期", C.SPECIAL_BOND, LAST, S.RECEIVED, 30_000, 26_000, 26_000, "第一批新增专项债券"),
    A("医药产业园标准厂房一期", C.SPECIAL_BOND, LAST, S.RECEIVED, 20_000, 18_000, 18_000, "第二批新增专项债券"),
    # 资金等项目: money approved or in place, the project not yet mature.
    A("康养新城回迁楼二期", C.SPECIAL_BOND, THIS, S.APPROVED, 40_000, 32_000, None, "第一批新增专项债券",
      "征拆补偿资金缺口拟以专项债券解决；用地手续尚未办结。"),
    A("康养新城综合医院", C.CENTRAL_BUDGET, THIS, S.APPROVED, 15_000, 12_000, None, "卫生健康领域",
      "用地和规划手续尚在办理，获批资金须尽快形成实物工作量。"),
    A("康养新城第一幼儿园", C.PROVINCIAL, THIS, S.RECEIVED, 1_200, 800, 800, "学前教育发展专项"),
    A("康养新城智慧停车及充电设施项目", C.BANK_LOAN, THIS, S.APPROVED, 6_000, 5_000, None, "",
      "国家开发银行吉林省分行已批复授信。"),
    # In flight.
    A("北部快速路连接线工程", C.SPECIAL_BOND, THIS, S.APPROVED, 40_000, 30_000, None, "第一批新增专项债券"),
    A("北部快速路连接线工程", C.BANK_LOAN, THIS, S.RECEIVED, 50_000, 45_000, 20_000, "",
      "国家开发银行政策性贷款首笔放款。"),
    A("医药产业园标准厂房二期", C.SPECIAL_BOND, THIS, S.REVIEWING, 30_000, note="拟使用专项债券资金，已通过省级初审。"),
    A("都市圈城镇发展带道路提升改造工程", C.SPECIAL_BOND, LAST, S.REJECTED, 15_000,
      note="项目收益不足，未通过财政部审核。"),
    A("都市圈城镇发展带道路提升改造工程", C.SPECIAL_BOND, THIS, S.REVIEWING, 12_000, batch="第二批新增专项债券"),
    A("互联互通旅游路工程", C.ULTRA_LONG_BOND, THIS, S.SUBMITTED, 25_000),
    A("康养新城全民健身体育中心", C.PROVINCIAL, THIS, S.SUBMITTED, 3_000, batch="全民健身设施补短板"),
    A("康养新城地下综合管廊工程", C.SPECIAL_BOND, THIS, S.SUBMITTED, 60_000, batch="第二批新增专项债券",
      note="储备项目，实施方案和财务评估报告正在编制。"),
    A("康养新城地下综合管廊工程", C.ULTRA_LONG_BOND, THIS, S.CONCEIVED, 30_000),
    A("洁净工业园标准厂房三期", C.SPECIAL_BOND, THIS, S.REGISTERED, 25_000, note="已纳入专项债券项目库。"),
    A("康养新城人才公寓", C.POLICY_TOOL, THIS, S.REGISTERED, 10_000),
    A("康养新城九年一贯制学校", C.CENTRAL_BUDGET, THIS, S.REJECTED, 8_000, note="初步设计未批复，项目成熟度不足。"),
    A("洁净工业园市政道路及综合管网工程", C.SPECIAL_BOND, LAST, S.REJECTED, 20_000, note="前期手续不全。"),
    A("南北连接线道路工程", C.SPECIAL_BOND, THIS, S.CONCEIVED, 25_000),
    A("北部新城有轨电车示范线", C.ULTRA_LONG_BOND, THIS, S.CONCEIVED, 80_000, note="谋划项目，待列入省级规划。"),
    A("北山山体公园", C.OTHER, THIS, S.CONCEIVED, 3_000, note="拟申请山水林田湖草沙一体化保护修复补助。"),
    A("同仁众合医疗器械产业基地", C.PROVINCIAL, THIS, S.REVIEWING, 2_000, batch="省级制造业发展专项"),
    A("温泉小镇", C.BANK_LOAN, LAST, S.RECEIVED, 120_000, 100_000, 100_000, "", "银团贷款首期。"),
]  # fmt: skip

# project → items with a document (一案两书 and earlier approvals), so that the pool has every level.
DOCUMENTS = {
    "北部快速路连接线工程": ("implementation_plan", "financial_evaluation"),  # 75 → 95 具备开工
    "开发区规划展馆": ("implementation_plan", "financial_evaluation", "legal_opinion"),  # 75 → 100 具备开工
    "都市圈城镇发展带道路提升改造工程": ("implementation_plan", "legal_opinion"),  # 75 → 90 具备开工, at the threshold
    "医药产业园标准厂房二期": ("implementation_plan", "financial_evaluation"),  # 65 → 85 成熟
    "互联互通旅游路工程": ("implementation_plan",),  # 65 → 75 成熟
    "康养新城人才公寓": ("implementation_plan",),  # 65 → 75 成熟
    "康养新城实验高级中学": ("legal_opinion",),  # 65 → 70 成熟, at the threshold
    "康养新城地下综合管廊工程": ("implementation_plan",),  # 0 → 10 谋划
    "洁净工业园标准厂房三期": ("implementation_plan", "proposal"),  # 0 → 20 谋划
    "康养新城回迁楼二期": ("implementation_plan", "financial_evaluation"),  # 40 → 60 前期 (money waits for it)
    # The 续建 bond projects had their 一案两书 when their bonds were issued.
    "开发区供水厂及配套管网工程": ("implementation_plan", "financial_evaluation", "legal_opinion"),
    "康养新城污水处理厂及配套管网工程": ("implementation_plan", "financial_evaluation", "legal_opinion"),
    "康养新城回迁楼一期": ("implementation_plan", "financial_evaluation", "legal_opinion"),
    "医药产业园标准厂房一期": ("implementation_plan", "financial_evaluation", "legal_opinion"),
}

REFERENCES = {
    "implementation_plan": ("长经开管函〔{year}〕{n}号", "实施方案经管委会主任办公会审定"),
    "financial_evaluation": ("吉正会评字〔{year}〕第{n:03d}号", "吉林正信会计师事务所出具"),
    "legal_opinion": ("吉律意字〔{year}〕第{n:03d}号", "吉林北辰律师事务所出具"),
    "proposal": ("长经开发改审批〔{year}〕{n}号", "项目登记前已批复"),
}


@dataclass(frozen=True)
class DemoBond:
    project: str
    amount: int  # 万元
    years: int
    rate: str  # per cent a year
    income: str  # 万元 over the term
    other: int = 0
    note: str = ""


# Debt service = amount × (1 + rate × years) + other; coverage = income ÷ debt service.
BONDS = [
    DemoBond("开发区供水厂及配套管网工程", 8_000, 15, "2.85", "15200.00", note="水费收入"),  # 11 420 → 1.33
    DemoBond("康养新城污水处理厂及配套管网工程", 15_000, 20, "2.95", "38500.00", note="污水处理费"),  # 23 850 → 1.61
    DemoBond("康养新城回迁楼一期", 26_000, 10, "2.70", "40100.00", note="配套商业及车位出售收入"),  # 33 020 → 1.21
    DemoBond("医药产业园标准厂房一期", 18_000, 15, "2.80", "31500.00", note="厂房租金收入"),  # 25 560 → 1.23
    DemoBond("康养新城回迁楼二期", 32_000, 10, "2.70", "42500.00", note="配套商业出售收入"),  # 40 640 → 1.04 预警
    DemoBond("北部快速路连接线工程", 30_000, 20, "3.00", "60000.00", 8_000, "沿线土地出让收入"),  # 56 000 → 1.07 预警
    DemoBond("医药产业园标准厂房二期", 30_000, 15, "2.80", "49500.00", note="厂房租金及物业收入"),  # 42 600 → 1.16
    DemoBond("都市圈城镇发展带道路提升改造工程", 12_000, 10, "2.70", "16764.00", note="停车及广告"),  # 15 240 → 1.10
    DemoBond("康养新城地下综合管廊工程", 60_000, 30, "3.10", "98000.00", note="入廊费及运维费"),  # 115 800 → 0.84
    DemoBond("洁净工业园标准厂房三期", 25_000, 15, "2.80", "44000.00", note="厂房租金收入"),  # 35 500 → 1.23
]  # fmt: skip

FINANCE_LOGIN = ("caizheng", "严素芳", "财政局局长", "财政局")


def _dates(spec: DemoApplication, today: dt.date) -> dict[str, dt.date]:
    if spec.year == LAST:
        return {STATUS_DATE_FIELDS[status]: dt.date(today.year - 1, *LAST_YEAR[status]) for status in PATH[spec.status]}
    return {STATUS_DATE_FIELDS[status]: today - dt.timedelta(days=DAYS_AGO[status]) for status in PATH[spec.status]}


def _save(record) -> None:
    record._change_reason = REASON
    record.save()


def seed_applications(projects: dict[str, Project], today: dt.date) -> int:
    count = 0
    for spec in APPLICATIONS:
        project = projects.get(spec.project)
        if project is None:
            continue
        year = today.year + spec.year
        if FundingApplication.objects.filter(project=project, channel=spec.channel, year=year).exists():
            count += 1
            continue
        application = FundingApplication(
            project=project,
            channel=spec.channel,
            year=year,
            batch=spec.batch and f"{year}年{spec.batch}",
            requested_amount=Decimal(spec.requested),
            approved_amount=None if spec.approved is None else Decimal(spec.approved),
            received_amount=None if spec.received is None else Decimal(spec.received),
            status=spec.status,
            note=spec.note,
            **_dates(spec, today),
        )
        application.full_clean()
        _save(application)
        count += 1
    return count


def seed_documents(projects: dict[str, Project], today: dt.date) -> None:
    items = {item.code: item for item in MaturityItem.objects.all()}
    serial = 0
    for name, codes in DOCUMENTS.items():
        project = projects.get(name)
        for code in codes:
            serial += 1
            if project is None or code not in items:
                continue
            if ProjectDocument.objects.filter(project=project, item=items[code]).exists():
                continue
            provided_on = today - dt.timedelta(days=20 + 7 * serial)
            reference, note = REFERENCES[code]
            document = ProjectDocument(
                project=project,
                item=items[code],
                provided_on=provided_on,
                reference=reference.format(year=provided_on.year, n=serial + 2),
                note=note,
            )
            _save(document)


def seed_bonds(projects: dict[str, Project]) -> None:
    for spec in BONDS:
        project = projects.get(spec.project)
        if project is None or BondFinance.objects.filter(project=project).exists():
            continue
        plan = BondFinance(
            project=project,
            bond_amount=Decimal(spec.amount),
            term_years=spec.years,
            interest_rate=Decimal(spec.rate),
            expected_income=Decimal(spec.income),
            other_debt_service=Decimal(spec.other),
            note=spec.note,
        )
        plan.full_clean()
        _save(plan)


def seed_finance_login() -> None:
    """A login for the 财政局, one of the two departments that keep the zone's funding applications."""
    username, name, title, department_name = FINANCE_LOGIN
    department = Department.objects.filter(name=department_name).first()
    if department is None:
        return
    person = Person.objects.filter(name=name).order_by("pk").first()
    if person is None:
        person = Person(name=name, title=title, department=department)
        _save(person)
    if person.user_id is None or not person.user.groups.filter(name=Role.DEPARTMENT).exists():
        person_give_login(person=person, username=username, password=DEMO_PASSWORD, roles=[Role.DEPARTMENT])


@transaction.atomic
def seed_funding() -> dict:
    """Load the demo applications, documents and bond plans; safe to run again."""
    today = timezone.localdate()
    seed_items(MaturityItem, FundingSettings)
    settings = FundingSettings.load()
    wanted = {spec.project for spec in APPLICATIONS} | set(DOCUMENTS) | {spec.project for spec in BONDS}
    projects = {
        project.name: project
        for project in Project.objects.filter(name__in=wanted).order_by("pk").reverse()  # the first namesake wins
    }
    applications = seed_applications(projects, today)
    seed_documents(projects, today)
    seed_bonds(projects)
    seed_finance_login()

    levels = {level: 0 for level in LEVEL_ORDER}
    for result in maturity_for(Project.objects.filter(stage__in=POOL_STAGES), settings).values():
        levels[result.level] += 1
    demo = FundingApplication.objects.filter(project__name__in=wanted)
    coverages = [plan.coverage(settings.coverage_threshold) for plan in BondFinance.objects.all()]
    return {
        "applications": applications,
        "statuses": demo.values("status").distinct().count(),
        "levels": {str(level.label): count for level, count in levels.items()},
        "bonds": len(coverages),
        "flagged": sum(1 for coverage in coverages if coverage.flagged),
    }
