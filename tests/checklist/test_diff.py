"""rubric diff: the same requirement with different thresholds, and what only one rubric has."""

from __future__ import annotations

from pathlib import Path

import yaml

from checklist.diff import describe_rule, diff_rubrics
from checklist.loader import load_rubric_text
from checklist.seeds import SeedLibrary
from tests.conftest import SEEDS

SAMPLE_TEXT = (Path(__file__).parent / "fixtures" / "sample_rubric.yaml").read_text(encoding="utf-8")


def _variant(change) -> object:
    data = yaml.safe_load(SAMPLE_TEXT)
    change(data)
    rubric, problems = load_rubric_text(yaml.safe_dump(data, allow_unicode=True), "b.yaml", SeedLibrary(SEEDS))
    assert not problems, problems
    return rubric


def _items(data: dict) -> dict:
    return {i["id"]: i for d in data["dimensions"] for ind in d["indicators"] for i in ind["items"]}


def test_threshold_changes_and_items_only_one_side_has() -> None:
    a = _variant(lambda d: None)

    def change(d: dict) -> None:
        d["id"] = "other-2024"
        items = _items(d)
        items["B1.1"]["rule"]["value"] = 0.15
        items["B1.1"]["id"] = "E9.9"  # a different id: paired by the inputs it reads
        items["A1.1"]["rule"]["value"] = 120
        for key in ("B1.1", "A1.1"):  # a threshold the quote does not state says where it comes from
            items[key]["basis"] = {"kind": "bureau_decision", "note": "另一教育局的口径"}
        d["dimensions"][2]["indicators"][0]["items"] = d["dimensions"][2]["indicators"][0]["items"][:1]

    b = _variant(change)
    result = diff_rubrics(a, b)
    changed = {c.a.id: c for c in result.threshold_changes}
    assert set(changed) == {"A1.1", "B1.1"}
    assert changed["B1.1"].b.id == "E9.9"
    assert changed["B1.1"].requirement_a == "交流教师/符合交流条件教师≥10%"
    assert changed["B1.1"].requirement_b == "交流教师/符合交流条件教师≥15%"
    assert changed["A1.1"].requirement_b == "每日校内体育活动时长≥120分钟"
    assert {i.id for i in result.only_a} == {"C1.2", "C1.3", "C1.4"}
    assert result.only_b == ()
    assert len(result.unchanged) == len(a.items) - 2 - 3


def test_identical_rubrics_have_no_differences() -> None:
    a = _variant(lambda d: None)
    result = diff_rubrics(a, a)
    assert result.changed == () and result.only_a == () and result.only_b == ()


def test_points_and_veto_changes_are_reported_too() -> None:
    a = _variant(lambda d: None)
    b = _variant(lambda d: _items(d)["C1.1"].update(points=8))
    [change] = diff_rubrics(a, b).changed
    assert change.a.id == "C1.1" and change.differences == ("points",)


def test_describe_rule_in_words() -> None:
    a = _variant(lambda d: None)
    assert describe_rule(a.item("A1.2").rule, a.inputs) == "集体研学实践活动次数每个年级1—2次"
    assert describe_rule(a.item("B2.2").rule, a.inputs) == "师德违规事件每起扣2分，最多扣4分"
    assert describe_rule(a.item("B2.1").rule, a.inputs) == "是否发现在职教师违规有偿补课：否"
