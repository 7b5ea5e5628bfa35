"""Phrasings brought in by the thirteenth batch of development texts (issue 14, c86–c89: two
课后服务 texts, a 家庭教育指导 opinion and a 规范办学 check) and by a reading of common
wording (两个小时). Each test reads a class of phrasing, and most also give one that must not be
read so.
"""

from __future__ import annotations

from checklist.extract import extract
from tests.checklist.extract.conftest import numeric


def test_monday_to_friday_is_five_days_a_week() -> None:
    # c86: "原则上义务教育学校周一到周五都要提供课后服务"
    days = [c for c in numeric("原则上义务教育学校周一到周五都要提供课后服务。") if c.kind == "frequency"]
    assert [(c.value, c.unit, c.period, c.scope) for c in days] == [(5, "天", "周", "school")]
    # a window of the week for a ban states no number of days
    assert numeric("周一至周五晚上不得组织考试。") == []


def test_not_one_left_out_is_everyone() -> None:
    # c89: "确保一项不漏、全面整改到位"
    assert [(c.kind, c.value) for c in numeric("确保一项不漏、全面整改到位。")] == [("coverage", 1.0)]


def test_a_time_set_by_the_working_day_is_a_time_limit() -> None:
    # c86, c87: the end of after-school care against the parents' working day
    late = extract("课后服务结束时间原则上不早于当地正常下班时间。", doc="t.txt")
    assert [(c.kind, c.comparator) for c in late] == [("deadline", "at_least")]
    joined = extract("结束时间要与本区域正常下班时间相衔接。", doc="t.txt")
    assert [(c.kind, c.comparator) for c in joined] == [("deadline", "equal")]


def test_hours_counted_with_a_measure_word_are_hours() -> None:
    [c] = numeric("学生每天校外体育活动不少于两个小时。")
    assert (c.kind, c.value, c.unit, c.period) == ("duration", 120, "分钟", "天")


def test_an_amount_in_the_sentence_after_keeps_the_period_of_the_one_before() -> None:
    # c87: "原则上每天下午课后服务时间统一为:小学两课时、初中一课时。有需求的初中学校可探索开设晚自习,原则上不超过两课时。"
    text = "原则上每天下午课后服务时间统一为:小学两课时、初中一课时。有需求的初中学校可探索开设晚自习,原则上不超过两课时。\n"
    found = numeric(text)
    assert [(c.kind, c.comparator, c.value, c.period) for c in found][-1] == ("frequency", "at_most", 2, "天")
    assert "统一为" not in found[0].subject
    # without a comparator an amount after is no limit carried over (a total, a description)
    plain = numeric("每周开设体育课3课时。本学期共安排体育课48课时。\n")
    assert [(c.kind, c.period) for c in plain if c.value == 48] == [("count", None)]
