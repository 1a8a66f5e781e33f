"""Reading a ledger (台账) as zones keep it: pure functions, no database, no workbook.

Every parser returns a value (None for an empty cell) or raises `CellError` with a message in Chinese
that says what was found and what is expected; it never raises anything else (tests/ledger checks this
with hypothesis). The workbook reader (`reader.py`) adds the row and the column to the message.
`cells` reads one cell; `layout` reads what the header and each row mean.
"""

from .cells import (
    WAN,
    YI,
    CellError,
    category_of,
    clean_text,
    fold,
    is_empty,
    parse_amount,
    parse_category,
    parse_construction_type,
    parse_date,
    parse_name_of_person,
    parse_stage,
    parse_text,
    parse_unit_name,
)
from .layout import (
    AMOUNT_FIELDS,
    DATE_FIELDS,
    REQUIRED_FIELDS,
    SYNONYMS,
    HeaderMatch,
    Section,
    is_note,
    is_total,
    match_header,
    section_of,
    unit_of_line,
    year_of_title,
)

__all__ = [
    "AMOUNT_FIELDS", "DATE_FIELDS", "REQUIRED_FIELDS", "SYNONYMS", "WAN", "YI", "CellError", "HeaderMatch", "Section",
    "category_of", "clean_text", "fold", "is_empty", "is_note", "is_total", "match_header", "parse_amount",
    "parse_category", "parse_construction_type", "parse_date", "parse_name_of_person", "parse_stage", "parse_text",
    "parse_unit_name", "section_of", "unit_of_line", "year_of_title",
]  # fmt: skip
