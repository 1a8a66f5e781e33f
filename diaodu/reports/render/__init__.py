"""The three renderers of the bulletin's outline: Word (official document layout), PDF and Excel."""

from .pdf import render_pdf
from .word import render_docx
from .xlsx import render_xlsx

RENDERERS = {"docx": render_docx, "pdf": render_pdf, "xlsx": render_xlsx}

__all__ = ["RENDERERS", "render_docx", "render_pdf", "render_xlsx"]
