"""The investment API: the shape of a lead and a company, the lead filters, and the advance, log and convert actions."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diaodu.investment.models import Lead
from tests.investment.conftest import make_company, make_lead
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = dt.date

LEAD_KEYS = {
    "id", "title", "company", "company_name", "description", "source", "source_display", "source_detail",
    "referrer", "referrer_name", "chain", "chain_name", "investment", "land_ha", "park", "park_name",
    "officer", "officer_name", "stage", "stage_display", "stage_since", "signed_on", "lost_reason",
    "next_action", "next_action_due", "received_on", "entered_on", "assessed_on", "feedback_on",
    "last_reported_on", "is_large", "sla_step", "sla_step_display", "sla_due_on", "is_overdue",
    "project", "project_name", "can_work", "can_convert", "activities", "version", "updated_at",
}  # fmt: skip


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def pipeline(scout, other_scout, courted, resident, chains, park):
    return {
        "a": make_lead("风电叶片制造项目", courted, officer=scout, source="industry_chain", chain=chains["新能源"],
                       investment=Decimal("46000"), stage="contacted", park=park),
        "b": make_lead("预制菜中央厨房", courted, officer=other_scout, source="referral", referrer=resident,
                       chain=chains["现代农业"], stage="lead"),
        "c": make_lead("医疗器械CDMO平台", courted, officer=scout, source="resident_office", chain=chains["医药健康"],
                       stage="negotiating", source_detail="驻上海招商联络处"),
        "d": make_lead("光伏组件生产项目", courted, officer=other_scout, source="expo", chain=chains["新能源"],
                       stage="lost", lost_reason="企业战略调整"),
    }  # fmt: skip


def test_a_lead_reads_with_exactly_the_agreed_keys(client, pipeline, leader, scout):
    client.force_login(leader)
    row = client.get(f"/api/leads/{pipeline['a'].pk}/").json()
    assert set(row) == LEAD_KEYS
    assert row["investment"] == "46000.00" and row["is_large"] is False  # stored rows: rules not refreshed
    assert (row["stage"], row["stage_display"], row["source_display"]) == ("contacted", "接洽", "产业链招商")
    assert (row["chain_name"], row["officer_name"], row["company_name"]) == (
        "新能源",
        "田野",
        "吉林同仁众合医疗科技有限公司",
    )
    assert row["park_name"] == "洁净工业园" and row["can_work"] is False and row["activities"] == []


def test_the_list_filters_by_stage_chain_source_and_officer(client, pipeline, leader, scout, chains):
    client.force_login(leader)

    def titles(**params):
        return sorted(row["title"] for row in client.get("/api/leads/", params).json()["results"])

    assert titles(stage="lead") == ["预制菜中央厨房"]
    assert titles(stage=["contacted", "negotiating"]) == ["医疗器械CDMO平台", "风电叶片制造项目"]
    assert titles(chain=chains["新能源"].pk) == ["光伏组件生产项目", "风电叶片制造项目"]
    assert titles(source="referral") == ["预制菜中央厨房"]
    assert titles(source=["expo", "resident_office"]) == ["光伏组件生产项目", "医疗器械CDMO平台"]
    assert titles(officer=scout.person.pk) == ["医疗器械CDMO平台", "风电叶片制造项目"]
    assert titles(q="上海") == ["医疗器械CDMO平台"]
    bad = client.get("/api/leads/", {"stage": "won"})
    assert bad.status_code == 400 and "stage" in bad.json()["error"]["fields"]


def test_the_large_and_overdue_filters_read_the_stored_deadline(client, scout, courted, leader):
    with time_machine.travel(at_noon(D(2026, 9, 29)), tick=False):
        client.force_login(scout)
        created = post(client, "/api/leads/", {"title": "瑞和大健康产业园", "company": courted.pk, "source": "other",
                                               "investment": "120000"})  # fmt: skip
    assert created.status_code == 201
    body = created.json()
    assert (body["is_large"], body["sla_step"], body["sla_due_on"]) == (True, "assess", "2026-10-09")
    assert body["officer_name"] == "田野" and body["stage"] == "lead" and body["entered_on"] == "2026-09-29"
    with time_machine.travel(at_noon(D(2026, 10, 12)), tick=False):
        client.force_login(leader)
        assert client.get("/api/leads/", {"overdue": "true"}).json()["count"] == 1
        assert client.get("/api/leads/", {"large": "false"}).json()["count"] == 0
        assert client.get(f"/api/leads/{body['id']}/").json()["is_overdue"] is True


def test_a_referral_must_name_a_resident_company_in_chinese(client, scout, courted, resident):
    client.force_login(scout)
    base = {"title": "预制菜中央厨房", "company": courted.pk, "source": "referral"}
    missing = post(client, "/api/leads/", base)
    assert missing.status_code == 400
    assert missing.json()["error"]["fields"] == {"referrer": ["以商招商的线索请填写引荐企业（在区企业）。"]}
    not_resident = post(client, "/api/leads/", {**base, "company": resident.pk, "referrer": courted.pk})
    assert not_resident.json()["error"]["fields"] == {
        "referrer": ["引荐企业“吉林同仁众合医疗科技有限公司”在获取线索时不是在区企业。"]
    }
    chain = post(client, "/api/leads/", {**base, "source": "industry_chain"})
    assert chain.json()["error"]["fields"] == {"chain": ["产业链招商的线索请选择产业链。"]}
    assert post(client, "/api/leads/", {**base, "referrer": resident.pk}).status_code == 201


def test_the_stage_is_read_only_in_the_body_and_moves_through_advance(client, pipeline, scout):
    client.force_login(scout)
    lead = pipeline["a"]
    patched = client.patch(f"/api/leads/{lead.pk}/", {"stage": "signed"}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["stage"] == "contacted"
    back = post(client, f"/api/leads/{lead.pk}/advance/", {"stage": "lead"})
    assert back.status_code == 400
    assert back.json()["error"]["fields"] == {"stage": ["线索只能向后推进：当前为“接洽”，不能变更为“线索”。"]}
    unknown = post(client, f"/api/leads/{lead.pk}/advance/", {"stage": "won"})
    assert unknown.json()["error"]["fields"]["stage"][0].startswith("未知的阶段“won”")
    lost = post(client, f"/api/leads/{lead.pk}/advance/", {"stage": "lost"})
    assert lost.json()["error"]["fields"] == {"lost_reason": ["终止线索请写明原因。"]}
    signed = post(client, f"/api/leads/{lead.pk}/advance/", {"stage": "signed", "date": "2026-10-09"})
    assert signed.status_code == 200
    assert (signed.json()["stage"], signed.json()["signed_on"]) == ("signed", "2026-10-09")
    assert signed.json()["can_convert"] is False  # the officer does not convert


def test_the_log_action_records_a_visit_and_sets_the_next_action(client, pipeline, scout):
    client.force_login(scout)
    lead = pipeline["c"]
    answer = post(client, f"/api/leads/{lead.pk}/log/", {
        "kind": "visit", "date": "2026-10-09", "summary": "企业来区考察洁净工业园", "participants": "田野",
        "next_action": "起草投资协议", "next_action_due": "2026-12-15",
    })  # fmt: skip
    assert answer.status_code == 201
    assert answer.json()["kind_display"] == "实地考察" and answer.json()["author_name"] == "田野"
    row = client.get(f"/api/leads/{lead.pk}/").json()
    assert (row["next_action"], row["next_action_due"]) == ("起草投资协议", "2026-12-15")
    assert [entry["summary"] for entry in row["activities"]] == ["企业来区考察洁净工业园"]
    future = post(client, f"/api/leads/{lead.pk}/log/", {"kind": "call", "date": "2999-01-01", "summary": "x"})
    assert future.status_code == 400 and "晚于今天" in future.json()["error"]["fields"]["date"][0]


def test_an_update_naming_an_older_version_is_refused(client, pipeline, scout):
    client.force_login(scout)
    lead = pipeline["a"]
    version = client.get(f"/api/leads/{lead.pk}/").json()["version"]
    first = client.patch(f"/api/leads/{lead.pk}/", {"next_action": "研判", "version": version},
                         content_type="application/json")  # fmt: skip
    assert first.status_code == 200
    second = client.patch(f"/api/leads/{lead.pk}/", {"next_action": "反馈", "version": version},
                          content_type="application/json")  # fmt: skip
    # A stale `version` in the body is answered like a stale If-Match (diaodu.core.concurrency): 412 with the
    # lead as saved now, so that the client can show both versions.
    assert second.status_code == 412
    assert "已于" in second.json()["error"]["message"]
    assert second.json()["error"]["current"]["next_action"] == "研判"
    assert Lead.objects.get(pk=lead.pk).next_action == "研判"


def test_a_company_reads_flat_with_its_headquarters(client, leader, courted):
    from diaodu.investment.models import HeadquartersMove

    HeadquartersMove.objects.create(company=courted, status="negotiating", floor_area_m2=Decimal("1500"))
    client.force_login(leader)
    row = client.get(f"/api/companies/{courted.pk}/").json()
    assert row["name"] == "吉林同仁众合医疗科技有限公司" and row["credit_code"] == "91220105MA0Y3R2K5H"
    assert row["industry_display"] == "C 制造业" and row["is_resident"] is False
    assert row["headquarters"]["status_display"] == "洽谈中" and row["headquarters"]["floor_area_m2"] == "1500.00"


def test_the_companies_filter_by_residence(client, leader, courted, resident):
    client.force_login(leader)
    names = [row["name"] for row in client.get("/api/companies/", {"resident": "true"}).json()["results"]]
    assert names == [resident.name]


def test_the_lists_run_a_fixed_number_of_queries(client, leader, scout, courted, resident, chains):
    make_lead("一", courted, officer=scout, chain=chains["装备制造"])
    client.force_login(leader)
    client.get("/api/leads/")
    with CaptureQueriesContext(connection) as few_leads:
        client.get("/api/leads/")
    with CaptureQueriesContext(connection) as few_companies:
        client.get("/api/companies/")
    for number in range(6):
        company = make_company(f"吉林新企业{number}有限公司", resident_since=D(2020, 1, 1))
        lead = make_lead(f"线索{number}", company, officer=scout, chain=chains["医药健康"], referrer=resident,
                         source="referral")  # fmt: skip
        lead.activities.create(kind="visit", date=D(2026, 9, 2), summary="考察")
    with CaptureQueriesContext(connection) as many_leads:
        client.get("/api/leads/")
    with CaptureQueriesContext(connection) as many_companies:
        client.get("/api/companies/")
    assert len(many_leads) == len(few_leads)
    assert len(many_companies) == len(few_companies)
