"""Reading a PDF with a text layer into a plan's text: page by page, a line wrapped at the right
margin joined to the next, a page number alone on a page's first or last line left out."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from webapp.rubrics.plan_text import PlanRejected, PlanText

# --------------------------------------------------------------------------------------------
# PDF with a text layer: page by page.

SCANNED = "该 PDF 没有文字层（可能是扫描件），请上传可复制文字的 PDF 或 Word 文件"
ENCRYPTED = "该 PDF 设有密码，无法读取其中的文字：请去除密码（或用 PDF 阅读器“另存为”不加密的 PDF）后再添加"
DAMAGED_PDF = "PDF 文件已损坏，无法读取：请重新导出 PDF，或添加 Word 文件"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－·•]?\s*\d{1,4}\s*[-—–－·•]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_CID = re.compile(r"\(cid:\d+\)")


def read_pdf(data: bytes) -> PlanText:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    lines: list[_PdfLine] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = _pdf_title(pdf.metadata)
            pages = len(pdf.pages)
            for page in pdf.pages:
                lines.extend(_pdf_lines(page))
                page.close()
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise PlanRejected(ENCRYPTED) from exc
        raise PlanRejected(DAMAGED_PDF) from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PlanRejected(ENCRYPTED) from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise PlanRejected(DAMAGED_PDF) from exc
    text = _reflow(lines)
    visible = len(re.sub(r"\s", "", text))
    if visible < 20 * max(1, pages) and visible < 200:
        raise PlanRejected(SCANNED)
    if len(_CID.findall(text)) * 8 > visible:
        raise PlanRejected(
            "该 PDF 的文字无法提取（字体缺少编码信息，复制出来是乱码）：请添加 Word 文件，或重新导出可复制文字的 PDF"
        )
    return PlanText(text, "pdf", title=title, pages=pages)


@dataclass(frozen=True)
class _PdfLine:
    text: str
    full: bool  # reaches the right margin: the paragraph may go on in the next line
    indented: bool  # starts right of the left margin: a new paragraph (首行缩进)
    row: bool = False  # a ruled table's row, its cells apart by tabs: never joined to a line around it


def _pdf_lines(page: Any) -> list[_PdfLine]:
    """A page's lines with where they stand, top to bottom: the text around its ruled tables line by line, each
    table row one line of its cells apart by tabs (as a Word table is read); a page number alone on the first or
    last line is left out."""
    tables = [t for t in page.find_tables() if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    prose = page.filter(outside) if boxes else page
    rows = [r for r in prose.extract_text_lines(strip=True, return_chars=True) if r["text"].strip()]
    if rows and _PAGE_NUMBER.match(rows[-1]["text"]) and not (boxes and rows[-1]["top"] < max(b[3] for b in boxes)):
        rows.pop()
    if rows and _PAGE_NUMBER.match(rows[0]["text"]) and not (boxes and rows[0]["top"] > min(b[1] for b in boxes)):
        rows.pop(0)
    placed: list[tuple[float, _PdfLine]] = []
    if rows:
        left = min(r["x0"] for r in rows)
        right = max(r["x1"] for r in rows)
        for row in rows:
            size = float(row["chars"][-1].get("size") or 10) if row.get("chars") else 10.0
            line = _PdfLine(row["text"], row["x1"] >= right - 1.5 * size, row["x0"] > left + 0.8 * size)
            placed.append((row["top"], line))
    for table in tables:
        for table_row, texts in zip(table.rows, table.extract(), strict=False):
            cells = [_cell_text(text) for text in texts if text is not None]  # None: merged from another cell
            if any(cells):
                placed.append((table_row.bbox[1], _PdfLine("\t".join(cells), False, False, row=True)))
    return [line for _, line in sorted(placed, key=lambda item: item[0])]


def _cell_text(text: str) -> str:
    """A cell's lines as one: a line wrapped inside the cell joined to the next without a space, but for two Latin
    words or figures ("Wi-Fi" / "6", "4000mm" / "×1200mm" stays as it was)."""
    out = ""
    for line in (part.strip() for part in text.split("\n")):
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


_PARAGRAPH_START = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[ \t]*[.．、]|"
    r"[①-⑳]|第[一二三四五六七八九十百零\d]+[条章节]|附件|[•·●■◆★-])"
)
_SENTENCE_END = tuple("。！？!?；;：:")


# Two cells of a table's row, apart by the space the text layer puts between them: Chinese words or figures on both
# sides ("生均校舍建筑面积 平方米 8 10"), not a Latin word in a sentence ("开展 STEAM 教育").
_CELL_GAP = re.compile(r"(?<=[\u4e00-\u9fff\d%）)])[ \u3000]+(?=[\u4e00-\u9fff\d（(≥≤])")


def _table_row(text: str) -> bool:
    """A row of a table: three cells or more apart by spaces, most of them longer than one character (a line whose
    every character is set apart, "研 学 实 践", is a letter-spaced line of prose)."""
    tokens = text.split()
    return len(_CELL_GAP.findall(text)) >= 2 and sum(len(t) > 1 for t in tokens) * 2 > len(tokens)


def _reflow(lines: list[_PdfLine]) -> str:
    """The lines of all pages, a line that was wrapped at the right margin joined to the next
    (「…每学年参加1—2次集体」+「研学实践活动。」), so that a sentence is not cut where the
    page was: not after a sentence's end, not before an indented or numbered line, and not
    between rows of a table (a page that holds only a table has every row at its right edge)."""
    out: list[str] = []
    for n, line in enumerate(lines):
        previous = lines[n - 1] if n else None
        joins = (
            previous is not None
            and previous.full
            and not line.indented
            and not previous.text.endswith(_SENTENCE_END)
            and not _PARAGRAPH_START.match(line.text)
            and not (previous.row or line.row)
            and not (_table_row(previous.text) or _table_row(line.text))
        )
        if joins and out:
            both_latin = (
                out[-1][-1:].isascii()
                and out[-1][-1:].isalnum()
                and line.text[:1].isascii()
                and line.text[:1].isalnum()
            )
            out[-1] += (" " if both_latin else "") + line.text
        else:
            out.append(line.text)
    return "\n".join(out)


def _pdf_title(metadata: dict[str, Any]) -> str | None:
    title = metadata.get("Title")
    if isinstance(title, bytes):
        try:
            title = title.decode("utf-16") if title.startswith((b"\xfe\xff", b"\xff\xfe")) else title.decode("latin-1")
        except UnicodeDecodeError:
            return None
    return str(title).strip() or None if title else None
