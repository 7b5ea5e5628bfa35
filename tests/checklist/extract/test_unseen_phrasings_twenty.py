"""Phrasings found in session 20 by writing the common requirements of plans, notices and regulations in other
shapes (issue 14). Sentences written for these tests; each class has a case that must still be read.
"""

from __future__ import annotations

import pytest

from checklist.extract import extract
from checklist.extract.draft import draft_rubric
from checklist.extract.plans import PlanInfo

NUMERIC = ("duration", "frequency", "ratio", "count", "coverage")


def found(text: str) -> list:
    return [c for c in extract(f"某县教育局关于做好有关工作的通知\n{text}\n", doc="t.txt") if c.kind in NUMERIC]


# -- an act every period whatever its verb: "学校每学年资助…", "每学期要布置劳动作业" ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "period", "subject"),
    [
        ("学校每学年资助家庭经济困难学生。", "学年", "资助家庭经济困难学生"),
        ("学校每学期要布置劳动作业。", "学期", "布置劳动作业"),
        ("各校每年选派骨干教师到薄弱学校支教。", "年", "选派骨干教师到薄弱学校支教"),
        ("幼儿园每月向家长寄送幼儿成长手册。", "月", "向家长寄送幼儿成长手册"),
        ("学校每周应当擦拭教室门窗。", "周", "擦拭教室门窗"),
        ("学校每学期须补充图书。", "学期", "补充图书"),
        ("各学校每年都要修缮校舍。", "年", "修缮校舍"),
        ("每月核算食堂成本。", "月", "核算食堂成本"),
    ],
)
def test_an_act_every_period_whatever_its_verb_is_at_least_once_a_period(
    sentence: str, period: str, subject: str
) -> None:
    (c,) = found(sentence)
    assert (c.kind, c.comparator, c.value, c.period) == ("frequency", "at_least", 1.0, period)
    assert c.subject == subject


@pytest.mark.parametrize(
    "sentence",
    [
        "每年新增学位。",  # what grows each year
        "每年递增经费。",
        "每年都有大批毕业生。",  # what there is
        "每天都是新的开始。",
        "学生每天睡眠充足。",  # a state, not an act
        "每天上午大课间。",  # a time of the day
        "不得在每日二十二时至次日八时向未成年人提供网络游戏服务。",
        "保证学生每天在校课堂学习时间。",  # what is measured, its figure elsewhere
        "确定每学年校外实践教育的内容和安排。",
        "每年的9月为全国推普周。",
    ],
)
def test_what_grows_what_there_is_a_state_or_a_time_of_day_after_a_period_is_no_act(sentence: str) -> None:
    assert [c for c in found(sentence) if c.kind == "frequency" and c.value == 1.0] == []


def test_an_act_every_period_with_its_own_number_keeps_the_number() -> None:
    (c,) = found("学校每学期资助家庭经济困难学生不少于2次。")
    assert (c.kind, c.value, c.period) == ("frequency", 2.0, "学期")


# -- a thing for so many people: "男生厕所每40人设1个大便器", "每50名学生配备1台计算机" -----------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "subject"),
    [
        ("男生厕所每40人设1个大便器。", 1 / 40, "大便器"),
        ("女生每13人设1个蹲位。", 1 / 13, "蹲位"),
        ("每50名学生配备1台计算机。", 1 / 50, "计算机"),
        ("每200人配备1名保安。", 1 / 200, "保安"),
    ],
)
def test_a_thing_or_a_post_for_so_many_people_is_a_ratio(sentence: str, value: float, subject: str) -> None:
    (c,) = found(sentence)
    assert (c.kind, c.comparator, c.subject) == ("ratio", "at_least", subject)
    assert abs(c.value - value) < 1e-5


def test_a_population_or_a_count_of_attendances_is_no_ratio_of_people() -> None:
    assert [c.kind for c in found("每3000人口设置1所幼儿园。")] != ["ratio"]
    assert [c for c in found("每10人次计1分。") if c.kind == "ratio"] == []


# -- a part of the school as the subject: "学校食堂每餐提供不少于4个菜品" is the school's, not the region's ---------------


def test_a_count_said_of_a_part_of_the_school_is_the_schools() -> None:
    (c,) = found("学校食堂每餐提供不少于4个菜品。")
    assert (c.kind, c.value, c.scope) == ("count", 4.0, "school")
    # a bureau building canteens is still the region's
    (c,) = found("全县新建学校食堂10个。")
    assert c.scope == "region"


# -- units a plan counts in: 趟 (like 次), 具, 把, 千卡 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit"),
    [
        ("每学期至少组织2趟研学旅行。", "frequency", 2.0, "趟"),
        ("每校至少配备灭火器4具。", "count", 4.0, "具"),
        ("每间教室配备扫帚不少于2把。", "count", 2.0, "把"),
        ("学生午餐供应热量不低于700千卡。", "count", 700.0, "千卡"),
    ],
)
def test_more_units_a_plan_counts_in(sentence: str, kind: str, value: float, unit: str) -> None:
    (c,) = found(sentence)
    assert (c.kind, c.comparator, c.value, c.unit) == (kind, "at_least", value, unit)


# -- so many weeks or months said without 每: "学校两周开展一次安全检查" --------------------------------------------------


def test_so_many_weeks_said_without_each_is_the_period_of_the_act() -> None:
    (c,) = found("学校两周开展一次安全检查。")
    assert (c.kind, c.comparator, c.value, c.period) == ("frequency", "at_least", 1.0, "两周")
    (c,) = found("学校每两周开展一次安全检查。")  # as with 每
    assert c.period == "两周"


def test_a_window_a_delay_or_an_age_in_weeks_is_no_period() -> None:
    assert all(c.period != "两周" for c in found("两周内完成一次全面排查。"))
    assert all(c.period != "2月" for c in found("2个月后组织一次复查。"))
    assert all(c.period is None for c in found("小班(3-4周岁)25人。"))


# -- a standards table from a PDF's text layer, its cells apart by spaces, with a unit column -------------------------

SPACED_UNIT_TABLE = (
    "某市中小学校舍建设标准\n"
    "项目{gap}单位{gap}小学{gap}初中\n"
    "生均校舍建筑面积{gap}平方米{gap}8{gap}10\n"
    "图书馆生均藏书{gap}册{gap}30{gap}40\n"
    "百名学生计算机{gap}台{gap}15{gap}20\n"
)


@pytest.mark.parametrize("gap", [" ", "   ", "\u3000"])
def test_a_standards_table_apart_by_spaces_with_a_unit_column_is_read_cell_by_cell(gap: str) -> None:
    text = SPACED_UNIT_TABLE.format(gap=gap)
    got = [(c.subject, c.value, c.unit, c.stages) for c in extract(text, doc="t.txt") if c.kind == "count"]
    assert got == [
        ("生均校舍建筑面积", 8.0, "平方米", ("primary",)),
        ("生均校舍建筑面积", 10.0, "平方米", ("junior",)),
        ("图书馆生均藏书", 30.0, "册", ("primary",)),
        ("图书馆生均藏书", 40.0, "册", ("junior",)),
        ("百名学生计算机", 15.0, "台", ("primary",)),
        ("百名学生计算机", 20.0, "台", ("junior",)),
    ]
    # every quote is found again in the text as it was given
    assert all(c.quote in text for c in extract(text, doc="t.txt"))


# -- an equipment list from a PDF's text layer: 编号 名称 规格型号 单位 数量, its cells apart by spaces ----------------

EQUIPMENT_LIST = (
    "普通初中化学实验室设备配备标准\n"
    "编号{gap}名称{gap}规格型号{gap}单位{gap}数量\n"
    "1{gap}书写板{gap}4000mm×1200mm{gap}块{gap}1\n"
    "2{gap}实验桌{gap}双人{gap}张{gap}25\n"
    "3{gap}通风橱{gap}标准型{gap}台{gap}2\n"
)


@pytest.mark.parametrize("gap", [" ", "  ", "\t"])
def test_an_equipment_list_names_each_thing_by_its_name_column_not_its_model(gap: str) -> None:
    text = EQUIPMENT_LIST.format(gap=gap)
    got = [(c.subject, c.comparator, c.value, c.unit) for c in extract(text, doc="t.txt") if c.kind == "count"]
    assert got == [("书写板", "at_least", 1.0, "块"), ("实验桌", "at_least", 25.0, "张"), ("通风橱", "at_least", 2.0, "台")]


def test_a_single_row_under_such_a_header_is_no_table() -> None:
    text = "某县教育局通知\n名称 单位 数量\n书写板 块 1\n"
    assert [c for c in extract(text, doc="t.txt") if c.kind == "count"] == []


# -- fixed phrases: 只增不减 (no less than last year), 零拒绝 (no child refused) ---------------------------------------


def test_no_less_than_last_year_is_a_ratio_of_at_least_one_and_the_national_slogan_stays_a_slogan() -> None:
    (c,) = found("确保教育经费只增不减。")
    assert (c.kind, c.comparator, c.value, c.period, c.scope) == ("ratio", "at_least", 1.0, "年", "region")
    assert found("落实“两个只增不减”要求。") == []  # the labelled set's call: a slogan, its 两 no count


def test_no_child_refused_is_a_count_of_at_most_none() -> None:
    (c,) = found("适龄残疾儿童入学零拒绝。")
    assert (c.kind, c.comparator, c.value) == ("count", "at_most", 0.0)


# -- a label and its figure apart by a colon: "每天体育活动时间：不少于1小时" ------------------------------------------


def test_the_period_in_a_label_before_a_colon_is_the_figures() -> None:
    (c,) = found("每天体育活动时间：不少于1小时。")
    assert (c.kind, c.value, c.period) == ("duration", 60.0, "天")
    (c,) = found("体育活动时间：不少于1小时。")  # no period said, none given
    assert c.period is None


def test_a_ratio_that_names_no_staff_takes_the_staff_of_the_clause_before() -> None:
    found_here = found("每校至少配备1名专职心理健康教师，每600名学生增配1名。")
    (ratio,) = [c for c in found_here if c.kind == "ratio"]
    assert ratio.subject == "心理健康教师" and abs(ratio.value - 1 / 600) < 1e-6


# -- a draft item titled by a table row's quote takes the row's last cell, not the row's name cells before it ----------


def test_a_draft_item_from_a_table_row_is_titled_by_the_cell_that_says_it() -> None:
    text = "某县中小学办学水平督导评估细则\n一级指标\t二级指标\t评估内容及标准\t分值\n办学条件\t师资配备\t专任教师学历合格率达到100%\t5\n"
    info = PlanInfo(file="t.txt", title="某县中小学办学水平督导评估细则", issuer="某县教育局", region=None, year=2026, short_title="细则")
    draft = draft_rubric(extract(text, doc="t.txt"), text, info, "t-2026")
    titles = [i["title"] for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    assert titles == ["专任教师学历合格率达到100%"]
