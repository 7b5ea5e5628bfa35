"""Where a rule's numbers come from (数值出处): the numbers a quote states, in every written form.

Every number in an item's rule must be written in the item's quote — in any of the forms a plan
uses: 60 or 1小时, 0.10 or 10% or 百分之十 or 一成, 30 or 三十 or 半小时, 1—2次 or 一至两次, full-width
digits and stray spaces from PDFs ("1 — 2 次", "15 %") — or the item declares a ``basis``. A few
numbers are trivial and need neither: 0 in an ``at_most`` 0 prohibition whose quote forbids
(不得、严禁…), 1 in an ``at_least`` 1 whose quote sets something up (建立、配备…) and in an
``applies_if`` (有……的学校), 100% where the quote says 全覆盖/全部/每所…, and a deduction cap that
is the item's own points. config/rubrics/README.md lists the rules; ``unsourced_numbers`` applies
them. Pure functions over strings and the model.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from checklist import model
from checklist.model import Input, Item, Rule


class Role(StrEnum):
    """What a number in a rule is."""

    THRESHOLD = "threshold"  # at_least / at_most value, between min / max: a count, a duration…
    FRACTION = "fraction"  # ratio_at_least value: 0.15 is written 15%
    DEDUCTION = "deduction"  # deduct per
    CAP = "cap"  # deduct cap


@dataclass(frozen=True)
class RuleNumber:
    """One number of a rule, with the field it sits in ("rule.rules[1].value")."""

    field: str
    value: float
    role: Role
    kind: str  # the kind of the rule it belongs to
    input: str  # the input it is compared with ("" for a deduction or a grade's inner rule)
    in_condition: bool  # inside applies_if


def rule_numbers(
    rule: Rule, field: str = "rule", in_condition: bool = False, input_key: str = ""
) -> Iterator[RuleNumber]:
    """Every number of a rule and of the rules inside it, depth first."""

    def number(name: str, value: float, role: Role, key: str) -> RuleNumber:
        return RuleNumber(f"{field}.{name}", value, role, rule.kind, key, in_condition)

    if isinstance(rule, model.AtLeast | model.AtMost):
        yield number("value", rule.value, Role.THRESHOLD, rule.input or input_key)
    elif isinstance(rule, model.Between):
        yield number("min", rule.min, Role.THRESHOLD, rule.input or input_key)
        yield number("max", rule.max, Role.THRESHOLD, rule.input or input_key)
    elif isinstance(rule, model.RatioAtLeast):
        yield number("value", rule.value, Role.FRACTION, rule.numerator)
    elif isinstance(rule, model.Deduct):
        yield number("per", rule.per, Role.DEDUCTION, rule.input)
        yield number("cap", rule.cap, Role.CAP, rule.input)
    elif isinstance(rule, model.Each):
        yield from rule_numbers(rule.rule, f"{field}.rule", in_condition, rule.input)
    elif isinstance(rule, model.AllOf | model.AnyOf):
        for index, sub in enumerate(rule.rules):
            yield from rule_numbers(sub, f"{field}.rules[{index}]", in_condition)


def item_numbers(item: Item) -> Iterator[RuleNumber]:
    """The numbers of an item's rule and of its applies_if."""
    yield from rule_numbers(item.rule)
    if item.applies_if is not None:
        yield from rule_numbers(item.applies_if, "applies_if", in_condition=True)


# ---------------------------------------------------------------------------------------------
# The numbers a quote states


@dataclass(frozen=True)
class QuotedNumbers:
    """What a quote states: plain numbers (counts, durations in both units, percents as
    written) and fractions (10% → 0.1, 一成, 三分之二, 一半)."""

    plain: frozenset[float]
    fractions: frozenset[float]

    def has(self, value: float, role: Role) -> bool:
        pool = self.fractions if role is Role.FRACTION else self.plain
        return any(_close(value, stated) for stated in pool)


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二两三四五六七八九十百千万"
_NUM = rf"\d+(?:\.\d+)?|[{_CN}]+(?:点[{_CN}]+)?"

