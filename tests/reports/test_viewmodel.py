"""The school report's view-model: what lands where, and the words it carries."""

from __future__ import annotations

import dataclasses
import math
import pickle
from typing import Any

from checklist.model import Rubric
from checklist.scoring import ScoreCard, score
from checklist.seeds import SeedLibrary
from reports.advice import deadline_line
from reports.build import answer_text, build_school_report, figures_of
from reports.model import SchoolReport
from reports.radar import RADIUS, radar_chart
from reports.render import render_school_html
from tests.reports.conftest import ANSWERS, DRAFT_META, PROFILE, SCHOOL


def ids(records: Any) -> list[str]:
    return [r.item_id for r in records]


def achievement_ids(report: SchoolReport) -> list[str]:
    return [a.item_id for group in report.achievements for a in group.items]


def advice_for(report: SchoolReport, item_id: str) -> str:
    return next(a.text for a in report.advice if a.item_id == item_id)


def build(rubric: Rubric, seeds: SeedLibrary, answers: dict[str, Any]) -> SchoolReport:
    card = score(rubric, answers, PROFILE)
    return build_school_report(rubric, card, SCHOOL, DRAFT_META, answers=answers, profile=PROFILE, seeds=seeds)


# --------------------------------------------------------------------------------------------
# Where items land


def test_items_met_are_achievements_in_words_with_their_figures(draft_report: SchoolReport) -> None:
    assert achievement_ids(draft_report) == ["B1.2", "B2.1", "C1.4"]  # bonus items apart
    assert [a.item_id for a in draft_report.bonus_achievements] == ["D1.1"]
    b12 = next(a for g in draft_report.achievements for a in g.items if a.item_id == "B1.2")
    assert b12.phrase == "交流骨干教师1人，占交流教师2人的50%，达到不低于20%的要求"
    assert b12.figures
    group = next(g for g in draft_report.achievements if g.dimension == "队伍建设")
    assert group.figures == (b12.phrase,)


def test_yes_no_achievements_say_what_is_in_place(draft_report: SchoolReport) -> None:
    b21 = next(a for g in draft_report.achievements for a in g.items if a.item_id == "B2.1")
    assert (b21.phrase, b21.figures) == ("未发现在职教师违规有偿补课", False)
    c14 = next(a for g in draft_report.achievements for a in g.items if a.item_id == "C1.4")
    assert c14.phrase == "建有资源教室"
    d11 = draft_report.bonus_achievements[0]
    assert d11.phrase == "每天开设1节体育课"  # 「是否…」 answered, no 「（鼓励）」 marker


def test_items_not_met_or_partly_met_are_problems_sorted_by_points_lost(
    draft_report: SchoolReport,
) -> None:
    assert ids(draft_report.problems) == ["A1.2", "B1.1", "C1.1", "C1.3", "A1.1", "B2.2", "A2.1"]
    lost = [p.lost for p in draft_report.problems]
    assert lost == sorted(lost, reverse=True)
    assert [p.number for p in draft_report.problems] == list(range(1, 8))


def test_not_applicable_items_are_neither_problems_nor_achievements(
    draft_report: SchoolReport,
) -> None:
    assert "C1.2" not in ids(draft_report.problems)  # boarding only; this is a day school
    assert "C1.2" not in achievement_ids(draft_report)
    assert "C1.2" not in ids(draft_report.advice)


def test_a_bonus_item_not_reached_is_not_a_problem(draft_report: SchoolReport) -> None:
    assert "D1.2" not in ids(draft_report.problems)


def test_unanswered_items_are_listed_apart(rubric: Rubric, seeds: SeedLibrary) -> None:
    answers = {k: v for k, v in ANSWERS.items() if k != "max_class_size"}
    report = build(rubric, seeds, answers)
    assert report.unanswered == (("A2.1", "班额不超过45人"),)
    assert "A2.1" not in ids(report.problems)


def test_a_problem_cites_plan_title_document_number_clause_and_tidied_quote(
    draft_report: SchoolReport,
) -> None:
    b11 = next(p for p in draft_report.problems if p.item_id == "B1.1")
    assert b11.source is not None
    assert b11.source.text == (
        "《2024年营口市推动新时代基础教育扩优提质任务分解方案》（营教发〔2024〕12号）第17条："
        "“各学校教师交流轮岗的比例不低于符合交流条件教师总数的10%”"
    )
    a12 = next(p for p in draft_report.problems if p.item_id == "A1.2")
    assert a12.source is not None
    assert "每学年参加1—2次集体研学实践活动" in a12.source.quote  # "1 — 2 次集体 研 学" tidied
    c11 = next(p for p in draft_report.problems if p.item_id == "C1.1")
    assert c11.source is not None
    assert c11.source.quote == "学校食堂‘互联网+明厨亮灶’达到全覆盖"  # quotes inside quotes


