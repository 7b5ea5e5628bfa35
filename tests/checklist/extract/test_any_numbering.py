"""A plan drafts into a rubric that passes the checker whatever its numbering: plain
paragraphs (a short 通知), 第X条, or （一） repeated under each 一、 — every item cites the
clause its quote is in, by number where the number is unique, else by its path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checklist.extract import extract
from checklist.extract.draft import draft_rubric
from checklist.extract.plans import PlanInfo
from checklist.loader import load_rubric_text
from checklist.model import rule_inputs
from checklist.outline import cite
from checklist.seeds import PlanLibrary, SeedDocument

PLAIN = """关于进一步加强中小学体育工作的通知
各学校：
为落实健康第一的教育理念，现就有关事项通知如下。
各学校要保证学生每天校内体育活动时间不少于1小时，每学年至少举办1次全员运动会。
各学校每学期至少组织2次应急疏散演练。
严禁挤占体育课。
特此通知。
"""

ARTICLES = """某县中小学办学行为规范
第一条 为规范办学行为，制定本规范。
第二条 学校应当保证学生每天校内体育活动时间不少于1小时。
第三条 学校每周劳动教育课不少于1课时。
第四条 学校不得组织有偿补课。
"""

REPEATED = """某区2025年教育工作要点
一、加强体育工作
（一）学校每天校内体育活动时间不少于1小时。
（二）学校每学期至少组织2次应急疏散演练。
二、加强劳动教育
（一）学校每周劳动教育课不少于1课时。
（二）各学校心理健康教师不少于1名。
"""


RESTARTED = """某镇中心学校工作安排
安全工作
1.各学校每学期至少组织2次应急疏散演练。
2.各校每月开展一次消防安全检查。
体育工作
1.学生每天校内体育活动时间不少于1小时。
2.每学期开展2次视力筛查。
"""


def draft_of(text: str, name: str) -> tuple[object, list[object], PlanLibrary]:
    document = SeedDocument(name, "测试工作要点", "某县教育局", 2025, None, "测试", text, region="某县")
    library = PlanLibrary([document])
    info = PlanInfo(name, "测试工作要点", "某县教育局", "某县", 2025, "测试")
    found = extract(text, doc=name, region="某县")
    draft = draft_rubric(found, text, info, "test-2025")
    rubric, problems = load_rubric_text(draft.to_yaml(), "draft.yaml", library)
    return rubric, problems, library


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (PLAIN, {"正文"}),
        (ARTICLES, {"第二条", "第三条", "第四条"}),
        (REPEATED, {"一、（一）", "一、（二）", "二、（一）", "二、（二）"}),
        (RESTARTED, {"第1条", "第2条", "1", "2"}),
    ],
    ids=["plain paragraphs", "第X条", "（一） under each 一、", "1. again under a plain heading"],
)
def test_every_numbering_drafts_a_rubric_that_passes(text: str, clauses: set[str]) -> None:
    rubric, problems, _ = draft_of(text, "plan.txt")
    assert problems == []
    assert rubric is not None
    cited = {item.source.clause for item in rubric.items if item.source}
    assert cited <= clauses and len(cited) >= min(2, len(clauses))
    daily = next(i for i in rubric.items if "pe_minutes_daily" in rule_inputs(i.rule))
    assert "1小时" in daily.source.quote


def test_a_wrong_clause_is_named_in_words() -> None:
    document = SeedDocument("plan.txt", "测试工作要点", "某县教育局", 2025, None, "测试", REPEATED)
    library = PlanLibrary([document])
    assert document.clause_of(REPEATED.index("每周劳动")) == "二、（一）"
    assert document.clause_contains("二、", REPEATED.index("每周劳动"))  # a part holds its sub-clauses
    assert document.clause_contains("二、(一)", REPEATED.index("每周劳动"))  # half-width brackets too
    assert not document.clause_contains("一、（一）", REPEATED.index("每周劳动"))
    assert not document.has_clause("（一）")  # ambiguous: there are two
    yaml_text = RUBRIC.replace("CLAUSE", "一、（一）")
    _, problems = load_rubric_text(yaml_text, "r.yaml", library)
    assert [p.message for p in problems if p.field == "source.clause"] == ["引文位于二、（一），而不是一、（一）"]
    _, problems = load_rubric_text(RUBRIC.replace("CLAUSE", "三、"), "r.yaml", library)
    assert [p.message for p in problems if p.field == "source.clause"] == ["《测试工作要点》中没有三、"]


def test_citations_read_as_chinese() -> None:
    assert cite("14") == "第14条"
    assert cite("二、（三）") == "二、（三）"
    assert cite("正文") == "正文"


RUBRIC = """
id: t
version: 1
title: 测试细则
issuer: 某县教育局
levels: [{name: 合格, min_percent: 0}]
dimensions:
  - id: A
    title: 劳动
    indicators:
      - id: A1
        title: 劳动课
        items:
          - id: A1.1
            title: 劳动课
            points: 100
            source: {doc: plan.txt, clause: "CLAUSE", quote: 学校每周劳动教育课不少于1课时}
            inputs:
              - {key: labor, label: 每周劳动教育课, type: number, unit: 课时, min: 0}
            rule: {kind: at_least, input: labor, value: 1}
