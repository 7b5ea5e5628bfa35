"""Phrasings of national requirements as a bureau's plan restates them (体育2小时, 作业时间, 教师培训
360学时, 课后服务5+2, 保安配备, 图书馆藏书). Written for issue 14 from the national documents' usual
wording, not from a corpus text: each test names what must be read and, where it matters, what must
not.
"""

from __future__ import annotations

from checklist.extract import extract
from tests.checklist.extract.conftest import numeric


def _one(text: str, value: float) -> object:
    found = [c for c in numeric(text) if c.value == value]
    assert len(found) == 1, [(c.quote, c.kind, c.value) for c in numeric(text)]
    return found[0]


def test_a_stage_after_two_figures_takes_the_topic_of_the_nearest() -> None:
    text = "小学一二年级不布置家庭书面作业，三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟。"
    junior = _one(text, 90)
    assert junior.subject == "书面作业平均完成时间（初中）"
    assert junior.comparator == "at_most"


def test_a_frequency_s_subject_after_its_number_drops_its_particle_and_keeps_who() -> None:
    c = _one("教师每5年接受不少于360学时的培训。", 360)
    assert (c.kind, c.period, c.subject) == ("frequency", "5年", "教师接受培训")


def test_everyone_is_not_what_is_measured() -> None:
    cands = numeric("课后服务每周5天全覆盖，每天不少于2小时。")
    days = [c for c in cands if c.kind == "frequency"]
    assert [(c.value, c.period, c.subject) for c in days] == [(5, "周", "课后服务")]
    hours = [c for c in cands if c.kind == "duration"]
    assert [(c.value, c.subject) for c in hours] == [(120, "课后服务")]


def test_staff_a_school_has_is_the_school_s() -> None:
    c = _one("校园专职保安员配备不少于2名。", 2)
    assert c.scope == "school"
    # staff the bureau sends to schools is its own target
    sent = _one("今年为农村学校配备音体美教师200名。", 200)
    assert sent.scope == "region"


def test_a_school_library_is_not_a_public_body() -> None:
    c = _one("中小学图书馆生均藏书小学不少于25册。", 25)
    assert c.scope == "school"
    public = [c for c in extract("公共图书馆应当每周向中小学生免费开放不少于2天。", doc="t.txt") if c.value == 2]
    assert [c.scope for c in public] == ["region"]


# An assessment table flattened with spaces: code, the indicator's short name, what is checked.
CRITERIA = (
    "A3 学生健康（10分）\n"
    "B6 户外活动 学生在校期间每天户外活动时间不少于2小时。\n"
    "B7 电子产品 教学使用电子产品单次时长原则上不超过20分钟，全天累计不超过教学总时长的30%。\n"
    "B11 食堂 食品留样每个品种不少于125克，保存48小时以上。\n"
    "B3 眼保健操 每天上下午各做一次眼保健操，每次5分钟。\n"
    "B4 考试次数 小学一二年级不进行纸笔考试，初中可适当增加一次期中考试。\n"
    "B5 成绩公布 考试成绩实行等级评价，不公布学生考试成绩和排名。\n"
)


def test_an_assessment_row_s_name_is_not_part_of_what_it_measures() -> None:
    outdoor = [c for c in extract(CRITERIA, doc="t.txt") if c.value == 120]
    assert [(c.clause, c.subject) for c in outdoor] == [("B6", "学生在校期间户外活动时间")]
    # the quote is still the row's original words
    assert outdoor[0].quote.startswith("户外活动 学生在校期间")


def test_a_limit_on_a_running_total_is_a_limit() -> None:
    share = [c for c in extract(CRITERIA, doc="t.txt") if c.kind == "ratio"]
    assert [(c.comparator, c.value, c.denominator) for c in share] == [("at_most", 0.3, "教学总时长")]
    # a running total reported is still no target
    assert numeric("全县累计建成120所标准化学校。") == []


def test_grams_are_a_unit() -> None:
    grams = [c for c in extract(CRITERIA, doc="t.txt") if c.unit == "克"]
    assert [(c.comparator, c.value) for c in grams] == [("at_least", 125)]


def test_each_time_takes_the_topic_before_it() -> None:
    session = [c for c in extract(CRITERIA, doc="t.txt") if c.value == 5 and c.kind == "duration"]
    assert [c.subject for c in session] == ["眼保健操"]


def test_what_a_school_does_not_do_is_a_ban_without_bu_de() -> None:
    bans = {c.subject for c in extract(CRITERIA, doc="t.txt") if c.kind == "prohibition"}
    assert {"纸笔考试", "学生考试成绩和排名"} <= bans
    assert [c for c in extract("不断提升教育质量。未进行安全检查的，扣2分。", doc="t.txt") if c.kind == "prohibition"] == []


def test_what_may_be_added_is_not_owed() -> None:
    midterm = [c for c in extract(CRITERIA, doc="t.txt") if "期中考试" in c.quote]
    assert [c.modality for c in midterm] == ["encouraged"]


def test_a_point_s_enumerator_and_a_held_level_are_not_what_is_measured() -> None:
    c = _one("三是各中小学每学期至少召开1次家长会。", 1)
    assert c.subject == "各中小学召开家长会"
    rate = _one("学前三年毛入园率稳定在98%以上。", 0.98)
    assert (rate.subject, rate.scope) == ("学前三年毛入园率", "region")


def test_a_notice_to_township_and_county_schools_is_addressed_to_schools() -> None:
    notice = (
        "关于印发《某县2025年基础教育重点工作》的通知\n各乡镇中心学校、县直各学校：\n"
        "1.中小学教师每年至少读2本教育专著。\n"
    )
    [c] = numeric(notice)
    assert (c.value, c.scope) == (2, "school")


