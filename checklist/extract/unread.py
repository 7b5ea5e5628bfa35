"""Sentences a person should read because the extractor read no number in them.

On plans it has not seen the extractor misses about one requirement with a number in eight (see
README, "How well the extractor does"). A reviewer cannot read a whole plan against the draft
with the same care everywhere, so the draft points at the sentences most likely to hold what was
missed: a sentence with an amount that states a requirement — a number with a unit of measure or
of counting (60分钟, 2次, 15%, 三十节), or any number right after a limit (不少于…, 不超过…) — of
which no numeric or time candidate holds that amount. Dates, years, ordinals, document numbers,
titles, 责任单位 and slogans in quotation marks are no such amount.

The list is a reading aid, not a judgement: a sentence in it may be a progress report or a
horizon the extractor rightly left out. ``benchmarks/bench_extraction.py`` measures both sides —
how many labelled requirements a person is shown (found, or in a listed sentence) and how many
sentences the list asks them to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from checklist.extract import patterns as P
from checklist.extract.candidate import Candidate
from checklist.extract.numbers import CN_DIGITS, DASH, NUM_AR, NUM_CN, PERCENT_CN
from checklist.extract.text import Document, Normalised, Part, Span, normalise, parts, sentences

# Kinds whose candidate reads an amount (an existence or prohibition candidate reads none).
READING_KINDS = frozenset({"duration", "frequency", "ratio", "count", "coverage", "deadline"})

# An amount: a number with the unit that says what it counts, or a number after a limit.
_UNITS = "|".join(
    re.escape(u)
    for u in sorted(
        (*P.UNITS_KEPT, "个工作日", "工作日", "个月", "天", "周"),
        key=len,
        reverse=True,
    )
)
_NUMBER = rf"(?:{PERCENT_CN}|\d+(?:,\d{{3}})*(?:\.\d+)?[万亿]?|{NUM_CN})"
# (not an indicator's code: "B4 课程开设" is no 4 lessons)
_AMOUNT = re.compile(
    rf"(?<![第每\d.,{CN_DIGITS}A-Za-z])(?P<n>{_NUMBER})(?:{DASH}(?:{NUM_AR}|{NUM_CN}))?(?P<unit>{_UNITS})?"
)
_LIMIT_BEFORE = re.compile(
    r"(?:不少于|不低于|不短于|不超过|不超(?![过出越前])|不高于|不多于|不大于|不得少于|不得低于|不得超过|至少|最多|最少|达到|保持在|控制在|"
    r"提高到|提高至|低于|高于|少于|多于|超过|[≥≤<>])$"
)
_LIMIT_AFTER = re.compile(r"^(?:以上|以下|以内|及以上|及以下|左右)")
# Units a Chinese numeral carries as often in a name or a count of topics (三个方面, 两项制度) as in a
# requirement: such an amount is one only after a limit or a period (每学期两次 is read by 次).
_LOOSE_UNITS = frozenset(
    {"个", "项", "条", "种", "门", "部", "家", "支", "处", "件", "本", "首", "张", "册", "字", "班", "周", "届", "位"}
)
# A session of a congress or a meeting (第十三届…第五次会议, 县六届人大五次会议, 二十届三中全会), a
# second-use word (二次供水): names, not amounts.
_SESSION_AFTER = re.compile(r"^(?:届|次?中?全会|次(?:供水|分配|下载|元))")
_SESSION_BEFORE = re.compile(r"届[^,;。]{0,8}$")  # …第十三届人民代表大会常务委员会第五次会议
# A number that is a year, a date or a time of day: 2024年, 3月, 15日, 8:30.
_DATE_AFTER = re.compile(r"^(?:年(?!级)|月(?!份?[内以])|日(?!内)|号|[:：∶]\d)")
_PERIOD_BEFORE = re.compile(r"每[^,;。\d]{0,4}$")


@dataclass(frozen=True)
class Amount:
    """An amount as written ("60分钟", "15%") and the comma-delimited part of its sentence that
    holds it (original coordinates): the passage a person would make an item of."""

    text: str
    start: int
    end: int
    passage: str


@dataclass(frozen=True)
class Unread:
    """A sentence of the plan (original coordinates) holding amounts no requirement reads."""

    start: int
    end: int
    quote: str
    amounts: tuple[Amount, ...]

    @property
    def passages(self) -> tuple[str, ...]:
        """The parts of the sentence holding its amounts, each once, in text order."""
        return tuple(dict.fromkeys(a.passage for a in self.amounts))


def reading_spans(candidates: Iterable[Candidate]) -> list[tuple[int, int]]:
    """The quotes (original coordinates) of the candidates that read an amount."""
    return [(c.start, c.end) for c in candidates if c.kind in READING_KINDS]


def unread_sentences(text: str, read: Iterable[tuple[int, int]], norm: Normalised | None = None) -> tuple[Unread, ...]:
    """The sentences of ``text`` with an amount that no span of ``read`` (original coordinates: the
    quotes of the requirements read from it, see ``reading_spans``) holds, in text order."""
    norm = norm or normalise(text)
    document = Document(norm)
    work = norm.text
    blank = bytearray(len(work))  # 1 where a number is no amount: titles, 责任单位, document numbers, quotes
    for span in (*document.titles, *document.responsible_brackets, *document.quoted):
        blank[span.start : span.end] = b"\x01" * (span.end - span.start)
    for m in P.DOC_NUMBER.finditer(work):
        blank[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    covered = bytearray(len(work))  # 1 inside the quote of a requirement that reads an amount
    for start, end in read:
        a, b = norm.to_working(start), norm.to_working(end)
        covered[a:b] = b"\x01" * (b - a)
    out: list[Unread] = []
    for clause in document.clauses:
        for sentence in (s for span in clause.spans for s in sentences(work, span)):
            said = work[sentence.start : sentence.end]
            if P.REPORT_MARKERS.search(said) and not P.REPORT_UNLESS.search(said):
                continue  # what has been done, reported: figures of the past
            if P.DEFINITION.search(said):
                continue  # 所称…是指…: what a word means
            if P.SIZE_ROW_NAME.fullmatch(said):
                continue  # "4~8个平行班" alone on its line: a standards table's column (or row) of a school size
            sentence_parts = parts(work, sentence)
            amounts = [
                m
                for m in _amounts(work, sentence, sentence_parts)
                if not any(blank[m.start() : m.end()]) and not all(covered[m.start() : m.end()])
            ]
            if amounts:
                start, end = norm.to_original(sentence.start, sentence.end)
                written = tuple(_written(norm, sentence, sentence_parts, amounts))
                out.append(Unread(start, end, text[start:end], written))
    return tuple(out)


def _part_of(sentence_parts: tuple[Part, ...], sentence: Span, position: int) -> Span | Part:
    """The comma-delimited part of the sentence that holds ``position`` (the sentence when none does)."""
    return next((p for p in sentence_parts if p.start <= position < p.end), sentence)


def _amounts(work: str, sentence: Span, sentence_parts: tuple[Part, ...]) -> list[re.Match[str]]:
    found = []
    for m in _AMOUNT.finditer(work, sentence.start, sentence.end):
        after = work[m.end("n") : sentence.end]
        before = work[max(sentence.start, m.start() - 8) : m.start()]
        tail = work[m.end() : sentence.end]
        if m.group("n") in ("万", "千", "百", "亿") or _DATE_AFTER.match(after):
            continue
        chinese = not (m.group("n")[0].isdigit() or m.group("n").startswith("百分之"))
        if chinese and (_SESSION_AFTER.match(after) or _SESSION_BEFORE.search(before)):
            continue
        if P.NOT_A_QUANTITY_AROUND.match(tail[:1]):
            continue
        if P.TEST_EVENT_AFTER.match(tail) or P.ISSUERS_AFTER.match(tail) or P.DESCRIPTIVE_AFTER.match(tail):
            continue
        said_before = work[sentence.start : m.start()]
        if P.DONE_BEFORE.search(said_before) or P.DESCRIPTIVE_BEFORE.search(said_before):
            continue  # done (已经…, 举办了…), or what there is (共有…, 现有…)
        if P.PAST_MARKERS.match(work[_part_of(sentence_parts, sentence, m.start()).start : m.start()]):
            continue  # what used to be (原来每天两节…)
        limited = bool(_LIMIT_BEFORE.search(before) or _LIMIT_AFTER.match(tail))
        unit = m.group("unit")
        if unit is None:
            if limited and not chinese:
                found.append(m)
            continue
        if unit in _LOOSE_UNITS and chinese and not (limited or _PERIOD_BEFORE.search(before)):
            continue
        found.append(m)
    return found


def _written(
    norm: Normalised, sentence: Span, sentence_parts: tuple[Part, ...], amounts: list[re.Match[str]]
) -> list[Amount]:
    """Each amount as the plan writes it, with the part of the sentence around it."""
    out = []
    for m in amounts:
        part = _part_of(sentence_parts, sentence, m.start())
        start, end = norm.to_original(m.start(), m.end())
        out.append(Amount(norm.original[start:end], start, end, norm.quote(part.start, part.end)))
    return out

