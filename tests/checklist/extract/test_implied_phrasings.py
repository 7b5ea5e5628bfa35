"""Numbers said by words, the way notices say them: once in each period (一周一次, 一学期一次,
一周一检查、一月一通报, 天天练、周周赛, 一年一度, 日巡查、周研判、月总结), every one reached
(全员覆盖, 校校有…、班班有…, 对每一名…建档), an activity every period without a number (每日清扫,
每年参加, 每月听课), days open in a week. Sentences written for these tests in the common
wording of notices; each class has a case that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract


def readings(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(c.kind, c.value, c.period) for c in extract(text, doc="t.txt") if c.kind not in ("existence",)]


def test_once_in_a_period_said_with_one() -> None:
    assert readings("班主任坚持一周一次家校联系。") == [("frequency", 1.0, "周")]
    assert readings("学校要一学期一次召开教代会。") == [("frequency", 1.0, "学期")]
    assert ("frequency", 2.0, "周") in readings("体育社团活动一周两次。")
    # 一年级 is a grade and 第一周 an ordinal: no period
    assert ("frequency", 1.0, "年") not in readings("一年级一次性发放教材。")


def test_once_in_each_period_said_by_its_words() -> None:
    assert readings("学校安全隐患排查实行一周一检查、一月一通报。") == [
        ("frequency", 1.0, "周"),
        ("frequency", 1.0, "月"),
    ]
    assert readings("学生体育锻炼做到天天练、周周赛、月月比。") == [
        ("frequency", 1.0, "天"),
        ("frequency", 1.0, "周"),
        ("frequency", 1.0, "月"),
    ]
    assert readings("学校每年举办一年一度的校园运动会。") == [("frequency", 1.0, "年")]
    assert readings("全面推行“日巡查、周研判、月总结”制度。") == [
        ("frequency", 1.0, "天"),
        ("frequency", 1.0, "周"),
        ("frequency", 1.0, "月"),
    ]
    # a slogan with 天天 is no frequency
    assert readings("好好学习，天天向上。") == []


def test_everyone_reached() -> None:
    assert readings("学校要实现心理健康测评全员覆盖。") == [("coverage", 1.0, None)]
    assert readings("各校要做到校校有安全员、班班有安全委员。") == [("coverage", 1.0, None)]
    assert readings("学校要对每一名困难学生建档立卡。") == [("coverage", 1.0, None)]
    # 班班通 is the classroom equipment, read by the lexicon, not 班班有
    assert readings("推进班班通建设。") == [("coverage", 1.0, None)]
    # a number for each one is read as that number
    assert ("coverage", 1.0, None) not in readings("对每一名学生进行2次视力筛查。")


def test_an_activity_every_period_without_a_number() -> None:
    assert readings("学校卫生间每日清扫消毒。") == [("frequency", 1.0, "天")]
    assert readings("教师每年参加继续教育。") == [("frequency", 1.0, "年")]
    assert readings("校长每月至少深入课堂听课。") == [("frequency", 1.0, "月")]
    # with a number, the number is read
    assert readings("教师每年参加继续教育不少于72学时。")[0][1] == 72


def test_days_open_in_a_week_are_a_frequency() -> None:
    [c] = [c for c in extract("图书室每周开放不少于5天。", doc="t.txt")]
    assert (c.kind, c.value, c.unit, c.period) == ("frequency", 5.0, "天", "周")


def test_a_period_said_with_an():
    assert readings("各学校按月向主管部门报送学生欠费情况。") == [("frequency", 1.0, "月")]
    assert readings("各校按季度报送课后服务开展情况。") == [("frequency", 1.0, "季度")]
    assert readings("按学期对教师进行考核。") == [("frequency", 1.0, "学期")]
    # 按月份 and 按年度预算 name how, not how often: no activity is done each period
    assert readings("按年度预算安排资金。") == []
    assert readings("工资按月份统计。") == []


def test_a_periodic_word_alone_as_the_name_of_a_rule():
    assert readings("各学校要实行安全隐患日报告、零报告制度。") == [("frequency", 1.0, "天")]
    assert readings("学校实行周例会制度。") == [("frequency", 1.0, "周")]
    assert readings("坚持日检查、周通报、月考核。") == [
        ("frequency", 1.0, "天"),
        ("frequency", 1.0, "周"),
        ("frequency", 1.0, "月"),
    ]
    # a word that ends in 日 or 月 is no period: 节日, 工作日
    assert readings("节日检查制度要落实到位。") == []


def test_a_daily_check_named_by_its_noun():
    assert readings("坚持每日晨检、午检。") == [("frequency", 1.0, "天")]
    assert readings("寄宿制学校每晚查寝。") == [("frequency", 1.0, "天")]
    # a time of the night stays the time it is
    assert readings("寄宿生每晚21:30前就寝。") == [("deadline", 1290.0, None)]


def test_all_of_them_took_part() -> None:
    assert readings("领导班子成员全部参加了校长岗位培训。") == [("coverage", 1.0, None)]
    assert readings("教师每年制定个人专业发展计划。") == [("frequency", 1.0, "年")]
    # 全部 of a list of things is no share of people
    assert readings("全部内容见附件。") == []


def test_a_record_kept_of_each_one_and_an_exchange_every_term() -> None:
    assert readings("班主任负责对每位家长的出、缺勤进行详细的记载。") == [("coverage", 1.0, None)]
    assert readings("家长学校每学期做好家庭教育经验交流工作。") == [("frequency", 1.0, "学期")]


def test_something_provided_to_each_one() -> None:
    assert readings("为所有义务教育阶段在校学生足额征订、免费发放教材。") == [("coverage", 1.0, None)]
    assert readings("为全体教师购买意外伤害保险。") == [("coverage", 1.0, None)]
    # one of them, not each: no share
    assert readings("为所有学生中的困难学生提供帮助。") == []


def test_every_other_week_and_twice_a_period_said_by_its_two_points() -> None:
    assert readings("隔周开展一次班级卫生评比。") == [("frequency", 1.0, "两周")]
    assert readings("每隔一周组织一次教研活动。") == [("frequency", 1.0, "两周")]
    assert readings("双周召开一次年级组会议。") == [("frequency", 1.0, "两周")]
    assert readings("寒暑假前各开展一次安全教育。") == [("frequency", 2.0, "年")]  # not a deadline
    assert readings("学期初、学期末各组织一次教学检查。") == [("frequency", 2.0, "学期")]


def test_so_many_times_in_each_period_said_by_its_words() -> None:
    assert readings("寄宿制学校实行一日三检制度。") == [("frequency", 3.0, "天")]
    assert readings("教职工人人签订安全责任书。") == [("coverage", 1.0, None)]


def test_a_kitchen_s_rules_every_period() -> None:
    assert readings("膳食管理小组每月定期开会。") == [("frequency", 1.0, "月")]
    assert readings("每月公布伙食帐目。") == [("frequency", 1.0, "月")]
    assert readings("每周制订适合幼儿年龄的带量食谱。") == [("frequency", 1.0, "周")]
    assert readings("保健人员每月计算幼儿的食量。") == [("frequency", 1.0, "月")]
    assert readings("学校每学期初有安全工作计划。") == [("frequency", 1.0, "学期")]
    # 有 that is not "there is one": 每年有效, 有关
    assert readings("证书每年有效。") == []


def test_cleared_to_zero() -> None:
    assert readings("控辍保学实现动态清零。") == [("count", 0.0, None)]


def test_a_point_of_the_year_or_term_with_its_piece_of_work_is_once_a_period() -> None:
    assert readings("安全工作做到年初有计划、年中有检查、年终有总结。") == [
        ("frequency", 1.0, "年"),
        ("frequency", 1.0, "年"),
        ("frequency", 1.0, "年"),
    ]
    assert ("frequency", 1.0, "学期") in readings("期末有安全工作总结。")
    # a thing to have at no point of the year is no frequency
    assert readings("学校有安全工作总结。") == []


def test_one_plan_for_each_pupil_said_either_way() -> None:
    for sentence in ("做到一生一案。", "对残疾学生落实一人一案。", "实行一生一策。", "落实一人一策。"):
        assert readings(sentence) == [("count", 1.0, None)], sentence


def test_an_activity_every_period_named_by_more_verbs_and_every_given_weekday() -> None:
    assert readings("每逢周一举行升旗仪式。") == [("frequency", 1.0, "周")]
    assert readings("每逢星期五召开班主任例会。") == [("frequency", 1.0, "周")]
    assert readings("教师每周撰写教学反思。") == [("frequency", 1.0, "周")]
    assert readings("每学年评选表彰优秀班主任。") == [("frequency", 1.0, "学年")]
    assert readings("班主任每月填写学生成长记录。") == [("frequency", 1.0, "月")]
    # a holiday that falls on a day is no weekly event
    assert readings("每逢节假日学校放假。") == []


def test_everyone_reached_said_as_none_left_out_or_all_signing() -> None:
    for sentence in (
        "确保不漏一校、不漏一生。",
        "隐患排查不留死角。",
        "安全责任做到横向到边、纵向到底。",
        "各校要做到安全教育全员、全程、全方位覆盖。",
        "中小学校全部建立家长委员会。",
        "全体教师签订师德承诺书。",
        "防溺水知识确保全员知晓。",
    ):
        assert ("coverage", 1.0, None) in readings(sentence), sentence
    # a full meeting and a single accident not left unreported are no share to reach
    assert readings("全体会议通过了决议。") == []
    assert readings("不漏报一起事故。") == []


def test_exercises_done_every_day_are_once_a_day() -> None:
    assert readings("寄宿制学校建立每天做早操制度。") == [("frequency", 1.0, "天")]
    assert readings("每天上午做眼保健操。") == [("frequency", 1.0, "天")]


def test_the_share_of_large_classes_is_a_rate_not_a_class_size() -> None:
    assert [(k, v) for k, v, _ in readings("城区学校大班额比例控制在5%以内。")] == [("ratio", 0.05)]
    assert ("count", 55.0, None) in readings("全面消除大班额。")
    assert ("count", 65.0, None) in readings("消除超大班额。")


def test_every_period_said_by_its_word_twice_by_zhu_or_with_yi() -> None:
    # 年年开展: once a year, and the item says what is done
    found = [c for c in extract("学校需年年开展消防演练。", doc="t.txt") if c.kind == "frequency"]
    assert [(c.value, c.period, c.subject) for c in found] == [(1.0, "年", "开展消防演练")]
    assert readings("学校要逐月上报学生体质监测数据。") == [("frequency", 1.0, "月")]
    assert readings("每一学年对学生开展体质健康测试。") == [("frequency", 1.0, "学年")]
    # 每年度 is a year, and the item does not keep its 度
    found = [c for c in extract("学校每年度对教师进行一次考核。", doc="t.txt") if c.kind == "frequency"]
    assert [(c.value, c.period, c.subject) for c in found] == [(1.0, "年", "学校对教师进行考核")]
    # 逐年 says a figure grows, not how often something is done
    assert readings("逐年提高教师培训经费比例。") == []


def test_everyone_reached_said_with_renren_quanyuan_or_each_one_covered() -> None:
    assert readings("学生近视筛查实现人人建档。") == [("coverage", 1.0, None)]
    assert readings("实现中小学校心理健康教育教师全员持证。") == [("coverage", 1.0, None)]
    found = [c for c in extract("家访要覆盖每一名学生。", doc="t.txt") if c.kind == "coverage"]
    assert [(c.value, c.subject) for c in found] == [(1.0, "家访要覆盖每一名学生")]
    # a slogan of everyone's duty is no share to reach
    assert readings("营造安全工作人人有责、人人有义务的氛围。") == []


def test_every_so_many_years_without_a_count_is_once_in_that_span_and_two_actors_keep_their_own() -> None:
    assert readings("学校每3年对校舍进行一次全面安全鉴定。") == [("frequency", 1.0, "3年")]
    assert readings("各县每两年举办中小学生艺术展演。") == [("frequency", 1.0, "两年")]
    found = [c for c in extract("市(州)教育行政部门每2年、县(市、区)教育行政部门每年要举办综合性的美育节。") if c.kind == "frequency"]
    assert [(c.period, c.quote) for c in found] == [
        ("2年", "市(州)教育行政部门每2年"),
        ("年", "县(市、区)教育行政部门每年要举办综合性的美育节"),
    ]
    assert {c.subject for c in found} == {"举办综合性的美育节"}
    # a count of years is a span, not a count to reach; a number of times after it is read as said
    assert readings("每2年组织一次评选。") == [("frequency", 1.0, "2年")]


def test_yearly_holidays_as_an_occasion_and_a_plan_made_each_term() -> None:
    assert readings("要以每年的劳动节、儿童节和国庆节等节日为契机，开展形式多样的艺术教育活动。") == [
        ("frequency", 1.0, "年")
    ]
    [holidays] = [c for c in extract("要以每年的劳动节、儿童节等节日为契机，开展形式多样的艺术教育活动。") if c.kind == "frequency"]
    assert holidays.subject == "开展形式多样的艺术教育活动"
    assert readings("每学期初对学生作业作出规划。") == [("frequency", 1.0, "学期")]
    assert readings("以节日为契机开展活动。") == []


def test_a_list_of_activities_each_with_its_period_reads_each_even_when_one_has_a_number() -> None:
    assert readings("全市中小学每天开展大课间活动、每周开展一次主题班会。") == [
        ("frequency", 1.0, "天"),
        ("frequency", 1.0, "周"),
    ]
    assert [r[2] for r in readings("学校每天开展晨检、每周开展卫生大扫除、每月开展安全排查。")] == ["天", "周", "月"]
    # two periods before one act stay one list of periods
    assert [r[2] for r in readings("各校每月、每学期要开展安全检查。")] == ["月", "学期"]


def test_more_acts_once_in_each_period_and_everyone_tested() -> None:
    assert readings("对校舍实行一周一巡查。") == [("frequency", 1.0, "周")]
    assert readings("学校实行一日一清扫、一周一消毒。") == [("frequency", 1.0, "天"), ("frequency", 1.0, "周")]
    assert readings("学生体质健康测试做到全员参测。") == [("coverage", 1.0, None)]
    # a date is no period: 一月一日
    assert readings("本办法自2024年一月一日起施行。") == []


def test_an_act_reaching_every_one_is_everyone_and_a_system_s_name_is_not() -> None:
    assert readings("一学期内30人以下的班级家访全部学生。") == [("coverage", 1.0, None)]
    assert readings("班主任要家访所有学生。") == [("coverage", 1.0, None)]
    assert readings("教师全员家访。") == [("coverage", 1.0, None)]
    # "全员家访制度" names a system; the schools checked by a bureau are no group of people
    assert readings("白银市中小学推行全员家访制度。") == []
    assert readings("对全部学校进行检查。") == []


def test_a_time_kept_each_day_without_its_length_is_once_a_day_and_money_is_not() -> None:
    assert readings("幼儿园每天应当充分保证幼儿的自主游戏时间。") == [("frequency", 1.0, "天")]
    assert readings("每年保障经费投入。") == []


def test_what_a_school_hands_out_signs_or_runs_each_period_is_once_a_period() -> None:
    assert readings("学校每学期向家长发放《致家长的一封信》。") == [("frequency", 1.0, "学期")]
    assert readings("学校每学年与家长签订安全责任书。") == [("frequency", 1.0, "学年")]
    assert readings("学校每学期开设家长学校课程。") == [("frequency", 1.0, "学期")]
    assert readings("学校每半年组织安全检查。") == [("frequency", 1.0, "半年")]
    # a point in the period before the act: before the floods, on Friday afternoons, at the end of term
    assert ("frequency", 1.0, "年") in readings("每年汛期前，学校要开展防溺水专题教育。")
    assert [(c.subject, c.period) for c in extract("学校每周五下午开展教研活动。") if c.kind == "frequency"] == [
        ("开展教研活动", "周")
    ]
    assert [c.subject for c in extract("各校每学期期中组织家长会。") if c.kind == "frequency"] == ["组织家长会"]
    # a noun that looks like an act is not one: how long pupils study each day is no activity held
    assert readings("每天在校课堂学习时间，小学不超过6小时。") == [("duration", 360.0, "天")]


def test_after_school_service_is_the_activity_not_a_lesson() -> None:
    assert [c.subject for c in extract("学校要开展课后服务。") if c.kind == "existence"] == ["开展课后服务"]


def test_pay_the_same_as_another_group_s_or_the_same_age_is_parity() -> None:
    assert readings("特殊教育教师的工资待遇与普通教师一致。") == [("ratio", 1.0, None)]
    # the subject before the comma: "…入学年龄和年限，应当与…相同"
    found = [c for c in extract("残疾儿童的入学年龄和年限，应当与当地儿童的入学年龄和年限相同。") if c.kind == "ratio"]
    assert [(c.value, c.subject) for c in found] == [(1.0, "残疾儿童的入学年龄和年限")]
    # the same treatment as another body is a right, not a level to reach
    assert readings("随迁子女与本地学生享受同等待遇。") == []
    # to agree with someone is no parity
    assert ("ratio", 1.0, None) not in readings("学校应当与家长保持一致。")


def test_all_of_them_done_said_with_quanbu_and_more_verbs() -> None:
    assert readings("义务教育学校全部开展课后服务。") == [("coverage", 1.0, None)]
    assert readings("学校教室全部安装视频监控。") == [("coverage", 1.0, None)]
    assert readings("校舍危房全部拆除。") == [("coverage", 1.0, None)]
    # 全部 before a noun is which ones, not a share reached
    assert readings("考生应当重新参加全部考试科目的考试。") == []


def test_each_one_said_with_jun_is_everyone() -> None:
    assert readings("每名教师均要参加师德培训。") == [("coverage", 1.0, None)]


def test_a_length_held_in_each_of_two_halves_is_held_twice() -> None:
    found = [(c.kind, c.value, c.period) for c in extract("每天上下午各安排不少于30分钟大课间体育活动。")]
    assert ("duration", 30.0, "天") in found and ("frequency", 2.0, "天") in found
    [twice] = [c for c in extract("每天上下午各安排不少于30分钟大课间体育活动。") if c.kind == "frequency"]
    assert twice.subject == "大课间体育活动"
    assert ("frequency", 2.0, "年") in readings("春秋两季各组织不少于3天的研学实践。")
    # the number of each half is read with the number itself, not again
    assert [k for k, *_ in readings("学生每天早晚各阅读20分钟。")] == ["duration"]


def test_none_left_out_said_with_bufangguo_and_exercise_every_day() -> None:
    assert readings("排查要彻底，绝不放过一栋房屋、一处附属设施。") == [("coverage", 1.0, None)]
    assert readings("培养学生每天跑步的习惯。") == [("frequency", 1.0, "天")]
    # with its length, the length is read
    assert readings("学生每天锻炼1小时。") == [("duration", 60.0, "天")]


def test_the_same_requirement_said_with_other_common_words_reads_the_same() -> None:
    """Variants of requirements read right, each said with a synonym notices use as often."""
    assert readings("幼儿园应当每星期向家长公示儿童食谱。") == [("frequency", 1.0, "周")]
    assert readings("学校每星期5天均开展课后服务。") == [("frequency", 5.0, "周")]
    assert readings("为全部义务教育阶段在校学生免费发放教材。") == [("coverage", 1.0, None)]
    assert readings("全部课程均使用普通话。") == [("coverage", 1.0, None)]
    assert readings("各班每学期举行一次家长会。") == [("frequency", 1.0, "学期")]
    assert [c.value for c in extract("为每所学校指派不得少于两名的责任督学。") if c.kind == "count"] == [2.0]
    assert readings("学校对体育教师的待遇须与其他学科教师同等对待。") == [("ratio", 1.0, None)]


def test_whatever_its_size_every_one_and_each_half_said_with_shangwu_xiawu() -> None:
    assert readings("凡是发生学生人身伤害事故，无论大小均需录入台账。") == [("coverage", 1.0, None)]
    assert readings("全体学生每天上午、下午各做1次眼保健操。") == [("frequency", 2.0, "天")]


def test_more_acts_done_each_period_by_teachers_and_kitchens() -> None:
    assert readings("送教教师每月送教上门。") == [("frequency", 1.0, "月")]
    assert readings("班主任每周与家长联系沟通。") == [("frequency", 1.0, "周")]
    assert readings("食堂每天查验食材索证索票。") == [("frequency", 1.0, "天")]
    assert readings("学校每学期向家长反馈学生体质健康测试结果。") == [("frequency", 1.0, "学期")]
    # publicity on a yearly day is no act counted
    assert readings("体育主管部门应当在全民健身日加强全民健身宣传。") == []


def test_everyone_reached_said_with_huiji_or_a_region_s_all_and_twice_a_term_by_its_start_and_end() -> None:
    assert readings("课后服务惠及全体学生。") == [("coverage", 1.0, None)]
    assert readings("课后服务覆盖全县所有中小学。") == [("coverage", 1.0, None)]
    assert ("frequency", 2.0, "学期") in readings("每学期开学初和放假前各开展一次安全大检查。")
    assert ("frequency", 2.0, "学期") in readings("学校开学前、放假前各组织一次安全排查。")


def test_a_rate_held_at_zero_is_none_at_all() -> None:
    [c] = [c for c in extract("校园安全事故发生率为零。") if c.kind == "count"]
    assert (c.comparator, c.value) == ("at_most", 0.0)
    assert [c.kind for c in extract("零星维修由学校负责。") if c.kind != "existence"] == []


def test_the_period_of_two_points_said_with_ge_is_one_table_for_every_reading() -> None:
    assert ("frequency", 2.0, "学年") in readings("学校上下学期各开展一次家长会。")
    assert ("frequency", 2.0, "年") in readings("春秋两季各组织一次运动会。")
    assert ("frequency", 2.0, "学期") in readings("学期初、学期末各开展一次安全检查。")
    assert ("frequency", 2.0, "天") in readings("每天上下午各做1次眼保健操。")