def test_everyone_it_applies_to_is_full_coverage_and_no_obligation() -> None:
    found = extract("实现适龄残疾儿童少年应入尽入。", doc="t.txt")
    assert [(c.kind, c.value, c.scope) for c in found] == [("coverage", 1.0, "region")]


# Text as a PDF's text layer gives it: lines wrapped mid-sentence, a task table's rows with their
# cells apart by spaces under a 序号 header.
WRAPPED = (
    "一、全面加强学生体质健康管理。严格落实每天综合体育\n"
    "活动时间不低于2小时。\n"
    "二、提升课后服务质量。课后服务覆盖率达到100%，课后服\n"
    "务时间每天不少于2小时。\n"
    "四、序号 重点任务 责任科室 完成时限\n"
    "1 每学期开展2次以上防溺水专题教育 安全科 6月底前\n"
    "2 每所学校配备不少于1名专职心理教师 德育科 12月底前\n"
)


def test_a_line_wrapped_inside_a_sentence_s_first_part_is_read_whole() -> None:
    found = [c for c in numeric(WRAPPED) if c.kind == "duration"]
    assert [(c.value, c.period, c.subject) for c in found] == [
        (120, "天", "综合体育活动时间"),
        (120, "天", "课后服务时间"),
    ]
    # the quote keeps the original line break; the subject does not
    assert "\n" in found[0].quote


def test_the_rows_of_a_task_table_from_a_pdf_are_rows() -> None:
    cands = [c for c in numeric(WRAPPED) if c.clause == "四"]
    assert [(c.kind, c.value, c.subject) for c in cands] == [
        ("frequency", 2, "防溺水专题教育"),
        ("count", 1, "每所学校配备专职心理教师"),
    ]
    # without a header, spaces in a numbered line are a PDF's stray ones: the line is one text
    stray = numeric("14 . 孵化 市级以上标志性成果 20 项以上。\n")
    assert [(c.value, c.unit) for c in stray] == [(20, "项")]


def test_a_kindergarten_s_class_sizes_and_staff_per_class_are_its_own() -> None:
    sizes = numeric("小班不超过25人，中班不超过30人，大班不超过35人。")
    assert [(c.comparator, c.value, c.scope) for c in sizes] == [
        ("at_most", 25, "school"),
        ("at_most", 30, "school"),
        ("at_most", 35, "school"),
    ]
    staff = numeric("全日制幼儿园每班配备2名专任教师和1名保育员。")
    # 全日制 is no period, and the second figure of the sentence is staffed by the same school
    assert [(c.value, c.period, c.scope) for c in staff] == [(2, None, "school"), (1, None, "school")]


def test_an_indicator_code_opening_a_cell_is_no_quantity() -> None:
    row = "2.教育教学\t2.1课程\t开齐开足国家规定课程，每周课时小学不超过26节。\t6\t每缺一门扣2分\n"
    assert [(c.value, c.unit) for c in numeric(row)] == [(26, "节")]


def test_comparators_written_out_and_words_that_only_bound_a_number() -> None:
    [c] = numeric("课后服务参与率大于等于90%。")
    assert (c.comparator, c.value, c.subject, c.denominator) == ("at_least", 0.9, "课后服务参与率", None)
    [c] = numeric("作业时间最多不超过90分钟。")
    assert (c.comparator, c.subject) == ("at_most", "作业时间")
    [c] = numeric("专任教师学历达标率达100%。")
    assert c.subject == "专任教师学历达标率"


def test_a_stage_after_with_a_chinese_numeral_only() -> None:
    found = numeric("初中每学期组织一次家长会，小学两次。")
    assert [(c.value, c.period) for c in found] == [(1, "学期"), (2, "学期")]
    # a share of what came before is no count of its own
    assert numeric("其中一次为线上会议。") == []


def test_all_schools_reached_is_the_region_s_and_what_each_school_covers_is_its_own() -> None:
    [c] = extract("实现义务教育学校标准化建设全覆盖。", doc="t.txt")
    assert (c.kind, c.scope) == ("coverage", "region")
    [c] = extract("实现特殊教育学校无线网络全覆盖。", doc="t.txt")
    assert (c.kind, c.scope) == ("coverage", "school")


def test_a_sentence_that_reports_what_there_is_states_no_target() -> None:
    assert numeric("全区现有中小学56所，在校学生4.5万人。") == []
    assert [c.value for c in numeric("现有心理教师12名，力争新增8名。")] == [8]


def test_who_must_see_to_a_time_is_not_what_is_measured() -> None:
    [c] = numeric("各学校要确保学生每天1小时校园体育活动。")
    assert (c.value, c.subject, c.scope) == (60, "校园体育活动", "school")


def test_more_fixed_phrases_with_a_number() -> None:
    # 一校一策 is one plan for each school; as the name of a programme (“一校一策”校园安全隐患排查) it is no number
    plans = numeric("各学校是否按照“一校一策”建立和完善“双减”工作方案。")
    assert [(c.kind, c.comparator, c.value, c.scope) for c in plans] == [("count", "at_least", 1, "school")]
    assert numeric("开展“一校一策”校园安全隐患排查专项行动。") == []
    one_each = numeric("各学校要建立“一生一档”。")
    assert [(c.kind, c.comparator, c.value, c.scope) for c in one_each] == [("count", "at_least", 1, "school")]
    checks = [c for c in numeric("每日落实晨午检。") if c.kind == "frequency"]
    assert [(c.value, c.period) for c in checks] == [(2, "天")]
    assert [(c.kind, c.value) for c in numeric("实现优质资源班班通。")] == [("coverage", 1.0)]


def test_everyone_said_as_a_rule_is_full_coverage() -> None:
    assert [(c.kind, c.value) for c in numeric("人人参与体育锻炼。")] == [("coverage", 1.0)]
    assert [(c.kind, c.value) for c in numeric("控辍保学一个都不能少。")] == [("coverage", 1.0)]
    # a number each is read as that number, not as a share as well
    assert [c.kind for c in numeric("确保学生人人掌握1至2项运动技能。")] == ["count"]


