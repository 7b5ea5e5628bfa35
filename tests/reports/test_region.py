"""The region summary's view-model from plain per-school results."""

from __future__ import annotations

import re

import pytest

from checklist.model import Rubric
from checklist.scoring import score
from reports.model import MissingSchool, RegionReport, ReportMeta, SchoolResult
from reports.region import build_region_report, school_result, school_result_from_dict
from tests.reports.conftest import ANSWERS, PROFILE

META = ReportMeta(cycle="2024年度", bureau="测试市教育局", date="2024年12月30日")


CODES = {"甲": "2101", "乙": "2102", "丙": "2103", "丁": "2104", "戊": "2105"}


def result(name: str, district: str, level: str, total: float, **items: str) -> SchoolResult:
    return SchoolResult(
        name=name,
        code=CODES[name],
        district=district,
        level=level,
        total=total,
        dimensions=(("A", total), ("B", total - 10), ("C", None)),
        items=tuple(items.items()),
        veto_failed=level == "不合格" and total >= 60,
    )


@pytest.fixture
def schools() -> list[SchoolResult]:
    return [
        result("甲", "东区", "优秀", 95, **{"A1.1": "met", "B1.1": "not_met"}),
        result("乙", "东区", "良好", 85, **{"A1.1": "partial", "B1.1": "not_met"}),
        result("丙", "西区", "良好", 85, **{"A1.1": "met", "B1.1": "met"}),
        result("丁", "西区", "不合格", 70, **{"A1.1": "not_applicable", "B1.1": "not_met"}),
        result("戊", "", "合格", 61, **{"A1.1": "unanswered", "B1.1": "partial"}),
    ]


def test_ranking_best_first_with_shared_ranks_ties_by_code(rubric: Rubric, schools: list[SchoolResult]) -> None:
    report = build_region_report(rubric, schools, META, region="测试市")
    assert [(r.rank, r.name) for r in report.ranking] == [
        (1, "甲"),
        (2, "乙"),
        (2, "丙"),
        (4, "丁"),
        (5, "戊"),
    ]
    assert [r.name for r in report.veto_schools] == ["丁"]
    assert report.average == 79.2
    assert report.median == 85


def test_level_distribution_in_rubric_order(rubric: Rubric, schools: list[SchoolResult]) -> None:
    report = build_region_report(rubric, schools, META)
    assert [(lc.level, lc.count, lc.share) for lc in report.level_counts] == [
        ("优秀", 1, 20.0),
        ("良好", 2, 40.0),
        ("合格", 1, 20.0),
        ("不合格", 1, 20.0),
    ]
    assert report.region == "测试市教育局"  # the bureau when no region is named


def test_compliance_rate_counts_only_assessed_schools(rubric: Rubric, schools: list[SchoolResult]) -> None:
    report = build_region_report(rubric, schools, META)
    a11 = next(c for c in report.items if c.item_id == "A1.1")
    assert (a11.met, a11.partial, a11.not_met, a11.not_applicable, a11.unanswered) == (2, 1, 0, 1, 1)
    assert a11.rate == pytest.approx(66.67)
    a21 = next(c for c in report.items if c.item_id == "A2.1")
    assert a21.rate is None  # nobody assessed


def test_most_common_problems_first(rubric: Rubric, schools: list[SchoolResult]) -> None:
    report = build_region_report(rubric, schools, META)
    assert [c.item_id for c in report.common_problems] == ["B1.1", "A1.1"]
    assert report.common_problems[0].problem_count == 4


def test_dimension_averages_skip_not_applicable_and_bonus_dimensions(
    rubric: Rubric, schools: list[SchoolResult]
) -> None:
    report = build_region_report(rubric, schools, META)
    by_id = {d.id: d for d in report.dimensions}
    assert "D" not in by_id  # 加分项
    assert by_id["A"].average == 79.2
    assert by_id["C"].average is None
    assert [d.district for d in report.districts] == ["东区", "西区", "未分区县"]
    assert by_id["A"].by_district == (90.0, 77.5, 61.0)
    assert by_id["A"].lowest_district == "未分区县"


def test_district_summary(rubric: Rubric, schools: list[SchoolResult]) -> None:
    report = build_region_report(rubric, schools, META)
    east = report.districts[0]
    assert (east.district, east.schools, east.average) == ("东区", 2, 90.0)
    assert east.levels == (1, 1, 0, 0)
    assert east.compliance == 25.0  # 1 met of 4 assessed


