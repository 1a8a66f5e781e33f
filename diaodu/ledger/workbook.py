"""The workbook as a file: is it really an .xlsx, not too large, and what openpyxl's read-only mode does not give.

openpyxl reads the cells in read-only mode; merged ranges, and formula cells saved without a computed value,
come from one scan of the sheet's XML here. Formulas are never evaluated.
"""

import os
import re
import zipfile

from django.utils.translation import gettext as _
from openpyxl.utils.cell import column_index_from_string, range_boundaries

MAX_BYTES = 10 * 1024 * 1024
# What the workbook may unpack to: a 10 MB ledger is far below; a zip bomb is not.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
_UNCACHED_FORMULA = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>|</(?:\w+:)?c>)"
)


class LedgerFileError(Exception):
    """The file cannot be read as a ledger at all (not an .xlsx, too large, no header)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


def open_zip(source) -> zipfile.ZipFile:
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


def sheet_xml(archive: zipfile.ZipFile, worksheet) -> bytes:
    path = getattr(worksheet, "_worksheet_path", None)
    try:
        return archive.read(path) if path else b""
    except KeyError:
        return b""


def merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range, 1-based."""
    ranges = []
    for start, end in _MERGE.findall(xml):
        min_col, min_row, max_col, max_row = range_boundaries(f"{start.decode()}:{end.decode()}")
        ranges.append((min_col, min_row, max_col, max_row))
    return ranges


def uncached_formulas(xml: bytes) -> set[tuple[int, int]]:
    """(row, column) of formula cells saved without a computed value, 1-based."""
    if b"<f" not in xml and b":f" not in xml:
        return set()
    return {(int(row), column_index_from_string(col.decode())) for col, row in _UNCACHED_FORMULA.findall(xml)}
