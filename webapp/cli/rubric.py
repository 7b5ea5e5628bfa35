"""``selfcheck rubric check|diff`` and ``selfcheck score``: rubrics and scores from files. A
rubric's sources are checked against the whole plan library: the seeds, and the plans added to
the database when there is one (without a database, the seeds alone)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup

from checklist.answers import UNKNOWN_INPUT, impossible_figures, validate_answers
from checklist.loader import check_rubric, load_rubric, rubric_files
from checklist.model import SchoolProfile
from checklist.scoring import Status, score
from webapp.cli.base import added_plans, echo_json, library_for, load_or_exit, read_json, seeds_at
from webapp.settings import RUBRICS_DIR

commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli


@commands.group("rubric")
def rubric_group() -> None:
    """评估细则：检查、比较、起草。"""


@rubric_group.command("check", with_appcontext=False)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False), help="seeds 目录（默认自动查找）")
def rubric_check(paths: tuple[str, ...], seeds_dir: str | None) -> None:
    """检查评估细则文件（默认 config/rubrics/ 下全部）：结构、编号、输入项、出处引文
    （对照计划库：seeds/ 中的工作要点，以及用 selfcheck plan add 加入的）。"""
    files: list[Path] = []
    for raw in paths or (str(RUBRICS_DIR),):
        path = Path(raw)
        files.extend(rubric_files(path) if path.is_dir() else [path])
    if not files:
        click.echo("没有找到评估细则文件", err=True)
        sys.exit(1)
    seeds = seeds_at(seeds_dir)
    added = added_plans()
    failed = 0
    for path in files:
        library = library_for(path, seeds, added)
        problems = check_rubric(path, library)
        if problems:
            failed += 1
            click.echo(f"✗ {path}：{len(problems)} 个问题")
            for problem in problems:
                click.echo(f"  {problem}")
        else:
            rubric = load_rubric(path, library)
            total = sum(i.points for i in rubric.items if not i.bonus)
            click.echo(
                f"✓ {path}：{rubric.title}（{rubric.label}），{len(rubric.dimensions)} 个一级指标，"
                f"{len(rubric.items)} 个评估要点，基本分 {total:g} 分"
            )
    sys.exit(1 if failed else 0)


@commands.command("score", with_appcontext=False)
@click.option("--rubric", "rubric_path", required=True, type=click.Path(), help="评估细则 YAML")
@click.option("--answers", "answers_path", required=True, type=click.Path(), help="填报数据 JSON")
@click.option("--profile", "profile_path", type=click.Path(), help="学校概况 JSON（学段、公办/民办…）")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出评分结果")
def score_command(rubric_path: str, answers_path: str, profile_path: str | None, as_json: bool) -> None:
    """按评估细则给一所学校的填报数据评分。"""
    rubric = load_or_exit(rubric_path)
    answers = read_json(answers_path, "填报数据")
    if not isinstance(answers, dict):
        click.echo('填报数据应是 JSON 对象：{"输入项键名": 值, ...}', err=True)
        sys.exit(2)
    profile = None
    if profile_path:
        raw_profile = read_json(profile_path, "学校概况")
        try:
            profile = SchoolProfile.from_dict(raw_profile if isinstance(raw_profile, dict) else {})
        except ValueError as exc:
            click.echo(f"学校概况有误：{exc}", err=True)
            sys.exit(2)
    problems = validate_answers(rubric, answers, profile)
    for key, message in problems.items():
        if message == UNKNOWN_INPUT:  # a misspelt key leaves its item unanswered: said, not refused
            click.echo(f"提示：填报项 {key}：{message}", err=True)
    impossible = impossible_figures(rubric, answers, profile)
    if impossible:  # figures that cannot be true are not scored (nor reported: reports refuse the same)
        click.echo("填报数据有误，未评分：", err=True)
        for key, message in impossible.items():
            click.echo(f"  填报项 {key}：{message}", err=True)
        sys.exit(2)
    card = score(rubric, answers, profile)
    if as_json:
        echo_json(card.to_dict())
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
