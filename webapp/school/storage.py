"""Evidence files (佐证材料) on disk: type checked by content, stored under generated names.

Accepted: PDF (without JavaScript, judged by `webapp.pdfcheck`), JPEG, PNG, DOCX and XLSX (without macros; their ZIP is
checked for member count and inflated size before anything opens it). The original file name
is kept only in the database; on disk a file is ``<root>/<ab>/<uuid>``, outside the static
folder, served only through an authorised view.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from webapp.school.pdfcheck import MESSAGES as PDF_MESSAGES
from webapp.school.pdfcheck import Limits, check_pdf

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {
    "pdf": {".pdf"},
    "jpeg": {".jpg", ".jpeg"},
    "png": {".png"},
    "docx": {".docx"},
    "xlsx": {".xlsx"},
}
ACCEPTED_TEXT = "PDF、JPG、PNG、Word（.docx）、Excel（.xlsx）"
_MAX_ZIP_MEMBERS = 2000
_CHUNK = 1 << 16
DISK_FULL = "服务器存储空间不足，文件未保存（填写的内容已保存）。请稍后再试，或联系教育局督导室"


class EvidenceRejected(ValueError):
    """A file refused, with the reason in Chinese."""


@dataclass(frozen=True)
class StoredFile:
    storage_key: str
    path: Path
    size: int
    sha256: str
    kind: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def clean_name(name: str) -> str:
    """The original name as shown and sent back: Chinese kept, paths, control and bidi
    characters removed, length bounded."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        ch
        for ch in name
        if unicodedata.category(ch)[0] != "C" and ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    ).strip(" .")
    if not name:
        name = "未命名文件"
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 120 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 8 else name[:120]
    return name


class EvidenceStore:
    def __init__(
        self,
        root: Path,
        max_bytes: int,
        max_unpacked: int,
        pdf_limits: Limits | None = None,
        min_free_bytes: int = 0,
    ) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.max_unpacked = max_unpacked
        self.pdf_limits = pdf_limits or Limits(max_unpacked, 200_000, 0.9, 1 << 30)
        self.min_free_bytes = min_free_bytes

    def path_of(self, storage_key: str) -> Path:
        if not storage_key.isalnum():
            raise ValueError("bad storage key")
        return self.root / storage_key[:2] / storage_key

    def receive(self, stream: BinaryIO, original_name: str) -> StoredFile:
        """Copy an upload to its final place under a new key, checking size and type.

        Call it before the write transaction opens (the checks take time); the caller commits
        the database row afterwards, and calls ``discard`` if that fails. A full disk, or one
        that would keep less than ``min_free_bytes`` free, refuses the file with a message.
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            tmp_dir = self.root / "tmp"
            tmp_dir.mkdir(exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=tmp_dir)
        except OSError as exc:
            raise EvidenceRejected(DISK_FULL) from exc
        tmp = Path(tmp_name)
        digest = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise EvidenceRejected(f"文件超过{self.max_bytes // (1024 * 1024)}MB，请压缩后再上传")
                    digest.update(chunk)
                    out.write(chunk)
            if size == 0:
                raise EvidenceRejected("文件是空的")
            if self.min_free_bytes and shutil.disk_usage(self.root).free < self.min_free_bytes:
                raise EvidenceRejected(DISK_FULL)
            kind = self.sniff(tmp)
            ext = Path(original_name).suffix.lower()
            if ext and ext not in EXTENSIONS[kind]:
                raise EvidenceRejected(f"文件扩展名“{ext}”与内容（{kind.upper()}）不符")
            key = uuid.uuid4().hex
            final = self.path_of(key)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
            return StoredFile(key, final, size, digest.hexdigest(), kind)
        except OSError as exc:  # ENOSPC, EDQUOT, EIO: the file is refused, the rest of the save goes on
            raise EvidenceRejected(DISK_FULL) from exc
        finally:
            tmp.unlink(missing_ok=True)

    def discard(self, storage_key: str) -> None:
        self.path_of(storage_key).unlink(missing_ok=True)

    def sniff(self, path: Path) -> str:
        """The file's type by its content; raises EvidenceRejected for anything not accepted."""
        with path.open("rb") as fh:
            head = fh.read(8)
        if head.startswith(b"%PDF-"):
            self._check_pdf(path)
            return "pdf"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"PK\x03\x04"):
            return self._office_kind(path)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise EvidenceRejected("不支持旧版 Office 格式（.doc/.xls），请另存为 .docx/.xlsx 后上传")
        raise EvidenceRejected(f"不支持这种文件类型，只接受 {ACCEPTED_TEXT}")

    def _check_pdf(self, path: Path) -> None:
        """Refuse PDFs that can run something, judged by their parsed structure in a bounded
        child process (`webapp.pdfcheck`)."""
        verdict = check_pdf(path, self.pdf_limits)
        if verdict != "ok":
            raise EvidenceRejected(PDF_MESSAGES[verdict])

    def _office_kind(self, path: Path) -> str:
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
                if len(members) > _MAX_ZIP_MEMBERS:
                    raise EvidenceRejected("文件结构异常（压缩包成员过多），不能上传")
                unpacked = sum(m.file_size for m in members)
                if unpacked > self.max_unpacked:
                    raise EvidenceRejected("文件解压后过大，疑似压缩炸弹，不能上传")
                for member in members:
                    if member.file_size > 1_000_000 and member.file_size / max(member.compress_size, 1) > 1000:
                        raise EvidenceRejected("文件压缩比异常，疑似压缩炸弹，不能上传")
                names = {m.filename for m in members}
                if any(n.lower().endswith("vbaproject.bin") for n in names):
                    raise EvidenceRejected("文件含有宏，出于安全考虑不能上传，请另存为不含宏的文档")
                if "[Content_Types].xml" not in names:
                    raise EvidenceRejected(f"不支持这种文件类型，只接受 {ACCEPTED_TEXT}")
                types = archive.read("[Content_Types].xml")[:200_000].lower()
                if b"macroenabled" in types:
                    raise EvidenceRejected("文件含有宏，出于安全考虑不能上传，请另存为不含宏的文档")
        except zipfile.BadZipFile as exc:
            raise EvidenceRejected("文件已损坏，无法打开") from exc
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        raise EvidenceRejected(f"不支持这种文件类型，只接受 {ACCEPTED_TEXT}")

    def remove_orphans(self, known_keys: set[str]) -> int:
        """Delete stored files no row refers to (left by a crash between disk and commit)."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if folder.name == "tmp":
                shutil.rmtree(folder, ignore_errors=True)
                continue
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.name not in known_keys:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed
