"""Phrasings found in session 16 by writing the common requirements of plans and standards in other shapes (issue 14):
numbered items run into one line apart by spaces (a web page flattened), an area whose unit is the ㎡ sign with its
bound next to the number, a stage's figure after a comma with the area named once before it, and the later ordinals
of a list after 第 (第2、3条). Sentences written for these tests; each class has a case that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from checklist.extract.text import normalise

HEAD = "某县教育局关于做好有关工作的通知\n"


def readings(text: str) -> list[tuple[str, str | None, float | None, str | None, str | None]]:
    return [
        (c.kind, c.comparator, c.value, c.unit, c.period)
        for c in extract(text, doc="t.txt")
        if c.kind in ("duration", "frequency", "ratio", "count", "coverage")
    ]


def quotes(text: str) -> list[str]:
    return [c.quote for c in extract(text, doc="t.txt") if c.kind in ("duration", "frequency", "count")]


# -- numbered items run into one line --------------------------------------------------------------------------


def test_numbered_items_run_into_one_line_are_read_one_by_one() -> None:
    text = HEAD + "二、办学条件 1.生均教学用房面积达到4.5平方米 2.每个班级配备多媒体设备1套 3.体育场地生均不少于7平方米"
    assert quotes(text) == ["生均教学用房面积达到4.5平方米", "每个班级配备多媒体设备1套", "体育场地生均不少于7平方米"]
    # each item's own words only: the item before it is no part of its subject
    assert next(c.subject for c in extract(text) if c.kind == "count") == "生均教学用房面积"


def test_bracketed_and_spaced_item_numbers_run_into_one_line_split_too() -> None:
    text = HEAD + "三、工作要求 （1）每学期开展安全演练不少于2次 （2）每月开展1次安全检查"
    assert quotes(text) == ["每学期开展安全演练不少于2次", "每月开展1次安全检查"]
    assert readings(HEAD + "（一）课后服务 1. 每周5天 2. 每天不少于2小时") == [
        ("frequency", "at_least", 5.0, "天", "周"),
        ("duration", "at_least", 120.0, "分钟", "天"),
    ]


def test_a_lone_number_after_a_space_or_a_timetable_list_is_no_run_of_items() -> None:
    # one number after a space is no run: the space goes as a stray one
    assert "\n" not in normalise("学校每学期 2、开展演练").text
    # a timetable's figures apart by spaces are a list of lessons, not items 2 and 3
    assert "\n" not in normalise("课程计划:音乐2、体育 3、美术 2、信息技术 1、地方课程3").text
    # items of two styles in one line do not make a run of either
    assert "\n" not in normalise("要求如下 1.按时到校 （2）按时离校").text


# -- an area: the ㎡ sign with its bound, a stage's figure after a comma ----------------------------------------


def test_an_area_given_by_its_sign_with_a_bound_next_to_the_number() -> None:
    assert readings("初中≥5.8㎡。") == [("count", "at_least", 5.8, "平方米", None)]
    assert readings("生均教学及辅助用房面积小学≥4.5㎡,初中≥5.8㎡。") == [
        ("count", "at_least", 4.5, "平方米", None),
        ("count", "at_least", 5.8, "平方米", None),
    ]
    # the sign without a bound next to the number sets no floor of its own
    assert readings("实验室一间约90㎡。") == []


def test_a_stage_figure_after_a_comma_takes_the_area_named_before_it() -> None:
    assert readings("生均面积小学≥4.5,初中≥5.8。") == [
        ("count", "at_least", 4.5, "平方米", None),
        ("count", "at_least", 5.8, "平方米", None),
    ]
    assert [c.stages for c in extract("生均面积小学≥4.5,初中≥5.8。")] == [("primary",), ("junior",)]
    # with no area named in the sentence, a bare figure after a stage is not an area
    assert readings("学生人数小学≥45,初中≥50。") == []


# -- the later ordinals of a list after 第 -------------------------------------------------------------------------


def test_the_later_ordinals_of_a_list_after_di_are_no_counts() -> None:
    assert readings("第2、3条规定的学校,每天不少于1小时。") == [("duration", "at_least", 60.0, "分钟", "天")]
    assert readings("依照第十、十一条处理。") == []
    # a count after a list that has no 第 is still a count
    assert readings("每校配备2、3名专职保安。") != []


# -- a page that sets each line of a PDF apart: the number after a comparator, the square of m² ------------------


def test_an_area_whose_number_and_square_stand_on_lines_of_their_own() -> None:
    text = "三、园舍\n生均绿化面积不少于\n\n2m\n\n2;园内无有毒植物。\n"
    assert readings(text) == [("count", "at_least", 2.0, "平方米", None)]
    assert readings("生均绿化面积不少于1.5m\n2;布局合理。") == [("count", "at_least", 1.5, "平方米", None)]
    # a heading ending on a comparator's word does not swallow the next line's item number
    assert readings("一、要求如下\n\n2.每周开展1次安全检查。") == [("frequency", "at_least", 1.0, "次", "周")]
    # a line that ends on an m, then a figure 2 on its own line, is no area when no number comes before the m
    assert readings("学校建有200m\n跑道。") != [("count", "at_least", 200.0, "平方米", None)]


# -- a time the school day is extended to ----------------------------------------------------------------------


def test_a_time_the_school_day_is_extended_to_is_its_end_time() -> None:
    found = [
        (c.kind, c.comparator, c.value, c.stages)
        for c in extract("课后服务时间小学延长至17:30;初中延长至18:00。", doc="t.txt")
        if c.kind == "deadline"
    ]
    assert found == [("deadline", "equal", 1050.0, ("primary",)), ("deadline", "equal", 1080.0, ("junior",))]
    assert [c.value for c in extract("放学时间可推迟到17:30。") if c.kind == "deadline"] == [1050.0]
    # a meeting extended to a time, or a call centre's hours, are no times of the school day
    assert [c for c in extract("会议延长至17:30。") if c.kind == "deadline"] == []
    assert [c for c in extract("咨询电话服务时间延长至20:00。") if c.kind == "deadline"] == []


# -- a standards table flattened with spaces under a header of stage columns ----------------------------------------


def stage_readings(text: str) -> list[tuple[str, float | None, str | None, tuple[str, ...]]]:
    return [(c.comparator or "", c.value, c.unit, c.stages) for c in extract(text, doc="t.txt") if c.kind == "count"]


def test_a_standards_table_flattened_with_spaces_reads_a_value_a_stage() -> None:
    text = (
        HEAD + "义务教育学校办学条件标准 项目 小学 初中 生均校舍建筑面积（平方米） 8.5 10.2 "
        "生均体育运动场地面积（平方米） 7 9 班额（人） 45 50 图书（册/生） 25 35\n"
    )
    assert stage_readings(text) == [
        ("at_least", 8.5, "平方米", ("primary",)),
        ("at_least", 10.2, "平方米", ("junior",)),
        ("at_least", 7.0, "平方米", ("primary",)),
        ("at_least", 9.0, "平方米", ("junior",)),
        ("at_most", 45.0, "人", ("primary",)),
        ("at_most", 50.0, "人", ("junior",)),
        ("at_least", 25.0, "册", ("primary",)),
        ("at_least", 35.0, "册", ("junior",)),
    ]
    # a pupil's sports ground is a standard each school meets
    assert {c.scope for c in extract(text) if c.kind == "count"} == {"school"}


def test_a_spaced_table_with_its_header_on_a_line_of_its_own_and_three_stages() -> None:
    text = "表1 办学条件标准\n指标 小学 初中 高中\n生均校舍建筑面积（平方米） 8 10 12\n班额（人） 45 50 50\n"
    assert [(v, s) for _, v, _, s in stage_readings(text)] == [
        (8.0, ("primary",)),
        (10.0, ("junior",)),
        (12.0, ("senior",)),
        (45.0, ("primary",)),
        (50.0, ("junior",)),
        (50.0, ("senior",)),
    ]


def test_stage_names_in_prose_with_spaced_figures_make_no_table() -> None:
    # one row is no table: the spaces go as stray ones
    assert "\t" not in normalise("覆盖 小学 初中 两个学段 共 12 所").text
    assert "\t" not in normalise("学段 小学 初中 班额（人） 45 50 。").text
    # a row whose values do not fill every stage's column is not read as one
    assert "\t" not in normalise("项目 小学 初中 高中 班额（人） 45 50 图书（册） 25 35").text


# -- an assessment table's rows flattened with spaces: the points and deduction cells end what a row checks ----------

SCORE_LINE = (
    HEAD + "学校考核评分表 一级指标 二级指标 评分标准 分值 办学行为（20分） 课时 严格执行课程计划，每周体育课小学不少于4节、"
    "初中不少于3节 5 发现1次扣1分 作业 小学一二年级不布置书面家庭作业，其他年级每天书面作业不超过60分钟 5 超时扣2分 "
    "安全 每学期开展应急疏散演练不少于2次 4 少1次扣2分\n"
)


def test_a_spaced_assessment_row_ends_at_its_points_and_deduction() -> None:
    found = [(c.kind, c.value, c.stages, c.quote) for c in extract(SCORE_LINE, doc="t.txt") if c.is_quantitative]
    assert found == [
        ("frequency", 4.0, ("primary",), "每周体育课小学不少于4节"),
        ("frequency", 3.0, ("junior",), "初中不少于3节"),
        ("duration", 60.0, ("primary",), "其他年级每天书面作业不超过60分钟"),
        ("frequency", 2.0, (), "安全 每学期开展应急疏散演练不少于2次"),
    ]


def test_a_deduction_for_falling_short_restates_no_requirement_of_its_own() -> None:
    text = HEAD + "项目 内容 分值 评分标准 体育活动 学生每天校内体育活动时间不少于1小时 10 不足1小时扣5分\n"
    assert readings(text) == [("duration", "at_least", 60.0, "分钟", "天")]
    # a figure with spaces around it but no deduction after it is no points cell
    assert "\t" not in normalise("每天不少于 2 次 开展活动").text


# -- a standards table whose value cells carry their units, and one a page sets out with bars ------------------------


def test_value_cells_that_carry_their_units_under_stage_columns() -> None:
    tabbed = "指标\t小学\t初中\n生均校舍建筑面积\t≥8.5㎡\t≥10.2㎡\n班额\t≤45人\t≤50人\n"
    spaced = "指标 小学 初中\n生均校舍建筑面积 ≥8.5㎡ ≥10.2㎡\n生均体育场地面积 ≥7㎡ ≥9㎡\n班额 ≤45人 ≤50人\n"
    expected = [
        ("at_least", 8.5, "平方米", ("primary",)),
        ("at_least", 10.2, "平方米", ("junior",)),
        ("at_most", 45.0, "人", ("primary",)),
        ("at_most", 50.0, "人", ("junior",)),
    ]
    # each value read once, as its column's
    assert stage_readings(tabbed) == expected
    assert [r for r in stage_readings(spaced) if r[1] not in (7.0, 9.0)] == expected
    # a figure with its unit in a table of no stages and with no sign is a figure told, not read as a standard's floor
    told = [(c.comparator, c.value, c.origin) for c in extract("项目\t现状\n在校学生数\t1200人\n") if c.kind == "count"]
    assert told == [("equal", 1200.0, "number")]


def test_a_table_set_out_with_bars_is_read_cell_by_cell() -> None:
    text = "| 项目 | 小学 | 初中 |\n| 生均校舍建筑面积（平方米） | 8.5 | 10.2 |\n| 班额（人） | 45 | 50 |\n"
    assert stage_readings(text) == [
        ("at_least", 8.5, "平方米", ("primary",)),
        ("at_least", 10.2, "平方米", ("junior",)),
        ("at_most", 45.0, "人", ("primary",)),
        ("at_most", 50.0, "人", ("junior",)),
    ]
    # a row of a task table keeps to its row: the header's words are no part of its quote
    task = "序号 | 主要任务 | 牵头领导 | 责任科室 |\n1 | 举办少儿艺术活动100场次以上。 | 张三 | 宣教科 |\n"
    assert [c.quote for c in extract(task) if c.kind == "count"] == ["1 | 举办少儿艺术活动100场次以上"]
    # one bar in a sentence is no table
    assert "\t" not in normalise("选择 A | B 两种方式之一。").text


# -- an age ceiling said with 不得高于, a range of school sizes as a condition, round-the-clock duty ------------------


def test_an_age_ceiling_said_with_not_higher_than() -> None:
    assert readings("专职保安年龄不得高于50周岁。") == [("count", "at_most", 50.0, "周岁", None)]
    # an age that names who is meant sets no ceiling
    assert readings("超过60周岁的教师可以申请退休。") == []


def test_a_range_of_school_sizes_names_which_schools_and_is_no_count() -> None:
    text = "1000人以下的学校配备1-2名门卫,1000-3000人的学校配备2-4名门卫。"
    assert [(c.comparator, c.value, c.value_max) for c in extract(text) if c.kind == "count"] == [
        ("between", 1.0, 2.0),
        ("between", 2.0, 4.0),
    ]


def test_round_the_clock_duty_and_recording_are_no_durations() -> None:
    assert readings("校门口24小时有人值守。") == []
    assert readings("监控系统24小时进行图像记录。") == []
    # a length within which to act still is one
    assert readings("发现问题须在24小时内报告。") == [("duration", "at_most", 1440.0, "分钟", None)]


# -- a share of those that do something: the number says which are counted ----------------------------------------


def test_the_figure_inside_a_share_of_schools_is_no_requirement_of_its_own() -> None:
    text = "粤东西北地区于2025年秋季学期落实每天1节体育课的学校比例不少于50%。"
    assert [(k, c, v) for k, c, v, _, _ in readings(text)] == [("ratio", "at_least", 0.5)]
    assert [(k, v) for k, _, v, _, _ in readings("每天锻炼1小时的学生比例达到90%以上。")] == [("ratio", 0.9)]
    # the same figure said as a rule is one
    assert readings("每天锻炼1小时。") == [("duration", "at_least", 60.0, "分钟", "天")]


# -- parts numbered with Roman numerals, items with bullets ----------------------------------------------------------


def test_parts_numbered_with_roman_numerals_and_bulleted_items() -> None:
    text = "某县教育局2025年工作要点\nⅠ．体育工作\n● 学生每天校内体育活动时间不少于1小时\nⅡ．安全工作\n1) 每月开展1次安全隐患排查\n"
    found = [(c.clause_path, c.quote) for c in extract(text) if c.is_quantitative]
    assert found == [("I、", "学生每天校内体育活动时间不少于1小时"), ("II、（1）", "每月开展1次安全隐患排查")]
    # a Roman numeral that names a class or a level opens no part
    assert [c.clause_path for c in extract("Ⅲ级学校每学期开展2次演练。") if c.is_quantitative] == [""]


# -- a plan's look back, a programme named 全员培训, a total that owes no period to the sentence before -----------------


def test_a_plans_look_back_at_the_period_before_it_sets_no_target() -> None:
    text = (
        "某市教师培训“十四五”规划\n一、发展背景\n“十三五”期间,全市共投入培训资金约1000万元,评为特级教师6人。\n"
        "二、主要目标\n到2025年,每名教师每年参加培训不少于72学时。\n"
    )
    assert readings(text) == [("frequency", "at_least", 72.0, "学时", "年")]


def test_a_programme_named_full_staff_training_is_no_coverage() -> None:
    assert readings("制定2024-2025学年度中小学幼儿园教师全员培训实施方案。") == []
    assert readings("实施教师全员培训。") == [("coverage", "equal", 1.0, "比例", None)]


def test_a_total_in_the_next_sentence_owes_no_period_to_one_said_without_each() -> None:
    text = "三、培训形式\n学年度培训总学时不少于72学时。其中集中培训不少于18学时。新任教师培训不少于120学时。\n"
    assert [(k, v, p) for k, _, v, _, p in readings(text)] == [
        ("frequency", 72.0, "年"),
        ("frequency", 18.0, "年"),  # a share of the year's total keeps its year
        ("count", 120.0, None),
    ]
    # said for each day, the next sentence's amount of the same unit keeps the day
    text = "每天课后服务时间小学两课时。有需求的初中学校可开设晚自习,原则上不超过两课时。"
    assert [(k, p) for k, _, _, _, p in readings(text)][-1] == ("frequency", "天")


# -- a class's size in Chinese numerals after its ages in brackets or 一般 -------------------------------------------


def test_class_sizes_in_chinese_numerals_after_ages_in_brackets() -> None:
    text = "城市园:小班(3-4周岁)二十五人，中班(4-5岁)三十人，混合班三十人。"
    assert [(c.value, c.scope) for c in extract(text) if c.kind == "count"] == [
        (25.0, "school"),
        (30.0, "school"),
        (30.0, "school"),
    ]
    assert [v for _, _, v, _, _ in readings("农村园:小班一般二十五人，中班一般三十人。")] == [25.0, 30.0]
    assert [v for _, _, v, _, _ in readings("每班三十人。")] == [30.0]
    # a class of a stage (初中班) is no class size's cue
    assert readings("初中班三十人。") == []
