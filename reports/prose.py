"""Items in words, as a bureau writes them: figures with their requirement in prose
(「交流教师4人，占符合交流条件教师40人的10%，达到不低于10%的要求」), a yes/no item as what the
school has in place (「建有心理辅导室」, 「未发现在职教师违规有偿补课」) — never the engine's
notation (「要求≥1个」) nor a title's markers (「（鼓励）」).

Pure functions of the rule, the school's figures and the inputs' labels; used for 主要成绩
and for the problems' figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from checklist import model
from checklist.model import (
    GRADE_NAMES,
    Input,
    Item,
    Rule,
    SchoolProfile,
)
from checklist.scoring import format_number as fmt
from checklist.scoring import format_percent, grades_shown

# A title's markers that only make sense in the rubric: 「每天开设1节体育课（鼓励）」.
_TITLE_MARKERS = re.compile(r"[（(](?:鼓励|加分项|否决项|一票否决)[）)]")

# 「是否…」 labels: how the question reads when the answer is yes, and when it is no.
# (verb in the label, the same fact denied) — first match wins; the default puts 未 in front.
_DENIALS: tuple[tuple[str, str], ...] = (
    ("存在", "不存在"),
    ("发生", "未发生"),
    ("出现", "未出现"),
    ("发现", "未发现"),
    ("有", "没有"),
)
_VERBS = ("建有", "建立", "配备", "制定", "开展", "落实", "实现", "设立", "开设", "实施", "执行", "推行", "组织")


def plain_title(title: str) -> str:
    """The title without the rubric's markers: 「每天开设1节体育课（鼓励）」 → 「每天开设1节体育课」."""
    return _TITLE_MARKERS.sub("", title).strip()


def quoted(text: str) -> str:
    """Text in quotation marks, its own quotation marks made single: “开展‘四强’党支部建设”."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def affirmed(label: str) -> str:
    """「是否建有心理辅导室」 → 「建有心理辅导室」: the question answered yes."""
    return label.replace("是否", "", 1).strip() if "是否" in label else label


def denied(label: str) -> str:
    """「是否发现在职教师违规有偿补课」 → 「未发现在职教师违规有偿补课」; 「食堂是否实现…」 →
    「食堂未实现…」: the question answered no."""
    if "是否" not in label:
        return f"未落实“{label}”"
    head, _, rest = label.partition("是否")
    for verb, denial in _DENIALS:
        if rest.startswith(verb):
            return head + denial + rest[len(verb) :]
    return head + "未" + rest


def noun_of(label: str) -> str:
    """What a prohibition is about: 「是否发生违反中央八项规定精神问题」 → 「违反中央八项规定精神问题」."""
    text = affirmed(label)
    for verb, _ in _DENIALS:
        if text.startswith(verb) and len(text) > len(verb) + 1:
            return text[len(verb) :]
    return text


class Figures:
    """The school's figures and the words of the inputs, for phrasing rules."""

    def __init__(
        self,
        inputs: Mapping[str, Input],
        answers: Mapping[str, Any],
        item: Item | None = None,
        profile: SchoolProfile | None = None,
    ) -> None:
        self.inputs = inputs
        self.answers = answers
        self.item = item
        self.profile = profile

    def label(self, key: str) -> str:
        inp = self.inputs.get(key)
        return inp.label if inp else key

    def unit(self, key: str) -> str:
        inp = self.inputs.get(key)
        return inp.unit if inp else ""

    def number(self, key: str) -> float | None:
        value = self.answers.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value) if math.isfinite(value) else None

    def shown(self, key: str) -> str:
        x = self.number(key)
        return "" if x is None else f"{fmt(x)}{self.unit(key)}"

    def grades(self, key: str) -> Sequence[str]:
        raw = self.answers.get(key)
        if not isinstance(raw, Mapping):
            return ()
        if self.profile is not None and self.item is not None:
            return [g for g in grades_shown(self.item, self.inputs.get(key), self.profile) if g in raw]
        return [g for g in GRADE_NAMES if g in raw]


