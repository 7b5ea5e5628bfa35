"""A standards table flattened one cell a line whose rows are named things and whose header has levels.

An equipment standard (装备标准) lists its rooms as rows and says of each how large it is and how many a school
of each size has, under a header of two levels::

    室别⏎功能⏎设置⏎面积 m2⏎间数⏎基本⏎规划⏎基本⏎规划⏎4~8个平行班⏎8~12个平行班⏎基本⏎规划⏎基本⏎规划⏎
    实验室⏎满足实验教学要求。⏎√⏎√⏎93⏎≥93⏎1⏎2~3⏎1~3⏎3~4⏎
    准备室⏎进行实验的准备。⏎√⏎≥18⏎1⏎1⏎1⏎1

A web page or a PDF copied as text keeps every cell but no column. ``named_rows`` puts the value cells back
under their columns: the header's first level names the columns (室别 the rows' own, 面积 m2 and 间数 the
measured ones), its second level splits them (基本 and 规划, or school sizes each split again), and each row's
value cells are dealt to the measured columns from the right, a row giving fewer than the columns taking one a
school size, or the first (基本) of its column. Each value is the least the school must have (a range as said);
a 规划 column's is encouraged. Rows that do not fit the header are left to the other readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checklist.extract import patterns as P
from checklist.extract.found import Found
from checklist.extract.tables import standards_cell
from checklist.extract.wording import stages_and_grades

_HEAD = re.compile(r"\s*(?:[室类项名]\s*(?:别|目|称)|项\s*目)\s*")  # the rows' own column: 室别, 名称, 项目
_QUALIFIER = re.compile(r"\s*(?P<q>基本|规划|选配|必配|提高|发展|基本要求|规划建议|发展要求)\s*")
_ENCOURAGED = ("规划", "选配", "提高", "发展", "规划建议", "发展要求")
_MEASURED = re.compile(r"面积|间数|数量|个数|座位数|容量")
_AREA = re.compile(r"面积|m2|㎡|平方米")
_MARK = re.compile(r"\s*[√✓✔○●]\s*")
_VALUE = re.compile(
    r"\s*(?P<each>每间|人均(?:使用)?面积)?\s*(?P<sign>[≥≤])?\s*(?P<a>\d{1,4}(?:\.\d+)?)"
    r"(?:\s*[~～]\s*(?P<b>\d{1,4}(?:\.\d+)?))?\s*(?:m2|㎡)?\s*"
)
_END = re.compile(r"\s*(?:注|说明|备注|附)")  # the notes under a table
_NAME = 16  # a row's name is a short cell
_HEADER = 40  # how many lines a header may take


@dataclass(frozen=True)
class _Column:
    """A measured column of the header's last level: what it measures, its unit, its size and qualifier."""

    measure: str
    unit: str | None
    size: str
    qualifier: str


def named_rows(text: str) -> dict[int, Found]:
    """The value cells of every such table in a text, read as the least a school must have, by where each cell
    starts."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    out: dict[int, Found] = {}
    index = 0
    while index < len(lines):
        if not _HEAD.fullmatch(lines[index][1]):
            index += 1
            continue
        header = _header(lines, index)
        if header is None:
            index += 1
            continue
        columns, first_row = header
        above = "".join(line for _, line in lines[max(0, index - 3) : index])
        stages, _ = stages_and_grades(above)
        index = _rows(lines, first_row, columns, stages, out)
    return out


def _header(lines: list[tuple[int, str]], stub: int) -> tuple[list[list[_Column]], int] | None:
    """The measured columns under a header from its stub head on, grouped by the first level's column (面积, 间数),
    and the index of the first row's line; None when the lines after the stub are no such header."""
    top: list[str] = []
    index = stub + 1
    while index < len(lines) and index - stub < _HEADER:
        cell = lines[index][1].strip()
        if _QUALIFIER.fullmatch(cell) or P.SIZE_ROW_NAME.fullmatch(cell):
            break
        if len(cell) > 8 or _VALUE.fullmatch(cell) or "。" in cell:
            return None
        top.append(cell)
        index += 1
    below: list[str] = []
    while index < len(lines) and (_QUALIFIER.fullmatch(lines[index][1]) or P.SIZE_ROW_NAME.fullmatch(lines[index][1])):
        below.append(lines[index][1].strip())
        index += 1
    groups = _split(below)
    if len(top) < 2 or not groups or len(groups) > len(top):
        return None
    measured: list[list[_Column]] = []
    for name, leaves in zip(top[len(top) - len(groups) :], groups, strict=True):
        if not _MEASURED.search(name):
            continue  # 设置 (its cells ticked), 功能
        measure = re.sub(r"\s*(?:[(（]?(?:m2|㎡|平方米)[)）]?)\s*$", "", name)
        unit = "平方米" if _AREA.search(name) else ("间" if "间数" in name else None)
        measured.append([_Column(measure, unit, size, qualifier) for size, qualifier in leaves])
    if not measured:
        return None
    return measured, index


