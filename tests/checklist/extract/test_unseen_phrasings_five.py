"""Phrasings brought in by the fifth batch of development texts (issue 14, c40–c45: 安徽's 中小学教职工
编制 table, 福清's notice on school guards, an 义务教育段学校 评估 table, 房县's 2024 plan, 温州's 研学旅行
notice and 青岛's 学前教育条例). Each test reads a class of phrasing with a sentence from one of those
texts, and most also give a sentence that must not be read so.
"""

from __future__ import annotations

from pathlib import Path

from checklist.engine import Status
from checklist.extract import describe, extract
from checklist.extract.draft import draft_rubric
from checklist.extract.plans import plan_info
from checklist.loader import load_rubric_text
from checklist.model import SchoolProfile
from checklist.scoring import score
from checklist.seeds import SeedLibrary
from tests.checklist.extract.conftest import found as found_in
from tests.checklist.extract.conftest import numeric, of_kind

# -- ratios ---------------------------------------------------------------------------------------------


def test_a_staffing_ratio_is_at_least_one_in_n() -> None:
    # c40 附表: a table cell of its own.
    text = "附表\n中小学教职工编制标准\n高 中\n\n城市\n\n1:14.5\n\n特教学校\n\n1:4\n"
    ratios = [c for c in extract(text, doc="t.txt") if c.kind == "ratio"]
    # 1/N to seven places, rounded down so that a school at exactly 1:N meets it
    assert [(c.comparator, c.value) for c in ratios] == [("at_least", 0.0689655), ("at_least", 0.25)]
    # written in a sentence, either way round, or in Chinese numerals
    [c] = numeric("寄宿制学校按照不低于600:1的比例配备校医。")
    assert (c.kind, c.value, c.subject) == ("ratio", 0.0016666, "校医")
    [c] = numeric("按照六百比一的比例配备卫生保健人员。")
    assert c.value == 0.0016666
    # a clock is not a ratio, nor is a score
    [clock] = [c for c in found_in("小学上午上课时间不早于8:20。") if c.value is not None]
    assert (clock.kind, clock.unit) == ("deadline", "时刻")
    assert of_kind("以3比2获胜。", "ratio") == []


# -- sizes and counts -----------------------------------------------------------------------------------


def test_a_range_of_classes_is_a_size() -> None:
    # c42 C2
    [c] = numeric("完全小学规模为12-36班。")
    assert (c.kind, c.value, c.value_max, c.unit) == ("count", 12, 36, "班")


def test_classes_in_a_chinese_numeral_with_the_comparator_after_the_noun() -> None:
    # c45 第七条
    cands = numeric("每五千人口的区域应当设置一所规模为六个班以上的幼儿园。")
    assert [(c.value, c.comparator) for c in cands] == [(1, "equal"), (6, "at_least")]
    # a population is no number of people to reach
    assert numeric("每三千至五千人口的区域应当按照就近入园的原则合理设置幼儿园。") == []


def test_a_staffing_scale_by_school_size_is_each_school_s() -> None:
    # c41: the size bracket is part of the quote, and makes the count each school's
    cands = numeric("按以下标准配备校园保安,200人以上500人以下的学校,配2名专职保安员;超过2000人的学校,配5名专职保安员。")
    assert [(c.value, c.scope) for c in cands] == [(2, "school"), (5, "school")]
    assert cands[0].quote == "200人以上500人以下的学校,配2名专职保安员"


def test_a_size_that_picks_which_activities_is_a_condition() -> None:
    # c44: trips of 200 or more must be filed; 200 is which trips, not a target
    cands = numeric("对学校组织200人及以上或以年级段为单位开展的研学旅行活动,至少要提前7天向市教育局备案。")
    assert [(c.kind, c.value, c.unit) for c in cands] == [("duration", 7, "天")]
    # … but "不少于200人参加的活动" is a target
    [c] = numeric("每学期组织不少于200人参加的活动。")
    assert c.value == 200


def test_a_lead_time_is_a_duration_and_the_authority_only_receives() -> None:
    [c] = numeric("至少要提前7天向市教育局备案。")
    assert (c.kind, c.comparator, c.value, c.scope) == ("duration", "at_least", 7, "school")
    # an authority that does the work still makes it the region's
    [c] = numeric("县教育局每学期组织1次检查。")
    assert c.scope == "region"


def test_a_fine_capped_as_a_multiple() -> None:
    # c45 第五十八条
    [c] = numeric("并处违法所得五倍以下罚款。")
    assert (c.kind, c.comparator, c.value, c.unit) == ("count", "at_most", 5, "倍")
    assert numeric("收入翻一倍。") == []


