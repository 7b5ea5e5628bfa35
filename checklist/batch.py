"""Scoring many schools at once, figures only: ``score_many(rubric, answers_list, profiles)``.

A region-wide run (all schools of a city, a re-score after a rubric correction, a benchmark)
needs each item's status and points and per school the totals, the level and the veto flag,
not the explanations. ``score_many`` runs the one engine (``checklist.engine``, the same code
that ``checklist.scoring.score`` runs for one school) over all the schools and keeps those
figures as numpy arrays, with the region's summaries (levels, statuses per item, compliance
rates, subtotal percentages) computed from them.

Statuses are stored as small integer codes, indexes into :data:`STATUSES`
(``STATUSES[code]`` is the :class:`~checklist.scoring.Status`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from checklist.engine import STATUSES, evaluate, failed_vetoes, plan_of, round2_array
from checklist.model import Dimension, Indicator, Rubric, SchoolProfile
from checklist.scoring import GroupResult, Status, Totals, status_counts

__all__ = [
    "STATUSES",
    "BatchScores",
    "ItemScore",
    "SchoolScore",
    "score_many",
    "status_code",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
CodeArray = NDArray[np.int8]

_CODE: Mapping[Status, int] = {status: code for code, status in enumerate(STATUSES)}
_MET_CODE = _CODE[Status.MET]
_PARTIAL_CODE = _CODE[Status.PARTIAL]
_NOT_MET_CODE = _CODE[Status.NOT_MET]


def status_code(status: Status | str) -> int:
    """The integer code of a status in :attr:`BatchScores.status`."""
    return _CODE[Status(status)]


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class ItemScore:
    """One item's figures for one school (an ItemResult without the explanation)."""

    item_id: str
    status: Status
    earned: float
    possible: float
    veto: bool = False
    bonus: bool = False

    @property
    def counts_in_total(self) -> bool:
        return not self.bonus and self.status is not Status.NOT_APPLICABLE


@dataclass(frozen=True)
class SchoolScore(Totals[ItemScore]):
    """One school's summary out of a batch: the ScoreCard's figures, without explanations.

    ``dimensions`` and ``indicators`` are the same :class:`GroupResult` values a ScoreCard
    has, so they compare equal to ``score(...).dimensions``.
    """

    def counts(self) -> dict[str, int]:
        return status_counts(result.status for result in self.items)