def test_problem_figures_drop_the_verdict_and_say_the_requirement_in_words(draft_report: SchoolReport) -> None:
    b11 = next(p for p in draft_report.problems if p.item_id == "B1.1")
    assert b11.figures == "交流教师2人/符合交流条件教师40人=5.0%，要求不低于10%"
    assert b11.score_text == "得5分/10分，扣5分"
    a21 = next(p for p in draft_report.problems if p.item_id == "A2.1")
    assert a21.figures == "最大班额52人，要求不超过45人"


def test_figures_of_strips_every_verdict_the_engine_writes() -> None:
    assert figures_of("最大班额40人，要求≤45人，达标") == "最大班额40人，要求≤45人"
    assert figures_of("x，部分达标（达成75%，按比例得7.5分）") == "x"
    assert figures_of("x：是（要求：否），未达标（一票否决项）") == "x：是（要求：否）"
    assert figures_of("师德违规事件0起，不扣分，达标") == "师德违规事件0起"
    assert figures_of("师德违规事件1起，每起扣2分，最多扣4分，扣2分，得3分") == (
        "师德违规事件1起，每起扣2分，最多扣4分"
    )
    assert figures_of("市级以上表彰0项，要求≥1项，未达到加分条件") == "市级以上表彰0项，要求≥1项"


# --------------------------------------------------------------------------------------------
# 整改建议, one per problem, by rule kind


def test_one_suggestion_per_problem(draft_report: SchoolReport) -> None:
    assert ids(draft_report.advice) == ids(draft_report.problems)
    assert deadline_line("2025年3月31日") == "整改期限：2025年3月31日前"
    assert deadline_line("2025年3月31日前") == "整改期限：2025年3月31日前"


def test_ratio_shortfall_in_percentage_points_and_the_teachers_to_send(draft_report: SchoolReport) -> None:
    assert advice_for(draft_report, "B1.1").startswith(
        "交流教师2人，占符合交流条件教师40人的5%，距“不低于10%”的要求还差5个百分点；"
        "按符合交流条件教师40人计，交流教师至少应达到4人，还需安排2人参加交流轮岗；"
    )


def test_at_least_shortfall_names_the_gap(draft_report: SchoolReport) -> None:
    text = advice_for(draft_report, "A1.1")
    assert text.startswith("每日校内体育活动时长现为45分钟，距“不少于60分钟”的要求还差15分钟；")
    assert "作息时间表" in text
    assert "学校作息时间表、大课间活动安排等佐证材料" in text  # the item's evidence list


def test_at_most_excess_names_the_limit(draft_report: SchoolReport) -> None:
    assert advice_for(draft_report, "A2.1").startswith("最大班额现为52人，超出“不超过45人”的要求7人；")


def test_per_grade_rule_names_each_failing_grade(draft_report: SchoolReport) -> None:
    text = advice_for(draft_report, "A1.2")
    assert "五年级现为0次，应补足至1次" in text
    assert "初二现为3次，应控制在2次以内" in text
    assert "四年级" not in text


def test_missing_yes_item_asks_to_put_it_in_place(draft_report: SchoolReport) -> None:
    assert advice_for(draft_report, "C1.1").startswith(
        "目前食堂未实现“互联网+明厨亮灶”；建议明确牵头部门和责任人，在整改期限内推动食堂实现“互联网+明厨亮灶”"
    )


def test_deduction_names_the_cases(draft_report: SchoolReport) -> None:
    assert advice_for(draft_report, "B2.2").startswith("师德违规事件1起，扣2分；")


def test_the_rubrics_own_advice_wins(draft_report: SchoolReport) -> None:
    c13 = next(a for a in draft_report.advice if a.item_id == "C1.3")
    assert c13.from_rubric
    assert c13.text.startswith("制定应急疏散演练年度计划")


