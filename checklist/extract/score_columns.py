"""What an assessment table (评估细则, 指标体系) says of its own rows besides the requirement: the
points a row is worth (分值), how it is checked (评估方法), the evidence a school shows for it
(佐证材料), and a rule of deduction (发现一例扣2分, 每缺一项扣1分) in the row or the sentence.

A bureau's table reads 一级指标 ⇥ 二级指标 ⇥ 评估内容及标准 ⇥ 分值 ⇥ 评估方法, one line a row in
the plan's text (a Word, Excel or ruled PDF table; ``webapp/rubrics/formats.py``), a cell merged
down the rows written once, in its first row, so that the rows under it have fewer cells at the
left. A draft takes the row's points, method and evidence where the table has those columns, and scores
a duty or a ban by the plan's deduction where it states one (the rubric language's ``deduct``),
rather than inventing them: they are what the bureau wrote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from checklist.extract.candidate import Candidate

_POINTS_HEAD = re.compile(r"(?:分值|标准分|标准分值|分数|权重|满分|赋分|配分|基本分|基础分|指标分值)(?:[（(]分[)）])?")
_METHOD_HEAD = re.compile(r"(?:评估|评价|考核|检查|督导|核查|考评|评分)(?:方法|方式|办法|途径|手段)")
_EVIDENCE_HEAD = re.compile(r"(?:佐证|备查|支撑|证明|印证|需提供的?|应提供的?)(?:材料|资料)(?:清单|目录|要求)?")
# The column saying what a row asks (评估要点, 评估内容及标准, 考核标准), not how it is scored (评分标准, 评分细则)
_CONTENT_HEAD = re.compile(
    r"(?:评估|评价|考核|督导|检查|指标)?(?:内容|要点|标准|要求|细则)(?:及|和|与)?(?:标准|要求|要点)?|三级指标|具体要求|工作要求"
)
# A column the school fills in as it checks itself: "检查结果（是/否）", "自查情况", "是否达标", "自评得分".
_CHECK_HEAD = re.compile(
    r"(?:(?:检查|自查|自评|核查|落实|完成|达标)(?:结果|情况|得分|记录)|是否(?:达标|符合|落实|完成|做到)|得分)"
    r"(?:[（(][^（()）]{0,10}[)）])?"
)
_SCORING_HEAD = re.compile(r"(?:评分|计分|赋分|扣分)(?:标准|细则|办法|说明|方法)?")
_POINTS_CELL = re.compile(r"[（(]?(\d{1,3}(?:\.\d{1,2})?)\s*分?[)）]?")
# So many points off for each fault found or each thing not done: "发现一例扣2分", "每次扣1分", "每缺一项扣1分",
# "有一项做不到扣1分" — not a shortfall of an amount ("每少1次扣2分" is read by the amount's own rule), nor "每超5人".
_DEDUCTION = re.compile(
    r"(?P<lead>每发现|发现|每出现|出现|每有|有|每缺少?|缺少?|每)?\s*(?P<one>一|1)?\s*"
    r"(?P<unit>例|次|起|处|项|个|人次|人|名|件)(?P<how>[^，,。；;\t\n\d]{0,8}?)扣(?:除)?\s*(?P<per>\d+(?:\.\d+)?)\s*分"
)
_MISSING = re.compile(r"缺|少|未|没有|做不到|不符合|不到位|不合格")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PROSE = 80  # a line this long without a tab is the plan's prose again: the table is over


@dataclass(frozen=True)
class RowColumns:
    """A table row's own points (None where the table has no 分值 column or the cell is no
    number), method of checking (None where it has no 评估方法 column) and evidence (the 佐证材料
    cell's materials, one by one; empty where it has none)."""

    points: float | None = None
    method: str | None = None
    evidence: tuple[str, ...] = ()


def row_columns(text: str, position: int) -> RowColumns:
    """The points, method and evidence of the table row standing at ``position`` of the plan's
    text, by the header above it; RowColumns() where the position is not in such a row."""
    line_start, line_end = _line(text, position)
    row = text[line_start:line_end]
    if "\t" not in row:
        return RowColumns()
    header = _headers(text).get(line_start)
    if header is None:
        return RowColumns()
    cells = [cell.strip() for cell in row.split("\t")]
    points = _points(cells, header)
    method = _aligned(cells, header, _METHOD_HEAD)
    if method is not None and (not method or len(method) > 40 or _POINTS_CELL.fullmatch(method)):
        method = None
    return RowColumns(points, method, _materials(_aligned(cells, header, _EVIDENCE_HEAD) or ""))


def assessment_rows(text: str) -> list[tuple[int, int, int, int]]:
    """The rows of a text's assessment tables that give their points (a number under a 分值 column): each as
    (where its line starts, where it ends, where the cell saying its requirement starts, where it ends) — the cell
    under a 评估内容/评估要点/考核标准 column, else the longest cell not under the points, the method, the evidence
    or a 评分标准 column."""
    headers = _headers(text)
    out = []
    start = 0
    for line in text.split("\n"):
        header = headers.get(start)
        if header is not None and _points(line.split("\t"), header) is not None:
            cells: list[tuple[int, int]] = []
            at = start
            for cell in line.split("\t"):
                lead = len(cell) - len(cell.lstrip())
                cells.append((at + lead, at + len(cell.rstrip())))
                at += len(cell) + 1
            found = _requirement_span(text, cells, header)
            if found is not None:
                out.append((start, start + len(line), *found))
        start += len(line) + 1
    return out


def _requirement_span(text: str, cells: list[tuple[int, int]], header: tuple[str, ...]) -> tuple[int, int] | None:
    words = [text[a:b] for a, b in cells]
    content = _aligned_index(len(cells), header, _CONTENT_HEAD)
    if content is not None and len(words[content]) >= 4:
        return cells[content]
    other = {
        _aligned_index(len(cells), header, head) for head in (_POINTS_HEAD, _METHOD_HEAD, _EVIDENCE_HEAD, _SCORING_HEAD)
    }
    left = [n for n in range(len(cells)) if n not in other and len(words[n]) >= 4 and _CJK.search(words[n])]
    return cells[max(left, key=lambda n: len(words[n]))] if left else None


def _points(cells: Sequence[str], header: tuple[str, ...]) -> float | None:
    points_cell = _aligned([cell.strip() for cell in cells], header, _POINTS_HEAD)
    if points_cell is None:
        return None
    m = _POINTS_CELL.fullmatch(points_cell)
    return float(m.group(1)) if m and 0 < float(m.group(1)) <= 100 else None


def _materials(cell: str) -> tuple[str, ...]:
    """The materials a 佐证材料 cell lists ("1.学校作息时间表；2.大课间活动方案、照片"), each once, without
    its number."""
    parts = re.split(r"[；;、，,。\n]|\s{2,}|(?<!\d)(?=\d{1,2}[.．、)）])", cell)
    out: list[str] = []
    for part in parts:
        part = re.sub(r"^\s*[（(]?\d{1,2}[.．、)）]\s*", "", part).strip(" 　：:等")
        if 2 <= len(part) <= 40 and not _POINTS_CELL.fullmatch(part) and part not in out:
            out.append(part)
    return tuple(out[:8])


@dataclass(frozen=True)
class Deduction:
    """A plan's rule of deduction for a duty or a ban: ``per`` points off for each ``unit`` counted,
    the faults found (发现一例) or, when ``missing``, the things not done (每缺一项); ``end`` is where its
    words end in the text."""

    per: float
    unit: str
    missing: bool
    end: int


def deduction_after(text: str, start: int) -> Deduction | None:
    """The deduction stated after ``start`` in the same table row (its line) or sentence, if any."""
    line_start, line_end = _line(text, start)
    sentence = re.compile(r"[。；;]").search(text, start, line_end)
    in_row = "\t" in text[line_start:line_end]
    end = line_end if in_row or sentence is None else sentence.start()
    for m in _DEDUCTION.finditer(text, start, end):
        if not (m.group("lead") or m.group("one")) or (m.group("lead") == "有" and not m.group("one")):
            continue
        per = float(m.group("per"))
        if not 0 < per <= 100:
            continue
        missing = bool(_MISSING.search(m.group("lead") or "") or _MISSING.search(m.group("how")))
        return Deduction(per, m.group("unit"), missing, m.end())
    return None


def shared_points(candidates: Sequence[Candidate], text: str) -> list[float | None]:
    """Each candidate's share of its table row's points: a row worth 4 holding two requirements
    gives each 2 (halves rounded to 0.5, the last taking what is left, so the row's points stay
    whole); None for a candidate outside such a row."""
    rows = [_row_key(text, c.start) for c in candidates]
    columns = [
        row_columns(text, c.start) if key is not None else RowColumns() for c, key in zip(candidates, rows, strict=True)
    ]
    out: list[float | None] = [None] * len(candidates)
    members: dict[int, list[int]] = {}
    for n, (key, found) in enumerate(zip(rows, columns, strict=True)):
        if key is not None and found.points is not None:
            members.setdefault(key, []).append(n)
    for indexes in members.values():
        total = columns[indexes[0]].points or 0.0
        share = round(total / len(indexes) * 2) / 2 or 0.5
        for n in indexes[:-1]:
            out[n] = share
        out[indexes[-1]] = max(round(total - share * (len(indexes) - 1), 2), 0.5)
    return out


def _row_key(text: str, position: int) -> int | None:
    """Where the table row standing at ``position`` starts; None outside a table row."""
    line_start, line_end = _line(text, position)
    return line_start if "\t" in text[line_start:line_end] else None


def _line(text: str, position: int) -> tuple[int, int]:
    """The line a position stands on: (its start, its end)."""
    line_end = text.find("\n", position)
    return text.rfind("\n", 0, position) + 1, len(text) if line_end < 0 else line_end


_TABLE_HEADS = (_POINTS_HEAD, _METHOD_HEAD, _EVIDENCE_HEAD, _CHECK_HEAD)


def in_assessment_table(text: str, position: int) -> bool:
    """Whether the position stands in a row of an assessment or self-check table: a line with tabs under a header
    naming a 分值, 评估方法, 佐证材料 or 检查结果 column."""
    line_start, line_end = _line(text, position)
    return "\t" in text[line_start:line_end] and line_start in _headers(text)


@lru_cache(maxsize=8)
def _headers(text: str) -> dict[int, tuple[str, ...]]:
    """The header over each table row of a text, by where the row's line starts: the nearest line above
    naming a 分值, 评估方法, 佐证材料 or 检查结果 column, within the table — lines with tabs, and short lines
    between them (a section row merged across the columns, 一、办学条件（30分）); a line of prose ends it. Read
    once a text, in one pass: a row asking for its header does not walk back up a table of hundreds of rows."""
    out: dict[int, tuple[str, ...]] = {}
    header: tuple[str, ...] | None = None
    start = 0
    for line in text.split("\n"):
        if "\t" not in line:
            if len(line.strip()) > _PROSE:
                header = None
        else:
            if header is not None:
                out[start] = header
            cells = tuple(cell.strip() for cell in line.split("\t"))
            if any(head.fullmatch(cell) for cell in cells for head in _TABLE_HEADS):
                header = cells
        start += len(line) + 1
    return out


def _aligned(cells: list[str], header: tuple[str, ...], head: re.Pattern[str]) -> str | None:
    """The row's cell under the header cell ``head`` matches."""
    index = _aligned_index(len(cells), header, head)
    return None if index is None else cells[index]


def _aligned_index(width: int, header: tuple[str, ...], head: re.Pattern[str]) -> int | None:
    """Which of a row's ``width`` cells stands under the header cell ``head`` matches: by position when the row is as
    wide as the header, else counted from the right (the cells a merge left out are at the left)."""
    index = next((n for n, cell in enumerate(header) if head.fullmatch(cell)), None)
    if index is None:
        return None
    if width == len(header):
        return index
    from_right = index - len(header) + width
    if width < len(header) and from_right >= 0:
        return from_right
    return None
