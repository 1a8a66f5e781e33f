"""The demo funding data: applications in every status and channel, reserve projects at every maturity level."""

import pytest
from django.core.management import call_command
from django.http import HttpRequest

from diaodu.funding.choices import POOL_STAGES, ApplicationStatus, Channel, MaturityLevel
from diaodu.funding.models import BondFinance, FundingApplication, FundingSettings, ProjectDocument
from diaodu.funding.selectors import maturity_for, pool
from diaodu.projects.models import Project

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_every_status_channel_and_level_and_is_idempotent(client, django_user_model):
    call_command("seed_demo")
    counts = (
        FundingApplication.objects.count(),
        FundingApplication.history.count(),
        ProjectDocument.objects.count(),
        BondFinance.objects.count(),
    )
    call_command("seed_demo")
    assert (
        FundingApplication.objects.count(),
        FundingApplication.history.count(),
        ProjectDocument.objects.count(),
        BondFinance.objects.count(),
    ) == counts

    assert FundingApplication.objects.count() >= 25
    assert set(FundingApplication.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert set(FundingApplication.objects.values_list("channel", flat=True)) == set(Channel.values)
    for application in FundingApplication.objects.all():
        application.full_clean()  # received ≤ approved ≤ requested, amounts where their status wants them

    levels = maturity_for(Project.objects.filter(stage__in=POOL_STAGES), FundingSettings.load())
    assert {result.level for result in levels.values()} == set(MaturityLevel.values)

    threshold = FundingSettings.load().coverage_threshold
    coverages = [plan.coverage(threshold) for plan in BondFinance.objects.all()]
    assert sum(coverage.flagged for coverage in coverages) >= 2
    assert any(coverage.ratio == threshold and not coverage.flagged for coverage in coverages)

    finance = django_user_model.objects.get(username="caizheng")
    reserve = pool(finance)
    assert reserve.waiting_for_money and reserve.money_waiting
    client.login(request=HttpRequest(), username="caizheng", password="Diaodu@2026")
    body = client.get("/api/funding-applications/", {"status": "conceived"}).json()
    assert body["count"] > 0 and body["results"][0]["next_statuses"] == ["registered"]
