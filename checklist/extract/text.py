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

from checklist.extract.patterns import COLUMN_HEAD, PER_CELL, STAGE_COLUMN, UNIT_CELL, VALUE_UNITS
from checklist.outline import DEBRIS_LINE, RESPONSIBLE_BRACKET, outline

# A line wrapped between a limit's number and its unit: "课后服务每天不少于2\n小时。" (the number may stand on a line
# of its own: "小学不超\n45\n人")
_WRAPPED_AMOUNT = re.compile(
    r"(?:不少于|不低于|不超过|不超(?![过出越前])|不高于|不多于|至少|达到)[ \t]*(?:\n[ \t]*)*\d+(?:\.\d+)?"
    r"(?P<gap>[ \t]*\n[ \t]*)"
    r"(?=小时|分钟|次|课时|学时|%|天|周|节|人|名|个)"
)
# … or inside a comparator: "不超⏎过60分钟", "不少⏎于2次".
_COMPARATOR_WORDS = (
    "不少于", "不低于", "不超过", "不高于", "不多于", "不得少于", "不得低于", "不得超过",
    "不早于", "不晚于", "至少", "达到", "以上", "以下", "以内",
)  # fmt: skip
_WRAPPED_COMPARATOR = re.compile(
    "|".join(
        rf"{re.escape(w[:k])}(?P<gap{n}_{k}>[ \t]*\n[ \t]*)(?={re.escape(w[k:])})"
        for n, w in enumerate(_COMPARATOR_WORDS)
        for k in range(1, len(w))
    )
)
# … or after a comparator, past blank lines (a page that sets each line of a PDF apart): "不少于⏎⏎2m⏎⏎2"; and the
# square of m² set on a line of its own, as PDFs put a superscript: "2m⏎⏎2;".
_WRAPPED_BEFORE_NUMBER = re.compile(
    r"(?:不少于|不低于|不超过|不超(?![过出越前])|不高于|不多于|不小于|不大于|至少|达到)"
    r"(?P<gap>[ \t]*(?:\n[ \t]*)+)(?=\d)"
)
_SQUARE_ON_ITS_LINE = re.compile(r"(?<=\d)[ \t]*m(?P<gap>[ \t]*(?:\n[ \t]*)+)2(?![\d.])")
_SPACES = frozenset(" \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff")
# A table's row from a PDF, its cells apart by spaces: "1 每学期开展2次防溺水专题教育 安全科 6月底前".
# … under its header ("序号 重点任务 责任科室 完成时限"): without one, spaces are a PDF's stray ones.
_TABLE_HEADER = re.compile(r"(?m)序号[ \u3000]+[\u4e00-\u9fff]{2,8}(?:[ \u3000]+[\u4e00-\u9fff]{2,8})+[ \u3000]*$")
_NUMBERED_ROW = re.compile(r"(?m)^[ \u3000]*\d{1,3}[ \u3000]+[^\n]+$")
_CELL_GAP = re.compile(r"(?<=[\d\u4e00-\u9fff）)》”%])[ \u3000]+(?=[\d\u4e00-\u9fff（(《“])")
# An assessment table's row flattened with spaces: its indicator code, the indicator's short name,
# then what is checked ("B6 户外活动 学生在校期间每天户外活动时间不少于2小时"). The space after the name
# is a cell boundary, kept as a tab like a Word table's.
_CODE_ROW = re.compile(
    r"(?m)^[ \t\u3000]*[A-Z]\d{1,2}(?:[.、．])?[ \t\u3000]+[\u4e00-\u9fff、“”（）()]{2,12}"
    r"(?P<gap>[ \u3000]+)(?=[\u4e00-\u9fff])"
)

