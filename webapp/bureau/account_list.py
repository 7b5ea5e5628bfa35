"""Accounts as Excel: the workbook of accounts to import (read and checked row by row, every
problem named by its Excel row number, like the school list), its empty template, and the
workbooks that hand generated passwords out, once, as the answer to the request that made them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from reports.workbooks import Sheet, workbook_bytes
from webapp.accounts.forms import USERNAME_PATTERN
from webapp.accounts.operations import AccountRow, NewAccount, SchoolAccounts
from webapp.bureau.school_list import Layout, RowProblem, _clip, read_table
from webapp.extensions import db
from webapp.models import District, Role, School, User

COLUMNS = ("用户名", "姓名", "角色", "学校代码", "所属区县", "电子邮箱")
REQUIRED_COLUMNS = ("用户名", "姓名", "角色")
MAX_ACCOUNT_ROWS = 5000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# The words a bureau writes in the 角色 column, and the role each means.
ROLE_WORDS: dict[str, Role] = {
    "学校": Role.SCHOOL,
    "学校账号": Role.SCHOOL,
    "督学": Role.INSPECTOR,
    "评估专家": Role.INSPECTOR,
    "区县教育局": Role.DISTRICT,
    "区县": Role.DISTRICT,
    "督导室管理员": Role.ADMIN,
    "督导室": Role.ADMIN,
    "管理员": Role.ADMIN,
}
ROLE_HINT = "应填“学校”“督学”“区县教育局”或“督导室管理员”"

ONCE = "初始密码只在这一次下载中出现，系统不保存明文，也不能再次导出。请妥善分发；首次登录时须修改密码。"


@dataclass(frozen=True)
class AccountList:
    rows: tuple[AccountRow, ...]
    problems: tuple[RowProblem, ...]
    header_row: int


def read_account_list(data: bytes) -> AccountList:
    """Every row of the first sheet read and checked against the database (usernames free,
    schools and districts known); raises SpreadsheetRejected for the file as a whole."""
    table = read_table(data, Layout(COLUMNS, REQUIRED_COLUMNS, ("用户名", "角色"), MAX_ACCOUNT_ROWS, "账号"))
    cell = table.text
    taken = {n.lower() for n in db.session.execute(select(User.username)).scalars()}
    schools = {s.code: s for s in db.session.execute(select(School)).scalars()}
    districts = set(db.session.execute(select(District.name)).scalars())
    first_row: dict[str, int] = {}
    rows: list[AccountRow] = []
    problems: list[RowProblem] = []
    for number, values in table.body:
        found: list[RowProblem] = []

        def problem(column: str, message: str, number: int = number, found: list[RowProblem] = found) -> None:
            found.append(RowProblem(number, column, message))

        username = cell(values, "用户名")
        if not username:
            problem("用户名", "用户名不能为空")
        elif len(username) > 80:
            problem("用户名", "用户名不能超过80个字符")
        elif not USERNAME_PATTERN.match(username):
            problem(
                "用户名",
                f"“{_clip(username)}”不是有效的用户名（只能由字母、数字、点、下划线和连字符组成，且以字母或数字开头）",
            )
        elif username.lower() in first_row:
            problem("用户名", f"用户名“{username}”与第{first_row[username.lower()]}行重复")
        elif username.lower() in taken:
            problem("用户名", f"用户名“{username}”已被使用")
        if username:
            first_row.setdefault(username.lower(), number)

        name = cell(values, "姓名")
        role_text = cell(values, "角色")
        role = ROLE_WORDS.get(role_text)
        if role is None:
            problem("角色", f"“{_clip(role_text)}”无法识别，{ROLE_HINT}" if role_text else f"角色不能为空，{ROLE_HINT}")
        if len(name) > 100:
            problem("姓名", "姓名不能超过100个字")
        elif any(ord(ch) < 32 for ch in name):
            problem("姓名", "姓名中有换行或不可见字符，请删除")
        elif not name and role is not None and role is not Role.SCHOOL:
            problem("姓名", "督学、区县教育局和督导室的账号须填写姓名或单位")

        school_code = cell(values, "学校代码")
        district_name = cell(values, "所属区县")
        if role is Role.SCHOOL:
            school = schools.get(school_code)
            if not school_code:
                problem("学校代码", "学校账号须填写学校代码")
            elif school is None:
                problem("学校代码", f"没有学校代码为“{_clip(school_code)}”的学校（请先导入学校名单）")
            elif not school.active:
                problem("学校代码", f"学校“{school.name}”已停用，不能为它建账号")
        if role is Role.DISTRICT:
            if not district_name:
                problem("所属区县", "区县教育局账号须填写所属区县")
            elif district_name not in districts:
                problem("所属区县", f"没有名为“{_clip(district_name)}”的区县（区县随学校名单导入而建立）")
        email = cell(values, "电子邮箱")
        if email and (len(email) > 200 or not _EMAIL.match(email)):
            problem("电子邮箱", f"“{_clip(email)}”不是有效的电子邮箱（可以不填）")
        if found:
            problems.extend(found)
        elif role is not None:
            rows.append(
                AccountRow(
                    number,
                    username,
                    role,
                    display_name=name,
                    school_code=school_code if role is Role.SCHOOL else None,
                    district_name=district_name if role is Role.DISTRICT else None,
                    email=email or None,
                )
            )
    return AccountList(tuple(rows), tuple(problems), table.header_row)


def template_workbook() -> bytes:
    """An empty account list with its header row and two example rows to overwrite."""
    example = [
        ["duxue-wang", "王督学", "督学", "", "", "wang@example.cn"],
        ["zhanqian", "站前区教育局", "区县教育局", "", "站前区", ""],
    ]
    notes = (
        "角色填：学校、督学、区县教育局、督导室管理员。学校账号填学校代码，区县教育局账号填所属区县（须与学校名单中的区县名称一致）。",
        "用户名只能由字母、数字、点、下划线和连字符组成。电子邮箱可以不填（用于接收通知）。删除示例行后填写；初始密码由系统生成。",
    )
    return workbook_bytes([Sheet("账号名单", COLUMNS, example, widths=(18, 20, 14, 16, 14, 24), notes=notes)])


_ROLE_NAMES = {Role.SCHOOL: "学校", Role.INSPECTOR: "督学", Role.DISTRICT: "区县教育局", Role.ADMIN: "督导室管理员"}


def imported_passwords_workbook(rows: Sequence[AccountRow], accounts: Sequence[NewAccount]) -> bytes:
    """The accounts just imported with their initial passwords (rows and accounts in step)."""
    lines = [
        [
            account.username,
            row.display_name,
            _ROLE_NAMES[row.role],
            row.school_code or row.district_name or "",
            account.password,
        ]
        for row, account in zip(rows, accounts, strict=True)
    ]
    header = ("用户名", "姓名", "角色", "学校代码/所属区县", "初始密码")
    return workbook_bytes([Sheet("初始密码", header, lines, widths=(18, 20, 14, 18, 16), notes=(ONCE,))])


SCHOOL_ACCOUNT_COLUMNS = ("学校代码", "学校名称", "所属区县", "用户名", "初始密码")


def school_passwords_workbook(made: SchoolAccounts) -> bytes:
    """The school accounts just generated, one row per school, with their initial passwords."""
    lines = [[a.code, a.school, a.district, a.username, a.password] for a in made.created]
    return workbook_bytes(
        [Sheet("学校账号", SCHOOL_ACCOUNT_COLUMNS, lines, widths=(14, 36, 14, 16, 16), notes=(ONCE,))]
    )

