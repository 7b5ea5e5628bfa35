"""The rubric model: frozen dataclasses, built by ``checklist.loader`` from YAML.

A rubric is a tree 一级指标 (Dimension) → 二级指标 (Indicator) → 评估要点 (Item). Items carry
the points, the inputs a school fills in, the rule that decides compliance, and the clause of
the plan the item enforces.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, ClassVar, TypeGuard


class Stage(StrEnum):
    """学段."""

    KINDERGARTEN = "kindergarten"
    PRIMARY = "primary"
    JUNIOR = "junior"
    SENIOR = "senior"
    VOCATIONAL = "vocational"
    SPECIAL = "special"


STAGE_NAMES: Mapping[str, str] = {
    "kindergarten": "幼儿园",
    "primary": "小学",
    "junior": "初中",
    "senior": "高中",
    "vocational": "中职",
    "special": "特殊教育",
}

GRADES_BY_STAGE: Mapping[str, tuple[str, ...]] = {
    "kindergarten": ("K1", "K2", "K3"),
    "primary": ("P1", "P2", "P3", "P4", "P5", "P6"),
    "junior": ("J1", "J2", "J3"),
    "senior": ("S1", "S2", "S3"),
    "vocational": ("V1", "V2", "V3"),
    "special": (),
}

ALL_GRADES: tuple[str, ...] = tuple(g for grades in GRADES_BY_STAGE.values() for g in grades)

GRADE_NAMES: Mapping[str, str] = {
    "K1": "小班",
    "K2": "中班",
    "K3": "大班",
    "P1": "一年级",
    "P2": "二年级",
    "P3": "三年级",
    "P4": "四年级",
    "P5": "五年级",
    "P6": "六年级",
    "J1": "初一",
    "J2": "初二",
    "J3": "初三",
    "S1": "高一",
    "S2": "高二",
    "S3": "高三",
    "V1": "中职一年级",
    "V2": "中职二年级",
    "V3": "中职三年级",
}


class InputType(StrEnum):
    """What a school fills in for one figure."""

    NUMBER = "number"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    TEXT = "text"
    DATE = "date"
    FILE = "file"
    GRADES = "grades"


@dataclass(frozen=True)
class Input:
    """One figure or answer a school gives (填报项). Keys are unique across a rubric."""

    key: str
    label: str
    type: InputType
    unit: str = ""
    min: float | None = None
    max: float | None = None
    integer: bool = False
    choices: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()  # for a grades input: only these grades (小学四、五年级)
    max_input: str | None = None  # cross-field check: may not exceed that input's value
    help: str = ""
    required: bool = False  # text/date/choice inputs a rule does not use are optional unless set
    max_length: int | None = None  # a text answer's limit in characters (default: answers.MAX_TEXT_LENGTH)


# ---------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class AtLeast:
    """x ≥ value. Inside ``each`` the input is empty: the grade's figure is used."""

    input: str
    value: float
    kind: ClassVar[str] = "at_least"


@dataclass(frozen=True)
class AtMost:
    """x ≤ value."""

    input: str
    value: float
    kind: ClassVar[str] = "at_most"


@dataclass(frozen=True)
class Between:
    """min ≤ x ≤ max (研学 1—2 次)."""

    input: str
    min: float
    max: float
    kind: ClassVar[str] = "between"


@dataclass(frozen=True)
class RatioAtLeast:
    """numerator / denominator ≥ value, the value as a fraction (0.15)."""

    numerator: str
    denominator: str
    value: float
    kind: ClassVar[str] = "ratio_at_least"


@dataclass(frozen=True)
class IsTrue:
    """The boolean answer is 是."""

    input: str
    kind: ClassVar[str] = "is_true"


@dataclass(frozen=True)
class IsFalse:
    """The boolean answer is 否 (a prohibition such as 违规有偿补课)."""

    input: str
    kind: ClassVar[str] = "is_false"


GradeRule = AtLeast | AtMost | Between


@dataclass(frozen=True)
class Each:
    """The inner rule holds for every grade shown of a ``grades`` input."""

    input: str
    rule: GradeRule
    kind: ClassVar[str] = "each"


@dataclass(frozen=True)
class AllOf:
    """Every inner rule holds."""

    rules: tuple[Rule, ...]
    kind: ClassVar[str] = "all"


@dataclass(frozen=True)
class AnyOf:
    """At least one inner rule holds."""

    rules: tuple[Rule, ...]
    kind: ClassVar[str] = "any"


