"""A plan the extractor was not developed on (fixtures/unseen_plan.txt, written for this test):
a web-page header and footer, a cover letter, full-width digits and punctuation, Chinese
numerals, 责任单位 tails, region targets and encouraged items, with other numbers than the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.extract import Candidate, extract
from checklist.extract.draft import draft_rubric
from checklist.extract.plans import plan_info
from checklist.loader import load_rubric_text
from checklist.seeds import SeedLibrary
from tests.checklist.extract.conftest import FIXTURES

PLAN = FIXTURES / "unseen_plan.txt"

# (clause, kind, comparator, value, value_max, period, scope)
EXPECTED = [
    ("1", "frequency", "at_least", 2, None, "学期", "school"),  # 至少召开两次
    ("1", "frequency", "at_least", 2, None, "学年", "school"),  # 讲党课不少于２次
    ("2", "count", "at_least", 1, None, None, "school"),  # “一校一品”
    ("2", "count", "equal", 5, None, None, "region"),  # 全县评选…５所
    ("3", "duration", "at_least", 90, None, "天", "school"),
    ("3", "frequency", "at_least", 1, None, "天", "school"),  # 鼓励…每天开设１节体育课
    ("4", "frequency", "between", 2, 3, "学年", "school"),  # ２～３次
    ("4", "frequency", "at_least", 1, None, "学年", "school"),  # 每学年参加一次
    ("5", "count", "at_least", 1, None, None, "school"),  # 每所学校至少配备一名
    ("5", "duration", "at_least", 30, None, "学期", "school"),  # 不少于三十分钟
    ("6", "duration", "at_most", 60, None, None, "school"),  # 由…９０分钟调整为…６０分钟
    ("7", "ratio", "at_least", 0.6, None, None, "region"),
    ("7", "count", "equal", 3, None, None, "region"),  # 新建公办幼儿园３所
    ("9", "count", "at_most", 45, None, None, "school"),  # 班额不超过４５人
    ("10", "ratio", "at_least", 0.12, None, None, "school"),
    ("10", "ratio", "at_least", 0.3, None, None, "school"),
    ("11", "count", "equal", 200, None, None, "region"),  # 表扬优秀教师２００名
    ("12", "frequency", "at_least", 2, None, "学期", "school"),  # 应急疏散演练不少于２次
    ("13", "coverage", "equal", 1.0, None, None, "school"),  # 明厨亮灶实现全覆盖
    ("15", "coverage", "equal", 1.0, None, None, "region"),  # 应助尽助: student aid is the bureau's target
]


@pytest.fixture(scope="module")
def text() -> str:
    return PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def found(text: str) -> tuple[Candidate, ...]:
    return extract(text, doc=PLAN.name)


def key(c: Candidate) -> tuple[object, ...]:
    return (c.clause, c.kind, c.comparator, c.value, c.value_max, c.period, c.scope)


@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{e[0]}-{e[1]}-{e[3]}" for e in EXPECTED])
def test_expected_candidate(found: tuple[Candidate, ...], expected: tuple[object, ...]) -> None:
    assert expected in {key(c) for c in found}, sorted(map(str, map(key, found)))


def test_quotes_fields_and_units(text: str, found: tuple[Candidate, ...]) -> None:
    for c in found:
        assert text[c.start : c.end] == c.quote
    by = {key(c): c for c in found}
    trips = by[("4", "frequency", "between", 2, 3, "学年", "school")]
    assert trips.grades == ("P3", "P4", "P5", "P6")
    assert trips.quote == "小学三至六年级学生每学年参加２～３次集体研学实践活动"
    junior = by[("4", "frequency", "at_least", 1, None, "学年", "school")]
    assert (junior.stages, junior.grades) == (("junior",), ())
    exchange = by[("10", "ratio", "at_least", 0.12, None, None, "school")]
    assert exchange.denominator == "符合交流条件教师总数"
    assert exchange.responsible == ("组织人事股", "各学校")
    assert by[("3", "frequency", "at_least", 1, None, "天", "school")].modality == "encouraged"
    homework = by[("6", "duration", "at_most", 60, None, None, "school")]
    assert homework.grades == ("P3", "P4", "P5", "P6")


def test_prohibition_deadline_condition_and_encouraged_service(
    found: tuple[Candidate, ...],
) -> None:
    (ban,) = [c for c in found if c.kind == "prohibition"]
    assert (ban.clause, ban.subject, ban.modality, ban.scope) == (
        "9",
        "在职教师有偿补课",
        "prohibited",
        "school",
    )
    deadlines = {(c.clause, c.subject[:9]) for c in found if c.kind == "deadline"}
    assert deadlines == {("7", "到2025年底全县"), ("14", "2025年6月底前")}
    (room,) = [c for c in found if c.clause == "8"]
    assert room.kind == "existence" and "资源教室" in room.subject
    service = [c for c in found if c.clause == "7" and c.kind == "existence"]
    assert [c.modality for c in service] == ["encouraged"]


def test_non_thresholds_and_page_debris_give_nothing(text: str, found: tuple[Candidate, ...]) -> None:
    plan_start = text.index("一、全面加强党的建设")
    footer = text.index("打印本页　关闭窗口")
    assert all(plan_start < c.start and c.end < footer for c in found)
    assert not [c for c in found if c.clause == "11" and c.value == 41]  # 第四十一个教师节
    assert not [c for c in found if c.clause == "2" and c.value in (20, 4, 15)]  # 二十届四中全会, 十五五
    assert not [c for c in found if c.clause == "7" and c.value == 6]  # ３－６岁
    assert not [c for c in found if c.clause == "8" and c.value == 3]  # ３名以上: a condition
    assert not [c for c in found if c.clause == "6" and c.value == 90]  # the replaced limit


def test_draft_of_the_unseen_plan_passes_the_checker(text: str, found: tuple[Candidate, ...], tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / PLAN.name).write_text(text, encoding="utf-8")
    (seeds / "index.yaml").write_text(
        "documents:\n  - {file: unseen_plan.txt, title: Y县教育局2025年工作要点, issuer: Y县教育局,"
        " region: Y县, year: 2025}\n",
        encoding="utf-8",
    )
    info = plan_info(seeds / PLAN.name)
    assert info.region == "Y县"
    draft = draft_rubric(found, text, info, "yx-2025")
    rubric, problems = load_rubric_text(draft.to_yaml(), "draft.yaml", SeedLibrary(seeds))
    assert problems == []
    assert rubric is not None
    inputs = rubric.inputs
    assert inputs["pe_minutes_daily"].unit == "分钟"
    assert {"exchange_teachers", "eligible_teachers", "backbone_exchange_teachers"} <= set(inputs)
    assert sum(i.points for i in rubric.items if not i.bonus) == pytest.approx(100)
    assert any(i.bonus for i in rubric.items)
    pending = {(p.candidate.clause, p.candidate.kind) for p in draft.pending}
    assert ("7", "ratio") in pending and ("2", "count") in pending
