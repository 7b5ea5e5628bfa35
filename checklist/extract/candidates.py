"""Requirement candidates: every sentence part of a plan that sets a requirement.

``extract(text, doc=..., lexicon=...)`` reads a plan and returns its candidates in text order.
Each candidate quotes the original text exactly (``text[start:end] == quote``), says what kind
of requirement it is (duration, frequency, ratio, count, coverage, deadline, existence,
prohibition), its comparator, value(s), unit and period, the stages and grades it targets, its
modality (must / encouraged / prohibited), the responsible units, and whether it binds each
school, the region, or is unclear — with the reason.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from checklist.extract import patterns as P
from checklist.extract.lexicon import Entry, Lexicon, Reading, default_lexicon
from checklist.extract.numbers import clean, is_chinese_numeral, parse_number
from checklist.extract.scope import Situation, decide, default_scope_rules
from checklist.extract.text import (
    Clause,
    Document,
    Normalised,
    Part,
    Span,
    normalise,
    parts,
    sentences,
    strip_ends,
)
from checklist.outline import PLAIN_TEXT, cite

MASK = "□"


@dataclass(frozen=True)
class Candidate:
    """One requirement found in a plan (the ``selfcheck extract --json`` contract)."""

    doc: str
    clause: str | None
    quote: str
    start: int
    end: int
    kind: str
    comparator: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    period: str | None
    subject: str
    denominator: str | None
    stages: tuple[str, ...]
    grades: tuple[str, ...]
    scope: str
    scope_reason: str
    modality: str
    responsible: tuple[str, ...]
    # Not part of the contract: the whole sentence (normalised) and what found the candidate.
    context: str = field(default="", compare=False)
    origin: str = field(default="", compare=False)
    scope_rule: str = field(default="", compare=False)  # the rule of config/scope_rules.yaml that decided
    clause_path: str = field(default="", compare=False)  # 「三、（二）第14条」

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape: every field present, null when unknown."""
        return {
            "doc": self.doc,
            "clause": self.clause,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "comparator": self.comparator,
            "value": _json_number(self.value),
            "value_max": _json_number(self.value_max),
            "unit": self.unit,
            "period": self.period,
            "subject": self.subject,
            "denominator": self.denominator,
            "stages": list(self.stages),
            "grades": list(self.grades),
            "scope": self.scope,
            "scope_reason": self.scope_reason,
            "modality": self.modality,
            "responsible": list(self.responsible),
        }

    @property
    def is_quantitative(self) -> bool:
        return self.kind in ("duration", "frequency", "ratio", "count", "coverage")

    @property
    def requirement(self) -> str:
        """The threshold in a few characters: ≥60分钟/天, 1—2次/学年, ≥10%, 须有, 禁止."""
        return describe(self)


def _json_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


_SIGNS = {"at_least": "≥", "at_most": "≤", "equal": "=", None: ""}


def where_in_plan(c: Candidate) -> str:
    """Where a candidate sits, as a reader cites it: 「三、（二）第5条」, 第14条, or 正文."""
    if c.clause_path:
        return c.clause_path
    return cite(c.clause) if c.clause else PLAIN_TEXT