def test_a_time_of_day_is_described_as_the_time() -> None:
    from checklist.extract import describe

    assert [describe(c) for c in extract("小学上午上课时间一般不早于8:20。", doc="t.txt")] == ["不早于8:20"]
    assert [describe(c) for c in extract("小学生就寝时间一般不晚于21:20。", doc="t.txt")] == ["不晚于21:20"]
    # a date to be done by is still 限期完成
    assert [describe(c) for c in extract("2025年底前建成心理辅导室。", doc="t.txt") if c.kind == "deadline"] == [
        "限期完成"
    ]


def test_a_line_wrapped_between_a_limit_and_its_unit_is_one_amount() -> None:
    # text from a PDF: "课后服务每周5天，每天不少于2\n小时。"
    found = numeric("课后服务每周5天，每天不少于2\n小时。")
    assert ("duration", 120.0, "天") in [(c.kind, c.value, c.period) for c in found]
    # a line that opens a new item is not joined to the number before it
    from checklist.extract import normalise

    assert normalise("1.每学期演练不少于2\n2.次数见附件").text.count("\n") == 1


def test_hours_and_minutes_written_in_latin_letters() -> None:
    [c] = numeric("大课间活动时间不少于30min。")
    assert (c.kind, c.value, c.unit) == ("duration", 30.0, "分钟")
    [c] = numeric("小学生在校时间不超过6h。")
    assert (c.kind, c.comparator, c.value) == ("duration", "at_most", 360.0)
    assert numeric("供电频率为50Hz，占地2ha。") == []


def test_a_total_over_years_keeps_its_span() -> None:
    found = numeric("教师每年参加培训不少于72学时，五年累计不少于360学时。")
    assert [(c.value, c.period) for c in found] == [(72.0, "年"), (360.0, "5年")]


def test_the_size_that_makes_a_large_class_is_no_target_of_its_own() -> None:
    # "56人以上" says what 大班额 is; the lexicon reads the phrase: classes of at most 55
    found = numeric("消除56人以上大班额。")
    assert [(c.kind, c.comparator, c.value) for c in found] == [("count", "at_most", 55.0)]
    found = numeric("基本消除66人及以上超大班额。")
    assert [(c.comparator, c.value) for c in found] == [("at_most", 65.0)]


def test_a_flattened_table_s_frequency_column() -> None:
    # one cell a line under a header with 开展频次: the count in the period of the cell before
    text = "序号\n活动名称\n牵头单位\n开展时间\n开展频次\n1\n安全讲座\n各学校\n每学期\n2\n2\n冰雪运动\n区文化旅游局\n全年\n1次\n"
    found = extract(text, doc="t.txt")
    assert [(c.kind, c.value, c.period) for c in found] == [("frequency", 2.0, "学期"), ("frequency", 1.0, "年")]
    assert found[0].subject == "安全讲座开展频次"
    # a row led by an authority is the region's, with the reason
    assert (found[1].scope, found[1].scope_rule) == ("region", "表中的责任单位")
    assert "区文化旅游局" in found[1].scope_reason
    # without the column, a number alone on its line is no frequency
    assert [c.kind for c in extract("序号\n活动名称\n1\n安全讲座\n每学期\n2\n", doc="t.txt")] == []


def test_a_flattened_task_table_s_deadline_column() -> None:
    text = (
        "序号\n工作任务\n责任单位\n完成时限\n"
        "1\n开展校园安全隐患排查\n各学校\n2024年3月\n"
        "2\n建设标准化心理辅导室\n基教股\n2024年12月底前\n"
        "3\n推进集团化办学\n基教股\n长期坚持\n"
    )
    deadlines = [c for c in extract(text, doc="t.txt") if c.kind == "deadline"]
    assert [c.subject for c in deadlines] == ["开展校园安全隐患排查（2024年3月）", "建设标准化心理辅导室（2024年12月底前）"]
    assert [c.scope for c in deadlines] == ["school", "region"]  # 各学校 does it; 基教股 is the bureau's office
    # a date alone on its line outside such a table is no deadline
    assert [c.kind for c in extract("通知\n2024年3月\n", doc="t.txt")] == []


def test_an_hour_and_a_half() -> None:
    c = _one("幼儿每天户外活动时间不少于一个半小时。", 90)
    assert (c.kind, c.comparator, c.period) == ("duration", "at_least", "天")
    assert _one("每天锻炼不少于2个半小时。", 150).unit == "分钟"
    # not one of something and half an hour
    assert [c.value for c in numeric("每天户外活动时间不少于一个半小时。")] == [90]


def test_none_at_all_is_at_most_none() -> None:
    found = numeric("作业时长：一二年级0分钟；三至六年级≤60分钟；初中≤90分钟。")
    assert [(c.comparator, c.value) for c in found] == [("at_most", 0), ("at_most", 60), ("at_most", 90)]


def test_a_timetable_s_lessons_written_with_their_unit() -> None:
    [c] = numeric("每周课时数：体育与健康3-4节。")
    assert (c.kind, c.value, c.value_max, c.unit, c.period) == ("frequency", 3, 4, "课时", "周")


def test_an_assessment_row_s_deductions_are_not_targets() -> None:
    row = "B2 眼保健操 每天上下午各做1次眼保健操。 3 少做1次扣0.5分。"
    assert [(c.kind, c.value, c.period) for c in numeric(row)] == [("frequency", 2, "天")]
    row = "B4 家访 班主任每学期家访率达100%。 3 家访率每低10%扣1分。"
    assert [(c.kind, c.value) for c in numeric(row)] == [("coverage", 1.0)]  # not 3 家, not 10%
    row = "B1 体育工作 保证学生每天1小时校园体育活动。 5 未落实1小时扣2分。"
    assert [(c.kind, c.value) for c in numeric(row)] == [("duration", 60)]
    # a count of firms or bodies is still one
    assert [c.value for c in numeric("每年引进不少于3家校外实践基地。")] == [3]
    assert [c.value for c in numeric("每年引进不少于2家教育机构。")] == [2]


