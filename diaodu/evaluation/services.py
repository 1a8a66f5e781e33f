"""Writes of the evaluation: a year's scheme (its weights), and the monthly snapshots of the rankings.

A snapshot keeps a past month's ranking as it was computed on the month's last day: every subject's rank,
total and breakdown (each fact with its reason) as JSON, with the scheme's weights of the day. Later edits to
projects, reports, issues or the scheme leave it alone. A month that already has one keeps it unless the
caller asks to replace it (`replace=True`); the replaced snapshot is kept, marked as no longer current.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import concurrency

from .choices import GENERAL_CRITERIA, Criterion, SubjectKind
from .models import WEIGHT_FIELDS, EvaluationScheme, EvaluationSnapshot, EvaluationSnapshotRow
from .months import month_end, month_label, previous_month
from .permissions import may_edit_scheme, may_take_snapshot
from .selectors import compute_ranking, current_snapshot

HUNDRED = Decimal(100)


def _save(record, *, user: AbstractBaseUser | None, reason: str) -> None:
    record._change_reason = reason
    if user is not None:
        record._history_user = user  # the history names the actor outside a request too (API, commands)
    record.save()


def _check_weights(weights: dict[str, Decimal], signed_target: Decimal | None) -> None:
    errors: dict[str, list[str]] = {}
    for code, field in WEIGHT_FIELDS.items():
        value = weights.get(str(code))
        label = Criterion(code).label
        if value is None:
            errors[field] = [_("请填写“%(name)s”的权重。") % {"name": label}]
        elif not Decimal(0) <= value <= HUNDRED:
            errors[field] = [_("“%(name)s”的权重应在0至100分之间。") % {"name": label}]
    if errors:
        raise ValidationError(errors)
    general = sum((weights[str(code)] for code in GENERAL_CRITERIA), Decimal(0))
    if general != HUNDRED:
        names = "、".join(str(Criterion(code).label) for code in GENERAL_CRITERIA)
        raise ValidationError(
            _("%(names)s五项的权重合计应为100分，现为%(total)s分。") % {"names": names, "total": f"{general:.2f}"}
        )
    if signed_target is None or signed_target < 0:
        raise ValidationError({"signed_target": _("“每名招商干部年度签约目标”应为不小于0的金额（万元）。")})
    if weights[Criterion.SIGNED] > 0 and signed_target == 0:
        raise ValidationError({"signed_target": _("“招商签约投资”的权重不为0时，“每名招商干部年度签约目标”应大于0。")})


@transaction.atomic
def scheme_save(
    *,
    user: AbstractBaseUser,
    year: int,
    weights: dict[str, Decimal],
    signed_target: Decimal,
    note: str = "",
    seen_version: int | None = None,
    seen: str | None = None,
) -> EvaluationScheme:
    """Set the year's weights and the 招商 target.

    `seen` is the version the editor loaded (see `diaodu.core.concurrency`; `NEW` when the year had no scheme),
    `seen_version` the save counter he read (0: no scheme yet): a save made on an older reading is refused with
    `EditConflict`, which carries the scheme as saved now. None skips the check (commands, data migrations).
    """
    if not may_edit_scheme(user):
        raise PermissionDenied(_("只有项目办和管理员可以修改考核方案。"))
    if year is None or not 2000 <= year <= 2100:
        raise ValidationError({"year": _("“年度”应为2000至2100之间的四位数字。")})
    weights = {str(code): value for code, value in weights.items()}
    _check_weights(weights, signed_target)
    # Locked: two editors saving at once must not both believe they changed the version they read.
    scheme = concurrency.lock_or_none(EvaluationScheme, year=year)
    if scheme is not None:
        stale = _("%(year)d年考核方案已被他人修改，您的修改没有保存。") % {"year": year}
        if seen_version is not None and scheme.version != seen_version:
            raise concurrency.EditConflict(scheme, stale)
        concurrency.check(scheme, seen, message=stale)
    if scheme is None:
        scheme = EvaluationScheme(year=year)
        reason = _("设定%(year)d年考核方案") % {"year": year}
    else:
        reason = _("调整%(year)d年考核方案") % {"year": year}
    for code, field in WEIGHT_FIELDS.items():
        setattr(scheme, field, weights[str(code)])
    scheme.signed_target = signed_target
    scheme.note = note.strip()
    scheme.full_clean()
    _save(scheme, user=user, reason=reason)
    return scheme


def _scheme_for(year: int) -> EvaluationScheme:
    """The year's scheme, stored with the default weights the first time a snapshot needs it."""
    scheme = EvaluationScheme.for_year(year)
    if scheme.pk is None:
        _save(scheme, user=None, reason=_("按默认权重建立%(year)d年考核方案") % {"year": year})
    return scheme


