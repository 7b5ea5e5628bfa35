"""PDF rendering cannot read local files or the network (security-test-plan §3, T49).

Two layers, each tested on its own: templates autoescape, so hostile text stays text; and the
fetcher refuses every resource but the report's static files and data: URIs, even when a raw
payload reaches WeasyPrint. A control render with WeasyPrint's stock fetcher does leak the
canary file, which proves these tests can see a leak.
"""

from __future__ import annotations

import contextlib
import io
import re
import uuid
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from checklist.model import Rubric
from checklist.scoring import ScoreCard
from checklist.seeds import SeedLibrary
from reports.build import build_school_report
from reports.fetcher import StaticOnlyFetcher
from reports.model import ItemNote
from reports.render import STATIC_DIR, get_renderer, jinja_env
from tests.reports.conftest import ANSWERS, DRAFT_META, PROFILE, SCHOOL


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    secret = f"CANARY-{uuid.uuid4().hex}"
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(secret, encoding="utf-8")
    return path, secret


def payloads(canary_path: Path) -> list[str]:
    url = canary_path.as_uri()
    return [
        '<img src="file:///etc/passwd">',
        f'<link rel=attachment href="{url}">',
        f'<a rel="attachment" href="{url}">附件</a>',
        "<style>@import url(http://127.0.0.1:9/x.css)</style>",
        f'<style>@import url("{url}")</style>',
        '<img src="http://169.254.169.254/latest/meta-data/">',
        '<link rel=stylesheet href="http://127.0.0.1:9/x.css">',
        f'<object data="{url}"></object>',
        f'<iframe src="{url}"></iframe>',
        f'<svg><image href="{url}"/></svg>',
    ]


def all_bytes(pdf: bytes) -> bytes:
    """The PDF with every Flate stream inflated: a leaked file hides in a compressed stream."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompress(match.group(1)))
    return b"\n".join(chunks)


@pytest.fixture(scope="module")
def hostile(
    rubric: Rubric, self_card: ScoreCard, seeds: SeedLibrary, canary: tuple[Path, str]
) -> tuple[str, bytes, StaticOnlyFetcher]:
    """A report whose every free text is a payload: its HTML, its PDF and its fetcher."""
    corpus = payloads(canary[0])
    text = "".join(corpus)
    school = replace(SCHOOL, name=f"{{{{7*7}}}}{corpus[0]}学校", district=corpus[1], profile=corpus[3])
    meta = replace(
        DRAFT_META, inspectors=(corpus[2], corpus[4]), overall_comment=text, office=corpus[5], deadline=corpus[6]
    )
    notes = [ItemNote(item_id, comment=text, reason=corpus[7]) for item_id in ("B1.1", "C1.1")]
    report = build_school_report(
        rubric,
        self_card,
        school,
        replace(meta, finalised=True),
        verified_card=self_card,
        answers=ANSWERS,
        verified_answers=ANSWERS,
        notes=notes,
        profile=PROFILE,
        seeds=seeds,
    )
    renderer = get_renderer()
    html = renderer.school_html(report)
    pdf = renderer.pdf(html)
    assert renderer.last_fetcher is not None
    return html, pdf, renderer.last_fetcher


def test_templates_autoescape() -> None:
    assert jinja_env().autoescape is True


def test_hostile_text_is_escaped_in_the_html(hostile: tuple[str, bytes, StaticOnlyFetcher]) -> None:
    html = hostile[0]
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "&lt;link rel=attachment" in html
    assert "&lt;style&gt;@import url(http://127.0.0.1:9/x.css)&lt;/style&gt;" in html
    assert '<img src="file:' not in html
    assert "<link rel=attachment" not in html
    assert "<style>@import" not in html
    assert "<iframe" not in html and "<object" not in html
    assert "{{7*7}}" in html and "49学校" not in html  # no template injection


def test_hostile_pdf_has_no_attachments_and_no_canary(
    hostile: tuple[str, bytes, StaticOnlyFetcher], canary: tuple[Path, str]
) -> None:
    _html, pdf, fetcher = hostile
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert canary[1].encode() not in all_bytes(pdf)
    assert b"root:x:0:0" not in all_bytes(pdf)
    assert fetcher.blocked == []  # escaped text asks for nothing
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert '<img src="file:///etc/passwd">' in text  # shown as the literal text it is


def test_the_fetcher_alone_blocks_raw_payloads(canary: tuple[Path, str]) -> None:
    path, secret = canary
    fetcher = StaticOnlyFetcher(STATIC_DIR)
    html = "<p>报告</p>" + "".join(payloads(path))
    pdf = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=f'@import url("{path.as_uri()}");', url_fetcher=fetcher)]
    )
    assert fetcher.blocked, "the payloads asked for nothing?"
    assert any(url.startswith("http://127.0.0.1:9") for url in fetcher.blocked)
    assert any(url.startswith("http://169.254.169.254") for url in fetcher.blocked)
    assert any(url == path.as_uri() for url in fetcher.blocked)
    assert fetcher.fetched == []
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert secret.encode() not in all_bytes(pdf)


def test_control_the_stock_fetcher_does_leak(canary: tuple[Path, str]) -> None:
    """Without the restricted fetcher the canary is embedded: the tests above are live."""
    path, secret = canary
    html = f'<p>报告</p><link rel=attachment href="{path.as_uri()}">'
    pdf = HTML(string=html, url_fetcher=URLFetcher()).write_pdf()
    attachments = PdfReader(io.BytesIO(pdf)).attachments
    assert attachments, "the stock fetcher no longer embeds attachments: revisit these tests"
    assert secret.encode() in b"".join(b"".join(v) for v in attachments.values())


def test_the_fetcher_allows_static_files_and_data_uris() -> None:
    fetcher = StaticOnlyFetcher(STATIC_DIR)
    css = fetcher.fetch((STATIC_DIR / "report.css").as_uri())
    assert b"@page" in css.read()
    data = fetcher.fetch("data:text/plain;base64,5L2g5aW9")
    assert data.read() == "你好".encode()
    assert fetcher.blocked == []


@pytest.mark.parametrize(
    "url",
    [
        (STATIC_DIR / ".." / "render.py").as_uri(),  # ../ out of the static folder
        "file://" + str(STATIC_DIR) + "/../render.py",
        "file://" + str(STATIC_DIR) + "/%2e%2e/render.py",
        "file://evil.example" + str(STATIC_DIR / "report.css"),  # a remote host
        (STATIC_DIR / "report.css").as_uri() + "?x=1",
        str(STATIC_DIR),  # no scheme: a bare path
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/x.png",
        "ftp://example.com/x",
        (STATIC_DIR / "missing.png").as_uri(),
    ],
)
def test_the_fetcher_refuses(url: str) -> None:
    fetcher = StaticOnlyFetcher(STATIC_DIR)
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.blocked == [url]


def test_a_symlink_out_of_the_static_folder_is_refused(tmp_path: Path, canary: tuple[Path, str]) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "ok.css").write_text("p {}", encoding="utf-8")
    (static / "link.css").symlink_to(canary[0])
    fetcher = StaticOnlyFetcher(static)
    assert fetcher.fetch((static / "ok.css").as_uri()).read() == b"p {}"
    with pytest.raises(ValueError):
        fetcher.fetch((static / "link.css").as_uri())
