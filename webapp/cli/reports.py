"""CLI commands for reports: `report render` (one school, from files) and `report region` (the
region summary, from a JSON of school results); `report batch` (many schools in a pool of warm
workers) joins the group from ``report_batch``.

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
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup

from checklist.scoring import score
from webapp.cli import report_inputs as inputs
from webapp.cli.base import load_or_exit, read_json

commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli


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
@inputs.fonts_option
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
    answers = inputs.answers(answers_path, "填报数据")
    profile = inputs.profile(profile_path)
    verified = inputs.answers(verified_answers, "核定数据") if verified_answers else None
    inputs.warn_unknown(rubric, answers, verified)
    self_card = score(rubric, answers, profile)
    verified_card = score(rubric, verified, profile) if verified is not None else None
    school = SchoolSummary(
        name=school_name,
        code=school_code,
        district=district,
        profile=profile.describe() if profile else "",
    )
    days = inputs.rectify_days(rectify_days)
    date = report_date or inputs.today()
    issued = inputs.parse_chinese_date(date)
    if final and not deadline and issued is not None:
        deadline = inputs.chinese_date(issued + dt.timedelta(days=days))
    meta = ReportMeta(
        cycle=inputs.cycle(rubric, cycle),
        bureau=bureau or rubric.issuer,
        date=date,
        finalised=final,
        inspectors=inspectors,
        office=inputs.office(office, rubric),
        deadline=deadline,
        rectify_days=days,
        doc_number=doc_number,
        inspection=inputs.inspection(inspection_path),
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
            notes=inputs.notes(notes_path),
            profile=profile,
            seeds=inputs.seeds(rubric_path, seeds_dir),
        )
    except ImpossibleFigures as exc:
        inputs.refuse(exc)
        sys.exit(2)
    inputs.warn_subsetter()
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
        cycle=inputs.cycle(rubric, cycle),
        bureau=bureau or rubric.issuer,
        date=report_date or inputs.today(),
        finalised=final,
        office=inputs.office(office, rubric),
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

    app = inputs.app()
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
        inputs.warn_subsetter()
        Path(out_path).write_bytes(render_region_pdf(report))
        click.echo(f"已生成 {out_path}：{heading}{report.school_count} 所学校，平均分 {report.average:g}")
    if xlsx_path:
        Path(xlsx_path).write_bytes(region_workbook(report))
        click.echo(f"已生成 {xlsx_path}")
    if scores_xlsx:
        Path(scores_xlsx).write_bytes(scores_workbook(rubric, score_rows(results)))
        click.echo(f"已生成 {scores_xlsx}")
