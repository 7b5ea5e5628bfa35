"""整改建议: one suggestion per problem, fitted to the item.

The rubric's own ``advice`` wins when it has one. Otherwise the suggestion says how far the
school is from the requirement in its own numbers and what a school does about it, chosen by
the rule kind and the unit of the figure (the tables below name each case):

- a count short of its minimum: 「每学期应急演练现为0次，距“不少于1次”的要求还差1次」;
- a percentage short of its target: 「还差5个百分点」 — never 「还差3.6%」, and a target of
  100% is 「达到100%」, never 「提高到100%以上」;
- a ratio of people: in percentage points, and in people only where the school decides the
  number (交流教师: 「还需安排2名教师参加交流轮岗」) — a ratio of teachers holding a
  certificate does not call for 「增加3人」;
- a yes/no item: what to put in place; a prohibition crossed: what to stop and prevent.

No sentence is repeated across items: :func:`without_repeats` drops from a later suggestion a
sentence an earlier one already made. Without the figures (no answers given) the suggestion
falls back to the requirement in words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from checklist import model
from checklist.diff import describe_rule
from checklist.model import (
    GRADE_NAMES,
    Input,
    Item,
    Rule,
    SchoolProfile,
)
from checklist.scoring import ItemResult
from checklist.scoring import format_number as fmt
from checklist.scoring import format_percent as pct
from reports.prose import Figures, affirmed, denied, noun_of, plain_title, quoted, wanted

BLANK_DEADLINE = "____年__月__日前"

# How a school closes a shortfall, by the unit of the figure: {label} the figure, {target} the
# requirement, {gap} what is missing. The first row whose units include the figure's wins.
RAISE_BY_UNIT: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"分钟", "小时"}), "建议调整课程表和作息时间表，把{label}固定在{target}以上，并留存作息安排和活动记录"),
    (frozenset({"次", "场"}), "建议把{label}纳入学年（学期）工作计划，补足{gap}，建立活动台账并留存方案、记录和照片"),
    (frozenset({"人", "名"}), "建议通过招聘、调配或培训转岗补足{gap}{label}，并明确岗位职责"),
    (frozenset({"节", "课时", "学时"}), "建议按课程方案开齐开足，在课程表（培训计划）中把{label}落实到{target}"),
    (frozenset({"个", "项", "类", "所", "套", "间"}), "建议制定{label}建设计划，补足{gap}，明确牵头部门和完成时限"),
)
RAISE_DEFAULT = "建议制定专项提升方案，把{label}提高到{target}"
LOWER_BY_UNIT: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"分钟", "小时"}), "建议统筹调控总量，建立公示和监测制度，把{label}控制在{limit}以内"),
    (frozenset({"人", "名"}), "建议通过合理分班、控制招生等措施，在整改期限内把{label}降至{limit}以内"),
)
LOWER_DEFAULT = "建议采取有效措施，在整改期限内把{label}控制在{limit}以内"

# A ratio's numerator, by what the school can do about it: (words in the numerator's label,
# the action; {short} people still needed, {need} the number to reach, {den} the denominator).
# A row without {short} names no number: a school cannot 「增加」 certified teachers.
RATIO_ACTIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("交流",),
        "按{den}计，{num_label}至少应达到{need}，还需安排{short}参加交流轮岗；建议制定交流轮岗年度计划，落实到人",
    ),
    (("培训",), "按{den}计，还需组织{short}参加培训；建议把培训纳入教师年度研修计划并建立学时台账"),
    (
        ("资格", "持证", "证书"),
        "建议督促尚未取得相应资格证书的教师限期取得，新聘教师严格落实持证上岗",
    ),
    (("骨干",), "按{den}计，{num_label}至少应达到{need}；建议在交流人选中优先安排骨干教师"),
)
RATIO_DEFAULT = "建议查明{num_label}比例偏低的原因，制定提升计划，逐学期跟踪"

_COUNT_UNITS = {"人", "名", "次", "场", "个", "项", "所", "起", "节", "间", "台", "套", "类"}


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
    figures = Figures(inputs, answers or {}, item, profile)
    parts = _advise(item.rule, figures) if answers is not None else []
    if not parts:
        requirement = quoted(describe_rule(item.rule, inputs))
        parts = [f"对照{requirement}的要求查找差距，制定{quoted(plain_title(item.title))}的整改方案"]
    text = "。".join(p.rstrip("。；") for p in parts) + "。"
    if item.veto and result.status.value in ("not_met", "partial"):
        text = f"{quoted(plain_title(item.title))}为一票否决项，须立即整改。" + text
    if item.evidence and not any(e in text for e in item.evidence):
        text += f"整改完成后留存{'、'.join(item.evidence)}等佐证材料。"
    return text, False


def sentences(text: str) -> list[str]:
    """The sentences of a suggestion, split at 。 and ；."""
    return [s for s in re.split(r"(?<=[。；])", text) if s.strip("。； ")]


def without_repeats(texts: Iterable[str], fallbacks: Sequence[str]) -> list[str]:
    """Each suggestion without the sentences an earlier one already made; a suggestion left
    empty becomes its fallback (one per text, made from the item's own title)."""
    seen: set[str] = set()
    out: list[str] = []
    for text, fallback in zip(texts, fallbacks, strict=True):
        kept = []
        for sentence in sentences(text):
            key = sentence.rstrip("。；")
            if key in seen:
                continue
            seen.add(key)
            kept.append(sentence)
        result = "".join(kept).strip()
        if result and result[-1] == "；":
            result = result[:-1] + "。"
        out.append(result or fallback)
    return out


def _first(table: Sequence[tuple[frozenset[str], str]], unit: str, default: str) -> str:
    return next((template for units, template in table if unit in units), default)


def _advise(rule: Rule, f: Figures) -> list[str]:
    """Suggestions for the failing parts of a rule (empty when nothing fails or is unknown)."""
    if isinstance(rule, model.AtLeast | model.AtMost | model.Between):
        x = f.number(rule.input)
        if x is None:
            return []
        return _threshold(rule, x, f.label(rule.input), f.unit(rule.input))
    if isinstance(rule, model.RatioAtLeast):
        return _ratio(rule, f)
    if isinstance(rule, model.IsTrue):
        if f.answers.get(rule.input) is not False:
            return []
        label = f.label(rule.input)
        return [f"目前{denied(label)}；建议明确牵头部门和责任人，在整改期限内{_to_do(label)}"]
    if isinstance(rule, model.IsFalse):
        if f.answers.get(rule.input) is not True:
            return []
        label = f.label(rule.input)
        noun = noun_of(label)
        return [
            f"存在{quoted(affirmed(label))}的情况，应立即纠正，查明情况、依规处理并追究责任；"
            f"建立防止{noun}的长效监督机制，杜绝再次发生"
        ]
    if isinstance(rule, model.Each):
        return _each(rule, f)
    if isinstance(rule, model.AllOf):
        return [part for sub in rule.rules for part in _advise(sub, f)]
    if isinstance(rule, model.AnyOf):
        return _any(rule, f)
    return _deduct(rule, f)


def _to_do(label: str) -> str:
    """What to do about a yes/no item answered no: 「是否建有心理辅导室」 → 「建成心理辅导室」,
    「食堂是否实现“互联网+明厨亮灶”」 → 「推动食堂实现“互联网+明厨亮灶”」."""
    head, _, rest = label.partition("是否") if "是否" in label else ("", "", label)
    if rest.startswith("建有"):
        rest = "建成" + rest[2:]
    if head:
        return f"推动{head}{rest}"
    if rest.startswith(_ACTION_VERBS):
        return rest
    return f"落实{rest}" if "“" in rest else f"落实{quoted(rest)}"


_ACTION_VERBS = (
    "建成",
    "建立",
    "配备",
    "制定",
    "开展",
    "落实",
    "实现",
    "设立",
    "开设",
    "实施",
    "执行",
    "组织",
    "推行",
    "推进",
)


def _threshold(rule: model.GradeRule, x: float, label: str, unit: str) -> list[str]:
    if isinstance(rule, model.AtLeast):
        return [] if x >= rule.value else [_raise(label, x, rule, rule.value, unit)]
    if isinstance(rule, model.AtMost):
        return [] if x <= rule.value else [_lower(label, x, rule, rule.value, unit)]
    if x < rule.min:
        return [_raise(label, x, rule, rule.min, unit)]
    if x > rule.max:
        return [_lower(label, x, rule, rule.max, unit)]
    return []


def _gap(target: float, x: float, unit: str) -> str:
    gap = target - x
    if unit == "%":
        return f"{fmt(round(gap, 1))}个百分点"
    if unit in _COUNT_UNITS:
        gap = float(math.ceil(gap - 1e-9))
    return f"{fmt(gap)}{unit}"


def _raise(label: str, x: float, rule: model.GradeRule, target: float, unit: str) -> str:
    head = f"{label}现为{fmt(x)}{unit}，距{quoted(wanted(rule, unit))}的要求还差{_gap(target, x, unit)}"
    if unit == "%":
        goal = "100%" if target >= 100 else f"不低于{fmt(target)}%"
        how = f"建议制定专项提升方案，逐月跟踪{label}，{'实现' if target >= 100 else '提高到'}{goal}"
    else:
        how = _first(RAISE_BY_UNIT, unit, RAISE_DEFAULT).format(
            label=label, target=f"{fmt(target)}{unit}", gap=_gap(target, x, unit)
        )
    return f"{head}；{how}"


def _lower(label: str, x: float, rule: model.GradeRule, limit: float, unit: str) -> str:
    if limit == 0 and unit in ("起", "次", "件"):
        return (
            f"发生{label}{fmt(x)}{unit}，要求为零；建议逐{unit}查明原因、落实责任、完成整改，"
            f"健全防止{label}的制度和预警机制"
        )
    over = f"{fmt(round(x - limit, 1))}个百分点" if unit == "%" else f"{fmt(x - limit)}{unit}"
    head = f"{label}现为{fmt(x)}{unit}，超出{quoted(wanted(rule, unit))}的要求{over}"
    how = _first(LOWER_BY_UNIT, unit, LOWER_DEFAULT).format(label=label, limit=f"{fmt(limit)}{unit}")
    return f"{head}；{how}"


def _ratio(rule: model.RatioAtLeast, f: Figures) -> list[str]:
    n, d = f.number(rule.numerator), f.number(rule.denominator)
    if n is None or d is None or d <= 0 or n / d >= rule.value - 1e-12:
        return []
    num_label, den_label = f.label(rule.numerator), f.label(rule.denominator)
    num_unit, den_unit = f.unit(rule.numerator), f.unit(rule.denominator)
    share = n / d
    gap = round((rule.value - share) * 100, 1)
    goal = "100%" if rule.value >= 1 else f"不低于{pct(rule.value)}"
    head = (
        f"{num_label}{fmt(n)}{num_unit}，占{den_label}{fmt(d)}{den_unit}的{pct(share, 1).replace('.0%', '%')}，"
        f"距{quoted(goal)}的要求还差{fmt(gap)}个百分点"
    )
    need = rule.value * d
    integer = f.unit(rule.numerator) in _COUNT_UNITS or bool(
        (inp := f.inputs.get(rule.numerator)) is not None and inp.integer
    )
    if integer:
        need = float(math.ceil(need - 1e-9))
    template = next((t for words, t in RATIO_ACTIONS if any(w in num_label for w in words)), RATIO_DEFAULT)
    how = template.format(
        den=f"{den_label}{fmt(d)}{den_unit}",
        num_label=num_label,
        need=f"{fmt(need)}{num_unit}",
        short=f"{fmt(need - n)}{num_unit}",
    )
    return [f"{head}；{how}"]


def _each(rule: model.Each, f: Figures) -> list[str]:
    raw = f.answers.get(rule.input)
    if not isinstance(raw, Mapping):
        return []
    unit = f.unit(rule.input)
    inner = rule.rule
    fixes: list[str] = []
    for grade in f.grades(rule.input):
        value = raw.get(grade)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        x = float(value)
        name = GRADE_NAMES.get(grade, grade)
        low = high = None
        if isinstance(inner, model.AtLeast | model.Between):
            low = inner.value if isinstance(inner, model.AtLeast) else inner.min
        if isinstance(inner, model.AtMost | model.Between):
            high = inner.value if isinstance(inner, model.AtMost) else inner.max
        if low is not None and x < low:
            fixes.append(f"{name}现为{fmt(x)}{unit}，应补足至{fmt(low)}{unit}")
        elif high is not None and x > high:
            fixes.append(f"{name}现为{fmt(x)}{unit}，应控制在{fmt(high)}{unit}以内")
    if not fixes:
        return []
    label = f.label(rule.input)
    return [
        f"{label}要求每个年级{wanted(inner, unit)}：{'；'.join(fixes)}；建议按年级制定{label}计划并建立台账，逐年级落实"
    ]


def _any(rule: model.AnyOf, f: Figures) -> list[str]:
    options = [parts for sub in rule.rules if (parts := _advise(sub, f))]
    if len(options) < len(rule.rules) or not options:
        return []  # one alternative is met or unknown: nothing concrete to add
    best = min(options, key=lambda parts: len("".join(parts)))
    return ["以下要求满足其一即可：" + "；".join(p.rstrip("。；") for p in best)]


def _deduct(rule: model.Deduct, f: Figures) -> list[str]:
    count = f.number(rule.input)
    if count is None or count <= 0:
        return []
    unit = f.unit(rule.input) or "次"
    lost = min(rule.per * count, rule.cap)
    label = f.label(rule.input)
    duty, missing, _ = label.rpartition(f"：缺{unit}")
    if missing:  # "建立健全学校安全管理制度：缺项": parts of a duty not done, to be made good
        return [f"{duty}缺{fmt(count)}{unit}，扣{fmt(lost)}分；建议对照要求逐{unit}补齐、落实责任"]
    return [
        f"{label}{fmt(count)}{unit}，扣{fmt(lost)}分；建议逐{unit}核查{noun_of(label)}、落实责任，"
        f"完善防止{noun_of(label)}的制度"
    ]
