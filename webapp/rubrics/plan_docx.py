"""Reading a Word document (.docx) into a plan's text: its paragraphs and tables in document
order, with the list numbers Word draws written out."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from webapp.rubrics.plan_text import PlanRejected, PlanText

# --------------------------------------------------------------------------------------------
# Word (.docx): paragraphs and tables in document order, with the list numbers Word draws.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes) -> PlanText:
    """The text of a .docx whose zip ``formats.sniff`` has checked (``plan_text.office_kind``)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if "macroEnabled" in str(exc):
            raise PlanRejected("这是含宏的 Word 文档（.docm）：请另存为 .docx 后再添加") from exc
        raise PlanRejected("Word 文件已损坏，无法读取：请在 Word 中打开后另存为 .docx 再添加") from exc
    except (KeyError, PackageNotFoundError, LxmlError, zipfile.BadZipFile) as exc:
        raise PlanRejected("Word 文件已损坏，无法读取：请在 Word 中打开后另存为 .docx 再添加") from exc
    numbering = _Numbering(document)
    lines = list(_docx_blocks(document.element.body, document, numbering))
    title = document.core_properties.title or None
    return PlanText("\n".join(lines), "docx", title=title)


def _docx_blocks(parent: Any, document: Any, numbering: _Numbering) -> Iterator[str]:
    """The lines of the body (or of a content control) in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        if child.tag == _W + "p":
            paragraph = Paragraph(child, document)
            yield numbering.label(paragraph) + paragraph.text
        elif child.tag == _W + "tbl":
            yield from _docx_table(Table(child, document), document, numbering)
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _docx_blocks(content, document, numbering)


def _docx_table(table: Any, document: Any, numbering: _Numbering) -> Iterator[str]:
    """One line per row, cells separated by a tab. A cell merged from the row above (a
    vertical merge's continuation) is left out rather than repeated; a cell's own paragraphs
    and nested tables are joined by spaces, so that the row stays one line."""
    for row in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in row.tc_lst:
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(_W + "val") in (None, "continue"):
                continue
            parts = [line for line in _docx_blocks(tc, document, numbering) if line.strip()]
            cells.append(" ".join(part.replace("\n", " ") for part in parts))
        if any(cell.strip() for cell in cells):
            yield "\t".join(cells)


class _Numbering:
    """The numbers Word draws before list paragraphs (1. （一） ①), which are not in the text of
    the paragraph but are the clause numbers of a plan: counted as Word counts them."""

    def __init__(self, document: Any) -> None:
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.findall(_W + "abstractNum"):
            levels: dict[int, tuple[int, str, str, str]] = {}
            for lvl in abstract.findall(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                start = _int(_val(lvl, "start"), 1)
                fmt = _val(lvl, "numFmt") or "decimal"
                if lvl.find(_W + "isLgl") is not None:
                    fmt = "decimal"
                levels[ilvl] = (start, fmt, _val(lvl, "lvlText") or "", _val(lvl, "suff") or "tab")
            self.levels[abstract.get(_W + "abstractNumId", "")] = levels
        for num in root.findall(_W + "num"):
            num_id = num.get(_W + "numId", "")
            self.abstract_of[num_id] = _val(num, "abstractNumId") or ""
            for override in num.findall(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    self.overrides.setdefault(num_id, {})[_int(override.get(_W + "ilvl"), 0)] = _int(start, 1)
        for style in document.styles.element.findall(_W + "style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and _val(num_pr, "numId"):
                self.styles[style.get(_W + "styleId", "")] = (
                    _val(num_pr, "numId") or "",
                    _int(_val(num_pr, "ilvl"), 0),
                )

    def label(self, paragraph: Any) -> str:
        if not self.levels:
            return ""
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(_W + "numPr") if p_pr is not None else None
        num_id, ilvl = "", 0
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "numId") or "", _int(_val(num_pr, "ilvl"), 0)
        else:
            style_id = p_pr.find(_W + "pStyle") if p_pr is not None else None
            found = self.styles.get(style_id.get(_W + "val", "") if style_id is not None else "Normal")
            if found:
                num_id, ilvl = found
        abstract = self.abstract_of.get(num_id)
        if not num_id or num_id == "0" or abstract is None or ilvl not in self.levels.get(abstract, {}):
            return ""
        levels = self.levels[abstract]
        counters = self.counters.setdefault(abstract, {})
        override = self.overrides.get(num_id, {}).get(ilvl)
        if override is not None and (num_id, ilvl) not in self.started:
            counters[ilvl] = override - 1
        self.started.add((num_id, ilvl))
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        _, fmt, text, suffix = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            if level not in levels:
                return ""
            value = counters.get(level, levels[level][0])
            return _format_number(value, fmt if level == ilvl else levels[level][1])

        label = re.sub(r"%([1-9])", number, text)
        return label + {"tab": "\t", "space": " "}.get(suffix, "") if label else ""


def _val(element: Any, child: str) -> str | None:
    found = element.find(_W + child)
    return found.get(_W + "val") if found is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _format_number(value: int, fmt: str) -> str:
    """A list number as Word writes it in one of its formats (the ones Chinese documents use)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "ideographDigital",
        "taiwaneseCountingThousand",
    ):
        return _chinese(value, _CN_DIGITS, "十")
    if fmt == "chineseLegalSimplified":
        return _chinese(value, _CN_LEGAL, "拾")
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= 12:
        return "子丑寅卯辰巳午未申酉戌亥"[value - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _chinese(value: int, digits: str, ten: str) -> str:
    if not 0 < value < 100:
        return str(value)
    tens, ones = divmod(value, 10)
    if not tens:
        return digits[ones]
    return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    out = ""
    for amount, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, amount)
        out += letters * count
    return out
