"""CLI commands of the bureau: ``selfcheck import schools FILE.xlsx``, ``selfcheck import users
FILE.xlsx --out PASSWORDS.xlsx``, ``selfcheck accounts schools --out PASSWORDS.xlsx``,
``selfcheck assign USERNAME --district NAME`` and ``selfcheck export scores --out FILE.xlsx``.
They call the same code as the web pages."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from checklist.model import STAGE_NAMES
from webapp.bureau.sheets import cycle_or_current, score_workbook
from webapp.cli.base import writable_target
from webapp.paging import SchoolFilter

commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli


@commands.group("import")
def import_group() -> None:
    """导入数据：学校名单。"""


@import_group.command("schools")
@click.argument("file", type=click.Path(dir_okay=False))
@with_appcontext
def import_schools_command(file: str) -> None:
    """从 Excel 导入学校名单（列：学校代码、学校名称、学段、办学性质、是否寄宿、是否有食堂、所属区县）。

    已有的学校代码按表格更新，区县按需新建。任何一行有误则全部不导入，并列出每个错误的 Excel 行号。
    """
    from webapp.bureau.school_list import read_school_list
    from webapp.bureau.school_operations import import_schools

    reading = _read_list(file, read_school_list, "学校名单")
    summary = import_schools(reading.rows, None, Path(file).name)
    click.echo(summary.message)


def _read_list(file: str, read: Callable[[bytes], Any], untouched: str) -> Any:
    """An uploaded list read and checked, or the command stops: exit 2 when there is no such
    file, 1 when the file or any of its rows is refused (every problem by its Excel row)."""
    from webapp.bureau.school_list import SpreadsheetRejected, read_upload

    path = Path(file)
    try:
        with path.open("rb") as fh:
            reading = read(read_upload(fh))
    except FileNotFoundError:
        click.echo(f"文件不存在：{file}", err=True)
        sys.exit(2)
    except SpreadsheetRejected as exc:
        click.echo(f"未导入：{exc}", err=True)
        sys.exit(1)
    if reading.problems:
        rows = len({p.row for p in reading.problems})
        click.echo(f"未导入：{path.name} 中有 {rows} 行有误（共 {len(reading.problems)} 处问题）：", err=True)
        for problem in reading.problems:
            click.echo(f"  {problem}", err=True)
        click.echo(f"请改正后重新导入；{untouched}未作任何改动。", err=True)
        sys.exit(1)
    return reading


@import_group.command("users")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="写入初始密码的 Excel 文件（.xlsx）")
@click.option("--force", is_flag=True, help="密码文件已存在时覆盖")
@with_appcontext
def import_users_command(file: str, out: str, force: bool) -> None:
    """从 Excel 导入账号（列：用户名、姓名、角色、学校代码、所属区县）。

    角色填 学校、督学、区县教育局 或 督导室管理员。任何一行有误则全部不导入，并列出每个错误的 Excel 行号。
    初始密码随机生成，只写入 --out 指定的文件（不在屏幕上显示）；首次登录时须修改。
    """
    from webapp.accounts.operations import import_users
    from webapp.bureau.account_list import imported_passwords_workbook, read_account_list
    from webapp.errors import OperationError

    path, target = Path(file), writable_target(out, force)
    reading = _read_list(file, read_account_list, "账号")
    try:
        made = import_users(reading.rows, None, path.name)
    except OperationError as exc:
        click.echo(f"未导入：{exc}", err=True)
        sys.exit(1)
    target.write_bytes(imported_passwords_workbook(reading.rows, made))
    click.echo(f"已导入 {len(made)} 个账号；初始密码已写入 {out}（只此一份，请妥善分发；首次登录须修改密码）。")


def _school_filter(district_name: str | None, stage: str | None) -> tuple[SchoolFilter, str]:
    """--district and --stage as a SchoolFilter (active schools), and its words; exits on a bad name."""
    from webapp.extensions import db
    from webapp.models import District

    district_id = None
    if district_name:
        district = db.session.execute(select(District).where(District.name == district_name)).scalar_one_or_none()
        if district is None:
            click.echo(f"没有名为“{district_name}”的区县", err=True)
            sys.exit(1)
        district_id = district.id
    code = ""
    if stage:
        codes = {name: c for c, name in STAGE_NAMES.items()} | {c: c for c in STAGE_NAMES}
        if stage not in codes:
            click.echo(f"无法识别的学段“{stage}”（可填：{'、'.join(STAGE_NAMES.values())}）", err=True)
            sys.exit(1)
        code = codes[stage]
    filters = SchoolFilter(district_id=district_id, stage=code)
    return filters, filters.describe({district_id: district_name} if district_id and district_name else {})


@commands.group("accounts")
def accounts_group() -> None:
    """账号：为学校一次生成账号。"""


@accounts_group.command("schools")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="写入初始密码的 Excel 文件（.xlsx）")
@click.option("--district", "district_name", help="只为这个区县的学校生成")
@click.option("--stage", help="只为这个学段的学校生成（如 小学）")
@click.option("--force", is_flag=True, help="密码文件已存在时覆盖")
@with_appcontext
def school_accounts_command(out: str, district_name: str | None, stage: str | None, force: bool) -> None:
    """为还没有账号的在用学校各生成一个学校账号：用户名为学校代码，初始密码随机生成，只写入 --out 指定的文件。"""
    from webapp.accounts.operations import create_school_accounts
    from webapp.bureau.account_list import school_passwords_workbook
    from webapp.extensions import db
    from webapp.models import School

    target = writable_target(out, force)
    filters, words = _school_filter(district_name, stage)
    ids = list(db.session.execute(filters.apply(select(School.id))).scalars())
    made = create_school_accounts(ids, None, words)
    if not made.created:
        click.echo(f"没有需要生成账号的学校（{words}：{made.skipped}所在用学校都已有账号）。")
        return
    target.write_bytes(school_passwords_workbook(made))
    click.echo(f"{made.message}初始密码已写入 {out}（只此一份，请妥善分发；首次登录须修改密码）。")


@commands.command("assign")
@click.argument("username")
@click.option("--district", "district_name", help="这个区县的在用学校")
@click.option("--stage", help="这个学段的在用学校（如 初中）")
@click.option("--remove", is_flag=True, help="从该督学的负责学校中移除，而不是分给他")
@with_appcontext
def assign_command(username: str, district_name: str | None, stage: str | None, remove: bool) -> None:
    """督学分工：把一个区县（或学段）的全部在用学校分给督学 USERNAME，或用 --remove 移除。"""
    from sqlalchemy import func

    from webapp.bureau.operations import change_assignments
    from webapp.errors import OperationError
    from webapp.extensions import db
    from webapp.models import Role, School, User

    if not district_name and not stage:
        click.echo("请用 --district 或 --stage 指定学校", err=True)
        sys.exit(2)
    inspector = db.session.execute(
        select(User).where(func.lower(User.username) == username.lower(), User.role == Role.INSPECTOR)
    ).scalar_one_or_none()
    if inspector is None:
        click.echo(f"没有督学账号“{username}”", err=True)
        sys.exit(1)
    filters, words = _school_filter(district_name, stage)
    ids = set(db.session.execute(filters.apply(select(School.id))).scalars())
    try:
        if remove:
            added, removed = change_assignments(inspector.id, set(), ids, None)
        else:
            added, removed = change_assignments(inspector.id, ids, set(), None)
    except OperationError as exc:
        click.echo(f"未能保存：{exc}", err=True)
        sys.exit(1)
    click.echo(f"{inspector.name}：{words}共{len(ids)}所学校，新增{added}所，移除{removed}所。")


@commands.group("export")
def export_group() -> None:
    """导出数据：得分。"""


@export_group.command("scores")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="写入的 Excel 文件（.xlsx）")
@click.option("--cycle", "cycle_id", type=int, help="年度评估编号（默认：当前年度评估）")
@click.option("--district", "district_name", help="只导出这个区县的学校")
@click.option("--force", is_flag=True, help="文件已存在时覆盖")
@with_appcontext
def export_scores_command(out: str, cycle_id: int | None, district_name: str | None, force: bool) -> None:
    """导出当前年度评估的得分：每所学校一行，含自评与核定的总分、等级和各评估要点结果。"""
    from webapp.extensions import db
    from webapp.models import District, School

    target = writable_target(out, force)
    cycle = cycle_or_current(cycle_id)
    if cycle is None:
        click.echo(
            "没有年度评估，无可导出的得分" if cycle_id is None else f"没有编号为 {cycle_id} 的年度评估", err=True
        )
        sys.exit(1)
    allowed = None
    scope = "全部学校"
    if district_name:
        district = db.session.execute(select(District).where(District.name == district_name)).scalar_one_or_none()
        if district is None:
            click.echo(f"没有名为“{district_name}”的区县", err=True)
            sys.exit(1)
        allowed = set(db.session.execute(select(School.id).where(School.district_id == district.id)).scalars())
        scope = f"{district_name}（仅本区县学校）"
    data, count = score_workbook(cycle, allowed, scope)
    target.write_bytes(data)
    click.echo(f"已导出 {count} 所学校的得分（{cycle.name}）到 {out}")
