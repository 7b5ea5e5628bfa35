"""What the readers of plan files share: a plan's text as read (``PlanText``), a file refused
with the reason in Chinese (``PlanRejected``), the decoding of plain text, which saved web
pages are decoded by too, and the check of an Office file's zip (Word or Excel, and no zip
bomb) before anything parses it."""

from __future__ import annotations

import codecs
import io
import unicodedata
import zipfile
from dataclasses import dataclass


class PlanRejected(ValueError):
    """A plan file that cannot be read, with the reason in Chinese."""


@dataclass(frozen=True)
class PlanText:
    """A plan's text as extracted, and what its format says of it."""

    text: str
    format: str  # one of FORMATS (formats.py)
    title: str | None = None  # the format's own title: Word's title property, PDF metadata, <title>
    encoding: str | None = None  # a text file's or web page's character encoding
    pages: int | None = None  # a PDF's pages


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB".replace(".0 MB", " MB")


# --------------------------------------------------------------------------------------------
# Office files are zips: Word (.docx) or Excel (.xlsx) by their members, checked before parsing.

_MAX_ZIP_MEMBERS = 2000
NOT_OFFICE = (
    "这是一个压缩包（.zip），不是 Word 文档（.docx）或 Excel 表格（.xlsx）：请解压后添加其中的 .docx、.pdf 或 .txt 文件"
)
SAVE_AS = "请把工作要点另存为 .docx、.xlsx、.pdf 或 .txt 后再添加"


def office_kind(data: bytes, max_unpacked: int) -> str:
    """``"docx"`` or ``"xlsx"``, told by the zip's members, after checking that it is not a zip
    bomb (too many members, too large inflated, a member inflating a thousandfold) — before
    anything parses it; else PlanRejected naming what the file is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise PlanRejected("文件已损坏，无法打开：它看起来是 Word 文档、Excel 表格或压缩包，但内容不完整") from exc
    with archive:
        members = archive.infolist()
        if len(members) > _MAX_ZIP_MEMBERS:
            raise PlanRejected("文件结构异常（压缩包成员过多），不像是 Word 文档或 Excel 表格")
        unpacked = sum(m.file_size for m in members)
        if unpacked > max_unpacked:
            raise PlanRejected(f"文件解压后过大（{megabytes(unpacked)}），疑似压缩炸弹，不能读取")
        for member in members:
            if member.file_size > 1_000_000 and member.file_size / max(member.compress_size, 1) > 1000:
                raise PlanRejected("文件压缩比异常，疑似压缩炸弹，不能读取")
        names = {m.filename for m in members}
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        raise PlanRejected(f"这是 PowerPoint 演示文稿，不是工作要点文件：{SAVE_AS}")
    if "OFD.xml" in names:
        raise PlanRejected("这是 OFD 版式文件，不能直接读取：请用 OFD 阅读器另存为 PDF 或 Word 后再添加")
    if any(n.startswith(("xl/", "word/")) for n in names):
        raise PlanRejected("文件已损坏，无法读取：请在 Word 或 Excel 中打开后重新保存再添加")
    raise PlanRejected(NOT_OFFICE)


# --------------------------------------------------------------------------------------------
# Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK — by strict decoding.

ENCODING_REFUSED = (
    "无法识别文件的文字编码（不是 UTF-8，也不是 GB18030/GBK），或者这不是文本文件："
    "请用记事本或 WPS 打开后“另存为” UTF-8 编码的 .txt，或直接添加 Word、PDF 文件"
)


def read_txt(data: bytes) -> PlanText:
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
