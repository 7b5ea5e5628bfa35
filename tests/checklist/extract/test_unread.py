"""The sentences a draft lists for a person to read: an amount no requirement reads.

Sentences of our own. ``unread_sentences`` is given the spans of the requirements read (here
none, or what ``extract`` read) and lists each sentence with an amount outside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.extract import extract
from checklist.extract.unread import reading_spans, unread_sentences


def listed(text: str) -> list[tuple[str, ...]]:
    return [tuple(a.text for a in u.amounts) for u in unread_sentences(text, [])]


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        ("各校每学期开展消防演练不少于2次。", ("2次",)),
        ("学生每天校内体育活动时间达到1小时。", ("1小时",)),
        ("骨干教师占交流教师的比例达到20%。", ("20%",)),
        ("每周安排三节体育课。", ("三节",)),
        ("教室照度不低于300勒克斯。", ("300勒克斯",)),
        ("图书馆藏书生均不少于３０册。", ("３０册",)),  # full-width digits: the amount as the plan writes it
        ("每班人数不超过45。", ("45",)),  # a bare number after a limit
        ("心理健康教师每学期培训15课时以上。", ("15课时",)),
        ("家长委员会每学期召开2次会议。", ("2次",)),  # a meeting held twice, not a session
    ],
)
def test_an_amount_that_states_a_requirement_is_listed_when_nothing_reads_it(sentence: str, amounts: tuple[str, ...]) -> None:
    assert listed(sentence) == [amounts]


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年3月15日前完成自查。",  # a date
        "经2018年9月21日山东省第十三届人民代表大会常务委员会第五次会议通过。",  # sessions and a date
        "深入学习党的二十届三中全会精神。",
        "您在县六届人大五次会议上提出的建议收悉。",
        "根据《关于开展2次专项检查的通知》要求，认真落实。",  # a title
        "按照辽教发〔2024〕4号文件执行。",  # a document number
        "落实“5+2”课后服务模式。",  # a slogan in quotation marks
        "目前全市已建成标准化学校25所。",  # a report of what has been done
        "全市现有中小学56所。",  # what there is
        "本条例所称学生伤害事故，是指造成学生重伤一人以上的事故。",  # a definition
        "做好二次供水设施的清洗消毒。",  # a word, not two of anything
        "从三个方面推进工作。",  # a count of topics in Chinese numerals, without a limit
        "努力办好每一所学校。",  # every school
        "原来每天下午两节延时课。",  # what used to be
        "小学一、二年级测50米跑和1分钟跳绳。",  # the events of a fitness test
        "A2 课程教学（30分）\tB4 课程开设\t开齐开足国家规定课程。",  # an indicator's code, not 4 lessons
    ],
)
def test_what_is_no_amount_is_not_listed(sentence: str) -> None:
    assert listed(sentence) == []


def test_a_sentence_whose_amount_the_extractor_reads_is_not_listed() -> None:
    text = "一、体育\n1.各学校每学期至少组织2次应急疏散演练。\n2.每天校内体育活动不少于1小时。\n"
    candidates = extract(text)
    assert unread_sentences(text, reading_spans(candidates)) == ()
    # with the drill's reading taken away, its sentence is listed
    others = [c for c in candidates if "演练" not in c.quote]
    [sentence] = unread_sentences(text, reading_spans(others))
    assert sentence.quote == "各学校每学期至少组织2次应急疏散演练"


def test_an_existence_reading_does_not_read_the_amount_in_its_sentence() -> None:
    text = "平时半月开锁检查一次。"
    assert unread_sentences(text, [(0, len(text) - 1)]) == ()  # a requirement read over its amount
    assert reading_spans(extract("学校要建立安全检查制度。")) == []  # an existence candidate reads no amount


def test_each_amount_comes_with_the_part_of_its_sentence_to_make_an_item_of_in_original_coordinates() -> None:
    text = "三、要求\n学校要加强管理，每周开展 不少于２次 安全巡查，并做好记录；全年培训不少于3次。"
    found = unread_sentences(text, [])
    assert [u.quote for u in found] == ["学校要加强管理，每周开展 不少于２次 安全巡查，并做好记录", "全年培训不少于3次"]
    first = found[0]
    [amount] = first.amounts
    assert text[amount.start : amount.end] == amount.text == "２次"
    assert text[first.start : first.end] == first.quote
    assert first.passages == ("每周开展 不少于２次 安全巡查",)


def test_the_draft_rubric_lists_the_unread_sentences_after_its_pending_candidates(tmp_path: Path) -> None:
    from checklist.extract.draft import draft_rubric
    from checklist.extract.plans import plan_info

    text = "某县2026年工作要点\n一、体育\n1.每天校内体育活动不少于1小时。\n2.各学校每学期至少组织2次应急疏散演练。\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    candidates = [c for c in extract(text) if "演练" not in c.quote]  # as if the drill were missed
    draft = draft_rubric(candidates, text, plan_info(path), "x-2026")
    assert [u.quote for u in draft.unread] == ["各学校每学期至少组织2次应急疏散演练"]
    written = draft.to_yaml()
    assert "# 原文中写有数量、未读出要求的语句 1 句（见文末），请逐句核对。" in written
    assert written.rstrip().endswith("# （2次）各学校每学期至少组织2次应急疏散演练")
    full = draft_rubric(extract(text), text, plan_info(path), "x-2026")
    assert full.unread == () and "未读出要求" not in full.to_yaml()
