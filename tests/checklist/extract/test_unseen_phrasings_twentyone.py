"""Readings added in session 21 for plans laid out as a bureau lays out its 评估细则 (issue 14): sections headed by a
stage alone, and a ban in a table row. Texts written for these tests; each class has a case that must still be read
and a guard.
"""

from __future__ import annotations

from checklist.extract import extract
from checklist.extract.wording import stage_sections

NUMERIC = ("duration", "frequency", "ratio", "count", "coverage")


def stages_of(text: str) -> list[tuple[float | None, tuple[str, ...]]]:
    return [(c.value, c.stages) for c in extract(text, doc="t.txt") if c.kind in NUMERIC]


# -- a heading that names a stage and nothing else scopes what is under it ------------------------------------------


def test_a_numbered_heading_naming_only_a_stage_scopes_its_section() -> None:
    text = (
        "某县中小学办学条件评估细则\n"
        "一、小学\n1.每周体育课不少于4节。\n2.学校每学期开展2次家长会。\n"
        "二、初中学段\n1.每周体育课不少于3节。\n2.初中每学年开展1次研学实践。\n"
        "三、共同要求\n1.学校每学期至少组织2次应急疏散演练。\n"
    )
    assert stages_of(text) == [
        (4.0, ("primary",)),
        (2.0, ("primary",)),
        (3.0, ("junior",)),
        (1.0, ("junior",)),
        (2.0, ()),  # the section of 三、 is no stage's
    ]


def test_a_sentence_naming_its_own_stage_keeps_it_under_a_stage_heading() -> None:
    text = "某县细则\n（一）小学部分\n1.高中学生每天体育活动不少于1小时。\n2.每周体育课不少于4节。\n"
    assert stages_of(text) == [(60.0, ("senior",)), (4.0, ("primary",))]


def test_a_workbook_s_sheet_names_scope_the_rows_under_them() -> None:
    # read_plan writes each sheet's name on a line before its rows
    text = "小学\n项目\t要求\n每周体育课\t不少于4节\n初中\n项目\t要求\n每周体育课\t不少于3节\n"
    assert stages_of(text) == [(4.0, ("primary",)), (3.0, ("junior",))]


def test_a_stage_name_among_a_flattened_table_s_header_cells_heads_nothing() -> None:
    # a table laid out one cell a line: 小学 and 初中 are column heads, not sections
    text = "某市校舍建设标准\n项目\n小学\n初中\n生均校舍建筑面积\n8\n10\n"
    assert stage_sections(text) == ()
    # nor a heading that says more than a stage
    assert stage_sections("一、小学体育工作要加强\n1.每周体育课不少于4节。\n") == ()
    # nor a chapter of a law on several stages
    assert stage_sections("第三章 中小学\n第十条 学校每学期组织2次演练。\n") == ()


# -- a ban in a table row: what is banned is in its own cell ------------------------------------------------------


def test_a_ban_in_a_table_row_is_named_by_its_own_cell_not_the_row_s_last() -> None:
    text = "考核指标\t分值\t评分标准\n严禁在职教师有偿补课\t5\t发现一例扣2分，扣完为止\n"
    [ban] = [c for c in extract(text, doc="t.txt") if c.kind == "prohibition"]
    assert ban.subject == "在职教师有偿补课"  # before: 「发现一例扣2分」
    # a ban written in prose keeps what follows it
    [prose] = [c for c in extract("严禁学校组织学生参加商业性活动。\n", doc="t.txt") if c.kind == "prohibition"]
    assert prose.subject == "学校组织学生参加商业性活动"


# -- a row of a school's assessment table is the school's to meet ---------------------------------------------------


def scopes_of(text: str) -> list[tuple[str, str]]:
    return [(c.subject, c.scope) for c in extract(text, doc="t.txt") if c.kind in NUMERIC]


def test_a_rate_in_a_school_assessment_table_is_the_school_s() -> None:
    rows = "评估指标\t分值\t评估方法\n留守儿童建档率100%\t2\t查阅资料\n学生体质健康测试合格率达95%以上\t3\t抽测\n"
    assert scopes_of("某县中小学办学水平督导评估细则\n" + rows) == [
        ("留守儿童建档率", "school"),  # before: unclear, so the draft set it aside
        ("学生体质健康测试合格率", "school"),
    ]
    # a region's own words still make it the region's
    region = "某县中小学办学水平督导评估细则\n评估指标\t分值\n全县学前三年毛入园率达到90%\t2\n"
    assert scopes_of(region) == [("全县学前三年毛入园率", "region")]
    # a table that scores a county, or a plan's prose, says nothing of whose the rate is
    assert scopes_of("某县县域义务教育优质均衡发展督导评估细则\n" + rows)[0][1] == "unclear"
    assert scopes_of("某县中小学办学水平督导评估细则\n留守儿童建档率100%。\n")[0][1] == "unclear"
