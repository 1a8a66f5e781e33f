"""The cells of a ledger: text, amounts in 万元, dates, categories, construction types, stages, names.

- Amounts: numbers or text, thousands separators, full-width digits, "1.2亿元"; returned in 万元.
- Dates: Excel dates, "2021.3", "2021年3月", "2021-03-15", "2021/3/15", a bare "3月" with the year given.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, DecimalException

from django.utils import translation
from django.utils.translation import gettext as _

from diaodu.projects.choices import Category, ConstructionType, Stage

CENT = Decimal("0.01")
# Money fields hold 14 digits with 2 places: below 10^12 万元.
MAX_AMOUNT = Decimal("999999999999.99")
WAN = Decimal(1)
YI = Decimal(10000)
YUAN = Decimal("0.0001")
UNITS = {"万元": WAN, "万": WAN, "亿元": YI, "亿": YI, "元": YUAN}
UNIT_NAMES = {WAN: "万元", YI: "亿元", YUAN: "元"}
EMPTY_MARKS = frozenset({"", "-", "--", "—", "——", "/", "／", "无", "暂无", "待定", "N/A", "n/a"})
MIN_YEAR, MAX_YEAR = 1990, 2100
# Excel's serial day numbers of 1954-10-03 and 2099-11-12: a plain number in that range in a date column is a date.
SERIAL_MIN, SERIAL_MAX = 20000, 73000
EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A cell that cannot be read; the message says what was found and what is expected."""


# --- text -----------------------------------------------------------------------------------------

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_WHITESPACE = re.compile(r"\s+")


def clean_text(value) -> str:
    """A cell as one line of text: whitespace collapsed, no space left between two Chinese characters.

    A line break typed inside a cell ("年产10万吨\\n饲料项目") is not part of the name.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if not _WHITESPACE.search(text):
        return text  # most cells: nothing to collapse
    return _SPACE_BETWEEN_CJK.sub("", _WHITESPACE.sub(" ", text).strip())


def fold(value) -> str:
    """Text for comparisons: NFKC (full-width letters, digits and brackets to ASCII), no whitespace at all."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", str(value if value is not None else "")))


_LONGEST_EMPTY_MARK = max(len(mark) for mark in EMPTY_MARKS)