def wanted(rule: model.GradeRule, unit: str) -> str:
    """The requirement in words: 不少于60分钟, 不超过45人, 1—2次, 不得发生."""
    if isinstance(rule, model.AtLeast):
        if unit == "%" and rule.value >= 100:
            return "100%"
        return f"不少于{fmt(rule.value)}{unit}" if unit != "%" else f"不低于{fmt(rule.value)}%"
    if isinstance(rule, model.AtMost):
        if rule.value == 0:
            return "不得发生"
        return f"不超过{fmt(rule.value)}{unit}" if unit != "%" else f"不高于{fmt(rule.value)}%"
    if rule.min == rule.max:
        return f"{fmt(rule.min)}{unit}"
    return f"{fmt(rule.min)}—{fmt(rule.max)}{unit}"


def met_phrase(rule: Rule, figures: Figures) -> tuple[str, bool]:
    """A rule that holds, in words, and whether the words quote figures ("" when the figures
    are not at hand)."""
    if isinstance(rule, model.AtLeast | model.AtMost | model.Between):
        x = figures.number(rule.input)
        if x is None:
            return "", False
        label, unit = figures.label(rule.input), figures.unit(rule.input)
        if isinstance(rule, model.AtMost) and rule.value == 0:
            return f"未发生{noun_of(label)}", False
        if isinstance(rule, model.AtLeast) and unit == "%" and rule.value >= 100:
            return f"{label}达到100%", True
        verb = "控制在" if isinstance(rule, model.AtMost) else "达到"
        if isinstance(rule, model.AtMost):
            return f"{label}{fmt(x)}{unit}，{verb}{fmt(rule.value)}{unit}以内", True
        return f"{label}{fmt(x)}{unit}，{verb}{wanted(rule, unit)}的要求", True
    if isinstance(rule, model.RatioAtLeast):
        n, d = figures.number(rule.numerator), figures.number(rule.denominator)
        if n is None or d is None or d <= 0:
            return "", False
        share = format_percent(n / d, 1).replace(".0%", "%")
        wanted_share = "100%" if rule.value >= 1 else f"不低于{format_percent(rule.value)}"
        return (
            f"{figures.label(rule.numerator)}{fmt(n)}{figures.unit(rule.numerator)}，"
            f"占{figures.label(rule.denominator)}{fmt(d)}{figures.unit(rule.denominator)}的{share}，"
            f"达到{wanted_share}的要求",
            True,
        )
    if isinstance(rule, model.IsTrue):
        return affirmed(figures.label(rule.input)), False
    if isinstance(rule, model.IsFalse):
        return denied(figures.label(rule.input)), False
    if isinstance(rule, model.Each):
        grades = figures.grades(rule.input)
        raw = figures.answers.get(rule.input)
        if not grades or not isinstance(raw, Mapping):
            return "", False
        unit = figures.unit(rule.input)
        values = "、".join(
            f"{GRADE_NAMES.get(g, g)}{fmt(float(raw[g]))}{unit}"
            for g in grades
            if isinstance(raw.get(g), int | float) and not isinstance(raw.get(g), bool)
        )
        label = figures.label(rule.input)
        return f"{label}各年级均达到{wanted(rule.rule, unit)}的要求（{values}）", True
    if isinstance(rule, model.Deduct):
        count = figures.number(rule.input)
        if count is None or count > 0:
            return "", False
        return f"未发生{noun_of(figures.label(rule.input))}", False
    if isinstance(rule, model.AllOf):
        parts = [met_phrase(sub, figures) for sub in rule.rules]
        if not all(text for text, _ in parts):
            return "", False
        with_figures = any(f for _, f in parts)
        return ("；" if with_figures else "，").join(text for text, _ in parts), with_figures
    if isinstance(rule, model.AnyOf):
        for sub in rule.rules:
            text, with_figures = met_phrase(sub, figures)
            if text:
                return text, with_figures
        return "", False
    return "", False


def requirement_words(text: str) -> str:
    """The engine's notation in words: 「要求≥10%」 → 「要求不低于10%」, 「要求≤45人」 →
    「要求不超过45人」 (the figures themselves stay exactly as the engine wrote them)."""
    text = re.sub(r"要求≥(\d[\d.]*%)", r"要求不低于\1", text)
    text = re.sub(r"要求≤(\d[\d.]*%)", r"要求不高于\1", text)
    text = text.replace("要求每个年级≥", "要求每个年级不少于").replace("要求每个年级≤", "要求每个年级不超过")
    return text.replace("要求≥", "要求不少于").replace("要求≤", "要求不超过")
