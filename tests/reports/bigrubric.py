"""A 234-item rubric for the report tests: a shipped 78-item rubric with every indicator's items
three times over (ids, input keys and rules renamed per copy), so that a report of the size a
province's full rubric reaches can be rendered and looked at."""

from __future__ import annotations

import dataclasses
from typing import Any

from checklist.model import Dimension, Indicator, Input, Item, Rubric, Rule


def _renamed_rule(rule: Any, suffix: str) -> Any:
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(rule):
        value = getattr(rule, field.name)
        if field.name in ("input", "numerator", "denominator") and isinstance(value, str):
            changes[field.name] = value + suffix
        elif field.name == "rules":
            changes["rules"] = tuple(_renamed_rule(r, suffix) for r in value)
        elif field.name == "rule" and dataclasses.is_dataclass(value):
            changes["rule"] = _renamed_rule(value, suffix)
    return dataclasses.replace(rule, **changes) if changes else rule


def _renamed_input(inp: Input, suffix: str) -> Input:
    return dataclasses.replace(inp, key=inp.key + suffix, max_input=(inp.max_input + suffix) if inp.max_input else None)


def _copy(item: Item, copy: int, number: int, indicator_id: str) -> Item:
    suffix = "" if copy == 0 else f"__{copy}"
    rule: Rule = _renamed_rule(item.rule, suffix)
    return dataclasses.replace(
        item,
        id=f"{indicator_id}.{number}",
        title=item.title if copy == 0 else f"{item.title}（{['', '二', '三'][copy]}）",
        rule=rule,
        applies_if=_renamed_rule(item.applies_if, suffix) if item.applies_if is not None else None,
        inputs=tuple(_renamed_input(i, suffix) for i in item.inputs),
    )


def tripled(rubric: Rubric) -> Rubric:
    """The rubric with each indicator's items three times over: 3 × as many items."""
    dimensions = []
    for dimension in rubric.dimensions:
        indicators = []
        for indicator in dimension.indicators:
            items = []
            for copy in range(3):
                for item in indicator.items:
                    items.append(_copy(item, copy, len(items) + 1, indicator.id))
            indicators.append(Indicator(indicator.id, indicator.title, tuple(items)))
        dimensions.append(Dimension(dimension.id, dimension.title, tuple(indicators)))
    return dataclasses.replace(rubric, id=rubric.id + "-x3", dimensions=tuple(dimensions))
