"""Phrasings brought in by the eighth batch of development texts (issue 14, c58–c63: 河南's 未成年人
保护条例 and 体育发展条例, 北京's 义务教育 办法, 南江's 学前教育普及普惠 indicator table, a 双减 督查方案 and
西安's term notice). Each test reads a class of phrasing with a sentence from one of those texts, and
most also give a sentence that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from tests.checklist.extract.conftest import numeric

# -- a flattened table: a label cell, then its value cell ----------------------------------------------

TABLE = (
    "学前教育普及普惠督导评估有关指标标准\n\n序号\n\n指标\n\n国家标准\n\n1\n\n学前三年毛入园率(%)\n\n≥85\n\n2\n\n"
    "公办园生均公用经费财政拨款标准(元/年)\n\n500\n\n3\n\n县域内园长、专任教师持证上岗率(%)\n\n100\n\n4\n\n"
    "县域内专任教师总数与在园幼儿总数之比\n\n≤1:15\n"
)


def test_a_value_cell_takes_its_unit_from_the_label_cell() -> None:
    # c61
    cands = [c for c in extract(TABLE, doc="t.txt") if c.is_quantitative]
    assert [(c.kind, c.comparator, c.value, c.unit) for c in cands] == [
        ("ratio", "at_least", 0.85, "比例"),
        ("count", "at_least", 500, "元"),  # a bare value of a standard is its floor, as c61 reads it
        ("coverage", "equal", 1.0, "比例"),
        ("ratio", "at_least", 0.0666666, "比例"),
    ]
    assert cands[0].subject == "学前三年毛入园率"
    assert cands[0].quote.startswith("学前三年毛入园率(%)")
    assert cands[3].subject == "县域内专任教师总数与在园幼儿总数"
    # the 序号 cells are no values: their line before is not a label with a unit
    assert len(cands) == 4 and all(c.origin in ("table", "ratio") for c in cands)


def test_a_number_on_a_line_of_its_own_after_prose_is_no_value_cell() -> None:
    assert numeric("各校要认真落实。\n\n85\n") == []


# -- pairs, lengths, units ------------------------------------------------------------------------------


def test_the_second_of_a_pair_after_分别() -> None:
    # c60 第四十三条
    cands = numeric("小学生和初中学生每学年参加社会实践活动的时间分别不少于10天和20天。")
    assert [(c.kind, c.value, c.unit) for c in cands] == [("duration", 10, "天"), ("duration", 20, "天")]


def test_a_report_of_so_many_characters() -> None:
    # c62
    cands = numeric("对包联片区学校“双减”工作开展情况进行督查,并形成300字督查报告(存在问题、整改情况)。")
    assert [(c.kind, c.value, c.unit) for c in cands] == [("count", 300, "字")]
    # a template site's hidden-text marker is debris
    assert [c for c in extract("1.每学期开展1次演练。\n---此处隐藏5372字---\n", doc="t.txt") if c.value == 5372] == []


# -- conditions -----------------------------------------------------------------------------------------


def test_the_bracket_of_a_penalty_is_a_condition() -> None:
    # c59 第四十九条
    cands = numeric("违法所得三万元以上的，并处违法所得的两倍以上五倍以下的罚款。")
    assert [(c.value, c.value_max, c.unit) for c in cands] == [(2, 5, "倍")]


def test_an_age_that_names_who_is_meant() -> None:
    # c58 第二条
    assert numeric("本省行政区域内未满十八周岁公民的保护,适用本条例。") == []
    [c] = numeric("校长年龄不超过55周岁。")
    assert c.value == 55


def test_a_list_of_links_is_debris() -> None:
    # c63
    text = "1.每学期开展1次演练。\n- 厦门哪里可以做48小时核酸检测 2022年8月25日厦门免费核\n"
    assert [c.value for c in extract(text, doc="t.txt") if c.is_quantitative] == [1]


def test_a_row_from_a_pdf_with_its_cells_run_together() -> None:
    text = "督导评估指标\n序号 指标 标准\n1 学前三年毛入园率(%) ≥85\n\n2 公办园生均公用经费财政拨款标准(元/年) 500\n"
    cands = [c for c in extract(text, doc="t.txt") if c.is_quantitative]
    assert [(c.kind, c.comparator, c.value, c.unit) for c in cands] == [
        ("ratio", "at_least", 0.85, "比例"),
        ("count", "at_least", 500, "元"),  # a bare value of a standard is its floor
    ]
    assert [c.subject for c in cands] == ["学前三年毛入园率", "公办园生均公用经费财政拨款标准"]
    # a percentage sign in brackets followed by a year is no cell
    assert numeric("覆盖率(%)2024年底前达到要求。") == []


def test_the_distance_around_a_school_is_the_government_s() -> None:
    # c58: businesses kept away from schools, by the authorities
    [c] = numeric("中小学校门口五十米之内不得摆设流动摊点。")
    assert (c.value, c.unit, c.scope) == (50, "米", "region")
    # a school's own distance (its sports ground's track) stays the school's
    [c] = numeric("学校应当建有不少于200米的环形跑道。")
    assert c.scope == "school"