def _split(cells: list[str]) -> list[list[tuple[str, str]]]:
    """The second level of a header, split by the columns of the first it belongs to: a run of qualifiers, each
    once (基本, 规划), is one column's; a run of school sizes with the qualifiers after them (4~8个平行班,
    8~12个平行班, 基本, 规划, 基本, 规划) is one column's, each size split by as many qualifiers."""
    groups: list[list[tuple[str, str]]] = []
    index = 0
    while index < len(cells):
        if P.SIZE_ROW_NAME.fullmatch(cells[index]):
            sizes = []
            while index < len(cells) and P.SIZE_ROW_NAME.fullmatch(cells[index]):
                sizes.append(cells[index])
                index += 1
            split = _distinct_run(cells, index)
            qualifiers = cells[index : index + len(sizes) * len(split)]
            if split and len(qualifiers) == len(sizes) * len(split):
                width = len(split)
                groups.append([(s, q) for i, s in enumerate(sizes) for q in qualifiers[i * width : (i + 1) * width]])
                index += len(qualifiers)
            else:
                groups.append([(size, "") for size in sizes])
        else:
            run = _distinct_run(cells, index)
            groups.append([("", q) for q in run])
            index += len(run)
    return groups


def _distinct_run(cells: list[str], index: int) -> list[str]:
    """The qualifiers from a cell on, up to the first that repeats one of them."""
    run: list[str] = []
    while index < len(cells) and _QUALIFIER.fullmatch(cells[index]) and cells[index] not in run:
        run.append(cells[index])
        index += 1
    return run


def _rows(
    lines: list[tuple[int, str]],
    index: int,
    columns: list[list[_Column]],
    stages: tuple[str, ...],
    out: dict[int, Found],
) -> int:
    """The rows from a line on, read into ``out``: a row's name, a few words of what it is for, ticks, then its
    value cells; where the table ends (a note under it, a long line, a row with no values)."""
    while index < len(lines):
        at, name = lines[index]
        if _END.match(name) or len(name.strip()) > _NAME or _VALUE.fullmatch(name) or _MARK.fullmatch(name):
            return index
        index += 1
        words = 0
        while index < len(lines) and not (_VALUE.fullmatch(lines[index][1]) or _MARK.fullmatch(lines[index][1])):
            words += 1  # what the room is for
            index += 1
        values = []
        while index < len(lines) and (_VALUE.fullmatch(lines[index][1]) or _MARK.fullmatch(lines[index][1])):
            if _VALUE.fullmatch(lines[index][1]):
                values.append(lines[index])
            index += 1
        if words > 2 or not values:
            return index
        for column, (value_at, cell) in _dealt(columns, values):
            out[value_at] = _reading(at, name.strip(), value_at, cell, column, stages)
    return index


def _dealt(columns: list[list[_Column]], values: list[tuple[int, str]]) -> list[tuple[_Column, tuple[int, str]]]:
    """A row's value cells under the measured columns, dealt from the right: the last group takes all its columns
    when the groups before it are left a cell each, else one cell a school size, else what is left; a group given
    fewer cells than columns fills its first ones (基本). Nothing when the cells do not fit."""
    remaining = len(values)
    counts = []
    for position in range(len(columns) - 1, -1, -1):
        group, before = columns[position], position
        sizes = list(dict.fromkeys(column.size for column in group if column.size))
        if remaining - len(group) >= before:
            take = len(group) if position else remaining
        elif sizes and remaining - len(sizes) >= before:
            take = len(sizes)
        else:
            take = remaining - before
        if take < 1 or take > len(group):
            return []
        counts.append(take)
        remaining -= take
    if remaining:
        return []
    dealt: list[tuple[_Column, tuple[int, str]]] = []
    start = 0
    for group, take in zip(columns, reversed(counts), strict=True):
        cells = values[start : start + take]
        start += take
        sizes = list(dict.fromkeys(column.size for column in group if column.size))
        if take == len(group):
            chosen = group
        elif sizes and take == len(sizes):
            chosen = [next(column for column in group if column.size == size) for size in sizes]
        else:
            chosen = group[:take]
        dealt.extend(zip(chosen, cells, strict=True))
    return dealt


def _reading(row_at: int, row: str, value_at: int, cell: str, column: _Column, stages: tuple[str, ...]) -> Found:
    """One value cell: the least a school must have of the row's thing under the column (a range as said)."""
    m = _VALUE.fullmatch(cell)
    assert m is not None
    each = m.group("each") or ""
    measure = "人均使用面积" if each.startswith("人均") else f"{each}{column.measure}"
    said = "，".join(
        word for word in (column.size, column.qualifier if column.qualifier not in ("基本", "基本要求") else "") if word
    )
    return standards_cell(
        row_at,
        value_at + len(cell.rstrip()),
        m,
        f"{row}{measure}（{said}）" if said else f"{row}{measure}",
        column.unit if not each.startswith("人均") else "平方米",
        stages,
        "encouraged" if column.qualifier in _ENCOURAGED else None,
    )