def test_topics_or_activity_items_in_a_period_are_a_frequency() -> None:
    [c] = numeric("家长学校每学期至少向家长学员讲解3—4个专题。")
    assert (c.kind, c.value, c.value_max, c.period) == ("frequency", 3, 4, "学期")
    found = numeric("各中小学可在“进校园”活动清单中自主选择活动项目，每学期原则上不超过4项。")
    assert [(c.kind, c.comparator, c.value, c.period) for c in found] == [("frequency", "at_most", 4, "学期")]


def test_a_menu_to_choose_from_is_no_target() -> None:
    text = "活动期间总长跑距离目标可选为:140公里、190公里、350公里。每天长跑距离小学生不少于800米。"
    assert [c.value for c in numeric(text)] == [800]


def test_a_classroom_s_light_noise_and_warmth() -> None:
    found = numeric("每间教室照度不低于300勒克斯，噪声不超过50分贝，室温不低于18℃。")
    assert [(c.comparator, c.value, c.unit, c.scope) for c in found] == [
        ("at_least", 300, "勒克斯", "school"),
        ("at_most", 50, "分贝", "school"),
        ("at_least", 18, "°C", "school"),
    ]
    [c] = numeric("教室照度不低于300lx。")
    assert c.unit == "lx"


def test_a_range_of_shares_with_a_sign_on_each_end() -> None:
    [c] = numeric("音乐、美术课时占总课时的9%-11%。")
    assert (c.kind, c.comparator, c.value, c.value_max, c.scope) == ("ratio", "between", 0.09, 0.11, "school")


def test_research_topics_each_term_are_a_student_s_frequency() -> None:
    [c] = numeric("高中学生每学期研究性学习不少于2个课题。")
    assert (c.kind, c.value, c.period, c.scope) == ("frequency", 2, "学期", "school")


def test_a_share_said_in_tenths_or_as_half() -> None:
    [c] = numeric("学生体质健康合格率达到九成以上。")
    assert (c.kind, c.comparator, c.value) == ("ratio", "at_least", 0.9)
    [c] = numeric("骨干教师占比不低于三成。")
    assert c.value == 0.3
    [c] = numeric("半数以上的教师参加过省级培训。")
    assert (c.kind, c.value) == ("ratio", 0.5)
    # 完成, 一成不变: no share
    assert numeric("各校要按时完成，一成不变的做法要改。") == []


def test_thousands_written_with_a_comma_are_one_number() -> None:
    [c] = numeric("每所学校藏书不少于1,000册。")
    assert (c.value, c.unit) == (1000, "册")
    # a list of numbers is not joined: 10,20 are two
    assert [c.value for c in numeric("分别不少于10,20人。")] != [10020]
    # the tail of a number written with a space is no number of its own
    assert all(c.value != 0 for c in numeric("全县培训教师3 000人次。"))


def test_a_class_opens_from_so_many_pupils() -> None:
    [c] = numeric("托管班原则上学校满20人开班。")
    assert (c.comparator, c.value, c.scope) == ("at_least", 20, "school")


def test_items_numbered_with_a_half_bracket_have_their_clause() -> None:
    found = extract("某县通知\n1）每学期组织不少于2次应急演练。\n2）每月开展1次安全检查。\n", doc="t.txt")
    assert [(c.clause, c.value) for c in found] == [("(1)", 2), ("(2)", 1)]


def test_a_slogan_of_so_many_100s_written_in_digits() -> None:
    found = numeric("校园“4个100%”达标率保持100%。")
    assert [(c.kind, c.value) for c in found] == [("coverage", 1.0)]  # the rate kept, not 4 个 nor the slogan's 100%
    assert found[0].quote.endswith("保持100%")


def test_a_timetable_s_times_are_no_staff_ratios() -> None:
    text = "附件：作息时间表\n下午\n预备1:20\n第五节1:30----2:15\n第六节2:25----3:10\n"
    assert [c for c in numeric(text) if c.kind == "ratio"] == []
    # a staffing table's cells stay ratios, a dash cell between them
    assert [c.value for c in numeric("城市\n\n1:21\n\n-\n\n1:21\n") if c.kind == "ratio"] != []


def test_what_an_area_standard_is_computed_on_is_no_class_size() -> None:
    assert numeric("校舍建筑面积按生均标准，小学每班按45人、初中每班按50人计算。") == []


def test_a_day_s_total_split_by_shift() -> None:
    found = numeric("值班领导每天带领值班人员安全巡查五次,白班三次, 夜班二次。")
    assert [(c.value, c.period) for c in found] == [(5, "天"), (3, "天"), (2, "天")]
    # round the clock, with a space: a way of working, no amount of time
    assert numeric("校门必须 24 小时上锁。") == []


def test_a_ban_said_with_not_allowed() -> None:
    [c] = extract("外来车辆及人员一律不准进入校内。", doc="t.txt")
    assert (c.kind, c.modality) == ("prohibition", "prohibited")
    [c] = extract("上课期间不允许学生使用手机。", doc="t.txt")
    assert c.kind == "prohibition"


