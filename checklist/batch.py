"""Fast scoring of many schools at once: ``score_many(rubric, answers_list, profiles)``.

The scalar engine (:func:`checklist.scoring.score`) writes a Chinese explanation for every
item, which is what a school or an inspector reads. A region-wide run (all schools of a city,
a re-score after a rubric correction, a benchmark) only needs the figures: each item's status,
points earned and possible, and per school the totals, the level and the veto flag. This
module computes exactly those, without explanations, with numpy: one column per input, and
every rule kind evaluated for all schools in one vectorised step.

The figures are *identical* to the scalar engine's, not merely close: the same float
operations in the same order (attainment, credit, the half-up rounding to cents with the same
decimal fallback near a half), item points summed as integer cents, the total percent rounded
half up to hundredths of a percent before the level is looked up, the bonus capped, a failed
veto item forcing the lowest level. ``tests/checklist/test_batch.py`` checks this with
Hypothesis on every shipped rubric.

Statuses are stored as small integer codes, indexes into :data:`STATUSES`
(``STATUSES[code]`` is the :class:`~checklist.scoring.Status`).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from operator import is_
from typing import Any

import numpy as np
from numpy.typing import NDArray

from checklist.model import (
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Between,
    Deduct,
    Each,
    GradeRule,
    Indicator,
    IsFalse,
    IsTrue,
    Item,
    PartialMode,
    RatioAtLeast,
    Rubric,
    Rule,
    SchoolProfile,
    rule_inputs,
)
from checklist.scoring import GroupResult, Status, grades_shown, round2

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

STATUSES: tuple[Status, ...] = tuple(Status)
"""Item status by code: the codes in :attr:`BatchScores.status` index this tuple."""

_CODE: Mapping[Status, int] = {status: code for code, status in enumerate(STATUSES)}
_MET_CODE = _CODE[Status.MET]
_PARTIAL_CODE = _CODE[Status.PARTIAL]
_NOT_MET_CODE = _CODE[Status.NOT_MET]
_NA_CODE = _CODE[Status.NOT_APPLICABLE]
_UNANSWERED_CODE = _CODE[Status.UNANSWERED]


def status_code(status: Status | str) -> int:
    """The integer code of a status in :attr:`BatchScores.status`."""
    return _CODE[Status(status)]


# A rule's verdict for one school (the scalar engine's ``_State``), as int8 codes.
_S_MET, _S_NOT_MET, _S_UNANSWERED, _S_NA = 0, 1, 2, 3

# Item points are summed as int64 cents, and earned cents × 10,000 must not overflow.
_MAX_TOTAL_POINTS = 1e12

# Python's built-in sum() of floats is compensated (Neumaier) from 3.12 on; the scalar engine
# averages the attainments of an ``all`` rule with it, so the batch does the same sum.
_COMPENSATED_SUM = sys.version_info >= (3, 12)


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class ItemScore:
    """One item's figures for one school (the scalar ItemResult without the explanation)."""

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
class SchoolScore:
    """One school's summary out of a batch: the ScoreCard's figures, without explanations.

    ``dimensions`` and ``indicators`` are the same :class:`GroupResult` values a ScoreCard
    has, so they compare equal to ``score(...).dimensions``.
    """

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
    items: tuple[ItemScore, ...]

    def item(self, item_id: str) -> ItemScore:
        for result in self.items:
            if result.item_id == item_id:
                return result
        raise KeyError(item_id)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((s.value for s in STATUSES), 0)
        for result in self.items:
            counts[result.status.value] += 1
        return counts


