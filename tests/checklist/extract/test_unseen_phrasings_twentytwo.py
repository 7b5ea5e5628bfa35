"""Readings added in session 22, found by drafting a county's 工作要点 written the way bureaus write them (issue 14):
what a figure after the first of a sentence is of, and the grades a stage named beside a grade list adds. Texts
written for these tests; each class has a case that must still be read and a guard.
"""

from __future__ import annotations

from checklist.extract import extract
from checklist.extract.draft import draft_rubric
from checklist.extract.plans import PlanInfo
from checklist.extract.wording import stages_and_grades

INFO = PlanInfo(file="t.txt", title="某县2026年教育工作要点", issuer="某县教育局", region=None, year=2026, short_title="要点")


def subjects(sentence: str) -> list[str]:
    return [c.subject for c in extract("某县2026年教育工作要点\n" + sentence, doc="t.txt") if c.kind != "existence"]


def titles(sentence: str) -> dict[str, dict]:
    text = "某县2026年教育工作要点\n" + sentence
    found = tuple(c for c in extract(text, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, text, INFO, "t-2026")
    return {i["title"]: i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]}


# -- 中小学生 is a stage's students: the topic after it is not «生…» ---------------------------------------------


def test_the_students_of_a_stage_are_taken_off_a_topic_whole() -> None:
    got = subjects("严格落实中小学生每天综合体育活动时间不低于2小时，其中校内不少于1小时。")
    assert got == ["中小学生综合体育活动时间", "综合体育活动时间（校内）"]  # before: «生综合体育活动时间（校内）»
    # a stage's own students still head their figure
    assert subjects("小学生每天睡眠时间应达到10小时，初中生应达到9小时。") == ["小学生睡眠时间", "睡眠时间（初中生）"]


# -- a time of day that names only its stage is of the time before it -------------------------------------------


def test_a_time_of_day_said_by_its_stage_only_is_of_the_time_before_it() -> None:
    assert subjects("小学上午上课时间不早于8:20，中学不早于8:00。") == ["小学上午上课时间", "上午上课时间（中学）"]
    items = titles("小学上午上课时间不早于8:20，中学不早于8:00。")
    later = items["中学上午上课时间不早于8:00"]  # before: «中学不早于8:00», under 制度与规划
    assert later["inputs"][0]["label"] == "是否做到：中学上午上课时间不早于8:00"
    assert later["evidence"] == items["小学上午上课时间不早于8:20"]["evidence"]
    # a time with its own words keeps them
    assert subjects("小学生就寝时间不晚于21:20，初中生不晚于22:00，学校放学时间不早于17:00。")[-1] == "学校放学时间"


# -- how long a thing named before is kept -----------------------------------------------------------------------


def test_a_part_that_says_only_how_long_a_thing_is_kept_is_of_that_thing() -> None:
    got = subjects("学校食堂食品留样每样不少于125克，留存48小时以上。")
    assert got == ["学校食堂食品留样每样", "学校食堂食品留样留存"]  # before: «留存»
    assert "学校食堂食品留样留存不少于48小时" in titles("学校食堂食品留样每样不少于125克，留存48小时以上。")
    # a part with a thing of its own is not joined to the one before
    assert subjects("食品留样每样不少于125克，监控录像保存30天以上。")[-1] == "监控录像保存"


# -- a stage named beside a list of grades adds its grades ---------------------------------------------------------


def test_a_stage_named_beside_a_grade_list_adds_all_its_grades() -> None:
    assert stages_and_grades("三至六年级和初中每周3课时") == (
        ("primary", "junior"),
        ("P3", "P4", "P5", "P6", "J1", "J2", "J3"),
    )
    [item] = [i for t, i in titles("开齐开足体育课，三至六年级和初中每周3课时。").items() if "3课时" in t]
    assert item["inputs"][0]["grades"] == ["P3", "P4", "P5", "P6", "J1", "J2", "J3"]  # before: the junior grades lost
    # a stage named elsewhere in the words is not joined to the grades
    assert stages_and_grades("初中一、二年级音乐1，小学")[1] == ("J1", "J2")
    assert stages_and_grades("小学四、五年级") == (("primary",), ("P4", "P5"))


