"""The scoring engine: what every rule kind means, written once, for N schools at a time.

``evaluate(rubric, answers_list, profiles) -> Figures`` reads the schools' answers into columns
and evaluates every rule of the rubric for all of them in a few vectorised steps (numpy): one
school when a page shows its card (N = 1), a whole province when a rubric is re-scored. The
figures are all that a result or an explanation needs, and nothing is decided anywhere else:

- for every rule (and every rule nested in ``all`` / ``any`` / ``each``, and every
  ``applies_if`` condition): its verdict — met, not met, unanswered, not applicable — and its
  degree of attainment (0..1);
- what the rules read: the figures (``value``, ``valid``), the yes/no answers (``flag``),
  each ratio, whether each grade of an ``each`` rule reached its threshold (``unit_ok``), the
  points a ``deduct`` rule takes off, the grades shown to each school;
- for every item: its status, points earned and possible, attainment, points lost (扣分制),
  why it was decided so (``Why``: excluded by the school's profile, its condition unanswered or
  not met, its rule not applicable or unanswered, or judged) and, when the profile excluded it,
  which part of the profile did (``Exclusion``);
- for every school: the totals, the bonus, the total percent, the level, the veto flag, and the
  subtotals of every dimension (一级指标) and indicator (二级指标).

The Chinese explanation is ``checklist.explain``: it phrases these figures and never judges a
rule itself. ``checklist.scoring.score`` (one school, with explanations) and
``checklist.batch.score_many`` (many schools, figures only) are two uses of this one engine.

Arithmetic, as a scorer writes it on the table: each item's points are rounded to cents, half up
as the decimal figure reads (:func:`round2`); totals add whole cents; the total percent is
rounded half up to hundredths of a percent before the level is looked up, so the level always
agrees with the figure shown.

A rubric is compiled once into a :class:`Plan` (its rules as columns and index arrays), kept
for the rubric object's lifetime in a small cache; a school profile's part of the plan (which
items apply, which grades are shown) is computed once per distinct profile.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum, StrEnum
from functools import lru_cache
from itertools import chain, repeat
from operator import is_
from typing import Any

import numpy as np
from numpy.typing import NDArray

from checklist import model
from checklist.model import (
    GRADES_BY_STAGE,
    Dimension,
    Indicator,
    Input,
    Item,
    PartialMode,
    Rubric,
    Rule,
    SchoolProfile,
    is_number,
)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]
CodeArray = NDArray[np.int8]


class Status(StrEnum):
    """The result of one item. Its position in this enum is its code in the engine's arrays."""

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: Mapping[Status, str] = {
    Status.MET: "达标",
    Status.PARTIAL: "部分达标",
    Status.NOT_MET: "未达标",
    Status.NOT_APPLICABLE: "不适用",
    Status.UNANSWERED: "未填报",
}

STATUSES: tuple[Status, ...] = tuple(Status)
"""Item status by code: ``STATUSES[code]``."""

MET, PARTIAL, NOT_MET, NOT_APPLICABLE, UNANSWERED = range(len(STATUSES))


class Verdict(IntEnum):
    """What one rule says about one school's figures (an item's status comes from it)."""

    MET = 0
    NOT_MET = 1
    UNANSWERED = 2
    NOT_APPLICABLE = 3


_V_MET, _V_NOT_MET, _V_UNANSWERED, _V_NA = (int(v) for v in Verdict)


class Why(IntEnum):
    """Which step decided an item's status."""

    JUDGED = 0  # the rule was evaluated: met, partly met or not met
    EXCLUDED = 1  # the item's applies_to leaves this school out (see Exclusion)
    CONDITION_UNANSWERED = 2  # applies_if reads a figure not given yet
    CONDITION_FAILS = 3  # applies_if does not hold: not applicable
    RULE_NOT_APPLICABLE = 4  # the rule itself does not apply (a ratio over 0, no grade shown)
    RULE_UNANSWERED = 5  # the rule reads a figure not given yet


class Exclusion(IntEnum):
    """The part of a school's profile that an item's ``applies_to`` rules out, checked in this
    order."""

    NONE = 0
    STAGES = 1
    PUBLIC = 2
    BOARDING = 3
    CANTEEN = 4


def _all_of(present: frozenset[Verdict]) -> Verdict:
    """all, given the verdicts of its inner rules: unanswered while one of them is; not
    applicable when none applies; met when every one that applies is met; else not met."""
    if Verdict.UNANSWERED in present:
        return Verdict.UNANSWERED
    if not present - {Verdict.NOT_APPLICABLE}:
        return Verdict.NOT_APPLICABLE
    return Verdict.NOT_MET if Verdict.NOT_MET in present else Verdict.MET


def _any_of(present: frozenset[Verdict]) -> Verdict:
    """any, given the verdicts of its inner rules: met when one of them is; else unanswered
    while one is; not applicable when none applies; else not met."""
    if Verdict.MET in present:
        return Verdict.MET
    if Verdict.UNANSWERED in present:
        return Verdict.UNANSWERED
    if not present - {Verdict.NOT_APPLICABLE}:
        return Verdict.NOT_APPLICABLE
    return Verdict.NOT_MET


def _why(excluded: bool, condition: Verdict, rule: Verdict) -> Why:
    """Which step decides an item: the school's profile, then the item's condition
    (applies_if; an item without one has a condition that is always met), then its rule."""
    if excluded:
        return Why.EXCLUDED
    if condition is Verdict.UNANSWERED:
        return Why.CONDITION_UNANSWERED
    if condition is not Verdict.MET:
        return Why.CONDITION_FAILS
    if rule is Verdict.NOT_APPLICABLE:
        return Why.RULE_NOT_APPLICABLE
    if rule is Verdict.UNANSWERED:
        return Why.RULE_UNANSWERED
    return Why.JUDGED