def test_a_prohibition_crossed_is_a_veto_finding_with_urgent_advice(rubric: Rubric, seeds: SeedLibrary) -> None:
    report = build(rubric, seeds, {**ANSWERS, "paid_tutoring_found": True})
    assert report.conclusion.veto_failed
    assert report.conclusion.level == "不合格"
    assert report.conclusion.veto_findings == (
        "无在职教师违规有偿补课（B2.1）：是否发现在职教师违规有偿补课：是（要求：否）",
    )
    assert report.problems[0].item_id == "B2.1"  # vetoes come first
    assert report.problems[0].veto
    text = advice_for(report, "B2.1")
    assert text.startswith("“无在职教师违规有偿补课”为一票否决项，须立即整改。存在“发现在职教师违规有偿补课”的情况")
    assert "建立防止在职教师违规有偿补课的长效监督机制" in text
    assert "一票否决项“无在职教师违规有偿补课”（B2.1）未达标" in report.conclusion.summary


def test_without_answers_the_suggestion_falls_back_to_the_requirement(
    rubric: Rubric, self_card: ScoreCard, seeds: SeedLibrary
) -> None:
    report = build_school_report(rubric, self_card, SCHOOL, DRAFT_META, seeds=seeds)
    assert advice_for(report, "B1.1").startswith("对照“交流教师/符合交流条件教师≥10%”的要求查找差距")


# --------------------------------------------------------------------------------------------
# 自评 and 核定


def test_draft_has_a_watermark_and_waits_for_verification(draft_report: SchoolReport) -> None:
    assert draft_report.watermark == "自评稿"
    assert draft_report.complete
    assert not draft_report.has_verified
    assert draft_report.conclusion.basis == "自评"
    rows = [r for g in draft_report.annex for r in g.rows]
    assert len(rows) == 13
    assert all(r.verified is None for r in rows)  # the template prints 待核定


def test_finalised_report_follows_the_verified_result(final_report: SchoolReport) -> None:
    assert final_report.watermark == ""
    assert final_report.has_verified
    c = final_report.conclusion
    assert c.basis == "核定"
    assert c.total == c.verified_total
    assert c.verified_total is not None and c.verified_total < c.self_total
    assert "较自评减少" in c.summary
    b11 = next(p for p in final_report.problems if p.item_id == "B1.1")
    assert b11.figures.startswith("交流教师1人/符合交流条件教师40人")  # the verified figures
    assert b11.comment == "交流名单与调令不一致"
    assert "还需安排3人参加交流轮岗" in advice_for(final_report, "B1.1")
    assert final_report.requirement is not None
    assert final_report.requirement.due == "2025年3月31日"


def test_differences_name_the_changed_figures_and_the_reason(final_report: SchoolReport) -> None:
    by_id = {d.item_id: d for d in final_report.differences}
    assert set(by_id) == {"A1.1", "B1.1", "B1.2"}
    b11 = by_id["B1.1"]
    assert b11.changed_figures == "交流教师自评2人、核定1人"
    assert b11.reason == "核减1人：调令未生效"
    assert (b11.self_score.earned, b11.verified.earned) == (5.0, 2.5)
    row = next(r for g in final_report.annex for r in g.rows if r.item_id == "B1.1")
    assert row.differs
    assert row.difference == ("数据核定：交流教师自评2人、核定1人；核定较自评减少2.5分；理由：核减1人：调令未生效")
    same = next(r for g in final_report.annex for r in g.rows if r.item_id == "C1.4")
    assert (same.difference, same.differs) == ("无差异", False)


def test_dimension_rows_carry_both_results_and_the_bonus_dimension_apart(
    final_report: SchoolReport,
) -> None:
    rows = {d.id: d for d in final_report.dimensions}
    assert rows["B"].self_percent == 72.0
    assert rows["B"].verified_percent is not None and rows["B"].verified_percent < 72.0
    assert "D" not in rows  # made only of bonus items: the bonus line
    assert final_report.bonus is not None
    assert final_report.bonus.title == "D\u3000加分项"
    assert (final_report.bonus.self_raw, final_report.bonus.self_counted) == (2.0, 2.0)


def test_basis_lists_the_rubric_and_the_plans_with_document_numbers(
    draft_report: SchoolReport,
) -> None:
    citations = [b.citation for b in draft_report.basis]
    assert citations[0] == "《2024年测试市中小学校办学水平评估细则》"
    assert "《2024年营口市推动新时代基础教育扩优提质任务分解方案》（营教发〔2024〕12号）" in citations
    assert draft_report.methods == "查阅资料、实地查看"


def test_answer_text_reads_like_a_form() -> None:
    assert answer_text(6, "人") == "6人"
    assert answer_text(True) == "是"
    assert answer_text(None) == "未填报"
    assert answer_text({"P4": 1, "P5": 2}, "次") == "四年级1次、五年级2次"


# --------------------------------------------------------------------------------------------
# Plain data


