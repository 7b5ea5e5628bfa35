"""Reading a plan file of any format into the text the plan library keeps.

``read_plan(name, data)`` takes the bytes of a ``.txt``, ``.docx``, ``.pdf`` (with a text layer)
or ``.html`` file and returns a ``PlanText``: the text, and what the format says of itself (a
Word document's title, a PDF's page count, a web page's <title> and charset). The kind is
decided by the content; the extension only tells a web page from plain text. A file that
cannot be read raises ``PlanRejected`` with the reason in Chinese, for the person who brought
it: a scanned PDF, a zip renamed .docx, a legacy .doc, a file over the size limit, bytes in no
known encoding.

The text is what the extraction reads and what rubric quotes are checked against character for
character, so it is kept as extracted: line endings become ``\\n``, a table row is one line with
its cells separated by a tab, a Word list's automatic numbers are written out (they are the
clause numbers), a PDF line wrapped at the right margin is joined to the next one and a page
number alone on the first or last line of a page is dropped, and a web page's navigation, menus,
breadcrumbs, share bars and footers are left out. Nothing else is changed.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

FORMATS = ("txt", "docx", "pdf", "html")
FORMAT_LABELS = {"txt": "纯文本", "docx": "Word 文档", "pdf": "PDF", "html": "网页"}
ACCEPTED = ".txt、.docx、.pdf（有文字层）、.html"
DEFAULT_MAX_BYTES = 20_971_520  # config/settings.toml PLAN_MAX_BYTES
DEFAULT_MAX_UNPACKED_BYTES = 104_857_600  # PLAN_MAX_UNPACKED_BYTES: a .docx inflated
_MAX_ZIP_MEMBERS = 2000


class PlanRejected(ValueError):
    """A plan file that cannot be read, with the reason in Chinese."""


@dataclass(frozen=True)
class PlanText:
    """A plan's text as extracted, and what its format says of it."""

    text: str
    format: str  # one of FORMATS
    title: str | None = None  # the format's own title: Word's title property, PDF metadata, <title>
    encoding: str | None = None  # a text file's or web page's character encoding
    pages: int | None = None  # a PDF's pages


def read_plan(name: str, data: bytes, *, max_bytes: int | None = None, max_unpacked: int | None = None) -> PlanText:
    """The text of a plan file, or PlanRejected saying why not. ``name`` is the file's name
    (its extension separates a web page from plain text); the limits default to the settings."""
    max_bytes = max_bytes if max_bytes is not None else _setting("PLAN_MAX_BYTES", DEFAULT_MAX_BYTES)
    max_unpacked = (
        max_unpacked if max_unpacked is not None else _setting("PLAN_MAX_UNPACKED_BYTES", DEFAULT_MAX_UNPACKED_BYTES)
    )
    check_size(len(data), max_bytes)
    if not data.strip():
        raise PlanRejected("文件是空的，没有文字")
    kind = sniff(name, data)
    readers: dict[str, Callable[[bytes], PlanText]] = {
        "txt": _read_txt,
        "docx": lambda d: _read_docx(d, max_unpacked),
        "pdf": _read_pdf,
        "html": _read_html,
    }
    plan = readers[kind](data)
    text = normalise_newlines(plan.text)
    if not text.strip():
        raise PlanRejected(f"{FORMAT_LABELS[kind]}中没有文字")
    return PlanText(text, plan.format, plan.title, plan.encoding, plan.pages)


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise PlanRejected(
            f"文件过大（{_megabytes(size)}），工作要点文件不能超过 {_megabytes(max_bytes)}："
            "请去掉其中的图片，或只保留正文后再添加"
        )


def normalise_newlines(text: str) -> str:
    return re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB".replace(".0 MB", " MB")


def _setting(key: str, default: int) -> int:
    from flask import current_app, has_app_context

    if has_app_context():
        return int(current_app.config.get(key, default))
    from webapp.settings import file_setting

    return int(file_setting(key, default))


# --------------------------------------------------------------------------------------------
# What kind of file is it? By content.

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S
)
NOT_DOCX = "这是一个压缩包（.zip），不是 Word 文档（.docx）：请解压后添加其中的 .docx、.pdf 或 .txt 文件"


def sniff(name: str, data: bytes) -> str:
    """One of FORMATS, decided by the bytes; or PlanRejected for a kind that cannot be read."""
    head = data[:16]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if head.startswith(_OLE):
        raise PlanRejected(
            "这是旧版 Word 文档（.doc）或 WPS 文档，不能直接读取：请在 Word 或 WPS 中打开，"
            "请另存为 .docx 后再添加（若文件设有打开密码，请先去除密码）"
        )
    if head.startswith(b"{\\rtf"):
        raise PlanRejected("这是 RTF 文档，不能直接读取：请在 Word 中打开，请另存为 .docx 后再添加")
    if head.startswith(_IMAGES):
        raise PlanRejected("这是图片，不是文字：请上传可复制文字的 PDF 或 Word 文件（扫描件须先做文字识别）")
    if head.startswith(_ARCHIVES):
        raise PlanRejected("这是压缩包，不是工作要点文件：请解压后添加其中的 .docx、.pdf 或 .txt 文件")
    if re.match(rb"(?i)^\s*(?:MIME-Version|From:.*\n.*MIME-Version)", data[:1024]):
        raise PlanRejected("这是 .mht 网页存档，不能直接读取：请在浏览器中把网页“另存为”网页（仅 HTML）后再添加")
    suffix = PurePath(name).suffix.lower()
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or _HTML_START.match(data[:4096].lstrip(codecs.BOM_UTF8)):
        return "html"
    return "txt"


