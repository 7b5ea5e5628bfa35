"""The words around a requirement: what it measures, in which period, whom it binds, for which
stages and grades.

The reader finds a number or a phrase; these functions read the words around it. ``period_of``
(每学期 → 学期), the numbers' own cases (``conditional``, ``cn_range``, ``in_multiple_range``),
the subject (``tidy_subject``, ``subject_of``, ``topic_of``, ``activity_of``), the scope
(``scope_of`` by config/scope_rules.yaml, with the document's cues ``addressed_schools`` and
``local_names``), the modality, and ``stages_and_grades``.
"""

from __future__ import annotations

import re

from checklist.extract import patterns as P
from checklist.extract.found import MASK, Found
from checklist.extract.numbers import parse_number
from checklist.extract.scope import Situation, decide, default_scope_rules
from checklist.extract.text import Clause, Part
from checklist.outline import MARKERS

_CN_RANGES = {
    "一两": ("一", "两"),
    "两三": ("两", "三"),
    "三四": ("三", "四"),
    "三五": ("三", "五"),
    "四五": ("四", "五"),
    "五六": ("五", "六"),
}


def conditional(masked: str, part: Part) -> bool:
    """A part ending in 的 before a comma is a conditional clause ("…三个月以上的，…"): it names the
    case the rest of the sentence rules, so its number is no target; so is a part that opens with 如 and
    names the schools it is about ("如接受…比例达到30%以上的学校,班额可在50人以内")."""
    if part.end >= part.sentence.end:
        return False
    if P.IF_SCHOOLS.fullmatch(masked, part.start, part.end):
        return True  # what follows is the rule for those schools, whatever its words ("…,班额可在50人以内")
    if masked[part.end - 1] != "的":
        return False
    # … and what follows rules it with a duty: not "…少于2次的，扣2分" (an assessment's deduction).
    return P.CONDITIONAL_RULE.search(masked, part.end, part.sentence.end) is not None


def in_multiple_range(masked: str, m: re.Match[str]) -> bool:
    """Whether a number in 倍 is a bound of "N倍以上M倍以下"."""
    if m.group("unit") != "倍":
        return False
    nearby = P.MULTIPLE_RANGE.finditer(masked, max(0, m.start() - 12), m.end() + 12)
    return any(r.start() <= m.start() and m.end() <= r.end() for r in nearby)


def multiple_of_level(masked: str, m: re.Match[str]) -> bool:
    """ "…平均工资的一点五倍以上", "按普通学校的8倍以上拨付", "不高于同类公办园的1.5倍": a bounded multiple of a
    named level (the level's 的 right before it), read as a ratio to that level; a lone 倍 stays skipped ("翻一倍")."""
    if m.group("unit") != "倍" or masked[m.start() - 1 : m.start()] != "的":
        return False
    if P.MULTIPLE_BOUND_BEFORE.search(masked, max(0, m.start() - 40), m.start()):
        return True  # "保教费不高于同类公办园的1.5倍": the bound said before the level
    return P.MULTIPLE_BOUND_AFTER.match(masked, m.end()) is not None


def cn_range(numeral: str) -> tuple[str, str] | None:
    """ "一两项", "三五个": two neighbouring numerals read as a range."""
    return _CN_RANGES.get(numeral)


def period_of(before: str, after: str) -> str | None:
    m = P.PERIOD_AFTER.match(after)
    if m:
        return P.PERIOD_NAMES[m.group(1)]
    matches = list(P.PERIOD_BEFORE.finditer(before))
    if not matches:
        return None
    last = matches[-1]
    if last.group("stay") and len(matches) > 1 and matches[-2].group("one") and matches[-2].end() >= last.start() - 1:
        last = matches[-2]  # "每天在校期间…不少于2小时": each day of the stay
    if last.group("avg"):
        return P.PERIOD_NAMES[last.group("avg")[0]]
    if last.group("window"):
        return last.group("window")
    if last.group("term"):
        return "届任期"
    if last.group("stay"):
        return "学段" if last.group("stay") == "学段" else "在校期间"
    if last.group("half"):
        return "半月" if last.group("half").endswith("月") else "半年"
    if last.group("other"):
        return "两月" if last.group("other").endswith("月") else "两周"
    if last.group("bare_n"):
        # 两周开展一次 → 两周, as 每两周 reads
        n = "两" if last.group("bare_n") in ("二", "2") else last.group("bare_n")
        return f"{n}{P.PERIOD_NAMES[last.group('bare_span').removeprefix('个')]}"
    if last.group("one") or last.group("each") or last.group("each_act"):
        return P.PERIOD_NAMES[last.group("one") or last.group("each") or last.group("each_act")]
    if last.group("cum"):
        years = parse_number(last.group("cum"))
        count = f"{years:g}" if years is not None else last.group("cum")
        return f"{count}{P.PERIOD_NAMES[last.group('cspan')]}"  # 五年累计 → 5年
    if last.group("span"):
        n, span = last.group("n"), P.PERIOD_NAMES[last.group("span")]
        return span if n in ("1", "一") else f"{n}{span}"  # 每3年 → 3年, 每半年 → 半年
    return "年"


