"""The ``selfcheck`` command: a FlaskGroup whose commands live in one module per group, each
gathering its commands in an AppGroup named ``commands``; this package lists them, and no
command module imports another's but ``base`` (and ``rubric``'s group, which ``extract``
extends). Commands that only read files (rubric, score, extract, report render) run without
the app or a database."""

from __future__ import annotations

from typing import Any

from flask.cli import FlaskGroup

from webapp.cli import admin, extract, reports, rubric, web


def _create_app() -> Any:
    from webapp import create_app

    return create_app()


cli = FlaskGroup(
    name="selfcheck",
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    help="学校办学水平自评系统 selfcheck 的命令行。",
)
for module in (rubric, extract, reports, admin, web):
    for command in module.commands.commands.values():
        cli.add_command(command)


def main() -> None:
    cli.main(prog_name="selfcheck")
