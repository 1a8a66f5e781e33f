"""An application's flow: 谋划 → 入库 → 申报 → 审核中 → 获批 / 未获批 → 资金到位, forward only, one step at a time."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from diaodu.funding.models import FundingApplication
from diaodu.funding.services import application_advance, application_create, application_update

from .conftest import walk

pytestmark = pytest.mark.django_db
D = Decimal


def advance(application, user, status, **kwargs):
    return application_advance(user=user, application=application, status=status, **kwargs)


def test_each_status_is_reached_in_turn_with_its_date(application, finance_user):
    today = timezone.localdate()
    a = advance(application, finance_user, "registered", date=today - dt.timedelta(days=30))
    a = advance(a, finance_user, "submitted", date=today - dt.timedelta(days=20))
    a = advance(a, finance_user, "reviewing", date=today - dt.timedelta(days=10))
    a = advance(a, finance_user, "approved", approved_amount=D("8000"), date=today - dt.timedelta(days=5))
    a = advance(a, finance_user, "received", received_amount=D("6000"))
    a.refresh_from_db()
    assert a.status == "received"
    assert (a.registered_on, a.submitted_on, a.received_on) == (
        today - dt.timedelta(days=30),
        today - dt.timedelta(days=20),
        today,
    )
    assert (a.approved_amount, a.received_amount) == (D("8000"), D("6000"))


def test_skipping_a_status_is_refused(application, finance_user):
    with pytest.raises(ValidationError, match="申请当前为“谋划”，不能改为“申报”；下一步只能是“入库”"):
        advance(application, finance_user, "submitted")
    reviewing = walk(application, finance_user, "reviewing")
    with pytest.raises(ValidationError, match="不能改为“资金到位”；下一步只能是“获批”或“未获批”"):
        advance(reviewing, finance_user, "received", received_amount=D("1"))


def test_going_back_is_refused(application, finance_user):
    submitted = walk(application, finance_user, "submitted")
    with pytest.raises(ValidationError, match="不能改为“入库”"):
        advance(submitted, finance_user, "registered")


def test_approved_or_rejected_come_only_from_review(application, finance_user):
    registered = walk(application, finance_user, "registered")
    for status in ("approved", "rejected"):
        with pytest.raises(ValidationError, match="下一步只能是“申报”"):
            advance(registered, finance_user, status, approved_amount=D("1") if status == "approved" else None)
    rejected = walk(registered, finance_user, "rejected")
    assert rejected.status == "rejected" and rejected.rejected_on is not None
    with pytest.raises(ValidationError, match="申请已“未获批”，不能再变更状态"):
        advance(rejected, finance_user, "received", received_amount=D("1"))


def test_approval_needs_an_amount_no_larger_than_requested(application, finance_user):
    reviewing = walk(application, finance_user, "reviewing")
    with pytest.raises(ValidationError) as missing:
        advance(reviewing, finance_user, "approved")
    assert missing.value.message_dict == {"approved_amount": ["请填写获批金额。"]}
    with pytest.raises(ValidationError) as too_much:
        advance(reviewing, finance_user, "approved", approved_amount=D("10000.01"))
    assert too_much.value.message_dict["approved_amount"] == ["获批金额（1.00 亿元）不能超过申请金额（1.00 亿元）。"]
    assert advance(reviewing, finance_user, "approved", approved_amount=D("10000")).approved_amount == D("10000")


def test_received_comes_only_after_approval_with_no_more_than_approved(application, finance_user):
    approved = walk(application, finance_user, "approved", approved_amount=D("8000"))
    with pytest.raises(ValidationError) as missing:
        advance(approved, finance_user, "received")
    assert missing.value.message_dict == {"received_amount": ["请填写到位金额。"]}
    with pytest.raises(ValidationError) as too_much:
        advance(approved, finance_user, "received", received_amount=D("8000.01"))
    assert too_much.value.message_dict["received_amount"] == [
        "到位金额（8,000.01 万元）不能超过获批金额（8,000.00 万元）。"
    ]
    assert FundingApplication.objects.get(pk=application.pk).status == "approved"  # nothing was saved
    assert advance(approved, finance_user, "received", received_amount=D("8000")).status == "received"


def test_amounts_belong_to_their_status(application, finance_user):
    with pytest.raises(ValidationError) as early:
        advance(application, finance_user, "registered", approved_amount=D("5"))
    assert "approved_amount" in early.value.message_dict


def test_a_date_before_the_previous_status_or_after_today_is_refused(application, finance_user):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="日期不能早于“谋划”的日期"):
        advance(application, finance_user, "registered", date=today - dt.timedelta(days=91))
    with pytest.raises(ValidationError, match="日期不能晚于今天"):
        advance(application, finance_user, "registered", date=today + dt.timedelta(days=1))


def test_each_change_is_kept_in_the_history_with_its_reason(application, finance_user):
    walk(application, finance_user, "received", approved_amount=D("8000"), received_amount=D("5000"))
    reasons = list(
        application.history.order_by("history_date", "history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons == [
        "谋划资金申报",
        "状态：谋划 → 入库",
        "状态：入库 → 申报",
        "状态：申报 → 审核中",
        "状态：审核中 → 获批，获批 8,000.00 万元",
        "状态：获批 → 资金到位，到位 5,000.00 万元",
    ]
    assert {entry.history_user_id for entry in application.history.all()} == {finance_user.pk}


def test_the_requested_amount_must_be_positive_and_stay_above_the_approved(project_x, application, finance_user):
    with pytest.raises(ValidationError, match="申请金额应大于0万元"):
        application_create(user=finance_user, project=project_x, channel="other", year=2026, requested_amount=D("0"))
    approved = walk(application, finance_user, "approved", approved_amount=D("8000"))
    with pytest.raises(ValidationError, match=re.escape("获批金额（8,000.00 万元）不能超过申请金额（7,000.00 万元）")):
        application_update(user=finance_user, application=approved, requested_amount=D("7000"))


def test_an_edit_over_someone_elses_newer_save_is_refused(application, finance_user, dispatcher):
    loaded_at = application.updated_at
    application_update(user=dispatcher, application=application, note="已与财政局对接")
    with pytest.raises(ValidationError, match=r"已于 .* 被他人修改，请刷新页面后重新填写"):
        application_update(user=finance_user, application=application, loaded_at=loaded_at, note="覆盖")
    assert FundingApplication.objects.get(pk=application.pk).note == "已与财政局对接"


def test_the_status_cannot_be_edited_directly(application, finance_user):
    with pytest.raises(ValidationError, match="这些字段不能直接修改：status"):
        application_update(user=finance_user, application=application, status="approved")
