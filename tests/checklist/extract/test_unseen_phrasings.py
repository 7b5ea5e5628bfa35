"""Phrasings that plans the extractor had not seen brought in (issue 14), one at a time.

Each reading was missed before the development corpus grew (c18–c23: four regulations from
LawRefBook/Laws and two page excerpts); each test gives a short sentence in the words plans use
and the reading wanted, and most of them a sentence that must NOT be read as a threshold.
"""

from __future__ import annotations

from pathlib import Path

from checklist.extract import Candidate, extract
from checklist.extract.numbers import parse_number
from checklist.extract.text import Span, normalise, sentences

CORPUS = Path(__file__).parent / "corpus" / "texts"


def numeric(sentence: str) -> list[Candidate]:
    text = f"1.{sentence}"
    found = extract(text, doc="t.txt")
    for c in found:
        assert text[c.start : c.end] == c.quote
    return [c for c in found if c.is_quantitative]


def reading(c: Candidate) -> tuple[object, ...]:
    return (c.kind, c.comparator, c.value, c.value_max, c.unit, c.period)


# -- ranges and multipliers ---------------------------------------------------------------------


def test_a_fine_from_a_to_b_is_one_range() -> None:
    [c] = numeric("对驾驶人处2000元以上5000元以下的罚款。")
    assert reading(c) == ("count", "between", 2000, 5000, "元", None)
    assert c.quote == "对驾驶人处2000元以上5000元以下的罚款"


def test_ten_thousands_are_multiplied() -> None:
    assert parse_number("8万") == 80_000
    [c] = numeric("对车辆所有人处8万元以上10万元以下的罚款。")
    assert (c.comparator, c.value, c.value_max) == ("between", 80_000, 100_000)


def test_two_separate_bounds_stay_two_requirements() -> None:
    found = numeric("小学不少于2名,初中不少于3名。")
    assert sorted(c.value for c in found) == [2, 3]


def test_half_an_hour_and_a_third() -> None:
    [c] = numeric("每天锻炼不少于半小时。")
    assert (c.kind, c.value, c.unit, c.period) == ("duration", 30, "分钟", "天")
    [share] = numeric("体育课时不少于总课时的三分之一。")
    assert (share.kind, share.comparator, share.denominator) == ("ratio", "at_least", "总课时")
    assert abs(share.value - 1 / 3) < 1e-5  # type: ignore[operator]
    assert numeric("上半年完成场地改造。") == []


# -- lengths of time in years, months, weeks and days -----------------------------------------


def test_a_term_in_years_is_a_duration_in_years() -> None:
    [c] = numeric("兼职督学的任期为3年。")
    assert (c.kind, c.value, c.unit) == ("duration", 3, "年")


def test_years_of_experience_at_least() -> None:
    [c] = numeric("具有3年以上驾驶经历。")
    assert (c.kind, c.comparator, c.value, c.unit) == ("duration", "at_least", 3, "年")


def test_a_ban_for_five_years_is_a_limit_in_years() -> None:
    [c] = numeric("责令有关人员5年内不得从事学校管理事务。")
    assert (c.kind, c.comparator, c.value, c.unit) == ("duration", "at_most", 5, "年")


def test_days_weeks_and_months_with_a_cue_are_durations() -> None:
    assert reading(numeric("研学旅行每学年不少于3天。")[0]) == ("duration", "at_least", 3, None, "天", "学年")
    assert numeric("学生每学年参加劳动周不少于1周。")[0].unit == "周"
    assert (numeric("试用期为6个月。")[0].value, numeric("试用期为6个月。")[0].unit) == (6, "月")


def test_dates_horizons_and_plans_in_years_are_not_durations() -> None:
    assert numeric("用3-5年时间基本实现目标。") == []
    assert numeric("制定学校三年发展规划。") == []
    assert numeric("2024年底前完成。") == []
    assert numeric("3月5日前报送。") == []


def test_six_months_is_not_six_things() -> None:
    assert [c for c in numeric("在6个月后复查。") if c.unit == "个"] == []


def test_an_extension_in_days_is_a_limit() -> None:
    [c] = numeric("经各方当事人同意,可以延长十日。")
    assert (c.kind, c.comparator, c.value, c.unit) == ("duration", "at_most", 10, "天")


# -- every N years, twice a day ----------------------------------------------------------------


def test_once_every_three_years() -> None:
    [c] = numeric("全国中学生运动会每3年举行一次。")
    assert (c.kind, c.value, c.period) == ("frequency", 1, "3年")


def test_once_every_half_year_and_every_three_to_five_years() -> None:
    assert numeric("校车应当每半年进行一次机动车安全技术检验。")[0].period == "半年"
    [c] = numeric("应当每3至5年实施一次综合督导。")
    assert (c.kind, c.value, c.period) == ("frequency", 1, "3至5年")


def test_at_least_once_every_five_years() -> None:
    [c] = numeric("县级以上人民政府对下一级人民政府应当每5年至少实施一次专项督导。")
    assert (c.comparator, c.value, c.period) == ("at_least", 1, "5年")


def test_once_each_morning_and_afternoon_is_twice_a_day() -> None:
    [c] = numeric("每天上下午各做1次眼保健操。")
    assert (c.kind, c.value, c.period) == ("frequency", 2, "天")