@dataclass(frozen=True, eq=False)
class BatchScores:
    """The figures of many schools scored against one rubric, as numpy arrays.

    Row ``i`` is the ``i``-th school given to :func:`score_many`; column ``j`` of the item
    arrays is ``rubric.items[j]`` (``item_ids[j]``), column ``k`` of the dimension arrays is
    ``rubric.dimensions[k]``, of the indicator arrays the rubric's indicators in order.
    Amounts are floats equal to the scalar engine's (whole cents, as the engine rounds them);
    an item that does not apply has 0 possible, as in a ScoreCard.
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
        row = self.status[i]
        return tuple(self.item_ids[j] for j in self._veto_columns if row[j] == _NOT_MET_CODE or row[j] == _PARTIAL_CODE)

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
        dimensions = tuple(
            GroupResult(
                id=dimension.id,
                title=dimension.title,
                earned=float(self.dimension_earned[i, k]),
                possible=float(self.dimension_possible[i, k]),
                counts=_row_counts(codes, self._dimension_columns[k]),
            )
            for k, dimension in enumerate(self.rubric.dimensions)
        )
        indicators = tuple(
            GroupResult(
                id=indicator.id,
                title=indicator.title,
                earned=float(self.indicator_earned[i, k]),
                possible=float(self.indicator_possible[i, k]),
                counts=_row_counts(codes, self._indicator_columns[k]),
            )
            for k, indicator in enumerate(_indicators(self.rubric))
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
    def _veto_columns(self) -> tuple[int, ...]:
        return tuple(j for j, item in enumerate(self.rubric.items) if item.veto and not item.bonus)

    @cached_property
    def _dimension_columns(self) -> tuple[tuple[int, ...], ...]:
        column = {item_id: j for j, item_id in enumerate(self.item_ids)}
        return tuple(tuple(column[item.id] for item in d.items) for d in self.rubric.dimensions)

    @cached_property
    def _indicator_columns(self) -> tuple[tuple[int, ...], ...]:
        column = {item_id: j for j, item_id in enumerate(self.item_ids)}
        return tuple(tuple(column[item.id] for item in indicator.items) for indicator in _indicators(self.rubric))

    def _status_table(self) -> IntArray:
        """(statuses, items): how many schools have each status on each item."""
        table = np.zeros((len(STATUSES), len(self.item_ids)), dtype=np.int64)
        for code in range(len(STATUSES)):
            table[code] = (self.status == code).sum(axis=0)
        return table


def _row_counts(codes: Sequence[int], columns: Sequence[int]) -> dict[str, int]:
    counts = dict.fromkeys((s.value for s in STATUSES), 0)
    for j in columns:
        counts[STATUSES[codes[j]].value] += 1
    return counts


def _indicators(rubric: Rubric) -> tuple[Indicator, ...]:
    return tuple(indicator for d in rubric.dimensions for indicator in d.indicators)


def _percent_matrix(earned: FloatArray, possible: FloatArray) -> FloatArray:
    with np.errstate(all="ignore"):
        raw = np.where(possible == 0, np.nan, earned / np.where(possible == 0, 1.0, possible) * 100)
    out = _round2_array(raw)
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
    the universal profile, as there. Every figure equals the scalar engine's.
    """
    n = len(answers_list)
    if profiles is None:
        profiles = [None] * n
    if len(profiles) != n:
        raise ValueError(f"{n} 份填报数据对应 {len(profiles)} 个学校概况，数目应相同")
    total_points = sum(abs(item.points) for item in rubric.items) + abs(rubric.bonus_cap)
    if not total_points < _MAX_TOTAL_POINTS:
        raise ValueError("评估细则总分过大，批量计分无法精确计算")

    with np.errstate(all="ignore"):
        engine = _Engine(rubric, answers_list, profiles)
        return engine.run()


# ---------------------------------------------------------------------------------------------
# The engine


@dataclass
class _Outcome:
    """A rule's verdict for every school: state codes, attainment, and for deduct the points
    deducted."""

    state: NDArray[np.int8]
    attainment: FloatArray
    deducted: FloatArray | None = None


