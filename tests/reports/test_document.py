"""The report as the document a bureau issues: 学校基本情况, 评估依据与过程, 主要成绩 in prose,
整改建议 fitted to the item and never repeated, 整改要求 and 落款, the 文号, 整改情况's place."""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path
from typing import Any

import pytest

from checklist.loader import load_rubric
from checklist.model import Rubric
from checklist.samples import sample_answers, sample_school
from checklist.scoring import score
from checklist.seeds import SeedLibrary
from reports.advice import sentences
from reports.build import build_school_report, doc_number_style
from reports.facts import BasicFact, default_basic_facts
from reports.model import InspectionRecord, Rectification, RectificationRow, SchoolReport, SchoolSummary
from reports.render import render_school_html
from tests.conftest import ROOT
from tests.reports.bigrubric import tripled
from tests.reports.conftest import ANSWERS, DRAFT_META, FINAL_META, PROFILE, SCHOOL, VERIFIED, pdf_text

VISIT = InspectionRecord("2024年11月18日", "2024年11月20日", ("王明", "李华", "张强"), 12, 3, 120, 86)


def final(rubric: Rubric, seeds: SeedLibrary | None = None, **meta: Any) -> SchoolReport:
    return build_school_report(
        rubric,
        score(rubric, ANSWERS, PROFILE),
        SCHOOL,
        dataclasses.replace(FINAL_META, **meta),
        verified_card=score(rubric, VERIFIED, PROFILE),
        answers=ANSWERS,
        verified_answers=VERIFIED,
        profile=PROFILE,
        seeds=seeds,
    )


def sample_report(rubric: Rubric, index: int = 2) -> SchoolReport:
    name, code, district, profile = sample_school(index)
    answers = sample_answers(rubric, profile, random.Random(index), shortfall=0.3)
    return build_school_report(
        rubric,
        score(rubric, answers, profile),
        SchoolSummary(name, code, district),
        DRAFT_META,
        answers=answers,
        profile=profile,
        seeds=SeedLibrary(ROOT / "seeds"),
    )


@pytest.fixture(scope="module")
def luan() -> Rubric:
    path = ROOT / "config" / "rubrics" / "luan-2024-v1.yaml"
    if not path.exists():
        pytest.skip("luan rubric not shipped")
    return load_rubric(path)


@pytest.fixture(scope="module")
def big_report() -> SchoolReport:
    path = ROOT / "config" / "rubrics" / "wafangdian-2024-v1.yaml"
    if not path.exists():
        pytest.skip("wafangdian rubric not shipped")
    rubric = tripled(load_rubric(path))
    assert len(rubric.items) == 234
    return sample_report(rubric)


# --------------------------------------------------------------------------------------------
# 学校基本情况


def test_basic_facts_come_from_the_profile_and_the_rubrics_basic_inputs(draft_report: SchoolReport) -> None:
    facts = dict((f.label, f.value) for f in draft_report.facts)
    assert facts["学段"] == "小学、初中" and facts["办学性质"] == "公办"
    assert facts["寄宿情况"] == "非寄宿制（走读）" and facts["学校食堂"] == "有"
    assert facts["符合交流条件教师数"] == "40人"  # a shared input of config/basic_facts.yaml
    assert facts["随班就读残疾学生数"] == "6人"
    assert "最大班额" not in facts  # a compliance figure, not a basic fact
    assert draft_report.facts_note == "本评估细则未采集班级数、在校学生数、教职工数。"


def test_the_basic_facts_table_is_data(rubric: Rubric) -> None:
    assert [f.key for f in default_basic_facts()][:3] == ["class_count", "student_count", "staff_count"]
    table = (BasicFact("max_class_size", "最大班额", headline=True),)
    report = build_school_report(
        rubric, score(rubric, ANSWERS, PROFILE), SCHOOL, DRAFT_META, answers=ANSWERS, profile=PROFILE, basic_facts=table
    )
    assert ("最大班额", "52人") in [(f.label, f.value) for f in report.facts]
    assert report.facts_note == ""


# --------------------------------------------------------------------------------------------
# 评估依据与过程


