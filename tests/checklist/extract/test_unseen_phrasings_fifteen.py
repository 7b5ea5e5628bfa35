"""Phrasings found in session 15 by writing the common requirements of plans and notices in other shapes (issue 14):
full coverage said after 实现有… (实现 holds 现有, which is not "there are now"), a rule named by its period without
制度 (实行月考核, 月度例会制度), all staff certified (所有教职工持证上岗), and what the bureau does to the schools —
inspects them, assesses them, holds the area's contests — which is not a school's own frequency. Sentences written
for these tests; each class has a case that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract


def readings(text: str) -> list[tuple[str, str | None, float | None, str | None]]:
    return [
        (c.kind, c.comparator, c.value, c.period)
        for c in extract(text, doc="t.txt")
        if c.kind in ("duration", "frequency", "ratio", "count", "coverage")
    ]


def scopes(text: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.scope, c.scope_rule) for c in extract(text, doc="t.txt") if c.kind in ("frequency", "count")]


# -- 实现有…全覆盖: 现有 inside 实现有 is no report of what there is ------------------------------------


def test_full_coverage_of_those_who_need_it_is_read_after_shixian() -> None:
    assert readings("课后服务实现有需求的学生全覆盖。") == [("coverage", "equal", 1.0, None)]
    assert readings("学校课后服务实现有需求学生全覆盖。") == [("coverage", "equal", 1.0, None)]
    # what there is now is still a report, and its figures are no targets
    assert readings("全区现有中小学56所,在校学生4.5万人。") == []
    assert readings("目前,全县现有学校已全部实现课后服务全覆盖。") == []


# -- a rule named by its period, without 制度 ------------------------------------------------------------


def test_a_monthly_review_named_as_a_rule_is_once_a_month() -> None:
    assert readings("学校要实行月考核。") == [("frequency", "at_least", 1.0, "月")]
    assert readings("班主任工作实行月考评。") == [("frequency", "at_least", 1.0, "月")]
    assert readings("实行校长月度例会制度。") == [("frequency", "at_least", 1.0, "月")]
    # a month's appraisal spoken of, not set up as a rule, is not a frequency; nor a quarter named by its number
    assert readings("教师月度考核结果纳入绩效。") == []
    assert readings("第一季度考核制度另行通知。") == []


# -- all staff certified ----------------------------------------------------------------------------------


def test_all_staff_certified_is_full_coverage() -> None:
    assert readings("所有教职工持证上岗。") == [("coverage", "equal", 1.0, None)]
    assert readings("全体保安人员持证上岗。") == [("coverage", "equal", 1.0, None)]
    # certified teachers named as a group set no share to reach
    assert readings("所有持证教师参照执行。") == []


# -- what the bureau does to the schools ----------------------------------------------------------------


def test_an_inspection_or_assessment_of_the_schools_is_the_bureaus() -> None:
    for text in (
        "每学期对全县中小学开展一次教学视导。",
        "每季度对各校安全工作进行一次督查。",
        "每年对学校办学水平进行一次综合评估。",
        "教育局每月通报一次各校安全隐患整改情况。",
        "每学年对中小学校长进行一次考核。",
        "每年开展一次义务教育质量监测。",
    ):
        assert scopes(text) == [("frequency", "region", "主管部门对学校的督查与评估")], text


def test_a_schools_own_check_of_its_teachers_or_classes_stays_the_schools() -> None:
    assert [s for _, s, _ in scopes("学校要每学期对教师进行一次师德考核。")] == ["school"]
    assert [s for _, s, _ in scopes("学校每学期对各班进行一次卫生检查评比。")] == ["school"]
    assert [s for _, s, _ in scopes("每学期对学校教师进行一次业务考核。")] == ["school"]


def test_the_areas_contest_is_the_bureaus_and_a_schools_own_festival_the_schools() -> None:
    assert scopes("每年组织一次全市中小学教师基本功大赛。") == [("frequency", "region", "全域的赛事与展演")]
    assert scopes("每学年举办一次全区中小学生艺术展演。") == [("frequency", "region", "全域的赛事与展演")]
    assert [s for _, s, _ in scopes("学校每年举办一次校园艺术节。")] == ["school"]
    # a school taking its pupils to the area's games is the school's
    assert [s for _, s, _ in scopes("学校要组织学生参加全市中小学生运动会,每年1次。")] == ["school"]


def test_an_official_who_goes_deep_into_the_schools_is_not_a_school() -> None:
    assert scopes("局领导每学期深入学校调研不少于2次。") == [("frequency", "region", "到学校去的人")]


# -- how long each time lasts, in days ----------------------------------------------------------------------


def test_days_each_time_are_how_long_each_time_lasts() -> None:
    assert readings("研学旅行每学年1至2次,每次1-2天。") == [
        ("frequency", "between", 1.0, "学年"),
        ("duration", "between", 1.0, None),
    ]
    assert readings("每次集中培训3天。") == [("duration", "at_least", 3.0, None)]
    # a day of the month is no length (the report is once a month)
    assert readings("每月5日前上报。") == [("frequency", "at_least", 1.0, "月")]


# -- what a school offers its own pupils, counted ----------------------------------------------------------


def test_clubs_and_courses_a_school_opens_are_the_schools_count() -> None:
    assert scopes("学校开设社团不少于10个。") == [("count", "school", "学校为学生开设的项目")]
    assert scopes("组建兴趣小组不少于5个。") == [("count", "school", "学校为学生开设的项目")]
    # the area's total of clubs is the area's
    assert [s for _, s, _ in scopes("全市开设特色社团200个。")] == ["region"]


# -- from the fifty-sixth batch (dev, c335–c340), each class with sentences of our own ------------------------------


def test_the_length_of_a_window_of_dates_said_after_it() -> None:
    assert readings("初中学校:7月12日-8月20日,计六周。") == [("duration", "at_least", 6.0, None)]
    assert readings("寒假自1月20日起至2月25日,共37天。")[-1] == ("duration", "at_least", 37.0, None)
    # a count after a date is not a length
    assert readings("3月1日共计发放宣传单200份。") == []


def test_a_pay_above_a_level_by_a_share_is_that_many_times_the_level() -> None:
    assert readings("乡村教师的平均工资水平应当高于县城教师的平均工资水平百分之二十。") == [("ratio", "at_least", 1.2, None)]
    assert readings("特殊教育学校生均公用经费标准高于普通学校标准50%。") == [("ratio", "at_least", 1.5, None)]
    # held to the level alone, it is parity
    assert readings("教职工平均工资不低于当地公务员平均工资水平。") == [("ratio", "at_least", 1.0, None)]


def test_a_pay_raised_by_steps_of_its_scale_is_the_authoritys() -> None:
    found = [(c.kind, c.value, c.unit, c.scope) for c in extract("在村小任教满三年的教师，其薪级工资向上浮动一个档次。")]
    assert ("count", 1.0, "档次", "region") in found


def test_reached_or_above_a_level_is_parity() -> None:
    assert readings("教师周转宿舍人均面积应当达到或者高于当地居民的人均水平。") == [("ratio", "at_least", 1.0, None)]


def test_planning_quotas_in_chinese_numerals() -> None:
    assert readings("每三万人口区域内预留一所初级中学用地。") == [("count", "equal", 1.0, None)]
    assert readings("按照二十四个班规模的小学预留建设用地。") == [("count", "equal", 24.0, None)]


def test_every_full_n_years_is_the_period_of_its_act() -> None:
    assert readings("教师每满五年由学校安排一次脱产进修。") == [("frequency", "at_least", 1.0, "五年")]
    assert readings("学校安排半年的脱产进修。") == [("duration", "at_least", 6.0, None)]
    # a year's plan is no length of study
    assert readings("制定三年的进修计划。") == []


# -- signs, zero by grade, each session's length -----------------------------------------------------------------


def test_an_area_after_a_sign() -> None:
    assert readings("生均运动场地面积≥2.3㎡。") == [("count", "at_least", 2.3, None)]
    assert readings("生均校舍建筑面积≥8m²。") == [("count", "at_least", 8.0, None)]


def test_no_homework_for_the_lower_grades_said_as_zero() -> None:
    assert readings("书面作业时间一二年级为零。") == [("count", "at_most", 0.0, None)]
    # 零起点 is a way of teaching, not a zero to keep
    assert readings("一年级为零起点教学。") == []


def test_how_long_each_session_lasts_is_not_each_weeks() -> None:
    assert readings("每周不少于2次、每次不少于30分钟的课外体育活动。") == [
        ("frequency", "at_least", 2.0, "周"),
        ("duration", "at_least", 30.0, None),
    ]
    # a time each week stays each week's
    assert readings("每周课外体育活动不少于90分钟。") == [("duration", "at_least", 90.0, "周")]


def test_each_floor_or_building_is_each_schools() -> None:
    assert scopes("每层楼设置2个以上安全出口。") == [("count", "school", "每所学校")]
    assert scopes("每栋教学楼设置不少于2个疏散楼梯。") == [("count", "school", "每所学校")]


def test_class_sizes_by_kindergarten_class_in_chinese_numerals() -> None:
    text = "幼儿园每班幼儿人数一般为：小班二十五人，中班三十人，大班三十五人。"
    assert [(c.value, c.scope) for c in extract(text) if c.kind == "count"] == [
        (25.0, "school"),
        (30.0, "school"),
        (35.0, "school"),
    ]
    assert [(c.value, c.scope) for c in extract("班额一般为二十五人。") if c.kind == "count"] == [(25.0, "school")]
    # a middle-school class is no kindergarten class
    assert readings("初中班二十人参加。") == []


def test_a_share_of_the_schools_is_the_areas() -> None:
    for text in ("80%的中小学校达到省定办学标准。", "100%的学校开设心理健康教育课。", "义务教育学校100%达到办学标准。"):
        assert [c.scope for c in extract(text) if c.kind in ("ratio", "coverage")] == ["region"], text
    # a rate inside one school stays the school's
    assert [c.scope for c in extract("学校心理健康教育课开课率100%。") if c.kind == "coverage"] == ["school"]


# -- from the fifty-eighth batch (dev, c344–c348), each class with sentences of our own -------------------------


def test_a_sentence_whose_subject_is_the_areas_sets_the_areas_share() -> None:
    text = "通知要求,各县区每年义务教育学校校长教师交流轮岗人数,不低于符合交流条件校长教师总人数的15%。"
    assert [(c.kind, c.value, c.scope) for c in extract(text) if c.kind in ("ratio", "frequency")] == [
        ("ratio", 0.15, "region")
    ]
    # each school's share stays the school's
    assert [c.scope for c in extract("各学校教师交流轮岗的比例不低于符合交流条件教师总数的10%。")] == ["school"]


def test_so_many_and_more_or_nearly_so_many_as_a_target() -> None:
    assert readings("2025年预计新增公办学位近万个。") == [("count", "equal", 10000.0, None)]
    assert readings("新增学位6200余个。") == [("count", "at_least", 6200.0, None)]
    # a count told, and a look-back window, are not
    assert readings("各校组建兴趣小组190余个。") == []
    assert readings("近三年新增学位3000个。") == []


def test_a_year_glued_to_a_share_is_no_share() -> None:
    assert readings("完成规划202420%开工率任务。") == []


def test_one_thing_each_said_as_a_slogan_the_lexicon_does_not_list() -> None:
    assert readings("以“一人一微课”推进主题教育进校园。") == [("count", "at_least", 1.0, None)]
    assert [(c.kind, c.scope) for c in extract("推行一班一特色,打造特色班级。")] == [("count", "school")]
    # the name of a programme, and a number of times, are not
    assert readings("组织参加“一师一优课、一课一名师”活动。") == []
    assert not [c for c in extract("每学期一人一次。") if c.origin == "one_each"]


def test_a_monthly_day_as_a_limit_is_a_deadline() -> None:
    found = [c.kind for c in extract("某县教育局关于做好报送工作的通知\n各校报送时间不迟于每月5日。")]
    assert "deadline" in found


def test_a_flattened_assessment_tables_codes_points_and_deductions_are_no_requirements() -> None:
    table = (
        "某区义务教育学校办学水平评估细则\n"
        "办学条件(20分) 1.1 师资配备 专任教师学历达标率100%。 5 学历达标率每低1个百分点扣0.5分\n"
        "教育教学(40分) 2.1 课程开设 体育课小学1-2年级每周4节。 10 少开1节扣1分\n"
        "2.3 作业管理 三至六年级书面作业不超过60分钟。 5 发现1次扣1分\n"
        "5\n"
        "家校共育(20分) 4.1 家长会 每学期召开家长会不少于1次。 5\n"
    )
    found = [(c.kind, c.value) for c in extract(table) if c.kind in ("duration", "frequency", "ratio", "count", "coverage")]
    assert found == [("coverage", 1.0), ("frequency", 4.0), ("duration", 60.0), ("frequency", 1.0)]


def test_the_bureau_naming_model_schools_so_often_is_the_areas() -> None:
    assert scopes("每三年评选一批义务教育示范校。") == [("frequency", "region", "创建示范校的频次")]
    # a school's own award each term stays the school's
    assert [s for _, s, _ in scopes("学校每学期评选一次优秀学生。")] == ["school"]


def test_an_areas_sign_after_its_number_is_no_part_of_its_subject() -> None:
    [c] = [c for c in extract("生均运动场地面积≥2.3㎡。") if c.kind == "count"]
    assert (c.subject, c.unit) == ("生均运动场地面积", "平方米")


# -- after the twenty-first run: bare figures in a standards table's cells (the class the run showed weakest) --------


STANDARDS = (
    "某县中小学校办学条件评估标准\n\n序号\n\n指标\n\n标准值\n\n"
    "1\n\n生均校舍建筑面积(平方米)\n\n小学8,初中10\n\n"
    "2\n\n每百名学生拥有计算机台数(台)\n\n15\n\n"
    "3\n\n专用教室间数(间)\n\n6\n\n"
    "4\n\n班额(人)\n\n45\n"
)


def test_bare_figures_in_a_standards_tables_cells_are_its_floors_and_a_size_its_ceiling() -> None:
    found = [(c.value, c.unit, c.comparator, c.stages, c.scope) for c in extract(STANDARDS) if c.kind == "count"]
    assert found == [
        (8.0, "平方米", "at_least", ("primary",), "school"),
        (10.0, "平方米", "at_least", ("junior",), "school"),
        (15.0, "台", "at_least", (), "school"),
        (6.0, "间", "at_least", (), "school"),
        (45.0, "人", "at_most", (), "school"),
    ]


def test_a_row_run_together_reads_its_bracketed_unit() -> None:
    assert readings("某县办学条件标准\n2 每百名学生拥有计算机台数(台) 15") == [("count", "at_least", 15.0, None)]
    # a figure under a label that names no unit stays unread
    assert readings("某县办学条件标准\n生均图书\n\n30") == []


def test_a_standards_table_with_a_column_for_each_stage() -> None:
    table = (
        "某县义务教育学校办学条件标准\n\n指标\n\n小学\n\n初中\n\n"
        "生均校舍建筑面积(平方米)\n\n8\n\n10\n\n"
        "每百名学生拥有计算机台数(台)\n\n12\n\n15\n\n"
        "班额(人)\n\n45\n\n备注\n"
    )
    found = [(c.value, c.unit, c.stages) for c in extract(table) if c.kind == "count"]
    assert found == [
        (8.0, "平方米", ("primary",)),
        (10.0, "平方米", ("junior",)),
        (12.0, "台", ("primary",)),
        (15.0, "台", ("junior",)),
        (45.0, "人", ()),  # one value for the row: no stage of its own
    ]


def test_a_kindergarten_class_size_in_a_tables_cell_is_its_ceiling() -> None:
    found = [(c.comparator, c.value, c.scope) for c in extract("某县幼儿园办园条件\n\n小班(人)\n\n25\n\n中班(人)\n\n30\n")]
    assert found == [("at_most", 25.0, "school"), ("at_most", 30.0, "school")]


def test_a_tab_separated_table_with_a_column_for_each_stage() -> None:
    table = (
        "某县办学条件标准\n序号\t指标\t小学\t初中\n"
        "1\t生均校舍建筑面积(平方米)\t8\t10\n"
        "2\t班额(人)\t45\t50\n"
        "3\t生均图书(册)\t30\n"
    )
    found = [(c.value, c.comparator, c.stages) for c in extract(table) if c.kind == "count"]
    assert found == [
        (8.0, "at_least", ("primary",)),
        (10.0, "at_least", ("junior",)),
        (45.0, "at_most", ("primary",)),
        (50.0, "at_most", ("junior",)),
        (30.0, "at_least", ()),  # one value for the row: no stage of its own
    ]


def test_a_flattened_assessment_rows_quote_starts_at_its_row() -> None:
    table = (
        "某区义务教育学校办学水平评估细则\n"
        "办学条件(20分) 1.1 师资配备 专任教师学历达标率100%。 5 学历达标率每低1个百分点扣0.5分\n"
        "1.2 生均经费 生均公用经费小学不低于720元/生·年。 5 未达标不得分\n"
        "2.2 体育活动 保证学生每天校园体育活动1小时。 5\n"
        "家校共育(20分) 4.1 家长会 每学期召开家长会不少于1次。 5\n"
    )
    quotes = [c.quote for c in extract(table) if c.kind in ("count", "duration", "frequency")]
    assert quotes == [
        "1.2 生均经费 生均公用经费小学不低于720元/生·年",
        "2.2 体育活动 保证学生每天校园体育活动1小时",
        "家校共育(20分) 4.1 家长会 每学期召开家长会不少于1次",
    ]
    # a line wrapped before an amount with a decimal still joins its sentence
    assert readings("某县教育局关于做好有关工作的通知\n学校要确保学生每天校内体育锻炼时间不少于\n1.5小时。") == [
        ("duration", "at_least", 90.0, "天")
    ]
