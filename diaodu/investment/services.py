"""Writes of investment attraction: leads and their log, conversion, reminders, rules, targets (companies and
headquarters moves: `companies.py`).

Every write checks who may make it, runs in a transaction, locks the row it reads before it writes, and leaves
a history entry with its author and reason. Refusals raise PermissionDenied (who) or ValidationError (what,
or when) with a message in Chinese that names the field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import concurrency
from diaodu.core.access import access_for
from diaodu.core.concurrency import EditConflict
from diaodu.notify.services import notify
from diaodu.org.models import Department, Person
from diaodu.projects.choices import Category, Stage, TemplateKind
from diaodu.projects.models import Project, ScheduleTemplate
from diaodu.projects.services import project_apply_template

from . import sla
from .choices import SIGNED_STAGES, ActivityKind, LeadStage, stage_index
from .models import (
    InvestmentTarget,
    Lead,
    LeadActivity,
    ResponseRules,
    investment_department_q,
)
from .permissions import may_configure, may_convert, may_create_leads, may_work_lead

# What a lead's form and the API may write; the stage moves through `lead_advance`, the rule dates through the log.
LEAD_FIELDS = (
    "title", "company", "description", "source", "source_detail", "referrer", "chain", "investment", "land_ha",
    "park", "officer", "next_action", "next_action_due", "received_on",
)  # fmt: skip


def _save(record, *, user: AbstractBaseUser | None, reason: str) -> None:
    record._change_reason = reason
    if user is not None:
        record._history_user = user  # the history names the actor outside a request too (API, commands)
    record.save()


def _check_fields(fields: dict, allowed: tuple[str, ...], hint: str = "") -> None:
    unknown = ", ".join(sorted(set(fields) - set(allowed)))
    if unknown:
        raise ValidationError(_("不能直接修改：%(fields)s。%(hint)s") % {"fields": unknown, "hint": hint})


def _person_of(user) -> Person | None:
    person_id = access_for(user).person_id
    return Person.objects.filter(pk=person_id).first() if person_id else None


def _lead_url(lead: Lead) -> str:
    return reverse("lead-detail", args=[lead.pk])


def _bureau_head() -> Person | None:
    department = Department.objects.filter(investment_department_q()).select_related("head__user").first()
    return department.head if department else None


# --- leads ----------------------------------------------------------------------------------------


def lead_refresh_sla(lead: Lead, rules: ResponseRules) -> bool:
    """Store whether the response rules apply and the next open deadline; True when something changed."""
    items = sla.deadlines(lead, rules)
    upcoming = sla.next_open(items)
    values = {
        "is_large": rules.applies_to(lead.investment),
        "sla_step": upcoming.step.value if upcoming else "",
        "sla_due_on": upcoming.due if upcoming else None,
    }
    changed = any(getattr(lead, key) != value for key, value in values.items())
    for key, value in values.items():
        setattr(lead, key, value)
    return changed


def leads_refresh_sla(*, rules: ResponseRules | None = None, leads=None) -> int:
    """Recompute the stored deadlines of many leads (all by default): after the rules or the calendar change."""
    rules = rules or ResponseRules.load()
    changed = []
    for lead in leads if leads is not None else Lead.objects.all():
        if lead_refresh_sla(lead, rules):
            changed.append(lead)
    # Computed fields, not edits: bulk_update writes no history rows (and leaves `version` as it is).
    Lead.objects.bulk_update(changed, ["is_large", "sla_step", "sla_due_on"], batch_size=500)
    return len(changed)


def _check_work(user, lead: Lead) -> None:
    if not may_work_lead(user, lead):
        raise PermissionDenied(_("只有线索的招商负责人、投资促进局和项目办可以办理该线索。"))


def _check_past(day: dt.date, field: str, label: str) -> None:
    today = timezone.localdate()
    if day > today:
        raise ValidationError(
            {field: _("%(label)s %(day)s 晚于今天（%(today)s），请填写已经发生的日期。")
            % {"label": label, "day": day, "today": today}}
        )  # fmt: skip


@transaction.atomic
def lead_create(*, user: AbstractBaseUser, reason: str = "", **fields) -> Lead:
    """Register a lead (登记线索) on today's date; it starts at 线索. The officer is the registrant if none is named."""
    if not may_create_leads(user):
        raise PermissionDenied(_("只有项目办、投资促进局和招商人员可以登记招商线索。"))
    _check_fields(fields, LEAD_FIELDS, _("阶段请通过“推进阶段”办理。"))
    today = timezone.localdate()
    lead = Lead(**fields)
    lead.entered_on = today
    lead.stage_since = today
    lead.received_on = fields.get("received_on") or today
    _check_past(lead.received_on, "received_on", _("获取线索日期"))
    if lead.officer_id is None:
        lead.officer = _person_of(user)
    lead.full_clean()
    lead_refresh_sla(lead, ResponseRules.load())
    _save(lead, user=user, reason=reason or _("登记线索"))
    return lead


