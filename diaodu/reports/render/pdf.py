"""The bulletin as a PDF, typeset by WeasyPrint from an HTML template with the Noto CJK fonts embedded.

The page is A4 with the margins of an official document; the template (`reports/bulletin_pdf.html`)
sets the masthead in red and the body in the serif CJK font, and repeats table headers across pages.
"""

from __future__ import annotations

import functools
import logging

from django.template.loader import render_to_string

from ..outline import TEXT_WIDTH_PT, Outline, cell_text, masthead_points
from .fonts import bulletin_fonts

# WeasyPrint reports each step of its layout at INFO: not news for the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _css_class(column) -> str:
    """n: a figure, right-aligned; k: kept on one line (dates, rates, counts, short words)."""
    classes = []
    if column.kind != "text":
        classes.append("n")
    if not column.wrap or column.kind not in ("text", "money", "hectares"):
        classes.append("k")
    return " ".join(classes)


def _table(table) -> dict:
    """Columns with their share of the width and CSS class; cells as (text, class)."""
    total = sum(column.share for column in table.columns)
    # In points, less the cell's padding and border (3 + 3 + 0.75): fixed layout takes them as given.
    columns = [
        {
            "label": column.label,
            "width": f"{TEXT_WIDTH_PT * column.share / total - 6.75:.1f}",
            "css": _css_class(column),
        }
        for column in table.columns
    ]
    rows = [
        [
            (cell_text(value, column.kind), info["css"])
            for value, column, info in zip(row, table.columns, columns, strict=True)
        ]
        for row in table.rows
    ]
    return {"columns": columns, "rows": rows, "empty": table.empty}


def render_html(outline: Outline) -> str:
    sections = [
        {
            "heading": section.heading,
            "paragraphs": section.paragraphs,
            "tables": [_table(table) for table in section.tables],
        }
        for section in outline.sections
    ]
    context = {
        "outline": outline,
        "sections": sections,
        "fonts": bulletin_fonts(),
        "masthead_size": masthead_points(outline.red_header),
        "text_width": TEXT_WIDTH_PT,
    }
    return render_to_string("reports/bulletin_pdf.html", context)


# The few elements the template uses, instead of WeasyPrint's full HTML user-agent stylesheet: matching a
# long bulletin's thousands of table cells against a hundred rules is a good part of its time.
LEAN_UA = """
head, style, title, meta { display: none }
html, body, div, p, h1, h2 { display: block }
table { display: table } thead { display: table-header-group } tbody { display: table-row-group }
tr { display: table-row } td, th { display: table-cell } span { display: inline }
th { text-align: center }
"""


@functools.cache
def _document_class():
    from weasyprint import CSS, HTML

    lean = CSS(string=LEAN_UA)

    class BulletinHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [lean]

    return BulletinHTML


def render_pdf(outline: Outline) -> bytes:
    """The bulletin as a PDF file's bytes."""
    return _document_class()(string=render_html(outline)).write_pdf()