def tidy_subject(text: str, keep_verb: bool = False) -> str:
    text = re.sub(r"\s*\n\s*", "", text)  # a line wrapped inside the words (text from a PDF)
    text = re.sub(r"^\d{1,3}\t", "", text)  # a table row: its 序号
    last = text.rsplit("\t", 1)[-1].strip()
    if "\t" in text and len(last) >= 4:
        text = last  # the cell that says what is measured, not the row's name before it
    text = text.replace("\t", " ")
    text = balanced(P.POINTS.sub("", text.replace(MASK, "")))
    text = P.POINT_ENUMERATOR.sub("", text)
    text = P.CELL_ENUMERATOR.sub("", text)  # "保育与安全⇥2.保证幼儿…": the cell's own item number
    if not keep_verb:
        text = P.LEADING_VERBS.sub("", text)
        # "幼儿园应当保证幼儿户外活动时间": the children's time, not the kindergarten's duty to keep it
        ensured = P.ACTOR_ENSURES.match(text)
        if ensured:
            whose = re.match(r"(?:中小学|小学|初中|高中|中学)?(?:学生|生)|幼儿|儿童|师生", text[ensured.end() :])
            text = ("" if whose else ensured["actor"]) + text[ensured.end() :]
        text = P.PERIOD_BEFORE.sub(lambda m: m.group(0) if m.group("stay") else "", text)  # 在校期间 says whose
        for cue in (P.AT_MOST_BEFORE, P.AT_LEAST_BEFORE):
            # the comparator of this number, and any other one that is not a condition's
            # ("学生数超过1000人的学校" keeps its 超过: it says which schools)
            text = _without_comparators(cue, text)
        text = re.sub(r"由原来.*$", "", text)
        text = re.sub(r"^(?:每|单)(?:次|节|场|课)$", "", text)  # "每次5分钟": the topic before says of what
        text = P.SUBJECT_TRIM.sub("", text)
        text = P.SUBJECT_TRIM.sub("", text)
        text = P.RECORDED.sub("", text)
    return balanced(text.strip(" ,、:;(（"))[:40]


def pair_period(said: str) -> str:
    """The period two points said with 各 fall in: 上下午/早晚 a day, 学期初、学期末 or 开学前、放假前 a term,
    上下学期 a school year, 春秋两季 or 寒暑假 a year."""
    if said.startswith(("学期初", "期初", "期中", "开学")):
        return "学期"
    if "学期" in said:
        return "学年"
    return "天" if said.startswith(("上", "早")) else "年"


# who must, before an act: "学校都要", "均应", "要" (the act is what is done each period)
_WHO_MUST = re.compile(r"^(?:各)?(?:学校|各校|幼儿园|中小学校?)?(?:都|均)?(?:要|应当|应|须|必须)(?=[\u4e00-\u9fff]{2})")