@transaction.atomic
def snapshot_take(
    *,
    kind: str,
    month: dt.date,
    user: AbstractBaseUser | None = None,
    replace: bool = False,
    today: dt.date | None = None,
) -> tuple[EvaluationSnapshot | None, bool]:
    """Keep `month`'s ranking of `kind` as of the month's last day: (snapshot, whether it was taken now).

    A month with a snapshot keeps it unless `replace`: then (the existing snapshot, False). A month without
    any subject to rank gets none: (None, False). `user` None is the nightly run.
    """
    if user is not None and not may_take_snapshot(user):
        raise PermissionDenied(_("只有项目办可以留存考核快照。"))
    if kind not in SubjectKind.values:
        raise ValidationError({"kind": _("“考核对象”应为责任单位、包保干部或包保领导。")})
    today = today or timezone.localdate()
    month = month.replace(day=1)
    as_of = month_end(month)
    if as_of >= today:
        raise ValidationError(
            {"month": _("%(month)s尚未结束，不能留存快照；本月的排名实时计算。") % {"month": month_label(month)}}
        )
    existing = concurrency.lock_or_none(EvaluationSnapshot, kind=kind, month=month, is_current=True)
    if existing is not None and not replace:
        return existing, False
    scheme = _scheme_for(month.year)
    scores = compute_ranking(kind, as_of, scheme)
    if not scores:
        return existing, False
    if existing is not None:
        existing.is_current = False
        existing.replaced_at = timezone.now()
        existing.save(update_fields=["is_current", "replaced_at"])
    try:
        with transaction.atomic():
            snapshot = EvaluationSnapshot.objects.create(
                scheme=scheme,
                month=month,
                kind=kind,
                as_of=as_of,
                weights={code: str(value) for code, value in scheme.weights.items()},
                signed_target=scheme.signed_target,
                taken_by=user,
            )
    except IntegrityError:  # another snapshot of the month was stored meanwhile
        message = _("%(month)s的快照刚被他人留存，请刷新后查看。") % {"month": month_label(month)}
        raise ValidationError(message) from None
    EvaluationSnapshotRow.objects.bulk_create(
        EvaluationSnapshotRow(
            snapshot=snapshot,
            subject_kind=kind,
            subject_id=score.subject_id,
            subject_name=score.name,
            rank=score.rank,
            total=score.total,
            breakdown={"criteria": score.as_dict()["criteria"]},
        )
        for score in scores
    )
    return snapshot, True


def month_snapshots_take(
    *, month: dt.date, user: AbstractBaseUser | None = None, replace: bool = False, today: dt.date | None = None
) -> dict[str, tuple[EvaluationSnapshot | None, bool]]:
    """Snapshots of the month for every kind of subject: {kind: (snapshot, taken now)}."""
    return {
        kind: snapshot_take(kind=kind, month=month, user=user, replace=replace, today=today)
        for kind in SubjectKind.values
    }


def nightly_snapshot(as_of: dt.date | None = None) -> str:
    """The nightly job: on the first run of a month, keep the previous month's rankings (once)."""
    today = as_of or timezone.localdate()
    month = previous_month(today.replace(day=1))
    if all(current_snapshot(kind, month) is not None for kind in SubjectKind.values):
        return f"{month:%Y-%m} snapshots already kept"
    results = month_snapshots_take(month=month, today=today)
    taken = [kind for kind, (_snapshot, now) in results.items() if now]
    rows = sum(snapshot.rows.count() for snapshot, now in results.values() if now and snapshot is not None)
    return f"{month:%Y-%m} snapshots taken: {', '.join(taken) or 'none (no data)'}; {rows} rows"