def test_a_draft_claims_no_inspection(draft_report: SchoolReport) -> None:
    text = "".join(draft_report.process)
    assert "尚未经评估组核定" in text
    for claim in ("听课", "座谈", "实地评估", "评估组（成员"):
        assert claim not in text


def test_a_verified_report_states_dates_team_and_what_was_done(rubric: Rubric) -> None:
    report = final(rubric, inspection=VISIT)
    text = "".join(report.process)
    assert text.startswith("2024年11月18日至11月20日，测试市人民政府教育督导室组织评估组（成员：王明、李华、张强）")
    assert "共听课12节、召开座谈会3场、发放问卷120份、查阅资料86份" in text


def test_a_verified_report_without_a_visit_record_invents_no_figures(rubric: Rubric) -> None:
    text = "".join(final(rubric).process)
    assert "评估组（成员：王明、李华）对照评估细则，逐项核定了学校的自评结果" in text
    assert not re.search(r"听课|座谈|问卷", text)
    partial = "".join(final(rubric, inspection=InspectionRecord(lessons=4)).process)
    assert "共听课4节，" in partial and "问卷" not in partial


# --------------------------------------------------------------------------------------------
# 主要成绩


MACHINE_NOTATION = re.compile(r"要求[≥≤]|（鼓励）|（加分项|=\d")


def test_achievements_read_as_prose_without_machine_notation(draft_report: SchoolReport) -> None:
    html = render_school_html(draft_report)
    section = html[html.index("、主要成绩") : html.index("、存在问题")]
    assert not MACHINE_NOTATION.search(re.sub(r"<[^>]+>", "", section)), section


def test_achievements_of_234_items_stay_readable(big_report: SchoolReport) -> None:
    assert big_report.achievement_count > 100
    for group in big_report.achievements:
        assert len(group.figures) <= 4 and len(group.practices) <= 6
        named = len(set(group.figures) | set(group.practices))
        assert group.more + named >= group.met - 2 * named  # the rest are counted, not listed
        words = "".join(group.figures) + "".join(group.practices)
        assert len(words) < 700, group.dimension
        assert not MACHINE_NOTATION.search(words)
    html = render_school_html(big_report)
    section = html[html.index("、主要成绩") : html.index("、存在问题")]
    assert "详见附表" in section


# --------------------------------------------------------------------------------------------
# 整改建议


def test_no_sentence_is_repeated_across_suggestions(draft_report: SchoolReport, big_report: SchoolReport) -> None:
    for report in (draft_report, big_report):
        seen: dict[str, str] = {}
        for advice in report.advice:
            for sentence in sentences(advice.text):
                key = sentence.rstrip("。；")
                assert key not in seen, f"{advice.item_id} repeats {seen.get(key)}: {key}"
                seen[key] = advice.item_id


def by_input(rubric: Rubric, key: str) -> str:
    return next(item.id for item in rubric.items if any(i.key == key for i in item.inputs))


def test_a_percentage_short_of_100_is_said_in_points_never_above_100(luan: Rubric) -> None:
    from checklist.model import SchoolProfile

    profile = SchoolProfile(stages=("primary",))
    item_id = by_input(luan, "student_aid_coverage")
    name, _code, _district, _ = sample_school(1)
    answers = sample_answers(luan, profile, random.Random(1), shortfall=0.0)
    answers["student_aid_coverage"] = 85
    report = build_school_report(
        luan, score(luan, answers, profile), SchoolSummary(name), DRAFT_META, answers=answers, profile=profile
    )
    text = next(a.text for a in report.advice if a.item_id == item_id)
    assert "还差15个百分点" in text
    assert "实现100%" in text
    assert "100%以上" not in text and "15%" not in text.replace("15个百分点", "")


def test_a_ratio_of_certified_teachers_asks_for_certificates_not_more_teachers(luan: Rubric) -> None:
    from checklist.model import SchoolProfile

    profile = SchoolProfile(stages=("primary",))
    item_id = by_input(luan, "certified_teachers")
    answers = sample_answers(luan, profile, random.Random(1), shortfall=0.0)
    answers.update(full_time_teachers=40, certified_teachers=37)
    report = build_school_report(
        luan, score(luan, answers, profile), SchoolSummary("甲"), DRAFT_META, answers=answers, profile=profile
    )
    text = next(a.text for a in report.advice if a.item_id == item_id)
    assert "占专任教师40人的92.5%，距“100%”的要求还差7.5个百分点" in text
    assert "资格证书" in text
    assert not re.search(r"增加\d+人|还需\S*\d+人", text)


