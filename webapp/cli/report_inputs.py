"""What the report commands read and say: dates in Chinese, the office and the 整改 days, the
JSON inputs (answers, profile, notes, the visit record), the seeds, the refusals and warnings
about figures, and the app for the database side; shared by ``report render``, ``report region``
and ``report batch``."""


from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from checklist.model import Rubric, SchoolProfile
from checklist.seeds import PlanLibrary, SeedLibrary, find_seeds_dir
from webapp.cli.base import added_plans, read_json


def today() -> str:
    return chinese_date(dt.date.today())


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def parse_chinese_date(text: str) -> dt.date | None:
    """2024年12月20日 (or 2024-12-20) as a date; None when it is not one."""
    found = re.fullmatch(r"\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*", text)
    if not found:
        return None
    try:
        return dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None


def rectify_days(days: int | None) -> int:
    """The days for the 整改报告: the option, else RECTIFY_DAYS from the settings."""
    from webapp.settings import file_setting

    return days if days is not None else int(file_setting("RECTIFY_DAYS", 30))


def office(office: str, rubric: Rubric) -> str:
    """The 督导室 that signs: the option, else REPORT_OFFICE from the settings, else the issuer."""
    from webapp.settings import file_setting

    return office or str(file_setting("REPORT_OFFICE", "") or "") or rubric.issuer


def warn_unknown(rubric: Rubric, *answer_sets: Mapping[str, Any] | None) -> None:
    """Keys the rubric does not know, as ``selfcheck score`` says them: their items stay unanswered."""
    from checklist.answers import UNKNOWN_INPUT

    unknown = dict.fromkeys(k for answers in answer_sets if answers for k in answers if k not in rubric.inputs)
    for key in unknown:
        click.echo(f"提示：填报项 {key}：{UNKNOWN_INPUT}", err=True)


def refuse(exc: Any, who: str = "") -> None:
    """Impossible figures: the lines ``selfcheck score`` prints for them, and no PDF."""
    click.echo(f"{who}{exc.what}有误，未生成报告：", err=True)
    for line in exc.lines():
        click.echo(f"  {line}", err=True)


def inspection(path: str | None) -> Any:
    """评估过程 from JSON: {start, end, team, lessons, meetings, questionnaires, documents}."""
    from reports.model import InspectionRecord

    if not path:
        return None
    data = read_json(path, "评估过程")
    counts = ("lessons", "meetings", "questionnaires", "documents")
    if not isinstance(data, dict) or set(data) - {"start", "end", "team", *counts}:
        click.echo("评估过程应是 JSON 对象：{start, end, team, lessons, meetings, questionnaires, documents}", err=True)
        sys.exit(2)
    for key in counts:
        value = data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            click.echo(f"评估过程的 {key} 应为不小于0的整数", err=True)
            sys.exit(2)
    team = data.get("team") or []
    return InspectionRecord(
        start=str(data.get("start") or ""),
        end=str(data.get("end") or ""),
        team=tuple(str(t) for t in (team if isinstance(team, list) else [team])),
        **{key: data.get(key) for key in counts},
    )


def seeds(rubric_path: str, seeds_dir: str | None) -> PlanLibrary | None:
    """The plan library the report cites: the seeds, then the plans added to the library."""
    folder = Path(seeds_dir) if seeds_dir else find_seeds_dir(Path(rubric_path).resolve().parent)
    seeds = SeedLibrary(folder) if folder and folder.is_dir() else None
    added = added_plans()
    return PlanLibrary.chain(seeds, added) if added is not None else seeds


def profile(path: str | None) -> SchoolProfile | None:
    if not path:
        return None
    raw = read_json(path, "学校概况")
    try:
        return SchoolProfile.from_dict(raw if isinstance(raw, dict) else {})
    except ValueError as exc:
        click.echo(f"学校概况有误：{exc}", err=True)
        sys.exit(2)


def answers(path: str, what: str) -> dict[str, Any]:
    data = read_json(path, what)
    if not isinstance(data, dict):
        click.echo(f'{what}应是 JSON 对象：{{"输入项键名": 值, ...}}', err=True)
        sys.exit(2)
    return data


def notes(path: str | None) -> list[Any]:
    from reports.model import ItemNote

    if not path:
        return []
    data = read_json(path, "督导意见")
    if not isinstance(data, dict):
        click.echo('督导意见应是 JSON 对象：{"要点编号": {"comment": …, "reason": …}}', err=True)
        sys.exit(2)
    notes = []
    for item_id, value in data.items():
        if isinstance(value, str):
            notes.append(ItemNote(item_id=str(item_id), comment=value))
        elif isinstance(value, Mapping):
            notes.append(
                ItemNote(
                    item_id=str(item_id),
                    comment=str(value.get("comment", "")),
                    reason=str(value.get("reason", "")),
                )
            )
    return notes


def warn_subsetter() -> None:
    from reports.render import SUBSETTER_WARNING, subsetter_available

    if not subsetter_available():
        click.echo(f"警告：{SUBSETTER_WARNING}", err=True)


def cycle(rubric: Rubric, cycle: str | None) -> str:
    if cycle:
        return cycle
    return f"{rubric.year or dt.date.today().year}年度"


def app() -> Any:
    from flask.cli import ScriptInfo

    return click.get_current_context().ensure_object(ScriptInfo).load_app()


fonts_option = click.option(
    "--fonts",
    type=click.Choice(["mixed", "sans"]),
    default="mixed",
    show_default=True,
    help="字体：mixed 正文宋体（Noto Serif）标题黑体；sans 全文黑体（更快、文件更小）",
)
