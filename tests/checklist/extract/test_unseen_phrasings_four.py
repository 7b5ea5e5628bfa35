"""Phrasings brought in by the fourth batch of development texts (issue 14, c34–c39: 攀枝花's 公告 on
the two hours of sport a day, two 2025 工作要点 of county and district bureaus, a 阜阳 district's
plan, 赵县's 2025 plan and a bureau's 防溺水 reminder). Each test reads a class of phrasing with a
sentence from one of those texts, and most also give a sentence that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from tests.checklist.extract.conftest import numeric, of_kind

# -- what is not a requirement ---------------------------------------------------------------------------


def test_a_line_that_is_a_document_s_title_sets_nothing() -> None:
    # c34: the 公告's own title names the rule it is about.
    text = (
        "攀枝花市教育和体育局关于公布未落实中小学生每天综合体育活动不低于2小时监督举报电话的公告\n"
        "全市中小学校全面落实“中小学生每天综合活动不低于2小时”的要求。\n"
    )
    [c] = [c for c in extract(text, doc="t.txt") if c.is_quantitative]
    assert (c.kind, c.value) == ("duration", 120)
    assert c.quote.startswith("全市中小学校")
    # a sentence that only mentions 关于 is no title
    [rule] = numeric("关于课后服务,学校每天不少于2小时。")
    assert rule.value == 120


def test_what_a_number_is_made_of_is_a_description() -> None:
    # c34 一、: a heading over the three items that make up the two hours.
    assert numeric("校内2小时体育活动的构成") == []
    [c] = numeric("校内体育活动不少于2小时。")
    assert c.value == 120


# -- periods ---------------------------------------------------------------------------------------------


def test_the_afternoon_shares_the_sentence_s_every_day() -> None:
    # c34 一/2: 每天 opens the sentence, 下午 the second part.
    cands = numeric("每天上午1次30分钟的体育大课间,下午1次30分钟的体育活动。")
    times = [(c.kind, c.value, c.period) for c in cands if c.kind == "frequency"]
    assert times == [("frequency", 1, "天"), ("frequency", 1, "天")]
    afternoon = [c for c in cands if c.kind == "duration"][-1]
    assert (afternoon.value, afternoon.period) == (30, "天")
    # no period to share: a count stays a count
    [once] = [c for c in numeric("组织观摩1次,下午1次集中研讨。") if c.quote.startswith("下午")]
    assert (once.kind, once.period) == ("count", None)


def test_an_allocation_made_every_year_is_once_a_year() -> None:
    # c30 第二十八条: a yearly 计提 of funds (an implied frequency).
    [c] = of_kind("市和区、县(市)人民政府每年从土地出让收益中计提一定比例的学前教育专项资金。", "frequency")
    assert (c.comparator, c.value, c.period, c.scope) == ("at_least", 1, "年", "region")
    assert of_kind("从土地出让收益中计提学前教育专项资金。", "frequency") == []


# -- implied coverage ------------------------------------------------------------------------------------


def test_reaching_every_parent_is_full_coverage() -> None:
    # c39 一是: the reminder must reach every student's parents.
    [c] = numeric("在微信群、公众号等多渠道推送给每个学生家长。")
    assert (c.kind, c.comparator, c.value) == ("coverage", "equal", 1.0)
    [staff] = numeric("安全责任落实到每一位教职工。")
    assert staff.kind == "coverage"
    assert numeric("推送给学生家长。") == []


# -- artefacts -------------------------------------------------------------------------------------------


def test_doing_a_check_creating_a_studio_and_pushing_a_system_are_artefacts() -> None:
    # c38 一/四 and c37 (一)三是: 做好…排查, 创建…工作室, 推进…负责制.
    assert [c.subject for c in of_kind("做好安全风险隐患排查整治工作。", "existence")] == ["做好安全风险隐患排查"]
    assert of_kind("创建名校长工作室。", "existence")
    assert of_kind("继续推进中小学校党组织领导的校长负责制工作。", "existence")
    assert of_kind("做好宣传。", "existence") == []  # no artefact named


# -- who is bound ----------------------------------------------------------------------------------------


def test_a_daily_time_every_school_of_the_city_keeps_binds_each_school() -> None:
    # c34 para 6: 全市 names where, the 2 hours are kept by each school.
    [c] = numeric("全市中小学校全面落实“中小学生每天综合活动不低于2小时”的要求。")
    assert c.scope == "school"
    [rate] = numeric("全市中小学生体质健康优良率达到55%。")
    assert rate.scope == "region"
    [region_time] = numeric("全市每年开展安全教育不少于2小时。")
    assert region_time.scope == "region"  # no school named