# The same, as tables for the arrays: all / any (row 0 / 1) by the set of inner verdicts present
# (bit v set when verdict v is); Why by (excluded, condition verdict, rule verdict); and an
# item's status and whether its points count as possible, by Why (JUDGED: decided by the rule).
_PRESENT = [frozenset(v for v in Verdict if bits >> v & 1) for bits in range(1 << len(Verdict))]
_COMBINED = np.array([[f(p) for p in _PRESENT] for f in (_all_of, _any_of)], dtype=np.int8)
_WHY = np.array(
    [[[_why(bool(x), c, r) for r in Verdict] for c in Verdict] for x in (False, True)],
    dtype=np.int8,
)
_STATUS_BY_WHY = np.array(
    [UNANSWERED if w in (Why.CONDITION_UNANSWERED, Why.RULE_UNANSWERED) else NOT_APPLICABLE for w in Why],
    dtype=np.int8,
)
_JUDGED = int(Why.JUDGED)
_FAILS_VETO = np.array([code in (PARTIAL, NOT_MET) for code in range(len(STATUSES))], dtype=np.bool_)
_POSSIBLE_BY_WHY = np.array(
    [w in (Why.JUDGED, Why.CONDITION_UNANSWERED, Why.RULE_UNANSWERED) for w in Why], dtype=np.bool_
)


# ---------------------------------------------------------------------------------------------
# The meaning of the school profile

_UNIVERSAL = SchoolProfile.universal()  # a profile every item applies to: used when none is given


def exclusion(item: Item, profile: SchoolProfile) -> Exclusion:
    """Whether the item applies to a school with this profile, and if not, why."""
    scope = item.applies_to
    if scope.stages and not set(scope.stages) & set(profile.stages):
        return Exclusion.STAGES
    if scope.public is not None and scope.public != profile.public:
        return Exclusion.PUBLIC
    if scope.boarding is not None and scope.boarding != profile.boarding:
        return Exclusion.BOARDING
    if scope.has_canteen is not None and scope.has_canteen != profile.has_canteen:
        return Exclusion.CANTEEN
    return Exclusion.NONE


def grades_shown(item: Item, inp: Input | None, profile: SchoolProfile) -> tuple[str, ...]:
    """The grades a ``grades`` input asks about for this school: those of the school's stages
    that the item names (all the school's stages when it names none), limited to the input's
    own grade list when it has one (小学四、五年级)."""
    stages = [s for s in profile.stages if not item.applies_to.stages or s in item.applies_to.stages]
    grades = [g for s in stages for g in GRADES_BY_STAGE.get(s, ())]
    if inp is not None and inp.grades:
        grades = [g for g in grades if g in inp.grades]
    return tuple(grades)


# ---------------------------------------------------------------------------------------------
# Numbers


_ROUNDING_LIMIT = 1e15  # beyond this a float has no cents to round (and Decimal would overflow)


def round2(value: float) -> float:
    """Round to cents, half up, as the decimal figure reads (2.675 → 2.68)."""
    if not math.isfinite(value) or abs(value) >= _ROUNDING_LIMIT:
        return value
    scaled = value * 100
    nearest = math.floor(scaled + 0.5)
    if abs(scaled - (nearest - 0.5)) > 1e-6:  # not near a half: the float is unambiguous
        return nearest / 100
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def round2_array(values: FloatArray) -> FloatArray:
    """:func:`round2` of every element: the same float steps, and round2 itself for the few
    values within 1e-6 of a half cent (and those it leaves as they are: not finite, or too
    large to have cents)."""
    with np.errstate(all="ignore"):
        return _round2_array(np.asarray(values, dtype=np.float64))


def _round2_array(values: FloatArray) -> FloatArray:
    scaled = values * 100
    nearest = np.floor(scaled + 0.5)
    plain = (np.abs(scaled - (nearest - 0.5)) > 1e-6) & (np.abs(values) < _ROUNDING_LIMIT)
    out: FloatArray = nearest / 100
    if not plain.all():
        index = np.flatnonzero(~plain)
        out.flat[index] = [round2(v) for v in values.flat[index].tolist()]
    return out


def _clip(values: FloatArray) -> FloatArray:
    return np.minimum(np.maximum(values, 0.0), 1.0)


_PLAIN_NUMBER_TYPES = frozenset({int, float})


def _as_float(value: Any) -> float:
    """A figure as a float, NaN when it is not a usable figure (see :func:`is_number`)."""
    return float(value) if is_number(value) else math.nan


def _floats(values: list[Any]) -> tuple[FloatArray, BoolArray]:
    """Figures as floats (0 where not usable) and where they are usable."""
    try:
        x = np.array([v if type(v) in _PLAIN_NUMBER_TYPES else _as_float(v) for v in values], dtype=np.float64)
    except OverflowError:  # an int too large for a float
        x = np.array([_as_float(v) for v in values], dtype=np.float64)
    valid = np.isfinite(x)
    x[~valid] = 0.0
    return x, valid


# ---------------------------------------------------------------------------------------------
# The compiled rubric


@dataclass(frozen=True, eq=False)
class Node:
    """One rule of the rubric in the engine's tables: its column in ``Figures.verdict`` and
    ``Figures.attainment``, and where the figures it reads are."""

    column: int
    rule: Rule
    children: tuple[Node, ...] = ()  # all / any
    unit: int = -1  # at_least / at_most / between: its threshold unit
    value: int = -1  # at_least / at_most / between / deduct: the value column of its figure
    numerator: int = -1  # ratio_at_least: value columns
    denominator: int = -1
    ratio: int = -1  # ratio_at_least: column in Figures.ratio
    flag: int = -1  # is_true / is_false: column in Figures.flag
    deduct: int = -1  # deduct: column in Figures.deducted
    each: int = -1  # each: its number among the each rules (Figures.shown)
    grade_units: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # each: grade → (unit, value column)


_NA_COLUMN, _MET_COLUMN = 0, 1  # constant columns: padding of all / any, items without condition


