"""Phrasings of a provincial school-safety regulation (第X条, Chinese numerals), written for issue 14
from the usual wording of such regulations: staffing per so many students, round-the-clock duty,
lead times, obligations whose words are short — and what a draft makes of them.
"""

from __future__ import annotations

from typing import Any

from checklist.extract import extract
from checklist.extract.draft import draft_rubric
from checklist.extract.plans import PlanInfo
from checklist.provenance import Role, quoted_numbers

REGULATION = (
    "第十三条 寄宿制学校应当按照每一百名住宿学生不少于一名的比例配备宿舍管理人员。\n"
    "第十五条 学校门卫室应当实行二十四小时值班制度。\n"
    "第十七条 学校组织学生参加大型集体活动，应当提前三日向教育行政部门备案。\n"
    "第二十条 每餐次的食品成品应当留样。相关责任由学校依法承担。\n"
    "第二十一条 学校上学、放学时段应当安排不少于两名教职工在校门口值守。\n"
)
INFO = PlanInfo(
    file="t.txt", title="某省中小学校安全条例", issuer="某省人大常委会", region=None, year=2026, short_title="条例"
)


def _by_quote() -> dict[str, object]:
    return {c.quote: c for c in extract(REGULATION, doc="t.txt")}


def test_staff_per_so_many_students_is_a_ratio_and_not_a_count() -> None:
    [c] = [c for c in extract(REGULATION, doc="t.txt") if "宿舍管理人员" in c.quote and c.is_quantitative]
    assert (c.kind, c.comparator, c.value) == ("ratio", "at_least", 0.01)
    assert (c.subject, c.denominator) == ("宿舍管理人员", "住宿学生数")
    ratios = [c for c in extract("按每200名学生配备1名心理健康教育教师。", doc="t.txt") if c.kind == "ratio"]
    assert [(c.value, c.subject) for c in ratios] == [(0.005, "心理健康教育教师")]
    # the check of a draft finds 1/100 in the quote
    assert quoted_numbers("每一百名住宿学生不少于一名的比例配备宿舍管理人员").has(0.01, Role.FRACTION)


def test_round_the_clock_duty_in_chinese_numerals_is_a_way_of_working() -> None:
    duty = [c for c in extract(REGULATION, doc="t.txt") if "值班" in c.quote]
    assert [c.kind for c in duty] == ["existence"]


def test_a_lead_time_is_named_by_what_is_done() -> None:
    [c] = [c for c in extract(REGULATION, doc="t.txt") if c.kind == "duration"]
    assert (c.value, c.unit, c.subject) == (3, "天", "向教育行政部门备案提前")


def test_a_short_obligation_and_words_that_only_contain_a_modal() -> None:
    found = {c.quote: c for c in extract(REGULATION, doc="t.txt") if c.kind == "existence"}
    assert found["每餐次的食品成品应当留样"].subject == "留样"
    # 相应 is no 应: "相关责任由学校依法承担" states no duty to check
    assert not [q for q in found if "相关责任" in q]


