"""Phrasings brought in by the sixth batch of development texts (issue 14, c46–c51: a district's
progress table, a 政府工作报告 task table, a 任务清单 notice, a city's 2025 要点, a 课后服务 evaluation
scheme and 重庆's 教育督导条例), and the rows of an assessment table (A1/B1/C1 codes, points, 扣分
rules), which c42 of the fifth batch and the tables the project is judged on are written in. Each test
reads a class of phrasing, and most also give a sentence that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from checklist.extract.plans import propose_title
from checklist.outline import outline
from tests.checklist.extract.conftest import numeric, of_kind

TABLE = (
    "中小学校办学水平督导评估细则\n"
    "A1 学校管理（20分）\n"
    "B1 规范办学（10分）\n"
    "C1 开齐开足体育课，小学1-2年级每周4节，3-6年级每周3节（3分）。未达到要求的不得分。\n"
    "C2 学生体质健康达标率达到95%以上（4分），每降低1个百分点扣0.5分。\n"
    "C3 班额不超过45人（2分），每超1人扣0.2分。\n"
    "C4 家长学校每学期授课不少于2次 2分 查阅资料\n"
)

# -- assessment tables ----------------------------------------------------------------------------------


def test_indicator_codes_open_clauses_nested_by_level() -> None:
    paths = [c.path for c in outline(TABLE) if c.label]
    assert paths == ["A1", "A1B1", "A1B1C1", "A1B1C2", "A1B1C3", "A1B1C4"]
    # a code inside a sentence, or a word like C2C, opens nothing
    assert [c.label for c in outline("本站为C2C交易平台。\nA4纸打印。\n") if c.label] == []


def test_a_row_s_points_and_deductions_are_not_requirements() -> None:
    cands = [c for c in extract(TABLE, doc="t.txt") if c.is_quantitative]
    assert [(c.clause, c.kind, c.value) for c in cands] == [
        ("C1", "frequency", 4),
        ("C1", "frequency", 3),
        ("C2", "ratio", 0.95),
        ("C3", "count", 45),
        ("C4", "frequency", 2),
    ]
    # the points and the method column stay out of the quote and the subject
    assert [c.quote for c in cands][-1] == "家长学校每学期授课不少于2次"
    assert cands[1].subject == "体育课（3-6年级）"  # the lessons provided, not «开齐开足» (how they are)
    # "不得分" is how a row is scored, not a ban
    assert [c for c in extract(TABLE, doc="t.txt") if c.kind == "prohibition"] == []


def test_a_deduction_rate_is_no_threshold_but_a_floor_is() -> None:
    assert numeric("少一次扣1分。") == []
    [c] = numeric("每学期不少于一次，少一次扣1分。")
    assert (c.kind, c.value) == ("frequency", 1)


# -- progress reports -----------------------------------------------------------------------------------


def test_what_has_been_done_is_a_description() -> None:
    # c46's 落实情况 column
    assert numeric("目前已经完成体育健身赛事参与24850人次。") == []
    assert numeric("在朝阳中学举办了田家庵区武术大赛参与400人次。") == []
    assert numeric("龙湖教育集团民生中学等6所集团成员学校被认定为2024年儿童友好示范学校。") == []
    # an assessment criterion written in the past tense still sets a floor
    [c] = numeric("每年开展了一次以上的应急演练。")
    assert (c.kind, c.value, c.period) == ("frequency", 1, "年")


def test_a_dated_day_without_before_is_an_event() -> None:
    # c46: a contract signed on a day
    assert of_kind("于2024年5月21日签订施工合同。", "deadline") == []
    [c] = of_kind("于2024年5月31日前完成施工。", "deadline")
    assert "2024年5月31日前" in c.quote


# -- implied coverage -----------------------------------------------------------------------------------


def test_every_step_reported_to_parents_is_full_coverage() -> None:
    # c50
    [c] = of_kind("对每一环节都向家长进行反馈。", "coverage")
    assert c.value == 1.0


# -- scope ----------------------------------------------------------------------------------------------


def test_the_inspectorate_s_visits_are_the_region_s() -> None:
    # c51: how often the inspectors come, although the sentence is about schools
    [c] = numeric("对学校的经常性督导每学期不得少于两次。")
    assert (c.kind, c.value, c.scope) == ("frequency", 2, "region")
    [c] = numeric("督导小组应当在评议结束后五日内向被督导单位反馈初步督导意见。")
    assert c.scope == "region"
    # a school's own drill is still the school's
    [c] = numeric("学校每学期开展不少于两次应急演练。")
    assert c.scope == "school"


def test_investment_growth_is_the_region_s() -> None:
    # c47
    [c] = numeric("固定资产投资增长7.5%左右。")
    assert c.scope == "region"


# -- titles ---------------------------------------------------------------------------------------------


def test_a_page_footer_is_never_the_plan_s_title() -> None:
    # c42: a sharing site's footer is the first short line
    text = "二、义务教育段学校一级指标二级指标评估要点分值评分办法得分自评复评A1办学条件400分" * 3 + (
        "\nCopyright © 2018-2021 Wenke99.com All rights reserved\n工信部备案号:浙ICP备20026746号-2\n"
    )
    assert propose_title(text, file_name="c42.txt") == "c42"
