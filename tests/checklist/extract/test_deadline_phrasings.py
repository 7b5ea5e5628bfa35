"""Deadlines the way bureaus write them to schools: a day of every month or week, a Chinese
date, a date things stand done by (截至), a point of the school year (学期末, 放假前, 汛期前,
本学年内, 一季度末前, 上半年). Sentences written for these tests, in the common wording of
notices; each class has a case that must not be read so.
"""

from __future__ import annotations

import pytest

from checklist.extract import extract


def kinds(text: str) -> list[tuple[str, str | None, float | None, str | None]]:
    return [(c.kind, c.comparator, c.value, c.period) for c in extract(text, doc="t.txt")]


def deadlines(text: str) -> list[str]:
    return [c.quote for c in extract(text, doc="t.txt") if c.kind == "deadline"]


def test_a_day_of_every_month_is_a_deadline_and_once_a_month_not_five_days() -> None:
    found = kinds("各学校于每月5日前上报上月学生因病缺课情况。")
    assert ("frequency", "at_least", 5.0, "月") not in found
    assert ("frequency", "at_least", 1.0, "月") in found
    assert [k for k in found if k[0] == "deadline"]
    # written with 号 or in Chinese
    assert deadlines("各校每月十日之前报送安全台账。")
    assert deadlines("各校每月15号前报送安全台账。")
    # five days a month is still five days
    days = kinds("每月安排5天开展社会实践。")
    assert ("frequency", "at_least", 5.0, "月") in days or any(k[2] == 5.0 for k in days)
    assert not [k for k in days if k[0] == "deadline"]


def test_a_day_of_every_week_is_a_deadline() -> None:
    assert deadlines("各校每周五前报送本周安全排查记录。")
    assert ("frequency", "at_least", 1.0, "周") in kinds("学校要在每周一举行升旗仪式。")


def test_a_date_in_chinese_numerals_is_a_deadline() -> None:
    assert deadlines("请各校于九月三十日前将名单报送教育股。")
    assert deadlines("十二月二十日之前完成资料归档。")


def test_as_of_a_date_is_a_deadline_unless_it_reports_what_there_is() -> None:
    assert deadlines("截至2024年12月31日，各学校完成校园视频监控联网。")
    assert deadlines("截止6月底，各学校要完成体质健康测试。")
    assert not deadlines("截至2023年底，全县共有中小学56所。")
    assert not deadlines("截至目前，已有12所学校完成改造。")


def test_a_point_of_the_school_year_is_a_deadline() -> None:
    for sentence in (
        "各学校要在学期末组织开展作业管理自查。",
        "学校要在放假前开展一次安全教育。",
        "各校要在汛期前完成校舍安全排查。",
        "本学年内，各学校要完成一次应急疏散演练。",
        "一季度末前完成课后服务经费测算。",
        "学校要于上半年完成教师全员培训。",
    ):
        assert deadlines(sentence), sentence
    # the number of times said with the point is kept: once (how often, its period not said)
    assert ("frequency", "equal", 1.0, None) in kinds("学校要在放假前开展一次安全教育。")


def test_words_that_only_look_like_a_point_of_the_year_are_not_deadlines() -> None:
    assert not deadlines("建立入学前教育管理体系。")
    assert not deadlines("幼儿入园前应当进行健康检查。")
    assert not deadlines("全年上半年工作总结已完成。")  # 上半年 without 于/在 names a period


def clock(text: str) -> list[tuple[str | None, float | None, str | None]]:
    return [(c.comparator, c.value, c.period) for c in extract(text, doc="t.txt") if c.unit == "时刻"]


def test_a_window_of_the_day_gives_its_start_and_its_end() -> None:
    assert clock("托管服务时间为每天上午8:30-下午17:30。") == [("equal", 510.0, "天"), ("equal", 1050.0, "天")]
    # the second time keeps the afternoon of the first
    assert clock("课后服务时间为下午4:30-6:00。") == [("equal", 990.0, "天"), ("equal", 1080.0, "天")]
    subjects = [c.subject for c in extract("图书馆开放时间为8:00至11:30。", doc="t.txt")]
    assert subjects == ["图书馆开放开始时间", "图书馆开放结束时间"]


def test_an_office_s_hours_to_call_are_no_window_of_a_school() -> None:
    assert clock("监督举报时间：工作日上午8:30-12:00，下午15:00-18:00。") == []
    assert clock("咨询电话：1234567（9:00-17:00）。") == []


