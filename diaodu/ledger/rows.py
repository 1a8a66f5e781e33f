"""The rows below a ledger's header: projects with their values (or their errors), sections, totals, notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils.cell import get_column_letter

from diaodu.core.validators import normalize_project_code, validate_project_code

from . import parsing
from .parsing import CellError

if TYPE_CHECKING:
    from .reader import Ledger

MAX_LENGTHS = {"name": 200, "area": 100, "owner": 200, "department": 100}
# Fields whose cells repeat down a ledger (a few dozen leaders, a few hundred dates for 10,000 projects): each
# distinct cell is parsed once per import. A cell that fails is parsed again on every row, for its own message.
REPEATED_FIELDS = frozenset(
    {"category", "construction_type", "stage", "leader", "officer", "area", "owner", "department"}
    | set(parsing.DATE_FIELDS)
)


@dataclass(frozen=True)
class RowError:
    """An error of one row (row 0: the file itself), in the column named as the ledger names it."""

    row: int
    column: str | None
    detail: str

    @property
    def message(self) -> str:
        if self.row and self.column:
            return _("第%(row)d行「%(column)s」：%(detail)s") % {
                "row": self.row,
                "column": self.column,
                "detail": self.detail,
            }
        if self.row:
            return _("第%(row)d行：%(detail)s") % {"row": self.row, "detail": self.detail}
        return self.detail

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class Column:
    """A column Diaodu reads: where it is, what the ledger calls it, the field, its unit and year."""

    index: int
    header: str
    field: str
    unit: Decimal | None = None
    year: int | None = None


@dataclass
class LedgerRow:
    """One row below the header: a project (with its values or errors), a section, a total or a note."""

    number: int
    kind: str  # "project", "section", "total", "note", "continuation"
    values: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # the cells as read, by field: shown where a value is wrong
    errors: list[RowError] = field(default_factory=list)
    section: str = ""

    @property
    def is_valid(self) -> bool:
        return self.kind == "project" and not self.errors


def cell(row, index):
    return row[index] if index < len(row) else None


def shown(value) -> str:
    """A cell as the ledger shows it, for a preview of a row with errors."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return parsing.clean_text(value)


def _parse_code(value) -> str | None:
    if parsing.is_empty(value):
        return None
    code = normalize_project_code(parsing.clean_text(value))
    try:
        validate_project_code(code)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from None
    return code


def _parsers(unit: Decimal, year: int | None) -> dict:
    """The parser of each field, given the sheet's unit and the year of bare months: (column, value) → value."""

    def amount(column, value):
        return parsing.parse_amount(value, column.unit or unit)

    def day(column, value):
        return parsing.parse_date(value, year)

    def person(column, value):
        return parsing.parse_name_of_person(value)

    def organisation(column, value):
        return parsing.parse_unit_name(value, MAX_LENGTHS[column.field])

    def text(column, value):
        return parsing.parse_text(value, MAX_LENGTHS.get(column.field))

    return {
        **dict.fromkeys(parsing.AMOUNT_FIELDS, amount),
        **dict.fromkeys(parsing.DATE_FIELDS, day),
        "code": lambda column, value: _parse_code(value),
        "category": lambda column, value: parsing.parse_category(value),
        "construction_type": lambda column, value: parsing.parse_construction_type(value),
        "stage": lambda column, value: parsing.parse_stage(value),
        "leader": person,
        "officer": person,
        "area": organisation,
        "owner": organisation,
        "department": organisation,
        "seq": lambda column, value: None,
        "name": text,
        "scope": text,
    }


def _first_texts(row, limit: int = 3) -> list[str]:
    texts = []
    for value in row:
        if value is not None and (text := parsing.clean_text(value)):
            texts.append(text)
            if len(texts) == limit:
                break
    return texts


