"""No lost writes in the project reserve: applications (API and page), bond finance plans, the settings."""

from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from diaodu.core.concurrency import NEW, etag_for, version_of
from diaodu.funding.models import BondFinance, FundingApplication, FundingSettings
from diaodu.funding.services import application_create, application_update, bond_finance_save
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

PLAN = {"bond_amount": D("1000"), "term_years": 10, "interest_rate": D("3"), "expected_income": D("1500")}


def test_the_api_refuses_a_stale_if_match_on_an_edit_and_on_a_step(client, finance_user, dispatcher, application):
    client.force_login(finance_user)
    url = f"/api/funding-applications/{application.pk}/"
    loaded = client.get(url).headers["ETag"]
    assert loaded == etag_for(application)
    application_update(user=dispatcher, application=application, note="已与财政局对接")
    stale = client.patch(url, {"note": "覆盖"}, content_type="application/json", headers={"If-Match": loaded})
    assert stale.status_code == 412 and stale.json()["error"]["current"]["note"] == "已与财政局对接"
    step = client.post(f"{url}advance/", {"status": "registered"}, content_type="application/json",
                       headers={"If-Match": loaded})  # fmt: skip
    assert step.status_code == 412
    saved = FundingApplication.objects.get(pk=application.pk)
    assert (saved.note, saved.status) == ("已与财政局对接", "conceived")
    done = client.patch(url, {"note": "补充"}, content_type="application/json", headers={"If-Match": etag_for(saved)})
    assert done.status_code == 200 and done.headers["ETag"] == etag_for(FundingApplication.objects.get(pk=saved.pk))


def test_the_edit_page_shows_both_amounts_and_writes_nothing(client, finance_user, dispatcher, application, project_x):
    client.force_login(finance_user)
    edit = reverse("funding-application-edit", args=[application.pk])
    loaded = version_in(client.get(edit).text)
    application_update(user=dispatcher, application=application, requested_amount=D("12000"))
    answer = client.post(edit, {"project": project_x.pk, "channel": "special_bond", "year": 2026,
                                "requested_amount": "15000", "version": loaded})  # fmt: skip
    assert answer.status_code == 200
    assert conflict_row("申请金额（万元）", "15000", "12000.00") in answer.text
    assert "保存人：周敏" in answer.text
    assert FundingApplication.objects.get(pk=application.pk).requested_amount == D("12000")


def test_a_bond_plan_recorded_while_the_page_was_open_is_not_overwritten(client, finance_user, dispatcher, project_x):
    client.force_login(finance_user)
    page = client.get(reverse("funding-project", args=[project_x.pk])).text
    assert version_in(page, "bond-version") == NEW
    bond_finance_save(user=dispatcher, project=project_x, **PLAN)
    plan = {"bond_amount": "2000", "term_years": "10", "interest_rate": "3", "expected_income": "1500",
            "other_debt_service": "0", "version": NEW}  # fmt: skip
    answer = client.post(reverse("funding-bond", args=[project_x.pk]), {f"bond-{k}": v for k, v in plan.items()})
    assert answer.status_code == 200 and 'data-testid="edit-conflict"' in answer.text
    assert BondFinance.objects.get(project=project_x).bond_amount == D("1000")


def test_thresholds_changed_meanwhile_are_not_overwritten(client, dispatcher, items):
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("funding-settings")).text, "rules-version")
    config = FundingSettings.load()
    assert loaded == version_of(config)
    config.mature_threshold = 80
    config.save()
    data = {"form": "settings", "rules-preparing_threshold": 30, "rules-mature_threshold": 70,
            "rules-ready_threshold": 90, "rules-coverage_threshold": "1.20", "rules-version": loaded}  # fmt: skip
    answer = client.post(reverse("funding-settings"), data)
    assert answer.status_code == 200 and 'data-testid="conflict-table"' in answer.text
    assert FundingSettings.load().mature_threshold == 80


@pytest.mark.django_db(transaction=True)
def test_two_offices_saving_an_application_at_once_one_is_told(shared_database, finance_user, dispatcher, project_x):  # noqa: F811
    application = application_create(
        user=finance_user, project=project_x, channel="special_bond", year=2026, requested_amount=D("10000")
    )
    url = f"/api/funding-applications/{application.pk}/"

    def editor(user, note):
        client = Client()

        def load():
            client.force_login(user)
            return client.get(url).headers["ETag"]

        def save(etag):
            return client.patch(url, {"note": note}, content_type="application/json",
                                headers={"If-Match": etag}).status_code  # fmt: skip

        return load, save

    statuses = race(editor(finance_user, "财政局意见"), editor(dispatcher, "项目办意见"))
    assert sorted(statuses) == [200, 412]
    assert FundingApplication.objects.get(pk=application.pk).note == ["财政局意见", "项目办意见"][statuses.index(200)]