# --------------------------------------------------------------------------------------------
# Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK — by strict decoding.

ENCODING_REFUSED = (
    "无法识别文件的文字编码（不是 UTF-8，也不是 GB18030/GBK），或者这不是文本文件："
    "请用记事本或 WPS 打开后“另存为” UTF-8 编码的 .txt，或直接添加 Word、PDF 文件"
)


def _read_txt(data: bytes) -> PlanText:
    text, encoding = decode_text(data)
    return PlanText(text, "txt", encoding=encoding)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text and the encoding that read it: the BOM's, else ``declared`` (a web page's
    charset), else UTF-8, else GB18030 (which GBK and GB2312 are subsets of). Each try is
    strict, and a reading full of control or unassigned characters is no reading."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8", data[3:], "utf-8-sig")]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", data, "utf-16")]
    else:
        names = [n for n in (_codec(declared), "utf-8", "gb18030") if n]
        candidates = [(n, data, n) for n in dict.fromkeys(names)]
    for codec, raw, label in candidates:
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text, label
    raise PlanRejected(ENCODING_REFUSED)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in ("gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "gb2312-80", "chinese", "gb18030"):
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _plausible(text: str) -> bool:
    """Text a person wrote: no NUL or other control characters, few private-use or unassigned
    code points (what GB18030 makes of binary junk)."""
    odd = 0
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\t\n\r\f\v\x1a":
            return False
        if category in ("Co", "Cn", "Cs") or char >= "\U00020000":
            odd += 1
    return odd <= max(3, len(text) // 200)


# --------------------------------------------------------------------------------------------
# Word (.docx): paragraphs and tables in document order, with the list numbers Word draws.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes, max_unpacked: int) -> set[str]:
    """The member names of a .docx, after checking that it is one and that it is not a zip
    bomb — before anything parses it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise PlanRejected("文件已损坏，无法打开：它看起来是 Word 文档（.docx）或压缩包，但内容不完整") from exc
    with archive:
        members = archive.infolist()
        if len(members) > _MAX_ZIP_MEMBERS:
            raise PlanRejected("文件结构异常（压缩包成员过多），不像是 Word 文档")
        unpacked = sum(m.file_size for m in members)
        if unpacked > max_unpacked:
            raise PlanRejected(f"文件解压后过大（{_megabytes(unpacked)}），疑似压缩炸弹，不能读取")
        for member in members:
            if member.file_size > 1_000_000 and member.file_size / max(member.compress_size, 1) > 1000:
                raise PlanRejected("文件压缩比异常，疑似压缩炸弹，不能读取")
        names = {m.filename for m in members}
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return names
    if any(n.startswith("xl/") for n in names):
        raise PlanRejected("这是 Excel 表格（.xlsx），不是 Word 文档：请把工作要点另存为 .docx、.pdf 或 .txt 后再添加")
    if any(n.startswith("ppt/") for n in names):
        raise PlanRejected("这是 PowerPoint 演示文稿，不是 Word 文档：请把工作要点另存为 .docx、.pdf 或 .txt 后再添加")
    if "OFD.xml" in names:
        raise PlanRejected("这是 OFD 版式文件，不能直接读取：请用 OFD 阅读器另存为 PDF 或 Word 后再添加")
    raise PlanRejected(NOT_DOCX)


def _read_docx(data: bytes, max_unpacked: int) -> PlanText:
    check_zip(data, max_unpacked)
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


# --------------------------------------------------------------------------------------------
# PDF with a text layer: page by page.

SCANNED = "该 PDF 没有文字层（可能是扫描件），请上传可复制文字的 PDF 或 Word 文件"
ENCRYPTED = "该 PDF 设有密码，无法读取其中的文字：请去除密码（或用 PDF 阅读器“另存为”不加密的 PDF）后再添加"
DAMAGED_PDF = "PDF 文件已损坏，无法读取：请重新导出 PDF，或添加 Word 文件"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－·•]?\s*\d{1,4}\s*[-—–－·•]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_CID = re.compile(r"\(cid:\d+\)")


def _read_pdf(data: bytes) -> PlanText:
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


def _pdf_lines(page: Any) -> list[_PdfLine]:
    """A page's lines with where they stand; a page number alone on the first or last line
    is left out."""
    rows = [r for r in page.extract_text_lines(strip=True, return_chars=True) if r["text"].strip()]
    if rows and _PAGE_NUMBER.match(rows[-1]["text"]):
        rows.pop()
    if rows and _PAGE_NUMBER.match(rows[0]["text"]):
        rows.pop(0)
    if not rows:
        return []
    left = min(r["x0"] for r in rows)
    right = max(r["x1"] for r in rows)
    lines = []
    for row in rows:
        size = float(row["chars"][-1].get("size") or 10) if row.get("chars") else 10.0
        lines.append(_PdfLine(row["text"], row["x1"] >= right - 1.5 * size, row["x0"] > left + 0.8 * size))
    return lines


_PARAGRAPH_START = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[ \t]*[.．、]|"
    r"[①-⑳]|第[一二三四五六七八九十百零\d]+[条章节]|附件|[•·●■◆★-])"
)
_SENTENCE_END = tuple("。！？!?；;：:")


def _reflow(lines: list[_PdfLine]) -> str:
    """The lines of all pages, a line that was wrapped at the right margin joined to the next
    (「…每学年参加1—2次集体」+「研学实践活动。」), so that a sentence is not cut where the
    page was: not after a sentence's end, and not before an indented or numbered line."""
    out: list[str] = []
    for n, line in enumerate(lines):
        previous = lines[n - 1] if n else None
        joins = (
            previous is not None
            and previous.full
            and not line.indented
            and not previous.text.endswith(_SENTENCE_END)
            and not _PARAGRAPH_START.match(line.text)
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


# --------------------------------------------------------------------------------------------
# A saved web page: the page's own charset; its chrome (navigation, menus, footers) left out.

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "button",
    "select",
    "input",
    "textarea",
    "head",
    "map",
    "audio",
    "video",
)
_CHROME_WORDS = re.compile(
    r"(?i)(breadcrumb|crumb|bdshare|share|social|footer|copyright|navbar|navigation|subnav|topnav|mainnav|"
    r"menu|sidebar|toolbar|pagination|pager|gotop|backtop|goback|skip-?link|dqwz|weizhi)"
)
_CHROME_TOKENS = {"nav", "foot", "position", "location", "wz", "print", "close", "search", "login", "top-bar", "topbar"}
_BLOCKS = {
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
}
_CELLS = {"td", "th"}


def _read_html(data: bytes) -> PlanText:
    import lxml.html
    from lxml.etree import ParserError

    declared = _META_CHARSET.search(data[:8192])
    markup, encoding = decode_text(data, declared.group(1).decode("ascii", "replace") if declared else None)
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup.lstrip("\ufeff"))
    try:
        root = lxml.html.document_fromstring(markup)
    except (ParserError, ValueError) as exc:
        raise PlanRejected("网页文件无法解析：请在浏览器中重新“另存为”网页（仅 HTML）后再添加") from exc
    title = root.findtext(".//title")
    body = root.find("body")
    if body is None:
        body = root
    _drop_chrome(body)
    parts: list[str] = []
    _html_text(body, parts, in_cell=False, pre=False)
    lines = []
    for line in "".join(parts).split("\n"):
        line = re.sub(r" *\t *", "\t", line.replace("\xa0", " ")).strip(" \t")
        if line.strip():
            lines.append(line)
    return PlanText(
        "\n".join(lines), "html", title=title.strip() if title and title.strip() else None, encoding=encoding
    )


def _drop_chrome(body: Any) -> None:
    """Remove scripts, forms and page chrome: navigation, menus, breadcrumbs, share bars,
    footers — by tag, or by a class or id that names them. Never an element holding most of
    the page's text (a wrapper whose id happens to say "menu"), and a <header> or <footer>
    inside an <article> or <main> is the article's own."""
    from lxml.etree import _Comment, _ProcessingInstruction

    for node in list(body.iter()):
        if isinstance(node, _Comment | _ProcessingInstruction) and node.getparent() is not None:
            node.drop_tree()
    total = len(body.text_content())
    for element in list(body.iter()):
        if element.getparent() is None or not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        drop = tag in _DROP_TAGS
        if tag in ("header", "footer"):
            drop = not any(a.tag in ("article", "main") for a in element.iterancestors())
        if not drop and tag not in ("body", "main", "article"):
            names = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("role"))))
            if names:
                tokens = set(re.split(r"[\s_\-]+", names.lower()))
                drop = bool(_CHROME_WORDS.search(names) or tokens & _CHROME_TOKENS or "navigation" in tokens)
        if drop and (tag in _DROP_TAGS or len(element.text_content()) <= total / 2):
            element.drop_tree()


def _html_text(element: Any, out: list[str], *, in_cell: bool, pre: bool) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    pre = pre or tag in ("pre", "textarea")
    if tag == "br":
        out.append(" " if in_cell else "\n")
    elif tag in _BLOCKS:
        out.append(" " if in_cell and tag not in ("tr", "table") else "\n")
    if element.text:
        out.append(_collapse(element.text, pre))
    cell = in_cell or tag in _CELLS
    for child in element:
        _html_text(child, out, in_cell=cell and tag not in ("table",), pre=pre)
    if tag in _CELLS:
        out.append("\t")
    elif tag in _BLOCKS and tag != "br":
        out.append(" " if in_cell and tag not in ("tr", "table") else "\n")
    if element.tail:
        out.append(_collapse(element.tail, pre))


def _collapse(text: str, pre: bool) -> str:
    return text if pre else re.sub(r"[ \t\r\n\f]+", " ", text)
