"""CLI commands that need the app and its database: demo, run, user."""

from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from webapp.accounts.operations import create_user, reset_password, set_active
from webapp.cli.base import closes_database
from webapp.errors import OperationError
from webapp.models import Role

commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli


def _schema_is_current() -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from webapp.database import MIGRATIONS_DIR
    from webapp.extensions import db

    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config(str(MIGRATIONS_DIR)))
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current == script.get_current_head()


@commands.command("demo")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出账号")
@click.option("--force", is_flag=True, help="即使数据库中已有非演示数据也重建（会清空数据库！）")
@with_appcontext
@closes_database
def demo_command(as_json: bool, force: bool) -> None:
    """重建演示数据库：各学段学校、各角色账号、各状态的自评；输出账号后退出。"""
    from webapp.cli.demo import build_demo, database_is_demo_or_empty

    if not force and not database_is_demo_or_empty():
        click.echo("数据库中已有非演示数据，为防止误删，演示数据未生成。确需清空重建请加 --force。", err=True)
        sys.exit(1)
    accounts = build_demo()
    if as_json:
        click.echo(json.dumps({"accounts": [a.to_dict() for a in accounts]}, ensure_ascii=False, indent=2))
        return
    click.echo(f"演示数据库已建好：{current_app.config['SQLALCHEMY_DATABASE_URI']}")
    click.echo("")
    click.echo(f"{'角色':<8}{'用户名':<16}{'密码':<16}学校/单位")
    labels = {r.value: r.label for r in Role}
    for a in accounts:
        click.echo(f"{labels[a.role]:<8}{a.username:<16}{a.password:<16}{a.school or a.display_name}")


@commands.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def run_command(host: str, port: int) -> None:
    """启动网页服务（开发与演示用；生产环境请用 gunicorn，见 README）。"""
    from flask_migrate import upgrade

    from webapp.extensions import db

    if not _schema_is_current():
        if db.engine.dialect.name == "sqlite":
            click.echo("数据库结构不是最新，正在升级……")
            upgrade()
        else:
            click.echo("数据库结构不是最新：请先运行 selfcheck db upgrade", err=True)
            sys.exit(1)
    click.echo(f"学校办学水平自评系统已启动：http://{host}:{port}/  （按 Ctrl+C 停止）")
    from werkzeug.serving import run_simple

    run_simple(host, port, current_app._get_current_object(), threaded=True, use_reloader=False)


@commands.group("user")
def user_group() -> None:
    """账号：创建、重置密码、停用、启用。"""


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


@user_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True, help="角色")
@click.option("--school", "school_code", help="学校代码（学校账号必填）")
@click.option("--district", "district_name", help="区县名称（区县账号必填）")
@click.option("--name", "display_name", default="", help="姓名或单位名称")
@with_appcontext
@closes_database
def user_create(
    username: str, role: str, school_code: str | None, district_name: str | None, display_name: str
) -> None:
    """创建账号：生成随机初始密码，首次登录须修改。"""
    try:
        new = create_user(
            username, Role(role), school_code=school_code, district_name=district_name, display_name=display_name
        )
    except OperationError as exc:
        _fail(f"未能创建：{exc}")
        return
    click.echo(f"已创建账号 {new.username}，初始密码：{new.password}（首次登录须修改）")


@user_group.command("reset-password")
@click.argument("username")
@with_appcontext
@closes_database
def user_reset(username: str) -> None:
    """重置密码：生成新的随机密码，结束该账号的所有登录，下次登录须修改。"""
    try:
        new = reset_password(username)
    except OperationError as exc:
        _fail(str(exc))
        return
    click.echo(f"账号 {new.username} 的新密码：{new.password}（下次登录须修改）")


@user_group.command("deactivate")
@click.argument("username")
@with_appcontext
@closes_database
def user_deactivate(username: str) -> None:
    """停用账号，并立即结束它的所有登录。"""
    try:
        set_active(username, False)
    except OperationError as exc:
        _fail(str(exc))
    click.echo(f"账号 {username} 已停用，其所有登录已失效。")


@user_group.command("activate")
@click.argument("username")
@with_appcontext
@closes_database
def user_activate(username: str) -> None:
    """重新启用已停用的账号。"""
    try:
        set_active(username, True)
    except OperationError as exc:
        _fail(str(exc))
    click.echo(f"账号 {username} 已启用。")


@commands.command("backup")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="备份文件（.tar.gz）")
@with_appcontext
def backup_command(out: str) -> None:
    """备份数据库和佐证材料（可在系统运行时进行，得到一致的副本）。"""
    from pathlib import Path

    from webapp.cli.backup import BackupError, make_backup

    try:
        summary = make_backup(
            current_app.config["SQLALCHEMY_DATABASE_URI"], Path(current_app.config["EVIDENCE_DIR"]), Path(out)
        )
    except BackupError as exc:
        _fail(f"备份失败：{exc}")
        return
    rows = sum(summary.tables.values())
    click.echo(
        f"已备份到 {summary.path}（{summary.size / 1024 / 1024:.1f} MB）：{len(summary.tables)} 张表 {rows} 行，"
        f"佐证材料 {summary.files} 个" + (f"，{summary.missing} 个在备份时已被删除" if summary.missing else "")
    )


@commands.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="确认用备份替换当前数据库和佐证材料")
@with_appcontext
@closes_database
def restore_command(backup_file: str, yes: bool) -> None:
    """用备份替换当前数据库和佐证材料（请先停止网页服务）。"""
    from pathlib import Path

    from webapp.cli.backup import BackupError, read_manifest, restore_backup
    from webapp.extensions import db

    try:
        manifest = read_manifest(Path(backup_file))
    except BackupError as exc:
        _fail(str(exc))
        return
    click.echo(
        f"备份时间 {manifest['created_at']}，{manifest['database']} 数据库，"
        f"{sum(manifest['tables'].values())} 行，佐证材料 {len(manifest['evidence'])} 个。"
    )
    if not yes:
        _fail("恢复会替换当前数据库和佐证材料。确认请加 --yes。")
        return
    db.session.remove()
    db.engine.dispose()
    try:
        restore_backup(
            Path(backup_file), current_app.config["SQLALCHEMY_DATABASE_URI"], Path(current_app.config["EVIDENCE_DIR"])
        )
    except BackupError as exc:
        _fail(f"恢复失败：{exc}")
        return
    click.echo("已恢复，数据行数和佐证材料校验一致。")
