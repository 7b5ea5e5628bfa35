"""Phrasings brought in by the seventh batch of development texts (issue 14, c52–c57: 扬州's 家访月
notice, 甘肃's 心理咨询室 standard, 山西's 办学标准, 启东's drill notice, 临渭's blizzard notice and a
kindergarten's daily routine). Each test reads a class of phrasing with a sentence from one of those
texts, and most also give a sentence that must not be read so.
"""

from __future__ import annotations

from tests.checklist.extract.conftest import numeric, of_kind

# -- what is produced each period -----------------------------------------------------------------------


def test_a_piece_of_writing_every_period_is_a_frequency() -> None:
    # c52, c53
    [c] = numeric("各县(市、区)、功能区每周向市教育局报送一篇家访活动图文报道,报送邮箱:yzjcjy@163.com")
    assert (c.kind, c.value, c.unit, c.period) == ("frequency", 1, "篇", "周")
    [c] = numeric("④每学年有3个案例分析报告")
    assert (c.kind, c.value, c.period) == ("frequency", 3, "学年")
    # without a period it is a count
    [c] = numeric("报送家访手记不少于20篇。")
    assert (c.kind, c.value) == ("count", 20)


# -- staff and rooms ------------------------------------------------------------------------------------


def test_staff_counted_after_their_noun_in_a_chinese_numeral() -> None:
    # c53
    cands = numeric("参加培训15课时以上的兼职心理健康教师二名。")
    assert [(c.kind, c.value, c.unit) for c in cands] == [("count", 15, "课时"), ("count", 2, "名")]
    # a Chinese numeral without a staff noun before it is still no number: "这二名同学"
    assert numeric("表扬了二名同学。") == []


def test_an_area_written_with_the_square_metre_sign() -> None:
    # c53
    [c] = numeric("使用面积在40㎡以上。")
    assert (c.value, c.unit, c.comparator) == (40, "平方米", "at_least")
    # "在40" without the sign is no area
    assert numeric("使用面积在40左右。") == []


# -- planning by population -----------------------------------------------------------------------------


def test_a_school_for_so_many_people_is_a_planning_count() -> None:
    # c54
    cands = numeric("农村初中原则上以乡镇为单位设置,1.5-2万人口的乡镇设置一所,3万人口以上的乡(镇)可以设置两所。")
    assert [(c.value, c.unit) for c in cands] == [(1, "所"), (2, "所")]
    assert {c.scope for c in cands} == {"region"}
    # 一所 in an ordinary sentence stays unread
    assert numeric("这是一所百年老校。") == []


# -- days off and windows -------------------------------------------------------------------------------


def test_a_day_off_is_a_length_of_time() -> None:
    # c56
    [c] = numeric("全区所有初中、小学、幼儿园明天(11月23日)放假一天,高中不上早、晚自习,按时上课。")
    assert (c.kind, c.value, c.unit) == ("duration", 1, "天")


def test_a_window_of_dates_is_a_deadline() -> None:
    # c52, c55
    for sentence, words in (
        ("1.活动时间:2023年9月至10月中旬。", "2023年9月至10月中旬"),
        ("第二阶段:入户家访(9月上旬至10月上旬)。", "9月上旬至10月上旬"),
        ("学校演练时间:9月14日-18日。", "9月14日-18日"),
    ):
        [c] = of_kind(sentence, "deadline")
        assert words in c.quote