class _Engine:
    def __init__(
        self,
        rubric: Rubric,
        answers_list: Sequence[Mapping[str, Any]],
        profiles: Sequence[SchoolProfile | None],
    ) -> None:
        self.rubric = rubric
        self.answers = answers_list
        self.n = len(answers_list)
        universal = SchoolProfile.universal()
        index: dict[SchoolProfile, int] = {}
        rows = np.empty(self.n, dtype=np.intp)
        for i, profile in enumerate(profiles):
            key = profile or universal
            try:
                rows[i] = index.setdefault(key, len(index))
            except TypeError:  # built by hand with a list of stages: same figures as a tuple
                key = SchoolProfile(tuple(key.stages), key.public, key.boarding, key.has_canteen)
                rows[i] = index.setdefault(key, len(index))
        self.profiles: list[SchoolProfile] = list(index)
        self.profile_row = rows
        # One pass over the schools, reading every input a rule uses, then turned into columns.
        keys = list(
            dict.fromkeys(
                key
                for item in rubric.items
                for rule in (item.rule, item.applies_if)
                if rule is not None
                for key in rule_inputs(rule)
            )
        )
        table = [list(map(answers.get, keys)) for answers in answers_list]
        self._raw: dict[str, Sequence[Any]] = dict(zip(keys, zip(*table, strict=True), strict=True)) if table else {}
        self._numbers: dict[str, tuple[FloatArray, BoolArray]] = {}
        self._booleans: dict[str, tuple[BoolArray, BoolArray]] = {}

    # -- columns --------------------------------------------------------------------------

    def raw(self, key: str) -> Sequence[Any]:
        column = self._raw.get(key)
        if column is None:
            column = [answers.get(key) for answers in self.answers]
            self._raw[key] = column
        return column

    def number(self, key: str) -> tuple[FloatArray, BoolArray]:
        """The figures of a number input (0 where not usable) and where they are usable."""
        cached = self._numbers.get(key)
        if cached is None:
            cached = _numbers(self.raw(key))
            self._numbers[key] = cached
        return cached

    def boolean(self, key: str) -> tuple[BoolArray, BoolArray]:
        """Where a boolean input is True, and where it is False (neither: not answered)."""
        cached = self._booleans.get(key)
        if cached is None:
            column = self.raw(key)
            is_true = np.fromiter(map(is_, column, repeat(True)), dtype=np.bool_, count=self.n)
            is_false = np.fromiter(map(is_, column, repeat(False)), dtype=np.bool_, count=self.n)
            cached = (is_true, is_false)
            self._booleans[key] = cached
        return cached

    def per_profile(self, values: Sequence[Any], dtype: Any) -> NDArray[Any]:
        """A value computed once per distinct profile, spread to every school."""
        table = np.asarray(values, dtype=dtype)
        return table[self.profile_row]

    # -- the whole rubric -----------------------------------------------------------------

    def run(self) -> BatchScores:
        rubric = self.rubric
        items = rubric.items
        n, m = self.n, len(items)
        status = np.empty((n, m), dtype=np.int8)
        earned = np.empty((n, m), dtype=np.float64)
        possible = np.empty((n, m), dtype=np.float64)
        for j, item in enumerate(items):
            status[:, j], earned[:, j], possible[:, j] = self.item(item)

        earned_c = np.rint(earned * 100).astype(np.int64)
        possible_c = np.rint(possible * 100).astype(np.int64)
        counted = np.array([not item.bonus for item in items], dtype=np.bool_)
        bonus = ~counted
        earned_sum = earned_c[:, counted].sum(axis=1)
        possible_sum = possible_c[:, counted].sum(axis=1)
        bonus_sum = np.minimum(earned_c[:, bonus].sum(axis=1), _cents(rubric.bonus_cap))
        base_hundredths = _ratio_hundredths(earned_sum, possible_sum)
        total = (base_hundredths + bonus_sum) / 100

        veto_columns = [j for j, item in enumerate(items) if item.veto and not item.bonus]
        veto_status = status[:, veto_columns]
        veto_failed = ((veto_status == _NOT_MET_CODE) | (veto_status == _PARTIAL_CODE)).any(axis=1)
        lowest = len(rubric.levels) - 1
        level_index = np.full(n, lowest, dtype=np.intp)
        for k in range(len(rubric.levels) - 1, -1, -1):  # the first match from the top wins
            level_index[total >= rubric.levels[k].min_percent] = k
        level_index[veto_failed] = lowest

        column = {item.id: j for j, item in enumerate(items)}
        indicators = _indicators(rubric)

        def subtotals(groups: Sequence[Sequence[Item]]) -> tuple[FloatArray, FloatArray]:
            group_earned = np.zeros((n, len(groups)), dtype=np.int64)
            group_possible = np.zeros((n, len(groups)), dtype=np.int64)
            for k, group in enumerate(groups):
                cols = [column[item.id] for item in group if not item.bonus]
                if cols:
                    group_earned[:, k] = earned_c[:, cols].sum(axis=1)
                    group_possible[:, k] = possible_c[:, cols].sum(axis=1)
            return group_earned / 100, group_possible / 100

        dimension_earned, dimension_possible = subtotals([d.items for d in rubric.dimensions])
        indicator_earned, indicator_possible = subtotals([ind.items for ind in indicators])

        return BatchScores(
            rubric=rubric,
            item_ids=tuple(item.id for item in items),
            status=status,
            earned=earned,
            possible=possible,
            earned_total=earned_sum / 100,
            possible_total=possible_sum / 100,
            base_percent=base_hundredths / 100,
            bonus_points=bonus_sum / 100,
            total_percent=total,
            level_index=level_index,
            veto_failed=veto_failed,
            dimension_ids=tuple(d.id for d in rubric.dimensions),
            dimension_earned=dimension_earned,
            dimension_possible=dimension_possible,
            indicator_ids=tuple(ind.id for ind in indicators),
            indicator_earned=indicator_earned,
            indicator_possible=indicator_possible,
        )

    # -- one item -------------------------------------------------------------------------

    def item(self, item: Item) -> tuple[CodeArray, FloatArray, FloatArray]:
        """Status codes, points earned and points possible of one item for every school."""
        n = self.n
        points = item.points
        full = round2(points)  # what the engine writes as possible (and earned when met)
        status = np.full(n, _NA_CODE, dtype=np.int8)
        earned = np.zeros(n, dtype=np.float64)
        possible = np.zeros(n, dtype=np.float64)

        active = self.per_profile([_applies(item, p) for p in self.profiles], np.bool_)
        if item.applies_if is not None:
            condition = self.evaluate(item.applies_if, item)
            waiting = active & (condition.state == _S_UNANSWERED)
            status[waiting] = _UNANSWERED_CODE
            possible[waiting] = full
            active &= condition.state == _S_MET
        if not active.any():
            return status, earned, possible

        outcome = self.evaluate(item.rule, item)
        state = outcome.state
        unanswered = active & (state == _S_UNANSWERED)
        status[unanswered] = _UNANSWERED_CODE
        possible[unanswered] = full
        judged = active & ((state == _S_MET) | (state == _S_NOT_MET))
        possible[judged] = full

        if isinstance(item.rule, Deduct):
            assert outcome.deducted is not None
            deducted = outcome.deducted
            clean = judged & (deducted == 0)
            status[clean] = _MET_CODE
            earned[clean] = full
            docked = judged & ~clean
            left = _round2_array(_round2_array(np.maximum(points - deducted, 0.0)))
        else:
            met = judged & (state == _S_MET)
            status[met] = _MET_CODE
            earned[met] = full
            docked = judged & (state == _S_NOT_MET)
            left = _round2_array(_round2_array(points * _credit(item, outcome.attainment)))
        some = docked & (left > 0)
        status[some] = _PARTIAL_CODE
        earned[some] = left[some]
        status[docked & ~some] = _NOT_MET_CODE
        return status, earned, possible

    # -- rules ----------------------------------------------------------------------------

    def evaluate(self, rule: Rule, item: Item) -> _Outcome:
        if isinstance(rule, AtLeast | AtMost | Between):
            x, valid = self.number(rule.input)
            ok, attainment = _threshold(rule, x)
            return _leaf(valid, ok, attainment)
        if isinstance(rule, RatioAtLeast):
            return self.ratio(rule)
        if isinstance(rule, IsTrue | IsFalse):
            is_true, is_false = self.boolean(rule.input)
            ok = is_true if isinstance(rule, IsTrue) else is_false
            return _leaf(is_true | is_false, ok, ok.astype(np.float64))
        if isinstance(rule, Each):
            return self.each(rule, item)
        if isinstance(rule, AllOf | AnyOf):
            return self.combine(rule, item)
        return self.deduct(rule)

    def ratio(self, rule: RatioAtLeast) -> _Outcome:
        numerator, n_valid = self.number(rule.numerator)
        denominator, d_valid = self.number(rule.denominator)
        valid = n_valid & d_valid
        zero = valid & (denominator == 0)
        ratio = numerator / np.where(denominator == 0, 1.0, denominator)
        ok = ratio >= rule.value - 1e-12
        below = _clip(ratio / rule.value) if rule.value > 0 else np.zeros_like(ratio)
        attainment = np.where(ok, 1.0, below)
        outcome = _leaf(valid, ok, attainment)
        outcome.state[zero] = _S_NA
        outcome.attainment[zero] = 0.0
        return outcome

    def each(self, rule: Each, item: Item) -> _Outcome:
        inp = self.rubric.inputs.get(rule.input)
        shown = [grades_shown(item, inp, profile) for profile in self.profiles]
        grades = list(dict.fromkeys(g for grades in shown for g in grades))
        # How many times each grade is shown to each distinct profile (a profile that names a
        # stage twice is shown its grades twice, and the engine counts them twice).
        table = np.array(
            [[profile_grades.count(g) for g in grades] for profile_grades in shown],
            dtype=np.int64,
        ).reshape(len(shown), len(grades))
        times = table[self.profile_row]  # (schools, grades)
        n = self.n
        count = times.sum(axis=1)
        missing = np.zeros(n, dtype=np.bool_)
        failing = np.zeros(n, dtype=np.int64)
        if grades:
            raw = self.raw(rule.input)
            mappings = [v if isinstance(v, Mapping) else None for v in raw]
            for k, grade in enumerate(grades):
                values = [None if v is None else v.get(grade) for v in mappings]
                x, valid = _numbers(values)
                ok, _ = _threshold(rule.rule, x)
                asked = times[:, k] > 0
                missing |= asked & ~valid
                failing += np.where(valid & ~ok, times[:, k], 0)
        state = np.where(
            count == 0,
            _S_NA,
            np.where(missing, _S_UNANSWERED, np.where(failing > 0, _S_NOT_MET, _S_MET)),
        ).astype(np.int8)
        with np.errstate(all="ignore"):
            share = (count - failing) / np.where(count == 0, 1, count)
        attainment = np.where(state == _S_MET, 1.0, np.where(state == _S_NOT_MET, share, 0.0))
        return _Outcome(state, attainment)

    def combine(self, rule: AllOf | AnyOf, item: Item) -> _Outcome:
        outcomes = [self.evaluate(sub, item) for sub in rule.rules]
        states = [o.state for o in outcomes]
        n = self.n
        any_met = np.zeros(n, dtype=np.bool_)
        any_missing = np.zeros(n, dtype=np.bool_)
        any_not_met = np.zeros(n, dtype=np.bool_)
        any_relevant = np.zeros(n, dtype=np.bool_)
        for state in states:
            any_met |= state == _S_MET
            any_missing |= state == _S_UNANSWERED
            any_not_met |= state == _S_NOT_MET
            any_relevant |= state != _S_NA
        if isinstance(rule, AnyOf):
            best = np.full(n, -np.inf)
            for o in outcomes:
                best = np.where(o.state != _S_NA, np.maximum(best, o.attainment), best)
            state = np.where(
                any_met,
                _S_MET,
                np.where(any_missing, _S_UNANSWERED, np.where(any_relevant, _S_NOT_MET, _S_NA)),
            ).astype(np.int8)
            attainment = np.where(any_met, 1.0, np.where(state == _S_NOT_MET, best, 0.0))
            return _Outcome(state, attainment)
        relevant = [o.state != _S_NA for o in outcomes]
        total = _python_sum([o.attainment for o in outcomes], relevant)
        count = np.sum(relevant, axis=0)
        state = np.where(
            any_missing,
            _S_UNANSWERED,
            np.where(~any_relevant, _S_NA, np.where(any_not_met, _S_NOT_MET, _S_MET)),
        ).astype(np.int8)
        mean = total / np.where(count == 0, 1, count)
        attainment = np.where(state == _S_MET, 1.0, np.where(state == _S_NOT_MET, mean, 0.0))
        return _Outcome(state, attainment)

    def deduct(self, rule: Deduct) -> _Outcome:
        count, valid = self.number(rule.input)
        clean = count <= 0
        outcome = _leaf(valid, clean, np.where(clean, 1.0, 0.0))
        deducted = np.where(valid & ~clean, np.minimum(rule.per * count, rule.cap), 0.0)
        outcome.deducted = deducted
        return outcome