class _ProfilePart:
    """What a plan says for one school profile: which items apply, which grades are shown."""

    def __init__(self, plan: Plan, profile: SchoolProfile) -> None:
        codes = [exclusion(item, profile) for item in plan.items]
        self.exclusion = np.array(codes, dtype=np.int8)
        self.excluded = (self.exclusion != Exclusion.NONE).astype(np.intp)
        shown = []
        asked = np.zeros(len(plan.each_units), dtype=np.bool_)
        for node in plan.each_nodes:
            assert isinstance(node.rule, model.Each)
            item = plan.items[plan.node_item[node.column]]
            grades = grades_shown(item, plan.inputs.get(node.rule.input), profile)
            shown.append(grades)
            for grade in grades:
                asked[plan.each_unit_position[node.grade_units[grade][0]]] = True
        self.shown: tuple[tuple[str, ...], ...] = tuple(shown)
        self.asked = asked


class Plan:
    """A rubric compiled for the engine: every rule a column, every figure read a column, and
    the index arrays that evaluate each rule kind for all schools at once."""

    _MAX_PROFILES = 512

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        self.items: tuple[Item, ...] = rubric.items
        self.inputs: Mapping[str, Input] = rubric.inputs
        self._profiles: dict[SchoolProfile, _ProfilePart] = {}
        self._collect_columns()
        self.nodes: list[Node] = []
        self.node_item: list[int] = [-1, -1]  # the item each node belongs to, by column
        self._leaves: dict[str, list[Node]] = {kind: [] for kind in ("threshold", "ratio", "flag", "deduct", "each")}
        self._combinators: list[tuple[int, Node]] = []  # (height, node)
        self._units: list[tuple[int, float, float]] = []  # (value column, low, high)
        rules: list[Node] = []
        conditions: list[Node | None] = []
        for j, item in enumerate(self.items):
            rules.append(self._node(item.rule, j)[0])
            conditions.append(self._node(item.applies_if, j)[0] if item.applies_if is not None else None)
        self.rules: tuple[Node, ...] = tuple(rules)
        self.conditions: tuple[Node | None, ...] = tuple(conditions)
        self.columns = len(self.node_item)
        self.verdict_template = np.full((1, self.columns), _V_NA, dtype=np.int8)
        self.verdict_template[0, _MET_COLUMN] = _V_MET
        self.attainment_template = np.zeros((1, self.columns))
        self.attainment_template[0, _MET_COLUMN] = 1.0
        self._arrays()

    # -- building -------------------------------------------------------------------------

    def _collect_columns(self) -> None:
        """The figures the rules read: numbers by key, then per-grade figures by (key, grade);
        yes/no answers by key."""
        numbers: dict[str, None] = {}
        flags: dict[str, None] = {}
        grades: dict[str, dict[str, None]] = {}
        universal = _UNIVERSAL
        for item in self.items:
            for root in (item.rule, item.applies_if):
                for rule in _walk(root):
                    if isinstance(rule, model.AtLeast | model.AtMost | model.Between | model.Deduct):
                        numbers[rule.input] = None
                    elif isinstance(rule, model.RatioAtLeast):
                        numbers[rule.numerator] = None
                        numbers[rule.denominator] = None
                    elif isinstance(rule, model.IsTrue | model.IsFalse):
                        flags[rule.input] = None
                    elif isinstance(rule, model.Each):
                        shown = grades_shown(item, self.inputs.get(rule.input), universal)
                        grades.setdefault(rule.input, {}).update(dict.fromkeys(shown))
        self.number_keys: tuple[str, ...] = tuple(numbers)
        self.flag_keys: tuple[str, ...] = tuple(flags)
        self.grade_keys: tuple[tuple[str, tuple[str, ...]], ...] = tuple((k, tuple(g)) for k, g in grades.items())
        self.number_column = {key: c for c, key in enumerate(self.number_keys)}
        self.flag_column = {key: c for c, key in enumerate(self.flag_keys)}
        self.grade_column: dict[tuple[str, str], int] = {}
        for key, key_grades in self.grade_keys:
            for grade in key_grades:
                self.grade_column[(key, grade)] = len(self.number_keys) + len(self.grade_column)
        self.value_columns = len(self.number_keys) + len(self.grade_column)

    def _column(self, item: int) -> int:
        self.node_item.append(item)
        return len(self.node_item) - 1

    def _unit(self, value: int, rule: model.AtLeast | model.AtMost | model.Between) -> int:
        """A threshold unit: one figure against one at_least / at_most / between. All three are
        low ≤ x ≤ high (at_least has no high, at_most no low)."""
        if isinstance(rule, model.AtLeast):
            bounds = (rule.value, math.inf)
        elif isinstance(rule, model.AtMost):
            bounds = (-math.inf, rule.value)
        else:
            bounds = (rule.min, rule.max)
        self._units.append((value, *bounds))
        return len(self._units) - 1

    def _node(self, rule: Rule, item: int) -> tuple[Node, int]:
        """The node of a rule and its height (leaves 0)."""
        if isinstance(rule, model.AllOf | model.AnyOf):
            built = [self._node(sub, item) for sub in rule.rules]
            height = 1 + max((h for _, h in built), default=0)
            node = Node(self._column(item), rule, children=tuple(n for n, _ in built))
            self._combinators.append((height, node))
            self.nodes.append(node)
            return node, height
        column = self._column(item)
        if isinstance(rule, model.AtLeast | model.AtMost | model.Between):
            value = self.number_column[rule.input]
            node = Node(column, rule, unit=self._unit(value, rule), value=value)
            kind = "threshold"
        elif isinstance(rule, model.RatioAtLeast):
            ratio = len(self._leaves["ratio"])
            node = Node(
                column,
                rule,
                numerator=self.number_column[rule.numerator],
                denominator=self.number_column[rule.denominator],
                ratio=ratio,
            )
            kind = "ratio"
        elif isinstance(rule, model.IsTrue | model.IsFalse):
            node = Node(column, rule, flag=self.flag_column[rule.input])
            kind = "flag"
        elif isinstance(rule, model.Each):
            candidates = grades_shown(self.items[item], self.inputs.get(rule.input), _UNIVERSAL)
            units = {}
            for grade in candidates:
                value = self.grade_column[(rule.input, grade)]
                units[grade] = (self._unit(value, rule.rule), value)
            node = Node(column, rule, each=len(self._leaves["each"]), grade_units=units)
            kind = "each"
        else:
            node = Node(column, rule, value=self.number_column[rule.input], deduct=len(self._leaves["deduct"]))
            kind = "deduct"
        self._leaves[kind].append(node)
        self.nodes.append(node)
        return node, 0

    def _arrays(self) -> None:
        def ints(values: Sequence[int]) -> IntArray:
            return np.array(values, dtype=np.intp).reshape(len(values))

        def floats(values: Sequence[float]) -> FloatArray:
            return np.array(values, dtype=np.float64).reshape(len(values))

        units = self._units
        self.unit_value = ints([u[0] for u in units])
        self.unit_low = floats([u[1] for u in units])
        self.unit_high = floats([u[2] for u in units])
        self.unit_low_positive = self.unit_low > 0
        self.unit_low_divisor = np.where(self.unit_low_positive, self.unit_low, 1.0)

        thresholds = self._leaves["threshold"]
        self.threshold_columns = ints([n.column for n in thresholds])
        self.threshold_units = ints([n.unit for n in thresholds])
        self.units_all_plain = [n.unit for n in thresholds] == list(range(len(units)))

        self.each_nodes: tuple[Node, ...] = tuple(self._leaves["each"])
        each_units = [u for node in self.each_nodes for u, _ in node.grade_units.values()]
        self.each_units = ints(each_units)
        self.each_unit_position = {u: k for k, u in enumerate(each_units)}
        self.each_columns = ints([n.column for n in self.each_nodes])
        member = np.zeros((len(each_units), len(self.each_nodes)), dtype=np.float64)
        for e, node in enumerate(self.each_nodes):
            for u, _ in node.grade_units.values():
                member[self.each_unit_position[u], e] = 1.0
        self.each_member = member

        ratios = self._leaves["ratio"]
        self.ratio_columns = ints([n.column for n in ratios])
        self.ratio_numerator = ints([n.numerator for n in ratios])
        self.ratio_denominator = ints([n.denominator for n in ratios])
        required = floats([n.rule.value for n in ratios if isinstance(n.rule, model.RatioAtLeast)])
        self.ratio_needed = required - 1e-12  # a ratio within 1e-12 of the requirement meets it
        self.ratio_required_positive = required > 0
        self.ratio_required_divisor = np.where(required > 0, required, 1.0)

        flags = self._leaves["flag"]
        self.flag_leaf_columns = ints([n.column for n in flags])
        self.flag_leaf_keys = ints([n.flag for n in flags])
        self.flag_leaf_wants_true = np.array([isinstance(n.rule, model.IsTrue) for n in flags], dtype=np.bool_)

        deducts = self._leaves["deduct"]
        self.deduct_columns = ints([n.column for n in deducts])
        self.deduct_values = ints([n.value for n in deducts])
        self.deduct_per = floats([n.rule.per for n in deducts if isinstance(n.rule, model.Deduct)])
        self.deduct_cap = floats([n.rule.cap for n in deducts if isinstance(n.rule, model.Deduct)])

        # all / any, by height: children padded with the constant not-applicable column, which
        # neither kind counts.
        self.combinator_levels: list[tuple[IntArray, IntArray, IntArray]] = []
        for height in sorted({h for h, _ in self._combinators}):
            level = [node for h, node in self._combinators if h == height]
            width = max((len(node.children) for node in level), default=0) or 1
            children = np.full((len(level), width), _NA_COLUMN, dtype=np.intp)
            for k, node in enumerate(level):
                children[k, : len(node.children)] = [child.column for child in node.children]
            is_any = ints([isinstance(node.rule, model.AnyOf) for node in level])
            self.combinator_levels.append((ints([n.column for n in level]), children, is_any))

        items = self.items
        self.item_rule = ints([n.column for n in self.rules])
        self.item_condition = ints([_MET_COLUMN if n is None else n.column for n in self.conditions])
        self.points = floats([item.points for item in items])
        self.full = floats([round2(item.points) for item in items])
        self.is_deduct = np.array([isinstance(n.rule, model.Deduct) for n in self.rules], dtype=np.bool_)
        self.item_deduct = ints([n.deduct if isinstance(n.rule, model.Deduct) else len(deducts) for n in self.rules])
        self.proportional = np.array([item.partial is PartialMode.PROPORTIONAL for item in items], dtype=np.bool_)
        width = max((len(item.bands) for item in items if item.partial is PartialMode.BANDS), default=0)
        self.band_attainment = np.full((len(items), width), np.inf)
        self.band_credit = np.zeros((len(items), width))
        for j, item in enumerate(items):
            if item.partial is PartialMode.BANDS:
                for k, band in enumerate(item.bands):
                    self.band_attainment[j, k] = band.attainment
                    self.band_credit[j, k] = band.credit
        self.counted = np.array([not item.bonus for item in items], dtype=np.bool_)
        self.veto_columns = ints([j for j, item in enumerate(items) if item.veto and not item.bonus])

        # Sums of cents: the whole (non-bonus), the bonus, every dimension, every indicator.
        indicators = [ind for d in self.rubric.dimensions for ind in d.indicators]
        column_of = {item.id: j for j, item in enumerate(items)}
        groups = [d.items for d in self.rubric.dimensions] + [ind.items for ind in indicators]
        sums = np.zeros((len(items), 2 + len(groups)))
        sums[:, 0] = self.counted
        sums[:, 1] = ~self.counted
        for g, group in enumerate(groups):
            for item in group:
                if not item.bonus:
                    sums[column_of[item.id], 2 + g] = 1.0
        self.sums = sums
        self.dimension_count = len(self.rubric.dimensions)
        self.groups: list[Dimension | Indicator] = [*self.rubric.dimensions, *indicators]  # dimensions first
        members = np.zeros((len(self.groups), len(items)), dtype=np.float64)
        for g, group in enumerate(groups):
            for item in group:
                members[g, column_of[item.id]] = 1.0
        self.group_members = members  # every item of a group, bonus items too
        self.level_minimum = floats([level.min_percent for level in self.rubric.levels])
        self.bonus_cap_cents = round(self.rubric.bonus_cap * 100)
        total_points = sum(abs(item.points) for item in items) + abs(self.rubric.bonus_cap)
        # int64 cents are exact (and earned × 10,000 does not overflow) below this.
        self.exact_in_int64 = total_points < 1e12

    # -- per profile ----------------------------------------------------------------------

    def profile_part(self, profile: SchoolProfile) -> _ProfilePart:
        part = self._profiles.get(profile)
        if part is None:
            if len(self._profiles) >= self._MAX_PROFILES:
                self._profiles.clear()
            part = _ProfilePart(self, profile)
            self._profiles[profile] = part
        return part

    # -- reading answers ------------------------------------------------------------------

    def read_values(self, answers_list: Sequence[Mapping[str, Any]]) -> tuple[FloatArray, BoolArray]:
        """(schools, value columns): the figures the rules read, and where they are usable."""
        n = len(answers_list)
        keys = self.number_keys
        if self.grade_keys:
            flat: list[Any] = []
            for answers in answers_list:
                flat.extend(map(answers.get, keys))
                for key, grades in self.grade_keys:
                    raw = answers.get(key)
                    if isinstance(raw, Mapping):
                        flat.extend(map(raw.get, grades))
                    else:
                        flat.extend(repeat(None, len(grades)))
        else:
            flat = list(chain.from_iterable(map(answers.get, keys) for answers in answers_list))
        x, valid = _floats(flat)
        return x.reshape(n, self.value_columns), valid.reshape(n, self.value_columns)

    def read_flags(self, answers_list: Sequence[Mapping[str, Any]]) -> tuple[BoolArray, BoolArray]:
        """(schools, yes/no keys): where the answer is True, where it is False (neither: not
        answered, or not a yes/no)."""
        n, width = len(answers_list), len(self.flag_keys)
        keys = self.flag_keys
        flat = list(chain.from_iterable(map(answers.get, keys) for answers in answers_list))
        count = len(flat)
        is_true = np.fromiter(map(is_, flat, repeat(True)), dtype=np.bool_, count=count).reshape(n, width)
        is_false = np.fromiter(map(is_, flat, repeat(False)), dtype=np.bool_, count=count).reshape(n, width)
        return is_true, is_false


