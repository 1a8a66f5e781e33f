"""Large leads (≥ 1 亿元) are registered, assessed, answered and reported on in working days; overdue ones are
flagged and reminded once per deadline. National Day 2026: 1–7 October off, Saturday 10 October worked."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from diaodu.core.models import CalendarDay
from diaodu.investment import sla
from diaodu.investment.models import Lead, ResponseRules
from diaodu.investment.services import (
    lead_advance,
    lead_create,
    lead_log_activity,
    leads_remind,
    rules_set,
)
from diaodu.notify.models import Notification
from tests.investment.conftest import make_lead
from tests.progress.conftest import at_noon

pytestmark = pytest.mark.django_db
D = dt.date


def create(user, company, day: dt.date, **fields) -> Lead:
    fields.setdefault("investment", Decimal("12000"))
    with time_machine.travel(at_noon(day), tick=False):
        return lead_create(user=user, title="瑞和大健康产业园", company=company, source="other", **fields)


def dues(lead: Lead, rules) -> dict[str, dt.date]:
    return {item.step.value: item.due for item in sla.deadlines(lead, rules)}


def test_a_large_lead_received_before_national_day_counts_working_days_across_it(scout, courted, rules):
    lead = create(scout, courted, D(2026, 9, 29))
    # 9-30 (1); 10-1 … 10-7 off; 10-8 (2), 10-9 (3), Saturday 10-10 (4), 10-12 (5), 10-13 … 10-16, 10-19 (10).
    assert dues(lead, rules) == {
        "register": D(2026, 9, 30),
        "assess": D(2026, 10, 9),
        "feedback": D(2026, 10, 12),
        "report": D(2026, 10, 19),
    }
    assert lead.entered_on == D(2026, 9, 29)  # registered the day it came in: on time
    assert (lead.is_large, lead.sla_step, lead.sla_due_on) == (True, "assess", D(2026, 10, 9))


def test_a_lead_received_during_the_holiday_counts_from_the_next_working_day(scout, courted, rules):
    lead = create(scout, courted, D(2026, 10, 3))
    assert dues(lead, rules) == {
        "register": D(2026, 10, 8),
        "assess": D(2026, 10, 10),  # the adjusted working Saturday
        "feedback": D(2026, 10, 13),
        "report": D(2026, 10, 20),
    }


def test_entering_a_lead_late_is_recorded_as_a_late_registration(scout, courted, rules):
    lead = create(scout, courted, D(2026, 10, 12), received_on=D(2026, 9, 29))
    register = sla.deadlines(lead, rules)[0]
    assert (register.due, register.done_on, register.was_late) == (D(2026, 9, 30), D(2026, 10, 12), True)
    # Four working days late: 10-8, 10-9, Saturday 10-10 and 10-12.
    assert register.describe(D(2026, 10, 12)) == "登记应于2026-09-30前完成，2026-10-12完成，超时4个工作日"
    assert (lead.sla_step, lead.sla_due_on) == ("assess", D(2026, 10, 9))  # and its assessment is overdue already


def test_a_lead_below_one_yi_has_no_deadlines(scout, courted, rules):
    lead = create(scout, courted, D(2026, 9, 29), investment=Decimal("9999.99"))
    assert sla.deadlines(lead, rules) == []
    assert (lead.is_large, lead.sla_step, lead.sla_due_on) == (False, "", None)


def test_the_log_meets_the_deadlines_one_after_the_other(scout, courted, rules):
    lead = create(scout, courted, D(2026, 9, 29))
    with time_machine.travel(at_noon(D(2026, 10, 12)), tick=False):
        lead_log_activity(user=scout, lead=lead, kind="assessment", date=D(2026, 10, 9), summary="研判：符合定位")
        lead.refresh_from_db()
        assert (lead.assessed_on, lead.sla_step, lead.sla_due_on) == (D(2026, 10, 9), "feedback", D(2026, 10, 12))
        lead_log_activity(user=scout, lead=lead, kind="feedback", date=D(2026, 10, 12), summary="反馈研判意见")
        lead.refresh_from_db()
        assert (lead.sla_step, lead.sla_due_on) == ("report", D(2026, 10, 19))
    with time_machine.travel(at_noon(D(2026, 10, 19)), tick=False):
        lead_log_activity(user=scout, lead=lead, kind="report", date=D(2026, 10, 19), summary="向分管领导报告")
    lead.refresh_from_db()
    # Every two weeks: ten working days from the last report.
    assert (lead.last_reported_on, lead.sla_step, lead.sla_due_on) == (D(2026, 10, 19), "report", D(2026, 11, 2))


def test_a_visit_or_a_meeting_meets_no_deadline(scout, courted):
    lead = create(scout, courted, D(2026, 9, 29))
    with time_machine.travel(at_noon(D(2026, 10, 12)), tick=False):
        lead_log_activity(user=scout, lead=lead, kind="visit", date=D(2026, 10, 9), summary="来区考察")
    lead.refresh_from_db()
    assert (lead.sla_step, lead.sla_due_on) == ("assess", D(2026, 10, 9))


def test_once_lost_started_or_converted_nothing_more_falls_due(scout, courted, rules, signed_lead):
    lead = create(scout, courted, D(2026, 9, 29))
    with time_machine.travel(at_noon(D(2026, 10, 12)), tick=False):
        lead = lead_advance(user=scout, lead=lead, stage="lost", lost_reason="企业战略调整")
    assert (lead.sla_step, lead.sla_due_on) == ("", None)
    assert [item.step.value for item in sla.deadlines(lead, rules)] == ["register"]  # the one met stays on record
    signed_lead.project_id = None
    assert sla.is_working(signed_lead)
    Lead.objects.filter(pk=signed_lead.pk).update(stage="started")
    signed_lead.refresh_from_db()
    assert not sla.is_working(signed_lead)


def test_the_rules_are_configurable_and_every_lead_follows_at_once(scout, courted, dispatcher, rules):
    small = create(scout, courted, D(2026, 9, 29), investment=Decimal("6000"))
    large = make_lead("大项目", courted, officer=scout, investment=Decimal("20000"), received_on=D(2026, 9, 29))
    rules_set(user=dispatcher, threshold=Decimal("5000"), assess_workdays=2, feedback_workdays=7)
    small.refresh_from_db()
    large.refresh_from_db()
    assert (small.is_large, small.sla_step, small.sla_due_on) == (True, "assess", D(2026, 10, 8))
    assert (large.sla_step, large.sla_due_on) == ("assess", D(2026, 10, 8))
    assert dues(small, ResponseRules.load())["feedback"] == D(2026, 10, 14)


def test_the_rules_refuse_deadlines_out_of_order(dispatcher, rules):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        rules_set(user=dispatcher, assess_workdays=6)
    assert refused.value.message_dict == {"assess_workdays": ["时限应逐项不减：登记 ≤ 研判 ≤ 反馈。"]}


def test_a_holiday_entered_in_the_app_moves_the_stored_deadline(scout, courted, django_capture_on_commit_callbacks):
    lead = create(scout, courted, D(2026, 9, 29))
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=D(2026, 10, 9), kind="holiday", name="防汛调休")
    lead.refresh_from_db()
    assert (lead.sla_step, lead.sla_due_on) == ("assess", D(2026, 10, 10))


def test_overdue_leads_are_flagged_on_the_pipeline_and_on_their_page(client, scout, courted):
    lead = create(scout, courted, D(2026, 9, 29))
    with time_machine.travel(at_noon(D(2026, 10, 12)), tick=False):
        client.force_login(scout)
        pipeline = client.get(reverse("investment-pipeline")).text
        detail = client.get(reverse("lead-detail", args=[lead.pk])).text
    assert 'data-testid="card-overdue">1' in pipeline
    assert 'data-testid="overdue-lead"' in pipeline and "研判应于 2026-10-09 前完成" in pipeline
    assert 'data-testid="overdue-flag">研判逾期' in pipeline
    assert 'data-testid="overdue-flag">研判逾期' in detail
    # Two working days late: Saturday 10-10 (worked) and 10-12.
    assert "研判应于2026-10-09前完成，已逾期2个工作日" in detail
    with time_machine.travel(at_noon(D(2026, 10, 9)), tick=False):
        client.force_login(scout)
        assert 'data-testid="overdue-lead"' not in client.get(reverse("investment-pipeline")).text  # due today


def test_the_officer_and_the_bureau_head_are_reminded_once_per_deadline(scout, courted, bureau, bureau_user):
    bureau.head = bureau_user.person
    bureau.save()
    lead = create(scout, courted, D(2026, 9, 29))
    assert leads_remind(as_of=D(2026, 10, 9)) == {"overdue": 0, "reminded": 0}
    assert leads_remind(as_of=D(2026, 10, 12)) == {"overdue": 1, "reminded": 1}
    told = Notification.objects.all()
    assert {n.recipient for n in told} == {scout, bureau_user}
    note = told.first()
    assert note.event == "general" and note.title == "重大招商线索逾期：瑞和大健康产业园"
    assert "研判应于2026-10-09前完成，已逾期2个工作日" in note.body and note.url == f"/investment/leads/{lead.pk}/"
    assert leads_remind(as_of=D(2026, 10, 12)) == {"overdue": 1, "reminded": 0}  # not twice
    # The assessment is made; the feedback falls overdue next: a new deadline, a new reminder.
    with time_machine.travel(at_noon(D(2026, 10, 12)), tick=False):
        lead_log_activity(user=scout, lead=lead, kind="assessment", date=D(2026, 10, 12), summary="研判")
    assert leads_remind(as_of=D(2026, 10, 13)) == {"overdue": 1, "reminded": 1}
    assert Notification.objects.filter(body__contains="反馈应于2026-10-12前完成").count() == 2


def test_the_command_reminds_as_of_a_day(scout, courted, capsys):
    create(scout, courted, D(2026, 9, 29))
    call_command("remind_leads", "--as-of", "2026-10-12")
    assert capsys.readouterr().out.strip() == "1 large leads overdue, 1 reminders sent"
    assert Notification.objects.filter(recipient=scout).count() == 1


def test_the_task_reminds_as_of_a_day(scout, courted):
    from diaodu.investment.tasks import remind_overdue_leads

    create(scout, courted, D(2026, 9, 29))
    result = remind_overdue_leads.enqueue("2026-10-12")
    assert result.return_value == {"overdue": 1, "reminded": 1}