def is_empty(value) -> bool:
    """None, blank, or a mark that means "nothing" ("-", "/", "无", "待定")."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    if text in EMPTY_MARKS:
        return True
    # A quick answer for the many cells that hold text: too long, or nothing NFKC or folding would change.
    if len(text) > 2 * _LONGEST_EMPTY_MARK or (unicodedata.is_normalized("NFKC", text) and " " not in text):
        return False
    return fold(text) in EMPTY_MARKS


# --- amounts --------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+]?(\d+(?:\.\d*)?|\.\d+)$", re.ASCII)
_GROUPED = re.compile(r"^[+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$", re.ASCII)
_AMOUNT_TEXT = re.compile(r"^(.*?)(万元|亿元|万|亿|元)?$")


def _amount_error(value) -> CellError:
    return CellError(
        _("无法识别的金额“%(value)s”，应为数字（如 1234.5、1,234.5 或 1.2亿元）") % {"value": clean_text(value)}
    )


def _checked(amount: Decimal, value) -> Decimal:
    if amount < 0:
        raise CellError(_("金额不能为负数：“%(value)s”") % {"value": clean_text(value)})
    if amount > MAX_AMOUNT:
        raise CellError(_("金额“%(value)s”过大，请核对单位") % {"value": clean_text(value)})
    return amount.quantize(CENT, rounding=ROUND_HALF_UP) + 0  # + 0: no negative zero


def parse_amount(value, unit: Decimal = WAN) -> Decimal | None:
    """An amount in 万元 (two places, rounded half up), from a number in `unit` or a text such as "1.2亿元"."""
    if is_empty(value):
        return None
    if isinstance(value, bool) or isinstance(value, dt.date | dt.time | dt.timedelta):
        raise _amount_error(value)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _amount_error(value)
        number = Decimal(repr(value))  # the shortest decimal that reads back as this float: what Excel showed
    else:
        text = fold(value)
        negative = text.startswith("-")
        match = _AMOUNT_TEXT.match(text.lstrip("-"))
        digits, suffix = match.group(1), match.group(2)
        if _GROUPED.match(digits):
            digits = digits.replace(",", "")
        if not _NUMBER.match(digits):
            raise _amount_error(value)
        number = Decimal(digits.lstrip("+"))
        if negative:
            number = -number
        if suffix:
            unit = UNITS[suffix]
    if not number.is_finite():
        raise _amount_error(value)
    try:
        return _checked(number * unit, value)
    except DecimalException:  # beyond what a Decimal holds: no amount of money
        raise _amount_error(value) from None


# --- dates ----------------------------------------------------------------------------------------

_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$", re.ASCII)
_YM = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?(份|底|末|初)?$", re.ASCII)
_YMD_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII)
_YM_COMPACT = re.compile(r"^(\d{4})(\d{2})$", re.ASCII)
_MD = re.compile(r"^(\d{1,2})月(\d{1,2})[日号]$", re.ASCII)
_M = re.compile(r"^(\d{1,2})月(份|底|末|初)?$", re.ASCII)
# "2021-03-15 00:00:00" (a date pasted with its time; whitespace is folded away before matching).
_TIME_SUFFIX = re.compile(r"^(\d{4}[-/]\d{1,2}[-/]\d{1,2})T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$", re.ASCII)
_MONTH_END = frozenset({"底", "末"})


def _date_error(value) -> CellError:
    return CellError(
        _("无法识别的日期“%(value)s”，应为 2021-03-15、2021.3 或 2021年3月") % {"value": clean_text(value)}
    )


def _make_date(value, year: int, month: int, day: int | None, end_of_month: bool = False) -> dt.date:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise _date_error(value)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last if end_of_month else 1
    if not 1 <= day <= last:
        raise _date_error(value)
    return dt.date(year, month, day)


def _from_serial(value, serial) -> dt.date:
    if not SERIAL_MIN <= serial <= SERIAL_MAX:
        raise _date_error(value)
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(value, year: int | None = None) -> dt.date | None:
    """A date from an Excel date, a serial day number or text; a month alone means its first day.

    "3月" and "3月15日" take `year` (from --year or the title); without it they are an error that says so.
    "2021年6月底" means the last day of June.
    """
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise _date_error(value)
        return value
    if isinstance(value, bool) or isinstance(value, dt.time | dt.timedelta):
        raise _date_error(value)
    if isinstance(value, int):
        return _from_serial(value, value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _date_error(value)
        if value.is_integer():
            return _from_serial(value, int(value))
        value = repr(value)  # 2021.3 typed into a number cell reads as the text "2021.3"
    if isinstance(value, Decimal):
        value = str(value)
    text = fold(value)
    if match := _TIME_SUFFIX.match(text):
        text = match.group(1)
    if match := _YMD.match(text) or _YMD_COMPACT.match(text):
        return _make_date(value, int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _YM.match(text):
        return _make_date(value, int(match.group(1)), int(match.group(2)), None, match.group(3) in _MONTH_END)
    if match := _YM_COMPACT.match(text):
        return _make_date(value, int(match.group(1)), int(match.group(2)), None)
    month_day = _MD.match(text)
    month_only = _M.match(text)
    if month_day or month_only:
        if year is None:
            raise CellError(
                _("“%(value)s”没有年份：请在标题中写明年份（如“2026年重点项目台账”）或在导入时指定年度")
                % {"value": clean_text(value)}
            )
        if month_day:
            return _make_date(value, year, int(month_day.group(1)), int(month_day.group(2)))
        return _make_date(value, year, int(month_only.group(1)), None, month_only.group(2) in _MONTH_END)
    raise _date_error(value)


# --- vocabularies ---------------------------------------------------------------------------------

# Keywords of section titles and category cells, in the order they are tried: the narrower first
# ("文旅产业" is tourism, "农业产业园" agriculture, "产业" alone industry). Services (服务业, 商贸, 物流)
# are part of the registry's 产业 category, as zones count 二三产业 projects together.
CATEGORY_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (Category.REAL_ESTATE, ("房地产", "地产", "商品房", "住宅")),
    (Category.TOURISM_HEALTH, ("文旅", "旅游", "康养", "文化旅游", "文体旅")),
    (Category.AGRICULTURE, ("农业", "乡村振兴", "农村", "种植", "养殖")),
    (Category.INFRASTRUCTURE, ("基础设施", "基建", "市政", "交通", "城建", "水利", "管网", "道路")),
    (Category.PUBLIC_SERVICE, ("社会事业", "民生", "公共服务", "社会民生", "教育", "医疗", "卫生", "保障性")),
    (Category.INDUSTRIAL, ("产业", "工业", "制造", "服务业", "商贸", "物流", "招商")),
    (Category.OTHER, ("其他", "其它")),
)
_NEW_CELL = frozenset({"新建", "新开工", "新开", "新", "扩建", "改扩建", "改建", "迁建", "新建项目", "新开工项目"})
_CONTINUING_CELL = frozenset({"续建", "续", "在建", "续建项目", "在建项目"})


# A section title's number ("一、", "（一）", "第一部分") and its count of projects ("（28个）").
SECTION_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)[、.]?|第[一二三四五六七八九十]+(?:部分|类|项)[、.:]?)"
)
COUNT_SUFFIX = re.compile(r"\((?:共)?\d+(?:个|项)(?:项目)?\)$")


def _names(choices, suffixes: tuple[str, ...]) -> dict[str, str]:
    """A vocabulary's keys and its Chinese labels (the ledger's language), with the suffixes ledgers add."""
    with translation.override("zh-hans"):
        labels = {fold(str(choice.label)): choice.value for choice in choices}
    names = {choice.value: choice.value for choice in choices}
    for label, value in labels.items():
        names.update({label + suffix: value for suffix in ("", *suffixes)})
    return names


@functools.cache
def _category_names() -> dict[str, str]:
    return _names(Category, ("项目", "类"))


@functools.cache
def _stage_names() -> dict[str, str]:
    return _names(Stage, ())


def strip_title(text) -> str:
    """A section title or a cell without its number and its count: "一、产业项目（28个）" → "产业项目"."""
    return COUNT_SUFFIX.sub("", SECTION_NUMBER.sub("", fold(text)))


def category_of(value) -> str | None:
    """The registry's category key a cell or a section title names, or None when it names none."""
    text = strip_title(value)
    if not text:
        return None
    if text in _category_names():
        return _category_names()[text]
    for category, words in CATEGORY_KEYWORDS:
        if any(word in text for word in words):
            return category.value
    return None