# -- not thresholds -------------------------------------------------------------------------------------


def test_sums_given_to_three_places_are_accounts() -> None:
    # c41: the money handed down to the schools
    assert numeric("现将2021年保安服务费2943.846万元下达给你们,其中市级财政补助2420.286万元。") == []
    [c] = numeric("生均公用经费不低于600元。")
    assert c.value == 600


def test_a_sharing_site_s_disclaimer_is_debris() -> None:
    text = (
        "1.每学期开展1次演练。\n"
        "本站为C2C交文档易平台,若您发现上传作品侵犯了您的权利,请立刻联系网站客服,平台将在3个工作日内予以改正。\n"
    )
    assert [c.value for c in extract(text, doc="t.txt") if c.is_quantitative] == [1]


# -- dates ----------------------------------------------------------------------------------------------


def test_a_step_dated_in_brackets_is_a_deadline() -> None:
    # c40 (二)
    [c] = of_kind("逐校核编(2009年3月31日前)。", "deadline")
    assert c.subject.startswith("逐校核编")


# -- implied numbers ------------------------------------------------------------------------------------


def test_all_paved_and_all_certified_are_full_coverage() -> None:
    # c42 C3, c43 4.
    [c] = of_kind("可硬化活动场地及校园道路全部硬化。", "coverage")
    assert c.value == 1.0
    [c] = of_kind("园长及专任教师全员持证上岗。", "coverage")
    assert c.value == 1.0


def test_not_below_the_standard_is_parity() -> None:
    # c42 C3
    [c] = of_kind("生均占地面积不低于标准规定。", "ratio")
    assert (c.comparator, c.value) == ("at_least", 1.0)
    # a number after the standard is read as the number
    assert of_kind("生均占地面积不低于标准23平方米。", "ratio") == []


def test_every_accounting_year_is_once_a_year() -> None:
    # c45 第五十二条
    [c] = of_kind("幼儿园应当在每个会计年度结束时制作财务会计报告。", "frequency")
    assert (c.value, c.period) == (1, "年")


# -- scope ----------------------------------------------------------------------------------------------


def test_issuing_a_licence_is_the_authority_s() -> None:
    # c45: 核发许可证 within ten days
    [c] = numeric("教育行政部门应当在十日内核发许可证。")
    assert (c.kind, c.value, c.scope) == ("duration", 10, "region")


def test_a_ban_on_harming_young_children_binds_the_kindergarten() -> None:
    # c45
    [c] = of_kind("严禁实施虐待、歧视、恐吓、体罚或者变相体罚幼儿等损害幼儿身心健康的行为。", "prohibition")
    assert c.scope == "school"


# -- a staffing ratio in the draft ----------------------------------------------------------------------


def test_a_staffing_ratio_drafts_as_staff_over_students(tmp_path: Path) -> None:
    text = "某县教育局2025年工作要点\n一、办学条件\n1.寄宿制学校按照不低于600:1的比例配备校医。\n"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "plan.txt").write_text(text, encoding="utf-8")
    (seeds / "index.yaml").write_text(
        "documents:\n  - {file: plan.txt, title: 某县教育局2025年工作要点, issuer: 某县教育局, region: 某县, year: 2025}\n",
        encoding="utf-8",
    )
    found = extract(text, doc="plan.txt", region="某县")
    [c] = [c for c in found if c.kind == "ratio"]
    assert (c.subject, c.denominator, describe(c)) == ("校医", "在校学生数", "≥1:600")
    draft = draft_rubric(found, text, plan_info(seeds / "plan.txt"), "mx-2025")
    rubric, problems = load_rubric_text(draft.to_yaml(), "draft.yaml", SeedLibrary(seeds))
    assert problems == []  # 1/600 is found in "600:1": no unsourced number
    assert rubric is not None
    [item] = [i for i in rubric.items if i.title == "校医与学生之比不低于1:600"]
    assert [i.label for i in item.inputs] == ["校医人数", "在校学生数"]
    # a school staffed at exactly one doctor for 600 students meets it; one short does not
    staff, students = (i.key for i in item.inputs)
    boarding = SchoolProfile(stages=("junior",), boarding=True)
    met = score(rubric, {staff: 2, students: 1200}, boarding).by_id[item.id]
    short = score(rubric, {staff: 1, students: 1200}, boarding).by_id[item.id]
    assert (met.status, short.status) == (Status.MET, Status.PARTIAL)
