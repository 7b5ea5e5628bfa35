"""Scoring one school: ``score(rubric, answers, profile) -> ScoreCard``.

Pure and deterministic: the same rubric, answers and profile always give the same card, and
nothing passed in is changed. Every item gets a status, points earned and possible, and an
explanation in Chinese built from its rule and the school's figures, e.g.
「交流教师6人/符合条件教师40人=15.0%，要求≥15%，达标」.

The figures come from the one engine (``checklist.engine``, evaluating N = 1 school here and
many in ``checklist.batch.score_many``); the words come from ``checklist.explain``, which only
phrases those figures. This module puts the two together as a card, and recomputes a card's
totals when an inspector overrides some items (``apply_overrides``), with the same engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

import numpy as np

from checklist.engine import (
    STATUS_LABELS,
    STATUSES,
    Plan,
    SchoolFigures,
    SchoolTotals,
    Status,
    Why,
    evaluate,
    failed_vetoes,
    grades_shown,
    missing_inputs,
    plan_of,
    round2,
    summarise,
)
from checklist.explain import (
    explain,
    format_number,
    format_percent,
    profile_excludes,
    requirement_text,
)
from checklist.model import Rubric, SchoolProfile

__all__ = [
    "STATUS_LABELS",
    "GroupResult",
    "ItemResult",
    "Override",
    "ScoreCard",
    "Status",
    "apply_overrides",
    "format_number",
    "format_percent",
    "grades_shown",
    "profile_excludes",
    "requirement_text",
    "round2",
    "score",
]

_STATUS_VALUES = tuple(s.value for s in Status)
_CODE: Mapping[Status, int] = {status: code for code, status in enumerate(STATUSES)}
_UNANSWERED = _CODE[Status.UNANSWERED]
_ONE_HOT = np.eye(len(STATUSES))  # row k: one item of status code k


@dataclass(frozen=True)
class ItemResult:
    """One item's result. ``possible`` is 0 for an item that does not apply."""

    item_id: str
    title: str
    status: Status
    earned: float
    possible: float
    explanation: str
    attainment: float | None = None  # 0..1 where the rule measures a degree; None otherwise
    veto: bool = False
    bonus: bool = False
    missing: tuple[str, ...] = ()  # input keys still to fill in when unanswered

    @property
    def counts_in_total(self) -> bool:
        return not self.bonus and self.status is not Status.NOT_APPLICABLE

    @property
    def lost(self) -> float:
        """Points lost (扣分) on an applicable, non-bonus item."""
        return round(self.possible - self.earned, 2) if self.counts_in_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "title": self.title,
            "status": self.status.value,
            "status_label": self.status.label,
            "earned": self.earned,
            "possible": self.possible,
            "explanation": self.explanation,
            "veto": self.veto,
            "bonus": self.bonus,
        }


@dataclass(frozen=True)
class GroupResult:
    """A dimension's (一级指标) or indicator's (二级指标) subtotal, bonus items excluded."""

    id: str
    title: str
    earned: float
    possible: float
    counts: Mapping[str, int]

    @property
    def percent(self) -> float | None:
        if self.possible == 0:
            return None
        return round2(self.earned / self.possible * 100)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "earned": self.earned,
            "possible": self.possible,
            "percent": self.percent,
            "counts": dict(self.counts),
        }


class _Identified(Protocol):
    @property
    def item_id(self) -> str: ...


Row = TypeVar("Row", bound=_Identified)


@dataclass(frozen=True)
class Totals(Generic[Row]):
    """A school's figures against one rubric: points, percentages, level, vetoes, the groups and
    a row per item. A ScoreCard's rows explain themselves; a batch's rows are figures only."""

    rubric_id: str
    rubric_version: int
    earned: float
    possible: float
    base_percent: float
    bonus_points: float
    total_percent: float
    level: str
    veto_failed: bool
    veto_items: tuple[str, ...]
    dimensions: tuple[GroupResult, ...]
    indicators: tuple[GroupResult, ...]
    items: tuple[Row, ...]

    def item(self, item_id: str) -> Row:
        for result in self.items:
            if result.item_id == item_id:
                return result
        raise KeyError(item_id)


@dataclass(frozen=True)
class ScoreCard(Totals[ItemResult]):
    """The whole result for one school against one rubric."""

    @property
    def by_id(self) -> Mapping[str, ItemResult]:
        return {r.item_id: r for r in self.items}

    @property
    def unanswered(self) -> tuple[ItemResult, ...]:
        """Applicable, non-bonus items still to be answered before submission."""
        return tuple(r for r in self.items if r.status is Status.UNANSWERED and not r.bonus)

    @property
    def applicable_count(self) -> int:
        return sum(1 for r in self.items if r.status is not Status.NOT_APPLICABLE and not r.bonus)

    @property
    def answered_count(self) -> int:
        return self.applicable_count - len(self.unanswered)

    def counts(self) -> dict[str, int]:
        return status_counts(r.status for r in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric_id,
            "version": self.rubric_version,
            "total_percent": self.total_percent,
            "base_percent": self.base_percent,
            "bonus_points": self.bonus_points,
            "earned": self.earned,
            "possible": self.possible,
            "level": self.level,
            "veto_failed": self.veto_failed,
            "veto_items": list(self.veto_items),
            "counts": self.counts(),
            "dimensions": [d.to_dict() for d in self.dimensions],
            "items": [r.to_dict() for r in self.items],
        }


