"""Who a requirement binds — each school, the region, or unclear — decided by an ordered table
of named rules (``config/scope_rules.yaml``), each with the sentence of a real plan it decides.

The table is data, like the lexicon: a bureau can read why a candidate was set aside as a
region target (「含“全市”，为全市（区域）指标」) and a developer can add a rule with its example
without touching the reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "scope_rules.yaml"
LOOKS = ("quote", "before", "sentence", "responsible", "chapter")
FLAGS = (
    "each_school",
    "lexical",
    "at_most",
    "school_unit",
    "students",
    "within",
    "addressed",
    "led",
    "authority_led",
    "standards_table",
    "school_table",
)
SCOPES = ("school", "region", "unclear")


class ScopeRulesError(ValueError):
    """A rule table that cannot be used; the message says where, in Chinese."""


@dataclass(frozen=True)
class Rule:
    name: str
    scope: str
    reason: str
    kinds: tuple[str, ...] = ()
    units: str | None = None
    not_: tuple[str, ...] = ()
    only: tuple[str, ...] = ()  # flags that must hold
    look: str = "quote"
    cue: str | None = None
    also: str | None = None
    example: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Majority:
    """The document's own level, for what no rule decides (see ``document_majority``)."""

    share: float
    at_least: int
    name: str
    reason: str

    def level(self, decided: Sequence[str]) -> tuple[str, str] | None:
        """The majority level of the decided scopes and the reason to give, or None."""
        total = len(decided)
        if total < self.at_least:
            return None
        level = max(("school", "region"), key=decided.count)
        count = decided.count(level)
        if count / total < self.share:
            return None
        words = {"school": "学校层级", "region": "区域层级"}[level]
        return level, self.reason.format(total=total, count=count, level=words)


@dataclass(frozen=True)
class ScopeRules:
    cues: Mapping[str, re.Pattern[str]]
    rules: tuple[Rule, ...]
    majority: Majority | None = None


@dataclass(frozen=True)
class Situation:
    """What the rules look at: the candidate's kind, unit, comparator and origin, its quote,
    the sentence before the quote, and the clause's 责任单位."""

    kind: str
    unit: str | None
    comparator: str | None
    lexical: bool
    within: bool
    quote: str
    before: str
    responsible: tuple[str, ...]
    addressed: bool = False  # the plan is a notice sent to schools ("各中小学校、幼儿园：")
    led: bool = False  # an item of a list a school is made to do ("学校必须…做好以下工作:")
    authority_led: bool = False  # an item of a list an authority is made to do ("县级以上人民政府应当履行下列职责:")
    chapter: str = ""  # the title of the chapter the clause stands in ("监督管理" under "第四章 监督管理")
    standards_table: bool = False  # a value in a standards table's column of a stage or size ("生均藏书量⇥册⇥25⇥35")
    school_table: bool = False  # a row of a school assessment table (分值, 评估方法, 佐证材料; 学校 in its title)


