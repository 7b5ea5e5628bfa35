"""Sample schools and their answers: the one generator for the demo, the benchmarks and tests.

``compliant_answers`` meets every rule exactly at its threshold; ``sample_answers`` then falls
short on some items, the way a real school's figures would, and can leave some figures blank.
``sample_school`` names the n-th of an endless list of plausible schools (name, code, district
and profile) to give them to. The same seed always gives the same answers.
"""

from __future__ import annotations

import math
import random
from typing import Any

from checklist import model
from checklist.model import (
    Input,
    InputType,
    Item,
    Rubric,
    Rule,
    SchoolProfile,
)
from checklist.scoring import grades_shown, profile_excludes

_BASE_DENOMINATOR = 40


def _whole(inp: Input | None, value: float, up: bool = True) -> float:
    if inp is not None and inp.integer:
        return float(math.ceil(value) if up else math.floor(value))
    return value


def _grade_value(rule: model.GradeRule, inp: Input | None) -> float:
    if isinstance(rule, model.AtLeast):
        return _whole(inp, rule.value)
    if isinstance(rule, model.AtMost):
        return _whole(inp, rule.value, up=False)
    return _whole(inp, rule.min)


def _meet(rule: Rule, item: Item, rubric: Rubric, profile: SchoolProfile, answers: dict[str, Any]) -> None:
    inputs = rubric.inputs
    if isinstance(rule, model.AtLeast | model.AtMost | model.Between):
        answers.setdefault(rule.input, _grade_value(rule, inputs.get(rule.input)))
    elif isinstance(rule, model.RatioAtLeast):
        num, den = inputs.get(rule.numerator), inputs.get(rule.denominator)
        if rule.denominator not in answers and rule.numerator in answers:
            answers[rule.denominator] = _whole(
                den, answers[rule.numerator] / rule.value if rule.value else 40, up=False
            )
        top = den.max if den is not None and den.max is not None else _BASE_DENOMINATOR
        answers.setdefault(rule.denominator, float(min(_BASE_DENOMINATOR, top)))
        answers.setdefault(rule.numerator, _whole(num, answers[rule.denominator] * rule.value))
    elif isinstance(rule, model.IsTrue):
        answers.setdefault(rule.input, True)
    elif isinstance(rule, model.IsFalse):
        answers.setdefault(rule.input, False)
    elif isinstance(rule, model.Each):
        inp = inputs.get(rule.input)
        answers.setdefault(rule.input, {g: _grade_value(rule.rule, inp) for g in grades_shown(item, inp, profile)})
    elif isinstance(rule, model.AllOf):
        for sub in rule.rules:
            _meet(sub, item, rubric, profile, answers)
    elif isinstance(rule, model.AnyOf):
        _meet(rule.rules[0], item, rubric, profile, answers)
    elif isinstance(rule, model.Deduct):
        answers.setdefault(rule.input, 0.0)


def _condition(rule: Rule, holds: bool, answers: dict[str, Any], rubric: Rubric) -> None:
    if isinstance(rule, model.AtLeast):
        inp = rubric.inputs.get(rule.input)
        answers.setdefault(rule.input, _whole(inp, rule.value) if holds else 0.0)
    elif isinstance(rule, model.IsTrue | model.IsFalse):
        answers.setdefault(rule.input, holds if isinstance(rule, model.IsTrue) else not holds)


def compliant_answers(rubric: Rubric, profile: SchoolProfile, rng: random.Random | None = None) -> dict[str, Any]:
    """Answers meeting every applicable item exactly (conditions of ``applies_if`` items hold or
    not at random when ``rng`` is given, else they hold)."""
    answers: dict[str, Any] = {}
    for item in rubric.items:
        if profile_excludes(item, profile):
            continue
        if item.applies_if is not None:
            holds = rng.random() < 0.5 if rng else True
            _condition(item.applies_if, holds, answers, rubric)
        _meet(item.rule, item, rubric, profile, answers)
    for key, value in list(answers.items()):
        if isinstance(value, float) and value.is_integer() and rubric.inputs[key].integer:
            answers[key] = int(value)
        elif isinstance(value, dict):
            answers[key] = {g: int(v) if float(v).is_integer() else v for g, v in value.items()}
    for item in rubric.items:
        for inp in item.inputs:
            if inp.type is InputType.TEXT and inp.required:
                answers.setdefault(inp.key, "已按要求落实。")
    return answers


def _fall_short(rule: Rule, answers: dict[str, Any], rubric: Rubric, rng: random.Random) -> None:
    if isinstance(rule, model.AtLeast) and rule.input in answers:
        answers[rule.input] = _whole(rubric.inputs.get(rule.input), rule.value * rng.choice([0.5, 0.75, 0.9]), up=False)
    elif isinstance(rule, model.AtMost) and rule.input in answers:
        answers[rule.input] = _whole(rubric.inputs.get(rule.input), max(rule.value, 1) * 1.2)
    elif isinstance(rule, model.Between) and rule.input in answers:
        answers[rule.input] = max(rule.min - 1, 0)
    elif isinstance(rule, model.RatioAtLeast) and rule.denominator in answers:
        answers[rule.numerator] = _whole(
            rubric.inputs.get(rule.numerator), answers[rule.denominator] * rule.value * 0.5, up=False
        )
    elif isinstance(rule, model.IsTrue):
        answers[rule.input] = False
    elif isinstance(rule, model.IsFalse):
        answers[rule.input] = True
    elif isinstance(rule, model.Each) and isinstance(answers.get(rule.input), dict) and answers[rule.input]:
        grades = dict(answers[rule.input])
        grades[rng.choice(sorted(grades))] = 0
        answers[rule.input] = grades
    elif isinstance(rule, model.AllOf | model.AnyOf):
        for sub in rule.rules:
            _fall_short(sub, answers, rubric, rng)
    elif isinstance(rule, model.Deduct):
        answers[rule.input] = 1


def sample_answers(
    rubric: Rubric,
    profile: SchoolProfile,
    rng: random.Random,
    shortfall: float = 0.15,
    break_vetoes: bool = False,
    blank: float = 0.0,
) -> dict[str, Any]:
    """Compliant answers with about ``shortfall`` of the items falling short (never a veto
    item unless asked), and about ``blank`` of the answers left out (none unless asked)."""
    answers = compliant_answers(rubric, profile, rng)
    for item in rubric.items:
        if profile_excludes(item, profile) or (item.veto and not break_vetoes):
            continue
        if rng.random() < shortfall:
            _fall_short(item.rule, answers, rubric, rng)
    for key, value in list(answers.items()):
        inp = rubric.inputs.get(key)
        if inp is not None and inp.integer and isinstance(value, float) and value.is_integer():
            answers[key] = int(value)
    if blank > 0:
        answers = {key: value for key, value in answers.items() if rng.random() >= blank}
    return answers


# ---------------------------------------------------------------------------------------------
# Schools to give the answers to

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


def sample_school(index: int) -> tuple[str, str, str, SchoolProfile]:
    """(name, code, district, profile) of the index-th sample school."""
    profile = PROFILES[index % len(PROFILES)]
    district = DISTRICTS[index % len(DISTRICTS)]
    kind = "九年一贯制学校" if len(profile.stages) > 1 else _KINDS.get(profile.stages[0], "学校")
    name = f"{district}{_NAMES[(index // len(DISTRICTS)) % len(_NAMES)]}{kind}"
    if index >= len(DISTRICTS) * len(_NAMES):
        name = f"{district}第{index + 1}{kind}"
    return name, f"2108{index:06d}", district, profile