_PERCENT_CN = re.compile(rf"百分之({_NUM})")
_PART_OF = re.compile(rf"({_NUM})分之({_NUM})")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_CHINESE = re.compile(rf"[{_CN}]+(?:点[{_CN}]+)?")
# A ratio of one to N, either way round: 1:19, 600:1, 1∶7, 六百比一 → 1/N.
_ONE_TO_N = re.compile(rf"(?<![\d.:])({_NUM})[:∶比]({_NUM})(?![\d.:])")
# The same written per so many people: 每200名学生配备1名, 每一百名住宿学生不少于一名 → 1/200, 1/100.
_PER_N = re.compile(rf"每({_NUM})(?:名|位|个)[^,，;；。\d]{{0,16}}?({_NUM})(?:名|位|个|台|册|套|件)")
_HALF_HOUR = re.compile(rf"(?<![\d{_CN}])半个?小时")
# A fraction written with a slash: "不超过假期1/3", "1／3以上" → 1/3, and as a percent 33.33.
_SLASHED = re.compile(r"(?<![\d/.])(\d{1,3})\s*[/／]\s*(\d{1,3})(?![\d/])")
# … unless it gives so many for each so many pupils, each school or room: "13/50人", "2/校" (an equipment standard).
_PER_PLACE = re.compile(r"\s*(?:人|生|校|室|班|组)")

# A Chinese numeral is a number only before a measure word or unit (一次, 三十节, 两小时, 一校一品,
# 四、五年级, 一至两次), so that 进一步, 统一, 一体化 and 十四五规划 state nothing. Longest first.
_MEASURE_WORDS = """
    次 回 遍 个 节 课 名 位 人 所 校 园 班 项 类 种 门 本 册 套 份 件 条 款 张 间 室 处 座 台 辆 支 队 组 届 期
    轮 级 星 年 学年 学期 月 周 天 日 小时 时 分钟 学时 课时 元 倍 成 岁 米 公里 大 场 家 品 案 策 生 档 层 段
    章 篇 首 部 % 至 到 — – - ~ 、 和 或 及 平方米 平米 亩 克 公斤
"""
_MEASURES = tuple(sorted(_MEASURE_WORDS.split(), key=len, reverse=True))
_HOURS = ("个半小时", "个小时", "小时", "钟头")

