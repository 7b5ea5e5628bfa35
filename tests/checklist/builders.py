"""Small rubrics built in Python for the engine and explanation tests: one dimension, one
indicator, the items a test names, and a fixed set of inputs with labels and units."""

from __future__ import annotations

import dataclasses
from typing import Any

from checklist.model import Dimension, Indicator, Input, InputType, Item, Level, Rubric, Rule


def item(item_id: str, rule: Rule, points: float = 10, **extra: Any) -> Item:
    return Item(id=item_id, title=item_id, points=points, rule=rule, **extra)


INPUTS = (
    Input("x", "每日体育活动", InputType.NUMBER, unit="分钟"),
    Input("n", "交流教师", InputType.NUMBER, unit="人"),
    Input("d", "符合条件教师", InputType.NUMBER, unit="人"),
    Input("b", "明厨亮灶", InputType.BOOLEAN),
    Input("g", "研学", InputType.GRADES, unit="次", grades=("P4", "P5", "J1")),
    Input("c", "违规", InputType.NUMBER, unit="起"),
)


def rubric_of(*items: Item, bonus_cap: float = 0) -> Rubric:
    """One dimension, one indicator, these items; the first one declares the inputs."""
    first = dataclasses.replace(items[0], inputs=INPUTS)
    return Rubric(
        id="engine",
        version=1,
        title="引擎",
        issuer="测试",
        levels=(Level("优秀", 90), Level("良好", 80), Level("合格", 60), Level("不合格", 0)),
        dimensions=(Dimension("D", "维度", (Indicator("D1", "指标", (first, *items[1:])),)),),
        bonus_cap=bonus_cap,
    )
