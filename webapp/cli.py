"""The ``selfcheck`` command (a FlaskGroup). Commands that only read files (rubric, score,
extract, report render) run without the app or a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from flask.cli import FlaskGroup

from checklist.answers import validate_answers
from checklist.diff import diff_rubrics
from checklist.loader import RubricError, check_rubric, load_rubric, rubric_files
from checklist.model import SchoolProfile
from checklist.scoring import Status, score
from checklist.seeds import SeedLibrary
from webapp.settings import RUBRICS_DIR


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


def main() -> None:
    cli.main(prog_name="selfcheck")


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _seed_library(seeds_dir: str | None) -> SeedLibrary | None:
    if seeds_dir:
        return SeedLibrary(Path(seeds_dir))
    return None  # the loader finds seeds/ next to each rubric


def _load_or_exit(path: str, seeds: SeedLibrary | None = None) -> Any:
    try:
        return load_rubric(path, seeds)
    except RubricError as exc:
        click.echo(f"评估细则有误，无法使用：{path}", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)


def _read_json(path: str, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        click.echo(f"{what}文件不存在：{path}", err=True)
    except json.JSONDecodeError as exc:
        click.echo(f"{what}文件不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）：{path}", err=True)
    except UnicodeDecodeError:
        click.echo(f"{what}文件不是 UTF-8 编码：{path}", err=True)
    sys.exit(2)


# --------------------------------------------------------------------------------------------
# rubric


@cli.group("rubric")
def rubric_group() -> None:
    """评估细则：检查、比较、起草。"""


@rubric_group.command("check", with_appcontext=False)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False), help="seeds 目录（默认自动查找）")
def rubric_check(paths: tuple[str, ...], seeds_dir: str | None) -> None:
    """检查评估细则文件（默认 config/rubrics/ 下全部）：结构、编号、输入项、出处引文。"""
    files: list[Path] = []
    for raw in paths or (str(RUBRICS_DIR),):
        path = Path(raw)
        files.extend(rubric_files(path) if path.is_dir() else [path])
    if not files:
        click.echo("没有找到评估细则文件", err=True)
        sys.exit(1)
    seeds = _seed_library(seeds_dir)
    failed = 0
    for path in files:
        problems = check_rubric(path, seeds)
        if problems:
            failed += 1
            click.echo(f"✗ {path}：{len(problems)} 个问题")
            for problem in problems:
                click.echo(f"  {problem}")
        else:
            rubric = load_rubric(path, seeds)
            total = sum(i.points for i in rubric.items if not i.bonus)
            click.echo(
                f"✓ {path}：{rubric.title}（{rubric.label}），{len(rubric.dimensions)} 个一级指标，"
                f"{len(rubric.items)} 个评估要点，基本分 {total:g} 分"
            )
    sys.exit(1 if failed else 0)


@rubric_group.command("diff", with_appcontext=False)
@click.argument("a", type=click.Path(exists=True))
@click.argument("b", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
def rubric_diff(a: str, b: str, as_json: bool) -> None:
    """比较两份评估细则（或两份工作要点 .txt 的抽取结果）：阈值不同的要点，以及只有一方有的要点。"""
    if a.endswith(".txt") and b.endswith(".txt"):
        from webapp.cli_extract import diff_plans_command

        diff_plans_command(a, b, as_json)
        return
    ra, rb = _load_or_exit(a), _load_or_exit(b)
    result = diff_rubrics(ra, rb)
    if as_json:
        _echo_json(result.to_dict())
        return
    click.echo(f"A：{ra.title}（{ra.label}）")
    click.echo(f"B：{rb.title}（{rb.label}）")
    click.echo("")
    click.echo(f"要求不同的要点（{len(result.changed)}）：")
    names = {"threshold": "阈值", "points": "分值", "veto": "一票否决", "applies_to": "适用范围"}
    for change in result.changed:
        what = "、".join(names[d] for d in change.differences)
        click.echo(f"  [{what}] {change.a.id} {change.a.title}  ⇄  {change.b.id} {change.b.title}")
        click.echo(f"      A：{change.requirement_a}（{change.a.points:g}分）")
        click.echo(f"      B：{change.requirement_b}（{change.b.points:g}分）")
    from checklist.diff import describe_rule

    click.echo(f"\n只有 A 有的要点（{len(result.only_a)}）：")
    for item in result.only_a:
        click.echo(f"  {item.id} {item.title}：{describe_rule(item.rule, ra.inputs)}")
    click.echo(f"\n只有 B 有的要点（{len(result.only_b)}）：")
    for item in result.only_b:
        click.echo(f"  {item.id} {item.title}：{describe_rule(item.rule, rb.inputs)}")
    click.echo(f"\n要求相同的要点：{len(result.unchanged)}")


# --------------------------------------------------------------------------------------------
# score


@cli.command("score", with_appcontext=False)
@click.option("--rubric", "rubric_path", required=True, type=click.Path(), help="评估细则 YAML")
@click.option("--answers", "answers_path", required=True, type=click.Path(), help="填报数据 JSON")
@click.option("--profile", "profile_path", type=click.Path(), help="学校概况 JSON（学段、公办/民办…）")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出评分结果")
def score_command(rubric_path: str, answers_path: str, profile_path: str | None, as_json: bool) -> None:
    """按评估细则给一所学校的填报数据评分。"""
    rubric = _load_or_exit(rubric_path)
    answers = _read_json(answers_path, "填报数据")
    if not isinstance(answers, dict):
        click.echo('填报数据应是 JSON 对象：{"输入项键名": 值, ...}', err=True)
        sys.exit(2)
    profile = None
    if profile_path:
        raw_profile = _read_json(profile_path, "学校概况")
        try:
            profile = SchoolProfile.from_dict(raw_profile if isinstance(raw_profile, dict) else {})
        except ValueError as exc:
            click.echo(f"学校概况有误：{exc}", err=True)
            sys.exit(2)
    for key, message in validate_answers(rubric, answers, profile).items():
        click.echo(f"提示：填报项 {key}：{message}", err=True)
    card = score(rubric, answers, profile)
    if as_json:
        _echo_json(card.to_dict())
        return
    _print_card(rubric, card)


def _print_card(rubric: Any, card: Any) -> None:
    click.echo(f"{rubric.title}（{rubric.label}）")
    veto = f"，一票否决：{'、'.join(card.veto_items)}" if card.veto_failed else ""
    bonus = f"（含加分 {card.bonus_points:g}）" if card.bonus_points else ""
    click.echo(f"总分 {card.total_percent:.2f}{bonus}，等级：{card.level}{veto}")
    click.echo("")
    for dim in card.dimensions:
        pct = "—" if dim.percent is None else f"{dim.percent:.1f}%"
        click.echo(f"{dim.id} {dim.title}：{dim.earned:g}/{dim.possible:g}（{pct}）")
    click.echo("")
    marks = {
        Status.MET: "✓",
        Status.PARTIAL: "◐",
        Status.NOT_MET: "✗",
        Status.NOT_APPLICABLE: "－",
        Status.UNANSWERED: "？",
    }
    for item in card.items:
        click.echo(
            f"{marks[item.status]} {item.item_id:<7} {item.status.label:<4} "
            f"{item.earned:g}/{item.possible:g}  {item.title}"
        )
        click.echo(f"      {item.explanation}")


# Commands defined in other modules register themselves on `cli` when imported.
from webapp import cli_admin, cli_extract, cli_reports, cli_web  # noqa: E402,F401
