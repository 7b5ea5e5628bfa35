"""Phrasings found in session 19 by writing the common requirements of plans, notices and regulations in other
shapes (issue 14). Sentences written for these tests; each class has a case that must still be read.
"""

from __future__ import annotations

from checklist.extract import extract

NUMERIC = ("duration", "frequency", "ratio", "count", "coverage")


def found(text: str) -> list:
    return [c for c in extract(text, doc="t.txt") if c.kind in NUMERIC]


# -- a number in the subject names which ones a rule is for: "800人以上的寄宿制学校应配备专职校医" ------------------


def test_a_size_in_the_subject_of_a_rule_is_which_schools_not_a_target() -> None:
    assert found("某县教育局通知\n800人以上的寄宿制学校应配备专职校医。\n") == []
    assert found("某县教育局通知\n规模在24个班以上的学校，应配备专职心理健康教师。\n") == []
    # the rule's own number is still read, the subject's is not
    (c,) = found("某县教育局通知\n1000人以上的学校应至少配备2名专职校医。\n")
    assert (c.kind, c.comparator, c.value) == ("count", "at_least", 2.0)


def test_a_distance_or_a_time_in_the_subject_of_a_rule_is_who_not_a_target() -> None:
    assert found("某县教育局通知\n距离学校3公里以上的学生可申请校车服务。\n") == []
    assert found("某县教育局通知\n对5年内未取得教师资格证书的人员，不得聘用。\n") == []
    assert found("某县教育局通知\n在同一学校任教6年以上的教师应交流轮岗。\n") == []


def test_a_number_set_as_a_target_before_the_same_words_is_still_read() -> None:
    (c,) = found("某县教育局通知\n确保每天校内体育活动1小时以上的学生均达到要求。\n")
    assert (c.kind, c.value) == ("duration", 60.0)
    (c,) = found("某县教育局通知\n学校每学期至少开展2次的家长会应按时召开。\n")
    assert (c.kind, c.value, c.period) == ("frequency", 2.0, "学期")


# -- parity said in other words: 与…同等 at the end, 报酬 与…大体相当, 增幅不低于…增幅, 不低于上一年度 ----------------------


def _parity(text: str) -> tuple[str, str, float]:
    (c,) = found(f"某县教育局通知\n{text}\n")
    return (c.kind, c.comparator, c.value)


def test_a_pay_equal_to_another_groups_said_with_the_words_at_the_end_is_a_ratio_of_one() -> None:
    assert _parity("特岗教师工资待遇与当地公办教师同等。") == ("ratio", "equal", 1.0)
    assert _parity("代课教师报酬应与同岗位公办教师大体相当。") == ("ratio", "equal", 1.0)
    # treatment in named respects stays a right, not a level (as before)
    assert found("某县教育局通知\n民办学校教师在职称评定方面与公办学校教师享有同等权利。\n") == []


def test_a_growth_held_to_another_growth_or_a_level_to_last_years_is_a_ratio_of_at_least_one() -> None:
    assert _parity("教育经费投入增幅不低于财政经常性收入增幅。") == ("ratio", "at_least", 1.0)
    assert _parity("乡村教师生活补助标准不低于上一年度。") == ("ratio", "at_least", 1.0)
    # a margin in figures over last year is that number, not parity
    (c,) = found("某县教育局通知\n乡村教师生活补助标准比上一年度提高10%。\n")
    assert c.value != 1.0


# -- the same requirements with a word swapped for its synonym (as a wording-variant check of the dev labels found) ---


def test_held_above_another_level_said_with_chao_guo_is_a_ratio_of_at_least_one() -> None:
    assert _parity("各级人民政府教育财政拨款的增长应当超过财政经常性收入的增长。") == ("ratio", "at_least", 1.0)
    assert _parity("教师住房人均面积应当达到或者超过全市城镇居民的人均水平。") == ("ratio", "at_least", 1.0)
    # a size above a number is no parity
    text = "某市中小学校幼儿园规划建设办法\n建筑面积超过五万平方米不足十万平方米的住宅区，配套建设幼儿园。\n"
    assert [c for c in found(text) if c.kind == "ratio"] == []


