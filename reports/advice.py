"""整改建议: one concrete suggestion per problem, generated from the rule and the figures.

The rubric's own ``advice`` wins when it has one. Otherwise the suggestion says how far the
school is from the requirement in its own numbers — 「按符合交流条件教师40人计，交流教师至少应
达到4人（10%），现为2人，至少还需增加2人」 — and what a school usually does about it, chosen by
the rule kind and the unit. Without the figures (no answers given) it falls back to the
requirement in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from checklist.diff import describe_rule
from checklist.model import (
    GRADE_NAMES,
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
    RatioAtLeast,
    Rule,
    SchoolProfile,
)
from checklist.scoring import ItemResult, grades_shown, requirement_text
from checklist.scoring import format_number as fmt
from checklist.scoring import format_percent as pct

BLANK_DEADLINE = "____年__月__日前"


def deadline_line(deadline: str = "") -> str:
    """整改期限：2025年3月31日前, or the blank to fill in by hand."""
    if not deadline:
        return f"整改期限：{BLANK_DEADLINE}"
    return f"整改期限：{deadline}" if deadline.endswith("前") else f"整改期限：{deadline}前"


def advice_for(
    item: Item,
    result: ItemResult,
    inputs: Mapping[str, Input],
    answers: Mapping[str, Any] | None,
    profile: SchoolProfile | None = None,
) -> tuple[str, bool]:
    """The suggestion for one problem item, and whether it is the rubric's own words."""
    if item.advice.strip():
        return item.advice.strip(), True
    ctx = _Ctx(item, inputs, answers or {}, profile)
    parts = _advise(item.rule, ctx) if answers is not None else []
    if not parts:
        parts = [
            f"对照“{describe_rule(item.rule, inputs)}”的要求，查找差距，制定整改方案，"
            "明确责任人和完成时限，按期整改到位"
        ]
    text = "；".join(p.rstrip("。；") for p in parts) + "。"
    if item.veto and result.status.value in ("not_met", "partial"):
        text = "本项为一票否决项，须立即整改。" + text
    if item.evidence and not any(e in text for e in item.evidence):
        text += f"整改完成后留存{'、'.join(item.evidence)}等佐证材料。"
    return text, False


class _Ctx:
    def __init__(
        self,
        item: Item,
        inputs: Mapping[str, Input],
        answers: Mapping[str, Any],
        profile: SchoolProfile | None,
    ) -> None:
        self.item = item
        self.inputs = inputs
        self.answers = answers
        self.profile = profile

    def label(self, key: str) -> str:
        inp = self.inputs.get(key)
        return inp.label if inp else key

    def unit(self, key: str) -> str:
        inp = self.inputs.get(key)
        return inp.unit if inp else ""

    def integer(self, key: str) -> bool:
        inp = self.inputs.get(key)
        return bool(inp and inp.integer) or self.unit(key) in _COUNT_UNITS

    def number(self, key: str) -> float | None:
        value = self.answers.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value) if math.isfinite(value) else None


_COUNT_UNITS = {"人", "名", "次", "场", "个", "项", "所", "起", "节", "间", "台", "套"}


def _advise(rule: Rule, ctx: _Ctx) -> list[str]:
    """Suggestions for the failing parts of a rule (empty when nothing fails or is unknown)."""
    if isinstance(rule, AtLeast | AtMost | Between):
        x = ctx.number(rule.input)
        if x is None:
            return []
        return _threshold(rule, x, ctx.label(rule.input), ctx.unit(rule.input), ctx)
    if isinstance(rule, RatioAtLeast):
        return _ratio(rule, ctx)
    if isinstance(rule, IsTrue):
        value = ctx.answers.get(rule.input)
        if value is not False:
            return []
        return [f"目前{_negated(ctx.label(rule.input))}，建议对照本项要求尽快落实到位，明确责任部门、责任人和完成时限"]
    if isinstance(rule, IsFalse):
        if ctx.answers.get(rule.input) is not True:
            return []
        return [
            f"存在“{_affirmed(ctx.label(rule.input))}”的情况，应立即纠正，查明情况、依规处理并"
            "追究责任，建立长效监督机制，杜绝再次发生"
        ]
    if isinstance(rule, Each):
        return _each(rule, ctx)
    if isinstance(rule, AllOf):
        return [part for sub in rule.rules for part in _advise(sub, ctx)]
    if isinstance(rule, AnyOf):
        return _any(rule, ctx)
    return _deduct(rule, ctx)


def _threshold(rule: GradeRule, x: float, label: str, unit: str, ctx: _Ctx) -> list[str]:
    if isinstance(rule, AtLeast):
        if x >= rule.value:
            return []
        return [_raise(label, x, rule.value, unit, ctx)]
    if isinstance(rule, AtMost):
        if x <= rule.value:
            return []
        return [_lower(label, x, rule.value, unit)]
    if x < rule.min:
        return [_raise(label, x, rule.min, unit, ctx, upper=rule.max)]
    if x > rule.max:
        return [_lower(label, x, rule.max, unit, lower=rule.min)]
    return []


def _raise(label: str, x: float, target: float, unit: str, ctx: _Ctx, upper: float | None = None) -> str:
    gap = target - x
    wanted = f"不少于{fmt(target)}{unit}" if upper is None else requirement_text(Between("", target, upper), unit)
    head = f"{label}现为{fmt(x)}{unit}，距“{wanted}”的要求还差{fmt(gap)}{unit}"
    if unit in ("分钟", "小时"):
        how = f"建议调整课程表和作息时间表，将{label}增加到{fmt(target)}{unit}以上并固定下来，留存作息安排和活动记录"
    elif unit in ("次", "场"):
        how = f"建议纳入学年（学期）工作计划，至少补足{fmt(math.ceil(gap))}{unit}，建立活动台账，留存方案、记录和照片"
    elif unit in ("人", "名"):
        how = f"建议通过招聘、调配或培训转岗，至少增加{fmt(math.ceil(gap))}{unit}，并明确岗位职责"
    elif unit in ("节", "课时", "学时"):
        how = f"建议按课程方案开齐开足，将{label}调整到{fmt(target)}{unit}以上，并在课程表或培训记录中体现"
    elif unit == "%":
        how = f"建议制定专项提升方案，逐项落实，将{label}提高到{fmt(target)}%以上"
    else:
        how = f"建议制定整改方案，将{label}提高到{fmt(target)}{unit}以上"
    return f"{head}。{how}"


