"""The requirement candidate: the record ``extract`` returns, and how its requirement is written.

``Candidate`` is the ``selfcheck extract --json`` contract; ``describe`` puts its threshold in a
few characters (≥60分钟/天, 1:19, 须有), which the table, the draft and the diff show alike.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from checklist.extract.numbers import clean
from checklist.outline import PLAIN_TEXT, cite


@dataclass(frozen=True)
class Candidate:
    """One requirement found in a plan (the ``selfcheck extract --json`` contract)."""

    doc: str
    clause: str | None
    quote: str
    start: int
    end: int
    kind: str
    comparator: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    period: str | None
    subject: str
    denominator: str | None
    stages: tuple[str, ...]
    grades: tuple[str, ...]
    scope: str
    scope_reason: str
    modality: str
    responsible: tuple[str, ...]
    # Not part of the contract: the whole sentence (normalised) and what found the candidate.
    context: str = field(default="", compare=False)
    origin: str = field(default="", compare=False)
    scope_rule: str = field(default="", compare=False)  # the rule of config/scope_rules.yaml that decided
    clause_path: str = field(default="", compare=False)  # 「三、（二）第14条」

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape: every field present, null when unknown."""
        return {
            "doc": self.doc,
            "clause": self.clause,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "comparator": self.comparator,
            "value": _json_number(self.value),
            "value_max": _json_number(self.value_max),
            "unit": self.unit,
            "period": self.period,
            "subject": self.subject,
            "denominator": self.denominator,
            "stages": list(self.stages),
            "grades": list(self.grades),
            "scope": self.scope,
            "scope_reason": self.scope_reason,
            "modality": self.modality,
            "responsible": list(self.responsible),
        }

    @property
    def is_quantitative(self) -> bool:
        return self.kind in ("duration", "frequency", "ratio", "count", "coverage")

    @property
    def is_time_of_day(self) -> bool:
        """A limit on a time of the day (上课不早于8:20, 21:00前就寝): a school keeps it or not, so
        unlike a date to finish by it can be an item of its own."""
        return self.kind == "deadline" and self.unit == "时刻" and self.value is not None

    @property
    def requirement(self) -> str:
        """The threshold in a few characters: ≥60分钟/天, 1—2次/学年, ≥10%, 须有, 禁止."""
        return describe(self)


def _json_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


_SIGNS = {"at_least": "≥", "at_most": "≤", "equal": "=", None: ""}


def where_in_plan(c: Candidate) -> str:
    """Where a candidate sits, as a reader cites it: 「三、（二）第5条」, 第14条, or 正文."""
    if c.clause_path:
        return c.clause_path
    return cite(c.clause) if c.clause else PLAIN_TEXT


def format_value(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    if unit == "比例":
        return f"{clean(value * 100):g}%"
    return f"{value:g}{unit or ''}"


def one_in_n(n: float) -> float:
    """1/N to seven places, rounded down so that a school staffed at exactly 1:N meets it."""
    return math.floor(1e7 / n) / 1e7


def one_in(fraction: float) -> str:
    """A ratio of one to N as a plan writes it: 0.0526315 → "1:19", 0.0689655 → "1:14.5"."""
    return f"1:{round(1 / fraction, 1):g}"


def describe(c: Candidate) -> str:
    """The requirement a candidate sets, in words (used by the table, the draft, the diff)."""
    if c.kind == "existence":
        return "须有"
    if c.kind == "prohibition":
        return "禁止"
    if c.kind == "deadline":
        if c.unit == "时刻" and c.value is not None:  # a time of day, 500 minutes → 8:20
            clock = _clock(c.value)
            if c.comparator == "between" and c.value_max is not None:
                return f"{clock}—{_clock(c.value_max)}"  # a window of the day: 8:30—17:30
            about = f"{clock}左右" if "左右" in c.quote else clock  # "17时30分左右结束"; "8:30开始" is 8:30
            return {"at_least": f"不早于{clock}", "at_most": f"不晚于{clock}"}.get(c.comparator or "", about)
        return "限期完成"
    per = f"/{c.period}" if c.period else ""
    if c.origin == "ratio" and c.value:
        return f"{_SIGNS.get(c.comparator, '')}{one_in(c.value)}"
    if c.comparator == "between":
        high = format_value(c.value_max, c.unit)
        low = format_value(c.value, c.unit)
        suffix = "%" if c.unit == "比例" else (c.unit or "")
        return f"{low.removesuffix(suffix)}—{high}{per}"
    return f"{_SIGNS.get(c.comparator, '')}{format_value(c.value, c.unit)}{per}"



def _clock(minutes: float) -> str:
    return f"{int(minutes) // 60}:{int(minutes) % 60:02d}"


def windows_joined(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """A window of the day (每天上午8:30-下午17:30) is read as its two times, one candidate each,
    for the measure; a person reviews it as one requirement, 8:30—17:30: the two become one
    candidate between the first time and the second."""
    out: list[Candidate] = []
    for c in candidates:
        last = out[-1] if out else None
        if (
            last is not None
            and c.is_time_of_day
            and last.is_time_of_day
            and (last.start, last.end) == (c.start, c.end)
            and last.comparator == c.comparator == "equal"
            and last.value is not None
            and c.value is not None
            and c.value > last.value
        ):
            out[-1] = replace(last, comparator="between", value_max=c.value)
            continue
        out.append(c)
    return tuple(out)


def candidates_in(candidates: Iterable[Candidate], **where: Any) -> tuple[Candidate, ...]:
    """Filter helper: candidates_in(cands, kind="ratio", scope="school")."""
    return tuple(c for c in candidates if all(getattr(c, k) == v for k, v in where.items()))


def with_scope(candidate: Candidate, scope: str, reason: str) -> Candidate:
    """A copy with another scope (a person's decision)."""
    return replace(candidate, scope=scope, scope_reason=reason)


__all__ = [
    "Candidate",
    "candidates_in",
    "describe",
    "format_value",
    "one_in",
    "one_in_n",
    "where_in_plan",
    "windows_joined",
    "with_scope",
]
