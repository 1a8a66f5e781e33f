"""Identifier validators with messages that tell an official what is wrong and what is expected.

- National investment project code (项目代码, 投资项目在线审批监管平台): `2104-220105-04-01-38194X`.
  Segments: four digits (the year, for codes issued before November 2020, or the year and month,
  YYMM, after), the six-digit administrative division code, two digits, two digits, and a serial of
  six characters (six digits before November 2020; digits with a capital letter allowed after).
- Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters with a check
  character, checked by python-stdnum's `cn.uscc`.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import uscc

PROJECT_CODE_EXAMPLE = "2104-220105-04-01-38194X"
_PROJECT_CODE_SHAPE = re.compile(r"^(\d{4})-(\d{6})-(\d{2})-(\d{2})-([0-9A-Z]{6})$")
# First two digits of the administrative division codes (GB/T 2260) of the provinces.
_PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
_DASHES = str.maketrans("—–‐‑−", "-----")


def _normalize(value: str) -> str:
    # NFKC turns full-width digits, letters and hyphens (typed with a Chinese input method) into ASCII.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).translate(_DASHES).upper()


def normalize_project_code(value: str) -> str:
    """Uppercase, ASCII digits and hyphens, no spaces: how codes are pasted from ledgers."""
    return _normalize(value)


def normalize_credit_code(value: str) -> str:
    return _normalize(value)


def _project_code_errors(code: str) -> list[str]:
    match = _PROJECT_CODE_SHAPE.match(code)
    if not match:
        return [
            _("项目代码“%(code)s”格式不正确：应为“4位数字-6位行政区划代码-2位-2位-6位字符”，如 %(example)s。")
            % {"code": code, "example": PROJECT_CODE_EXAMPLE}
        ]
    first, region, _industry, _kind, serial = match.groups()
    errors = []
    year = int(first)
    month = int(first[2:])
    # Before November 2020 the first segment is a year; from then on it is YYMM.
    is_old_year = 2000 <= year <= 2020
    is_new_month = 1 <= month <= 12 and (2000 + int(first[:2]), month) >= (2020, 11)
    if not (is_old_year or is_new_month):
        errors.append(
            _("项目代码第1段“%(first)s”应为赋码年份（2020年11月前，如 2019）或年月（如 2104 表示2021年4月）。")
            % {"first": first}
        )
    if region[:2] not in _PROVINCE_PREFIXES:
        errors.append(_("项目代码第2段“%(region)s”不是有效的6位行政区划代码。") % {"region": region})
    if is_old_year and not is_new_month and not serial.isdigit():
        errors.append(
            _("项目代码第5段“%(serial)s”：2020年11月前赋码的项目代码以6位数字流水号结尾。") % {"serial": serial}
        )
    return errors


def validate_project_code(value: str) -> None:
    """Raise ValidationError (in the user's language) unless `value` is a well-formed project code."""
    errors = _project_code_errors(normalize_project_code(value))
    if errors:
        raise ValidationError([ValidationError(message, code="invalid_project_code") for message in errors])


def validate_credit_code(value: str) -> None:
    """Raise ValidationError unless `value` is a unified social credit code with a correct check character."""
    code = normalize_credit_code(value)
    try:
        uscc.validate(code)
    except stdnum_exceptions.InvalidLength:
        raise ValidationError(
            _("统一社会信用代码应为18位，“%(code)s”为%(n)d位。") % {"code": code, "n": len(code)},
            code="invalid_credit_code",
        ) from None
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError(
            _("统一社会信用代码“%(code)s”校验位错误：第18位应为“%(expected)s”，而不是“%(actual)s”。请核对是否抄错。")
            % {"code": code, "expected": uscc.calc_check_digit(code[:17]), "actual": code[17]},
            code="invalid_credit_code",
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _(
                "统一社会信用代码“%(code)s”含有无效字符：只能由数字和除 I、O、Z、S、V 以外的大写字母组成，"
                "第3至8位为行政区划代码。"
            )
            % {"code": code},
            code="invalid_credit_code",
        ) from None


@deconstructible
class ProjectCodeValidator:
    def __call__(self, value):
        validate_project_code(value)

    def __eq__(self, other):
        return isinstance(other, ProjectCodeValidator)


@deconstructible
class CreditCodeValidator:
    def __call__(self, value):
        validate_credit_code(value)

    def __eq__(self, other):
        return isinstance(other, CreditCodeValidator)
