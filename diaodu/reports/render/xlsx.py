"""The bulletin as an Excel workbook: one sheet per section, amounts as numbers in 万元.

Each sheet starts with the bulletin's title, the section's heading and its paragraphs; its tables follow
with a bold header. Money stays a number (万元, two places), rates a number of percent, dates dates, so
the office can sort and sum; only the Word and PDF files print 亿元.
"""

from __future__ import annotations

import io
import re
import unicodedata

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..outline import DATE, HECTARES, INT, MONEY, PERCENT, POINTS, Outline, Table

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEAD_FILL = PatternFill("solid", fgColor="E7E6E6")
FORMATS = {
    MONEY: "#,##0.00",
    PERCENT: "0.0",
    POINTS: "+0.0;-0.0;0.0",
    HECTARES: "#,##0.0000",
    DATE: "yyyy-mm-dd",
    INT: "0",
}
NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
MAX_WIDTH = 60


def _unit(column) -> str:
    units = {MONEY: _("（万元）"), PERCENT: _("（%）"), POINTS: _("（百分点）"), HECTARES: _("（公顷）")}
    return column.label + units.get(column.kind, "")


def _width(value) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _sheet_name(heading: str, taken: set[str]) -> str:
    name = NUMBERED.sub("", heading)
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    name = name[:31] or "Sheet"
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]}({n})"
        n += 1
    taken.add(name)
    return name


def _write_table(sheet, row: int, table: Table, widths: dict[int, int]) -> int:
    if not table.rows:
        if table.empty:
            sheet.cell(row=row, column=1, value=table.empty)
            row += 1
        return row + 1
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=row, column=index, value=_unit(column))
        cell.font, cell.fill = BOLD, HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        widths[index] = max(widths.get(index, 0), min(_width(cell.value), 24))
    for values in table.rows:
        row += 1
        for index, (column, value) in enumerate(zip(table.columns, values, strict=True), start=1):
            cell = sheet.cell(row=row, column=index, value=value)
            if column.kind in FORMATS and value is not None:
                cell.number_format = FORMATS[column.kind]
            widths[index] = max(widths.get(index, 0), min(_width(value), MAX_WIDTH))
    return row + 2


def render_xlsx(outline: Outline) -> bytes:
    """The bulletin as an .xlsx file's bytes."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for section in outline.sections:
        sheet = book.create_sheet(_sheet_name(section.heading, taken))
        sheet.cell(row=1, column=1, value=outline.title).font = TITLE
        sheet.cell(row=2, column=1, value=f"{outline.issuer}  {outline.date_line}")
        sheet.cell(row=3, column=1, value=section.heading).font = BOLD
        row = 4
        for text in section.paragraphs:
            sheet.cell(row=row, column=1, value=text)
            row += 1
        row += 1
        widths: dict[int, int] = {}
        for table in section.tables:
            row = _write_table(sheet, row, table, widths)
        for index, width in widths.items():
            sheet.column_dimensions[get_column_letter(index)].width = max(width + 2, 8)
        sheet.freeze_panes = None
    book.properties.title = outline.title
    book.properties.creator = outline.issuer
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
