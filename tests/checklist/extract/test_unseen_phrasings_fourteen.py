"""Phrasings found in session 14 by writing the common requirements of notices in other shapes (issue 14):
a period said alone before the clause that acts (每学期,学校都要…), once a period said with 每 and 一
(每日一报, 每月一主题), a school's weekday routine (周一举行升旗仪式). Sentences written for these tests;
each class has a case that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract


def readings(text: str) -> list[tuple[str, str | None, float | None, str | None]]:
    return [
        (c.kind, c.comparator, c.value, c.period)
        for c in extract(text, doc="t.txt")
        if c.kind in ("duration", "frequency", "ratio", "count", "coverage")
    ]


# -- a period said alone before the clause that acts -------------------------------------------------


def test_a_period_alone_before_the_clause_is_the_period_of_its_act() -> None:
    assert readings("每学期,学校都要组织家长会。") == [("frequency", "at_least", 1.0, "学期")]
    assert readings("每年，各中小学校要对教师进行师德考核。") == [("frequency", "at_least", 1.0, "年")]
    # without the period there is no figure
    assert readings("学校都要组织家长会。") == []


def test_a_period_alone_before_the_clause_is_the_period_of_its_figure() -> None:
    # the count after the comma is each term's, read once with its number (no second, implied reading)
    assert readings("每学期,学校要召开2次家长会。") == [("frequency", "at_least", 2.0, "学期")]
    assert readings("每学年开学初，各校要组织1次全面体检。") == [("frequency", "at_least", 1.0, "学年")]
    assert readings("每天，学生校内体育活动时间不少于1小时。") == [("duration", "at_least", 60.0, "天")]
    # a period inside the first clause is not the sentence's: the second clause's count keeps none
    assert readings("学校每学期开展安全教育,全年组织2次演练。")[-1][3] != "学期"


# -- once a period, said with 每 and 一 ----------------------------------------------------------------


def test_once_a_period_said_with_every_and_one() -> None:
    assert readings("学校要落实每日一报制度。") == [("frequency", "at_least", 1.0, "天")]
    assert readings("学校开展每月一主题教育活动。") == [("frequency", "at_least", 1.0, "月")]
    assert readings("幼儿园食堂坚持一日一清。") == [("frequency", "at_least", 1.0, "天")]
    # a lesson a week is read once, with its unit; 一课时 is a length, not 一课
    assert readings("学校每周一课时开展劳动教育。") == [("frequency", "at_least", 1.0, "周")]
    assert len(readings("每天一课。")) == 1


# -- a weekday alone, as a school's routine ----------------------------------------------------------


def test_a_weekday_alone_is_a_weekly_routine() -> None:
    assert readings("各校周一举行升旗仪式。") == [("frequency", "at_least", 1.0, "周")]
    assert readings("学校周五下午开展社团活动。") == [("frequency", "at_least", 1.0, "周")]
    # a day of this week, a date's weekday, a one-off meeting, and the days of the week are not
    assert readings("本周一举行升旗仪式。") == []
    assert readings("会议定于周一召开。") == []
    assert readings("6月3日(周一)举行开学典礼。") == []
    assert readings("学校周一至周五开展课后服务。") == [("frequency", "equal", 5.0, "周")]


# -- a point of the term or year said with its act ---------------------------------------------------


def test_a_point_of_the_term_said_with_its_act_is_once_a_term() -> None:
    assert ("frequency", "at_least", 1.0, "学年") in readings("各中小学校学年末要对教师进行考核。")
    assert [r for r in readings("学校学期初制定计划、学期末进行总结。") if r[0] == "frequency"] == [
        ("frequency", "at_least", 1.0, "学期"),
        ("frequency", "at_least", 1.0, "学期"),
    ]
    # this term's end, a dated year end, and a summary already made are not a routine
    assert readings("本学期末进行总结。") == []
    assert readings("上学期末进行总结。") == [] and readings("下学年初制定计划。") == []
    # (a word ending in 上 or 下 before the point is no 上学期: "具体要求如下,年初有计划")
    assert readings("具体要求如下年初有计划、年终有总结。") == [("frequency", "at_least", 1.0, "年")] * 2
    assert readings("2024年底进行检查。") == []
    assert readings("学校学期末进行了工作总结。") == []


# -- a pay held to another group's, said without 水平 ------------------------------------------------


def test_a_pay_held_to_another_groups_pay() -> None:
    [c] = [c for c in extract("教职工平均工资不低于当地公务员平均工资。", doc="t.txt") if c.kind == "ratio"]
    assert (c.comparator, c.value, c.scope) == ("at_least", 1.0, "region")
    assert readings("民办学校教师工资待遇不低于当地公办学校教师。") == [("ratio", "at_least", 1.0, None)]
    # a level said by a group holds only a pay
    assert readings("学生人数不低于当地公办学校教师。") == []


# -- each one checked, tested or reached -------------------------------------------------------------


def test_each_one_checked_or_tested_is_full_coverage() -> None:
    assert readings("学校要对每一名教师进行师德考核。") == [("coverage", "equal", 1.0, None)]
    assert readings("对所有在校生开展心理健康筛查。") == [("coverage", "equal", 1.0, None)]
    assert readings("学校要把致家长的一封信送到每一位家长手中。") == [("coverage", "equal", 1.0, None)]
    [c] = [c for c in extract("学校要对所有校车驾驶员进行背景审查。", doc="t.txt") if c.kind == "coverage"]
    assert c.subject == "学校要对所有校车驾驶员进行背景审查"  # not "学校要": who must, and what
    # a report of a check made, and the handling of every case, are not
    assert readings("该校对所有学生开展了心理健康筛查。") == []
    assert readings("对所有违规行为进行查处。") == []


# -- scope: whose requirement it is -----------------------------------------------------------------


def scopes(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.scope) for c in extract(text, doc="t.txt") if c.kind in ("frequency", "coverage", "count")]


def test_the_training_of_principals_by_an_area_is_the_areas() -> None:
    # 中小学校长 are the schools' heads, not the schools: the area's training of them is its own work
    assert scopes("各地每年对中小学校长培训不少于一次。") == [("frequency", "region")]
    assert scopes("市级每年组织中小学校长培训。") == [("frequency", "region")]
    # … while the area's schools' own hours stay each school's
    assert scopes("全市中小学校长期坚持每天锻炼1小时。") == []  # a duration, read below
    assert [c.scope for c in extract("全市中小学校长期坚持每天锻炼1小时。", doc="t.txt") if c.kind == "duration"] == [
        "school"
    ]


def test_an_authority_seeing_that_every_school_has_something_is_the_areas_coverage() -> None:
    assert scopes("各地要确保每所学校都有专职体育教师。") == [("coverage", "region")]
    assert scopes("学校要确保每个学生都掌握运动技能。") == [("coverage", "school")]


def test_a_designated_month_for_the_areas_schools_is_the_areas() -> None:
    assert scopes("每年九月为全省中小学安全教育月。") == [("frequency", "region")]
    assert scopes("全市中小学校全面落实每天综合活动不低于2小时的要求。") == []


def test_a_schools_own_people_and_funds_are_the_schools() -> None:
    # a school's leaders at its meals, a share of its own running funds: not the bureau's
    assert [c.scope for c in extract("学校食堂陪餐每天至少1名校领导。", doc="t.txt") if c.kind == "count"] == ["school"]
    assert [c.scope for c in extract("学校每年投入公用经费的5%以上用于体育工作。", doc="t.txt") if c.kind == "ratio"] == [
        "school"
    ]
    # people the bureau sends to schools, and the county's budget, stay the area's
    assert scopes("原则上陪餐人员每月到中小学、幼儿园陪餐不少于一次。") == [("frequency", "region")]
    assert [c.scope for c in extract("县财政每年安排教师培训经费不低于教师工资总额的1.5%。", doc="t.txt")] == ["region"]


# -- an amount of each period said as one word -------------------------------------------------------


def test_an_average_or_an_amount_of_each_period_said_as_one_word() -> None:
    assert readings("学生日均睡眠时间不少于9小时。") == [("duration", "at_least", 540.0, "天")]
    assert readings("专任教师周课时不少于12节。") == [("frequency", "at_least", 12.0, "周")]
    assert readings("教师年培训学时不少于72学时。") == [("frequency", "at_least", 72.0, "年")]
    # a dated year is not a period
    assert [r[3] for r in readings("2024年培训学时不少于72学时。")] == [None]


def test_a_holidays_length_said_with_yiban() -> None:
    assert readings("暑假一般为8周。") == [("duration", "at_least", 8.0, None)]


# -- a line wrapped anywhere inside its sentence (text from a PDF) ----------------------------------


def test_a_line_wrapped_inside_a_word_or_a_number_is_read_whole() -> None:
    lead = "为进一步加强学校管理工作根据上级有关文件精神现要求如下"
    for body, expected in (
        ("每天不少于一小\n时体育活动", ("duration", "at_least", 60.0, "天")),
        ("目前各中小学每\n周劳动教育必修课程不少于1课时", ("frequency", "at_least", 1.0, "周")),
        ("50人以上的班级至少实地家访5\n0%的学生", ("ratio", "at_least", 0.5, None)),
        ("学校应当在二十四\n小时内将有关情况报告教育行政部门", ("duration", "at_most", 1440.0, None)),
    ):
        text = f"某县教育局关于做好有关工作的通知\n{lead}{body}。"
        found = [c for c in extract(text, doc="t.txt") if c.kind == expected[0]]
        assert [(c.kind, c.comparator, c.value, c.period) for c in found] == [expected], body
        assert all(text[c.start : c.end] == c.quote and "\n" in c.quote for c in found)


def test_a_short_line_or_a_new_item_after_a_line_is_not_joined() -> None:
    # a heading, and a numbered item after a long line, keep their own lines
    assert readings("一、总体要求\n每学期开展一次安全检查。") == [("frequency", "at_least", 1.0, "学期")]
    text = "为进一步加强学校管理工作根据上级有关文件精神现要求各校做好以下工作\n1.每学期开展2次应急演练。"
    [c] = [c for c in extract(text, doc="t.txt") if c.kind == "frequency"]
    assert c.quote == "每学期开展2次应急演练" and c.clause == "1"


def test_a_letter_spaced_line_is_read_with_its_numbers_whole() -> None:
    # some PDFs set every character apart: "1 0" there is 10 (elsewhere "Python 3" keeps its space)
    assert readings("小 学 生 每 天 睡 眠 时 间 应 达 到 1 0 小 时 。") == [("duration", "at_least", 600.0, "天")]
    assert readings("每 学 期 组 织 应 急 演 练 不 少 于 2 次 。") == [("frequency", "at_least", 2.0, "学期")]
    assert readings("学校开设 3 D 打印课程,每周不少于 1 节。") == [("frequency", "at_least", 1.0, "周")]


# -- Chinese numerals after a ceiling, a level held, a count reached, so many each ----------------------


def test_chinese_numerals_after_more_cues() -> None:
    assert readings("每班要严格控制在四十五人之内。") == [("count", "at_most", 45.0, None)]
    assert readings("原则上不多于十二个班。") == [("count", "at_most", 12.0, None)]
    assert readings("原则上学校满二十人开班。") == [("count", "at_least", 20.0, None)]
    assert readings("建立校级男、女足球代表队各一支。") == [("count", "equal", 1.0, None)]
    assert readings("寄宿制学校在上述标准的基础上每校增配一名专职保安员。") == [("count", "equal", 1.0, None)]
    # a limit quoted whole is read; a slogan's numeral in quotes is not a count of people
    assert readings("全面落实“中小学生每天综合活动不低于二小时”的要求。") == [("duration", "at_least", 120.0, "天")]
    assert readings("满一年的教师可以申请。") == []


def test_a_limit_said_of_a_condition_is_not_the_limit_of_the_figure_after_it() -> None:
    # "少于200人的学校": which schools; the one guard each has is a plain count
    for text in ("师生员工总人数少于200人的学校配1名专职保安员。", "师生员工总人数少于二百人的学校配一名专职保安员。"):
        [c] = [c for c in extract(text, doc="t.txt") if c.kind == "count"]
        assert (c.comparator, c.value, c.scope) == ("equal", 1.0, "school"), text
    assert readings("至少每2周开展1次。") == [("frequency", "at_least", 1.0, "2周")]


# -- one for each school, village or township, said as 一X一Y --------------------------------------


def test_one_for_each_school_village_or_township() -> None:
    for text, unit, scope in (
        ("落实一校一警。", "名", "unclear"),
        ("实现一校一法律顾问。", "名", "school"),
        ("全面落实一校一专职心理教师。", "名", "school"),
        ("实施一村一幼。", "所", "region"),
        ("实现一乡镇一公办中心园。", "所", "region"),
        ("推动学生一人一技。", "项", "school"),
    ):
        [c] = [c for c in extract(text, doc="t.txt") if c.kind == "count"]
        assert (c.comparator, c.value, c.unit, c.scope) == ("at_least", 1.0, unit, scope), text
    # a project named 一人一项目 is no count
    assert readings("推进一人一项目建设。") == []


def test_what_each_pupil_gains_in_chinese_numerals() -> None:
    assert readings("每个学生掌握一项体育技能。") == [("count", "equal", 1.0, None)]
    assert readings("每名学生学会一种乐器。") == [("count", "equal", 1.0, None)]
    assert readings("学生会一项运动。") == []  # 学生会 is the student union


def test_more_shapes_of_once_a_period() -> None:
    assert readings("每年度5月15日前报送上年度工作总结。") == [("frequency", "at_least", 1.0, "年")]
    assert readings("每年秋季开学,学校要对新生进行入学体检。") == [("frequency", "at_least", 1.0, "年")]
    assert readings("学校每学期要开好家长会。") == [("frequency", "at_least", 1.0, "学期")]


def test_the_bureaus_programmes_and_building_works_are_the_areas() -> None:
    for text in (
        "全年组织校长培训3期。",
        "全年开展送教下乡活动20次。",
        "新建改扩建中小学校舍面积10万平方米。",
        "农村学校教师周转宿舍建设200套。",
        "义务教育学校标准化建设达标率100%。",
        "学生营养改善计划覆盖所有农村义务教育学校。",
    ):
        assert {c.scope for c in extract(text, doc="t.txt") if c.kind != "existence"} == {"region"}, text
    # a principal's own lessons and a school's own training stay the school's
    assert {c.scope for c in extract("校长每学期听课不少于40节。", doc="t.txt")} == {"school"}
    assert {c.scope for c in extract("学校每学期组织教师培训2次。", doc="t.txt")} == {"school"}


# -- reports and news: figures told, reached, or one school's ------------------------------------------


def test_figures_told_reached_or_of_one_school_in_the_news_are_not_targets() -> None:
    for text in (
        "据统计,我县中小学生近视率为52.3%。",
        "据介绍,该项目总投资3000万元,建筑面积1.2万平方米。",
        "自活动开展以来,共发放宣传资料3万份。",
        "全市中小学校已100%配备专职保安。",
        "目前,全县97%的学校已实现课后服务全覆盖。",  # a coverage said by words, reached
        "该校每天安排学生进行2小时体育锻炼。",
        "该校每天开展阳光大课间活动。",
    ):
        assert readings(text) == [], text
    # … unless the sentence sets a duty
    assert readings("该校要确保学生每天校内体育活动不少于1小时。") == [("duration", "at_least", 60.0, "天")]
    assert readings("确保已建成的学校100%配备专职保安。") == [("coverage", "equal", 1.0, None)]


def test_building_on_what_there_is_is_no_report() -> None:
    assert readings("各校要在已有基础上每学期开展2次演练。") == [("frequency", "at_least", 2.0, "学期")]
    assert readings("各校要在现有基础上每学期开展2次演练。") == [("frequency", "at_least", 2.0, "学期")]
    assert readings("全区现有中小学56所。") == []


def test_once_a_period_said_with_bi_or_a_doubled_period() -> None:
    assert readings("学校每日必查、每周必检。") == [("frequency", "at_least", 1.0, "天"), ("frequency", "at_least", 1.0, "周")]
    assert readings("学校要做到日日清扫、周周大扫除。") == [
        ("frequency", "at_least", 1.0, "天"),
        ("frequency", "at_least", 1.0, "周"),
    ]
    assert readings("学校实行班主任月考核制度。") == [("frequency", "at_least", 1.0, "月")]
    [c] = [c for c in extract("学校要定期(每学期)开展安全隐患排查。", doc="t.txt") if c.kind == "frequency"]
    assert (c.period, c.subject) == ("学期", "开展安全隐患排查")  # the bracket's close is no part of the act


def test_a_period_said_with_one_before_the_act() -> None:
    [c] = [c for c in extract("一学年至少家访一次。", doc="t.txt") if c.kind == "frequency"]
    assert (c.value, c.period, c.subject) == (1.0, "学年", "家访")
    assert readings("一周至少锻炼三次。") == [("frequency", "at_least", 3.0, "周")]
    # a grade is no period
    assert readings("一年级每周开展一次。") == [("frequency", "at_least", 1.0, "周")]


def test_all_of_a_whole_done_and_every_school_reached() -> None:
    assert readings("学生须完成全部课程。") == [("coverage", "equal", 1.0, None)]
    assert readings("学生须通过所有科目考试。") == [("coverage", "equal", 1.0, None)]
    # which exams a retake covers is no share reached (test_implied_phrasings)
    assert readings("考生应当重新参加全部考试科目的考试。") == []
    [c] = [c for c in extract("各地教育部门要落实每一所中小学校。", doc="t.txt") if c.kind == "coverage"]
    assert c.scope == "region"
    assert readings("学校完成了全部课程。") == []  # done, reported
    assert readings("按时完成全部建设任务。") == []  # all the tasks: no share of anyone


def test_every_one_said_with_yilv() -> None:
    # (after the twentieth held-out run: not measured by it)
    assert readings("新入职教师一律参加岗前培训。") == [("coverage", "equal", 1.0, None)]
    assert readings("校车驾驶人一律持证上岗。") == [("coverage", "equal", 1.0, None)]
    assert readings("校外培训机构一律不得在节假日组织学科类培训。") == []  # a ban


def test_events_held_at_zero() -> None:
    # (after the twentieth held-out run: not measured by it)
    assert readings("确保食品安全事故为零。") == [("count", "at_most", 0.0, None)]
    assert readings("校园欺凌事件为零。") == [("count", "at_most", 0.0, None)]
    assert readings("事故发生后零时启动预案。") == []  # a time, not a count held at zero


def test_the_act_done_each_period_is_named_without_who_must() -> None:
    # (after the twentieth held-out run: draft titles only)
    for text, act in (
        ("每学期,学校都要组织召开家长会。", "组织召开家长会"),
        ("学校每学期要开好家长会。", "开好家长会"),
        ("学校每学期均应开展应急疏散演练。", "开展应急疏散演练"),
    ):
        [c] = [c for c in extract(text, doc="t.txt") if c.kind == "frequency"]
        assert c.subject == act, text
