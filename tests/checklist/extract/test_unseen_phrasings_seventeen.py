"""Phrasings found in session 17 by writing the common requirements of plans, notices and replies in other shapes
(issue 14): the asker's part of a message-board page (网上问政, 领导留言板) sets no requirement, the reply after it may.
Sentences written for these tests; each class has a case that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from checklist.extract.text import normalise

NUMERIC = ("duration", "frequency", "ratio", "count", "coverage")


def readings(text: str) -> list[tuple[str, str | None, float | None, str | None]]:
    return [(c.kind, c.comparator, c.value, c.unit) for c in extract(text, doc="t.txt") if c.kind in NUMERIC]


# -- a message board: the question is no requirement, the reply may be -----------------------------------------


def test_a_citizens_question_in_brackets_sets_no_requirement_and_the_reply_does() -> None:
    text = (
        "幼儿园班额是否有限制?\n\n【问政内容】 幼儿园小班每班最多招多少人?40人一班是否超标?\n\n"
        "【问政回复】 区教育局答复如下:\n\n根据规定,幼儿园小班班额不超过25人。\n"
    )
    assert readings(text) == [("count", "at_most", 25.0, "人")]


def test_a_message_and_its_answer_written_with_colons() -> None:
    text = (
        "网友留言:我孩子的学校每天只有30分钟体育活动,合理吗?\n"
        "答:学校应保证学生每天校内体育活动时间不少于1小时。\n"
    )
    assert readings(text) == [("duration", "at_least", 60.0, "分钟")]
    text = "留言内容:学校每周只开两节体育课。\n回复内容:小学3—6年级每周体育课不少于3课时。\n"
    assert [v for _, _, v, _ in readings(text)] == [3.0]


def test_a_question_with_no_reply_marker_leaves_the_rest_unread_but_a_plain_notice_is_read_whole() -> None:
    assert readings("问:学校每天安排不少于1小时体育活动吗?\n") == []
    # 问题 in a plan's heading or a sentence is no question of an asker
    text = "某县教育局关于整改问题的通知\n一、存在问题\n学校每学期至少开展2次应急疏散演练。\n"
    assert readings(text) == [("frequency", "at_least", 2.0, "次")]
    text = "某县教育局通知\n各校要认真研究学生提问内容,每周开展1次答疑活动。\n"
    assert readings(text) == [("frequency", "at_least", 1.0, "次")]


# -- a margin over a standard is a count, not parity with it -----------------------------------------------------


def test_a_margin_over_the_standard_in_words_or_figures_is_a_count_of_at_most_so_many() -> None:
    assert readings("各班班额一般不超过标准五人。") == [("count", "at_most", 5.0, "人")]
    assert readings("每班人数不超过规定标准5人。") == [("count", "at_most", 5.0, "人")]
    # a level with no margin stays parity (a ratio of at most one to it), and a condition is no count
    assert readings("收取的费用不得高于同级公办学校收费标准。") == [("ratio", "at_most", 1.0, "比例")]
    assert readings("超过标准五人以上的班级要逐步消化。") == []


# -- 不超: the short comparator of news items and notices ----------------------------------------------------------


def test_the_short_comparator_bu_chao_is_a_ceiling() -> None:
    assert readings("某县教育局关于规范办学行为的通知\n班额小学不超45人,初中不超50人。\n") == [
        ("count", "at_most", 45.0, "人"),
        ("count", "at_most", 50.0, "人"),
    ]
    # once read as at least: a ceiling on homework is no floor
    assert readings("某县教育局关于作业管理的通知\n初中每天书面作业平均完成时间不超90分钟。\n") == [
        ("duration", "at_most", 90.0, "分钟")
    ]
    # 不超前 (not ahead of the syllabus) and 不超出 are no comparator of a figure
    assert readings("某县教育局通知\n严格按课程标准教学,不超前教学。\n") == []


# -- a page's converter: markup left in the text, a number on a line of its own ------------------------------------


def test_a_number_on_its_own_line_between_a_comparator_and_its_unit() -> None:
    text = "某县督查评分办法\n①班额符合要求:小学不超\n45\n人,初中不超过\n50\n人。\n"
    assert readings(text) == [("count", "at_most", 45.0, "人"), ("count", "at_most", 50.0, "人")]


def test_markup_a_converter_left_is_read_as_spaces_and_the_quote_keeps_the_page_s_characters() -> None:
    text = "某县督查评分办法\n①班额符合要求:小学不超?/p>\n45\n人,初中不超<br/>50人;每周&nbsp;3次。\n"
    found = [c for c in extract(text, doc="t.txt") if c.kind in NUMERIC]
    assert [(c.comparator, c.value) for c in found[:2]] == [("at_most", 45.0), ("at_most", 50.0)]
    assert found[0].quote == "小学不超?/p>\n45\n人" and text[found[0].start : found[0].end] == found[0].quote
    # a question mark alone, or a word in angle brackets, is no markup
    assert normalise("学校每周开展几次?每周至少3次。").text == "学校每周开展几次?每周至少3次。"
    assert normalise("学习<p>标准").text == "学习标准" and normalise("《p》").text == "《p》"


# -- a ban said with a bare 不 in rules of admission, classes, fees and meals -------------------------------------


def bans(text: str) -> list[str]:
    return [c.quote for c in extract(text, doc="t.txt") if c.kind == "prohibition"]


def test_bans_said_with_a_bare_bu() -> None:
    text = "某县义务教育学校管理标准\n学校不举办任何形式的入学或升学考试。\n"
    assert bans(text) == ["学校不举办任何形式的入学或升学考试"]
    assert bans("某县通知\n不以各类竞赛、考级、奖励证书作为学生入学的依据。\n") == [
        "不以各类竞赛、考级、奖励证书作为学生入学的依据"
    ]
    assert bans("某县通知\n实行均衡编班,不分重点班与非重点班。\n") == ["实行均衡编班,不分重点班与非重点班"]
    assert bans("某县通知\n幼儿伙食与教职工伙食分开,不侵占幼儿伙食。\n") == ["幼儿伙食与教职工伙食分开,不侵占幼儿伙食"]
    assert bans("某县通知\n幼儿园教学与活动不使用电子产品。\n") == ["幼儿园教学与活动不使用电子产品"]


def test_a_bare_bu_that_is_no_ban() -> None:
    assert bans("某县通知\n学校不分年级统一安排课后服务。\n") == []
    assert bans("某县通知\n举办者不以营利为目的。\n") == []
    assert bans("某县通知\n学校收费标准不断完善。\n") == []


# -- region targets: areas named by a condition, a share of the schools that do something ------------------------


def scopes(text: str) -> list[tuple[float | None, str]]:
    return [(c.value, c.scope) for c in extract(text, doc="t.txt") if c.kind in NUMERIC]


def test_areas_named_by_what_they_have_set_a_region_target() -> None:
    text = "某市学校体育条例\n第十条 体育经费的比例,举办高中的区不低于百分之十,不举办高中的区不低于百分之十二。\n"
    assert scopes(text) == [(0.1, "region"), (0.12, "region")]
    # the area's own word inside a longer one is no area named by a condition
    assert scopes("某县通知\n学校的区域内每周开展1次安全巡查。\n") == [(1.0, "school")]


def test_a_share_of_the_schools_that_do_something_is_the_region_s() -> None:
    assert scopes("某县通知\n开设心理健康课的学校不少于80%。\n") == [(0.8, "region")]
    # a share of a school's own classes stays the school's
    assert scopes("某县通知\n学校开设心理健康课的班级不少于80%。\n") == [(0.8, "school")]


# -- a coefficient of variation between schools (the 优质均衡 standard) ---------------------------------------------


def test_a_coefficient_between_schools_is_a_region_ratio_of_at_most_so_much() -> None:
    text = "某县义务教育优质均衡发展实施方案\n县域内义务教育学校校际间生均教学仪器设备值差异系数小学不高于0.50、初中不高于0.45。\n"
    found = [c for c in extract(text, doc="t.txt") if c.kind in NUMERIC]
    assert [(c.kind, c.comparator, c.value, c.unit, c.scope, c.stages) for c in found] == [
        ("ratio", "at_most", 0.5, "系数", "region", ("primary",)),
        ("ratio", "at_most", 0.45, "系数", "region", ("junior",)),
    ]
    text = "某县义务教育优质均衡发展实施方案\n综合差异系数,小学、初中分别小于或等于0.50、0.45。\n"
    found = [c for c in extract(text, doc="t.txt") if c.kind in NUMERIC]
    assert [(c.value, c.stages) for c in found] == [(0.5, ("primary",)), (0.45, ("junior",))]


def test_a_bare_decimal_without_a_coefficient_is_no_requirement() -> None:
    assert readings("某县通知\n小学、初中分别达到0.50、0.45。\n") == []
    assert readings("某县通知\n差异系数逐年缩小,2024年为0.42。\n") == []


# -- the indicators of a 优质均衡 plan: figures each with its unit, a quota per so many classes, a completion rate -


def test_a_respective_list_whose_figures_carry_their_units_gives_each_stage_its_figure() -> None:
    text = "某县义务教育优质均衡发展实施方案\n每百名学生拥有高于规定学历教师数:小学、初中分别达到4.2人以上、5.3人以上。\n"
    found = [c for c in extract(text, doc="t.txt") if c.kind in NUMERIC]
    assert [(c.value, c.stages) for c in found] == [(4.2, ("primary",)), (5.3, ("junior",))]
    # a report's list of rates, one per county, stays a report
    text = "某市工作进展通报\n投资完成率15.01%,甲县、乙县、丙县投资完成率分别为16.67%、8.45%、60%。\n"
    assert readings(text) == []


def test_so_many_classes_each_is_the_base_of_a_quota_not_a_count() -> None:
    text = "某县义务教育优质均衡发展实施方案\n所有小学、初中每12个班级配备音乐、美术专用教室1间以上。\n"
    assert readings(text) == [("count", "at_least", 1.0, "间")]


def test_a_completion_rate_to_reach_is_a_target_and_the_figure_it_counts_is_none() -> None:
    text = "某县教师培训实施方案\n教师5年360学时培训完成率达到100%。\n"
    assert readings(text) == [("coverage", "equal", 1.0, "比例")]
    # a completion rate told is a progress report
    assert readings("某市工作进展通报\n截至5月底,投资完成率65.8%。\n") == []


# -- a work plan's lines: rounds of an act, two rates in one sentence, before school lets out --------------------


def test_rounds_of_an_act_are_a_frequency() -> None:
    assert readings("某县教育局2025年工作要点\n全年开展教育教学视导不少于2轮。\n") == [("frequency", "at_least", 2.0, "轮")]
    assert readings("某县通知\n开展两轮全覆盖安全隐患排查。\n")[0] == ("frequency", "equal", 2.0, "轮")
    # a round named, or a new round begun, is no count
    assert readings("某县通知\n启动新一轮教师交流轮岗,开展第二轮督导检查。\n") == []


def test_two_rates_in_one_sentence_apart_by_a_pause_are_both_read() -> None:
    text = "某县教育局2025年工作要点\n确保学生体质健康测试优良率达50%、合格率达95%。\n"
    assert [v for _, _, v, _ in readings(text)] == [0.5, 0.95]


def test_before_school_lets_out_or_starts_is_no_kindergarten() -> None:
    stages = [c.stages for c in extract("某县通知\n每周放学前进行安全提醒。\n", doc="t.txt") if c.kind in NUMERIC]
    assert stages == [()]
    stages = [c.stages for c in extract("某县通知\n学前教育毛入园率达到90%。\n", doc="t.txt") if c.kind in NUMERIC]
    assert stages == [("kindergarten",)]


# -- a curriculum plan: each lesson's length, twice a day with the act between -------------------------------------


def test_a_lesson_s_length_said_with_an_jisuan_is_a_duration_but_a_basis_stays_none() -> None:
    text = "某省义务教育课程设置\n小学每课时按40分钟计算,初中每课时按45分钟计算。\n"
    assert readings(text) == [("duration", "at_least", 40.0, "分钟"), ("duration", "at_least", 45.0, "分钟")]
    assert readings("某县校舍建设标准\n生均面积小学每班按45人计算。\n") == []


def test_twice_a_day_with_the_act_between_the_two_points_and_ge() -> None:
    found = [c for c in extract("某县通知\n每天上下午安排眼保健操各1次。\n", doc="t.txt") if c.kind in NUMERIC]
    assert [(c.kind, c.value, c.period) for c in found] == [("frequency", 2.0, "天")]


def test_a_start_date_is_no_count_of_a_periodic_act() -> None:
    text = "某区教育督导室通知\n从2015年9月起每月开展安全检查。\n"
    found = [c for c in extract(text, doc="t.txt") if c.kind in NUMERIC]
    assert [(c.kind, c.value, c.period) for c in found] == [("frequency", 1.0, "月")]
    text = "某区教育督导室通知\n自2024年起按学期开展家长会。\n"
    assert [(c.value, c.period) for c in extract(text, doc="t.txt") if c.kind in NUMERIC] == [(1.0, "学期")]
    # a count said in the sentence is still the count
    assert readings("某区通知\n从2015年9月开始,学校每月开展2次安全检查。\n") == [("frequency", "at_least", 2.0, "次")]


# -- a reply and a notice: what cannot be done, the day itself to hand in, a post that is no school -------------


def test_everyone_covered_that_cannot_be_done_is_no_target() -> None:
    assert readings("某县教育局答复\n当前条件下无法解决专职校医寄宿制学校全覆盖问题。\n") == []
    assert readings("某县通知\n实现专职校医全覆盖。\n") == [("coverage", "equal", 1.0, "比例")]


def test_the_day_itself_to_hand_something_in_is_a_deadline() -> None:
    found = [c for c in extract("某区通知\n请于11月21日(周五)当天将作品送到教育局。\n", doc="t.txt") if c.kind == "deadline"]
    assert [c.quote for c in found] == ["11月21日(周五)当天将作品送到教育局"]
    # a day an event is held is no deadline
    assert [c for c in extract("某区通知\n11月21日当天举行开幕式。\n", doc="t.txt") if c.kind == "deadline"] == []


def test_a_post_named_with_zhi_xiao_is_no_vocational_school() -> None:
    found = [c for c in extract("某县通知\n实现专职校医全覆盖。\n", doc="t.txt") if c.kind in NUMERIC]
    assert [c.stages for c in found] == [()]
    found = [c for c in extract("某县通知\n职校学生每年实习不少于3个月。\n", doc="t.txt") if c.kind in NUMERIC]
    assert [c.stages for c in found] == [("vocational",)]


# -- a county's quotas, a new length, a fee held to a multiple, a news site's list of other items -----------------


def test_a_county_s_own_quota_said_with_wo_xian_is_the_region_s() -> None:
    # a notice sent to the schools, whose figures are the schools' unless the county says they are its own
    text = "关于做好中职招生工作的通知\n各中职学校:\n今年我县中职招生任务为5100名。\n"
    assert scopes(text) == [(5100.0, "region")]
    # 本省 in a reference to the province's rules says nothing of who must
    found = [c for c in extract("某省条例\n学校布置的作业不得超出本省规定的作业量。\n", doc="t.txt") if c.kind == "prohibition"]
    assert [c.scope for c in found] == ["school"]


def test_a_length_set_anew_or_kept_is_a_duration() -> None:
    assert readings("某市通知\n顶岗实习时间缩短为六个月。\n") == [("duration", "at_least", 6.0, "月")]
    assert readings("某市通知\n在校生顶岗实习时间仍为1年。\n") == [("duration", "at_least", 1.0, "年")]


def test_a_fee_held_to_a_multiple_of_a_level_said_before_it() -> None:
    assert readings("某省通知\n民办幼儿园保教费不高于同类公办园的1.5倍。\n") == [("ratio", "at_most", 1.5, "倍")]
    assert readings("某省条例\n由有关部门处违法所得的五倍罚款。\n") == []


def test_a_news_site_s_list_of_other_items_is_debris() -> None:
    text = "某市通知\n学校每周开展1次安全检查。\n- [ 08-05]湖里公布实行分级收费管理的50所民办幼儿园名单\n"
    assert readings(text) == [("frequency", "at_least", 1.0, "次")]
