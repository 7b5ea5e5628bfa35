"""Phrasings of the national documents that bureau plans restate almost word for word (双减's 作业
limits, the 睡眠 notice's hours, the 学校体育 意见's lessons a week, 课后服务 5+2), and dates a yearly
plan gives without its year. Probed with sentences written the way a 工作要点 carries them, before
any plan of the fifth batch of development texts was read; each test also gives a sentence that must
not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from checklist.outline import outline
from tests.checklist.extract.conftest import numeric, of_kind

# -- an amount of time that ends the sentence ---------------------------------------------------------


def test_lessons_a_week_listed_by_stage_are_each_read() -> None:
    # 学校体育 意见: the lessons a week, stage by stage, with no comparator and nothing after them.
    cands = numeric("严格落实体育课时,小学1—2年级每周4课时,小学3—6年级和初中每周3课时,高中每周2课时。")
    assert [(c.kind, c.value, c.unit, c.period) for c in cands] == [
        ("frequency", 4, "课时", "周"),
        ("frequency", 3, "课时", "周"),
        ("frequency", 2, "课时", "周"),
    ]
    assert [c.stages for c in cands] == [("primary",), ("primary", "junior"), ("senior",)]
    # each takes the sentence's topic, since its own words name only the stage
    assert all(c.subject.startswith("体育课") for c in cands)


def test_an_hour_that_ends_the_sentence_is_a_duration() -> None:
    [c] = numeric("学生每天在校锻炼1小时。")
    assert (c.kind, c.value, c.period) == ("duration", 60, "天")
    # a part that ends in 时 and states a situation is still no target
    assert numeric("在同方向有两条以上机动车道的道路上停靠时,不得占用车道。") == []


# -- days in a week -----------------------------------------------------------------------------------


def test_days_in_a_week_are_a_frequency() -> None:
    # 课后服务 5+2: five days a week, two hours each day.
    cands = numeric("课后服务每周5天、每天至少2小时。")
    assert [(c.kind, c.value, c.unit, c.period) for c in cands] == [
        ("frequency", 5, "天", "周"),
        ("duration", 120, "分钟", "天"),
    ]
    assert [c.subject for c in cands] == ["课后服务", "课后服务"]
    # a number of days that is not in a week or a month is a length of time
    [trip] = numeric("研学旅行不少于3天。")
    assert (trip.kind, trip.unit) == ("duration", "天")


# -- the period and topic a parallel part keeps -----------------------------------------------------


def test_a_part_naming_another_stage_keeps_the_sentence_s_period() -> None:
    # 睡眠 notice: 每天 is said once, for 小学生; 初中生 and 高中生 share it.
    cands = numeric("小学生每天睡眠时间应达到10小时,初中生应达到9小时,高中生应达到8小时。")
    assert [(c.value, c.period) for c in cands] == [(600, "天"), (540, "天"), (480, "天")]
    assert [c.subject for c in cands] == ["小学生睡眠时间", "睡眠时间（初中生）", "睡眠时间（高中生）"]
    assert [c.stages for c in cands] == [("primary",), ("junior",), ("senior",)]


def test_a_share_of_the_whole_keeps_the_sentence_s_period() -> None:
    cands = numeric("确保学生每天综合体育活动时间不少于2小时,其中校内不少于1小时、校外不少于1小时。")
    assert [(c.value, c.period) for c in cands] == [(120, "天"), (60, "天"), (60, "天")]
    # a part with a period of its own keeps its own
    cands = numeric("中小学校每学期开展不少于1次法治教育讲座,每年不少于2次。")
    assert [(c.value, c.period) for c in cands] == [(1, "学期"), (2, "年")]
    assert cands[1].subject == "法治教育讲座"


def test_the_second_stage_of_a_limit_takes_the_limit_s_topic() -> None:
    # 双减: 初中 names only the stage; the limit is on written homework.
    cands = numeric("三至六年级书面作业平均完成时间不超过60分钟,初中不超过90分钟。")
    assert [(c.comparator, c.value) for c in cands] == [("at_most", 60), ("at_most", 90)]
    assert cands[1].subject == "书面作业平均完成时间（初中）"
    assert cands[1].stages == ("junior",)


# -- dates of the plan's own year ---------------------------------------------------------------------


def test_a_month_without_a_year_is_a_deadline_of_the_plan_s_year() -> None:
    [c] = of_kind("在12月底前完成全部学校的标准化考场建设。", "deadline")
    assert c.quote.startswith("12月底前")
    [c] = of_kind("各校于6月30日前上报方案。", "deadline")
    assert c.quote.startswith("6月30日前")
    [c] = of_kind("年底前实现全覆盖。", "deadline")
    assert c.quote.startswith("年底前")
    # a month that starts a period is no deadline; a window of months is one, by its end (c52)
    assert of_kind("9月起实行课后服务。", "deadline") == []
    [window] = of_kind("专项行动时间为3月至6月。", "deadline")
    assert "3月至6月" in window.quote
    [phase] = of_kind("第三阶段:工作总结(10月中旬)。", "deadline")
    assert "10月中旬" in phase.quote


def test_a_yearly_date_and_a_dated_year_are_read_once() -> None:
    text = "1.每年9月30日前完成资助申请。2025年底前完成改造。"
    deadlines = [c for c in extract(text, doc="t.txt") if c.kind == "deadline"]
    assert [c.quote.split("完成")[0] for c in deadlines] == ["每年9月30日前", "2025年底前"]


# -- the same measure again, for someone else -----------------------------------------------------------


def test_a_second_person_s_number_keeps_the_first_s_period() -> None:
    cands = numeric("校长每学期听课不少于30节,其他校级领导不少于40节。")
    assert [(c.kind, c.value, c.period) for c in cands] == [("frequency", 30, "学期"), ("frequency", 40, "学期")]
    # another unit is another measure: no period is lent
    cands = numeric("每学期开展1次应急演练,参演人数不少于100人。")
    assert [(c.kind, c.period) for c in cands] == [("frequency", "学期"), ("count", None)]


# -- units ----------------------------------------------------------------------------------------------


def test_books_and_percentage_points_are_units() -> None:
    [books] = numeric("每个学生每学期阅读课外书籍不少于5本。")
    assert (books.kind, books.comparator, books.value, books.unit, books.period) == ("count", "at_least", 5, "本", "学期")
    [points] = numeric("学生近视率较上年下降1个百分点。")
    assert (points.kind, points.comparator, points.value, points.unit) == ("count", "at_least", 1, "个百分点")
    [courses] = numeric("每校开设不少于3门校本课程。")
    assert (courses.value, courses.unit, courses.scope) == (3, "门", "school")


# -- scope ----------------------------------------------------------------------------------------------


def test_what_each_class_must_have_is_the_school_s() -> None:
    [c] = numeric("每个班级至少配备1名心理委员。")
    assert (c.value, c.scope) == (1, "school")
    # a number of people the bureau trains is still its own
    [c] = numeric("培养县级骨干教师100名。")
    assert c.scope == "region"


def test_a_school_that_budgets_by_a_share_is_the_subject() -> None:
    [c] = numeric("学校按照不低于年度公用经费预算总额的5%安排教师培训经费。")
    assert (c.kind, c.comparator, c.value, c.scope) == ("ratio", "at_least", 0.05, "school")
    # a budget share with no school as its subject stays the region's
    [c] = numeric("教育经费支出占一般公共预算支出的比例不低于15%。")
    assert c.scope == "region"


def test_an_activity_every_period_is_named_by_its_whole_words() -> None:
    [c] = of_kind("每学年设立劳动周。", "frequency")
    assert (c.value, c.period, c.subject) == (1, "学年", "设立劳动周")


def test_a_bare_frequency_after_a_named_programme_takes_its_topic() -> None:
    # a quoted 一校一策 in the opening words is no number: they still name the topic
    cands = numeric("开展“一校一策”校园安全隐患排查,每月不少于1次。")
    assert [(c.value, c.period) for c in cands] == [(1, "月")]
    assert "校园安全隐患排查" in cands[0].subject


# -- a notice sent to the schools -----------------------------------------------------------------------

NOTICE = (
    "关于做好2025年秋季学期中小学校安全工作的通知\n"
    "各中小学校、幼儿园：\n"
    "1、寄宿制学校每晚至少安排2名教职工值班。\n"
    "2、建立隐患台账，做到“三个100%”，严格落实24小时值班制度。\n"
    "3、发现安全隐患须在2小时内报告县教育局。\n"
    "4、县教育局每学期组织1次专项检查。\n"
)


def test_a_notice_to_the_schools_asks_the_schools() -> None:
    cands = {c.quote: c for c in extract(NOTICE, doc="t.txt")}
    assert cands["寄宿制学校每晚至少安排2名教职工值班"].scope == "school"
    assert cands["建立隐患台账"].scope == "school"
    # the authority a report goes to does not make it the bureau's …
    assert cands["发现安全隐患须在2小时内报告县教育局"].scope == "school"
    # … but what the bureau itself does stays the bureau's
    assert cands["县教育局每学期组织1次专项检查"].scope == "region"
    # the same items in a plan sent to the bureaus keep their old reading: no one named
    plan = NOTICE.replace("各中小学校、幼儿园：", "各县区教育局：")
    assert {c.quote: c for c in extract(plan, doc="t.txt")}["建立隐患台账"].scope == "unclear"


def test_a_slogan_and_round_the_clock_duty_set_no_number() -> None:
    quantities = [c for c in extract(NOTICE, doc="t.txt") if c.is_quantitative]
    assert [(c.kind, c.value) for c in quantities] == [("count", 2), ("duration", 120), ("frequency", 1)]
    [c] = numeric("每天户外活动不少于2小时。")
    assert c.value == 120


def test_an_item_that_opens_on_a_number_is_not_a_decimal() -> None:
    text = "1.各校每学期开展1次演练。\n2.80%以上的学校达到省级标准化学校标准。\n"
    cands = [c for c in extract(text, doc="t.txt") if c.is_quantitative]
    assert [(c.clause, c.kind, c.value, c.scope) for c in cands] == [
        ("1", "frequency", 1, "school"),
        ("2", "ratio", 0.8, "region"),
    ]
    # out of sequence, "3.5" stays a number: 生均 3.5 平方米 in a sentence of its own
    assert [c.label for c in outline("1.总则。\n3.5平方米为下限。\n") if c.label] == ["1"]


def test_what_each_teacher_must_do_is_the_school_s() -> None:
    [c] = numeric("每名教师每学年至少结对帮扶1名学困生。")
    assert (c.value, c.scope) == (1, "school")


def test_the_schools_of_the_city_keep_a_time_each() -> None:
    [c] = numeric("全市中小学每天开展不少于30分钟的大课间活动。")
    assert (c.value, c.period, c.scope, c.subject) == (30, "天", "school", "大课间活动")


def test_a_yearly_amount_written_as_年度() -> None:
    [c] = numeric("每名教师年度培训不少于72学时。")
    assert (c.kind, c.value, c.period) == ("frequency", 72, "年")
    # a year's assessment or budget is no period of the number
    [c] = numeric("教师年度考核优秀比例不超过20%。")
    assert c.period is None


def test_the_next_stage_states_only_its_number_and_keeps_the_comparison() -> None:
    cands = numeric("班额小学不超过45人,初中50人。")
    assert [(c.comparator, c.value, c.stages) for c in cands] == [("at_most", 45, ("primary",)), ("at_most", 50, ("junior",))]
    cands = numeric("学生在校时间小学不超过6小时,初中7小时。")
    assert [(c.comparator, c.value) for c in cands] == [("at_most", 360), ("at_most", 420)]
    # a part that is not another stage keeps its own reading
    cands = numeric("新建学校不少于3所,新增学位2000个。")
    assert [(c.comparator, c.value) for c in cands] == [("at_least", 3), ("equal", 2000)]


def test_the_stage_named_after_a_general_one_is_meant() -> None:
    [c] = numeric("义务教育学校班额小学不超过45人。")
    assert c.stages == ("primary",)
    # a general word alone, or named after the stages, keeps all it names
    [c] = numeric("中小学每天开展不少于30分钟的大课间活动。")
    assert c.stages == ("primary", "junior", "senior")
