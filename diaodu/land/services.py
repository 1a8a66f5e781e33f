"""Writes of the land ledger: register and edit a parcel, move it one status forward, set a year's quota.

Every write checks who may make it, runs in a transaction, locks the parcel's row where it reads before it
writes, and leaves a history entry with its author and reason. Refusals raise PermissionDenied (who) or
ValidationError (what, or when) with a message in Chinese that names the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import concurrency
from diaodu.core.concurrency import EditConflict
from diaodu.projects.models import Project

from .choices import STATUS_DATE_FIELD, STATUS_ORDER, ParcelStatus, SupplyMethod, next_status
from .models import LandQuota, Parcel
from .permissions import may_change_parcel, may_set_quota

# The fields a parcel's form and the API may write; status, supply method and dates move through `parcel_advance`.
EDITABLE_FIELDS = (
    "number", "name", "area_ha", "land_use", "location", "latitude", "longitude", "area",
    "compensation_budget", "compensation_paid", "farmland_conversion_approval", "expropriation_notice", "note",
)  # fmt: skip


def _save(record, *, user: AbstractBaseUser | None, reason: str) -> None:
    record._change_reason = reason
    if user is not None:
        record._history_user = user  # the history names the actor outside a request too (API, commands)
    record.save()


def _check_may_change(user, parcel: Parcel | None = None) -> None:
    if not may_change_parcel(user, parcel):
        raise PermissionDenied(_("只有项目办、征收办公室和自然资源局可以登记和修改地块。"))


def _check_editable(fields: dict) -> None:
    unknown = ", ".join(sorted(set(fields) - set(EDITABLE_FIELDS)))
    if unknown:
        raise ValidationError(_("不能直接修改：%(fields)s；状态和日期请通过“推进状态”办理。") % {"fields": unknown})


def _projects_reason(parcel: Parcel, projects: list[Project] | None) -> str:
    """The project links are not in the row's history: the reason names them when they change."""
    if projects is None:
        return ""
    before = set(parcel.projects.values_list("pk", flat=True)) if parcel.pk else set()
    if before == {project.pk for project in projects}:
        return ""
    names = "、".join(sorted(project.name for project in projects)) or _("无")
    return _("；服务项目：%(names)s") % {"names": names}


@transaction.atomic
def parcel_create(
    *, user: AbstractBaseUser, projects: Iterable[Project] | None = None, reason: str = "", **fields
) -> Parcel:
    """Register a parcel (登记地块); it starts as planned (计划征收) and moves on through `parcel_advance`."""
    _check_may_change(user)
    _check_editable(fields)
    projects = None if projects is None else list(projects)
    parcel = Parcel(**fields)
    parcel.full_clean()
    _save(parcel, user=user, reason=(reason or _("登记地块")) + _projects_reason(parcel, projects))
    if projects:
        parcel.projects.set(projects)
    return parcel


