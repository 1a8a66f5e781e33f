"""The demo: 116 resident enterprises at the end of 2020 (奢爱良蔬 among them), the headquarters the speech names,
~40 leads in every stage and from every source, some large ones overdue; loaded twice, nothing doubles."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.cn import uscc

from diaodu.investment.demo import seed_investment
from diaodu.investment.demo_data import LEADS
from diaodu.investment.models import Company, HeadquartersMove, InvestmentTarget, Lead, LeadActivity
from diaodu.investment.selectors import resident_enterprise_count
from diaodu.org.demo import seed_org
from diaodu.projects.catalogue import load_catalogue
from diaodu.projects.demo import seed_projects
from diaodu.projects.models import ProcedureType, ScheduleTemplate, TemplateStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_registry(db):
    seed_org()
    load_catalogue(ProcedureType, ScheduleTemplate, TemplateStep)
    seed_projects()


def _counts() -> tuple[int, ...]:
    return (
        Company.objects.count(),
        Company.history.count(),
        Lead.objects.count(),
        Lead.history.count(),
        LeadActivity.objects.count(),
        HeadquartersMove.history.count(),
        InvestmentTarget.history.count(),
    )


def test_seed_investment_is_idempotent(demo_registry):
    seed_investment()
    counts = _counts()
    seed_investment()
    assert _counts() == counts


def test_116_resident_enterprises_at_the_end_of_2020_and_the_headquarters_the_speech_names(demo_registry):
    seed_investment()
    assert resident_enterprise_count(dt.date(2020, 12, 31)) == 116
    assert resident_enterprise_count(timezone.localdate()) > 116
    assert resident_enterprise_count(dt.date(2019, 12, 31)) < 116
    shealiang = Company.objects.get(organisation__name="吉林奢爱良蔬农业科技有限公司")
    assert shealiang.area.name == "现代农业产业园" and shealiang.is_resident
    # The registry's enterprise is the same organisation, not a copy.
    assert shealiang.organisation.owned_projects.filter(name__startswith="奢爱良蔬").count() == 2
    for company in Company.objects.select_related("organisation"):
        assert company.credit_code and uscc.is_valid(company.credit_code), company
    # The headquarters the speech names: 吉通机械 and 铸诚门业 agreed, 同仁众合 and others courted.
    status = dict(HeadquartersMove.objects.values_list("company__organisation__name", "status"))
    assert status["吉林省吉通机械制造有限公司"] == "agreed"
    assert status["吉林铸诚门业有限公司"] == "agreed"
    assert status["吉林同仁众合医疗科技有限公司"] == "negotiating"
    assert set(status.values()) == {"negotiating", "agreed", "moved"}
    assert list(status.values()).count("negotiating") >= 3  # 同仁众合 and others are courted


def test_about_forty_leads_in_every_stage_and_from_every_source_some_large_ones_overdue(demo_registry):
    seed_investment()
    leads = list(Lead.objects.select_related("project", "officer"))
    assert 38 <= len(leads) == len(LEADS) <= 45
    assert {lead.stage for lead in leads} == {
        "lead", "contacted", "visited", "negotiating", "signed", "registered", "started", "lost",
    }  # fmt: skip
    assert {lead.source for lead in leads} == {
        "referral", "industry_chain", "expo", "resident_office", "online", "other",
    }  # fmt: skip
    today = timezone.localdate()
    overdue = [lead for lead in leads if lead.is_overdue_on(today)]
    assert len(overdue) >= 4 and all(lead.is_large for lead in overdue)
    assert any(lead.is_large and not lead.is_overdue_on(today) and lead.sla_due_on for lead in leads)
    for lead in leads:
        lead.full_clean()
        assert lead.received_on <= lead.stage_since <= today, lead
        assert lead.activities.exists(), lead
        if lead.source == "referral":
            assert lead.referrer.is_resident_on(lead.received_on)
    # Signed leads whose project the registry holds are linked to it; others wait for conversion.
    jitong = next(lead for lead in leads if lead.title == "吉通机械总部及生产基地")
    assert jitong.project.name == "吉通机械总部及生产基地" and jitong.project.owner == jitong.company.organisation
    assert any(lead.stage == "signed" and lead.project is None for lead in leads)
    assert InvestmentTarget.objects.get(year=today.year).signed_investment > 0
    # The demo's 招商 officer login (田野) sees his own leads; 孙浩, the registry's officer login, holds a few.
    zhaoshang = get_user_model().objects.get(username="zhaoshang")
    visible = Lead.objects.visible_to(zhaoshang)
    assert visible.count() == Lead.objects.filter(officer__name="田野").count() >= 10
    officer = get_user_model().objects.get(username="officer")
    assert Lead.objects.visible_to(officer).count() >= 3


def test_without_the_demo_projects_the_leads_are_loaded_unlinked(db):
    seed_org()
    seed_investment()
    assert Lead.objects.count() == len(LEADS)
    assert not Lead.objects.exclude(project=None).exists()
    assert resident_enterprise_count(dt.date(2020, 12, 31)) == 116