def _walk(rule: Rule | None) -> list[Rule]:
    """The rule and the rules inside its all / any, depth first (an each's inner rule reads the
    grades of the each's input, not an input of its own)."""
    if rule is None:
        return []
    if isinstance(rule, model.AllOf | model.AnyOf):
        return [rule, *(r for sub in rule.rules for r in _walk(sub))]
    return [rule]


class _Identity:
    """A rubric as a cache key by identity (a deep hash of the rubric would cost more than
    scoring it)."""

    __slots__ = ("rubric",)

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric

    def __hash__(self) -> int:
        return id(self.rubric)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Identity) and other.rubric is self.rubric


@lru_cache(maxsize=32)
def _compiled(key: _Identity) -> Plan:
    return Plan(key.rubric)


def plan_of(rubric: Rubric) -> Plan:
    """The rubric compiled for the engine: once per rubric object (the last 32 are kept)."""
    return _compiled(_Identity(rubric))


# ---------------------------------------------------------------------------------------------
# The figures


@dataclass(frozen=True, eq=False)
class Totals:
    """Every school's sums, as arrays with one row per school."""

    earned: FloatArray  # non-bonus items, as ScoreCard.earned
    possible: FloatArray
    base_percent: FloatArray
    bonus_points: FloatArray
    total_percent: FloatArray
    level_index: IntArray  # index into rubric.levels
    veto_failed: BoolArray
    dimension_earned: FloatArray  # (schools, dimensions)
    dimension_possible: FloatArray
    indicator_earned: FloatArray  # (schools, indicators in order)
    indicator_possible: FloatArray

    def school(self, i: int) -> SchoolTotals:
        return SchoolTotals(
            earned=float(self.earned[i]),
            possible=float(self.possible[i]),
            base_percent=float(self.base_percent[i]),
            bonus_points=float(self.bonus_points[i]),
            total_percent=float(self.total_percent[i]),
            level_index=int(self.level_index[i]),
            veto_failed=bool(self.veto_failed[i]),
            dimension_earned=self.dimension_earned[i].tolist(),
            dimension_possible=self.dimension_possible[i].tolist(),
            indicator_earned=self.indicator_earned[i].tolist(),
            indicator_possible=self.indicator_possible[i].tolist(),
        )


