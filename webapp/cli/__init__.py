"""The ``selfcheck`` command: a FlaskGroup whose commands live in one module per group, each
gathering its commands in an AppGroup named ``commands``; this package lists them, and no
command module imports another's but ``base`` and ``report_inputs`` (and ``rubric``'s group,
which ``extract`` extends, and ``report``'s, which ``report_batch`` extends). Commands that
only read files (rubric, score, extract, report render) run without the app or a database;
rubric check, extract and rubric draft also read the plans added to the plan library when a
database exists (``base.added_plans``), and never create one."""

from __future__ import annotations

from flask.cli import FlaskGroup

from webapp.cli import admin, extract, plan, remind, report_batch, reports, rubric, token, web
from webapp.cli.base import create_app_for_cli

cli = FlaskGroup(
    name="selfcheck",
    create_app=create_app_for_cli,
    add_default_commands=False,
    add_version_option=False,
    help="学校办学水平自评系统 selfcheck 的命令行。",
)
assert report_batch  # its command joins the report group on import
for module in (rubric, extract, plan, reports, admin, web, token, remind):
    for command in module.commands.commands.values():
        cli.add_command(command)


def main() -> None:
    cli.main(prog_name="selfcheck")
