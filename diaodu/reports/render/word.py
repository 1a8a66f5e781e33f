"""The bulletin as a Word document laid out as an official document (党政机关公文格式, GB/T 9704).

A4 with the standard margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm); the red masthead and
the title centred in the title face (方正小标宋, or the serif CJK font installed); the body in 仿宋 (or
its stand-in) at 16 pt (三号) with a first-line indent of two characters; headings of the first level in
黑体; tables for the rankings and lists, their header repeated on every page; page numbers “— 1 —”.
The East-Asian font is set through `w:eastAsia`, which is what Word reads for Chinese characters.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm, Pt, RGBColor

from ..outline import Outline, Table, cell_text, masthead_points
from .fonts import bulletin_fonts

RED = RGBColor(0xD0, 0x00, 0x00)
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(10.5)  # 五号
LINE = Pt(28)  # 22 lines to the page, as GB/T 9704 sets them
TEXT_WIDTH = Mm(210 - 28 - 26)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _east_asian(element, name: str) -> None:
    """Name the font for every script of a run or style, East-Asian included."""
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _style(document, name: str, *, font: str, size, bold=False, base="Normal"):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    style.base_style = styles[base] if name != base else None
    style.font.size = size
    style.font.bold = bold
    _east_asian(style.element, font)
    return style


def _setup(document) -> None:
    fonts = bulletin_fonts()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    normal = _style(document, "Normal", font=fonts.body, size=BODY_SIZE)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = LINE
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    body = _style(document, "Bulletin Body", font=fonts.body, size=BODY_SIZE)
    body.paragraph_format.first_line_indent = Pt(32)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    heading = _style(document, "Bulletin Heading", font=fonts.heading, size=BODY_SIZE)
    heading.paragraph_format.first_line_indent = Pt(32)
    heading.paragraph_format.keep_with_next = True
    cell = _style(document, "Bulletin Table", font=fonts.body, size=TABLE_SIZE)
    cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cell.paragraph_format.first_line_indent = Pt(0)
    _style(document, "Bulletin Table Head", font=fonts.heading, size=TABLE_SIZE, base="Bulletin Table")
    _page_numbers(section, fonts.body)


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _page_numbers(section, font: str) -> None:
    """“— 1 —” centred at the foot of every page (四号, 宋体 in the standard; the body font here)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" —")
    for run in paragraph.runs:
        run.font.size = Pt(14)
        _east_asian(run._r, font)


def _run(paragraph, text: str, *, font: str | None = None, size=None, bold=None, color=None):
    run = paragraph.add_run(text)
    if font:
        _east_asian(run._r, font)
    if size:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return run


def _red_rule(paragraph) -> None:
    """The red line under the masthead: the paragraph's bottom border."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", "D00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _masthead(document, outline: Outline) -> None:
    fonts = bulletin_fonts()
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    head.paragraph_format.space_before = Pt(12)
    _run(head, outline.red_header, font=fonts.title, size=Pt(masthead_points(outline.red_header)), color=RED)
    line = document.add_paragraph()
    line.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    line.paragraph_format.space_before = Pt(12)
    _run(line, f"{outline.issuer}\t{outline.date_line}")
    _red_rule(line)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    title.paragraph_format.space_before = Pt(24)
    title.paragraph_format.space_after = Pt(18)
    _run(title, outline.title, font=fonts.title, size=TITLE_SIZE)
    document.add_paragraph(outline.addressee)
    document.add_paragraph(outline.opening, style="Bulletin Body")


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)


def _xml_text(text: str) -> str:
    """Text for a `w:t`: escaped, without the control characters XML cannot carry."""
    return escape(CONTROL.sub("", text))


def _body_rows(table: Table, widths: list[int], style_id: str) -> list:
    """The table's rows as XML, written as text and parsed once: python-docx's cell objects take a
    millisecond each, and a bulletin of a large zone has thousands of cells."""
    templates = []
    for column, width in zip(table.columns, widths, strict=True):
        align = '<w:jc w:val="right"/>' if column.kind != "text" else ""
        templates.append(
            (
                column.kind,
                f'<w:tc><w:tcPr><w:tcW w:w="{Length(width).twips}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{align}</w:pPr>'
                '<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>',
            )
        )
    rows = "".join(
        "<w:tr>"
        + "".join(
            cell.replace("{text}", _xml_text(cell_text(value, kind)))
            for (kind, cell), value in zip(templates, values, strict=True)
        )
        + "</w:tr>"
        for values in table.rows
    )
    return list(parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>"))


def _paragraph_style(paragraph, style_id: str) -> None:
    # By id, straight into the XML: python-docx's lookup by name walks every style each time.
    paragraph._p.get_or_add_pPr().style = style_id


def _table(document, table: Table, style_ids: dict[str, str]) -> None:
    if not table.rows:
        if table.empty:
            document.add_paragraph(table.empty, style="Bulletin Body")
        return
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    total = sum(column.share for column in table.columns)
    widths = [int(TEXT_WIDTH * column.share / total) for column in table.columns]
    for grid_column, width in zip(grid.columns, widths, strict=True):
        grid_column.width = width  # the grid: rows added below take these widths
    header = grid.rows[0]
    _repeat_header(header)
    for cell, column, width in zip(header.cells, table.columns, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        _paragraph_style(paragraph, style_ids["head"])
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(column.label)
        _shade(cell, "E7E6E6")
    for row in _body_rows(table, widths, style_ids["cell"]):
        grid._tbl.append(row)
    document.add_paragraph()


def render_docx(outline: Outline) -> bytes:
    """The bulletin as a .docx file's bytes."""
    document = Document()
    _setup(document)
    document.core_properties.title = outline.title
    document.core_properties.author = outline.issuer
    _masthead(document, outline)
    style_ids = {
        "cell": document.styles["Bulletin Table"].style_id,
        "head": document.styles["Bulletin Table Head"].style_id,
    }
    for section in outline.sections:
        document.add_paragraph(section.heading, style="Bulletin Heading")
        for text in section.paragraphs:
            document.add_paragraph(text, style="Bulletin Body")
        for table in section.tables:
            _table(document, table, style_ids)
    closing = document.add_paragraph(outline.signature)
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.paragraph_format.space_before = Pt(32)
    dated = document.add_paragraph(outline.date_line)
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
