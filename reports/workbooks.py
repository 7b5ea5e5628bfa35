"""Excel workbooks written fast (openpyxl's write-only mode with lxml): a sheet is a header and
rows; every cell and every name goes through ``neutralise``, the one guard of every workbook the
project writes (formula injection, characters XML cannot hold)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralise(value: Any) -> Any:
    """A cell value no spreadsheet will execute, that every workbook can hold: a string
    starting with a formula character gets a leading ``'``; characters XML cannot hold (a
    ``\\v`` in a title) are removed; anything else is returned as it is."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a header row and data rows; ``widths`` in characters (optional)."""

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[int] = field(default_factory=tuple)
    notes: Sequence[str] = field(default_factory=tuple)  # lines written above the header


_HEADER_FONT = Font(bold=True, color="FFFFFF")


_HEADER_FILL = PatternFill("solid", fgColor="1D4F91")


_NOTE_FONT = Font(italic=True, color="5F6B7A")


_HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)


def _safe_sheet_name(name: str, taken: set[str]) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", str(neutralise(name)))[:31] or "Sheet"
    candidate, n = cleaned, 2
    while candidate in taken:
        suffix = f"_{n}"
        candidate, n = cleaned[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def _cell_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return value
    return neutralise(str(value))


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx file (bytes) with the given sheets; every string cell neutralised.

    Written in openpyxl's write-only mode: rows stream to the file as they come, so a
    province's score table (20,000 schools × 160 columns) needs no cell object per value."""
    book = Workbook(write_only=True)
    taken: set[str] = set()
    for spec in sheets:
        sheet = book.create_sheet(_safe_sheet_name(spec.name, taken))
        for column, title in enumerate(spec.header, start=1):
            width = spec.widths[column - 1] if column - 1 < len(spec.widths) else _display_width(str(title)) + 4
            sheet.column_dimensions[get_column_letter(column)].width = max(6, min(width, 60))
        sheet.freeze_panes = f"A{len(spec.notes) + 2}"
        for note in spec.notes:
            cell = WriteOnlyCell(sheet, value=_cell_value(note))
            cell.font = _NOTE_FONT
            sheet.append([_force_text(cell)])
        header = []
        for title in spec.header:
            cell = WriteOnlyCell(sheet, value=_cell_value(title))
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.alignment = _HEADER_ALIGNMENT
            header.append(_force_text(cell))
        sheet.append(header)
        for values in spec.rows:
            sheet.append([_row_value(sheet, value) for value in values])
    if not book.worksheets:
        book.create_sheet("Sheet")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row_value(sheet: Any, value: Any) -> Any:
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=_cell_value(value))
        cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, dt.datetime) else "yyyy-mm-dd"
        return cell
    value = _cell_value(value)
    if isinstance(value, str) and value.startswith("="):  # neutralise() prevents it; never let one through
        return "'" + value
    return value


def _force_text(cell: Any) -> Any:
    # neutralise() already keeps strings away from "=", but never let a formula through.
    if cell.data_type == "f":
        cell.value = "'" + str(cell.value)
        cell.data_type = "s"
    return cell


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def restore(text: str) -> str:
    """The inverse of ``neutralise`` for text read back from one of our own exports."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text
