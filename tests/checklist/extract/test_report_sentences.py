"""A reply to a deputy's proposal or a progress report says what was done before it says what
will be: "2023年，全区共投入资金1200万元", "今年以来，先后组织开展校园足球联赛3次", "目前，全区已有
28所学校…", "2024年学生体质健康测试合格率为93.5%". Those figures are no targets; a sentence that
also sets one (要, 确保, 不少于, 每学期至少…) keeps it. Sentences written for these tests.
"""

from __future__ import annotations

from checklist.extract import extract


def numbers(text: str) -> list[float | None]:
    return [c.value for c in extract(text, doc="t.txt") if c.kind not in ("existence", "prohibition", "deadline")]


def test_what_was_done_is_no_target() -> None:
    assert numbers("2023年，全区共投入资金1200万元，新建塑胶跑道5条，改造篮球场12个。") == []
    assert numbers("今年以来，先后组织开展校园足球联赛3次，参与学生4500余人次。") == []
    assert numbers("目前，全区已有28所学校建成标准化运动场，占学校总数的87.5%。") == []
    assert numbers("2024年学生体质健康测试合格率为93.5%，优良率为52.3%。") == []


def test_a_report_that_also_sets_a_target_keeps_it() -> None:
    assert numbers("目前已有12所学校开设课后服务，今后要确保每周5天全覆盖。")[-1] is not None
    assert 3 in numbers("近年来，我局要求各学校每学期至少开展3次应急演练。")
    assert 0.55 in numbers("到2025年，全区学生体质健康优良率达到55%以上。")
    # a change against last year is a target, not a report of last year
    assert numbers("学生近视率较上年下降1个百分点。") == [1.0]


def test_a_floor_cited_as_a_requirement_to_carry_out_is_read() -> None:
    # "不少于1小时的要求": 不少于 is the comparator, not a case ("少于…的")
    assert numbers("严格落实每天校内体育活动不少于1小时的要求。") == [60.0]
    assert numbers("学生数超过1000人的应配备2名校医。") == [2.0]


def test_what_used_to_be_and_a_result_made_public_are_no_targets() -> None:
    assert numbers("原来每天下午好好的两节延时课，现在改成了一节。") == []
    assert numbers("经审核，拟确定6项活动为2025年面向市直学校的“进校园”活动。") == []
    assert numbers("拟新建幼儿园3所。") == [3.0]  # 拟 + a verb of building: a plan


def test_a_report_that_restates_a_standing_rule_keeps_its_number() -> None:
    # a reply tells what schools do by the rule: the rule's number is read
    assert numbers("目前，全区中小学已全面落实每天1小时校园体育活动。") == [60.0]
    assert numbers("近年来，各学校严格落实每周3节体育课。") == [3.0]
    assert numbers("目前，我市各中小学均配备1名专职心理健康教师。") == [1.0]
    assert numbers("目前各学校均按照每班不超过45人的标准控制班额。") == [45.0]


def test_a_progress_report_s_figures_are_no_targets() -> None:
    for sentence in (
        "学前教育促进工程投资完成率65.8%。",
        "已完成全年计划的17.48%。",
        "教学楼整体钢结构施工完成70%。",
        "新建、改扩建公办幼儿园已开工2所。",
        "1-9月份全市有课后服务需求的学生32402人。",
        "课后服务计划拨付700万元。",
    ):
        assert [c for c in extract(sentence, doc="t.txt") if c.is_quantitative] == [], sentence
    # a plan's target of the same shape is read
    assert [c.value for c in extract("2024年底前完成全年计划任务，普惠率达到90%。", doc="t.txt") if c.is_quantitative] == [0.9]


def test_a_summary_of_the_past_year_is_no_target_and_the_plan_after_it_is_read() -> None:
    text = (
        "市教育局2022年工作总结和2023年工作计划\n"
        "一、2022年工作总结\n"
        "全市新增基础教育学位2.2万个，党组织覆盖率100%，4所学校被评为省级党建示范校。\n"
        "二、2023年工作计划\n"
        "各中小学校每天安排学生校内体育活动不少于1小时。\n"
    )
    found = [(c.kind, c.value) for c in extract(text, doc="t.txt") if c.value is not None]
    assert found == [("duration", 60.0)]
    # written on one line, as a page keeps it
    one_line = text.replace("\n", "")
    assert [(c.kind, c.value) for c in extract(one_line, doc="t.txt") if c.value is not None] == [("duration", 60.0)]
    # a plan without a summary keeps its figures
    assert [c.value for c in extract("二、2023年工作计划\n新增学位2000个。\n", doc="t.txt")] == [2000.0]


def test_a_section_that_states_how_things_are_sets_no_target_and_ends_at_the_next_heading() -> None:
    text = (
        "一、基本情况\n"
        "全县中小学56所；在校生45000人，35所学校配备心理咨询室，占比80%。\n"
        "二、工作要求\n"
        "1.各学校每学期开展心理健康教育活动不少于2次。\n"
    )
    assert numbers(text) == [2]
    # the same figures under a heading that plans are read
    assert 0.8 in numbers(text.replace("基本情况", "工作目标"))
    # headings of other kinds: （一）现状 ends at （二）
    nested = "（一）现状\n全区现有专职心理教师30名。\n（二）目标\n每校配备专职心理健康教师不少于1名。\n"
    assert numbers(nested) == [1]


def test_a_deduction_step_and_the_members_of_a_list_are_no_targets() -> None:
    assert numbers("普通话测试达标率每降5个百分点减1分。") == []
    assert numbers("成员单位包括市检察院、市委宣传部、市卫健委等16家单位。") == []
    assert numbers("自评得分54个别老同志普通话能力有待提高。") == []  # a score glued to 个别 (a few)
    assert numbers("本细则所指校车，是用于接送学生上下学的7座以上载客机动车。") == []  # a definition


def test_the_items_of_a_list_pointed_at_and_what_a_bracket_leaves_out_are_no_targets() -> None:
    assert numbers("重点评估学校在教师、校舍、仪器设备等方面的以下7项指标。") == []
    assert numbers("同时评估这7项指标的校际均衡情况。") == []
    assert numbers("评估全县义务教育学校（不含特殊教育学校及不足50人的教学点）的办学条件。") == []
    # a count with a limit is still read, and so is one in a bracket that sets it
    assert numbers("各校开设以下课程不少于3项。") == [3]
    assert numbers("学校配备专职心理教师（每校不少于1名）。") == [1]