def load_scope_rules(path: str | Path = DEFAULT_PATH) -> ScopeRules:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    cues: dict[str, re.Pattern[str]] = {}
    for name, words in (data.get("cues") or {}).items():
        pattern = re.sub(r"\s+", "", str(words))
        try:
            cues[name] = re.compile(pattern)
        except re.error as exc:
            raise ScopeRulesError(f"{path}：线索“{name}”不是有效的正则表达式：{exc}") from exc
    rules = []
    for index, raw in enumerate(data.get("rules") or []):
        where = f"{path}：第{index + 1}条规则“{raw.get('name', '')}”"
        rule = Rule(
            name=str(raw["name"]),
            scope=str(raw["scope"]),
            reason=str(raw["reason"]),
            kinds=tuple(raw.get("kinds") or ()),
            units=raw.get("units"),
            not_=tuple(raw.get("not") or ()),
            only=tuple(raw.get("only") or ()),
            look=str(raw.get("look") or "quote"),
            cue=raw.get("cue"),
            also=raw.get("also"),
            example=raw.get("example"),
        )
        if rule.scope not in SCOPES:
            raise ScopeRulesError(f"{where}：scope 应为 {'、'.join(SCOPES)}")
        if rule.look not in LOOKS:
            raise ScopeRulesError(f"{where}：look 应为 {'、'.join(LOOKS)}")
        for name in (rule.cue, rule.also, rule.units):
            if name is not None and name not in cues:
                raise ScopeRulesError(f"{where}：没有名为“{name}”的线索")
        for flag in (*rule.not_, *rule.only):
            if flag not in FLAGS:
                raise ScopeRulesError(f"{where}：not 中的“{flag}”未定义（可用：{'、'.join(FLAGS)}）")
        rules.append(rule)
    majority = None
    if raw_majority := data.get("document_majority"):
        try:
            majority = Majority(
                share=float(raw_majority["share"]),
                at_least=int(raw_majority["at_least"]),
                name=str(raw_majority["name"]),
                reason=str(raw_majority["reason"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ScopeRulesError(f"{path}：document_majority 应有 share、at_least、name、reason：{exc}") from exc
        if not 0.5 < majority.share <= 1:
            raise ScopeRulesError(f"{path}：document_majority 的 share 应大于 0.5、不超过 1")
    return ScopeRules(cues, tuple(rules), majority)


@lru_cache(maxsize=1)
def default_scope_rules() -> ScopeRules:
    return load_scope_rules()


def decide(
    rules: ScopeRules, situation: Situation, local: re.Pattern[str] | None = None
) -> tuple[str, str, str]:
    """(scope, reason, rule name): the first rule that holds; unclear when none does. ``local``
    (the issuing area's own name, 营口) counts as a region cue."""
    flags = _flags(rules, situation)
    for rule in rules.rules:
        if rule.kinds and situation.kind not in rule.kinds:
            continue
        if rule.units and not (situation.unit and rules.cues[rule.units].fullmatch(situation.unit)):
            continue
        if any(flags[f] for f in rule.not_) or not all(flags[f] for f in rule.only):
            continue
        found = _look(rules, rule, situation, local)
        if found is None:
            continue
        also = ""
        if rule.also:
            match = rules.cues[rule.also].search(situation.quote)
            if match is None:
                continue
            also = match.group(0)
        reason = rule.reason.format(cue=found, also=also, unit=situation.unit or "")
        return rule.scope, reason, rule.name
    return "unclear", "未见层级线索", ""


def _flags(rules: ScopeRules, s: Situation) -> dict[str, bool]:
    cues = rules.cues
    return {
        "each_school": bool(cues["each_school"].search(s.quote)),
        "lexical": s.lexical,
        "at_most": s.comparator == "at_most",
        "school_unit": any(cues["school_unit"].fullmatch(u) for u in s.responsible),
        "students": bool(cues["students_gain"].search(s.before + s.quote)),
        "within": s.within,
        "addressed": s.addressed,
        "led": s.led,
        "authority_led": s.authority_led,
        "standards_table": s.standards_table,
        "school_table": s.school_table,
    }


def _look(rules: ScopeRules, rule: Rule, s: Situation, local: re.Pattern[str] | None) -> str | None:
    """The words the rule's cue found where it looks ("" when it needs none), or None."""
    if rule.look == "responsible":
        if not s.responsible:
            return None
        if rule.cue is None:
            return ""
        cue = rules.cues[rule.cue]
        return next((u for u in s.responsible if cue.fullmatch(u)), None)
    if rule.cue is None:
        return ""
    looked = {"quote": s.quote, "before": s.before, "sentence": s.before + s.quote, "chapter": s.chapter}
    text = looked[rule.look]
    if rule.cue in ("region", "region_actor"):
        # "提前7天向市教育局备案": the authority a report goes to does not do the work; "浙江省教育厅印发《…通知》,
        # 要求…": nor does the authority that issued the requirements
        for name in ("recipient", "issuer"):
            if name in rules.cues:
                text = rules.cues[name].sub(lambda m: "□" * len(m.group(0)), text)
    patterns: Sequence[re.Pattern[str]] = [rules.cues[rule.cue]]
    if rule.cue == "region" and local is not None:
        patterns = [*patterns, local]
    matches = [m for p in patterns for m in p.finditer(text)]
    if not matches:
        return None
    return max(matches, key=lambda m: (m.end(), -m.start())).group(0)