def test_a_draft_files_staff_and_gate_duty_where_an_inspector_looks_and_asks_days_in_days() -> None:
    found = tuple(c for c in extract(REGULATION, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, REGULATION, INFO, "t-2026")
    where = {
        i["source"]["quote"]: (d["title"], i)
        for d in draft.data["dimensions"]
        for ind in d["indicators"]
        for i in ind["items"]
    }
    staff = where["寄宿制学校应当按照每一百名住宿学生不少于一名的比例配备宿舍管理人员"]
    assert staff[0] == "队伍建设"
    gate = where["学校上学、放学时段应当安排不少于两名教职工在校门口值守"]
    assert gate[0] == "校园安全"
    lead = where["应当提前三日向教育行政部门备案"][1]
    assert lead["rule"]["input"].startswith("item_days")
    assert [i["unit"] for i in lead["inputs"]] == ["天"]


PLAN = (
    "（一）义务教育阶段体育课时不少于总课时的11%，高中阶段每周不少于2课时。\n"
    "（二）教师每5年接受不少于360学时的培训，各学校教师每年参加培训不少于72学时。\n"
    "（三）寄宿制学校按照每一百名住宿学生不少于一名的比例配备宿舍管理人员\t各学校\t9月底前\n"
)


def test_a_draft_keeps_a_span_of_years_and_a_share_s_part_as_the_topic() -> None:
    found = tuple(c for c in extract(PLAN, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, PLAN, INFO, "t-2026")
    items = {
        i["source"]["quote"]: i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]
    }
    five_years = items["教师每5年接受不少于360学时的培训"]
    assert five_years["title"] == "教师接受培训每5年不少于360学时"
    # not the shared yearly training hours: 360 in five years is not 360 a year
    assert five_years["rule"]["input"] != "teacher_training_hours"
    assert five_years["inputs"][0]["label"] == "每5年教师接受培训学时"
    assert items["各学校教师每年参加培训不少于72学时"]["rule"]["input"] == "teacher_training_hours"
    # the second figure of a sentence takes the part of the share before it
    assert items["高中阶段每周不少于2课时"]["title"] == "体育课时（高中阶段）每周不少于2课时"
    # a Word row's other cells are not the staff
    staff = [i for q, i in items.items() if "宿舍管理人员" in q]
    assert [i["title"] for i in staff] == ["宿舍管理人员与学生之比不低于1:100"]


def test_a_draft_files_items_where_a_bureau_looks_for_them() -> None:
    plan = (
        "（一）班主任每学期家访不少于所带班级学生数的50%。\n"
        "（二）每学期至少开展2次视力筛查。\n"
        "（三）小学生每天睡眠时间应达到10小时。\n"
        "（四）学校心理辅导室建设达标率100%。\n"
        "（五）各学校每月至少开展1次应急疏散演练。\n"
        "（六）每所学校每年至少举办1次全员参与的运动会。\n"
    )
    found = tuple(c for c in extract(plan, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, plan, INFO, "t-2026")
    where = {
        i["source"]["quote"]: (d["title"], ind["title"], i)
        for d in draft.data["dimensions"]
        for ind in d["indicators"]
        for i in ind["items"]
    }
    assert where["班主任每学期家访不少于所带班级学生数的50%"][1] == "家校社协同"
    assert where["每学期至少开展2次视力筛查"][1] == "体育与健康"
    assert where["小学生每天睡眠时间应达到10小时"][1] == "体育与健康"
    assert where["学校心理辅导室建设达标率100%"][1] == "心理健康"
    # a monthly drill keeps its number (not the yes/no of a plan that only says 定期)
    drill = where["各学校每月至少开展1次应急疏散演练"][2]
    assert drill["rule"]["kind"] == "at_least" and drill["rule"]["value"] == 1
    # an event everyone takes part in is one item, not a share as well
    assert [q for q in where if "运动会" in q] == ["每所学校每年至少举办1次全员参与的运动会"]
    assert where["每所学校每年至少举办1次全员参与的运动会"][2]["rule"]["kind"] == "at_least"


def test_a_case_said_without_a_comma_is_no_target() -> None:
    # "不足350人的至少配备1人": 350 names the case, 1 is the target
    found = extract("学校按照师生比1∶350的比例配备专职安全保卫人员，不足350人的至少配备1人。", doc="t.txt")
    assert 350.0 not in [c.value for c in found if c.kind == "count"]
    assert ("count", "at_least", 1.0) in [(c.kind, c.comparator, c.value) for c in found]
    # a comparator and a number that are the target stay read
    assert [(c.kind, c.value) for c in extract("每班学生人数不超过45人。", doc="t.txt")] == [("count", 45.0)]


def test_none_at_all_said_as_zero() -> None:
    [c] = extract("小学一、二年级每天书面作业时间为零。", doc="t.txt")
    assert (c.kind, c.comparator, c.value, c.unit, c.period) == ("duration", "at_most", 0.0, "分钟", "天")
    assert not extract("差距逐步缩小为零散分布。", doc="t.txt")


def test_a_share_of_a_standard_is_no_parity_with_it() -> None:
    found = extract("每年新增图书比例不低于藏书标准总数的1%。", doc="t.txt")
    assert [(c.kind, c.value) for c in found] == [("ratio", 0.01)]


def test_weeks_set_aside_each_year_are_a_length_per_year() -> None:
    [c] = extract("每学年安排1至2周劳动周。", doc="t.txt")
    assert (c.kind, c.comparator, c.value, c.value_max, c.unit, c.period) == ("duration", "between", 1, 2, "周", "学年")


def test_a_lead_time_said_after_its_event() -> None:
    for sentence in ("建设单位应当于开工十日前书面告知学校。", "活动开展前7天向教育局报备。"):
        [c] = extract(sentence, doc="t.txt")
        assert (c.kind, c.comparator, c.unit) == ("duration", "at_least", "天"), sentence
    # a date before an event is no lead time
    assert [c.kind for c in extract("开学前完成校舍排查。", doc="t.txt")] == ["deadline"]


def test_a_games_held_every_few_years_is_a_frequency() -> None:
    [c] = extract("省、市、县每四年举办一届综合性体育运动会。", doc="t.txt")
    assert (c.kind, c.value, c.period) == ("frequency", 1.0, "四年")
    assert not extract("第二届运动会圆满结束。", doc="t.txt")


def test_bans_said_as_what_is_not_done() -> None:
    for sentence in ("不向学生收取任何托管费用。", "高中不上早、晚自习。"):
        assert [c.kind for c in extract(sentence, doc="t.txt")] == ["prohibition"], sentence
    assert not extract("学生不上课的时间可自主安排。", doc="t.txt")


def placed(plan: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The draft of a plan's school requirements: (一级指标, 二级指标, item) of every item."""
    found = tuple(c for c in extract(plan, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, plan, INFO, "t-2026")
    return [(d["title"], ind["title"], i) for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]


def test_a_draft_files_homework_under_how_a_school_is_run_and_care_apart_from_study_trips() -> None:
    plan = (
        "1.21:00后教师不得布置作业。\n"
        "2.学校要对每一名家庭经济困难学生建档立卡。\n"
        "3.学生每学年参加1至2次研学实践活动。\n"
    )
    where = {i["source"]["quote"]: (dimension, indicator) for dimension, indicator, i in placed(plan)}
    homework = next(place for quote, place in where.items() if "布置作业" in quote)
    assert homework == ("学校管理", "规范办学")
    care = next(place for quote, place in where.items() if "建档立卡" in quote)
    assert care == ("学生发展（五育并举）", "学生关爱与综合素质")
    trips = next(place for quote, place in where.items() if "研学" in quote)
    assert trips == ("学生发展（五育并举）", "研学与实践")


def test_a_draft_asks_a_school_whether_it_keeps_a_time_of_its_day() -> None:
    plan = "1.小学上午上课时间不早于8:20。\n2.托管服务时间为每天上午8:30-下午17:30。\n3.2025年12月底前完成校舍维修。\n"
    items = [i for _, _, i in placed(plan)]
    kept = [i for i in items if i["rule"]["kind"] == "is_true" and i["inputs"][0]["key"].endswith("_kept")]
    assert [i["inputs"][0]["label"] for i in kept] == [
        "是否做到：小学上午上课时间不早于8:20",
        "是否做到：托管服务时间为每天上午8:30-下午17:30",  # a window's start and end: one question
    ]
    # a date to finish by is still left to a person
    assert not any("校舍维修" in i["source"]["quote"] for i in items)


def test_a_drafted_duty_s_title_drops_its_modal_not_its_word() -> None:
    plan = "1.学校要制订手机管理办法，学生手机进校园，须由学生家长提交书面申请。\n2.学校应急疏散演练方案要报备。\n"
    titles = [i["title"] for _, _, i in placed(plan)]
    assert "由学生家长提交书面申请" in titles
    assert not any(t.startswith("急") for t in titles)  # 应急 is a word, not a modal


def test_a_length_of_time_from_one_bound_to_another_is_one_range() -> None:
    [c] = [c for c in extract("对有关人员可以责令暂停一个月以上六个月以下执业活动。", doc="t.txt") if c.kind == "duration"]
    assert (c.comparator, c.value, c.value_max, c.unit) == ("between", 1.0, 6.0, "月")
    [single] = [c for c in extract("处三年以下的停止招生。", doc="t.txt") if c.kind == "duration"]
    assert (single.comparator, single.value) == ("at_most", 3.0)


def test_a_week_or_month_set_aside_every_year_is_once_a_year_even_when_it_is_a_known_phrase() -> None:
    found = extract("每年5月15日国际家庭日所在周为全省家庭教育宣传周。", doc="t.txt")
    assert [(c.kind, c.value, c.period) for c in found if c.kind == "frequency"] == [("frequency", 1.0, "年")]
    # without 每年, the week is a thing to hold, not a number of times
    assert [c.kind for c in extract("开展家庭教育宣传周活动。", doc="t.txt")] == ["existence"]


def test_parity_said_as_equal_is_a_ratio_of_one() -> None:
    for text in (
        "中等职业学校教师的平均收入水平应当与普通高中教师的平均收入水平相当。",
        "学校对体育教师的待遇应当与其他学科教师同等对待。",
        "政府应当给予其与普通高等学校学生同等的贴息待遇。",
    ):
        found = [(c.kind, c.comparator, c.value) for c in extract(text, doc="t.txt") if c.kind == "ratio"]
        assert found == [("ratio", "equal", 1.0)], text
    # a right to the same treatment is no figure to reach
    assert [c.kind for c in extract("民办幼儿园与公办幼儿园享受同等待遇。", doc="t.txt") if c.kind == "ratio"] == []
    # parity with a standard after a one-character lead-in
    [c] = [c for c in extract("以不低于原有规模和标准，先行择地新建。", doc="t.txt") if c.kind == "ratio"]
    assert (c.comparator, c.value) == ("at_least", 1.0)


def test_an_activity_every_year_may_name_where_it_is_done_at_length() -> None:
    found = extract("从业人员每年定期到卫生行政部门指定的医疗保健机构进行健康检查。", doc="t.txt")
    assert [(c.kind, c.value, c.period) for c in found if c.kind == "frequency"] == [("frequency", 1.0, "年")]


def _numeric(text: str) -> list[tuple[str, str | None, float | None, str | None, str | None]]:
    kinds = ("duration", "frequency", "ratio", "count", "coverage")
    return [(c.kind, c.comparator, c.value, c.unit, c.period) for c in extract(text, doc="t.txt") if c.kind in kinds]


def test_one_staff_for_so_many_schools_is_a_ratio_of_schools() -> None:
    [c] = [c for c in extract("第十二条 督导机构应当按照每10所学校至少1名的比例配备专职督学。", doc="t.txt") if c.value]
    assert (c.kind, c.comparator, c.value, c.denominator, c.scope) == ("ratio", "at_least", 0.1, "学校数", "region")


def test_hours_over_the_whole_stay_at_school_are_a_number_for_that_stay() -> None:
    text = "第九条 学生在校期间参加社会实践累计不少于二十个学时。\n"
    found = extract(text, doc="t.txt")
    assert _numeric(text) == [("frequency", "at_least", 20.0, "学时", "在校期间")]
    draft = draft_rubric(found, text, INFO, "t-2026")
    [item] = [i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    assert item["title"] == "学生在校期间参加社会实践累计不少于20学时"  # its period said once
    # a day inside the stay is still a day
    assert _numeric("学生在校期间每天体育活动时间不少于1小时。") == [("duration", "at_least", 60.0, "分钟", "天")]


def test_a_ceiling_at_a_named_standard_is_a_ratio_of_at_most_one() -> None:
    assert _numeric("第八条 学校收取的住宿费，不得高于当地公办学校的收费标准。") == [
        ("ratio", "at_most", 1.0, "比例", None)
    ]
    # what a word means is no ceiling
    assert _numeric("本条例所称普惠性幼儿园，是指保教费不高于政府指导价标准的幼儿园。") == []


def test_all_of_a_fee_spent_on_what_it_is_for_is_full_coverage() -> None:
    assert _numeric("第七条 学校收取的代管费应当全部用于学生。") == [("coverage", "equal", 1.0, "比例", None)]
    assert _numeric("本条例所称非营利性学校，是指办学结余全部用于办学的学校。") == []


def test_a_yearly_duty_with_its_basis_before_a_comma_and_a_yearly_day_s_week() -> None:
    [c] = [c for c in extract("第十条 教育局应当每年根据学校发展情况，制定教师培训计划。", doc="t.txt") if c.value]
    assert (c.kind, c.value, c.period, c.subject) == ("frequency", 1.0, "年", "制定教师培训计划")
    [c] = [c for c in extract("第五条 全国中小学生安全教育日所在周为全市安全教育宣传周。", doc="t.txt") if c.value]
    assert (c.kind, c.value, c.period, c.subject) == ("frequency", 1.0, "年", "全市安全教育宣传周")


def test_hours_over_a_whole_stage_are_a_number_for_that_stage() -> None:
    text = "二、落实小学学段8课时的安全教育时间。\n"
    assert _numeric(text) == [("frequency", "at_least", 8.0, "课时", "学段")]
    draft = draft_rubric(extract(text, doc="t.txt"), text, INFO, "t-2026")
    [item] = [i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    assert item["title"] == "小学学段安全教育时间不少于8课时"  # the stage whose whole is meant, first


def test_held_to_the_old_scale_or_to_cost_is_a_ratio_of_one() -> None:
    assert _numeric("第二十七条 重建的学校运动场一般不得小于原有规模。") == [("ratio", "at_least", 1.0, "比例", None)]
    assert _numeric("第二十三条 场馆收费价格一般不超过其运营成本。") == [("ratio", "at_most", 1.0, "比例", None)]


def test_more_duties_every_period_a_working_day_and_a_yearly_inspection_system() -> None:
    assert _numeric("第三十三条 学校每年向社会公告收费情况。") == [("frequency", "at_least", 1.0, "次", "年")]
    assert _numeric("第九条 学校应当在每个工作日组织学生开展大课间活动。") == [
        ("frequency", "at_least", 1.0, "次", "工作日")
    ]
    assert _numeric("第二十二条 教育行政部门对校车实行年检制度。") == [("frequency", "at_least", 1.0, "次", "年")]
    # a bulletin board is no notice given: the act each year is setting it up (read since session 20, any verb)
    [c] = [c for c in extract("学校每年设置公告栏。", doc="t.txt") if c.kind == "frequency"]
    assert c.subject == "设置公告栏"


def test_a_yearly_activity_in_a_flattened_table_row_after_another_row_s_figures() -> None:
    text = "经费保障(12分)专项经费不低于公用经费的3%查阅预算校园文化(8分)每学年有读书主题活动,查阅照片\n"
    found = [c for c in extract(text, doc="t.txt") if c.kind == "frequency"]
    assert [(c.value, c.period, c.quote) for c in found] == [(1.0, "学年", "每学年有读书主题活动")]


def test_ranges_written_with_chinese_numerals_and_units_on_both_bounds() -> None:
    assert [(c.kind, c.value, c.value_max) for c in extract("处停业整顿一个月至六个月。", doc="t.txt") if c.value] == [
        ("duration", 1.0, 6.0)
    ]
    assert [(c.value, c.value_max) for c in extract("试用期为3个月至6个月。", doc="t.txt") if c.value] == [(3.0, 6.0)]
    found = [c for c in extract("应将推广经费的百分之十至百分之二十用于农村职业教育。", doc="t.txt") if c.value]
    assert [(c.kind, c.value, c.value_max) for c in found] == [("ratio", 0.1, 0.2)]
    # two dates are no length
    assert [c for c in extract("测试时间为9月14日-18日。", doc="t.txt") if c.kind == "duration"] == []


def test_held_above_a_named_level_or_funded_in_full_to_a_standard_is_a_ratio_of_one() -> None:
    for text in (
        "第十二条 职业学校学生人均经费标准应当高于同级普通学校。",
        "第四十七条 财政部门应当制定高于国家标准的学生人均公用经费标准。",
        "第十二条 举办者须按照学生人均经费标准足额拨付教育经费。",
    ):
        assert _numeric(text) == [("ratio", "at_least", 1.0, "比例", None)], text
    # a share above a stated figure is that figure, and not-above is a ceiling
    found = [c for c in extract("其中用于一线教师的培训经费所占比例应当高于百分之六十。", doc="t.txt") if c.value]
    assert [(c.kind, c.value) for c in found] == [("ratio", 0.6)]
    assert _numeric("普及率高于或等于市平均的县，加5分。") == []


def test_not_fewer_than_a_named_standard_and_an_event_all_pupils_take_part_in() -> None:
    assert _numeric("第二十一条 学校应当保证体育课时不少于国家规定的标准。") == [("ratio", "at_least", 1.0, "比例", None)]
    # "全体学生参加的运动会" names the event; its number is how often
    assert _numeric("第四十一条 学校每学年至少组织一次全体学生参加的体育运动会。") == [
        ("frequency", "at_least", 1.0, "次", "学年")
    ]
    # everyone taking part, said as the target, is still full coverage
    assert ("coverage", "equal", 1.0, "比例", None) in _numeric("学校组织的体育运动会，全体学生都要参加。")


def test_more_phrasings_of_national_acts() -> None:
    # a share with its comparator after it, and what it is a share of after it too
    [c] = [c for c in extract("第二十六条 经1/3以上委员提议，可以召开临时会议。", doc="t.txt") if c.value]
    assert (c.kind, c.comparator, round(c.value, 4), c.subject) == ("ratio", "at_least", 0.3333, "委员提议")
    # once in each term of office
    assert _numeric("第一百零八条 县级人民政府每届任期内至少向本级人大报告一次学校体育工作。") == [
        ("frequency", "at_least", 1.0, "次", "届任期")
    ]
    # equal pay for equal work is a parity
    assert _numeric("第三十一条 民办学校教师在工资收入上与公办学校教师同工同酬。") == [("ratio", "equal", 1.0, "比例", None)]
    # an age a group is under is no age to reach
    assert _numeric("第二十一条 不得使未满八周岁的未成年人处于无人看护状态。") == []


def test_more_scopes_of_national_acts() -> None:
    def scopes(text: str) -> list[tuple[str, float | None, str]]:
        return [(c.kind, c.value, c.scope) for c in extract(text, doc="t.txt") if c.value is not None]

    # a bar for so many years is a sanction
    assert scopes("第六十条 情节严重的，3年内不得举办新的民办学校。") == [("duration", 3.0, "region")]
    # a notice the school itself posts, and an account of its own
    assert scopes("第五十条 民办学校自行终止的，应当提前6个月发布拟终止公告。") == [("duration", 6.0, "school")]
    assert [c.scope for c in extract("第十九条 学校收入应当全部纳入学校开设的银行结算账户。", doc="t.txt") if c.kind == "coverage"] == [
        "school"
    ]
    # a yearly day named for teachers is set by the state
    assert scopes("第六条 每年九月十日为教师节。") == [("frequency", 1.0, "region")]


def test_more_parities_twice_a_year_by_seasons_and_a_purpose_clause() -> None:
    for text in (
        "第五十六条 各级人民政府教育财政拨款的增长应当高于财政经常性收入的增长。",
        "第五十五条 举办者应当按照生均经费标准按时、足额拨付经费。",
        "第十四条 重新确定的学校建设预留地不得少于原有面积。",
        "第十七条 学校体育设施的开放时间，不得少于省规定的最低时限。",
    ):
        assert _numeric(text) == [("ratio", "at_least", 1.0, "比例", None)], text
    # each of two seasons once a year is twice a year
    assert _numeric("第十四条 教育行政部门每年春季、秋季各受理一次认定申请。") == [
        ("frequency", "at_least", 2.0, "次", "年")
    ]
    # what an act is for is no share to reach
    assert _numeric("第三条 开展国防教育，使全体公民增强国防观念、掌握国防知识。") == []


def test_the_same_treatment_as_another_group_is_a_parity_unless_in_named_respects() -> None:
    [c] = [c for c in extract("第十八条 职业学校校长享受同级普通学校校长的同等待遇。", doc="t.txt") if c.value]
    assert (c.kind, c.comparator, c.value, c.scope) == ("ratio", "equal", 1.0, "region")  # governments guarantee it
    assert _numeric("第三十一条 保障体育教师享受与其他学科教师同等待遇。") == [("ratio", "equal", 1.0, "比例", None)]
    # treatment in named respects is a right to be treated alike, no level
    assert _numeric("第四十七条 幼儿园教师在职称评定、岗位聘任等方面享有与中小学教师同等的待遇。") == []
    assert _numeric("第十条 民办幼儿园在培训、表彰奖励等方面享受同等待遇。") == []


def test_a_named_day_or_month_of_the_year_to_act_on_is_once_a_year() -> None:
    for text in (
        "第八条 负有国防教育职责的部门在全民国防教育日，应当采取多种形式组织开展国防教育活动。",
        "第二十八条 在法治宣传教育月集中开展法治宣传教育活动。",
        "第二十一条 在每年“12·4”全国法制宣传日期间开展法制宣传教育专题活动。",
    ):
        assert _numeric(text) == [("frequency", "at_least", 1.0, "次", "年")], text
    # a day a facility is open is no activity held
    assert _numeric("第十条 公共体育设施应当在全民健身日向公众免费开放。") == []


def test_a_school_planned_for_each_residential_area_of_a_size_and_more_parities() -> None:
    found = [c for c in extract("第九条 三千居民以上规模的住宅区，配套建设幼儿园。", doc="t.txt") if c.value]
    assert [(c.kind, c.value, c.unit, c.scope, c.quote) for c in found] == [
        ("count", 1.0, "所", "region", "三千居民以上规模的住宅区，配套建设幼儿园")
    ]
    assert _numeric("第十七条 应当在相近区域安排不少于原中小学校建设用地有效面积的土地。") == [
        ("ratio", "at_least", 1.0, "比例", None)
    ]
    assert _numeric("第二十三条 学校建设应当达到或者高于国家规定的消防安全标准。") == [("ratio", "at_least", 1.0, "比例", None)]
