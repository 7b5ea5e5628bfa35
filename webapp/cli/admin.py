"""CLI commands of the bureau: ``selfcheck import schools FILE.xlsx`` and
``selfcheck export scores --out FILE.xlsx``. They call the same code as the web pages."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from webapp.bureau.sheets import cycle_or_current, score_workbook

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
    from webapp.bureau.operations import import_schools
    from webapp.bureau.school_list import SpreadsheetRejected, read_school_list, read_upload

    path = Path(file)
    try:
        with path.open("rb") as fh:
            data = read_upload(fh)
    except FileNotFoundError:
        click.echo(f"文件不存在：{file}", err=True)
        sys.exit(2)
    except SpreadsheetRejected as exc:
        click.echo(f"未导入：{exc}", err=True)
        sys.exit(1)
    try:
        reading = read_school_list(data)
    except SpreadsheetRejected as exc:
        click.echo(f"未导入：{exc}", err=True)
        sys.exit(1)
    if reading.problems:
        rows = len({p.row for p in reading.problems})
        click.echo(f"未导入：{path.name} 中有 {rows} 行有误（共 {len(reading.problems)} 处问题）：", err=True)
        for problem in reading.problems:
            click.echo(f"  {problem}", err=True)
        click.echo("请改正后重新导入；学校名单未作任何改动。", err=True)
        sys.exit(1)
    summary = import_schools(reading.rows, None, path.name)
    click.echo(summary.message)


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

    target = Path(out)
    if target.exists() and not force:
        click.echo(f"文件已存在：{out}（如需覆盖请加 --force）", err=True)
        sys.exit(2)
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
