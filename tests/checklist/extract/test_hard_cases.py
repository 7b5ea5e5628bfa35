"""The readings the extraction conventions ask for, one hard case at a time.

Each test gives a short plan sentence (numbered as an item, as plans are) and the exact
reading wanted.
"""

from __future__ import annotations

import pytest

from checklist.extract import Candidate, extract
from checklist.extract.lexicon import parse_lexicon


def cands(sentence: str, **kwargs: object) -> tuple[Candidate, ...]:
    text = f"1.{sentence}"
    found = extract(text, doc="t.txt", **kwargs)  # type: ignore[arg-type]
    for c in found:
        assert text[c.start : c.end] == c.quote
    return found


def only(found: tuple[Candidate, ...], kind: str) -> Candidate:
    matching = [c for c in found if c.kind == kind]
    assert len(matching) == 1, [(c.kind, c.value, c.quote) for c in found]
    return matching[0]


def values(found: tuple[Candidate, ...]) -> set[float | None]:
    return {c.value for c in found} | {c.value_max for c in found if c.value_max is not None}


def test_one_hour_a_day_is_sixty_minutes_a_day() -> None:
    c = only(cands("落实每日校内体育活动不少于1小时要求。"), "duration")
    assert (c.comparator, c.value, c.unit, c.period) == ("at_least", 60, "分钟", "天")
    assert c.quote == "落实每日校内体育活动不少于1小时要求"
    assert c.subject == "校内体育活动"


def test_one_to_two_times_a_school_year_is_between() -> None:
    c = only(cands("确保学生每学年参加1—2次集体研学实践活动。"), "frequency")
    assert (c.comparator, c.value, c.value_max, c.unit, c.period) == ("between", 1, 2, "次", "学年")
    assert c.subject == "集体研学实践活动"


def test_ratio_names_its_denominator() -> None:
    c = only(cands("各学校教师交流轮岗的比例不低于符合交流条件教师总数的10%。"), "ratio")
    assert (c.comparator, c.value, c.unit) == ("at_least", 0.10, "比例")
    assert c.denominator == "符合交流条件教师总数"
    assert c.scope == "school"


def test_extended_duration_reads_the_target_not_the_old_value() -> None:
    found = cands("确保学生每天活动由原来不少于1小时延长至不少于2小时。")
    c = only(found, "duration")
    assert (c.comparator, c.value, c.period) == ("at_least", 120, "天")
    assert 60 not in values(found)


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit", "period"),
    [
        ("每学年开展安全教育不少于三十节。", "frequency", 30, "节", "学年"),
        ("各学校每学期至少组织两次家长会。", "frequency", 2, "次", "学期"),
        ("各学校党组织每学期至少组织一次主题党日活动。", "frequency", 1, "次", "学期"),
        ("选派百名骨干教师到上海跟岗学习。", "count", 100, "名", None),
        ("确保每天校内体育活动时间不少于９０分钟。", "duration", 90, "分钟", "天"),
    ],
)
def test_chinese_and_full_width_numerals(sentence: str, kind: str, value: float, unit: str, period: str | None) -> None:
    c = only(cands(sentence), kind)
    assert (c.value, c.unit, c.period) == (value, unit, period)


def test_grades_named_in_the_text() -> None:
    c = only(cands("确保小学四、五年级学生每学年参加1次研学实践活动。"), "frequency")
    assert c.grades == ("P4", "P5")
    assert c.stages == ("primary",)
    c = only(cands("确保初中一、二、三年级和高一、二年级学生每学年参加1次研学。"), "frequency")
    assert c.grades == ("J1", "J2", "J3", "S1", "S2")
    assert c.stages == ("junior", "senior")


def test_grades_of_junior_and_senior_school_said_short() -> None:
    c = only(cands("初二、三年级每周安排安全教育课1课时。"), "frequency")
    assert (c.grades, c.stages) == (("J2", "J3"), ("junior",))  # 初二 is junior school's second grade, not P2
    c = only(cands("初二、初三学生每学期参加2次社会实践活动。"), "frequency")
    assert (c.grades, c.stages) == (("J2", "J3"), ("junior",))
    c = only(cands("高三毕业班每周体育课不少于2节。"), "frequency")
    assert (c.grades, c.stages) == (("S3",), ("senior",))


def test_a_span_of_grades_across_stages_takes_every_grade_between() -> None:
    c = only(cands("在小学1年级至初中2年级开设每周1课时的少先队活动。"), "frequency")
    assert c.grades == ("P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2")
    assert c.stages == ("primary", "junior")
    c = only(cands("小学五年级和初中一年级学生每学年参加1次研学。"), "frequency")
    assert c.grades == ("P5", "J1")  # two grades named, not a span