"""


def test_a_number_two_lists_share_holds_the_quote_of_either() -> None:
    # numbering that starts again under a heading that is no number: "第1条" is either of two clauses
    document = SeedDocument("plan.txt", "测试工作要点", "某县教育局", 2025, None, "测试", RESTARTED)
    second = RESTARTED.index("学生每天校内")
    assert document.clause_contains("第1条", second)
    assert document.clause_contains("第1条", RESTARTED.index("各学校每学期"))
    assert not document.clause_contains("第2条", second)


def test_a_first_line_that_sets_a_rule_is_read_not_taken_for_the_title() -> None:
    # a table flattened into one line, or a notice whose first line is its first rule
    assert [(c.kind, c.value) for c in extract("教室人均面积不低于1.5平方米\n", doc="t.txt")] == [("count", 1.5)]
    assert [(c.kind, c.value, c.period) for c in extract("晨检 每日1次 2分 查看记录\n", doc="t.txt")] == [
        ("frequency", 1.0, "天")
    ]
    # a title names what the document is, and its figure is the topic, not a rule
    titled = "关于落实中小学生每天校内体育活动不少于2小时的通知\n各学校：\n请认真落实。\n"
    assert [c for c in extract(titled, doc="t.txt") if c.value is not None] == []


INDICATOR_TABLE = """中小学校安全工作考核细则
A1安全管理（20分）
B1安全教育 每月至少开展一次安全主题教育，每学期开展应急疏散演练不少于2次。（5分）
B2眼睛保健 每天上下午各做1次眼保健操。（3分）
B3体育课时 学校体育课时不少于国家规定的标准。（5分）
"""
# a progress table whose rows wrap: its header and first row make one quote over two lines
# a line a PDF broke inside its comparator: the quote runs over two lines (a table set out with bars no longer does:
# its cells are read apart, test_unseen_phrasings_sixteen)
WRAPPED_TABLE = """2024年重点工作推进情况
一、安全工作
全县举办少儿艺术活动不少
于100场次，每所学校每学期开展应急疏散演练不少于2次。
"""


def test_an_indicator_table_drafts_into_a_rubric_that_passes_with_every_number_grounded() -> None:
    rubric, problems, _ = draft_of(INDICATOR_TABLE, "table.txt")
    # input keys from the indicators' codes are lower case (B1 → cb1_…), and a region target whose quote runs over
    # two lines of the table stays one comment line of the draft's closing list
    assert problems == []
    assert rubric is not None
    keys = {i.key for item in rubric.items for i in item.inputs}
    assert keys and all(k == k.lower() for k in keys)
    # "上下午各1次" is twice a day and a parity is 100%: each says where its number comes from
    grounded = {item.source.quote: item.basis for item in rubric.items if item.basis}
    assert any("两个时段各计" in b.note for b in grounded.values())
    assert any("比照" in b.note for b in grounded.values())


def test_a_candidate_quoted_over_two_lines_stays_one_comment_line_of_the_draft() -> None:
    found = extract(WRAPPED_TABLE, doc="wrapped.txt", region="某县")
    info = PlanInfo("wrapped.txt", "测试工作要点", "某县教育局", "某县", 2025, "测试")
    text = draft_rubric(found, WRAPPED_TABLE, info, "test-2025").to_yaml()
    assert any("\n" in c.quote for c in found)  # the case this guards
    _, problems, _ = draft_of(WRAPPED_TABLE, "wrapped.txt")
    assert [p for p in problems if p.blocking] == []
    assert "⏎" in text



EMPTY_DRAFT = ("须至少有一个一级指标", "至少要有一个非加分的评估要点")  # a plan with no school item: the CLI says so


def test_every_development_text_drafts_into_a_rubric_the_checker_reads() -> None:
    # real plans of every shape (tables with A1/B1 codes, wrapped rows, regulations, notices): the draft is YAML the
    # checker reads, and its only blocking problem may be that the plan holds no school item at all
    corpus = Path(__file__).parent / "corpus"
    failures = []
    for labels in sorted((corpus / "dev").glob("*.yaml")):
        name = yaml.safe_load(labels.read_text(encoding="utf-8"))["doc"]
        text = (corpus / "texts" / name).read_text(encoding="utf-8")
        _, problems, _ = draft_of(text, name)
        blocking = [p.message for p in problems if p.blocking and p.message not in EMPTY_DRAFT]
        if blocking:
            failures.append((name, blocking[:2]))
    assert failures == []
