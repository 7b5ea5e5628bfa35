"""Things a school must have in place, named the common ways: a committee, a parents' school, a
platform or a pool set up (建立/组建/成立), a sign, a mailbox or a course set (设置/设立), a course
developed (开发), a letter handed out (发放), a sign put up (张贴/悬挂), staff and equipment
provided (配备…营养师/校医/监控), fees made public (公开…收费). Sentences written for these tests;
each class has a case that must not be read so.
"""

from __future__ import annotations

import pytest

from checklist.extract import extract


def existence(text: str) -> list[str]:
    return [c.subject for c in extract(text, doc="t.txt") if c.kind == "existence"]


@pytest.mark.parametrize(
    "sentence",
    [
        "学校应当建立家长委员会。",
        "各中小学要建立家长学校。",
        "组建家庭教育指导师队伍。",
        "建立数字家校学习平台。",
        "学校应当在显著位置设置禁止吸烟标识。",
        "在校门口设立心理辅导信箱。",
        "因地制宜开发校本课程。",
        "向家长发放《致家长的一封信》。",
        "在游泳池周边张贴安全警示标识。",
        "学校食堂应当配备专职或者兼职营养师。",
        "寄宿制学校要配备校医。",
        "学校应向社会公开收费项目和标准。",
    ],
)
def test_a_thing_put_in_place_is_read(sentence: str) -> None:
    assert existence(sentence), sentence


def test_a_sign_that_forbids_is_a_sign_to_put_up_not_a_ban() -> None:
    found = extract("学校应当在显著位置设置禁止吸烟标识。", doc="t.txt")
    assert [c.kind for c in found] == ["existence"]
    assert [c.kind for c in extract("校园内禁止吸烟。", doc="t.txt")] == ["prohibition"]


def test_words_near_those_verbs_that_name_no_artefact_are_not_read() -> None:
    assert existence("设置合理的作息时间。") == []  # 设置 with no artefact of its list
    assert existence("开发区学校参照执行。") == []  # 开发区 is a place
    assert existence("公开透明。") == []


def test_education_given_and_a_long_list_before_its_artefact() -> None:
    assert existence("各校要组织开展防溺水专题教育。")
    long = "建立和完善保育教育管理、安全管理、卫生保健、财务管理、人事管理、课程管理、档案管理、家园联系等制度。"
    assert existence(long)
    assert existence("有条件的中小学校应当建立校体育运动代表队。")


def test_an_activity_counted_in_the_same_sentence_is_one_requirement() -> None:
    # "定期开展…演练，每学期不少于两次": the count of the drill, not also an item that drills are held
    found = extract("定期开展应急疏散演练，每学期不少于两次。", doc="t.txt")
    assert [(c.kind, c.value) for c in found] == [("frequency", 2.0)]
    # two things in one sentence stay two
    found = extract("建立家长学校，每学期开展2次家庭教育讲座。", doc="t.txt")
    assert [c.kind for c in found] == ["existence", "frequency"]


def test_a_fixed_phrase_s_frequency_is_not_read_twice() -> None:
    found = [c for c in extract("各学校要每天开展晨午检。", doc="t.txt") if c.kind == "frequency"]
    assert [(c.value, c.period) for c in found] == [(2.0, "天")]


@pytest.mark.parametrize(
    "sentence",
    [
        "配有升旗设施。",
        "校园封闭，建有围墙和校门。",
        "化学仪器室设有易燃、易爆危险品柜。",
        "危险品柜备有专用锁。",
        "学校有独立的校园。",
        "寄宿制幼儿园有隔离室。",
        "②有中、高年级学生的心理健康档案",
        "学校有专用的心理咨询室。",
    ],
)
def test_what_a_school_has_as_a_standard_lists_it(sentence: str) -> None:
    assert existence(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "学校有下列情形之一的，责令改正。",  # a condition
        "有违法所得的，予以没收。",
        "有需求的家长请联系班主任报名。",  # who, not what the school has
        "有体育课的班级按调整后的内容安排进行。",
        "学生有序离校。",  # 有序, 有关, 所有: not 有
        "所有学校都按时放学。",
    ],
)
def test_a_has_that_is_a_condition_or_another_word_is_no_thing_to_have(sentence: str) -> None:
    assert existence(sentence) == [], sentence