def activity_of(words: str) -> str:
    """What is done every period, from the words after the period: "学年设立劳动周" → "设立劳动周",
    "学年结束后,向…报告工作" → "向…报告工作"."""
    words = re.sub(r"^(?:至少一次|一次)?[)）]", "", words)  # "定期(每学期)开展…" → 开展…
    words = re.sub(r"^(?:结束|开学|开始)?(?:后|前|时|初|末|底)?[,，]?", "", words)
    words = re.sub(r"^[^,，;。\d]{1,5}?(?:前|期间)[,，]", "", words)  # "汛期前," → what is done before the floods
    # the day or the part of the period: "(每周)五下午开展…", "(每学期)期末对学生…", "(每月)第一周召开…"
    point = r"^(?:[一二三四五六日](?=[上下]午|晚上|[开召组举进对安])|期[中末初]|第[一二三四1-4]周)(?:[上下]午|晚上)?"
    words = re.sub(point, "", words)
    words = re.sub(r"^\d{1,2}[日号](?:前|之前|以前)?[,，]?[将把]?", "", words)  # "5日前将…情况报…" → "…情况报…"
    # "结合…问题,制定计划" → 制定计划
    words = re.sub(r"^(?:结合|根据|按照|依据|围绕|针对)[^,，;。]{1,24}[,，]", "", words)
    words = re.sub(r"^的[^,，;。]{1,24}?为契机[,，]", "", words)  # "以每年的…节日为契机,开展…" → 开展…
    # who must, before the act: "(每学期,)学校都要组织召开家长会" → 组织召开家长会, "(每学期)要开好家长会" → 开好家长会
    words = _WHO_MUST.sub("", words)
    return tidy_subject(words, keep_verb=True)


def _without_comparators(cue: re.Pattern[str], text: str) -> str:
    return cue.sub(lambda m: m.group(0) if P.CONDITION_AFTER.match(text, m.end()) else "", text)


def topic_of(subject: str) -> str:
    """What a subject measures, without the stage or grade it names: "三至六年级书面作业平均完成时间"
    → "书面作业平均完成时间", "学生在校时间小学" → "学生在校时间"."""
    words = P.STAGE_NAMES.pattern
    topic = re.sub(rf"^(?:(?:{words})+(?:阶段|学段)?)+", "", subject)
    topic = re.sub(r"^学校(?:要|应当?|须|必须)?(?=.{2})", "", topic)  # "义务教育学校班额小学…": the class size
    topic = re.sub(rf"(?:{words})+$", "", topic)
    return topic if len(topic) >= 2 else ""


def balanced(text: str) -> str:
    """Drop a quotation mark left open or unopened at either end."""
    if text.startswith("“") and "”" not in text:
        text = text[1:]
    if text.endswith("”") and "“" not in text:
        text = text[:-1]
    if text.endswith("“"):
        text = text[:-1]
    if text.startswith("”"):
        text = text[1:]
    return text.strip(" ,、:;")


def subject_of(before: str, after: str, kind: str, denominator: str | None) -> str:
    """What a number measures, from the words before it, or after it when those only say who
    does it ("全市中小学每天开展不少于30分钟的大课间活动" → 大课间活动)."""
    if kind == "duration" and before.endswith("提前"):
        # a lead time is named by what is done that long before: "应当提前三日向教育行政部门备案"
        what = tidy_subject(re.sub(r"^(?:以上|及以上|左右)", "", after), keep_verb=True)
        if len(what) >= 2:
            return f"{what}提前"[:40]
    named = re.match(r"^的?(试用期|见习期|过渡期|服务期|任期|聘期)", after)
    if kind == "duration" and named:
        return named.group(1)  # "实行半年过渡期", "应当有1年的试用期": the period whose length it is
    if kind == "duration" and before.endswith("为期"):
        # how long something lasts is named by the thing: "开展为期200天的预防学生溺水专项行动"
        what = tidy_subject(re.sub(r"^(?:以上|左右)?的?", "", after), keep_verb=True)
        if len(what) >= 2:
            return f"{what}期限"[:40]
    before_subject = before
    if denominator:
        cut = before.rfind(denominator)
        before_subject = before[:cut] if cut >= 0 else before
    head = re.sub(r"(?:大约|约|可在)$", "", tidy_subject(before_subject))  # "小班约15分钟", "班额可在50人以内"
    after = after.split("\t")[0]  # a table's row: the cell the number is in, not the unit or date after it
    tail = tidy_subject(re.sub(r"^(以上|及以上|左右|以内|以下)", "", after))
    tail = re.split(r"[到赴至向,]", tail)[0] if tail else ""
    tail = P.SUBJECT_TRIM.sub("", tail)
    if kind == "ratio":
        share = re.match(r"^(?:以上|及以上)?的(.{2,30})", after)
        if share and not denominator:
            return f"{tidy_subject(share.group(1), keep_verb=True)}的比例"
        subject = re.sub(r"(的)?(比例|占比)$", "", head) or tail
        if denominator:
            return f"{subject}占{denominator}" if subject else denominator
        return head or tail
    tail = tail.removeprefix("的")  # "不少于360学时的培训"
    # "每周5天都要开展课后服务": who must, not what (not 应急, 要求: words of their own)
    tail = re.sub(r"^(?:(?:都|均)(?:要|应当?|须|必须)?|(?:要|须|必须)(?![素求点]))(?=[\u4e00-\u9fff]{2})", "", tail)
    if P.COVERAGE_WORDS.fullmatch(tail):
        tail = ""  # "课后服务每周5天全覆盖": the coverage is its own reading, not the subject
    if kind == "frequency" and len(tail) >= 2:
        trained = re.search(r"(?:教师|班主任|校长|园长|保育员|人员|干部)(?:每年|每学年)?(?:接受|参加|参与)?$", head)
        if trained and re.search(r"(?:培训|研修|轮训)$", tail):
            return f"{head}{tail}"[:40]  # "心理健康教育专职教师…接受…专业培训": whose training it is
        if len(tail) <= 3 and len(head) >= 2:
            return f"{head}{tail}"  # "教师每5年接受不少于360学时的培训" → 教师接受培训
        return tail
    if kind == "duration" and len(tail) >= 2 and len(P.WHO_DOES.sub("", head)) < 2:
        return tail.removeprefix("的")
    if kind == "count" and len(tail) >= 2:
        return tail if not head or len(head) > 14 else f"{head}{tail}"[:40]
    if P.BARE_VERB.fullmatch(head) and not tail:
        return ""  # "每天至少开展2小时": only how it is done; the topic of the figure before says of what
    return head or tail


