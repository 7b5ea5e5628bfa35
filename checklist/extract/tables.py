"""Quantities written in a table's layout or as a figure of their own, not as a cue, a number
and a unit.

A flattened table's value cell under its label cell (``table_value``: "学前三年毛入园率(%)⏎⏎≥85",
or a row's cells joined by tabs or run together), a timetable's lessons by subject
(``course_hours``), a fraction next to a comparator (``fractions``: 不超过假期1/3), and a staffing
ratio (``ratios``: 师生比1:19, 按600:1配备). Each reads one part of a sentence in the reader's
texts: ``text`` the working text, ``untitled`` the same with titles, 文号 and the responsible
units' brackets masked, ``masked`` with the lexicon's phrases masked too.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import replace

from checklist.extract import patterns as P
from checklist.extract.candidate import one_in_n
from checklist.extract.found import Found, share
from checklist.extract.numbers import clean, is_chinese_numeral, parse_number
from checklist.extract.text import Part
from checklist.extract.wording import period_of, stages_and_grades, tidy_subject


def course_hours(part: Part, *, masked: str) -> list[Found]:
    """ "课程计划:小学:音乐2、体育 3-4、美术 2": each subject's lessons a week, in a sentence or
    clause that speaks of the timetable."""
    clause_text = masked[max(0, part.sentence.start - 40) : part.end]
    if not P.COURSE_CONTEXT.search(clause_text):
        return []
    out = []
    for m in P.COURSE_HOURS.finditer(masked, part.start, part.end):
        low = float(m.group("a"))
        high = float(m.group("b")) if m.group("b") else None
        out.append(
            Found(
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


def grade_timetables(text: str) -> dict[int, Found]:
    """A timetable laid out as a table, its grades as columns ("课程⇥年级⏎一⇥二⇥…⇥九⏎语文⇥8⇥8⇥7…", or one cell a
    line, a page's bars apart): each subject's lessons a week in each grade, by where the value's cell starts. A row
    with no name of its own goes on its subject above ("/⇥/⇥3⇥3": the same subject in later grades); the cells after
    the grades' (a sum, a group's sum) are not read but a share ("7.9%"); the 学年总课时 row counts a year's lessons."""
    cells = [
        (m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip())
        for m in re.finditer(r"[^\t\n|]+", text)
        if m.group().strip()
    ]
    out: dict[int, Found] = {}
    index = 0
    while index < len(cells):
        grades: list[int] = []
        for _, cell in itertools.islice(cells, index, None):
            head = P.GRADE_HEAD.fullmatch(cell)
            number = _grade_number(head)
            if number is None or (grades and number != grades[-1] + 1):
                break
            grades.append(number)
        at = cells[index][0]
        following = itertools.islice(cells, index, None)
        subjects = list(itertools.takewhile(lambda c: P.SUBJECT_HEAD.fullmatch(c[1]), following))
        if len(grades) >= 3 and P.COURSE_CONTEXT.search(text, max(0, at - 300), at):
            index = _timetable_rows(text, cells, index + len(grades), grades, out)
        elif len(subjects) >= 3 and P.COURSE_CONTEXT.search(text, max(0, at - 300), at):
            index = _timetable_by_grade(cells, index + len(subjects), [s for _, s in subjects], out)
        else:
            index += max(1, len(grades), len(subjects))
    return out


def _lessons(start: int, value_at: int, value: str, subject: str, grade: int) -> Found:
    """A timetable's cell: a subject's lessons a week in a grade (a year's, on the 学年总课时 row or column)."""
    stage, code = _grade_code(grade)
    return Found(
        start=start,
        end=value_at + len(value),
        kind="frequency",
        comparator="equal",
        value=float(value),
        unit="节",
        period="学年" if re.search(r"学年|年总", subject) else "周",
        subject=f"{subject}（{_grade_name(grade)}）",
        origin="timetable",
        stages=(stage,),
        grades=(code,),
    )


def _timetable_by_grade(cells: list[tuple[int, str]], index: int, subjects: list[str], out: dict[int, Found]) -> int:
    """The rows under a timetable whose columns are the subjects: a grade's name, then its lessons in each subject."""
    while index < len(cells):
        grade = _grade_number(P.GRADE_HEAD.fullmatch(cells[index][1]))
        if grade is None:
            return index
        index = _timetable_row(cells, index + 1, cells[index][0], [(subject, grade) for subject in subjects], out)
    return index


def _timetable_row(
    cells: list[tuple[int, str]], index: int, row_at: int, columns: list[tuple[str, int]], out: dict[int, Found]
) -> int:
    """A timetable row's value cells, one for each column's subject and grade ("/": not taught), read into ``out``;
    where its values end."""
    for subject, grade in columns:
        if index >= len(cells) or not P.TIMETABLE_VALUE.fullmatch(cells[index][1]):
            break
        value_at, value = cells[index]
        if value.isdigit():
            out[value_at] = _lessons(row_at, value_at, value, subject, grade)
        index += 1
    return index


def _grade_code(grade: int) -> tuple[str, str]:
    """Grade 1–12 as its stage and code: 3 → primary P3, 8 → junior J2, 11 → senior S2."""
    if grade <= 6:
        return "primary", f"P{grade}"
    return ("junior", f"J{grade - 6}") if grade <= 9 else ("senior", f"S{grade - 9}")


def _grade_name(grade: int) -> str:
    return f"{grade}年级" if grade <= 9 else f"高{'一二三'[grade - 10]}"


