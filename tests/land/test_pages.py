"""The land pages: the ledger with its figures, burn-down and waiting projects; a parcel's page and forms; the quota."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diaodu.land.models import LandQuota, Parcel
from diaodu.projects.models import ProcedureType
from tests.land.conftest import make_parcel
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
JUNE_15 = dt.date(2026, 6, 15)


@pytest.fixture
def waiting_project(project_x, land_bureau):
    """吉通机械总部 (洁净工业园, 前期) with its 用地预审 not done."""
    project_x.steps.filter(name="用地预审").update(
        procedure_type=ProcedureType.objects.get(code="land_pre_review"), responsible_department=land_bureau
    )
    return project_x


def ledger_page(client, user, day=JUNE_15, **params):
    with time_machine.travel(at_noon(day), tick=False):
        client.force_login(user)
        return client.get(reverse("land-ledger"), params).text


def test_the_nav_leads_to_the_ledger(client, leader):
    client.force_login(leader)
    assert f'href="{reverse("land-ledger")}">土地台账</a>' in client.get(reverse("home")).text


def test_the_ledger_shows_the_years_figures_in_hectares_with_mu_beside_them(client, leader, ledger):
    page = ledger_page(client, leader)
    assert "2026年土地征收与供应台账" in page and "截至 2026-06-15" in page
    assert 'data-testid="card-quota">250.00' in page and "3750.00 亩" in page
    assert 'data-testid="card-acquired">17.46' in page and "261.85 亩" in page  # 17.4568 × 15 = 261.852
    assert 'data-testid="card-supplied">30.62' in page and "459.35 亩" in page  # 30.6235 × 15 = 459.3525
    assert 'data-testid="card-reserved">22.33' in page and "334.88 亩" in page  # 22.3250 × 15 = 334.875
    assert 'data-testid="card-remaining">201.92' in page
    assert 'data-testid="card-monthly">28.85' in page and "剩 7 个月" in page and "实际月均 8.01" in page
    assert "征供地按“征收面积 + 供应面积”合计" in page  # the reading of the quota, in words


def test_the_ledger_draws_the_burn_down_from_its_json_without_inline_script(client, leader, ledger):
    page = ledger_page(client, leader)
    assert 'data-testid="land-burndown"' in page and 'data-land-burndown="land-burndown-data"' in page
    assert '<script id="land-burndown-data" type="application/json">' in page
    assert "vendor/echarts/echarts.min.js" in page and "diaodu/land.js" in page
    assert '"remaining": ["250.00", "250.00", "239.88"' in page
    assert '"needed": [null, null, null, null, null, "201.92"' in page


def test_the_ledger_groups_the_parcels_by_status_and_filters_them(client, leader, ledger):
    page = ledger_page(client, leader)
    assert page.count('data-testid="parcel-row"') == 8
    for status in ("planned", "acquiring", "reserved", "supplied"):
        assert f'data-testid="status-group-{status}"' in page
    assert 'data-testid="status-group-acquired"' not in page  # no parcel stops there in the fixture
    filtered = ledger_page(client, leader, status="reserved", year=2026)
    assert filtered.count('data-testid="parcel-row"') == 3
    assert "2026年土地征收与供应台账" in filtered


def test_projects_waiting_for_land_stand_beside_the_reserve_of_their_area_first(
    client, leader, ledger, waiting_project
):
    page = ledger_page(client, leader)
    assert page.count('data-testid="waiting-project"') == 1
    waiting = page.split('data-testid="waiting-project"')[1].split("</li>")[0]
    assert "吉通机械总部" in waiting and "用地预审" in waiting
    candidates = [chunk.split("</a>")[0] for chunk in waiting.split('data-testid="candidate">')[1:]]
    # C lies in the project's park; then the larger of the others.
    assert [c.split(" ")[0] for c in candidates] == ["C地块", "D地块", "G地块"]
    assert 'class="badge text-bg-primary text-decoration-none"' in waiting


def test_a_project_whose_land_steps_are_done_is_not_waiting(client, leader, ledger, waiting_project):
    waiting_project.steps.filter(name="用地预审").update(status="done", actual_finish=dt.date(2026, 5, 1))
    assert 'data-testid="waiting-project"' not in ledger_page(client, leader)


def test_a_year_without_quota_says_so_and_offers_the_form_to_the_dispatch_office(client, dispatcher, ledger):
    page = ledger_page(client, dispatcher, year=2027)
    assert "2027年尚未下达征供地任务。" in page and reverse("land-quota", args=[2027]) in page
    assert page.count('data-testid="parcel-row"') == 8  # the parcels are listed whatever the year


def test_the_ledger_runs_a_fixed_number_of_queries(client, dispatcher, ledger, waiting_project, project_y):
    ledger_page(client, dispatcher)
    with time_machine.travel(at_noon(JUNE_15), tick=False), CaptureQueriesContext(connection) as few:
        client.get(reverse("land-ledger"))
    for number in range(6):
        parcel = make_parcel(f"N-{number}", "2", status="reserved", reserved_on=dt.date(2026, 1, 1))
        parcel.projects.add(project_y)
    with time_machine.travel(at_noon(JUNE_15), tick=False), CaptureQueriesContext(connection) as many:
        client.get(reverse("land-ledger"))
    assert len(many) == len(few)


def test_the_dispatch_office_advances_a_parcel_on_its_page(client, dispatcher, ledger):
    client.force_login(dispatcher)
    url = reverse("parcel-advance", args=[ledger["E"].pk])
    page = client.post(url, {"status": "acquired", "date": "2999-01-01"}).text
    assert 'data-testid="field-error"' in page and "晚于今天" in page
    today = timezone.localdate().isoformat()
    answer = client.post(url, {"status": "acquired", "date": today, "note": "已签订全部补偿协议"}, follow=True)
    assert "地块“E地块”已变更为“已征收”。" in answer.text
    parcel = Parcel.objects.get(pk=ledger["E"].pk)
    assert parcel.status == "acquired"
    assert parcel.history.latest().history_change_reason.endswith("已签订全部补偿协议")


def test_the_supply_form_asks_for_the_method(client, dispatcher, ledger):
    client.force_login(dispatcher)
    page = client.get(reverse("parcel-detail", args=[ledger["C"].pk])).text
    assert 'name="supply_method"' in page and "出让" in page and "划拨" in page
    page = client.get(reverse("parcel-detail", args=[ledger["E"].pk])).text
    assert 'name="supply_method"' not in page
    assert '<option value="acquired" selected>已征收</option>' in page


def test_registering_and_editing_a_parcel(client, expropriation_user, park):
    client.force_login(expropriation_user)
    answer = client.post(
        reverse("parcel-create"),
        {"number": "JJ-A-03", "name": "洁净工业园A-03地块", "area_ha": "12.6", "land_use": "industrial",
         "area": park.pk, "compensation_budget": "907.2", "compensation_paid": "0"},
    )  # fmt: skip
    parcel = Parcel.objects.get(number="JJ-A-03")
    assert answer.status_code == 302 and answer.url == reverse("parcel-detail", args=[parcel.pk])
    assert parcel.status == "planned" and parcel.area_ha == Decimal("12.6000")

    edit = client.get(reverse("parcel-edit", args=[parcel.pk])).text
    assert f'name="seen_version" value="{parcel.version}"' in edit
    data = {"number": "JJ-A-03", "name": "洁净工业园A-03地块", "area_ha": "12.6", "land_use": "industrial",
            "compensation_budget": "907.2", "compensation_paid": "1000", "seen_version": parcel.version}  # fmt: skip
    page = client.post(reverse("parcel-edit", args=[parcel.pk]), data).text
    assert "不能超过征收补偿预算" in page
    data["compensation_paid"] = "400"
    assert client.post(reverse("parcel-edit", args=[parcel.pk]), data).status_code == 302
    # The same form sent again carries the version it was loaded with: someone saved since.
    page = client.post(reverse("parcel-edit", args=[parcel.pk]), data).text
    assert "被他人修改，请刷新页面后重新修改" in page


def test_the_dispatch_office_sets_the_quota(client, dispatcher):
    client.force_login(dispatcher)
    url = reverse("land-quota", args=[2026])
    answer = client.post(url, {"acquire_ha": "200", "supply_ha": "200", "note": "必保征供地400公顷以上"})
    assert answer.status_code == 302 and answer.url == f"{reverse('land-ledger')}?year=2026"
    quota = LandQuota.objects.get(year=2026)
    assert quota.total_ha == Decimal("400")
    assert quota.history.latest().history_change_reason == "下达2026年征供地任务"


def test_the_project_page_lists_the_projects_parcels(client, leader, ledger, project_x):
    client.force_login(leader)
    page = client.get(reverse("project-detail", args=[project_x.pk])).text
    assert 'data-testid="parcels-panel"' in page
    assert page.count('data-testid="project-parcel"') == 1 and "A地块" in page and "10.12 公顷（151.85 亩）" in page


def test_a_project_without_land_gets_no_panel(client, leader, project_y):
    client.force_login(leader)
    assert 'data-testid="parcels-panel"' not in client.get(reverse("project-detail", args=[project_y.pk])).text
