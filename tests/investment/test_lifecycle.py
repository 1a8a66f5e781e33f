"""Writes of companies and leads: taking over a known organisation, two editors at once, moving a lead on."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from diaodu.investment.companies import company_create, company_update, headquarters_save
from diaodu.investment.models import Company, Lead
from diaodu.investment.services import lead_advance, lead_create, lead_log_activity, lead_update
from diaodu.org.models import Organisation
from tests.investment.conftest import VALID_CODE, make_lead
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = dt.date


def test_an_organisation_the_registry_knows_is_taken_over_not_copied(scout):
    known = Organisation.objects.create(
        name="吉林省吉通机械制造有限公司", credit_code=VALID_CODE, contact_name="吉通办"
    )
    company = company_create(user=scout, name="吉林省吉通机械制造有限公司", credit_code="", industry="C")
    assert company.organisation == known
    known.refresh_from_db()
    assert known.credit_code == VALID_CODE and known.contact_name == "吉通办"  # empty fields leave them as they are
    with pytest.raises(ValidationError) as twice:
        company_create(user=scout, name="吉林省吉通机械制造有限公司")
    assert twice.value.message_dict == {"name": ["“吉林省吉通机械制造有限公司”已登记为招商企业。"]}


def test_the_second_of_two_editors_is_told(scout, bureau_user, courted):
    seen = courted.version
    company_update(user=scout, company=courted, seen_version=seen, registered_in="吉林省长春市")
    with pytest.raises(ValidationError) as stale:
        company_update(user=bureau_user, company=courted, seen_version=seen, registered_in="北京市")
    assert "被他人修改，请刷新页面后重新修改" in stale.value.messages[0]
    assert Company.objects.get(pk=courted.pk).registered_in == "吉林省长春市"


def test_editing_the_organisations_name_and_contact_is_kept_in_its_history(scout, courted):
    company_update(user=scout, company=courted, contact_name="任众", contact_phone="13756012345")
    organisation = Organisation.objects.get(pk=courted.organisation_id)
    assert (organisation.contact_name, organisation.contact_phone) == ("任众", "13756012345")
    assert organisation.history.latest().history_user == scout


def test_moving_out_before_moving_in_is_refused(scout, courted):
    with pytest.raises(ValidationError) as refused:
        company_update(user=scout, company=courted, resident_since=D(2020, 1, 1), resident_until=D(2019, 1, 1))
    assert refused.value.message_dict == {"resident_until": ["迁出日期不能早于入驻日期。"]}


def test_a_headquarters_registration_cannot_precede_the_agreement(scout, courted):
    with pytest.raises(ValidationError) as refused:
        headquarters_save(user=scout, company=courted, status="moved", agreed_on=D(2026, 5, 1),
                          registered_on=D(2026, 4, 1))  # fmt: skip
    assert refused.value.message_dict == {"registered_on": ["总部注册日期不能早于同意迁入日期。"]}
    move = headquarters_save(user=scout, company=courted, status="negotiating")
    move = headquarters_save(user=scout, company=courted, status="agreed", agreed_on=D(2026, 5, 1))
    assert move.history.latest().history_change_reason == "总部迁入：已同意迁入"


@pytest.fixture
def lead(scout, courted):
    return make_lead("风电叶片制造项目", courted, officer=scout, investment=Decimal("46000"), stage="contacted",
                     stage_since=D(2026, 9, 10))  # fmt: skip


def test_a_lead_moves_forwards_and_may_skip_stages(scout, lead):
    lead = lead_advance(user=scout, lead=lead, stage="negotiating", date=D(2026, 10, 9))
    assert (lead.stage, lead.stage_since, lead.signed_on) == ("negotiating", D(2026, 10, 9), None)
    lead = lead_advance(user=scout, lead=lead, stage="registered", date=D(2026, 10, 20))
    assert (lead.stage, lead.signed_on) == ("registered", D(2026, 10, 20))  # signed on the day it got past 签约
    lead = lead_advance(user=scout, lead=lead, stage="started", date=D(2026, 11, 2))
    assert lead.signed_on == D(2026, 10, 20)
    with pytest.raises(ValidationError) as final:
        lead_advance(user=scout, lead=lead, stage="lost", lost_reason="x")
    assert final.value.message_dict == {"stage": ["线索“风电叶片制造项目”已开工，不能再变更阶段。"]}


def test_a_stage_date_is_neither_in_the_future_nor_before_the_current_stage(scout, lead):
    with time_machine.travel(at_noon(D(2026, 10, 12)), tick=False):
        with pytest.raises(ValidationError) as future:
            lead_advance(user=scout, lead=lead, stage="visited", date=D(2026, 10, 13))
        assert future.value.message_dict["date"] == ["日期 2026-10-13 晚于今天（2026-10-12），请填写已经发生的日期。"]
        with pytest.raises(ValidationError) as early:
            lead_advance(user=scout, lead=lead, stage="visited", date=D(2026, 9, 1))
        assert early.value.message_dict["date"] == ["日期 2026-09-01 不能早于进入“接洽”的日期 2026-09-10。"]


def test_a_lead_without_an_investment_cannot_be_signed(scout, lead):
    Lead.objects.filter(pk=lead.pk).update(investment=0)
    with pytest.raises(ValidationError) as refused:
        lead_advance(user=scout, lead=lead, stage="signed", date=D(2026, 10, 9))
    assert refused.value.message_dict == {"stage": ["签约前请先填写意向投资额。"]}


def test_a_lost_lead_keeps_its_reason_and_moves_no_more(scout, lead):
    lead = lead_advance(user=scout, lead=lead, stage="lost", date=D(2026, 10, 9), lost_reason="企业战略调整，转投西部")
    assert lead.lost_reason == "企业战略调整，转投西部"
    assert lead.history.latest().history_change_reason == "阶段：接洽 → 终止（2026-10-09） 企业战略调整，转投西部"
    with pytest.raises(ValidationError):
        lead_advance(user=scout, lead=lead, stage="negotiating")


def test_the_stage_and_rule_dates_cannot_be_written_directly(scout, lead, courted):
    with pytest.raises(ValidationError) as refused:
        lead_update(user=scout, lead=lead, stage="signed")
    assert refused.value.messages == ["不能直接修改：stage。阶段请通过“推进阶段”办理。"]
    with pytest.raises(ValidationError):
        lead_create(user=scout, title="x", company=courted, source="other", assessed_on=D(2026, 1, 1))


def test_a_log_entry_before_the_lead_came_in_is_refused(scout, lead):
    with pytest.raises(ValidationError) as refused:
        lead_log_activity(user=scout, lead=lead, kind="call", date=D(2026, 8, 1), summary="电话")
    assert refused.value.message_dict == {"date": ["日期 2026-08-01 早于获取线索日期 2026-09-01。"]}


def test_a_lead_received_in_the_future_is_refused(scout, courted):
    with time_machine.travel(at_noon(D(2026, 10, 12)), tick=False), pytest.raises(ValidationError) as refused:
        lead_create(user=scout, title="x", company=courted, source="other", received_on=D(2026, 10, 13))
    assert "获取线索日期 2026-10-13 晚于今天" in refused.value.message_dict["received_on"][0]


def test_leaving_the_received_day_empty_on_an_edit_keeps_it(scout, lead):
    lead = lead_update(user=scout, lead=lead, received_on=None, next_action="再次接洽")
    assert lead.received_on == D(2026, 9, 1) and lead.next_action == "再次接洽"