@transaction.atomic
def lead_update(
    *,
    user: AbstractBaseUser,
    lead: Lead,
    seen_version: int | None = None,
    seen: str | None = None,
    reason: str = "",
    **fields,
) -> Lead:
    """Edit a lead's data (not its stage: see `lead_advance`).

    A lead saved by someone else since the editor loaded it (`seen`, its version, or `seen_version`, its save
    counter) is refused with EditConflict.
    """
    _check_work(user, lead)
    _check_fields(fields, LEAD_FIELDS, _("阶段请通过“推进阶段”办理。"))
    if "received_on" in fields and fields["received_on"] is None:
        del fields["received_on"]  # left empty on the form: the day it came in stays as it was
    current = concurrency.lock(Lead, lead.pk, seen=seen)
    if seen_version is not None and current.version != seen_version:
        raise EditConflict(
            current,
            _("该线索已于 %(when)s 被他人修改，请刷新页面后重新修改。")
            % {"when": timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M")},
        )
    for key, value in fields.items():
        setattr(current, key, value)
    if "received_on" in fields:
        _check_past(current.received_on, "received_on", _("获取线索日期"))
    current.full_clean()
    lead_refresh_sla(current, ResponseRules.load())
    _save(current, user=user, reason=reason or _("修改线索信息"))
    return current


@transaction.atomic
def lead_advance(
    *, user: AbstractBaseUser, lead: Lead, stage: str, date: dt.date | None = None, lost_reason: str = ""
) -> Lead:
    """Move a lead on (线索 → 接洽 → 考察 → 洽谈 → 签约 → 注册 → 开工; stages may be skipped), or end it (终止).

    Refused: going back, moving a lead that has started or ended, ending one without a reason, signing one
    without an intended investment, a date in the future or before the current stage was reached. Reaching
    签约 (or a later stage directly) sets the signing date.
    """
    _check_work(user, lead)
    # Lock the row: two clicks on the same button must not both pass the stage check.
    current = Lead.objects.select_for_update().get(pk=lead.pk)
    try:
        target = LeadStage(stage)
    except ValueError:
        raise ValidationError({"stage": _("未知的阶段：%(stage)s。") % {"stage": stage}}) from None
    now = LeadStage(current.stage)
    if now == LeadStage.LOST:
        raise ValidationError({"stage": _("线索“%(title)s”已终止，不能再变更阶段。") % {"title": current.title}})
    if now == LeadStage.STARTED:
        raise ValidationError({"stage": _("线索“%(title)s”已开工，不能再变更阶段。") % {"title": current.title}})
    if target == LeadStage.LOST:
        if not lost_reason.strip():
            raise ValidationError({"lost_reason": _("终止线索请写明原因。")})
        current.lost_reason = lost_reason.strip()
    elif stage_index(target) <= stage_index(now):
        raise ValidationError(
            {"stage": _("线索只能向后推进：当前为“%(now)s”，不能变更为“%(target)s”。")
             % {"now": now.label, "target": target.label}}
        )  # fmt: skip
    date = date or timezone.localdate()
    _check_past(date, "date", _("日期"))
    if date < current.stage_since:
        raise ValidationError(
            {"date": _("日期 %(day)s 不能早于进入“%(now)s”的日期 %(since)s。")
             % {"day": date, "now": now.label, "since": current.stage_since}}
        )  # fmt: skip
    if target in SIGNED_STAGES:
        if not current.investment or current.investment <= Decimal(0):
            raise ValidationError({"stage": _("签约前请先填写意向投资额。")})
        current.signed_on = current.signed_on or date
    current.stage = target
    current.stage_since = date
    lead_refresh_sla(current, ResponseRules.load())
    reason = _("阶段：%(from)s → %(to)s（%(day)s）") % {"from": now.label, "to": target.label, "day": date.isoformat()}
    if target == LeadStage.LOST:
        reason = f"{reason} {current.lost_reason}"
    _save(current, user=user, reason=reason)
    return current


@transaction.atomic
def lead_log_activity(
    *,
    user: AbstractBaseUser,
    lead: Lead,
    kind: str,
    date: dt.date,
    summary: str,
    participants: str = "",
    next_action: str | None = None,
    next_action_due: dt.date | None = None,
) -> LeadActivity:
    """Log a visit, meeting, call, assessment, feedback or progress report; optionally set the next action.

    An assessment (研判) or feedback (反馈企业) meets that response rule on its date (the first one counts); a
    progress report (进展报告) restarts the reporting period.
    """
    _check_work(user, lead)
    current = Lead.objects.select_for_update().get(pk=lead.pk)
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("未知的记录类型：%(kind)s。") % {"kind": kind}})
    if not summary.strip():
        raise ValidationError({"summary": _("请填写记录内容。")})
    _check_past(date, "date", _("日期"))
    if date < current.received_on:
        raise ValidationError(
            {"date": _("日期 %(day)s 早于获取线索日期 %(received)s。") % {"day": date, "received": current.received_on}}
        )
    activity = LeadActivity(
        lead=current, kind=kind, date=date, summary=summary.strip(), participants=participants.strip()
    )
    activity.author = _person_of(user)
    activity.full_clean()
    _save(activity, user=user, reason=_("跟进记录"))
    if kind == ActivityKind.ASSESSMENT and (current.assessed_on is None or date < current.assessed_on):
        current.assessed_on = date
    if kind == ActivityKind.FEEDBACK and (current.feedback_on is None or date < current.feedback_on):
        current.feedback_on = date
    if kind == ActivityKind.REPORT and (current.last_reported_on is None or date > current.last_reported_on):
        current.last_reported_on = date
    if next_action is not None:
        current.next_action = next_action.strip()
        current.next_action_due = next_action_due if current.next_action else None
    current.full_clean()
    lead_refresh_sla(current, ResponseRules.load())
    label = ActivityKind(kind).label
    _save(current, user=user, reason=_("%(kind)s：%(day)s") % {"kind": label, "day": date.isoformat()})
    return activity


