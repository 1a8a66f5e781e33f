"""Writes of the indicators: enter (or correct) a value for a period, set a year's target.

Each write checks who may make it, runs in a transaction, locks the row it reads before writing, and leaves
a history entry with its author and reason. Refusals raise PermissionDenied (who) or ValidationError (what)
with a message in Chinese that names the field.

Two offices entering the same period at once: the second is told, not silently overwritten. A write says
which value it replaces (`replaces`): None for a period it believes empty, the stored value for a correction.
If the stored value is not what the writer saw, the write is refused with the value found. A page also sends
the version of the record it showed (`seen`, see `diaodu.core.concurrency`): a record saved since, even with
the same value (its source or note changed), is refused with EditConflict.
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

from .arithmetic import is_period_start
from .choices import Granularity, IndicatorKind
from .models import Indicator, IndicatorTarget, IndicatorValue, period_label, period_start_message
from .permissions import may_edit_indicators


def _save(record, *, user: AbstractBaseUser | None, reason: str) -> None:
    record._change_reason = reason
    if user is not None:
        record._history_user = user  # the history names the actor outside a request too (API, commands)
    record.save()


def _check_may_edit(user) -> None:
    if not may_edit_indicators(user):
        raise PermissionDenied(_("只有项目办和管理员可以录入指标数值和目标。"))


def _check_figure(value: Decimal | None, field: str = "value") -> None:
    if value is None:
        raise ValidationError({field: _("请填写“数值”。")})
    if value < 0:
        raise ValidationError({field: _("“数值”不能为负数。")})


def _check_replaces(existing, replaces: Decimal | None, *, what: str, field: str, indicator: Indicator) -> None:
    """Refuse a write made on a stale reading of the stored value (see the module's docstring)."""
    if existing is None:
        return
    found = indicator.format_value(existing.value)
    if replaces is None:
        raise ValidationError(
            {
                field: _("%(what)s已有数值 %(found)s。如需更正，请点击该数值旁的“更正”（接口：同时提交 replaces）。")
                % {"what": what, "found": found}
            }
        )
    if existing.value != replaces:
        raise ValidationError(
            {
                field: _("%(what)s的数值已被他人改为 %(found)s（您看到的是 %(seen)s），请核对后再更正。")
                % {"what": what, "found": found, "seen": indicator.format_value(replaces)}
            }
        )


@transaction.atomic
def indicator_value_enter(
    *,
    user: AbstractBaseUser,
    indicator: Indicator,
    granularity: str,
    period_start: dt.date,
    value: Decimal,
    source: str = "",
    replaces: Decimal | None = None,
    seen: str | None = None,
) -> IndicatorValue:
    """Enter the value of `indicator` for a month, quarter or year, or correct it (`replaces` the value seen)."""
    _check_may_edit(user)
    if indicator.kind == IndicatorKind.RATIO:
        raise ValidationError(
            {
                "value": _("“%(name)s”是比率指标，由分子、分母计算，不能直接录入；请录入其分子和分母的数值。")
                % {"name": indicator.name}
            }
        )
    if granularity not in Granularity.values:
        raise ValidationError({"granularity": _("“周期”应为月、季度或年。")})
    if period_start is None:
        raise ValidationError({"period_start": _("请填写“周期起始日”。")})
    if not is_period_start(granularity, period_start):
        raise ValidationError({"period_start": period_start_message(granularity)})
    label = period_label(granularity, period_start)
    if period_start > timezone.localdate():
        raise ValidationError({"period_start": _("“周期”：%(period)s尚未开始，不能录入。") % {"period": label}})
    _check_figure(value)
    # Locked: two offices entering the same period at once must not both find it empty.
    existing = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, granularity=granularity, period_start=period_start)
        .first()
    )
    _check_replaces(existing, replaces, what=label, field="value", indicator=indicator)
    if existing is not None:
        concurrency.check(existing, seen)
    record = existing or IndicatorValue(indicator=indicator, granularity=granularity, period_start=period_start)
    if existing is not None and existing.value == value and existing.source == source.strip():
        return existing
    record.value = value
    record.source = source.strip()
    record.full_clean()
    if existing is None:
        reason = _("录入%(period)s数值") % {"period": label}
    else:
        reason = _("更正%(period)s数值（原为 %(old)s）") % {"period": label, "old": indicator.format_value(replaces)}
    _save(record, user=user, reason=reason)
    return record


@transaction.atomic
def indicator_target_set(
    *,
    user: AbstractBaseUser,
    indicator: Indicator,
    year: int,
    value: Decimal,
    is_plan_end: bool = False,
    note: str = "",
    replaces: Decimal | None = None,
    seen: str | None = None,
) -> IndicatorTarget:
    """Set (or change) the target of `indicator` for `year`; `replaces` is the target seen, None if there was none."""
    _check_may_edit(user)
    if year is None or not 2000 <= year <= 2100:
        raise ValidationError({"year": _("“年度”应为2000至2100之间的四位数字。")})
    _check_figure(value)
    if value == 0:
        raise ValidationError({"value": _("“目标值”应大于0。")})
    existing = concurrency.lock_or_none(IndicatorTarget, indicator=indicator, year=year)
    what = _("%(year)d年目标") % {"year": year}
    _check_replaces(existing, replaces, what=what, field="value", indicator=indicator)
    if existing is not None:
        concurrency.check(existing, seen)
    record = existing or IndicatorTarget(indicator=indicator, year=year)
    unchanged = existing is not None and (existing.value, existing.is_plan_end, existing.note) == (
        value,
        is_plan_end,
        note.strip(),
    )
    if unchanged:
        return existing
    record.value = value
    record.is_plan_end = is_plan_end
    record.note = note.strip()
    record.full_clean()
    if existing is None:
        reason = _("设定%(year)d年目标") % {"year": year}
    else:
        reason = _("调整%(year)d年目标（原为 %(old)s）") % {"year": year, "old": indicator.format_value(replaces)}
    _save(record, user=user, reason=reason)
    return record