class RowReader:
    """Reads the rows below the header, keeping the section each row belongs to."""

    def __init__(self, ledger: Ledger, unit: Decimal, merges, formulas):
        self.ledger = ledger
        self.unit = unit
        self.formulas = formulas
        self.by_field = {column.field: column for column in ledger.columns}
        self.parsers = _parsers(unit, ledger.year)
        self.parsed: dict[tuple[str, type, object], object] = {}
        self.sections: dict[int, parsing.Section] = {}
        first_data = ledger.header_rows[1] + 1
        # Vertical merges below the header: a leader or department typed once for several projects counts for
        # each; a project name merged over several rows is one project written on several lines.
        self.fill: dict[tuple[int, int], object] = {}
        self.continued: set[int] = set()
        self.merges_from: dict[int, list[tuple[int, int, int, int]]] = {}
        name = self.by_field["name"].index + 1
        for merge in merges:
            min_col, min_row, max_col, max_row = merge
            if min_row >= first_data and max_row > min_row:
                self.merges_from.setdefault(min_row, []).append(merge)
                if min_col <= name <= max_col:
                    self.continued.update(range(min_row + 1, max_row + 1))

    def remember(self, number: int, row) -> None:
        """The value of a merged range that starts on this row, for the rows below it."""
        for min_col, min_row, max_col, max_row in self.merges_from.get(number, ()):
            value = cell(row, min_col - 1)
            for below in range(min_row + 1, max_row + 1):
                for col in range(min_col, max_col + 1):
                    self.fill[(below, col)] = value

    def value(self, number: int, row, column: Column):
        value = cell(row, column.index)
        if value is None:
            value = self.fill.get((number, column.index + 1))
        return value

    def read(self, number: int, row) -> LedgerRow | None:
        self.remember(number, row)
        if number in self.continued:
            return LedgerRow(number=number, kind="continuation")
        texts = _first_texts(row)
        if not texts:
            return None
        seq_column, name_column = self.by_field.get("seq"), self.by_field["name"]
        seq = self.value(number, row, seq_column) if seq_column else None
        name = self.value(number, row, name_column)
        if parsing.is_total(texts):
            return LedgerRow(number=number, kind="total")
        if parsing.is_note(texts) and (parsing.is_empty(name) or len(texts) == 1):
            return LedgerRow(number=number, kind="note")
        if section := parsing.section_of(seq, name):
            if section.level == 1:
                self.sections = {}
            self.sections[section.level] = section
            return LedgerRow(number=number, kind="section", section=section.title)
        return self.project(number, row)

    def _section_value(self, attribute: str):
        for level in sorted(self.sections, reverse=True):
            if (value := getattr(self.sections[level], attribute)) is not None:
                return value
        return None

    def project(self, number: int, row) -> LedgerRow:
        result = LedgerRow(
            number=number, kind="project", section=" / ".join(s.title for _l, s in sorted(self.sections.items()))
        )
        width, fill, formulas = len(row), self.fill, self.formulas
        for column in self.ledger.columns:
            value = row[column.index] if column.index < width else None  # self.value(), inlined: 18 cells a row
            if value is None and fill:
                value = fill.get((number, column.index + 1))
            result.cells[column.field] = value
            if formulas and (number, column.index + 1) in formulas:
                cell = f"{get_column_letter(column.index + 1)}{number}"
                result.errors.append(
                    RowError(
                        number,
                        column.header,
                        _("单元格 %(cell)s 是没有保存计算结果的公式（系统不计算公式）：请在 Excel 中打开、保存后再导入")
                        % {"cell": cell},
                    )
                )
                continue
            try:
                result.values[column.field] = self.parse(column, value)
            except CellError as error:
                result.errors.append(RowError(number, column.header, str(error)))
        self.complete(result)
        return result

    def parse(self, column: Column, value):
        if column.field not in REPEATED_FIELDS:
            return self.parsers[column.field](column, value)
        key = (column.field, type(value), value)  # the type too: 1 == 1.0 == True, but they read differently
        try:
            return self.parsed[key]
        except KeyError:
            pass
        except TypeError:  # a cell value that cannot be a key (openpyxl gives none)
            return self.parsers[column.field](column, value)
        parsed = self.parsed[key] = self.parsers[column.field](column, value)
        return parsed

    def complete(self, result: LedgerRow) -> None:
        """What a row needs beyond its own cells: a name, a total investment, a category, dates in order."""
        values, number = result.values, result.number
        failed = {error.column for error in result.errors}
        for required in parsing.REQUIRED_FIELDS:
            column = self.by_field.get(required)
            if column and column.header not in failed and values.get(required) is None:
                result.errors.append(RowError(number, column.header, _("不能为空")))
        category_column = self.by_field.get("category")
        if values.get("category") is None and not (category_column and category_column.header in failed):
            values["category"] = self._section_value("category")
            if values["category"] is None:
                result.errors.append(self._no_category(number, result.section))
        if values.get("construction_type") is None:
            values["construction_type"] = self._section_value("construction_type")
        start, completion = values.get("planned_start"), values.get("planned_completion")
        if start and completion and completion < start:
            result.errors.append(
                RowError(number, self.by_field["planned_completion"].header, _("计划竣工时间不能早于计划开工时间"))
            )

    def _no_category(self, number: int, section: str) -> RowError:
        column = self.by_field.get("category")
        if section:
            detail = _("无法确定项目类别：所在分组“%(section)s”不是已知的项目类别，请填写「项目类别」列") % {
                "section": section
            }
        else:
            detail = _("无法确定项目类别：请填写「项目类别」列，或在项目上方加分组行（如“一、产业项目”）")
        return RowError(number, column.header if column else None, detail)
