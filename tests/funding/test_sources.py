"""A project's money planned and in place (资金落位), and the figures per channel and year with the success rate."""

from decimal import Decimal

import pytest

from diaodu.funding.models import FundingApplication
from diaodu.funding.selectors import channel_year_stats, funding_overview
from diaodu.funding.services import application_create
from diaodu.org.models import Organisation
from diaodu.projects.models import FundingSource

from .conftest import walk

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def jufeng(db):
    return Organisation.objects.create(name="聚丰城市建设投资有限公司", short_name="聚丰公司", kind="platform")


def apply(user, project, channel, amount, to=None, **amounts):
    application = application_create(user=user, project=project, channel=channel, year=2026, requested_amount=D(amount))
    return walk(application, user, to, **amounts) if to else application


def overview(project):
    return funding_overview(project, list(FundingApplication.objects.filter(project=project)))


def test_registry_rows_are_planned_and_in_place_and_platform_companies_are_named(project_x, jufeng):
    FundingSource.objects.create(project=project_x, kind="fiscal", amount=D("5000"), note="本级财政")
    FundingSource.objects.create(project=project_x, kind="platform", organisation=jufeng, amount=D("15000"))
    result = overview(project_x)
    assert [(row.planned, row.in_place) for row in result.rows] == [(D("5000"), D("5000")), (D("15000"), D("15000"))]
    assert result.in_place == D("20000") and result.gap == D("30000")  # total investment 50 000
    assert result.share_in_place == D("0.4")
    assert result.platforms == [jufeng]


def test_an_application_of_a_registry_kind_counts_its_money_once(project_x, finance_user, items):
    FundingSource.objects.create(project=project_x, kind="special_bond", amount=D("30000"), note="专项债券申报中")
    bond = apply(finance_user, project_x, "special_bond", "30000", "approved", approved_amount=D("25000"))
    result = overview(project_x)
    [row] = result.rows
    assert (row.planned, row.in_place, row.applications) == (D("30000"), D("0"), [bond])
    walk(bond, finance_user, "received", received_amount=D("12000"))
    [row] = overview(project_x).rows
    assert (row.planned, row.in_place) == (D("30000"), D("12000"))


def test_an_application_of_a_channel_the_registry_does_not_plan_is_its_own_row(project_x, finance_user, items):
    FundingSource.objects.create(project=project_x, kind="fiscal", amount=D("5000"))
    pending = apply(finance_user, project_x, "ultra_long_bond", "8000", "submitted")
    received = apply(finance_user, project_x, "provincial", "2000", "received", approved_amount=D("1500"),
                     received_amount=D("1000"))  # fmt: skip
    apply(finance_user, project_x, "central_budget", "9000", "rejected")
    rows = {row.label: row for row in overview(project_x).rows}
    assert set(rows) == {"财政资金", "超长期特别国债 2026", "省级专项资金 2026"}  # the refused one brings nothing
    assert (rows["超长期特别国债 2026"].planned, rows["超长期特别国债 2026"].in_place) == (D("8000"), D("0"))
    assert (rows["省级专项资金 2026"].planned, rows["省级专项资金 2026"].in_place) == (D("1500"), D("1000"))
    assert rows["省级专项资金 2026"].applications == [received] and pending.pk
    result = overview(project_x)
    assert result.planned == D("14500") and result.in_place == D("6000")


def test_the_success_rate_is_approved_over_decided(project_x, project_y, finance_user, items):
    apply(finance_user, project_x, "special_bond", "10000", "approved", approved_amount=D("8000"))
    apply(finance_user, project_y, "special_bond", "6000", "received", approved_amount=D("6000"),
          received_amount=D("5000"))  # fmt: skip
    apply(finance_user, project_x, "special_bond", "3000", "rejected")
    apply(finance_user, project_y, "special_bond", "4000", "reviewing")  # asked, not decided
    apply(finance_user, project_x, "special_bond", "2000", "registered")  # not asked yet
    apply(finance_user, project_y, "central_budget", "1000", "submitted")
    stats = {row.channel: row for row in channel_year_stats(FundingApplication.objects.all())}
    bonds = stats["special_bond"]
    assert (bonds.count, bonds.asked_count, bonds.decided_count, bonds.granted_count) == (5, 4, 3, 2)
    assert bonds.requested == D("23000")  # 10 000 + 6 000 + 3 000 + 4 000: those put to the authority
    assert (bonds.approved, bonds.received) == (D("14000"), D("5000"))
    assert bonds.success_rate == D(2) / D(3)
    assert stats["central_budget"].success_rate is None  # nothing decided yet: no rate, not 0 %


def test_the_figures_are_split_by_year(project_x, finance_user, items):
    old = application_create(
        user=finance_user, project=project_x, channel="special_bond", year=2025, requested_amount=D("100")
    )
    walk(old, finance_user, "rejected")
    apply(finance_user, project_x, "special_bond", "200", "approved", approved_amount=D("200"))
    stats = channel_year_stats(FundingApplication.objects.all())
    assert [(row.year, row.success_rate) for row in stats] == [(2026, D(1)), (2025, D(0))]