@dataclass(frozen=True, eq=False)
class BatchScores:
    """The figures of many schools scored against one rubric, as numpy arrays.

    Row ``i`` is the ``i``-th school given to :func:`score_many`; column ``j`` of the item
    arrays is ``rubric.items[j]`` (``item_ids[j]``), column ``k`` of the dimension arrays is
    ``rubric.dimensions[k]``, of the indicator arrays the rubric's indicators in order.
    Amounts are floats in whole cents, as a ScoreCard has them; an item that does not apply
    has 0 possible, as in a ScoreCard.
    """

    rubric: Rubric
    item_ids: tuple[str, ...]
    status: CodeArray  # (schools, items): codes into STATUSES
    earned: FloatArray  # (schools, items)
    possible: FloatArray  # (schools, items)
    earned_total: FloatArray  # (schools,): non-bonus items, as ScoreCard.earned
    possible_total: FloatArray  # (schools,)
    base_percent: FloatArray
    bonus_points: FloatArray
    total_percent: FloatArray
    level_index: NDArray[np.intp]  # index into rubric.levels
    veto_failed: BoolArray
    dimension_ids: tuple[str, ...]
    dimension_earned: FloatArray  # (schools, dimensions)
    dimension_possible: FloatArray
    indicator_ids: tuple[str, ...]
    indicator_earned: FloatArray  # (schools, indicators)
    indicator_possible: FloatArray

    def __len__(self) -> int:
        return int(self.status.shape[0])

    # -- one school -----------------------------------------------------------------------

    def level(self, i: int) -> str:
        return self.rubric.levels[int(self.level_index[i])].name

    @property
    def levels(self) -> tuple[str, ...]:
        """Every school's level name, in order."""
        names = [level.name for level in self.rubric.levels]
        return tuple(names[k] for k in self.level_index.tolist())

    def item_status(self, i: int, item_id: str) -> Status:
        return STATUSES[int(self.status[i, self._column(item_id)])]

    def veto_items(self, i: int) -> tuple[str, ...]:
        """The failed veto items of school ``i`` (not met or only partly met)."""
        return tuple(self.item_ids[j] for j in failed_vetoes(plan_of(self.rubric), self.status[i].tolist()))

    def card(self, i: int) -> SchoolScore:
        """School ``i``'s summary: what its ScoreCard says, without the explanations."""
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        codes = self.status[i].tolist()
        earned = self.earned[i].tolist()
        possible = self.possible[i].tolist()
        items = self.rubric.items
        results = tuple(
            ItemScore(
                item_id=item.id,
                status=STATUSES[codes[j]],
                earned=earned[j],
                possible=possible[j],
                veto=item.veto,
                bonus=item.bonus,
            )
            for j, item in enumerate(items)
        )
        rubric = self.rubric
        dimensions = _group_results(
            rubric.dimensions, self.dimension_earned[i], self.dimension_possible[i], self._dimension_columns, codes
        )
        indicators = _group_results(
            _indicators(rubric), self.indicator_earned[i], self.indicator_possible[i], self._indicator_columns, codes
        )
        return SchoolScore(
            rubric_id=self.rubric.id,
            rubric_version=self.rubric.version,
            earned=float(self.earned_total[i]),
            possible=float(self.possible_total[i]),
            base_percent=float(self.base_percent[i]),
            bonus_points=float(self.bonus_points[i]),
            total_percent=float(self.total_percent[i]),
            level=self.level(i),
            veto_failed=bool(self.veto_failed[i]),
            veto_items=self.veto_items(i),
            dimensions=dimensions,
            indicators=indicators,
            items=results,
        )

    def cards(self) -> list[SchoolScore]:
        return [self.card(i) for i in range(len(self))]

    # -- the region -----------------------------------------------------------------------

    def level_distribution(self) -> dict[str, int]:
        """How many schools reached each level, in the rubric's order (best first)."""
        counts = np.bincount(self.level_index, minlength=len(self.rubric.levels))
        return {level.name: int(counts[k]) for k, level in enumerate(self.rubric.levels)}

    def status_counts(self) -> dict[str, dict[str, int]]:
        """Per item: how many schools got each status (``{"A1.1": {"met": 12, …}}``)."""
        table = self._status_table()
        return {
            item_id: {status.value: int(table[code, j]) for code, status in enumerate(STATUSES)}
            for j, item_id in enumerate(self.item_ids)
        }

    def compliance_rates(self) -> dict[str, float | None]:
        """Per item, the compliance rate (达标率) in percent, rounded to two decimals: schools
        that met it over schools assessed on it (met, partial or not met — not applicable and
        unanswered left out), as the region summary computes it; None when none was assessed."""
        table = self._status_table()
        rates: dict[str, float | None] = {}
        for j, item_id in enumerate(self.item_ids):
            met = int(table[_MET_CODE, j])
            assessed = met + int(table[_PARTIAL_CODE, j]) + int(table[_NOT_MET_CODE, j])
            rates[item_id] = round(met / assessed * 100, 2) if assessed else None
        return rates

    def dimension_percent(self) -> FloatArray:
        """(schools, dimensions): earned / possible × 100 rounded half up to cents as
        GroupResult.percent does; NaN where the dimension had nothing applicable."""
        return _percent_matrix(self.dimension_earned, self.dimension_possible)

    def indicator_percent(self) -> FloatArray:
        return _percent_matrix(self.indicator_earned, self.indicator_possible)

    # -- internals ------------------------------------------------------------------------

    def _column(self, item_id: str) -> int:
        try:
            return self.item_ids.index(item_id)
        except ValueError:
            raise KeyError(item_id) from None

    @cached_property
    def _dimension_columns(self) -> tuple[tuple[int, ...], ...]:
        return self._columns_of(self.rubric.dimensions)

    @cached_property
    def _indicator_columns(self) -> tuple[tuple[int, ...], ...]:
        return self._columns_of(_indicators(self.rubric))

    def _columns_of(self, groups: Sequence[Dimension | Indicator]) -> tuple[tuple[int, ...], ...]:
        """The columns of each group's items."""
        column = {item_id: j for j, item_id in enumerate(self.item_ids)}
        return tuple(tuple(column[item.id] for item in group.items) for group in groups)

    def _status_table(self) -> IntArray:
        """(statuses, items): how many schools have each status on each item."""
        table = np.zeros((len(STATUSES), len(self.item_ids)), dtype=np.int64)
        for code in range(len(STATUSES)):
            table[code] = (self.status == code).sum(axis=0)
        return table