def test_a_row_of_figures_by_stage_under_one_label() -> None:
    found = numeric("睡眠时间（小时）：小学10，初中9，高中8。")
    assert [(c.kind, c.value, c.stages) for c in found] == [
        ("duration", 600, ("primary",)),
        ("duration", 540, ("junior",)),
        ("duration", 480, ("senior",)),
    ]
    found = numeric("每周体育课时数 小学4 初中3 高中2")
    assert [(c.kind, c.value, c.period) for c in found] == [
        ("frequency", 4, "周"),
        ("frequency", 3, "周"),
        ("frequency", 2, "周"),
    ]


def test_a_comparator_broken_across_two_lines() -> None:
    [c] = numeric("小学书面作业平均完成时间不超\n过60分钟。")
    assert (c.comparator, c.value) == ("at_most", 60)
    [c] = numeric("每学期组织应急疏散演练不少\n于2次。")
    assert (c.comparator, c.value) == ("at_least", 2)


def test_a_table_s_label_cell_names_its_unit_by_its_last_word() -> None:
    text = "指标\t目标值\n近视率年降幅（百分点）\t≥1\n每周体育课节数\t≥3\n图书生均册数\t≥30\n"
    found = [c for c in extract(text, doc="t.txt") if c.is_quantitative]
    assert [(c.kind, c.value, c.unit, c.period) for c in found] == [
        ("count", 1, "个百分点", None),
        ("frequency", 3, "节", "周"),
        ("count", 30, "册", None),
    ]


def test_a_figure_listed_after_another_keeps_its_limit_and_level() -> None:
    found = numeric("特殊教育学校班额不超过8人（培智）、12人（盲、聋）。")
    assert [(c.comparator, c.value, c.scope) for c in found] == [("at_most", 8, "school"), ("at_most", 12, "school")]
    found = numeric("每班不少于3名教师、2名保育员。")
    assert [(c.comparator, c.value, c.scope) for c in found] == [("at_least", 3, "school"), ("at_least", 2, "school")]


def test_a_range_of_time_with_its_bounds_in_two_units() -> None:
    [c] = numeric("学生午休时间一般为20分钟至1小时。")
    assert (c.kind, c.comparator, c.value, c.value_max, c.unit) == ("duration", "between", 20, 60, "分钟")


def test_lessons_counted_with_a_measure_word() -> None:
    [c] = numeric("送教上门每学年不少于30个课时。")
    assert (c.kind, c.value, c.unit, c.period) == ("frequency", 30, "课时", "学年")


def test_schools_named_by_what_they_have_are_no_target() -> None:
    assert numeric("要制定阳光分班实施方案（有2个或2个以上平行班的学校）。") == []
    # a size a kindergarten must have stays one
    assert [c.value for c in numeric("每五千人口的区域应当设置一所规模为六个班以上的幼儿园。")] == [1, 6]


def test_a_date_to_finish_by_is_no_report_for_what_follows() -> None:
    found = extract("1.以电子版形式于2019年9月18日前分别报送县教育局（原来已确定的名单不得改变）。", doc="t.txt")
    assert any(c.kind == "deadline" for c in found)


def test_lessons_each_time_a_visit_is_made() -> None:
    found = numeric("送教上门每周不少于2次，每次1-2个课时。")
    assert [(c.kind, c.value, c.value_max, c.period) for c in found] == [
        ("frequency", 2, None, "周"),
        ("frequency", 1, 2, "次"),
    ]


def test_a_short_line_broken_after_its_period_and_verb() -> None:
    found = extract("某县通知\n4、每学期组织\n应急疏散演练不少于2次。\n", doc="t.txt")
    assert [(c.kind, c.value, c.period) for c in found] == [("frequency", 2, "学期")]  # not also once a term
    # a heading that is a whole thought stays a heading
    found = extract("某县通知\n一、安全管理\n各校每月开展1次安全检查。\n", doc="t.txt")
    assert [(c.value, c.quote) for c in found if c.is_quantitative] == [(1, "各校每月开展1次安全检查")]


def test_a_school_calendars_weeks_are_lengths_of_the_term() -> None:
    found = [(c.kind, c.value, c.unit) for c in extract("本学期共20周，其中上课18周，复习考试2周。", doc="t.txt")]
    assert found == [("duration", 20.0, "周"), ("duration", 18.0, "周"), ("duration", 2.0, "周")]
    assert [(c.kind, c.value) for c in extract("全学年教学时间39周。", doc="t.txt")] == [("duration", 39.0)]
    assert [(c.kind, c.value) for c in extract("暑假7周。", doc="t.txt")] == [("duration", 7.0)]
    # the second week of a term is a point in it, not a length
    assert not [c for c in extract("学期第2周开展安全教育。", doc="t.txt") if c.kind == "duration"]


def test_weeks_named_after_the_term_in_the_same_sentence_and_activities_counted_in_ge() -> None:
    found = [(c.kind, c.value) for c in extract("全学年教学时间：小学为39周，初中为40周。", doc="t.txt")]
    assert found == [("duration", 39.0), ("duration", 40.0)]
    assert ("duration", 19.0) in [
        (c.kind, c.value) for c in extract("本学期于8月28日开学，1月11日放假，共19周。", doc="t.txt")
    ]
    # "为40周" with nothing about the term is no length of a term
    assert not [c for c in extract("本次书画展览为4周。", doc="t.txt") if c.kind == "duration"]
    assert [(c.kind, c.value, c.period) for c in extract("学校每天安排两个大课间。", doc="t.txt")] == [
        ("frequency", 2.0, "天")
    ]


def test_someone_a_school_has_is_a_count_the_school_keeps() -> None:
    found = [(c.kind, c.value, c.scope) for c in extract("2、有一名领导和处室具体负责安全工作(2分)", doc="t.txt")]
    assert found == [("count", 1.0, "school")]
    assert [(c.kind, c.value, c.scope) for c in extract("学校有一名专职校医。", doc="t.txt")] == [
        ("count", 1.0, "school")
    ]
    assert not [c for c in extract("没有一名学生掉队。", doc="t.txt") if c.kind == "count"]


