"""No lost writes in investment attraction: the leads' and companies' API, the edit pages, the settings."""

import pytest
from django.test import Client
from django.urls import reverse

from diaodu.core.concurrency import NEW, etag_for, version_of
from diaodu.investment.companies import company_update, headquarters_save
from diaodu.investment.models import Company, HeadquartersMove, Lead, ResponseRules
from diaodu.investment.services import lead_update, rules_set
from tests.core.racing import conflict_row, race, shared_database, version_in  # noqa: F401  (a fixture)

from .conftest import make_company, make_lead

pytestmark = pytest.mark.django_db

RULES = {"form": "rules", "rules-threshold": "5000", "rules-register_workdays": "1", "rules-assess_workdays": "2",
         "rules-feedback_workdays": "5", "rules-report_every_workdays": "10"}  # fmt: skip


def test_the_leads_api_refuses_a_stale_if_match_on_edits_and_actions(client, scout, signed_lead):
    client.force_login(scout)
    url = f"/api/leads/{signed_lead.pk}/"
    loaded = client.get(url).headers["ETag"]
    assert loaded == etag_for(signed_lead)
    lead_update(user=scout, lead=signed_lead, next_action="起草投资协议")  # saved elsewhere meanwhile
    stale = client.patch(url, {"next_action": "研判"}, content_type="application/json", headers={"If-Match": loaded})
    assert stale.status_code == 412 and stale.json()["error"]["current"]["next_action"] == "起草投资协议"
    logged = client.post(f"{url}log/", {"kind": "call", "date": "2026-09-20", "summary": "电话沟通"},
                         content_type="application/json", headers={"If-Match": loaded})  # fmt: skip
    assert logged.status_code == 412 and not signed_lead.activities.exists()
    fresh = client.patch(url, {"next_action": "研判"}, content_type="application/json",
                         headers={"If-Match": stale.headers["ETag"]})  # fmt: skip
    assert fresh.status_code == 200 and fresh.headers["ETag"] == etag_for(Lead.objects.get(pk=signed_lead.pk))
    assert Lead.objects.get(pk=signed_lead.pk).next_action == "研判"


def test_the_company_page_compares_the_organisations_fields_too(client, scout, bureau_user, courted):
    client.force_login(scout)
    edit = reverse("company-edit", args=[courted.pk])
    loaded = version_in(client.get(edit).text)
    company_update(user=bureau_user, company=courted, contact_name="吉通办")
    answer = client.post(edit, {"name": courted.organisation.name, "contact_name": "王经理", "version": loaded})
    assert answer.status_code == 200
    assert conflict_row("联系人", "王经理", "吉通办") in answer.text
    assert "保存人：乔振宇" in answer.text
    assert Company.objects.get(pk=courted.pk).organisation.contact_name == "吉通办"


def test_a_headquarters_move_recorded_meanwhile_is_not_overwritten(client, scout, bureau_user, courted):
    client.force_login(scout)
    url = reverse("headquarters-edit", args=[courted.pk])
    assert version_in(client.get(url).text) == NEW
    headquarters_save(user=bureau_user, company=courted, status="negotiating", building="总部经济大楼")
    answer = client.post(url, {"status": "agreed", "agreed_on": "2026-10-09", "building": "商务中心", "version": NEW})
    assert answer.status_code == 200 and 'data-testid="edit-conflict"' in answer.text
    assert HeadquartersMove.objects.get(company=courted).building == "总部经济大楼"


def test_the_rules_changed_meanwhile_are_not_overwritten(client, dispatcher, rules):
    client.force_login(dispatcher)
    loaded = version_in(client.get(reverse("investment-settings")).text, "rules-version")
    assert loaded == version_of(ResponseRules.load())
    rules_set(user=dispatcher, threshold=8000)
    answer = client.post(reverse("investment-settings"), {**RULES, "rules-version": loaded})
    assert answer.status_code == 200 and 'data-testid="conflict-table"' in answer.text
    assert ResponseRules.load().threshold == 8000


@pytest.mark.django_db(transaction=True)
def test_two_officers_saving_a_lead_at_once_one_is_told(shared_database, scout, bureau_user):  # noqa: F811
    lead = make_lead("医疗器械产业基地", make_company("吉林同仁众合医疗科技有限公司"), officer=scout)

    def editor(user, next_action):
        client = Client()

        def load():
            client.force_login(user)
            return client.get(f"/api/leads/{lead.pk}/").headers["ETag"]

        def save(etag):
            return client.patch(f"/api/leads/{lead.pk}/", {"next_action": next_action},
                                content_type="application/json", headers={"If-Match": etag}).status_code  # fmt: skip

        return load, save

    statuses = race(editor(scout, "研判"), editor(bureau_user, "反馈"))
    assert sorted(statuses) == [200, 412]
    assert Lead.objects.get(pk=lead.pk).next_action == ["研判", "反馈"][statuses.index(200)]
