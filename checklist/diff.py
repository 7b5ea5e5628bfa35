"""Comparing two rubrics: which requirements changed their thresholds, which only one has.

Two items are taken for the same requirement when their rules read the same inputs (input
keys are shared across rubrics by convention: ``exchange_teachers`` is the same figure in 营口's
rubric and in city X's), or, failing that, when they have the same id in two versions of the
same rubric.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checklist import model
from checklist.model import (
    Input,
    Item,
    Rubric,
    Rule,
    rule_inputs,
)
from checklist.scoring import format_number as fmt
from checklist.scoring import format_percent, requirement_text


def describe_rule(rule: Rule, inputs: Mapping[str, Input]) -> str:
    """The requirement a rule sets, in words: 交流教师/符合条件教师≥10%, 研学每个年级1—2次."""

    def label(key: str) -> str:
        return inputs[key].label if key in inputs else key

    def unit(key: str) -> str:
        return inputs[key].unit if key in inputs else ""

    if isinstance(rule, model.AtLeast | model.AtMost | model.Between):
        return f"{label(rule.input)}{requirement_text(rule, unit(rule.input))}"
    if isinstance(rule, model.RatioAtLeast):
        return f"{label(rule.numerator)}/{label(rule.denominator)}≥{format_percent(rule.value)}"
    if isinstance(rule, model.IsTrue):
        return f"{label(rule.input)}：是"
    if isinstance(rule, model.IsFalse):
        return f"{label(rule.input)}：否"
    if isinstance(rule, model.Each):
        return f"{label(rule.input)}每个年级{requirement_text(rule.rule, unit(rule.input))}"
    if isinstance(rule, model.AllOf):
        return "；".join(describe_rule(r, inputs) for r in rule.rules)
    if isinstance(rule, model.AnyOf):
        return "或".join(describe_rule(r, inputs) for r in rule.rules)
    assert isinstance(rule, model.Deduct)
    u = unit(rule.input) or "次"
    return f"{label(rule.input)}每{u}扣{fmt(rule.per)}分，最多扣{fmt(rule.cap)}分"


def thresholds(rule: Rule) -> tuple[Any, ...]:
    """A comparable form of a rule's numbers and kinds (labels left out)."""
    if isinstance(rule, model.AtLeast | model.AtMost):
        return (rule.kind, rule.input, rule.value)
    if isinstance(rule, model.Between):
        return (rule.kind, rule.input, rule.min, rule.max)
    if isinstance(rule, model.RatioAtLeast):
        return (rule.kind, rule.numerator, rule.denominator, rule.value)
    if isinstance(rule, model.IsTrue | model.IsFalse):
        return (rule.kind, rule.input)
    if isinstance(rule, model.Each):
        return (rule.kind, rule.input, thresholds(rule.rule))
    if isinstance(rule, model.AllOf | model.AnyOf):
        return (rule.kind, tuple(sorted((thresholds(r) for r in rule.rules), key=repr)))
    return (rule.kind, rule.input, rule.per, rule.cap)


@dataclass(frozen=True)
class ItemChange:
    """The same requirement in both rubrics, with what differs."""

    a: Item
    b: Item
    requirement_a: str
    requirement_b: str
    differences: tuple[str, ...]  # "threshold", "points", "veto", "applies_to"

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": {"id": self.a.id, "title": self.a.title, "requirement": self.requirement_a, "points": self.a.points},
            "b": {"id": self.b.id, "title": self.b.title, "requirement": self.requirement_b, "points": self.b.points},
            "differences": list(self.differences),
        }


@dataclass(frozen=True)
class RubricDiff:
    a: Rubric
    b: Rubric
    changed: tuple[ItemChange, ...]
    unchanged: tuple[tuple[Item, Item], ...]
    only_a: tuple[Item, ...]
    only_b: tuple[Item, ...]

    @property
    def threshold_changes(self) -> tuple[ItemChange, ...]:
        return tuple(c for c in self.changed if "threshold" in c.differences)

    def to_dict(self) -> dict[str, Any]:
        a_inputs, b_inputs = self.a.inputs, self.b.inputs
        return {
            "a": self.a.label,
            "b": self.b.label,
            "changed": [c.to_dict() for c in self.changed],
            "unchanged": [[x.id, y.id] for x, y in self.unchanged],
            "only_a": [_item_dict(i, a_inputs) for i in self.only_a],
            "only_b": [_item_dict(i, b_inputs) for i in self.only_b],
        }


def _item_dict(item: Item, inputs: Mapping[str, Input]) -> dict[str, Any]:
    return {"id": item.id, "title": item.title, "requirement": describe_rule(item.rule, inputs)}


def diff_rubrics(a: Rubric, b: Rubric) -> RubricDiff:
    """Pair the items of two rubrics and say what differs."""
    pairs: list[tuple[Item, Item]] = []
    b_left = list(b.items)
    a_left: list[Item] = []
    b_by_signature: dict[frozenset[str], list[Item]] = {}
    for item in b.items:
        b_by_signature.setdefault(frozenset(rule_inputs(item.rule)), []).append(item)
    for item in a.items:
        candidates = [c for c in b_by_signature.get(frozenset(rule_inputs(item.rule)), []) if c in b_left]
        if candidates:
            match = next((c for c in candidates if c.id == item.id), candidates[0])
            pairs.append((item, match))
            b_left.remove(match)
        else:
            a_left.append(item)
    if a.id == b.id:
        for item in list(a_left):
            same_id = next((c for c in b_left if c.id == item.id), None)
            if same_id is not None:
                pairs.append((item, same_id))
                a_left.remove(item)
                b_left.remove(same_id)
    changed: list[ItemChange] = []
    unchanged: list[tuple[Item, Item]] = []
    for x, y in pairs:
        differences = []
        if thresholds(x.rule) != thresholds(y.rule):
            differences.append("threshold")
        if x.points != y.points:
            differences.append("points")
        if x.veto != y.veto:
            differences.append("veto")
        if x.applies_to != y.applies_to:
            differences.append("applies_to")
        if differences:
            changed.append(
                ItemChange(
                    x,
                    y,
                    describe_rule(x.rule, a.inputs),
                    describe_rule(y.rule, b.inputs),
                    tuple(differences),
                )
            )
        else:
            unchanged.append((x, y))
    changed.sort(key=lambda c: ("threshold" not in c.differences, c.a.id))
    return RubricDiff(a, b, tuple(changed), tuple(unchanged), tuple(a_left), tuple(b_left))