@dataclass(frozen=True)
class SchoolTotals:
    """One school's row of :class:`Totals`, as Python values."""

    earned: float
    possible: float
    base_percent: float
    bonus_points: float
    total_percent: float
    level_index: int
    veto_failed: bool
    dimension_earned: list[float]
    dimension_possible: list[float]
    indicator_earned: list[float]
    indicator_possible: list[float]


@dataclass(frozen=True, eq=False)
class Figures:
    """The engine's figures for N schools against one rubric (row ``i``: school ``i``).

    Rules: columns of ``verdict`` / ``attainment`` (``plan.nodes``; column 0 is a constant
    not-applicable, column 1 a constant met). Items: columns in rubric order.
    """

    plan: Plan
    profiles: tuple[SchoolProfile, ...]  # every school's profile (the universal one for None)
    verdict: CodeArray  # (schools, rules): Verdict codes
    attainment: FloatArray  # (schools, rules): 0..1, 1 when met, 0 when unanswered or not applicable
    value: FloatArray  # (schools, value columns): the figures read (0 where not usable)
    valid: BoolArray  # (schools, value columns): usable figures
    unit_ok: BoolArray  # (schools, threshold units): the figure reaches the threshold
    flag: CodeArray  # (schools, yes/no keys): 1 是, 0 否, -1 not answered
    ratio: FloatArray  # (schools, ratio rules): numerator / denominator, NaN when not computed
    deducted: FloatArray  # (schools, deduct rules): points a deduct rule takes off
    status: CodeArray  # (schools, items): codes into STATUSES
    earned: FloatArray  # (schools, items)
    possible: FloatArray  # (schools, items): 0 when the item does not apply
    item_attainment: FloatArray  # (schools, items): NaN where the rule measures no degree
    lost: FloatArray  # (schools, items): points deducted by a deduct item
    why: CodeArray  # (schools, items): Why codes
    exclusion: CodeArray  # (schools, items): Exclusion codes
    shown: tuple[tuple[tuple[str, ...], ...], ...]  # per school, per each rule: the grades shown
    totals: Totals

    def __len__(self) -> int:
        return int(self.status.shape[0])

    def school(self, i: int) -> SchoolFigures:
        """School ``i``'s figures as plain Python values."""
        return SchoolFigures(
            profile=self.profiles[i],
            verdict=self.verdict[i].tolist(),
            attainment=self.attainment[i].tolist(),
            value=self.value[i].tolist(),
            valid=self.valid[i].tolist(),
            unit_ok=self.unit_ok[i].tolist(),
            flag=self.flag[i].tolist(),
            ratio=self.ratio[i].tolist(),
            deducted=self.deducted[i].tolist(),
            status=self.status[i].tolist(),
            earned=self.earned[i].tolist(),
            possible=self.possible[i].tolist(),
            item_attainment=self.item_attainment[i].tolist(),
            lost=self.lost[i].tolist(),
            why=self.why[i].tolist(),
            exclusion=self.exclusion[i].tolist(),
            shown=self.shown[i],
            totals=self.totals.school(i),
        )


