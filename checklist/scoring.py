"""The scoring engine: ``score(rubric, answers, profile) -> ScoreCard``.

Pure and deterministic: the same rubric, answers and profile always give the same card, and
nothing passed in is changed. Every item gets a status, points earned and possible, and an
explanation in Chinese built from its rule and the school's figures, e.g.
「交流教师6人/符合条件教师40人=15.0%，要求≥15%，达标」.

Arithmetic: each item's points are rounded to two decimals (half up), as a scorer writes them
on the table; the totals add those up, and the total percent is rounded the same way before
the level is looked up, so the level always agrees with the figure shown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, TypeGuard

from checklist.model import (
    GRADE_NAMES,
    GRADES_BY_STAGE,
    STAGE_NAMES,
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Between,
    Deduct,
    Each,
    GradeRule,
    Input,
    IsFalse,
    IsTrue,
    Item,
    PartialMode,
    RatioAtLeast,
    Rubric,
    Rule,
    SchoolProfile,
)


class Status(StrEnum):
    """The result of one item."""

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


_MET, _PARTIAL, _NOT_MET, _NA, _UNANSWERED = (
    Status.MET,
    Status.PARTIAL,
    Status.NOT_MET,
    Status.NOT_APPLICABLE,
    Status.UNANSWERED,
)
_STATUS_VALUES = tuple(s.value for s in Status)

STATUS_LABELS: Mapping[Status, str] = {
    Status.MET: "达标",
    Status.PARTIAL: "部分达标",
    Status.NOT_MET: "未达标",
    Status.NOT_APPLICABLE: "不适用",
    Status.UNANSWERED: "未填报",
}


@dataclass(frozen=True)
class ItemResult:
    """One item's result. ``possible`` is 0 for an item that does not apply."""

    item_id: str
    title: str
    status: Status
    earned: float
    possible: float
    explanation: str
    attainment: float | None = None  # 0..1 where the rule measures a degree; None otherwise
    veto: bool = False
    bonus: bool = False
    missing: tuple[str, ...] = ()  # input keys still to fill in when unanswered

    @property
    def counts_in_total(self) -> bool:
        return not self.bonus and self.status is not Status.NOT_APPLICABLE

    @property
    def lost(self) -> float:
        """Points lost (扣分) on an applicable, non-bonus item."""
        return round(self.possible - self.earned, 2) if self.counts_in_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "title": self.title,
            "status": self.status.value,
            "status_label": self.status.label,
            "earned": self.earned,
            "possible": self.possible,
            "explanation": self.explanation,
            "veto": self.veto,
            "bonus": self.bonus,
        }


@dataclass(frozen=True)
class GroupResult:
    """A dimension's (一级指标) or indicator's (二级指标) subtotal, bonus items excluded."""

    id: str
    title: str
    earned: float
    possible: float
    counts: Mapping[str, int]

    @property
    def percent(self) -> float | None:
        if self.possible == 0:
            return None
        return _round2(self.earned / self.possible * 100)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "earned": self.earned,
            "possible": self.possible,
            "percent": self.percent,
            "counts": dict(self.counts),
        }