@transaction.atomic
def lead_convert_to_project(
    *,
    lead: Lead,
    user: AbstractBaseUser,
    name: str = "",
    responsible_leader: Person | None = None,
) -> Project:
    """Turn a signed lead into a key project (前期) in one step; the lead links to it. Converting twice is refused.

    The project carries the lead's company (as its owner, 建设单位), intended investment (总投资), park (所在片区)
    and 招商 officer (as its 包保干部, his department as the 责任单位), the chain's project category and the
    enterprise template's procedures. Any failure leaves neither a project nor a changed lead.
    """
    if not may_convert(user, lead):
        raise PermissionDenied(_("只有项目办可以将招商线索转为重点项目。"))
    # Lock the row: two clicks must not make two projects.
    current = (
        Lead.objects.select_for_update(of=("self",))
        .select_related("company__organisation", "chain", "officer", "project")
        .get(pk=lead.pk)
    )
    if current.project_id is not None:
        raise ValidationError(
            _("线索“%(title)s”已转为重点项目“%(project)s”，不能重复转换。")
            % {"title": current.title, "project": current.project.name}
        )
    if current.stage != LeadStage.SIGNED:
        raise ValidationError(
            {"stage": _("只有“签约”阶段的线索可以转为重点项目；线索“%(title)s”当前为“%(stage)s”。")
             % {"title": current.title, "stage": current.get_stage_display()}}
        )  # fmt: skip
    officer = current.officer
    project = Project(
        name=(name or current.title).strip(),
        category=current.chain.project_category if current.chain else Category.INDUSTRIAL,
        stage=Stage.PREPARATION,
        area_id=current.park_id,
        owner=current.company.organisation,
        scope=current.description,
        total_investment=current.investment,
        responsible_officer=officer,
        responsible_leader=responsible_leader,
        responsible_department_id=officer.department_id if officer else None,
    )
    project.full_clean()
    _save(project, user=user, reason=_("由招商线索“%(title)s”转入") % {"title": current.title})
    template = ScheduleTemplate.objects.filter(kind=TemplateKind.ENTERPRISE).order_by("pk").first()
    if template is not None:
        project_apply_template(project=project, template=template)
    current.project = project
    lead_refresh_sla(current, ResponseRules.load())  # the project's own reports take over from here
    _save(current, user=user, reason=_("转为重点项目：%(name)s") % {"name": project.name})
    recipients = [person for person in (officer, responsible_leader) if person is not None]
    if recipients:
        notify(
            recipients=recipients,
            event="general",
            title=_("招商线索已转为重点项目：%(name)s") % {"name": project.name},
            body=_("签约线索“%(title)s”已列入重点项目，请及时维护前期手续。") % {"title": current.title},
            url=reverse("project-detail", args=[project.pk]),
        )
    return project


