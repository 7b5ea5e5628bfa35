"""Loading rubric YAML: a sound file loads; a broken one lists every problem with its place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checklist.loader import RubricError, check_rubric, load_rubric, load_rubric_text
from checklist.model import AtLeast, Each, InputType, PartialMode, RatioAtLeast
from checklist.seeds import SeedLibrary
from tests.conftest import ROOT, SEEDS

SAMPLE = Path(__file__).parent / "fixtures" / "sample_rubric.yaml"


@pytest.fixture(scope="module")
def seeds() -> SeedLibrary:
    return SeedLibrary(SEEDS)


@pytest.fixture
def sample() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def problems_of(data: dict, seeds: SeedLibrary) -> list[str]:
    _, problems = load_rubric_text(yaml.safe_dump(data, allow_unicode=True), "t.yaml", seeds)
    return [f"{p.where} {p.field}: {p.message}" for p in problems]


def first_item(data: dict) -> dict:
    return data["dimensions"][0]["indicators"][0]["items"][0]


def test_the_sample_rubric_loads_into_the_model(seeds: SeedLibrary) -> None:
    rubric = load_rubric(SAMPLE, seeds)
    assert rubric.id == "sample-2024" and rubric.version == 1
    assert [d.id for d in rubric.dimensions] == ["A", "B", "C", "D"]
    item = rubric.item("A1.1")
    assert isinstance(item.rule, AtLeast) and item.rule.value == 60
    assert item.partial is PartialMode.PROPORTIONAL
    assert item.applies_to.stages == ("primary", "junior", "senior")
    assert item.source is not None and item.source.clause == "14"
    trips = rubric.item("A1.2")
    assert isinstance(trips.rule, Each)
    assert rubric.inputs["study_trips"].type is InputType.GRADES
    assert rubric.inputs["study_trips"].grades == ("P4", "P5", "J1", "J2", "J3", "S1", "S2")
    assert isinstance(rubric.item("B1.2").rule, RatioAtLeast)
    assert rubric.input_owner["exchange_teachers"] == "B1.1"
    assert rubric.place_of("B1.2")[1].id == "B1"
    assert rubric.bonus_cap == 3


def test_the_model_is_frozen(seeds: SeedLibrary) -> None:
    rubric = load_rubric(SAMPLE, seeds)
    with pytest.raises(AttributeError):
        rubric.item("A1.1").points = 99  # type: ignore[misc]


def test_a_sound_file_has_no_problems(seeds: SeedLibrary) -> None:
    assert check_rubric(SAMPLE, seeds) == []


def test_every_problem_is_reported_at_once_with_its_place(sample: dict, seeds: SeedLibrary) -> None:
    items = sample["dimensions"][0]["indicators"][0]["items"]
    items[1]["id"] = "A1.1"  # duplicate id
    items[0]["rule"]["input"] = "pe_minute"  # undeclared input
    items[0]["points"] = 0  # not positive
    sample["dimensions"][1]["indicators"][0]["items"][0]["rule"]["kind"] = "ratio_atleast"
    sample["dimensions"][2]["indicators"][0]["items"][0]["source"]["doc"] = "nope.txt"
    sample["dimensions"][1]["indicators"][0]["items"][1]["source"]["quote"] = "骨干教师不低于交流教师总数的30%"
    sample["levels"][1]["min_percent"] = 95  # out of order
    found = problems_of(sample, seeds)
    wanted = [
        ("A1.1 id", "编号重复"),
        ("A1.1 rule.input", "未声明的输入项“pe_minute”"),
        ("A1.1 points", "分值应为正数"),
        ("B1.1 rule.kind", "未知规则类型“ratio_atleast”"),
        ("C1.1 source.doc", "不在 seeds/ 中"),
        ("B1.2 source.quote", "找不到"),
        ("rubric levels", "由高到低"),
    ]
    for place, words in wanted:
        assert any(p.startswith(place) and words in p for p in found), (place, words, found)


def test_a_quote_must_sit_in_the_clause_it_names(sample: dict, seeds: SeedLibrary) -> None:
    first_item(sample)["source"]["clause"] = "13"
    found = problems_of(sample, seeds)
    assert any("A1.1 source.clause" in p and "位于第14条" in p for p in found), found


def test_a_quote_is_matched_character_for_character(sample: dict, seeds: SeedLibrary) -> None:
    item = sample["dimensions"][0]["indicators"][0]["items"][1]
    item["source"]["quote"] = item["source"]["quote"].replace("1 — 2", "1—2")  # tidied: no longer exact
    found = problems_of(sample, seeds)
    assert any("A1.2 source.quote" in p for p in found), found


@pytest.mark.parametrize(
    ("change", "place", "words"),
    [
        (lambda d: first_item(d).update(rule={"kind": True, "input": "x"}), "A1.1 rule.kind", "YAML"),
        (
            lambda d: first_item(d).update(rule={"kind": "at_least", "input": "pe_minutes_daily"}),
            "A1.1 rule.value",
            "缺少参数 value",
        ),
        (
            lambda d: first_item(d).update(
                rule={"kind": "at_least", "input": "pe_minutes_daily", "value": 60, "max": 3}
            ),
            "A1.1 rule.max",
            "没有参数 max",
        ),
        (
            lambda d: first_item(d).update(rule={"kind": "is_true", "input": "pe_minutes_daily"}),
            "A1.1 rule.input",
            "需要 boolean 类型",
        ),
        (lambda d: first_item(d).update(partial="some"), "A1.1 partial", "未知部分得分方式"),
        (lambda d: first_item(d).update(veto=True), "A1.1 partial", "一票否决项"),
        (lambda d: first_item(d).update(scope="region"), "A1.1 scope", "学校层面"),
        (lambda d: first_item(d).update(applies_to={"stages": ["college"]}), "A1.1 applies_to.stages", "未知学段"),
        (lambda d: first_item(d).update(colour="red"), "A1.1 colour", "未知字段"),
        (
            lambda d: first_item(d)["inputs"][0].update(type="integer"),
            "A1.1 inputs[pe_minutes_daily].type",
            "未知输入类型",
        ),
        (lambda d: first_item(d)["inputs"][0].update(min=10, max=5), "A1.1 inputs[pe_minutes_daily].min", "大于最大值"),
        (lambda d: d["dimensions"][1]["indicators"][0]["items"][0]["rule"].update(value=10), "B1.1 rule.value", "小数"),
        (
            lambda d: d["dimensions"][1]["indicators"][0]["items"][1]["inputs"][0].update(max_input="nobody"),
            "B1.2 inputs[backbone_exchange_teachers].max_input",
            "未声明",
        ),
        (
            lambda d: d["dimensions"][0]["indicators"][0]["items"][1]["inputs"][0].update(key="pe_minutes_daily"),
            "A1.2 inputs[pe_minutes_daily]",
            "键名与 A1.1 重复",
        ),
        (
            lambda d: d["dimensions"][0]["indicators"][0]["items"][1]["rule"]["rule"].update(input="x"),
            "A1.2 rule.rule.input",
            "内层规则不写 input",
        ),
        (
            lambda d: d["dimensions"][0]["indicators"][0]["items"][1]["rule"]["rule"].update(kind="is_true"),
            "A1.2 rule.rule.kind",
            "只能是",
        ),
        (lambda d: d["levels"].pop(), "rubric levels", "应为 0"),
        (lambda d: d.update(version=0), "rubric version", "正整数"),
        (lambda d: d.update(id="Sample 2024"), "rubric id", "小写字母"),
        (lambda d: d.update(based_on=["missing.txt"]), "rubric based_on", "不在 seeds/ 中"),
        (
            lambda d: d["dimensions"][2]["indicators"][0]["items"][2].update(partial="proportional") or None,
            "C1.3",
            "",
        ),  # any/all may take partial credit: no problem expected
    ],
)
def test_each_kind_of_mistake_is_named(change, place: str, words: str, sample: dict, seeds: SeedLibrary) -> None:
    change(sample)
    found = problems_of(sample, seeds)
    if not words:
        assert not any(p.startswith(place) for p in found), found
        return
    assert any(p.startswith(place) and words in p for p in found), found


def test_yaml_syntax_errors_give_the_line(seeds: SeedLibrary) -> None:
    _, problems = load_rubric_text("id: x\nlevels: [\n", "bad.yaml", seeds)
    assert len(problems) == 1 and "YAML 语法错误" in problems[0].message and "行" in problems[0].message


def test_load_rubric_raises_with_all_problems(tmp_path: Path, sample: dict, seeds: SeedLibrary) -> None:
    first_item(sample)["points"] = -1
    first_item(sample)["rule"]["input"] = "missing"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(sample, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RubricError) as info:
        load_rubric(path, seeds)
    assert len(info.value.problems) == 2
    assert all(p.file == str(path) for p in info.value.problems)


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems = check_rubric(tmp_path / "none.yaml")
    assert len(problems) == 1 and "不存在" in problems[0].message


def test_seeds_are_found_next_to_the_rubric() -> None:
    """Without an explicit library the loader finds seeds/ above the rubric file."""
    assert check_rubric(SAMPLE) == []
    assert (ROOT / "seeds" / "index.yaml").is_file()