def run_together_lists(text: str) -> dict[int, Found]:
    """A numbered list of equipment whose cells a PDF ran together ("序号器材名称单位配备数量⏎1接力棒支82跨栏架付103…"):
    each item's quantity, told from the next item's number that follows it (82 is 8 支 and item 2; a lost item is
    passed over), by where the item's name starts."""
    out: dict[int, Found] = {}
    for header in P.RUN_LIST_HEADER.finditer(text):
        at, number = header.end(), 1
        while text.startswith(str(number), at):
            item = P.RUN_LIST_ITEM.match(text, at + len(str(number)))
            if item is None:
                break
            digits, quantity = item.group("digits"), ""
            for following in (number + 1, number + 2):  # the next item's number, or the one after a lost row
                if digits.endswith(str(following)) and len(digits) > len(str(following)):
                    quantity, number = digits[: -len(str(following))], following
                    break
            last = not quantity
            quantity = quantity or digits
            out[item.start("name")] = Found(
                start=item.start("name"),
                end=item.start("digits") + len(quantity),
                kind="count",
                comparator="at_least",
                value=float(quantity),
                unit=item.group("unit"),
                subject=item.group("name").strip(),
                origin="standards_column",
            )
            if last:
                break
            at = item.start("digits") + len(quantity)
    return out


def size_rows(text: str) -> dict[int, Found]:
    """A standards table one cell a line whose rows are school sizes, under a unit line and a header of what each
    column holds ("单位:间⏎室 别⏎科学教室/⏎科学活动室⏎实验员室⏎类 别⏎Ⅰ类⏎Ⅱ类⏎基本要求⏎4个平行班及以下⏎2⏎1⏎…"): each
    value cell as the least a school of that size must have (≥93, 2~3 as said), by where the value's cell starts.
    Read only where every row has as many values as the header's last level has columns and a unit is given."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    out: dict[int, Found] = {}
    index = 0
    while index < len(lines):
        rows, after = _size_table_rows(lines, index)
        if len(rows) < 2 or len({len(values) for _, values in rows}) != 1:
            index += 1
            continue
        columns, unit, stages = _size_table_header(lines, rows[0][0], len(rows[0][1]))
        index = after
        if not columns or unit is None:
            continue
        for row, values in rows:
            row_at, size = lines[row][0], lines[row][1].strip()
            for (column, qualifier), (value_at, cell) in zip(columns, values, strict=True):
                subject = f"{column}（{qualifier}，{size}）" if qualifier else f"{column}（{size}）"
                out[value_at] = _size_cell(row_at, value_at, cell, subject, unit, stages)
    return out


def _size_table_rows(lines: list[tuple[int, str]], index: int) -> tuple[list[tuple[int, list[tuple[int, str]]]], int]:
    """The rows from a line on — a school size's name (its line's index), then its value cells, one a line — and
    the index of the line after them."""
    rows: list[tuple[int, list[tuple[int, str]]]] = []
    while index < len(lines) and P.SIZE_ROW_NAME.fullmatch(lines[index][1]):
        following = itertools.islice(lines, index + 1, None)  # not a copy of the rest of the text's lines
        values = list(itertools.takewhile(lambda line: P.SIZE_ROW_VALUE.fullmatch(line[1]), following))
        if len(values) < 2:
            break
        rows.append((index, values))
        index += 1 + len(values)
    return rows, index


def _size_table_header(
    lines: list[tuple[int, str]], first_row: int, width: int
) -> tuple[list[tuple[str, str]], str | None, tuple[str, ...]]:
    """The names of a size table's value columns, its unit and stages, from the lines above its first row back to
    its unit line: the header's levels open with a stub head ("室 别", "类 别"); the last level names each column,
    a level above it names as many or fewer, the first of them spanning the columns left over."""
    unit_at = None
    for i in range(first_row - 1, max(-1, first_row - 40), -1):
        if P.TABLE_UNIT_LINE.fullmatch(lines[i][1]):
            unit_at = i
            break
        if P.SIZE_ROW_VALUE.fullmatch(lines[i][1]) or "。" in lines[i][1]:
            return [], None, ()
    if unit_at is None:
        return [], None, ()
    unit_match = P.TABLE_UNIT_LINE.fullmatch(lines[unit_at][1])
    unit = unit_match.group("unit") if unit_match else None
    cells: list[str] = []
    for _, line in lines[unit_at + 1 : first_row]:
        cell = re.sub(r"\s+", "", line)
        if cells and cells[-1].endswith("/"):
            cells[-1] += cell  # a cell broken over two lines: "科学教室/⏎科学活动室"
        else:
            cells.append(cell)
    levels: list[list[str]] = [[]]
    for cell in cells:
        if P.STUB_HEAD.fullmatch(cell):
            levels.append([])
        else:
            levels[-1].append(cell)
    levels = [level for level in levels if level]
    if not levels or len(levels[-1]) != width or any(len(level) > width for level in levels):
        return [], None, ()
    names = [(name, "") for name in levels[-1]]
    for level in reversed(levels[:-1]):
        spread = [level[0]] * (width - len(level) + 1) + level[1:]  # right-aligned, the first spanning the rest
        pairs = zip(spread, names, strict=True)
        names = [
            (upper, "，".join(word for word in (lower, below) if word and word not in P.GENERIC_COLUMN))
            for upper, (lower, below) in pairs
        ]
    above = "".join(re.sub(r"\s+", "", line) for _, line in lines[max(0, unit_at - 2) : unit_at])
    stages, _ = stages_and_grades(above)
    return names, unit, stages


def _size_cell(row_at: int, value_at: int, cell: str, subject: str, unit: str, stages: tuple[str, ...]) -> Found:
    """A size table's cell: the least a school of the row's size must have (a range as said)."""
    m = P.SIZE_ROW_VALUE.fullmatch(cell)
    assert m is not None
    area = {"m2": "平方米", "㎡": "平方米"}.get(unit, unit)
    return standards_cell(row_at, value_at + len(cell.rstrip()), m, subject, area, stages)


def standards_cell(
    row_at: int,
    end: int,
    m: re.Match[str],
    subject: str,
    unit: str | None,
    stages: tuple[str, ...] = (),
    modality: str | None = None,
) -> Found:
    """A standards table's value cell (its match with groups ``a``, ``b`` and ``sign``), quoted from its row's name:
    the least a school must have — ≤ a most, a range as said."""
    low, high = float(m.group("a")), float(m.group("b")) if m.group("b") else None
    return Found(
        start=row_at,
        end=end,
        kind="count",
        comparator="between" if high is not None else ("at_most" if m.group("sign") == "≤" else "at_least"),
        value=low,
        value_max=high,
        unit=unit,
        subject=subject,
        origin="standards_column",
        modality=modality,
        stages=stages,
    )


def _grade_number(head: re.Match[str] | None) -> int | None:
    """A grade's name as its number: 三 → 3, 7年级 → 7, 初二 → 8, 高一 → 10."""
    if head is None:
        return None
    if head.group("cn"):
        return "一二三四五六七八九".index(head.group("cn")) + 1
    if head.group("junior"):
        return "一二三".index(head.group("junior")[1]) + 7
    if head.group("senior"):
        return "一二三".index(head.group("senior")[1]) + 10
    return int(head.group("n"))


