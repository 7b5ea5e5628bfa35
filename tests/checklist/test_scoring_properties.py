"""Properties of the engine that must hold for any answers a school could give."""

from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.loader import load_rubric
from checklist.model import STAGE_NAMES, InputType, SchoolProfile
from checklist.scoring import Status, score

SAMPLE = load_rubric(Path(__file__).parent / "fixtures" / "sample_rubric.yaml")
NUMBER_KEYS = [k for k, i in SAMPLE.inputs.items() if i.type is InputType.NUMBER]
BOOL_KEYS = [k for k, i in SAMPLE.inputs.items() if i.type is InputType.BOOLEAN]

figures = st.one_of(
    st.integers(min_value=0, max_value=500),
    st.floats(min_value=0, max_value=500, allow_nan=False, allow_infinity=False),
)
profiles = st.builds(
    lambda stages, public, boarding, canteen: SchoolProfile(tuple(stages), public, boarding, canteen),
    st.lists(st.sampled_from(sorted(STAGE_NAMES)), min_size=1, max_size=3, unique=True),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@st.composite
def answer_sets(draw: st.DrawFn) -> dict:
    answers: dict = {}
    for key in NUMBER_KEYS:
        if draw(st.booleans()):
            answers[key] = draw(figures)
    for key in BOOL_KEYS:
        if draw(st.booleans()):
            answers[key] = draw(st.booleans())
    if draw(st.booleans()):
        answers["study_trips"] = draw(
            st.dictionaries(st.sampled_from(["P4", "P5", "J1", "J2", "J3", "S1", "S2"]), st.integers(0, 5))
        )
    return answers


@settings(max_examples=300, deadline=None)
@given(answers=answer_sets(), profile=profiles)
def test_earned_never_exceeds_possible(answers: dict, profile: SchoolProfile) -> None:
    card = score(SAMPLE, answers, profile)
    for item in card.items:
        assert 0 <= item.earned <= item.possible, item
        if item.status is Status.NOT_APPLICABLE:
            assert item.possible == 0
        if item.status is Status.MET:
            assert item.earned == item.possible
        assert item.explanation
    assert 0 <= card.earned <= card.possible
    assert 0 <= card.total_percent <= 100 + SAMPLE.bonus_cap
    assert card.level in {lv.name for lv in SAMPLE.levels}


# Inputs that only ever appear under at_least rules in the sample rubric (directly, or inside
# all / any): raising one of them must never lower any item, nor the total.
AT_LEAST_ONLY = ["pe_minutes_daily", "city_awards", "meal_company_days", "drills_per_term", "drills_per_year"]


@settings(max_examples=300, deadline=None)
@given(answers=answer_sets(), profile=profiles, key=st.sampled_from(AT_LEAST_ONLY), more=figures)
def test_raising_a_figure_under_at_least_never_lowers_the_score(
    answers: dict, profile: SchoolProfile, key: str, more: float
) -> None:
    answers.setdefault(key, 0)
    before = score(SAMPLE, answers, profile)
    after = score(SAMPLE, {**answers, key: answers[key] + more}, profile)
    for old, new in zip(before.items, after.items, strict=True):
        assert new.earned >= old.earned, (old, new)
    assert after.total_percent >= before.total_percent


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets(), profile=profiles)
def test_scoring_is_deterministic_and_leaves_its_input_alone(answers: dict, profile: SchoolProfile) -> None:
    kept = copy.deepcopy(answers)
    first = score(SAMPLE, answers, profile)
    second = score(SAMPLE, answers, profile)
    assert first == second
    assert answers == kept


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets(), profile=profiles, n=st.integers(1, 100))
def test_more_backbone_teachers_never_hurt(answers: dict, profile: SchoolProfile, n: int) -> None:
    answers = {**answers, "eligible_teachers": 100, "exchange_teachers": 50, "backbone_exchange_teachers": 0}
    low = score(SAMPLE, answers, profile)
    high = score(SAMPLE, {**answers, "backbone_exchange_teachers": min(n, 50)}, profile)
    assert high.item("B1.2").earned >= low.item("B1.2").earned


def test_absurd_figures_are_unanswered_not_a_crash() -> None:
    card = score(SAMPLE, {"pe_minutes_daily": 10**400, "eligible_teachers": float("nan"), "exchange_teachers": 3})
    assert card.item("A1.1").status is Status.UNANSWERED
    assert card.item("B1.1").status is Status.UNANSWERED


def test_a_stage_named_twice_counts_once() -> None:
    once = score(SAMPLE, {"study_trips": {"P4": 1, "P5": 0}}, SchoolProfile(("primary",)))
    twice = score(SAMPLE, {"study_trips": {"P4": 1, "P5": 0}}, SchoolProfile(("primary", "primary")))
    assert once.item("A1.2") == twice.item("A1.2")
