"""The school list as Excel: reading an upload (checked as a ZIP before openpyxl opens
it; every bad row reported by its Excel row number) and writing the list back out."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO

from openpyxl import load_workbook

from checklist.model import STAGE_NAMES
from reports.workbooks import Sheet, restore, workbook_bytes
from webapp.assessments import answer_text

# Limits for an uploaded school list (a city has a few thousand schools at most).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


MAX_MEMBERS = 300


MAX_MEMBER_BYTES = 40 * 1024 * 1024


MAX_TOTAL_BYTES = 80 * 1024 * 1024


MAX_RATIO = 200


MAX_ROWS = 20_000


MAX_COLUMNS = 40


HEADER_SEARCH_ROWS = 5


COLUMNS = ("学校代码", "学校名称", "学段", "办学性质", "是否寄宿", "是否有食堂", "所属区县")


STAGE_WORDS: dict[str, tuple[str, ...]] = {
    **{label: (code,) for code, label in STAGE_NAMES.items()},
    "学前": ("kindergarten",),
    "学前教育": ("kindergarten",),
    "幼儿园": ("kindergarten",),
    "普通高中": ("senior",),
    "高级中学": ("senior",),
    "中等职业": ("vocational",),
    "中等职业教育": ("vocational",),
    "职高": ("vocational",),
    "特教": ("special",),
    "九年一贯制": ("primary", "junior"),
    "完全中学": ("junior", "senior"),
    "十二年一贯制": ("primary", "junior", "senior"),
}


_STAGE_SPLIT = re.compile(r"[,，、;；/／\s]+")


_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_\-]*$")


_YES = {"是": True, "否": False}


_NATURE = {"公办": True, "民办": False}


class SpreadsheetRejected(ValueError):
    """The file as a whole cannot be read (not an .xlsx, a zip bomb, no header…), in Chinese."""


@dataclass(frozen=True)
class SchoolRow:
    """One school as the spreadsheet gives it (Excel row number kept for messages)."""

    row: int
    code: str
    name: str
    stages: tuple[str, ...]
    public: bool
    boarding: bool
    has_canteen: bool
    district: str


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        column = f"“{self.column}”" if self.column else ""
        return f"第{self.row}行{column}：{self.message}"


@dataclass(frozen=True)
class SchoolList:
    rows: tuple[SchoolRow, ...]
    problems: tuple[RowProblem, ...]
    header_row: int


def preflight(data: bytes) -> None:
    """Refuse anything that is not a plain .xlsx of sensible size, before unpacking it."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetRejected(f"文件超过{MAX_UPLOAD_BYTES // (1024 * 1024)}MB，请只保留学校名单后再上传")
    if not data:
        raise SpreadsheetRejected("文件是空的")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetRejected("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再上传")
    if not data.startswith(b"PK\x03\x04"):
        raise SpreadsheetRejected("文件不是 Excel（.xlsx）格式")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise SpreadsheetRejected("文件结构异常（压缩包内文件过多），不能导入")
            total = 0
            for member in members:
                total += member.file_size
                if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise SpreadsheetRejected("文件解压后过大（疑似压缩炸弹或表格过大），不能导入")
                if member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    raise SpreadsheetRejected("文件压缩比异常，疑似压缩炸弹，不能导入")
            names = {m.filename for m in members}
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise SpreadsheetRejected("文件含有宏（.xlsm），出于安全考虑不能导入，请另存为 .xlsx")
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise SpreadsheetRejected("文件不是 Excel（.xlsx）格式")
            types = archive.read("[Content_Types].xml")[:200_000].lower()
            if b"macroenabled" in types:
                raise SpreadsheetRejected("文件含有宏（.xlsm），出于安全考虑不能导入，请另存为 .xlsx")
    except zipfile.BadZipFile as exc:
        raise SpreadsheetRejected("文件已损坏，无法打开") from exc


def read_upload(stream: BinaryIO) -> bytes:
    """Read an uploaded stream, refusing it as soon as it passes the size limit."""
    data = stream.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetRejected(f"文件超过{MAX_UPLOAD_BYTES // (1024 * 1024)}MB，请只保留学校名单后再上传")
    return data


@dataclass(frozen=True)
class Layout:
    """The columns an uploaded list has: all of them, those it must have, and the two that mark
    the header row (searched for in the first rows); ``what`` names its rows (学校, 账号)."""

    columns: tuple[str, ...]
    required: tuple[str, ...]
    marks: tuple[str, str]
    max_rows: int
    what: str


@dataclass(frozen=True)
class Table:
    """The first sheet of an uploaded list: where each column is, and its rows that are not
    blank, numbered as in Excel."""

    header: dict[str, int]
    header_row: int
    body: tuple[tuple[int, tuple[Any, ...]], ...]

    def raw(self, values: tuple[Any, ...], column: str) -> Any:
        index = self.header.get(column)
        return values[index] if index is not None and index < len(values) else None

    def text(self, values: tuple[Any, ...], column: str) -> str:
        return _text(self.raw(values, column))


def read_table(data: bytes, layout: Layout) -> Table:
    """The first sheet of an .xlsx upload as a Table; raises SpreadsheetRejected for the file
    as a whole (not a sensible .xlsx, no header in the first rows, no rows, too many rows)."""
    preflight(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a malformed or hostile file
        raise SpreadsheetRejected("文件无法读取（格式损坏或含有不安全的内容）") from exc
    try:
        if not book.worksheets:
            raise SpreadsheetRejected("文件中没有工作表")
        try:
            return _table(book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True), layout)
        except SpreadsheetRejected:
            raise
        except Exception as exc:
            raise SpreadsheetRejected("文件无法读取（格式损坏或含有不安全的内容）") from exc
    finally:
        book.close()


def _table(rows: Iterable[tuple[Any, ...]], layout: Layout) -> Table:
    header: dict[str, int] | None = None
    header_row = 0
    body: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in enumerate(rows, start=1):
        if header is None:
            if number > HEADER_SEARCH_ROWS:
                break
            header = _header(values, number, layout)
            header_row = number if header is not None else 0
            continue
        if all(_blank(v) for v in values):
            continue
        body.append((number, values))
        if len(body) > layout.max_rows:
            raise SpreadsheetRejected(f"表格超过{layout.max_rows}行，请分批导入")
    if header is None:
        raise SpreadsheetRejected(f"前{HEADER_SEARCH_ROWS}行中没有找到表头，表头应包含：{'、'.join(layout.columns)}")
    if not body:
        raise SpreadsheetRejected(f"表格中没有{layout.what}（表头下面是空的）")
    return Table(header, header_row, tuple(body))


def _header(values: tuple[Any, ...], number: int, layout: Layout) -> dict[str, int] | None:
    names = [_clean_header(v) for v in values]
    if any(mark not in names for mark in layout.marks):
        return None
    missing = [c for c in layout.required if c not in names]
    if missing:
        expected = "、".join(layout.columns)
        raise SpreadsheetRejected(f"第{number}行表头缺少列：{'、'.join(missing)}（应包含：{expected}）")
    duplicated = sorted({c for c in layout.columns if names.count(c) > 1})
    if duplicated:
        raise SpreadsheetRejected(f"第{number}行表头中有重复的列：{'、'.join(duplicated)}")
    return {c: names.index(c) for c in layout.columns if c in names}


def read_school_list(data: bytes) -> SchoolList:
    """Every row of the first sheet checked; raises SpreadsheetRejected for the file as a whole."""
    table = read_table(data, Layout(COLUMNS, COLUMNS, ("学校代码", "学校名称"), MAX_ROWS, "学校"))
    parsed: list[SchoolRow] = []
    problems: list[RowProblem] = []
    first_row_of_code: dict[str, int] = {}
    for number, values in table.body:
        row, row_problems = _read_row(number, values, table)
        if row is not None:
            earlier = first_row_of_code.get(row.code)
            if earlier is not None:
                row_problems.append(RowProblem(number, "学校代码", f"学校代码“{row.code}”与第{earlier}行重复"))
            else:
                first_row_of_code[row.code] = number
        if row_problems:
            problems.extend(row_problems)
        elif row is not None:
            parsed.append(row)
    return SchoolList(tuple(parsed), tuple(problems), table.header_row)


def _clean_header(value: Any) -> str:
    text = "" if value is None else restore(str(value))
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")").split("(")[0]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return restore(answer_text(value).strip())


