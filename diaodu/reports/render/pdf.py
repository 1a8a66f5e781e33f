"""The bulletin as a PDF, typeset by WeasyPrint from an HTML template with the Noto CJK fonts embedded.

The page is A4 with the margins of an official document; the template (`reports/bulletin_pdf.html`)
sets the masthead in red and the body in the serif CJK font, and repeats table headers across pages.
"""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from ..outline import Outline, cell_text, masthead_points
from .fonts import bulletin_fonts

# WeasyPrint reports each step of its layout at INFO: not news for the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _css_class(column) -> str:
    return " ".join(name for name, yes in (("number", column.kind != "text"), ("nowrap", not column.wrap)) if yes)


def _table(table) -> dict:
    """Columns with their share of the width and CSS class; cells as (text, class)."""
    total = sum(column.share for column in table.columns)
    columns = [
        {"label": column.label, "width": f"{column.share * 100 / total:.1f}%", "css": _css_class(column)}
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
    }
    return render_to_string("reports/bulletin_pdf.html", context)


def render_pdf(outline: Outline) -> bytes:
    """The bulletin as a PDF file's bytes."""
    from weasyprint import HTML

    return HTML(string=render_html(outline)).write_pdf()