def test_the_same_treatment_said_with_xiang_tong_is_a_ratio_of_one() -> None:
    assert _parity("普通高等院校职业师资班学生享受师范生相同待遇。") == ("ratio", "equal", 1.0)
    assert _parity("政府应当给予其与普通高等学校学生相同的贴息待遇。") == ("ratio", "equal", 1.0)


def test_each_single_period_said_with_yi_ge_is_once_a_period() -> None:
    (c,) = found("某县教育局通知\n学校每一个学期组织一次应急疏散演练。\n")
    assert (c.kind, c.value, c.period) == ("frequency", 1.0, "学期")
    (c,) = found("某县教育局通知\n幼儿园应当在每一个月召开安全工作会议。\n")
    assert (c.kind, c.value, c.period) == ("frequency", 1.0, "月")


def test_all_schools_or_pupils_said_with_quan_bu_are_covered() -> None:
    (c,) = found("某县教育局通知\n年底前完成全部学校语言文字工作达标建设。\n")
    assert (c.kind, c.value) == ("coverage", 1.0)
    (c,) = found("某县教育局通知\n一学期内30人以下的班级家访全部在校生。\n")
    assert (c.kind, c.value) == ("coverage", 1.0)


def test_a_number_of_staff_in_chinese_after_jiao_zhi_gong_is_a_count() -> None:
    (c,) = found("某县教育局通知\n每校配备兼职心理健康教职工二名。\n")
    assert (c.kind, c.value) == ("count", 2.0)


# -- comparators a standard writes: 不小于, 不得大于, 不长于 ---------------------------------------------------------


def test_not_smaller_than_is_at_least_and_not_larger_or_longer_than_is_at_most() -> None:
    (c,) = found("某省实验室装备标准\n仪器室面积应不小于40平方米。\n")
    assert (c.comparator, c.value, c.unit) == ("at_least", 40.0, "平方米")
    (c,) = found("某县教育局通知\n每班学生数不得大于45人。\n")
    assert (c.comparator, c.value) == ("at_most", 45.0)
    (c,) = found("某县教育局通知\n小学三至六年级书面作业时间不长于60分钟。\n")
    assert (c.kind, c.comparator, c.value) == ("duration", "at_most", 60.0)


# -- a standard's cases by school size and the column they go by: no targets ------------------------------------------


def test_a_schools_size_above_or_below_a_figure_and_the_column_it_goes_by_are_no_targets() -> None:
    text = "某市实验室建设标准\n注：学校规模大于36个班(6个平行班)的，以36个班(6个平行班)的数据指标为基准。\n"
    assert found(text) == []
    assert found("某市实验室装备标准\n学校规模小于12个班的可参照表中4~8个平行班的数据指标执行。\n") == []
    # a room's own size in the same note is still read
    (c,) = found("某市实验室装备标准\n学校规模大于48个班的，仪器室面积应不小于60平方米。\n")
    assert (c.comparator, c.value) == ("at_least", 60.0)


# -- what a school does each period, said with the verbs of its routine -------------------------------------------


def test_a_pupils_daily_habit_or_a_routine_of_the_school_each_period_is_once_a_period() -> None:
    for text, period in (
        ("学生每天写日记。", "天"),
        ("寄宿制学校每天测体温。", "天"),
        ("学校建立每天午休制度。", "天"),
        ("各班每周开班会。", "周"),
        ("每班每月出黑板报。", "月"),
        ("教师每周批改作文。", "周"),
        ("学校每学期播放安全教育片。", "学期"),
    ):
        (c,) = found(f"某县教育局通知\n{text}\n")
        assert (c.kind, c.comparator, c.value, c.period) == ("frequency", "at_least", 1.0, period), text


