"""Every sentence of a plan is read, whatever its numbering — one test per class of miss the
outside review found, each on a real text of the development corpus (tests/checklist/extract/
corpus/dev; never the held-out third) or, where the corpus has no instance, on the words the
review quoted."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.extract import Candidate, extract
from checklist.outline import outline

CORPUS = Path(__file__).parent / "corpus" / "texts"


def corpus(name: str) -> tuple[str, tuple[Candidate, ...]]:
    (path,) = CORPUS.glob(f"{name}_*.txt")
    text = path.read_text(encoding="utf-8")
    return text, extract(text, doc=path.name)


def found(cands: tuple[Candidate, ...], words: str, kind: str) -> Candidate:
    hits = [c for c in cands if words in c.quote and c.kind == kind]
    assert hits, (words, kind, [(c.kind, c.quote) for c in cands if words in c.quote])
    return hits[0]


# -- structure: text under headings, 第X条 past the first (一), plain paragraphs ----------------


def test_a_short_notice_of_run_in_headings_is_read_under_every_heading() -> None:
    """教育部办公厅关于加强中小学生手机管理工作的通知: 一、…五、 with the text straight after."""
    text, cands = corpus("c07")
    headings = {c.label for c in outline(text) if c.rank == 4}
    assert headings >= {"一", "二", "三", "四", "五"}
    assert {c.clause for c in cands} >= {"一", "二", "三", "四"}
    assert found(cands, "不得用手机布置作业", "prohibition").clause == "二"


def test_a_regulation_is_read_article_by_article_to_its_end() -> None:
    """山东省学生体质健康促进条例: 第X条 throughout, with (一)(二) inside articles."""
    text, cands = corpus("c01")
    articles = [c for c in outline(text) if c.label and c.label.startswith("第") and c.label.endswith("条")]
    assert len(articles) > 40
    read = {c.clause_path.split("（")[0] for c in cands}
    assert len([a for a in articles if a.path in read]) > len(articles) / 3  # not only the first
    late = found(cands, "每学期初公开课程设置", "frequency")
    assert late.clause == "第三十三条" and late.period == "学期"


def test_paragraphs_without_numbers_are_read() -> None:
    """滁州 睡眠管理 (plain paragraphs): times of day and hours of sleep."""
    _, cands = corpus("c10")
    sleep = found(cands, "小学生每天睡眠时间应达到10小时", "duration")
    assert (sleep.value, sleep.period, sleep.stages) == (600, "天", ("primary",))


def test_headings_over_plain_paragraphs() -> None:
    """同安 演练通报: 一、二、三、 over paragraphs; a drill every quarter."""
    _, cands = corpus("c09")
    drill = found(cands, "幼儿园每季至少开展一次应急疏散演练", "frequency")
    assert (drill.value, drill.period, drill.comparator, drill.stages) == (1, "季度", "at_least", ("kindergarten",))


# -- numbers, units and dates -----------------------------------------------------------------


def test_a_limit_in_hours_or_days_within_which_something_is_done() -> None:
    _, cands = corpus("c02")
    report = found(cands, "在二十四小时内向主管的教育行政部门", "duration")
    assert (report.value, report.unit, report.comparator) == (1440, "分钟", "at_most")
    days = found(cands, "三十日内向教育行政部门提交调查报告", "duration")
    assert (days.value, days.unit) == (30, "天")


def test_a_chinese_numeral_with_a_unit_of_measure_needs_no_cue() -> None:
    _, cands = corpus("c02")
    distance = found(cands, "最近路程二百米范围内", "count")
    assert (distance.value, distance.unit) == (200, "米")


@pytest.mark.parametrize(
    ("sentence", "value", "value_max", "unit"),
    [
        ("每名学生掌握一两项体育运动技能。", 1, 2, "项"),
        ("每学期开设一至两项劳动实践项目。", 1, 2, "项"),
        ("每名学生每学期修满不少于2学分的劳动课程。", 2, None, "学分"),
        ("每校配备不少于1位专职心理健康教师。", 1, None, "位"),
    ],
)
def test_numerals_without_a_trigger_word_and_units_like_wei_and_xuefen(
    sentence: str, value: float, value_max: float | None, unit: str
) -> None:
    (c,) = [c for c in extract(sentence) if c.is_quantitative]
    assert (c.value, c.value_max, c.unit) == (value, value_max, unit)


def test_a_lesson_every_day() -> None:
    (c,) = [c for c in extract("保证学生每天一节体育课。") if c.kind == "frequency"]
    assert (c.value, c.period) == (1, "天")


def test_a_date_every_year_without_a_year() -> None:
    (c,) = [c for c in extract("各学校每年11月15日之前报送本年度工作总结。") if c.kind == "deadline"]
    assert "11月15日之前" in c.quote


def test_a_time_of_day_is_a_limit() -> None:
    _, cands = corpus("c10")
    start = found(cands, "小学上午上课时间一般不早于8:20", "deadline")
    assert (start.value, start.unit, start.comparator) == (8 * 60 + 20, "时刻", "at_least")
    end = found(cands, "不得晚于20:30", "deadline")
    assert (end.value, end.comparator, end.scope) == (20 * 60 + 30, "at_most", "region")  # 校外培训机构


def test_activities_every_period_without_a_number_mean_at_least_once() -> None:
    _, cands = corpus("c14")
    periods = {c.subject: c.period for c in cands if c.origin == "periodic_words"}
    assert periods == {"日查": "天", "周结": "周", "月报": "月"}
    _, regulation = corpus("c01")
    test = found(regulation, "每学年对学生进行速度、耐力", "frequency")
    assert (test.value, test.period) == (1, "学年")


# -- stages, 责任单位 ---------------------------------------------------------------------------


def test_the_stage_belongs_to_its_own_sentence() -> None:
    """中学一般不早于8:00 follows a sentence on 小学: it is not tagged primary."""
    _, cands = corpus("c10")
    middle = found(cands, "中学一般不早于8:00", "deadline")
    assert middle.stages == ("junior", "senior")


def test_responsible_units_in_brackets_of_any_kind() -> None:
    _, cands = corpus("c05")
    assert any(c.responsible == ("组干科", "机关党委") for c in cands)
    text = "1.建立课后服务制度。〔责任单位：基教科、各学校〕\n2.落实家访制度。【牵头部门：德育科】"
    first, second = (c for c in extract(text) if c.kind == "existence")
    assert first.responsible == ("基教科", "各学校") and first.scope == "school"
    assert second.responsible == ("德育科",)


def test_responsible_units_on_a_line_of_their_own() -> None:
    text = "3.每学期开展一次消防演练。\n牵头部门：安全科  配合单位：各学校\n4.建立值班制度。\n"
    drill = next(c for c in extract(text) if c.kind == "frequency")
    assert drill.responsible == ("安全科", "各学校")
    assert all("牵头部门" not in c.quote for c in extract(text))


def test_clause_paths_say_where_a_requirement_stands() -> None:
    text = "第三部分 主要任务\n（二）强化体育\n5.确保学生每天校内体育活动不少于2小时。\n"
    (c,) = [c for c in extract(text) if c.kind == "duration"]
    assert (c.clause, c.clause_path) == ("5", "第三部分（二）第5条")
