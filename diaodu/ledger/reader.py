"""Reading a ledger workbook into rows: checks the file, finds the header, reads every row (no database).

openpyxl reads the cells in read-only mode (a 10,000-row ledger in a second or two); what read-only mode
does not give — merged ranges, and formula cells saved without a computed value — comes from one scan of
the sheet's XML. Formulas are never evaluated: a formula cell counts with the value Excel saved for it,
and one saved without a value is an error naming the cell.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from . import parsing
from .rows import Column, LedgerRow, RowError, RowReader, cell
from .workbook import MAX_BYTES, LedgerFileError, merged_ranges, open_zip, sheet_xml, uncached_formulas

__all__ = ["MAX_BYTES", "Column", "Ledger", "LedgerFileError", "LedgerRow", "RowError", "read_ledger"]

MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 30


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


# --- the header -----------------------------------------------------------------------------------


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
        value = cell(rows[min_row], min_col - 1)
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
        top = cell(upper, index)
        bottom = cell(lower, index) if lower is not None else None
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
    for index, row in enumerate(top[:HEADER_SEARCH_ROWS]):
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
    archive = open_zip(source)
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
    xml = sheet_xml(archive, sheet)
    merges = merged_ranges(xml)
    sheet.reset_dimensions()  # some writers save a wrong size; read the rows that are there
    rows: Iterator = sheet.iter_rows(min_row=1, values_only=True)
    top = []
    for row in rows:
        top.append(list(row))
        if len(top) > HEADER_SEARCH_ROWS:  # one more: a two-row header may start on the last row searched
            break
    header = _locate_header(top, merges)
    if header is None:
        return None
    first, last = header
    numbered = {index + 1: list(row) for index, row in enumerate(top[:last])}
    _fill_merges(numbered, merges, first, last)
    columns = _columns(numbered.get(first, []), numbered.get(last, []) if last > first else None)
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
    reader = RowReader(ledger, unit or parsing.WAN, merges, uncached_formulas(xml))
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
