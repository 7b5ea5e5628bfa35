"""The explanation of every item, in words a school can read, phrased from the engine's figures.

The engine decides; ``checklist.explain`` only says what the figures are. The first test shows
it: given figures that say otherwise than the answers would, the words follow the figures."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from checklist.engine import MET, Verdict, evaluate
from checklist.explain import explain, format_number, format_percent, profile_excludes, requirement_text
from checklist.model import (
    AllOf,
    AnyOf,
    Applicability,
    AtLeast,
    AtMost,
    Between,
    Deduct,
    Each,
    IsFalse,
    IsTrue,
    Item,
    PartialMode,
    RatioAtLeast,
    SchoolProfile,
)
from checklist.scoring import score
from tests.checklist.builders import item, rubric_of

PRIMARY = SchoolProfile(("primary",))
PRIMARY_JUNIOR = SchoolProfile(("primary", "junior"))


def test_the_words_follow_the_figures_they_are_given_not_the_answers() -> None:
    rubric = rubric_of(item("A", AtLeast("x", 60), partial=PartialMode.PROPORTIONAL))
    answers = {"x": 45}
    figures = evaluate(rubric, [answers])
    school = figures.school(0)
    plan = figures.plan
    assert explain(plan, school, answers)[0] == "每日体育活动45分钟，要求≥60分钟，部分达标（达成75%，按比例得7.5分）"
    # Figures that say the rule was met with 61 minutes: the explanation does not judge again.
    column, value = plan.rules[0].column, plan.rules[0].value
    verdict, read, status = list(school.verdict), list(school.value), list(school.status)
    verdict[column], read[value], status[0] = int(Verdict.MET), 61.0, MET
    met = dataclasses.replace(school, verdict=verdict, value=read, status=status)
    assert explain(plan, met, answers)[0] == "每日体育活动61分钟，要求≥60分钟，达标"


CASES: list[tuple[str, Item, dict[str, Any], SchoolProfile, str]] = [
    (
        "at_least, partly met by proportion",
        item("A", AtLeast("x", 60), partial=PartialMode.PROPORTIONAL),
        {"x": 45},
        PRIMARY,
        "每日体育活动45分钟，要求≥60分钟，部分达标（达成75%，按比例得7.5分）",
    ),
    (
        "at_most, by bands",
        item("A", AtMost("n", 45), points=5, partial=PartialMode.BANDS),
        {"n": 50},
        PRIMARY,
        "交流教师50人，要求≤45人，部分达标（达成90%，按档次得4分）",
    ),
    (
        "at_most 0: must not happen",
        item("A", AtMost("c", 0)),
        {"c": 1},
        PRIMARY,
        "违规1起，要求0起（不得发生），未达标",
    ),
    ("between", item("A", Between("x", 30, 60)), {"x": 30}, PRIMARY, "每日体育活动30分钟，要求30—60分钟，达标"),
    (
        "ratio_at_least",
        item("A", RatioAtLeast("n", "d", 0.15)),
        {"n": 6, "d": 40},
        PRIMARY,
        "交流教师6人/符合条件教师40人=15.0%，要求≥15%，达标",
    ),
    (
        "ratio over nothing",
        item("A", RatioAtLeast("n", "d", 0.15)),
        {"n": 0, "d": 0},
        PRIMARY,
        "符合条件教师0人，比例无法计算（分母为0），不适用",
    ),
    ("is_true", item("A", IsTrue("b")), {"b": False}, PRIMARY, "明厨亮灶：否（要求：是），未达标"),
    (
        "is_false, a veto",
        item("A", IsFalse("b"), veto=True),
        {"b": True},
        PRIMARY,
        "明厨亮灶：是（要求：否），未达标（一票否决项）",
    ),
    (
        "each, two grades short",
        item("A", Each("g", Between("", 1, 2))),
        {"g": {"P4": 1, "P5": 3, "J1": 0}},
        PRIMARY_JUNIOR,
        "研学：四年级1次、五年级3次、初一0次；要求每个年级1—2次，五年级、初一未达到，未达标",
    ),
    (
        "each, a grade missing",
        item("A", Each("g", AtLeast("", 1))),
        {"g": {"P4": 1}},
        PRIMARY_JUNIOR,
        "研学：五年级、初一尚未填报；尚未填报：研学",
    ),
    (
        "each, no grade shown",
        item("A", Each("g", AtLeast("", 1))),
        {},
        SchoolProfile(("senior",)),
        "研学：本校没有本项所列年级，不适用",
    ),
    (
        "all",
        item("A", AllOf((AtLeast("x", 60), IsTrue("b")))),
        {"x": 70, "b": False},
        PRIMARY,
        "每日体育活动70分钟，要求≥60分钟；明厨亮灶：否（要求：是），未达标",
    ),
    (
        "any",
        item("A", AnyOf((AtLeast("x", 60), IsTrue("b")))),
        {"x": 70, "b": False},
        PRIMARY,
        "每日体育活动70分钟，要求≥60分钟；明厨亮灶：否（要求：是）（满足其一即可），达标",
    ),
    (
        "deduct",
        item("A", Deduct("c", 1.5, 4), points=5),
        {"c": 2},
        PRIMARY,
        "违规2起，每起扣1.5分，最多扣4分，扣3分，得2分",
    ),
    ("deduct, none", item("A", Deduct("c", 1.5, 4), points=5), {"c": 0}, PRIMARY, "违规0起，不扣分，达标"),
    (
        "a bonus not reached",
        item("A", AtLeast("x", 60), bonus=True),
        {"x": 10},
        PRIMARY,
        "每日体育活动10分钟，要求≥60分钟，未达到加分条件",
    ),
    (
        "an answer that is not a figure",
        item("A", AtLeast("x", 60)),
        {"x": "七十"},
        PRIMARY,
        "填报值无效：每日体育活动“七十”；尚未填报：每日体育活动",
    ),
    (
        "applies_to",
        item("A", IsTrue("b"), applies_to=Applicability(stages=("junior",))),
        {"b": True},
        PRIMARY,
        "本项适用于初中，本校学段为小学，不适用",
    ),
    (
        "applies_if not met",
        item("A", IsTrue("b"), applies_if=AtLeast("n", 5)),
        {"n": 2},
        PRIMARY,
        "交流教师2人，本项仅适用于交流教师≥5人的学校，不适用",
    ),
    (
        "applies_if met: its figures first",
        item("A", IsTrue("b"), applies_if=IsFalse("c")),
        {"c": False, "b": True},
        PRIMARY,
        "违规：否；明厨亮灶：是，达标",
    ),
    (
        "applies_if unanswered",
        item("A", IsTrue("b"), applies_if=AtLeast("n", 5)),
        {"b": True},
        PRIMARY,
        "尚未填报：交流教师",
    ),
]


@pytest.mark.parametrize(("case", "rule_item", "answers", "profile", "words"), CASES, ids=[c[0] for c in CASES])
def test_every_rule_kind_in_words(
    case: str, rule_item: Item, answers: dict[str, Any], profile: SchoolProfile, words: str
) -> None:
    card = score(rubric_of(rule_item), answers, profile)
    assert card.item("A").explanation == words


def test_figures_requirements_and_profiles_in_words() -> None:
    assert [format_number(v) for v in (6, 6.0, 1.5, 0.25, 2.675, 1e16)] == ["6", "6", "1.5", "0.25", "2.68", "1e+16"]
    assert [format_percent(0.15), format_percent(0.15, 1), format_percent(1 / 3, 1)] == ["15%", "15.0%", "33.3%"]
    assert requirement_text(AtLeast("", 60), "分钟") == "≥60分钟"
    assert requirement_text(Between("", 1, 1), "次") == "1次"
    public_only = item("A", IsTrue("b"), applies_to=Applicability(public=True))
    assert (
        profile_excludes(public_only, SchoolProfile(("primary",), public=False)) == "本项仅适用于公办学校，本校为民办"
    )
    assert profile_excludes(public_only, PRIMARY) == ""