def test_once_in_spring_and_once_in_autumn_is_twice_a_year() -> None:
    [c] = numeric("春秋两季各组织1次运动会。")
    assert (c.kind, c.value, c.period) == ("frequency", 2, "年")


def test_an_activity_arranged_every_day_is_at_least_once_a_day() -> None:
    [c] = numeric("普通中小学校每天应当安排课间操。")
    assert (c.kind, c.comparator, c.value, c.period) == ("frequency", "at_least", 1, "天")


def test_arrangements_as_a_noun_are_not_an_activity() -> None:
    assert numeric("制定实施计划,确定每学年校外实践教育的内容和安排。") == []


# -- ages, counts written in Chinese, terms -------------------------------------------------------


def test_an_age_required_is_read_and_an_age_group_is_not() -> None:
    found = numeric("年龄在25周岁以上、不超过60周岁。")
    assert sorted((c.comparator, c.value, c.unit) for c in found) == [
        ("at_least", 25, "周岁"),
        ("at_most", 60, "周岁"),
    ]
    assert numeric("为3岁以下婴幼儿提供托育服务。") == []
    assert numeric("凡年满六周岁的儿童应当入学。") == []


def test_one_deputy_head_in_charge() -> None:
    [c] = numeric("学校应当由一位副校(院)长主管体育工作。")
    assert (c.kind, c.value, c.unit) == ("count", 1, "位")


def test_a_chinese_numeral_followed_by_its_comparator() -> None:
    [c] = numeric("配备专职保安员三名以上。")
    assert (c.comparator, c.value) == ("at_least", 3)
    [fine] = numeric("对经营者处以五百元以下的罚款。")
    assert (fine.comparator, fine.value, fine.unit) == ("at_most", 500, "元")


def test_terms_counted_in_chinese() -> None:
    [c] = numeric("实行新任职教师城乡两个聘期捆绑聘用制度。")
    assert (c.value, c.unit) == (2, "个")


def test_more_units_of_school_standards() -> None:
    assert numeric("生均图书不少于30册。")[0].unit == "册"
    assert numeric("生均体育场地面积不少于5平方米。")[0].unit == "平方米"


# -- parity ------------------------------------------------------------------------------------


def test_not_lower_than_a_named_standard_is_parity() -> None:
    [c] = numeric("市、县人民政府制定的当地经费标准不得低于省定标准。")
    assert (c.kind, c.comparator, c.value, c.denominator) == ("ratio", "at_least", 1, "省定标准")


# -- numbers that are not requirements -----------------------------------------------------------


def test_a_definition_is_not_a_threshold() -> None:
    assert numeric("本条例所称校车,是指用于接送学生上下学的7座以上的载客汽车。") == []


def test_a_look_back_window_is_not_a_threshold() -> None:
    assert numeric("最近连续3个记分周期内没有被记满分记录。") == []


def test_what_exists_is_not_a_target() -> None:
    assert numeric("目前,全县共有136名劳动教育教师。") == []


def test_a_situation_with_a_number_is_not_a_target() -> None:
    assert numeric("校车在同方向有两条以上机动车道的道路上停靠时,后方车辆应当停车等待。") == []


# -- sentences broken across lines ----------------------------------------------------------------


def test_a_long_line_broken_mid_sentence_is_one_sentence() -> None:
    text = "各学校要严格落实学生每天校内体育活动时间,每学期组织学生体质健康测试不少于\n1次,并及时公布结果。\n(二)加强安全教育。"
    norm = normalise(text)
    spans = sentences(norm.text, Span(0, len(norm.text)))
    # the wrap is dropped from the working string (the words it broke are read whole), kept in the quote
    [joined] = [s for s in spans if "不少于1次" in norm.text[s.start : s.end]]
    assert "不少于\n1次" in norm.quote(joined.start, joined.end)
    assert not any("结果。\n(二)" in norm.text[s.start : s.end] for s in spans)
    [c] = [c for c in extract(text) if c.kind == "frequency"]
    assert (c.value, c.period) == (1, "学期")
    assert text[c.start : c.end] == c.quote


def test_a_short_heading_line_is_not_joined_to_its_text() -> None:
    text = "一、总体要求\n每学期开展一次安全检查。"
    norm = normalise(text)
    found = [norm.text[s.start : s.end] for s in sentences(norm.text, Span(0, len(norm.text)))]
    assert "一、总体要求" in found


# -- scope --------------------------------------------------------------------------------------


def test_an_inspectors_visits_to_schools_are_the_regions_work() -> None:
    [c] = numeric("督学对责任区内学校实施经常性督导每学期不得少于2次。")
    assert (c.value, c.scope) == (2, "region")


def test_a_national_sports_meeting_is_not_a_school_frequency() -> None:
    [c] = numeric("全国中学生运动会每3年举行一次。")
    assert c.scope == "region"


def test_the_new_development_texts_keep_their_numbers() -> None:
    """Spot checks on the corpus texts added for issue 14 (development texts only)."""
    text = (CORPUS / "c21_xiaoche_anquan.txt").read_text(encoding="utf-8")
    found = [c for c in extract(text, doc="c21") if c.is_quantitative]
    speeds = sorted(c.value for c in found if c.unit == "公里")
    assert speeds == [20, 60, 80]
    assert not any(c.value == 7 for c in found)  # 7座以上 is the definition of a school bus
