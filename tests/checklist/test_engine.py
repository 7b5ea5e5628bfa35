"""The engine's figures, rule kind by rule kind: what each rule says about a school's figures
(its verdict and attainment), what it read, and what an item and a school's totals make of it.

Each test scores a few schools in one batch, as a region run does; one school is the same
code with N = 1."""

from __future__ import annotations

import math
from typing import Any

import pytest

from checklist.engine import (
    STATUSES,
    Exclusion,
    Figures,
    Node,
    Verdict,
    Why,
    evaluate,
    missing_inputs,
)
from checklist.model import (
    AllOf,
    AnyOf,
    Applicability,
    AtLeast,
    AtMost,
    Band,
    Between,
    Deduct,
    Each,
    IsFalse,
    IsTrue,
    PartialMode,
    RatioAtLeast,
    Rule,
    SchoolProfile,
)
from checklist.scoring import Status, score
from tests.checklist.builders import item, rubric_of

MET, NOT_MET, UNANSWERED, NA = Verdict.MET, Verdict.NOT_MET, Verdict.UNANSWERED, Verdict.NOT_APPLICABLE
PRIMARY = SchoolProfile(("primary",))


def figures_of(rule: Rule, answers: list[dict[str, Any]], profiles: list[SchoolProfile] | None = None) -> Figures:
    return evaluate(rubric_of(item("A", rule)), answers, profiles)


def verdicts(figures: Figures, node: Node) -> list[Verdict]:
    return [Verdict(v) for v in figures.verdict[:, node.column].tolist()]


def attainments(figures: Figures, node: Node) -> list[float]:
    return [float(v) for v in figures.attainment[:, node.column].tolist()]


def statuses(figures: Figures, column: int = 0) -> list[Status]:
    return [STATUSES[code] for code in figures.status[:, column].tolist()]


# ---------------------------------------------------------------------------------------------
# The rule kinds


def test_at_least_is_met_at_the_threshold_and_attained_in_proportion_below_it() -> None:
    answers: list[dict[str, Any]] = [{"x": 60}, {"x": 61.5}, {"x": 45}, {"x": 0}, {"x": -5}]
    figures = figures_of(AtLeast("x", 60), answers)
    rule = figures.plan.rules[0]
    assert verdicts(figures, rule) == [MET, MET, NOT_MET, NOT_MET, NOT_MET]
    assert attainments(figures, rule) == [1.0, 1.0, 0.75, 0.0, 0.0]
    assert figures.value[:, rule.value].tolist() == [60, 61.5, 45, 0, -5]  # the figures read


def test_what_is_not_a_usable_figure_is_unanswered() -> None:
    answers: list[dict[str, Any]] = [{}, {"x": None}, {"x": "七十"}, {"x": True}, {"x": math.nan}, {"x": 10**400}]
    figures = figures_of(AtLeast("x", 60), answers)
    rule = figures.plan.rules[0]
    assert verdicts(figures, rule) == [UNANSWERED] * 6
    assert attainments(figures, rule) == [0.0] * 6
    assert figures.valid[:, rule.value].tolist() == [False] * 6
    assert all(missing_inputs(rule, figures.school(i)) == ("x",) for i in range(6))


def test_at_most_attains_the_limit_over_the_figure() -> None:
    figures = figures_of(AtMost("x", 45), [{"x": 45}, {"x": 50}, {"x": 90}])
    rule = figures.plan.rules[0]
    assert verdicts(figures, rule) == [MET, NOT_MET, NOT_MET]
    assert attainments(figures, rule) == [1.0, 0.9, 0.5]
    never = figures_of(AtMost("x", 0), [{"x": 0}, {"x": 2}])  # 不得发生
    assert verdicts(never, never.plan.rules[0]) == [MET, NOT_MET]
    assert attainments(never, never.plan.rules[0]) == [1.0, 0.0]


