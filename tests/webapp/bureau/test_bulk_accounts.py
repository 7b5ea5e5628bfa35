"""School accounts in one action and accounts imported from Excel: the initial passwords come
back once, as the answer's workbook, and nowhere else; every account must change its password
at first login; a list with a bad row imports nothing and names the row."""

from __future__ import annotations

import io
import json
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from tests.webapp.conftest import login

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_schools(app: Flask, rows: list[tuple[str, str, str, bool]]) -> None:
    """(code, name, district name, active) — districts created as needed."""
    from webapp.extensions import db
    from webapp.models import District, School

    with app.app_context():
        districts = {d.name: d for d in db.session.execute(select(District)).scalars()}
        for code, name, district, active in rows:
            if district not in districts:
                districts[district] = District(name=district)
                db.session.add(districts[district])
                db.session.flush()
            db.session.add(
                School(code=code, name=name, district_id=districts[district].id, stages="primary", active=active)
            )
        db.session.commit()


def sheet_rows(data: bytes) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    rows = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return rows


def users(app: Flask) -> dict[str, Any]:
    from webapp.extensions import db
    from webapp.models import User

    with app.app_context():
        return {
            u.username: (u.role.value, u.school.code if u.school else None, u.must_change_password, u.display_name)
            for u in db.session.execute(select(User)).scalars()
        }


def events(app: Flask, action: str) -> list[Any]:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        return [
            (e.new, e.actor_name)
            for e in db.session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars()
        ]


def emails(app: Flask) -> dict[str, str | None]:
    from webapp.extensions import db
    from webapp.models import User

    with app.app_context():
        return {
            u.username: u.email
            for u in db.session.execute(select(User).where(User.username.in_(["duxue-li", "dongqu-jyj"]))).scalars()
        }


def forced_to_change(app: Flask, username: str, password: str) -> bool:
    client: FlaskClient = app.test_client()
    assert login(client, username, password).status_code == 302
    return client.get("/admin/").headers.get("Location", "").endswith("/password") and client.get(
        "/school/"
    ).headers.get("Location", "").endswith("/password")


# --------------------------------------------------------------------------------------------
# School accounts in one action


