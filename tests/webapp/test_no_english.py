"""No English in the interface: every page each role of the demo can reach by its links, and
the error pages, are read as a person reads them (text, button labels, placeholders, titles),
and an identifier (completed_experiments, source.quote, region_report) or an English word there
fails the test. File formats and the names of standards (PDF, Excel, YAML, OpenAPI) are words
of the trade and allowed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.webapp.conftest import BACKEND, make_app

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(BACKEND == "postgresql", reason="the words do not depend on the database: once, on SQLite"),
]

# Words of the trade a Chinese office uses as they are.
ALLOWED = {
    "pdf", "excel", "word", "docx", "xlsx", "jpg", "jpeg", "png", "yaml", "txt", "html", "api", "openapi",
    "json", "url", "http", "https", "bearer", "authorization", "utf", "gb18030", "gbk", "id", "csv", "wps",
    "selfcheck", "v1", "ok", "mb", "kb", "gb", "qq", "ip",
}
# A word of Latin letters: three or more, or an identifier with _ or . between parts.
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+|[A-Za-z]{3,}")
SKIP = re.compile(r"\.(pdf|xlsx|yaml|csv|png|jpg)$|/download|/evidence/|/api/|/logout|/static/|export|\.txt/rubric\.yaml")
MAX_PAGES = 60


class _Visible(HTMLParser):
    """The text a person sees: page text and the attributes shown to them."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code", "pre"):
            self._hidden += 1
        values = dict(attrs)
        for name in ("title", "placeholder", "alt", "aria-label", "data-confirm"):
            if values.get(name):
                self.parts.append(str(values[name]))
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(str(values["value"]))
        if tag == "option":
            pass

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


# Data shown as it is, not words: addresses (/api/v1/me), file names (名单.xlsx, 001_3cb….txt),
# request ids and other hex, a token's first characters (sc_4pKq), addresses of machines.
DATA = re.compile(
    r"(?:https?://)?/[\w./{}-]+|[\w.-]+\.(?:txt|pdf|docx|xlsx|html|yaml|png|jpe?g|csv)\b|\b[0-9a-f]{8,}\b|\bsc_[\w-]+|"
    r"\b\d{1,3}(?:\.\d{1,3}){3}\b"
)


def english_in(html: str, own_names: set[str]) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    text = DATA.sub(" ", " ".join(parser.parts))
    found = []
    for word in WORD.findall(text):
        lower = word.lower()
        if lower in ALLOWED or lower in own_names or re.fullmatch(r"[a-z]{1,2}\d*", lower):
            continue
        if re.fullmatch(r"[A-Z]\d+(?:\.\d+)*", word):  # an item's number in the rubric: A1.1, D4.3
            continue
        found.append(word)
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, dict[str, str]]]:
    from webapp.cli.demo import build_demo

    instance = tmp_path_factory.mktemp("words")
    app = make_app(instance)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        accounts = build_demo()
    yield app, {a.username: a.password for a in accounts}


def _login(app: Flask, username: str, password: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code == 302
    return client


def _kind(path: str) -> str:
    path = re.sub(r"/drafts/[^/]+", "/drafts/P", path)
    return re.sub(r"/[A-Z](?=/|$)", "/X", re.sub(r"\d+", "N", path))


def _names_shown_on_purpose(app: Flask) -> set[str]:
    """Usernames and school codes are data the person typed; they may be Latin."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import User

    with app.app_context():
        names = set()
        for username in db.session.execute(select(User.username)).scalars():
            names.add(username.lower())
            names.update(part.lower() for part in re.split(r"[-_.]", username))
        return names


@pytest.mark.parametrize("username", ["admin", "zhanqian", "duxue-wang", "zq-yixiao", "xs-yucai", "yk-gaozhong"])
def test_no_english_on_any_page(demo: tuple[Flask, dict[str, str]], username: str) -> None:
    app, passwords = demo
    client = _login(app, username, passwords[username])
    own = _names_shown_on_purpose(app)
    seen: set[str] = set()
    queue = ["/"]
    problems: dict[str, list[str]] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.pop(0)
        if _kind(path) in seen:
            continue
        seen.add(_kind(path))
        response = client.get(path, follow_redirects=True)
        visited += 1
        if not response.content_type.startswith("text/html"):
            continue
        html = response.get_data(as_text=True)
        words = english_in(html, own)
        if words:
            problems[path] = sorted(set(words))[:8]
        for href in re.findall(r'href="(/[^"#?]*)', html):
            if not SKIP.search(href) and _kind(href) not in seen:
                queue.append(href)
    assert visited >= 3
    assert not problems, problems


def test_no_english_on_error_pages(demo: tuple[Flask, dict[str, str]]) -> None:
    app, passwords = demo
    client = _login(app, "zq-yixiao", passwords["zq-yixiao"])
    own = _names_shown_on_purpose(app)
    for path, code in (("/no/such/page", 404), ("/admin/", 403)):
        response = client.get(path)
        assert response.status_code == code
        assert not english_in(response.get_data(as_text=True), own), path
    response = client.post(f"/school/assessments/{999999}/A", data={})
    assert response.status_code == 404


def test_the_checker_finds_an_identifier() -> None:
    """The test itself: an input key or an English word on a page is caught."""
    assert english_in("<p>请填写 completed_experiments</p>", set()) == ["completed_experiments"]
    assert english_in("<p>source.quote 不能为空</p>", set()) == ["source.quote"]
    assert english_in('<input placeholder="Search">', set()) == ["Search"]
    assert english_in("<p>上传 PDF 或 Excel</p><script>var hidden = 1;</script>", set()) == []
    assert english_in("<p>地址：/api/v1/assessments/2/answers；请求 17cfb174acdb8299</p>", set()) == []
    assert english_in("<p>评估细则（yingkou-2024 v1）</p>", set()) == ["yingkou"]
