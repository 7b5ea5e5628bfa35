"""Reading real plan text: normalisation with an offset map, debris, clauses, sentences, parts.

The text a bureau publishes is messy: full-width and half-width punctuation side by side,
stray spaces left by PDF conversion ("研 学", "15 %", "1 — 2 次", "14 ."), web-page debris
around the plan (当前位置, 发布时间, 智能问答/首页/…/公网安备). Every pattern runs on a
*working string*: NFKC-normalised, stray spaces removed. Each working character remembers the
index of the original character it came from, so any span found in the working string maps
back to an exact substring of the original text (a quote that ``str.find`` will find again).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

_SPACES = frozenset(" \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff")


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True)
class Normalised:
    """The working string of a text and the map back to the original.

    ``offsets[i]`` is the index in ``original`` of the character ``text[i]`` came from;
    ``offsets[len(text)] == len(original)``.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that working span [start, end) came from."""
        if end <= start:
            position = self.offsets[start]
            return position, position
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original words behind working span [start, end), stray spaces included."""
        o_start, o_end = self.to_original(start, end)
        return self.original[o_start:o_end]

    def to_working(self, position: int) -> int:
        """The first working index whose original index is at or after ``position``."""
        return bisect.bisect_left(self.offsets, position, 0, len(self.text))