def status_counts(statuses: Iterable[Status]) -> dict[str, int]:
    """How many of each status, every status named (0 when none)."""
    counts = [0] * len(STATUSES)
    for status in statuses:
        counts[_CODE[status]] += 1
    return dict(zip(_STATUS_VALUES, counts, strict=True))


# ---------------------------------------------------------------------------------------------


def score(
    rubric: Rubric,
    answers: Mapping[str, Any],
    profile: SchoolProfile | None = None,
) -> ScoreCard:
    """Score one school's answers against a rubric.

    ``answers`` maps input keys to values: numbers, booleans, strings, and for a ``grades``
    input a mapping from grade code to number (``{"P4": 1, "P5": 2}``). Missing keys are
    unanswered. Values of the wrong type are treated as unanswered and named in the
    explanation; ``checklist.answers.validate_answers`` reports them properly.
    """
    figures = evaluate(rubric, (answers,), (profile,))
    school = figures.school(0)
    plan = figures.plan
    texts = explain(plan, school, answers)
    results = tuple(
        ItemResult(
            item.id,
            item.title,
            STATUSES[code],
            earned,
            possible,
            text,
            None if attainment != attainment else attainment,  # NaN: the rule measures no degree
            item.veto,
            item.bonus,
            _missing(plan, school, j) if code == _UNANSWERED else (),
        )
        for j, (item, code, earned, possible, text, attainment) in enumerate(
            zip(plan.items, school.status, school.earned, school.possible, texts, school.item_attainment, strict=True)
        )
    )
    return _card(plan, results, school.status, school.totals)


def _missing(plan: Plan, school: SchoolFigures, j: int) -> tuple[str, ...]:
    """The inputs an unanswered item waits for: its condition's, or else its rule's."""
    condition = plan.conditions[j]
    if condition is not None and school.why[j] == Why.CONDITION_UNANSWERED:
        return missing_inputs(condition, school)
    return missing_inputs(plan.rules[j], school)


@dataclass(frozen=True)
class Override:
    """An inspector's result for an item, replacing the engine's (核定), with the reason."""

    status: Status
    reason: str
    earned: float | None = None  # the points, for 部分达标


def apply_overrides(rubric: Rubric, card: ScoreCard, overrides: Mapping[str, Override]) -> ScoreCard:
    """The card with some items' results set by an inspector; totals and level recomputed."""
    results = []
    for result in card.items:
        override = overrides.get(result.item_id)
        if override is None:
            results.append(result)
            continue
        item = rubric.item(result.item_id)
        points = item.points
        if override.status is Status.NOT_APPLICABLE:
            earned, possible = 0.0, 0.0
        elif override.status is Status.MET:
            earned, possible = points, points
        elif override.status is Status.PARTIAL:
            earned, possible = min(max(override.earned or 0.0, 0.0), points), points
        else:
            earned, possible = 0.0, points
        results.append(
            replace(
                result,
                status=override.status,
                earned=round2(earned),
                possible=round2(possible),
                explanation=f"{result.explanation}；督学核定为{override.status.label}：{override.reason}",
            )
        )
    plan = plan_of(rubric)
    by_id = {r.item_id: r for r in results}
    ordered = [by_id[item.id] for item in plan.items]
    codes = [_CODE[r.status] for r in ordered]
    totals = summarise(
        plan,
        np.array([codes], dtype=np.int8),
        np.array([[r.earned for r in ordered]], dtype=np.float64),
        np.array([[r.possible for r in ordered]], dtype=np.float64),
    )
    return _card(plan, tuple(results), codes, totals.school(0))


def _card(plan: Plan, results: tuple[ItemResult, ...], codes: Sequence[int], sums: SchoolTotals) -> ScoreCard:
    """The card of one school: its item results, its item status codes in rubric order, and
    its totals (both from the engine)."""
    rubric = plan.rubric
    veto_items = tuple(plan.items[j].id for j in failed_vetoes(plan, codes))
    # How many items of each status in every group: groups × items times items × statuses.
    tally = (plan.group_members @ _ONE_HOT[list(codes)]).astype(np.int64).tolist()
    earned = [*sums.dimension_earned, *sums.indicator_earned]
    possible = [*sums.dimension_possible, *sums.indicator_possible]
    groups = tuple(
        GroupResult(group.id, group.title, earned[g], possible[g], dict(zip(_STATUS_VALUES, tally[g], strict=True)))
        for g, group in enumerate(plan.groups)
    )
    return ScoreCard(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        earned=sums.earned,
        possible=sums.possible,
        base_percent=sums.base_percent,
        bonus_points=sums.bonus_points,
        total_percent=sums.total_percent,
        level=rubric.levels[sums.level_index].name,
        veto_failed=sums.veto_failed,
        veto_items=veto_items,
        dimensions=groups[: plan.dimension_count],
        indicators=groups[plan.dimension_count :],
        items=results,
    )
