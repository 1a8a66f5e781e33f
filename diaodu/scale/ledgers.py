"""The ledgers beside the registry, generated in bulk: issues, land parcels, investment leads, indicator values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from diaodu.coordination.choices import IssueSource, IssueStatus
from diaodu.coordination.models import EscalationSettings, Issue, IssueCategory
from diaodu.indicators.choices import Granularity
from diaodu.indicators.models import IndicatorValue
from diaodu.investment.choices import LeadSource, LeadStage
from diaodu.investment.models import Lead, ResponseRules
from diaodu.investment.services import lead_refresh_sla
from diaodu.land.choices import LandUse, ParcelStatus, SupplyMethod
from diaodu.land.models import Parcel
from diaodu.projects.choices import Category, Stage

from .projects import ProjectFacts
from .world import INVESTMENT_BUREAU, World, money
from .writer import Table

ISSUE_TITLES = {
    "用地": ("用地指标不足，需协调调剂", "地块存在权属争议", "建设用地规划条件需调整"),
    "资金": ("专项债券资金未到位", "配套资金存在缺口", "工程款拨付滞后"),
    "手续": ("施工许可办理进度滞后", "环评批复材料需补正", "规划方案审查意见未反馈"),
    "征拆": ("部分农户未签订征收补偿协议", "地上附着物补偿标准存在分歧", "坟墓迁移尚未完成"),
    "水电路气": ("施工用电未接入", "进场道路未贯通", "供水管线需改迁"),
}
OTHER_TITLES = ("施工噪声引发群众投诉", "冬季施工组织方案需审定", "周边企业协调事项")
STATUSES = (
    (IssueStatus.CLOSED, 40),
    (IssueStatus.RESOLVED, 12),
    (IssueStatus.IN_PROGRESS, 18),
    (IssueStatus.ASSIGNED, 20),
    (IssueStatus.OPEN, 10),
)
LAND_USES = {
    Category.INDUSTRIAL: LandUse.INDUSTRIAL,
    Category.INFRASTRUCTURE: LandUse.TRANSPORT,
    Category.PUBLIC_SERVICE: LandUse.PUBLIC,
    Category.AGRICULTURE: LandUse.FARMLAND,
    Category.TOURISM_HEALTH: LandUse.COMMERCIAL,
    Category.REAL_ESTATE: LandUse.RESIDENTIAL,
}
AREA_CODES = ("KY", "DS", "KS", "SC", "WL", "XK", "NY", "JJ")
PARCEL_STATUSES = (
    (ParcelStatus.PLANNED, 15),
    (ParcelStatus.ACQUIRING, 15),
    (ParcelStatus.ACQUIRED, 15),
    (ParcelStatus.RESERVED, 20),
    (ParcelStatus.SUPPLIED, 35),
)
LEAD_STAGES = (
    (LeadStage.LEAD, 25),
    (LeadStage.CONTACTED, 20),
    (LeadStage.VISITED, 12),
    (LeadStage.NEGOTIATING, 12),
    (LeadStage.SIGNED, 8),
    (LeadStage.REGISTERED, 5),
    (LeadStage.STARTED, 5),
    (LeadStage.LOST, 13),
)
LEAD_SOURCES = (
    (LeadSource.REFERRAL, 20),
    (LeadSource.INDUSTRY_CHAIN, 25),
    (LeadSource.EXPO, 20),
    (LeadSource.RESIDENT_OFFICE, 15),
    (LeadSource.ONLINE, 10),
    (LeadSource.OTHER, 10),
)


def _pick(rng, weighted):
    return rng.choices([value for value, _w in weighted], [w for _v, w in weighted])[0]


def write_issues(world: World, projects: list[ProjectFacts]) -> int:
    """0–3 issues per project, most of them settled; the open ones escalated as far as their lateness says."""
    rng, cal, as_of = world.rng, world.calendar, world.as_of
    table = Table(Issue, [
        "id", "project", "source", "source_note", "category", "title", "description", "raised_by", "department",
        "assigned_at", "due_date", "status", "resolved_at", "closed_at", "escalation_level", "created_at", "updated_at",
    ], batch_size=world.batch_size)  # fmt: skip
    categories = world.categories
    category_names = dict(IssueCategory.objects.values_list("id", "name"))
    ladder = EscalationSettings.load().thresholds
    span = (as_of - world.months[0]).days
    for project in projects:
        for _ in range(rng.choices((0, 1, 2, 3), (50, 30, 15, 5))[0]):
            category, sla, default_department = rng.choice(categories)
            status = _pick(rng, STATUSES)
            settled = status in (IssueStatus.CLOSED, IssueStatus.RESOLVED)
            age = (
                rng.randint(30, max(31, span))
                if settled
                else rng.choice((rng.randint(0, 20), rng.randint(0, 20), rng.randint(0, 60)))
            )
            raised = max(project.created, as_of - dt.timedelta(days=age))
            source = rng.choice((IssueSource.PROJECT, IssueSource.PROJECT, IssueSource.REPORT, IssueSource.MEETING))
            note = f"第{rng.randint(1, 60)}次项目调度会" if source == IssueSource.MEETING else ""
            title = rng.choice(ISSUE_TITLES.get(category_names.get(category, ""), OTHER_TITLES))
            assigned = due = resolved = closed = None
            level = 0
            if status != IssueStatus.OPEN:
                assigned_day = min(as_of, raised + dt.timedelta(days=rng.randint(0, 3)))
                assigned = world.stamp(assigned_day, 10)
                due = cal.add_workdays(assigned_day, sla)
                if not settled and due < as_of:
                    # As the nightly escalation leaves them: each level reached by the working days overdue.
                    late = cal.workdays_between(due, as_of)
                    level = sum(1 for days in ladder if late >= days)
            if settled:
                done = min(as_of, (due or raised) + dt.timedelta(days=rng.randint(-8, 6)))
                resolved = world.stamp(max(done, raised), 16)
                if status == IssueStatus.CLOSED:
                    closed = world.stamp(min(as_of, max(done, raised) + dt.timedelta(days=rng.randint(0, 7))), 11)
            department = default_department or project.department
            stamp = world.stamp(raised)
            table.add((
                world.ids.take(Issue), project.id, source.value, note, category, title, f"{project.name}：{title}。",
                project.officer, department, assigned, due, status.value, resolved, closed, int(level),
                stamp, closed or resolved or assigned or stamp,
            ))  # fmt: skip
    table.flush()
    return table.written


def write_parcels(world: World, projects: list[ProjectFacts], taken: set[str]) -> tuple[int, int]:
    """A parcel per ~4 projects, from planned to supplied, with the dates of each step; linked to projects."""
    rng, as_of = world.rng, world.as_of
    table = Table(Parcel, [
        "id", "number", "name", "area_ha", "land_use", "location", "area", "status", "supply_method",
        "acquiring_on", "acquired_on", "reserved_on", "supplied_on", "compensation_budget", "compensation_paid",
        "farmland_conversion_approval", "expropriation_notice", "version", "created_at", "updated_at",
    ], batch_size=world.batch_size)  # fmt: skip
    links = Table(Parcel.projects.through, ["id", "parcel", "project"], batch_size=world.batch_size)
    order = [ParcelStatus.PLANNED, ParcelStatus.ACQUIRING, ParcelStatus.ACQUIRED, ParcelStatus.RESERVED]
    span = max(60, (as_of - world.months[0]).days)
    serial = 0
    for _ in range(max(10, len(projects) // 4)):
        area_index = rng.randrange(len(world.areas)) if world.areas else 0
        area = world.areas[area_index][0] if world.areas else None
        code = AREA_CODES[area_index % len(AREA_CODES)]
        serial += 1
        while (number := f"{code}-G{serial:06d}") in taken:
            serial += 1
        status = _pick(rng, PARCEL_STATUSES)
        project = rng.choice(projects) if projects and rng.random() < 0.8 else None
        land_use = LAND_USES.get(project.category, LandUse.OTHER) if project else LandUse.INDUSTRIAL
        size = rng.randint(5_000, 400_000)  # ten-thousandths of a hectare: 0.5–40 公顷
        budget = size * rng.randint(30, 60) // 100  # 30–60 万元 per 公顷, in 分
        dates = [None, None, None, None]
        reached = order.index(status) if status in order else len(order)
        day = as_of - dt.timedelta(days=rng.randint(30, span))
        for step in range(1, reached + 1):
            dates[step - 1] = min(day, as_of)
            day += dt.timedelta(days=rng.randint(20, 150))
        paid = 0
        if reached >= 2:
            paid = budget * rng.randint(80, 100) // 100
        elif reached == 1:
            paid = budget * rng.randint(0, 60) // 100
        supplied = status == ParcelStatus.SUPPLIED
        method = ""
        if supplied:
            method = (
                SupplyMethod.ALLOCATION if land_use in (LandUse.TRANSPORT, LandUse.PUBLIC) else SupplyMethod.TRANSFER
            )
        year = (dates[0] or as_of).year
        approval = f"吉政土批〔{year}〕{rng.randint(1, 90)}号" if reached >= 2 else ""
        notice = f"开征告〔{year}〕{rng.randint(1, 40)}号" if reached >= 1 else ""
        pk = world.ids.take(Parcel)
        stamp = world.stamp(min(d for d in [*dates, as_of] if d is not None))
        table.add((
            pk, number, f"{number}地块", Decimal(size).scaleb(-4), land_use.value, "", area, status.value, method,
            *dates, money(budget), money(paid), approval, notice, 1, stamp, stamp,
        ))  # fmt: skip
        if project is not None:
            links.add((world.ids.take(Parcel.projects.through), pk, project.id))
    table.flush()
    links.flush()
    return table.written, links.written


def write_leads(world: World, projects: list[ProjectFacts]) -> int:
    """A lead per ~5 projects through the pipeline; started ones become key projects (one project each)."""
    rng, as_of = world.rng, world.as_of
    if not world.companies:
        return 0
    rules = ResponseRules.load()
    officers = world.officers.get(INVESTMENT_BUREAU) or [None]
    residents = [(company, since) for company, _org, since in world.companies if since is not None]
    candidates = [p.id for p in projects if p.stage in (Stage.CONSTRUCTION, Stage.COMPLETED, Stage.OPERATING)]
    rng.shuffle(candidates)
    table = Table(Lead, [
        "id", "title", "company", "description", "source", "source_detail", "referrer", "chain", "investment",
        "land_ha", "park", "officer", "stage", "stage_since", "signed_on", "lost_reason", "next_action",
        "received_on", "entered_on", "assessed_on", "feedback_on", "last_reported_on",
        "is_large", "sla_step", "sla_due_on", "project", "version", "created_at", "updated_at",
    ], batch_size=world.batch_size)  # fmt: skip
    span = max(30, (as_of - world.months[0]).days)
    for _ in range(max(10, len(projects) // 5)):
        company, _organisation, _since = rng.choice(world.companies)
        stage = _pick(rng, LEAD_STAGES)
        received = as_of - dt.timedelta(days=rng.randint(0, span))
        entered = min(as_of, received + dt.timedelta(days=rng.choice((0, 0, 1, 2, 4))))
        source = _pick(rng, LEAD_SOURCES)
        referrer = chain = None
        if source == LeadSource.REFERRAL:
            eligible = [c for c, since in residents[:200] if since <= received and c != company]
            referrer = rng.choice(eligible) if eligible else None
            source = source if referrer else LeadSource.OTHER
        if source == LeadSource.INDUSTRY_CHAIN:
            chain = rng.choice(world.chains) if world.chains else None
            source = source if chain else LeadSource.OTHER
        investment = money(_amount(rng) * 100)
        advanced = stage not in (LeadStage.LEAD, LeadStage.LOST)
        assessed = min(as_of, received + dt.timedelta(days=rng.randint(1, 6))) if advanced else None
        feedback = min(as_of, received + dt.timedelta(days=rng.randint(3, 12))) if advanced else None
        reported = min(as_of, received + dt.timedelta(days=rng.randint(10, 120))) if advanced else None
        stage_since = min(as_of, received + dt.timedelta(days=rng.randint(0, 200)))
        signed = stage_since if stage in (LeadStage.SIGNED, LeadStage.REGISTERED, LeadStage.STARTED) else None
        project = candidates.pop() if stage == LeadStage.STARTED and candidates else None
        lead = Lead(
            investment=investment,
            stage=stage.value,
            received_on=received,
            entered_on=entered,
            assessed_on=assessed,
            feedback_on=feedback,
            last_reported_on=reported,
            project_id=project,
        )
        lead_refresh_sla(lead, rules)
        stamp = world.stamp(entered)
        title = f"{rng.choice(('智能制造', '生物医药', '康养文旅', '冷链物流', '新能源装备', '总部'))}项目"
        lost = "企业投资意向调整" if stage == LeadStage.LOST else ""
        park = rng.choice(world.areas)[0] if world.areas else None
        table.add((
            world.ids.take(Lead), title, company, "", source.value, "", referrer, chain, investment,
            Decimal(rng.randint(1_000, 300_000)).scaleb(-4), park, rng.choice(officers), stage.value, stage_since,
            signed, lost, "跟进洽谈" if advanced else "", received, entered, assessed, feedback, reported,
            lead.is_large, lead.sla_step, lead.sla_due_on, project, 1, stamp, stamp,
        ))  # fmt: skip
    table.flush()
    return table.written


def _amount(rng) -> int:
    """An intended investment in 万元: many small leads, a few of several 亿元."""
    return rng.choice((rng.randint(1_000, 9_000), rng.randint(5_000, 50_000), rng.randint(10_000, 300_000)))


def write_indicator_values(world: World) -> int:
    """Monthly values of the flows, quarterly GDP, yearly population, for the months covered (none overwritten)."""
    rng = world.rng
    existing = set(IndicatorValue.objects.values_list("indicator_id", "granularity", "period_start"))
    table = Table(
        IndicatorValue,
        ["id", "indicator", "granularity", "period_start", "value", "source", "created_at", "updated_at"],
    )
    monthly = {"fixed_asset_investment": 22_000, "fiscal_revenue_total": 6_500, "fiscal_revenue_local": 2_000}
    rows = []
    for code, base in monthly.items():
        rows += [(code, Granularity.MONTH, month, base, month.year) for month in world.months]
    rows += [("gdp", Granularity.QUARTER, m, 240_000, m.year) for m in world.months if m.month in (1, 4, 7, 10)]
    for year in sorted({m.year for m in world.months}):
        rows.append(("resident_population", Granularity.YEAR, dt.date(year, 1, 1), 13, year))
        rows.append(("urban_population", Granularity.YEAR, dt.date(year, 1, 1), 7, year))
    first_year = world.months[0].year
    for code, granularity, start, base, year in rows:
        if code not in world.indicators or start > world.as_of:
            continue
        indicator = world.indicators[code][0]
        if (indicator, granularity.value, start) in existing:
            continue
        growth = 100 + 7 * (year - first_year)  # about 7 % a year
        value = Decimal(base * growth * rng.randint(85, 115)).scaleb(-4)
        stamp = world.stamp(min(world.as_of, start + dt.timedelta(days=40)))
        row = (world.ids.take(IndicatorValue), indicator, granularity.value, start, value, "生成数据", stamp, stamp)
        table.add(row)
    table.flush()
    return table.written