def test_issues_of_a_paper_or_a_board_put_out_each_period_are_its_frequency() -> None:
    (c,) = found("某县教育局通知\n学校每学期编发两期简报。\n")
    assert (c.kind, c.value, c.unit, c.period) == ("frequency", 2.0, "期", "学期")
    (c,) = found("某县教育局通知\n每班每月出版一期黑板报。\n")
    assert (c.kind, c.value, c.period) == ("frequency", 1.0, "月")
    # a first phase of a project is no issue put out
    assert found("某县教育局通知\n完成学校一期工程建设。\n") == []


def test_a_broadcaster_or_the_press_is_no_school() -> None:
    (c,) = found("某省终身教育促进条例\n广播电视台（站）应当保证每天一定时间用于播放终身教育节目。\n")
    assert (c.kind, c.period, c.scope) == ("frequency", "天", "region")


def test_parity_and_its_margin_said_with_bu_duo_yu_or_chao_guo() -> None:
    assert _parity("具体价格由政府有关部门核定，一般不多于其运营成本。") == ("ratio", "at_most", 1.0)
    assert _parity("教师的平均工资水平应当超过本市国家公务员的平均工资水平百分之十。") == ("ratio", "at_least", 1.1)
    assert _parity("制定超过国家标准的学生人均公用经费标准。") == ("ratio", "at_least", 1.0)


def test_free_books_for_all_pupils_said_with_quan_bu_stay_the_regions() -> None:
    (c,) = found("某县教育局通知\n对义务教育阶段全部学生免费提供教科书。\n")
    assert (c.kind, c.scope) == ("coverage", "region")


def test_a_length_held_at_least_in_each_half_of_the_day_is_that_length_twice_a_day() -> None:
    # said with 至少 as with 不少于: 30 minutes each time, twice a day (not 60 minutes a day)
    for comparator in ("至少", "不少于"):
        readings = sorted((c.kind, c.value, c.period) for c in found(f"某县教育局通知\n学校上下午各安排{comparator}30分钟大课间。\n"))
        assert readings == [("duration", 30.0, None), ("frequency", 2.0, "天")], comparator
    # a length said right after the pair is each half's, summed for the day
    (c,) = found("某县教育局通知\n学生早晚各阅读20分钟。\n")
    assert (c.kind, c.value, c.period) == ("duration", 40.0, "天")


# -- a standards table one cell a line whose rows are school sizes -------------------------------------------------

SIZE_TABLE = (
    "某市中小学功能教室配备标准\n初 中\n单位:间\n室 别\n音乐教室\n美术教室\n计算机教室\n类 别\n甲类\n乙类\n基本要求\n基本要求\n"
    "12个班及以下\n2\n1\n1\n1\n13--24个班\n3\n2\n2\n1~2\n"
)


def test_a_table_by_school_size_gives_each_cell_to_its_room_and_size_with_the_tables_unit() -> None:
    readings = [(c.value, c.value_max, c.comparator, c.unit, c.subject, c.stages, c.scope) for c in found(SIZE_TABLE)]
    assert readings == [
        (2.0, None, "at_least", "间", "音乐教室（甲类，12个班及以下）", ("junior",), "school"),
        (1.0, None, "at_least", "间", "音乐教室（乙类，12个班及以下）", ("junior",), "school"),
        (1.0, None, "at_least", "间", "美术教室（12个班及以下）", ("junior",), "school"),
        (1.0, None, "at_least", "间", "计算机教室（12个班及以下）", ("junior",), "school"),
        (3.0, None, "at_least", "间", "音乐教室（甲类，13--24个班）", ("junior",), "school"),
        (2.0, None, "at_least", "间", "音乐教室（乙类，13--24个班）", ("junior",), "school"),
        (2.0, None, "at_least", "间", "美术教室（13--24个班）", ("junior",), "school"),
        (1.0, 2.0, "between", "间", "计算机教室（13--24个班）", ("junior",), "school"),
    ]