def test_accounts_for_every_school_without_one_come_back_once_as_a_workbook(
    app: Flask, world: Any, as_user: Any
) -> None:
    add_schools(
        app,
        [("C001", "东区实验小学", "东区", True), ("C002", "南区第一小学", "南区", True), ("C003", "已撤并小学", "南区", False)],
    )
    admin = as_user("admin")
    page = admin.get("/admin/schools/").data.decode()
    assert "用户名就是学校代码" in page and "全部2所" in page

    response = admin.post("/admin/schools/accounts", data={"scope": "all"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == XLSX and "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    rows = sheet_rows(response.data)
    assert "只在这一次" in rows[0][0]
    assert rows[1] == ("学校代码", "学校名称", "所属区县", "用户名", "初始密码")
    made = {r[0]: r for r in rows[2:]}
    assert set(made) == {"C001", "C002"}  # A001 and B001 have accounts; C003 is deactivated
    assert made["C001"][1:4] == ("东区实验小学", "东区", "C001")
    assert made["C002"][2] == "南区"
    password = made["C001"][4]
    assert len(password) >= 12 and password != made["C002"][4]

    accounts = users(app)
    assert accounts["C001"][:3] == ("school", "C001", True) and accounts["C001"][3] == "东区实验小学"
    assert "C003" not in accounts
    assert forced_to_change(app, "C001", password)

    (new, actor), = events(app, "school_accounts_created")
    assert new["count"] == 2 and new["skipped"] == 2 and sorted(new["usernames"]) == ["C001", "C002"]
    assert actor == "admin" and password not in json.dumps(new, ensure_ascii=False)

    again = admin.post("/admin/schools/accounts", data={"scope": "all"})
    assert again.status_code == 303
    assert "都已有账号" in admin.get(again.headers["Location"]).data.decode()
    assert users(app) == accounts and len(events(app, "school_accounts_created")) == 1


def test_accounts_for_the_filtered_district_only_and_a_taken_name_gets_a_suffix(
    app: Flask, world: Any, as_user: Any
) -> None:
    from webapp.accounts import operations
    from webapp.models import Role

    add_schools(app, [("C001", "东区实验小学", "东区", True), ("C002", "南区第一小学", "南区", True)])
    with app.app_context():
        operations.create_user("c001", Role.INSPECTOR, display_name="已占用此名的督学")
    admin = as_user("admin")
    east = str(world["district_east_id"])
    page = admin.get(f"/admin/schools/?district={east}").data.decode()
    assert "只为当前筛选结果（东区）生成（1所）" in page
    response = admin.post("/admin/schools/accounts", data={"scope": "filter", "district": east})
    assert response.status_code == 200
    rows = sheet_rows(response.data)[2:]
    assert [(r[0], r[3]) for r in rows] == [("C001", "C001-2")]
    assert "C002" not in {r[0] for r in rows}
    assert forced_to_change(app, "C001-2", rows[0][4])


def test_only_the_admin_may_generate_school_accounts(app: Flask, world: Any, as_user: Any) -> None:
    add_schools(app, [("C001", "东区实验小学", "东区", True)])
    assert as_user("district_east").post("/admin/schools/accounts", data={"scope": "all"}).status_code == 403
    assert "C001" not in users(app)


# --------------------------------------------------------------------------------------------
# Accounts from Excel


def account_xlsx(rows: list[list[Any]], header: list[str] | None = None, notes: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    for _ in range(notes):
        sheet.append(["说明：这一行不是表头"])
    sheet.append(header or ["用户名", "姓名", "角色", "学校代码", "所属区县"])
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: FlaskClient, data: bytes, name: str = "账号名单.xlsx") -> Any:
    return client.post("/admin/users/import", data={"file": (io.BytesIO(data), name)})


def test_the_template_has_the_header_row_and_reads_back(as_user: Any) -> None:
    response = as_user("admin").get("/admin/users/import/template.xlsx")
    assert response.status_code == 200 and response.headers["Content-Type"] == XLSX
    rows = sheet_rows(response.data)
    assert ("用户名", "姓名", "角色", "学校代码", "所属区县", "电子邮箱") in rows


def test_an_account_list_is_imported_whole_with_passwords_handed_out_once(
    app: Flask, world: Any, as_user: Any
) -> None:
    add_schools(app, [("C001", "东区实验小学", "东区", True)])
    data = account_xlsx(
        [
            ["duxue-li", "李督学", "督学", None, None, "li@example.cn"],
            ["dongqu-jyj", "东区教育局", "区县教育局", None, "东区", None],
            ["C001", None, "学校", "C001", None, None],
            ["duban-zhang", "张主任", "督导室管理员", None, None, None],
        ],
        header=["用户名", "姓名", "角色", "学校代码", "所属区县", "电子邮箱"],
        notes=1,
    )
    response = upload(as_user("admin"), data)
    assert response.status_code == 200 and response.headers["Content-Type"] == XLSX
    rows = sheet_rows(response.data)
    assert "只在这一次" in rows[0][0] and rows[1][0] == "用户名"
    passwords = {r[0]: r[4] for r in rows[2:]}
    assert set(passwords) == {"duxue-li", "dongqu-jyj", "C001", "duban-zhang"}
    accounts = users(app)
    assert accounts["duxue-li"] == ("inspector", None, True, "李督学")
    assert accounts["C001"] == ("school", "C001", True, "东区实验小学")
    assert accounts["dongqu-jyj"][0] == "district" and accounts["duban-zhang"][0] == "admin"
    assert forced_to_change(app, "dongqu-jyj", passwords["dongqu-jyj"])
    assert emails(app) == {"duxue-li": "li@example.cn", "dongqu-jyj": None}
    (new, _), = events(app, "users_imported")
    assert new["count"] == 4 and not any(p in json.dumps(new) for p in passwords.values())


def test_bad_rows_are_named_by_row_number_and_nothing_is_imported(app: Flask, world: Any, as_user: Any) -> None:
    before = users(app)
    data = account_xlsx(
        [
            ["duxue-li", "李督学", "督学", None, None],  # row 2: fine
            ["school_a", "重名", "督学", None, None],  # row 3: taken
            ["duxue-zhao", "赵督学", "校长", None, None],  # row 4: unknown role
            ["x-school", None, "学校", "Z999", None],  # row 5: unknown school
            ["beiqu", "北区教育局", "区县教育局", None, "北区"],  # row 6: unknown district
            ["DUXUE-LI", "李督学", "督学", None, None],  # row 7: same as row 2
            ["有 空格", "某督学", "督学", None, None],  # row 8: bad username
            ["duxue-wu", None, "督学", None, None],  # row 9: no name
            ["duxue-qian", "钱督学", "督学", None, None, "不是邮箱"],  # row 10: bad e-mail
        ],
        header=["用户名", "姓名", "角色", "学校代码", "所属区县", "电子邮箱"],
    )
    response = upload(as_user("admin"), data)
    assert response.status_code == 422
    page = response.data.decode()
    for row, words in [
        (3, "已被使用"),
        (4, "无法识别"),
        (5, "Z999"),
        (6, "北区"),
        (7, "与第2行重复"),
        (8, "不是有效的用户名"),
        (9, "须填写姓名"),
        (10, "不是有效的电子邮箱"),
    ]:
        assert f"第{row}行" in page and words in page, (row, words)
    assert "第2行</td>" not in page
    assert "账号未作任何改动" in page
    assert users(app) == before and not events(app, "users_imported")


def test_a_file_that_is_not_an_account_list_is_refused_beside_the_field(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    before = users(app)
    not_excel = upload(admin, b"just text", "名单.xlsx")
    assert not_excel.status_code == 422 and "不是 Excel" in not_excel.data.decode()
    no_header = upload(admin, account_xlsx([["a"]], header=["甲", "乙"]))
    assert no_header.status_code == 422 and "没有找到表头" in no_header.data.decode()
    wrong_type = upload(admin, b"x", "名单.xls")
    assert wrong_type.status_code == 422 and "只接受 Excel" in wrong_type.data.decode()
    assert users(app) == before


def test_the_command_imports_an_account_list_and_writes_the_passwords(app: Flask, world: Any, tmp_path: Any) -> None:
    from webapp.cli import cli

    source = tmp_path / "账号.xlsx"
    source.write_bytes(account_xlsx([["duxue-li", "李督学", "督学", None, None]]))
    out = tmp_path / "密码.xlsx"
    result = app.test_cli_runner().invoke(cli, ["import", "users", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = sheet_rows(out.read_bytes())
    assert rows[2][0] == "duxue-li" and forced_to_change(app, "duxue-li", rows[2][4])
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(account_xlsx([["duxue-zhao", "赵督学", "校长", None, None]]))
    refused = app.test_cli_runner().invoke(cli, ["import", "users", str(bad), "--out", str(tmp_path / "x.xlsx")])
    assert refused.exit_code == 1 and "第2行" in refused.output and not (tmp_path / "x.xlsx").exists()


def test_the_command_makes_school_accounts_for_a_district(app: Flask, world: Any, tmp_path: Any) -> None:
    from webapp.cli import cli

    add_schools(app, [("C001", "东区实验小学", "东区", True), ("C002", "南区第一小学", "南区", True)])
    out = tmp_path / "南区.xlsx"
    result = app.test_cli_runner().invoke(cli, ["accounts", "schools", "--out", str(out), "--district", "南区"])
    assert result.exit_code == 0, result.output
    rows = sheet_rows(out.read_bytes())[2:]
    assert [(r[0], r[3]) for r in rows] == [("C002", "C002")] and rows[0][4] not in result.output
    assert "C001" not in users(app) and forced_to_change(app, "C002", rows[0][4])
    again = app.test_cli_runner().invoke(cli, ["accounts", "schools", "--out", str(tmp_path / "again.xlsx"), "--district", "南区"])
    assert again.exit_code == 0 and "都已有账号" in again.output and not (tmp_path / "again.xlsx").exists()
    unknown = app.test_cli_runner().invoke(cli, ["accounts", "schools", "--out", str(tmp_path / "x.xlsx"), "--district", "北区"])
    assert unknown.exit_code == 1 and "没有名为“北区”的区县" in unknown.output