PROHIBITION_CUES = (
    "不得",
    "严禁",
    "禁止",
    "杜绝",
    "严防",
    "防止",
    "防范",
    "零",
    "无",
    "不出现",
    "不发生",
    "不准",
    "不允许",
)
EXISTENCE_CUES = ("建立", "设立", "配备", "成立", "组建", "建设", "建有", "设置", "开设", "聘请", "聘用")
COVERAGE_CUES = (
    "全覆盖",
    "全面覆盖",
    "全部",
    "所有",
    "每所",
    "每个",
    "每名",
    "每位",
    "每一",
    "每人",
    "每班",
    "每天",
    "每日",
    "每周",
    "每月",
    "每学期",
    "每学年",
    "全员",
    "全体",
    "人手一",
    "一人一案",
    "一生一策",
    "一对一",
    "应助尽助",
)


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation, ％) and no whitespace: "1 — 2 次" → "1—2次" — but two table cells
    stay two numbers: "班额(人)⇥45⇥50" → "班额(人)45、50"."""
    text = re.sub(r"(?<=\d)[\t\n]\s*(?=\d)", "、", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", "", text)


@cache
def quoted_numbers(quote: str) -> QuotedNumbers:
    """Every number the quote states, in the forms a rule may use."""
    text = normalise(quote)
    plain: set[float] = set()
    fractions: set[float] = set()
    taken = [False] * len(text)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(start: int, end: int) -> None:
        for i in range(start, end):
            taken[i] = True

    for match in _PERCENT_CN.finditer(text):  # 百分之十 → 10 and 0.1
        if free(*match.span()) and (value := _number(match.group(1))) is not None:
            plain.add(value)
            fractions.add(value / 100)
            take(*match.span())
    for match in _PART_OF.finditer(text):  # 三分之二 → 2/3
        whole, part = _number(match.group(1)), _number(match.group(2))
        if free(*match.span()) and whole and part is not None:
            fractions.update(_rounded(part / whole))
            take(*match.span())
    for match in _ONE_TO_N.finditer(text):  # 1:19 → 1/19 (the numbers stay plain numbers too)
        a, b = _number(match.group(1)), _number(match.group(2))
        if a is not None and b is not None and min(a, b) == 1 and max(a, b) > 1:
            n = max(a, b)
            fractions.update(_rounded(1 / n) | {round(1 / n, 7), math.floor(1e7 / n) / 1e7})
    for match in _PER_N.finditer(text):  # 每200名学生配备1名 → 1/200
        people, staff = _number(match.group(1)), _number(match.group(2))
        if people is not None and staff is not None and 0 < staff < people:
            share = staff / people
            fractions.update(_rounded(share) | {round(share, 7), math.floor(1e7 * share) / 1e7})
    if _HALF_HOUR.search(text):  # 半小时 → 30 (minutes) and 0.5 (hours)
        plain.update((30.0, 0.5))
    if re.search(rf"(?<![\d{_CN}])半(?:天|日)", text):  # 半天内 → 0.5 (days)
        plain.add(0.5)
    for match in _SLASHED.finditer(text):
        a, b = int(match.group(1)), int(match.group(2))
        if _PER_PLACE.match(text, match.end()):
            plain.update((float(a), float(b)))  # "13/50人", "1/校": so many for each so many pupils, each school
            take(*match.span())
        elif 0 < a < b:
            fractions.update(_rounded(a / b) | {round(a / b, 7)})
            plain.update(_rounded(100 * a / b))
            take(*match.span())
    if "一半" in text:
        fractions.add(0.5)
    for match in _ARABIC.finditer(text):
        if free(*match.span()):
            value = float(match.group())
            _add(value, text[match.end() :], plain, fractions)
            if "." in match.group() and value < 1:
                fractions.add(value)
            take(*match.span())
    for match in _CHINESE.finditer(text):
        start, end = match.span()
        if not free(start, end) or (start > 0 and text[start - 1] == "第"):  # 第一议题: an ordinal
            continue
        after = _past_range(text[end:])
        if not after.startswith(_MEASURES) and not after.startswith("个"):
            continue
        values = [v for v in (_number(s) for s in _spans(match.group())) if v is not None]
        for value in values:
            _add(value, after, plain, fractions)
    return QuotedNumbers(frozenset(plain), frozenset(fractions))


def _past_range(after: str) -> str:
    """What follows a range's other end: the unit of "2至2.5小时" or "两到三小时" is the 2's too."""
    ranged = re.match(rf"(?:至|到|—|–|-|~|～)\s*(?:[\d.]+|[{_CN}]+)\s*", after)
    return after[ranged.end() :] if ranged else after


def _add(value: float, after: str, plain: set[float], fractions: set[float]) -> None:
    """A number and, from the unit after it (or after the range it opens), its other written forms."""
    after = _past_range(after)
    plain.add(value)
    if after.startswith("%"):
        fractions.add(value / 100)
    elif after.startswith("个半小时"):
        plain.add(value * 60 + 30)
        plain.add(value + 0.5)
    elif after.startswith(_HOURS):
        plain.add(value * 60)
    elif after.startswith("分钟"):
        plain.add(value / 60)
    elif after.startswith("倍"):  # 一点五倍 of a level: a ratio of 1.5
        fractions.add(value)
    elif after.startswith("成"):  # 一成 = 10%
        fractions.add(value / 10)
        plain.add(value * 10)
    elif after.startswith("万"):
        plain.add(value * 10_000)
    elif after.startswith("千") and not after.startswith("千克"):
        plain.add(value * 1_000)


def _spans(run: str) -> Iterator[str]:
    """A run of numeral characters: whole when it is one number (三十), else each part of it
    (十四五 → 十四, 十, 四, 五…)."""
    yield run
    if "点" in run or _number(run) is not None:
        return
    for length in range(len(run) - 1, 0, -1):
        for start in range(len(run) - length + 1):
            yield run[start : start + length]


def _number(span: str) -> float | None:
    """An Arabic or Chinese numeral: "15" → 15, "三十" → 30, "两" → 2, "五十二点九" → 52.9."""
    try:
        return float(span)
    except ValueError:
        pass
    whole, _, decimals = span.partition("点")
    integer = _chinese_integer(whole)
    if integer is None:
        return None
    if not decimals:
        return float(integer)
    if any(ch not in _DIGITS for ch in decimals):
        return None
    return float(f"{integer}.{''.join(str(_DIGITS[ch]) for ch in decimals)}")


def _chinese_integer(span: str) -> int | None:
    if not span:
        return None
    total, section = 0, 0
    digit: int | None = None
    for ch in span:
        if ch in _DIGITS:
            if digit is not None and digit != 0 and _DIGITS[ch] != 0:
                return None  # 一二 is two numbers, not one
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            section += digit or 0
            total += (section or 1) * 10_000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _rounded(value: float) -> set[float]:
    return {value, round(value, 2), round(value, 3), round(value, 4)}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


# ---------------------------------------------------------------------------------------------
# The check


class Trivial(StrEnum):
    """Numbers that need no source, and why."""

    PROHIBITION = "prohibition"  # at_most 0 where the quote forbids
    EXISTENCE = "existence"  # at_least 1 where the quote sets something up
    CONDITION = "condition"  # applies_if at_least 1: 有……的学校
    COVERAGE = "coverage"  # 100% where the quote says 全覆盖/全部/每所
    WHOLE_ITEM = "whole_item"  # a deduction capped at the item's own points


def trivial_reason(number: RuleNumber, item: Item, inputs: Mapping[str, Input]) -> Trivial | None:
    """Why a number needs no source, or None."""
    quote = normalise(item.source.quote) if item.source else ""
    value = number.value
    if number.role is Role.CAP:
        return Trivial.WHOLE_ITEM if _close(value, item.points) else None
    if number.kind == "at_most" and value == 0 and _has(quote, PROHIBITION_CUES):
        return Trivial.PROHIBITION
    if number.kind == "at_least" and value == 1:
        if number.in_condition:
            return Trivial.CONDITION
        if _has(quote, EXISTENCE_CUES):
            return Trivial.EXISTENCE
    whole = number.role is Role.FRACTION and _close(value, 1.0)
    unit = inputs[number.input].unit if number.input in inputs else ""
    percent = number.kind == "at_least" and _close(value, 100.0) and unit == "%"
    if (whole or percent) and _has(quote, COVERAGE_CUES):
        return Trivial.COVERAGE
    return None


def _has(text: str, cues: tuple[str, ...]) -> bool:
    return any(cue in text for cue in cues)


def unsourced_numbers(item: Item, inputs: Mapping[str, Input]) -> list[RuleNumber]:
    """The numbers of an item in neither its quote (in any written form) nor a declared basis,
    and not trivial. ``inputs`` are the rubric's declared inputs (for a percent input's unit)."""
    if item.basis is not None:
        return []
    stated = quoted_numbers(item.source.quote) if item.source else QuotedNumbers(frozenset(), frozenset())
    return [
        number
        for number in item_numbers(item)
        if not stated.has(number.value, number.role) and trivial_reason(number, item, inputs) is None
    ]