def test_grades_of_a_list_split_by_a_comma() -> None:
    found = cands("确保小学四、五年级,初中一、二、三年级学生每学年参加 1 — 2 次集体 研 学实践活动。")
    c = only(found, "frequency")
    assert c.grades == ("P4", "P5", "J1", "J2", "J3")
    assert c.quote.startswith("确保小学四、五年级,初中")


def test_modality_encouraged_and_prohibited() -> None:
    c = only(cands("鼓励学校每天开设1节体育课。"), "frequency")
    assert c.modality == "encouraged"
    c = only(cands("鼓励有条件的学校实施小班化教学。"), "existence")
    assert c.modality == "encouraged"
    c = only(cands("提高入学适应的有效性,严禁提前教授小学课程。"), "prohibition")
    assert (c.modality, c.subject) == ("prohibited", "提前教授小学课程")
    c = only(cands("对师德失范教师,实行“零容忍”。"), "prohibition")
    assert c.modality == "prohibited"
    assert c.quote == "对师德失范教师,实行“零容忍”"
    c = only(cands("落实每日校内体育活动不少于1小时要求。"), "duration")
    assert c.modality == "must"


def test_not_below_is_not_a_prohibition() -> None:
    found = cands("各学校每学期应急演练不得少于2次。")
    c = only(found, "frequency")
    assert (c.comparator, c.value) == ("at_least", 2)
    assert not [x for x in found if x.kind == "prohibition"]


def test_responsible_units_from_the_tail_decide_scope() -> None:
    text = "14 .加强师德建设。 基层党组织每年召开专题会议不少于 2 次。(责任单位: 基教科 、教研中心,各学校)"
    (c,) = [x for x in extract(text, doc="t.txt") if x.kind == "frequency"]
    assert c.responsible == ("基教科", "教研中心", "各学校")
    assert c.clause == "14"
    text = "15.完善信访工作机制。建立信访台账。(责任单位:办公室、督导室)"
    (c,) = [x for x in extract(text, doc="t.txt") if "台账" in x.quote]
    assert c.kind == "existence"
    assert c.responsible == ("办公室", "督导室")
    # only offices of the bureau: the bureau's own work (c05's labels read it so)
    assert (c.scope, c.scope_reason) == ("region", "责任单位仅为局机关科室，是局机关的工作")


@pytest.mark.parametrize(
    ("sentence", "kind", "value"),
    [
        ("全市普惠性幼儿园覆盖率达到91%。", "ratio", 0.91),
        ("完成新建公办幼儿园15所。", "count", 15),
        ("评选智慧教育示范校3所。", "count", 3),
        ("评选我市典型案例10个。", "count", 10),
        ("用3-5年时间实现80%以上的学校达到“新优质学校”建设标准。", "ratio", 0.8),
        ("确保全市适龄残疾儿童入学率100%。", "coverage", 1.0),
    ],
)
def test_region_targets(sentence: str, kind: str, value: float) -> None:
    c = only(cands(sentence), kind)
    assert c.value == value
    assert c.scope == "region", c.scope_reason
    assert c.scope_reason


def test_each_school_canteen_coverage_is_a_school_duty() -> None:
    found = cands("学校食堂“互联网+明厨亮灶”达到全覆盖。")
    c = only(found, "coverage")
    assert (c.comparator, c.value, c.unit) == ("equal", 1.0, "比例")
    assert c.scope == "school"


def test_a_sentence_with_a_region_target_and_a_school_duty_is_split() -> None:
    found = cands("全面落实全市中小学生体质监测工作,确保学生每天校内体育活动不少于2小时。")
    c = only(found, "duration")
    assert c.scope == "school"
    assert c.quote == "确保学生每天校内体育活动不少于2小时"


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("办好第40个教师节庆祝活动。", {40}),
        ("深入学习贯彻党的二十届三中全会精神。", {20, 3}),
        ("锚定十四五教育事业发展规划目标,推进工作落实。", {14, 145, 5}),
        ("鼓励有条件的幼儿园为2-3岁的幼儿提供托育服务。", {2, 3}),
        ("用3-5年时间实现80%以上的学校达到建设标准。", {3, 5}),
        (
            "落实辽宁省教育厅《关于推动基础教育扩优提质的通知》(辽教发〔2024〕4号)部署要求。",
            {2024, 4},
        ),
        ("深入实施《学前教育发展提升行动计划(2022-2025年)》。", {2022, 2025}),
        ("在中央政治局第五次集体学习时的重要讲话精神。", {5}),
    ],
)
def test_numbers_that_are_not_thresholds(sentence: str, numbers: set[float]) -> None:
    found = cands(sentence)
    assert not numbers & values(found), [(c.kind, c.value, c.quote) for c in found]


def test_age_range_sentence_keeps_only_the_encouraged_service() -> None:
    found = cands("鼓励有条件的幼儿园为2-3岁的幼儿提供托育服务。")
    assert [c.kind for c in found] == ["existence"]
    assert found[0].modality == "encouraged"


