"""The speech's investment attraction as demo data: resident enterprises, headquarters moves, ~40 leads.

- Resident enterprises: the enterprises building in the zone that the registry knows (奢爱良蔬 in the 现代农业产业园
  among them), and others with plausible names made deterministically, so that the zone counts 116 resident
  enterprises at the end of 2020, as the speech does, and more since.
- Headquarters (总部经济): 吉通机械 and 铸诚门业 have agreed to move theirs in; 同仁众合 and others are courted;
  two have moved already.
- Leads in every stage and from every source, on the speech's chains; some large (≥ 1 亿元) ones are overdue
  under the response rules (an assessment, feedback or progress report late). Signed leads whose key project
  the registry already holds are linked to it; the others wait for the dispatch office to convert them.
- The year's target of signed investment, and a login for a 招商 officer (田野, `zhaoshang`).

Idempotent: companies are upserted by organisation name, leads by title, saved only when a value differs; a
lead's stage, its dates and its log are laid when it is created (relative to the day of the first run, in
working days) and then left as they are, as the officers would have moved them. Deterministic: no randomness.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from diaodu.core import workdays
from diaodu.core.units import format_money
from diaodu.org.choices import OrganisationKind, Role
from diaodu.org.models import Area, Department, Organisation, Person, Zone
from diaodu.org.services import person_give_login
from diaodu.projects.models import Project

from .catalogue import seed_chains
from .choices import SIGNED_STAGES, ActivityKind, HeadquartersStatus, LeadStage
from .demo_data import (
    BUREAU,
    DEMO_PASSWORD,
    LEADS,
    LOGIN,
    MOVES,
    NAMED,
    OFFICERS,
    REASON,
    SUNHAO,
    TARGET,
    TARGET_COUNT,
    TARGET_NOTE,
    DemoLead,
    day_of,
    demo_credit_code,
    demo_short_name,
    generated_companies,
    workdays_after,
)
from .models import (
    Company,
    HeadquartersMove,
    IndustryChain,
    InvestmentTarget,
    Lead,
    LeadActivity,
    ResponseRules,
)
from .selectors import resident_enterprise_count, signed_in_year
from .services import lead_refresh_sla, leads_remind

# --- writing --------------------------------------------------------------------------------------


def _upsert_person(name: str, title: str, department: Department | None) -> Person:
    person = Person.objects.filter(name=name).order_by("pk").first()
    if person is None:
        person = Person(name=name, title=title, department=department)
        person._change_reason = REASON
        person.save()
    return person


def _seed_companies(today: dt.date, areas: dict[str, Area], division: str) -> dict[str, Company]:
    companies = {}
    specs = NAMED + generated_companies(today)
    for serial, spec in enumerate(specs, start=1):
        organisation = Organisation.objects.filter(name=spec.name).first()
        changed = organisation is None
        if organisation is None:
            organisation = Organisation(
                name=spec.name, short_name=demo_short_name(spec.name), kind=OrganisationKind.ENTERPRISE
            )
            if spec.contact[0]:
                organisation.contact_name, organisation.contact_phone = spec.contact
        if not organisation.credit_code:
            code = demo_credit_code(serial, division)
            if not Organisation.objects.filter(credit_code=code).exists():
                organisation.credit_code = code
                changed = True
        if changed:
            organisation._change_reason = REASON
            organisation.save()
        wanted = {
            "industry": spec.industry,
            "registered_in": spec.registered_in,
            "area": areas.get(spec.area) if spec.area else None,
            "resident_since": dt.date.fromisoformat(spec.resident_since) if spec.resident_since else None,
            "resident_until": dt.date.fromisoformat(spec.resident_until) if spec.resident_until else None,
        }
        company = Company.objects.filter(organisation=organisation).first()
        if company is None:
            company = Company(organisation=organisation, **wanted)
            company._change_reason = REASON
            company.save()
        elif any(getattr(company, key) != value for key, value in wanted.items() if key != "resident_since"):
            # The residence date of a generated company is laid once (it is relative to the first run's day).
            for key, value in wanted.items():
                if key != "resident_since" or company.resident_since is None:
                    setattr(company, key, value)
            company._change_reason = REASON
            company.save()
        companies[spec.name] = company
    return companies


def _seed_moves(companies: dict[str, Company], people: dict[str, Person], today: dt.date) -> None:
    for spec in MOVES:
        company = companies[spec.company]
        wanted = {
            "status": spec.status,
            "agreed_on": day_of(spec.agreed, today) if spec.agreed else None,
            "registered_on": day_of(spec.registered, today) if spec.registered else None,
            "building": spec.building,
            "floor_area_m2": Decimal(spec.floor_area) if spec.floor_area else None,
            "floors": spec.floors,
            "officer": people.get(spec.officer),
            "note": spec.note,
        }
        move = HeadquartersMove.objects.filter(company=company).first() or HeadquartersMove(company=company)
        if move.pk is None or any(getattr(move, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(move, key, value)
            move.full_clean()
            move._change_reason = REASON
            move.save()


def _log(spec: DemoLead, lead: Lead, received: dt.date, today: dt.date) -> list[LeadActivity]:
    """The lead's log, laid once: the first contact, the assessment and feedback, visits, talks, reports."""
    author = lead.officer
    entries = [(ActivityKind.CALL, received, f"获取线索，与{lead.company}初步电话沟通投资意向。", "")]
    if spec.assessed is not None:
        entries.append(
            (ActivityKind.ASSESSMENT, workdays_after(received, spec.assessed, today),
             "投资促进局组织研判：项目符合园区产业定位，建议继续跟进。", "投资促进局、经济发展局、自然资源局")
        )  # fmt: skip
    if spec.feedback is not None:
        entries.append(
            (ActivityKind.FEEDBACK, workdays_after(received, spec.feedback, today),
             "向企业反馈研判意见，提供用地、政策及配套条件资料。", "")
        )  # fmt: skip
    since = lead.stage_since
    reached = LeadStage(lead.stage)
    if reached in (LeadStage.VISITED, LeadStage.NEGOTIATING, *SIGNED_STAGES) or (
        reached == LeadStage.LOST and spec.assessed
    ):
        visit = max(received, min(since, workdays_after(received, (spec.feedback or 2) + 1, today)))
        entries.append((ActivityKind.VISIT, visit, f"{lead.company}来区实地考察{lead.park or '园区'}。", ""))
    if reached in (LeadStage.NEGOTIATING, *SIGNED_STAGES):
        entries.append((ActivityKind.MEETING, since, "与企业洽谈投资协议主要条款。", "投资促进局、企业投资部"))
    if reached in SIGNED_STAGES and lead.signed_on:
        entries.append((ActivityKind.MEETING, lead.signed_on, "签订投资协议。", "管委会领导、企业负责人"))
    if spec.reported is not None:
        reported = workdays.add_workdays(today, -spec.reported) if spec.reported else today
        entries.append((ActivityKind.REPORT, max(reported, received), "向分管领导报告线索跟进进展。", ""))
    activities = []
    for kind, day, summary, participants in entries:
        activity = LeadActivity(
            lead=lead, kind=kind, date=day, summary=summary, participants=participants, author=author
        )
        activity._change_reason = REASON
        activity.save()
        activities.append(activity)
    return activities