@dataclass(frozen=True)
class ScoreCard:
    """The whole result for one school against one rubric."""

    rubric_id: str
    rubric_version: int
    earned: float
    possible: float
    base_percent: float
    bonus_points: float
    total_percent: float
    level: str
    veto_failed: bool
    veto_items: tuple[str, ...]
    dimensions: tuple[GroupResult, ...]
    indicators: tuple[GroupResult, ...]
    items: tuple[ItemResult, ...]

    def item(self, item_id: str) -> ItemResult:
        for result in self.items:
            if result.item_id == item_id:
                return result
        raise KeyError(item_id)

    @property
    def by_id(self) -> Mapping[str, ItemResult]:
        return {r.item_id: r for r in self.items}

    @property
    def unanswered(self) -> tuple[ItemResult, ...]:
        """Applicable, non-bonus items still to be answered before submission."""
        return tuple(r for r in self.items if r.status is Status.UNANSWERED and not r.bonus)

    @property
    def applicable_count(self) -> int:
        return sum(1 for r in self.items if r.status is not Status.NOT_APPLICABLE and not r.bonus)

    @property
    def answered_count(self) -> int:
        return self.applicable_count - len(self.unanswered)

    def counts(self) -> dict[str, int]:
        return _counts(self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric_id,
            "version": self.rubric_version,
            "total_percent": self.total_percent,
            "base_percent": self.base_percent,
            "bonus_points": self.bonus_points,
            "earned": self.earned,
            "possible": self.possible,
            "level": self.level,
            "veto_failed": self.veto_failed,
            "veto_items": list(self.veto_items),
            "counts": self.counts(),
            "dimensions": [d.to_dict() for d in self.dimensions],
            "items": [r.to_dict() for r in self.items],
        }


# ---------------------------------------------------------------------------------------------


def score(
    rubric: Rubric,
    answers: Mapping[str, Any],
    profile: SchoolProfile | None = None,
) -> ScoreCard:
    """Score one school's answers against a rubric.

    ``answers`` maps input keys to values: numbers, booleans, strings, and for a ``grades``
    input a mapping from grade code to number (``{"P4": 1, "P5": 2}``). Missing keys are
    unanswered. Values of the wrong type are treated as unanswered and named in the
    explanation; ``checklist.answers.validate_answers`` reports them properly.
    """
    profile = profile or SchoolProfile.universal()
    context = _Context(rubric, answers, profile)
    results = tuple(_score_item(item, context) for item in rubric.items)
    return _card(rubric, results)


@dataclass(frozen=True)
class Override:
    """An inspector's result for an item, replacing the engine's (核定), with the reason."""

    status: Status
    reason: str
    earned: float | None = None  # the points, for 部分达标


def apply_overrides(rubric: Rubric, card: ScoreCard, overrides: Mapping[str, Override]) -> ScoreCard:
    """The card with some items' results set by an inspector; totals and level recomputed."""
    results = []
    for result in card.items:
        override = overrides.get(result.item_id)
        if override is None:
            results.append(result)
            continue
        item = rubric.item(result.item_id)
        points = item.points
        if override.status is Status.NOT_APPLICABLE:
            earned, possible = 0.0, 0.0
        elif override.status is Status.MET:
            earned, possible = points, points
        elif override.status is Status.PARTIAL:
            earned, possible = min(max(override.earned or 0.0, 0.0), points), points
        else:
            earned, possible = 0.0, points
        results.append(
            replace(
                result,
                status=override.status,
                earned=_round2(earned),
                possible=_round2(possible),
                explanation=f"{result.explanation}；督学核定为{override.status.label}：{override.reason}",
            )
        )
    return _card(rubric, tuple(results))


def _card(rubric: Rubric, results: tuple[ItemResult, ...]) -> ScoreCard:
    # Sums in integer cents: exact, and fast.
    earned_c = possible_c = bonus_c = 0
    veto_items: list[str] = []
    for r in results:
        status = r.status
        if status is _NA:
            continue
        if r.bonus:
            bonus_c += _cents(r.earned)
            continue
        earned_c += _cents(r.earned)
        possible_c += _cents(r.possible)
        if r.veto and (status is _NOT_MET or status is _PARTIAL):
            veto_items.append(r.item_id)
    bonus_c = min(bonus_c, _cents(rubric.bonus_cap))
    base_hundredths = _ratio_hundredths(earned_c, possible_c)
    total = (base_hundredths + bonus_c) / 100
    if veto_items:
        level = rubric.lowest_level.name
    else:
        level = next((lv.name for lv in rubric.levels if total >= lv.min_percent), rubric.lowest_level.name)
    by_id = {r.item_id: r for r in results}
    dimensions: list[GroupResult] = []
    indicators: list[GroupResult] = []
    for dimension in rubric.dimensions:
        dimensions.append(_group(dimension.id, dimension.title, [by_id[i.id] for i in dimension.items]))
        for indicator in dimension.indicators:
            indicators.append(_group(indicator.id, indicator.title, [by_id[i.id] for i in indicator.items]))
    return ScoreCard(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        earned=earned_c / 100,
        possible=possible_c / 100,
        base_percent=base_hundredths / 100,
        bonus_points=bonus_c / 100,
        total_percent=total,
        level=level,
        veto_failed=bool(veto_items),
        veto_items=tuple(veto_items),
        dimensions=tuple(dimensions),
        indicators=tuple(indicators),
        items=results,
    )


