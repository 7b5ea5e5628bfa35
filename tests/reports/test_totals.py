"""Every table adds up, in points and in percent, to the ScoreCard; the bonus cap is shown where
it bites; 主要成绩 counts what 评估结论 counts."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from checklist.loader import load_rubric
from checklist.model import Rubric
from checklist.samples import sample_answers, sample_school
from checklist.scoring import ScoreCard, format_number, score
from reports.build import build_school_report
from reports.model import SchoolReport, SchoolSummary
from reports.render import get_renderer
from tests.conftest import ROOT
from tests.reports.conftest import ANSWERS, DRAFT_META, FINAL_META, PROFILE, SCHOOL, VERIFIED, pdf_lines, pdf_text

CAPPED = {**ANSWERS, "city_awards": 2}  # both bonus items met: 2 + 2 points, cap 3


def close(a: float, b: float, items: int = 1) -> bool:
    """Equal up to the rounding of ``items`` subtotals to two decimals."""
    return abs(a - b) <= 0.005 * items + 1e-9


def check_table(report: SchoolReport, self_card: ScoreCard, verified_card: ScoreCard | None) -> None:
    rows = report.dimensions
    t = report.totals
    basis = verified_card or self_card
    assert close(sum(r.possible for r in rows), basis.possible, len(rows))
    assert close(sum(r.self_earned for r in rows), self_card.earned, len(rows))
    assert (t.possible, t.self_earned, t.self_percent) == (basis.possible, self_card.earned, self_card.base_percent)
    assert (t.self_bonus, t.self_total, t.self_level) == (
        self_card.bonus_points,
        self_card.total_percent,
        self_card.level,
    )
    assert close(t.self_percent + t.self_bonus, t.self_total)
    if verified_card is not None:
        assert close(sum(r.verified_earned or 0 for r in rows), verified_card.earned, len(rows))
        assert (t.verified_earned, t.verified_percent, t.verified_total) == (
            verified_card.earned,
            verified_card.base_percent,
            verified_card.total_percent,
        )
    bonus = report.bonus
    assert bonus is not None
    assert bonus.self_counted == self_card.bonus_points
    raw = sum(r.earned for r in self_card.items if r.bonus and r.possible)
    assert close(bonus.self_raw, raw)
    # the annex groups total to the same points
    groups = [g for g in report.annex if not g.bonus_only]
    assert close(sum(g.possible for g in groups), basis.possible, len(groups))
    assert close(sum(g.self_earned for g in groups), self_card.earned, len(groups))


def test_the_dimension_table_adds_up_to_the_card(draft_report: SchoolReport, self_card: ScoreCard) -> None:
    check_table(draft_report, self_card, None)


def test_the_verified_table_adds_up_to_both_cards(
    final_report: SchoolReport, self_card: ScoreCard, verified_card: ScoreCard
) -> None:
    check_table(final_report, self_card, verified_card)


def test_the_bonus_cap_is_shown_where_it_bites(rubric: Rubric) -> None:
    card = score(rubric, CAPPED, PROFILE)
    assert card.bonus_points == 3.0
    report = build_school_report(rubric, card, SCHOOL, DRAFT_META, answers=CAPPED, profile=PROFILE)
    check_table(report, card, None)
    bonus = report.bonus
    assert bonus is not None and bonus.capped
    assert (bonus.self_raw, bonus.self_counted, bonus.cap) == (4.0, 3.0, 3.0)
    assert "含加分3分：加分项共得4分，按上限3分计" in report.conclusion.summary
    lines, text = pdf_of(report)
    assert "D加分项（上限3分）44（计3）+32—" in lines  # applicable points, raw (counted), added, items met
    assert "按上限计3分" in text  # 主要成绩 says the same


def test_bonus_items_that_do_not_apply_count_in_no_total(rubric: Rubric) -> None:
    from checklist.model import SchoolProfile

    senior = SchoolProfile(stages=("senior",), public=True, boarding=False, has_canteen=True)
    answers = {k: v for k, v in ANSWERS.items() if k != "study_trips"}  # no such grades in a senior school
    card = score(rubric, answers, senior)
    report = build_school_report(rubric, card, SCHOOL, DRAFT_META, answers=answers, profile=senior)
    applicable = [r for r in card.items if r.bonus and r.possible]
    assert report.bonus is not None
    assert report.bonus.possible == sum(r.possible for r in applicable)
    assert report.bonus.items == len(applicable)


def pdf_of(report: SchoolReport) -> tuple[list[str], str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.pdf"
        path.write_bytes(get_renderer().school_pdf(report))
        return pdf_lines(path), pdf_text(path)


def test_the_printed_table_totals_in_points_and_percent(draft_pdf: Path, self_card: ScoreCard) -> None:
    lines = pdf_lines(draft_pdf)
    n = format_number
    met = sum(1 for r in self_card.items if r.counts_in_total and r.status.value == "met")
    total_row = f"合计（基本分）{n(self_card.possible)}{n(self_card.earned)}{n(self_card.base_percent)}%{met}"
    assert any(line.startswith(total_row) for line in lines), total_row
    assert f"总分（得分率＋加分）{n(self_card.total_percent)}（{self_card.level}）" in lines
    annex = lines[next(i for i, line in enumerate(lines) if line.startswith("附表")) :]
    assert (
        f"合计（基本分，得分/分值）{n(self_card.earned)}/{n(self_card.possible)}分（{n(self_card.base_percent)}%）"
        in annex
    )
    assert (
        f"总分（得分率＋加分{n(self_card.bonus_points)}分）{n(self_card.total_percent)}（{self_card.level}）" in annex
    )


def test_the_printed_verified_table_totals_too(final_pdf: Path, verified_card: ScoreCard, self_card: ScoreCard) -> None:
    lines = pdf_lines(final_pdf)
    n = format_number
    row = (
        f"合计（基本分）{n(verified_card.possible)}{n(self_card.earned)}{n(self_card.base_percent)}%"
        f"{n(verified_card.earned)}{n(verified_card.base_percent)}%"
    )
    assert any(line.startswith(row) for line in lines), row
    total = (
        f"{n(self_card.total_percent)}（{self_card.level}）{n(verified_card.total_percent)}（{verified_card.level}）"
    )
    assert any(total in line for line in lines)


def test_achievement_counts_are_the_conclusions(draft_report: SchoolReport, final_report: SchoolReport) -> None:
    for report in (draft_report, final_report):
        c = report.conclusion
        assert report.achievement_count == c.count("达标")
        assert sum(g.applicable for g in report.achievements) <= c.applicable
        assert all(not a.bonus for g in report.achievements for a in g.items)


def test_achievement_counts_in_the_pdf_match_the_conclusion(draft_pdf: Path, draft_report: SchoolReport) -> None:
    text = pdf_text(draft_pdf)
    c = draft_report.conclusion
    assert f"在{c.applicable}个适用的评估要点中，达标{c.count('达标')}项" in text
    assert f"在{c.applicable}个适用的评估要点中，{c.count('达标')}个达标" in text


@pytest.fixture(scope="module")
def large() -> tuple[Rubric, Any, SchoolReport]:
    path = ROOT / "config" / "rubrics" / "wafangdian-2024-v1.yaml"
    if not path.exists():
        pytest.skip("wafangdian rubric not shipped")
    rubric = load_rubric(path)
    name, code, district, profile = sample_school(2)
    answers = sample_answers(rubric, profile, random.Random(2), shortfall=0.2)
    card = score(rubric, answers, profile)
    report = build_school_report(
        rubric, card, SchoolSummary(name, code, district), DRAFT_META, answers=answers, profile=profile
    )
    return rubric, card, report


def test_a_shipped_rubric_adds_up_and_counts_alike(large: tuple[Rubric, Any, SchoolReport]) -> None:
    _rubric, card, report = large
    check_table(report, card, None)
    assert report.achievement_count == report.conclusion.count("达标")
    groups = {g.dimension: g for g in report.achievements}
    for row in report.dimensions:
        if row.title in groups:
            assert groups[row.title].met == row.met
    summary_counts = dict(re.findall(r"(达标|部分达标|未达标)(\d+)项", report.conclusion.summary))
    assert int(summary_counts["达标"]) == report.achievement_count


def test_verified_final_report_has_no_bonus_mismatch(rubric: Rubric) -> None:
    self_card = score(rubric, CAPPED, PROFILE)
    verified = score(rubric, {**VERIFIED, "city_awards": 2}, PROFILE)
    report = build_school_report(
        rubric,
        self_card,
        SCHOOL,
        FINAL_META,
        verified_card=verified,
        answers=CAPPED,
        verified_answers={**VERIFIED, "city_awards": 2},
        profile=PROFILE,
    )
    check_table(report, self_card, verified)
    assert report.bonus is not None and report.bonus.verified_counted == verified.bonus_points == 3.0
