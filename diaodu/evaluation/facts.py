"""The facts behind the scores: each measured record turned into a pass or a fail with its reason in words.

Pure functions over plain records (`selectors.py` reads them from the ledgers). Every rule measures the year
to date as of a day (`start` is 1 January, `as_of` the day):

- a step with a deadline (任务时限) is measured once its deadline has passed (deadline before `as_of`) or once
  it was finished in the year; it passes when it was finished on or before its deadline. A step finished
  after `as_of` was not finished on `as_of`;
- a period's progress report is measured once its due date has passed, or once it was submitted; it passes
  when submitted on or before the due date. A draft, a returned report and a period without a report are
  not submitted;
- an issue with a due date (its SLA) is measured once the due date has passed in the year, or once it was
  resolved in the year; it passes when resolved (办结) on or before the due date;
- a project under construction with an investment plan for the year: investment done this year up to
  序时进度 (credit, at most 序时进度) over 序时进度 (basis), both in 万元; it passes at or above 序时进度;
- a project with a recorded light on `as_of`: it passes unless that light is red;
- a 招商 officer: the investment of each lead he signed in the year (credit) over the year's target per
  officer prorated to `as_of` like 序时进度 (basis).

Days late are calendar days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from diaodu.core.units import format_money
from diaodu.progress.choices import Light
from diaodu.progress.lights import scheduled_amount

from .choices import Criterion, FactKind
from .scoring import CENT, ZERO, Fact, counted


@dataclass(frozen=True)
class StepRecord:
    id: int
    name: str
    project_name: str
    deadline: dt.date
    actual_finish: dt.date | None


@dataclass(frozen=True)
class ReportRecord:
    """A period's report; `id` None for a period without any report. `state`: submitted, draft, returned, missing."""

    id: int | None
    project_name: str
    period_label: str
    due: dt.date
    submitted_on: dt.date | None
    state: str = "submitted"


@dataclass(frozen=True)
class IssueRecord:
    id: int
    title: str
    project_name: str
    due: dt.date
    resolved_on: dt.date | None


@dataclass(frozen=True)
class InvestmentRecord:
    project_id: int
    project_name: str
    annual_plan: Decimal
    expected: Decimal  # 序时进度 in 万元 on the day
    invested: Decimal  # done this year up to the day


@dataclass(frozen=True)
class LightRecord:
    project_id: int
    project_name: str
    light: str
    since: dt.date
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeadRecord:
    id: int
    title: str
    investment: Decimal
    signed_on: dt.date


def _day(value: dt.date) -> str:
    return value.isoformat()


def _label(project_name: str, what: str) -> str:
    return _("%(project)s · %(what)s") % {"project": project_name, "what": what} if project_name else what


def step_fact(step: StepRecord, *, start: dt.date, as_of: dt.date, url: str) -> Fact | None:
    finished = step.actual_finish if step.actual_finish and step.actual_finish <= as_of else None
    measured = (start <= step.deadline < as_of) or (finished is not None and finished >= start)
    if not measured:
        return None
    values = {"deadline": _day(step.deadline), "as_of": _day(as_of)}
    if finished is None:
        passed = False
        values["days"] = (as_of - step.deadline).days
        reason = _("任务时限%(deadline)s，截至%(as_of)s未完成，已逾期%(days)d天") % values
    else:
        passed = finished <= step.deadline
        values |= {"finished": _day(finished), "days": (finished - step.deadline).days}
        if passed:
            reason = _("任务时限%(deadline)s，%(finished)s完成，按期") % values
        else:
            reason = _("任务时限%(deadline)s，实际完成%(finished)s，逾期%(days)d天") % values
    label = _label(step.project_name, step.name)
    return counted(Criterion.STEPS, FactKind.STEP, step.id, label, url, passed, reason, _day(step.deadline))


def _not_submitted_note(state: str) -> str:
    if state == "draft":
        return _("草稿尚未报送")
    if state == "returned":
        return _("被退回后尚未重新报送")
    return ""


def report_fact(report: ReportRecord, *, as_of: dt.date, url: str) -> Fact | None:
    submitted = report.submitted_on if report.submitted_on and report.submitted_on <= as_of else None
    if submitted is None and report.due >= as_of:
        return None
    values = {"period": report.period_label, "due": _day(report.due), "as_of": _day(as_of)}
    if submitted is None:
        passed = False
        values["days"] = (as_of - report.due).days
        reason = _("%(period)s报告截至%(as_of)s未报送（截止%(due)s），已逾期%(days)d天") % values
        note = _not_submitted_note(report.state)
        if note:
            reason = f"{reason}；{note}"
    else:
        passed = submitted <= report.due
        values |= {"submitted": _day(submitted), "days": (submitted - report.due).days}
        if passed:
            reason = _("%(period)s报告按时报送（截止%(due)s，%(submitted)s报送）") % values
        else:
            reason = _("%(period)s报告逾期%(days)d天报送（截止%(due)s，%(submitted)s报送）") % values
    label = _label(report.project_name, _("%(period)s报告") % {"period": report.period_label})
    return counted(Criterion.REPORTS, FactKind.REPORT, report.id, label, url, passed, reason, _day(report.due))