# Numbered items run into one line, apart by spaces (a web page flattened): "二、办学条件 1.生均…4.5平方米 2.每个…".
_RUN_IN_MARK = re.compile(
    r"(?:^|(?<=[ \u3000]))(?:(?P<ar>[0-9０-９]{1,2})[.．、](?![0-9０-９])|[(（](?P<par>[0-9０-９]{1,2})[)）]|"
    r"[(（](?P<cnpar>[一二三四五六七八九十]{1,3})[)）]|(?P<circ>[①-⑳]))"
    # not a list's figure: "音乐2、体育 3、美术 1、信息技术 1"
    r"(?![ \u3000]*[\u4e00-\u9fff]{1,6}[ \u3000]*[0-9０-９]+(?:[-—~][0-9０-９]+)?[ \u3000]*(?:、|$))"
)
_CN_ORDINALS = "一二三四五六七八九十"
# A standards table flattened with spaces: a header whose columns are stages ("项目 小学 初中"), then rows of a label
# and a value under each stage ("生均校舍建筑面积(平方米) 8.5 10.2 班额(人) 45 50").
_SPACED_STAGE_HEADER = re.compile(
    rf"(?:(?<=[ \u3000])|(?<=^))(?:{STAGE_COLUMN})(?:[ \u3000]+(?:{STAGE_COLUMN}))+(?=[ \u3000\n]|$)", re.M
)
# An assessment table's row flattened with spaces: what is checked, its points cell, its deduction cell, then the next
# row ("…初中不少于3节 5 发现1次扣1分 作业 …"): the points and the deduction are cells of their own, after a line break.
_SPACED_SCORE_CELLS = re.compile(
    r"(?<=[\u4e00-\u9fff。;；)）”])(?P<before>[ \u3000]+)[0-9]{1,2}(?:\.[0-9])?(?P<between>[ \u3000]+)"
    r"[^ \u3000\n]*?(?:扣[0-9]+(?:\.[0-9]+)?分|不得分|不扣分)[^ \u3000\n]*(?P<after>[ \u3000]+)?"
)
_SPACED_TOKEN = re.compile(r"[^ \u3000\t\n]+")
# A unit column's cell in such a row, as a table's unit cell reads (patterns.UNIT_CELL), or in brackets: "(平方米)"
_UNIT_TOKEN = re.compile(rf"[(（]?(?:{UNIT_CELL.pattern})[)）]?")
_BARE_VALUE = re.compile(rf"[≥≤><]?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:[%％]|m²|{VALUE_UNITS})?")  # the original's m²
_LIST_ENTRY_BEFORE = re.compile(r"[0-9０-９][、,，][\u4e00-\u9fff]{1,6}[ \u3000]+$")
# … the number that opens such an item, in the working string
_ITEM_MARK_OPENING = re.compile(
    r"(?:[0-9]{1,2}[.、](?![0-9])|\([0-9]{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[①-⑳]|[●•◆◇■□▪▶►○◎])[ \t]*"
)


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
    space; "研 学", "15 %", "1 — 2 次", "X 水产学校" lose theirs); a run with a tab inside a
    line becomes one tab (the cells of a table row). Newlines are kept: they carry the
    structure (numbered items start a line) — except a newline that only wraps a long line inside
    its sentence (text from a PDF: "每天不少于一小⏎时体育活动"), which is dropped so that the words it
    broke are read whole."""
    first = _normalise(original, frozenset())
    wraps = _wrapped_newlines(first)
    return _normalise(original, wraps) if wraps else first


def _letter_spaced(original: str) -> bytearray:
    """1 for each character of a line whose every character stands apart ("小 学 生 每 天 睡 眠 1 0 小 时", text
    from some PDFs): there a space between two digits is no separator either ("1 0" is 10)."""
    flags = bytearray(len(original) + 1)
    for line in re.finditer(r"[^\n]+", original):
        said = line.group(0)
        letters = sum(1 for ch in said if ch not in _SPACES)
        apart = len(re.findall(r"(?<=[^ \u3000])[ \u3000](?=[^ \u3000])", said))
        if letters >= 6 and apart >= 0.8 * (letters - 1):
            flags[line.start() : line.end()] = b"\x01" * (line.end() - line.start())
    return flags


def _run_in_items(original: str) -> frozenset[int]:
    """The original offsets of the spaces before numbered items run into one line ("…4.5平方米 2.每个班级…"): each
    a line break in the working string. An item counts only in a run: the item before it or after it in the line is
    of the same style and numbered next to it, so a lone "2、" after a space stays where it is."""
    breaks: set[int] = set()
    for line in re.finditer(r"[^\n]+", original):
        marks: dict[str, list[tuple[int, int]]] = {}
        for m in _RUN_IN_MARK.finditer(line.group(0)):
            if _LIST_ENTRY_BEFORE.search(line.group(0), 0, m.start()):
                continue  # "…、美术 2、信息技术1": the figure of an entry of a list, not an item's number
            style = next(name for name, said in m.groupdict().items() if said is not None)
            said = m.group(style)
            if style == "circ":
                n = ord(said) - ord("①") + 1
            elif style == "cnpar":
                n = _CN_ORDINALS.index(said) + 1 if len(said) == 1 else 0
            else:
                n = int(unicodedata.normalize("NFKC", said))
            marks.setdefault(style, []).append((line.start() + m.start(), n))
        for run in marks.values():
            for k, (at, n) in enumerate(run):
                after = k + 1 < len(run) and run[k + 1][1] == n + 1
                before = k > 0 and run[k - 1][1] == n - 1
                if (after or before) and at > line.start():
                    breaks.add(at - 1)
    return frozenset(breaks)


def _spaced_unit_table(original: str) -> frozenset[int]:
    """A table flattened with spaces under a header that names a unit column and the value column after it
    ("编号 名称 规格型号 单位 数量", "项目 单位 小学 初中"): the original offsets of the spaces that part the cells
    of the header and of each row below it with as many cells, its unit under 单位 and a bare value after it (kept
    as tabs, as a Word table's). The table counts only when two such rows are found."""
    cells: set[int] = set()
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", original)]
    for index, (start, line) in enumerate(lines):
        heads = [h.group(0) for h in _SPACED_TOKEN.finditer(line)]
        unit_at = next((i for i, h in enumerate(heads) if h in ("单位", "计量单位")), -1)
        if not 0 < unit_at < len(heads) - 1 or not COLUMN_HEAD.fullmatch(heads[unit_at + 1]):
            continue
        rows = []
        for row_start, row in lines[index + 1 : index + 400]:
            tokens = list(_SPACED_TOKEN.finditer(row))
            if len(tokens) != len(heads):
                continue
            unit, value = tokens[unit_at].group(0), tokens[unit_at + 1].group(0)
            if UNIT_CELL.fullmatch(unit) and (_BARE_VALUE.fullmatch(value) or PER_CELL.fullmatch(value)):
                rows.append((row_start, tokens))
        if len(rows) < 2:
            continue
        cells.update(start + m.start() for m in re.finditer(r"(?<=\S)[ \u3000]+(?=\S)", line))  # the header's gaps
        for row_start, tokens in rows:
            cells.update(_gap_start(original, row_start + t.start()) for t in tokens[1:])
    return frozenset(cells)


def _spaced_stage_table(original: str) -> tuple[frozenset[int], frozenset[int]]:
    """A standards table flattened with spaces under a header of stage columns: (the original offsets of the spaces
    that part its cells, kept as tabs; those that end its rows, kept as line breaks). A row is a label and exactly one
    bare value for each column; the table counts only when two rows are found, and ends at a sentence's end."""
    cells: set[int] = set()
    rows: set[int] = set()
    for header in _SPACED_STAGE_HEADER.finditer(original):
        columns = re.findall(STAGE_COLUMN, header.group(0))
        end = original.find("。", header.end())
        end = min(len(original), header.end() + 2000) if end < 0 else end
        tokens = list(_SPACED_TOKEN.finditer(original, header.end(), end))
        found: list[tuple[int, int]] = []  # (first value token, last value token) of each row
        k = 0
        while k < len(tokens):
            j = k
            while j < len(tokens) and _BARE_VALUE.fullmatch(tokens[j].group(0)):
                j += 1
            if j - k == len(columns) and k > 0 and not _BARE_VALUE.fullmatch(tokens[k - 1].group(0)):
                found.append((k, j - 1))
            k = max(j, k + 1)
        if len(found) < 2:
            continue
        gaps_of_header = [m.start() for m in re.finditer(r"[ \u3000]+", header.group(0))]
        cells.update(header.start() + g for g in gaps_of_header)
        if header.start() > 0 and original[header.start() - 1] in " \u3000":
            # "项目 小学 初中": the label column's head, then the stages
            cells.add(_gap_start(original, header.start()))
        rows.add(header.end())
        for first, last in found:
            # "生均校舍建筑面积 平方米 8 10": the unit its own cell, after the label on its line
            unit, label = tokens[first - 1], tokens[first - 2] if first > 1 else None
            if label and _UNIT_TOKEN.fullmatch(unit.group(0)) and "\n" not in original[label.end() : unit.start()]:
                cells.add(_gap_start(original, unit.start()))
            for token in tokens[first : last + 1]:
                gap = _gap_start(original, token.start())
                if "\n" not in original[gap : token.start()]:
                    cells.add(gap)
            after = tokens[last].end()
            if after < end and original[after] in " \u3000":
                rows.add(after)
    return frozenset(cells), frozenset(rows)


def _spaced_score_cells(original: str) -> tuple[frozenset[int], frozenset[int]]:
    """The points and deduction cells of an assessment table's rows flattened with spaces: (the original offsets of the
    spaces between the two, kept as tabs; the last spaces of those before the points and after the deduction, kept as
    line breaks), so that what a row checks is read as a sentence of its own."""
    cells: set[int] = set()
    breaks: set[int] = set()
    for m in _SPACED_SCORE_CELLS.finditer(original):
        cells.add(m.start("between"))
        breaks.add(m.end("before") - 1)
        if m.group("after"):
            breaks.add(m.end("after") - 1)
    return frozenset(cells), frozenset(breaks)


def _pipe_cells(original: str) -> dict[int, bool]:
    """The bars of a table a page sets out with them ("项目 | 小学 | 初中 |"), by original offset: True for a bar
    between two cells (kept as a tab), False for one that opens or closes a row (dropped). A line counts when it holds
    two bars or more, each with a space or the line's end on both sides."""
    bars: dict[int, bool] = {}
    for line in re.finditer(r"[^\n]+", original):
        said = line.group(0)
        found = [m.start() for m in re.finditer(r"(?:(?<=[ \u3000\t])|(?<=^))\|(?=[ \u3000\t]|$)", said)]
        if len(found) < 2:
            continue
        for at in found:
            inner = said[:at].strip(" \u3000\t|") != "" and said[at + 1 :].strip(" \u3000\t|") != ""
            bars[line.start() + at] = inner
    return bars


def _gap_start(original: str, at: int) -> int:
    """Where the run of spaces before ``at`` starts."""
    start = at
    while start > 0 and original[start - 1] in " \u3000\t":
        start -= 1
    return start


def _last_space(original: str, at: int) -> int:
    """The last space of the run that starts at ``at``."""
    while at + 1 < len(original) and original[at + 1] in " \u3000\t":
        at += 1
    return at


def _wrapped_newlines(norm: Normalised) -> frozenset[int]:
    """The original offsets of the newlines that lie inside a sentence: the sentence splitter went on
    past them, so they only wrap a line (see ``_wrapped``)."""
    if "\n" not in norm.text:
        return frozenset()
    text = norm.text
    return frozenset(
        norm.offsets[i]
        for clause in clauses(norm)
        for span in clause.spans
        for sentence in sentences(text, span)
        for i in range(sentence.start, sentence.end)
        if text[i] == "\n"
    )


# Markup a page's converter left in its text: "小学不超?/p>⏎45⏎人" (a paragraph's end tag after a character it lost),
# "<br/>", "</p>", "&nbsp;". It is read as spaces, so the words on either side join as the page showed them.
_MARKUP = re.compile(r"\?/p>|</?(?:p|br|div|span|td|tr|strong|b|font)\b[^<>\n]{0,60}?/?>|&nbsp;", re.IGNORECASE)


def _normalise(source: str, wraps: frozenset[int]) -> Normalised:
    original = _MARKUP.sub(lambda m: " " * len(m.group(0)), source)
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
    joined = set(wraps) | {
        offset
        for m in _WRAPPED_AMOUNT.finditer(original)
        for offset in range(m.start("gap"), m.end("gap"))
        if original[offset] == "\n"
    }
    joined |= {
        offset
        for m in _WRAPPED_COMPARATOR.finditer(original)
        for name, gap in m.groupdict().items()
        if gap is not None
        for offset in range(m.start(name), m.end(name))
        if original[offset] == "\n"
    }
    joined |= {
        offset
        for pattern in (_WRAPPED_BEFORE_NUMBER, _SQUARE_ON_ITS_LINE)
        for m in pattern.finditer(original)
        for offset in range(m.start("gap"), m.end("gap"))
        if original[offset] == "\n"
    }
    cells = {m.start("gap") for m in _CODE_ROW.finditer(original)}
    header = _TABLE_HEADER.search(original)
    for row in _NUMBERED_ROW.finditer(original, header.end() if header else len(original)):
        gaps = list(_CELL_GAP.finditer(row.group(0)))
        if len(gaps) >= 3:  # 序号, task, unit, deadline: a table's row, its cells apart
            cells.update(row.start() + g.start() for g in gaps)
    spaced = _letter_spaced(original)
    run_in = _run_in_items(original)
    table_cells, table_rows = _spaced_stage_table(original)
    score_cells, score_breaks = _spaced_score_cells(original)
    cells |= table_cells | score_cells | _spaced_unit_table(original)
    run_in |= {_last_space(original, at) for at in table_rows} | score_breaks
    pipes = _pipe_cells(original)
    text_chars: list[str] = []
    text_offsets: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        ch = chars[i]
        if ch == "\n" and offsets[i] in joined:
            i += 1  # "每天不少于2\n小时": a line wrapped inside its sentence (text from a PDF)
            continue
        if ch == "|" and offsets[i] in pipes:
            if text_chars and text_chars[-1] not in ("\n", "\t") and pipes[offsets[i]]:
                text_chars.append("\t")  # "生均校舍建筑面积 | 8 | 10": a page's table, its cells apart
                text_offsets.append(offsets[i])
            i += 1
            continue
        if ch in _SPACES:
            j = i
            while j < n and chars[j] in _SPACES:
                j += 1
            before = text_chars[-1] if text_chars else ""
            after = chars[j] if j < n else ""
            if offsets[j - 1] in run_in and before not in ("", "\n"):
                text_chars.append("\n")  # "…4.5平方米 2.每个班级…": the next item of a run, on a line of its own
                text_offsets.append(offsets[j - 1])
            elif offsets[i] in cells:
                text_chars.append("\t")  # an assessment row's name and what it checks
                text_offsets.append(offsets[i])
            elif "\t" in chars[i:j] and before not in ("", "\n") and after not in ("", "\n"):
                text_chars.append("\t")  # a table row's cells, as a Word table is read: kept apart
                text_offsets.append(offsets[i + chars[i:j].index("\t")])
            elif before and after and _is_ascii_alnum(before) and _is_ascii_alnum(after) and not spaced[offsets[i]]:
                text_chars.append(" ")
                text_offsets.append(offsets[i])
            i = j
            continue
        text_chars.append(ch)
        text_offsets.append(offsets[i])
        i += 1
    text_offsets.append(len(original))
    return Normalised(source, "".join(text_chars), tuple(text_offsets))


# ---------------------------------------------------------------------------------------------
# Structure: the outline (checklist/outline.py) in working coordinates

_SENTENCE_END = frozenset("。;!?\n")
_PART_END = frozenset(",:")
_OPEN = {"(": ")", "“": "”", "《": "》", '"': '"', "‘": "’", "[": "]", "〔": "〕", "【": "】"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    """A clause (条目) of the outline, in working coordinates: its innermost number ("14",
    "第五条", "三"), its path ("三、(二)第14条"), the spans of its text to read (its lines less
    the marker, debris and 责任单位 lines) and who is responsible for it."""

    number: str | None
    path: str
    start: int
    end: int
    spans: tuple[Span, ...]
    responsible: tuple[str, ...]

    @property
    def body(self) -> Span:
        """From the first text to read to the last (for callers that want one span)."""
        if not self.spans:
            return Span(self.end, self.end)
        return Span(self.spans[0].start, self.spans[-1].end)


@dataclass(frozen=True)
class Part:
    """A comma-delimited part of a sentence: the unit a requirement is quoted from."""

    start: int
    end: int
    sentence: Span


def debris_spans(text: str) -> tuple[Span, ...]:
    """Lines of web-page debris, in working coordinates."""
    return tuple(Span(m.start(), m.end()) for m in re.finditer(r"(?m)^.*$", text) if DEBRIS_LINE.match(m.group(0)))


def clauses(norm: Normalised) -> tuple[Clause, ...]:
    """Every clause of the plan, covering every line that is not debris: numbered at any level
    (第X部分, 第X章, 第X条, 一、, （一）, 1., （1）, ①) or not numbered at all."""
    result = []
    for o in outline(norm.original):
        start, end = norm.to_working(o.start), norm.to_working(o.end)
        body_start = norm.to_working(o.body_start)
        skipped = sorted(
            [(norm.to_working(a), norm.to_working(b)) for a, b in (*o.debris, *o.responsible_lines)]
        )
        spans: list[Span] = []
        cursor = body_start
        for a, b in skipped:
            if a > cursor:
                spans.append(Span(cursor, a))
            cursor = max(cursor, b)
        if end > cursor:
            spans.append(Span(cursor, end))
        spans = [_trim_span(norm.text, s) for s in spans]
        spans = [s for s in spans if s.end > s.start]
        result.append(Clause(o.label, o.path, start, end, tuple(spans), o.responsible))
    return tuple(result)


def strip_ends(text: str, start: int, end: int, head: str, tail: str) -> tuple[int, int]:
    """``start``/``end`` moved past leading characters of ``head`` and trailing ones of ``tail``."""
    while start < end and text[start] in head:
        start += 1
    while end > start and text[end - 1] in tail:
        end -= 1
    return start, end


def _trim_span(text: str, span: Span) -> Span:
    return Span(*strip_ends(text, span.start, span.end, " \t\n", " \t\n"))


def sentences(text: str, span: Span) -> tuple[Span, ...]:
    """Sentences inside a span: split on 。 ; ! ? and newlines outside brackets and quotes; an item's number
    that opens a sentence (a run-in item the outline does not see: "…平方米⏎2.每个班级…") is left out."""
    spans = _split(text, span.start, span.end, _SENTENCE_END)
    return tuple(Span(_past_item_mark(text, s), s.end) for s in spans if _past_item_mark(text, s) < s.end)


def _past_item_mark(text: str, sentence: Span) -> int:
    mark = _ITEM_MARK_OPENING.match(text, sentence.start, sentence.end)
    return mark.end() if mark else sentence.start


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
        if ch == ":" and 0 < i < end - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue  # a time of day, 8:20
        if ch == "," and _thousands(text, i, end):
            continue  # 1,000 册: one number, not two parts
        if ch == "\n" and _wrapped(text, i, start, end):
            continue  # a line broken by PDF conversion: the sentence goes on
        if ch == "\n" or (ch in stops and not depth):
            spans.append(Span(piece, i + 1 if ch != "\n" else i))
            piece = i + 1
            if ch == "\n":
                depth.clear()
    if piece < end:
        spans.append(Span(piece, end))
    return [s for s in (_trim(text, s) for s in spans) if s.end > s.start]


def _thousands(text: str, i: int, end: int) -> bool:
    """A comma between thousands: a digit before it and exactly three digits after it."""
    return (
        i > 0
        and text[i - 1].isdigit()
        and i + 3 < end + 1
        and text[i + 1 : i + 4].isdigit()
        and len(text[i + 1 : i + 4]) == 3
        and not (i + 4 < end and text[i + 4].isdigit())
    )


_LINE_FINAL = frozenset("。;!?:)]】》”")
# A line ending on one of these is broken inside its sentence, however short ("不超⏎过60分钟"): no
# heading ends on a comparator's first half, a particle or a conjunction.
_CANNOT_END = frozenset("不超少低得多高于至达每按为的和与及、在对将把向从并或")
# … or on a period whose amount is still to come: "4、每学期组织⏎应急疏散演练不少于2次。"
# (something said after the period, so a table's cell 每学期 ⏎ 2 stays two cells)
_OPEN_AMOUNT = re.compile(r"每(?:学年|学期|年|月|周|天|日)[\u4e00-\u9fff][^\d一二两三四五六七八九十,;。:]*$")
_WRAP_MIN = 20
_NEW_ITEM = re.compile(
    r"[(\[【#\-•·]|[0-9]{1,3}[.、](?![0-9])|[一二三四五六七八九十]{1,3}[、是]|第[一二三四五六七八九十百0-9]+[条章节]|"
    # a table row's code: "1.2 生均经费 …" (not a wrapped amount: "1.5小时")
    r"[0-9]{1,2}\.[0-9]{1,2}\s*(?!小时|分钟|万|亿|平方米|米|元|%|倍|个|天|课时|学时|节|次|人|名)(?=[\u4e00-\u9fff])"
)
# A line that ends an assessment table's row: its points cell after the criterion ("…陪餐。 5"), or its deduction
# ("…每低1个百分点扣0.5分", "未达标不得分").
_ROW_END = re.compile(r"(?:[。;]\s*\d{1,2}(?:\.\d)?|扣\s*\d+(?:\.\d+)?\s*分|不得分)$")


def _wrapped(text: str, i: int, start: int, end: int) -> bool:
    """Whether the newline at ``i`` only wraps a long line (text converted from PDF breaks lines
    mid-sentence: "每学期开展不少于\n2次"): the line is long, does not end a sentence, and the next
    line does not open a new item."""
    line_start = text.rfind("\n", 0, i) + 1  # the whole line, though a sentence began inside it
    line = text[line_start:i].rstrip()
    if not line or line[-1] in _LINE_FINAL or _ROW_END.search(line):
        return False
    if len(line) < _WRAP_MIN and line[-1] not in _CANNOT_END and not _OPEN_AMOUNT.search(line):
        return False
    next_end = text.find("\n", i + 1, end)
    if "\t" in line or "\t" in text[i + 1 : next_end if next_end >= 0 else end]:
        return False  # a table's row (cells joined by tabs) is a line of its own
    j = i + 1
    while j < end and text[j] in " \t":
        j += 1
    if j >= end or text[j] == "\n":
        return False
    return _NEW_ITEM.match(text, j) is None


def _trim(text: str, span: Span) -> Span:
    return Span(*strip_ends(text, span.start, span.end, " \n\t", " \n\t,:;。!?"))


# A line that is only a document's title: "攀枝花市教育和体育局关于公布…监督举报电话的公告".
TITLE_LINE = re.compile(
    r"(?m)^[ \t]*([^\n。;,!?]{0,40}关于[^\n。;!?]{2,120}的(?:通知|公告|通报|意见|决定|批复|复函|函|报告|"
    r"实施方案|工作方案|方案|办法|细则))[ \t]*$"
)


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
        """《…》 spans and lines that are a document's title (…关于…的通知/公告): numbers inside
        titles are never requirements."""
        lines = tuple(Span(m.start(1), m.end(1)) for m in TITLE_LINE.finditer(self.norm.text))
        return inside_marks(self.norm.text, "《", "》") + lines

    @cached_property
    def responsible_brackets(self) -> tuple[Span, ...]:
        """（责任单位：…） brackets in the text: who does it, never a requirement."""
        return tuple(Span(m.start(), m.end()) for m in RESPONSIBLE_BRACKET.finditer(self.norm.text))

    @cached_property
    def quoted(self) -> tuple[Span, ...]:
        """“…” spans: slogans and named programmes."""
        return inside_marks(self.norm.text, "“", "”")