# -- the days a week covered are a frequency, not a share beside it -------------------------------------------------


def test_days_a_week_covered_are_read_once_as_days() -> None:
    found = [(c.kind, c.value) for c in extract("某县2026年教育工作要点\n课后服务每周5天全覆盖，每天不少于2小时。", doc="t.txt")]
    assert found == [("frequency", 5.0), ("duration", 120.0)]  # before: a coverage «课后服务5天» of 100% too
    # the students covered are a share
    found = [(c.kind, c.value) for c in extract("某县2026年教育工作要点\n课后服务实现有需求学生全覆盖。", doc="t.txt")]
    assert found == [("coverage", 1.0)]


# -- where an item stands: a teacher's conduct under 师德师风; days a week asked as days --------------------------


def placed(sentence: str) -> dict[str, tuple[str, str]]:
    text = "某县2026年教育工作要点\n" + sentence
    found = tuple(c for c in extract(text, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, text, INFO, "t-2026")
    return {
        i["title"]: (d["title"], ind["title"])
        for d in draft.data["dimensions"]
        for ind in d["indicators"]
        for i in ind["items"]
    }


def test_a_teacher_s_conduct_stands_under_its_dimension() -> None:
    got = placed("严禁中小学在职教师有偿补课。不得体罚或者变相体罚学生。")
    assert got == {
        "严禁中小学在职教师有偿补课": ("队伍建设", "师德师风"),  # before: 学校管理 / 制度与规划, as 补课 is how a school runs
        "不得体罚或者变相体罚学生": ("队伍建设", "师德师风"),
    }
    # a school organising make-up classes is how it runs; a duty beside a ban on punishment is not 师德 by its sentence
    got = placed("严禁学校利用节假日组织学生集体补课。学校应当关心爱护学生，不得体罚学生。")
    assert got["严禁学校利用节假日组织学生集体补课"][1] == "规范办学"
    assert got["学校应当关心爱护学生"][1] != "师德师风"


def test_days_a_week_are_asked_as_days() -> None:
    [item] = titles("课后服务每周不少于5天。").values()
    assert item["inputs"][0]["label"] == "每周课后服务天数"  # before: «…次数» of a figure in 天


# -- what a figure is of, when the words around it say who does it or how --------------------------------------------


def test_a_count_of_sports_clubs_is_read() -> None:
    # 个体 (an individual) is no unit; «1个体育社团» is one club
    assert subjects("积极组建学生体育社团，每名学生至少参加1个体育社团。") == ["每名学生参加体育社团"]
    assert subjects("学校至少组建3个体育社团。") == ["学校组建体育社团"]
    assert subjects("54个体工商户已登记。") == []


def test_a_time_arranged_is_of_the_activity_after_it() -> None:
    assert subjects("各中小学校每天统一安排30分钟大课间体育活动。") == ["大课间体育活动"]  # before: «各中小学校统一安排»
    assert subjects("学校每天集中安排不少于20分钟的阅读时间。") == ["阅读时间"]


def test_the_lessons_provided_are_the_topic_of_each_stage_s_figure() -> None:
    got = subjects("义务教育阶段学校严格按照课程方案开齐开足上好体育与健康课，小学1-2年级每周4节，高中每周2节。")
    assert got == ["体育与健康课（小学1-2年级）", "体育与健康课（高中）"]  # before: «学校严格按照课程方案开齐…»


def test_an_act_done_to_every_student_is_what_is_covered() -> None:
    [covered] = [c for c in extract("某县2026年教育工作要点\n学校每学年对全体学生进行一次体质健康测试。", doc="t.txt")
                 if c.kind == "coverage"]
    assert covered.subject == "体质健康测试"  # before: «学校», asked as «学校覆盖率»
    [covered] = [c for c in extract("某县2026年教育工作要点\n对全体学生开展心理健康筛查。", doc="t.txt")]
    assert covered.subject == "心理健康筛查"


# -- staff for so many classes ---------------------------------------------------------------------------------------


def test_staff_for_so_many_classes_is_a_ratio_to_the_classes() -> None:
    [c] = [c for c in extract("某县2026年教育工作要点\n各学校每12个班配备1名专职心理健康教师。", doc="t.txt")]
    assert (c.kind, round(c.value or 0, 4), c.denominator) == ("ratio", 0.0833, "班数")  # before: a count of 1 名
    [item] = titles("各学校每12个班配备1名专职心理健康教师。").values()
    assert item["title"] == "每12个班配备心理健康教师不少于1名"
    assert [i["label"] for i in item["inputs"]] == ["心理健康教师人数", "班数"]
    assert item["rule"]["kind"] == "ratio_at_least"
    # a room for so many classes is still the room's count, and each class its own teacher
    assert [(c.kind, c.value) for c in extract("某县2026年教育工作要点\n每12个班级配备音乐专用教室1间。", doc="t.txt")] == [
        ("count", 1.0)
    ]
    assert [c.kind for c in extract("某县2026年教育工作要点\n每个班配备1名班主任。", doc="t.txt")] == ["count"]


# -- a kindergarten's rules (保育教育质量评估细则), written for this test --------------------------------------------


def test_the_document_making_itself_is_no_duty() -> None:
    text = "某区幼儿园保育教育质量评估实施细则\n第一条 为规范幼儿园办园行为，制定本细则。\n第二条 幼儿园要制定安全应急预案。\n"
    assert [c.subject for c in extract(text, doc="t.txt")] == ["制定安全应急预案"]  # before: «制定本细则» too


def test_a_class_size_said_bare_is_at_most() -> None:
    got = [(c.subject, c.comparator, c.value) for c in extract(
        "某区2026年工作要点\n幼儿园班额：小班25人，中班30人，混龄班不超过30人。", doc="t.txt")]
    assert got == [
        ("班额（小班）", "at_most", 25.0),  # before: equal, drafted as at least 25 children
        ("班额（中班）", "at_most", 30.0),
        ("班额（混龄班）", "at_most", 30.0),
    ]
    # a staff count said bare stays as it was (drafted as at least)
    [staff] = extract("某区2026年工作要点\n全日制幼儿园每班配备2名专任教师。", doc="t.txt")
    assert staff.comparator == "equal"


def test_the_second_staff_of_a_list_is_in_the_same_classes() -> None:
    assert subjects("全日制幼儿园每班配备2名专任教师和1名保育员。") == [
        "全日制幼儿园每班配备专任教师",
        "全日制幼儿园每班配备保育员",  # before: «保育员»
    ]


def test_a_part_of_the_whole_is_no_topic_for_the_figures_after_it() -> None:
    got = subjects("幼儿园应当保证幼儿每天户外活动时间不少于2小时，其中体育活动时间不少于1小时，寄宿制幼儿园不少于3小时。")
    # the children's time, not the kindergarten's duty; a boarding kindergarten's time outdoors, not its sport
    assert got == ["幼儿户外活动时间", "体育活动时间", "户外活动时间（寄宿制幼儿园）"]


def test_a_range_s_unit_gives_its_lower_bound_s_other_forms() -> None:
    from checklist.provenance import quoted_numbers

    assert {120.0, 150.0} <= quoted_numbers("幼儿园午睡时间一般为2至2.5小时").plain  # before: 120 not found
    assert {120.0, 180.0} <= quoted_numbers("每天两到三小时").plain
    assert 60.0 not in quoted_numbers("每学年参加1—2次").plain


def test_a_boarding_or_mixed_age_class_heads_a_title_like_a_stage() -> None:
    got = titles("幼儿园户外活动时间每天不少于2小时，寄宿制幼儿园不少于3小时。午睡时间一般为2至2.5小时。")
    assert "寄宿制幼儿园户外活动时间每天不少于3小时" in got  # before: «户外活动时间（寄宿制幼儿园）…»
    assert any(t.startswith("午睡时间") for t in got)  # before: «午睡时间一般为…»


# -- a county's notice on 规范办学行为, written for this test -----------------------------------------------------


def test_exams_a_school_may_hold_are_a_cap() -> None:
    found = extract(
        "某县2026年工作要点\n义务教育学校一学期可在期末组织一次考试，初中年级可适当安排一次期中考试。", doc="t.txt"
    )
    assert [(c.comparator, c.modality) for c in found] == [("at_most", "must"), ("at_most", "must")]
    # before: at least one exam, and the mid-term one a bonus item
    [floor] = extract("某县2026年工作要点\n每学期至少组织1次体质健康测试。", doc="t.txt")
    assert floor.comparator == "at_least"


def test_a_school_s_duty_to_keep_its_students_time_is_the_students_time() -> None:
    assert subjects("学校应保证小学生每天睡眠时间达到10小时，初中生达到9小时。") == ["小学生睡眠时间", "睡眠时间（初中生）"]
    assert subjects("义务教育学校班额小学不超过45人，初中不超过50人。")[1] == "班额（初中）"  # before: «学校班额（初中）»
    assert placed("初中学生在校时间不超过8小时。")["初中学生在校时间不超过8小时"] == ("学校管理", "规范办学")


def test_weekly_lessons_of_some_grades_are_asked_grade_by_grade() -> None:
    items = titles("开齐开足国家规定课程，体育课小学1-2年级每周4课时，3-6年级和初中每周3课时。")
    [first] = [i for i in items.values() if i["rule"].get("rule", i["rule"]).get("value") == 4]
    # the shared 每周体育课 (one number a school) would ask grades 3–6 for 4 lessons too
    assert first["inputs"][0]["grades"] == ["P1", "P2"] and first["rule"]["kind"] == "each"
    [whole] = titles("高中每周体育课不少于3节。").values()
    assert whole["rule"] == {"kind": "at_least", "input": "pe_lessons_weekly", "value": 3}


# -- a city's 心理健康教育 plan, written for this test --------------------------------------------------------------


def test_a_room_s_area_is_the_school_s() -> None:
    [room] = extract("某市2026年工作要点\n心理辅导室面积不小于30平方米。", doc="t.txt")
    assert (room.scope, room.value) == ("school", 30.0)  # before: unclear, set aside
    [built] = extract("某市2026年工作要点\n全市新建学校建筑面积不少于10万平方米。", doc="t.txt")
    assert built.scope == "region"


def test_a_ratio_for_so_many_pupils_is_of_the_staff_the_sentence_named() -> None:
    sentence = "每所中小学至少配备1名专职心理健康教育教师，寄宿制学校按照学生数1:500的比例配备。"
    [ratio] = [c for c in extract("某市2026年工作要点\n" + sentence, doc="t.txt") if c.kind == "ratio"]
    assert ratio.subject == "寄宿制学校专职心理健康教育教师"  # before: «寄宿制学校按照学生数»
    assert "寄宿制学校专职心理健康教育教师与学生之比不低于1:500" in titles(sentence)


def test_one_group_s_training_hours_are_not_every_teacher_s() -> None:
    [item] = titles("心理健康教育专职教师每年接受不少于40学时的专业培训。").values()
    # before: the shared 教师年度培训学时, asked of all teachers and titled without whose hours they are
    assert item["inputs"][0]["key"] != "teacher_training_hours" and "心理健康" in item["title"]
    [every] = titles("各学校教师每年参加培训不少于72学时。").values()
    assert every["rule"] == {"kind": "at_least", "input": "teacher_training_hours", "value": 72}


def test_a_rate_named_by_an_act_alone_is_of_what_the_sentence_did_it_to() -> None:
    assert subjects("测试数据按时上报国家学生体质健康标准数据管理系统，上报率100%。") == ["测试数据上报率"]  # before: «上报率»
    assert subjects("学生体质健康测试合格率达95%以上，优良率达到55%。")[1] == "优良率"  # no act: as it was


def test_an_attribute_said_alone_is_of_the_thing_named_before() -> None:
    assert subjects("心理辅导室面积不小于30平方米，开放时间每周不少于10小时。") == ["心理辅导室面积", "心理辅导室开放时间"]
    assert subjects("图书室面积不少于60平方米，藏书量不少于5000册。")[1] == "图书室藏书量"  # before: «藏书量»
