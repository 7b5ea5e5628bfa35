"""CLI commands for reports: `report render` (one school, from files), `report region` (the
region summary, from a JSON of school results) and `report batch` (many schools in a pool of
warm workers).

The commands here read files only and run without the app or a database. Figures that cannot
be true are refused before anything is written, exactly as ``selfcheck score`` refuses them and
with its messages (``checklist.answers.impossible_figures``; a key the rubric does not know is
a warning in both); an assessment with items still unanswered gets a
report marked 未完成 that claims no score. The database side of
`report batch` and `report region` (every assessment of the current cycle) builds the same
inputs — :class:`reports.batch.RenderTask` and :class:`reports.model.SchoolResult` — from its
rows and calls the same engine: :func:`reports.batch.render_batch`,
:func:`reports.region.build_region_report`, :func:`reports.render.render_region_pdf`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup

from checklist.model import Rubric, SchoolProfile
from checklist.scoring import score
from checklist.seeds import PlanLibrary, SeedLibrary, find_seeds_dir
from webapp.cli.base import added_plans, load_or_exit, read_json

commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli


def _today() -> str:
    return _chinese_date(dt.date.today())


def _chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _parse_chinese_date(text: str) -> dt.date | None:
    """2024年12月20日 (or 2024-12-20) as a date; None when it is not one."""
    found = re.fullmatch(r"\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*", text)
    if not found:
        return None
    try:
        return dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None


def _rectify_days(days: int | None) -> int:
    """The days for the 整改报告: the option, else RECTIFY_DAYS from the settings."""
    from webapp.settings import file_setting

    return days if days is not None else int(file_setting("RECTIFY_DAYS", 30))


def _office(office: str, rubric: Rubric) -> str:
    """The 督导室 that signs: the option, else REPORT_OFFICE from the settings, else the issuer."""
    from webapp.settings import file_setting

    return office or str(file_setting("REPORT_OFFICE", "") or "") or rubric.issuer


def _warn_unknown(rubric: Rubric, *answer_sets: Mapping[str, Any] | None) -> None:
    """Keys the rubric does not know, as ``selfcheck score`` says them: their items stay unanswered."""
    from checklist.answers import UNKNOWN_INPUT

    unknown = dict.fromkeys(k for answers in answer_sets if answers for k in answers if k not in rubric.inputs)
    for key in unknown:
        click.echo(f"提示：填报项 {key}：{UNKNOWN_INPUT}", err=True)


def _refuse(exc: Any, who: str = "") -> None:
    """Impossible figures: the lines ``selfcheck score`` prints for them, and no PDF."""
    click.echo(f"{who}{exc.what}有误，未生成报告：", err=True)
    for line in exc.lines():
        click.echo(f"  {line}", err=True)


def _inspection(path: str | None) -> Any:
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


def _seeds(rubric_path: str, seeds_dir: str | None) -> PlanLibrary | None:
    """The plan library the report cites: the seeds, then the plans added to the library."""
    folder = Path(seeds_dir) if seeds_dir else find_seeds_dir(Path(rubric_path).resolve().parent)
    seeds = SeedLibrary(folder) if folder and folder.is_dir() else None
    added = added_plans()
    return PlanLibrary.chain(seeds, added) if added is not None else seeds


def _profile(path: str | None) -> SchoolProfile | None:
    if not path:
        return None
    raw = read_json(path, "学校概况")
    try:
        return SchoolProfile.from_dict(raw if isinstance(raw, dict) else {})
    except ValueError as exc:
        click.echo(f"学校概况有误：{exc}", err=True)
        sys.exit(2)


def _answers(path: str, what: str) -> dict[str, Any]:
    data = read_json(path, what)
    if not isinstance(data, dict):
        click.echo(f'{what}应是 JSON 对象：{{"输入项键名": 值, ...}}', err=True)
        sys.exit(2)
    return data


def _notes(path: str | None) -> list[Any]:
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


def _warn_subsetter() -> None:
    from reports.render import SUBSETTER_WARNING, subsetter_available

    if not subsetter_available():
        click.echo(f"警告：{SUBSETTER_WARNING}", err=True)


def _cycle(rubric: Rubric, cycle: str | None) -> str:
    if cycle:
        return cycle
    return f"{rubric.year or dt.date.today().year}年度"


@commands.group("report")
def report_group() -> None:
    """评估报告：单校 PDF、批量生成、区域汇总（PDF 与 Excel）。"""


@report_group.command("render", with_appcontext=False)
@click.option("--rubric", "rubric_path", required=True, type=click.Path(), help="评估细则 YAML")
@click.option(
    "--answers",
    "answers_path",
    required=True,
    type=click.Path(),
    help="学校填报数据 JSON",
)
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(),
    help="学校概况 JSON（学段、公办/民办…）",
)
@click.option("--school-name", required=True, help="学校名称")
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="输出 PDF 文件",
)
@click.option("--school-code", default="", help="学校代码")
@click.option("--district", default="", help="所属区县")
@click.option("--cycle", help="评估周期，如 2024年度（默认按细则年度）")
@click.option("--bureau", help="评估单位（默认细则的发布单位）")
@click.option("--date", "report_date", help="报告日期，如 2024年12月20日（默认今天）")
@click.option("--verified-answers", type=click.Path(), help="评估组核定后的填报数据 JSON")
@click.option(
    "--notes",
    "notes_path",
    type=click.Path(),
    help="督导意见 JSON：{要点编号: {comment, reason}}",
)
@click.option("--final", is_flag=True, help="已核定定稿：去掉“自评稿”水印，加评估组/督导室签章栏")
@click.option("--inspector", "inspectors", multiple=True, help="评估组成员（可多次给出）")
@click.option("--office", default="", help="督导机构（落款、评估单位）：默认设置 REPORT_OFFICE，否则细则发布单位")
@click.option(
    "--deadline", default="", help="整改报告报送期限，如 2025年3月31日（定稿默认：报告日期后 --rectify-days 天）"
)
@click.option("--rectify-days", type=click.IntRange(1, 365), help="整改报告须在几日内报送（默认设置 RECTIFY_DAYS）")
@click.option("--doc-number", default="", help="督导评估意见书文号，如 营教督〔2024〕15号（定稿时印在封面）")
@click.option(
    "--inspection",
    "inspection_path",
    type=click.Path(),
    help="评估过程 JSON：{start, end, team, lessons, meetings, questionnaires, documents}",
)
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="同时保存 HTML")
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(file_okay=False),
    help="seeds 目录（默认自动查找）",
)
@click.option(
    "--fonts",
    type=click.Choice(["mixed", "sans"]),
    default="mixed",
    show_default=True,
    help="字体：mixed 正文宋体（Noto Serif）标题黑体；sans 全文黑体（更快、文件更小）",
)
def render_command(
    rubric_path: str,
    answers_path: str,
    profile_path: str | None,
    school_name: str,
    out_path: str,
    school_code: str,
    district: str,
    cycle: str | None,
    bureau: str | None,
    report_date: str | None,
    verified_answers: str | None,
    notes_path: str | None,
    final: bool,
    inspectors: tuple[str, ...],
    office: str,
    deadline: str,
    rectify_days: int | None,
    doc_number: str,
    inspection_path: str | None,
    html_path: str | None,
    seeds_dir: str | None,
    fonts: str,
) -> None:
    """从文件生成一所学校的办学水平评估报告（PDF），不需要数据库。填报数据有误时不生成报告。"""
    from reports.build import ImpossibleFigures, build_school_report
    from reports.model import ReportMeta, SchoolSummary
    from reports.render import get_renderer

    started = time.perf_counter()
    rubric = load_or_exit(rubric_path)
    answers = _answers(answers_path, "填报数据")
    profile = _profile(profile_path)
    verified = _answers(verified_answers, "核定数据") if verified_answers else None
    _warn_unknown(rubric, answers, verified)
    self_card = score(rubric, answers, profile)
    verified_card = score(rubric, verified, profile) if verified is not None else None
    school = SchoolSummary(
        name=school_name,
        code=school_code,
        district=district,
        profile=profile.describe() if profile else "",
    )
    days = _rectify_days(rectify_days)
    date = report_date or _today()
    issued = _parse_chinese_date(date)
    if final and not deadline and issued is not None:
        deadline = _chinese_date(issued + dt.timedelta(days=days))
    meta = ReportMeta(
        cycle=_cycle(rubric, cycle),
        bureau=bureau or rubric.issuer,
        date=date,
        finalised=final,
        inspectors=inspectors,
        office=_office(office, rubric),
        deadline=deadline,
        rectify_days=days,
        doc_number=doc_number,
        inspection=_inspection(inspection_path),
    )
    try:
        report = build_school_report(
            rubric,
            self_card,
            school,
            meta,
            verified_card=verified_card,
            answers=answers,
            verified_answers=verified,
            notes=_notes(notes_path),
            profile=profile,
            seeds=_seeds(rubric_path, seeds_dir),
        )
    except ImpossibleFigures as exc:
        _refuse(exc)
        sys.exit(2)
    _warn_subsetter()
    renderer = get_renderer(fonts)
    html = renderer.school_html(report)
    if html_path:
        Path(html_path).write_text(html, encoding="utf-8")
    pdf = renderer.pdf(html)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    c = report.conclusion
    if not report.complete:
        click.echo(
            f"已生成 {out}：{school_name}，评估未完成（{report.progress.unanswered} 个评估要点未填报，"
            f"不计总分）（{len(pdf) // 1024} KB，{time.perf_counter() - started:.1f} 秒）"
        )
        return
    click.echo(
        f"已生成 {out}：{school_name}，{c.basis}总分 {c.total:g}，等级 {c.level}，"
        f"存在问题 {len(report.problems)} 项（{len(pdf) // 1024} KB，"
        f"{time.perf_counter() - started:.1f} 秒）"
    )


@report_group.command("region", with_appcontext=False)
@click.option("--rubric", "rubric_path", type=click.Path(), help="评估细则 YAML（与 --results 一起：从文件生成）")
@click.option(
    "--results",
    "results_path",
    type=click.Path(),
    help="各校结果 JSON：[{name, code, district, level, total, dimensions, items, veto_failed}]；"
    "未纳入汇总的学校写作 {name, district, missing: 原因}；不给则从数据库取本年度评估各校结果",
)
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="输出 PDF 文件")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="输出汇总表 Excel")
@click.option(
    "--scores-xlsx",
    type=click.Path(dir_okay=False),
    help="输出各校得分表 Excel（一校一行）",
)
@click.option("--region", default="", help="区域名称（默认评估单位）")
@click.option("--cycle", help="评估周期，如 2024年度")
@click.option("--bureau", help="评估单位（默认细则的发布单位）")
@click.option("--date", "report_date", help="报告日期（默认今天）")
@click.option("--final", is_flag=True, help="结果均已核定：去掉“汇总稿”水印")
@click.option("--office", default="", help="督导机构（落款）：默认设置 REPORT_OFFICE，否则细则发布单位")
@click.option("--cycle-id", type=int, help="年度评估编号（从数据库生成时；默认当前年度评估）")
def region_command(
    rubric_path: str,
    results_path: str,
    out_path: str | None,
    xlsx_path: str | None,
    scores_xlsx: str | None,
    region: str,
    cycle: str | None,
    bureau: str | None,
    report_date: str | None,
    final: bool,
    office: str,
    cycle_id: int | None,
) -> None:
    """生成区域汇总报告：总体情况、主要问题、各区县情况、工作建议、未纳入汇总的学校及原因，
    附学校排名与要点达标率。不给 --results 时，从数据库取本年度评估的结果（已核定的用核定结果）。"""
    from reports.model import MissingSchool, ReportMeta
    from reports.region import build_region_report, school_result_from_dict

    if not (out_path or xlsx_path or scores_xlsx):
        click.echo("请至少给出 --out、--xlsx 或 --scores-xlsx 之一", err=True)
        sys.exit(2)
    if not results_path:
        _database_region(out_path, xlsx_path, scores_xlsx, region, cycle_id)
        return
    if not rubric_path:
        click.echo("从文件生成时须同时给出 --rubric 与 --results", err=True)
        sys.exit(2)
    rubric = load_or_exit(rubric_path)
    raw = read_json(results_path, "各校结果")
    records = raw.get("schools") if isinstance(raw, dict) else raw
    if not isinstance(records, list):
        click.echo("各校结果应是 JSON 数组（或含 schools 数组的对象）", err=True)
        sys.exit(2)
    results = []
    missing = []
    for number, record in enumerate(records, start=1):
        try:
            if not isinstance(record, Mapping):
                raise ValueError("应为 JSON 对象")
            if record.get("missing"):
                missing.append(
                    MissingSchool(str(record.get("name", "")), str(record.get("district", "")), str(record["missing"]))
                )
                continue
            results.append(school_result_from_dict(record))
        except ValueError as exc:
            click.echo(f"第{number}条学校结果有误：{exc}", err=True)
            sys.exit(2)
    meta = ReportMeta(
        cycle=_cycle(rubric, cycle),
        bureau=bureau or rubric.issuer,
        date=report_date or _today(),
        finalised=final,
        office=_office(office, rubric),
    )
    report = build_region_report(rubric, results, meta, region=region, missing=missing)
    _write_region(report, rubric, results, out_path, xlsx_path, scores_xlsx, "")


def _database_region(
    out_path: str | None, xlsx_path: str | None, scores_xlsx: str | None, region: str, cycle_id: int | None
) -> None:
    from webapp.assessments import current_cycle
    from webapp.documents.report_data import region_report_for, region_results
    from webapp.extensions import db
    from webapp.models import Cycle

    app = _app()
    with app.app_context():
        cycle = db.session.get(Cycle, cycle_id) if cycle_id else current_cycle()
        if cycle is None:
            click.echo("没有这一年度评估（数据库中还没有年度评估，或编号有误）", err=True)
            sys.exit(2)
        report = region_report_for(cycle, None, region)
        rubric, results = region_results(cycle, None)
        db.session.remove()
        db.engine.dispose()
    _write_region(report, rubric, results, out_path, xlsx_path, scores_xlsx, f"{cycle.name}，")


def _write_region(
    report: Any,
    rubric: Any,
    results: Any,
    out_path: str | None,
    xlsx_path: str | None,
    scores_xlsx: str | None,
    heading: str,
) -> None:
    """The region summary's files the command was asked for: the PDF, its workbook, the scores."""
    from reports.excel import region_workbook, score_rows, scores_workbook
    from reports.render import render_region_pdf

    if out_path:
        _warn_subsetter()
        Path(out_path).write_bytes(render_region_pdf(report))
        click.echo(f"已生成 {out_path}：{heading}{report.school_count} 所学校，平均分 {report.average:g}")
    if xlsx_path:
        Path(xlsx_path).write_bytes(region_workbook(report))
        click.echo(f"已生成 {xlsx_path}")
    if scores_xlsx:
        Path(scores_xlsx).write_bytes(scores_workbook(rubric, score_rows(results)))
        click.echo(f"已生成 {scores_xlsx}")


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
@click.option(
    "--fonts",
    type=click.Choice(["mixed", "sans"]),
    default="mixed",
    show_default=True,
    help="字体：mixed 正文宋体（Noto Serif）标题黑体；sans 全文黑体（更快、文件更小）",
)
@click.option("--cycle", "cycle_id", type=int, help="年度评估编号（默认当前年度评估）；用于从数据库生成")
def batch_command(
    out_dir: str, workers: int, manifest: str | None, timeout: float, fonts: str, cycle_id: int | None
) -> None:
    """批量生成本年度评估全部学校的评估报告（进程池并行，显示进度）；或按 --manifest 清单从文件生成。"""
    tasks = _manifest_tasks(manifest, Path(out_dir)) if manifest else _database_tasks(Path(out_dir), cycle_id)
    _warn_subsetter()
    _run_batch(tasks, workers, timeout, fonts)


def _app() -> Any:
    from flask.cli import ScriptInfo

    return click.get_current_context().ensure_object(ScriptInfo).load_app()


def _database_tasks(out_dir: Path, cycle_id: int | None) -> list[Any]:
    """Every assessment of the cycle (the current one by default), from the database."""
    from sqlalchemy.exc import SQLAlchemyError

    from reports.batch import RenderTask, report_filename
    from reports.build import ImpossibleFigures
    from webapp.assessments import current_cycle, cycle_assessments
    from webapp.documents.report_data import school_report_for
    from webapp.extensions import db
    from webapp.models import Cycle

    app = _app()
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
                _refuse(exc, f"{a.school.name}（{a.school.code}）")
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
    seeds = _seeds(rubric_path, None)
    meta = ReportMeta(
        cycle=_cycle(rubric, data.get("cycle")),
        bureau=str(data.get("bureau") or rubric.issuer),
        date=str(data.get("date") or _today()),
        office=_office(str(data.get("office") or ""), rubric),
        rectify_days=_rectify_days(None),
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
            _refuse(exc, f"批量清单第{number}所学校（{name}）")
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
