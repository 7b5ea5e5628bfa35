"""Synthetic but plausible answers for a rubric: for benchmarks, demos and tests.

Each item is met with probability ``comply``; otherwise its figures fall short by a random
margin, so a batch of synthetic schools spreads over every level and every status. The same
seed gives the same answers.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from typing import Any

from checklist.model import (
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Between,
    Deduct,
    Each,
    Input,
    InputType,
    IsFalse,
    IsTrue,
    Item,
    RatioAtLeast,
    Rubric,
    Rule,
    SchoolProfile,
)
from checklist.scoring import grades_shown

DISTRICTS = ("站前区", "西市区", "鲅鱼圈区", "老边区", "大石桥市", "盖州市")
PROFILES = (
    SchoolProfile(stages=("primary",), public=True, boarding=False, has_canteen=True),
    SchoolProfile(stages=("junior",), public=True, boarding=True, has_canteen=True),
    SchoolProfile(stages=("primary", "junior"), public=True, boarding=False, has_canteen=True),
    SchoolProfile(stages=("senior",), public=True, boarding=True, has_canteen=True),
    SchoolProfile(stages=("primary",), public=False, boarding=False, has_canteen=False),
    SchoolProfile(stages=("kindergarten",), public=True, boarding=False, has_canteen=True),
)
_NAMES = ("实验", "第一", "第二", "育才", "光明", "向阳", "新华", "东风", "明德", "启智")
_KINDS = {
    "primary": "小学",
    "junior": "初级中学",
    "senior": "高级中学",
    "kindergarten": "幼儿园",
}


def synthetic_school(index: int) -> tuple[str, str, str, SchoolProfile]:
    """(name, code, district, profile) of the index-th synthetic school."""
    profile = PROFILES[index % len(PROFILES)]
    district = DISTRICTS[index % len(DISTRICTS)]
    kind = "九年一贯制学校" if len(profile.stages) > 1 else _KINDS.get(profile.stages[0], "学校")
    name = f"{district}{_NAMES[(index // len(DISTRICTS)) % len(_NAMES)]}{kind}"
    if index >= len(DISTRICTS) * len(_NAMES):
        name = f"{district}第{index + 1}{kind}"
    return name, f"2108{index:06d}", district, profile


def synthetic_answers(
    rubric: Rubric,
    profile: SchoolProfile,
    seed: int = 0,
    comply: float = 0.8,
) -> dict[str, Any]:
    """Answers to every input of the rubric, meeting each item with probability ``comply``."""
    rng = random.Random(seed)
    filler = _Filler(rubric.inputs, profile, rng)
    for item in rubric.items:
        if item.applies_if is not None:
            filler.fill(item.applies_if, rng.random() < 0.5, item)
        chance = max(comply, 0.97) if item.veto else comply  # red lines are rarely crossed
        filler.fill(item.rule, rng.random() < chance, item)
    for key, inp in rubric.inputs.items():
        if key not in filler.answers:
            filler.default(inp)
    return filler.answers


class _Filler:
    def __init__(self, inputs: Mapping[str, Input], profile: SchoolProfile, rng: random.Random):
        self.inputs = inputs
        self.profile = profile
        self.rng = rng
        self.answers: dict[str, Any] = {}

    def number(self, key: str, value: float) -> float:
        inp = self.inputs.get(key)
        if inp is not None:
            if inp.min is not None:
                value = max(value, inp.min)
            if inp.max is not None:
                value = min(value, inp.max)
            if inp.integer or inp.unit in ("人", "次", "个", "起", "项", "所", "名", "节"):
                return float(round(value))
        return round(value, 1)

    def fill(self, rule: Rule, ok: bool, item: Item) -> None:
        rng = self.rng
        if isinstance(rule, AtLeast):
            v = rule.value
            x = v + rng.choice((0, 0, 1, v * 0.2)) if ok else v * rng.uniform(0.3, 0.95)
            if not ok and x >= v:
                x = v - 1
            self.answers.setdefault(rule.input, self.number(rule.input, x))
        elif isinstance(rule, AtMost):
            v = rule.value
            if v == 0:
                x = 0.0 if ok else float(rng.randint(1, 2))
            else:
                x = v * rng.uniform(0.6, 1.0) if ok else v * rng.uniform(1.08, 1.5) + 1
            self.answers.setdefault(rule.input, self.number(rule.input, x))
        elif isinstance(rule, Between):
            x = rng.uniform(rule.min, rule.max) if ok else max(rule.min - 1, 0)
            self.answers.setdefault(rule.input, self.number(rule.input, x))
        elif isinstance(rule, RatioAtLeast):
            d = self.answers.get(rule.denominator)
            if not isinstance(d, int | float) or isinstance(d, bool) or d <= 0:
                d = float(rng.randint(20, 80))
                self.answers[rule.denominator] = d
            need = math.ceil(rule.value * d - 1e-9)
            n = need + rng.randint(0, 2) if ok else math.floor(need * rng.uniform(0.3, 0.85))
            self.answers.setdefault(rule.numerator, float(min(n, d)))
        elif isinstance(rule, IsTrue):
            self.answers.setdefault(rule.input, ok)
        elif isinstance(rule, IsFalse):
            self.answers.setdefault(rule.input, not ok)
        elif isinstance(rule, Each):
            grades = grades_shown(item, self.inputs.get(rule.input), self.profile)
            bad = rng.choice(grades) if grades and not ok else None
            values: dict[str, float] = {}
            for grade in grades:
                inner = rule.rule
                if isinstance(inner, AtLeast):
                    x = inner.value if grade != bad else max(inner.value - 1, 0)
                elif isinstance(inner, AtMost):
                    x = inner.value if grade != bad else inner.value + 1
                else:
                    x = inner.min if grade != bad else max(inner.min - 1, 0)
                values[grade] = float(x)
            self.answers.setdefault(rule.input, values)
        elif isinstance(rule, AllOf):
            failing = rng.randrange(len(rule.rules)) if not ok else -1
            for i, sub in enumerate(rule.rules):
                self.fill(sub, i != failing, item)
        elif isinstance(rule, AnyOf):
            for i, sub in enumerate(rule.rules):
                self.fill(sub, ok and i == 0, item)
        elif isinstance(rule, Deduct):
            self.answers.setdefault(rule.input, 0.0 if ok else float(rng.randint(1, 3)))

    def default(self, inp: Input) -> None:
        if inp.type is InputType.NUMBER:
            low = inp.min if inp.min is not None else 0.0
            high = inp.max if inp.max is not None else low + 50
            self.answers[inp.key] = self.number(inp.key, self.rng.uniform(low, min(high, low + 50)))
        elif inp.type is InputType.BOOLEAN:
            self.answers[inp.key] = True
        elif inp.type is InputType.CHOICE and inp.choices:
            self.answers[inp.key] = inp.choices[0]
        elif inp.type is InputType.TEXT:
            self.answers[inp.key] = "已按要求落实，资料齐全。"
        elif inp.type is InputType.DATE:
            self.answers[inp.key] = "2024-09-01"
        elif inp.type is InputType.GRADES:
            self.answers[inp.key] = {g: 1.0 for g in (inp.grades or self.profile.grades)}