def test_a_products_facts_and_a_ban_on_arranging_lessons() -> None:
    assert not [c for c in extract("餐具耐高温120℃，膳食温度不会超过90℃。", doc="t.txt") if c.value is not None]
    assert [c.kind for c in extract("走读生一律不安排早、晚自习。", doc="t.txt")] == ["prohibition"]


def test_a_fitness_tests_events_and_the_issuers_of_a_document_are_no_targets() -> None:
    events = "小学三、四年级测试身高、体重、肺活量、50米跑、坐位体前屈、1分钟跳绳、1分钟仰卧起坐、50米×8往返跑。"
    assert [c for c in extract(events, doc="t.txt") if c.value is not None] == []
    assert [c for c in extract("市教育局等8部门联合出台了实施意见。", doc="t.txt") if c.value is not None] == []
    # a distance or a time that is a target stays one
    assert [(c.kind, c.value) for c in extract("学生每天跑步30分钟。", doc="t.txt")] == [("duration", 30.0)]
    assert [(c.kind, c.value) for c in extract("学生长跑不少于1000米。", doc="t.txt")] == [("count", 1000.0)]


def test_a_study_trip_that_must_not_leave_the_city_is_a_ban() -> None:
    assert [c.kind for c in extract("小学阶段以乡土乡情为主，原则上不出市。", doc="t.txt")] == ["prohibition"]
    assert [c for c in extract("各地出台了相关政策。", doc="t.txt") if c.kind == "prohibition"] == []


def test_an_assessment_rows_lower_bands_grade_it_and_its_full_points_value_is_the_requirement() -> None:
    row = "C3体育课开足率 实际开设的体育课时数/国家规定应开设的体育课时数(100%5分,75%以上3分,60%以上2分,50%以上1分)"
    assert [c.value for c in extract(row, doc="t.txt") if c.kind in ("ratio", "coverage")] == [1.0]
    lines = "体育开课率100%\n80%\n70% 50分\n30分\n10分\n"
    assert [c.value for c in extract(lines, doc="t.txt") if c.kind in ("ratio", "coverage")] == [1.0]
    # figures listed for different rates are each a requirement
    listed = "小学、初中、高中体质健康合格率分别达到95%、90%、85%。"
    assert sorted(c.value for c in extract(listed, doc="t.txt") if c.kind == "ratio") == [0.85, 0.9, 0.95]


def test_health_survey_and_infection_rates_are_the_regions() -> None:
    found = extract("确保学生健康知晓率达到90%，14岁以下儿童蛔虫感染率低于5%。", doc="t.txt")
    assert [(c.value, c.scope) for c in found] == [(0.9, "region"), (0.05, "region")]


def test_things_counted_in_bags_and_boards_and_what_each_room_of_a_school_has() -> None:
    found = [(c.kind, c.value, c.unit, c.scope) for c in extract("每生每天饮用1袋牛奶。", doc="t.txt")]
    assert found == [("count", 1.0, "袋", "school")]
    assert [(c.value, c.unit) for c in extract("学校至少配备2块电子屏。", doc="t.txt")] == [(2.0, "块")]
    assert [(c.value, c.scope) for c in extract("每个楼层设置2个灭火器。", doc="t.txt")] == [(2.0, "school")]
    assert [(c.value, c.scope) for c in extract("每间宿舍不超过8张床位。", doc="t.txt")] == [(8.0, "school")]
    assert [(c.value, c.scope) for c in extract("全县新增3块运动场地。", doc="t.txt")] == [(3.0, "region")]


def test_an_act_done_so_many_times_is_how_often_even_without_its_period() -> None:
    for text, value, comparator in (
        ("开学第一周，各校开展一次集中培训。", 1, "equal"),
        ("各学校至少组织2次应急疏散演练。", 2, "at_least"),
        ("由校长牵头召开3次家长座谈会。", 3, "equal"),
    ):
        c = _one(text, value)
        assert (c.kind, c.comparator, c.period) == ("frequency", comparator, None), text
    # a count of sessions already held, after the noun, stays a count of things
    assert _one("组织开展老年公益课堂48场。", 48).kind == "count"
    # and a period said in the sentence is kept
    c = _one("各学校每学期至少组织2次应急疏散演练。", 2)
    assert (c.kind, c.period) == ("frequency", "学期")


def test_all_of_them_said_with_jun_or_dou_is_everyone() -> None:
    for text in ("学校所有课程均使用普通话。", "学校集体活动、会议、公务等均使用普通话。", "全体教师都要参加网络研修。"):
        assert [c.kind for c in numeric(text)] == ["coverage"], text
    # what they are, or where something comes from, is no requirement to reach everyone
    assert numeric("学校所有教师均为本科学历。") == []
    assert numeric("本站所有内容均由网友上传。") == []


def test_a_stage_right_after_a_figure_of_a_flattened_row_opens_the_next_figure() -> None:
    found = [c for c in extract("劳动课小学每周3课时初中一年级每周2课时。", doc="t.txt") if c.kind == "frequency"]
    assert [(c.value, c.stages, c.grades, c.quote) for c in found] == [
        (3.0, ("primary",), (), "劳动课小学每周3课时"),
        (2.0, ("junior",), ("J1",), "初中一年级每周2课时"),
    ]
    # the stage a count counts stays with its count: "支持4所高中…"
    found = [c for c in extract("支持4所高中每所不少于2个实验室。", doc="t.txt") if c.value == 4]
    assert len(found) == 1 and found[0].quote.startswith("支持4所高中")