# -- scope ----------------------------------------------------------------------------------------


def addressed_schools(text: str) -> tuple[str, ...]:
    """The addressees of a notice when they are all schools or kindergartens ("各中小学校、
    幼儿园：", "各学校："), else ()."""
    for line in text.splitlines()[:12]:
        m = P.ADDRESSEE_LINE.match(line)
        if m:
            units = tuple(u for u in re.split(r"[、,，和及]", m.group(1)) if u)
            return units if units and all(P.SCHOOL_ADDRESSEE.fullmatch(u) for u in units) else ()
    return ()


_LEAD_IN = re.compile(
    r"(?:^|(?<=[。;\n]))[^。;\n]{0,30}?(?:学校|各校|各中小学校?|幼儿园|校长)[^。;\n]{0,30}?"
    r"(?:以下|下列|如下)[^。;\n:]{0,10}:[ \t]*\n"
)
# … and a list an authority is made to do: "县级以上人民政府应当履行下列职责:", "教育行政部门应当做好以下工作:" — its
# items are the authority's duties, whatever school they name ("（一）每年组织一次学校安全检查").
_AUTHORITY_LEAD_IN = re.compile(
    r"(?:^|(?<=[。;\n]))[^。;\n]{0,30}?(?:人民政府|(?<!学校)政府|行政部门|主管部门|有关部门|教育局|教体局|教育厅|督导机构|公安机关)"
    r"[^。;\n]{0,30}?(?:以下|下列|如下)[^。;\n:]{0,10}:[ \t]*\n"
)
_HEADING_RANKS = range(0, 6)  # 第X部分 … （一）: the outline's headings (checklist/outline.MARKERS)
_ITEM_RANKS = range(9, 12)  # 1. / 1、, （1）, ①: its items


def _marker_rank(line: str) -> int | None:
    """The rank of the outline marker a line opens with, if any."""
    return next((rank for rank, _, pattern in MARKERS if pattern.match(line)), None)



_CHAPTER_MARKER = next(pattern for _, name, pattern in MARKERS if name == "chapter")


def chapters(text: str) -> tuple[tuple[int, str], ...]:
    """Where each chapter of a regulation starts (the outline's 第X章 lines), with its title without spaces:
    ((120, "监督管理"), …)."""
    out = []
    for line in re.finditer(r"(?m)^[^\n]*$", text):
        marker = _CHAPTER_MARKER.match(line.group())
        if marker and len(title := re.sub(r"[\s　]", "", line.group()[marker.end() :])) <= 20:
            out.append((line.start(), title))
    return tuple(out)


# A heading that names a stage and nothing else ("一、小学", "（二）初中学段", "小学部分", a workbook's sheet "小学"):
# the requirements under it are that stage's, unless their own words name one.
_STAGE_HEADING = re.compile(
    r"(?:小学|初中|初级中学|普通高中|高中|高级中学|幼儿园|学前教育|中等职业学校|中职学校|特殊教育学校|九年一贯制学校|完全中学)"
    r"(?:部分|阶段|学段|学校|篇|组|部)?[:：]?"
)