def test_the_rubrics_own_advice_comes_first(draft_report: SchoolReport) -> None:
    c13 = next(a for a in draft_report.advice if a.item_id == "C1.3")
    assert c13.from_rubric and c13.text.startswith("制定应急疏散演练年度计划")


# --------------------------------------------------------------------------------------------
# 整改要求, 落款, 文号, 评估单位


def test_a_final_report_requires_a_rectification_report_within_n_days(rubric: Rubric) -> None:
    report = final(rubric, rectify_days=45, deadline="2025年2月11日")
    assert report.requirement is not None
    first, second = report.requirement.paragraphs
    assert "自收到本意见之日起45日内（2025年2月11日前）" in first
    assert "向测试市人民政府教育督导室书面报送整改报告" in first
    assert "组织复查" in second


def test_the_final_signature_leaves_the_pen_line_blank_and_room_for_the_seal(rubric: Rubric) -> None:
    report = final(rubric)
    assert report.signature is not None
    assert (report.signature.signer, report.signature.date) == ("测试市人民政府教育督导室", "2024年12月28日")
    assert report.signature.lines == ("评估组组长（签字）",)
    html = render_school_html(report)
    closing = html[html.index('<div class="closing">') :]
    assert '评估组组长（签字）：<span class="blank"></span>' in closing
    assert "王明" not in closing[: closing.index("附表")]  # the names are not printed on the pen line


def test_a_draft_is_signed_by_the_school_and_defers_to_the_bureau(draft_report: SchoolReport) -> None:
    assert draft_report.signature is not None and draft_report.signature.signer == SCHOOL.name
    assert draft_report.requirement is not None
    assert "以测试市教育局核定后下发的督导评估意见为准" in draft_report.requirement.paragraphs[0]


def test_a_doc_number_is_printed_in_hexagonal_brackets(rubric: Rubric) -> None:
    assert doc_number_style("营教督【2024】15号") == "营教督〔2024〕15号"
    assert doc_number_style("营教督[2024]15号") == "营教督〔2024〕15号"
    assert doc_number_style("营教督（2024）15号") == "营教督〔2024〕15号"
    report = final(rubric, doc_number="测教督【2024】15号")
    assert report.doc_number == "测教督〔2024〕15号"
    html = render_school_html(report)
    assert "测教督〔2024〕15号" in html and "【2024】" not in html  # plan 文号 too
    draft = build_school_report(rubric, score(rubric, ANSWERS, PROFILE), SCHOOL, DRAFT_META)
    assert draft.doc_number == ""  # a draft is no 意见书


def test_the_cover_names_the_body_that_seals(rubric: Rubric) -> None:
    html = render_school_html(final(rubric))
    cover = html[: html.index('<div class="running"')]
    assert "<th>评估单位</th><td>测试市人民政府教育督导室</td>" in cover


def test_rectification_has_a_place_that_renders_nothing_until_filled(
    rubric: Rubric, final_report: SchoolReport
) -> None:
    assert final_report.rectification is None
    assert "整改情况" not in render_school_html(final_report)
    filled = dataclasses.replace(
        final_report,
        rectification=Rectification(
            "学校已报送整改报告。", (RectificationRow("B1.1", "交流轮岗", "增派2人", "已完成", "通过"),)
        ),
    )
    html = render_school_html(filled)
    assert "八、整改情况" in html and "学校已报送整改报告。" in html and "增派2人" in html


def test_the_final_pdf_ends_its_body_with_the_closing(final_pdf: Path) -> None:
    text = pdf_text(final_pdf)
    body = text[: text.index("附表")]
    assert body.index("七、整改要求") < body.index("评估组组长（签字）") < body.rindex("测试市人民政府教育督导室")
    assert body.endswith("测试市人民政府教育督导室2024年12月28日") or "2024年12月28日" in body[-40:]
