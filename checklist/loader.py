"""Loading rubric YAML into the model, with validation that reports every problem at once.

``load_rubric(path)`` returns a Rubric or raises RubricError carrying the whole list of
problems; ``check_rubric(path)`` returns that list (empty when the file is sound). Each
problem names its file, the item (or dimension, or the rubric) and the field, in Chinese, so
that the bureau officer who wrote the file can fix all of them in one go.

Sources resolve through the plan library the loader is given (``PlanLookup``: seeds/, or seeds/
with the instance's registered plans): the quote must be in the plan's text character for
character, and every number of an item's rule must be in its quote or explained by the item's
``basis`` (``checklist.provenance``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

import yaml

from checklist.model import (
    ALL_GRADES,
    DEFAULT_BANDS,
    RULE_KINDS,
    STAGE_NAMES,
    AllOf,
    AnyOf,
    Applicability,
    AtLeast,
    AtMost,
    Band,
    Basis,
    BasisKind,
    Between,
    Deduct,
    Dimension,
    Each,
    Indicator,
    Input,
    InputType,
    IsFalse,
    IsTrue,
    Item,
    Level,
    PartialMode,
    RatioAtLeast,
    Rubric,
    Rule,
    Source,
    is_number,
    own_inputs,
    walk_rule,
)
from checklist.outline import cite
from checklist.provenance import Role, unsourced_numbers
from checklist.seeds import SeedLibrary, find_seeds_dir


class PlanText(Protocol):
    """A plan of the library as the loader needs it: its text (a title and numbered clauses
    when it has them: ``SeedDocument`` has both)."""

    @property
    def text(self) -> str: ...


class PlanLookup(Protocol):
    """What the loader needs of the plans a rubric's sources may cite (工作要点库): any
    ``checklist.seeds.PlanLibrary`` (``SeedLibrary`` for seeds/, or seeds/ chained with the
    instance's registered plans). Duck-typed: ``name in library``, ``library.get(name).text``."""

    def __contains__(self, name: object) -> bool: ...

    def get(self, name: str) -> PlanText | None: ...


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a rubric file.

    ``blocking`` problems make the file unusable. A number without a source (数值出处, see
    ``checklist.provenance``) is not blocking: the rubric still loads for scoring and
    ``rubric diff``, but ``rubric check`` reports it and a rubric with it is not published.
    """

    file: str
    where: str  # an item, indicator or dimension id, or "rubric"
    field: str  # the field path inside it, e.g. "rule.input"
    message: str
    blocking: bool = True

    def __str__(self) -> str:
        field = f" {self.field}" if self.field else ""
        return f"{self.file}: {self.where}{field}: {self.message}"


class RubricError(Exception):
    """A rubric file that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_RUBRIC_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")

_TOP_KEYS = {
    "id",
    "version",
    "title",
    "issuer",
    "year",
    "description",
    "based_on",
    "levels",
    "bonus_cap",
    "dimensions",
}
_DIMENSION_KEYS = {"id", "title", "indicators", "description"}
_INDICATOR_KEYS = {"id", "title", "items", "description"}
_ITEM_KEYS = {
    "id",
    "title",
    "description",
    "points",
    "applies_to",
    "applies_if",
    "source",
    "inputs",
    "rule",
    "partial",
    "bands",
    "evidence",
    "method",
    "veto",
    "bonus",
    "scope",
    "advice",
    "basis",
}
_INPUT_KEYS = {
    "key",
    "label",
    "type",
    "unit",
    "min",
    "max",
    "integer",
    "choices",
    "grades",
    "max_input",
    "help",
    "required",
    "max_length",
}
_SOURCE_KEYS = {"doc", "clause", "quote"}
_BASIS_KEYS = {"kind", "note"}
_APPLIES_KEYS = {"stages", "public", "boarding", "has_canteen"}
_RULE_PARAMS: Mapping[str, tuple[set[str], set[str]]] = {
    # kind: (required parameters, optional parameters)
    "at_least": ({"input", "value"}, set()),
    "at_most": ({"input", "value"}, set()),
    "between": ({"input", "min", "max"}, set()),
    "ratio_at_least": ({"numerator", "denominator", "value"}, set()),
    "is_true": ({"input"}, set()),
    "is_false": ({"input"}, set()),
    "each": ({"input", "rule"}, set()),
    "all": ({"rules"}, set()),
    "any": ({"rules"}, set()),
    "deduct": ({"input", "per", "cap"}, set()),
}
_GRADE_RULE_KINDS = ("at_least", "at_most", "between")


def load_rubric(path: Path | str, seeds: PlanLookup | None = None) -> Rubric:
    """Load and validate a rubric file; raise RubricError listing every problem when one of
    them makes the file unusable (a number without a source alone does not)."""
    rubric, problems = _load(Path(path), seeds)
    if rubric is None or any(p.blocking for p in problems):
        raise RubricError(problems)
    return rubric


def check_rubric(path: Path | str, seeds: PlanLookup | None = None) -> list[Problem]:
    """Every problem in a rubric file; an empty list when it is sound."""
    return _load(Path(path), seeds)[1]


def load_rubric_text(
    text: str, name: str = "<rubric>", seeds: PlanLookup | None = None
) -> tuple[Rubric | None, list[Problem]]:
    """Validate rubric YAML given as text (an upload); returns the rubric and the problems.
    The rubric is None when a problem makes it unusable; publishing needs no problem at all."""
    reader = _Reader(name, seeds)
    return reader.read_text(text), reader.problems


def _load(path: Path, seeds: PlanLookup | None) -> tuple[Rubric | None, list[Problem]]:
    if seeds is None:
        seeds_dir = find_seeds_dir(path.parent)
        seeds = SeedLibrary(seeds_dir) if seeds_dir else None
    reader = _Reader(str(path), seeds)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        reader.add("rubric", "", "文件不存在")
        return None, reader.problems
    except UnicodeDecodeError:
        reader.add("rubric", "", "文件不是 UTF-8 编码")
        return None, reader.problems
    return reader.read_text(text), reader.problems


# How problems name the plans a source may cite: seeds/ plus the plans registered in the instance.
LIBRARY_NAME = "工作要点库（seeds/ 或已登记的工作要点）"

MAX_RUBRIC_CHARS = 2_000_000
MAX_YAML_DEPTH = 40
# Characters an XML document (a workbook, a report) cannot hold, and other invisible controls.
_ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


class _Refused(yaml.YAMLError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _RubricYaml(yaml.SafeLoader):
    """PyYAML's safe loader with two limits a rubric never needs: no aliases (``*name`` would
    let a one-kilobyte file expand into billions of nodes) and no nesting deeper than
    MAX_YAML_DEPTH (a rubric is six levels deep; thousands would exhaust the stack)."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _Refused("评估细则不能使用 YAML 别名（*名称）：请把内容直接写出", self._line())
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _Refused(f"嵌套层数超过{MAX_YAML_DEPTH}层，不是有效的评估细则", self._line())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _line(self) -> int:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        return int(event.start_mark.line)


def _strings(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in parsed YAML (keys and values) with where it is."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                yield where, key
            yield from _strings(value, where)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, f"{path}[{index}]")


class _Reader:
    """Turns parsed YAML into the model, noting every problem instead of stopping."""

    def __init__(self, file: str, seeds: PlanLookup | None) -> None:
        self.file = file
        self.seeds = seeds
        self.problems: list[Problem] = []

    def add(self, where: str, field: str, message: str, blocking: bool = True) -> None:
        self.problems.append(Problem(self.file, where, field, message, blocking))

    # -- the document -------------------------------------------------------------------------

    def read_text(self, text: str) -> Rubric | None:
        if len(text) > MAX_RUBRIC_CHARS:
            self.add("rubric", "", f"文件过大（{len(text)}个字符，上限{MAX_RUBRIC_CHARS}）")
            return None
        try:
            data = yaml.load(text, Loader=_RubricYaml)  # a SafeLoader, stricter still
        except _Refused as exc:
            self.add("rubric", "", f"{exc}（第{exc.line + 1}行）")
            return None
        except yaml.reader.ReaderError as exc:
            self.add("rubric", "", f"文件第{exc.position + 1}个字符是不可见的控制字符（#x{exc.character:04x}），请删除")
            return None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            place = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
            self.add("rubric", "", f"YAML 语法错误{place}：{getattr(exc, 'problem', exc)}")
            return None
        if not isinstance(data, dict):
            self.add("rubric", "", "文件内容应是一个映射（id、title、dimensions…）")
            return None
        for path, value in _strings(data):
            if _ILLEGAL_CHARACTERS.search(value):
                self.add("rubric", path, "含有不可见的控制字符（如 \\v、\\f），请删除")
        return self.read_rubric(data)

    def read_rubric(self, data: Mapping[str, Any]) -> Rubric | None:
        where = "rubric"
        self.unknown_keys(data, _TOP_KEYS, where, "")
        rubric_id = self.text(data, "id", where)
        if rubric_id and not _RUBRIC_ID.match(rubric_id):
            self.add(where, "id", f"编号“{rubric_id}”只能用小写字母、数字和连字符")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.add(where, "version", "版本号应为正整数")
            version = 1
        title = self.text(data, "title", where)
        issuer = self.text(data, "issuer", where)
        year = data.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            self.add(where, "year", "年度应为整数，如 2024")
            year = None
        based_on = self.string_list(data.get("based_on", []), where, "based_on")
        if self.seeds is not None:
            for name in based_on:
                if name not in self.seeds:
                    self.add(where, "based_on", f"依据文件不在{LIBRARY_NAME}中：{name}")
        levels = self.read_levels(data.get("levels"))
        bonus_cap = data.get("bonus_cap", 0)
        if not is_number(bonus_cap) or bonus_cap < 0:
            self.add(where, "bonus_cap", "加分上限应为不小于0的数")
            bonus_cap = 0
        dimensions = self.read_dimensions(data.get("dimensions"))
        if dimensions is None or levels is None:
            return None
        rubric = Rubric(
            id=rubric_id or "",
            version=version,
            title=title or "",
            issuer=issuer or "",
            year=year,
            description=str(data.get("description") or ""),
            based_on=tuple(based_on),
            levels=levels,
            bonus_cap=float(bonus_cap),
            dimensions=dimensions,
        )
        self.check_whole(rubric)
        for item in rubric.items:
            if item.source and item.source.doc not in based_on and based_on:
                self.add(item.id, "source.doc", f"出处文件“{item.source.doc}”未列入 based_on")
        return None if any(p.blocking for p in self.problems) else rubric

    def read_levels(self, raw: Any) -> tuple[Level, ...] | None:
        where = "rubric"
        if not isinstance(raw, list) or not raw:
            self.add(where, "levels", "须列出等级（name 与 min_percent），由高到低")
            return None
        levels: list[Level] = []
        for i, entry in enumerate(raw):
            field = f"levels[{i}]"
            if not isinstance(entry, dict):
                self.add(where, field, "等级应写成 {name: 优秀, min_percent: 90}")
                continue
            self.unknown_keys(entry, {"name", "min_percent"}, where, field)
            name = self.text(entry, "name", where, prefix=field)
            low = entry.get("min_percent")
            if not is_number(low) or not 0 <= low <= 100:
                self.add(where, f"{field}.min_percent", "最低百分比应为0到100之间的数")
                continue
            levels.append(Level(name or "", float(low)))
        names = [lv.name for lv in levels]
        for name in sorted({n for n in names if names.count(n) > 1}):
            self.add(where, "levels", f"等级名称“{name}”重复")
        for upper, lower in pairwise(levels):
            if lower.min_percent >= upper.min_percent:
                self.add(
                    where,
                    "levels",
                    f"等级须由高到低排列：“{lower.name}”（{_fmt(lower.min_percent)}）"
                    f"不应排在“{upper.name}”（{_fmt(upper.min_percent)}）之后",
                )
        if levels and levels[-1].min_percent != 0:
            self.add(where, "levels", "最低一档等级的 min_percent 应为 0，否则低分学校没有等级")
        return tuple(levels) if levels else None

    def read_dimensions(self, raw: Any) -> tuple[Dimension, ...] | None:
        if not isinstance(raw, list) or not raw:
            self.add("rubric", "dimensions", "须至少有一个一级指标")
            return None
        dimensions: list[Dimension] = []
        for i, entry in enumerate(raw):
            place = f"dimensions[{i}]"
            heading = self.heading(entry, place, "一级指标", _DIMENSION_KEYS, at=("rubric", place))
            if heading is None:
                continue
            where, dim_id, title = heading
            raw_indicators = self.children(entry, "indicators", where, "一级指标下须至少有一个二级指标")
            indicators = [self.read_indicator(ind, f"{where}.indicators[{j}]") for j, ind in enumerate(raw_indicators)]
            dimensions.append(Dimension(dim_id or where, title or "", tuple(i for i in indicators if i is not None)))
        return tuple(dimensions)

    def heading(
        self, entry: Any, place: str, what: str, keys: set[str], at: tuple[str, str] | None = None
    ) -> tuple[str, str | None, str | None] | None:
        """What a dimension, an indicator and an item begin with: a mapping of known keys, its
        id and its title. None, with the problem noted (at ``at``, else at ``place``), when the
        entry is not a mapping."""
        if not isinstance(entry, dict):
            where, key = at or (place, "")
            self.add(where, key, f"{what}应是一个映射")
            return None
        where = str(entry.get("id") or place)
        self.unknown_keys(entry, keys, where, "")
        return where, self.identifier(entry, where), self.text(entry, "title", where)

    def children(self, entry: dict[str, Any], key: str, where: str, missing: str) -> list[Any]:
        """The non-empty list under ``key`` (indicators, items); else the problem noted and none."""
        raw = entry.get(key)
        if not isinstance(raw, list) or not raw:
            self.add(where, key, missing)
            return []
        return raw

    def read_indicator(self, entry: Any, place: str) -> Indicator | None:
        heading = self.heading(entry, place, "二级指标", _INDICATOR_KEYS)
        if heading is None:
            return None
        where, ind_id, title = heading
        raw_items = self.children(entry, "items", where, "二级指标下须至少有一个评估要点")
        items = [self.read_item(it, f"{where}.items[{k}]") for k, it in enumerate(raw_items)]
        return Indicator(ind_id or where, title or "", tuple(i for i in items if i is not None))

    # -- items --------------------------------------------------------------------------------

    def read_item(self, entry: Any, place: str) -> Item | None:
        heading = self.heading(entry, place, "评估要点", _ITEM_KEYS)
        if heading is None:
            return None
        where, item_id, title = heading
        points = entry.get("points")
        if not is_number(points) or points <= 0:
            self.add(where, "points", f"分值应为正数，现为“{points}”")
            points = 1
        scope = entry.get("scope", "school")
        if scope != "school":
            self.add(
                where,
                "scope",
                "评估要点只能是学校层面的要求（scope: school）；全市性目标（覆盖率、新建学校数）不应写成评估要点",
            )
        inputs = tuple(
            inp
            for k, raw in enumerate(self.list_of(entry.get("inputs", []), where, "inputs"))
            if (inp := self.read_input(raw, where, f"inputs[{k}]")) is not None
        )
        rule = self.read_rule(entry.get("rule"), where, "rule")
        applies_if = None
        if entry.get("applies_if") is not None:
            applies_if = self.read_rule(entry["applies_if"], where, "applies_if")
        partial = self.read_partial(entry.get("partial", "none"), where)
        bands = self.read_bands(entry.get("bands"), where, partial)
        veto = self.flag(entry, "veto", where)
        bonus = self.flag(entry, "bonus", where)
        if veto and bonus:
            self.add(where, "bonus", "一票否决项不能同时是加分项")
        if rule is not None and partial is not PartialMode.NONE:
            if isinstance(rule, IsTrue | IsFalse):
                self.add(where, "partial", "是/否判断的要点不能部分得分，请去掉 partial")
            if isinstance(rule, Deduct):
                self.add(where, "partial", "扣分制要点按扣分计分，不能再设 partial")
        if veto and partial is not PartialMode.NONE:
            self.add(where, "partial", "一票否决项须整项达标，不能部分得分")
        return Item(
            id=item_id or where,
            title=title or "",
            description=str(entry.get("description") or ""),
            points=float(points),
            rule=rule if rule is not None else IsTrue(""),
            inputs=inputs,
            source=self.read_source(entry.get("source"), where),
            applies_to=self.read_applies_to(entry.get("applies_to"), where),
            applies_if=applies_if,
            partial=partial,
            bands=bands,
            veto=veto,
            bonus=bonus,
            evidence=tuple(self.string_list(entry.get("evidence", []), where, "evidence")),
            method=str(entry.get("method") or ""),
            advice=str(entry.get("advice") or ""),
            basis=self.read_basis(entry.get("basis"), where),
        )

    def read_input(self, raw: Any, where: str, field: str) -> Input | None:
        if not isinstance(raw, dict):
            self.add(where, field, "输入项应写成 {key: ..., label: ..., type: ...}")
            return None
        self.unknown_keys(raw, _INPUT_KEYS, where, field)
        key = raw.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            self.add(where, f"{field}.key", f"输入项键名“{key}”应由小写字母、数字、下划线组成")
            return None
        field = f"inputs[{key}]"
        label = self.text(raw, "label", where, prefix=field)
        type_name = str(raw.get("type"))
        try:
            input_type = InputType(type_name)
        except ValueError:
            allowed = "、".join(t.value for t in InputType)
            self.add(where, f"{field}.type", f"未知输入类型“{type_name}”（可用：{allowed}）")
            return None
        low, high = raw.get("min"), raw.get("max")
        for name, value in (("min", low), ("max", high)):
            if value is not None and not is_number(value):
                self.add(where, f"{field}.{name}", f"{name} 应为数")
        low = float(low) if is_number(low) else None
        high = float(high) if is_number(high) else None
        if low is not None and high is not None and low > high:
            self.add(where, f"{field}.min", f"最小值 {_fmt(low)} 大于最大值 {_fmt(high)}")
        choices = tuple(self.string_list(raw.get("choices", []), where, f"{field}.choices"))
        if input_type is InputType.CHOICE and not choices:
            self.add(where, f"{field}.choices", "选择题须列出选项")
        grades = tuple(self.string_list(raw.get("grades", []), where, f"{field}.grades"))
        for grade in grades:
            if grade not in ALL_GRADES:
                self.add(where, f"{field}.grades", f"未知年级代码“{grade}”")
        if grades and input_type is not InputType.GRADES:
            self.add(where, f"{field}.grades", "只有 grades 类型的输入项可以限定年级")
        max_input = raw.get("max_input")
        if max_input is not None and not isinstance(max_input, str):
            self.add(where, f"{field}.max_input", "max_input 应为另一输入项的键名")
            max_input = None
        max_length = raw.get("max_length")
        if max_length is not None and (
            isinstance(max_length, bool) or not isinstance(max_length, int) or not 1 <= max_length <= 20000
        ):
            self.add(where, f"{field}.max_length", "max_length 应为1到20000之间的整数（字数上限）")
            max_length = None
        if max_length is not None and input_type is not InputType.TEXT:
            self.add(where, f"{field}.max_length", "只有 text 类型的输入项可以规定字数上限")
        return Input(
            key=key,
            label=label or key,
            type=input_type,
            unit=str(raw.get("unit") or ""),
            min=low,
            max=high,
            integer=self.flag(raw, "integer", where, prefix=field),
            choices=choices,
            grades=grades,
            max_input=max_input,
            help=str(raw.get("help") or ""),
            required=self.flag(raw, "required", where, prefix=field),
            max_length=max_length,
        )

    def read_rule(self, raw: Any, where: str, field: str, inner: bool = False) -> Rule | None:
        if not isinstance(raw, dict):
            self.add(where, field, "规则应写成 {kind: ..., ...}")
            return None
        kind = raw.get("kind")
        if kind is True or kind is False:
            self.add(
                where,
                f"{field}.kind",
                "YAML 把 yes/no 读成了布尔值：是/否判断请用 is_true 或 is_false",
            )
            return None
        if kind not in RULE_KINDS:
            self.add(where, f"{field}.kind", f"未知规则类型“{kind}”（可用：{'、'.join(RULE_KINDS)}）")
            return None
        required, optional = _RULE_PARAMS[kind]
        if inner:
            required = required - {"input"}
        present = set(raw) - {"kind"}
        for name in sorted(required - present):
            self.add(where, f"{field}.{name}", f"{kind} 规则缺少参数 {name}")
        for name in sorted(present - required - optional):
            if inner and name == "input":
                self.add(where, f"{field}.input", "each 的内层规则不写 input：它作用于每个年级")
            else:
                self.add(where, f"{field}.{name}", f"{kind} 规则没有参数 {name}")
        if required - present:
            return None

        def number(name: str) -> float:
            value = raw.get(name)
            if not is_number(value):
                self.add(where, f"{field}.{name}", f"{name} 应为数，现为“{value}”")
                return 0.0
            return float(value)

        def key(name: str) -> str:
            value = raw.get(name, "")
            if not isinstance(value, str) or not value:
                self.add(where, f"{field}.{name}", f"{name} 应为输入项键名")
                return ""
            return value

        input_key = "" if inner else key("input") if "input" in required else ""
        match kind:
            case "at_least":
                return AtLeast(input_key, number("value"))
            case "at_most":
                return AtMost(input_key, number("value"))
            case "between":
                low, high = number("min"), number("max")
                if low > high:
                    self.add(where, f"{field}.min", f"区间下限 {_fmt(low)} 大于上限 {_fmt(high)}")
                return Between(input_key, low, high)
            case "ratio_at_least":
                return RatioAtLeast(key("numerator"), key("denominator"), number("value"))  # > 1: check_ratios
            case "is_true":
                return IsTrue(input_key)
            case "is_false":
                return IsFalse(input_key)
            case "deduct":
                per, cap = number("per"), number("cap")
                if per <= 0:
                    self.add(where, f"{field}.per", "每次扣分应为正数")
                if cap <= 0:
                    self.add(where, f"{field}.cap", "扣分上限应为正数")
                return Deduct(input_key, per, cap)
            case "each":
                if inner:
                    self.add(where, field, "each 不能嵌套在 each 中")
                    return None
                inner_raw = raw.get("rule")
                inner_rule = self.read_rule(inner_raw, where, f"{field}.rule", inner=True)
                if inner_rule is None:
                    return None
                if not isinstance(inner_rule, AtLeast | AtMost | Between):
                    self.add(
                        where,
                        f"{field}.rule.kind",
                        f"each 的内层规则只能是 {'、'.join(_GRADE_RULE_KINDS)}",
                    )
                    return None
                return Each(input_key, inner_rule)
            case _:  # all / any
                rules_raw = raw.get("rules")
                if not isinstance(rules_raw, list) or not rules_raw:
                    self.add(where, f"{field}.rules", f"{kind} 须列出至少一条内层规则")
                    return None
                rules = tuple(
                    r
                    for i, sub in enumerate(rules_raw)
                    if (r := self.read_rule(sub, where, f"{field}.rules[{i}]")) is not None
                )
                if len(rules) != len(rules_raw):
                    return None
                return AllOf(rules) if kind == "all" else AnyOf(rules)

    def read_partial(self, raw: Any, where: str) -> PartialMode:
        try:
            return PartialMode(raw)
        except ValueError:
            self.add(where, "partial", f"未知部分得分方式“{raw}”（可用：none、proportional、bands）")
            return PartialMode.NONE

    def read_bands(self, raw: Any, where: str, partial: PartialMode) -> tuple[Band, ...]:
        if raw is None:
            return DEFAULT_BANDS
        if partial is not PartialMode.BANDS:
            self.add(where, "bands", "只有 partial: bands 时才写 bands")
        if not isinstance(raw, list) or not raw:
            self.add(where, "bands", "bands 应列出档次，如 [{attainment: 0.8, credit: 0.8}]")
            return DEFAULT_BANDS
        bands: list[Band] = []
        for i, entry in enumerate(raw):
            field = f"bands[{i}]"
            if not isinstance(entry, dict) or set(entry) != {"attainment", "credit"}:
                self.add(where, field, "每档写成 {attainment: 达成度, credit: 得分比例}")
                continue
            att, credit = entry["attainment"], entry["credit"]
            if not (is_number(att) and 0 < att < 1 and is_number(credit) and 0 < credit < 1):
                self.add(where, field, "达成度和得分比例都应在0与1之间（不含0和1）")
                continue
            bands.append(Band(float(att), float(credit)))
        for upper, lower in pairwise(bands):
            if not (lower.attainment < upper.attainment and lower.credit <= upper.credit):
                self.add(where, "bands", "档次须按达成度由高到低排列，得分比例不升")
        return tuple(bands) or DEFAULT_BANDS

    def read_source(self, raw: Any, where: str) -> Source | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.add(where, "source", "出处应写成 {doc: 文件名, clause: 条目号, quote: 原文}")
            return None
        self.unknown_keys(raw, _SOURCE_KEYS, where, "source")
        doc = self.text(raw, "doc", where, prefix="source")
        clause = raw.get("clause")
        if isinstance(clause, int) and not isinstance(clause, bool):
            clause = str(clause)
        if not isinstance(clause, str) or not clause.strip():
            self.add(where, "source.clause", '须写明条目，如 "14"、"二、（三）" 或 "正文"')
            clause = ""
        quote = self.text(raw, "quote", where, prefix="source")
        if doc and quote and self.seeds is not None:
            document = self.seeds.get(doc)
            if document is None:
                self.add(where, "source.doc", f"出处文件不在{LIBRARY_NAME}中：{doc}")
            else:
                self.check_quote(document, doc, clause, quote, where)
        return Source(doc or "", clause, quote or "")

    def check_quote(self, document: PlanText, doc: str, clause: str, quote: str, where: str) -> None:
        """The quote is in the plan's text character for character, inside the clause named.
        The clause (a number, a path such as 二、（二）, or 正文) is checked where the plan knows
        its outline (``has_clause``, ``clause_contains``, ``clause_of``)."""
        title = str(getattr(document, "title", "") or doc)
        positions = _positions(document.text, quote)
        if not positions:
            self.add(where, "source.quote", f"引文在《{title}》中找不到（须逐字一致）：{quote}")
            return
        contains = getattr(document, "clause_contains", None)
        has_clause = getattr(document, "has_clause", None)
        clause_of = getattr(document, "clause_of", None)
        if not clause or contains is None or has_clause is None or clause_of is None:
            return
        if not has_clause(clause):
            self.add(where, "source.clause", f"《{title}》中没有{cite(clause)}")
        elif not any(contains(clause, p) for p in positions):
            at = "、".join(dict.fromkeys(cite(f) if f else "正文" for f in map(clause_of, positions)))
            self.add(where, "source.clause", f"引文位于{at}，而不是{cite(clause)}")

    def read_basis(self, raw: Any, where: str) -> Basis | None:
        if raw is None:
            return None
        kinds = "、".join(k.value for k in BasisKind)
        if not isinstance(raw, dict):
            self.add(where, "basis", f"依据应写成 {{kind: {kinds} 之一, note: 说明}}")
            return None
        self.unknown_keys(raw, _BASIS_KEYS, where, "basis")
        kind = raw.get("kind")
        try:
            basis_kind = BasisKind(str(kind))
        except ValueError:
            self.add(where, "basis.kind", f"未知依据类型“{kind}”（可用：{kinds}）")
            return None
        note = raw.get("note")
        if not isinstance(note, str) or not note.strip():
            self.add(where, "basis.note", "依据须写明说明（note）：所依据的文件、通行做法或教育局的决定")
            return None
        return Basis(basis_kind, note.strip())

    def read_applies_to(self, raw: Any, where: str) -> Applicability:
        if raw is None:
            return Applicability()
        if not isinstance(raw, dict):
            self.add(where, "applies_to", "适用范围应写成 {stages: [...], public: true, ...}")
            return Applicability()
        self.unknown_keys(raw, _APPLIES_KEYS, where, "applies_to")
        stages = tuple(self.string_list(raw.get("stages", []), where, "applies_to.stages"))
        for stage in stages:
            if stage not in STAGE_NAMES:
                self.add(where, "applies_to.stages", f"未知学段“{stage}”（可用：{'、'.join(STAGE_NAMES)}）")
        flags: dict[str, bool | None] = {}
        for name in ("public", "boarding", "has_canteen"):
            value = raw.get(name)
            if value is not None and not isinstance(value, bool):
                self.add(where, f"applies_to.{name}", "应为 true 或 false")
                value = None
            flags[name] = value
        return Applicability(stages=stages, **flags)

    # -- checks over the whole rubric ---------------------------------------------------------

    def check_whole(self, rubric: Rubric) -> None:
        seen: dict[str, str] = {}
        for dimension in rubric.dimensions:
            self.unique_id(dimension.id, "一级指标", seen)
            for indicator in dimension.indicators:
                self.unique_id(indicator.id, "二级指标", seen)
                for item in indicator.items:
                    self.unique_id(item.id, "评估要点", seen)
        declared: dict[str, Input] = {}
        owners: dict[str, str] = {}
        for item in rubric.items:
            for inp in item.inputs:
                if inp.key in declared:
                    self.add(
                        item.id,
                        f"inputs[{inp.key}]",
                        f"输入项键名与 {owners[inp.key]} 重复：同一数据只问一次",
                    )
                else:
                    declared[inp.key] = inp
                    owners[inp.key] = item.id
        for item in rubric.items:
            self.check_rule_inputs(item.id, "rule", item.rule, declared)
            if item.applies_if is not None:
                self.check_rule_inputs(item.id, "applies_if", item.applies_if, declared)
            for inp in item.inputs:
                if inp.max_input is None:
                    continue
                other = declared.get(inp.max_input)
                field = f"inputs[{inp.key}].max_input"
                if other is None:
                    self.add(item.id, field, f"引用了未声明的输入项“{inp.max_input}”")
                elif inp.type is not InputType.NUMBER or other.type is not InputType.NUMBER:
                    self.add(item.id, field, "只有数值输入项之间可以比较大小")
        if not any(not item.bonus for item in rubric.items):
            self.add("rubric", "dimensions", "至少要有一个非加分的评估要点")
        for item in rubric.items:
            self.check_ratios(item, declared)
            self.check_numbers(item, declared)

    def check_ratios(self, item: Item, declared: Mapping[str, Input]) -> None:
        """A ratio is written as a fraction (15% is 0.15). Above 1 it is a multiple of a level
        ("达到当地社会平均工资的一点五倍以上" → 1.5): only where the quote says 倍 and the numerator
        may exceed the denominator (a share capped by its whole never passes 1)."""
        for sub in walk_rule(item.rule):
            if not isinstance(sub, RatioAtLeast) or sub.value <= 1:
                continue
            numerator = declared.get(sub.numerator)
            capped = numerator is not None and numerator.max_input == sub.denominator
            if capped or "倍" not in (item.source.quote if item.source else ""):
                self.add(item.id, "rule.value", f"比例应写成小数（15% 写 0.15），现为 {_fmt(sub.value)}")

    def check_numbers(self, item: Item, declared: Mapping[str, Input]) -> None:
        """Every number of the rule is in the quote (in any written form), is trivial, or the
        item declares where it comes from (basis). See checklist.provenance."""
        for number in unsourced_numbers(item, declared):
            percent = f"（即{_fmt(number.value * 100)}%）" if number.role is Role.FRACTION else ""
            where_from = "在引文中找不到" if item.source else "没有出处引文可查"
            message = f"数值“{_fmt(number.value)}”{percent}{where_from}，也没有注明依据（basis）"
            self.add(item.id, number.field, message, blocking=False)

    def check_rule_inputs(self, where: str, field: str, rule: Rule, declared: Mapping[str, Input]) -> None:
        for sub in walk_rule(rule):
            for key in own_inputs(sub):
                if not key:
                    continue
                inp = declared.get(key)
                if inp is None:
                    self.add(where, f"{field}.{_param_of(sub, key)}", f"规则引用了未声明的输入项“{key}”")
                    continue
                wanted = _wanted_type(sub)
                if inp.type is not wanted:
                    self.add(
                        where,
                        f"{field}.{_param_of(sub, key)}",
                        f"{sub.kind} 规则需要 {wanted.value} 类型的输入，“{key}”是 {inp.type.value}",
                    )

    def unique_id(self, ident: str, what: str, seen: dict[str, str]) -> None:
        if ident in seen:
            self.add(ident, "id", f"编号重复：{what}“{ident}”与另一个{seen[ident]}同号")
        else:
            seen[ident] = what

    # -- small readers ------------------------------------------------------------------------

    def unknown_keys(self, raw: Mapping[str, Any], allowed: set[str], where: str, field: str) -> None:
        for name in raw:
            if name not in allowed:
                path = f"{field}.{name}" if field else str(name)
                self.add(where, path, f"未知字段“{name}”（可用：{'、'.join(sorted(allowed))}）")

    def identifier(self, raw: Mapping[str, Any], where: str) -> str | None:
        value = raw.get("id")
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not _ID.match(value):
            self.add(where, "id", f"编号“{value}”无效：须以字母或数字开头，只含字母、数字、点、连字符")
            return None
        return value

    def text(self, raw: Mapping[str, Any], name: str, where: str, prefix: str = "") -> str | None:
        value = raw.get(name)
        field = f"{prefix}.{name}" if prefix else name
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.add(where, field, "不能为空")
            return None
        return value

    def flag(self, raw: Mapping[str, Any], name: str, where: str, prefix: str = "") -> bool:
        value = raw.get(name, False)
        if not isinstance(value, bool):
            self.add(where, f"{prefix}.{name}" if prefix else name, "应为 true 或 false")
            return False
        return value

    def list_of(self, raw: Any, where: str, field: str) -> list[Any]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.add(where, field, "应为列表")
            return []
        return raw

    def string_list(self, raw: Any, where: str, field: str) -> list[str]:
        values = self.list_of(raw, where, field)
        result: list[str] = []
        for value in values:
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                result.append(str(value))
            else:
                self.add(where, field, f"列表项“{value}”应为文字")
        return result


def _positions(text: str, quote: str) -> list[int]:
    """Every position where the quote starts in the text."""
    positions: list[int] = []
    start = text.find(quote)
    while start >= 0 and quote:
        positions.append(start)
        start = text.find(quote, start + 1)
    return positions


def _wanted_type(rule: Rule) -> InputType:
    if isinstance(rule, IsTrue | IsFalse):
        return InputType.BOOLEAN
    if isinstance(rule, Each):
        return InputType.GRADES
    return InputType.NUMBER


def _param_of(rule: Rule, key: str) -> str:
    if isinstance(rule, RatioAtLeast):
        return "numerator" if rule.numerator == key else "denominator"
    return "input"


def _fmt(value: float) -> str:
    return f"{round(value, 6):g}"


def rubric_files(directory: Path) -> list[Path]:
    """The rubric files in a folder (config/rubrics/*.yaml), in name order."""
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())