def _read_row(number: int, values: tuple[Any, ...], table: Table) -> tuple[SchoolRow | None, list[RowProblem]]:
    def cell(column: str) -> Any:
        return table.raw(values, column)

    problems: list[RowProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(number, column, message))

    raw_code = cell("学校代码")
    code = ""
    if isinstance(raw_code, float) and not raw_code.is_integer():
        problem("学校代码", f"“{raw_code:g}”不是有效的学校代码（应为整数或字母、数字组成的代码）")
    elif isinstance(raw_code, dt.date | dt.datetime):
        problem("学校代码", "学校代码不能是日期，请把该列设为“文本”格式后重新填写")
    else:
        code = _text(raw_code)
        if not code:
            problem("学校代码", "学校代码不能为空")
        elif len(code) > 40:
            problem("学校代码", "学校代码不能超过40个字符")
        elif not _CODE.match(code):
            problem("学校代码", f"“{_clip(code)}”不是有效的学校代码（只能由字母、数字、连字符组成）")

    name = _plain_text(cell("学校名称"), "学校名称", 200, problem)

    stage_text = _text(cell("学段"))
    stages: list[str] = []
    if not stage_text:
        problem("学段", f"学段不能为空（可填：{'、'.join(STAGE_NAMES.values())}，多个学段用逗号或顿号分隔）")
    else:
        unknown = []
        for word in (w for w in _STAGE_SPLIT.split(stage_text) if w):
            if word in STAGE_WORDS:
                stages.extend(s for s in STAGE_WORDS[word] if s not in stages)
            else:
                unknown.append(word)
        if unknown:
            problem(
                "学段",
                f"无法识别的学段“{_clip('、'.join(unknown))}”（可填：{'、'.join(STAGE_NAMES.values())}，"
                "多个学段用逗号或顿号分隔）",
            )

    public = _choice(cell("办学性质"), _NATURE, "办学性质", "应填“公办”或“民办”", problem)
    boarding = _choice(cell("是否寄宿"), _YES, "是否寄宿", "应填“是”或“否”", problem)
    canteen = _choice(cell("是否有食堂"), _YES, "是否有食堂", "应填“是”或“否”", problem)

    district = _plain_text(cell("所属区县"), "所属区县", 100, problem)

    if problems or public is None or boarding is None or canteen is None:
        return None, problems
    return SchoolRow(number, code, name, tuple(stages), public, boarding, canteen, district), problems