def test_between_is_met_inside_the_range_and_attained_towards_either_end() -> None:
    figures = figures_of(Between("x", 1, 2), [{"x": 1}, {"x": 2}, {"x": 1.5}, {"x": 0.5}, {"x": 0}, {"x": 4}])
    rule = figures.plan.rules[0]
    assert verdicts(figures, rule) == [MET, MET, MET, NOT_MET, NOT_MET, NOT_MET]
    assert attainments(figures, rule) == [1.0, 1.0, 1.0, 0.5, 0.0, 0.5]
    from_zero = figures_of(Between("x", 0, 2), [{"x": -1}])
    assert attainments(from_zero, from_zero.plan.rules[0]) == [0.0]


def test_ratio_at_least_reads_both_figures_and_keeps_the_ratio() -> None:
    answers: list[dict[str, Any]] = [
        {"n": 6, "d": 40},  # 15 %
        {"n": 4, "d": 40},  # 10 %: two thirds of the requirement
        {"n": 0, "d": 0},  # no teacher to count: not applicable
        {"d": 40},  # numerator missing
        {"n": 1 - 1e-13, "d": 10},  # within 1e-12 of 10 %
    ]
    figures = figures_of(RatioAtLeast("n", "d", 0.15), answers[:4])
    rule = figures.plan.rules[0]
    assert verdicts(figures, rule) == [MET, NOT_MET, NA, UNANSWERED]
    assert attainments(figures, rule)[:2] == [1.0, 0.1 / 0.15]
    ratios = figures.ratio[:, rule.ratio].tolist()
    assert ratios[:2] == [0.15, 0.1] and math.isnan(ratios[2]) and math.isnan(ratios[3])
    assert missing_inputs(rule, figures.school(3)) == ("n",)
    tolerance = figures_of(RatioAtLeast("n", "d", 0.1), answers[4:])
    assert verdicts(tolerance, tolerance.plan.rules[0]) == [MET]


def test_is_true_and_is_false_want_a_yes_or_no_answer() -> None:
    answers: list[dict[str, Any]] = [{"b": True}, {"b": False}, {}, {"b": 1}, {"b": "是"}]
    yes = figures_of(IsTrue("b"), answers)
    no = figures_of(IsFalse("b"), answers)
    assert verdicts(yes, yes.plan.rules[0]) == [MET, NOT_MET, UNANSWERED, UNANSWERED, UNANSWERED]
    assert verdicts(no, no.plan.rules[0]) == [NOT_MET, MET, UNANSWERED, UNANSWERED, UNANSWERED]
    assert attainments(yes, yes.plan.rules[0]) == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert yes.flag[:, yes.plan.rules[0].flag].tolist() == [1, 0, -1, -1, -1]


def test_each_holds_for_every_grade_shown_and_attains_the_share_that_holds() -> None:
    primary_junior = SchoolProfile(("primary", "junior"))
    answers: list[dict[str, Any]] = [
        {"g": {"P4": 1, "P5": 2, "J1": 1}},
        {"g": {"P4": 1, "P5": 3, "J1": 0}},  # two grades of three fall short
        {"g": {"P4": 1, "P5": 1}},  # 初一 missing
        {"g": {"P4": 3, "P5": 1, "J1": 9}},  # only 四、五年级 are shown to a primary school
        {"g": {"S1": 1}},  # a senior school is shown none of 四年级、五年级、初一
    ]
    profiles = [primary_junior, primary_junior, primary_junior, PRIMARY, SchoolProfile(("senior",))]
    figures = figures_of(Each("g", Between("", 1, 2)), answers, profiles)
    rule = figures.plan.rules[0]
    assert verdicts(figures, rule) == [MET, NOT_MET, UNANSWERED, NOT_MET, NA]
    assert attainments(figures, rule) == [1.0, 1 / 3, 0.0, 0.5, 0.0]
    assert [school[rule.each] for school in figures.shown] == [
        ("P4", "P5", "J1"),
        ("P4", "P5", "J1"),
        ("P4", "P5", "J1"),
        ("P4", "P5"),
        (),
    ]
    # Which grades fall short, and which are missing: the explanation reads them from here.
    unit_ok = {g: figures.unit_ok[1, u] for g, (u, _) in rule.grade_units.items()}
    assert unit_ok == {"P4": True, "P5": False, "J1": False}
    _, j1 = rule.grade_units["J1"]
    assert figures.valid[2, j1] == False  # noqa: E712
    assert missing_inputs(rule, figures.school(2)) == ("g",)