def stage_sections(text: str) -> tuple[tuple[int, int, tuple[str, ...], tuple[str, ...]], ...]:
    """The sections of the text under a heading that names only a stage: (start, end, stages, grades). A numbered
    heading's section runs to the next line numbered at its rank or above; a line of its own (a workbook's sheet
    name, before a table or a paragraph) to the next such line. A stage name among other short cells (a flattened
    table's header) heads nothing."""
    lines = [m for m in re.finditer(r"(?m)^[^\n]*$", text) if m.group().strip()]
    out = []
    for n, line in enumerate(lines):
        words = line.group()
        rank = _marker_rank(words)
        marker = next((p.match(words) for r, _, p in MARKERS if r == rank), None)
        title = re.sub(r"[\s　]", "", words[marker.end() :] if marker else words)
        if not _STAGE_HEADING.fullmatch(title):
            continue
        stages, grades = stages_and_grades(title)
        if len(stages) != 1:
            continue
        if rank is None:
            after = lines[n + 1].group() if n + 1 < len(lines) else ""
            before = re.sub(r"[\s　]", "", lines[n - 1].group()) if n else ""
            if ("\t" not in after and len(after.strip()) < 10) or _STAGE_HEADING.fullmatch(before):
                continue
        end = len(text)
        for later in lines[n + 1 :]:
            later_rank = _marker_rank(later.group())
            if rank is not None and later_rank is not None and later_rank <= rank:
                end = later.start()
                break
            if rank is None and later_rank is None and _STAGE_HEADING.fullmatch(re.sub(r"[\s　]", "", later.group())):
                end = later.start()
                break
        out.append((line.end(), end, stages, grades))
    return tuple(out)


