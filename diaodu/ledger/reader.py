"""Reading a ledger workbook into rows: checks the file, finds the header, reads every row (no database).

openpyxl reads the cells in read-only mode (a 10,000-row ledger in a second or two); what read-only mode
does not give — merged ranges, and formula cells saved without a computed value — comes from one scan of
the sheet's XML. Formulas are never evaluated: a formula cell counts with the value Excel saved for it,
and one saved without a value is an error naming the cell.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries

from diaodu.core.validators import normalize_project_code, validate_project_code

from . import parsing
from .parsing import CellError

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# What the workbook may unpack to: a 10 MB ledger is far below; a zip bomb is not.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
HEADER_SEARCH_ROWS = 30
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
_UNCACHED_FORMULA = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>|</(?:\w+:)?c>)"
)
MAX_LENGTHS = {"name": 200, "area": 100, "owner": 200, "department": 100}


class LedgerFileError(Exception):
    """The file cannot be read as a ledger at all (not an .xlsx, too large, no header)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
    raw: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    section: str = ""

    @property
    def is_valid(self) -> bool:
        return self.kind == "project" and not self.errors


@dataclass
class Ledger:
    """A ledger as read from its workbook, before it is compared with the registry."""

    sheet: str
    title: str
    title_year: int | None
    year: int | None
    plan_year: int
    header_rows: tuple[int, int]
    columns: list[Column]
    rows: list[LedgerRow]
    errors: list[RowError] = field(default_factory=list)

    @property
    def fields(self) -> set[str]:
        return {column.field for column in self.columns}

    def column_named(self, field_name: str) -> str | None:
        return next((column.header for column in self.columns if column.field == field_name), None)


# --- the file -------------------------------------------------------------------------------------


