"""A parcel moves forward one status at a time, on dates that happened and follow each other."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from diaodu.land.models import Parcel
from diaodu.land.services import parcel_advance, parcel_create, parcel_update
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 6, 15)


@pytest.fixture(autouse=True)
def mid_june():
    with time_machine.travel(at_noon(TODAY), tick=False):
        yield


def advance(user, parcel, status, day, **kwargs):
    return parcel_advance(user=user, parcel=parcel, status=status, date=day, **kwargs)


def test_a_parcel_goes_from_plan_to_supply_with_the_date_of_each_step(planned_parcel, expropriation_user):
    parcel = advance(expropriation_user, planned_parcel, "acquiring", D(2026, 3, 1))
    parcel = advance(expropriation_user, parcel, "acquired", D(2026, 5, 10))
    parcel = advance(expropriation_user, parcel, "reserved", D(2026, 5, 10))  # the same day is fine
    parcel = advance(expropriation_user, parcel, "supplied", TODAY, supply_method="transfer")
    parcel.refresh_from_db()
    assert parcel.status == "supplied" and parcel.supply_method == "transfer"
    assert (parcel.acquiring_on, parcel.acquired_on, parcel.reserved_on, parcel.supplied_on) == (
        D(2026, 3, 1), D(2026, 5, 10), D(2026, 5, 10), TODAY,
    )  # fmt: skip
    entries = list(parcel.history.order_by("history_date", "history_id"))
    assert [change.field for change in entries[-1].diff_against(entries[-2]).changes] == [
        "status", "supplied_on", "supply_method",
    ]  # fmt: skip
    assert [entry.history_change_reason for entry in entries[1:]] == [
        "征收中：2026-03-01",
        "已征收：2026-05-10",
        "已收储：2026-05-10",
        "已供应：2026-06-15（出让）",
    ]
    assert {entry.history_user for entry in entries[1:]} == {expropriation_user}


def test_a_step_cannot_be_skipped(planned_parcel, dispatcher):
    with pytest.raises(ValidationError) as refused:
        advance(dispatcher, planned_parcel, "acquired", D(2026, 5, 1))
    assert refused.value.message_dict["status"] == [
        "地块“洁净工业园A-03地块”当前为“计划征收”，下一步只能是“征收中”，不能变更为“已征收”。"
    ]
    assert Parcel.objects.get(pk=planned_parcel.pk).status == "planned"


def test_a_parcel_never_goes_back(planned_parcel, dispatcher):
    parcel = advance(dispatcher, planned_parcel, "acquiring", D(2026, 3, 1))
    with pytest.raises(ValidationError) as refused:
        advance(dispatcher, parcel, "planned", D(2026, 3, 2))
    assert "下一步只能是“已征收”" in refused.value.message_dict["status"][0]


def test_a_supplied_parcel_is_final(ledger, dispatcher):
    with pytest.raises(ValidationError) as refused:
        advance(dispatcher, ledger["A"], "supplied", D(2026, 6, 1), supply_method="transfer")
    assert refused.value.message_dict["status"] == ["地块“A地块”已供应，状态不能再变更。"]


def test_a_date_in_the_future_is_refused(planned_parcel, dispatcher):
    with pytest.raises(ValidationError) as refused:
        advance(dispatcher, planned_parcel, "acquiring", D(2026, 6, 16))
    assert refused.value.message_dict["date"] == ["日期 2026-06-16 晚于今天（2026-06-15），请填写已经发生的日期。"]


def test_a_date_earlier_than_the_previous_step_is_refused(planned_parcel, dispatcher):
    parcel = advance(dispatcher, planned_parcel, "acquiring", D(2026, 3, 1))
    with pytest.raises(ValidationError) as refused:
        advance(dispatcher, parcel, "acquired", D(2026, 2, 28))
    assert refused.value.message_dict["date"] == ["“已征收”的日期 2026-02-28 不能早于“征收中”的日期 2026-03-01。"]
    assert Parcel.objects.get(pk=parcel.pk).acquired_on is None


def test_supply_needs_its_method_and_only_supply_takes_one(ledger, dispatcher):
    reserved = ledger["C"]
    with pytest.raises(ValidationError) as refused:
        advance(dispatcher, reserved, "supplied", TODAY)
    assert refused.value.message_dict["supply_method"] == ["供应地块时请选择供应方式：出让或划拨。"]
    with pytest.raises(ValidationError) as refused:
        advance(dispatcher, ledger["E"], "acquired", TODAY, supply_method="transfer")
    assert refused.value.message_dict["supply_method"] == ["只有供应地块时才填写供应方式。"]
    supplied = advance(dispatcher, reserved, "supplied", TODAY, supply_method="allocation")
    assert supplied.get_supply_method_display() == "划拨"


def test_status_and_dates_cannot_be_written_through_the_registry_services(planned_parcel, dispatcher):
    with pytest.raises(ValidationError) as refused:
        parcel_update(user=dispatcher, parcel=planned_parcel, status="supplied", supplied_on=TODAY)
    assert "status" in refused.value.messages[0] and "推进状态" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        parcel_create(user=dispatcher, number="X-1", name="X", area_ha="1", status="reserved")


def test_a_change_of_the_projects_served_is_named_in_the_history(planned_parcel, dispatcher, project_x, project_y):
    parcel_update(user=dispatcher, parcel=planned_parcel, projects=[project_y, project_x])
    parcel_update(user=dispatcher, parcel=planned_parcel, projects=[project_x, project_y], note="同一组项目")
    parcel_update(user=dispatcher, parcel=planned_parcel, projects=[])
    reasons = [entry.history_change_reason for entry in planned_parcel.history.order_by("history_id")][1:]
    assert reasons == [
        "修改地块信息；服务项目：吉通机械总部、铸诚门业智能制造",
        "修改地块信息",
        "修改地块信息；服务项目：无",
    ]


def test_compensation_paid_cannot_exceed_the_budget(planned_parcel, dispatcher):
    with pytest.raises(ValidationError) as refused:
        parcel_update(user=dispatcher, parcel=planned_parcel, compensation_budget=100, compensation_paid=120)
    assert refused.value.message_dict["compensation_paid"] == [
        "已支付补偿（120.00 万元）不能超过征收补偿预算（100.00 万元）。"
    ]


def test_an_area_must_be_positive(dispatcher):
    with pytest.raises(ValidationError) as refused:
        parcel_create(user=dispatcher, number="X-1", name="X", area_ha=0)
    assert "area_ha" in refused.value.message_dict


def test_the_second_of_two_editors_is_told_and_nothing_is_lost(planned_parcel, dispatcher, expropriation_user):
    loaded = planned_parcel.version
    parcel_update(user=dispatcher, parcel=planned_parcel, seen_version=loaded, location="纬三路以南")
    with pytest.raises(ValidationError) as refused:
        parcel_update(user=expropriation_user, parcel=planned_parcel, seen_version=loaded, location="经五路以东")
    assert "已于" in refused.value.messages[0] and "被他人修改" in refused.value.messages[0]
    assert Parcel.objects.get(pk=planned_parcel.pk).location == "纬三路以南"
