"""Writes of project reserve and funding: applications and their flow, documents, bond finance.

Every write checks who may make it, validates with the model's rules, and saves with a history reason.
Refusals raise PermissionDenied (who) or ValidationError (what, or when) with a message in Chinese.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import concurrency
from diaodu.core.concurrency import EditConflict
from diaodu.core.units import format_money
from diaodu.projects.models import Project

from .choices import NEXT_STATUSES, STATUS_DATE_FIELDS, ApplicationStatus
from .models import BondFinance, FundingApplication, MaturityItem, ProjectDocument
from .permissions import is_funding_manager, may_change_application, may_edit_bond_finance, may_record_documents

S = ApplicationStatus
EDITABLE_FIELDS = ("project", "channel", "year", "batch", "requested_amount", "note")


def _save(record, *, user: AbstractBaseUser | None, reason: str) -> None:
    record._change_reason = reason
    if user is not None:
        record._history_user = user  # the history names the actor outside a request too (API, commands)
    record.save()


def _refuse_manager(user) -> None:
    if not is_funding_manager(user):
        raise PermissionDenied(_("只有项目办、经济发展局和财政局可以填报和变更资金申报。"))


@transaction.atomic
def application_create(
    *,
    user: AbstractBaseUser,
    project: Project,
    channel: str,
    year: int,
    requested_amount: Decimal,
    batch: str = "",
    note: str = "",
    conceived_on: dt.date | None = None,
) -> FundingApplication:
    """Record a new application (谋划): the money a project means to ask for from a channel in a year."""
    _refuse_manager(user)
    application = FundingApplication(
        project=project,
        channel=channel,
        year=year,
        batch=batch.strip(),
        requested_amount=requested_amount,
        note=note.strip(),
        status=S.CONCEIVED,
        conceived_on=conceived_on or timezone.localdate(),
    )
    application.full_clean()
    _save(application, user=user, reason=_("谋划资金申报"))
    return application


@transaction.atomic
def application_update(
    *,
    user: AbstractBaseUser,
    application: FundingApplication,
    loaded_at: dt.datetime | None = None,
    seen: str | None = None,
    **changes,
) -> FundingApplication:
    """Change an application's project, channel, year, batch, requested amount or note.

    `seen` is the version the editor loaded (see `diaodu.core.concurrency`), `loaded_at` the `updated_at` it
    stands for (older pages send that): if someone saved the application since, the change is refused with
    EditConflict rather than silently overwriting theirs.
    """
    if not may_change_application(user, application):
        raise PermissionDenied(_("只有项目办、经济发展局和财政局可以修改资金申报。"))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("这些字段不能直接修改：%(fields)s。") % {"fields": "、".join(sorted(unknown))})
    current = concurrency.lock(FundingApplication, application.pk, seen=seen)
    if loaded_at is not None and current.updated_at != loaded_at:
        raise EditConflict(
            current,
            _("该申请已于 %(when)s 被他人修改，请刷新页面后重新填写。")
            % {"when": timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M")},
        )
    for name, value in changes.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.full_clean()
    _save(current, user=user, reason=_("修改资金申报"))
    return current


def _check_transition(application: FundingApplication, status: str) -> None:
    if status not in S.values:
        raise ValidationError({"status": _("未知的状态：%(status)s。") % {"status": status}})
    allowed = NEXT_STATUSES[application.status]
    if status in allowed:
        return
    current = application.get_status_display()
    target = S(status).label
    if not allowed:
        raise ValidationError({"status": _("申请已“%(current)s”，不能再变更状态。") % {"current": current}})
    raise ValidationError(
        {
            "status": _("申请当前为“%(current)s”，不能改为“%(target)s”；下一步只能是“%(allowed)s”。")
            % {"current": current, "target": target, "allowed": "”或“".join(str(S(s).label) for s in allowed)}
        }
    )


def _previous_date(application: FundingApplication) -> dt.date | None:
    return getattr(application, STATUS_DATE_FIELDS[application.status])


@transaction.atomic
def application_advance(
    *,
    user: AbstractBaseUser,
    application: FundingApplication,
    status: str,
    date: dt.date | None = None,
    approved_amount: Decimal | None = None,
    received_amount: Decimal | None = None,
    reason: str = "",
) -> FundingApplication:
    """Move an application one step along 谋划 → 入库 → 申报 → 审核中 → 获批 / 未获批 → 资金到位.

    获批 needs the approved amount (≤ requested), 资金到位 the received amount (≤ approved). The date
    is the day the status was reached (today by default), never before the previous status's date
    nor after today.
    """
    if not may_change_application(user, application):
        raise PermissionDenied(_("只有项目办、经济发展局和财政局可以变更资金申报的状态。"))
    # Lock the row: two people advancing the same application at once must not both pass the check.
    current = FundingApplication.objects.select_for_update().get(pk=application.pk)
    _check_transition(current, status)
    today = timezone.localdate()
    date = date or today
    errors = {}
    if date > today:
        errors["date"] = _("日期不能晚于今天（%(today)s）。") % {"today": today.isoformat()}
    previous = _previous_date(current)
    if previous and date < previous:
        errors["date"] = _("日期不能早于“%(status)s”的日期 %(date)s。") % {
            "status": current.get_status_display(),
            "date": previous.isoformat(),
        }
    if status == S.APPROVED and approved_amount is None:
        errors["approved_amount"] = _("请填写获批金额。")
    if status == S.RECEIVED and received_amount is None:
        errors["received_amount"] = _("请填写到位金额。")
    if approved_amount is not None and status != S.APPROVED:
        errors["approved_amount"] = _("只有改为“获批”时填写获批金额。")
    if received_amount is not None and status != S.RECEIVED:
        errors["received_amount"] = _("只有改为“资金到位”时填写到位金额。")
    if errors:
        raise ValidationError(errors)
    old = current.get_status_display()
    current.status = status
    setattr(current, STATUS_DATE_FIELDS[status], date)
    if status == S.APPROVED:
        current.approved_amount = approved_amount
    if status == S.RECEIVED:
        current.received_amount = received_amount
    current.full_clean()
    text = _("状态：%(old)s → %(new)s") % {"old": old, "new": current.get_status_display()}
    if status == S.APPROVED:
        text += _("，获批 %(amount)s") % {"amount": format_money(approved_amount)}
    if status == S.RECEIVED:
        text += _("，到位 %(amount)s") % {"amount": format_money(received_amount)}
    if reason.strip():
        text += f"（{reason.strip()}）"
    _save(current, user=user, reason=text)
    return current


# --- documents and bond finance -------------------------------------------------------------------


@transaction.atomic
def document_record(
    *,
    user: AbstractBaseUser,
    project: Project,
    item: MaturityItem,
    provided_on: dt.date,
    reference: str = "",
    note: str = "",
) -> ProjectDocument:
    """Record (or correct) the document a project has for a checklist item."""
    if not may_record_documents(user, project):
        raise PermissionDenied(_("只有项目办、经济发展局、财政局或项目的包保干部可以登记项目文件。"))
    if provided_on > timezone.localdate():
        raise ValidationError({"provided_on": _("取得日期不能晚于今天。")})
    document = concurrency.lock_or_none(ProjectDocument, project=project, item=item)
    document = document or ProjectDocument(project=project, item=item)
    document.provided_on = provided_on
    document.reference = reference.strip()
    document.note = note.strip()
    document.full_clean(exclude=["project", "item"])
    _save(document, user=user, reason=_("登记项目文件：%(item)s") % {"item": item.name})
    return document


@transaction.atomic
def document_remove(*, user: AbstractBaseUser, document: ProjectDocument, reason: str = "") -> None:
    """Take a document off the checklist (recorded by mistake); its history keeps it."""
    if not may_record_documents(user, document.project):
        raise PermissionDenied(_("只有项目办、经济发展局、财政局或项目的包保干部可以登记项目文件。"))
    document._change_reason = reason.strip() or _("撤销项目文件：%(item)s") % {"item": document.item.name}
    document._history_user = user
    document.delete()


@transaction.atomic
def bond_finance_save(*, user: AbstractBaseUser, project: Project, seen: str | None = None, **values) -> BondFinance:
    """Record or change a special-bond project's finance plan (bond, term, rate, expected income).

    `seen`: the version of the plan the editor loaded (`NEW` when there was none); one saved since is refused.
    """
    if not may_edit_bond_finance(user, project):
        raise PermissionDenied(_("只有项目办、经济发展局和财政局可以填报专项债券融资平衡方案。"))
    plan = concurrency.lock_or_none(BondFinance, project=project)
    if plan is not None:
        concurrency.check(plan, seen)
    plan = plan or BondFinance(project=project)
    for name, value in values.items():
        setattr(plan, name, value)
    plan.full_clean(exclude=["project"])
    _save(plan, user=user, reason=_("填报专项债券融资平衡方案"))
    return plan