# --- reminders ------------------------------------------------------------------------------------


def leads_remind(*, as_of: dt.date | None = None) -> dict[str, int]:
    """Tell the officer and the 投资促进局's head of each large lead with a deadline past; once per deadline.

    Returns how many leads are overdue and how many reminders went out.
    """
    as_of = as_of or timezone.localdate()
    rules = ResponseRules.load()
    overdue = list(
        Lead.objects.filter(sla_due_on__lt=as_of)
        .select_related("officer__user", "company__organisation")
        .order_by("sla_due_on", "pk")
    )
    head = _bureau_head()
    reminded = 0
    for lead in overdue:
        items = sla.deadlines(lead, rules)
        key = sla.overdue_key(items, as_of)
        if not key or key == lead.sla_reminded_key:
            continue
        late = [item.describe(as_of) for item in items if item.is_overdue_on(as_of)]
        with transaction.atomic():
            notify(
                recipients=[person for person in (lead.officer, head) if person is not None],
                event="general",
                title=_("重大招商线索逾期：%(title)s") % {"title": lead.title},
                body=_("%(company)s，意向投资%(amount)s。%(late)s。")
                % {"company": lead.company, "amount": lead.investment_text, "late": "；".join(late)},
                url=_lead_url(lead),
            )
            Lead.objects.filter(pk=lead.pk).update(sla_reminded_key=key)  # bookkeeping, not history
        reminded += 1
    return {"overdue": len(overdue), "reminded": reminded}


# --- rules and targets ----------------------------------------------------------------------------


@transaction.atomic
def rules_set(*, user: AbstractBaseUser, seen: str | None = None, **fields) -> ResponseRules:
    """Change the response rules; every lead's stored deadline follows at once. Refused (EditConflict) when the
    rules were saved since the version `seen`."""
    if not may_configure(user):
        raise PermissionDenied(_("只有项目办可以修改重大线索响应规则。"))
    allowed = ("threshold", "register_workdays", "assess_workdays", "feedback_workdays", "report_every_workdays")
    _check_fields(fields, allowed)
    rules = ResponseRules.load()
    rules = concurrency.lock(ResponseRules, rules.pk, seen=seen)
    for key, value in fields.items():
        setattr(rules, key, value)
    rules.full_clean()
    _save(rules, user=user, reason=_("修改重大线索响应规则"))
    leads_refresh_sla(rules=rules)
    return rules


@transaction.atomic
def target_set(
    *,
    user: AbstractBaseUser,
    year: int,
    signed_investment: Decimal,
    signed_count: int = 0,
    note: str = "",
    seen: str | None = None,
) -> InvestmentTarget:
    """Set (or change) a year's target of signed investment and signed projects (refused when saved since `seen`)."""
    if not may_configure(user):
        raise PermissionDenied(_("只有项目办可以下达招商目标。"))
    target = concurrency.lock_or_none(InvestmentTarget, year=year)
    if target is not None:
        concurrency.check(target, seen)
    target = target or InvestmentTarget(year=year)
    target.signed_investment = signed_investment
    target.signed_count = signed_count or 0
    target.note = note.strip()
    target.full_clean()
    _save(target, user=user, reason=_("下达%(year)d年招商目标") % {"year": year})
    return target