def test_a_table_by_school_size_is_left_unread_without_its_unit_or_with_rows_of_other_widths() -> None:
    assert found(SIZE_TABLE.replace("单位:间\n", "")) == []
    assert found(SIZE_TABLE.replace("1~2\n", "")) == []  # the last row one cell short: which column is which?


def test_a_table_by_school_size_drafts_into_the_schools_conditions_and_equipment() -> None:
    from checklist.extract.draft import draft_rubric
    from checklist.extract.plans import PlanInfo

    info = PlanInfo(file="t.txt", title="某市功能教室配备标准", issuer="某市教育局", region=None, year=2024, short_title="标准")
    draft = draft_rubric(tuple(extract(SIZE_TABLE, doc="t.txt")), SIZE_TABLE, info, "t-2024")
    placed = {
        (d["title"], ind["title"], i["title"])
        for d in draft.data["dimensions"]
        for ind in d["indicators"]
        for i in ind["items"]
    }
    assert ("食堂与后勤", "办学条件与装备", "音乐教室（甲类，12个班及以下）不少于2间") in placed
    assert ("食堂与后勤", "办学条件与装备", "计算机教室（13--24个班）1—2间") in placed
    # … but the safety of a room is the campus's safety
    text = "某县教育局通知\n学校每学期对实验室危险化学品开展安全检查。\n"
    safety = draft_rubric(tuple(extract(text, doc="t.txt")), text, info, "t-2024")
    assert [d["title"] for d in safety.data["dimensions"]] == ["校园安全"]
    # every room of the table under the school's conditions, none under 学校管理 or 教学与教研 (实验员室 before)
    assert {(d, ind) for d, ind, _ in placed} == {("食堂与后勤", "办学条件与装备")}
    assert len(placed) == 8


# -- a cap or a target set with 累计, and the span it is to be reached in ---------------------------------------------


def test_a_cumulative_cap_or_target_is_read_and_its_span_is_no_length_to_keep() -> None:
    (c,) = found("某省教育厅通知\n学校设立3年内可累计新增8个专业。\n")
    assert (c.kind, c.value, c.period) == ("count", 8.0, "3年")  # within three years, not eight a year
    (c,) = found("某县教育局通知\n三年内完成校舍改造10所。\n")
    assert (c.kind, c.value, c.period) == ("count", 10.0, "3年")
    (c,) = found("某县教育局通知\n到2025年，力争累计新增公办学位3000个。\n")
    assert (c.kind, c.value) == ("count", 3000.0)
    # a figure of the past stays out, and a ban for a span of years is still that span
    assert found("某县教育局通知\n今年以来全县累计开展防溺水宣传活动20次。\n") == []
    (c,) = found("某县教育局通知\n五年内不得再担任园长职务。\n")
    assert (c.kind, c.comparator, c.value, c.unit) == ("duration", "at_most", 5.0, "年")


def test_a_table_by_school_size_with_three_levels_of_header_keeps_every_level_in_the_subject() -> None:
    text = (
        "某市功能教室配备标准\n初 中\n单位:间\n室 别\n音乐教室\n美术教室\n类 别\n甲类\n乙类\n级 别\n基本\n规划\n基本\n"
        "12个班及以下\n2\n3\n1\n13--24个班\n3\n4\n2\n"
    )
    assert [(c.value, c.subject) for c in found(text)] == [
        (2.0, "音乐教室（甲类，12个班及以下）"),
        (3.0, "音乐教室（甲类，规划，12个班及以下）"),
        (1.0, "美术教室（乙类，12个班及以下）"),
        (3.0, "音乐教室（甲类，13--24个班）"),
        (4.0, "音乐教室（甲类，规划，13--24个班）"),
        (2.0, "美术教室（乙类，13--24个班）"),
    ]