def test_all_is_met_when_every_inner_rule_that_applies_is_met() -> None:
    rule = AllOf((AtLeast("x", 10), RatioAtLeast("n", "d", 0.5), IsTrue("b")))
    answers: list[dict[str, Any]] = [
        {"x": 10, "n": 1, "d": 2, "b": True},
        {"x": 1, "n": 1, "d": 2, "b": True},  # 0.1, 1, 1: the mean attainment
        {"x": 10, "n": 0, "d": 0, "b": True},  # the ratio does not apply: the others decide
        {"x": 1, "b": True},  # a figure missing: unanswered, whatever the others say
        {"x": 1, "n": 1, "d": 2, "b": False},  # 0.1, 1, 0
    ]
    figures = figures_of(rule, answers)
    node = figures.plan.rules[0]
    assert verdicts(figures, node) == [MET, NOT_MET, MET, UNANSWERED, NOT_MET]
    assert attainments(figures, node) == [1.0, (0.1 + 1.0 + 1.0) / 3, 1.0, 0.0, (0.1 + 1.0 + 0.0) / 3]
    assert [verdicts(figures, inner)[4] for inner in node.children] == [NOT_MET, MET, NOT_MET]
    assert missing_inputs(node, figures.school(3)) == ("n", "d")
    nothing = figures_of(AllOf((RatioAtLeast("n", "d", 0.5),)), [{"n": 0, "d": 0}])
    assert verdicts(nothing, nothing.plan.rules[0]) == [NA]


def test_all_adds_the_attainments_left_to_right() -> None:
    figures = figures_of(AllOf((AtLeast("x", 10), AtLeast("n", 10), AtLeast("d", 10))), [{"x": 1, "n": 2, "d": 3}])
    assert attainments(figures, figures.plan.rules[0]) == [(0.1 + 0.2 + 0.3) / 3]


def test_any_is_met_when_one_inner_rule_is_and_otherwise_attains_the_best() -> None:
    rule = AnyOf((AtLeast("x", 10), IsTrue("b")))
    answers: list[dict[str, Any]] = [
        {"x": 1, "b": True},
        {"x": 10},  # met: the missing answer does not matter
        {"x": 4, "b": False},
        {"x": 4},  # not met so far, and an answer missing
    ]
    figures = figures_of(rule, answers)
    node = figures.plan.rules[0]
    assert verdicts(figures, node) == [MET, MET, NOT_MET, UNANSWERED]
    assert attainments(figures, node) == [1.0, 1.0, 0.4, 0.0]
    assert missing_inputs(node, figures.school(1)) == ()
    assert missing_inputs(node, figures.school(3)) == ("b",)


def test_deduct_takes_per_case_off_up_to_the_cap() -> None:
    rubric = rubric_of(item("A", Deduct("c", 1.5, 4), points=5))
    figures = evaluate(rubric, [{"c": 0}, {"c": 2}, {"c": 3}, {"c": 9}, {}])
    rule = figures.plan.rules[0]
    assert verdicts(figures, rule) == [MET, NOT_MET, NOT_MET, NOT_MET, UNANSWERED]
    assert figures.deducted[:, rule.deduct].tolist() == [0.0, 3.0, 4.0, 4.0, 0.0]
    assert statuses(figures) == [Status.MET, Status.PARTIAL, Status.PARTIAL, Status.PARTIAL, Status.UNANSWERED]
    assert figures.earned[:, 0].tolist() == [5.0, 2.0, 1.0, 1.0, 0.0]
    assert figures.lost[:, 0].tolist() == [0.0, 3.0, 4.0, 4.0, 0.0]
    assert figures.item_attainment[:4, 0].tolist() == [1.0, 0.4, 0.2, 0.2]
    all_of_it = evaluate(rubric_of(item("A", Deduct("c", 2, 10), points=4, veto=True)), [{"c": 2}])
    assert statuses(all_of_it) == [Status.NOT_MET]
    assert all_of_it.item_attainment[0, 0] == 0.0 and all_of_it.lost[0, 0] == 4.0