def normalise(original: str) -> Normalised:
    """NFKC per character (full-width digits and punctuation become ASCII), then remove runs of
    spaces and tabs unless they separate two ASCII letters or digits ("Python 3" keeps its
    space; "研 学", "15 %", "1 — 2 次", "X 水产学校" lose theirs). Newlines are kept: they
    carry the structure (numbered items start a line)."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(original):
        code = ord(ch)
        if code < 0x80 or 0x4E00 <= code <= 0x9FFF:
            chars.append(ch)
            offsets.append(index)
            continue
        for out in unicodedata.normalize("NFKC", ch):
            chars.append(out)
            offsets.append(index)
    text_chars: list[str] = []
    text_offsets: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        ch = chars[i]
        if ch in _SPACES:
            j = i
            while j < n and chars[j] in _SPACES:
                j += 1
            before = text_chars[-1] if text_chars else ""
            after = chars[j] if j < n else ""
            if before and after and _is_ascii_alnum(before) and _is_ascii_alnum(after):
                text_chars.append(" ")
                text_offsets.append(offsets[i])
            i = j
            continue
        text_chars.append(ch)
        text_offsets.append(offsets[i])
        i += 1
    text_offsets.append(len(original))
    return Normalised(original, "".join(text_chars), tuple(text_offsets))


# ---------------------------------------------------------------------------------------------
# Structure

# An item number at the start of a line ("14.", "14 .", "3、", "１２．" after normalisation).
ITEM_START = re.compile(r"(?m)^[ \t]*(\d{1,3})[ \t]*[.、](?!\d)")
# Section headings 一、 and sub-section headings (一).
SECTION_START = re.compile(
    r"(?m)^[ \t]*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))"
)
# The 责任单位 tail of an item: "(责任单位:基教科、教研中心,各学校)".
RESPONSIBLE_TAIL = re.compile(r"\(责任单位[:]?([^()]*)\)")
# Web-page debris: navigation, publication data, sharing widgets, footers.
DEBRIS_LINE = re.compile(
    r"(?m)^[ \t]*(?:当前位置|发布时间|发布日期|来源[:]|作者[:]|浏览次数|点击数|【字号|字号[:]|"
    r"分享[:]?$|打印本页|关闭窗口|智能问答$|首页$|政务资讯$|信息公开$|办事服务$|互动交流$|"
    r"招生考试$|网站地图|联系我们|扫一扫|上一篇|下一篇|•|·附件|附件[:]$|视频[:]$|"
    r"[^\n]{0,20}公网安备|[^\n]{0,20}ICP备|版权所有|主办单位|技术支持)[^\n]*$"
)
_SENTENCE_END = frozenset("。;!?\n")
_PART_END = frozenset(",:")
_OPEN = {"(": ")", "“": "”", "《": "》", '"': '"', "‘": "’", "[": "]", "〔": "〕", "【": "】"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    """A numbered item (条) in working coordinates.

    ``title`` is the item's heading sentence when it has one ("推动普通高中多元化发展。");
    ``body`` runs from after the title to the 责任单位 tail (or the end of the item).
    """

    number: str | None
    start: int
    end: int
    title: Span
    body: Span
    responsible: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """A comma-delimited part of a sentence: the unit a requirement is quoted from."""

    start: int
    end: int
    sentence: Span


def debris_spans(text: str) -> tuple[Span, ...]:
    """Lines of web-page debris, in working coordinates."""
    return tuple(Span(m.start(), m.end()) for m in DEBRIS_LINE.finditer(text))


def clauses(norm: Normalised) -> tuple[Clause, ...]:
    """The numbered items of a plan. A plan without numbered items yields one clause without a
    number covering its text (debris lines excluded by the callers)."""
    text = norm.text
    items = [(m.start(), m.end(), m.group(1)) for m in ITEM_START.finditer(text)]
    stops = sorted(
        {m.start() for m in SECTION_START.finditer(text)}
        | {s.start for s in debris_spans(text)}
        | {start for start, _, _ in items}
        | {len(text)}
    )
    result: list[Clause] = []
    if not items:
        # No numbered items: the whole text, less a title line (short, no sentence punctuation).
        first_line = text.find("\n")
        title = text[: max(first_line, 0)]
        start = first_line + 1 if 0 < first_line < 60 and not re.search(r"[。;,!?]", title) else 0
        end = min((s for s in stops if s > start), default=len(text))
        result.append(_clause(text, None, start, start, end))
        return tuple(result)
    for start, body_start, number in items:
        end = stops[bisect.bisect_right(stops, start)]
        result.append(_clause(text, str(int(number)), start, body_start, end))
    return tuple(result)


def _clause(text: str, number: str | None, start: int, body_start: int, end: int) -> Clause:
    while end > body_start and text[end - 1] in " \n\t":
        end -= 1
    responsible: tuple[str, ...] = ()
    body_end = end
    tail = None
    for m in RESPONSIBLE_TAIL.finditer(text, body_start, end):
        tail = m
    if tail is not None:
        body_end = tail.start()
        units = re.split(r"[、,;，；]", tail.group(1))
        responsible = tuple(u.strip() for u in units if u.strip())
    while body_start < body_end and text[body_start] in " \n\t":
        body_start += 1
    title = Span(body_start, body_start)
    if number is not None:
        # A heading sentence: short, no comma, and followed by the item's text.
        for i in range(body_start, min(body_end, body_start + 41)):
            if text[i] in ",;":
                break
            if text[i] in "。\n":
                if text[i + 1 : body_end].strip():
                    title = Span(body_start, i + 1)
                break
    return Clause(
        number=number,
        start=start,
        end=end,
        title=title,
        body=Span(title.end, body_end),
        responsible=responsible,
    )


def sentences(text: str, span: Span) -> tuple[Span, ...]:
    """Sentences inside a span: split on 。 ; ! ? and newlines outside brackets and quotes."""
    return tuple(_split(text, span.start, span.end, _SENTENCE_END))


def parts(text: str, sentence: Span) -> tuple[Part, ...]:
    """Comma-delimited parts of a sentence. A part ending in a grade list ("小学四、五年级,")
    is joined to the next, which carries the requirement."""
    raw = _split(text, sentence.start, sentence.end, _PART_END)
    merged: list[Span] = []
    pending: Span | None = None
    for span in raw:
        if pending is not None:
            span = Span(pending.start, span.end)
            pending = None
        if text[span.start : span.end].endswith("年级") and span is not raw[-1]:
            pending = span
            continue
        merged.append(span)
    if pending is not None:
        merged.append(pending)
    return tuple(Part(s.start, s.end, sentence) for s in merged)


def _split(text: str, start: int, end: int, stops: frozenset[str]) -> list[Span]:
    spans: list[Span] = []
    depth: list[str] = []
    piece = start
    for i in range(start, end):
        ch = text[i]
        if depth and ch == depth[-1]:
            depth.pop()
            continue
        if ch in _OPEN and len(depth) < 3:
            # A lone opening mark with no close in the sentence must not swallow the rest.
            closer = _OPEN[ch]
            if text.find(closer, i + 1, end) >= 0:
                depth.append(closer)
                continue
        if ch == "\n" or (ch in stops and not depth):
            spans.append(Span(piece, i + 1 if ch != "\n" else i))
            piece = i + 1
            if ch == "\n":
                depth.clear()
    if piece < end:
        spans.append(Span(piece, end))
    return [s for s in (_trim(text, s) for s in spans) if s.end > s.start]


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in " \n\t":
        start += 1
    while end > start and text[end - 1] in " \n\t,:;。!?":
        end -= 1
    return Span(start, end)


def inside_marks(text: str, opening: str, closing: str) -> tuple[Span, ...]:
    """Spans inside paired marks on one line (《…》, “…”), marks included."""
    pattern = re.compile(
        re.escape(opening) + r"[^" + re.escape(closing) + r"\n]{0,120}" + re.escape(closing)
    )
    return tuple(Span(m.start(), m.end()) for m in pattern.finditer(text))


@dataclass(frozen=True)
class Document:
    """A plan read for extraction: its working text and structure."""

    norm: Normalised

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        return clauses(self.norm)

    @cached_property
    def titles(self) -> tuple[Span, ...]:
        """《…》 spans: numbers inside titles are never requirements."""
        return inside_marks(self.norm.text, "《", "》")

    @cached_property
    def quoted(self) -> tuple[Span, ...]:
        """“…” spans: slogans and named programmes."""
        return inside_marks(self.norm.text, "“", "”")
