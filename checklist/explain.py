"""The Chinese explanation of every item's result, phrased from the engine's figures.

``explain(plan, school, answers)`` turns one school's :class:`~checklist.engine.SchoolFigures`
into one sentence per item, e.g. 「交流教师6人/符合条件教师40人=15.0%，要求≥15%，达标」. It
decides nothing: whether a rule is met, which grades fall short, why an item does not apply,
how many points are earned or lost — all of that is read from the figures. It only chooses the
words, and quotes the school's own answer where that answer could not be used.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from checklist import model
from checklist.engine import (
    MET,
    PARTIAL,
    Exclusion,
    Node,
    Plan,
    SchoolFigures,
    Verdict,
    Why,
    exclusion,
    missing_inputs,
    round2,
)
from checklist.model import (
    GRADE_NAMES,
    STAGE_NAMES,
    Item,
    PartialMode,
    SchoolProfile,
    is_number,
)

_ROUNDING_LIMIT = 1e15


def format_number(value: float) -> str:
    """A figure as people write it: 6, 1.5, 0.25 — no trailing zeros, at most two decimals."""
    if type(value) is float and value.is_integer() and -1e13 < value < 1e13:
        return str(int(value))  # what the rounding below makes of a whole number (exact here), sooner
    rounded = round2(value)
    if not math.isfinite(rounded) or abs(rounded) >= _ROUNDING_LIMIT:
        return f"{rounded:.6g}"
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0").rstrip(".")


def format_percent(fraction: float, decimals: int | None = None) -> str:
    """0.15 → "15%"; with decimals=1, 0.15 → "15.0%"."""
    value = fraction * 100
    if decimals is not None and abs(value) < _ROUNDING_LIMIT:
        quantum = Decimal(1).scaleb(-decimals)
        return f"{Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)}%"
    return f"{format_number(value)}%"


_fmt = format_number
_percent = format_percent


def requirement_text(rule: model.GradeRule, unit: str) -> str:
    """The threshold in words: ≥60分钟, ≤45人, 1—2次."""
    if isinstance(rule, model.AtLeast):
        return f"≥{_fmt(rule.value)}{unit}"
    if isinstance(rule, model.AtMost):
        if rule.value == 0:
            return f"0{unit}（不得发生）"
        return f"≤{_fmt(rule.value)}{unit}"
    if rule.min == rule.max:
        return f"{_fmt(rule.min)}{unit}"
    return f"{_fmt(rule.min)}—{_fmt(rule.max)}{unit}"


def exclusion_text(item: Item, profile: SchoolProfile, why: Exclusion) -> str:
    """Which part of the school's profile the item's applies_to rules out, in words ("" when
    none does)."""
    scope = item.applies_to
    if why is Exclusion.STAGES:
        wanted = "、".join(STAGE_NAMES[s] for s in scope.stages)
        have = "、".join(STAGE_NAMES.get(s, s) for s in profile.stages)
        return f"本项适用于{wanted}，本校学段为{have}"
    if why is Exclusion.PUBLIC:
        return "本项仅适用于公办学校，本校为民办" if scope.public else "本项仅适用于民办学校，本校为公办"
    if why is Exclusion.BOARDING:
        return "本项仅适用于寄宿制学校，本校非寄宿制" if scope.boarding else "本项仅适用于走读学校，本校为寄宿制"
    if why is Exclusion.CANTEEN:
        return "本项仅适用于有食堂的学校，本校无食堂" if scope.has_canteen else "本项仅适用于无食堂的学校"
    return ""


def profile_excludes(item: Item, profile: SchoolProfile) -> str:
    """Why the item does not apply to a school with this profile, or "" when it does."""
    return exclusion_text(item, profile, exclusion(item, profile))


def explain(plan: Plan, school: SchoolFigures, answers: Mapping[str, Any]) -> list[str]:
    """The explanation of every item of the plan's rubric, in rubric order."""
    phrasing = _Phrasing(plan, school, answers)
    return [phrasing.item(j) for j in range(len(plan.items))]


# Plain ints: the figures hold codes, and comparing ints is quicker than looking up members.
_MET, _NOT_MET, _UNANSWERED, _NA = (int(v) for v in Verdict)
_, _EXCLUDED, _CONDITION_UNANSWERED, _CONDITION_FAILS, _RULE_NOT_APPLICABLE, _RULE_UNANSWERED = (int(w) for w in Why)


