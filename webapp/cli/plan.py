"""``selfcheck plan add|list``: the plan library from the command line. ``add`` keeps a plan file
(.txt, .docx, .xlsx, .pdf, .html) in the database with its text, title, issuer, year and 文号;
``list`` shows the seeds and the plans added."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from checklist.extract.plans import PlanMetadata
from webapp.cli.base import closes_database, echo_json
from webapp.errors import OperationError

commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli

NO_DATABASE = "还没有数据库，或数据库结构不是最新：请先运行 selfcheck db upgrade（或 selfcheck demo 建立演示数据库）"


@commands.group("plan")
def plan_group() -> None:
    """计划库：加入、列出工作要点（seeds/ 中的为内置部分）。"""


@plan_group.command("add")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--title", help="标题（默认从正文中识别）")
@click.option("--issuer", help="发文单位（默认从正文中识别）")
@click.option("--year", type=int, help="年度（默认取标题或正文开头的年份）")
@click.option("--doc-number", "doc_number", help="文号，如 营教发〔2024〕12号（默认从正文中识别）")
@with_appcontext
@closes_database
def plan_add(file: str, title: str | None, issuer: str | None, year: int | None, doc_number: str | None) -> None:
    """把一份工作要点（.txt .docx .xlsx .pdf .html）加入计划库；输出它在计划库中的名称，
    以及所用的标题、发文单位、年度和文号。同一文件再次加入时给出已有的那一份。"""
    from flask import current_app

    from webapp.rubrics.formats import FORMAT_LABELS, PlanRejected, check_size
    from webapp.rubrics.library import plan_table_exists
    from webapp.rubrics.operations import add_plan

    path = Path(file)
    if not path.is_file():
        _fail(f"文件不存在：{file}", 2)
    try:
        check_size(path.stat().st_size, int(current_app.config["PLAN_MAX_BYTES"]))
    except PlanRejected as exc:
        _fail(f"{path.name}：{exc}", 1)
    if not plan_table_exists():
        _fail(NO_DATABASE, 1)
    try:
        added = add_plan(
            path.read_bytes(), path.name, None, title=title, issuer=issuer, year=year, doc_number=doc_number
        )
    except OperationError as exc:
        _fail(f"未能加入计划库：{exc}", 1)
        return
    plan = added.plan
    if added.created:
        click.echo(f"已加入计划库：{plan.key}")
    else:
        click.echo(f"计划库中已有这份文件（{plan.added_at:%Y-%m-%d} 由 {plan.source_name} 加入）：{plan.key}")
    given = {"title": title, "issuer": issuer, "year": year, "doc_number": doc_number}
    for label, key, value in (
        ("标题", "title", plan.title),
        ("发文单位", "issuer", plan.issuer),
        ("年度", "year", plan.year),
        ("文号", "doc_number", plan.doc_number),
    ):
        origin = _origin(key, value, given, added.proposed, added.created)
        if key == "title" and added.created and title is None and value == path.stem:
            origin = "（正文中未识别出标题，暂用文件名，可用 --title 给出）"
        click.echo(f"  {label}：{_shown(value)}{origin}")
    click.echo(f"  原文件：{plan.source_name}（{FORMAT_LABELS[plan.format]}，{len(plan.text)} 字）")
    if not added.created and any(v is not None for v in given.values()):
        click.echo("  （已有的标题等信息未改动）")
    click.echo("")
    click.echo(f"下一步：selfcheck extract {plan.key}  查看候选要求；")
    click.echo(f"        selfcheck rubric draft {plan.key} --id <细则编号> --out draft.yaml  起草评估细则")


def _shown(value: Any) -> str:
    return "（无）" if value in (None, "") else str(value)


def _origin(key: str, value: Any, given: dict[str, Any], proposed: PlanMetadata, created: bool) -> str:
    if not created:
        return ""
    if given[key] is not None:
        return "（命令行给出）"
    if value in (None, ""):
        option = "--" + key.replace("_", "-")
        return f"（正文中未识别出，可用 {option} 给出）"
    return "（从正文中识别）" if value == getattr(proposed, key) else ""


@plan_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出")
@with_appcontext
@closes_database
def plan_list(as_json: bool) -> None:
    """列出计划库：seeds/ 中的内置工作要点，以及用 selfcheck plan add 加入的。"""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import Plan
    from webapp.rubrics.library import plan_table_exists, seed_library

    rows: list[dict[str, Any]] = [
        {
            "key": d.file,
            "title": d.title,
            "issuer": d.issuer,
            "year": d.year,
            "doc_number": d.doc_number,
            "builtin": True,
            "source_name": d.file,
            "format": "txt",
            "chars": len(d.text),
            "added_at": None,
        }
        for d in seed_library()
    ]
    try:
        plans = list(db.session.execute(select(Plan).order_by(Plan.id)).scalars()) if plan_table_exists() else []
    except SQLAlchemyError as exc:
        click.echo(f"提示：未能读取数据库中的计划库（{exc.__class__.__name__}），只列出内置的工作要点", err=True)
        plans = []
    for plan in plans:
        rows.append(
            {
                "key": plan.key,
                "title": plan.title,
                "issuer": plan.issuer,
                "year": plan.year,
                "doc_number": plan.doc_number,
                "builtin": False,
                "source_name": plan.source_name,
                "format": plan.format,
                "chars": len(plan.text),
                "added_at": plan.added_at.isoformat(),
            }
        )
    if as_json:
        echo_json(rows)
        return
    added = sum(1 for r in rows if not r["builtin"])
    click.echo(f"计划库：{len(rows)} 份工作要点（内置 {len(rows) - added}，加入 {added}）")
    for row in rows:
        origin = "内置（seeds/）" if row["builtin"] else f"加入自 {row['source_name']}"
        facts = "，".join(str(x) for x in (row["issuer"], row["year"] and f"{row['year']}年", row["doc_number"]) if x)
        click.echo(f"  {row['key']}  《{row['title']}》")
        click.echo(f"      {facts or '—'}；{origin}，{row['chars']} 字")


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)