def test_a_one_off_training_after_a_periodic_one_keeps_no_period() -> None:
    found = [c for c in extract("教师每五年完成不少于360学时的培训，新任教师岗前培训不少于120学时。", doc="t.txt") if c.value]
    assert [(c.value, c.period) for c in found] == [(360.0, "五年"), (120.0, None)]
    # the same measure said again for other people keeps the period
    found = [c for c in extract("校长每学期听课不少于30节，其他校级领导不少于40节。", doc="t.txt") if c.value]
    assert [(c.value, c.period) for c in found] == [(30.0, "学期"), (40.0, "学期")]


def test_a_bounded_multiple_of_a_named_level_is_a_ratio_to_that_level_and_a_fine_stays_a_fine() -> None:
    pay = _one("特殊教育教师的平均年收入应当达到当地教师平均工资的一点五倍以上。", 1.5)
    assert (pay.kind, pay.comparator, pay.unit, pay.denominator) == ("ratio", "at_least", "倍", "当地教师平均工资")
    funds = _one("特殊教育学校生均公用经费按普通学校的8倍以上拨付。", 8)
    assert (funds.kind, funds.comparator) == ("ratio", "at_least")
    # a fine's multiple is read as a fine; a multiple with no bound, or of no level named, is no target
    fine = _one("并处违法所得的五倍以下的罚款。", 5)
    assert fine.kind == "count"
    assert not numeric("学校招生人数比去年翻了一倍。")
    assert not numeric("经费是去年的两倍。")


def test_a_cumulative_total_over_a_stage_does_not_take_the_week_of_the_figures_before_it() -> None:
    text = "一至六年级每周不少于4节,七至九年级每周不少于2节;普通高中要按照规定,课程累计不少于108 节。"
    assert (_one(text, 2).period, _one(text, 108).period) == ("周", "学段")
    # a total over years keeps them, and a weekly total its week
    assert _one("教师每五年累计不少于360学时的培训。", 360).period == "五年"
    assert _one("每周累计不少于3课时。", 3).period == "周"


def test_credits_counted_with_ge_and_a_team_to_build_is_no_number_of_teams() -> None:
    credits = _one("修满公共艺术课程2个学分方能毕业。", 2)
    assert (credits.kind, credits.unit) == ("count", "学分")
    assert not numeric("努力建设一支师德高尚、业务精湛的教师队伍。")
    assert _one("每校至少组建一支校园足球队。", 1).comparator == "at_least"


