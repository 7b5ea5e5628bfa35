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


PLAN = (
    "二、落实立德树人根本任务\n"
    "（三）全市中小学每天开展不少于30分钟的大课间活动。课后服务时间原则上不少于2小时。\n"
    "（四）每校配备至少1名专职心理健康教师，学生数超过1000人的学校配备2名。\n"
    "（九）实施教师全员培训。\n"
    "（十）各学校确保全年安全责任事故“零发生”。\n"
)


def _draft_items(text: str) -> dict[str, dict]:
    found = tuple(c for c in extract(text, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, text, INFO, "t-2026")
    items = [i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    return {i["source"]["quote"]: i for i in items}


def test_titles_read_as_the_plan_writes_them() -> None:
    items = _draft_items(PLAN)
    titles = {quote: item["title"] for quote, item in items.items()}
    # whole hours as hours; 原则上 is no part of what is measured
    assert titles["课后服务时间原则上不少于2小时"] == "课后服务时间不少于2小时"
    # the second staffing figure names the staff of the first, and keeps its condition
    assert titles["学生数超过1000人的学校配备2名"] == "学生数超过1000人的学校配备专职心理健康教师不少于2名"
    # a zero target reads as 无…
    assert titles["各学校确保全年安全责任事故“零发生”"] == "无安全责任事故"
    # a full-coverage figure is asked as a rate
    [label] = [i["label"] for i in items["实施教师全员培训"]["inputs"]]
    assert label.endswith("覆盖率（%）")


def test_a_big_break_is_its_own_time_not_the_day_s_sport() -> None:
    item = _draft_items(PLAN)["全市中小学每天开展不少于30分钟的大课间活动"]
    assert item["title"] == "大课间活动每天不少于30分钟"
    assert [i["key"] for i in item["inputs"]] != ["pe_minutes_daily"]
    # the day's sport still has its shared figure
    sport = _draft_items("1.落实每日校内体育活动不少于1小时要求。\n")["落实每日校内体育活动不少于1小时要求"]
    assert sport["rule"] == {"kind": "at_least", "input": "pe_minutes_daily", "value": 60}


def test_a_parity_item_is_titled_by_the_level_it_is_held_to_not_by_100_percent() -> None:
    text = "第三十六条 学校收取的住宿费，不得高于当地公办学校的收费标准。\n"
    found = tuple(c for c in extract(text, doc="t.txt") if c.kind == "ratio")
    assert list(_titles(text, found).values()) == ["学校收取的住宿费不高于当地公办学校的收费标准"]
    # held equal to another group: "与…相当"
    text = "第十条 学校对体育教师的待遇应当与其他学科教师同等对待。\n"
    found = tuple(c for c in extract(text, doc="t.txt") if c.kind == "ratio")
    assert list(_titles(text, found).values()) == ["学校对体育教师的待遇与其他学科教师相当"]


def test_a_level_or_a_multiple_of_it_may_be_passed_while_a_share_stays_within_its_whole() -> None:
    text = (
        "第二十七条 幼儿园非在编教师的人均年收入应当达到当地社会平均工资的一点五倍以上。\n"
        "第十条 学校对体育教师的待遇应当与其他学科教师同等对待。\n"
        "第十一条 学校专任教师中本科以上学历的比例不低于全校专任教师的80%。\n"
    )
    found = tuple(c for c in extract(text, doc="t.txt") if c.kind == "ratio")
    draft = draft_rubric(found, text, INFO, "t-2021")
    items = {i["title"]: i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]}
    pay = items["幼儿园非在编教师的人均年收入不低于当地社会平均工资的1.5倍"]
    assert pay["rule"]["kind"] == "ratio_at_least" and pay["rule"]["value"] == 1.5
    # 1.5 times the level: the school's figure must be allowed above the level it is compared with
    assert not any("max_input" in i for i in pay["inputs"])
    assert not any("max_input" in i for i in items["学校对体育教师的待遇与其他学科教师相当"]["inputs"])
    # a share is part of its whole
    [share] = [i for t, i in items.items() if "本科以上学历" in t]
    assert [i.get("max_input") for i in share["inputs"]] == [None, share["inputs"][0]["key"]]


def test_the_day_s_sport_is_called_in_school_only_where_the_plan_says_so() -> None:
    text = (
        "（一）落实每日校内体育活动不少于1小时要求。\n"
        "（二）确保中小学生每天综合体育活动时间不低于2小时。\n"
        "（三）每天在校课堂学习时间，小学不得超过六小时，保证学生有充足的体育活动时间。\n"
    )
    found = tuple(c for c in extract(text, doc="t.txt") if c.kind == "duration")
    draft = draft_rubric(found, text, INFO, "t-2021")
    items = [i for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    titles = {i["source"]["quote"]: i["title"] for i in items}
    assert titles["落实每日校内体育活动不少于1小时要求"] == "每日校内体育活动时长不少于1小时"
    assert titles["确保中小学生每天综合体育活动时间不低于2小时"] == "每天体育活动时长不少于2小时"
    # a study time in a sentence that also speaks of sport is no sport
    [study] = [t for q, t in titles.items() if "六小时" in q]
    assert "体育" not in study and "6小时" in study


def test_a_stage_s_figure_is_titled_stage_first_and_about_a_length_is_that_length() -> None:
    text = (
        "（一）小学生每天睡眠时间应达到10小时，初中生应达到9小时。\n"
        "（二）集体活动时间原则上小班约15分钟，中班约20分钟，大班约25分钟。\n"
        "（三）如接受随迁子女比例达到30%以上的学校，班额可在50人以内。\n"
    )
    found = tuple(c for c in extract(text, doc="t.txt") if c.kind in ("duration", "count"))
    assert {c.value: c.comparator for c in found if c.unit == "分钟" and c.value < 60} == {
        15: "equal",
        20: "equal",
        25: "equal",
    }
    titles = set(_titles(text, found).values())
    assert {"初中生睡眠时间每天不少于9小时", "中班集体活动时间20分钟", "班额不超过50人"} <= titles


def test_a_figure_that_says_of_nothing_is_left_for_a_person_not_drafted_as_an_item() -> None:
    # a page's headline, "不低于2小时!", says a length of time and nothing of what
    text = "不低于2小时!事关全体中小学生\n记者从市教委获悉，我市中小学要保障学生每天综合体育活动时间不低于2小时。\n"
    found = tuple(c for c in extract(text, doc="t.txt") if c.scope == "school")
    draft = draft_rubric(found, text, INFO, "t-2025")
    quotes = [i["source"]["quote"] for d in draft.data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    assert "不低于2小时" not in quotes
    assert any("综合体育活动时间不低于2小时" in q for q in quotes)
    assert [p.reason for p in draft.pending if p.candidate.quote == "不低于2小时"] == ["未写明所指何事：请对照原文补写为要点"]
    # a subject of nothing but a quote that says what stays an item, titled by its quote
    assert _titles("（一）有三年以上幼儿园工作经验；\n", tuple(extract("（一）有三年以上幼儿园工作经验；\n", doc="t.txt")))


def test_a_cut_off_said_by_what_is_still_not_done_is_titled_and_asked_as_the_cut_off() -> None:
    text = "二、作业管理\n（一）小学生若至晚上9点30分仍未完成家庭作业，请孩子停止作业并及时就寝。\n（二）学生就寝时间不晚于21:30。\n"
    items = _draft_items(text)
    cut_off = items["小学生若至晚上9点30分仍未完成家庭作业"]
    assert cut_off["title"] == "家庭作业不晚于21:30结束"
    assert cut_off["inputs"][0]["label"] == "是否做到：家庭作业不晚于21:30结束"
    # a time said as a limit keeps the plan's words
    assert items["学生就寝时间不晚于21:30"]["title"] == "学生就寝时间不晚于21:30"


def test_a_table_row_s_item_speaks_of_its_requirement_cell_not_the_whole_row() -> None:
    # a row of an assessment table: its quote spans the cells; the help of the daily hour quotes the cell that says
    # it, not the row's cells run together (「教育教学体育工作保证学生每天…4现场查看」)
    text = (
        "一级指标\t二级指标\t评估内容及标准\t分值\t评估方法\n"
        "教育教学\t体育工作\t保证学生每天体育活动时间不少于1小时\t4\t查阅学校课程表、作息时间表，随机访谈师生和家长\n"
        "安全管理\t安全制度\t建立健全校园安全工作责任制\t3\t查阅学校安全制度文件、会议记录和值班记录\n"
    )
    items = _draft_items(text)
    [hour] = [i for i in items.values() if i["rule"].get("value") == 60]
    assert hour["inputs"][0]["help"] == "要点原文为“保证学生每天体育活动时间不少于1小时”，未限于校内，按原文填写"
    [duty] = [i for i in items.values() if "责任制" in i["source"]["quote"]]
    assert duty["title"] == "建立健全校园安全工作责任制"  # not the longer 评估方法 cell beside it
