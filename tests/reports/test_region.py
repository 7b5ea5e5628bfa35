"""The region summary's view-model from plain per-school results."""

from __future__ import annotations

import pytest

from checklist.model import Rubric
from checklist.scoring import score
from reports.model import ReportMeta, SchoolResult
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
