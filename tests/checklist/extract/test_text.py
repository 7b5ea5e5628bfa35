"""Reading real text: normalisation with an offset map, debris, clauses and 责任单位 tails."""

from __future__ import annotations

from checklist.extract.text import Document, normalise


def test_full_width_becomes_ascii_and_offsets_point_back() -> None:
    original = "每天体育活动不少于１小时，比例达到１５％（暂定）"
    norm = normalise(original)
    assert norm.text == "每天体育活动不少于1小时,比例达到15%(暂定)"
    start = norm.text.index("15%")
    assert norm.quote(start, start + 3) == "１５％"


def test_stray_pdf_spaces_are_removed_but_kept_in_quotes() -> None:
    original = "每学年参加 1 — 2 次集体 研 学实践活动,不低于符合条件的 15 %"
    norm = normalise(original)
    assert norm.text == "每学年参加1—2次集体研学实践活动,不低于符合条件的15%"
    start = norm.text.index("1—2次")
    assert norm.quote(start, start + len("1—2次集体研学")) == "1 — 2 次集体 研 学"


def test_spaces_between_latin_words_are_kept() -> None:
    assert normalise("Python  3 与 1+X 证书").text == "Python 3与1+X证书"


def test_characters_that_expand_under_nfkc_still_map_back() -> None:
    original = "甲①乙㎡丙"
    norm = normalise(original)
    assert norm.text == "甲1乙m2丙"
    start = norm.text.index("m2")
    assert norm.quote(start, start + 2) == "㎡"
    assert norm.quote(0, len(norm.text)) == original


def test_numbered_items_paths_and_responsible_tails() -> None:
    text = (
        "X市工作要点\n一、第一部分\n"
        "14 .推动普通高中多元化发展。 各高中实施分层教学。(责任单位: 基教科 、教研中心,各学校)\n"
        "15 .加强拔尖创新人才培养。实行“一生一策”。(责任单位:教研中心)\n"
        "二、第二部分\n"
        "16.隆重庆祝教师节,表扬优秀教师200名。\n"
    )
    document = Document(normalise(text))
    clauses = [c for c in document.clauses if c.number is not None]
    assert [c.number for c in clauses] == ["一", "14", "15", "二", "16"]
    assert [c.path for c in clauses] == ["一、", "一、第14条", "一、第15条", "二、", "二、第16条"]
    first = clauses[1]
    assert first.responsible == ("基教科", "教研中心", "各学校")
    assert clauses[2].responsible == ("教研中心",)
    # every sentence of an item is read, its heading too
    body = document.norm.text[first.body.start : first.body.end]
    assert body.startswith("推动普通高中多元化发展。") and "分层教学" in body
    assert "200名" in document.norm.text[clauses[4].body.start : clauses[4].body.end]


def test_web_page_debris_is_left_out_of_the_last_clause() -> None:
    text = "1.落实课后服务。开展课后服务活动。\n智能问答\n首页\n政务资讯\n皖公网安备 34150102000138号"
    document = Document(normalise(text))
    (clause,) = document.clauses
    read = "".join(document.norm.text[s.start : s.end] for s in clause.spans)
    assert read == "落实课后服务。开展课后服务活动。"


def test_a_list_of_other_articles_with_dates_and_bylines_is_debris() -> None:
    from checklist.extract import extract

    text = (
        "原则上陪餐人员每月到中小学陪餐不少于一次。\n"
        "迎峰度夏进行时 “东北电”跨越2000公里首次入川\n2024/11/12毕卿星\n"
        "上半年总收入同比增长约84.3%\n2024/11/11池宗军y\n"
    )
    assert [c.value for c in extract(text, doc="t.txt") if c.value is not None] == [1.0]
    # a dated line of the plan itself stays: "2024/11/12" alone is a date, the sentence before it a requirement
    kept = "各校每学期开展两次应急演练。\n2024/11/12\n"
    assert [c.value for c in extract(kept, doc="t.txt") if c.value is not None] == [2.0]


def test_text_without_numbered_items_is_read_whole() -> None:
    from checklist.extract import extract

    text = "某县教育局工作要点\n各学校每学期至少组织两次应急演练。\n"
    (c,) = extract(text, doc="t.txt")
    assert (c.clause, c.kind, c.value, c.period) == (None, "frequency", 2, "学期")
    assert "工作要点" not in c.quote