def test_a_step_dated_to_its_month_is_a_deadline() -> None:
    for sentence in (
        "请各校于3月上旬完成自查工作。",
        "各学校于11月中下旬组织开展消防演练。",
        "各学校在12月份完成年度考核。",
        "各校于每学期第一周完成安全教育课。",
        "各校须在本月25日前报送材料。",
        "请于2024年12月20日（星期五）前报送。",
        "在当年11月30日前完成资助资金发放。",
        "于次年1月15日前报送年度报告。",
    ):
        assert deadlines(sentence), sentence
    # a month named without a step to do in it is no deadline
    assert not deadlines("在12月份的会议上，校长作了报告。")
    # a year's own month is read once, with its year
    assert len(deadlines("2024年11月30日前完成。")) == 1


def test_a_month_named_for_every_year_is_once_a_year() -> None:
    found = kinds("每年9月份，各学校开展新生入学教育。")
    assert ("frequency", "at_least", 1.0, "年") in found


def test_times_of_the_school_day_as_bureaus_write_them() -> None:
    # the evening and the afternoon are after noon
    assert clock("晚上9:30前熄灯就寝。") == [("at_most", 21 * 60 + 30, None)]
    assert clock("小学生就寝时间一般不晚于晚上9点20分。") == [("at_most", 21 * 60 + 20, None)]
    # a time with what happens at it, a time said with 为, a ratio colon
    assert clock("学生早上7点40分到校。") == [("equal", 7 * 60 + 40, None)]
    assert clock("下午4:30放学。") == [("equal", 16 * 60 + 30, None)]
    assert clock("课后服务结束时间为下午5点半。") == [("equal", 17 * 60 + 30, None)]
    assert clock("小学上午上课时间不早于8∶20。") == [("at_least", 8 * 60 + 20, None)]
    # a school's timetable is the school's
    [c] = extract("走读生早上到校时间不得早于7:30。", doc="t.txt")
    assert c.scope == "school"


def test_times_that_are_no_part_of_a_school_day() -> None:
    assert clock("会议于下午3点开始。") == []
    assert clock("人工客服工作时间:9:00-18:30") == []
    assert clock("全市共有3点位。") == []


def test_a_window_of_the_day_is_read_as_two_times_and_reviewed_as_one() -> None:
    from checklist.extract import describe, windows_joined

    found = extract("服务时间：每天上午8:30-下午17:30，学校可稍作调整。", doc="t.txt")
    assert [(c.comparator, c.value) for c in found] == [("equal", 510.0), ("equal", 1050.0)]
    [window] = windows_joined(found)
    assert (window.comparator, window.value, window.value_max) == ("between", 510.0, 1050.0)
    assert describe(window) == "8:30—17:30"
    # two limits of one sentence are two requirements, kept apart
    apart = extract("上午上课时间不早于8:20，晚上就寝时间不晚于21:30。", doc="t.txt")
    assert len(windows_joined(apart)) == len(apart) == 2


def test_a_holiday_a_week_s_day_and_the_start_of_term_as_deadlines() -> None:
    def dated(text: str) -> list[str]:
        return [c.quote for c in extract(text, doc="t.txt") if c.kind == "deadline"]

    assert dated("各学校要在寒假开始前完成安全隐患排查。") == ["寒假开始前完成安全隐患排查"]
    assert dated("各校务必于本周五下班前报送统计表。") == ["本周五下班前报送统计表"]
    assert dated("各中小学要利用暑假完成校舍维修。") != []
    assert dated("新学期开学时，各学校要在校内醒目位置公布收费项目。") != []
    assert dated("自即日起至6月30日，开展安全隐患排查整治。") != []
    # an entry into force is no deadline
    assert dated("本办法自2024年9月1日起施行。") == []
    assert dated("自2021年秋季学期起执行。") == []


def test_a_week_s_report_by_a_closing_time_a_closing_date_and_months_of_a_plan() -> None:
    def dated(text: str) -> list[str]:
        return [c.quote for c in extract(text, doc="t.txt") if c.kind == "deadline"]

    assert dated("请于每周五下午下班前报送周报。") == ["每周五下午下班前报送周报"]
    assert dated("报名截止时间：2024年5月20日。") == ["截止时间：2024年5月20日"]
    assert dated("三月份完成动员部署，四至五月开展自查，六月底前迎接督导。") == [
        "三月份完成动员部署",
        "四至五月开展自查",
        "六月底前迎接督导",
    ]
    # a month that is no step of the plan: "三月份的天气"
    assert dated("三月份的天气多变。") == []


def test_a_year_that_opens_a_step_of_the_plan() -> None:
    dated = [c.quote for c in extract("2026年对中心小学的运动场进行提质改造。", doc="t.txt") if c.kind == "deadline"]
    assert dated == ["2026年对中心小学的运动场进行提质改造"]
    # a year that opens a report is none
    assert [c for c in extract("2023年,全县共有学校56所。", doc="t.txt") if c.kind == "deadline"] == []


