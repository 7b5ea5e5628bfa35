"""Fixed phrases that carry an implied number (一校一品 ≥ 1, “1530”, 应助尽助 = 100%).

The lexicon is data, kept in ``config/lexicon.yaml`` so that a bureau can extend it without
touching code. Each entry names a phrase (or a regular expression) and one or more readings;
an entry may give other readings for a region where the phrase means something else there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

KINDS = (
    "duration",
    "frequency",
    "ratio",
    "count",
    "coverage",
    "deadline",
    "existence",
    "prohibition",
)
COMPARATORS = ("at_least", "at_most", "between", "equal")
PERIODS = ("天", "周", "月", "学期", "学年", "年")
SCOPES = ("school", "region", "unclear")

# The words a person reads for each kind, scope and modality (the CLI table, the review page).
KIND_NAMES = {
    "duration": "时长",
    "frequency": "频次",
    "ratio": "比例",
    "count": "数量",
    "coverage": "覆盖",
    "deadline": "时限",
    "existence": "须有",
    "prohibition": "禁止",
}
SCOPE_NAMES = {"school": "学校", "region": "区域", "unclear": "待定"}
MODALITY_NAMES = {"must": "必须", "encouraged": "鼓励", "prohibited": "禁止"}

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "lexicon.yaml"


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message says where, in Chinese."""


@dataclass(frozen=True)
class Reading:
    """One requirement a phrase implies."""

    kind: str
    subject: str
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class Entry:
    """A phrase and what it implies."""

    phrase: str
    pattern: re.Pattern[str]
    readings: tuple[Reading, ...]
    scope: str | None = None  # the level the phrase itself fixes; None: the words around it decide
    regions: Mapping[str, tuple[Reading, ...]] = field(default_factory=dict)
    note: str = ""
    ignore: bool = False  # a slogan: mask its digits, yield nothing
    scope_reason: str = ""

    def readings_for(self, region: str | None) -> tuple[Reading, ...]:
        """The readings for a plan of this region; a slogan (ignore) has none unless the region
        defines it."""
        if region:
            for name, readings in self.regions.items():
                if name == region or name in region or region in name:
                    return readings
        return () if self.ignore else self.readings


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        return tuple(e.phrase for e in self.entries)


def _nfkc(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_lexicon(data: Any, name: str = "lexicon.yaml") -> Lexicon:
    """Build a lexicon from parsed YAML (``{phrases: [...]}``); LexiconError on bad entries."""
    if not isinstance(data, dict) or not isinstance(data.get("phrases"), list):
        raise LexiconError(f"{name}：应有 phrases 列表")
    entries: list[Entry] = []
    for i, raw in enumerate(data["phrases"]):
        where = f"{name}：phrases[{i}]"
        if not isinstance(raw, dict):
            raise LexiconError(f"{where} 应是一个映射")
        phrase = raw.get("phrase")
        if not isinstance(phrase, str | int) or not str(phrase).strip():
            raise LexiconError(f"{where} 缺少 phrase")
        phrase = _nfkc(str(phrase))
        source = raw.get("pattern") or re.escape(phrase)
        try:
            pattern = re.compile(_nfkc(str(source)) if raw.get("pattern") else source)
        except re.error as exc:
            raise LexiconError(f"{where} 的 pattern 不是有效的正则表达式：{exc}") from exc
        ignore = raw.get("ignore", False)
        if not isinstance(ignore, bool):
            raise LexiconError(f"{where} 的 ignore 应为 true 或 false")
        readings = (
            ()
            if ignore and "kind" not in raw and "readings" not in raw
            else _readings(raw, where, phrase)
        )
        scope = raw.get("scope")
        if scope is not None and scope not in SCOPES:
            raise LexiconError(f"{where} 的 scope 只能是 {'、'.join(SCOPES)}")
        regions: dict[str, tuple[Reading, ...]] = {}
        for region, override in (raw.get("regions") or {}).items():
            if not isinstance(override, dict):
                raise LexiconError(f"{where} 的 regions.{region} 应是一个映射")
            regions[str(region)] = _readings(override, f"{where} regions.{region}", phrase)
        entries.append(Entry(phrase, pattern, readings, scope, regions, str(raw.get("note") or "")))
    # Longer phrases first: 超大班额 before 大班额, 一校多品 before 一校.
    entries.sort(key=lambda e: -len(e.phrase))
    return Lexicon(tuple(entries))


def _readings(raw: Mapping[str, Any], where: str, phrase: str) -> tuple[Reading, ...]:
    items = raw.get("readings")
    if items is None:
        items = [raw]
    if not isinstance(items, list) or not items:
        raise LexiconError(f"{where} 的 readings 应是非空列表")
    readings: list[Reading] = []
    for j, item in enumerate(items):
        at = f"{where} readings[{j}]" if "readings" in raw else where
        if not isinstance(item, dict):
            raise LexiconError(f"{at} 应是一个映射")
        kind = item.get("kind")
        if kind not in KINDS:
            raise LexiconError(f"{at} 的 kind 应为 {'、'.join(KINDS)} 之一，现为“{kind}”")
        comparator = item.get("comparator")
        if comparator is not None and comparator not in COMPARATORS:
            raise LexiconError(f"{at} 的 comparator 应为 {'、'.join(COMPARATORS)} 之一")
        period = item.get("period")
        if period is not None and period not in PERIODS:
            raise LexiconError(f"{at} 的 period 应为 {'、'.join(PERIODS)} 之一")
        numbers: dict[str, float | None] = {}
        for key in ("value", "value_max"):
            value = item.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise LexiconError(f"{at} 的 {key} 应为数")
            numbers[key] = float(value) if value is not None else None
        if comparator == "between" and numbers["value_max"] is None:
            raise LexiconError(f"{at}：between 须给出 value_max")
        readings.append(
            Reading(
                kind=str(kind),
                subject=str(item.get("subject") or phrase),
                comparator=comparator,
                value=numbers["value"],
                value_max=numbers["value_max"],
                unit=str(item["unit"]) if item.get("unit") is not None else None,
                period=period,
            )
        )
    return tuple(readings)


def load_lexicon(path: Path | str) -> Lexicon:
    """Read a lexicon YAML file; LexiconError (in Chinese) when it is missing or malformed."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LexiconError(f"词表文件不存在：{path}") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"词表文件 YAML 语法错误：{path}：{exc}") from exc
    return parse_lexicon(data, path.name)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The project's ``config/lexicon.yaml``, or an empty lexicon when it is not there."""
    if DEFAULT_PATH.is_file():
        return load_lexicon(DEFAULT_PATH)
    return Lexicon()
