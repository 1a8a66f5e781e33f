"""The layout of a ledger: what a header cell names, the title and unit lines, section, total and note rows.

- Headers: synonyms of each field, units in the header ("总投资（亿元）"), a year in the header
  ("2026年计划投资"), and two-row headers whose upper cell groups the lower ones ("包保" over "领导").
- Rows: section rows ("一、产业项目（28个）", "（一）续建项目") that set the category or the construction
  type of the rows below them, total rows (合计/小计) and notes, which are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .cells import (
    COUNT_SUFFIX,
    MAX_YEAR,
    MIN_YEAR,
    SECTION_NUMBER,
    UNITS,
    category_of,
    clean_text,
    construction_type_of,
    fold,
    is_empty,
    strip_title,
)

# --- headers --------------------------------------------------------------------------------------

SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "name": ("项目名称", "项目", "名称", "项目名"),
    "code": ("项目代码", "项目编码", "统一项目代码", "项目统一代码", "项目赋码", "赋码", "代码"),
    "category": ("项目类别", "项目类型", "类别", "类型", "项目分类", "分类"),
    "construction_type": ("建设性质", "性质", "项目性质", "新建/续建", "新建续建", "新建或续建", "新/续建"),
    "stage": ("项目阶段", "阶段", "所处阶段", "当前阶段"),
    "area": ("所在片区", "片区", "所属片区", "所在园区", "所属园区", "园区"),
    "owner": (
        "建设单位", "项目单位", "业主单位", "实施单位", "项目业主", "业主", "建设主体", "项目建设单位", "投资主体",
    ),
    "scope": (
        "建设内容及规模", "建设规模及内容", "建设内容和规模", "建设规模和内容", "主要建设内容及规模",
        "主要建设内容", "建设内容", "建设规模", "项目建设内容",
    ),
    "total_investment": ("总投资", "计划总投资", "项目总投资", "估算总投资", "总投资额"),
    "annual_plan": (
        "年度计划投资", "年度计划", "年度投资计划", "本年计划投资", "本年度计划投资", "年计划投资", "计划投资",
    ),
    "completed": ("累计完成投资", "截至目前累计完成投资", "开累完成投资", "累计完成", "开累完成", "累计完成额"),
    "planned_start": ("计划开工时间", "开工时间", "计划开工日期", "开工日期", "计划开工", "开工年月", "计划开工年月"),
    "planned_completion": (
        "计划竣工时间", "竣工时间", "计划竣工日期", "竣工日期", "计划竣工", "竣工年月", "计划完工时间", "完工时间",
        "计划建成时间", "建成时间",
    ),
    "actual_start": ("实际开工时间", "实际开工日期"),
    "leader": (
        "包保领导", "包保县级领导", "包保区级领导", "包保市级领导", "包保县领导", "联系领导", "责任领导", "分包领导",
        "包保责任领导", "牵头领导", "包联领导",
    ),
    "officer": ("包保干部", "责任人", "联络员", "项目联络员", "专班联络员", "包保责任人", "项目责任人", "包联干部"),
    "department": ("责任单位", "牵头单位", "责任部门", "牵头部门", "包保单位", "主责单位"),
}  # fmt: skip
_FIELD_OF = {fold(synonym): field for field, synonyms in SYNONYMS.items() for synonym in synonyms}
_ANNUAL_PLAN = re.compile(r"^(?:\d{4}年度?|本年度?|当年|年度)(?:计划投资|投资计划|计划完成投资)额?$")
# "截至2026年3月底累计完成投资" and "开工以来累计完成" count from the start; "本年累计完成" and "1-3月累计完成"
# count from January, which is not what the registry's opening balance holds.
_COMPLETED = re.compile(r"^(.*?)(?:累计|开累)完成(?:投资)?额?$")
_THIS_YEAR_ONLY = re.compile(r"本年|今年|当年|年度|\d月")
_UNIT_IN_HEADER = re.compile(r"[(\[]?(?:单位[:：]?)?(万元|亿元|元)[)\]]?")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PARENTHETICAL = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】")
_MARKS = re.compile(r"[*※★☆#:：、]")

# The fields a ledger must have, and those that hold money or dates.
REQUIRED_FIELDS = ("name", "total_investment")
AMOUNT_FIELDS = ("total_investment", "annual_plan", "completed")
DATE_FIELDS = ("planned_start", "planned_completion", "actual_start")


@dataclass(frozen=True)
class HeaderMatch:
    """What a header cell means: the field, a unit found in it (万元 multiplier) and a year found in it."""

    field: str
    unit: Decimal | None = None
    year: int | None = None


def _header_parts(text) -> tuple[str, Decimal | None, int | None]:
    folded = fold(text)
    unit_match = _UNIT_IN_HEADER.search(folded)
    unit = UNITS[unit_match.group(1)] if unit_match else None
    year_match = _YEAR.search(folded)
    year = int(year_match.group(1)) if year_match else None
    bare = _PARENTHETICAL.sub("", _UNIT_IN_HEADER.sub("", folded))
    return _MARKS.sub("", bare), unit, year


def _field_of(bare: str) -> str | None:
    if bare in _FIELD_OF:
        return _FIELD_OF[bare]
    if _ANNUAL_PLAN.match(bare):
        return "annual_plan"
    if match := _COMPLETED.match(bare):
        prefix = match.group(1)
        if prefix.startswith(("截至", "截止")) or not _THIS_YEAR_ONLY.search(prefix):
            return "completed"
    return None


def match_header(leaf, group=None) -> HeaderMatch | None:
    """The field a header cell names, or None for a column Diaodu does not read (备注, 形象进度 …).

    `group` is the upper cell of a two-row header: it is tried with the leaf ("包保" + "领导",
    "计划" + "开工时间" read the other way round) when the leaf alone means nothing, and it lends its
    unit and year to the leaf ("2026年（万元）" over "计划投资").
    """
    if is_empty(leaf) and is_empty(group):
        return None
    leaf_bare, leaf_unit, leaf_year = _header_parts(leaf if not is_empty(leaf) else group)
    group_bare, group_unit, group_year = (
        _header_parts(group) if not is_empty(group) and not is_empty(leaf) else ("", None, None)
    )
    field = _field_of(leaf_bare)
    if field is None and group_bare:
        field = _field_of(group_bare + leaf_bare) or _field_of(leaf_bare + group_bare)
    if field is None:
        return None
    return HeaderMatch(field=field, unit=leaf_unit or group_unit, year=leaf_year or group_year)


_UNIT_LINE = re.compile(r"(?:^|[^填报制表])单位[:：]?(万元|亿元|元)")


def unit_of_line(value) -> Decimal | None:
    """The unit a line above the header gives to every amount ("单位：万元", "金额单位：亿元"), if any."""
    if not isinstance(value, str):
        return None
    folded = fold(value)
    if folded in ("万元", "亿元"):
        return UNITS[folded]
    match = _UNIT_LINE.search(folded)
    return UNITS[match.group(1)] if match else None


def year_of_title(value) -> int | None:
    """The year a title names ("2026年重点项目台账", "北部新城2026年度项目台账"), if any."""
    if not isinstance(value, str):
        return None
    match = _YEAR.search(fold(value))
    if match and MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        return int(match.group(1))
    return None


# --- rows -----------------------------------------------------------------------------------------

_LEVEL_TWO = re.compile(r"^\([一二三四五六七八九十]+\)")
_CHINESE_NUMERAL = re.compile(r"^(?:[一二三四五六七八九十]+|\([一二三四五六七八九十]+\))[、.]?$")
_TOTAL_WORDS = ("合计", "小计", "总计", "共计", "其中")
_NOTE = re.compile(
    r"^(?:(?:注|备注|说明|填报说明|填表说明)\d*[:.、]|备注$|(?:填报人|填表人|审核人|制表人?|联系电话|负责人|填报单位|填报日期)[:])"
)


@dataclass(frozen=True)
class Section:
    """A section row: its title, its level (1: "一、", 2: "（一）") and what it sets for the rows below."""

    title: str
    level: int
    category: str | None
    construction_type: str | None


_TOTAL_FIRST = frozenset(word[0] for word in _TOTAL_WORDS)
_NOTE_FIRST = frozenset("注备说填审制联负")
_SECTION_FIRST = frozenset("一二三四五六七八九十（(第")


def is_total(texts: list[str]) -> bool:
    """A 合计/小计/总计 row (in the first cells that hold text)."""
    return any(text[:1] in _TOTAL_FIRST and fold(text).startswith(_TOTAL_WORDS) for text in texts if text)


def is_note(texts: list[str]) -> bool:
    """A note under the table ("注：…", "填报人：…")."""
    return bool(texts) and texts[0][:1] in _NOTE_FIRST and bool(_NOTE.match(fold(texts[0])))


def _may_open_section(value) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text[:1] in _SECTION_FIRST or text[-1:] in (")", "）")


def section_of(seq, name) -> Section | None:
    """The section a row opens, from its 序号 and 项目名称 cells, or None for an ordinary row.

    Recognised: "一、产业项目（28个）" in either cell, "（一）续建项目", "第一部分 …", 序号 "一" with the
    title in the name cell, and an unnumbered title that counts its projects ("产业项目（28个）").
    """
    if not (_may_open_section(seq) or _may_open_section(name)):
        return None  # most rows: nothing that could open a section
    seq_text = fold(seq) if not is_empty(seq) else ""
    if seq_text.isascii() and seq_text.replace(".", "").isdigit():
        return None  # a row numbered 1, 2, 3 … is a project, whatever its name looks like
    name_text = fold(name) if not is_empty(name) else ""
    numeral_in_seq = bool(seq_text and name_text and _CHINESE_NUMERAL.match(seq_text))
    title = seq_text + name_text if numeral_in_seq else (name_text or seq_text)
    numbered = seq_text if numeral_in_seq else title
    if not title:
        return None
    counts = bool(COUNT_SUFFIX.search(title)) and not seq_text
    if not (numeral_in_seq or SECTION_NUMBER.match(numbered) or counts):
        return None
    shown = f"{clean_text(seq)} {clean_text(name)}" if numeral_in_seq else clean_text(name or seq)
    return Section(
        title=shown,
        level=2 if _LEVEL_TWO.match(numbered) else 1,
        category=category_of(title),
        construction_type=construction_type_of(strip_title(title)),
    )