def _size(source) -> int:
    if isinstance(source, str | os.PathLike):
        return os.path.getsize(source)
    if getattr(source, "size", None) is not None:
        return source.size
    position = source.tell()
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def _open_zip(source) -> zipfile.ZipFile:
    """The workbook as a zip archive, after the checks that say what is wrong with a file that is not one."""
    size = _size(source)
    if size > MAX_BYTES:
        raise LedgerFileError(
            _("文件过大（%(size).1f MB）：台账文件不能超过 %(limit)d MB。")
            % {"size": size / 1024 / 1024, "limit": MAX_BYTES // 1024 // 1024}
        )
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            magic = handle.read(8)
    else:
        source.seek(0)
        magic = source.read(8)
        source.seek(0)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise LedgerFileError(_("这是旧版 Excel（.xls）文件：请在 Excel 中“另存为”.xlsx 格式后再导入。"))
    if not magic.startswith(b"PK"):
        raise LedgerFileError(_("这不是 Excel 工作簿（.xlsx）文件，请上传 Excel 台账。"))
    try:
        archive = zipfile.ZipFile(source)
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise LedgerFileError(_("文件已损坏或不是 Excel 工作簿（.xlsx），请重新保存后再导入。")) from None
    if not all(part in names for part in REQUIRED_PARTS):
        raise LedgerFileError(_("这不是 Excel 工作簿（.xlsx）文件，请上传 Excel 台账。"))
    if unpacked > MAX_UNPACKED_BYTES:
        raise LedgerFileError(_("文件解压后过大，不像是一份台账，请检查文件。"))
    return archive


def _sheet_xml(archive: zipfile.ZipFile, worksheet) -> bytes:
    path = getattr(worksheet, "_worksheet_path", None)
    try:
        return archive.read(path) if path else b""
    except KeyError:
        return b""


def _merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range, 1-based."""
    ranges = []
    for start, end in _MERGE.findall(xml):
        min_col, min_row, max_col, max_row = range_boundaries(f"{start.decode()}:{end.decode()}")
        ranges.append((min_col, min_row, max_col, max_row))
    return ranges


def _uncached_formulas(xml: bytes) -> set[tuple[int, int]]:
    """(row, column) of formula cells saved without a computed value, 1-based."""
    if b"<f" not in xml and b":f" not in xml:
        return set()
    return {(int(row), column_index_from_string(col.decode())) for col, row in _UNCACHED_FORMULA.findall(xml)}


# --- the header -----------------------------------------------------------------------------------


def _cell(row, index):
    return row[index] if index < len(row) else None


def _header_fields(row) -> set[str]:
    found = set()
    for value in row:
        if isinstance(value, str) and (match := parsing.match_header(value)):
            found.add(match.field)
    return found


def _is_header_row(row) -> bool:
    found = _header_fields(row)
    return "name" in found and len(found) >= 2


def _has_data(row) -> bool:
    return any(isinstance(value, int | float | Decimal | dt.date) and not isinstance(value, bool) for value in row)


def _fill_merges(rows: dict[int, list], merges, first: int, last: int) -> None:
    """Give every cell of a merged range in rows first..last the value of its top-left cell."""
    for min_col, min_row, max_col, max_row in merges:
        if max_row < first or min_row > last or min_row not in rows:
            continue
        value = _cell(rows[min_row], min_col - 1)
        for number in range(max(min_row, first), min(max_row, last) + 1):
            row = rows.setdefault(number, [])
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for col in range(min_col, max_col + 1):
                row[col - 1] = value


def _columns(upper: list, lower: list | None) -> list[Column]:
    """The columns Diaodu reads, from a one- or two-row header (merged cells already filled)."""
    columns, seen, carried = [], set(), None
    width = max(len(upper), len(lower or []))
    for index in range(width):
        top = _cell(upper, index)
        bottom = _cell(lower, index) if lower is not None else None
        if lower is None or parsing.is_empty(bottom) or bottom == top:
            leaf, group = top, None
            carried = None
        else:
            # A blank upper cell beside a group ("投资情况" typed once over three columns, not merged).
            if parsing.is_empty(top):
                top = carried
            else:
                carried = top
            leaf, group = bottom, top
        match = parsing.match_header(leaf, group)
        if match is None or match.field in seen:
            continue
        seen.add(match.field)
        header = parsing.clean_text(leaf)
        if group is not None and parsing.match_header(leaf) is None:
            header = parsing.clean_text(group) + parsing.clean_text(leaf)
        columns.append(Column(index=index, header=header, field=match.field, unit=match.unit, year=match.year))
    return columns


# --- the rows -------------------------------------------------------------------------------------


def _raw(value) -> str:
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


def _first_texts(row, limit: int = 3) -> list[str]:
    texts = []
    for value in row:
        if value is not None and (text := parsing.clean_text(value)):
            texts.append(text)
            if len(texts) == limit:
                break
    return texts


class _RowReader:
    """Reads the rows below the header, keeping the section each row belongs to."""

    def __init__(self, ledger: Ledger, unit: Decimal, merges, formulas):
        self.ledger = ledger
        self.unit = unit
        self.formulas = formulas
        self.by_field = {column.field: column for column in ledger.columns}
        self.sections: dict[int, parsing.Section] = {}
        first_data = ledger.header_rows[1] + 1
        # Vertical merges below the header: a leader or department typed once for several projects counts for
        # each; a project name merged over several rows is one project written on several lines.
        self.fill: dict[tuple[int, int], object] = {}
        self.continued: set[int] = set()
        self.merge_tops = [m for m in merges if m[1] >= first_data and m[3] > m[1]]
        name = self.by_field["name"].index + 1
        for min_col, min_row, max_col, max_row in self.merge_tops:
            if min_col <= name <= max_col:
                self.continued.update(range(min_row + 1, max_row + 1))

    def remember(self, number: int, row) -> None:
        for min_col, min_row, max_col, max_row in self.merge_tops:
            if min_row == number:
                value = _cell(row, min_col - 1)
                for below in range(min_row + 1, max_row + 1):
                    for col in range(min_col, max_col + 1):
                        self.fill[(below, col)] = value

    def value(self, number: int, row, column: Column):
        value = _cell(row, column.index)
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
        for column in self.ledger.columns:
            value = self.value(number, row, column)
            result.raw[column.field] = _raw(value)
            if (number, column.index + 1) in self.formulas:
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
        name = column.field
        if name in parsing.AMOUNT_FIELDS:
            return parsing.parse_amount(value, column.unit or self.unit)
        if name in parsing.DATE_FIELDS:
            return parsing.parse_date(value, self.ledger.year)
        if name == "code":
            return _parse_code(value)
        if name == "category":
            return parsing.parse_category(value)
        if name == "construction_type":
            return parsing.parse_construction_type(value)
        if name == "stage":
            return parsing.parse_stage(value)
        if name in ("leader", "officer"):
            return parsing.parse_name_of_person(value)
        if name in ("area", "owner", "department"):
            return parsing.parse_unit_name(value, MAX_LENGTHS[name])
        if name == "seq":
            return None
        return parsing.parse_text(value, MAX_LENGTHS.get(name))

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


# --- the ledger -----------------------------------------------------------------------------------


def _is_numbering(row) -> bool:
    """A row of column numbers under the header ("1 2 3 …" or "栏次"), as statistical tables print."""
    values = [value for value in row if value is not None and value != ""]
    numbers = [value for value in values if isinstance(value, int) and not isinstance(value, bool)]
    return (
        len(values) >= 3
        and len(numbers) == len(values)
        and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    )


def _locate_header(top: list[list], merges) -> tuple[int, int] | None:
    """First and last header row (1-based), from the first rows of a sheet."""
    for index, row in enumerate(top):
        if not _is_header_row(row):
            continue
        number = index + 1
        first, last = number, number
        spans = [m for m in merges if m[1] <= number <= m[3] and m[3] > m[1]]
        if any(m[1] == number - 1 for m in spans):
            first = number - 1
        elif any(m[1] == number for m in spans):
            last = number + 1
        elif index + 1 < len(top):
            below = top[index + 1]
            above_fields = _header_fields(row)
            if not _has_data(below) and _header_fields(below) - above_fields:
                last = number + 1
        return first, last
    return None


def _title_lines(top: list[list], first_header: int) -> tuple[str, int | None, Decimal | None]:
    title, year, unit = "", None, None
    for row in top[: first_header - 1]:
        for value in row:
            if not isinstance(value, str) or not value.strip():
                continue
            title = title or parsing.clean_text(value)
            year = year or parsing.year_of_title(value)
            unit = unit or parsing.unit_of_line(value)
    return title, year, unit


def read_ledger(source, *, year: int | None = None, today: dt.date | None = None) -> Ledger:
    """Read a ledger from a path or an uploaded file; LedgerFileError when it cannot be read at all."""
    archive = _open_zip(source)
    if not isinstance(source, str | os.PathLike):
        source.seek(0)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken workbook; the person needs one message
        raise LedgerFileError(_("无法读取这个 Excel 工作簿，请在 Excel 中重新保存为 .xlsx 后再导入。")) from None
    try:
        for sheet in [book.active, *[s for s in book.worksheets if s is not book.active]]:
            if sheet is None or not hasattr(sheet, "iter_rows"):
                continue
            ledger = _read_sheet(archive, sheet, year=year, today=today or dt.date.today())
            if ledger is not None:
                return ledger
    finally:
        book.close()
        archive.close()
    raise LedgerFileError(
        _("没有找到表头：前%(n)d行中没有同时含有「项目名称」和「总投资」等列名的行。请使用台账模板的列名。")
        % {"n": HEADER_SEARCH_ROWS}
    )


def _read_sheet(archive, sheet, *, year: int | None, today: dt.date) -> Ledger | None:
    xml = _sheet_xml(archive, sheet)
    merges = _merged_ranges(xml)
    sheet.reset_dimensions()  # some writers save a wrong size; read the rows that are there
    rows: Iterator = sheet.iter_rows(min_row=1, values_only=True)
    top = []
    for row in rows:
        top.append(list(row))
        if len(top) >= HEADER_SEARCH_ROWS:
            break
    header = _locate_header(top, merges)
    if header is None:
        return None
    first, last = header
    numbered = {index + 1: list(row) for index, row in enumerate(top[:last])}
    _fill_merges(numbered, merges, first, last)
    columns = _columns(numbered[first], numbered[last] if last > first else None)
    title, title_year, unit = _title_lines(top, first)
    plan_column = next((column for column in columns if column.field == "annual_plan"), None)
    ledger = Ledger(
        sheet=sheet.title,
        title=title,
        title_year=title_year,
        year=year or title_year,
        plan_year=(plan_column.year if plan_column and plan_column.year else None) or year or title_year or today.year,
        header_rows=(first, last),
        columns=columns,
        rows=[],
    )
    missing = [field for field in parsing.REQUIRED_FIELDS if field not in ledger.fields]
    if missing:
        names = "、".join(parsing.SYNONYMS[field][0] for field in missing)
        ledger.errors.append(RowError(last, None, _("表头缺少「%(names)s」列") % {"names": names}))
        return ledger
    reader = _RowReader(ledger, unit or parsing.WAN, merges, _uncached_formulas(xml))
    count = 0

    def remaining():
        yield from enumerate(top[last:], start=last + 1)
        yield from enumerate(rows, start=len(top) + 1)

    for number, row in remaining():
        if number == last + 1 and _is_numbering(row):
            continue
        parsed = reader.read(number, row)
        if parsed is None:
            continue
        count += 1
        if count > MAX_ROWS:
            raise LedgerFileError(
                _("台账超过 %(n)d 行：请分成几个文件导入。") % {"n": MAX_ROWS},
            )
        ledger.rows.append(parsed)
    return ledger
