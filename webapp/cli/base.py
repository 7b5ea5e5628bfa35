"""What every command module of the CLI shares: JSON output, reading rubrics and JSON files,
the app for the ``selfcheck`` group, and the plans added to the plan library for commands that
otherwise read only files (they use the database when there is one, and never create it)."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from checklist.loader import RubricError, load_rubric
from checklist.seeds import PlanLibrary, SeedLibrary, find_seeds_dir

if TYPE_CHECKING:
    from flask import Flask


def writable_target(out: str, force: bool) -> Path:
    """The file a command is to write: a file that exists already is refused without
    ``--force``, and so is a folder that does not exist (exit code 2, a Chinese message)."""
    target = Path(out)
    if target.exists() and not force:
        click.echo(f"文件已存在：{out}（如需覆盖请加 --force）", err=True)
        sys.exit(2)
    if not target.parent.is_dir():
        click.echo(f"目录不存在：{target.parent}", err=True)
        sys.exit(2)
    return target


def create_app_for_cli() -> Any:
    """The app of the ``selfcheck`` group (created only when a command needs it)."""
    from webapp import create_app

    return create_app()


def closes_database(command: Callable[..., None]) -> Callable[..., None]:
    """Close the database connections when the command ends (they are pooled otherwise)."""

    @functools.wraps(command)
    def wrapped(*args: Any, **kwargs: Any) -> None:
        from webapp.extensions import db

        try:
            command(*args, **kwargs)
        finally:
            db.session.remove()
            db.engine.dispose()

    return wrapped


def plan_app() -> Flask | None:
    """The app whose database holds the plans added to the library, for a command that runs
    without the app (``rubric check``, ``extract``, ``rubric draft``); None when there is no
    database yet — an embedded SQLite file that does not exist is not created by asking, and
    nothing is written to the instance folder."""
    from flask.cli import NoAppException, ScriptInfo

    from webapp.settings import ConfigurationError

    context = click.get_current_context(silent=True)
    info = context.find_object(ScriptInfo) if context is not None else None
    if info is None:
        return None
    if info.create_app is create_app_for_cli and info.app_import_path is None and not _database_may_exist():
        return None
    try:
        app: Flask = info.load_app()
    except (NoAppException, ConfigurationError, OSError) as exc:
        click.echo(f"提示：未能打开应用与数据库（{exc}），计划库只含 seeds/ 中的工作要点", err=True)
        return None
    return app


def _database_may_exist() -> bool:
    """Whether the configured database could hold something: not an embedded SQLite file that
    is not there. Read from the settings alone, without creating the app."""
    from flask import Flask
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from webapp.settings import instance_path_from_env, read_settings

    probe = Flask("webapp.app", instance_path=instance_path_from_env())
    read_settings(probe)
    try:
        url = make_url(str(probe.config["SQLALCHEMY_DATABASE_URI"]))
    except ArgumentError:
        return True
    if url.get_backend_name() != "sqlite":
        return True
    database = url.database or ""
    if not database or database == ":memory:":
        return False
    path = Path(database)
    return (path if path.is_absolute() else Path(probe.instance_path) / path).is_file()


def added_plans() -> PlanLibrary | None:
    """The plans added to the library (from the database), or None when there are none or no
    database to ask. Asked once per command."""
    context = click.get_current_context(silent=True)
    if context is not None and _ADDED in context.meta:
        known: PlanLibrary | None = context.meta[_ADDED]
        return known
    plans = _added_plans()
    if context is not None:
        context.meta[_ADDED] = plans
    return plans


_ADDED = "selfcheck.added_plans"


def _added_plans() -> PlanLibrary | None:
    app = plan_app()
    if app is None:
        return None
    from sqlalchemy.exc import SQLAlchemyError

    from webapp.extensions import db
    from webapp.rubrics.library import added_plans as from_database

    with app.app_context():
        try:
            plans = from_database()
        except SQLAlchemyError as exc:
            click.echo(f"提示：未能读取数据库中的计划库（{exc.__class__.__name__}），只按 seeds/ 核对", err=True)
            return None
        finally:
            db.session.remove()
    return plans if len(plans) else None


def library_for(rubric_path: Path, seeds: SeedLibrary | None, added: PlanLibrary | None) -> PlanLibrary | None:
    """The plan library a rubric file's sources are checked against: the seeds (given, else the
    seeds/ nearest the file or the current folder, else the project's), then the added plans."""
    if seeds is None:
        from webapp.settings import SEEDS_DIR

        folder = find_seeds_dir(rubric_path.parent) or SEEDS_DIR
        seeds = SeedLibrary(folder) if folder.is_dir() else None
    return PlanLibrary.chain(seeds, added) if added is not None else seeds


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def seeds_at(seeds_dir: str | None) -> SeedLibrary | None:
    if seeds_dir:
        return SeedLibrary(Path(seeds_dir))
    return None  # the loader finds seeds/ next to each rubric


def load_or_exit(path: str, seeds: PlanLibrary | None = None) -> Any:
    """The rubric, its sources checked against ``seeds`` (by default: the seeds near the file,
    then the plans added to the library when there are any); exits listing the problems."""
    if seeds is None:
        added = added_plans()
        seeds = library_for(Path(path), None, added) if added is not None else None
    try:
        return load_rubric(path, seeds)
    except RubricError as exc:
        click.echo(f"评估细则有误，无法使用：{path}", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)


def read_json(path: str, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        click.echo(f"{what}文件不存在：{path}", err=True)
    except json.JSONDecodeError as exc:
        click.echo(f"{what}文件不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）：{path}", err=True)
    except UnicodeDecodeError:
        click.echo(f"{what}文件不是 UTF-8 编码：{path}", err=True)
    sys.exit(2)
