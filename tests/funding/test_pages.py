"""The funding pages: the reserve pool with its two waiting lists, applications, a project's checklist, settings."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diaodu.funding.models import FundingApplication, MaturityItem, ProjectDocument
from diaodu.funding.services import application_create
from diaodu.projects.models import Project

from .conftest import walk

pytestmark = pytest.mark.django_db
D = Decimal
READY = ("proposal", "feasibility", "preliminary_design", "land", "planning", "eia", "energy_review",
         "implementation_plan", "financial_evaluation", "legal_opinion")  # fmt: skip


def documents(project, items, codes):
    for code in codes:
        ProjectDocument.objects.create(project=project, item=items[code], provided_on=dt.date(2026, 1, 5))


@pytest.fixture
def pool(project_x, project_y, items, finance_user):
    """project_x is ready (100) and unfunded; project_y (10) has 专项债 approved: money waiting for it."""
    documents(project_x, items, READY)
    documents(project_y, items, ["implementation_plan"])
    bond = application_create(
        user=finance_user, project=project_y, channel="special_bond", year=2026, requested_amount=D("5000")
    )
    return walk(bond, finance_user, "approved", approved_amount=D("4000"))


def test_the_pool_lists_projects_by_maturity_beside_the_two_waiting_lists(client, leader, pool, project_x, project_y):
    client.force_login(leader)
    page = client.get(reverse("funding-pool")).text
    pool_table = page[page.index('data-testid="pool-table"') :]
    assert pool_table.index("吉通机械总部") < pool_table.index("铸诚门业智能制造")
    waiting = page[page.index('data-testid="projects-waiting"') : page.index('data-testid="money-waiting"')]
    assert "吉通机械总部" in waiting and "具备开工 · 100" in waiting and "铸诚门业" not in waiting
    money = page[page.index('data-testid="money-waiting"') : page.index('id="channels"')]
    assert "铸诚门业智能制造" in money and "获批 4,000.00 万元" in money and "谋划 · 10" in money
    assert "缺：项目建议书（立项）、可研批复" in money


def test_a_mature_project_with_money_granted_no_longer_waits(client, leader, pool, project_x, finance_user):
    bond = application_create(
        user=finance_user, project=project_x, channel="special_bond", year=2026, requested_amount=D("9000")
    )
    client.force_login(leader)
    page = client.get(reverse("funding-pool")).text
    assert page.count('data-testid="project-waiting"') == 1  # still waiting while under review
    walk(bond, finance_user, "approved", approved_amount=D("9000"))
    page = client.get(reverse("funding-pool")).text
    assert 'data-testid="project-waiting"' not in page and "没有等待资金的成熟项目" in page


def test_the_pool_shows_requested_approved_and_the_success_rate_per_channel_and_year(
    client, leader, pool, project_x, finance_user
):
    refused = application_create(
        user=finance_user, project=project_x, channel="special_bond", year=2026, requested_amount=D("3000")
    )
    walk(refused, finance_user, "rejected")
    client.force_login(leader)
    page = client.get(reverse("funding-pool")).text
    row = page[page.index('data-testid="channel-row"') :]
    row = row[: row.index("</tr>")]
    assert "2026" in row and "地方政府专项债券" in row
    assert "8,000.00 万元" in row  # requested: 5 000 + 3 000
    assert "4,000.00 万元" in row  # approved
    assert "50%" in row  # one approved of two decided


def test_the_pool_runs_a_fixed_number_of_queries(client, dispatcher, pool, items, finance_user):
    client.force_login(dispatcher)
    client.get(reverse("funding-pool"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("funding-pool"))
    for i in range(12):
        project = Project.objects.create(name=f"储备项目{i}", stage="reserve")
        documents(project, items, ["implementation_plan", "legal_opinion"])
        application = application_create(
            user=finance_user, project=project, channel="central_budget", year=2026, requested_amount=D("100")
        )
        if i % 3 == 0:
            walk(application, finance_user, "approved", approved_amount=D("50"))
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("funding-pool")).text
    assert "储备项目11" in page
    assert len(many) == len(few)


def test_the_pool_shows_bond_coverage_with_the_flag_and_the_shortfall(client, leader, project_x, finance_user, items):
    from diaodu.funding.services import bond_finance_save

    bond_finance_save(
        user=finance_user,
        project=project_x,
        bond_amount=D("10000"),
        term_years=10,
        interest_rate=D("4"),
        expected_income=D("15399.99"),
    )
    client.force_login(leader)
    page = client.get(reverse("funding-pool")).text
    assert 'data-testid="bond-row"' in page and "table-danger" in page
    assert 'data-testid="shortfall">0.01 万元' in page


def test_the_application_page_offers_the_next_statuses_to_the_finance_bureau_only(
    client, application, finance_user, project_officer
):
    client.force_login(finance_user)
    page = client.get(reverse("funding-application-detail", args=[application.pk])).text
    assert 'data-testid="advance-form"' in page and '<option value="registered">入库</option>' in page
    client.force_login(project_officer)
    page = client.get(reverse("funding-application-detail", args=[application.pk])).text
    assert 'data-testid="advance-form"' not in page and "吉通机械总部" in page


def test_a_status_change_with_htmx_redirects_on_success_and_shows_errors_in_place(client, application, finance_user):
    client.force_login(finance_user)
    url = reverse("funding-application-advance", args=[application.pk])
    response = client.post(url, {"advance-status": "registered"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("funding-application-detail", args=[application.pk])
    walk(FundingApplication.objects.get(pk=application.pk), finance_user, "approved", approved_amount=D("5000"))
    response = client.post(
        url, {"advance-status": "received", "advance-received_amount": "6000"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and 'id="advance"' in response.text
    assert "到位金额（6,000.00 万元）不能超过获批金额（5,000.00 万元）。" in response.text


def test_creating_and_editing_an_application_from_the_pages(client, finance_user, project_y, items):
    client.force_login(finance_user)
    form = client.get(reverse("funding-application-create") + f"?project={project_y.pk}").text
    assert f'<option value="{project_y.pk}" selected>' in form
    response = client.post(
        reverse("funding-application-create"),
        {"project": project_y.pk, "channel": "provincial", "year": 2026, "requested_amount": "1200", "note": ""},
    )
    application = FundingApplication.objects.get(project=project_y)
    assert response.url == reverse("funding-application-detail", args=[application.pk])
    page = client.get(reverse("funding-application-edit", args=[application.pk])).text
    loaded_at = re.search(r'name="loaded_at" value="([^"]+)"', page).group(1)  # as the browser sends it back
    response = client.post(
        reverse("funding-application-edit", args=[application.pk]),
        {"project": project_y.pk, "channel": "provincial", "year": 2026, "requested_amount": "1300",
         "loaded_at": loaded_at},
    )  # fmt: skip
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.requested_amount == D("1300")
    stale = application.updated_at - dt.timedelta(seconds=5)
    response = client.post(
        reverse("funding-application-edit", args=[application.pk]),
        {"project": project_y.pk, "channel": "provincial", "year": 2026, "requested_amount": "1500",
         "loaded_at": timezone.localtime(stale).strftime("%Y-%m-%d %H:%M:%S.%f")},
    )  # fmt: skip
    assert response.status_code == 200 and "被他人修改" in response.text
    assert FundingApplication.objects.get(pk=application.pk).requested_amount == D("1300")


def test_the_project_page_shows_the_checklist_and_records_a_document(client, project_officer, project_x, items):
    client.force_login(project_officer)
    url = reverse("funding-project", args=[project_x.pk])
    page = client.get(url).text
    assert page.count('data-testid="checklist-item"') == MaturityItem.objects.filter(is_active=True).count()
    assert 'data-testid="document-form"' in page and 'data-testid="bond-form"' not in page
    response = client.post(
        reverse("funding-document-add", args=[project_x.pk]),
        {"item": items["financial_evaluation"].pk, "provided_on": "2026-04-01", "reference": "吉正会评字第18号"},
    )
    assert response.status_code == 302
    page = client.get(url).text
    assert 'data-code="financial_evaluation" data-satisfied="true"' in page
    assert "已备案文件：吉正会评字第18号，2026-04-01" in page


def test_the_projects_page_has_the_funding_panel_with_sources_planned_and_in_place(
    client, dispatcher, project_x, finance_user, items
):
    from diaodu.org.models import Organisation
    from diaodu.projects.models import FundingSource

    jufeng = Organisation.objects.create(name="聚丰城市建设投资有限公司", short_name="聚丰公司", kind="platform")
    FundingSource.objects.create(project=project_x, kind="platform", organisation=jufeng, amount=D("20000"))
    FundingSource.objects.create(project=project_x, kind="special_bond", amount=D("30000"), note="专项债券申报中")
    bond = application_create(
        user=finance_user, project=project_x, channel="special_bond", year=2026, requested_amount=D("30000")
    )
    walk(bond, finance_user, "received", approved_amount=D("25000"), received_amount=D("10000"))
    client.force_login(dispatcher)
    page = client.get(reverse("project-detail", args=[project_x.pk])).text
    panel = page[page.index('data-testid="funding-panel"') :]
    assert "谋划 · 0" in panel
    assert 'data-testid="platform-source"' in panel and "聚丰公司" in panel
    # In place: the platform company's 20 000 and the 10 000 of bonds received (not the registry's 30 000 again).
    assert 'data-testid="in-place">3.00 亿元' in panel
    assert 'data-testid="funding-gap">2.00 亿元' in panel


def test_the_settings_page_refuses_weights_not_summing_to_100(client, dispatcher, items):
    client.force_login(dispatcher)
    page = client.get(reverse("funding-settings"))
    formset = page.context["items"]
    data = {"form": "items"}
    for key, value in formset.management_form.initial.items():
        data[f"items-{key}"] = value
    for i, form in enumerate(formset.forms[:-1]):
        item = form.instance
        data.update(
            {
                f"items-{i}-id": item.pk,
                f"items-{i}-name": item.name,
                f"items-{i}-code": item.code,
                f"items-{i}-weight": item.weight + (5 if item.code == "legal_opinion" else 0),
                f"items-{i}-procedure_codes": ", ".join(item.procedure_codes),
                f"items-{i}-description": item.description,
                f"items-{i}-sort_order": item.sort_order,
                f"items-{i}-is_active": "on",
            }
        )
    data["items-TOTAL_FORMS"] = len(formset.forms) - 1
    response = client.post(reverse("funding-settings"), data)
    assert response.status_code == 200 and "启用指标的权重合计应为100，目前为105。" in response.text
    data["items-9-weight"] = "0"  # 法律意见书 5 → 0
    data["items-1-weight"] = "20"  # 可研批复 15 → 20
    data["items-1-procedure_codes"] = "feasibility, approval+nonsense"
    response = client.post(reverse("funding-settings"), data)
    assert "未知的手续代码：nonsense" in response.text
    data["items-1-procedure_codes"] = "feasibility, approval"
    response = client.post(reverse("funding-settings"), data)
    assert response.status_code == 302
    assert MaturityItem.objects.get(code="legal_opinion").weight == 0
    assert MaturityItem.objects.get(code="feasibility").weight == 20


def test_the_settings_page_keeps_the_thresholds_in_order(client, dispatcher, items):
    client.force_login(dispatcher)
    data = {"form": "settings", "rules-preparing_threshold": 30, "rules-mature_threshold": 95,
            "rules-ready_threshold": 90, "rules-coverage_threshold": "1.20"}  # fmt: skip
    response = client.post(reverse("funding-settings"), data)
    assert "各等级最低分应逐级递增" in response.text
    data["rules-mature_threshold"] = 75
    assert client.post(reverse("funding-settings"), data).status_code == 302
