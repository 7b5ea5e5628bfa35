"""The 整改 pages on a phone (390×844 in Debian's chromium), as tests/webapp/test_phone.py checks
every other page: the demo's school in 整改中 (营口市高级中学) and the inspector of the schools in
整改 (李督学) follow every link they see, and no page is wider than the screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.webapp.conftest import BACKEND
from tests.webapp.test_browser import CHROMIUM, browser  # noqa: F401 - the fixture
from tests.webapp.test_phone import PHONE, _logged_in, _visit_all, demo_site  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    pytest.mark.skipif(BACKEND == "postgresql", reason="layout is checked once, on SQLite"),
]


@pytest.mark.parametrize("username", ["yk-gaozhong", "duxue-li"])
def test_the_rectification_pages_fit_a_phone(
    demo_site: tuple[str, dict[str, str]],  # noqa: F811
    browser: Any,  # noqa: F811
    username: str,
) -> None:
    base, passwords = demo_site
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = _logged_in(context, base, username, passwords[username])
    visited = _visit_all(page, base, username)
    assert any(
        path.startswith(("/school/assessments/", "/inspector/assessments/")) and path.endswith("/rectification")
        for path in visited
    ), visited
    context.close()
