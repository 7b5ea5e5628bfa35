"""Comparing two plans' requirements: the same requirement with different thresholds (营口
10%/20% against city X's 15%/25%; 1 hour against 2), and requirements only one plan has.

Two candidates are taken for the same requirement when they speak of the same shared topic
(``topics.topic_of``: the exchange ratio, daily PE minutes, 研学 trips …), or, failing that,
when they have the same kind, unit and period and their subjects share most of their
characters (character bigrams, Jaccard ≥ 0.5). Only quantitative candidates are compared
(duration, frequency, ratio, count, coverage); region targets are compared too, marked as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from checklist.extract.candidates import Candidate, describe
from checklist.extract.topics import topic_of

SIMILARITY = 0.5


@dataclass(frozen=True)
class PlanChange:
    """One requirement in both plans with different thresholds (or the same, in ``same``)."""

    topic: str
    a: Candidate
    b: Candidate

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "kind": self.a.kind,
            "a_requirement": describe(self.a),
            "b_requirement": describe(self.b),
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
        }


@dataclass(frozen=True)
class PlanDiff:
    changed: tuple[PlanChange, ...]
    same: tuple[PlanChange, ...]
    only_a: tuple[Candidate, ...]
    only_b: tuple[Candidate, ...]

    def to_dict(self) -> dict[str, Any]:
        def one(c: Candidate) -> dict[str, Any]:
            return {"requirement": describe(c), **c.to_dict()}

        return {
            "changed": [c.to_dict() for c in self.changed],
            "same": [c.to_dict() for c in self.same],
            "only_a": [one(c) for c in self.only_a],
            "only_b": [one(c) for c in self.only_b],
        }


def topic_label(c: Candidate) -> str:
    """What the requirement is about, for pairing and display."""
    topic = topic_of(c)
    if topic is not None:
        if c.origin.startswith("lexicon:"):
            return f"{topic.label}：{c.subject}"
        return topic.label
    if c.origin.startswith("lexicon:"):
        return c.subject
    return ""


def _threshold(c: Candidate) -> tuple[Any, ...]:
    return (c.comparator, c.value, c.value_max, c.unit, c.period)


def _bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isalnum())
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _similarity(a: Candidate, b: Candidate) -> float:
    x, y = _bigrams(a.subject), _bigrams(b.subject)
    return len(x & y) / len(x | y) if x | y else 0.0


def diff_plans(a: Sequence[Candidate], b: Sequence[Candidate]) -> PlanDiff:
    """Pair plan A's quantitative candidates with plan B's and sort them into changed, same,
    only in A and only in B."""
    left = [c for c in a if c.is_quantitative]
    right = [c for c in b if c.is_quantitative]
    used_right: set[int] = set()
    pairs: list[tuple[str, Candidate, Candidate]] = []
    unpaired_left: list[Candidate] = []
    # 1. shared topics (exact label)
    for c in left:
        label = topic_label(c)
        match = None
        if label:
            for j, d in enumerate(right):
                if j not in used_right and topic_label(d) == label:
                    match = j
                    if _threshold(d) == _threshold(c):
                        break
        if match is None:
            unpaired_left.append(c)
            continue
        used_right.add(match)
        pairs.append((label, c, right[match]))
    # 2. similar subjects, best first
    scored: list[tuple[float, int, int]] = []
    for i, c in enumerate(unpaired_left):
        for j, d in enumerate(right):
            if j in used_right or topic_label(c) or topic_label(d):
                continue
            if (c.kind, c.unit, c.period, c.scope) != (d.kind, d.unit, d.period, d.scope):
                continue
            score = _similarity(c, d)
            if score >= SIMILARITY:
                scored.append((score, i, j))
    used_left: set[int] = set()
    for _, i, j in sorted(scored, reverse=True):
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((unpaired_left[i].subject, unpaired_left[i], right[j]))
    changed = tuple(PlanChange(t, x, y) for t, x, y in pairs if _threshold(x) != _threshold(y))
    same = tuple(PlanChange(t, x, y) for t, x, y in pairs if _threshold(x) == _threshold(y))
    only_a = tuple(c for i, c in enumerate(unpaired_left) if i not in used_left)
    only_b = tuple(d for j, d in enumerate(right) if j not in used_right)
    return PlanDiff(changed, same, only_a, only_b)
