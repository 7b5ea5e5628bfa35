"""Phrasings brought in by the third batch of development texts (issue 14, c29–c33: 安阳's act on
planning school and kindergarten sites, 杭州's 学前教育促进条例, part of 贵州's 劳动教育 方案, 南昌县's
示范幼儿园 assessment table and 广安's reply on 手机管理). Each test reads a class of phrasing with a
sentence from one of those texts, and most also give a sentence that must not be read so.
"""

from __future__ import annotations

from tests.checklist.extract.conftest import found, numeric

# -- quotas per head of population -------------------------------------------------------------------


def test_a_quota_per_head_of_population_cues_a_chinese_numeral() -> None:
    # c29 第十一条: places planned per thousand inhabitants.
    [c] = numeric("每千人口按照四十五名幼儿配套建设相应规模幼儿园。")
    assert (c.kind, c.comparator, c.value, c.unit) == ("count", "equal", 45, "名")
    # staff per so many students is a staffing ratio (1/100), not a count of one
    [staff] = numeric("每百名学生配备一名专职教师。")
    assert (staff.kind, staff.value) == ("ratio", 0.01)
    assert numeric("每千人口中有四十五名幼儿。") == []  # no quota: 中有 names what is, not a rule


# -- areas whose unit is a symbol or is missing -----------------------------------------------------------


def test_an_area_after_its_comparator_needs_no_written_unit() -> None:
    # c32: a flattened assessment table keeps the m² apart from the numbers.
    areas = numeric("★幼儿园生均用地面积不低于10;生均建筑面积不低于3.5 基本符合 不符合 10 2 实地测查")
    assert [(c.kind, c.comparator, c.value, c.unit) for c in areas] == [
        ("count", "at_least", 10, "平方米"),
        ("count", "at_least", 3.5, "平方米"),
    ]
    [outdoor] = numeric("生均户外活动场地面积不低于2 m²。")
    assert (outdoor.value, outdoor.unit) == (2, "平方米")
    assert numeric("学校占地面积不低于2019年水平。") == []  # a year, not an area
    assert numeric("生均用地面积较上年提高了5。") == []  # no comparator before the number


# -- activities counted in 个 ---------------------------------------------------------------------------


def test_activities_counted_in_ge_with_a_period_are_a_frequency() -> None:
    # c31 三(七): themed labour activities each term.
    first, later = numeric(
        "义务教育阶段1至4年级学生每学期分别至少完成1个主题活动,5至9年级学生每学期分别至少完成2个主题活动。"
    )
    assert (first.kind, first.comparator, first.value, first.period) == ("frequency", "at_least", 1, "学期")
    assert first.grades == ("P1", "P2", "P3", "P4")
    assert (later.kind, later.value, later.scope) == ("frequency", 2, "school")
    [rooms] = numeric("每年新建2个功能教室。")
    assert rooms.kind == "count"  # things built, not activities done


# -- implied numbers -------------------------------------------------------------------------------------


def test_a_labour_week_set_every_school_year_is_once_a_year() -> None:
    # c31 (六): the 劳动周 / 劳动实践月 of the national 劳动教育 guidelines.
    [c] = [c for c in found("中小学每学年设立“千村万户”劳动实践月或劳动体验周,让学生利用寒暑假走进田间地头与农民一起劳动。") if c.kind == "frequency"]
    assert (c.comparator, c.value, c.period, c.scope) == ("at_least", 1, "学年", "school")
    assert [c for c in found("学校设立劳动实践基地。") if c.kind == "frequency"] == []


# -- who is bound ----------------------------------------------------------------------------------------


def test_xueqian_jiaoyu_jigou_is_a_kindergarten() -> None:
    # c30 第三十九条 / 第四十五条: the act's name for kindergartens.
    [c] = numeric("学前教育机构应当每年组织工作人员进行一次健康检查。")
    assert (c.kind, c.value, c.scope, c.stages) == ("frequency", 1, "school", ("kindergarten",))
    [report] = numeric("学前教育机构应当在每年第一季度向所在地的教育行政部门报送上一年度的办学情况报告。")
    assert (report.kind, report.period, report.scope) == ("frequency", "年", "school")


def test_a_size_in_classes_is_the_school_s_own() -> None:
    # c32 一/1: the size a kindergarten must have to be assessed as 示范园.
    sizes = numeric("★办园历史两年以上,办园规模农村不少于3个班,城区不少于6 个班,原则上不多于12个班。")
    assert [(c.value, c.scope) for c in sizes if c.kind == "count"] == [(3, "school"), (6, "school"), (12, "school")]
    [town] = numeric("全市新建3所公办幼儿园。")
    assert town.scope == "region"


def test_site_standards_of_a_planning_act_bind_the_planners() -> None:
    # c29 第十一条: standards the 专项规划 must meet, not a school's own requirement.
    quota, area, radius = numeric("每千人口按照四十五名幼儿配套建设相应规模幼儿园,生均用地面积不低于十五平方米,服务半径不宜超过三百米。")
    assert [c.scope for c in (quota, area, radius)] == ["region", "region", "region"]
    assert (area.value, radius.comparator, radius.value) == (15, "at_most", 300)
    [school] = numeric("学校生均用地面积不低于十五平方米。")
    assert school.scope == "school"