@dataclass(frozen=True)
class Deduct:
    """扣分制: points − per × count, never below points − cap."""

    input: str
    per: float
    cap: float
    kind: ClassVar[str] = "deduct"


Rule = AtLeast | AtMost | Between | RatioAtLeast | IsTrue | IsFalse | Each | AllOf | AnyOf | Deduct

RULE_KINDS: tuple[str, ...] = (
    "at_least",
    "at_most",
    "between",
    "ratio_at_least",
    "is_true",
    "is_false",
    "each",
    "all",
    "any",
    "deduct",
)


def rule_inputs(rule: Rule) -> tuple[str, ...]:
    """The input keys a rule reads, in order, without repeats."""
    keys: list[str] = []
    for sub in walk_rule(rule):
        for key in own_inputs(sub):
            if key and key not in keys:
                keys.append(key)
    return tuple(keys)


def own_inputs(rule: Rule) -> tuple[str, ...]:
    if isinstance(rule, RatioAtLeast):
        return (rule.numerator, rule.denominator)
    if isinstance(rule, AllOf | AnyOf):
        return ()
    return (rule.input,)


def walk_rule(rule: Rule) -> Iterator[Rule]:
    """The rule and every rule nested in it, depth first."""
    yield rule
    if isinstance(rule, AllOf | AnyOf):
        for sub in rule.rules:
            yield from walk_rule(sub)
    elif isinstance(rule, Each):
        yield rule.rule


# ---------------------------------------------------------------------------------------------
# Items and the tree


class PartialMode(StrEnum):
    """How an item that is not fully met earns part of its points."""

    NONE = "none"
    PROPORTIONAL = "proportional"
    BANDS = "bands"


@dataclass(frozen=True)
class Band:
    """Attainment at or above ``attainment`` earns ``credit`` × points (部分得分档)."""

    attainment: float
    credit: float


# 达到标准99%-80%为80%分值，达到标准79%-60%为50%分值，低于标准60%不得分 (a provincial table)
DEFAULT_BANDS: tuple[Band, ...] = (Band(0.8, 0.8), Band(0.6, 0.5))


@dataclass(frozen=True)
class Applicability:
    """Which schools an item applies to. Empty or None means: no restriction."""

    stages: tuple[str, ...] = ()
    public: bool | None = None
    boarding: bool | None = None
    has_canteen: bool | None = None

    @property
    def is_universal(self) -> bool:
        return not self.stages and self.public is None and self.boarding is None and (self.has_canteen is None)


@dataclass(frozen=True)
class Source:
    """The clause of a plan an item enforces: the seed file, the item number, the exact words."""

    doc: str
    clause: str
    quote: str


class BasisKind(StrEnum):
    """Where a number that the quoted clause does not state comes from."""

    COMMON_PRACTICE = "common_practice"  # 通行做法 (a veto for 重大安全责任事故)
    OTHER_DOCUMENT = "other_document"  # 其他文件规定 (国家课程方案: 体育课每周3节)
    BUREAU_DECISION = "bureau_decision"  # 教育局决定 (how the bureau reads or sets it)


BASIS_NAMES: Mapping[str, str] = {
    "common_practice": "通行做法",
    "other_document": "其他文件规定",
    "bureau_decision": "教育局决定",
}


@dataclass(frozen=True)
class Basis:
    """依据: why an item asks for a number (or a veto) that its quote does not state."""

    kind: BasisKind
    note: str

    @property
    def label(self) -> str:
        return f"{BASIS_NAMES[self.kind.value]}：{self.note}"


@dataclass(frozen=True)
class Item:
    """评估要点: the unit that carries points."""

    id: str
    title: str
    points: float
    rule: Rule
    inputs: tuple[Input, ...] = ()
    source: Source | None = None
    applies_to: Applicability = field(default_factory=Applicability)
    applies_if: Rule | None = None
    partial: PartialMode = PartialMode.NONE
    bands: tuple[Band, ...] = DEFAULT_BANDS
    veto: bool = False
    bonus: bool = False
    evidence: tuple[str, ...] = ()
    method: str = ""
    description: str = ""
    advice: str = ""  # 整改建议 written by the rubric's author; generated when empty
    basis: Basis | None = None  # where numbers not in the quote come from


@dataclass(frozen=True)
class Indicator:
    """二级指标."""

    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Dimension:
    """一级指标."""

    id: str
    title: str
    indicators: tuple[Indicator, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for indicator in self.indicators for item in indicator.items)


