"""Phrasings brought in by the second batch of development texts (issue 14, c24–c28: three
regulations from LawRefBook/Laws — 深圳 学前教育, 洛阳 学生伤害事故, 广州 幼儿园 — a bureau's reply on
课后服务 times and a 中心校's notice on term-start safety). Each test reads a class of phrasing with
a sentence from one of those texts, and most also give a sentence that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from tests.checklist.extract.conftest import numeric, of_kind

# -- clock times written with 时 and 分 ------------------------------------------------------------


def test_clock_times_written_with_shi_and_fen() -> None:
    # c27: 大庆市教育局's reply on the end of 课后服务.
    [c] = of_kind("结束时间原则上不早于17时30分。", "deadline")
    assert (c.comparator, c.value, c.unit) == ("at_least", 17 * 60 + 30, "时刻")
    late = of_kind("小学一般17时30分左右结束,对有延长课后服务时间需求的,不晚于18时30分;初中毕业年级不晚于20时30分。", "deadline")
    assert [(c.comparator, c.value) for c in late] == [("equal", 1050), ("at_most", 1110), ("at_most", 1230)]
    assert of_kind("每天睡眠时间不少于10小时,课间休息10分钟。", "deadline") == []
    assert of_kind("2024年10时段", "deadline") == []


# -- deadlines tied to the school term ---------------------------------------------------------------


def test_deadlines_tied_to_the_start_of_term() -> None:
    # c28: 铜冶中心校's notice on term-start safety.
    [before] = of_kind("各学校要在开学前进行安全自查。", "deadline")
    assert before.quote.startswith("开学前")
    [first_day] = of_kind("开学后第一天将自查报告交中心校存档。", "deadline")
    assert "第一天" in first_day.quote
    assert of_kind("开学初,各学校要召开领导班子会议。", "deadline") == []


# -- numbers a cue does not touch ---------------------------------------------------------------------


def test_zhishao_may_govern_a_verb_before_a_chinese_numeral() -> None:
    # c26 第十条: 至少 is an adverb, so a verb stands between it and the number.
    [c] = numeric("区人民政府应当在每个镇、街道辖区内至少设置一所公办幼儿园。")
    assert (c.kind, c.comparator, c.value, c.unit) == ("count", "at_least", 1, "所")
    assert numeric("至少,设置一所学校。") == []  # the cue does not reach across a comma


def test_a_sum_of_money_in_chinese_numerals_needs_no_cue() -> None:
    # c24 第七十二条: a fixed fine per person hired.
    [c] = numeric("幼儿园违反规定的,由教育部门责令限期改正,并按照每聘用一人二万元的标准处以罚款。")
    assert (c.kind, c.comparator, c.value, c.unit) == ("count", "equal", 20_000, "元")
    assert numeric("推进教育经费投入一元化管理。") == []


def test_a_range_of_multiples_is_a_fine_range() -> None:
    # c24 第七十条: 违法所得一倍以上五倍以下罚款.
    [c] = numeric("逾期未改正的,没收违法所得,并对举办者处违法所得一倍以上五倍以下罚款。")
    assert (c.kind, c.comparator, c.value, c.value_max, c.unit) == ("count", "between", 1, 5, "倍")
    assert numeric("优质学位数量翻一倍。") == []
    assert numeric("罚款数额为违法所得的两倍。") == []


# -- implied numbers ---------------------------------------------------------------------------------


def test_every_meal_has_someone_is_full_coverage() -> None:
    # c24 第四十条: 陪餐 at every meal.
    [c] = [c for c in numeric("幼儿园应当实行陪餐制度,每餐均有幼儿园园长或者副园长陪同儿童用餐,并做好陪餐记录。") if c.kind == "coverage"]
    assert (c.comparator, c.value) == ("equal", 1.0)
    assert [c for c in numeric("每班均有2名专任教师。") if c.kind == "coverage"] == []


def test_an_activity_pinned_to_the_end_of_each_period() -> None:
    # c26 第四十八条: the activity follows a comma after 每学年结束后.
    [c] = numeric("幼儿园应当在每学年结束后,向区教育行政部门报告工作,接受年度检查。")
    assert (c.kind, c.comparator, c.value, c.period) == ("frequency", "at_least", 1, "学年")
    assert c.quote.endswith("报告工作")
    assert numeric("每学年结束后,学生成绩册由学校存档备查。") == []


# -- lists of banned acts ----------------------------------------------------------------------------


def test_items_under_a_ban_lead_in_are_prohibitions() -> None:
    # c26 第三十一条: the items name the acts; only the lead-in says 不得.
    text = (
        "第三十一条 幼儿园及其工作人员应当履行工作职责，不得实施下列行为：\n"
        "（一）打骂、猥亵、恐吓、侮辱、虐待、歧视幼儿；\n"
        "（二）组织幼儿参加商业性质的表演、竞赛活动；\n"
        "第三十二条 幼儿园应当建立下列制度：\n"
        "（一）安全检查制度；\n"
    )
    out = extract(text, doc="t.txt")
    banned = [c for c in out if c.kind == "prohibition" and c.clause != "第三十一条"]
    assert [c.quote for c in banned] == ["打骂、猥亵、恐吓、侮辱、虐待、歧视幼儿", "组织幼儿参加商业性质的表演、竞赛活动"]
    assert {(c.scope, c.stages) for c in banned} == {("school", ("kindergarten",))}  # the lead-in says who
    assert not [c for c in out if c.kind == "existence" and "竞赛活动" in c.quote]
    assert not [c for c in out if c.kind == "prohibition" and "安全检查" in c.quote]


# -- who does it: the subject of the sentence ------------------------------------------------------


def test_the_school_as_subject_binds_the_school_though_a_bureau_receives() -> None:
    # c25 第十八条, 第二十二条: the bureau only receives the report.
    [c] = numeric("学校应当在较大伤害事故处理结束之日起五日内将事故处理结果书面报告所在地的教育行政部门。")
    assert (c.kind, c.value, c.scope) == ("duration", 5, "school")
    [bureau] = numeric("发生重大伤害事故的,学校应当立即报告,教育行政部门应当在一小时内报告本级人民政府。")
    assert (bureau.value, bureau.scope) == (60, "region")


def test_any_named_department_as_subject_is_a_bureau() -> None:
    # c26 第十二条: 住房城乡建设部门 is no 教育行政部门, but a department all the same.
    [c] = numeric("区住房城乡建设部门应当在接收配套公共服务设施中的幼儿园后一个月内,交付给区教育行政部门。")
    assert (c.kind, c.value, c.unit, c.scope) == ("duration", 1, "月", "region")
    # c24 第三十四条: a department named as the source of a rule does not act.
    [check] = numeric("幼儿园保育教育工作人员应当按照卫生健康部门的规定参加健康检查,并在岗期间每年至少进行一次健康检查。")
    assert (check.kind, check.scope) == ("frequency", "school")
    [patrol] = numeric("学校安全管理部门应当每天巡查校园一次。")
    assert patrol.scope == "school"


def test_a_sanctions_length_is_the_authoritys() -> None:
    # c24 第七十三条: the kindergarten bears the sanction; the bureau imposes it.
    [c] = numeric("保育教育工作人员有前款规定情形之一的,其所在幼儿园一至三年内不得参与评奖评优。")
    assert (c.kind, c.value, c.value_max, c.scope) == ("duration", 1, 3, "region")


# -- a window of the term as the period ----------------------------------------------------------------


def test_once_within_a_window_of_the_term() -> None:
    # c28: the sweep is done once, in the first week of term.
    [c] = numeric("各校要在开学第一周对本学校安全情况进行一次全面排查,发现问题及时整改。")
    assert (c.kind, c.value, c.period) == ("frequency", 1, "开学第一周")
    # without the window, the sweep is an act done once, with no period (as 召开一次家长会, 开展一次集中培训)
    [c] = numeric("要对本学校安全情况进行一次全面排查。")
    assert (c.kind, c.value, c.comparator, c.period) == ("frequency", 1, "equal", None)


# -- numbers that name a case, not a target ---------------------------------------------------------


def test_a_conditional_clause_ending_in_de_is_no_target() -> None:
    # c26 第四十二条, 第五十一条: "…的，" states the case the sentence goes on to rule.
    assert numeric("幼儿离开幼儿园三个月以上的,入园前应当进行健康检查。") == []
    [limit] = numeric("收到投诉、举报的部门应当在接受投诉、举报后十个工作日内向投诉、举报人反馈处理结果;十个工作日内不能办结的,应当及时反馈处理进展情况。")
    assert (limit.kind, limit.value, limit.unit) == ("duration", 10, "个工作日")
    # An assessment row's deduction is no duty: the number is the requirement it enforces (c15).
    [row] = numeric("专题研究教育安全工作会议全年少于2次的,扣2分。")
    assert (row.kind, row.value) == ("frequency", 2)


def test_an_age_before_the_children_it_names_is_no_age_limit() -> None:
    # c26 第六十一条: 不满三周岁 names the children, not a limit on anyone's age.
    assert numeric("幼儿园招收不满三周岁幼儿的保育教育,参照适用本条例。") == []
    [age] = numeric("校车驾驶人年龄不超过60周岁。")
    assert (age.kind, age.value, age.unit) == ("count", 60, "周岁")
