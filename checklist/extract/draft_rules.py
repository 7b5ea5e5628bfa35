"""The draft rules as data (``config/draft_rules.yaml``): the shared inputs of the rubrics, and
the ordered table of topics — which candidates speak of one shared figure (交流轮岗, 研学, 明厨亮灶
…) and how such a candidate becomes an item's rule. ``rubric draft`` builds items with it and
``rubric diff`` pairs requirements across plans by its topics."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from checklist.extract.candidates import Candidate

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "draft_rules.yaml"
RULE_WORDS = ("number", "each", "is_true", "percent", "generic")
_CONDITIONS = {
    "kinds",
    "period",
    "quote",
    "quote_not",
    "quote_also",
    "context",
    "subject",
    "subject_not",
    "denominator",
    "origins",
    "origins_not",
    "unit",
    "grades",
}


class DraftRulesError(ValueError):
    """A table that cannot be used; the message says where, in Chinese."""


@dataclass(frozen=True)
class Topic:
    """One row of the topic table."""

    key: str  # the shared input key (or a topic name when the figure needs several inputs)
    label: str
    when: Mapping[str, Any]
    rule: str | Mapping[str, Any]
    input: str = ""  # the shared input the rule asks for (default: key)
    inputs: tuple[str, ...] = ()
    partial: str | None = None
    veto: bool = False
    applies_if: Mapping[str, Any] | None = None
    context_number: str | None = None
    basis: Mapping[str, Any] | None = None
    example: Mapping[str, Any] = field(default_factory=dict)

    def holds(self, c: Candidate) -> bool:
        w = self.when
        quote = re.sub(r"\s+", "", c.quote)
        context = c.context + quote
        checks = (
            ("kinds", lambda v: c.kind in v),
            ("period", lambda v: c.period == v),
            ("quote", lambda v: re.search(v, quote) is not None),
            ("quote_not", lambda v: re.search(v, quote) is None),
            ("quote_also", lambda v: re.search(v, quote) is not None),
            ("context", lambda v: re.search(v, context) is not None),
            ("subject", lambda v: re.search(v, c.subject) is not None),
            ("subject_not", lambda v: re.search(v, c.subject) is None),
            ("denominator", lambda v: re.search(v, c.denominator or "") is not None),
            ("origins", lambda v: c.origin in v),
            ("origins_not", lambda v: c.origin not in v),
            ("unit", lambda v: c.unit == v),
            ("grades", lambda v: bool(c.grades) == bool(v)),
        )
        return all(test(w[name]) for name, test in checks if name in w)


@dataclass(frozen=True)
class DraftRules:
    inputs: Mapping[str, Mapping[str, Any]]
    topics: tuple[Topic, ...]

    def topic_of(self, c: Candidate) -> Topic | None:
        return next((t for t in self.topics if t.holds(c)), None)


def load_draft_rules(path: str | Path = DEFAULT_PATH) -> DraftRules:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    inputs = {str(k): dict(v) for k, v in (data.get("inputs") or {}).items()}
    topics = []
    for index, raw in enumerate(data.get("topics") or []):
        where = f"{path}：第{index + 1}个主题“{raw.get('key', '')}”"
        when = dict(raw.get("when") or {})
        unknown = set(when) - _CONDITIONS
        if unknown:
            raise DraftRulesError(f"{where}：未知条件 {'、'.join(sorted(unknown))}")
        rule = raw.get("rule")
        if isinstance(rule, str) and rule not in RULE_WORDS:
            raise DraftRulesError(f"{where}：rule 应为 {'、'.join(RULE_WORDS)} 或规则映射")
        topic = Topic(
            key=str(raw["key"]),
            label=str(raw["label"]),
            when=when,
            rule=rule,
            input=str(raw.get("input") or raw["key"]),
            inputs=tuple(raw.get("inputs") or ()),
            partial=raw.get("partial"),
            veto=bool(raw.get("veto")),
            applies_if=raw.get("applies_if"),
            context_number=raw.get("context_number"),
            basis=raw.get("basis"),
            example=raw.get("example") or {},
        )
        for key in (*topic.inputs, *([topic.input] if isinstance(rule, str) and rule != "generic" else [])):
            if key not in inputs:
                raise DraftRulesError(f"{where}：输入项“{key}”未在 inputs 中定义")
        topics.append(topic)
    return DraftRules(inputs, tuple(topics))


@lru_cache(maxsize=1)
def default_draft_rules() -> DraftRules:
    return load_draft_rules()
