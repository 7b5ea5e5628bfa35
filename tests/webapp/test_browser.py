"""In a real browser (Debian's chromium driven by Playwright): a school logs in, fills a page,
saves, sees each item's result, and submits."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.webapp.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(os.environ.get("SELFCHECK_SCREENSHOTS", "")) if os.environ.get("SELFCHECK_SCREENSHOTS") else None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it as root)"
    ),
]


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--lang=zh-CN"],
        )
        yield instance
        instance.close()


def shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_school_fills_a_page_saves_sees_results_and_submits(
    app: Flask, world: Any, live_server: str, browser: Any
) -> None:
    from tests.webapp.helpers import fill_completely
    from webapp.extensions import db
    from webapp.models import User

    # Everything but the teacher-exchange page is filled in already, as if earlier.
    with app.test_request_context():
        fill_completely(world["assessment_a"], db.session.get(User, world["school_a"]))
        from webapp.models import Assessment
        from webapp.school import operations as school_ops

        a = db.session.get(Assessment, world["assessment_a"])
        school_ops.save_section(
            a.id,
            db.session.get(User, world["school_a"]),
            a.version,
            [
                school_ops.FieldReading(key, "", None)
                for key in ("eligible_teachers", "exchange_teachers", "backbone_exchange_teachers")
            ],
        )
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server}/login")
    shot(page, "01-login")
    page.fill("#username", "school_a")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/school/")
    assert "东区第一小学" in page.content()
    shot(page, "02-school-home")

    page.click("text=B 队伍建设")
    page.wait_for_selector("#eligible_teachers")
    page.fill("#eligible_teachers", "40")
    page.fill("#exchange_teachers", "50")  # impossible: more than eligible
    page.fill("#backbone_exchange_teachers", "2")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=处填写需要修改")
    assert "交流教师（50人）不能超过符合交流条件教师（40人）" in page.content()
    assert page.input_value("#exchange_teachers") == "50"  # what was typed is kept

    page.fill("#exchange_teachers", "6")
    page.click("button.primary:has-text('保存')")
    page.wait_for_selector("text=已保存")
    html = page.content()
    assert "交流教师6人/符合交流条件教师40人=15.0%，要求≥10%，达标" in html
    assert "交流骨干教师2人/交流教师6人=33.3%，要求≥20%，达标" in html
    shot(page, "03-section-saved")

    page.goto(f"{live_server}/school/assessments/{world['assessment_a']}/submit")
    shot(page, "04-submit-summary")
    page.click("button:has-text('确认提交自评')")
    page.wait_for_url(f"{live_server}/school/")
    assert "自评已提交" in page.content()
    assert "已提交" in page.content()
    shot(page, "05-submitted")
    page.goto(f"{live_server}/school/assessments/{world['assessment_a']}/B")
    assert page.is_disabled("#eligible_teachers")
    assert "只能查看，不能修改" in page.content()
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.close()


def test_the_pages_make_no_requests_outside_the_site(app: Flask, world: Any, live_server: str, browser: Any) -> None:
    page = browser.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith((live_server, "data:")) else None,
    )
    page.goto(f"{live_server}/login")
    page.fill("#username", "school_a")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/school/")
    page.goto(f"{live_server}/school/assessments/{world['assessment_a']}/A")
    assert outside == []
    page.close()


def log_in(page: Any, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_an_inspector_corrects_returns_the_school_resubmits_and_it_is_finalised(
    app: Flask, world: Any, live_server: str, browser: Any
) -> None:
    b = world["assessment_b"]
    inspector = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    inspector.on("dialog", lambda dialog: dialog.accept())
    log_in(inspector, live_server, "inspector_b")
    assert "西区第二中学" in inspector.content()
    shot(inspector, "10-inspector-queue")
    inspector.click("text=开始核定")
    inspector.wait_for_url(f"{live_server}/inspector/assessments/{b}/overview")
    inspector.click("nav.tabs >> text=A 学生发展")
    item = inspector.locator("#item-A2\\.1")
    item.locator("summary").click()
    item.locator("input[name='c-max_class_size']").fill("50")
    item.locator("textarea[name='reason']").fill("实地查看：初二（3）班实有50人")
    item.locator("button:has-text('保存核定')").click()
    inspector.wait_for_selector("text=A2.1 已核定")
    assert "最大班额50人，要求≤45人，部分达标" in inspector.content()
    shot(inspector, "11-inspector-review")
    inspector.click("nav.tabs >> text=B 队伍建设")
    item = inspector.locator("#item-B1\\.1")
    item.locator("summary").click()
    item.locator("textarea[name='comment']").fill("请补充交流教师名单和交流协议。")
    item.locator("button:has-text('保存核定')").click()
    inspector.wait_for_selector("text=B1.1 已核定")
    inspector.click("text=概览与差异")
    assert "实地查看：初二（3）班实有50人" in inspector.content()
    shot(inspector, "12-inspector-differences")
    inspector.click("button:has-text('退回修改')")
    inspector.wait_for_url(f"{live_server}/inspector/")
    assert "退回修改" in inspector.content()

    school = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    log_in(school, live_server, "school_b")
    assert "督学已将自评退回修改" in school.content()
    school.goto(f"{live_server}/school/assessments/{b}/B")
    assert "请补充交流教师名单和交流协议。" in school.content()
    shot(school, "13-school-returned")
    school.fill("#eligible_teachers", "44")
    school.click("button.primary:has-text('保存')")
    school.wait_for_selector("text=已保存")
    school.goto(f"{live_server}/school/assessments/{b}/submit")
    school.click("button:has-text('确认提交自评')")
    school.wait_for_url(f"{live_server}/school/")

    inspector.goto(f"{live_server}/inspector/assessments/{b}/overview")
    inspector.click("button:has-text('其余要点按自评确认')")  # every item reviewed before 核定完成
    inspector.wait_for_selector("text=按学校自评确认（")
    inspector.click("button:has-text('核定完成')")
    inspector.wait_for_url(f"{live_server}/inspector/")
    inspector.goto(f"{live_server}/inspector/assessments/{b}/overview")
    assert "已核定" in inspector.content()
    assert inspector.locator("button:has-text('核定完成')").count() == 0
    shot(inspector, "14-finalised")
    school.goto(f"{live_server}/school/")
    assert "核定得分" in school.content()
    inspector.close()
    school.close()
