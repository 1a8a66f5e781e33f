"""Benchmarks `bulletin_docx` and `bulletin_pdf`: the dispatch bulletin (调度通报) of a 300-project zone.

The zone is a SQLite file of 300 projects with a year of monthly reports (`generate_scale_data`). Measured in a
Django process on it, each format as the `bulletin` management command makes it (`reports.services.
bulletin_file`): the data (`reports.bulletin.build_bulletin`, as of today), its outline, and the renderer
(`reports.render`). Each beside a bare-library baseline of the same size, without our data loading:

- Word: python-docx writing a document with as many paragraphs and tables of as many rows and columns as the
  outline has (the same texts), with no styles, fonts or fields;
- PDF: WeasyPrint's plain `HTML(string=…).write_pdf()` of the very HTML our renderer lays out
  (`render.pdf.render_html` of the same outline, made before the timing).

The data loading alone is recorded too (`data_median_s`). Goals (absolute, recorded, never failing the run):
Word ≤ 2 s, PDF ≤ 5 s.
"""

from __future__ import annotations

from .common import alternate, entry, median

GOALS = {"docx": 2.0, "pdf": 5.0}
BASELINES = {
    "docx": "bare python-docx: same paragraphs and table rows, no styling",
    "pdf": "bare WeasyPrint HTML(string).write_pdf() of the same HTML, no data loading",
}


def run(ctx) -> dict:
    projects = 60 if ctx.quick else 300
    repeat = 2 if ctx.quick else 5
    url = ctx.sqlite_database(projects, years=1)
    measured = ctx.in_django(url, "bench.bulletin:measure", repeat=repeat)
    results = {}
    for fmt, goal in GOALS.items():
        m = measured[fmt]
        results[f"bulletin_{fmt}"] = entry(
            median_s=m["median_s"],
            baseline=BASELINES[fmt],
            baseline_median_s=m["baseline_median_s"],
            n=repeat,
            goal=f"median ≤ {goal:g} s",
            goal_met=m["median_s"] <= goal,
            data_median_s=round(measured["data_median_s"], 6),
            projects=measured["projects"],
            paragraphs=measured["paragraphs"],
            table_rows=measured["table_rows"],
            bytes=m["bytes"],
        )
    return results


# --- in the Django process ------------------------------------------------------------------------------


def _bare_docx(outline) -> bytes:
    from io import BytesIO

    from docx import Document

    document = Document()
    for text in (outline.red_header, outline.title, outline.addressee, outline.opening):
        document.add_paragraph(text)
    for section in outline.sections:
        document.add_paragraph(section.heading)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for table in section.tables:
            grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
            for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
                cell.text = column.label
            for row, values in zip(grid.rows[1:], table.rows, strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    cell.text = "" if value is None else str(value)
    document.add_paragraph(outline.signature)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def measure(repeat: int) -> dict:
    import time

    from django.conf import settings
    from django.utils import timezone, translation
    from weasyprint import HTML

    from diaodu.projects.models import Project
    from diaodu.reports.render.pdf import render_html
    from diaodu.reports.services import bulletin_file, bulletin_outline

    as_of = timezone.localdate()
    result = {"projects": Project.objects.count()}
    with translation.override(settings.LANGUAGE_CODE):
        started = time.perf_counter()
        outline = bulletin_outline(as_of)
        data_times = [time.perf_counter() - started]
        for _ in range(repeat - 1):
            started = time.perf_counter()
            bulletin_outline(as_of)
            data_times.append(time.perf_counter() - started)
        result["data_median_s"] = median(data_times)
        result["paragraphs"] = sum(len(section.paragraphs) + 1 for section in outline.sections)
        result["table_rows"] = sum(len(table.rows) for section in outline.sections for table in section.tables)
        html = render_html(outline)
        bare = {"docx": lambda: _bare_docx(outline), "pdf": lambda: HTML(string=html).write_pdf()}
        for fmt in GOALS:
            size = len(bulletin_file(fmt, as_of))
            ours, theirs = alternate(lambda fmt=fmt: bulletin_file(fmt, as_of), bare[fmt], repeat, warmup=1)
            result[fmt] = {"median_s": median(ours), "baseline_median_s": median(theirs), "bytes": size}
    return result