def parse_category(value) -> str | None:
    if is_empty(value):
        return None
    category = category_of(value)
    if category is None:
        labels = "、".join(str(choice.label) for choice in Category)
        raise CellError(
            _("无法识别的项目类别“%(value)s”，应为：%(labels)s") % {"value": clean_text(value), "labels": labels}
        )
    return category


def construction_type_of(text: str) -> str | None:
    """新建 or 续建 in a section title ("（一）续建项目"); other words in a title are not a construction type."""
    text = fold(text)
    if "续建" in text or "在建" in text:
        return ConstructionType.CONTINUING.value
    if "新建" in text or "新开工" in text:
        return ConstructionType.NEW.value
    return None


def parse_construction_type(value) -> str | None:
    """新建 (also 新开工, 扩建, 迁建) → "new"; 续建 (also 在建) → "continuing"."""
    if is_empty(value):
        return None
    text = strip_title(value)
    if text in _NEW_CELL:
        kind = ConstructionType.NEW.value
    elif text in _CONTINUING_CELL:
        kind = ConstructionType.CONTINUING.value
    else:
        kind = construction_type_of(text)
    if kind is None:
        raise CellError(_("无法识别的建设性质“%(value)s”，应为“新建”或“续建”") % {"value": clean_text(value)})
    return kind


_STAGE_WORDS = {
    Stage.SUSPENDED: ("停缓建", "停建", "缓建"),
    Stage.CANCELLED: ("终止", "取消"),
    Stage.OPERATING: ("投产", "运营", "达产"),
    Stage.COMPLETED: ("竣工", "建成", "完工"),
    Stage.CONSTRUCTION: ("在建", "施工", "续建"),
    Stage.PREPARATION: ("前期", "筹备"),
    Stage.RESERVE: ("储备",),
    Stage.CONCEIVED: ("谋划",),
}


def parse_stage(value) -> str | None:
    if is_empty(value):
        return None
    text = fold(value)
    if text in _stage_names():
        return _stage_names()[text]
    for stage, words in _STAGE_WORDS.items():
        if any(word in text for word in words):
            return stage.value
    labels = "、".join(str(stage.label) for stage in Stage)
    raise CellError(
        _("无法识别的项目阶段“%(value)s”，应为：%(labels)s") % {"value": clean_text(value), "labels": labels}
    )


_NAME_SEPARATORS = re.compile(r"[、,，;；/]")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")


def parse_name_of_person(value, max_length: int = 50) -> str | None:
    """One person's name; a title in brackets ("李明（副主任）") is dropped, two names are an error.

    "王　伟" (padded with a space to line up with three-character names) is one name; "张三 李四" is two.
    """
    if is_empty(value):
        return None
    raw = _TRAILING_NOTE.sub("", _WHITESPACE.sub(" ", str(value)).strip()).strip()
    words = raw.split(" ")
    if _NAME_SEPARATORS.search(raw) or (len(words) > 1 and all(len(word) > 1 for word in words)):
        raise CellError(_("“%(value)s”：每个项目只能填写一人") % {"value": raw})
    name = "".join(words) if all(len(word) == 1 for word in words) else clean_text(raw)
    if not name:
        return None
    if len(name) > max_length:
        raise CellError(_("姓名“%(value)s”过长（最多%(n)d个字）") % {"value": name, "n": max_length})
    return name


def parse_unit_name(value, max_length: int) -> str | None:
    """A department or company name; two of them ("经发局、建设局") are an error."""
    if is_empty(value):
        return None
    name = clean_text(value)
    if re.search(r"[、,，;；]", name):
        raise CellError(_("“%(value)s”：每个项目只能填写一个单位") % {"value": name})
    if len(name) > max_length:
        raise CellError(_("名称“%(value)s”过长（最多%(n)d个字）") % {"value": name, "n": max_length})
    return name


def parse_text(value, max_length: int | None = None) -> str | None:
    if is_empty(value):
        return None
    text = clean_text(value)
    if max_length and len(text) > max_length:
        raise CellError(_("内容过长（%(len)d个字，最多%(n)d个字）") % {"len": len(text), "n": max_length})
    return text