def _timetable_rows(
    text: str, cells: list[tuple[int, str]], index: int, grades: list[int], out: dict[int, Found]
) -> int:
    """The rows under a timetable's header, read into ``out``; where the table ends."""
    label, label_at = "", -1
    previous_words = -1  # where the last name cell ended, to join a name broken over two lines ("体育⏎与健康")
    while index < len(cells):
        at, cell = cells[index]
        if P.TIMETABLE_VALUE.fullmatch(cell) and label:
            # a row with no name of its own is quoted from its first cell
            row_at = label_at if "\n" not in text[label_at:at] or previous_words >= 0 else at
            index = _timetable_row(cells, index, row_at, [(label, grade) for grade in grades], out)
            # the row's other cells on its line: sums (not read) and a share of the whole timetable
            while index < len(cells) and "\n" not in text[cells[index - 1][0] : cells[index][0]]:
                share = P.TIMETABLE_SHARE.fullmatch(cells[index][1])
                if share:
                    value_at = cells[index][0]
                    out[value_at] = Found(
                        start=row_at,
                        end=value_at + len(cells[index][1]),
                        kind="ratio",
                        comparator="equal",
                        value=round(float(share.group("n")) / 100, 6),
                        unit="比例",
                        subject=f"{label}课时占总课时的比例",
                        origin="timetable",
                    )
                index += 1
            previous_words = -1
            continue
        if not P.TIMETABLE_LABEL.fullmatch(cell):
            return index  # prose, a note: the table ends
        if previous_words >= 0 and text[previous_words:at] == "\n":
            label = label + cell  # a name broken over two lines
        else:
            label, label_at = cell, at
        previous_words = at + len(cell)
        index += 1
    return index


def stage_values(part: Part, *, untitled: str, masked: str) -> list[Found]:
    """ "睡眠时间(小时):小学10,初中9,高中8", "每周体育课时数 小学4 初中3 高中2": one figure for each
    stage under a label that names the measure and its unit (read once, from the row's first part)."""
    if part.start != part.sentence.start:
        return []
    m = P.STAGE_VALUES.search(masked, part.start, part.sentence.end)
    if m is None or m.start() > part.end:
        return []
    unit = m.group("unit") or m.group("word")
    label = tidy_subject(untitled[m.start("label") : m.end("label")]) or m.group("label")
    period = period_of(masked[part.sentence.start : m.end("label")], "")
    out = []
    for v in P.STAGE_VALUE.finditer(masked, m.start("row"), m.end("row")):
        value = float(v.group("n"))
        kind, unit_out, comparator = "count", unit, "equal"
        if unit in P.TIME_UNITS:
            kind, unit_out, comparator = "duration", "分钟", "at_least"
            value = value * P.TIME_UNITS[unit]
        elif unit == "%":
            kind, unit_out, value = "ratio", "比例", value / 100
        elif period and unit in P.LESSON_UNITS:
            kind, comparator = "frequency", "at_least"
        out.append(
            Found(
                start=v.start(),
                end=v.end(),
                kind=kind,
                comparator=comparator,
                value=round(value, 6),
                unit=unit_out,
                period=period if kind in ("duration", "frequency") else None,
                subject=f"{label}（{v.group('stage')}）",
                origin="stage_values",
            )
        )
    return out


def _fraction_subject(untitled: str, part: Part, m: re.Match[str]) -> str:
    """What a fraction is a share of: the words before it, or after it when those say nothing ("经1/3以上组成人员
    提议" → 组成人员提议)."""
    subject = tidy_subject(untitled[part.start : m.start()])
    if len(re.sub(r"^(?:应当|应|须)?经?", "", subject)) >= 2:
        return subject
    return tidy_subject(re.sub(r"^(?:及)?以[上下内]", "", untitled[m.end() : part.end])) or subject


