"""Writes of the companies investment attraction courts: registering a company, its data, its headquarters move.

The same rules as `services.py` (whose two write helpers it shares): every write checks who may make it, runs in a
transaction, locks the row it reads before it writes, and leaves a history entry with its author and reason.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from diaodu.core import concurrency
from diaodu.core.concurrency import EditConflict
from diaodu.core.validators import normalize_credit_code
from diaodu.org.choices import OrganisationKind
from diaodu.org.models import Organisation

from .models import Company, HeadquartersMove
from .permissions import may_edit_companies
from .services import _check_fields, _save

ORGANISATION_FIELDS = ("name", "short_name", "credit_code", "address", "contact_name", "contact_phone")
COMPANY_FIELDS = ("industry", "registered_in", "area", "resident_since", "resident_until", "note")
HEADQUARTERS_FIELDS = ("status", "agreed_on", "registered_on", "building", "floor_area_m2", "floors", "officer", "note")


def _apply_organisation(organisation: Organisation, values: dict, *, keep_blank: bool) -> None:
    """Set the organisation's fields; with `keep_blank`, an empty value leaves the stored one as it is."""
    for key, value in values.items():
        value = (value or "").strip()
        if key == "credit_code":
            value = normalize_credit_code(value)
        if keep_blank and not value:
            continue
        setattr(organisation, key, value)


def _check_organisation(organisation: Organisation) -> None:
    """The organisation's own rules (the credit code's check character …), and uniqueness said in words."""
    errors = {}
    if not organisation.name:
        errors["name"] = [_("请填写企业名称。")]
    elif Organisation.objects.filter(name=organisation.name).exclude(pk=organisation.pk).exists():
        errors["name"] = [_("单位“%(name)s”已存在。") % {"name": organisation.name}]
    if organisation.credit_code:
        holder = Organisation.objects.filter(credit_code=organisation.credit_code).exclude(pk=organisation.pk).first()
        if holder is not None:
            errors["credit_code"] = [
                _("统一社会信用代码“%(code)s”已登记为“%(name)s”。")
                % {"code": organisation.credit_code, "name": holder.name}
            ]
    try:
        organisation.full_clean(exclude=["name"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def company_create(*, user: AbstractBaseUser, reason: str = "", **fields) -> Company:
    """Register a company (登记招商企业), or give an organisation the registry already knows its company record.

    `fields` are the organisation's (name, short_name, credit_code, address, contact_name, contact_phone) and
    the company's (industry, registered_in, area, resident_since, resident_until, note). An organisation of
    the same name is taken over: its stored values stay where the form leaves a field empty.
    """
    if not may_edit_companies(user):
        raise PermissionDenied(_("只有项目办、投资促进局和招商人员可以登记企业。"))
    _check_fields(fields, ORGANISATION_FIELDS + COMPANY_FIELDS)
    org_values = {key: fields.pop(key) for key in ORGANISATION_FIELDS if key in fields}
    name = (org_values.get("name") or "").strip()
    organisation = concurrency.lock_or_none(Organisation, name=name) if name else None
    if organisation is not None and Company.objects.filter(organisation=organisation).exists():
        raise ValidationError({"name": [_("“%(name)s”已登记为招商企业。") % {"name": name}]})
    existing = organisation is not None
    organisation = organisation or Organisation(kind=OrganisationKind.ENTERPRISE)
    _apply_organisation(organisation, org_values, keep_blank=existing)
    _check_organisation(organisation)
    company = Company(**fields)
    company.full_clean(exclude=["organisation"])
    _save(organisation, user=user, reason=reason or _("登记招商企业"))
    company.organisation = organisation
    _save(company, user=user, reason=reason or _("登记招商企业"))
    return company


@transaction.atomic
def company_update(
    *,
    user: AbstractBaseUser,
    company: Company,
    seen_version: int | None = None,
    seen: str | None = None,
    reason: str = "",
    **fields,
) -> Company:
    """Edit a company and its organisation's data.

    A company saved by someone else since the editor loaded it (`seen`, its version, or `seen_version`, its save
    counter) is refused with EditConflict.
    """
    if not may_edit_companies(user):
        raise PermissionDenied(_("只有项目办、投资促进局和招商人员可以修改企业信息。"))
    _check_fields(fields, ORGANISATION_FIELDS + COMPANY_FIELDS)
    # Lock the row: the version check and the write must see the same company.
    current = concurrency.lock(Company.objects.select_related("organisation"), company.pk, seen=seen)
    if seen_version is not None and current.version != seen_version:
        raise EditConflict(
            current,
            _("该企业信息已于 %(when)s 被他人修改，请刷新页面后重新修改。")
            % {"when": timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M")},
        )
    organisation = current.organisation
    org_values = {key: fields.pop(key) for key in ORGANISATION_FIELDS if key in fields}
    before = {key: getattr(organisation, key) for key in org_values}
    _apply_organisation(organisation, org_values, keep_blank=False)
    _check_organisation(organisation)
    for key, value in fields.items():
        setattr(current, key, value)
    current.full_clean(exclude=["organisation"])
    if any(getattr(organisation, key) != value for key, value in before.items()):
        _save(organisation, user=user, reason=reason or _("修改企业信息"))
    _save(current, user=user, reason=reason or _("修改企业信息"))
    return current


@transaction.atomic
def headquarters_save(
    *, user: AbstractBaseUser, company: Company, seen: str | None = None, reason: str = "", **fields
) -> HeadquartersMove:
    """Record or change a company's headquarters move (洽谈中 → 已同意迁入 → 已迁入), with its dates and space.

    `seen`: the version of the move the editor loaded (`NEW` when there was none); one saved since is refused.
    """
    if not may_edit_companies(user):
        raise PermissionDenied(_("只有项目办、投资促进局和招商人员可以登记总部迁入。"))
    _check_fields(fields, HEADQUARTERS_FIELDS)
    move = concurrency.lock_or_none(HeadquartersMove, company=company)
    if move is not None:
        concurrency.check(move, seen)
    created = move is None
    move = move or HeadquartersMove(company=company)
    for key, value in fields.items():
        setattr(move, key, value)
    move.full_clean(exclude=["company"])
    label = _("登记总部迁入") if created else _("总部迁入：%(status)s") % {"status": move.get_status_display()}
    _save(move, user=user, reason=reason or label)
    return move
