"""Is this PDF safe to keep as evidence? Judged by its structure, in a child process.

The file is parsed by a maintained PDF library (pikepdf, on qpdf) rather than by regular
expressions: names arrive with their ``#xx`` escapes undone, objects inside object streams are
read whatever filters those streams use, and every stream that is not an image is decoded
through all its filters — a stream that cannot be decoded is refused, since no one can say
what it holds. Refused: JavaScript anywhere (actions, name trees, form fields), Launch,
ImportData and RichMedia actions, embedded files, and XFA forms that carry scripts.

The work is bounded: the check runs in its own short-lived process (``python -I`` this file)
with a cap on its address space and CPU time (``cpu_seconds``: what one file can cost), and the
parent waits ``timeout`` seconds of wall time at most — longer than the CPU cap, so that a
machine busy with other work does not refuse an ordinary file; a damaged file is first read
without reconstruction (instant), and only then with qpdf's repair. Whatever happens inside — a
decompression bomb, a file qpdf takes minutes over, a crash — the parent gets an answer within
the timeout and the web process's interpreter and database are never held. The child prints one
word, the verdict.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

# Verdicts the child can print, with the reason shown to the person who uploaded the file.
MESSAGES = {
    "script": "PDF 中含有脚本（JavaScript），出于安全考虑不能上传",
    "action": "PDF 中含有可执行动作或嵌入文件，出于安全考虑不能上传",
    "xfa_script": "PDF 中含有带脚本的 XFA 表单，出于安全考虑不能上传",
    "undecodable": "PDF 中有无法解码的数据流，无法完成安全检查，请用 PDF 阅读器“另存为”后再上传",
    "bomb": "PDF 解压后过大，疑似压缩炸弹，不能上传",
    "too_complex": "PDF 结构过于复杂（对象过多），无法完成安全检查，请压缩或拆分后再上传",
    "damaged": "PDF 文件已损坏，无法打开，请重新导出后再上传",
    "encrypted": "PDF 设有打开密码，无法检查内容，请去除密码后再上传",
    "timeout": "PDF 结构异常，未能在限定时间内完成安全检查，请用 PDF 阅读器“另存为”后再上传",
}

_ACTION_TYPES = {"/JavaScript": "script", "/Launch": "action", "/ImportData": "action", "/RichMediaExecute": "action"}
_ACTION_KEYS = {
    "/JS": "script",
    "/JavaScript": "script",
    "/EmbeddedFiles": "action",
    "/EmbeddedFile": "action",
    "/RichMedia": "action",
    "/RichMediaContent": "action",
    "/RichMediaSettings": "action",
}
_IMAGE_FILTERS = {"/DCTDecode", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode"}


@dataclass(frozen=True)
class Limits:
    max_unpacked: int  # bytes of decoded streams, in all
    max_objects: int
    timeout: float  # wall seconds the parent waits (generous: a busy machine is not a hostile file)
    max_memory: int  # the child's address space, bytes
    cpu_seconds: int = 1  # the child's CPU time: the real bound on the work one file can cost


def check_pdf(path: Path, limits: Limits) -> str:
    """The verdict on one file: "ok" or a key of MESSAGES."""
    command = [
        sys.executable,
        "-I",
        str(Path(__file__).resolve()),
        str(path),
        json.dumps([limits.max_unpacked, limits.max_objects, limits.max_memory, max(1, limits.cpu_seconds)]),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=limits.timeout, check=False)
    except subprocess.TimeoutExpired:
        return "timeout"
    verdict = done.stdout.decode("ascii", "replace").strip()
    if verdict == "ok" or verdict in MESSAGES:
        return verdict
    # killed for memory or CPU, or crashed inside the library: nothing could be verified
    return "bomb" if b"MemoryError" in done.stderr or b"bad_alloc" in done.stderr else "timeout"


# --------------------------------------------------------------------------------------------
# The child


def _judge(path: str, max_unpacked: int, max_objects: int) -> str:
    import pikepdf

    try:
        pdf = pikepdf.open(path, attempt_recovery=False)
    except pikepdf.PasswordError:
        return "encrypted"
    except pikepdf.PdfError:
        try:  # damaged: let qpdf repair it (bounded by the limits set in main)
            pdf = pikepdf.open(path, attempt_recovery=True)
        except pikepdf.PasswordError:
            return "encrypted"
        except pikepdf.PdfError:
            return "damaged"
    with pdf:
        if len(pdf.objects) > max_objects:
            return "too_complex"
        budget = max_unpacked
        for obj in pdf.objects:
            verdict = _walk(obj)
            if verdict:
                return verdict
            if isinstance(obj, pikepdf.Stream) and not _is_image(obj):
                size = _decoded_size(obj, budget)
                if size < 0:
                    return "undecodable"
                budget -= size
                if budget < 0:
                    return "bomb"
        verdict = _xfa(pdf)
        if verdict:
            return verdict
    return "ok"


def _filters(stream: object) -> list[str]:
    import pikepdf

    assert isinstance(stream, pikepdf.Stream)
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        return [str(f) for f in filters]
    return [str(filters)] if filters is not None else []


def _decoded_size(stream: object, budget: int) -> int:
    """How many bytes the stream decodes to (more than ``budget`` means too many), or -1
    when it cannot be decoded. Flate alone, by far the commonest, is inflated here with a
    bound, so that a bomb stops at the budget instead of filling memory first."""
    import pikepdf

    assert isinstance(stream, pikepdf.Stream)
    if _filters(stream) == ["/FlateDecode"]:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(stream.read_raw_bytes(), budget + 1)
        except zlib.error:
            return -1
        return len(data) + (1 if inflater.unconsumed_tail else 0)
    try:
        return len(stream.read_bytes())
    except (pikepdf.PdfError, RuntimeError, ValueError):
        return -1


def _walk(root: object) -> str:
    """The verdict on one indirect object and the direct objects nested in it (indirect ones
    are visited on their own turn)."""
    import pikepdf

    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            verdict = _dictionary(obj)
            if verdict:
                return verdict
            children = obj.values()
        elif isinstance(obj, pikepdf.Array):
            children = obj
        else:
            continue
        stack.extend(c for c in children if isinstance(c, pikepdf.Dictionary | pikepdf.Array) and not c.is_indirect)
    return ""


def _dictionary(d: object) -> str:
    import pikepdf

    assert isinstance(d, pikepdf.Dictionary)
    for key in d.keys():  # noqa: SIM118 - pikepdf dictionaries iterate keys this way
        if key in _ACTION_KEYS:
            return _ACTION_KEYS[key]
    action = d.get("/S")
    if isinstance(action, pikepdf.Name) and str(action) in _ACTION_TYPES:
        return _ACTION_TYPES[str(action)]
    if d.get("/Type") == pikepdf.Name.Filespec and "/EF" in d:
        return "action"
    return ""


def _is_image(stream: object) -> bool:
    import pikepdf

    assert isinstance(stream, pikepdf.Stream)
    if stream.get("/Subtype") == pikepdf.Name.Image:
        return True
    names = _filters(stream)
    return bool(names) and names[-1] in _IMAGE_FILTERS and stream.get("/Type") != pikepdf.Name.ObjStm


def _xfa(pdf: object) -> str:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary) or "/XFA" not in form:
        return ""
    xfa = form["/XFA"]
    parts = [p for p in xfa if isinstance(p, pikepdf.Stream)] if isinstance(xfa, pikepdf.Array) else [xfa]
    for part in parts:
        if not isinstance(part, pikepdf.Stream):
            continue
        try:
            data = part.read_bytes()
        except (pikepdf.PdfError, RuntimeError, ValueError):
            return "undecodable"
        if b"<script" in data.lower() or b"javascript" in data.lower():
            return "xfa_script"
    return ""


def main(argv: list[str]) -> int:
    import resource

    path, raw = argv[1], argv[2]
    max_unpacked, max_objects, max_memory, cpu_seconds = json.loads(raw)
    resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    try:
        verdict = _judge(path, max_unpacked, max_objects)
    except MemoryError:
        verdict = "bomb"
    print(verdict, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
