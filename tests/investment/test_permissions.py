"""Who sees which leads, and who may change them: an officer his own, leaders and the 投资促进局 all of them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from diaodu.investment.models import Lead
from diaodu.investment.services import lead_advance, lead_create, lead_update
from diaodu.org.choices import Role
from diaodu.projects.models import Project
from tests.conftest import make_user
from tests.investment.conftest import make_company, make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def leads(scout, other_scout, courted, resident):
    """田野 holds two leads, 冯雪 one; one has no officer yet."""
    return {
        "mine": make_lead("瑞和大健康产业园", courted, officer=scout, investment=Decimal("120000")),
        "mine_too": make_lead("奢爱良蔬净菜加工二期", resident, officer=scout),
        "theirs": make_lead("智能网联汽车线束项目", courted, officer=other_scout),
        "nobodys": make_lead("跨境电商产业园", courted),
    }


@pytest.fixture
def observer(db):
    return make_user("observer", roles=[Role.OBSERVER], name="吴刚")


def visible(user) -> set[str]:
    return set(Lead.objects.visible_to(user).values_list("title", flat=True))


def api_titles(client, user) -> set[str]:
    client.force_login(user)
    return {row["title"] for row in client.get("/api/leads/").json()["results"]}


ALL = {"瑞和大健康产业园", "奢爱良蔬净菜加工二期", "智能网联汽车线束项目", "跨境电商产业园"}


def test_an_officer_sees_his_own_leads(leads, scout, other_scout):
    assert visible(scout) == {"瑞和大健康产业园", "奢爱良蔬净菜加工二期"}
    assert visible(other_scout) == {"智能网联汽车线束项目"}


@pytest.mark.parametrize(
    "persona", ["leader", "responsible_leader", "dispatcher", "observer", "administrator", "bureau_user"]
)
def test_leaders_the_dispatch_office_observers_and_the_bureau_see_every_lead(leads, persona, request):
    assert visible(request.getfixturevalue(persona)) == ALL


def test_another_department_sees_only_the_leads_its_people_hold(leads, department_user, courted):
    assert visible(department_user) == set()
    make_lead("自然资源局同事跟进的线索", courted, officer=department_user)
    assert visible(department_user) == {"自然资源局同事跟进的线索"}


def test_an_outsider_sees_nothing(leads, outsider, client):
    assert visible(outsider) == set()
    client.force_login(outsider)
    assert client.get(reverse("investment-pipeline")).status_code == 403
    assert client.get("/api/leads/").status_code == 403


def test_the_pipeline_and_the_api_show_an_officer_his_own_leads_only(client, leads, scout, leader):
    assert api_titles(client, scout) == {"瑞和大健康产业园", "奢爱良蔬净菜加工二期"}
    assert api_titles(client, leader) == ALL
    client.force_login(scout)
    page = client.get(reverse("investment-pipeline")).text
    assert page.count('data-testid="lead-card"') == 2 and 'data-testid="own-leads-note"' in page
    client.force_login(leader)
    page = client.get(reverse("investment-pipeline")).text
    assert page.count('data-testid="lead-card"') == 4 and 'data-testid="own-leads-note"' not in page


def test_another_officers_lead_is_not_found(client, leads, scout):
    client.force_login(scout)
    assert client.get(reverse("lead-detail", args=[leads["theirs"].pk])).status_code == 404
    assert client.get(f"/api/leads/{leads['theirs'].pk}/").status_code == 404
    answer = client.patch(f"/api/leads/{leads['theirs'].pk}/", {"title": "x"}, content_type="application/json")
    assert answer.status_code == 404


def test_companies_are_zone_level_data_every_member_sees(client, leads, scout, department_user, resident, courted):
    for user in (scout, department_user):
        client.force_login(user)
        names = {row["name"] for row in client.get("/api/companies/").json()["results"]}
        assert names == {resident.name, courted.name}
        assert client.get(reverse("company-detail", args=[courted.pk])).status_code == 200


def test_an_officer_works_his_own_lead_and_not_anothers(leads, scout):
    lead_update(user=scout, lead=leads["mine"], next_action="组织研判")
    with pytest.raises(PermissionDenied):
        lead_update(user=scout, lead=leads["theirs"], next_action="越权修改")
    with pytest.raises(PermissionDenied):
        lead_advance(user=scout, lead=leads["theirs"], stage="contacted")


def test_the_bureau_and_the_dispatch_office_work_any_lead(leads, bureau_user, dispatcher):
    lead_advance(user=bureau_user, lead=leads["theirs"], stage="contacted")
    lead_update(user=dispatcher, lead=leads["nobodys"], next_action="分配招商负责人")


def test_leaders_read_but_do_not_change_leads(leads, leader, responsible_leader, client):
    for user in (leader, responsible_leader):
        with pytest.raises(PermissionDenied):
            lead_update(user=user, lead=leads["mine"], next_action="x")
        client.force_login(user)
        assert client.get(reverse("lead-create")).status_code == 403
        page = client.get(reverse("lead-detail", args=[leads["mine"].pk])).text
        assert 'data-testid="advance-form"' not in page and 'data-testid="log-form"' not in page


def test_an_officer_who_registers_a_lead_holds_it(scout, courted):
    lead = lead_create(user=scout, title="新线索", company=courted, source="online")
    assert lead.officer == scout.person and lead.entered_on == timezone.localdate() and lead.stage == "lead"


def test_another_department_may_not_register_leads(department_user, courted, client):
    with pytest.raises(PermissionDenied):
        lead_create(user=department_user, title="新线索", company=courted, source="online")
    client.force_login(department_user)
    answer = client.post(
        "/api/leads/", {"title": "新线索", "company": courted.pk, "source": "online"}, content_type="application/json"
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["message"] == "只有项目办、投资促进局和招商人员可以登记招商线索。"


def test_the_api_refuses_writes_to_readers_by_their_role(client, leader, courted):
    client.force_login(leader)
    answer = client.post(
        "/api/leads/", {"title": "新线索", "company": courted.pk, "source": "online"}, content_type="application/json"
    )
    assert answer.status_code == 403
    company = client.post("/api/companies/", {"name": "某公司"}, content_type="application/json")
    assert company.status_code == 403


def test_only_the_dispatch_office_sets_the_rules_and_targets(client, scout, bureau_user, dispatcher):
    for user in (scout, bureau_user):
        client.force_login(user)
        assert client.get(reverse("investment-settings")).status_code == 403
    client.force_login(dispatcher)
    answer = client.post(
        reverse("investment-settings") + "?year=2026",
        {
            "form": "target",
            "target-signed_investment": "500000",
            "target-signed_count": "12",
            "target-note": "年度目标",
        },
    )
    assert answer.status_code == 302
    from diaodu.investment.models import InvestmentTarget

    assert InvestmentTarget.objects.get(year=2026).signed_investment == Decimal("500000")


def test_company_editors_are_the_dispatch_office_the_bureau_and_officers(client, leader, scout, department_user):
    company = make_company("吉林某某科技有限公司")
    for user, allowed in ((leader, False), (department_user, False), (scout, True)):
        client.force_login(user)
        status = client.get(reverse("company-edit", args=[company.pk])).status_code
        assert status == (200 if allowed else 403), user


def test_a_companys_page_names_only_the_projects_the_reader_may_see(client, scout, leader, courted, project_x):
    Project.objects.filter(pk=project_x.pk).update(owner=courted.organisation)
    client.force_login(scout)
    assert "吉通机械总部" not in client.get(reverse("company-detail", args=[courted.pk])).text
    client.force_login(leader)
    assert "吉通机械总部" in client.get(reverse("company-detail", args=[courted.pk])).text
