"""selfcheck token: API tokens for an account (create, list, revoke)."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup, with_appcontext

from webapp.cli.base import closes_database
from webapp.errors import OperationError

commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli


@commands.group("token")
def token_group() -> None:
    """API 令牌：创建、列出、撤销。"""


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


@token_group.command("create")
@click.argument("username")
@click.option("--name", default="", help="用途，如“学籍系统”")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出：{\"token\": …}")
@with_appcontext
@closes_database
def token_create(username: str, name: str, as_json: bool) -> None:
    """为账号创建 API 令牌；令牌只显示这一次，请妥善保存。"""
    from webapp.api.tokens import create_token

    try:
        new = create_token(username, name)
    except OperationError as exc:
        _fail(f"未能创建令牌：{exc}")
        return
    if as_json:
        click.echo(json.dumps({"token": new.token, "id": new.id, "username": new.username}, ensure_ascii=False))
        return
    click.echo(f"已为账号 {new.username} 创建令牌（编号 {new.id}），只显示这一次：")
    click.echo(new.token)


@token_group.command("list")
@click.argument("username", required=False)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@with_appcontext
@closes_database
def token_list(username: str | None, as_json: bool) -> None:
    """列出令牌（不含令牌本身）：编号、账号、用途、开头几位、最近使用、是否撤销。"""
    from sqlalchemy import select

    from webapp.api.tokens import tokens_of
    from webapp.extensions import db
    from webapp.models import User

    user_id = None
    if username:
        user = db.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            _fail(f"没有账号“{username}”。")
            return
        user_id = user.id
    rows = [
        {
            "id": t.id,
            "username": t.user.username,
            "name": t.name,
            "hint": t.hint,
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked": t.revoked_at is not None,
        }
        for t in tokens_of(user_id)
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("没有令牌。")
    for row in rows:
        state = "已撤销" if row["revoked"] else "有效"
        used = row["last_used_at"] or "从未使用"
        click.echo(f"{row['id']:>5}  {row['username']:<16} {row['hint']}…  {state}  最近使用：{used}  {row['name']}")


@token_group.command("revoke")
@click.argument("username")
@click.option("--id", "token_id", type=int, help="只撤销这一个令牌（编号见 token list）")
@with_appcontext
@closes_database
def token_revoke(username: str, token_id: int | None) -> None:
    """撤销账号的令牌（默认全部；--id 只撤销一个）；撤销后立即失效。"""
    from webapp.api.tokens import revoke_all, revoke_token

    try:
        if token_id is None:
            count = revoke_all(username)
            click.echo(f"已撤销账号 {username} 的 {count} 个令牌。")
            return
        revoke_token(token_id, username=username)
    except OperationError as exc:
        _fail(str(exc))
        return
    click.echo(f"已撤销令牌 {token_id}。")