def issue_fact(issue: IssueRecord, *, start: dt.date, as_of: dt.date, url: str) -> Fact | None:
    resolved = issue.resolved_on if issue.resolved_on and issue.resolved_on <= as_of else None
    measured = (start <= issue.due < as_of) or (resolved is not None and resolved >= start)
    if not measured:
        return None
    values = {"due": _day(issue.due), "as_of": _day(as_of)}
    if resolved is None:
        passed = False
        values["days"] = (as_of - issue.due).days
        reason = _("办理时限%(due)s，截至%(as_of)s未办结，已逾期%(days)d天") % values
    else:
        passed = resolved <= issue.due
        values |= {"resolved": _day(resolved), "days": (resolved - issue.due).days}
        if passed:
            reason = _("办理时限%(due)s，%(resolved)s办结，按期") % values
        else:
            reason = _("办理时限%(due)s，%(resolved)s办结，逾期%(days)d天") % values
    label = _label(issue.project_name, issue.title)
    return counted(Criterion.ISSUES, FactKind.ISSUE, issue.id, label, url, passed, reason, _day(issue.due))


def _percent(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def investment_fact(record: InvestmentRecord, *, as_of: dt.date, url: str) -> Fact | None:
    expected = record.expected.quantize(CENT, rounding=ROUND_HALF_UP)
    if expected <= 0:
        return None
    invested = record.invested
    passed = invested >= expected
    reason = _("年度计划%(plan)s，截至%(as_of)s序时进度%(expected)s，本年完成%(done)s，为序时进度的%(percent)s") % {
        "plan": format_money(record.annual_plan),
        "as_of": _day(as_of),
        "expected": format_money(expected),
        "done": format_money(invested),
        "percent": _percent(invested, expected),
    }
    if invested > expected:
        reason = f"{reason}；{_('超出部分不计')}"
    credit = min(invested, expected)
    return Fact(
        Criterion.INVESTMENT, FactKind.PROJECT, record.project_id, record.project_name, url, passed, reason,
        credit, expected,
    )  # fmt: skip


def light_fact(record: LightRecord, *, as_of: dt.date, url: str) -> Fact:
    passed = record.light != Light.RED
    if passed:
        reason = _("截至%(as_of)s为%(light)s（%(since)s起）") % {
            "as_of": _day(as_of),
            "light": Light(record.light).label,
            "since": _day(record.since),
        }
    else:
        reason = _("%(since)s起亮红灯") % {"since": _day(record.since)}
        if record.reasons:
            reason = f"{reason}：{'；'.join(record.reasons)}"
    return counted(Criterion.RED, FactKind.PROJECT, record.project_id, record.project_name, url, passed, reason)


def signed_facts(
    leads: list[LeadRecord], *, target: Decimal, start: dt.date, as_of: dt.date, lead_url, target_url: str
) -> list[Fact]:
    """A 招商 officer's signed leads of the year (credit) and the year's target prorated to `as_of` (basis)."""
    facts = []
    signed = ZERO
    for lead in sorted(leads, key=lambda lead: (lead.signed_on, lead.id)):
        if not start <= lead.signed_on <= as_of:
            continue
        signed += lead.investment
        reason = _("%(day)s签约，意向投资%(amount)s") % {
            "day": _day(lead.signed_on),
            "amount": format_money(lead.investment),
        }
        facts.append(
            Fact(
                Criterion.SIGNED, FactKind.LEAD, lead.id, lead.title, lead_url(lead.id), True, reason,
                lead.investment, ZERO, _day(lead.signed_on),
            )
        )  # fmt: skip
    if target > 0:
        expected = scheduled_amount(as_of, target).quantize(CENT, rounding=ROUND_HALF_UP)
        reason = _("年度签约目标%(target)s，截至%(as_of)s序时目标%(expected)s，已签约%(signed)s") % {
            "target": format_money(target),
            "as_of": _day(as_of),
            "expected": format_money(expected),
            "signed": format_money(signed),
        }
        facts.append(
            Fact(
                Criterion.SIGNED, FactKind.TARGET, None, _("年度签约目标"), target_url, signed >= expected, reason,
                ZERO, expected, "9999",
            )
        )  # fmt: skip
    return facts