@lru_cache(maxsize=1024)
def _excluded_texts(plan: Plan, profile: SchoolProfile) -> tuple[str, ...]:
    """Per item, why it does not apply to a school with this profile ("" when it does)."""
    codes = plan.profile_part(profile).exclusion.tolist()
    return tuple(
        exclusion_text(item, profile, Exclusion(code)) if code else ""
        for item, code in zip(plan.items, codes, strict=True)
    )


@lru_cache(maxsize=32)
def _words(plan: Plan) -> tuple[dict[str, str], dict[str, str]]:
    """Every input's label and unit by key."""
    return {k: i.label for k, i in plan.inputs.items()}, {k: i.unit for k, i in plan.inputs.items()}


class _Phrasing:
    def __init__(self, plan: Plan, school: SchoolFigures, answers: Mapping[str, Any]) -> None:
        self.plan = plan
        self.school = school
        self.answers = answers
        self.labels_by_key, self.units = _words(plan)
        self.excluded: tuple[str, ...] | None = None  # why each item does not apply, when asked
        self.by_kind: dict[str, Callable[[Node, int], str]] = {
            "at_least": self.threshold,
            "at_most": self.threshold,
            "between": self.threshold,
            "ratio_at_least": self.ratio,
            "is_true": self.flag,
            "is_false": self.flag,
            "each": self.each,
            "all": self.combined,
            "any": self.combined,
            "deduct": self.deduct,
        }

    def label(self, key: str) -> str:
        return self.labels_by_key.get(key, key)

    def unit(self, key: str) -> str:
        return self.units.get(key, "")

    def labels(self, keys: Sequence[str]) -> str:
        return "、".join(self.label(k) for k in keys) or "本项"

    # -- an item --------------------------------------------------------------------------

    def item(self, j: int) -> str:
        school, plan = self.school, self.plan
        why = school.why[j]
        if why == _EXCLUDED:
            if self.excluded is None:
                self.excluded = _excluded_texts(plan, school.profile)
            return f"{self.excluded[j]}，不适用"
        condition = plan.conditions[j]
        if condition is not None:
            if why == _CONDITION_UNANSWERED:
                return f"尚未填报：{self.labels(missing_inputs(condition, school))}"
            if why == _CONDITION_FAILS:
                return f"{self.condition_fails(condition)}，不适用"
        rule = plan.rules[j]
        text = self.rule(rule)
        if condition is not None:
            shown = self.condition_holds(condition)
            if shown and text:
                text = f"{shown}；{text}"
        if why == _RULE_NOT_APPLICABLE:
            return f"{text}，不适用"
        if why == _RULE_UNANSWERED:
            waiting = f"尚未填报：{self.labels(missing_inputs(rule, school))}"
            return f"{text}；{waiting}" if text else waiting

        item = plan.items[j]
        status = school.status[j]
        if isinstance(rule.rule, model.Deduct):
            if status == MET:
                return f"{text}，不扣分，达标"
            lost = _fmt(school.lost[j])
            if status == PARTIAL:
                return f"{text}，扣{lost}分，得{_fmt(school.earned[j])}分"
            return f"{text}，扣{lost}分，{'未达标（一票否决项）' if item.veto else '未达标'}"
        if status == MET:
            return f"{text}，达标"
        if status == PARTIAL:
            how = "按比例" if item.partial is PartialMode.PROPORTIONAL else "按档次"
            attained = _percent(school.item_attainment[j])
            return f"{text}，部分达标（达成{attained}，{how}得{_fmt(school.earned[j])}分）"
        verdict = "未达标"
        if item.veto:
            verdict = "未达标（一票否决项）"
        elif item.bonus:
            verdict = "未达到加分条件"
        return f"{text}，{verdict}"

    def condition_fails(self, node: Node) -> str:
        """Why an item's condition (applies_if) rules it out, without the word 要求."""
        rule = node.rule
        if isinstance(rule, model.AtLeast | model.AtMost | model.Between):
            label, unit = self.label(rule.input), self.unit(rule.input)
            x = self.school.value[node.value]
            return f"{label}{_fmt(x)}{unit}，本项仅适用于{label}{requirement_text(rule, unit)}的学校"
        if isinstance(rule, model.IsTrue | model.IsFalse):
            answer = "是" if self.school.flag[node.flag] == 1 else "否"
            wanted = "是" if isinstance(rule, model.IsTrue) else "否"
            return f"{self.label(rule.input)}：{answer}（本项仅适用于此项为“{wanted}”的学校）"
        return "不具备本项适用条件"

    def condition_holds(self, node: Node) -> str:
        """The figures behind a condition that holds, to put in front of the explanation."""
        rule = node.rule
        if isinstance(rule, model.AtLeast | model.AtMost | model.Between):
            return f"{self.label(rule.input)}{_fmt(self.school.value[node.value])}{self.unit(rule.input)}"
        if isinstance(rule, model.IsTrue | model.IsFalse):
            return f"{self.label(rule.input)}：{'是' if self.school.flag[node.flag] == 1 else '否'}"
        return ""

    # -- a rule: what it read and what it asks for (its verdict is the engine's) ----------

    def rule(self, node: Node) -> str:
        verdict = self.school.verdict[node.column]
        kind = node.rule.kind
        if verdict == _UNANSWERED and kind not in ("each", "all", "any"):
            return self.invalid(missing_inputs(node, self.school))
        return self.by_kind[kind](node, verdict)

    def combined(self, node: Node, verdict: int) -> str:
        text = "；".join(t for t in (self.rule(child) for child in node.children) if t)
        if verdict == _MET and isinstance(node.rule, model.AnyOf) and len(node.children) > 1:
            text += "（满足其一即可）"
        return text

    def threshold(self, node: Node, verdict: int) -> str:
        rule = node.rule
        assert isinstance(rule, model.AtLeast | model.AtMost | model.Between)
        unit = self.unit(rule.input)
        shown = f"{self.label(rule.input)}{_fmt(self.school.value[node.value])}{unit}"
        return f"{shown}，要求{requirement_text(rule, unit)}"

    def ratio(self, node: Node, verdict: int) -> str:
        rule = node.rule
        assert isinstance(rule, model.RatioAtLeast)
        value = self.school.value
        d_text = f"{self.label(rule.denominator)}{_fmt(value[node.denominator])}{self.unit(rule.denominator)}"
        if verdict == _NA:
            return f"{d_text}，比例无法计算（分母为0）"
        n_text = f"{self.label(rule.numerator)}{_fmt(value[node.numerator])}{self.unit(rule.numerator)}"
        return f"{n_text}/{d_text}={_percent(self.school.ratio[node.ratio], 1)}，要求≥{_percent(rule.value)}"

    def flag(self, node: Node, verdict: int) -> str:
        rule = node.rule
        assert isinstance(rule, model.IsTrue | model.IsFalse)
        text = f"{self.label(rule.input)}：{'是' if self.school.flag[node.flag] == 1 else '否'}"
        if verdict == _NOT_MET:
            text += f"（要求：{'是' if isinstance(rule, model.IsTrue) else '否'}）"
        return text

    def deduct(self, node: Node, verdict: int) -> str:
        rule = node.rule
        assert isinstance(rule, model.Deduct)
        unit = self.unit(rule.input) or "次"
        shown = f"{self.label(rule.input)}{_fmt(self.school.value[node.value])}{unit}"
        if verdict == _MET:
            return shown
        return f"{shown}，每{unit}扣{_fmt(rule.per)}分，最多扣{_fmt(rule.cap)}分"

    def each(self, node: Node, verdict: int) -> str:
        rule = node.rule
        assert isinstance(rule, model.Each)
        school = self.school
        label = self.label(rule.input)
        grades = school.shown[node.each]
        if verdict == _NA:
            return f"{label}：本校没有本项所列年级"
        if verdict == _UNANSWERED:
            names = "、".join(GRADE_NAMES[g] for g in grades if not school.valid[node.grade_units[g][1]])
            return f"{label}：{names}尚未填报"
        unit = self.unit(rule.input)
        parts = []
        failing = []
        for grade in grades:
            unit_index, value = node.grade_units[grade]
            parts.append(f"{GRADE_NAMES[grade]}{_fmt(school.value[value])}{unit}")
            if not school.unit_ok[unit_index]:
                failing.append(GRADE_NAMES[grade])
        text = f"{label}：{'、'.join(parts)}；要求每个年级{requirement_text(rule.rule, unit)}"
        if failing:
            text += f"，{'、'.join(failing)}未达到"
        return text

    def invalid(self, keys: Sequence[str]) -> str:
        """The answers that were given but could not be used as figures, quoted."""
        bad = [k for k in keys if _unusable(self.answers.get(k))]
        if not bad:
            return ""
        return "填报值无效：" + "、".join(f"{self.label(k)}“{self.answers[k]}”" for k in bad)


def _unusable(value: object) -> bool:
    """An answer given that is neither a figure nor a yes/no nor a per-grade table."""
    return value is not None and not is_number(value) and not isinstance(value, bool | Mapping)
