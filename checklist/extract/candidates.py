"""Requirement candidates: every sentence part of a plan that sets a requirement.

``extract(text, doc=..., lexicon=...)`` reads a plan and returns its candidates in text order.
Each candidate quotes the original text exactly (``text[start:end] == quote``), says what kind
of requirement it is (duration, frequency, ratio, count, coverage, deadline, existence,
prohibition), its comparator, value(s), unit and period, the stages and grades it targets, its
modality (must / encouraged / prohibited), the responsible units, and whether it binds each
school, the region, or is unclear — with the reason.

This module is the reader: it masks titles, 文号 and the lexicon's phrases, walks clauses,
sentences and parts, reads the numbers with their cues (comparator, unit, period, subject) and
finishes each reading into a ``Candidate`` (quote, stages, scope, modality). Around it:
``candidate`` (the record and how its requirement is written, re-exported here), ``found``
(a reading before it is finished), ``tables`` (table cells, timetables, fractions, ratios),
``phrases`` (limits, periodic activities, coverage, bans, deadlines, artefacts, parity, zero) and
``wording`` (subjects, periods, scope, modality, stages and grades).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import cached_property
from typing import Any

from checklist.extract import patterns as P
from checklist.extract import phrases, tables
from checklist.extract.candidate import (
    Candidate,
    candidates_in,
    describe,
    format_value,
    one_in,
    one_in_n,
    where_in_plan,
    with_scope,
)
from checklist.extract.found import MASK, Found, NumberSpan, share
from checklist.extract.lexicon import Entry, Lexicon, Reading, default_lexicon
from checklist.extract.named_rows import named_rows
from checklist.extract.numbers import clean, is_chinese_numeral, parse_number
from checklist.extract.scope import default_scope_rules
from checklist.extract.score_columns import assessment_rows, in_assessment_table
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
from checklist.extract.wording import (
    addressed_schools,
    chapters,
    cn_range,
    conditional,
    in_multiple_range,
    led_by_authorities,
    led_by_schools,
    local_names,
    modality_of,
    multiple_of_level,
    pair_period,
    period_of,
    scope_of,
    stage_sections,
    stages_and_grades,
    subject_of,
    tidy_subject,
    topic_of,
)


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


_SCHOOL_TITLE = re.compile(r"学校|中小学|幼儿园|校园|[^县市区]校")
_REGION_TITLE = re.compile(r"政府|县域|区域|履行教育职责|县级|市级|对县|对区")


# Readings of words, not of a written number: a report of what was done drops them as it drops figures.
_SAID_BY_WORDS = frozenset({"coverage", "periodic", "periodic_words", "halves"})


class _Reader:
    def __init__(self, norm: Normalised, doc: str, lexicon: Lexicon, region: str | None) -> None:
        self.norm = norm
        self.doc = doc
        self.lexicon = lexicon
        self.region = region
        self.local = local_names(region)
        self.document = Document(norm)
        self.text = norm.text
        n = len(self.text)
        self.in_quotes = bytearray(n)
        for span in self.document.quoted:
            self.in_quotes[span.start : span.end] = b"\x01" * (span.end - span.start)
        masked = list(self.text)
        for span in (*self.document.titles, *self.document.responsible_brackets):
            masked[span.start : span.end] = MASK * (span.end - span.start)
        sizes = (*P.SIZE_HEADER_RUN.finditer(self.text), *P.SIZE_CELL.finditer(self.text))
        for m in (*P.DOC_NUMBER.finditer(self.text), *sizes):
            masked[m.start() : m.end()] = MASK * (m.end() - m.start())
        self.untitled = "".join(masked)
        self.hits = self._lexicon_hits(self.untitled)
        for start, end, _ in self.hits:
            masked[start:end] = MASK * (end - start)
        self.masked = "".join(masked)
        self.addressees = addressed_schools(self.text)
        self.led = led_by_schools(self.text)
        self.authority_led = led_by_authorities(self.text)
        self.chapters = chapters(self.text)
        self.stage_sections = stage_sections(self.text)
        title = next((line.strip() for line in self.text.split("\n") if line.strip()), "")
        # a school assessment table's rows are the school's to meet, unless they say otherwise (its title names
        # schools, not a county's government: 县域义务教育…督导评估 scores the county)
        self.school_titled = bool(_SCHOOL_TITLE.search(title)) and not _REGION_TITLE.search(title)
        # the cells of a timetable, of a list a PDF ran together and of a table by school size → their readings, by
        # where each cell starts
        self.laid_out = (
            tables.grade_timetables(self.text)
            | tables.run_together_lists(self.text)
            | tables.size_rows(self.text)
            | named_rows(self.text)
        )
        self.laid_out_at = sorted(self.laid_out)

    # -- the document ---------------------------------------------------------------------------

    def run(self) -> tuple[Candidate, ...]:
        out: list[Candidate] = []
        seen: set[tuple[Any, ...]] = set()
        ban_path: str | None = None  # the clause that leads in a list of banned acts …
        ban_lead = ""  # … and its words, which say who is banned
        for clause in self.document.clauses:
            banned_item = ban_path is not None and clause.path.startswith(ban_path) and clause.path != ban_path
            timed: Found | None = None  # the clause's last amount in a period, for the sentence after it …
            timed_each: re.Match[str] | None = None  # … and the 每 its sentence said that period with
            # what the sentence before measured and in what unit, when it ended at a ；(the same sentence, really)
            semicolon_topic: tuple[str, str | None] = ("", None)
            for sentence in (s for span in clause.spans for s in sentences(self.text, span)):
                sentence_parts = parts(self.text, sentence)
                readings = [(f, p) for i, p in enumerate(sentence_parts) for f in self._part(p, sentence_parts, i)]
                if banned_item and not any(f.kind == "prohibition" for f, _ in readings):
                    # the act is banned, so it is no artefact to have
                    readings = [(f, p) for f, p in readings if f.kind != "existence"]
                    readings.append((self._banned_item(sentence), sentence_parts[0]))
                banned_item = False  # the item's first sentence names the act
                readings = self._parallels(readings, sentence_parts, semicolon_topic)
                ended = self.text[sentence.end - 1 : sentence.end + 1]
                semicolon_topic = _measured(readings) if "；" in ended or ";" in ended else ("", None)
                readings = _without_restated_existence(readings)
                readings = _without_restated_coverage(readings)
                readings = _without_superseded_once(readings)
                readings = _without_days_covered(readings)
                readings = [(self._carried(found, part, timed, timed_each), part) for found, part in readings]
                latest = next(
                    (f for f, _ in reversed(readings) if f.kind in ("frequency", "duration") and f.period), None
                )
                if latest is not None:
                    timed, timed_each = latest, P.PERIOD_SAID_BEFORE.search(self.masked, sentence.start, latest.end)
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
        if self.school_titled:
            out.extend(self._rows_unread(out))
        out.sort(key=lambda c: (c.start, c.end))
        out = [c for c in out if not self._in_report(c)]
        return tuple(self._by_majority(out))

    def _rows_unread(self, found: list[Candidate]) -> list[Candidate]:
        """A school assessment table's rows that give their points but hold no requirement read otherwise
        (建立健全学校章程和各项管理制度 ⇥ 5 ⇥ 查阅资料): each a duty of the school, quoted by the cell that says it, so
        that a draft of the table has an item for every row the bureau scores."""
        out = []
        for line_start, line_end, cell_start, cell_end in assessment_rows(self.norm.original):
            if any(c.start < line_end and c.end > line_start for c in found):
                continue
            start, end = self.norm.to_working(cell_start), self.norm.to_working(cell_end)
            at = self._clause_part(start)
            if at is None or end <= start:
                continue
            clause, part = at
            subject = tidy_subject(self.norm.original[cell_start:cell_end])  # its own words: 齐全，记录完整
            if len(subject) < 4:
                continue
            reading = Found(start=start, end=end, kind="existence", subject=subject, origin="assessment_row")
            out.append(self._finish(reading, clause, part))
        return out

    def _clause_part(self, position: int) -> tuple[Clause, Part] | None:
        """The clause and the part of a sentence a working position stands in, if any clause reads it."""
        for clause in self.document.clauses:
            for span in clause.spans:
                if not span.start <= position < span.end:
                    continue
                for sentence in sentences(self.text, span):
                    if sentence.start <= position < sentence.end:
                        return next(
                            ((clause, p) for p in parts(self.text, sentence) if p.start <= position < p.end), None
                        )
        return None

    def _in_report(self, c: Candidate) -> bool:
        """Whether a quote starts or ends in a 总结's report of the past year (its part may run in
        from the title before it)."""
        ends = (self.norm.to_working(c.start), self.norm.to_working(max(c.end - 1, c.start)))
        return any(a <= e < b for a, b in self._report_sections for e in ends)

    @cached_property
    def _report_sections(self) -> list[tuple[int, int]]:
        """The spans of a 总结 that report the past year (一、2022年工作总结), each up to the part that
        plans the next (二、2023年工作计划) or the end of the text, the sections that state how
        things are (一、基本情况), each up to the next heading of its kind, and a message board's question
        (【问政内容】), up to its reply."""
        spans = []
        for start in P.REPORT_SECTION_START.finditer(self.untitled):
            end = P.REPORT_SECTION_END.search(self.untitled, start.end())
            spans.append((start.start(), end.start() if end else len(self.untitled)))
        for start in P.STATE_SECTION_START.finditer(self.untitled):
            mark = start.group("mark")
            kind = "）" if mark[-1] in ")）" else ("." if mark[0].isdigit() else "、")
            end = P.STATE_SECTION_NEXT[kind].search(self.untitled, start.end())
            spans.append((start.start(), end.start() if end else len(self.untitled)))
        for start in P.QUESTION_SECTION_START.finditer(self.untitled):
            end = P.QUESTION_SECTION_END.search(self.untitled, start.end())
            spans.append((start.start(), end.start() if end else len(self.untitled)))
        return spans

    @staticmethod
    def _by_majority(found: list[Candidate]) -> list[Candidate]:
        """What no scope rule decided takes the document's level, when most of what the rules
        decided agrees (config/scope_rules.yaml, document_majority)."""
        majority = default_scope_rules().majority
        undecided = {id(c) for c in found if c.scope == "unclear" and not c.scope_rule}
        if majority is None or not undecided:
            return found
        decided = [c.scope for c in found if c.scope in ("school", "region")]
        level = majority.level(decided)
        if level is None:
            return found
        scope, reason = level
        return [
            replace(c, scope=scope, scope_reason=reason, scope_rule=majority.name) if id(c) in undecided else c
            for c in found
        ]

    def _parallels(
        self,
        readings: list[tuple[Found, Part]],
        sentence_parts: tuple[Part, ...],
        carried: tuple[str, str | None] = ("", None),
    ) -> list[tuple[Found, Part]]:
        """Parts of one sentence that state the same measure again. A number in the unit of the
        frequency or duration before it, with no period of its own, keeps that period ("校长每学期听课
        不少于30节,其他校级领导不少于40节"). A number whose subject names only a stage or a share
        ("初中不超过90分钟", "每天至少2小时", "小学1—2年级每周4课时") takes the topic of its sentence: the
        subject of the number before it, or the sentence's opening words ("严格落实体育课时,…")."""
        out: list[tuple[Found, Part]] = []
        topic = ""
        topic_kind: str | None = None  # the kind of the number the topic came from (None: the opening)
        opening = sentence_parts[0]
        numbered = any(p == opening and f.origin == "number" for f, p in readings)
        if len(sentence_parts) > 1 and not numbered:
            topic = topic_of(tidy_subject(self.untitled[opening.start : opening.end]))
            # "学校严格按照课程方案开齐开足上好体育与健康课": the lessons provided, not how the school provides them
            provided = P.LESSONS_PROVIDED.split(topic)[-1]
            topic = provided if len(provided) >= 2 else topic
        # "每班学生数小学不超过45人；初中不超过50人": the part after ； says only for whom, of a number in the same unit
        carried_unit = carried[1] if not topic and carried[0] else None
        topic = topic or carried[0]
        previous: Found | None = None
        acted = ""  # what the reading before was of, for a record said alone after it
        clock_topic = ""  # what the time of day before was of ("小学上午上课时间不早于8:20,中学不早于8:00")
        for found, part in readings:
            index = sentence_parts.index(part) if part in sentence_parts else 0
            if found.origin == "time_of_day":
                whose = P.LATEST_WORD.sub("", found.subject)
                if not whose and clock_topic and index:
                    # "…初中可适当延长，最晚不超过19:00": the stage the part before named, its latest time
                    stage_said = P.CLOCK_STAGE.search(self.untitled, sentence_parts[index - 1].start, part.start)
                    whose = stage_said.group() if stage_said else ""
                    if whose:
                        found = replace(found, stages=stages_and_grades(whose)[0])
                if whose and not P.STAGE_WORDS.sub("", whose) and clock_topic:
                    found = replace(found, subject=f"{clock_topic}（{whose}）")
                elif topic_of(found.subject):
                    said = topic_of(found.subject)  # a time's own words, not a flattened table's run of cells
                    clock_topic = said if len(said) <= 12 and not re.search(r"\d", said) else ""
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
                    and not P.OWN_ACTIVITY_END.search(found.subject)
                ):
                    # "校长每学期听课不少于30节,其他校级领导不少于40节": the same measure again.
                    found = replace(found, kind=previous.kind, period=previous.period)
                if (
                    previous is not None
                    and found.unit == previous.unit
                    and found.kind == previous.kind
                    and previous.comparator in ("at_least", "at_most")
                    and found.comparator != previous.comparator
                    and P.PARALLEL_LEAD.match(self.masked, part.start)
                    and not P.ANY_COMPARATOR.search(self.masked, part.start, part.end)
                ):
                    # "班额小学不超过45人,初中50人": the stage after says its number only
                    found = replace(found, comparator=previous.comparator)
                staffed = P.STAFFED_HEAD.match(previous.subject) if previous is not None else None
                if (
                    staffed
                    and previous is not None
                    and found.unit == previous.unit
                    and re.fullmatch(r"[和及、与]", self.masked[previous.end : found.start])
                    and len(found.subject) <= 6
                    and not P.STAFFING_VERB.search(found.subject)
                ):
                    # "每班配备2名专任教师和1名保育员": the second staff of the same list, in the same classes
                    found = replace(found, subject=f"{staffed.group(0)}{found.subject}")
                if previous is not None and found.kind == "ratio" and P.ACT_SHARE.fullmatch(found.subject):
                    # "生均图书不少于10册，每年更新比例不低于10%": the books are what is renewed
                    renewed = re.sub(r"^(?:生均|人均|每校|每班)", "", topic_of(previous.subject))
                    if len(renewed) >= 2:
                        found = replace(found, subject=f"{renewed}{found.subject}")
                thing = P.ATTRIBUTE_OF.fullmatch(previous.subject) if previous is not None else None
                if thing and P.ATTRIBUTE_ONLY.fullmatch(found.subject):
                    # "心理辅导室面积不小于30平方米,开放时间每周不少于10小时": the same room's hours
                    found = replace(found, subject=f"{thing[1]}{found.subject}")
                if previous is not None and P.KEEPING_ONLY.fullmatch(found.subject):
                    # "食品留样每样不少于125克,留存48小时以上": the sample is kept, not a thing of its own
                    kept = re.sub(r"每[^每]{0,2}$", "", previous.subject)
                    said = found.subject[2:] if kept.endswith(found.subject[:2]) else found.subject  # 留样 once
                    if len(kept) >= 2:
                        found = replace(found, subject=f"{kept}{said}")
                if previous is not None and found.unit == previous.unit and P.STAFFING_VERB_END.search(found.subject):
                    staff = P.STAFFING_VERB.split(previous.subject)[-1]
                    if len(staff) >= 2:
                        # "每校配备至少1名专职心理健康教师,学生数超过1000人的学校配备2名": the same staff
                        found = replace(found, subject=f"{found.subject}{staff}")
                previous = found
                if topic and P.SESSIONS_ONLY.fullmatch(found.subject):
                    # "课后服务每周5天、每天2个时段全覆盖": the sessions of the service the sentence named
                    sessions = found.subject.removesuffix("全覆盖")
                    found = replace(found, subject=f"{topic.removesuffix('时段')}{sessions}")
                # a stage, or which schools ("其他学校不少于2人"), says for whom the topic's figure is
                bare = "" if P.SCHOOL_KIND_ONLY.fullmatch(found.subject) else P.STAGE_WORDS.sub("", found.subject)
                # a share's whole subject ("…率") is no topic for a time or a count after it
                same_measure = topic_kind != "ratio" or found.kind == "ratio"
                same_measure = same_measure and (carried_unit is None or found.unit == carried_unit)
                if not bare and topic and same_measure and (not found.subject or found.subject not in topic):
                    kind_said = P.SCHOOL_KIND_ONLY.fullmatch(found.subject)
                    # "办园规模农村不少于3个班,城区不少于6个班": the size, for the schools each part names
                    whole = re.sub(f"(?:{P.SCHOOL_KIND_ONLY.pattern})$", "", topic) if kind_said else topic
                    found = replace(found, subject=f"{whole or topic}（{found.subject}）" if found.subject else topic)
                elif bare and topic_of(found.subject) and not self.masked.startswith("其中", part.start):
                    # (a part of the whole, "其中体育活动时间不少于1小时", is no topic for the figures after it)
                    # the nearest number that says what it measures is the topic of those after it
                    # ("三至六年级书面作业平均完成时间不超过60分钟,初中不超过90分钟"), for numbers of its kind;
                    # a share's part is the topic of any ("体育课时不少于总课时的11%,高中每周不少于2课时")
                    topic, topic_kind = topic_of(found.subject), found.kind
                    if found.kind == "ratio" and "占" in topic:
                        topic, topic_kind = topic_of(topic.split("占")[0]) or topic, None
            if (
                found.kind == "count"
                and found.comparator in (None, "equal")
                and found.unit == "人"
                and P.CLASS_SIZE.search(found.subject)
            ):
                found = replace(found, comparator="at_most")  # "班额:小班25人": a class holds that many at most
            if found.kind == "count" and found.unit == "元" and P.PER_PUPIL.search(found.subject):
                # "课后服务收费按每生每学期不超过400元的标准执行": the fee, for each pupil
                fee = P.FEE_TAIL.sub("", P.PER_PUPIL.sub("", found.subject))
                if len(fee) >= 2:
                    found = replace(found, subject=fee if re.search("[生人]均", fee) else f"{fee}（每生）")
            if found.kind == "existence" and P.RECORD_ONLY.fullmatch(found.subject) and acted:
                found = replace(found, subject=f"{acted}记录")  # "每月至少开展1次全面排查，有记录": the check's record
            if found.kind != "existence" or not P.RECORD_ONLY.fullmatch(found.subject):
                acted = topic_of(found.subject)
            bare_rate = P.ACT_RATE.fullmatch(found.subject)
            if found.kind in ("ratio", "coverage") and bare_rate and part.start > part.sentence.start:
                # "测试数据按时上报…系统,上报率100%": the rate of what the sentence did before it
                said = self.untitled[part.sentence.start : part.start]
                done = re.search(rf"([\u4e00-\u9fff]{{2,8}}?)(?:按时|及时|全部|均)?{bare_rate[1]}", said)
                what = tidy_subject(done[1]) if done else ""
                if len(what) >= 2:
                    found = replace(found, subject=f"{what}{found.subject}")
            if found.kind == "ratio" and P.SURVEYED_ONLY.fullmatch(found.subject) and part.start > part.sentence.start:
                # "开展课后服务家长满意度调查…，满意度不低于90%": the satisfaction the survey measured
                survey = P.SURVEY_OF.search(self.untitled, part.sentence.start, part.start)
                if survey:
                    found = replace(found, subject=f"{survey['whose']}{found.subject}")
            if (
                found.kind == "frequency"
                and found.comparator in (None, "equal", "at_least")
                and P.EXAMS.search(found.subject)
                and P.EXAMS_ALLOWED.search(self.masked, part.start, part.end)
                and not P.AT_LEAST_BEFORE.search(self.masked, part.start, part.end)
            ):
                # "一学期可在期末组织一次考试": as many exams as allowed, no more — a cap the school keeps
                found = replace(found, comparator="at_most", modality="must")
            out.append((found, part))
        return out

    def _carried(self, found: Found, part: Part, timed: Found | None, each: re.Match[str] | None) -> Found:
        """An amount with a comparator but no period, in the sentence after one that set an amount
        of the same unit in a period, keeps that period ("每天课后服务…小学两课时…。有需求的初中
        学校可开设晚自习,原则上不超过两课时": two lessons a day)."""
        if (
            timed is None
            or found.origin != "number"
            or found.period is not None
            or found.kind != "count"  # a duration without a period stays one (课后服务时间不少于2小时)
            or found.unit != timed.unit
            or found.unit not in P.LESSON_UNITS
            or not P.ANY_COMPARATOR.search(self.masked, part.start, part.end)
        ):
            return found
        if each is None and not P.PARALLEL_LEAD.match(self.masked, part.sentence.start):
            # "学年度培训总学时不少于72学时。其中集中培训…18学时" keeps the year; "新任教师培训不少于120学时", another
            # total, does not (the year was no 每…)
            return found
        return replace(found, kind=timed.kind, period=timed.period)

    def _banned_item(self, sentence: Span) -> Found:
        """An item of a list led in by "不得实施下列行为:" is a banned act, whatever its words."""
        return Found(
            start=sentence.start,
            end=sentence.end,
            kind="prohibition",
            subject=tidy_subject(self.untitled[sentence.start : sentence.end]) or "下列行为",
            modality="prohibited",
            origin="banned_item",
        )

    def _in_lexicon(self, phrase: str) -> bool:
        """Whether the lexicon has an entry for the phrase (一校一策), whatever it makes of it in a sentence."""
        return any(entry.pattern.search(phrase + "。") for entry in self.lexicon.entries)

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

    def _part(self, part: Part, siblings: tuple[Part, ...], index: int) -> list[Found]:
        cell = tables.frequency_cell(part, text=self.text, masked=self.masked) or tables.deadline_cell(
            part, text=self.text, masked=self.masked
        )
        if cell:
            return cell  # a table's 频次 or 完成时限 cell: its line holds nothing else
        after = self.laid_out_at[bisect.bisect_left(self.laid_out_at, part.start) :]
        laid_out = [self.laid_out[at] for at in after[: bisect.bisect_left(after, part.end)]]
        if laid_out:
            return laid_out  # a timetable's lessons in each grade's column, a run-together list's items
        if tables.header_cell(part, text=self.text):
            return []  # "单位⇥12班⇥18班": a column's name in a standards table's header
        lexical = self._from_lexicon(part)
        found: list[Found] = []
        found.extend(self._numbers(part))
        text, untitled, masked = self.text, self.untitled, self.masked
        found.extend(phrases.within(part, untitled=untitled, masked=masked))
        found.extend(phrases.time_of_day(part, untitled=untitled, masked=masked))
        found.extend(tables.ratios(part, text=text, untitled=untitled, masked=masked))
        cells = tables.table_value(part, text=text, masked=masked)
        if cells:  # "班额⇥≤45人⇥≤50人": each value read once, as its column's, not again as words
            # (a standards row's other figures — "13/50人", a model's size — are no figures of their own)
            found = [
                f
                for f in found
                if not any(
                    c.start <= f.start < c.end and (c.value == f.value or c.origin == "standards_column") for c in cells
                )
            ]
        found.extend(cells)
        hours = tables.course_hours(part, masked=masked)
        if hours:  # "体育与健康3-4节" in a timetable: lessons a week, not a count of lessons
            found = [f for f in found if not any(h.start <= f.start < h.end and f.value == h.value for h in hours)]
        found.extend(hours)
        found.extend(tables.fractions(part, untitled=untitled, masked=masked))
        found.extend(tables.stage_values(part, untitled=untitled, masked=masked))
        found.extend(phrases.periodic(part, [*lexical, *found], untitled=untitled, masked=masked))
        found.extend(phrases.halves(part, found, untitled=untitled, masked=masked))
        found.extend(phrases.parity(part, untitled=untitled))
        found.extend(phrases.zero(part, untitled=untitled))
        found.extend(phrases.planned_per_area(part, untitled=untitled))
        found.extend(phrases.one_each(part, self._in_lexicon, masked=masked))
        found.extend(phrases.coverage(part, siblings, index, untitled=untitled, masked=masked))
        found = [f for f in found if not (f.origin in _SAID_BY_WORDS and self._reported(part, f.end))]
        found.extend(
            phrases.prohibitions(part, siblings, index, untitled=untitled, masked=masked, in_quotes=self.in_quotes)
        )
        found.extend(phrases.deadlines(part, siblings, index, text=text, untitled=untitled, masked=masked))
        lexical_existence = any(f.kind == "existence" for f in lexical)
        if (not found and not lexical_existence) or P.CONDITION.search(masked, part.start, part.end):
            found.extend(phrases.existence(part, text=text, untitled=untitled, masked=masked))
        return lexical + found

    def _reported(self, part: Part, at: int) -> bool:
        """Whether the sentence reports what was done or reached, up to ``at`` ("目前,全县97%的学校已实现课后服务
        全覆盖", "该校每天开展阳光大课间活动"), and sets no target or standing rule."""
        masked, sentence = self.masked, part.sentence
        if P.NEWS_SCHOOL.search(masked, sentence.start, at):
            return P.DUTY.search(masked, sentence.start, sentence.end) is None
        reported = P.REPORT_MARKERS.search(masked, sentence.start, at)
        return reported is not None and P.REPORT_UNLESS.search(masked, sentence.start, sentence.end) is None

    def _from_lexicon(self, part: Part) -> list[Found]:
        out: list[Found] = []
        for start, end, entry in self.hits:
            if not part.start <= start < part.end:
                continue
            for reading in entry.readings_for(self.region):
                out.append(_from_reading(reading, part, entry, start, end))
        return out

    def _numbers(self, part: Part) -> list[Found]:
        text, masked = self.text, self.masked
        matches: list[tuple[NumberSpan, float, float | None, str]] = []
        having = list(P.HAVING_CONDITION.finditer(masked, part.start, part.end))  # "有2个…平行班的学校"
        for m in P.QUANTITY.finditer(masked, part.start, part.end):
            a, b, unit = m.group("a"), m.group("b"), m.group("unit")
            if a.startswith("百分之") or "分之" in a or a == "半数" or (len(a) == 2 and a.endswith("成")):
                unit = "%"  # 百分之八十, 三分之一, 九成, 半数: a share
            if unit in ("个课时", "个学时", "个学分", "个档次"):
                unit = unit[1:]  # "30个课时": 30 lessons
            if m.group("unit") in ("日", "号") and P.DAY_OF_MONTH_BEFORE.search(masked, part.start, m.start()):
                continue  # "每月5日前上报": a day of the month, not five days in it
            if unit in P.DAYS and P.DAYS_IN_PERIOD.search(masked, part.start, m.start()):
                unit = P.DAY_COUNT  # "课后服务每周5天": days in each week, a frequency
            elif unit in P.LENGTH_UNITS or unit in P.AGE_UNITS:
                unit = self._length_or_age(m, unit, part)
            if m.group("unit") is None and not b and self._area_without_unit(m, part):
                unit = "平方米"
            if m.group("unit") is None and re.fullmatch(r"0?\.\d{1,3}", a) and P.COEFFICIENT_BEFORE.search(
                masked, part.sentence.start, m.start()
            ):
                unit = P.COEFFICIENT  # "差异系数小学不高于0.50": a coefficient between schools
            if multiple_of_level(masked, m):
                unit = P.MULTIPLE
            sessions = unit == "期" and P.SESSIONS_HELD_BEFORE.search(masked, part.start, m.start()) is not None
            if not unit or (unit in P.UNITS_SKIPPED and not in_multiple_range(masked, m) and not sessions):
                continue
            before_char = masked[m.start() - 1] if m.start() > part.start else ""
            if before_char == "第" or before_char == MASK:
                continue
            if before_char == "每" and unit in ("个", "班") and re.match(r"(?:教学)?班", masked[m.end() : m.end() + 3]):
                continue  # "每12个班级配备音乐专用教室1间": the base of a quota, so many classes each
            if P.ORDINAL_LIST_BEFORE.search(masked, max(part.start, m.start() - 12), m.start()):
                continue  # "第2、3条", "第十、十一条": the later ordinals of a list after 第
            if unit.startswith(("年", "个月", "月", "天", "日")) and P.WINDOW_OF_A_COUNT_AFTER.match(
                masked, m.end(), part.sentence.end
            ):
                continue  # "3年内可累计新增8个专业": the window of the count after it, not a length to keep
            if P.BASIS_BEFORE.search(masked, part.start, m.start()) and P.BASIS_AFTER.match(masked, m.end(), part.end):
                continue  # "以36个班的数据指标为基准": the column of a table a case goes by, not a target
            if a == "一" and not b and masked[m.start() - 1 : m.start()] == "每":
                continue  # "每一个学期", "每一所学校": each one, not a count of one
            if re.fullmatch(r"0\d+", a) or (b and re.fullmatch(r"0\d+", b)):
                continue  # "3 000人次": the tail of a number written with a space; "202506-00023": a code
            if re.fullmatch(r"\d{1,2}\.\d{1,2}", a) and (m.start() == 0 or masked[m.start() - 1] in "\t\n)"):
                continue  # "2.1课程" opening a table's cell: an indicator's code, not 2.1 lessons
            if m.group("approx") and not P.APPROX_TARGET_BEFORE.search(masked, part.start, m.start()):
                continue  # "开展兴趣小组190余个": so many and more, a count told (a target says 新增…7300余个)
            if P.WINDOW_BEFORE.search(masked, part.start, m.start()) and not P.NEARLY_ROUND.match(masked, m.start()):
                continue  # "最近连续3个记分周期内", "近三年": a look-back window
            chinese = is_chinese_numeral(a)
            if chinese:
                limit = P.LIMIT_RIGHT_BEFORE.search(masked, max(0, m.start() - 3), m.start())
                if self.in_quotes[m.start()] and not limit:
                    continue  # "“一校一品”": a slogan's numeral (not "“每天综合活动不低于二小时”", a limit quoted)
                cued = P.CN_CUE_BEFORE.search(masked, part.start, m.start()) or unit.endswith(P.LENGTH_MARK)
                cued = cued or unit == P.AGE_UNIT
                if not cued and re.match(r"(?:个?班)?(?:及)?以[上下内]", masked[m.end() : part.end]):
                    cued = True  # "三名以上", "二百元以下", "六个班以上": the comparator follows the number
                if unit == "元" and re.search("[十百千万]", a):
                    cued = True  # "每聘用一人二万元": a sum of money, whatever precedes it
                if unit == "个" and not cued:
                    cued = P.TERMS_AFTER.match(masked, m.end()) is not None  # "两个聘期"
                    cued = cued or P.CLASS_SCALE_AFTER.match(masked, m.end()) is not None  # "三十六个班规模的…用地"
                if unit == "份" and masked.endswith("一式", 0, m.start()):
                    cued = True  # "(一式三份,…)": so many copies of what is sent in
                if unit in ("名", "人") and not cued:
                    cued = P.STAFF_BEFORE.search(masked, part.start, m.start()) is not None  # "心理健康教师二名"
                if unit == "所" and not cued:
                    cued = (
                        P.POPULATION_PLANNING.search(masked, part.start, m.start()) is not None
                        or P.BUILT_BEFORE.search(masked, part.start, m.start()) is not None
                    )
                if unit in P.LESSON_UNITS and not cued:
                    cued = P.EACH_OF_TWO.search(masked, part.start, m.start()) is not None  # "上下午各一次"
                if unit in P.LESSON_UNITS and not cued and part.start > part.sentence.start:
                    # "初中每学期组织一次家长会,小学两次": a stage after, with its number only
                    lead = P.PARALLEL_LEAD.match(masked, part.start)
                    cued = lead is not None and lead.end() == m.start() and m.end() >= part.end - 1
                if unit in P.LESSON_UNITS and not cued:
                    # "每3年举行一次", "每学期…开展两次": a count of times in a period.
                    cued = period_of(masked[part.start : m.start()], masked[m.end() : part.end]) is not None
                if not (cued or unit in P.MEASURE_UNITS or b or cn_range(a)):
                    continue
                if cn_range(a) and not b:
                    a, b = cn_range(a)  # type: ignore[misc]
            elif before_char and (P.NOT_A_QUANTITY_AROUND.match(before_char) or before_char in ".0123456789"):
                continue
            if unit in P.LATIN_UNITS and re.match(r"[A-Za-z]", masked[m.end() : m.end() + 1]):
                continue
            if unit == "人" and P.DEFINES_CLASS_SIZE.match(self.untitled, m.end()):
                continue  # "消除56人以上大班额": what 大班额 means
            if unit == "家" and (
                masked[m.end() : m.end() + 1] in tuple("访长庭务属乡")
                or masked.startswith(("校共", "校合", "校沟", "校联", "校协", "校社", "校互"), m.end())
            ):
                continue  # "3 家访率…": a table's points cell before the next cell's 家访, not three families
            if unit == "%" and (parse_number(a) or 0) >= 1000 and not b:
                continue  # "规划202320%开工率": a year glued to a share where the page lost its 年, no share to read
            if unit == "%" and P.MARGIN_ABOVE_BEFORE.search(masked, part.start, m.start()):
                continue  # "高于…平均工资水平百分之十": a margin above a level, read as a ratio to it (phrases.parity)
            if unit == "%":
                band = P.RATE_BAND_BEFORE.search(masked, max(part.sentence.start - 30, 0), m.start())
                if band and (parse_number(a) or 0) < float(band.group("higher")):
                    continue  # "100%5分,75%以上3分": a lower band of the row's scale
            if P.TEST_EVENT_AFTER.match(masked, m.end()):
                continue  # "50米跑", "1分钟跳绳": a fitness test's event, named by its distance or time
            after_number = m.start("unit") if m.group("unit") else m.end()
            if masked[m.start() - 1 : m.start()] == "等" and P.ISSUERS_AFTER.match(masked, after_number):
                continue  # "市教育局等8部门联合出台": who issued it
            if (
                unit == "支"
                and a == "一"
                and P.ONE_TEAM_BEFORE.search(masked, part.start, m.start())
                and not P.AT_LEAST_BEFORE.search(masked, part.start, m.start())
            ):
                continue  # "建设一支…教师队伍": a team to build
            if unit == "个" and (
                masked.startswith(("别", "性"), m.end())
                or (masked.startswith("体", m.end()) and not masked.startswith(("体育", "体操", "体验"), m.end()))
            ):
                continue  # "54个别老年同志": 个别 (a few) or 个体, not 54 of anything (but "1个体育社团" is one club)
            if P.EXCLUSION_BRACKET_BEFORE.search(masked, part.sentence.start, m.start()):
                continue  # "(不含…不足50人的教学点)": what a bracket leaves out, not a number to reach
            if unit in P.LISTED_ITEMS_UNITS and P.LISTED_ITEMS_BEFORE.search(masked, part.start, m.start()):
                continue  # "评估以下7项指标": the items of a list the text points at, not a number to reach
            if unit == "人" and masked.startswith("口", m.end()):
                continue  # "每三千至五千人口的区域": a population, not a number of people to reach
            if P.ACCOUNT_FIGURE.match(masked, m.start()) or P.ROUND_THE_CLOCK.match(masked, m.start()):
                continue
            if any(r.start() <= m.start() < r.end() for r in P.PER_N.finditer(masked, part.start, part.end)):
                continue  # "每100名学生配备1名": one ratio (tables.ratios), not two counts
            if P.SLOGAN_PERCENT.search(masked, max(0, m.start() - 4), min(len(masked), m.end() + 6)):
                continue  # 做到“三个100%”: a slogan whose targets are not stated
            if P.DEDUCTION_RATE.search(masked, part.start, m.start()) and P.DEDUCTION_AFTER.match(masked, m.end()):
                continue  # "每降低1个百分点扣0.5分", "每超1人扣0.2分": how points are taken off
            if P.CONDITION.match(masked, m.start()) and not P.TARGET_CUE_BEFORE.search(masked, part.start, m.start()):
                continue  # "200人及以上…的研学旅行活动": which ones, not how many ("不少于200人参加的活动" is)
            if P.DESCRIPTIVE_BEFORE.search(masked[part.start : m.start()]):
                continue
            if P.SHARE_OF_THOSE_AFTER.match(masked, m.end(), part.end):
                continue  # "落实每天1节体育课的学校比例不少于50%": which schools the share counts, no target
            if P.STATISTIC_OPENING.match(masked, part.sentence.start) and not P.TARGET_WORDS.search(
                masked, part.sentence.start, part.end
            ):
                continue  # "全区现有中小学56所,在校学生4.5万人": a report of what there is
            if self._reported(part, m.start()):
                continue  # "今年以来，先后组织开展校园足球联赛3次", "该校每天…2小时体育锻炼": done, not a target
            if P.PAST_MARKERS.match(masked, part.start) and "调整为" not in masked[part.start : part.sentence.end]:
                continue  # "原来每天下午两节延时课": what used to be
            if (
                P.COMPUTED_ON_BEFORE.search(masked, part.start, m.start())
                and P.COMPUTED_ON_AFTER.match(masked, m.end(), part.sentence.end)
                and not P.LESSON_LENGTH_BEFORE.search(masked, part.start, m.start())
            ):
                continue  # "每班按45人计算": what an area standard is computed on
            if any(h.start() < m.start() < h.end() for h in having):
                continue  # "有2个或2个以上平行班的学校": which schools
            if P.OPTIONS_BEFORE.search(masked, part.sentence.start, m.start()):
                continue  # "目标可选为:140公里、190公里": one of the options a school picks from
            if P.REFERENCE_BEFORE.search(masked[part.start : m.start()]):
                continue  # "按照办法中列出的12条负面清单": the size of another document's list
            if P.DONE_BEFORE.search(masked[part.start : m.start()]) and not re.match(
                r"[^,;。\d]{0,3}?(?:及)?以上", masked[m.end() : part.end]
            ):
                continue
            if P.DESCRIPTIVE_AFTER.search(masked, m.end(), part.end):
                continue
            if P.SUPERSEDED_AFTER.match(masked[m.end() : part.end]):
                continue
            if P.DURATION_WITHIN.match(masked, m.start()):
                continue  # "二十四小时内": a limit, read by phrases.within
            if P.SITUATION_END.search(masked, part.start, part.end) and not (
                P.AT_LEAST_BEFORE.search(masked, part.start, m.start())
                or P.AT_MOST_BEFORE.search(masked, part.start, m.start())
            ):
                continue  # "在同方向有两条以上机动车道的道路上停靠时": a situation, not a target
            if P.DEFINITION.search(masked, part.sentence.start, m.start()):
                continue  # "本条例所称校车，是指…7座以上的载客汽车": a definition
            if conditional(masked, part):
                continue  # "幼儿离开幼儿园三个月以上的，入园前应当…": who or when, not a target
            if P.INLINE_CONDITION_BEFORE.search(masked, part.start, m.start()) and P.INLINE_CONDITION_AFTER.match(
                masked, m.end(), part.end
            ):
                continue  # "不足350人的至少配备1人": the case, not the target
            if P.SUBJECT_CONDITION_AFTER.match(
                masked, m.end(), part.sentence.end
            ) and not P.SUBJECT_CONDITION_NOT_BEFORE.search(masked, part.start, m.start()):
                continue  # "800人以上的寄宿制学校应配备专职校医": which schools the rule is for
            value = parse_number(a)
            if value is None:
                continue
            value_max = parse_number(b) if b else None
            if b and value_max is None:
                continue
            span = NumberSpan(m.start(), m.end())
            if matches and value_max is None:
                # "2000元以上5000元以下": the second bound of the previous number's range.
                last, low, high, last_unit = matches[-1]
                if (
                    high is None
                    and last_unit == unit
                    and P.RANGE_JOIN.match(masked[last.end() : m.start()])
                    and P.RANGE_CLOSE.match(masked[m.end() : part.end])
                ):
                    matches[-1] = (NumberSpan(last.start(), m.end()), low, value, unit)
                    continue
                if (
                    high is None
                    and last_unit == unit
                    and (chinese or (m.group("unit") or "").startswith("个"))
                    and P.RANGE_SAME_UNIT_JOIN.fullmatch(masked[last.end() : m.start()])
                ):
                    matches[-1] = (NumberSpan(last.start(), m.end()), low, value, unit)  # "一个月至六个月"
                    continue
                if (
                    high is None
                    and last_unit in P.TIME_UNITS
                    and unit in P.TIME_UNITS
                    and re.fullmatch(r"\s*(?:至|到|-|—{1,2}|~)\s*", masked[last.end() : m.start()])
                ):
                    # "午休时间一般为20分钟至1小时": one range, its bounds in two units
                    low_minutes = low * P.TIME_UNITS[last_unit]
                    matches[-1] = (NumberSpan(last.start(), m.end()), low_minutes, value * P.TIME_UNITS[unit], "分钟")
                    continue
            matches.append((span, value, value_max, unit))
        listed, stage_of = self._respective(part, matches)
        matches = sorted([*matches, *listed], key=lambda entry: entry[0].start())
        out: list[Found] = []
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
                opens = P.STAGE_OPENS_NEXT.match(masked, q.end(), next_start)
                if opens and opens.start("stage") < q_end and unit not in P.STAGE_COUNTED_UNITS:
                    q_end = opens.start("stage")  # "小学每周3课时初中一年级每周2课时": the stage is the next one's
            points = P.POINTS.search(masked, q.end(), q_end)
            if points:
                q_end = points.start()  # "…不少于2次 2分 查阅资料": an assessment row's points and method
            found = self._reading(q, value, value_max, unit, part, previous_end, q_start, q_end)
            if found is not None:
                out.append(replace(found, stages=stage_of.get(q.start(), ())))
        return out

    def _respective(
        self, part: Part, matches: list[tuple[NumberSpan, float, float | None, str]]
    ) -> tuple[list[tuple[NumberSpan, float, float | None, str]], dict[int, tuple[str, ...]]]:
        """ "小学、初中、高中分别不超过6、7、8小时": the numbers of a 分别 list before the one that
        carries the unit, with the unit; and each number's stage when the list names as many."""
        listed: list[tuple[NumberSpan, float, float | None, str]] = []
        stage_of: dict[int, tuple[str, ...]] = {}
        taken = {q.start() for q, *_ in matches}
        lists = [
            *P.RESPECTIVE_LIST.finditer(self.masked, part.start, part.end),
            *P.RESPECTIVE_WITH_UNITS.finditer(self.masked, part.start, part.end),
            *(
                m
                for m in P.RESPECTIVE_COEFFICIENTS.finditer(self.masked, part.start, part.end)
                if P.COEFFICIENT_WORD.search(self.masked, part.sentence.start, m.start())
            ),
        ]
        for m in lists:
            numbers = list(re.finditer(r"\d*\.?\d+(?![\d.])", m.group("list")))
            unit = m.group("unit") or P.COEFFICIENT
            spans = [NumberSpan(m.start("list") + n.start(), m.start("list") + n.end()) for n in numbers]
            # the last number carries the unit and is read (or set aside) on its own; so does each of a list whose
            # figures carry their units
            unread = [] if m.re is P.RESPECTIVE_WITH_UNITS else list(zip(spans[:-1], numbers[:-1], strict=True))
            for span, n in unread:
                if span.start() not in taken and (value := parse_number(n.group())) is not None:
                    listed.append((span, value, None, unit))
            named = [s for s in re.split(r"[、和及与]", self.masked[part.start : m.start()].split(",")[-1]) if s]
            stages = [stages_and_grades(s)[0] for s in named]
            if len(stages) == len(spans) and all(len(s) == 1 for s in stages):
                for span, stage in zip(spans, stages, strict=True):
                    stage_of[span.start()] = stage
            elif m.re is not P.RESPECTIVE_WITH_UNITS:  # figures with their own units are read one by one
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
        signed = P.AREA_SIGN_AFTER.match(self.masked, m.end(), part.end) is not None
        if signed and P.AREA_BOUND_BEFORE.search(self.masked, part.start, m.start()):
            return True  # "初中≥5.8㎡": the sign says it is an area, the bound is next to the number
        if P.STAGE_BOUND_BEFORE.match(self.masked, part.start, m.start()):
            # "生均面积小学≥4.5,初中≥5.8": the stage's figure of the area the sentence named before it
            named = "面积" in self.masked[part.sentence.start : part.start]
            return named and P.AREA_SYMBOL_AFTER.match(self.masked, m.end(), part.end) is not None
        # "使用面积在40㎡以上": no comparator before, so the sign must be there
        return signed and P.AREA_IS_BEFORE.search(self.masked, part.start, m.start()) is not None

    def _length_or_age(self, m: re.Match[str], unit: str, part: Part) -> str | None:
        """ "任期为3年", "10年以上", "5年内不得…", "不少于3天", "试用期为6个月" are lengths of time;
        "年龄在25周岁以上", "不超过60周岁" are ages required. Any other year or day is a date or a
        horizon, any other age names who is meant ("3岁以下婴幼儿"): None."""
        masked = self.masked
        before, after = masked[part.start : m.start()], masked[m.end() : part.end]
        if unit in P.LENGTH_UNITS:
            lead = P.LEAD_EVENT_BEFORE.search(before) and P.LEAD_AFTER.match(after)
            if lead and unit in ("天", "日", "个工作日", "工作日"):
                return P.LENGTH_UNITS[unit] + P.LENGTH_MARK  # "开工十日前告知": a lead time
            lasting = before.endswith("为期")  # "开展为期200天的专项行动": how long it lasts, whatever it is
            horizon = P.YEAR_NOT_AFTER.match(after) and not lasting
            if re.search(r"\d{4}", m.group("a")) or before.endswith("每") or horizon:
                return None
            set_aside = unit in ("周", "天", "日") and (
                P.DAYS_SET_ASIDE_BEFORE.search(before)
                or P.WINDOW_LENGTH_BEFORE.search(masked, max(part.sentence.start, m.start() - 8), m.start())
            )
            if unit == "周" and not set_aside:  # a calendar's weeks: "本学期共20周", "教学时间:…为40周"
                set_aside = P.WEEKS_OF_TERM_BEFORE.search(before) or (
                    P.WEEKS_OF_TERM_LEAD.search(before)
                    and P.WEEKS_OF_TERM_SENTENCE.search(masked, part.sentence.start, m.start())
                )
            # a bound of a range of lengths: "责令停业整顿一个月至六个月", "3个月至6个月" (not of dates: "9月14日-18日")
            said = re.escape(m.group("unit") or unit)
            second = re.search(rf"[\d一二两三四五六七八九十]{said}{P.RANGE_WORD}$", before)
            bound = (is_chinese_numeral(m.group("a")) or said.startswith("个")) and (
                P.RANGE_BOUND_AFTER.match(after) or second
            )
            if P.YEAR_CUE_BEFORE.search(before) or P.YEAR_CUE_AFTER.match(after) or set_aside or bound:
                return P.LENGTH_UNITS[unit] + P.LENGTH_MARK
            return None
        cue = P.AGE_CUE_BEFORE.search(before) or re.search(r"不得?(?:超过|低于|小于|高于|大于)$", before)
        if P.AGE_GROUP_AFTER.match(after):
            return None  # "招收不满三周岁幼儿": an age group named, not an age required
        return P.AGE_UNIT if cue else None

    def _reading(
        self,
        m: re.Match[str] | NumberSpan,
        value: float,
        value_max: float | None,
        unit: str,
        part: Part,
        segment_start: int,
        q_start: int,
        q_end: int,
    ) -> Found | None:
        masked = self.masked
        before = masked[segment_start : m.start()]
        after = masked[m.end() : part.end]
        if unit == "平方米":
            after = re.sub(r"^\s*(?:m2|㎡)", "", after)  # "40㎡以上": the comparator follows the sign
        comparator: str | None = None
        cue_end: int | None = None
        approx = P.MORE_THAN_AFTER_NUMBER.search(masked, m.start(), m.end())
        if value_max is not None:
            comparator = "between"
        elif approx:
            comparator = "at_least"  # "新增学位7300余个": more than that many
        elif P.AT_LEAST_AFTER.match(after) or (unit == "个" and P.AT_LEAST_AFTER.match(after.removeprefix("班"))):
            comparator = "at_least"  # "不少于3所", "六个班以上"
        elif P.AT_MOST_AFTER.match(after) or (unit == "个" and P.AT_MOST_AFTER.match(after.removeprefix("班"))):
            comparator = "at_most"
        elif P.ABOUT_AFTER.match(after) or P.ABOUT_BEFORE.search(before):
            comparator = "equal"
        # The cue nearest the number wins; of two ending together, the longer ("不得少于").
        cues = [(c.end(), -c.start(), "at_least") for c in P.AT_LEAST_BEFORE.finditer(before)]
        cues += [(c.end(), -c.start(), "at_most") for c in P.AT_MOST_BEFORE.finditer(before)]
        if cues:
            last_end, _, last_kind = max(cues)
            # "少于200人的学校配1名专职保安员": the cue is the condition's, on the number after it
            condition = P.CONDITION.search(before, last_end)
            if len(before) - last_end <= 24 and condition is None:
                cue_end = last_end
                if comparator is None:
                    comparator = last_kind
            elif condition is not None and comparator is None:
                # "每校配备至少1名…，学生数超过1000人的学校配备2名": the stricter case of the rule keeps its limit
                earlier = [
                    c
                    for c in P.LIMITED_FIGURE.finditer(masked, part.sentence.start, part.start)
                    if c.group("unit") == unit
                ]
                if earlier:
                    comparator = "at_least" if P.AT_LEAST_BEFORE.fullmatch(earlier[-1].group("cue")) else "at_most"
        if comparator is None:
            # "班额不超过8人(培智)、12人(盲、聋)": a figure listed after another of the same unit keeps its limit
            listed = P.LISTED_AFTER.search(masked, part.sentence.start, m.start())
            if listed and masked[listed.start("unit") : listed.end("unit")] == unit:
                comparator = "at_least" if P.AT_LEAST_BEFORE.fullmatch(listed.group("cue")) else "at_most"
        period = period_of(masked[part.start : m.start()], after)
        if period and unit in P.TIME_UNITS and re.search(r"每次[^,;。、\d]{0,6}$", before):
            period = None  # "每周不少于2次、每次不少于30分钟": how long each time lasts, not each week
        # "…七至九年级每周不少于2节;普通高中…,课程累计不少于108节": a total over the stage its clause names, not
        # each week of the 每周 before it ("每五年累计" keeps its own period)
        clause = masked[max(part.sentence.start, masked.rfind(";", 0, m.start()) + 1) : m.start()]
        cumulative = "累计" in clause[clause.rfind(",") + 1 :] and not P.PERIOD_BEFORE.search(clause)
        if cumulative and (unit in P.LESSON_UNITS or unit in P.TIME_UNITS):
            period = "学段" if stages_and_grades(clause)[0] else None
        if (
            period is None
            and not cumulative
            and unit in P.LESSON_UNITS
            and P.AMOUNT_ONLY.match(masked, part.start)
            and re.fullmatch(r"\s*(?:以上|及以上|或以上|以下|及以下|以内)?\s*", masked[m.end() : part.end])
        ):
            # "学校要每月开展主题班会，不少于2次": an amount alone takes the period of the act before it
            period = period_of(masked[part.sentence.start : part.start], "")
        if period is None and not cumulative and P.HALF_OF_DAY.match(masked, part.start):
            # "每天上午1次…,下午1次…": the second half of the day shares the sentence's 每天.
            period = period_of(masked[part.sentence.start : part.start], "")
        if (
            period is None
            and not cumulative
            and (unit in P.TIME_UNITS or unit in P.LESSON_UNITS)
            and P.PARALLEL_LEAD.match(masked, part.start)
        ):
            # "小学生每天睡眠时间应达到10小时,初中生应达到9小时", "每天…不少于2小时,其中校内不少于
            # 1小时": a part naming another stage, or a share of the whole, keeps the sentence's 每天.
            period = period_of(masked[part.sentence.start : part.start], "")
        if (
            period is None
            and not cumulative
            and (unit in P.TIME_UNITS or unit in P.LESSON_UNITS)
            and masked[part.start - 1 : part.start] == ":"
        ):
            # "每天体育活动时间:不少于1小时": the label before the colon says the period of the figure after it
            period = period_of(masked[part.sentence.start : part.start], "")
        lead = P.LEADING_PERIOD.match(masked, part.sentence.start)
        by_act = unit in P.LESSON_UNITS or unit in P.TIME_UNITS
        if period is None and not cumulative and lead and lead.end() <= part.start and by_act:
            # "每学期,学校要召开2次家长会": the sentence's period, said alone before the clause with the count
            period = period_of(lead.group(0), "")
        if period is None and unit in P.LESSON_UNITS and unit != "次" and re.search(r"每次[^,;。\d]{0,4}$", before):
            period = "次"  # "每次1-2个课时": lessons each time it is held
        pair = P.EACH_OF_TWO.search(before)
        if pair and (period is None or pair_period(pair.group(0)) == "学期"):
            period = pair_period(pair.group(0))  # 上下午各一次: twice a day; 学期初、学期末各…: twice a term
        unit_out: str | None = unit
        if unit == "%":
            kind, value, comparator = share(value, comparator)
            value_max = clean(value_max / 100) if value_max is not None else None
            unit_out = "比例"
            if kind == "coverage" and P.SHARE_OF_AN_AMOUNT_AFTER.match(after):
                kind = "ratio"  # "享受100%的退休金待遇": all of an amount, not every one reached
        elif unit == P.COEFFICIENT:
            kind, unit_out = "ratio", P.COEFFICIENT
        elif unit == P.MULTIPLE:
            kind, unit_out = "ratio", "倍"  # "当地社会平均工资的一点五倍以上": 1.5 times that level
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
            if unit_out == "年" and value_max is None and not float(value).is_integer():
                value, unit_out = clean(value * 12), "月"  # "实行半年过渡期": six months, as a plan would count it
        elif unit == P.AGE_UNIT:
            kind, unit_out = "count", "周岁"
        elif period and unit == P.DAY_COUNT:
            kind, unit_out = "frequency", "天"
        elif period and (
            unit in P.LESSON_UNITS
            or unit in P.WRITTEN_UNITS
            or (unit in ("个", "项") and P.ACTIVITIES_AFTER.match(after))
            or (unit == "项" and P.ACTIVITY_ITEMS_BEFORE.search(masked, part.sentence.start, m.start()))
        ):
            kind = "frequency"  # "每学期至少完成2个主题活动": activities in a period, like 次
        elif unit in ("次", "场", "场次", "轮", "趟") and P.TIMES_OF_ACT_BEFORE.search(before):
            kind = "frequency"  # "开展一次集中培训": an act done so many times, its period not said
            comparator = comparator or "equal"  # as said: once, not at least once
        else:
            kind = "count"
        if pair:
            # "每天上下午各做1次": once in each half, twice in all.
            value = clean(value * 2)
            value_max = clean(value_max * 2) if value_max is not None else None
        if unit == "百分点":
            unit_out = "个百分点"
        if comparator is None and value == 0:
            comparator = "at_most"  # "一二年级0分钟": none at all, not at least none
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
        words_after = self.untitled[m.end() : q_end]
        if unit == "平方米":
            words_after = re.sub(r"^\s*(?:m2|㎡)", "", words_after)  # "≥2.3㎡": the sign is the unit's, no subject
        subject = subject_of(self.untitled[q_start : m.start()], words_after, kind, denominator)
        if kind == "duration" and unit_out == "周":
            subject = _weeks_of_term(subject, masked[part.sentence.start : m.start()])
        return Found(
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


    # -- finishing: quote, scope, stages, modality ------------------------------------------------

    def _finish(self, found: Found, clause: Clause, part: Part, lead_in: str = "") -> Candidate:
        text = self.text
        start, end = strip_ends(text, found.start, found.end, " ,、:;", " ,、:;。")
        o_start, o_end = self.norm.to_original(start, end)
        words = self.untitled
        quote_text = words[start:end]
        sentence = part.sentence
        lead = lead_in + words[sentence.start : start]
        stages, grades = stages_and_grades(quote_text)
        if found.stages:
            stages, grades = found.stages, found.grades
        elif not stages:
            stages, grades = stages_and_grades(lead + quote_text)
        if not stages:  # under a heading that names only a stage (一、小学), that stage's
            stages, grades = next(((s, g) for a, b, s, g in self.stage_sections if a <= start < b), ((), ()))
        led = any(a <= start < b for a, b in self.led)
        authority_led = any(a <= start < b for a, b in self.authority_led)
        chapter = next((title for at, title in reversed(self.chapters) if at <= start), "")
        scoped = quote_text
        listed = P.LISTED_AFTER.search(self.masked, sentence.start, start)
        if found.kind in ("count", "duration", "frequency") and listed:
            scoped = words[sentence.start : end]  # "每班不少于3名教师、2名保育员": the level of the list's first
        school_table = self.school_titled and in_assessment_table(self.norm.original, o_start)
        scope, reason, rule = scope_of(
            found,
            scoped,
            lead + quote_text,
            clause,
            self.local,
            bool(self.addressees),
            led,
            authority_led,
            chapter,
            school_table,
        )
        modality = found.modality or modality_of(found.kind, words[min(part.start, start) : end])
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


def _weeks_of_term(subject: str, sentence_before: str) -> str:
    """A calendar's weeks named by what they count: "本学期共21周" → 本学期教学周数, "教学时间：义务教育学校为
    40周" → 义务教育学校学年教学周数, "…放假，共19周" → 本学期教学周数."""
    who = re.sub(r"(?:为|共|共计|计)$", "", subject)
    if who and not re.search(r"(?:学期|学年|学校|小学|初中|高中|中学|幼儿园)$", who):
        return subject  # "其中上课18周", "复习考试2周", "全学年教学时间39周": already named
    if not P.WEEKS_OF_TERM_SENTENCE.search(sentence_before):
        return subject
    if who.endswith(("学期", "学年")):
        return f"{who}教学周数"
    term = "学年" if re.search(r"学年|全年", sentence_before) else "学期"
    return f"{who or '本'}{term}教学周数"


def _without_days_covered(readings: list[tuple[Found, Part]]) -> list[tuple[Found, Part]]:
    """ "课后服务每周5天全覆盖": the days a week are what is covered, a frequency already read — not a share of 100%
    beside it."""
    days = [f for f, _ in readings if f.kind == "frequency" and f.origin == "number" and f.unit in ("天", "日")]
    return [
        (f, p)
        for f, p in readings
        if not (
            f.kind == "coverage"
            and any(d.start >= f.start and d.end <= f.end and re.search(r"\d天$|\d日$", f.subject) for d in days)
        )
    ]


def _without_superseded_once(readings: list[tuple[Found, Part]]) -> list[tuple[Found, Part]]:
    """ "学校要每月开展主题班会，不少于2次": the amount said after the act is how often, not a second
    requirement beside the once a month its period alone would say."""
    counted = [f for f, _ in readings if f.kind == "frequency" and f.origin == "number" and f.period]
    return [
        (f, p)
        for f, p in readings
        if not (
            f.origin == "periodic" and any(n.period == f.period and n.start >= f.end for n in counted)
        )
    ]


def _measured(readings: list[tuple[Found, Part]]) -> tuple[str, str | None]:
    """What the last number of a sentence measures and its unit, when its subject says more than a stage or which
    schools."""
    for found, _ in reversed(readings):
        if found.origin == "number":
            said = P.STAGE_WORDS.sub("", found.subject)
            if said and not P.SCHOOL_KIND_ONLY.fullmatch(found.subject):
                return topic_of(found.subject), found.unit
            return "", None
    return "", None


def _without_restated_coverage(readings: list[tuple[Found, Part]]) -> list[tuple[Found, Part]]:
    """ "课后服务每周5天、每天2个时段全覆盖": the days and the sessions, each read with its number; 全覆盖 says they are
    all kept, not a third item. A coverage reading whose subject ends on a list of amounts (5天、2个时段) is dropped
    when the sentence's numbers are read."""
    counted = any(f.kind in ("frequency", "count", "duration") and f.origin == "number" for f, _ in readings)
    if not counted:
        return readings
    return [(f, p) for f, p in readings if f.kind != "coverage" or not P.AMOUNTS_LISTED.search(f.subject)]


def _without_restated_existence(readings: list[tuple[Found, Part]]) -> list[tuple[Found, Part]]:
    """"定期开展应急疏散演练，每学期不少于两次": one requirement, the count of the activity the sentence
    names first, not also a second item that it is held. An existence reading whose words the number
    reading of the same sentence carries as its subject is dropped."""
    numbers = [f.subject for f, _ in readings if f.kind in ("frequency", "count", "duration") and f.subject]
    if not numbers:
        return readings
    return [
        (f, p)
        for f, p in readings
        if f.kind != "existence" or not any(f.subject and f.subject in subject for subject in numbers)
    ]


def _from_reading(reading: Reading, part: Part, entry: Entry, start: int, end: int) -> Found:
    return Found(
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


__all__ = [
    "Candidate",
    "Span",
    "candidates_in",
    "describe",
    "extract",
    "format_value",
    "one_in",
    "one_in_n",
    "stages_and_grades",
    "where_in_plan",
    "with_scope",
]