@dataclass(frozen=True)
class SchoolFigures:
    """One school's row of :class:`Figures`, as Python lists indexed like the arrays."""

    profile: SchoolProfile
    verdict: list[int]
    attainment: list[float]
    value: list[float]
    valid: list[bool]
    unit_ok: list[bool]
    flag: list[int]
    ratio: list[float]
    deducted: list[float]
    status: list[int]
    earned: list[float]
    possible: list[float]
    item_attainment: list[float]
    lost: list[float]
    why: list[int]
    exclusion: list[int]
    shown: tuple[tuple[str, ...], ...]
    totals: SchoolTotals


def missing_inputs(node: Node, school: SchoolFigures) -> tuple[str, ...]:
    """The input keys still to be given before a rule can be judged (empty unless its verdict
    is unanswered): a leaf's own unusable figures; for all / any, those of the inner rules
    that are unanswered, each key once."""
    if school.verdict[node.column] != _V_UNANSWERED:
        return ()
    rule = node.rule
    if isinstance(rule, model.AllOf | model.AnyOf):
        return tuple(dict.fromkeys(key for child in node.children for key in missing_inputs(child, school)))
    if isinstance(rule, model.RatioAtLeast):
        pairs = ((rule.numerator, node.numerator), (rule.denominator, node.denominator))
        return tuple(key for key, column in pairs if not school.valid[column])
    return (rule.input,)


# ---------------------------------------------------------------------------------------------
# Evaluation


def evaluate(
    rubric: Rubric,
    answers_list: Sequence[Mapping[str, Any]],
    profiles: Sequence[SchoolProfile | None] | None = None,
) -> Figures:
    """Every rule of the rubric for every school: ``answers_list[i]`` and ``profiles[i]`` are
    school ``i``'s answers and profile (None: the universal profile, to which every item
    applies).

    ``answers`` map input keys to values: numbers, booleans, strings, and for a ``grades``
    input a mapping from grade code to number (``{"P4": 1, "P5": 2}``). Missing keys are
    unanswered, and so are values of the wrong type (``checklist.answers.validate_answers``
    reports those properly). Nothing passed in is changed.
    """
    n = len(answers_list)
    if profiles is None:
        profiles = [None] * n
    if len(profiles) != n:
        raise ValueError(f"{n} 份填报数据对应 {len(profiles)} 个学校概况，数目应相同")
    plan = plan_of(rubric)
    with np.errstate(all="ignore"):
        return _Evaluation(plan, answers_list, profiles).figures()