def _plain_text(value: Any, column: str, limit: int, problem: Any) -> str:
    """A required line of text: not empty, at most ``limit`` characters, no line breaks or
    invisible characters (a problem noted under ``column`` otherwise)."""
    text = _text(value)
    if not text:
        problem(column, f"{column}不能为空")
    elif len(text) > limit:
        problem(column, f"{column}不能超过{limit}个字符")
    elif any(ord(ch) < 32 for ch in text):
        problem(column, f"{column}中有换行或不可见字符，请删除")
    return text


def _choice(value: Any, options: dict[str, bool], column: str, hint: str, problem: Any) -> bool | None:
    text = _text(value)
    if text in options:
        return options[text]
    problem(column, f"“{_clip(text)}”无法识别，{hint}" if text else f"{column}不能为空，{hint}")
    return None


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def school_list_rows(schools: Iterable[Any]) -> list[list[Any]]:
    rows = []
    for school in schools:
        rows.append(
            [
                school.code,
                school.name,
                "、".join(STAGE_NAMES.get(s, s) for s in school.stage_list),
                "公办" if school.public else "民办",
                "是" if school.boarding else "否",
                "是" if school.has_canteen else "否",
                school.district.name if school.district else "",
            ]
        )
    return rows


def school_list_workbook(schools: Iterable[Any]) -> bytes:
    return workbook_bytes([Sheet("学校名单", COLUMNS, school_list_rows(schools), widths=(14, 36, 18, 10, 10, 12, 14))])
