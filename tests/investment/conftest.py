"""Companies, chains and leads of investment attraction, and the people who work them.

The chains and the response rules come from the app's data migration (装备制造, 医药健康 …; 1 亿元, 1/3/5/10
working days). Leads are written straight onto the rows (as an import would) where a test needs a stage or
dates; moving them goes through the services.
"""

import datetime as dt
from decimal import Decimal

import pytest

from diaodu.investment.models import Company, IndustryChain, Lead, ResponseRules
from diaodu.org.choices import Role
from diaodu.org.models import Department, Organisation
from tests.conftest import make_user
from tests.projects.conftest import *  # noqa: F403  (park, responsible_leader, project_officer …)

D = dt.date
VALID_CODE = "91220105MA0Y3R2K5H"  # a well-formed code: check character H


@pytest.fixture
def bureau(db):
    return Department.objects.create(name="投资促进局", short_name="招商局")


@pytest.fixture
def bureau_user(bureau):
    """乔振宇 of the 投资促进局, with the department role: sees every lead."""
    return make_user("zhaoshangju", roles=[Role.DEPARTMENT], department=bureau, name="乔振宇")


@pytest.fixture
def scout(bureau):
    """田野, a 招商 officer of the bureau, logged in with the officer role: sees his own leads."""
    return make_user("tianye", roles=[Role.OFFICER], department=bureau, name="田野")


@pytest.fixture
def other_scout(bureau):
    return make_user("fengxue", roles=[Role.OFFICER], department=bureau, name="冯雪")


@pytest.fixture
def chains(db):
    return {chain.name: chain for chain in IndustryChain.objects.all()}


@pytest.fixture
def rules(db):
    return ResponseRules.load()


def make_company(name: str, *, credit_code: str = "", resident_since=None, **fields) -> Company:
    organisation = Organisation.objects.create(name=name, credit_code=credit_code, kind="enterprise")
    return Company.objects.create(organisation=organisation, resident_since=resident_since, **fields)


@pytest.fixture
def resident(db, park):
    """奢爱良蔬, resident since 2016."""
    return make_company("吉林奢爱良蔬农业科技有限公司", resident_since=D(2016, 5, 18), area=park, industry="A")


@pytest.fixture
def courted(db):
    """同仁众合, courted, not resident."""
    return make_company("吉林同仁众合医疗科技有限公司", credit_code=VALID_CODE, industry="C")


def make_lead(title: str, company: Company, *, officer=None, **fields) -> Lead:
    fields.setdefault("source", "other")
    fields.setdefault("investment", Decimal("5000"))
    fields.setdefault("received_on", D(2026, 9, 1))
    fields.setdefault("entered_on", fields["received_on"])
    fields.setdefault("stage_since", fields["received_on"])
    return Lead.objects.create(title=title, company=company, officer=officer.person if officer else None, **fields)


@pytest.fixture
def signed_lead(courted, chains, park, scout):
    """同仁众合医疗器械产业基地: signed on 2026-09-15, 2.8 亿元 in the 洁净工业园, 田野's (医药健康)."""
    return make_lead(
        "同仁众合医疗器械产业基地", courted, officer=scout, chain=chains["医药健康"], park=park,
        investment=Decimal("28000"), land_ha=Decimal("7"), stage="signed", stage_since=D(2026, 9, 15),
        signed_on=D(2026, 9, 15), description="建设医用耗材及康复器械生产车间。",
    )  # fmt: skip
