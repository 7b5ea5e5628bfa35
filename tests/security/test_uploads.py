"""Evidence files (T42–T48): every hostile file is refused with a clear message and leaves
nothing behind (no row, no file, no temporary file); odd names are harmless because nothing on
disk is named after them, and the download header cannot be split; another school's evidence
cannot be deleted, and nobody's after submission."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from flask import Flask
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests import pdfs
from tests.security.conftest import files_under, flashes, tally, version_of

PDF = pdfs.plain()
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def ooxml(kind: str, extra: dict[str, bytes] | None = None, types: bytes = b"<Types/>", level: int = 8) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr({"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}.get(kind, "other/x.xml"), b"<x/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def many_members(kind: str, count: int) -> bytes:
    return ooxml(kind, {f"{kind}/m{n}.xml": b"" for n in range(count)})


HOSTILE: list[tuple[str, str, bytes, str]] = [
    # (case, file name, content, words expected in the message)
    ("HTML as PDF", "名单.pdf", b"<html><script>alert(1)</script></html>", "不支持这种文件类型"),
    ("JavaScript as JPG", "照片.jpg", b"alert(document.cookie)//", "不支持这种文件类型"),
    ("SVG with script", "图.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "不支持这种文件类型"),
    ("SVG by name", "图.svg", b"<svg/>", "不支持这种文件类型"),
    ("EICAR", "eicar.pdf", EICAR, "不支持这种文件类型"),
    ("Windows program", "setup.pdf", b"MZ\x90\x00" + b"\0" * 200, "不支持这种文件类型"),
    ("ELF program", "run.pdf", b"\x7fELF" + b"\0" * 200, "不支持这种文件类型"),
    ("PDF with OpenAction JavaScript", "a.pdf", pdfs.plain(b"/OpenAction<</S/JavaScript/JS(x)>>"), "JavaScript"),
    ("PDF JavaScript, escaped name", "b.pdf", pdfs.plain(b"/OpenAction<</S/J#61vaScript/J#53(x)>>"), "JavaScript"),
    ("PDF JavaScript, line break", "c.pdf", pdfs.plain(b"/AA<</O<</S/JavaScript\n/JS\n(x)>>>>"), "JavaScript"),
    ("PDF JavaScript in an object stream", "d.pdf", pdfs.javascript_in_object_stream(["FlateDecode"]), "JavaScript"),
    ("PDF Launch action", "e.pdf", pdfs.plain(b"/OpenAction<</S/L#61unch/F(cmd.exe)>>"), "可执行动作"),
    ("PDF embedded file", "f.pdf", pdfs.plain(b"/Names<</EmbeddedFiles<</Names[(a.exe) 2 0 R]>>>>"), "嵌入文件"),
    ("damaged PDF", "g.pdf", b"%PDF-1.4\n" + b"stream\n" * 1000, "已损坏"),
    ("PDF as PNG", "照片.png", PDF, "扩展名"),
    ("PNG as PDF", "扫描件.pdf", PNG, "扩展名"),
    ("legacy Word", "旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Office"),
    ("docm macro", "宏.docx", ooxml("docx", {"word/vbaProject.bin": b"x"}), "宏"),
    ("xlsm macro", "宏.xlsx", ooxml("xlsx", {"xl/vbaProject.bin": b"x"}), "宏"),
    (
        "macro-enabled content type",
        "宏2.xlsx",
        ooxml("xlsx", types=b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        "宏",
    ),
    ("DOCX zip bomb", "炸弹.docx", ooxml("docx", {"word/media/big.bin": b"\0" * 120_000_000}, level=9), "压缩炸弹"),
    ("XLSX ratio bomb", "炸弹.xlsx", ooxml("xlsx", {"xl/media/z.bin": b"\0" * 5_000_000}, level=9), "压缩炸弹"),
    ("XLSX with too many members", "多.xlsx", many_members("xl", 2100), "成员过多"),
    ("zip that is no Office file", "包.docx", ooxml("other"), "不支持这种文件类型"),
    ("damaged zip", "坏.docx", b"PK\x03\x04" + b"\xff" * 200, "损坏"),
    ("empty file", "空.pdf", b"", "空的"),
    ("PDF named .exe", "invoice.exe", PDF, "扩展名"),
    ("traversal to a program", "../../app.py", PDF, "扩展名"),
    ("RTLO hiding .exe", "evil\u202efdp.exe", PDF, "扩展名"),
    ("NUL before .exe", "a.pdf\x00.exe", PDF, "扩展名"),
]


def section(world: Any) -> str:
    return f"/school/assessments/{world['assessment_a']}/B"


def post_files(client: Any, url: str, files: list[tuple[str, bytes]], item: str = "B1.1", **extra: Any) -> Any:
    page = client.get(url).data.decode()
    data: dict[str, Any] = {"version": version_of(page), **extra}
    data[f"evidence-{item}"] = [FileStorage(io.BytesIO(content), filename=name) for name, content in files]
    # Encoded here, in memory: the test client would spool a large body to a temporary file
    # that it never closes.
    boundary, body = encode_multipart(MultiDict([(k, v) for k, vs in data.items() for v in _listed(vs)]))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def evidence_rows(app: Flask) -> list[tuple[int, int, str, str]]:
    from webapp.extensions import db
    from webapp.models import Evidence

    with app.app_context():
        return [
            (e.id, e.assessment_id, e.original_name, e.storage_key)
            for e in db.session.execute(db.select(Evidence).order_by(Evidence.id)).scalars()
        ]


@pytest.mark.parametrize(("case", "name", "content", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_with_its_reason_and_nothing_is_kept(
    app: Flask, as_user: Any, world: Any, case: str, name: str, content: bytes, words: str
) -> None:
    client = as_user("school_a")
    root = Path(app.config["EVIDENCE_DIR"])
    before_files, before_rows = files_under(root), evidence_rows(app)
    response = post_files(client, section(world), [(name, content)])
    tally("malicious_files_tried")
    assert response.status_code == 303
    page = client.get(section(world)).data.decode()
    messages = [m for m in flashes(page) if "未保存" in m]
    accepted = evidence_rows(app) != before_rows or files_under(root) != before_files
    tally("malicious_files_accepted", int(accepted))
    assert not accepted, case
    assert messages and words in messages[0], (case, messages)
    assert not (root / "tmp").exists() or not any((root / "tmp").iterdir())


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../app.pdf", "app.pdf"),
        ("/etc/passwd.pdf", "passwd.pdf"),
        ("CON.pdf", "CON.pdf"),
        ("佐证材料（一）.pdf", "佐证材料（一）.pdf"),
        ("名\u202e单.pdf", "名单.pdf"),
        ("tab\there.pdf", "tabhere.pdf"),
        ("长" * 300 + ".pdf", "长" * 116 + ".pdf"),
        ("   .pdf", "pdf"),
    ],
)
def test_odd_names_are_harmless_and_kept_readable(app: Flask, as_user: Any, world: Any, name: str, shown: str) -> None:
    client = as_user("school_a")
    assert post_files(client, section(world), [(name, PDF)]).status_code == 303
    rows = evidence_rows(app)
    assert rows, flashes(client.get(section(world)).data.decode())
    evidence_id, _, original, key = rows[-1]
    tally("odd_names_tried")
    assert original == shown
    assert re.fullmatch(r"[0-9a-f]{32}", key)  # the name on disk is never the upload's
    root = Path(app.config["EVIDENCE_DIR"]).resolve()
    stored = (root / key[:2] / key).resolve()
    assert stored.is_file() and stored.is_relative_to(root)
    assert not any(
        p.name != key and p.is_file() for p in root.rglob("*") if p.parent.name != key[:2] and p.parent != root
    )
    response = client.get(f"/evidence/{evidence_id}")
    response.close()
    disposition = response.headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.startswith('attachment; filename="')
    plain = re.search(r'filename="([^"]*)"', disposition).group(1)
    assert plain.isascii() and all(c.isalnum() or c in "._-" for c in plain)
    encoded = re.search(r"filename\*=UTF-8''(\S+)$", disposition).group(1)
    assert unquote(encoded) == shown and all(c.isalnum() or c in "%._-~" for c in encoded)
    assert response.headers.get("Set-Cookie") is None


@pytest.mark.parametrize(
    "name",
    [
        "..\\..\\x.pdf",
        "C:\\Windows\\system32\\a.pdf",
        "a\r\nSet-Cookie: x=1\r\n\r\n<script>.pdf",
        'quote"; filename="evil.exe.pdf',
        "semi;colon,comma 名.pdf",
        "\u202eevil.pdf",
        "%0d%0aX-Injected: 1.pdf",
    ],
)
def test_the_download_header_cannot_be_split_whatever_the_stored_name(
    app: Flask, as_user: Any, world: Any, name: str
) -> None:
    """The names a browser cannot even send, put straight into the database (as an import or a
    future API might): the cleaned name has no separator or control character, and the
    Content-Disposition header stays one well-formed header."""
    from webapp.extensions import db
    from webapp.models import Evidence
    from webapp.school.storage import clean_name

    cleaned = clean_name(name)
    assert not any(c in cleaned for c in "/\\\r\n\x00\u202e")
    client = as_user("school_a")
    post_files(client, section(world), [("x.pdf", PDF)])
    evidence_id = evidence_rows(app)[-1][0]
    with app.app_context():
        db.session.get(Evidence, evidence_id).original_name = name  # the raw name, not even cleaned
        db.session.commit()
    response = client.get(f"/evidence/{evidence_id}")
    response.close()
    disposition = response.headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "X-Injected" not in response.headers
    assert disposition.count('filename="') == 1 and disposition.count("filename*=") == 1
    plain = re.search(r'filename="([^"]*)"', disposition).group(1)
    assert all(c.isalnum() or c in "._-" for c in plain)
    assert unquote(re.search(r"filename\*=UTF-8''(\S+)$", disposition).group(1)) == name
    assert "Set-Cookie" not in response.headers


def test_a_report_made_by_the_app_is_accepted_as_evidence(app: Flask, as_user: Any, world: Any) -> None:
    """No false alarm on an ordinary PDF (WeasyPrint's, with compressed object streams)."""
    client = as_user("school_a")
    pdf = client.get(f"/reports/assessments/{world['assessment_a']}.pdf").data
    assert post_files(client, section(world), [("自评报告.pdf", pdf)]).status_code == 303
    assert [r[2] for r in evidence_rows(app)] == ["自评报告.pdf"]


def test_one_bad_file_does_not_cost_the_others_or_the_typed_figures(app: Flask, as_user: Any, world: Any) -> None:
    client = as_user("school_a")
    response = post_files(
        client,
        section(world),
        [("好.pdf", PDF), ("坏.pdf", b"<html>"), ("也好.png", PNG)],
        fields=["eligible_teachers"],
        eligible_teachers="42",
    )
    assert response.status_code == 303
    assert sorted(r[2] for r in evidence_rows(app)) == ["也好.png", "好.pdf"]
    assert 'value="42"' in client.get(section(world)).data.decode()


def test_too_many_form_parts_get_a_clean_refusal(app: Flask, as_user: Any, world: Any) -> None:
    app.config["MAX_FORM_PARTS"] = 50
    client = as_user("school_a")
    page = client.get(section(world)).data.decode()
    data = {"version": version_of(page), **{f"junk{n}": "x" for n in range(200)}}
    response = client.post(section(world), data=data, content_type="multipart/form-data")
    response.close()
    assert response.status_code in (400, 413)
    assert "Traceback" not in response.data.decode()


def test_a_huge_text_field_gets_a_clean_refusal(app: Flask, as_user: Any, world: Any) -> None:
    app.config["MAX_FORM_MEMORY_SIZE"] = 10_000
    client = as_user("school_a")
    page = client.get(section(world)).data.decode()
    data = {"version": version_of(page), "fields": "eligible_teachers", "eligible_teachers": "1" * 50_000}
    response = client.post(section(world), data=data, content_type="multipart/form-data")
    assert response.status_code == 413


# --------------------------------------------------------------------------------------------
# Deleting evidence


@pytest.fixture
def evidence_of_a(app: Flask, as_user: Any, world: Any) -> int:
    post_files(as_user("school_a"), section(world), [("名单.pdf", PDF)])
    return evidence_rows(app)[-1][0]


def test_another_school_cannot_delete_evidence_by_its_id(
    app: Flask, as_user: Any, world3: Any, evidence_of_a: int
) -> None:
    """School C names A's evidence id in its own page's ``delete_evidence``: it saves C's page
    and deletes nothing of A's."""
    root = Path(app.config["EVIDENCE_DIR"])
    before_rows, before_files = evidence_rows(app), files_under(root)
    client = as_user("school_c")
    url = f"/school/assessments/{world3['assessment_c']}/B"
    page = client.get(url).data.decode()
    response = client.post(
        url, data={"version": version_of(page), "delete_evidence": [str(evidence_of_a), "0", "-1", "x"]}
    )
    assert response.status_code == 303
    assert evidence_rows(app) == before_rows and files_under(root) == before_files
    assert "删除佐证材料" not in " ".join(flashes(client.get(url).data.decode()))
    # …nor through A's page
    assert client.post(section(world3), data={"version": "1", "delete_evidence": str(evidence_of_a)}).status_code == 404
    assert evidence_rows(app) == before_rows


def test_evidence_cannot_be_deleted_or_added_after_submission(
    app: Flask, as_user: Any, world: Any, evidence_of_a: int
) -> None:
    from tests.webapp.helpers import fill_completely
    from webapp.errors import NotAllowed
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.school import operations as school_ops

    with app.test_request_context():
        user = db.session.get(User, world["school_a"])
        fill_completely(world["assessment_a"], user)
        a = db.session.get(Assessment, world["assessment_a"])
        school_ops.submit_assessment(a.id, user, a.version)
    root = Path(app.config["EVIDENCE_DIR"])
    before_rows, before_files = evidence_rows(app), files_under(root)
    client = as_user("school_a")
    page = client.get(section(world)).data.decode()
    response = client.post(section(world), data={"version": version_of(page), "delete_evidence": str(evidence_of_a)})
    assert response.status_code == 409
    assert post_files(client, section(world), [("迟到.pdf", PDF)]).status_code == 409
    with app.test_request_context(), pytest.raises(NotAllowed):
        a = db.session.get(Assessment, world["assessment_a"])
        school_ops.save_section(a.id, db.session.get(User, world["school_a"]), a.version, [], [], [evidence_of_a])
    assert evidence_rows(app) == before_rows and files_under(root) == before_files


def test_stored_files_are_out_of_reach_of_static_urls(app: Flask, as_user: Any, world: Any, evidence_of_a: int) -> None:
    key = evidence_rows(app)[-1][3]
    client = as_user("school_a")
    for url in (
        f"/evidence/{key}",
        f"/static/{key}",
        f"/static/../evidence/{key[:2]}/{key}",
        f"/evidence/{key[:2]}/{key}",
    ):
        response = client.get(url)
        response.close()
        assert response.status_code == 404, url
    assert not Path(app.config["EVIDENCE_DIR"]).resolve().is_relative_to(Path(app.static_folder).resolve())