def test_things_for_so_many_students_are_a_ratio_and_the_draft_says_them_per_hundred() -> None:
    from checklist.extract.draft import draft_rubric
    from checklist.extract.plans import PlanInfo
    from checklist.provenance import Role, quoted_numbers

    text = "一、办学条件\n1.小学每百名学生拥有教学用计算机不少于12台。\n"
    [c] = numeric(text)
    assert (c.kind, c.value, c.scope, c.denominator) == ("ratio", 0.12, "school", "学生数")
    assert quoted_numbers("小学每百名学生拥有教学用计算机不少于12台").has(0.12, Role.FRACTION)
    info = PlanInfo(file="t.txt", title="某县办学标准", issuer="某县教育局", region=None, year=2026, short_title="标准")
    draft = draft_rubric((c,), text, info, "t-2026")
    [item] = [i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    assert item["title"] == "每百名学生教学用计算机不少于12台"
    assert [i["label"] for i in item["inputs"]] == ["教学用计算机数量（台）", "学生数"]
    # staff for so many students stay staff
    [staff] = numeric("每200名学生配备1名专职心理健康教育教师。")
    assert (staff.value, staff.subject) == (0.005, "心理健康教育教师")


def test_half_a_month_or_a_year_is_a_period_and_the_first_half_of_a_year_is_not() -> None:
    assert _one("平时半月开锁检查一次。", 1).period == "半月"
    assert _one("半月一次召开例会。", 1).period == "半月"
    assert _one("每半年开展一次检查。", 1).period == "半年"
    assert _one("上半年开展一次演练。", 1).period is None


def test_a_figure_s_subject_drops_who_must_and_a_bare_verb_takes_the_topic_before_it() -> None:
    text = "全市中小学将全面推行课后服务模式，即每周5天都要开展课后服务，每天至少开展2小时。"
    assert (_one(text, 5).subject, _one(text, 120).subject) == ("开展课后服务", "开展课后服务")
    # 应急 is a word of its own, not a modal
    assert _one("中小学校每月至少开展一次应急疏散演练。", 1).subject == "应急疏散演练"


def test_schools_named_by_if_are_the_case_and_copies_and_a_one_off_arrangement_are_counted() -> None:
    # "如…的学校," names which schools: its share is no target, the rule after it is
    text = "如接受外来务工人员随迁子女入学人数比例达到30%以上的学校,班额可在50人以内。"
    assert [(c.value, c.comparator) for c in numeric(text)] == [(50, "at_most")]
    copies = _one("报送材料一式三份。", 3)
    assert (copies.kind, copies.unit) == ("count", "份")
    once = _one("各学校立即安排一次校会或班会。", 1)
    assert (once.kind, once.comparator) == ("frequency", "equal")


def test_from_now_to_a_day_and_a_day_set_for_a_step_are_deadlines() -> None:
    def deadlines(text: str) -> list[str]:
        return [c.subject for c in extract(text, doc="t.txt") if c.kind == "deadline"]

    assert deadlines("一、排查整治时间:即日起至2月8日") == ["即日起至2月8日"]
    assert deadlines("公布一年级新生名单时间为7月23日。") == ["公布一年级新生名单时间为7月23日"]
    assert deadlines("该校始建于1956年。") == []


def test_households_groups_and_lamps_are_counted_and_a_code_s_range_is_not() -> None:
    c = _one("每位教师每年家访不少于10户。", 10)
    assert (c.kind, c.comparator, c.unit, c.period) == ("count", "at_least", "户", "年")
    assert _one("研学活动每组不超过6人。", 6).comparator == "at_most"
    # an index number of a published page: "202506-00023 组配分类" is no range of groups
    assert numeric("索引号:11341602003165628D/202506-00023 组配分类:其他") == []


def test_someone_named_to_a_task_is_counted() -> None:
    c = _one("学校要明确一名副校长分管未成年学生保护工作。", 1)
    assert (c.kind, c.unit) == ("count", "名")
    assert _one("申请认定的，应当提交材料，并有两名相关专业的教授推荐。", 2).unit == "名"
    # one hired, a fine per head: the number is the sum of money, not the head
    assert [c.unit for c in numeric("并按照每聘用一人二万元的标准处以罚款。")] == ["元"]


def test_a_change_that_has_happened_is_no_target_and_one_to_reach_is() -> None:
    assert numeric("通过一年的努力，学生近视率下降了1.2个百分点。") == []
    assert numeric("学生体质健康优良率提高了5个百分点。") == []
    [c] = numeric("力争学生近视率每年下降1个百分点。")
    assert (c.value, c.period) == (1.0, "年")


def test_the_news_of_one_event_states_no_target() -> None:
    assert numeric("此次演练历时15分钟，全校1200名师生安全疏散。") == []
    assert numeric("本次督导共抽查学校20所。") == []
    assert numeric("检查组一行5人深入学校。") == []
    assert [c.value for c in numeric("比赛设置了10个项目。")] == []  # an act done
    # … unless the event sets a target, or 了 is part of another word
    assert [c.value for c in numeric("本次活动要求每名学生阅读不少于2本书。")] == [2]
    assert [c.value for c in numeric("为了保证学生每天锻炼1小时，学校调整作息。")] == [60]


def test_a_holiday_s_length_in_days() -> None:
    c = _one("全市中学暑假放假时间为7月2日至8月31日，9月1日正式开学，假期共61天。", 61)
    assert (c.kind, c.unit) == ("duration", "天")


def test_how_long_a_campaign_or_a_session_lasts() -> None:
    c = _one("全市中小学校将开展为期200天的预防学生溺水专项行动。", 200)
    assert (c.kind, c.unit) == ("duration", "天")
    assert _one("暑期托管每期两周(不含双休日)。", 2).unit == "周"
    assert _one("第一期:7月8日—7月26日(15个工作日)。", 15).kind == "duration"
    # a unit a fee is counted in is no length to keep
    assert [c.unit for c in numeric("按照每期15天为单位收取1050元/期。")] == ["元"]
    # a horizon's plan stays unread
    assert numeric("实施三年行动计划。") == []


def test_sessions_held_are_counted_and_an_event_s_size_as_a_condition_is_not() -> None:
    assert _one("2024年暑期共举办两期托管服务。", 2).kind == "count"
    c = _one("每年举办两期班主任培训班。", 2)
    assert c.period == "年"
    assert numeric("凡出现一次溺亡3人及以上的溺水事故，要严肃追究责任。") == []
    # a service round the clock is a way of working
    assert numeric("提供24小时心理问题留言平台。") == []


def test_a_homework_cut_off_said_by_what_is_still_not_done() -> None:
    [c] = [c for c in extract("小学生若至晚上9点30分仍未完成家庭作业，请孩子停止作业并及时就寝。") if c.kind == "deadline"]
    assert (c.comparator, c.value, c.unit) == ("at_most", 21 * 60 + 30, "时刻")


def test_an_amount_alone_after_its_act_takes_the_act_s_period_and_at_most_said_with_zuiduo() -> None:
    found = [(c.kind, c.value, c.comparator, c.period) for c in numeric("学校要每月开展主题班会，不少于2次。")]
    assert found == [("frequency", 2.0, "at_least", "月")]  # not also once a month
    found = [(c.kind, c.value, c.value_max, c.period) for c in numeric("学校要每学期召开家长会，2至3次。")]
    assert found == [("frequency", 2.0, 3.0, "学期")]
    [c] = numeric("学校每月开展主题班会最多2次。")
    assert (c.comparator, c.value) == ("at_most", 2.0)
    # an amount each time keeps its own period
    [c] = [c for c in numeric("每周开展主题班会，每次不少于40分钟。") if c.kind == "duration"]
    assert (c.value, c.period) == (40.0, None)


def test_grades_written_without_a_separator_are_a_stage_not_the_topic() -> None:
    text = "严格落实体育活动小学一二年级每周4课时，三至六年级和初中每周3课时。"
    assert _one(text, 3).subject == "体育活动（三至六年级和初中）"


def test_how_long_a_campaign_lasts_is_named_by_the_campaign() -> None:
    c = _one("我市中小学校将开展为期200天的预防学生溺水专项行动。", 200)
    assert c.subject == "预防学生溺水专项行动期限"


def test_a_trial_period_half_a_year_a_dash_typed_as_yi_and_all_of_an_amount() -> None:
    c = _one("取得教师资格的人员首次任教，应当有1年的试用期。", 1)
    assert (c.kind, c.unit, c.subject) == ("duration", "年", "试用期")
    c = _one("不具备条件的学校实行半年过渡期。", 6)
    assert (c.kind, c.unit, c.subject) == ("duration", "月", "过渡期")
    c = _one("助力每个孩子掌握1一2项运动技能。", 1)
    assert (c.value_max, c.unit) == (2.0, "项")
    [c] = numeric("教龄满30年的中小学退休教师享受100%的退休金待遇。")
    assert (c.kind, c.value) == ("ratio", 1.0)
    # 100% of those reached stays full coverage
    assert [c.kind for c in numeric("课后服务覆盖率达到100%。")] == ["coverage"]


def test_a_level_held_above_said_of_an_area() -> None:
    [c] = numeric("逐步使教师家庭人均住房面积高于本市居民平均水平。")
    assert (c.kind, c.comparator, c.value) == ("ratio", "at_least", 1.0)
