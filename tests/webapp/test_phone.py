"""Every page of every role of the demo, on a phone (390×844 in Debian's chromium): nothing is
wider than the screen (wide tables scroll inside their own box), 退出 is visible and can be
clicked, and the folded menu opens. Pages are found by following the links each role sees,
one page per kind of address (/inspector/assessments/7/B and …/9/C are one kind).

Screenshots: SELFCHECK_SCREENSHOTS=DIR keeps one per page."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.webapp.conftest import BACKEND, make_app
from tests.webapp.test_browser import CHROMIUM, SHOTS, browser  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    # The layout does not depend on the database: once, on the embedded default.
    pytest.mark.skipif(BACKEND == "postgresql", reason="layout is checked once, on SQLite"),
]

PHONE = {"width": 390, "height": 844}
# Not pages: downloads, files, the API, leaving.
SKIP = re.compile(r"\.(pdf|xlsx|yaml|csv|png|jpg)$|/download|/evidence/|/api/|/logout|/static/|export")
MAX_PAGES = 45


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    from webapp.cli.demo import build_demo

    instance = tmp_path_factory.mktemp("phone")
    app: Flask = make_app(instance)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        accounts = build_demo()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", {a.username: a.password for a in accounts}
    server.shutdown()
    thread.join(timeout=5)


def _logged_in(context: Any, base: str, username: str, password: str) -> Any:
    page = context.new_page()
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def _kind(path: str) -> str:
    """/inspector/assessments/7/B and /inspector/assessments/9/C are one kind of page."""
    path = re.sub(r"/drafts/[^/]+", "/drafts/P", path)
    return re.sub(r"/[A-Z](?=/|$)", "/X", re.sub(r"\d+", "N", path))


def _visit_all(page: Any, base: str, role: str) -> list[str]:
    """Follow same-site links breadth-first from the home page; one page per kind of address."""
    seen_kinds: set[str] = set()
    queue = ["/"]
    visited: list[str] = []
    problems: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        if _kind(path) in seen_kinds:
            continue
        seen_kinds.add(_kind(path))
        response = page.goto(base + path)
        assert response is not None and response.status < 500, (role, path)
        current = urlsplit(page.url).path
        visited.append(current)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide = page.evaluate(
                """(w) => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('table, .tabs'))
                    .slice(0, 3).map(e => e.tagName + '.' + e.className)""",
                PHONE["width"],
            )
            problems.append(f"{role} {current}: page is {width}px wide ({wide})")
        logout = page.locator("form.logout button")
        box = logout.bounding_box()
        if not logout.is_visible() or box is None or box["x"] + box["width"] > PHONE["width"]:
            problems.append(f"{role} {current}: 退出 is not on the screen")
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            name = f"phone-{role}-{current.strip('/').replace('/', '_') or 'home'}.png"
            page.screenshot(path=str(SHOTS / name), full_page=True)
        for href in page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))"):
            target = href.split("#")[0].split("?")[0]
            if target and not SKIP.search(target) and _kind(target) not in seen_kinds:
                queue.append(target)
    assert not problems, "\n".join(problems)
    return visited


@pytest.mark.parametrize("username", ["admin", "zhanqian", "duxue-wang", "zq-yixiao", "xs-yucai"])
def test_every_page_fits_a_phone(demo_site: tuple[str, dict[str, str]], browser: Any, username: str) -> None:  # noqa: F811
    base, passwords = demo_site
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = _logged_in(context, base, username, passwords[username])
    # the folded menu opens, and its entries can be reached
    assert not page.locator("#main-menu nav a").first.is_visible()
    page.click("label.menu-button")
    assert page.locator("#main-menu nav a").first.is_visible()
    visited = _visit_all(page, base, username)
    assert len(visited) >= 2, visited
    # 退出 works from a phone
    page.click("form.logout button")
    page.wait_for_load_state()
    assert "/login" in page.url
    context.close()


@pytest.mark.parametrize("username", ["admin", "duxue-wang"])
def test_the_desktop_top_bar_keeps_one_row(demo_site: tuple[str, dict[str, str]], browser: Any, username: str) -> None:  # noqa: F811
    """At 1280 px the bureau's full menu (ten entries) and an inspector's unread badge fit the
    bar beside the name, 通知, 修改密码 and 退出: every menu entry on one line."""
    base, passwords = demo_site
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = _logged_in(context, base, username, passwords[username])
    tops = page.eval_on_selector_all("#main-menu nav a", "links => links.map(a => a.getBoundingClientRect().top)")
    assert len(tops) >= 2 and len(set(tops)) == 1, tops
    assert page.locator(".who > span").is_visible() and page.locator("form.logout button").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    context.close()
