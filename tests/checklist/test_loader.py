"""Loading rubric YAML: a sound file loads; a broken one lists every problem with its place."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from checklist.loader import PlanLookup, RubricError, check_rubric, load_rubric, load_rubric_text
from checklist.model import AtLeast, Basis, BasisKind, Each, InputType, PartialMode, RatioAtLeast
from checklist.seeds import SeedLibrary
from tests.conftest import ROOT, SEEDS

SAMPLE = Path(__file__).parent / "fixtures" / "sample_rubric.yaml"


@pytest.fixture(scope="module")
def seeds() -> SeedLibrary:
    return SeedLibrary(SEEDS)


@pytest.fixture
def sample() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def problems_of(data: dict, seeds: PlanLookup) -> list[str]:
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
        ("C1.1 source.doc", "出处文件不在工作要点库（seeds/ 或已登记的工作要点）中：nope.txt"),
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
        (
            lambda d: d.update(based_on=["missing.txt"]),
            "rubric based_on",
            "不在工作要点库（seeds/ 或已登记的工作要点）中",
        ),
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


# ---------------------------------------------------------------------------------------------
# Where a rule's numbers come from: in the quote (any written form), trivial, or a basis

YK, CX, DL = "004_d9e5581cac34f553.txt", "003_48301fe1551795f4.txt", "001_3cb0529346446471.txt"
ONE_HOUR = {"doc": YK, "clause": "14", "quote": "落实每日校内体育活动不少于1小时要求"}
NO_CUE = {"doc": YK, "clause": "12", "quote": "开足开齐上好中小学思政课"}  # no number, no cue word
SAFETY = {"doc": YK, "clause": "15", "quote": "保障师生生命健康安全"}  # no 不得/严禁


def count(key: str, unit: str = "次") -> dict:
    return {"key": key, "label": key, "type": "number", "unit": unit, "min": 0}


def one_item(source: dict | None, rule: dict, inputs: list[dict], **extra: object) -> dict:
    """A rubric of one item X1.1 (4 points) with the given source, rule and inputs."""
    item = {
        "id": "X1.1",
        "title": "测试要点",
        "points": 4,
        "inputs": inputs,
        "rule": rule,
        "method": "查阅资料",
        **extra,
    }
    if source is not None:
        item["source"] = source
    return {
        "id": "numbers-2024",
        "version": 1,
        "title": "数值出处测试",
        "issuer": "测试教育局",
        "levels": [{"name": "合格", "min_percent": 60}, {"name": "不合格", "min_percent": 0}],
        "dimensions": [{"id": "X", "title": "测试", "indicators": [{"id": "X1", "title": "测试", "items": [item]}]}],
    }


def at_least(key: str, value: float) -> dict:
    return {"kind": "at_least", "input": key, "value": value}


def at_most(key: str, value: float) -> dict:
    return {"kind": "at_most", "input": key, "value": value}


def ratio(value: float) -> dict:
    return {"kind": "ratio_at_least", "numerator": "done", "denominator": "total", "value": value}


RATIO_INPUTS = [count("total", "人"), count("done", "人")]
NOT_FOUND = "在引文中找不到，也没有注明依据（basis）"


@pytest.mark.parametrize(
    ("data", "wanted"),
    [
        # in the quote, in one of its written forms
        pytest.param(one_item(ONE_HOUR, at_least("m", 60), [count("m", "分钟")]), [], id="1小时 is 60 minutes"),
        pytest.param(
            one_item(ONE_HOUR, at_least("m", 45), [count("m", "分钟")]),
            [f"X1.1 rule.value: 数值“45”{NOT_FOUND}"],
            id="45 minutes is not in 不少于1小时",
        ),
        pytest.param(
            one_item(
                {"doc": CX, "clause": "28", "quote": "按照教师交流比例不低于符合条件的 15 %"}, ratio(0.15), RATIO_INPUTS
            ),
            [],
            id="15 % is 0.15 despite the PDF's spaces",
        ),
        pytest.param(
            one_item(
                {"doc": CX, "clause": "28", "quote": "按照教师交流比例不低于符合条件的 15 %"}, ratio(0.2), RATIO_INPUTS
            ),
            [f"X1.1 rule.value: 数值“0.2”（即20%）{NOT_FOUND}"],
            id="20% is not 15 %",
        ),
        pytest.param(
            one_item(
                {"doc": CX, "clause": "25", "quote": "每学年参加 1 — 2 次集体 研 学实践活动"},
                {"kind": "each", "input": "trips", "rule": {"kind": "between", "min": 1, "max": 3}},
                [{"key": "trips", "label": "研学", "type": "grades", "unit": "次", "grades": ["P4", "P5"]}],
            ),
            [f"X1.1 rule.rule.max: 数值“3”{NOT_FOUND}"],
            id="each: 1 — 2 次 states 1 and 2, not 3",
        ),
        pytest.param(
            one_item(
                {"doc": DL, "clause": "10", "quote": "劳动精神、劳模精神、工匠精神专题教育不少于16学时"},
                {"kind": "all", "rules": [at_least("h", 16), {"kind": "any", "rules": [at_least("h", 20)]}]},
                [count("h", "学时")],
            ),
            [f"X1.1 rule.rules[1].rules[0].value: 数值“20”{NOT_FOUND}"],
            id="all/any: each inner rule by its place",
        ),
        # 0 in an at_most 0 prohibition
        pytest.param(
            one_item({"doc": YK, "clause": "2", "quote": "严禁提前教授小学课程"}, at_most("n", 0), [count("n", "起")]),
            [],
            id="0 where the quote forbids (严禁)",
        ),
        pytest.param(
            one_item(SAFETY, at_most("n", 0), [count("n", "起")]),
            [f"X1.1 rule.value: 数值“0”{NOT_FOUND}"],
            id="0 where the quote forbids nothing",
        ),
        # 1 in an is_true-like at_least 1
        pytest.param(
            one_item(
                {"doc": YK, "clause": "14", "quote": "建立校内外劳动教育实践场所"}, at_least("n", 1), [count("n", "个")]
            ),
            [],
            id="1 where the quote sets something up (建立)",
        ),
        pytest.param(
            one_item(NO_CUE, at_least("n", 1), [count("n", "个")]),
            [f"X1.1 rule.value: 数值“1”{NOT_FOUND}"],
            id="1 where the quote sets nothing up",
        ),
        pytest.param(
            one_item(
                NO_CUE,
                {"kind": "is_true", "input": "ok"},
                [count("n", "人"), {"key": "ok", "label": "ok", "type": "boolean"}],
                applies_if=at_least("n", 1),
            ),
            [],
            id="applies_if at_least 1: schools that have any",
        ),
        pytest.param(
            one_item(
                NO_CUE,
                {"kind": "is_true", "input": "ok"},
                [count("n", "人"), {"key": "ok", "label": "ok", "type": "boolean"}],
                applies_if=at_least("n", 5),
            ),
            [f"X1.1 applies_if.value: 数值“5”{NOT_FOUND}"],
            id="applies_if at_least 5 needs a source",
        ),
        # 100% where the quote says 全覆盖 / 全部
        pytest.param(
            one_item(
                {"doc": YK, "clause": "15", "quote": "学校食堂“互联网+明厨亮灶”达到全覆盖"}, ratio(1.0), RATIO_INPUTS
            ),
            [],
            id="ratio 1.0 where the quote says 全覆盖",
        ),
        pytest.param(
            one_item(NO_CUE, ratio(1.0), RATIO_INPUTS),
            [f"X1.1 rule.value: 数值“1”（即100%）{NOT_FOUND}"],
            id="ratio 1.0 without a coverage word",
        ),
        pytest.param(
            one_item(
                {"doc": YK, "clause": "2", "quote": "将各类幼儿园全部纳入质量评估范围"},
                at_least("rate", 100),
                [count("rate", "%")],
            ),
            [],
            id="at_least 100 on a percent input where the quote says 全部",
        ),
        pytest.param(
            one_item(
                {"doc": YK, "clause": "2", "quote": "将各类幼儿园全部纳入质量评估范围"},
                at_least("n", 100),
                [count("n", "人")],
            ),
            [f"X1.1 rule.value: 数值“100”{NOT_FOUND}"],
            id="100 people is not coverage",
        ),
        # deduct: per from the quote; a cap of the item's own points needs nothing
        pytest.param(
            one_item(
                {"doc": CX, "clause": "26", "quote": "各学校党组织每学期至少组织一次师德主题党日活动或专题理论学习"},
                {"kind": "deduct", "input": "n", "per": 1, "cap": 4},
                [count("n")],
            ),
            [],
            id="deduct 1 per miss, capped at the item's points",
        ),
        pytest.param(
            one_item(
                {"doc": CX, "clause": "26", "quote": "各学校党组织每学期至少组织一次师德主题党日活动或专题理论学习"},
                {"kind": "deduct", "input": "n", "per": 2, "cap": 3},
                [count("n")],
            ),
            [f"X1.1 rule.per: 数值“2”{NOT_FOUND}", f"X1.1 rule.cap: 数值“3”{NOT_FOUND}"],
            id="deduct per and cap from nowhere",
        ),
        # no source at all
        pytest.param(
            one_item(None, at_most("size", 45), [count("size", "人")]),
            ["X1.1 rule.value: 数值“45”没有出处引文可查，也没有注明依据（basis）"],
            id="an item without a source",
        ),
        # a basis says where the number comes from
        pytest.param(
            one_item(
                ONE_HOUR, at_least("m", 45), [count("m", "分钟")], basis={"kind": "bureau_decision", "note": "本局决定"}
            ),
            [],
            id="a basis silences a number not in the quote",
        ),
        pytest.param(
            one_item(
                None, at_most("size", 45), [count("size", "人")], basis={"kind": "other_document", "note": "国家标准"}
            ),
            [],
            id="a basis covers an item without a source",
        ),
        pytest.param(
            one_item(
                SAFETY,
                at_most("n", 0),
                [count("n", "起")],
                veto=True,
                basis={"kind": "common_practice", "note": "按通行做法，发生重大安全责任事故的一票否决"},
            ),
            [],
            id="a veto the plan does not state, marked common_practice",
        ),
    ],
)
def test_every_number_of_a_rule_is_in_its_quote_or_has_a_basis(
    data: dict, wanted: list[str], seeds: SeedLibrary
) -> None:
    assert problems_of(data, seeds) == wanted


def test_a_number_without_a_source_is_reported_but_does_not_stop_the_rubric(tmp_path: Path, seeds: SeedLibrary) -> None:
    data = one_item(ONE_HOUR, at_least("m", 45), [count("m", "分钟")])
    rubric, problems = load_rubric_text(yaml.safe_dump(data, allow_unicode=True), "t.yaml", seeds)
    assert rubric is not None and [p.blocking for p in problems] == [False]
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_rubric(path, seeds).item("X1.1").rule == AtLeast("m", 45)  # scoring and diff still work
    [problem] = check_rubric(path, seeds)  # rubric check reports it
    assert str(problem) == f"{path}: X1.1 rule.value: 数值“45”在引文中找不到，也没有注明依据（basis）"


def test_a_basis_is_read_into_the_model(seeds: SeedLibrary) -> None:
    rubric = load_rubric(SAMPLE, seeds)
    basis = rubric.item("A2.1").basis
    assert basis == Basis(BasisKind.BUREAU_DECISION, "本局规定：班额不超过45人")
    assert basis.label == "教育局决定：本局规定：班额不超过45人"
    assert rubric.item("A1.1").basis is None


@pytest.mark.parametrize(
    ("basis", "field", "words"),
    [
        (
            {"kind": "custom", "note": "自定"},
            "basis.kind",
            "未知依据类型“custom”（可用：common_practice、other_document、bureau_decision）",
        ),
        ({"kind": "common_practice"}, "basis.note", "依据须写明说明（note）"),
        ({"kind": "common_practice", "note": "  "}, "basis.note", "依据须写明说明（note）"),
        ({"kind": "other_document", "note": "文件", "source": "x"}, "basis.source", "未知字段“source”"),
        ("通行做法", "basis", "依据应写成"),
    ],
)
def test_a_broken_basis_is_named(basis: object, field: str, words: str, sample: dict, seeds: SeedLibrary) -> None:
    sample["dimensions"][0]["indicators"][1]["items"][0]["basis"] = basis  # A2.1,班额45人 has no quote
    found = problems_of(sample, seeds)
    assert any(p.startswith(f"A2.1 {field}:") and words in p for p in found), found


class _Plans:
    """A plan library as the plan-library feature gives it: only ``in``, ``get`` and ``.text``."""

    def __init__(self, plans: dict[str, str]) -> None:
        self._plans = {name: SimpleNamespace(text=text) for name, text in plans.items()}

    def __contains__(self, name: object) -> bool:
        return name in self._plans

    def get(self, name: str) -> SimpleNamespace | None:
        return self._plans.get(name)


def test_sources_resolve_through_any_plan_library() -> None:
    plans = _Plans({"my-plan.docx": "一、总体要求\n1.各学校每周开展1次升旗仪式。\n"})
    data = one_item(
        {"doc": "my-plan.docx", "clause": "1", "quote": "各学校每周开展1次升旗仪式"}, at_least("n", 1), [count("n")]
    )
    data["based_on"] = ["my-plan.docx"]
    assert problems_of(data, plans) == []
    data["dimensions"][0]["indicators"][0]["items"][0]["source"]["quote"] = "各学校每周开展2次升旗仪式"
    assert "X1.1 source.quote: 引文在《my-plan.docx》中找不到（须逐字一致）：各学校每周开展2次升旗仪式" in problems_of(
        data, plans
    )
    data["dimensions"][0]["indicators"][0]["items"][0]["source"]["doc"] = "004_d9e5581cac34f553.txt"
    assert (
        "X1.1 source.doc: 出处文件不在工作要点库（seeds/ 或已登记的工作要点）中：004_d9e5581cac34f553.txt"
        in problems_of(data, plans)
    )


def test_a_ratio_above_one_is_a_multiple_the_quote_states_and_otherwise_a_percent_written_wrong() -> None:
    from checklist.seeds import PlanLibrary, SeedDocument

    text = "第二十七条 非在编教师人均年收入应当达到当地社会平均工资的一点五倍以上。\n第二十八条 教师交流比例不低于15%。\n"
    library = PlanLibrary([SeedDocument("p.txt", "条例", "某市人大常委会", 2026, None, "条例", text, region="某市")])
    pay = {"doc": "p.txt", "clause": "第二十七条", "quote": "非在编教师人均年收入应当达到当地社会平均工资的一点五倍以上"}
    share = {"doc": "p.txt", "clause": "第二十八条", "quote": "教师交流比例不低于15%"}
    level = [count("total", "元"), count("done", "元")]
    capped = [count("total", "人"), {**count("done", "人"), "max_input": "total"}]
    wrong = "X1.1 rule.value: 比例应写成小数（15% 写 0.15），现为"
    # 1.5 times a level the pay may pass: accepted, its number found in 一点五倍
    assert problems_of(one_item(pay, ratio(1.5), level), library) == []
    # 15 for 15%: refused, as before; and a share capped by its whole never passes 1, whatever the quote
    assert any(p.startswith(f"{wrong} 15") for p in problems_of(one_item(share, ratio(15), level), library))
    assert any(p.startswith(f"{wrong} 1.5") for p in problems_of(one_item(pay, ratio(1.5), capped), library))
    assert problems_of(one_item(share, ratio(0.15), capped), library) == []