# ---------------------------------------------------------------------------------------------
# Vectorised pieces of the scalar engine


def _numbers(values: Sequence[Any]) -> tuple[FloatArray, BoolArray]:
    """A column of answers as floats (0 where unusable) and where it is usable: an int or a
    float, not a bool, finite — the engine's ``_is_number``."""
    nan = math.nan
    floats = [v if type(v) is float else (_as_number(v) if v is not None else nan) for v in values]
    x = np.array(floats, dtype=np.float64).reshape(len(floats))
    valid = np.isfinite(x)
    x[~valid] = 0.0
    return x, valid


def _as_number(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an int too large for a float is not a usable figure
            return math.nan
        return number if math.isfinite(number) else math.nan
    return math.nan


def _leaf(valid: BoolArray, ok: BoolArray, attainment: FloatArray) -> _Outcome:
    state = np.where(valid, np.where(ok, _S_MET, _S_NOT_MET), _S_UNANSWERED).astype(np.int8)
    return _Outcome(state, np.where(valid, attainment, 0.0))


def _threshold(rule: GradeRule, x: FloatArray) -> tuple[BoolArray, FloatArray]:
    """Met or not, and the attainment, of at_least / at_most / between (engine's _threshold)."""
    positive = x > 0
    safe_x = np.where(positive, x, 1.0)
    if isinstance(rule, AtLeast):
        ok = x >= rule.value
        below = x / rule.value if rule.value > 0 else np.zeros_like(x)
        attainment = np.where(ok, 1.0, below)
    elif isinstance(rule, AtMost):
        ok = x <= rule.value
        attainment = np.where(ok, 1.0, np.where(positive, rule.value / safe_x, 0.0))
    else:
        low = x < rule.min
        ok = (rule.min <= x) & (x <= rule.max)
        below = x / rule.min if rule.min > 0 else np.zeros_like(x)
        above = np.where(positive, rule.max / safe_x, 0.0)
        attainment = np.where(ok, 1.0, np.where(low, below, above))
    return ok, _clip(attainment)


def _clip(values: FloatArray) -> FloatArray:
    return np.minimum(np.maximum(values, 0.0), 1.0)


def _credit(item: Item, attainment: FloatArray) -> FloatArray:
    if item.partial is PartialMode.PROPORTIONAL:
        return _clip(attainment)
    credit = np.zeros_like(attainment)
    if item.partial is PartialMode.BANDS:
        for band in reversed(item.bands):  # the first band reached wins
            credit = np.where(attainment >= band.attainment, band.credit, credit)
    return credit


def _python_sum(terms: Sequence[FloatArray], include: Sequence[BoolArray]) -> FloatArray:
    """``sum(terms[k] for the k included)`` with the built-in sum's float arithmetic, per
    school: plain left-to-right addition before Python 3.12, Neumaier's compensated sum
    from 3.12 on."""
    if not terms:
        return np.zeros(0)
    total = np.zeros_like(terms[0])
    if not _COMPENSATED_SUM:
        for term, used in zip(terms, include, strict=True):
            total = np.where(used, total + term, total)
        return total
    return _neumaier_sum(terms, include)


def _neumaier_sum(terms: Sequence[FloatArray], include: Sequence[BoolArray]) -> FloatArray:
    """CPython 3.12+'s sum() of floats: the first term is added to int 0, the rest with a
    running compensation added back at the end when it is non-zero and finite."""
    total = np.zeros_like(terms[0])
    compensation = np.zeros_like(terms[0])
    started = np.zeros(total.shape, dtype=np.bool_)
    for term, used in zip(terms, include, strict=True):
        first = used & ~started
        rest = used & started
        t = total + term
        error = np.where(np.abs(total) >= np.abs(term), (total - t) + term, (term - t) + total)
        compensation = np.where(rest, compensation + error, compensation)
        total = np.where(first, 0.0 + term, np.where(rest, t, total))
        started |= used
    fix = (compensation != 0) & np.isfinite(compensation)
    return np.where(fix, total + compensation, total)


_ROUNDING_LIMIT = 1e15


def _round2_array(values: FloatArray) -> FloatArray:
    """The engine's round2 (half up to cents, as the decimal figure reads) for an array: the
    same float steps, and the engine's own decimal fallback for the few values within 1e-6
    of a half cent."""
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(all="ignore"):
        scaled = values * 100
        nearest = np.floor(scaled + 0.5)
        plain = np.isfinite(values) & (np.abs(values) < _ROUNDING_LIMIT)
        out = np.where(plain, nearest / 100, values)
        near_half = plain & ~(np.abs(scaled - (nearest - 0.5)) > 1e-6)
    if near_half.any():
        index = np.flatnonzero(near_half)
        out[index] = [round2(v) for v in values[index].tolist()]
    return out


def _cents(value: float) -> int:
    return round(value * 100)


def _ratio_hundredths(earned_c: IntArray, possible_c: IntArray) -> IntArray:
    """earned / possible × 100 in hundredths of a percent, rounded half up, exactly."""
    positive = possible_c > 0
    divisor = np.where(positive, possible_c, 1)
    quotient, remainder = np.divmod(earned_c * 10_000, divisor)
    rounded = quotient + (2 * remainder >= divisor)
    return np.where(positive, rounded, 0).astype(np.int64)


def _applies(item: Item, profile: SchoolProfile) -> bool:
    """The engine's applies_to check (``_not_applicable_reason`` is empty)."""
    scope = item.applies_to
    if scope.stages and not set(scope.stages) & set(profile.stages):
        return False
    if scope.public is not None and scope.public != profile.public:
        return False
    if scope.boarding is not None and scope.boarding != profile.boarding:
        return False
    return not (scope.has_canteen is not None and scope.has_canteen != profile.has_canteen)