def led_by_schools(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the lists a school is made to do (working text): "学校必须成立德育领导小组,并做好以下
    工作:" and the numbered items under it, up to the next heading or the next paragraph that is
    no item."""
    return _led_by(text, _LEAD_IN)


def led_by_authorities(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the lists an authority is made to do: "县级以上人民政府应当履行下列职责:" and its items."""
    return _led_by(text, _AUTHORITY_LEAD_IN, below_lead=True)


def _led_by(text: str, lead_in: re.Pattern[str], below_lead: bool = False) -> tuple[tuple[int, int], ...]:
    """Each lead-in's items. With ``below_lead``, an item is any line numbered below the lead's own line (an
    article's （一）（二） under "第十条 …下列职责:"), up to the next line numbered at its rank or above."""
    spans = []
    for lead in lead_in.finditer(text):
        start = end = lead.end()
        line_start = text.rfind("\n", 0, lead.start()) + 1
        lead_rank = _marker_rank(text[line_start : lead.end()]) if below_lead else None
        headings, items = _HEADING_RANKS, _ITEM_RANKS
        if lead_rank is not None:
            headings, items = range(0, lead_rank + 1), range(lead_rank + 1, 12)
        ended = True  # whether the last line read ended a sentence
        for line in re.finditer(r"[^\n]*\n?", text[start:]):
            words = line.group(0)
            if not words:
                break
            if not words.strip():
                end += len(words)
                continue
            rank = _marker_rank(words)
            if rank in headings or (ended and rank not in items):
                break
            end += len(words)
            ended = words.rstrip()[-1:] in ("。", ";", ":", "!", "?")
        spans.append((start, end))
    return tuple(spans)


def local_names(region: str | None) -> re.Pattern[str] | None:
    """The issuing area's own name as a region cue: 营口市 and 营口 (not a bare "X")."""
    if not region:
        return None
    names = {region}
    stem = re.sub(r"(市|县|区|旗)$", "", region)
    if len(stem) >= 2:
        names.add(stem)
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def scope_of(
    found: Found,
    quote: str,
    lead_and_quote: str,
    clause: Clause,
    local: re.Pattern[str] | None = None,
    addressed: bool = False,
    led: bool = False,
    authority_led: bool = False,
    chapter: str = "",
    school_table: bool = False,
) -> tuple[str, str, str]:
    """Whether a requirement binds each school, the region (the bureau's own target), or is
    unclear — and why, in a few Chinese words, and by which rule of config/scope_rules.yaml."""
    if found.scope:
        if found.origin.startswith("lexicon:"):
            return found.scope, found.scope_reason or "词表规定的层级", "词表"
        if found.origin == "one_each":
            return found.scope, found.scope_reason, "一班一项、一校一项"
        return found.scope, found.scope_reason, "表中的责任单位"
    situation = Situation(
        kind=found.kind,
        unit=found.unit,
        comparator=found.comparator,
        lexical=found.origin.startswith("lexicon:"),
        within=found.origin == "within",
        quote=quote,
        before=lead_and_quote.removesuffix(quote),
        responsible=clause.responsible,
        addressed=addressed,
        led=led,
        authority_led=authority_led,
        chapter=chapter,
        standards_table=found.origin == "standards_column",
        school_table=school_table,
    )
    return decide(default_scope_rules(), situation, local)


def modality_of(kind: str, words: str) -> str:
    if kind == "prohibition":
        return "prohibited"
    if P.ENCOURAGED.search(words):
        return "encouraged"
    return "must"


# -- stages and grades ----------------------------------------------------------------------------


def stages_and_grades(words: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The stages and grade codes a phrase names: 小学四、五年级 → (primary,), (P4, P5)."""
    grades: list[str] = []
    rest = words
    previous: re.Match[str] | None = None
    for m in P.GRADE_LIST.finditer(words):
        short = m.group("short_stage")
        prefix = P.GRADE_PREFIX.get(short or m.group("stage"), "P")
        numbers = _grade_numbers(re.sub(r"[初高]", "", m.group("short_list")) if short else m.group("list"))
        codes = [f"{prefix}{n}" for n in numbers if 1 <= n <= P.GRADE_MAX[prefix]]
        if previous is not None and grades and codes and P.GRADE_SPAN_JOIN.fullmatch(words[previous.end() : m.start()]):
            codes = _grades_between(grades[-1], codes[0]) + codes  # 小学1年级至初中2年级: every grade between
        for code in codes:
            if code not in grades:
                grades.append(code)
        rest = rest.replace(m.group(0), "")
        previous = m
    rest = P.NOT_A_STAGE.sub("", rest)  # "不得提前教授小学课程内容": what a kindergarten must not teach
    stages: set[str] = {P.GRADE_STAGE[g[0]] for g in grades}
    general: set[str] = set()  # 中小学, 义务教育 …: several stages named at once
    general_at = len(rest)
    specific_at = -1
    for pattern, names in P.STAGE_CUES:
        cue = pattern.search(rest)
        if cue:
            if len(names) > 1:
                general.update(names)
                general_at = min(general_at, cue.start())
            else:
                stages.update(names)
                specific_at = max(specific_at, cue.start())
                if (
                    grades
                    and names[0] not in {P.GRADE_STAGE[g[0]] for g in grades}
                    and re.search(rf"年级(?:学生)?(?:和|及|与|、|以及)(?:{cue.group(0)})", words)
                ):
                    # "三至六年级和初中": the grades named, and every grade of the stage named beside them
                    stage_grades = [k for k, v in P.GRADE_STAGE.items() if v == names[0] and k in P.GRADE_MAX]
                    grades.extend(f"{k}{n}" for k in stage_grades for n in range(1, P.GRADE_MAX[k] + 1))
            rest = pattern.sub(lambda x: "□" * len(x.group(0)), rest)
    if not (stages and specific_at > general_at and stages <= general):
        stages |= general  # "义务教育学校班额小学…": the stage named after the general one is meant
    ordered = tuple(s for s in P.STAGE_ORDER if s in stages)
    return ordered, tuple(sorted(grades, key=lambda g: ("PJSV".index(g[0]), g[1:])))


def _grades_between(first: str, last: str) -> list[str]:
    """The grades after ``first`` and before ``last`` in school order (P6 then J1 …)."""
    order = [f"{prefix}{n}" for prefix in ("P", "J", "S") for n in range(1, P.GRADE_MAX[prefix] + 1)]
    if first not in order or last not in order or order.index(first) >= order.index(last):
        return []
    return order[order.index(first) + 1 : order.index(last)]


def _grade_numbers(listing: str) -> list[int]:
    numbers: list[int] = []
    tokens = re.split(r"([、和及至到\-—~])", listing)
    values = [parse_number(t) for t in tokens[::2]]
    seps = tokens[1::2]
    for i, value in enumerate(values):
        if value is None:
            continue
        n = int(value)
        if i and seps[i - 1] in "至到-—~" and numbers:
            numbers.extend(range(numbers[-1] + 1, n + 1))
        elif n not in numbers:
            numbers.append(n)
    return numbers
