"""Phrasings brought in by the eleventh batch of development texts (issue 14, c80–c85: a county's
协同育人 notice, the national 家长学校 guidance, a province's 五项管理 check list, a school's 德育
rules, a 校本研修 notice and 温州's reading regulation). Each test reads a class of phrasing with a
sentence from one of those texts, and most also give one that must not be read so.
"""

from __future__ import annotations

from checklist.extract import extract
from tests.checklist.extract.conftest import numeric


def _read(text: str) -> list[tuple[str, str | None, float | None, str | None, str]]:
    return [(c.kind, c.comparator, c.value, c.period, c.scope) for c in extract(text, doc="t.txt")]


def test_each_month_with_a_measure_word_is_a_period() -> None:
    # c83: "每个月召开一次班主任会议"
    assert [(c.kind, c.value, c.period) for c in numeric("每个月召开一次班主任会议。")] == [("frequency", 1, "月")]
    assert [(c.kind, c.period) for c in numeric("每星期开展一次主题班会。")] == [("frequency", "周")]


def test_a_month_named_each_year_is_once_a_year_and_the_bureau_s() -> None:
    # c85: "每年4月为籀园读书月" (and c59's 每年5月为本省全民健身活动月)
    assert _read("每年4月为籀园读书月。") == [("frequency", "at_least", 1, "年", "region")]
    # a school's own activity in a named month is the school's, once a year
    assert _read("学校每年4月开展读书活动。") == [("frequency", "at_least", 1, "年", "school")]
    # the month does not hide a number of times
    assert [(c.value, c.period) for c in numeric("每年4月完成3次检查。")] == [(3, "年")]


def test_the_size_of_a_list_in_another_document_is_no_target() -> None:
    # c82: "是否按照办法中列出的12条负面清单对校园推荐图书"
    assert numeric("是否按照办法中列出的12条负面清单对校园推荐图书。") == []
    assert [c.value for c in numeric("学校要制定不少于12条的负面清单。")] == [12]


def test_covering_all_schools_and_everyone_s_home_visits() -> None:
    # c82: a province's reach over all schools is its own target
    cands = [c for c in extract("“五项管理”覆盖所有中小学校(包括民办学校),对中小学校的督导全覆盖。", doc="t.txt")]
    assert {(c.kind, c.value, c.scope) for c in cands if c.kind == "coverage"} == {("coverage", 1.0, "region")}
    # c80: 教师全员家访 inside a list of the year's work
    visits = extract("全面加强家庭教育指导、家长委员会建设、教师全员家访、学校开放办学等四个方面工作。", doc="t.txt")
    assert [(c.kind, c.value) for c in visits] == [("coverage", 1.0)]


def test_a_check_list_question_asks_for_a_thing_in_place() -> None:
    # c82: 24 questions 是否…
    form = "3.是否有手机保管装置;\n4.是否有手机保管责任人;\n9.是否将学生手机管理要求告知学生家长;\n"
    found = [(c.kind, c.subject) for c in extract(form, doc="t.txt")]
    assert found == [
        ("existence", "有手机保管装置"),
        ("existence", "有手机保管责任人"),
        ("existence", "将学生手机管理要求告知学生家长"),
    ]
    # a question about a ban stays a ban
    assert [c.kind for c in extract("是否规定并严格执行学生不得带手机进课堂。", doc="t.txt")] == ["prohibition"]


def test_a_post_held_by_someone_and_work_put_into_a_plan() -> None:
    # c81
    held = extract("幼儿园家长学校校长由园领导兼任。", doc="t.txt")
    assert [(c.kind, c.subject) for c in held] == [("existence", "幼儿园家长学校校长由园领导兼任")]
    put = extract("把家庭教育指导纳入教师岗前培训、在岗培训和骨干培训中。", doc="t.txt")
    assert [(c.kind, c.subject) for c in put] == [("existence", "把家庭教育指导纳入教师岗前培训")]
    counted = extract("学生参加家务劳动的情况要按年度计入学生综合素质档案。", doc="t.txt")
    assert [c.kind for c in counted] == ["existence"]


def test_the_school_as_the_subject_of_its_sentence_binds_every_part() -> None:
    # c85 第二十六条: the first paragraph is the bureau's; the second's subject is the schools,
    # and a library they build is not a public body's
    article = (
        "第二十六条 市、县(市、区)教育主管部门应当会同文化旅游主管部门建立学生阅读指导工作机制。\n\n"
        "幼儿园、学校应当建立图书馆(室)等阅读设施,配置适宜读物,设置阅读指导拓展课程,开展阅读节等多种形式校园阅读活动。\n"
    )
    scopes = [(c.quote[:6], c.scope) for c in extract(article, doc="t.txt")]
    assert scopes[0][1] == "region"
    assert {s for _, s in scopes[1:]} == {"school"}, scopes
    # a later part whose subject is an authority stays the authority's
    bureau = numeric("发生重大伤害事故的,学校应当立即报告,教育行政部门应当在一小时内报告本级人民政府。")
    assert [(c.value, c.scope) for c in bureau] == [(60, "region")]


def test_more_artefacts_a_duty_creates() -> None:
    # from the dev misses of earlier batches: 构建…机制, 召开…会议, 签订…责任状, 列入…预算, 开展…行动
    cases = {
        "构建优秀师资共享机制。": "构建优秀师资共享机制",
        "定期召开安全工作专题会议。": "召开安全工作专题会",
        "层层签订学校安全工作责任状。": "签订学校安全工作责任状",
        "将学校体育经费列入年度预算。": "将学校体育经费列入年度预算",
        "开展中小学生“作业减负、书包减重”行动。": "开展中小学生“作业减负、书包减重”行动",
    }
    for text, subject in cases.items():
        assert [(c.kind, c.subject) for c in extract(text, doc="t.txt")] == [("existence", subject)], text


def test_a_list_a_school_is_made_to_do_and_a_check_list_s_questions_are_the_school_s() -> None:
    # c83: a school's rules, the items under "学校必须…做好以下工作:"
    rules = (
        "为了更好地搞好学校德育工作,学校必须成立德育领导小组,并做好以下工作:\n\n"
        "1 、制定德育工作计划,确定每个时期的教育中心。\n\n"
        "2 、建立思品课教学的检查与考核制度。\n\n"
        "二、其他\n"
        "制定年度工作计划。\n"
    )
    scopes = [(c.subject, c.scope) for c in extract(rules, doc="t.txt")]
    assert ("制定德育工作计划", "school") in scopes
    assert ("建立思品课教学的检查与考核制度", "school") in scopes
    # the list ends at the next heading
    assert ("制定年度工作计划", "unclear") in scopes
    # c82: a check list asks each school; a county's line stays the county's
    form = "3.是否有手机保管装置;\n13.县级是否建立学生睡眠状况监测机制;\n"
    assert [c.scope for c in extract(form, doc="t.txt")] == ["school", "region"]
