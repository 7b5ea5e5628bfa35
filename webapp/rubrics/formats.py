"""Reading a plan file of any format into the text the plan library keeps.

``read_plan(name, data)`` takes the bytes of a ``.txt``, ``.docx``, ``.xlsx``, ``.pdf`` (with a text
layer) or ``.html`` file and returns a ``PlanText``: the text, and what the format says of itself (a
Word document's title, a PDF's page count, a web page's <title> and charset). The kind is
decided by the content; the extension only tells a web page from plain text. A file that
cannot be read raises ``PlanRejected`` with the reason in Chinese, for the person who brought
it: a scanned PDF, a zip renamed .docx, a legacy .doc, a file over the size limit, bytes in no
known encoding.

The text is what the extraction reads and what rubric quotes are checked against character for
character, so it is kept as extracted: line endings become ``\\n``, a table row is one line with
its cells separated by a tab (a worksheet's rows too, a merged cell once), a Word list's automatic
numbers are written out (they are the clause numbers), a PDF line wrapped at the right margin is
joined to the next one and a page number alone on the first or last line of a page is dropped, and
a web page's navigation, menus, breadcrumbs, share bars and footers are left out. Nothing else is
changed.

This module decides the kind and checks the size; each kind is read by its own module:
``plan_text`` (plain text, and what the readers share), ``plan_docx``, ``plan_xlsx``, ``plan_pdf``
and ``plan_html``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import PurePath

from webapp.rubrics.plan_docx import read_docx
from webapp.rubrics.plan_html import read_html
from webapp.rubrics.plan_pdf import read_pdf
from webapp.rubrics.plan_text import PlanRejected, PlanText, decode_text, megabytes, office_kind, read_txt
from webapp.rubrics.plan_xlsx import read_xlsx

__all__ = [
    "ACCEPTED",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_UNPACKED_BYTES",
    "FORMATS",
    "FORMAT_LABELS",
    "PlanRejected",
    "PlanText",
    "check_size",
    "decode_text",
    "normalise_newlines",
    "read_plan",
    "sniff",
]

FORMATS = ("txt", "docx", "xlsx", "pdf", "html")
FORMAT_LABELS = {"txt": "纯文本", "docx": "Word 文档", "xlsx": "Excel 表格", "pdf": "PDF", "html": "网页"}
ACCEPTED = ".txt、.docx、.xlsx、.pdf（有文字层）、.html"
DEFAULT_MAX_BYTES = 20_971_520  # config/settings.toml PLAN_MAX_BYTES
DEFAULT_MAX_UNPACKED_BYTES = 104_857_600  # PLAN_MAX_UNPACKED_BYTES: a .docx or .xlsx inflated


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
    kind = sniff(name, data, max_unpacked)
    readers: dict[str, Callable[[bytes], PlanText]] = {
        "txt": read_txt,
        "docx": read_docx,
        "xlsx": read_xlsx,
        "pdf": read_pdf,
        "html": read_html,
    }
    plan = readers[kind](data)
    text = normalise_newlines(plan.text)
    if not text.strip():
        raise PlanRejected(f"{FORMAT_LABELS[kind]}中没有文字")
    return PlanText(text, plan.format, plan.title, plan.encoding, plan.pages)


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise PlanRejected(
            f"文件过大（{megabytes(size)}），工作要点文件不能超过 {megabytes(max_bytes)}："
            "请去掉其中的图片，或只保留正文后再添加"
        )


def normalise_newlines(text: str) -> str:
    return re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)


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


def sniff(name: str, data: bytes, max_unpacked: int = DEFAULT_MAX_UNPACKED_BYTES) -> str:
    """One of FORMATS, decided by the bytes (a zip by its members, once it is known to be no zip
    bomb); or PlanRejected for a kind that cannot be read."""
    head = data[:16]
    suffix = PurePath(name).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return office_kind(data, max_unpacked)
    if head.startswith(_OLE) and suffix in (".xls", ".et", ".xlsx"):
        raise PlanRejected(
            "这是旧版 Excel 表格（.xls）或 WPS 表格，不能直接读取：请在 Excel 或 WPS 中打开，"
            "另存为 .xlsx 后再添加（若文件设有打开密码，请先去除密码）"
        )
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
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or _HTML_START.match(data[:4096].lstrip(codecs.BOM_UTF8)):
        return "html"
    return "txt"
