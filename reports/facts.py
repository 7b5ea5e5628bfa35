"""学校基本情况: the school's facts, from its profile and the rubric's inputs that are basic facts.

Which inputs are basic facts (班级数, 在校学生数, 专任教师数 …) is data, in
``config/basic_facts.yaml``: shared input keys, each with the label the report prints. A
rubric declares inputs by key; the report lists those of the table that the rubric asks, with
the school's answers, after the facts of its profile (学段, 办学性质, 寄宿, 食堂).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checklist.model import STAGE_NAMES, Input, SchoolProfile
from reports.model import Fact, SchoolSummary

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "config" / "basic_facts.yaml"


@dataclass(frozen=True)
class BasicFact:
    """A shared input key that counts as a basic fact, with the label the report prints."""

    key: str
    label: str
    headline: bool = False  # every 学校基本情况表 has it (班级数, 学生数, 教职工数)


def parse_basic_facts(data: Any, name: str = "basic_facts.yaml") -> tuple[BasicFact, ...]:
    """The table from parsed YAML; raises ValueError naming the row at fault."""
    rows = data.get("facts") if isinstance(data, Mapping) else None
    if not isinstance(rows, list):
        raise ValueError(f"{name}：应有 facts 列表")
    facts: list[BasicFact] = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping) or not isinstance(row.get("key"), str) or not isinstance(row.get("label"), str):
            raise ValueError(f"{name}：第{number}行应有 key 与 label")
        facts.append(BasicFact(str(row["key"]), str(row["label"]), bool(row.get("headline", False))))
    keys = [f.key for f in facts]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{name}：key 重复")
    return tuple(facts)


def load_basic_facts(path: Path = DEFAULT_PATH) -> tuple[BasicFact, ...]:
    with path.open(encoding="utf-8") as fh:
        return parse_basic_facts(yaml.safe_load(fh), path.name)


@functools.cache
def default_basic_facts() -> tuple[BasicFact, ...]:
    """The project's ``config/basic_facts.yaml``, or no input facts when it is not there."""
    return load_basic_facts() if DEFAULT_PATH.is_file() else ()


def school_facts(
    school: SchoolSummary,
    profile: SchoolProfile | None,
    inputs: Mapping[str, Input],
    answers: Mapping[str, Any] | None,
    table: Sequence[BasicFact],
) -> tuple[tuple[Fact, ...], str]:
    """The lines of 学校基本情况 and a note on the headline facts the rubric does not ask."""
    facts = [Fact("学校名称", school.name)]
    if school.code:
        facts.append(Fact("学校代码", school.code))
    if school.district:
        facts.append(Fact("所属区县", school.district))
    if profile is not None:
        facts.append(Fact("学段", "、".join(STAGE_NAMES.get(s, s) for s in profile.stages)))
        facts.append(Fact("办学性质", "公办" if profile.public else "民办"))
        facts.append(Fact("寄宿情况", "寄宿制" if profile.boarding else "非寄宿制（走读）"))
        facts.append(Fact("学校食堂", "有" if profile.has_canteen else "无"))
    elif school.profile:
        facts.append(Fact("学校类型", school.profile))
    for key, label in (("principal", "校长"), ("address", "学校地址"), ("contact", "联系电话")):
        value = getattr(school, key)
        if value:
            facts.append(Fact(label, value))
    missing_headline: list[str] = []
    for fact in table:
        inp = inputs.get(fact.key)
        if inp is None:
            if fact.headline:
                missing_headline.append(fact.label)
            continue
        value = _figure(answers.get(fact.key) if answers else None, inp.unit)
        if value:  # not asked of this school (its item does not apply) or not given yet: no line
            facts.append(Fact(fact.label, value))
    note = f"本评估细则未采集{'、'.join(missing_headline)}。" if missing_headline else ""
    return tuple(facts), note


def _figure(value: Any, unit: str) -> str:
    from checklist.scoring import format_number

    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f"{format_number(float(value))}{unit}"