def test_a_date_said_with_its_comparator_is_a_deadline_quoted_with_what_it_limits() -> None:
    assert deadlines("初三年级寒假放假时间不得晚于1月25日，假期不得少于14天。") == ["初三年级寒假放假时间不得晚于1月25日"]
    assert deadlines("各校开学时间不早于2月17日。")
    assert deadlines("请各校最迟于9月30日报送名单。") == ["最迟于9月30日报送名单"]
    assert deadlines("不迟于每年3月底完成体质测试数据上报。")
    # later than a rule, not a date: no deadline
    assert not deadlines("学校晚于规定时间开学的，予以通报。")


def test_a_school_calendars_days_of_opening_and_closing_are_deadlines() -> None:
    calendar = "2024年8月31日（星期六）学生报到，9月1日正式上课。2025年1月18日开始放寒假。"
    assert deadlines(calendar) == ["2024年8月31日（星期六）学生报到", "9月1日正式上课", "2025年1月18日开始放寒假"]
    assert deadlines("各校要保证9月1日新生正式上课。")
    # a day things have been counted from is no deadline
    assert not deadlines("自2024年9月1日开学以来，学校开展安全教育3次。")
    # a day an event was held is no deadline either
    assert not deadlines("学校于2024年5月21日召开家长会。")


def test_a_calendar_date_with_its_lunar_date_a_step_handed_in_on_a_day_and_the_term_after_opening() -> None:
    assert deadlines("全市中小学校本学期于2023年2月6日(农历正月十六)统一开学。")
    assert deadlines("2023年1月11日(农历腊月二十)放假。")
    assert deadlines("请把排查统计表于9月20日交教育股。") == ["9月20日交教育股"]
    assert deadlines("秋季开学后学校推行课后服务。")
    # an entry into force is no deadline
    assert not deadlines("本方案自2021年秋季学期起执行。")


def test_a_school_calendars_days_bind_each_school_and_its_weeks_are_named() -> None:
    calendar = "全市中小学校本学期于2022年8月28日统一开学，2023年1月11日放假，共19周。"
    found = extract(calendar, doc="t.txt")
    assert [c.scope for c in found if c.kind == "deadline"] == ["school", "school"]
    assert [(c.value, c.subject) for c in found if c.kind == "duration"] == [(19.0, "本学期教学周数")]
    yearly = extract("全学年安排教学时间：义务教育学校为40周，普通高中为41周。", doc="t.txt")
    assert [c.subject for c in yearly] == ["义务教育学校学年教学周数", "普通高中学年教学周数"]


@pytest.mark.parametrize(
    "sentence",
    [
        "汛期来临前开展防汛检查。",
        "入冬前完成取暖设施检修。",
        "中考前组织一次消防演练。",
        "年内完成校舍改造。",
        "下月初上报统计表。",
        "务必于本月底前报送。",
        "于国庆节后第一周报送。",
        "在开学第一天开展安全教育。",
        "最迟不超过6月30日完成。",
    ],
)
def test_a_season_an_exam_the_first_day_of_term_or_this_months_end_is_a_deadline(sentence: str) -> None:
    assert deadlines(sentence), sentence


def test_a_span_of_years_and_a_report_of_this_month_are_no_deadline() -> None:
    assert not deadlines("三年内完成改造。")  # a length of time, read as such
    assert not deadlines("本月初已完成排查。")


def test_a_half_or_a_quarter_of_the_year_to_finish_in_is_a_deadline() -> None:
    assert deadlines("上半年完成食堂改造。") == ["上半年完成食堂改造"]
    assert deadlines("第三季度完成校车更新。") == ["第三季度完成校车更新"]
    assert deadlines("2025年上半年完成全部整改。") == ["2025年上半年完成全部整改"]
    # twice a year, each half once, is how often, not by when
    assert deadlines("上半年、下半年各开展一次应急演练。") == []


def test_a_report_due_each_month_sent_with_bao_is_once_a_month() -> None:
    found = [c for c in extract("各学校要于每月5日前将作业管理情况报县教育局。", doc="t.txt") if c.kind == "frequency"]
    assert [(c.value, c.period, c.subject) for c in found] == [(1.0, "月", "作业管理情况报县教育局")]
    assert deadlines("各学校要于每月5日前将作业管理情况报县教育局。")
    # 上报 and 报送 were read already; a 周报 or 情况报告 is a noun, not this verb
    assert [c.period for c in extract("学校每周五前报送周报。", doc="t.txt") if c.kind == "frequency"] == ["周"]