class _Evaluation:
    def __init__(
        self,
        plan: Plan,
        answers_list: Sequence[Mapping[str, Any]],
        profiles: Sequence[SchoolProfile | None],
    ) -> None:
        self.plan = plan
        self.n = n = len(answers_list)
        self.profiles = tuple(profile or _UNIVERSAL for profile in profiles)
        parts: dict[SchoolProfile, int] = {}
        rows = np.empty(n, dtype=np.intp)
        for i, profile in enumerate(self.profiles):
            rows[i] = parts.setdefault(profile, len(parts))
        self.parts = [plan.profile_part(profile) for profile in parts]
        self.part_row = rows
        self.value, self.valid = plan.read_values(answers_list)
        self.is_true, self.is_false = plan.read_flags(answers_list)
        # Every column is set, by the rule kind it belongs to, but the two constant ones.
        self.verdict = np.repeat(plan.verdict_template, n, axis=0)
        self.attainment = np.repeat(plan.attainment_template, n, axis=0)

    def per_school(self, rows: list[NDArray[Any]], width: int, dtype: type[np.generic]) -> NDArray[Any]:
        """Rows computed once per distinct profile, one per school."""
        return np.array(rows, dtype=dtype).reshape(len(rows), width)[self.part_row]

    def set(self, columns: IntArray, verdict: NDArray[Any], attainment: FloatArray) -> None:
        self.verdict[:, columns] = verdict
        self.attainment[:, columns] = attainment

    def figures(self) -> Figures:
        plan = self.plan
        unit_ok = self.thresholds()
        ratio = self.ratios()
        self.flags()
        deducted = self.deducts()
        self.eaches(unit_ok)
        for columns, children, is_any in plan.combinator_levels:
            self.combine(columns, children, is_any)
        items = self.items(deducted)
        totals = summarise(plan, items["status"], items["earned"], items["possible"])
        flag = np.where(self.is_true, 1, np.where(self.is_false, 0, -1)).astype(np.int8)
        shown = tuple(part.shown for part in self.parts)
        return Figures(
            plan=plan,
            profiles=self.profiles,
            verdict=self.verdict,
            attainment=self.attainment,
            value=self.value,
            valid=self.valid,
            unit_ok=unit_ok,
            flag=flag,
            ratio=ratio,
            deducted=deducted,
            status=items["status"],
            earned=items["earned"],
            possible=items["possible"],
            item_attainment=items["attainment"],
            lost=items["lost"],
            why=items["why"],
            exclusion=items["exclusion"],
            shown=tuple(shown[k] for k in self.part_row.tolist()),
            totals=totals,
        )

    # -- the rule kinds -------------------------------------------------------------------

    def thresholds(self) -> BoolArray:
        """at_least / at_most / between, for every figure compared with a threshold (the grades
        of an ``each`` too): low ≤ x ≤ high. Attainment when not met: x / low below the range
        (0 when low ≤ 0), high / x above it (0 when x ≤ 0)."""
        plan = self.plan
        x = self.value[:, plan.unit_value]
        low, high = plan.unit_low, plan.unit_high
        ok: BoolArray = (low <= x) & (x <= high)
        below = np.where(plan.unit_low_positive, x / plan.unit_low_divisor, 0.0)
        above = np.divide(high, x, out=np.zeros_like(x), where=x > 0)
        attainment = _clip(np.where(ok, 1.0, np.where(x < low, below, above)))
        if len(plan.threshold_units):
            valid = self.valid[:, plan.unit_value]
            if not plan.units_all_plain:
                units = plan.threshold_units
                valid, ok_leaves, attainment = valid[:, units], ok[:, units], attainment[:, units]
            else:
                ok_leaves = ok
            self.set(plan.threshold_columns, _judged(valid, ok_leaves), attainment * valid)
        return ok

    def ratios(self) -> FloatArray:
        """ratio_at_least: numerator / denominator ≥ value, allowing 1e-12 for the float
        division; a denominator of 0 makes the rule not applicable. Attainment when not met:
        ratio / value (0 when value ≤ 0)."""
        plan = self.plan
        if not len(plan.ratio_columns):
            return np.zeros((self.n, 0))
        numerator = self.value[:, plan.ratio_numerator]
        denominator = self.value[:, plan.ratio_denominator]
        valid = self.valid[:, plan.ratio_numerator] & self.valid[:, plan.ratio_denominator]
        zero = denominator == 0
        ratio = numerator / np.where(zero, 1.0, denominator)
        ok = ratio >= plan.ratio_needed
        below = np.where(plan.ratio_required_positive, _clip(ratio / plan.ratio_required_divisor), 0.0)
        verdict = np.where(zero, _V_NA, _judged(valid, ok))
        verdict = np.where(valid, verdict, _V_UNANSWERED)
        computed = valid & ~zero
        self.set(plan.ratio_columns, verdict, np.where(computed, np.where(ok, 1.0, below), 0.0))
        return np.where(computed, ratio, np.nan)

    def flags(self) -> None:
        """is_true / is_false: the yes/no answer is the one asked for."""
        plan = self.plan
        keys = plan.flag_leaf_keys
        if not len(keys):
            return
        is_true, is_false = self.is_true[:, keys], self.is_false[:, keys]
        ok = np.where(plan.flag_leaf_wants_true, is_true, is_false)
        self.set(plan.flag_leaf_columns, _judged(is_true | is_false, ok), ok.astype(np.float64))

    def deducts(self) -> FloatArray:
        """deduct (扣分制): no case is met; otherwise per × count is taken off, at most cap."""
        plan = self.plan
        if not len(plan.deduct_columns):
            return np.zeros((self.n, 0))
        count = self.value[:, plan.deduct_values]
        valid = self.valid[:, plan.deduct_values]
        clean = count <= 0
        self.set(plan.deduct_columns, _judged(valid, clean), np.where(valid & clean, 1.0, 0.0))
        return np.where(valid & ~clean, np.minimum(plan.deduct_per * count, plan.deduct_cap), 0.0)

    def eaches(self, unit_ok: BoolArray) -> None:
        """each: the inner rule holds for every grade shown to the school; no grade shown: not
        applicable. Attainment when not met: the share of grades that hold."""
        plan = self.plan
        if not len(plan.each_columns):
            return
        asked = self.per_school([part.asked for part in self.parts], len(plan.each_units), np.bool_)
        units = plan.each_units
        valid = self.valid[:, plan.unit_value[units]]
        ok = unit_ok[:, units]
        member = plan.each_member
        count = asked.astype(np.float64) @ member
        missing = (asked & ~valid).astype(np.float64) @ member > 0
        failing = (asked & valid & ~ok).astype(np.float64) @ member
        verdict = np.where(missing, _V_UNANSWERED, np.where(failing > 0, _V_NOT_MET, _V_MET))
        verdict = np.where(count == 0, _V_NA, verdict)
        share = (count - failing) / np.where(count == 0, 1.0, count)
        attainment = np.where(verdict == _V_MET, 1.0, np.where(verdict == _V_NOT_MET, share, 0.0))
        self.set(plan.each_columns, verdict, attainment)

    def combine(self, columns: IntArray, children: IntArray, is_any: IntArray) -> None:
        """all / any (see ``_all_of`` and ``_any_of``) of the inner rules, one height of the
        rule trees at a time. Attainment when not met: the mean over the inner rules that
        apply for all, the best of them for any."""
        verdicts = self.verdict[:, children]  # (schools, rules, inner rules)
        attainments = self.attainment[:, children]
        present = np.bitwise_or.reduce(np.left_shift(1, verdicts), axis=2)
        verdict = _COMBINED[is_any, present]
        applies = verdicts != _V_NA
        partly = np.zeros(verdict.shape)
        if not is_any.all():
            # The mean adds the attainments left to right (those not applying are 0: they add nothing).
            count = applies.sum(axis=2)
            partly = np.cumsum(attainments, axis=2)[:, :, -1] / np.where(count == 0, 1, count)
        if is_any.any():
            partly = np.where(is_any, np.where(applies, attainments, -np.inf).max(axis=2), partly)
        attainment = np.where(verdict == _V_MET, 1.0, np.where(verdict == _V_NOT_MET, partly, 0.0))
        self.set(columns, verdict, attainment)

    # -- items ----------------------------------------------------------------------------

    def items(self, deducted: FloatArray) -> dict[str, NDArray[Any]]:
        """Each item's status and points. Not judged by its rule (see ``_why``): not
        applicable, or unanswered with its points possible and none earned. Judged: met earns
        the points; not met earns partial credit — by proportion of the attainment, or the
        credit of the first band it reaches — or nothing. A deduct item is met when nothing is
        taken off; otherwise it keeps what is left (partly met) or nothing (not met)."""
        plan = self.plan
        n, m = self.n, len(plan.items)
        rule = self.verdict[:, plan.item_rule]
        attainment = self.attainment[:, plan.item_rule]
        condition = self.verdict[:, plan.item_condition]
        excluded = self.per_school([part.excluded for part in self.parts], m, np.intp)
        why = _WHY[excluded, condition, rule]
        judged = why == _JUDGED

        credit = np.zeros((n, m))
        for k in range(plan.band_attainment.shape[1] - 1, -1, -1):
            credit = np.where(attainment >= plan.band_attainment[:, k], plan.band_credit[:, k], credit)
        credit = np.where(plan.proportional, _clip(attainment), credit)
        left = self.round(plan.points * credit)
        met = judged & (rule == _V_MET)
        lost = np.zeros((n, m))
        if len(plan.deduct_columns) and plan.is_deduct.any():
            taken = np.concatenate([deducted, np.zeros((n, 1))], axis=1)[:, plan.item_deduct]
            kept = _round2_array(np.maximum(plan.points - taken, 0.0))
            met = np.where(plan.is_deduct, judged & (taken == 0), met)
            left = np.where(plan.is_deduct, self.round(kept), left)
            attainment = np.where(plan.is_deduct, np.where(left > 0, kept / plan.points, 0.0), attainment)
            lost = np.where(plan.is_deduct & judged & ~met, _round2_array(plan.points - kept), 0.0)
        docked = judged & ~met
        partial = docked & (left > 0)
        status = np.where(judged, np.where(met, MET, np.where(partial, PARTIAL, NOT_MET)), _STATUS_BY_WHY[why])
        return {
            "status": status.astype(np.int8),
            "earned": np.where(met, plan.full, np.where(partial, left, 0.0)),
            "possible": np.where(_POSSIBLE_BY_WHY[why], plan.full, 0.0),
            "attainment": np.where(met, 1.0, np.where(docked, attainment, np.nan)),
            "lost": lost,
            "why": why,
            "exclusion": self.per_school([part.exclusion for part in self.parts], m, np.int8),
        }

    def round(self, values: FloatArray) -> FloatArray:
        """Points rounded to cents as an item's result shows them. Rounding again changes
        nothing below 10**12 points; above, the result is rounded once more, as it is written."""
        rounded = _round2_array(values)
        return rounded if self.plan.exact_in_int64 else _round2_array(rounded)


