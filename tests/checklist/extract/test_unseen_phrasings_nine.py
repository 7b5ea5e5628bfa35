"""Phrasings brought in by the ninth batch of development texts (issue 14, c64–c69: two 2024 bureau
plans, two 2020 ones, a 十四五 plan and 东坡区's 规范办学行为 专项督导检查表, a form each school fills
in). Each test reads a class of phrasing with a sentence from one of those texts, and most also give a
sentence that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from tests.checklist.extract.conftest import numeric, of_kind

# c68: the check table, flattened into one line under a site's bullet menu
FORM = (
    "首页\n    • 文档分类\n"
    "    • 东坡区中小学校规范办学行为专项督导检查表 1、开齐开足课程:课程计划:小学:音乐2、体育 3-4、美术 2、"
    "信息技术1大课间体育活动25-30 分钟,眼保健操上下午各一次, 5 分钟 /次每天体育锻炼不少于1 小时"
    "2、严格控制课外作业量:小学一、二年级不留家庭作业,其余年级书面家庭作业控制在1 小时之内"
    "3、严格作息时间:在校学习时间:小学、初中、高中分别不超过6、7、8 小时,但补课时间不超过假期1/3\n"
)


def test_a_long_line_under_a_bullet_is_text_not_a_menu() -> None:
    quantities = [c for c in extract(FORM, doc="t.txt") if c.is_quantitative]
    assert len(quantities) >= 10
    # … and the form's title (专项督导检查表) does not make the school's numbers the inspectorate's
    assert {c.scope for c in quantities} == {"school"}
    # a short bullet line is still a menu
    assert [c for c in extract("    • 每学期2次\n1.每学期开展1次演练。\n", doc="t.txt") if c.value == 2] == []


def test_a_timetable_s_lessons_a_week_by_subject() -> None:
    cands = [c for c in extract(FORM, doc="t.txt") if c.origin == "course_hours"]
    assert [(c.subject, c.comparator, c.value, c.value_max, c.period) for c in cands] == [
        ("音乐课", "at_least", 2, None, "周"),
        ("体育课", "between", 3, 4, "周"),
        ("美术课", "at_least", 2, None, "周"),
        ("信息技术课", "at_least", 1, None, "周"),
    ]
    # without a timetable nearby, "体育 3" is no number of lessons
    assert [c for c in numeric("体育 3组比赛。") if c.origin == "course_hours"] == []


def test_numbers_listed_for_each_stage() -> None:
    cands = numeric("在校学习时间:小学、初中、高中分别不超过6、7、8 小时。")
    assert [(c.comparator, c.value, c.stages) for c in cands] == [
        ("at_most", 360, ("primary",)),
        ("at_most", 420, ("junior",)),
        ("at_most", 480, ("senior",)),
    ]


def test_twice_a_day_and_a_fraction_of_the_holiday() -> None:
    [eyes] = [c for c in numeric("眼保健操上下午各一次。") if c.kind == "frequency"]
    assert (eyes.value, eyes.period) == (2, "天")
    [share] = numeric("但补课时间不超过假期1/3。")
    assert (share.kind, share.comparator, share.value) == ("ratio", "at_most", 0.3333333)
    # a date written with slashes is no fraction
    assert numeric("于2024/9/1开学。") == []


def test_no_homework_for_the_first_two_grades_is_a_ban() -> None:
    [ban] = of_kind("小学一、二年级不留家庭作业。", "prohibition")
    assert ban.stages == ("primary",)
    [ban] = of_kind("小学一二年级不布置家庭书面作业。", "prohibition")
    # 不留死角 is thoroughness, not a ban
    assert of_kind("排查不留死角。", "prohibition") == []