def fractions(part: Part, *, untitled: str, masked: str) -> list[Found]:
    """ "补课时间不超过假期1/3": a share written as a fraction, next to a comparator."""
    out = []
    for m in P.FRACTION_AR.finditer(masked, part.start, part.end):
        a, b = int(m.group("a")), int(m.group("b"))
        before = masked[part.start : m.start()]
        at_most = P.AT_MOST_BEFORE.search(before[-12:]) or re.match(r"(?:及)?以(?:下|内)", masked[m.end() :])
        at_least = P.AT_LEAST_BEFORE.search(before[-12:]) or re.match(r"(?:及)?以上", masked[m.end() :])
        if a >= b or not (at_most or at_least):
            continue
        out.append(
            Found(
                start=part.start,
                end=part.end,
                kind="ratio",
                comparator="at_most" if at_most else "at_least",
                value=round(a / b, 7),
                unit="比例",
                subject=_fraction_subject(untitled, part, m),
                origin="fraction",
            )
        )
    return out


def _row_values(part: Part, *, text: str, masked: str) -> list[Found]:
    """A table row read from a Word document or a spreadsheet, its cells joined by tabs:
    "1⇥学前三年毛入园率(%)⇥≥85" — a value cell after its label cell."""
    row = text[part.start : part.end]
    if "\t" not in row:
        # a row from a PDF, its cells run together: "1 学前三年毛入园率(%) ≥85"
        out = []
        for m in P.INLINE_CELL.finditer(masked, part.start, part.end):
            label = re.sub(r"^\d{1,3}(?=\D)", "", text[part.start : m.start("value")]).strip()
            value = masked[m.start("value") : m.end()]
            out.extend(_cell_reading(part.start, m.end(), label, value))
        return out
    cells: list[tuple[int, int]] = []
    at = part.start
    for cell in row.split("\t"):
        cells.append((at, at + len(cell)))
        at += len(cell) + 1
    out = []
    columns = _stage_header(text, part.start)
    for index, ((label_start, label_end), (value_start, value_end)) in enumerate(itertools.pairwise(cells)):
        label = text[label_start:label_end].strip()
        value = masked[value_start:value_end].strip()
        # a value with its own unit is a standard's when it is signed or stands in a stage's column ("班额⇥≤45人");
        # "在校学生数⇥1200人" under no such header is a figure told, left to the words
        own_unit = bool(P.UNIT_VALUE_CELL.fullmatch(value) and P.WORDS_CELL.fullmatch(label)) and (
            value[:1] in "≥≤><" or columns.get(index + 1) is not None
        )
        if (P.VALUE_CELL.fullmatch(value) and P.LABEL_CELL.search(label)) or own_unit:
            readings = _cell_reading(label_start, value_end, label, value)
            # "序号⇥指标⇥小学⇥初中" over "1⇥…(平方米)⇥8⇥10": a value under each stage's column
            values = list(itertools.takewhile(lambda c: _value_cell(masked[c[0] : c[1]].strip()), cells[index + 1 :]))
            if len(values) > 1 and all(columns.get(index + 1 + k) for k in range(len(values))):
                readings = []
                for k, (start, end) in enumerate(values):
                    cell = masked[start:end].strip()
                    column = columns[index + 1 + k]
                    readings.extend(_in_column(f, column) for f in _cell_reading(label_start, end, label, cell))
            out.extend(readings)
    return out


def _value_cell(cell: str) -> bool:
    """A cell that holds a value: bare ("8", "≥85", "1:15") or with its unit ("≥8.5㎡", "≤45人")."""
    return bool(P.VALUE_CELL.fullmatch(cell) or P.UNIT_VALUE_CELL.fullmatch(cell))


def _stage_header(text: str, before: int) -> dict[int, str]:
    """The stage each column of a tab-separated table names in its header row ("序号⇥指标⇥小学⇥初中"), by column."""
    header = None
    for m in P.STAGE_HEADER_ROW.finditer(text, max(0, before - 2000), before):
        header = m
    if header is None:
        return {}
    cells = header.group(0).strip("\n").split("\t")
    return {i: cell.strip() for i, cell in enumerate(cells) if re.fullmatch(P.COLUMN_NAME, cell.strip())}


def label_cell(part: Part, *, text: str, masked: str) -> tuple[int, str] | None:
    """A flattened table's value cell ("≥85", "500", "≤1:15" alone on its line) and the label
    cell on the line before it ("学前三年毛入园率(%)"): (where the label starts, its text)."""
    line_start = text.rfind("\n", 0, part.start) + 1
    if not _alone_on_its_line(part, text):
        return None
    value = masked[part.start : part.end].strip()
    if not P.VALUE_CELL.fullmatch(value) and not P.STAGE_VALUE_CELL.fullmatch(value):
        return None
    previous = text[:line_start].rstrip()
    label_start = previous.rfind("\n") + 1
    label = previous[label_start:].strip()
    if not P.LABEL_CELL.search(label):
        return None
    return label_start + (len(previous[label_start:]) - len(previous[label_start:].lstrip())), label


def _alone_on_its_line(part: Part, text: str) -> bool:
    """Whether a value cell is the whole of its line (a flattened table's cell, not a number inside prose)."""
    line_start = text.rfind("\n", 0, part.start) + 1
    return not text[line_start : part.start].strip() and text[part.end : part.end + 1] in ("", "\n")


@functools.lru_cache(maxsize=8)
def _unit_headers(text: str) -> tuple[tuple[int, int, tuple[tuple[int, str], ...]], ...]:
    """Every header of a table with a unit column in a text, read once: (where its 单位 starts, where it ends, its value
    columns after it, each with where it ends)."""
    headers = []
    for header in P.UNIT_HEADER.finditer(text):
        columns: list[tuple[int, str]] = []
        end = header.end()
        while True:
            # the next column's name, after a tab, a line break or spaces, or run on ("单位小学初中")
            at = end
            while at < len(text) and text[at].isspace():
                at += 1
            cell = P.COLUMN_HEAD.match(text, at)
            if cell is None:
                break
            ends_a_cell = text[cell.end() : cell.end() + 1] in ("\t", "\n", " ", "\u3000", "")
            if not ends_a_cell and P.COLUMN_HEAD.match(text, cell.end()) is None:
                break  # "小学生均…": words that begin with a stage's name, not a header
            columns.append((cell.end(), cell.group()))
            end = cell.end()
        headers.append((header.start(), header.end(), tuple(columns)))
    return tuple(headers)