def _ratio_hundredths(earned_c: int, possible_c: int) -> int:
    """earned / possible × 100, in hundredths of a percent, rounded half up — exactly."""
    if possible_c <= 0:
        return 0
    quotient, remainder = divmod(earned_c * 10_000, possible_c)
    return quotient + (1 if 2 * remainder >= possible_c else 0)


def _cents(value: float) -> int:
    return round(value * 100)


def _group(group_id: str, title: str, results: Sequence[ItemResult]) -> GroupResult:
    earned_c = possible_c = 0
    for r in results:
        if r.status is not _NA and not r.bonus:
            earned_c += _cents(r.earned)
            possible_c += _cents(r.possible)
    return GroupResult(
        id=group_id,
        title=title,
        earned=earned_c / 100,
        possible=possible_c / 100,
        counts=_counts(results),
    )


def _counts(results: Sequence[ItemResult]) -> dict[str, int]:
    counts = dict.fromkeys(_STATUS_VALUES, 0)
    for r in results:
        counts[r.status.value] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# One item


class _State(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNANSWERED = "unanswered"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class _Outcome:
    """What a rule says about the figures: a state, a degree of attainment, and the words."""

    state: _State
    attainment: float  # 1.0 when met; 0..1 otherwise
    text: str
    missing: tuple[str, ...] = ()
    deducted: float = 0.0  # for deduct rules


class _Context:
    def __init__(self, rubric: Rubric, answers: Mapping[str, Any], profile: SchoolProfile) -> None:
        self.rubric = rubric
        self.answers = answers
        self.profile = profile
        self.inputs = rubric.inputs

    def label(self, key: str) -> str:
        inp = self.inputs.get(key)
        return inp.label if inp else key

    def unit(self, key: str) -> str:
        inp = self.inputs.get(key)
        return inp.unit if inp else ""


def _score_item(item: Item, ctx: _Context) -> ItemResult:
    reason = profile_excludes(item, ctx.profile)
    if reason:
        return _result(item, Status.NOT_APPLICABLE, 0.0, 0.0, f"{reason}，不适用")
    points = item.points
    if item.applies_if is not None:
        condition = _evaluate(item.applies_if, ctx, item)
        if condition.state is _State.UNANSWERED:
            return _result(
                item,
                Status.UNANSWERED,
                0.0,
                points,
                f"尚未填报：{_labels(ctx, condition.missing)}",
                missing=condition.missing,
            )
        if condition.state is not _State.MET:
            return _result(item, Status.NOT_APPLICABLE, 0.0, 0.0, f"{_condition_text(item.applies_if, ctx)}，不适用")
    outcome = _evaluate(item.rule, ctx, item)
    if item.applies_if is not None:
        shown = _condition_shown(item.applies_if, ctx)
        if shown and outcome.text:
            outcome = replace(outcome, text=f"{shown}；{outcome.text}")
    if outcome.state is _State.NOT_APPLICABLE:
        return _result(item, Status.NOT_APPLICABLE, 0.0, 0.0, f"{outcome.text}，不适用")
    if outcome.state is _State.UNANSWERED:
        text = f"尚未填报：{_labels(ctx, outcome.missing)}"
        if outcome.text:
            text = f"{outcome.text}；{text}"
        return _result(item, Status.UNANSWERED, 0.0, points, text, missing=outcome.missing)

    if isinstance(item.rule, Deduct):
        return _deduct_result(item, outcome)
    if outcome.state is _State.MET:
        return _result(item, Status.MET, points, points, f"{outcome.text}，达标", attainment=1.0)

    credit = _credit(item, outcome.attainment)
    earned = _round2(points * credit)
    if earned > 0:
        how = "按比例" if item.partial is PartialMode.PROPORTIONAL else "按档次"
        text = f"{outcome.text}，部分达标（达成{_percent(outcome.attainment)}，{how}得{_fmt(earned)}分）"
        return _result(item, Status.PARTIAL, earned, points, text, attainment=outcome.attainment)
    verdict = "未达标"
    if item.veto:
        verdict = "未达标（一票否决项）"
    elif item.bonus:
        verdict = "未达到加分条件"
    return _result(item, Status.NOT_MET, 0.0, points, f"{outcome.text}，{verdict}", attainment=outcome.attainment)


def _condition_text(rule: Rule, ctx: _Context) -> str:
    """Why an item's condition (applies_if) rules it out, without the word 要求."""
    if isinstance(rule, AtLeast | AtMost | Between):
        label, unit = ctx.label(rule.input), ctx.unit(rule.input)
        x = _number(ctx.answers, rule.input)
        return f"{label}{_fmt(x or 0)}{unit}，本项仅适用于{label}{requirement_text(rule, unit)}的学校"
    if isinstance(rule, IsTrue | IsFalse):
        answer = "是" if isinstance(rule, IsFalse) else "否"
        wanted = "否" if isinstance(rule, IsFalse) else "是"
        return f"{ctx.label(rule.input)}：{answer}（本项仅适用于此项为“{wanted}”的学校）"
    return "不具备本项适用条件"


def _condition_shown(rule: Rule, ctx: _Context) -> str:
    """The figures behind a condition that holds, to put in front of the explanation."""
    if isinstance(rule, AtLeast | AtMost | Between):
        x = _number(ctx.answers, rule.input)
        return f"{ctx.label(rule.input)}{_fmt(x or 0)}{ctx.unit(rule.input)}"
    if isinstance(rule, IsTrue | IsFalse):
        return f"{ctx.label(rule.input)}：{'是' if isinstance(rule, IsTrue) else '否'}"
    return ""


def _deduct_result(item: Item, outcome: _Outcome) -> ItemResult:
    points = item.points
    if outcome.deducted == 0:
        return _result(item, Status.MET, points, points, f"{outcome.text}，不扣分，达标", attainment=1.0)
    earned = _round2(max(points - outcome.deducted, 0.0))
    lost = _round2(points - earned)
    if earned > 0:
        return _result(
            item,
            Status.PARTIAL,
            earned,
            points,
            f"{outcome.text}，扣{_fmt(lost)}分，得{_fmt(earned)}分",
            attainment=earned / points,
        )
    verdict = "未达标（一票否决项）" if item.veto else "未达标"
    return _result(item, Status.NOT_MET, 0.0, points, f"{outcome.text}，扣{_fmt(lost)}分，{verdict}", attainment=0.0)


def _credit(item: Item, attainment: float) -> float:
    if item.partial is PartialMode.PROPORTIONAL:
        return max(0.0, min(attainment, 1.0))
    if item.partial is PartialMode.BANDS:
        for band in item.bands:
            if attainment >= band.attainment:
                return band.credit
    return 0.0


def _result(
    item: Item,
    status: Status,
    earned: float,
    possible: float,
    explanation: str,
    attainment: float | None = None,
    missing: tuple[str, ...] = (),
) -> ItemResult:
    return ItemResult(
        item_id=item.id,
        title=item.title,
        status=status,
        earned=_round2(earned),
        possible=_round2(possible),
        explanation=explanation,
        attainment=attainment,
        veto=item.veto,
        bonus=item.bonus,
        missing=missing,
    )


def profile_excludes(item: Item, profile: SchoolProfile) -> str:
    scope = item.applies_to
    if scope.stages and not set(scope.stages) & set(profile.stages):
        wanted = "、".join(STAGE_NAMES[s] for s in scope.stages)
        have = "、".join(STAGE_NAMES.get(s, s) for s in profile.stages)
        return f"本项适用于{wanted}，本校学段为{have}"
    if scope.public is not None and scope.public != profile.public:
        return "本项仅适用于公办学校，本校为民办" if scope.public else "本项仅适用于民办学校，本校为公办"
    if scope.boarding is not None and scope.boarding != profile.boarding:
        return "本项仅适用于寄宿制学校，本校非寄宿制" if scope.boarding else "本项仅适用于走读学校，本校为寄宿制"
    if scope.has_canteen is not None and scope.has_canteen != profile.has_canteen:
        return "本项仅适用于有食堂的学校，本校无食堂" if scope.has_canteen else "本项仅适用于无食堂的学校"
    return ""


# ---------------------------------------------------------------------------------------------
# Rules


def _evaluate(rule: Rule, ctx: _Context, item: Item) -> _Outcome:
    if isinstance(rule, AtLeast | AtMost | Between):
        x = _number(ctx.answers, rule.input)
        if x is None:
            return _unanswered(ctx, rule.input)
        shown = f"{ctx.label(rule.input)}{_fmt(x)}{ctx.unit(rule.input)}"
        return _threshold(rule, x, shown, ctx.unit(rule.input))
    if isinstance(rule, RatioAtLeast):
        return _ratio(rule, ctx)
    if isinstance(rule, IsTrue | IsFalse):
        value = ctx.answers.get(rule.input)
        if not isinstance(value, bool):
            return _unanswered(ctx, rule.input)
        wanted = isinstance(rule, IsTrue)
        text = f"{ctx.label(rule.input)}：{'是' if value else '否'}"
        if value != wanted:
            text += f"（要求：{'是' if wanted else '否'}）"
        return _Outcome(_State.MET if value == wanted else _State.NOT_MET, float(value == wanted), text)
    if isinstance(rule, Each):
        return _each(rule, ctx, item)
    if isinstance(rule, AllOf | AnyOf):
        return _combine(rule, ctx, item)
    return _deduct(rule, ctx)


def requirement_text(rule: GradeRule, unit: str) -> str:
    """The threshold in words: ≥60分钟, ≤45人, 1—2次."""
    if isinstance(rule, AtLeast):
        return f"≥{_fmt(rule.value)}{unit}"
    if isinstance(rule, AtMost):
        if rule.value == 0:
            return f"0{unit}（不得发生）"
        return f"≤{_fmt(rule.value)}{unit}"
    if rule.min == rule.max:
        return f"{_fmt(rule.min)}{unit}"
    return f"{_fmt(rule.min)}—{_fmt(rule.max)}{unit}"


def _threshold(rule: GradeRule, x: float, shown: str, unit: str) -> _Outcome:
    if isinstance(rule, AtLeast):
        ok = x >= rule.value
        att = 1.0 if ok else (x / rule.value if rule.value > 0 else 0.0)
    elif isinstance(rule, AtMost):
        ok = x <= rule.value
        att = 1.0 if ok else (rule.value / x if x > 0 else 0.0)
    else:
        ok = rule.min <= x <= rule.max
        if ok:
            att = 1.0
        elif x < rule.min:
            att = x / rule.min if rule.min > 0 else 0.0
        else:
            att = rule.max / x if x > 0 else 0.0
    return _Outcome(_state(ok), _clip(att), f"{shown}，要求{requirement_text(rule, unit)}")


def _ratio(rule: RatioAtLeast, ctx: _Context) -> _Outcome:
    n = _number(ctx.answers, rule.numerator)
    d = _number(ctx.answers, rule.denominator)
    missing = tuple(k for k, v in ((rule.numerator, n), (rule.denominator, d)) if v is None)
    if missing:
        return _Outcome(_State.UNANSWERED, 0.0, _invalid_text(ctx, missing), missing)
    assert n is not None and d is not None
    n_text = f"{ctx.label(rule.numerator)}{_fmt(n)}{ctx.unit(rule.numerator)}"
    d_text = f"{ctx.label(rule.denominator)}{_fmt(d)}{ctx.unit(rule.denominator)}"
    if d == 0:
        return _Outcome(_State.NOT_APPLICABLE, 0.0, f"{d_text}，比例无法计算（分母为0）")
    ratio = n / d
    ok = ratio >= rule.value - 1e-12
    att = 1.0 if ok else (ratio / rule.value if rule.value > 0 else 0.0)
    text = f"{n_text}/{d_text}={_percent(ratio, 1)}，要求≥{_percent(rule.value)}"
    return _Outcome(_state(ok), _clip(att), text)


def _each(rule: Each, ctx: _Context, item: Item) -> _Outcome:
    grades = grades_shown(item, ctx.inputs.get(rule.input), ctx.profile)
    label = ctx.label(rule.input)
    if not grades:
        return _Outcome(_State.NOT_APPLICABLE, 0.0, f"{label}：本校没有本项所列年级")
    raw = ctx.answers.get(rule.input)
    values: dict[str, float] = {}
    if isinstance(raw, Mapping):
        for grade in grades:
            v = raw.get(grade)
            if _is_number(v):
                values[grade] = float(v)
    missing_grades = [g for g in grades if g not in values]
    if missing_grades:
        names = "、".join(GRADE_NAMES[g] for g in missing_grades)
        return _Outcome(_State.UNANSWERED, 0.0, f"{label}：{names}尚未填报", (rule.input,))
    unit = ctx.unit(rule.input)
    failing: list[str] = []
    attainments: list[float] = []
    parts: list[str] = []
    for grade in grades:
        x = values[grade]
        parts.append(f"{GRADE_NAMES[grade]}{_fmt(x)}{unit}")
        outcome = _threshold(rule.rule, x, "", unit)
        attainments.append(outcome.attainment)
        if outcome.state is not _State.MET:
            failing.append(GRADE_NAMES[grade])
    text = f"{label}：{'、'.join(parts)}；要求每个年级{requirement_text(rule.rule, unit)}"
    if failing:
        text += f"，{'、'.join(failing)}未达到"
    met_share = (len(grades) - len(failing)) / len(grades)
    return _Outcome(_state(not failing), met_share if failing else 1.0, text)


def _combine(rule: AllOf | AnyOf, ctx: _Context, item: Item) -> _Outcome:
    outcomes = [_evaluate(sub, ctx, item) for sub in rule.rules]
    text = "；".join(o.text for o in outcomes if o.text)
    missing = tuple(dict.fromkeys(k for o in outcomes for k in o.missing))
    relevant = [o for o in outcomes if o.state is not _State.NOT_APPLICABLE]
    if isinstance(rule, AnyOf):
        if any(o.state is _State.MET for o in relevant):
            return _Outcome(_State.MET, 1.0, text + "（满足其一即可）" if len(outcomes) > 1 else text)
        if missing:
            return _Outcome(_State.UNANSWERED, 0.0, text, missing)
        if not relevant:
            return _Outcome(_State.NOT_APPLICABLE, 0.0, text)
        return _Outcome(_State.NOT_MET, max(o.attainment for o in relevant), text)
    if missing:
        return _Outcome(_State.UNANSWERED, 0.0, text, missing)
    if not relevant:
        return _Outcome(_State.NOT_APPLICABLE, 0.0, text)
    met = sum(1 for o in relevant if o.state is _State.MET)
    if met == len(relevant):
        return _Outcome(_State.MET, 1.0, text)
    return _Outcome(_State.NOT_MET, sum(o.attainment for o in relevant) / len(relevant), text)


def _deduct(rule: Deduct, ctx: _Context) -> _Outcome:
    count = _number(ctx.answers, rule.input)
    if count is None:
        return _unanswered(ctx, rule.input)
    unit = ctx.unit(rule.input) or "次"
    shown = f"{ctx.label(rule.input)}{_fmt(count)}{unit}"
    if count <= 0:
        return _Outcome(_State.MET, 1.0, shown, deducted=0.0)
    deducted = min(rule.per * count, rule.cap)
    text = f"{shown}，每{unit}扣{_fmt(rule.per)}分，最多扣{_fmt(rule.cap)}分"
    return _Outcome(_State.NOT_MET, 0.0, text, deducted=deducted)


# ---------------------------------------------------------------------------------------------
# Helpers shared with the rest of the package


def grades_shown(item: Item, inp: Input | None, profile: SchoolProfile) -> tuple[str, ...]:
    """The grades a ``grades`` input asks about for this school: those of the school's stages
    that the item names (all the school's stages when it names none), limited to the input's
    own grade list when it has one (小学四、五年级)."""
    stages = [s for s in profile.stages if not item.applies_to.stages or s in item.applies_to.stages]
    grades = [g for s in stages for g in GRADES_BY_STAGE.get(s, ())]
    if inp is not None and inp.grades:
        grades = [g for g in grades if g in inp.grades]
    return tuple(grades)


def _number(answers: Mapping[str, Any], key: str) -> float | None:
    value = answers.get(key)
    return float(value) if _is_number(value) else None


def _is_number(value: object) -> TypeGuard[int | float]:
    """An int or float, not a bool, finite (an int too large for a float is not usable)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _unanswered(ctx: _Context, key: str) -> _Outcome:
    return _Outcome(_State.UNANSWERED, 0.0, _invalid_text(ctx, (key,)), (key,))


def _invalid_text(ctx: _Context, keys: Sequence[str]) -> str:
    bad = [
        k
        for k in keys
        if ctx.answers.get(k) is not None
        and not _is_number(ctx.answers.get(k))
        and not isinstance(ctx.answers.get(k), bool | Mapping)
    ]
    if not bad:
        return ""
    return "填报值无效：" + "、".join(f"{ctx.label(k)}“{ctx.answers[k]}”" for k in bad)


def _labels(ctx: _Context, keys: Sequence[str]) -> str:
    return "、".join(ctx.label(k) for k in keys) or "本项"


def _state(ok: bool) -> _State:
    return _State.MET if ok else _State.NOT_MET


def _clip(value: float) -> float:
    return max(0.0, min(1.0, value))


_ROUNDING_LIMIT = 1e15  # beyond this a float has no cents to round (and Decimal would overflow)


def _round2(value: float) -> float:
    """Round to cents, half up, as the decimal figure reads (2.675 → 2.68)."""
    if not math.isfinite(value) or abs(value) >= _ROUNDING_LIMIT:
        return value
    scaled = value * 100
    nearest = math.floor(scaled + 0.5)
    if abs(scaled - (nearest - 0.5)) > 1e-6:  # not near a half: the float is unambiguous
        return nearest / 100
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _fmt(value: float) -> str:
    """A figure as people write it: 6, 1.5, 0.25 — no trailing zeros, at most two decimals."""
    rounded = _round2(value)
    if not math.isfinite(rounded) or abs(rounded) >= _ROUNDING_LIMIT:
        return f"{rounded:.6g}"
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0").rstrip(".")


def _percent(fraction: float, decimals: int | None = None) -> str:
    """0.15 → "15%"; with decimals=1, 0.15 → "15.0%"."""
    value = fraction * 100
    if decimals is not None and abs(value) < _ROUNDING_LIMIT:
        quantum = Decimal(1).scaleb(-decimals)
        return f"{Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)}%"
    return f"{_fmt(value)}%"


format_number = _fmt
format_percent = _percent
round2 = _round2