def _new_lead(spec: DemoLead, static: dict, today: dt.date) -> Lead:
    received = day_of(spec.received, today)
    since = day_of(spec.since, today) if spec.since is not None else received
    since = max(since, received)
    lead = Lead(title=spec.title, **static)
    lead.received_on = received
    lead.entered_on = received
    lead.stage = spec.stage
    lead.stage_since = min(since, today)
    if spec.stage in SIGNED_STAGES:
        lead.signed_on = day_of(spec.signed, today) if spec.signed is not None else lead.stage_since
    lead.lost_reason = spec.lost_reason
    if spec.assessed is not None:
        lead.assessed_on = workdays_after(received, spec.assessed, today)
    if spec.feedback is not None:
        lead.feedback_on = workdays_after(received, spec.feedback, today)
    if spec.reported is not None:
        lead.last_reported_on = max(workdays.add_workdays(today, -spec.reported) if spec.reported else today, received)
    if spec.next_action:
        lead.next_action = spec.next_action
        lead.next_action_due = workdays.add_workdays(today, spec.next_due or 0)
    return lead


def _seed_leads(companies, chains, areas, people, today: dt.date, rules: ResponseRules) -> None:
    projects = {project.name: project for project in Project.objects.filter(name__in=[s.project for s in LEADS])}
    taken = set(Lead.objects.exclude(project=None).values_list("project_id", flat=True))
    existing = {lead.title: lead for lead in Lead.objects.filter(title__in=[spec.title for spec in LEADS])}
    for spec in LEADS:
        static = {
            "company": companies[spec.company],
            "description": spec.description,
            "source": spec.source,
            "source_detail": spec.source_detail,
            "referrer": companies[spec.referrer] if spec.referrer else None,
            "chain": chains.get(spec.chain) if spec.chain else None,
            "investment": Decimal(spec.investment),
            "land_ha": Decimal(spec.land_ha) if spec.land_ha else None,
            "park": areas.get(spec.park) if spec.park else None,
            "officer": people[spec.officer],
        }
        lead = existing.get(spec.title)
        created = lead is None
        if created:
            lead = _new_lead(spec, static, today)
        elif any(getattr(lead, key) != value for key, value in static.items()):
            for key, value in static.items():
                setattr(lead, key, value)
        else:
            static = None
        project = projects.get(spec.project) if spec.project else None
        linked = False
        if project is not None and lead.project_id is None and project.pk not in taken:
            lead.project = project
            taken.add(project.pk)
            linked = True
        if created or static is not None or linked:
            lead.full_clean()
            lead_refresh_sla(lead, rules)
            lead._change_reason = REASON
            lead.save()
        if created:
            _log(spec, lead, lead.received_on, today)