def _unit_header(text: str, before: int) -> tuple[int, list[str]]:
    """The value columns after a table's unit column, nearest header before a row: "序号⇥项目⇥单位⇥小学⇥初中" or one
    cell a line ("名称⏎单位⏎数量"): (where the header's last column ends, ["小学", "初中"] or ["数量"]); (-1, []) when
    no such header stands within reach."""
    header = None
    for at, header_end, columns in _unit_headers(text):
        if at >= before:
            break
        if at >= before - 1500 and header_end <= before:
            header = (header_end, columns)
    if header is None:
        return -1, []
    within = [(end, name) for end, name in header[1] if end <= before]
    return (within[-1][0] if within else header[0]), [name for _, name in within]


def _unit_columns(text: str, before: int) -> list[str]:
    return _unit_header(text, before)[1]


def header_cell(part: Part, *, text: str) -> bool:
    """Whether a part stands in the header of a table with a unit column ("单位⇥12班⇥18班⇥24班"): a column's name,
    not a figure."""
    end, columns = _unit_header(text, _line_of(part, text)[1])
    return bool(columns) and part.start < end and end - part.start < 200


def _in_column(found: Found, column: str) -> Found:
    """A value read under its column: a stage's ("小学"), a school size's ("18班", in the subject) or the standard's."""
    head = P.COLUMN_HEAD.fullmatch(column)
    if head is not None and head.group("stage"):
        return replace(found, stages=stages_and_grades(head.group("stage"))[0])
    if head is not None and head.group("size"):
        # a school of that size is held to it: a standard's figure, the school's
        return replace(found, subject=f"{found.subject}（{column}）", origin="standards_column")
    return found


def unit_column_values(part: Part, *, text: str, masked: str) -> list[Found]:
    """A standards table whose unit stands in a column of its own, under a header that names it:
    "1⇥生均藏书量⇥册⇥25⇥35" (a row's cells apart) or "生均藏书量⏎册⏎25⏎35" (one cell a line): each value with the unit
    of its row and the stage or school size of its column. A table of figures told (years, totals) names no such value
    column, and is not read."""
    line_start, line_end = _line_of(part, text)
    columns = _unit_columns(text, line_start)
    if not columns:
        return []
    row = text[line_start:line_end]
    if "\t" in row or re.search(r"\S[ \u3000]+\S", row):
        if text[line_start : part.start].strip():
            return []  # the row is read once, from its first part
        readings = _unit_row(text, line_start, row, columns)
    else:
        readings = _unit_cell_alone(part, text=text, masked=masked, columns=columns)
    return [replace(found, origin="standards_column") for found in readings]


def _unit_row(text: str, line_start: int, row: str, columns: list[str]) -> list[Found]:
    """A row's cells apart, by tabs (a Word table, a page's bars) or by spaces (a PDF's text layer): the label cell,
    the unit cell and a value under each column."""
    cell_pattern = r"[^\t]+" if "\t" in row else r"[^ \u3000]+"
    cells = [
        (line_start + m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip())
        for m in re.finditer(cell_pattern, row)
        if m.group().strip()
    ]
    named = _name_column(text, line_start, len(cells))
    for index in range(1, len(cells) - 1):
        label = _label_before_unit(cells[index - 2 : index] if index > 1 else cells[:1])
        if named is not None and named < index and P.WORDS_CELL.fullmatch(cells[named][1]):
            label = cells[named]  # "书写板⇥双人⇥张⇥25" under "名称⇥规格型号⇥单位⇥数量": the name, not the model
        if not P.UNIT_CELL.fullmatch(cells[index][1]) or label is None:
            continue
        out: list[Found] = []
        for (start, value), column in zip(cells[index + 1 :], columns, strict=False):
            if not _unit_value_cell(value):
                break
            readings = _unit_reading(label, start + len(value), cells[index][1], value)
            out.extend(_in_column(found, column) for found in readings)
        return out
    return []


def _name_column(text: str, line_start: int, width: int) -> int | None:
    """Which cell of a row is the thing's name, by the header of its table: the column 名称 (品名, 器材名称 …) of the
    nearest header line with a unit column and as many cells as the row; None when there is no such header."""
    for at, _, _ in reversed([h for h in _unit_headers(text) if h[0] < line_start]):
        if at < line_start - 1500:
            return None
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        header = text[start : end if end >= 0 else len(text)]
        heads = [c.strip() for c in re.split(r"\t" if "\t" in header else r"[ \u3000]+", header) if c.strip()]
        if len(heads) != width:
            return None
        return next((i for i, h in enumerate(heads) if P.NAME_HEAD.fullmatch(h)), None)
    return None


