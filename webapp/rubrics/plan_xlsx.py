"""Reading an Excel workbook (.xlsx) into a plan's text: a bureau's 评估细则 or 指标体系 is often
a worksheet (一级指标 ⇥ 二级指标 ⇥ 评估内容及标准 ⇥ 分值 ⇥ 评估方法), its 一级指标 merged down
several rows and its title merged across the columns.

Each visible worksheet becomes lines as a Word table does (``plan_docx``): one line a row, its
cells apart by a tab, a merged cell once, in its first row (the rows under it leave it out rather
than repeat it), a cell's own line breaks made spaces so that the row stays one line. Empty
rows, hidden rows and columns, and columns empty in every row are left out. A number is written
as the cell shows it where that matters to a requirement (0.1 formatted as a percentage is
10%), a date as 2024年9月1日. A workbook of several sheets names each sheet on a line before
its rows (小学, 初中), unless the sheet kept Excel's own name (Sheet1, 工作表1).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from webapp.rubrics.plan_text import PlanRejected, PlanText, megabytes

# The worksheets and their shared strings, inflated: a 评估细则 is a few hundred kilobytes; a
# workbook far past this is data, not a plan, and would take openpyxl minutes and gigabytes.
MAX_SHEET_BYTES = 16_777_216
_DEFAULT_SHEET_NAME = re.compile(r"(?i)^(?:sheet|工作表)\s*\d*$")
DAMAGED = "Excel 文件已损坏，无法读取：请在 Excel 或 WPS 中打开后另存为 .xlsx 再添加"


def read_xlsx(data: bytes) -> PlanText:
    """The text of a .xlsx whose zip ``formats.sniff`` has checked (``plan_text.office_kind``)."""
    _check_sheet_size(data)
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns of what it does not keep (data validation, conditional formats):
            # none of it is text.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # a broken part raises KeyError, ValueError, lxml's XMLSyntaxError…
        raise PlanRejected(DAMAGED) from exc
    sheets = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
    read = [(sheet.title, list(_sheet_lines(sheet))) for sheet in sheets]
    read = [(title, lines) for title, lines in read if lines]
    named = len(read) > 1
    lines: list[str] = []
    for title, rows in read:
        if named and not _DEFAULT_SHEET_NAME.match(title.strip()):
            lines.append(title.strip())
        lines.extend(rows)
    return PlanText("\n".join(lines), "xlsx", title=workbook.properties.title or None)


def _check_sheet_size(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size = sum(
            m.file_size
            for m in archive.infolist()
            if m.filename.startswith("xl/worksheets/") or m.filename == "xl/sharedStrings.xml"
        )
    if size > MAX_SHEET_BYTES:
        raise PlanRejected(
            f"表格内容过多（工作表解压后 {megabytes(size)}），不像是一份评估细则：请只保留细则所在的工作表后再添加"
        )


def _sheet_lines(sheet: Any) -> Iterator[str]:
    """One line a row: the cells of the visible columns that hold text somewhere, apart by tabs;
    the cells a merge covers, other than its first, left out."""
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                if (row, column) != (merged.min_row, merged.min_col):
                    covered.add((row, column))
    hidden_columns: set[int] = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden and dimension.min and dimension.max:
            hidden_columns.update(range(dimension.min, dimension.max + 1))
    rows: list[list[tuple[int, str]]] = []
    for row in sheet.iter_rows():
        if not row or sheet.row_dimensions[row[0].row].hidden:
            continue
        cells = [
            (cell.column, _cell_text(cell))
            for cell in row
            if (cell.row, cell.column) not in covered and cell.column not in hidden_columns
        ]
        if any(text for _, text in cells):
            rows.append(cells)
    used = {column for cells in rows for column, text in cells if text}
    for cells in rows:
        kept = [text for column, text in cells if column in used]
        while kept and not kept[-1]:
            kept.pop()
        yield "\t".join(kept)


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        clock = f" {value.hour}:{value.minute:02d}" if (value.hour, value.minute) != (0, 0) else ""
        return f"{value.year}年{value.month}月{value.day}日{clock}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute:02d}"
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            return _number(value * 100) + "%"
        return _number(value)
    return " ".join(part.strip() for part in str(value).splitlines() if part.strip())


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{round(value, 10):.10f}".rstrip("0").rstrip(".")
