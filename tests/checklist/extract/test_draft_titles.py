"""Titles of draft items: a subject with no content of its own never becomes the title."""

from __future__ import annotations

from dataclasses import replace

from checklist.extract import extract
from checklist.extract.draft import draft_rubric
from checklist.extract.plans import PlanInfo

INFO = PlanInfo(file="t.txt", title="广州市幼儿园条例", issuer="广州市人大常委会", region=None, year=2021, short_title="条例")


def _titles(text: str, candidates: tuple) -> dict[str, str]:
    draft = draft_rubric(candidates, text, INFO, "t-2021")
    items = [i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    return {i["source"]["quote"]: i["title"] for i in items}


def test_a_subject_of_only_a_modal_word_gives_the_quote_as_title() -> None:
    # c26 第十九条（一）: the number's subject is only 有; before the fix the title was 「有不少于3年」.
    text = "（一）园长应当具有中华人民共和国国籍，在中国境内定居，依法取得教师资格，有三年以上幼儿园工作经验，并经园长岗位培训；\n"
    found = tuple(c for c in extract(text, doc="t.txt") if c.kind == "duration")
    [c] = found
    # the words before the number say only 有: the subject is what follows it
    assert c.subject == "幼儿园工作经验"
    assert _titles(text, found) == {"有三年以上幼儿园工作经验": "幼儿园工作经验不少于3年"}
    # a bare modal word, or nothing, likewise
    for subject in ("应当", "须有", ""):
        titles = _titles(text, (replace(c, subject=subject),))
        assert list(titles.values()) == ["有三年以上幼儿园工作经验"]
    # a subject with content keeps the threshold title
    titles = _titles(text, (replace(c, subject="幼儿园工作经验"),))
    assert list(titles.values()) == ["幼儿园工作经验不少于3年"]