def _label_before_unit(before: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The cell that names what a unit cell counts, nearest first: the cell right before it, or the one before that
    where a size or model stands between ("书写板⏎4000mm×1200mm⏎块")."""
    for at, cell in reversed(before):
        if P.WORDS_CELL.fullmatch(cell) and not P.LABEL_CELL.search(cell) and not P.SPEC_CELL.search(cell):
            return at, cell
        if not P.SPEC_CELL.search(cell):
            return None
    return None


def _spec_column(text: str, before: int) -> bool:
    """Whether the nearest header with a unit column before a row has a column of sizes, models or functions between
    the thing's name and its unit (名称⏎规格型号功能⏎单位)."""
    heads = [h for h in _unit_headers(text) if before - 1500 <= h[0] < before]
    return bool(heads) and bool(P.SPEC_HEAD.search(text, max(0, heads[-1][0] - 24), heads[-1][0]))


def _unit_value_cell(cell: str) -> bool:
    return bool(P.VALUE_CELL.fullmatch(cell) or P.PER_CELL.fullmatch(cell))


def _unit_reading(label: tuple[int, str], end: int, unit: str, value: str) -> list[Found]:
    """A value under a unit column: bare ("25", "≥93", read as the label's cell would be) or for each school, room or
    so many pupils ("1/校", "13/50人": at least so many of the unit for each)."""
    per = P.PER_CELL.fullmatch(value)
    if per is None:
        return _cell_reading(label[0], end, f"{label[1]}({unit})", value)
    return [
        Found(
            start=label[0],
            end=end,
            kind="count",
            comparator="at_least",
            value=float(per.group("n")),
            unit=f"{unit}/{per.group('per')}",
            subject=label[1],
            origin="standards_column",
        )
    ]


def _lines_before(text: str, line_start: int) -> Iterator[tuple[int, str]]:
    """The non-empty lines before a line, nearest first: (where the line's words start, its words)."""
    at = line_start
    while at > 0:
        start = text.rfind("\n", 0, at - 1) + 1
        line = text[start : at - 1]
        at = start
        if line.strip():
            yield start + len(line) - len(line.lstrip()), line.strip()


def _unit_cell_alone(part: Part, *, text: str, masked: str, columns: list[str]) -> list[Found]:
    """One cell a line ("生均藏书量⏎册⏎25⏎35"): a value, the values before it in its row, its unit and its label."""
    line_start, line_end = _line_of(part, text)
    value = masked[line_start:line_end].strip()
    if not _alone_on_its_line(part, text) and not P.PER_CELL.fullmatch(value):
        return []
    if not _unit_value_cell(value) or text[line_start : part.start].strip():
        return []  # "13/50人" is read once, from its first number
    column = 0
    lines = _lines_before(text, line_start)
    for _, cell in lines:
        if _unit_value_cell(cell):
            column += 1
            continue
        if column >= len(columns) or not P.UNIT_CELL.fullmatch(cell):
            return []
        before = list(itertools.islice(lines, 2))[::-1]
        label = _label_before_unit(before)
        if label is None:
            return []
        if _spec_column(text, line_start) and len(before) == 2 and P.WORDS_CELL.fullmatch(before[0][1]):
            label = before[0]  # "网络信息口⏎预留网络接口。⏎个": the name, then what its 规格型号功能 column says of it
        return [_in_column(found, columns[column]) for found in _unit_reading(label, line_end, cell, value)]
    return []


def table_value(part: Part, *, text: str, masked: str) -> list[Found]:
    """ "学前三年毛入园率(%)⏎⏎≥85", "生均公用经费财政拨款标准(元/年)⏎⏎500": a value cell of a
    flattened table, read with the unit its label cell names; "…(平方米)⏎小学8,初中10": a value a stage."""
    by_unit_column = unit_column_values(part, text=text, masked=masked)
    if by_unit_column:
        return by_unit_column
    line_start, line_end = _line_of(part, text)
    if P.STAGE_VALUE_CELL.fullmatch(masked[line_start:line_end].strip()):
        if text[line_start : part.start].strip():
            return []  # read once, with the line's first part
        whole = Part(line_start, line_end, part.sentence)
        cell = label_cell(whole, text=text, masked=masked)
        if cell is None:
            return []
        return _cell_reading(cell[0], line_end, cell[1], masked[line_start:line_end].strip())
    cell = label_cell(part, text=text, masked=masked)
    column = 0
    if cell is None:
        column_cell = _later_column(part, text=text, masked=masked)
        if column_cell is None:
            return _row_values(part, text=text, masked=masked)
        cell, column = column_cell
    label_start, label = cell
    readings = _cell_reading(label_start, part.end, label, masked[part.start : part.end].strip())
    stages = _stage_columns(text, label_start)
    following = masked[part.end :].lstrip().split("\n", 1)[0].strip()  # the row's next cell
    in_columns = column > 0 or P.VALUE_CELL.fullmatch(following) is not None
    if len(stages) > 1 and column < len(stages) and in_columns:
        # "指标⏎小学⏎初中⏎生均校舍建筑面积(平方米)⏎8⏎10": the value of the stage its column names
        readings = [_in_column(found, stages[column]) for found in readings]
    return readings


def _later_column(part: Part, *, text: str, masked: str) -> tuple[tuple[int, str], int] | None:
    """A bare value cell after another of its row ("…(平方米)⏎8⏎10": the 10), under a header whose columns
    are stages: (its label cell, its column)."""
    line_start = text.rfind("\n", 0, part.start) + 1
    if not _alone_on_its_line(part, text):
        return None
    if not P.VALUE_CELL.fullmatch(masked[part.start : part.end].strip()):
        return None
    column = 0
    at = line_start
    for _ in range(3):
        previous = text[:at].rstrip()
        start = previous.rfind("\n") + 1
        line = previous[start:].strip()
        if not P.VALUE_CELL.fullmatch(line):
            break
        column += 1
        at = start
    if column == 0:
        return None
    cell = label_cell(Part(at, at + len(text[at:].split("\n", 1)[0]), part.sentence), text=text, masked=masked)
    if cell is None or len(_stage_columns(text, cell[0])) <= column:
        return None
    return cell, column


def _stage_columns(text: str, before: int) -> list[str]:
    """The stages a table's header names as its columns, one cell a line ("小学⏎初中"), nearest before a row."""
    header = None
    for m in P.STAGE_COLUMNS.finditer(text, max(0, before - 600), before):
        header = m
    return re.findall(P.COLUMN_NAME, header.group(0)) if header else []


def _line_of(part: Part, text: str) -> tuple[int, int]:
    """The line a part stands on: (its start, its end)."""
    line_start = text.rfind("\n", 0, part.start) + 1
    line_end = text.find("\n", part.end)
    return line_start, len(text) if line_end < 0 else line_end


def _cells_before(text: str, line_start: int) -> Iterator[tuple[int, str]]:
    """The cells of a flattened table's row before a line, nearest first, back to its 序号 (a line
    holding only a number, not given): (where the cell's words start, its words)."""
    at = line_start
    while at > 0:
        start = text.rfind("\n", 0, at - 1) + 1
        cell = text[start : at - 1]
        at = start
        if not cell.strip():
            continue
        if re.fullmatch(r"\s*\d{1,3}\s*", cell):
            return
        yield start + len(cell) - len(cell.lstrip()), cell.strip()


def deadline_cell(part: Part, *, text: str, masked: str) -> list[Found]:
    """ "2024年3月" under a header with a 完成时限 column, one cell a line (a task table): by when the row's
    task is done; the row's 责任单位 cell says whose task it is."""
    line = _line_of(part, text)
    if text[line[0] : part.start].strip() or text[part.end : line[1]].strip(" 。;"):
        return []  # the date must be the whole line
    if not P.DATE_CELL.fullmatch(masked, *line):
        return []
    if not P.DEADLINE_HEADER.search(text, max(0, line[0] - 3000), line[0]):
        return []
    row = list(itertools.islice(_cells_before(text, line[0]), 9))
    if len(row) > 8:
        return []  # no row number in reach: not a table row
    tasks = [(start, cell) for start, cell in row if len(cell) >= 4 and not P.DATE_CELL.fullmatch(cell)]
    if not tasks:
        return []
    start, task = tasks[-1]  # the row's first long cell: its task
    units = [cell for _, cell in row if cell != task and len(cell) <= 12]  # the cells that name who does it
    leader = next((cell for cell in units if P.AUTHORITY_CELL.search(cell)), None)
    schools = next((cell for cell in units if P.SCHOOL_CELL.search(cell)), None)
    scope, reason = (None, "")
    if schools:
        scope, reason = "school", f"表中责任单位为“{schools}”"
    elif leader:
        scope, reason = "region", f"表中牵头单位为“{leader}”"
    return [
        Found(
            start=start,
            end=part.end,
            kind="deadline",
            subject=f"{task[:30]}（{text[part.start : part.end].strip()}）",
            scope=scope,
            scope_reason=reason,
            origin="table",
        )
    ]


def frequency_cell(part: Part, *, text: str, masked: str) -> list[Found]:
    """ "全年⏎⏎1" under a header with a 开展频次 column, one cell a line (a white list of activities,
    a schedule): how often, in the period the cell before names."""
    line_start, line_end = _line_of(part, text)
    cell = P.FREQUENCY_CELL.fullmatch(masked, line_start, line_end)
    if cell is None or text[line_start : part.start].strip():
        return []
    cells = _cells_before(text, line_start)
    period_start, period = next(cells, (0, ""))
    if not P.PERIOD_CELL.fullmatch(period):
        return []
    if not P.FREQUENCY_HEADER.search(text, max(0, line_start - 3000), line_start):
        return []
    value = parse_number(cell.group("n"))
    if value is None:
        return []
    # the row's cells before the period, back to its 序号: who leads the activity
    row = [words for _, words in cells]
    units = [words for words in row[:-1] if len(words) <= 12]  # not the activity's name, the row's first cell
    leader = next((words for words in units if P.AUTHORITY_CELL.search(words)), None)
    return [
        Found(
            start=period_start,
            end=part.end,
            kind="frequency",
            comparator="equal",
            value=value,
            unit="次",
            period=P.PERIOD_CELL_NAMES[period.removesuffix("内")],
            subject=f"{row[-1]}开展频次" if row else "开展频次",
            scope="region" if leader else None,
            scope_reason=f"表中牵头单位为“{leader}”" if leader else "",
            origin="table",
        )
    ]


def _cell_reading(label_start: int, end: int, label: str, value_cell: str) -> list[Found]:
    if P.STAGE_VALUE_CELL.fullmatch(value_cell):
        # "生均校舍建筑面积(平方米)⏎小学8,初中10": one value for each stage
        return [
            replace(found, stages=stages_and_grades(v.group("stage"))[0])
            for v in P.STAGE_VALUE.finditer(value_cell)
            for found in _cell_reading(label_start, end, label, (v.group("sign") or "") + v.group("n"))
        ]
    with_unit = P.UNIT_VALUE_CELL.fullmatch(value_cell)
    if with_unit and not P.LABEL_CELL.search(label):
        # "班额⇥≤45人": the unit the value cell carries, as a label's bracket would name it
        return _cell_reading(label_start, end, f"{label}({with_unit.group('unit')})", with_unit.group("value"))
    m = P.VALUE_CELL.fullmatch(value_cell)
    if m is None or m.group("number") is None:
        return []
    value = float(m.group("number"))
    signs = {"≥": "at_least", "≤": "at_most", ">": "at_least", "<": "at_most"}
    # a bare value of a standard is its floor ("…标准(元/年)⏎500"), a size its ceiling ("班额(人)⏎45")
    bare = "at_most" if P.SIZE_LABEL.search(label) else "at_least"
    comparator = signs.get(m.group("sign") or "", bare)
    unit_match = P.LABEL_CELL.search(label)
    unit = (unit_match.group("unit") or unit_match.group("word") or "") if unit_match else ""
    if unit in ("m2", "㎡"):
        unit = "平方米"
    subject = P.LABEL_CELL.sub("", label).strip() or label
    period = None
    if "%" in unit or unit == "":
        if value > 100:
            return []
        kind, value, read = share(value, comparator)
        comparator, out_unit = read or "equal", "比例"
    elif unit == "百分点":
        kind, out_unit = "count", "个百分点"
    else:
        # "册/生" is each pupil's share (生均), said by the label; "台/百生" a number for each hundred, kept whole
        kind, out_unit = "count", unit if re.search(r"/[百千]", unit) else unit.split("/")[0]
        period = period_of(label, "")
        if period and unit in P.LESSON_UNITS:
            kind = "frequency"  # "每周体育课节数 ≥3": lessons a week
    return [
        Found(
            start=label_start,
            end=end,
            kind=kind,
            comparator=comparator,
            value=value,
            unit=out_unit,
            period=period,
            subject=subject,
            origin="table",
        )
    ]


def ratios(part: Part, *, text: str, untitled: str, masked: str) -> list[Found]:
    """ "师生比1:19", "按600:1的比例配备校医", a table cell "1:14.5": so many staff (or computers,
    books…) for so many students. Read as a ratio of at least 1/N, what the rubric's
    ratio_at_least checks (staff ÷ students), whichever way round the plan writes it: a staffing
    standard is a floor."""
    out = []
    for m in P.RATIO.finditer(masked, part.start, part.end):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or min(a, b) != 1 or max(a, b) <= 1:
            continue
        clock = ":" in m.group(0) and re.fullmatch(r"\d{2}", m.group("b")) is not None
        if clock and (
            a > 1
            or P.CLOCK_AROUND.search(masked, part.start, m.start())
            or P.TIMETABLE_BEFORE.search(masked, part.start, m.start())
            or P.CLOCK_RANGE_AFTER.match(masked, m.end())
        ):
            continue  # "8:30", "不早于1:30", a timetable's "预备1:20", "1:30----2:15": a time of day
        if "比" in m.group(0) and (is_chinese_numeral(m.group("a")) != is_chinese_numeral(m.group("b"))):
            continue  # "3比2": a score, or a word next to a number
        before = untitled[part.start : m.start()]
        staffed = P.STAFFED_AFTER.match(untitled, m.end(), part.end)
        sentence = untitled[part.sentence.start : part.sentence.end]
        if staffed:
            subject = staffed.group(1)  # "…1:19配备教职工": the staff, per student
        else:
            subject = tidy_subject(re.sub(r"(?:按照?|为|是|不低于|不高于|达到)$", "", before.rstrip()))
            subject = re.sub(r"(?:与学生|与幼儿)?(?:之)?比(?:例)?$", "", subject)
            per_pupil = re.search(r"(?:按照?)?(?:在校|在园)?(?:学生|幼儿)(?:数|人数)?$", subject)
            named = P.STAFF_NAMED_BEFORE.findall(untitled, part.sentence.start, m.start())
            if per_pupil and named:
                # "寄宿制学校按照学生数1:500的比例配备": the staff the sentence has named, for so many pupils
                subject = f"{subject[: per_pupil.start()]}{named[-1]}"
        young = re.search(r"幼儿|师幼|保育|托育|幼儿园", sentence)
        cell = label_cell(part, text=text, masked=masked)
        if cell is not None:
            subject = P.LABEL_CELL.sub("", cell[1]).strip() or subject  # "…之比⏎⏎≤1:15"
        out.append(
            Found(
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
    for m in P.PER_N.finditer(masked, part.start, part.end):
        if m.group("thing"):
            # "每百名学生拥有计算机不少于15台": so many things for so many students
            n, things = parse_number(m.group("n2")), parse_number(m.group("m2"))
            if not n or not things:
                continue
            value = clean(things / n)
            subject = f"{untitled[m.start('thing') : m.end('thing')]}（{m.group('unit2')}）"
            who = m.group("who2")
        else:
            n, staff = parse_number(m.group("n")), parse_number(m.group("m"))
            if n is None or staff is None or not 0 < staff < n:
                continue
            value = one_in_n(n / staff)
            subject = _staff_of(m, part, untitled)
            who = m.group("who") or "人"  # "每40人设1个": for so many people
        out.append(
            Found(
                start=part.start,
                end=part.end,
                kind="ratio",
                comparator="at_least",
                value=value,
                unit="比例",
                subject=subject,
                denominator=f"{who}数",
                origin="ratio",
            )
        )
    return out


def _staff_of(m: re.Match[str], part: Part, untitled: str) -> str:
    """Who is staffed "每200名学生配备1名…": the staff named after the ratio, else before it."""
    staffed = P.STAFFED_AFTER.match(untitled, m.end(), part.end)
    if staffed:
        return staffed.group(1)  # "…的比例配备宿舍管理人员"
    after = re.match(r"(?:专职|专兼职|兼职)?(?!配)([^,;。、的\t]{2,12})", untitled[m.end() : part.end])
    if after:
        return after.group(1)  # "…配备1名心理健康教育教师"
    before = re.sub(r"(?:按照?|应当?|要|须)$", "", untitled[part.start : m.start()]).strip()
    if subject := tidy_subject(before):
        return subject
    # "每校至少配备1名专职心理健康教师，每600名学生增配1名": the staff the clause before named
    earlier = list(P.STAFF_NAMED.finditer(untitled, part.sentence.start, part.start))
    return earlier[-1].group("staff") if earlier else "教职工"