@transaction.atomic
def parcel_update(
    *,
    user: AbstractBaseUser,
    parcel: Parcel,
    projects: Iterable[Project] | None = None,
    seen_version: int | None = None,
    seen: str | None = None,
    reason: str = "",
    **fields,
) -> Parcel:
    """Edit a parcel's registry data (not its status: see `parcel_advance`).

    With `seen` (the version the editor loaded, see `diaodu.core.concurrency`) or `seen_version` (the save
    counter `version` the editor loaded), a parcel saved by someone else meanwhile is refused with
    EditConflict, so that the second of two people saving at once is told and nothing is silently lost.
    """
    _check_may_change(user, parcel)
    _check_editable(fields)
    # Lock the row: the version check and the write must see the same parcel.
    current = concurrency.lock(Parcel, parcel.pk, seen=seen)
    if seen_version is not None and current.version != seen_version:
        raise EditConflict(
            current,
            _("该地块已于 %(when)s 被他人修改，请刷新页面后重新修改。")
            % {"when": timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M")},
        )
    for key, value in fields.items():
        setattr(current, key, value)
    current.full_clean()
    projects = None if projects is None else list(projects)
    if projects is not None:
        # The editor chooses among the projects he sees; links to the others are not his to drop.
        projects += list(current.projects.exclude(pk__in=Project.objects.visible_to(user).values("pk")))
    _save(current, user=user, reason=(reason or _("修改地块信息")) + _projects_reason(current, projects))
    if projects is not None:
        current.projects.set(projects)
    return current


def _previous_date(parcel: Parcel, status: ParcelStatus) -> tuple[dt.date | None, str]:
    """The date of the step before `status`, with its label (a planned parcel has none)."""
    previous = STATUS_ORDER[STATUS_ORDER.index(status) - 1]
    field = STATUS_DATE_FIELD.get(previous)
    return (getattr(parcel, field) if field else None), str(previous.label)


@transaction.atomic
def parcel_advance(
    *,
    user: AbstractBaseUser,
    parcel: Parcel,
    status: str,
    date: dt.date,
    supply_method: str = "",
    note: str = "",
) -> Parcel:
    """Move a parcel one status forward (planned → 征收中 → 已征收 → 已收储 → 已供应) on the day it happened.

    Refused: a status other than the next one (no skipping, no going back), a date in the future or
    earlier than the previous step's date, a supply without its method (出让 or 划拨), a method for any
    other step.
    """
    _check_may_change(user, parcel)
    # Lock the row: two clicks on the same button (or two offices at once) must not both pass the status check.
    current = Parcel.objects.select_for_update().get(pk=parcel.pk)
    try:
        target = ParcelStatus(status)
    except ValueError:
        raise ValidationError({"status": _("未知的状态：%(status)s。") % {"status": status}}) from None
    expected = next_status(current.status)
    if expected is None:
        raise ValidationError({"status": _("地块“%(name)s”已供应，状态不能再变更。") % {"name": current.name}})
    if target != expected:
        raise ValidationError(
            {
                "status": _("地块“%(name)s”当前为“%(current)s”，下一步只能是“%(next)s”，不能变更为“%(target)s”。")
                % {
                    "name": current.name,
                    "current": current.get_status_display(),
                    "next": expected.label,
                    "target": target.label,
                }
            }
        )
    if date is None:
        raise ValidationError({"date": _("请填写“%(status)s”的日期。") % {"status": target.label}})
    today = timezone.localdate()
    if date > today:
        raise ValidationError(
            {"date": _("日期 %(date)s 晚于今天（%(today)s），请填写已经发生的日期。") % {"date": date, "today": today}}
        )
    previous, previous_label = _previous_date(current, target)
    if previous is not None and date < previous:
        raise ValidationError(
            {
                "date": _("“%(status)s”的日期 %(date)s 不能早于“%(previous)s”的日期 %(previous_date)s。")
                % {"status": target.label, "date": date, "previous": previous_label, "previous_date": previous}
            }
        )
    if target == ParcelStatus.SUPPLIED:
        if supply_method not in SupplyMethod.values:
            raise ValidationError({"supply_method": _("供应地块时请选择供应方式：出让或划拨。")})
        current.supply_method = supply_method
    elif supply_method:
        raise ValidationError({"supply_method": _("只有供应地块时才填写供应方式。")})
    current.status = target
    setattr(current, STATUS_DATE_FIELD[target], date)
    reason = _("%(status)s：%(date)s") % {"status": target.label, "date": date.isoformat()}
    if target == ParcelStatus.SUPPLIED:
        reason = f"{reason}（{current.get_supply_method_display()}）"
    if note.strip():
        reason = f"{reason} {note.strip()}"
    _save(current, user=user, reason=reason)
    return current


@transaction.atomic
def quota_set(
    *,
    user: AbstractBaseUser,
    year: int,
    acquire_ha: Decimal,
    supply_ha: Decimal,
    note: str = "",
    seen: str | None = None,
) -> LandQuota:
    """Set (or change) a year's 征供地 quota: hectares to acquire and to supply.

    `seen`: the version of the quota the editor loaded (`NEW` when there was none); a quota saved since is
    refused with EditConflict.
    """
    if not may_set_quota(user):
        raise PermissionDenied(_("只有项目办可以下达征供地任务。"))
    quota = concurrency.lock_or_none(LandQuota, year=year)
    if quota is not None:
        concurrency.check(quota, seen)
    quota = quota or LandQuota(year=year)
    quota.acquire_ha = acquire_ha
    quota.supply_ha = supply_ha
    quota.note = note.strip()
    quota.full_clean()
    _save(quota, user=user, reason=_("下达%(year)d年征供地任务") % {"year": year})
    return quota