def _lower(label: str, x: float, limit: float, unit: str, lower: float | None = None) -> str:
    over = x - limit
    if limit == 0 and unit in ("起", "次", "件"):
        return (
            f"发生{label}{fmt(x)}{unit}，要求为零。建议逐{unit}查明原因、落实责任、完成整改，"
            "健全相关制度和预警机制，杜绝再次发生"
        )
    wanted = f"不超过{fmt(limit)}{unit}" if lower is None else requirement_text(Between("", lower, limit), unit)
    head = f"{label}现为{fmt(x)}{unit}，超出“{wanted}”的要求{fmt(over)}{unit}"
    if unit in ("分钟", "小时"):
        how = f"建议统筹调控总量，建立公示和监测制度，将{label}控制在{fmt(limit)}{unit}以内"
    elif unit in ("人", "名"):
        how = f"建议通过合理分班、控制招生等措施，在整改期限内将{label}降至{fmt(limit)}{unit}以内"
    else:
        how = f"建议采取有效措施，在整改期限内将{label}控制在{fmt(limit)}{unit}以内"
    return f"{head}。{how}"


def _ratio(rule: RatioAtLeast, ctx: _Ctx) -> list[str]:
    n, d = ctx.number(rule.numerator), ctx.number(rule.denominator)
    if n is None or d is None or d <= 0 or n / d >= rule.value - 1e-12:
        return []
    need = rule.value * d
    if ctx.integer(rule.numerator):
        need = float(math.ceil(need - 1e-9))
    short = need - n
    num_label, den_label = ctx.label(rule.numerator), ctx.label(rule.denominator)
    num_unit, den_unit = ctx.unit(rule.numerator), ctx.unit(rule.denominator)
    return [
        f"按{den_label}{fmt(d)}{den_unit}计，{num_label}至少应达到{fmt(need)}{num_unit}"
        f"（{pct(rule.value)}），现为{fmt(n)}{num_unit}，至少还需增加{fmt(short)}{num_unit}。"
        "建议制定专项计划，在整改期限内落实到人"
    ]


def _each(rule: Each, ctx: _Ctx) -> list[str]:
    raw = ctx.answers.get(rule.input)
    if not isinstance(raw, Mapping):
        return []
    if ctx.profile is not None:
        grades: Sequence[str] = grades_shown(ctx.item, ctx.inputs.get(rule.input), ctx.profile)
    else:
        grades = [g for g in GRADE_NAMES if g in raw]
    unit = ctx.unit(rule.input)
    inner = rule.rule
    fixes: list[str] = []
    for grade in grades:
        value = raw.get(grade)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        x = float(value)
        name = GRADE_NAMES.get(grade, grade)
        low = inner.value if isinstance(inner, AtLeast) else (inner.min if isinstance(inner, Between) else None)
        high = inner.value if isinstance(inner, AtMost) else (inner.max if isinstance(inner, Between) else None)
        if low is not None and x < low:
            fixes.append(f"{name}现为{fmt(x)}{unit}，应补足至{fmt(low)}{unit}")
        elif high is not None and x > high:
            fixes.append(f"{name}现为{fmt(x)}{unit}，应控制在{fmt(high)}{unit}以内")
    if not fixes:
        return []
    return [
        f"{ctx.label(rule.input)}要求每个年级{requirement_text(inner, unit)}：{'；'.join(fixes)}。"
        "建议按年级制定计划并建立台账，逐年级落实"
    ]


def _any(rule: AnyOf, ctx: _Ctx) -> list[str]:
    options = [parts for sub in rule.rules if (parts := _advise(sub, ctx))]
    if len(options) < len(rule.rules) or not options:
        return []  # one alternative is met or unknown: nothing concrete to add
    best = min(options, key=lambda parts: len("".join(parts)))
    return ["以下要求满足其一即可：" + "；".join(p.rstrip("。；") for p in best)]


def _deduct(rule: Deduct, ctx: _Ctx) -> list[str]:
    count = ctx.number(rule.input)
    if count is None or count <= 0:
        return []
    unit = ctx.unit(rule.input) or "次"
    lost = min(rule.per * count, rule.cap)
    return [
        f"{ctx.label(rule.input)}{fmt(count)}{unit}，扣{fmt(lost)}分。建议逐{unit}核查、整改并落实责任，"
        "完善相关制度，杜绝再次发生"
    ]


def _negated(label: str) -> str:
    """「食堂是否实现“互联网+明厨亮灶”」 → 「食堂未实现“互联网+明厨亮灶”」."""
    if "是否" in label:
        stripped = label.replace("是否", "", 1)
        for verb in ("建有", "建立", "配备", "制定", "开展", "落实", "实现", "设立", "开设"):
            if verb in stripped:
                return stripped.replace(verb, "未" + verb, 1)
        return label.replace("是否", "未", 1)
    return f"“{label}”未落实"


def _affirmed(label: str) -> str:
    """「是否发现在职教师违规有偿补课」 → 「发现在职教师违规有偿补课」."""
    return label.replace("是否", "", 1) if "是否" in label else label