# ---------------------------------------------------------------------------------------------
# Items


def test_partial_credit_none_proportional_or_by_bands() -> None:
    rubric = rubric_of(
        item("none", AtLeast("x", 60)),
        item("proportional", AtLeast("x", 60), points=3.33, partial=PartialMode.PROPORTIONAL),
        item("bands", AtLeast("x", 60), partial=PartialMode.BANDS, bands=(Band(0.8, 0.8), Band(0.5, 0.4))),
    )
    figures = evaluate(rubric, [{"x": 45}, {"x": 30}, {"x": 20}, {"x": 60}])
    assert [statuses(figures, j) for j in range(3)] == [
        [Status.NOT_MET, Status.NOT_MET, Status.NOT_MET, Status.MET],
        [Status.PARTIAL, Status.PARTIAL, Status.PARTIAL, Status.MET],
        [Status.PARTIAL, Status.PARTIAL, Status.NOT_MET, Status.MET],
    ]
    # 3.33 × 0.75 = 2.4975 → 2.50; × 0.5 = 1.665 → 1.67 (half up, as the decimal reads).
    assert figures.earned[:, 1].tolist() == [2.5, 1.67, 1.11, 3.33]
    # 75 % and 50 % reach the 0.5 band, not the 0.8 one: 40 % of 10; a third reaches none.
    assert figures.earned[:, 2].tolist() == [4.0, 4.0, 0.0, 10.0]
    assert figures.item_attainment[0].tolist()[:3] == [0.75, 0.75, 0.75]
    assert figures.possible[0].tolist()[:3] == [10.0, 3.33, 10.0]


def test_why_an_item_was_decided_as_it_was() -> None:
    rubric = rubric_of(
        item("A", AtLeast("x", 60), applies_to=Applicability(stages=("junior",))),
        item("B", RatioAtLeast("n", "d", 0.1), applies_if=IsTrue("b")),
    )
    answers: list[dict[str, Any]] = [
        {"x": 60, "n": 1, "d": 10, "b": True},
        {"n": 0, "d": 0, "b": True},
        {"n": 1, "b": True},
        {"n": 1, "d": 10},
        {"n": 1, "d": 10, "b": False},
    ]
    figures = evaluate(rubric, answers, [SchoolProfile(("junior",)), *[PRIMARY] * 4])
    assert [Why(w) for w in figures.why[:, 0].tolist()] == [Why.JUDGED, *[Why.EXCLUDED] * 4]
    assert [Exclusion(e) for e in figures.exclusion[:, 0].tolist()] == [Exclusion.NONE, *[Exclusion.STAGES] * 4]
    assert [Why(w) for w in figures.why[:, 1].tolist()] == [
        Why.JUDGED,
        Why.RULE_NOT_APPLICABLE,
        Why.RULE_UNANSWERED,
        Why.CONDITION_UNANSWERED,
        Why.CONDITION_FAILS,
    ]
    assert statuses(figures, 1) == [
        Status.MET,
        Status.NOT_APPLICABLE,
        Status.UNANSWERED,
        Status.UNANSWERED,
        Status.NOT_APPLICABLE,
    ]
    # Unanswered keeps the points possible (none earned); not applicable has none.
    assert figures.possible[:, 1].tolist() == [10.0, 0.0, 10.0, 10.0, 0.0]


@pytest.mark.parametrize(
    ("scope", "profile", "why"),
    [
        (Applicability(stages=("junior", "senior")), PRIMARY, Exclusion.STAGES),
        (Applicability(public=True), SchoolProfile(("primary",), public=False), Exclusion.PUBLIC),
        (Applicability(boarding=True), PRIMARY, Exclusion.BOARDING),
        (Applicability(has_canteen=False), PRIMARY, Exclusion.CANTEEN),
        (Applicability(stages=("primary",), boarding=False), PRIMARY, Exclusion.NONE),
    ],
)
def test_which_part_of_the_profile_rules_an_item_out(
    scope: Applicability, profile: SchoolProfile, why: Exclusion
) -> None:
    figures = evaluate(rubric_of(item("A", IsTrue("b"), applies_to=scope)), [{"b": True}], [profile])
    assert Exclusion(int(figures.exclusion[0, 0])) is why
    assert statuses(figures) == [Status.MET if why is Exclusion.NONE else Status.NOT_APPLICABLE]


