"""The response rules for large leads, in working days: what is due by when, what is done, what is overdue.

From the day a lead of the rules' threshold or more comes in (`received_on`), counted in working days on the
official calendar (a day that is not a working day starts the count on the next one):
- 登记 (register) within `register_workdays`: met by the day it was entered in Diaodu (`entered_on`);
- 研判 (assess) within `assess_workdays`: met by the first assessment in its log;
- 反馈 (feedback to the company) within `feedback_workdays`: met by the first feedback in its log;
- 报告进展 (report) every `report_every_workdays` from the last progress report (or from coming in): never
  met for good, always due next while the zone works the lead.

Once a lead has started, is lost, or has become a key project (whose own progress reports take over), nothing
more falls due; the deadlines met stay on its page as a record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from diaodu.core import workdays

from .choices import ACTIVE_STAGES, SlaStep


@dataclass(frozen=True)
class Deadline:
    step: SlaStep
    due: dt.date
    done_on: dt.date | None = None

    @property
    def label(self) -> str:
        return str(self.step.label)

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    @property
    def was_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.is_open and self.due < day

    def days_late_on(self, day: dt.date) -> int:
        """Working days past the due date: on `day` while open, on the day it was met otherwise."""
        end = self.done_on or day
        return max(workdays.workdays_between(self.due, end), 0) if end > self.due else 0

    def describe(self, day: dt.date) -> str:
        if self.done_on is not None:
            if self.was_late:
                return _("%(step)s应于%(due)s前完成，%(done)s完成，超时%(n)d个工作日") % {
                    "step": self.label, "due": self.due, "done": self.done_on, "n": self.days_late_on(day),
                }  # fmt: skip
            return _("%(step)s已于%(done)s按时完成") % {"step": self.label, "done": self.done_on}
        if self.is_overdue_on(day):
            return _("%(step)s应于%(due)s前完成，已逾期%(n)d个工作日") % {
                "step": self.label, "due": self.due, "n": self.days_late_on(day),
            }  # fmt: skip
        return _("%(step)s应于%(due)s前完成") % {"step": self.label, "due": self.due}


def is_working(lead) -> bool:
    """Whether the zone still works the lead: not started, not lost, not yet a key project."""
    return lead.stage in ACTIVE_STAGES and lead.project_id is None


def deadlines(lead, rules) -> list[Deadline]:
    """The lead's deadlines under the rules, in order; none for a lead below the threshold.

    While the lead is worked, every deadline is listed (met or not); afterwards only those that were met.
    """
    if not rules.applies_to(lead.investment) or lead.received_on is None:
        return []
    start = lead.received_on
    items = [
        Deadline(SlaStep.REGISTER, workdays.add_workdays(start, rules.register_workdays), lead.entered_on),
        Deadline(SlaStep.ASSESS, workdays.add_workdays(start, rules.assess_workdays), lead.assessed_on),
        Deadline(SlaStep.FEEDBACK, workdays.add_workdays(start, rules.feedback_workdays), lead.feedback_on),
    ]
    if not is_working(lead):
        return [item for item in items if not item.is_open]
    last_report = lead.last_reported_on or start
    items.append(Deadline(SlaStep.REPORT, workdays.add_workdays(last_report, rules.report_every_workdays)))
    return items


def next_open(items: list[Deadline]) -> Deadline | None:
    """The open deadline that falls due first."""
    open_items = [item for item in items if item.is_open]
    return min(open_items, key=lambda item: (item.due, list(SlaStep).index(item.step)), default=None)


def overdue_key(items: list[Deadline], day: dt.date) -> str:
    """The open deadlines past on `day`, as "step:date,…": a reminder goes out once per key."""
    return ",".join(f"{item.step.value}:{item.due.isoformat()}" for item in items if item.is_overdue_on(day))