PLAIN = (str, int, float, bool, type(None))


def assert_plain(value: Any, path: str = "report") -> None:
    if isinstance(value, PLAIN):
        return
    if isinstance(value, tuple):
        for i, v in enumerate(value):
            assert_plain(v, f"{path}[{i}]")
        return
    assert dataclasses.is_dataclass(value) and not isinstance(value, type), f"{path}: {value!r}"
    assert type(value).__dataclass_params__.frozen, f"{path} is not frozen"  # type: ignore[attr-defined]
    assert type(value).__module__ == "reports.model", f"{path}: {type(value)}"
    for f in dataclasses.fields(value):
        assert_plain(getattr(value, f.name), f"{path}.{f.name}")


def test_the_view_model_is_plain_frozen_data(final_report: SchoolReport) -> None:
    assert_plain(final_report)
    assert pickle.loads(pickle.dumps(final_report)) == final_report


# --------------------------------------------------------------------------------------------
# Radar chart


def test_radar_spoke_of_100_percent_ends_on_the_outer_ring() -> None:
    chart = radar_chart(["甲", "乙", "丙", "丁"], [("自评", "self", [100, 50, 0, None])])
    assert chart is not None
    (x0, y0), (x1, y1), (x2, y2), _ = chart.series[0].dots
    assert math.isclose(math.dist((x0, y0), (chart.cx, chart.cy)), RADIUS, abs_tol=0.2)
    assert math.isclose(math.dist((x1, y1), (chart.cx, chart.cy)), RADIUS / 2, abs_tol=0.2)
    assert (x2, y2) == (chart.cx, chart.cy)
    assert [a.value_text for a in chart.axes] == ["100%", "50%", "0%", "—"]
    assert radar_chart(["甲", "乙"], [("自评", "self", [1, 2])]) is None


def test_a_school_no_item_applies_to_still_gets_a_report(rubric: Rubric) -> None:
    from checklist.model import SchoolProfile

    first = rubric.dimensions[0]
    school_stages_only = dataclasses.replace(
        rubric, dimensions=(dataclasses.replace(first, indicators=first.indicators[:1]),)
    )
    kindergarten = SchoolProfile(stages=("kindergarten",))
    card = score(school_stages_only, {}, kindergarten)
    report = build_school_report(school_stages_only, card, SCHOOL, DRAFT_META)
    assert report.complete  # nothing applies, nothing is missing
    assert report.problems == () and report.advice == () and report.achievements == ()
    assert report.conclusion.applicable == 0
    assert report.conclusion.summary.endswith("本校没有适用的评估要点。")
    assert report.radar is None  # one dimension: no radar, the table says it all
    html = render_school_html(report)
    assert "未发现未达标或部分达标的评估要点" in html
    assert "本次评估暂无完全达标的评估要点" in html


def test_any_rule_suggests_the_nearest_alternative(rubric: Rubric, self_card: ScoreCard) -> None:
    from reports.advice import advice_for as generate

    item = dataclasses.replace(rubric.item("C1.3"), advice="")  # without the rubric's words
    text, from_rubric = generate(item, self_card.item("C1.3"), rubric.inputs, ANSWERS, PROFILE)
    assert not from_rubric
    assert text.startswith("以下要求满足其一即可：每学期应急演练现为0次，距“不少于1次”的要求还差1次")
    assert "补足1次" in text


def test_a_deduction_for_parts_of_a_duty_not_done_asks_to_make_them_good() -> None:
    # a draft's "每缺一项扣1分" asks for the parts missing ("…：缺项"); the advice is to make them good, not to
    # "prevent" a missing part as a fault is prevented
    from checklist.model import Deduct, Input, InputType
    from reports.advice import _deduct
    from reports.prose import Figures

    inputs = {
        "missing": Input("missing", "建立健全学校安全管理制度：缺项", InputType.NUMBER, unit="项"),
        "found": Input("found", "学校组织学生参加商业性活动", InputType.NUMBER, unit="次"),
    }
    figures = Figures(inputs, {"missing": 2, "found": 1})
    assert _deduct(Deduct("missing", 1, 3), figures) == [
        "建立健全学校安全管理制度缺2项，扣2分；建议对照要求逐项补齐、落实责任"
    ]
    assert _deduct(Deduct("found", 1, 4), figures) == [
        "学校组织学生参加商业性活动1次，扣1分；建议逐次核查学校组织学生参加商业性活动、落实责任，"
        "完善防止学校组织学生参加商业性活动的制度"
    ]