def format_value(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    if unit == "比例":
        return f"{clean(value * 100):g}%"
    return f"{value:g}{unit or ''}"


def one_in_n(n: float) -> float:
    """1/N to seven places, rounded down so that a school staffed at exactly 1:N meets it."""
    return math.floor(1e7 / n) / 1e7


def one_in(fraction: float) -> str:
    """A ratio of one to N as a plan writes it: 0.0526315 → "1:19", 0.0689655 → "1:14.5"."""
    return f"1:{round(1 / fraction, 1):g}"


def describe(c: Candidate) -> str:
    """The requirement a candidate sets, in words (used by the table, the draft, the diff)."""
    if c.kind == "existence":
        return "须有"
    if c.kind == "prohibition":
        return "禁止"
    if c.kind == "deadline":
        return "限期完成"
    per = f"/{c.period}" if c.period else ""
    if c.origin == "ratio" and c.value:
        return f"{_SIGNS.get(c.comparator, '')}{one_in(c.value)}"
    if c.comparator == "between":
        high = format_value(c.value_max, c.unit)
        low = format_value(c.value, c.unit)
        suffix = "%" if c.unit == "比例" else (c.unit or "")
        return f"{low.removesuffix(suffix)}—{high}{per}"
    return f"{_SIGNS.get(c.comparator, '')}{format_value(c.value, c.unit)}{per}"


# ---------------------------------------------------------------------------------------------


def extract(
    text: str,
    doc: str = "<text>",
    lexicon: Lexicon | None = None,
    region: str | None = None,
) -> tuple[Candidate, ...]:
    """Every requirement candidate in a plan's text, in text order.

    ``doc`` is the seed file name put in each candidate; ``lexicon`` the fixed phrases (the
    project's ``config/lexicon.yaml`` when None); ``region`` the issuing area (营口市), which
    picks a phrase's regional reading where the lexicon has one.
    """
    reader = _Reader(normalise(text), doc, default_lexicon() if lexicon is None else lexicon, region)
    return reader.run()


@dataclass(frozen=True)
class _Found:
    """A candidate before its quote and context are fixed (working coordinates)."""

    start: int
    end: int
    kind: str
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    period: str | None = None
    subject: str = ""
    denominator: str | None = None
    scope: str | None = None
    origin: str = ""
    modality: str | None = None
    scope_reason: str = ""
    stages: tuple[str, ...] = ()  # when the reading knows them better than the quote does


@dataclass(frozen=True)
class _Span:
    """A number's span in the working text (one number, or the two bounds of a range)."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


class _Reader:
    def __init__(self, norm: Normalised, doc: str, lexicon: Lexicon, region: str | None) -> None:
        self.norm = norm
        self.doc = doc
        self.lexicon = lexicon
        self.region = region
        self.local = _local_names(region)
        self.document = Document(norm)
        self.text = norm.text
        n = len(self.text)
        self.in_quotes = bytearray(n)
        for span in self.document.quoted:
            self.in_quotes[span.start : span.end] = b"\x01" * (span.end - span.start)
        masked = list(self.text)
        for span in (*self.document.titles, *self.document.responsible_brackets):
            masked[span.start : span.end] = MASK * (span.end - span.start)
        for m in P.DOC_NUMBER.finditer(self.text):
            masked[m.start() : m.end()] = MASK * (m.end() - m.start())
        self.untitled = "".join(masked)
        self.hits = self._lexicon_hits(self.untitled)
        for start, end, _ in self.hits:
            masked[start:end] = MASK * (end - start)
        self.masked = "".join(masked)
        self.addressees = _addressed_schools(self.text)

    # -- the document ---------------------------------------------------------------------------

    def run(self) -> tuple[Candidate, ...]:
        out: list[Candidate] = []
        seen: set[tuple[Any, ...]] = set()
        ban_path: str | None = None  # the clause that leads in a list of banned acts …
        ban_lead = ""  # … and its words, which say who is banned
        for clause in self.document.clauses:
            banned_item = ban_path is not None and clause.path.startswith(ban_path) and clause.path != ban_path
            for sentence in (s for span in clause.spans for s in sentences(self.text, span)):
                sentence_parts = parts(self.text, sentence)
                readings = [(f, p) for i, p in enumerate(sentence_parts) for f in self._part(p, sentence_parts, i)]
                if banned_item and not any(f.kind == "prohibition" for f, _ in readings):
                    # the act is banned, so it is no artefact to have
                    readings = [(f, p) for f, p in readings if f.kind != "existence"]
                    readings.append((self._banned_item(sentence), sentence_parts[0]))
                banned_item = False  # the item's first sentence names the act
                readings = self._parallels(readings, sentence_parts)
                for found, part in readings:
                    lead_in = ban_lead if found.origin == "banned_item" else ""
                    candidate = self._finish(found, clause, part, lead_in)
                    key = (
                        candidate.kind,
                        candidate.value,
                        candidate.value_max,
                        candidate.start,
                        candidate.end,
                        candidate.subject,
                    )
                    if key not in seen:
                        seen.add(key)
                        out.append(candidate)
            if ban_path is None or not clause.path.startswith(ban_path):
                ban = P.BAN_LEAD_IN.search(self.masked, clause.body.start, clause.body.end)
                ban_path = clause.path if ban else None
                ban_lead = self.untitled[clause.body.start : clause.body.end] if ban else ""
        out.sort(key=lambda c: (c.start, c.end))
        return tuple(out)

    def _parallels(
        self, readings: list[tuple[_Found, Part]], sentence_parts: tuple[Part, ...]
    ) -> list[tuple[_Found, Part]]:
        """Parts of one sentence that state the same measure again. A number in the unit of the
        frequency or duration before it, with no period of its own, keeps that period ("校长每学期听课
        不少于30节,其他校级领导不少于40节"). A number whose subject names only a stage or a share
        ("初中不超过90分钟", "每天至少2小时", "小学1—2年级每周4课时") takes the topic of its sentence: the
        subject of the number before it, or the sentence's opening words ("严格落实体育课时,…")."""
        out: list[tuple[_Found, Part]] = []
        topic = ""
        opening = sentence_parts[0]
        numbered = any(p == opening and f.origin == "number" for f, p in readings)
        if len(sentence_parts) > 1 and not numbered:
            topic = _topic(_tidy_subject(self.untitled[opening.start : opening.end]))
        previous: _Found | None = None
        for found, part in readings:
            index = sentence_parts.index(part) if part in sentence_parts else 0
            if found.origin == "number" and index and found.start == part.start:
                lead = sentence_parts[index - 1]
                if P.SIZE_BRACKET.search(self.masked, lead.start, lead.end):
                    # "200人以上500人以下的学校,配2名专职保安员": the schools it is for belong to the quote
                    found = replace(found, start=lead.start)
            if found.origin == "number":
                if (
                    previous is not None
                    and found.period is None
                    and previous.period is not None
                    and found.unit == previous.unit
                    and previous.kind in ("frequency", "duration")
                    and found.kind in ("count", previous.kind)
                ):
                    # "校长每学期听课不少于30节,其他校级领导不少于40节": the same measure again.
                    found = replace(found, kind=previous.kind, period=previous.period)
                if previous is not None and found.unit == previous.unit and P.STAFFING_VERB_END.search(found.subject):
                    staff = P.STAFFING_VERB.split(previous.subject)[-1]
                    if len(staff) >= 2:
                        # "每校配备至少1名专职心理健康教师,学生数超过1000人的学校配备2名": the same staff
                        found = replace(found, subject=f"{found.subject}{staff}")
                previous = found
                bare = P.STAGE_WORDS.sub("", found.subject)
                if not bare and topic and (not found.subject or found.subject not in topic):
                    found = replace(found, subject=f"{topic}（{found.subject}）" if found.subject else topic)
                elif bare and not topic:
                    topic = _topic(found.subject)
            out.append((found, part))
        return out

    def _banned_item(self, sentence: Span) -> _Found:
        """An item of a list led in by "不得实施下列行为:" is a banned act, whatever its words."""
        return _Found(
            start=sentence.start,
            end=sentence.end,
            kind="prohibition",
            subject=_tidy_subject(self.untitled[sentence.start : sentence.end]) or "下列行为",
            modality="prohibited",
            origin="banned_item",
        )

    def _lexicon_hits(self, masked: str) -> list[tuple[int, int, Entry]]:
        taken = bytearray(len(masked))
        hits: list[tuple[int, int, Entry]] = []
        for entry in self.lexicon.entries:
            for m in entry.pattern.finditer(masked):
                if m.end() <= m.start() or any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                hits.append((m.start(), m.end(), entry))
        hits.sort(key=lambda h: h[0])
        return hits

    # -- one part of a sentence -----------------------------------------------------------------

    def _part(self, part: Part, siblings: tuple[Part, ...], index: int) -> list[_Found]:
        lexical = self._from_lexicon(part)
        found: list[_Found] = []
        found.extend(self._numbers(part))
        found.extend(self._within(part))
        found.extend(self._time_of_day(part))
        found.extend(self._ratios(part))
        found.extend(self._table_value(part))
        found.extend(self._course_hours(part))
        found.extend(self._fractions(part))
        found.extend(self._periodic(part, found))
        found.extend(self._parity(part))
        found.extend(self._zero(part))
        found.extend(self._coverage(part, siblings, index))
        found.extend(self._prohibitions(part, siblings, index))
        found.extend(self._deadlines(part, siblings, index))
        lexical_existence = any(f.kind == "existence" for f in lexical)
        if (not found and not lexical_existence) or P.CONDITION.search(self.masked, part.start, part.end):
            found.extend(self._existence(part))
        return lexical + found

    def _from_lexicon(self, part: Part) -> list[_Found]:
        out: list[_Found] = []
        for start, end, entry in self.hits:
            if not part.start <= start < part.end:
                continue
            for reading in entry.readings_for(self.region):
                out.append(_from_reading(reading, part, entry, start, end))
        return out

    def _numbers(self, part: Part) -> list[_Found]:
        text, masked = self.text, self.masked
        matches: list[tuple[_Span, float, float | None, str]] = []
        for m in P.QUANTITY.finditer(masked, part.start, part.end):
            a, b, unit = m.group("a"), m.group("b"), m.group("unit")
            if a.startswith("百分之") or "分之" in a:
                unit = "%"  # 百分之八十, 三分之一: a share
            if unit in P.DAYS and P.DAYS_IN_PERIOD.search(masked, part.start, m.start()):
                unit = P.DAY_COUNT  # "课后服务每周5天": days in each week, a frequency
            elif unit in P.LENGTH_UNITS or unit in P.AGE_UNITS:
                unit = self._length_or_age(m, unit, part)
            if m.group("unit") is None and not b and self._area_without_unit(m, part):
                unit = "平方米"
            if not unit or (unit in P.UNITS_SKIPPED and not _in_multiple_range(masked, m)):
                continue
            before_char = masked[m.start() - 1] if m.start() > part.start else ""
            if before_char == "第" or before_char == MASK:
                continue
            if P.WINDOW_BEFORE.search(masked, part.start, m.start()):
                continue  # "最近连续3个记分周期内", "近三年": a look-back window
            chinese = is_chinese_numeral(a)
            if chinese:
                if self.in_quotes[m.start()]:
                    continue
                cued = P.CN_CUE_BEFORE.search(masked, part.start, m.start()) or unit.endswith(P.LENGTH_MARK)
                cued = cued or unit == P.AGE_UNIT
                if not cued and re.match(r"(?:个?班)?(?:及)?以[上下内]", masked[m.end() : part.end]):
                    cued = True  # "三名以上", "二百元以下", "六个班以上": the comparator follows the number
                if unit == "元" and re.search("[十百千万]", a):
                    cued = True  # "每聘用一人二万元": a sum of money, whatever precedes it
                if unit == "个" and not cued:
                    cued = P.TERMS_AFTER.match(masked, m.end()) is not None  # "两个聘期"
                if unit in ("名", "人") and not cued:
                    cued = P.STAFF_BEFORE.search(masked, part.start, m.start()) is not None  # "心理健康教师二名"
                if unit == "所" and not cued:
                    cued = P.POPULATION_PLANNING.search(masked, part.start, m.start()) is not None
                if unit in P.LESSON_UNITS and not cued:
                    cued = P.EACH_OF_TWO.search(masked, part.start, m.start()) is not None  # "上下午各一次"
                if unit in P.LESSON_UNITS and not cued:
                    # "每3年举行一次", "每学期…开展两次": a count of times in a period.
                    cued = _period(masked[part.start : m.start()], masked[m.end() : part.end]) is not None
                if not (cued or unit in P.MEASURE_UNITS or b or _cn_range(a)):
                    continue
                if _cn_range(a) and not b:
                    a, b = _cn_range(a)  # type: ignore[misc]
            elif before_char and (P.NOT_A_QUANTITY_AROUND.match(before_char) or before_char in ".0123456789"):
                continue
            if unit == "人" and masked.startswith("口", m.end()):
                continue  # "每三千至五千人口的区域": a population, not a number of people to reach
            if P.ACCOUNT_FIGURE.match(masked, m.start()) or P.ROUND_THE_CLOCK.match(masked, m.start()):
                continue
            if P.SLOGAN_PERCENT.search(masked, max(0, m.start() - 4), min(len(masked), m.end() + 2)):
                continue  # 做到“三个100%”: a slogan whose targets are not stated
            if P.DEDUCTION_RATE.search(masked, part.start, m.start()) and P.DEDUCTION_AFTER.match(masked, m.end()):
                continue  # "每降低1个百分点扣0.5分", "每超1人扣0.2分": how points are taken off
            if P.CONDITION.match(masked, m.start()) and not P.TARGET_CUE_BEFORE.search(masked, part.start, m.start()):
                continue  # "200人及以上…的研学旅行活动": which ones, not how many ("不少于200人参加的活动" is)
            if P.DESCRIPTIVE_BEFORE.search(masked[part.start : m.start()]):
                continue
            if P.DONE_BEFORE.search(masked[part.start : m.start()]) and not re.match(
                r"[^,;。\d]{0,3}?(?:及)?以上", masked[m.end() : part.end]
            ):
                continue
            if P.DESCRIPTIVE_AFTER.search(masked, m.end(), part.end):
                continue
            if P.SUPERSEDED_AFTER.match(masked[m.end() : part.end]):
                continue
            if P.DURATION_WITHIN.match(masked, m.start()):
                continue  # "二十四小时内": a limit, read by _within
            if P.SITUATION_END.search(masked, part.start, part.end) and not (
                P.AT_LEAST_BEFORE.search(masked, part.start, m.start())
                or P.AT_MOST_BEFORE.search(masked, part.start, m.start())
            ):
                continue  # "在同方向有两条以上机动车道的道路上停靠时": a situation, not a target
            if P.DEFINITION.search(masked, part.sentence.start, m.start()):
                continue  # "本条例所称校车，是指…7座以上的载客汽车": a definition
            if _conditional(masked, part):
                continue  # "幼儿离开幼儿园三个月以上的，入园前应当…": who or when, not a target
            value = parse_number(a)
            if value is None:
                continue
            value_max = parse_number(b) if b else None
            if b and value_max is None:
                continue
            span = _Span(m.start(), m.end())
            if matches and value_max is None:
                # "2000元以上5000元以下": the second bound of the previous number's range.
                last, low, high, last_unit = matches[-1]
                if (
                    high is None
                    and last_unit == unit
                    and P.RANGE_JOIN.match(masked[last.end() : m.start()])
                    and P.RANGE_CLOSE.match(masked[m.end() : part.end])
                ):
                    matches[-1] = (_Span(last.start(), m.end()), low, value, unit)
                    continue
            matches.append((span, value, value_max, unit))
        listed, stage_of = self._respective(part, matches)
        matches = sorted([*matches, *listed], key=lambda entry: entry[0].start())
        out: list[_Found] = []
        for i, (q, value, value_max, unit) in enumerate(matches):
            previous_end = matches[i - 1][0].end() if i else part.start
            if q.start() in stage_of:
                previous_end = part.start  # one of a 分别 list: the comparator is the list's
            next_start = matches[i + 1][0].start() if i + 1 < len(matches) else part.end
            q_start = part.start
            if i:
                cut = max(text.rfind(sep, previous_end, q.start()) for sep in "、和及")
                q_start = cut + 1 if cut >= 0 else previous_end
            q_end = part.end
            if i + 1 < len(matches):
                cuts = [c for c in (text.find(sep, q.end(), next_start) for sep in "、和及与") if c >= 0]
                q_end = min(cuts) if cuts else next_start
            points = P.POINTS.search(masked, q.end(), q_end)
            if points:
                q_end = points.start()  # "…不少于2次 2分 查阅资料": an assessment row's points and method
            found = self._reading(q, value, value_max, unit, part, previous_end, q_start, q_end)
            if found is not None:
                out.append(replace(found, stages=stage_of.get(q.start(), ())))
        return out

    def _respective(
        self, part: Part, matches: list[tuple[_Span, float, float | None, str]]
    ) -> tuple[list[tuple[_Span, float, float | None, str]], dict[int, tuple[str, ...]]]:
        """ "小学、初中、高中分别不超过6、7、8小时": the numbers of a 分别 list before the one that
        carries the unit, with the unit; and each number's stage when the list names as many."""
        listed: list[tuple[_Span, float, float | None, str]] = []
        stage_of: dict[int, tuple[str, ...]] = {}
        taken = {q.start() for q, *_ in matches}
        for m in P.RESPECTIVE_LIST.finditer(self.masked, part.start, part.end):
            numbers = list(re.finditer(r"\d+(?:\.\d+)?", m.group("list")))
            unit = m.group("unit")
            spans = [_Span(m.start("list") + n.start(), m.start("list") + n.end()) for n in numbers]
            # the last number carries the unit and is read (or set aside) on its own
            for span, n in zip(spans[:-1], numbers[:-1], strict=True):
                if span.start() not in taken and (value := parse_number(n.group())) is not None:
                    listed.append((span, value, None, unit))
            named = [s for s in re.split(r"[、和及与]", self.masked[part.start : m.start()].split(",")[-1]) if s]
            stages = [stages_and_grades(s)[0] for s in named]
            if len(stages) == len(spans) and all(len(s) == 1 for s in stages):
                for span, stage in zip(spans, stages, strict=True):
                    stage_of[span.start()] = stage
            else:
                for span in spans:
                    stage_of.setdefault(span.start(), ())
        return listed, stage_of

    def _area_without_unit(self, m: re.Match[str], part: Part) -> bool:
        """ "生均建筑面积不低于3.5", "…不低于2 m²": an area after its comparator, the unit written as a
        symbol or dropped (a flattened table keeps its m² apart from the number)."""
        if is_chinese_numeral(m.group("a")):
            return False
        if P.AREA_WITHOUT_UNIT.search(self.masked, part.start, m.start()):
            return P.AREA_SYMBOL_AFTER.match(self.masked, m.end(), part.end) is not None
        # "使用面积在40㎡以上": no comparator before, so the sign must be there
        return bool(P.AREA_IS_BEFORE.search(self.masked, part.start, m.start())) and bool(
            P.AREA_SIGN_AFTER.match(self.masked, m.end(), part.end)
        )

    def _length_or_age(self, m: re.Match[str], unit: str, part: Part) -> str | None:
        """ "任期为3年", "10年以上", "5年内不得…", "不少于3天", "试用期为6个月" are lengths of time;
        "年龄在25周岁以上", "不超过60周岁" are ages required. Any other year or day is a date or a
        horizon, any other age names who is meant ("3岁以下婴幼儿"): None."""
        masked = self.masked
        before, after = masked[part.start : m.start()], masked[m.end() : part.end]
        if unit in P.LENGTH_UNITS:
            if re.search(r"\d{4}", m.group("a")) or before.endswith("每") or P.YEAR_NOT_AFTER.match(after):
                return None
            if P.YEAR_CUE_BEFORE.search(before) or P.YEAR_CUE_AFTER.match(after):
                return P.LENGTH_UNITS[unit] + P.LENGTH_MARK
            return None
        cue = P.AGE_CUE_BEFORE.search(before) or re.search(r"(?:不超过|不得超过|不满|未满|不低于|不小于)$", before)
        if P.AGE_GROUP_AFTER.match(after):
            return None  # "招收不满三周岁幼儿": an age group named, not an age required
        return P.AGE_UNIT if cue else None

    def _reading(
        self,
        m: re.Match[str] | _Span,
        value: float,
        value_max: float | None,
        unit: str,
        part: Part,
        segment_start: int,
        q_start: int,
        q_end: int,
    ) -> _Found | None:
        masked = self.masked
        before = masked[segment_start : m.start()]
        after = masked[m.end() : part.end]
        if unit == "平方米":
            after = re.sub(r"^\s*(?:m2|㎡)", "", after)  # "40㎡以上": the comparator follows the sign
        comparator: str | None = None
        cue_end: int | None = None
        if value_max is not None:
            comparator = "between"
        elif P.AT_LEAST_AFTER.match(after) or (unit == "个" and P.AT_LEAST_AFTER.match(after.removeprefix("班"))):
            comparator = "at_least"  # "不少于3所", "六个班以上"
        elif P.AT_MOST_AFTER.match(after) or (unit == "个" and P.AT_MOST_AFTER.match(after.removeprefix("班"))):
            comparator = "at_most"
        elif P.ABOUT_AFTER.match(after):
            comparator = "equal"
        # The cue nearest the number wins; of two ending together, the longer ("不得少于").
        cues = [(c.end(), -c.start(), "at_least") for c in P.AT_LEAST_BEFORE.finditer(before)]
        cues += [(c.end(), -c.start(), "at_most") for c in P.AT_MOST_BEFORE.finditer(before)]
        if cues:
            last_end, _, last_kind = max(cues)
            if len(before) - last_end <= 24:
                cue_end = last_end
                if comparator is None:
                    comparator = last_kind
        period = _period(masked[part.start : m.start()], after)
        if period is None and P.HALF_OF_DAY.match(masked, part.start):
            # "每天上午1次…,下午1次…": the second half of the day shares the sentence's 每天.
            period = _period(masked[part.sentence.start : part.start], "")
        if (
            period is None
            and (unit in P.TIME_UNITS or unit in P.LESSON_UNITS)
            and P.PARALLEL_LEAD.match(masked, part.start)
        ):
            # "小学生每天睡眠时间应达到10小时,初中生应达到9小时", "每天…不少于2小时,其中校内不少于
            # 1小时": a part naming another stage, or a share of the whole, keeps the sentence's 每天.
            period = _period(masked[part.sentence.start : part.start], "")
        pair = P.EACH_OF_TWO.search(before)
        if pair and period is None and not pair.group(0).startswith(("上", "早")):
            period = "学年" if pair.group(0).startswith("上下学期") else "年"  # 春秋两季各…: a year
        elif pair and period is None and not pair.group(0).startswith("上下学期"):
            period = "天"  # 上下午各一次, 早晚各一次: twice a day
        unit_out: str | None = unit
        if unit == "%":
            kind = "ratio"
            value = clean(value / 100)
            value_max = clean(value_max / 100) if value_max is not None else None
            unit_out = "比例"
            if value == 1.0 and comparator in (None, "equal", "at_least"):
                kind, comparator = "coverage", "equal"
        elif unit in P.TIME_UNITS:
            kind = "duration"
            factor = P.TIME_UNITS[unit]
            value = clean(value * factor)
            value_max = clean(value_max * factor) if value_max is not None else None
            unit_out = "分钟"
        elif unit.endswith(P.LENGTH_MARK):
            kind, unit_out = "duration", unit.removesuffix(P.LENGTH_MARK)
            if comparator is None and re.match(r"(?:之)?内", after):
                comparator = "at_most"
        elif unit == P.AGE_UNIT:
            kind, unit_out = "count", "周岁"
        elif period and unit == P.DAY_COUNT:
            kind, unit_out = "frequency", "天"
        elif period and (
            unit in P.LESSON_UNITS
            or unit in P.WRITTEN_UNITS
            or (unit == "个" and P.ACTIVITIES_AFTER.match(after))
        ):
            kind = "frequency"  # "每学期至少完成2个主题活动": activities in a period, like 次
        else:
            kind = "count"
        if pair:
            # "每天上下午各做1次": once in each half, twice in all.
            value = clean(value * 2)
            value_max = clean(value_max * 2) if value_max is not None else None
        if unit == "百分点":
            unit_out = "个百分点"
        if comparator is None:
            comparator = "at_least" if kind in ("frequency", "duration") or unit_out == "个百分点" else "equal"
            if kind == "ratio" and re.search(r"实现|达|占", before):
                comparator = "at_least"
        denominator = None
        if kind == "ratio" and cue_end is not None:
            den = before[cue_end:]
            den = re.sub(r"的$", "", den).strip()
            if 1 < len(den) <= 24 and not re.search(r"\d", den):
                denominator = den
        subject = _subject(
            self.untitled[q_start : m.start()],
            self.untitled[m.end() : q_end],
            kind,
            denominator,
        )
        return _Found(
            start=q_start,
            end=q_end,
            kind=kind,
            comparator=comparator,
            value=value,
            value_max=value_max,
            unit=unit_out,
            period=period,
            subject=subject,
            denominator=denominator,
            origin="number",
        )

    def _within(self, part: Part) -> list[_Found]:
        """ "在二十四小时内报告", "三十日内完成", "可以延长十日": a duration that may not be
        exceeded."""
        out = []
        limits = [
            *P.DURATION_WITHIN.finditer(self.masked, part.start, part.end),
            *P.DURATION_EXTENDED.finditer(self.masked, part.start, part.end),
        ]
        for m in limits:
            if m.start() > 0 and self.masked[m.start() - 1] in "第" + MASK:
                continue
            if _conditional(self.masked, part):
                continue  # "十个工作日内不能办结的，应当…": the case the sentence goes on to rule
            value = parse_number(m.group("a"))
            if value is None:
                continue
            unit = m.group("unit")
            if unit in P.TIME_UNITS:
                value, unit_out = clean(value * P.TIME_UNITS[unit]), "分钟"
            else:
                unit_out = P.DAY_UNITS[unit]
            subject = _tidy_subject(self.untitled[m.end() : part.end]) or _tidy_subject(
                self.untitled[part.start : m.start()]
            )
            out.append(
                _Found(
                    start=part.start,
                    end=part.end,
                    kind="duration",
                    comparator="at_most",
                    value=value,
                    unit=unit_out,
                    subject=subject,
                    origin="within",
                )
            )
        return out

    def _course_hours(self, part: Part) -> list[_Found]:
        """ "课程计划:小学:音乐2、体育 3-4、美术 2": each subject's lessons a week, in a sentence or
        clause that speaks of the timetable."""
        clause_text = self.masked[max(0, part.sentence.start - 40) : part.end]
        if not P.COURSE_CONTEXT.search(clause_text):
            return []
        out = []
        for m in P.COURSE_HOURS.finditer(self.masked, part.start, part.end):
            low = float(m.group("a"))
            high = float(m.group("b")) if m.group("b") else None
            out.append(
                _Found(
                    start=m.start(),
                    end=m.end(),
                    kind="frequency",
                    comparator="between" if high is not None else "at_least",
                    value=low,
                    value_max=high,
                    unit="课时",
                    period="周",
                    subject=f"{m.group('course')}课",
                    origin="course_hours",
                )
            )
        return out

    def _fractions(self, part: Part) -> list[_Found]:
        """ "补课时间不超过假期1/3": a share written as a fraction, next to a comparator."""
        out = []
        for m in P.FRACTION_AR.finditer(self.masked, part.start, part.end):
            a, b = int(m.group("a")), int(m.group("b"))
            before = self.masked[part.start : m.start()]
            at_most = P.AT_MOST_BEFORE.search(before[-12:])
            at_least = P.AT_LEAST_BEFORE.search(before[-12:])
            if a >= b or not (at_most or at_least):
                continue
            out.append(
                _Found(
                    start=part.start,
                    end=part.end,
                    kind="ratio",
                    comparator="at_most" if at_most else "at_least",
                    value=round(a / b, 7),
                    unit="比例",
                    subject=_tidy_subject(self.untitled[part.start : m.start()]),
                    origin="fraction",
                )
            )
        return out

    def _row_values(self, part: Part) -> list[_Found]:
        """A table row read from a Word document or a spreadsheet, its cells joined by tabs:
        "1⇥学前三年毛入园率(%)⇥≥85" — a value cell after its label cell."""
        text = self.text[part.start : part.end]
        if "\t" not in text:
            # a row from a PDF, its cells run together: "1 学前三年毛入园率(%) ≥85"
            out = []
            for m in P.INLINE_CELL.finditer(self.masked, part.start, part.end):
                label = re.sub(r"^\d{1,3}(?=\D)", "", self.text[part.start : m.start("value")]).strip()
                value = self.masked[m.start("value") : m.end()]
                out.extend(self._cell_reading(part.start, m.end(), label, value))
            return out
        cells: list[tuple[int, int]] = []
        at = part.start
        for cell in text.split("\t"):
            cells.append((at, at + len(cell)))
            at += len(cell) + 1
        out = []
        for (label_start, label_end), (value_start, value_end) in itertools.pairwise(cells):
            label = self.text[label_start:label_end].strip()
            value = self.masked[value_start:value_end].strip()
            if P.VALUE_CELL.fullmatch(value) and P.LABEL_CELL.search(label):
                out.extend(self._cell_reading(label_start, value_end, label, value))
        return out

    def _label_cell(self, part: Part) -> tuple[int, str] | None:
        """A flattened table's value cell ("≥85", "500", "≤1:15" alone on its line) and the label
        cell on the line before it ("学前三年毛入园率(%)"): (where the label starts, its text)."""
        line_start = self.text.rfind("\n", 0, part.start) + 1
        if self.text[line_start : part.start].strip() or self.text[part.end : part.end + 1] not in ("", "\n"):
            return None  # the value must be the whole line
        if not P.VALUE_CELL.fullmatch(self.masked[part.start : part.end].strip()):
            return None
        previous = self.text[:line_start].rstrip()
        label_start = previous.rfind("\n") + 1
        label = previous[label_start:].strip()
        if not P.LABEL_CELL.search(label):
            return None
        return label_start + (len(previous[label_start:]) - len(previous[label_start:].lstrip())), label

    def _table_value(self, part: Part) -> list[_Found]:
        """ "学前三年毛入园率(%)⏎⏎≥85", "生均公用经费财政拨款标准(元/年)⏎⏎500": a value cell of a
        flattened table, read with the unit its label cell names."""
        cell = self._label_cell(part)
        if cell is None:
            return self._row_values(part)
        label_start, label = cell
        return self._cell_reading(label_start, part.end, label, self.masked[part.start : part.end].strip())

    def _cell_reading(self, label_start: int, end: int, label: str, value_cell: str) -> list[_Found]:
        m = P.VALUE_CELL.fullmatch(value_cell)
        if m is None or m.group("number") is None:
            return []
        value = float(m.group("number"))
        signs = {"≥": "at_least", "≤": "at_most", ">": "at_least", "<": "at_most"}
        comparator = signs.get(m.group("sign") or "", "equal")
        unit_match = P.LABEL_CELL.search(label)
        unit = (unit_match.group("unit") or "") if unit_match else ""
        subject = P.LABEL_CELL.sub("", label).strip() or label
        if "%" in unit or unit == "":
            if value > 100:
                return []
            kind, value, out_unit = "ratio", clean(value / 100), "比例"
            if value == 1.0 and comparator in ("equal", "at_least"):
                kind, comparator = "coverage", "equal"
        else:
            kind, out_unit = "count", unit.split("/")[0]
        return [
            _Found(
                start=label_start,
                end=end,
                kind=kind,
                comparator=comparator,
                value=value,
                unit=out_unit,
                subject=subject,
                origin="table",
            )
        ]

    def _ratios(self, part: Part) -> list[_Found]:
        """ "师生比1:19", "按600:1的比例配备校医", a table cell "1:14.5": so many staff (or computers,
        books…) for so many students. Read as a ratio of at least 1/N, what the rubric's
        ratio_at_least checks (staff ÷ students), whichever way round the plan writes it: a staffing
        standard is a floor."""
        out = []
        masked = self.masked
        for m in P.RATIO.finditer(masked, part.start, part.end):
            a, b = parse_number(m.group("a")), parse_number(m.group("b"))
            if a is None or b is None or min(a, b) != 1 or max(a, b) <= 1:
                continue
            clock = ":" in m.group(0) and re.fullmatch(r"\d{2}", m.group("b")) is not None
            if clock and (a > 1 or P.CLOCK_AROUND.search(masked, part.start, m.start())):
                continue  # "8:30", "不早于1:30": a time of day
            if "比" in m.group(0) and (is_chinese_numeral(m.group("a")) != is_chinese_numeral(m.group("b"))):
                continue  # "3比2": a score, or a word next to a number
            before = self.untitled[part.start : m.start()]
            staffed = P.STAFFED_AFTER.match(self.untitled, m.end(), part.end)
            sentence = self.untitled[part.sentence.start : part.sentence.end]
            if staffed:
                subject = staffed.group(1)  # "…1:19配备教职工": the staff, per student
            else:
                subject = _tidy_subject(re.sub(r"(?:按照?|为|是|不低于|不高于|达到)$", "", before.rstrip()))
                subject = re.sub(r"(?:与学生|与幼儿)?(?:之)?比(?:例)?$", "", subject)
            young = re.search(r"幼儿|师幼|保育|托育|幼儿园", sentence)
            cell = self._label_cell(part)
            if cell is not None:
                subject = P.LABEL_CELL.sub("", cell[1]).strip() or subject  # "…之比⏎⏎≤1:15"
            out.append(
                _Found(
                    start=cell[0] if cell is not None else part.start if len(before) <= 30 else m.start(),
                    end=part.end,
                    kind="ratio",
                    comparator="at_least",
                    value=one_in_n(max(a, b)),
                    unit="比例",
                    subject=subject or "教职工",
                    denominator="在园幼儿数" if young else "在校学生数",
                    origin="ratio",
                )
            )
        return out

    def _time_of_day(self, part: Part) -> list[_Found]:
        """ "上课时间不早于8:20", "不得晚于21:00", "21:20前": a time of day as a limit (the value in
        minutes after midnight, unit 时刻)."""
        out = []
        for m in P.TIME_OF_DAY.finditer(self.masked, part.start, part.end):
            cue, after = m.group("cmp"), m.group("after")
            if not cue and not after:
                continue
            hours = int(m.group("h"))
            minutes = 30 if m.group("half") else int(m.group("m") or m.group("m2") or 0)
            if hours > 24:
                continue
            late = (cue or "").endswith("晚于") or cue == "不超过" or (after or "") in ("前", "之前", "以前")
            about = not cue and after == "左右"
            out.append(
                _Found(
                    start=part.start,
                    end=part.end,
                    kind="deadline",
                    comparator="equal" if about else "at_most" if late else "at_least",
                    value=float(hours * 60 + minutes),
                    unit="时刻",
                    subject=_tidy_subject(self.untitled[part.start : m.start()]),
                    origin="time_of_day",
                )
            )
        return out

    def _periodic(self, part: Part, found: list[_Found]) -> list[_Found]:
        """An activity every period without a number — 每学年对学生进行测试, 每月定期开放 — means
        at least once per period; 日查、周结、月报 means once a day, a week, a month."""
        out: list[_Found] = []
        for m in P.PERIODIC_WORDS.finditer(self.masked, part.start, part.end):
            for word in re.findall(r"[日周月季年][查结报检巡测评清]", m.group(0)):
                at = self.masked.find(word, m.start(), m.end())
                out.append(
                    _Found(
                        start=at,
                        end=at + len(word),
                        kind="frequency",
                        comparator="at_least",
                        value=1.0,
                        unit="次",
                        period=P.PERIODIC_WORD_NAMES[word[0]],
                        subject=word,
                        origin="periodic_words",
                    )
                )
        if out or any(f.kind in ("frequency", "duration", "count") for f in found):
            return out
        # The sentence's end, not the part's: "每学年结束后，向…报告工作" names its activity after the comma.
        activity = P.PERIODIC_ACTIVITY.search(self.masked, part.start, part.sentence.end)
        if activity is None or activity.start() >= part.end:
            return out
        if re.search(r"\d|[一二两三四五六七八九十]次", self.masked[part.start : part.end]):
            return out
        end = part.end
        if activity.end() > part.end:
            stop = re.compile(r"[,;。]").search(self.masked, activity.end(), part.sentence.end)
            end = stop.start() if stop else part.sentence.end
        out.append(
            _Found(
                start=part.start,
                end=end,
                kind="frequency",
                comparator="at_least",
                value=1.0,
                unit="次",
                period=P.PERIOD_NAMES[activity.group("period")],
                subject=_activity(self.untitled[activity.end("period") : end])
                or _tidy_subject(self.untitled[part.start : activity.end()]),
                origin="periodic",
            )
        )
        return out

    def _coverage(self, part: Part, siblings: tuple[Part, ...], index: int) -> list[_Found]:
        m = P.COVERAGE.search(self.masked, part.start, part.end)
        if m is None:
            return []
        start = part.start
        if m.start() - part.start < 4 and index > 0:
            start = siblings[index - 1].start
        head = _tidy_subject(self.untitled[part.start : m.start()]) or _tidy_subject(self.untitled[start : m.start()])
        tail = _tidy_subject(self.untitled[m.end() : part.end], keep_verb=True)
        subject = f"{head}{m.group(0) if len(tail) >= 4 else ''}{tail if len(tail) >= 4 else ''}"
        subject = subject.removesuffix("达到").removesuffix("实现")
        return [
            _Found(
                start=start,
                end=part.end,
                kind="coverage",
                comparator="equal",
                value=1.0,
                unit="比例",
                subject=subject or m.group(0),
                origin="coverage",
            )
        ]

    def _prohibitions(self, part: Part, siblings: tuple[Part, ...], index: int) -> list[_Found]:
        for m in P.PROHIBITION.finditer(self.masked, part.start, part.end):
            if self.in_quotes[m.start()] and m.group(0) not in ("零容忍",):
                continue
            start = part.start
            if part.end - part.start <= 10 and index > 0:
                start = siblings[index - 1].start
            after = self.untitled[m.end() : part.end]
            subject = _tidy_subject(after) if len(after) >= 3 else ""
            if not subject:
                lead = self.untitled[start : m.start()]
                subject = _tidy_subject(re.sub(r"(坚决)?(做到|实行|实现)?“?$", "", lead))
            subject = subject.strip("“”□") or m.group(0)
            return [
                _Found(
                    start=start,
                    end=part.end,
                    kind="prohibition",
                    subject=subject,
                    modality="prohibited",
                    origin="prohibition",
                )
            ]
        return []

    def _deadlines(self, part: Part, siblings: tuple[Part, ...], index: int) -> list[_Found]:
        """到2024年底, 2020年底前, 国庆期间: by when something must be done."""
        out: list[_Found] = []
        dates = [
            m
            for m in P.DEADLINE.finditer(self.masked, part.start, part.end)
            if (m.group("pre") in ("到", "于", "至") or m.group("end") or m.group("before"))
            and not ("日" in m.group(0) and not m.group("before"))  # "于2024年5月21日签订": an event
        ]
        dates += list(P.SEASON_DEADLINE.finditer(self.masked, part.start, part.end))
        dates += list(P.YEARLY_DEADLINE.finditer(self.masked, part.start, part.end))
        windows = list(P.WINDOW_DEADLINE.finditer(self.masked, part.start, part.end))
        dates = [d for d in dates if not any(w.start() <= d.start() < w.end() for w in windows)] + windows
        dates += [
            m
            for m in P.MONTH_DEADLINE.finditer(self.masked, part.start, part.end)
            if not any(d.start() <= m.start() < d.end() for d in dates)
        ]
        for m in sorted(dates, key=lambda d: d.start()):
            end = part.end
            if part.end - m.end() < 4 and index + 1 < len(siblings):
                end = siblings[index + 1].end
            words = self.text[m.start() : m.end()]
            rest = _tidy_subject(self.untitled[m.end() : end].lstrip(",)")) or ""
            if not rest:
                # "逐校核编(2009年3月31日前)": the step is named before its date
                rest = _tidy_subject(self.untitled[part.start : m.start()].rstrip("(")) or ""
                words, rest = rest, words
            out.append(
                _Found(
                    start=m.start(),
                    end=end,
                    kind="deadline",
                    subject=f"{words}{rest}"[:40],
                    origin="deadline",
                )
            )
            break
        return out

    def _existence(self, part: Part) -> list[_Found]:
        """制定…方案, 建立…制度, 开展…活动: a checkable artefact without a number."""
        text = self.text  # titles unmasked: 制定《…实施方案》 names its artefact inside 《》
        for verb in P.EXISTENCE_VERB.finditer(text, part.start, part.end):
            if self.untitled[verb.start()] == MASK:
                continue  # a verb inside a title: 《…指南实施方案》
            if verb.end() < part.end and text[verb.end()] in "、与和及":
                continue  # a verb used as a noun in a list: 课程建设与实施、教育教学
            reach = min(part.end, verb.end() + P.EXISTENCE_REACH)
            artefact = P.EXISTENCE_ARTEFACT[verb.group(0)].search(text, verb.end(), reach)
            if artefact is None:
                continue
            end = artefact.end()
            if self.untitled[end - 1] == MASK:  # the artefact is named inside 《…》
                closing = text.find("》", end, part.end)
                end = closing + 1 if closing >= 0 else end
            subject = _tidy_subject(text[verb.start() : end], keep_verb=True)
            return [
                _Found(
                    start=part.start,
                    end=part.end,
                    kind="existence",
                    subject=subject,
                    origin="existence",
                )
            ]
        obligation = P.OBLIGATION.match(self.masked[part.start : part.end])
        if obligation and MASK not in obligation.group("what")[:4]:
            return [
                _Found(
                    start=part.start,
                    end=part.end,
                    kind="existence",
                    subject=_tidy_subject(obligation.group("what"), keep_verb=True),
                    origin="obligation",
                )
            ]
        return []

    def _parity(self, part: Part) -> list[_Found]:
        """不低于…水平: a ratio of at least 1 to a named level (教师工资不低于公务员工资水平)."""
        m = P.PARITY.search(self.untitled, part.start, part.end)
        if m is None:
            return []
        subject = _tidy_subject(m.group("subject"))
        subject = re.sub(r"(收入)?水平$", "", subject)
        return _whole_part(
            part, "ratio", "at_least", 1.0, "parity", unit="比例", subject=subject, denominator=m.group("level")
        )

    def _zero(self, part: Part) -> list[_Found]:
        """无新增…, 零择校, 无因贫失学辍学: a count that must stay at zero."""
        m = P.ZERO.search(self.untitled, part.start, part.end)
        if m is None:
            return []
        after = _tidy_subject(self.untitled[m.end() : part.end], keep_verb=True)
        word = m.group(0)
        subject = f"{word.removeprefix('无').removeprefix('零')}{after}" if len(word) <= 3 else word
        before = _tidy_subject(
            re.sub(
                r"^(?:各(?:学校|校|中小学校?|幼儿园)|学校)?(?:要|应|须)?(?:确保|实现|做到|力争)?(?:全年)?",
                "",
                self.untitled[part.start : m.start()],
            )
        )
        if word in ("零发生", "零伤亡", "零违规") and len(before) >= 2:
            subject = before.strip("“”")  # "确保全年安全责任事故“零发生”": what must not happen
        return _whole_part(
            part, "count", "at_most", 0.0, "zero", subject=_balanced(subject.removesuffix("任务").removesuffix("成果"))
        )

    # -- finishing: quote, scope, stages, modality ------------------------------------------------

    def _finish(self, found: _Found, clause: Clause, part: Part, lead_in: str = "") -> Candidate:
        text = self.text
        start, end = strip_ends(text, found.start, found.end, " ,、:;", " ,、:;。")
        o_start, o_end = self.norm.to_original(start, end)
        words = self.untitled
        quote_text = words[start:end]
        sentence = part.sentence
        lead = lead_in + words[sentence.start : start]
        stages, grades = stages_and_grades(quote_text)
        if found.stages:
            stages = found.stages
        elif not stages:
            stages, grades = stages_and_grades(lead + quote_text)
        scope, reason, rule = _scope(found, quote_text, lead + quote_text, clause, self.local, bool(self.addressees))
        modality = found.modality or _modality(found.kind, words[min(part.start, start) : end])
        return Candidate(
            doc=self.doc,
            clause=clause.number,
            quote=self.norm.original[o_start:o_end],
            start=o_start,
            end=o_end,
            kind=found.kind,
            comparator=found.comparator,
            value=found.value,
            value_max=found.value_max,
            unit=found.unit,
            period=found.period,
            subject=found.subject,
            denominator=found.denominator,
            stages=stages,
            grades=grades,
            scope=scope,
            scope_reason=reason,
            modality=modality,
            responsible=clause.responsible,
            context=text[sentence.start : sentence.end],
            origin=found.origin,
            scope_rule=rule,
            clause_path=clause.path,
        )


def _addressed_schools(text: str) -> tuple[str, ...]:
    """The addressees of a notice when they are all schools or kindergartens ("各中小学校、
    幼儿园：", "各学校："), else ()."""
    for line in text.splitlines()[:12]:
        m = P.ADDRESSEE_LINE.match(line)
        if m:
            units = tuple(u for u in re.split(r"[、,，和及]", m.group(1)) if u)
            return units if units and all(P.SCHOOL_ADDRESSEE.fullmatch(u) for u in units) else ()
    return ()


def _local_names(region: str | None) -> re.Pattern[str] | None:
    """The issuing area's own name as a region cue: 营口市 and 营口 (not a bare "X")."""
    if not region:
        return None
    names = {region}
    stem = re.sub(r"(市|县|区|旗)$", "", region)
    if len(stem) >= 2:
        names.add(stem)
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _from_reading(reading: Reading, part: Part, entry: Entry, start: int, end: int) -> _Found:
    return _Found(
        start=part.start,
        end=part.end,
        kind=reading.kind,
        comparator=reading.comparator,
        value=reading.value,
        value_max=reading.value_max,
        unit=reading.unit,
        period=reading.period,
        subject=reading.subject,
        scope=entry.scope,
        scope_reason=entry.scope_reason,
        origin=f"lexicon:{entry.phrase}",
    )


_CN_RANGES = {
    "一两": ("一", "两"),
    "两三": ("两", "三"),
    "三四": ("三", "四"),
    "三五": ("三", "五"),
    "四五": ("四", "五"),
    "五六": ("五", "六"),
}


def _whole_part(
    part: Part, kind: str, comparator: str, value: float, origin: str, **fields: Any
) -> list[_Found]:
    """One number read from a phrase, quoted as the whole part it stands in."""
    found = _Found(
        start=part.start, end=part.end, kind=kind, comparator=comparator, value=value, origin=origin, **fields
    )
    return [found]


def _conditional(masked: str, part: Part) -> bool:
    """A part ending in 的 before a comma is a conditional clause ("…三个月以上的，…"): it names the
    case the rest of the sentence rules, so its number is no target."""
    if part.end >= part.sentence.end or masked[part.end - 1] != "的":
        return False
    # … and what follows rules it with a duty: not "…少于2次的，扣2分" (an assessment's deduction).
    return P.CONDITIONAL_RULE.search(masked, part.end, part.sentence.end) is not None


def _in_multiple_range(masked: str, m: re.Match[str]) -> bool:
    """Whether a number in 倍 is a bound of "N倍以上M倍以下"."""
    if m.group("unit") != "倍":
        return False
    nearby = P.MULTIPLE_RANGE.finditer(masked, max(0, m.start() - 12), m.end() + 12)
    return any(r.start() <= m.start() and m.end() <= r.end() for r in nearby)


def _cn_range(numeral: str) -> tuple[str, str] | None:
    """ "一两项", "三五个": two neighbouring numerals read as a range."""
    return _CN_RANGES.get(numeral)


def _period(before: str, after: str) -> str | None:
    m = P.PERIOD_AFTER.match(after)
    if m:
        return P.PERIOD_NAMES[m.group(1)]
    matches = list(P.PERIOD_BEFORE.finditer(before))
    if not matches:
        return None
    last = matches[-1]
    if last.group("window"):
        return last.group("window")
    if last.group("one"):
        return P.PERIOD_NAMES[last.group("one")]
    if last.group("span"):
        n, span = last.group("n"), P.PERIOD_NAMES[last.group("span")]
        return span if n in ("1", "一") else f"{n}{span}"  # 每3年 → 3年, 每半年 → 半年
    return "年"


def _tidy_subject(text: str, keep_verb: bool = False) -> str:
    text = re.sub(r"^\d{1,3}\t", "", text).replace("\t", " ")  # a table row: its 序号, its cells
    text = _balanced(P.POINTS.sub("", text.replace(MASK, "")))
    if not keep_verb:
        text = P.LEADING_VERBS.sub("", text)
        text = P.PERIOD_BEFORE.sub("", text)
        for cue in (P.AT_MOST_BEFORE, P.AT_LEAST_BEFORE):
            # the comparator of this number, and any other one that is not a condition's
            # ("学生数超过1000人的学校" keeps its 超过: it says which schools)
            text = _without_comparators(cue, text)
        text = re.sub(r"由原来.*$", "", text)
        text = P.SUBJECT_TRIM.sub("", text)
        text = P.SUBJECT_TRIM.sub("", text)
    return _balanced(text.strip(" ,、:;(（"))[:40]


def _activity(words: str) -> str:
    """What is done every period, from the words after the period: "学年设立劳动周" → "设立劳动周",
    "学年结束后,向…报告工作" → "向…报告工作"."""
    words = re.sub(r"^(?:结束|开学|开始)?(?:后|前|时|初|末|底)?[,，]?", "", words)
    return _tidy_subject(words, keep_verb=True)


def _without_comparators(cue: re.Pattern[str], text: str) -> str:
    return cue.sub(lambda m: m.group(0) if P.CONDITION_AFTER.match(text, m.end()) else "", text)


def _topic(subject: str) -> str:
    """What a subject measures, without the stage or grade it names: "三至六年级书面作业平均完成时间"
    → "书面作业平均完成时间", "学生在校时间小学" → "学生在校时间"."""
    words = P.STAGE_NAMES.pattern
    topic = re.sub(rf"^(?:{words})+", "", subject)
    topic = re.sub(rf"(?:{words})+$", "", topic)
    return topic if len(topic) >= 2 else ""


def _balanced(text: str) -> str:
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


def _subject(before: str, after: str, kind: str, denominator: str | None) -> str:
    """What a number measures, from the words before it, or after it when those only say who
    does it ("全市中小学每天开展不少于30分钟的大课间活动" → 大课间活动)."""
    before_subject = before
    if denominator:
        cut = before.rfind(denominator)
        before_subject = before[:cut] if cut >= 0 else before
    head = _tidy_subject(before_subject)
    tail = _tidy_subject(re.sub(r"^(以上|及以上|左右|以内|以下)", "", after))
    tail = re.split(r"[到赴至向,]", tail)[0] if tail else ""
    tail = P.SUBJECT_TRIM.sub("", tail)
    if kind == "ratio":
        share = re.match(r"^(?:以上|及以上)?的(.{2,30})", after)
        if share and not denominator:
            return f"{_tidy_subject(share.group(1), keep_verb=True)}的比例"
        subject = re.sub(r"(的)?(比例|占比)$", "", head) or tail
        if denominator:
            return f"{subject}占{denominator}" if subject else denominator
        return head or tail
    if kind == "frequency" and len(tail) >= 2:
        return tail
    if kind == "duration" and len(tail) >= 2 and len(P.WHO_DOES.sub("", head)) < 2:
        return tail.removeprefix("的")
    if kind == "count" and len(tail) >= 2:
        return tail if not head or len(head) > 14 else f"{head}{tail}"[:40]
    return head or tail


# -- scope ----------------------------------------------------------------------------------------


def _scope(
    found: _Found,
    quote: str,
    lead_and_quote: str,
    clause: Clause,
    local: re.Pattern[str] | None = None,
    addressed: bool = False,
) -> tuple[str, str, str]:
    """Whether a requirement binds each school, the region (the bureau's own target), or is
    unclear — and why, in a few Chinese words, and by which rule of config/scope_rules.yaml."""
    if found.scope:
        return found.scope, found.scope_reason or "词表规定的层级", "词表"
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
    )
    return decide(default_scope_rules(), situation, local)


def _modality(kind: str, words: str) -> str:
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
    for m in P.GRADE_LIST.finditer(words):
        prefix = P.GRADE_PREFIX.get(m.group("stage"), "P")
        numbers = _grade_numbers(m.group("list"))
        for n in numbers:
            if 1 <= n <= P.GRADE_MAX[prefix]:
                code = f"{prefix}{n}"
                if code not in grades:
                    grades.append(code)
        rest = rest.replace(m.group(0), "")
    stages: set[str] = {P.GRADE_STAGE[g[0]] for g in grades}
    for pattern, names in P.STAGE_CUES:
        if pattern.search(rest):
            stages.update(names)
            rest = pattern.sub("", rest)
    ordered = tuple(s for s in P.STAGE_ORDER if s in stages)
    return ordered, tuple(grades)


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


def candidates_in(candidates: Iterable[Candidate], **where: Any) -> tuple[Candidate, ...]:
    """Filter helper: candidates_in(cands, kind="ratio", scope="school")."""
    return tuple(c for c in candidates if all(getattr(c, k) == v for k, v in where.items()))


def with_scope(candidate: Candidate, scope: str, reason: str) -> Candidate:
    """A copy with another scope (a person's decision)."""
    return replace(candidate, scope=scope, scope_reason=reason)


__all__ = [
    "Candidate",
    "Span",
    "candidates_in",
    "describe",
    "extract",
    "format_value",
    "stages_and_grades",
    "with_scope",
]