@transaction.atomic
def seed_investment() -> dict:
    """Load the companies, headquarters moves, leads, the rules and the year's target; safe to run again."""
    today = timezone.localdate()
    zone = Zone.current()
    division = zone.division_code if zone else "220105"
    areas = {area.name: area for area in Area.objects.all()}
    bureau = Department.objects.filter(name=BUREAU).first()
    chains = {chain.name: chain for chain in seed_chains(IndustryChain)}
    rules = ResponseRules.load()

    people = {name: _upsert_person(name, title, bureau) for name, title in OFFICERS.items()}
    people[SUNHAO] = _upsert_person(SUNHAO, "经济发展局科员", Department.objects.filter(name="经济发展局").first())
    username, name = LOGIN
    person_give_login(person=people[name], username=username, password=DEMO_PASSWORD, roles=[Role.OFFICER])

    companies = _seed_companies(today, areas, division)
    _seed_moves(companies, people, today)
    _seed_leads(companies, chains, areas, people, today, rules)

    target = InvestmentTarget.objects.filter(year=today.year).first() or InvestmentTarget(year=today.year)
    wanted = {"signed_investment": TARGET, "signed_count": TARGET_COUNT, "note": TARGET_NOTE}
    if target.pk is None or any(getattr(target, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(target, key, value)
        target._change_reason = REASON
        target.save()

    leads_remind(as_of=today)
    leads = list(Lead.objects.select_related("project"))
    signed = signed_in_year(leads, today.year, today)
    moves = dict(HeadquartersMove.objects.values_list("status").order_by().annotate(n=Count("pk")))
    return {
        "companies": Company.objects.count(),
        "resident": resident_enterprise_count(today),
        "resident_2020": resident_enterprise_count(dt.date(2020, 12, 31)),
        "leads": len(leads),
        "overdue": sum(1 for lead in leads if lead.is_overdue_on(today)),
        "year": today.year,
        "signed": format_money(signed["signed_amount"]),
        "target": format_money(TARGET),
        "hq_moved": moves.get(HeadquartersStatus.MOVED, 0),
        "hq_agreed": moves.get(HeadquartersStatus.AGREED, 0),
        "hq_negotiating": moves.get(HeadquartersStatus.NEGOTIATING, 0),
        "login": username,
        "login_name": name,
    }
