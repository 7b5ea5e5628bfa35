"""``score_many`` over N schools says what ``score`` says school by school: statuses, points,
totals, levels, veto flags and subtotals, for any answers and profiles, on every rubric.

Both run the one engine (``checklist.engine``), so this is a regression guard — against rows
of a batch mixing up, a profile's part of the plan leaking into another school's, the region
helpers miscounting — not the proof of two implementations agreeing. The figures of each rule
kind are pinned in ``test_engine.py``, their words in ``test_explain.py``."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.batch import STATUSES, BatchScores, score_many, status_code
from checklist.engine import round2_array
from checklist.loader import load_rubric, rubric_files
from checklist.model import (
    ALL_GRADES,
    STAGE_NAMES,
    AllOf,
    AnyOf,
    Applicability,
    AtLeast,
    AtMost,
    Band,
    Between,
    Deduct,
    Dimension,
    Each,
    Indicator,
    Input,
    InputType,
    IsFalse,
    IsTrue,
    Item,
    Level,
    PartialMode,
    RatioAtLeast,
    Rubric,
    Rule,
    SchoolProfile,
    walk_rule,
)
from checklist.scoring import Status, round2, score

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def _edge_rubric() -> Rubric:
    """Combinations no shipped rubric has: deduct inside all/any, each in a condition and
    inside any, ratios with value 0, odd point values (half cents), custom bands, a veto that
    can be partly met, a bonus deduct, a lowest level above 0."""

    def number(key: str) -> Input:
        return Input(key, key, InputType.NUMBER)

    def flag(key: str) -> Input:
        return Input(key, key, InputType.BOOLEAN)

    def item(item_id: str, points: float, rule: Rule, **extra: Any) -> Item:
        return Item(id=item_id, title=item_id, points=points, rule=rule, **extra)

    items = (
        item(
            "E1",
            4.5,
            AllOf((AtLeast("a", 3), Deduct("d", 1.5, 2), RatioAtLeast("n", "den", 0.3))),
            inputs=(number("a"), number("d"), number("n"), number("den")),
            partial=PartialMode.PROPORTIONAL,
        ),
        item(
            "E2",
            3.33,
            AnyOf((Each("g", Between("", 1, 2)), AtMost("c", 0), RatioAtLeast("n2", "den", 0))),
            inputs=(Input("g", "g", InputType.GRADES), number("c"), number("n2")),
            partial=PartialMode.BANDS,
            bands=(Band(0.9, 0.75), Band(0.5, 0.4), Band(0.2, 0.1)),
        ),
        item("E3", 7, Deduct("v", 2.5, 10), inputs=(number("v"),), veto=True),
        item(
            "E4",
            2,
            AtLeast("a", 0.5),
            applies_to=Applicability(stages=("primary", "junior")),
            applies_if=Each("g", AtLeast("", 1)),
            partial=PartialMode.PROPORTIONAL,
        ),
        item(
            "E5",
            1,
            IsTrue("b"),
            inputs=(flag("b"),),
            applies_to=Applicability(public=False, boarding=True),
        ),
        item(
            "E6",
            5,
            Between("c", 2, 2.5),
            inputs=(flag("b2"),),
            applies_to=Applicability(has_canteen=False),
            applies_if=AnyOf((IsFalse("b2"), RatioAtLeast("n", "den", 0.5))),
            partial=PartialMode.PROPORTIONAL,
        ),
        item(
            "E9",
            10,
            AllOf((Each("g2", AtMost("", 3)), IsTrue("b"))),
            inputs=(Input("g2", "g2", InputType.GRADES, grades=("P4", "P5", "J1")),),
            applies_if=AtMost("c", 3),
            partial=PartialMode.BANDS,
        ),
        item(
            "E10",
            6.66,
            AllOf(
                (
                    AnyOf((AtLeast("a", 5), IsTrue("b"))),
                    AnyOf((Deduct("d", 1, 1), RatioAtLeast("n", "den", 0.1))),
                    AtLeast("a", 0),
                )
            ),
            partial=PartialMode.PROPORTIONAL,
        ),
        item("E11", 9, Each("g", AtLeast("", 1)), partial=PartialMode.PROPORTIONAL),
        item(
            "E12",
            4,
            AllOf((RatioAtLeast("n2", "den", 0.2), Each("g2", Between("", 1, 3)))),
            partial=PartialMode.PROPORTIONAL,
        ),
        item(
            "E13",
            3,
            AnyOf((RatioAtLeast("n", "den", 0.3), Each("g2", AtLeast("", 1)))),
            partial=PartialMode.BANDS,
        ),
        item("X1", 3, Deduct("d2", 1, 5), inputs=(number("d2"),), bonus=True),
        item("X2", 2.25, AtLeast("a", 7), bonus=True, partial=PartialMode.PROPORTIONAL),
    )
    main = Dimension(
        "E",
        "边界",
        (
            Indicator("E-1", "组合", items[:3]),
            Indicator("E-2", "条件", items[3:8]),
            Indicator("E-3", "年级", items[8:11]),
        ),
    )
    extra = Dimension("X", "加分", (Indicator("X-1", "加分", items[11:]),))
    return Rubric(
        id="edge",
        version=1,
        title="边界组合",
        issuer="测试",
        levels=(Level("甲", 95), Level("乙", 72.5), Level("丙", 33.33), Level("丁", 10)),
        dimensions=(main, extra),
        bonus_cap=4,
    )


RUBRIC_PATHS = [
    *rubric_files(ROOT / "config" / "rubrics"),
    FIXTURES / "sample_rubric.yaml",
    FIXTURES / "boundary_rubric.yaml",
]
RUBRICS: dict[str, Rubric] = {path.name: load_rubric(path) for path in RUBRIC_PATHS}
RUBRICS["edge"] = _edge_rubric()
SAMPLE = RUBRICS["sample_rubric.yaml"]
BOUNDARY = RUBRICS["boundary_rubric.yaml"]


# ---------------------------------------------------------------------------------------------
# A batch says what score() says, school by school


def assert_agrees(
    rubric: Rubric,
    answers_list: Sequence[Mapping[str, Any]],
    profiles: Sequence[SchoolProfile | None] | None,
    scores: BatchScores | None = None,
) -> BatchScores:
    scores = scores if scores is not None else score_many(rubric, answers_list, profiles)
    assert len(scores) == len(answers_list)
    for i, answers in enumerate(answers_list):
        card = score(rubric, answers, profiles[i] if profiles is not None else None)
        mine = scores.card(i)
        expected = [(r.item_id, r.status, r.earned, r.possible) for r in card.items]
        got = [(r.item_id, r.status, r.earned, r.possible) for r in mine.items]
        assert got == expected, (i, answers, profiles[i] if profiles else None)
        assert (mine.earned, mine.possible) == (card.earned, card.possible)
        assert mine.base_percent == card.base_percent
        assert mine.bonus_points == card.bonus_points
        assert mine.total_percent == card.total_percent
        assert mine.level == card.level
        assert mine.veto_failed == card.veto_failed
        assert mine.veto_items == card.veto_items
        assert mine.dimensions == card.dimensions
        assert mine.indicators == card.indicators
        assert mine.counts() == card.counts()
        # The arrays say the same as the card built from them.
        assert scores.level(i) == card.level
        assert bool(scores.veto_failed[i]) == card.veto_failed
        assert float(scores.total_percent[i]) == card.total_percent
        for j, result in enumerate(card.items):
            assert STATUSES[scores.status[i, j]] is result.status
    return scores


def _constants(rubric: Rubric) -> list[float]:
    """Figures near every threshold of a rubric, where off-by-one-ulp mistakes would show."""
    values: set[float] = {
        0,
        1,
        2,
        3,
        5,
        7,
        10,
        40,
        100,
        89.99,
        90,
        79.99,
        80,
        59.99,
        60,
        99.995,
        0.005,
        33.335,
        66.665,
        1.005,
        2.675,
        -1,
    }
    for item in rubric.items:
        rules = [*walk_rule(item.rule), *(walk_rule(item.applies_if) if item.applies_if else ())]
        for rule in rules:
            if isinstance(rule, AtLeast | AtMost):
                edges = [rule.value]
            elif isinstance(rule, Between):
                edges = [rule.min, rule.max]
            elif isinstance(rule, RatioAtLeast):
                edges = [rule.value * d for d in (3, 7, 10, 40)]
                edges += [round(e) for e in edges]
                # Within the engine's 1e-12 tolerance of the required ratio, either side.
                edges += [rule.value * 10 * (1 - 1e-13), rule.value * 10 * (1 + 1e-13)]
            elif isinstance(rule, Deduct):
                edges = [rule.per, rule.cap / rule.per if rule.per else 0]
            else:
                continue
            for edge in edges:
                values.update(
                    {
                        edge,
                        edge + 1,
                        edge - 1,
                        edge + 0.5,
                        edge * 0.8,
                        edge * 0.6,
                        edge * 0.79,
                        edge * 0.599,
                        edge * 0.999,
                        edge * 1 / 3,
                    }
                )
    return sorted(values)


def _good_answers(rubric: Rubric) -> dict[str, Any]:
    """Answers that meet most rules (an input two rules pull apart meets one of them), so that
    schools start near the top levels and the level lookup, not only the veto, is tested."""
    good: dict[str, Any] = {}
    for item in rubric.items:
        for sub in walk_rule(item.rule):
            if isinstance(sub, IsTrue | IsFalse):
                good[sub.input] = isinstance(sub, IsTrue)
            elif isinstance(sub, AtLeast | AtMost):
                good[sub.input] = sub.value
            elif isinstance(sub, Between):
                good[sub.input] = sub.min
            elif isinstance(sub, Deduct):
                good[sub.input] = 0
            elif isinstance(sub, RatioAtLeast):
                good.setdefault(sub.denominator, 40)
                good[sub.numerator] = math.ceil(sub.value * 40)
            elif isinstance(sub, Each):
                inner = sub.rule
                value = inner.min if isinstance(inner, Between) else inner.value
                good[sub.input] = dict.fromkeys(ALL_GRADES, value)
    return good


WRONG_TYPES: list[Any] = [
    None,
    "12",
    "是",
    True,
    False,
    math.nan,
    math.inf,
    -math.inf,
    {"P1": 1},
    [1],
    np.float64(2.5),
    np.int64(3),
]


def _value_strategies(rubric: Rubric) -> dict[str, st.SearchStrategy[Any]]:
    constants = st.sampled_from(_constants(rubric))
    numbers = st.one_of(
        constants,
        constants,
        st.integers(min_value=0, max_value=120),
        st.floats(min_value=-5, max_value=1000, allow_nan=False, allow_infinity=False),
        st.sampled_from(WRONG_TYPES),
    )
    booleans = st.one_of(st.booleans(), st.booleans(), st.sampled_from([None, 1, 0, "是", 1.0]))
    grade_value = st.one_of(
        st.integers(min_value=0, max_value=4),
        st.sampled_from([0.5, 1.5, 2.0, 2.5, 3.0, None, "1", True, math.nan]),
    )
    grades = st.one_of(
        st.fixed_dictionaries({g: st.integers(min_value=1, max_value=2) for g in ALL_GRADES}),
        st.fixed_dictionaries({g: st.integers(min_value=0, max_value=4) for g in ALL_GRADES}),
        st.dictionaries(st.sampled_from(ALL_GRADES), grade_value, max_size=8),
        st.sampled_from([None, 3, "一次", ["P1"]]),
    )
    used = {
        key
        for item in rubric.items
        for rule in (item.rule, item.applies_if)
        if rule is not None
        for sub in walk_rule(rule)
        for key in (
            (sub.numerator, sub.denominator)
            if isinstance(sub, RatioAtLeast)
            else (() if isinstance(sub, AllOf | AnyOf) else (sub.input,))
        )
    }
    strategies: dict[str, st.SearchStrategy[Any]] = {}
    for key in sorted(used):
        inp = rubric.inputs.get(key)
        kind = inp.type if inp else InputType.NUMBER
        if kind is InputType.BOOLEAN:
            strategies[key] = booleans
        elif kind is InputType.GRADES:
            strategies[key] = grades
        else:
            strategies[key] = numbers
    return strategies


STAGES = sorted(STAGE_NAMES)
profiles_strategy = st.one_of(
    st.none(),
    st.builds(
        lambda stages, public, boarding, canteen: SchoolProfile(tuple(stages), public, boarding, canteen),
        # Not unique: a profile built by hand may name a stage twice, and the engine then
        # shows that stage's grades twice.
        st.lists(st.sampled_from(STAGES), min_size=1, max_size=3),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    ),
)


def _answers_strategy(rubric: Rubric) -> st.SearchStrategy[dict[str, Any]]:
    values = _value_strategies(rubric)
    good = _good_answers(rubric)
    override = st.sampled_from(sorted(values)).flatmap(lambda key: st.tuples(st.just(key), values[key]))
    # A good school with a few answers changed (or dropped), or answers drawn from scratch.
    near_good = st.lists(st.tuples(override, st.booleans()), max_size=4).map(
        lambda changes: {
            key: value
            for key, value in [*good.items(), *(change for change, _ in changes)]
            if not any(dropped and key == k for (k, _), dropped in changes)
        }
    )
    return st.one_of(near_good, st.fixed_dictionaries({}, optional=values))


ANSWERS = {name: _answers_strategy(rubric) for name, rubric in RUBRICS.items()}


@pytest.mark.parametrize("name", sorted(RUBRICS))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_batch_says_what_score_says_school_by_school(name: str, data: st.DataObject) -> None:
    rubric = RUBRICS[name]
    schools = data.draw(st.lists(st.tuples(ANSWERS[name], profiles_strategy), min_size=1, max_size=5))
    answers_list = [answers for answers, _ in schools]
    profiles = [profile for _, profile in schools]
    assert_agrees(rubric, answers_list, profiles)


# A broader, seeded sweep: many schools per rubric in one batch, figures drawn near the
# thresholds.


def _random_value(kind: InputType, constants: Sequence[float], rng: random.Random) -> Any:
    roll = rng.random()
    if kind is InputType.BOOLEAN:
        return rng.random() < 0.75 if roll < 0.95 else rng.choice([None, 1, "否"])
    if kind is InputType.GRADES:
        if roll < 0.05:
            return rng.choice([None, 2, "x"])
        low = 0 if roll < 0.4 else 1
        return {
            g: rng.randint(low, 3) if rng.random() < 0.97 else rng.choice([None, "1", 1.5])
            for g in ALL_GRADES
            if rng.random() < 0.98
        }
    if roll < 0.5:
        return rng.choice(constants)
    if roll < 0.8:
        return rng.randint(0, 100)
    if roll < 0.97:
        return round(rng.uniform(0, 120), rng.choice([0, 1, 2, 3]))
    return rng.choice(WRONG_TYPES)


def _random_schools(rubric: Rubric, count: int, seed: int) -> tuple[list[dict[str, Any]], list[SchoolProfile | None]]:
    rng = random.Random(seed)
    constants = _constants(rubric)
    good = _good_answers(rubric)
    answers_list: list[dict[str, Any]] = []
    profiles: list[SchoolProfile | None] = []
    for _ in range(count):
        answers = {
            key: _random_value(inp.type, constants, rng) for key, inp in rubric.inputs.items() if rng.random() < 0.95
        }
        if rng.random() < 0.6:  # a better school: more of its answers meet the rules
            share = rng.uniform(0.7, 1.0)
            answers = {**answers, **{k: v for k, v in good.items() if rng.random() < share}}
        answers_list.append(answers)
        if rng.random() < 0.05:
            profiles.append(None)
        else:
            stages = tuple(rng.sample(STAGES, rng.choice([1, 1, 1, 2, 3])))
            profiles.append(SchoolProfile(stages, rng.random() < 0.8, rng.random() < 0.3, rng.random() < 0.8))
    return answers_list, profiles


@pytest.mark.parametrize("name", sorted(RUBRICS))
def test_a_batch_of_many_seeded_schools_says_what_score_says(name: str) -> None:
    rubric = RUBRICS[name]
    answers_list, profiles = _random_schools(rubric, 120, seed=len(name))
    scores = assert_agrees(rubric, answers_list, profiles)
    # Not all the same: the sweep reaches different outcomes.
    assert len(set(scores.total_percent.tolist())) > 1


# ---------------------------------------------------------------------------------------------
# Examples


def _compliant_primary() -> dict[str, Any]:
    return {
        "pe_minutes_daily": 70,
        "study_trips": {"P4": 1, "P5": 2},
        "max_class_size": 40,
        "eligible_teachers": 40,
        "exchange_teachers": 6,
        "backbone_exchange_teachers": 2,
        "paid_tutoring_found": False,
        "ethics_violations": 0,
        "bright_kitchen": True,
        "drills_per_term": 1,
        "disabled_students": 2,
        "daily_pe_lesson": True,
    }


PRIMARY = SchoolProfile(("primary",), public=True, boarding=False, has_canteen=True)


def test_a_compliant_school_and_a_vetoed_one() -> None:
    good = _compliant_primary()
    vetoed = {**good, "paid_tutoring_found": True}
    scores = assert_agrees(SAMPLE, [good, vetoed], [PRIMARY, PRIMARY])
    first, second = scores.card(0), scores.card(1)
    assert first.level == "优秀"
    assert not first.veto_failed
    assert first.item("A1.1").status is Status.MET
    assert first.item("C1.2").status is Status.NOT_APPLICABLE  # not a boarding school
    assert first.item("C1.4").status is Status.NOT_APPLICABLE  # fewer than 5 disabled pupils
    assert second.veto_failed and second.veto_items == ("B2.1",)
    assert second.level == SAMPLE.lowest_level.name
    assert scores.item_status(1, "B2.1") is Status.NOT_MET
    assert scores.levels == ("优秀", SAMPLE.lowest_level.name)


def test_zero_denominator_is_not_applicable_and_a_blank_is_unanswered() -> None:
    answers = {**_compliant_primary(), "eligible_teachers": 0, "exchange_teachers": 0}
    del answers["max_class_size"]
    answers["pe_minutes_daily"] = "七十"  # wrong type: unanswered, as in the engine
    scores = assert_agrees(SAMPLE, [answers], [PRIMARY])
    card = scores.card(0)
    assert card.item("B1.1").status is Status.NOT_APPLICABLE
    assert card.item("B1.1").possible == 0
    assert card.item("B1.2").status is Status.NOT_APPLICABLE
    assert card.item("A2.1").status is Status.UNANSWERED
    assert card.item("A2.1").possible == 5
    assert card.item("A1.1").status is Status.UNANSWERED


def test_level_boundaries_and_the_bonus_cap() -> None:
    answers = [
        {"attainment": 89.99},
        {"attainment": 90},
        {"attainment": 89.99, "feature": True, "awards": 3},  # 8 bonus points, capped at 5
        {"attainment": 59.995},
    ]
    scores = assert_agrees(BOUNDARY, answers, None)
    assert scores.levels == ("良好", "优秀", "优秀", "合格")
    assert scores.total_percent.tolist() == [89.99, 90.0, 94.99, 60.0]
    assert scores.bonus_points.tolist() == [0.0, 0.0, 5.0, 0.0]
    assert scores.level_distribution() == {"优秀": 2, "良好": 1, "合格": 1, "不合格": 0}


def test_partial_credit_by_proportion_and_by_bands() -> None:
    # 45 of 60 minutes is 75 %: proportional → 7.5 of 10. 50 pupils in a class of at most 45:
    # 90 % → the default bands give 80 % of 5 = 4.
    answers = {**_compliant_primary(), "pe_minutes_daily": 45, "max_class_size": 50}
    card = assert_agrees(SAMPLE, [answers], [PRIMARY]).card(0)
    assert (card.item("A1.1").status, card.item("A1.1").earned) == (Status.PARTIAL, 7.5)
    assert (card.item("A2.1").status, card.item("A2.1").earned) == (Status.PARTIAL, 4.0)


def test_ratio_within_the_engines_tolerance_is_met() -> None:
    # 0.9999999999999 of 10 teachers is 10 % less 1e-14: met, as the engine allows 1e-12.
    near = {**_compliant_primary(), "eligible_teachers": 10, "exchange_teachers": 1 - 1e-13}
    under = {**near, "exchange_teachers": 1 - 1e-10}
    scores = assert_agrees(SAMPLE, [near, under], [PRIMARY, PRIMARY])
    assert scores.item_status(0, "B1.1") is Status.MET
    assert scores.item_status(1, "B1.1") is Status.PARTIAL


def test_a_stage_named_twice_counts_once() -> None:
    # A profile keeps each stage once, so the share of grades met (proportional credit of E11)
    # does not change when a stage is repeated.
    edge = RUBRICS["edge"]
    grades = {**dict.fromkeys(ALL_GRADES, 1), "J2": 0}
    twice = SchoolProfile(("primary", "junior", "primary"))
    once = SchoolProfile(("primary", "junior"))
    scores = assert_agrees(edge, [{"g": grades}, {"g": grades}], [twice, once])
    assert scores.card(0).item("E11").earned == scores.card(1).item("E11").earned


def test_all_and_any_of_rules_that_do_not_apply_do_not_apply() -> None:
    # No primary or junior grades and a zero denominator: every inner rule of E12 and E13 is
    # not applicable, so the items are not applicable either.
    edge = RUBRICS["edge"]
    answers = {"n": 1, "n2": 1, "den": 0, "g2": {"P4": 1}}
    scores = assert_agrees(edge, [answers], [SchoolProfile(("senior",))])
    assert scores.item_status(0, "E12") is Status.NOT_APPLICABLE
    assert scores.item_status(0, "E13") is Status.NOT_APPLICABLE


def test_any_mapping_will_do() -> None:
    answers = dict(_compliant_primary())
    answers["study_trips"] = MappingProxyType({"P4": 1, "P5": 3})
    frozen = MappingProxyType(answers)
    scores = assert_agrees(SAMPLE, [frozen], [PRIMARY])
    assert scores.item_status(0, "A1.2") is Status.PARTIAL


def test_profiles_default_to_the_universal_profile() -> None:
    answers = [_compliant_primary(), {}]
    with_none = score_many(SAMPLE, answers)
    explicit = score_many(SAMPLE, answers, [SchoolProfile.universal(), None])
    assert with_none.status.tolist() == explicit.status.tolist()
    assert_agrees(SAMPLE, answers, None, with_none)


def test_an_empty_batch() -> None:
    scores = score_many(SAMPLE, [], [])
    assert len(scores) == 0
    assert scores.status.shape == (0, len(SAMPLE.items))
    assert sum(scores.level_distribution().values()) == 0
    assert set(scores.compliance_rates().values()) == {None}


def test_answers_and_profiles_must_pair_up() -> None:
    with pytest.raises(ValueError):
        score_many(SAMPLE, [{}, {}], [PRIMARY])


def test_region_helpers_agree_with_the_cards() -> None:
    answers_list, profiles = _random_schools(SAMPLE, 60, seed=7)
    scores = score_many(SAMPLE, answers_list, profiles)
    cards = [score(SAMPLE, a, p) for a, p in zip(answers_list, profiles, strict=True)]
    levels = [lv.name for lv in SAMPLE.levels]
    assert list(scores.level_distribution()) == levels
    assert scores.level_distribution() == {lv: sum(c.level == lv for c in cards) for lv in levels}
    counts = scores.status_counts()
    rates = scores.compliance_rates()
    for item in SAMPLE.items:
        tally = {s.value: sum(c.item(item.id).status is s for c in cards) for s in Status}
        assert counts[item.id] == tally
        assessed = tally["met"] + tally["partial"] + tally["not_met"]
        expected = round(tally["met"] / assessed * 100, 2) if assessed else None
        assert rates[item.id] == expected
    percents = scores.dimension_percent()
    for i, card in enumerate(cards):
        for k, group in enumerate(card.dimensions):
            value = float(percents[i, k])
            assert (None if math.isnan(value) else value) == group.percent


def test_status_codes() -> None:
    assert [status_code(s) for s in STATUSES] == list(range(len(STATUSES)))
    assert STATUSES[status_code("partial")] is Status.PARTIAL


# ---------------------------------------------------------------------------------------------
# Rounding many figures at once


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=50))
def test_round2_array_rounds_every_figure_as_round2_does(values: list[float]) -> None:
    half_cents = [k / 100 + 0.005 for k in range(-50, 50)]  # round2's decimal fallback
    tricky = [*values, 2.675, 1.005, 0.125, 0.015, *half_cents, 1e15, -1e16, math.inf, -math.inf, math.nan]
    expected = [round2(v) for v in tricky]
    got = round2_array(np.array(tricky)).tolist()
    assert got == pytest.approx(expected, nan_ok=True) and [repr(v) for v in got] == [repr(v) for v in expected]
    # A table of figures (the subtotal percentages are one) is rounded element by element.
    table = np.array(tricky[: len(tricky) // 2 * 2]).reshape(-1, 2)
    assert [repr(v) for v in round2_array(table).ravel().tolist()] == [repr(v) for v in expected[: table.size]]


def test_subtotal_percentages_on_a_half_cent_are_rounded_school_by_school() -> None:
    # School 7 of this sweep earns 10.5 of the 16 points of indicator E-3: 65.625 % → 65.63 %,
    # one of the figures rounded by round2's decimal fallback, inside a (schools × indicators)
    # table.
    edge = RUBRICS["edge"]
    answers_list, profiles = _random_schools(edge, 100, seed=0)
    scores = score_many(edge, answers_list, profiles)
    column = scores.indicator_ids.index("E-3")
    assert (float(scores.indicator_earned[7, column]), float(scores.indicator_possible[7, column])) == (10.5, 16.0)
    assert float(scores.indicator_percent()[7, column]) == 65.63
    for i, (answers, profile) in enumerate(zip(answers_list, profiles, strict=True)):
        card = score(edge, answers, profile)
        percents = [None if math.isnan(v) else v for v in scores.indicator_percent()[i].tolist()]
        assert percents == [group.percent for group in card.indicators]


def test_rubric_fixtures_cover_every_rule_kind() -> None:
    kinds: set[str] = set()
    for rubric in RUBRICS.values():
        for item in rubric.items:
            for rule in (item.rule, item.applies_if):
                if rule is not None:
                    kinds.update(sub.kind for sub in walk_rule(rule))
    assert kinds == {
        "at_least",
        "at_most",
        "between",
        "ratio_at_least",
        "is_true",
        "is_false",
        "each",
        "all",
        "any",
        "deduct",
    }


def test_a_profile_built_with_a_list_of_stages() -> None:
    profile = SchoolProfile(["primary", "junior"])  # type: ignore[arg-type]
    assert_agrees(SAMPLE, [_compliant_primary()], [profile])