# ---------------------------------------------------------------------------------------------
# Totals


def test_totals_round_the_percent_half_up_and_a_failed_veto_forces_the_lowest_level() -> None:
    rubric = rubric_of(
        item("A", IsTrue("b"), points=2),
        item("B", AtLeast("x", 3), points=1),
        item("V", AtMost("c", 0), points=1, veto=True),
        item("X", AtLeast("n", 1), points=4, bonus=True),
        bonus_cap=2.5,
    )
    answers: list[dict[str, Any]] = [
        {"b": True, "x": 3, "c": 0, "n": 9},  # 4 of 4, and the bonus 4 capped at 2.5
        {"b": True, "x": 0, "c": 0, "n": 0},  # 3 of 4
        {"b": True, "x": 3, "c": 1, "n": 0},  # 4 - 1 of 4, and the veto item failed
        {"b": False, "x": 1, "c": 0, "n": 0},  # 1 of 4
        {"b": True, "x": 2, "c": 0},  # 3 of 4; the bonus item unanswered earns nothing
    ]
    totals = evaluate(rubric, answers).totals
    assert totals.earned.tolist() == [4.0, 3.0, 3.0, 1.0, 3.0]
    assert totals.possible.tolist() == [4.0] * 5
    assert totals.total_percent.tolist() == [102.5, 75.0, 75.0, 25.0, 75.0]
    assert totals.bonus_points.tolist() == [2.5, 0.0, 0.0, 0.0, 0.0]
    assert totals.veto_failed.tolist() == [False, False, True, False, False]
    assert [rubric.levels[k].name for k in totals.level_index.tolist()] == ["优秀", "合格", "不合格", "不合格", "合格"]
    thirds = evaluate(rubric_of(item("A", IsTrue("b"), points=2), item("B", AtLeast("x", 1), points=1)), [{"b": True}])
    assert thirds.totals.base_percent.tolist() == [66.67]  # 2 of 3 → 66.666… → 66.67


def test_a_batch_is_its_schools_one_by_one() -> None:
    rubric = rubric_of(
        item("A", Each("g", AtLeast("", 1)), partial=PartialMode.PROPORTIONAL),
        item("B", AnyOf((RatioAtLeast("n", "d", 0.2), IsTrue("b"))), applies_to=Applicability(public=True)),
        item("C", Deduct("c", 1, 3), points=3),
    )
    answers: list[dict[str, Any]] = [
        {"g": {"P4": 0, "P5": 1, "J1": 1}, "n": 1, "d": 10, "c": 1},
        {"g": {"J1": 2}, "b": True, "c": 0},
        {"n": 3, "d": 10, "c": 5},
    ]
    profiles = [SchoolProfile(("primary", "junior")), SchoolProfile(("junior",), public=False), PRIMARY]
    together = evaluate(rubric, answers, profiles)
    for i, (one, profile) in enumerate(zip(answers, profiles, strict=True)):
        alone = evaluate(rubric, [one], [profile])
        assert repr(alone.school(0)) == repr(together.school(i))  # NaN (no degree) is not equal to itself
        assert score(rubric, one, profile).total_percent == together.totals.total_percent[i]


def test_answers_and_profiles_pair_up_and_nothing_given_is_changed() -> None:
    answers: dict[str, Any] = {"x": 45, "g": {"P4": 1}}
    kept = {"x": 45, "g": {"P4": 1}}
    evaluate(rubric_of(item("A", AtLeast("x", 60)), item("B", Each("g", AtLeast("", 1)))), [answers])
    assert answers == kept
    with pytest.raises(ValueError):
        evaluate(rubric_of(item("A", AtLeast("x", 60))), [{}, {}], [PRIMARY])