def _group_results(
    groups: Sequence[Dimension | Indicator],
    earned: FloatArray,
    possible: FloatArray,
    columns: Sequence[Sequence[int]],
    codes: Sequence[int],
) -> tuple[GroupResult, ...]:
    """One school's results by dimension or by indicator: ``earned`` and ``possible`` are its
    row of that level's matrices, ``columns`` each group's items, ``codes`` its statuses."""
    return tuple(
        GroupResult(
            id=group.id,
            title=group.title,
            earned=float(earned[k]),
            possible=float(possible[k]),
            counts=_row_counts(codes, columns[k]),
        )
        for k, group in enumerate(groups)
    )


def _row_counts(codes: Sequence[int], columns: Sequence[int]) -> dict[str, int]:
    return status_counts(STATUSES[codes[j]] for j in columns)


def _indicators(rubric: Rubric) -> tuple[Indicator, ...]:
    return tuple(indicator for d in rubric.dimensions for indicator in d.indicators)


def _percent_matrix(earned: FloatArray, possible: FloatArray) -> FloatArray:
    with np.errstate(all="ignore"):
        raw = np.where(possible == 0, np.nan, earned / np.where(possible == 0, 1.0, possible) * 100)
    out = round2_array(raw)
    out[possible == 0] = np.nan
    return out


# ---------------------------------------------------------------------------------------------
# Entry point


def score_many(
    rubric: Rubric,
    answers_list: Sequence[Mapping[str, Any]],
    profiles: Sequence[SchoolProfile | None] | None = None,
) -> BatchScores:
    """Score many schools' answers against one rubric, without explanations.

    ``answers_list[i]`` and ``profiles[i]`` are school ``i``'s answers and profile, as
    :func:`checklist.scoring.score` takes them; a profile of None (or ``profiles`` None) is
    the universal profile, as there. The figures are those of ``score`` school by school: the
    same engine computes them.
    """
    figures = evaluate(rubric, answers_list, profiles)
    totals = figures.totals
    return BatchScores(
        rubric=rubric,
        item_ids=tuple(item.id for item in rubric.items),
        status=figures.status,
        earned=figures.earned,
        possible=figures.possible,
        earned_total=totals.earned,
        possible_total=totals.possible,
        base_percent=totals.base_percent,
        bonus_points=totals.bonus_points,
        total_percent=totals.total_percent,
        level_index=totals.level_index,
        veto_failed=totals.veto_failed,
        dimension_ids=tuple(d.id for d in rubric.dimensions),
        dimension_earned=totals.dimension_earned,
        dimension_possible=totals.dimension_possible,
        indicator_ids=tuple(ind.id for ind in _indicators(rubric)),
        indicator_earned=totals.indicator_earned,
        indicator_possible=totals.indicator_possible,
    )