def test_school_result_from_a_score_card(rubric: Rubric) -> None:
    card = score(rubric, ANSWERS, PROFILE)
    r = school_result("测试市实验学校", "2100000001", "站前区", card, stage="自评")
    assert (r.total, r.level, r.veto_failed) == (card.total_percent, card.level, False)
    assert dict(r.items)["C1.2"] == "not_applicable"
    assert dict(r.dimensions)["A"] == card.dimensions[0].percent


def test_school_result_from_json_checks_the_record() -> None:
    r = school_result_from_dict(
        {
            "name": "甲",
            "code": "1",
            "district": "东区",
            "level": "优秀",
            "total": 91,
            "dimensions": {"A": 90},
            "items": {"A1.1": "met"},
        }
    )
    assert r.total == 91.0 and r.items == (("A1.1", "met"),)
    with pytest.raises(ValueError, match="缺少"):
        school_result_from_dict({"name": "乙"})
    with pytest.raises(ValueError, match="未知的要点状态"):
        school_result_from_dict({"name": "乙", "level": "优秀", "total": 1, "items": {"A": "ok"}})


def test_an_empty_region_is_still_a_report(rubric: Rubric) -> None:
    report = build_region_report(rubric, [], META)
    assert report.school_count == 0 and report.ranking == () and report.average == 0.0


# --------------------------------------------------------------------------------------------
# The narrative, the missing schools, the closing


MISSING = (
    MissingSchool("己", "东区", "填报中，尚未提交（已填报3/10个评估要点）"),
    MissingSchool("庚", "", "尚未开始填报"),
)


@pytest.fixture
def narrated(rubric: Rubric, schools: list[SchoolResult]) -> RegionReport:
    return build_region_report(rubric, schools, META, region="测试市", missing=MISSING)


def test_the_overview_is_written_from_the_figures(narrated: RegionReport) -> None:
    first, second, third = narrated.overview
    assert first.startswith("2024年度，测试市共有7所学校参加办学水平评估，5所学校的结果纳入本次汇总")
    assert "另有2所学校尚未纳入（名单及原因见第五部分）" in first
    assert "平均得分79.2分，最高95分，最低61分；评估等级优秀1所，良好2所，合格1所，不合格1所" in second
    assert "有1所学校因一票否决项未达标被定为“不合格”" in second
    assert "“学生发展”平均得分率最高（79.2%），“队伍建设”最低（69.2%）" in third


def test_the_findings_name_the_commonest_problems_by_title(narrated: RegionReport) -> None:
    first = narrated.findings[0]
    assert first.startswith("一是“教师交流轮岗比例不低于符合交流条件教师总数的10%”落实不到位：4所学校未达标或部分达标")
    assert any(f.startswith("二是") for f in narrated.findings)


def test_suggestions_follow_the_problems_and_never_repeat(narrated: RegionReport) -> None:
    assert narrated.suggestions[0].startswith("针对“教师交流轮岗比例不低于符合交流条件教师总数的10%”")
    assert "督促尚未纳入汇总的2所学校尽快完成自评填报和核定" in "".join(narrated.suggestions)
    assert len(set(narrated.suggestions)) == len(narrated.suggestions)


def test_missing_schools_are_named_with_the_reason(narrated: RegionReport) -> None:
    assert narrated.expected == 7
    assert [(m.name, m.reason) for m in narrated.missing] == [
        ("己", "填报中，尚未提交（已填报3/10个评估要点）"),
        ("庚", "尚未开始填报"),
    ]


def test_the_text_names_no_internal_id(narrated: RegionReport, rubric: Rubric) -> None:
    from reports.render import render_region_html

    html = render_region_html(narrated)
    words = "".join(narrated.overview + narrated.findings + narrated.suggestions)
    assert rubric.id not in html  # report-sample-2024: the rubric's internal id
    assert not re.search(r"\b[A-D]\d\.\d\b", words)  # items by title, not by number
    assert narrated.signature is not None and narrated.signature.signer == "测试市教育局"
    assert '<p class="signer">测试市教育局</p>' in html


def test_every_long_table_keeps_its_first_and_last_rows_company(narrated: RegionReport) -> None:
    from reports.render import render_region_html

    html = render_region_html(narrated)
    for table in re.findall(r'<table class="grid[^"]*">.*?</table>', html, flags=re.S):
        head = table[: table.index(">") + 1]
        rows = re.findall(r"<tr(?: class=\"([^\"]*)\")?>", table.split("<tbody>")[1]) if "<tbody>" in table else []
        if "keep" in head or len(rows) < 2:
            continue
        assert "first" in rows[0] and "last" in rows[-1], head
