"""The two guards of a report: an unfinished assessment claims nothing and says so on every page;
figures that cannot be true are refused as ``selfcheck score`` refuses them, and no PDF is made."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from checklist.answers import impossible_figures, validate_answers
from checklist.model import Rubric
from checklist.scoring import score
from checklist.seeds import SeedLibrary
from reports.build import ImpossibleFigures, build_school_report
from reports.model import SchoolReport
from reports.render import get_renderer
from tests.reports.conftest import ANSWERS, DRAFT_META, FINAL_META, PROFILE, SCHOOL, pdf_text

# The demo kindergarten of the issue: nothing answered at all.
NOTHING: dict[str, Any] = {}
# Half-way: everything but the veto item and the class size.
HALF = {k: v for k, v in ANSWERS.items() if k not in ("paid_tutoring_found", "max_class_size")}


def build(rubric: Rubric, answers: dict[str, Any], seeds: SeedLibrary | None = None, **kwargs: Any) -> SchoolReport:
    return build_school_report(
        rubric,
        score(rubric, answers, PROFILE),
        SCHOOL,
        DRAFT_META,
        answers=answers,
        profile=PROFILE,
        seeds=seeds,
        **kwargs,
    )


@pytest.fixture(scope="module")
def unfinished(rubric: Rubric, seeds: SeedLibrary) -> SchoolReport:
    return build(rubric, NOTHING, seeds)


@pytest.fixture(scope="module")
def unfinished_pdf(unfinished: SchoolReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("unfinished") / "unfinished.pdf"
    path.write_bytes(get_renderer().school_pdf(unfinished))
    return path


# --------------------------------------------------------------------------------------------
# Unfinished


def test_an_unanswered_assessment_is_unfinished_and_counts_what_is_missing(unfinished: SchoolReport) -> None:
    assert not unfinished.complete
    assert unfinished.watermark == "未完成"
    progress = unfinished.progress
    assert (progress.applicable, progress.answered, progress.unanswered) == (10, 0, 10)
    assert progress.veto_unanswered == 1  # B2.1
    assert sum(d.unanswered for d in progress.dimensions) == 10
    assert [i.item_id for g in progress.groups for i in g.items if i.veto] == ["B2.1"]


def test_an_unfinished_report_claims_nothing(unfinished: SchoolReport) -> None:
    assert unfinished.problems == () and unfinished.advice == () and unfinished.achievements == ()
    assert unfinished.requirement is None and unfinished.signature is None and unfinished.radar is None
    summary = unfinished.conclusion.summary
    assert "尚未完成" in summary and "尚有10个未填报（其中一票否决项1个）" in summary
    assert "不计算总分、不评定等级" in summary
    assert "总分为" not in summary and "评估等级为" not in summary


def test_a_half_answered_assessment_is_unfinished_too(rubric: Rubric) -> None:
    report = build(rubric, HALF)
    assert not report.complete
    assert report.progress.unanswered == 2 and report.progress.veto_unanswered == 1
    assert report.problems == ()  # the answered items' shortfalls are not claimed either


def test_an_unfinished_report_says_so_on_every_page_and_never_claims_a_score(unfinished_pdf: Path) -> None:
    pages = ["".join(p.extract_text().split()) for p in PdfReader(unfinished_pdf).pages]
    assert "未完成" in pages[0]  # the cover
    for number, text in enumerate(pages[1:], start=2):
        assert "办学水平评估报告（未完成）" in text, f"page {number}"
    text = pdf_text(unfinished_pdf)
    assert "尚有10个评估要点未填报" in text
    assert "未评定" in text
    for claim in ("一票否决无", "各评估要点均已达标", "建议学校保持现有做法", "自评总分", "不合格"):
        assert claim not in text, claim


def test_the_unfinished_watermark_is_drawn_not_written(unfinished: SchoolReport) -> None:
    renderer = get_renderer()
    renderer.school_pdf(unfinished)
    assert renderer.last_fetcher is not None
    assert [u.rsplit("/", 1)[-1] for u in renderer.last_fetcher.fetched] == ["watermark-unfinished.svg"]


def test_a_finalised_meta_does_not_make_an_unfinished_assessment_final(rubric: Rubric) -> None:
    card = score(rubric, HALF, PROFILE)
    report = build_school_report(rubric, card, SCHOOL, FINAL_META, answers=HALF, profile=PROFILE)
    assert report.watermark == "未完成" and report.signature is None and report.doc_number == ""


# --------------------------------------------------------------------------------------------
# Impossible figures


IMPOSSIBLE = [
    pytest.param({"eligible_teachers": -5}, "eligible_teachers", "不能小于0人", id="negative head count"),
    pytest.param({"pe_minutes_daily": 1e6}, "pe_minutes_daily", "不能大于1440分钟", id="over the maximum"),
    pytest.param({"pe_minutes_daily": math.nan}, "pe_minutes_daily", "应为数字", id="NaN"),
    pytest.param({"pe_minutes_daily": math.inf}, "pe_minutes_daily", "应为数字", id="Infinity"),
    pytest.param({"exchange_teachers": 41}, "exchange_teachers", "不能超过符合交流条件教师", id="cross-field"),
    pytest.param({"max_class_size": 45.5}, "max_class_size", "请填写整数", id="half a pupil"),
]


@pytest.mark.parametrize(("change", "key", "words"), IMPOSSIBLE)
def test_impossible_figures_are_refused_with_the_messages_of_selfcheck_score(
    rubric: Rubric, change: dict[str, Any], key: str, words: str
) -> None:
    answers = {**ANSWERS, **change}
    with pytest.raises(ImpossibleFigures) as refused:
        build(rubric, answers)
    expected = impossible_figures(rubric, answers, PROFILE)  # what `selfcheck score` refuses
    assert refused.value.problems == expected
    assert words in expected[key]
    assert f"填报项 {key}：{expected[key]}" in refused.value.lines()


def test_a_key_the_rubric_does_not_know_is_not_a_reason_to_refuse(rubric: Rubric) -> None:
    """As in `selfcheck score`: a misspelt key is warned of (by the CLI), its item stays unanswered."""
    assert validate_answers(rubric, {**ANSWERS, "no_such_input": 1}, PROFILE) == {"no_such_input": "评估细则中没有这个填报项"}
    assert build(rubric, {**ANSWERS, "no_such_input": 1}) is not None


def test_impossible_verified_figures_are_refused_too(rubric: Rubric) -> None:
    verified = {**ANSWERS, "exchange_teachers": 400}
    with pytest.raises(ImpossibleFigures) as refused:
        build_school_report(
            rubric,
            score(rubric, ANSWERS, PROFILE),
            SCHOOL,
            FINAL_META,
            verified_card=score(rubric, verified, PROFILE),
            answers=ANSWERS,
            verified_answers=verified,
            profile=PROFILE,
        )
    assert refused.value.what == "核定数据"