def test_a_condition_is_not_a_threshold_the_resource_room_is_the_requirement() -> None:
    found = cands("为5人以上残疾学生随班就读的学校建资源教室。")
    assert 5 not in values(found)
    c = only(found, "existence")
    assert "资源教室" in c.subject


def test_pdf_spaces_do_not_break_reading() -> None:
    c = only(cands("确保学生每学年参加 1 — 2 次集体 研 学实践活动。"), "frequency")
    assert (c.comparator, c.value, c.value_max) == ("between", 1, 2)
    assert c.quote == "确保学生每学年参加 1 — 2 次集体 研 学实践活动"
    c = only(cands("按照教师交流比例不低于符合条件的 15 %的要求。"), "ratio")
    assert (c.value, c.denominator) == (0.15, "符合条件")
    assert c.quote.endswith("15 %的要求")


def test_two_ratios_in_one_part_get_their_own_quotes() -> None:
    found = cands("按照教师交流比例不低于符合条件的 15 %、骨干教师不低于交流教师的 25 %的要求。")
    ratios = [c for c in found if c.kind == "ratio"]
    assert [(c.value, c.denominator) for c in ratios] == [(0.15, "符合条件"), (0.25, "交流教师")]
    assert ratios[0].quote == "按照教师交流比例不低于符合条件的 15 %"
    assert ratios[1].quote == "骨干教师不低于交流教师的 25 %的要求"


def test_deadline_is_read_with_the_target() -> None:
    found = cands("到2024年底,全市公办幼儿园在园幼儿占比达到54%。")
    deadline = only(found, "deadline")
    assert deadline.value is None and deadline.comparator is None
    assert deadline.subject.startswith("到2024年底")
    ratio = only(found, "ratio")
    assert (ratio.value, ratio.scope) == (0.54, "region")


def test_zero_targets_and_parity() -> None:
    found = cands("全面完成消除“大班额”、无新增“大班额”任务。")
    readings = {(c.comparator, c.value, c.origin) for c in found if c.kind == "count"}
    assert readings == {("at_most", 55, "lexicon:大班额"), ("at_most", 0, "zero")}
    found = cands("年内择校监测点校实现零择校。")
    c = only(found, "count")
    assert (c.comparator, c.value) == ("at_most", 0)
    c = only(cands("落实义务教育教师平均工资收入水平不低于当地公务员平均工资收入水平。"), "ratio")
    assert (c.comparator, c.value, c.denominator) == ("at_least", 1.0, "当地公务员平均工资收入水平")


def test_existence_candidates_name_their_artefact() -> None:
    for sentence, artefact in (
        ("以校为单位制定劳动教育清单。", "清单"),
        ("建立健全学校家庭社会协同育人制度。", "制度"),
        ("建立健全控辍保学台账。", "台账"),
        ("开展校园安全隐患排查。", "排查"),
        ("制定《瓦房店市中小学思政课一体化建设工作实施方案》。", "方案"),
    ):
        c = only(cands(sentence), "existence")
        assert c.subject.endswith(artefact) or artefact in c.subject
        assert c.comparator is None and c.value is None


def test_lexicon_phrases_with_implied_numbers() -> None:
    c = only(cands("深化“一校一品”党建品牌创建。"), "count")
    assert (c.comparator, c.value, c.unit, c.scope) == ("at_least", 1, "个", "school")
    c = only(cands("确保家庭经济困难学生应助尽助。"), "coverage")
    assert (c.comparator, c.value) == ("equal", 1.0)
    durations = [c for c in cands("严格落实“1530”安全教育制度。") if c.kind == "duration"]
    assert [(c.value, c.period) for c in durations] == [(1, "天"), (5, "周"), (30, None)]


def test_slogan_in_the_lexicon_is_not_read_as_a_threshold() -> None:
    found = cands("巩固“四个100%”建设成果。")
    assert not [c for c in found if c.kind in ("coverage", "ratio")]


def test_regional_reading_of_a_phrase() -> None:
    lexicon = parse_lexicon(
        {
            "phrases": [
                {
                    "phrase": "双减",
                    "kind": "count",
                    "comparator": "at_most",
                    "value": 2,
                    "unit": "次",
                    "subject": "默认读法",
                    "regions": {
                        "甲市": {
                            "kind": "count",
                            "comparator": "at_most",
                            "value": 1,
                            "unit": "次",
                            "subject": "甲市读法",
                        }
                    },
                }
            ]
        }
    )
    sentence = "巩固“双减”成果。"
    assert [c.value for c in cands(sentence, lexicon=lexicon)] == [2]
    assert [c.value for c in cands(sentence, lexicon=lexicon, region="乙市")] == [2]
    assert [c.subject for c in cands(sentence, lexicon=lexicon, region="甲市")] == ["甲市读法"]