@dataclass(frozen=True)
class Level:
    """等级: reached when the total percent is at least ``min_percent``."""

    name: str
    min_percent: float


@dataclass(frozen=True)
class Rubric:
    """A bureau's scoring rubric for one year, identified by (id, version)."""

    id: str
    version: int
    title: str
    issuer: str
    levels: tuple[Level, ...]
    dimensions: tuple[Dimension, ...]
    based_on: tuple[str, ...] = ()
    bonus_cap: float = 0.0
    year: int | None = None
    description: str = ""

    @cached_property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for dimension in self.dimensions for item in dimension.items)

    @cached_property
    def inputs(self) -> Mapping[str, Input]:
        """Every declared input by key, in declaration order."""
        return {inp.key: inp for item in self.items for inp in item.inputs}

    @cached_property
    def input_owner(self) -> Mapping[str, str]:
        """The id of the item that declares each input."""
        return {inp.key: item.id for item in self.items for inp in item.inputs}

    @cached_property
    def _items_by_id(self) -> Mapping[str, Item]:
        return {item.id: item for item in self.items}

    @cached_property
    def _place(self) -> Mapping[str, tuple[Dimension, Indicator]]:
        return {
            item.id: (dimension, indicator)
            for dimension in self.dimensions
            for indicator in dimension.indicators
            for item in indicator.items
        }

    def item(self, item_id: str) -> Item:
        return self._items_by_id[item_id]

    def place_of(self, item_id: str) -> tuple[Dimension, Indicator]:
        """The dimension and indicator an item sits in."""
        return self._place[item_id]

    @property
    def lowest_level(self) -> Level:
        return self.levels[-1]

    @property
    def label(self) -> str:
        return f"{self.id} v{self.version}"


# ---------------------------------------------------------------------------------------------
# The school being scored


@dataclass(frozen=True)
class SchoolProfile:
    """What decides which items apply to a school: its stages and a few facts."""

    stages: tuple[str, ...]
    public: bool = True
    boarding: bool = False
    has_canteen: bool = True

    FIELDS: ClassVar[tuple[str, ...]] = ("stages", "public", "boarding", "has_canteen")

    def __post_init__(self) -> None:
        object.__setattr__(self, "stages", tuple(dict.fromkeys(self.stages)))  # a stage counts once

    @classmethod
    def universal(cls) -> SchoolProfile:
        """A profile every item applies to: used when no profile is given."""
        return cls(stages=tuple(s.value for s in Stage), public=True, boarding=True)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SchoolProfile:
        """Build from the contract's JSON shape; raises ValueError with a Chinese message."""
        unknown = set(data) - set(cls.FIELDS)
        if unknown:
            raise ValueError(f"学校概况中有未知字段：{'、'.join(sorted(unknown))}")
        stages = data.get("stages", [])
        if isinstance(stages, str):
            stages = [stages]
        if not isinstance(stages, list | tuple) or not stages:
            raise ValueError('学校概况须给出学段 stages，例如 ["primary"]')
        bad = [s for s in stages if s not in STAGE_NAMES]
        if bad:
            raise ValueError(f"未知学段：{'、'.join(map(str, bad))}（可用：{'、'.join(STAGE_NAMES)}）")
        flags: dict[str, bool] = {}
        for name in ("public", "boarding", "has_canteen"):
            if name in data:
                value = data[name]
                if not isinstance(value, bool):
                    raise ValueError(f"学校概况字段 {name} 应为 true 或 false")
                flags[name] = value
        return cls(stages=tuple(dict.fromkeys(stages)), **flags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stages": list(self.stages),
            "public": self.public,
            "boarding": self.boarding,
            "has_canteen": self.has_canteen,
        }

    @property
    def grades(self) -> tuple[str, ...]:
        return tuple(g for s in self.stages for g in GRADES_BY_STAGE.get(s, ()))

    def describe(self) -> str:
        """校情 in words: 小学、初中，公办，寄宿制，有食堂."""
        parts = ["、".join(STAGE_NAMES[s] for s in self.stages)]
        parts.append("公办" if self.public else "民办")
        parts.append("寄宿制" if self.boarding else "非寄宿制")
        parts.append("有食堂" if self.has_canteen else "无食堂")
        return "，".join(parts)


def is_number(value: object) -> TypeGuard[int | float]:
    """A figure as rubrics and answers take it: an int or float, not a bool, finite (an int too
    large for a float is not usable)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