def failed_vetoes(plan: Plan, codes: Sequence[int]) -> list[int]:
    """The items (by column) of one school whose veto failed, from its item status codes."""
    return [j for j in plan.veto_columns.tolist() if _FAILS_VETO[codes[j]]]


def _judged(valid: BoolArray, ok: BoolArray) -> NDArray[np.intp]:
    """Met where ok, not met where not, unanswered where the figure is not usable."""
    return np.where(valid, ~ok, _V_UNANSWERED)  # Verdict codes: MET 0, NOT_MET 1


# ---------------------------------------------------------------------------------------------
# Totals


def summarise(plan: Plan, status: CodeArray, earned: FloatArray, possible: FloatArray) -> Totals:
    """Every school's totals from its items' statuses and points, (schools, items) arrays in
    rubric order: sums of whole cents over the items that count (not bonus; an item that does
    not apply has 0 of 0), the total percent earned / possible × 100 rounded half up to
    hundredths, the bonus up to the rubric's cap added to it, the first level from the top
    whose minimum it reaches, and the lowest level whatever the total when a veto item is not
    (or only partly) met. The subtotals of dimensions and indicators leave bonus items out."""
    n = status.shape[0]
    points = np.array([earned, possible])  # (2, schools, items)
    if plan.exact_in_int64:
        # Float sums of whole cents are exact up to 2**53; the matrix product adds them all.
        cents = (np.rint(points * 100) @ plan.sums).astype(np.int64)
    else:  # a rubric of astronomical points: Python integers
        cents = _exact_cents(points) @ plan.sums.astype(np.int64).astype(object)
    amounts = _as_floats(cents / 100)  # (2, schools, sums): whole, bonus, dimensions, indicators
    earned_total, possible_total = cents[0, :, 0], cents[1, :, 0]
    bonus = np.minimum(cents[0, :, 1], plan.bonus_cap_cents)
    positive = possible_total > 0
    divisor = np.where(positive, possible_total, 1)
    scaled = earned_total * 10_000
    quotient = scaled // divisor
    base = np.where(positive, quotient + (2 * (scaled - quotient * divisor) >= divisor), 0)
    percents = _as_floats(np.array([base, base + bonus, bonus]) / 100)

    veto_failed = np.asarray(_FAILS_VETO[status[:, plan.veto_columns]].any(axis=1), dtype=np.bool_)
    lowest = len(plan.level_minimum) - 1
    reached = percents[1][:, None] >= plan.level_minimum
    level = np.where(veto_failed | ~reached.any(axis=1), lowest, reached.argmax(axis=1)).astype(np.intp)

    dims = 2 + plan.dimension_count
    return Totals(
        earned=amounts[0, :, 0],
        possible=amounts[1, :, 0],
        base_percent=percents[0],
        bonus_points=percents[2],
        total_percent=percents[1],
        level_index=level.reshape(n),
        veto_failed=veto_failed.reshape(n),
        dimension_earned=amounts[0, :, 2:dims],
        dimension_possible=amounts[1, :, 2:dims],
        indicator_earned=amounts[0, :, dims:],
        indicator_possible=amounts[1, :, dims:],
    )


def _exact_cents(values: FloatArray) -> NDArray[Any]:
    cents = [round(v * 100) for v in values.ravel().tolist()]
    return np.array(cents, dtype=object).reshape(values.shape)


def _as_floats(values: NDArray[Any]) -> FloatArray:
    return np.asarray(values, dtype=np.float64)
