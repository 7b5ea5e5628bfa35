"""``selfcheck report batch``: every school's report of a cycle (from the database) or of a
manifest (from files), rendered in a pool of warm worker processes with progress shown."""


from __future__ import annotations

import json
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from checklist.model import SchoolProfile
from checklist.scoring import score
from webapp.cli import report_inputs as inputs
from webapp.cli.base import load_or_exit, read_json
from webapp.cli.reports import report_group


@report_group.command("batch", with_appcontext=False)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="输出目录")
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(0, 64),
    help="并行进程数（0：在本进程内）",
)
@click.option(
    "--manifest",
    type=click.Path(),
    help="批量清单 JSON：{rubric, cycle, bureau, schools: [{name, code, district, profile, answers}]}",
)
@click.option("--timeout", default=120.0, show_default=True, help="单份报告的超时秒数")
@inputs.fonts_option
@click.option("--cycle", "cycle_id", type=int, help="年度评估编号（默认当前年度评估）；用于从数据库生成")
def batch_command(
    out_dir: str, workers: int, manifest: str | None, timeout: float, fonts: str, cycle_id: int | None
) -> None:
    """批量生成本年度评估全部学校的评估报告（进程池并行，显示进度）；或按 --manifest 清单从文件生成。"""
    tasks = _manifest_tasks(manifest, Path(out_dir)) if manifest else _database_tasks(Path(out_dir), cycle_id)
    inputs.warn_subsetter()
    _run_batch(tasks, workers, timeout, fonts)


def _database_tasks(out_dir: Path, cycle_id: int | None) -> list[Any]:
    """Every assessment of the cycle (the current one by default), from the database."""
    from sqlalchemy.exc import SQLAlchemyError

    from reports.batch import RenderTask, report_filename
    from reports.build import ImpossibleFigures
    from webapp.assessments import current_cycle, cycle_assessments
    from webapp.documents.report_data import school_report_for
    from webapp.extensions import db
    from webapp.models import Cycle

    app = inputs.app()
    with app.app_context():
        try:
            cycle = db.session.get(Cycle, cycle_id) if cycle_id else current_cycle()
        except SQLAlchemyError:
            cycle = None
        if cycle is None:
            click.echo(
                "数据库中没有这一年度评估（或数据库尚未建立：selfcheck db upgrade）；"
                "也可以用 --manifest 给出批量清单，从文件生成",
                err=True,
            )
            sys.exit(2)
        tasks = []
        refused = 0
        for a in cycle_assessments(cycle, None, whole=True):
            try:
                report = school_report_for(a)
            except ImpossibleFigures as exc:
                inputs.refuse(exc, f"{a.school.name}（{a.school.code}）")
                refused += 1
                continue
            tasks.append(RenderTask(str(a.id), report, str(out_dir / report_filename(a.school.code, a.school.name))))
        if refused:
            click.echo(f"{refused} 所学校的数据有误，未生成任何报告", err=True)
            sys.exit(2)
        out_dir.mkdir(parents=True, exist_ok=True)
        click.echo(f"{cycle.name}：{len(tasks)} 所学校")
        db.session.remove()
        db.engine.dispose()
    return tasks


def _manifest_tasks(path: str, out_dir: Path) -> list[Any]:
    """The manifest's reports. Every school's figures are checked first: one impossible figure
    anywhere and the whole batch is refused, listing every school at fault, before a PDF is
    written."""
    from reports.batch import RenderTask, report_filename
    from reports.build import ImpossibleFigures, build_school_report
    from reports.model import ReportMeta, SchoolSummary

    data = read_json(path, "批量清单")
    if not isinstance(data, dict) or not isinstance(data.get("schools"), list):
        click.echo("批量清单应是含 rubric 与 schools 数组的 JSON 对象", err=True)
        sys.exit(2)
    base = Path(path).resolve().parent
    rubric_path = str((base / str(data.get("rubric", ""))).resolve())
    rubric = load_or_exit(rubric_path)
    seeds = inputs.seeds(rubric_path, None)
    meta = ReportMeta(
        cycle=inputs.cycle(rubric, data.get("cycle")),
        bureau=str(data.get("bureau") or rubric.issuer),
        date=str(data.get("date") or inputs.today()),
        office=inputs.office(str(data.get("office") or ""), rubric),
        rectify_days=inputs.rectify_days(None),
    )
    tasks = []
    refused = 0
    for number, entry in enumerate(data["schools"], start=1):
        try:
            if not isinstance(entry, Mapping) or not entry.get("name"):
                raise ValueError("缺少学校名称 name")
            answers = entry.get("answers", {})
            if isinstance(answers, str):
                answers = json.loads((base / answers).read_text(encoding="utf-8"))
            if not isinstance(answers, dict):
                raise ValueError("answers 应为 JSON 对象或文件路径")
            raw_profile = entry.get("profile")
            profile = SchoolProfile.from_dict(raw_profile) if raw_profile else None
        except (ValueError, OSError) as exc:
            click.echo(f"批量清单第{number}所学校有误：{exc}", err=True)
            sys.exit(2)
        name, code = str(entry["name"]), str(entry.get("code", ""))
        card = score(rubric, answers, profile)
        school = SchoolSummary(
            name=name,
            code=code,
            district=str(entry.get("district", "")),
            profile=profile.describe() if profile else "",
        )
        try:
            report = build_school_report(rubric, card, school, meta, answers=answers, profile=profile, seeds=seeds)
        except ImpossibleFigures as exc:
            inputs.refuse(exc, f"批量清单第{number}所学校（{name}）")
            refused += 1
            continue
        tasks.append(RenderTask(key=code or name, report=report, out=str(out_dir / report_filename(code, name))))
    if refused:
        click.echo(f"{refused} 所学校的填报数据有误，未生成任何报告", err=True)
        sys.exit(2)
    return tasks


def _run_batch(tasks: list[Any], workers: int, timeout: float, fonts: str = "mixed") -> None:
    from reports.batch import render_batch

    started = time.perf_counter()
    failures = []
    with click.progressbar(length=len(tasks), label="生成报告", show_pos=True) as bar:

        def progress(done: int, total: int, result: Any) -> None:
            bar.update(1)
            if not result.ok:
                failures.append(result)

        results = render_batch(tasks, workers=workers, progress=progress, timeout=timeout, family=fonts)
    elapsed = time.perf_counter() - started
    ok = sum(1 for r in results if r.ok)
    click.echo(f"完成：{ok}/{len(results)} 份，用时 {elapsed:.1f} 秒（{workers} 个进程）")
    for failure in failures:
        click.echo(f"  失败：{failure.key}：{failure.error}", err=True)
    if failures:
        sys.exit(1)
