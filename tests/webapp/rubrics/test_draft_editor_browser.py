"""The draft editor in a real browser (Debian's chromium driven by Playwright): a bureau officer
uploads a .docx plan, edits three candidates (a threshold, the points, the dimension) — each
saved as soon as a field changes — adds an item from text selected in the plan, rejects a region
target, publishes, opens a cycle with the new rubric, and a school sees the new item with its
quote. A second officer's stale save is refused without losing either's work.

Screenshots for the README: SELFCHECK_SCREENSHOTS=docs/screenshots keeps them
(draft-editor-*.png)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.webapp.conftest import BACKEND, PASSWORD
from tests.webapp.rubrics.test_draft_editor import EDITOR_LINES, item
from tests.webapp.test_browser import CHROMIUM, SHOTS, browser, live_server  # noqa: F401 - the fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    pytest.mark.skipif(BACKEND == "postgresql", reason="the browser path is checked once, on SQLite"),
]


def shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"draft-editor-{name}.png"), full_page=False)


def logged_in(browser: Any, base: str, username: str) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def article(page: Any, fragment: str) -> Any:
    return page.locator("article.draft-item", has_text=fragment)


def edit(page: Any, fragment: str, field: str, value: str) -> None:
    """Open an item's form, change one field and wait until it saved itself."""
    card = article(page, fragment)
    details = card.locator("details")
    if details.get_attribute("open") is None:
        card.locator("summary").click()
    target = card.locator(f"[name={field}]")
    if target.evaluate("e => e.tagName") == "SELECT":
        target.select_option(value)
    else:
        target.fill(value)
        target.press("Tab")
    card.locator(".save-state", has_text="已自动保存").wait_for()


def test_an_officer_turns_a_docx_plan_into_a_published_rubric_a_school_then_uses(
    app: Flask,
    world: Any,
    live_server: str,  # noqa: F811
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    from tests.webapp.rubrics.plan_files import docx_bytes
    from webapp.accounts import operations as accounts
    from webapp.extensions import db
    from webapp.models import Assessment, Cycle, Role, RubricDraft, RubricRecord

    with app.app_context():
        accounts.create_user("admin2", Role.ADMIN, password=PASSWORD, must_change_password=False)
    plan_file = tmp_path / "营口市教育局2025年工作要点.docx"
    plan_file.write_bytes(docx_bytes(EDITOR_LINES))
    errors: list[str] = []

    officer = logged_in(browser, live_server, "admin")
    officer.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    officer.goto(f"{live_server}/admin/rubrics/")
    officer.click("text=加入工作要点（上传文件或粘贴全文）")
    officer.set_input_files("#file", str(plan_file))
    shot(officer, "1-upload")
    officer.click("button:has-text('加入计划库')")
    officer.wait_for_selector("text=已加入计划库")
    assert officer.input_value("#doc_number") == "营教发〔2025〕3号"
    shot(officer, "2-plan")
    officer.click("button:has-text('开始起草')")
    officer.wait_for_selector("#plan-text")
    draft_url = officer.url
    draft_id = int(draft_url.rsplit("/", 1)[-1])

    # a second officer opens the same draft now, before the first one's edits
    second = logged_in(browser, live_server, "admin2")
    second.goto(draft_url)

    # 1. a threshold: 10% becomes 15%, then accepted
    edit(officer, "10%", "value", "15")
    assert "≥15%" in article(officer, "交流轮岗").locator("[data-requirement]").inner_text()
    article(officer, "交流轮岗").scroll_into_view_if_needed()
    shot(officer, "3-item-form")
    article(officer, "交流轮岗").locator("button[name=decision][value=accepted]").click()
    officer.wait_for_load_state()
    # 2. the points
    edit(officer, "1小时", "points", "30")
    article(officer, "1小时").locator("button[name=decision][value=accepted]").click()
    officer.wait_for_load_state()
    assert "30" in officer.locator("#draft-totals").inner_text()
    # 3. the dimension: the drill goes under 学生发展
    edit(officer, "应急疏散演练", "dimension", "D")
    article(officer, "应急疏散演练").locator("button[name=decision][value=accepted]").click()
    officer.wait_for_load_state()
    for fragment in ("有偿补课", "开足开齐"):
        article(officer, fragment).locator("button[name=decision][value=accepted]").click()
        officer.wait_for_load_state()
    shot(officer, "3-editor")

    # 4. an item from a passage selected in the plan's text
    officer.evaluate(
        """(fragment) => {
            const box = document.getElementById('plan-text');
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(fragment);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + fragment.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error('not found: ' + fragment);
        }""",
        "办好家长学校",
    )
    officer.locator("button.selection-button").click()
    officer.wait_for_selector("text=已从原文新增一个要点")
    assert article(officer, "办好家长学校").locator("[data-status]").inner_text() == "已采纳"
    shot(officer, "4-added-from-text")

    # 5. the region's target is rejected
    region = article(officer, "普惠性幼儿园")
    assert "全市（区域）指标" in region.inner_text()
    region.locator("button[name=decision][value=rejected]").click()
    officer.wait_for_load_state()
    assert article(officer, "普惠性幼儿园").locator("[data-status]").inner_text() == "不采纳"

    # 6. the second officer's page is stale: their save is refused, both versions shown
    with app.app_context():
        ratio_saved = item(app, draft_id, "10%")
    second_card = article(second, "交流轮岗")
    second_card.locator("summary").click()
    second_card.locator("[name=points]").fill("12")
    second_card.locator("[name=points]").press("Tab")
    second.wait_for_selector("text=这一要点已被admin修改")
    conflict = second.locator("table.conflict-table").inner_text()
    assert "12" in conflict and "15" in conflict
    assert "您的版本" in second.content() and "已保存的版本" in second.content()
    shot(second, "5-conflict")
    with app.app_context():
        assert item(app, draft_id, "10%") == ratio_saved  # the first officer's work stands
    second.click("text=返回草稿")

    # the editor fits a phone: only the plan's text and the tables scroll, in their own boxes
    officer.set_viewport_size({"width": 390, "height": 844})
    officer.reload()
    assert officer.evaluate("document.documentElement.scrollWidth") <= 390
    shot(officer, "8-phone")
    officer.set_viewport_size({"width": 1366, "height": 900})

    # 7. publish, then a cycle with the new rubric
    officer.goto(draft_url + "#publish")
    officer.fill("#rubric_id", "yingkou-2025")
    officer.fill("#version", "1")
    officer.click("#publish button:has-text('发布')")
    officer.wait_for_selector("text=已发布")
    shot(officer, "6-published")
    with app.app_context():
        record = db.session.execute(select(RubricRecord).where(RubricRecord.rubric_id == "yingkou-2025")).scalar_one()
        assert db.session.get(RubricDraft, draft_id).published_record_id == record.id
        record_id = record.id
    officer.goto(f"{live_server}/admin/cycles/{world['cycle']}")
    officer.click("button:has-text('结束本轮评估')")
    officer.wait_for_load_state()
    officer.goto(f"{live_server}/admin/cycles/")
    officer.fill("#name", "2025年度办学水平自评")
    officer.fill("#year", "2025")
    officer.select_option("#rubric", str(record_id))
    officer.click("button:has-text('开始评估')")
    officer.wait_for_load_state()
    with app.app_context():
        cycle = db.session.execute(select(Cycle).where(Cycle.rubric_record_id == record_id)).scalar_one()
        assessment_id = db.session.execute(
            select(Assessment.id).where(Assessment.cycle_id == cycle.id, Assessment.school_id == world["school_a_id"])
        ).scalar_one()

    # 8. the school sees the new item with its quote
    school = logged_in(browser, live_server, "school_a")
    school.goto(f"{live_server}/school/assessments/{assessment_id}/B")
    source = school.locator(".source", has_text="办好家长学校")
    source.first.wait_for()
    assert "“办好家长学校”" in source.first.inner_text()
    shot(school, "7-school")
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_an_officer_reads_a_sentence_the_extractor_did_not_read_and_makes_it_an_item(
    app: Flask,
    world: Any,
    live_server: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    from webapp.extensions import db
    from webapp.models import RubricDraft

    officer = logged_in(browser, live_server, "admin")
    officer.goto(f"{live_server}/admin/plans/new")
    officer.click("details summary")
    officer.fill("textarea[name=text]", "\n".join(EDITOR_LINES))
    officer.click("button:has-text('加入计划库')")
    officer.click("button:has-text('开始起草')")
    officer.wait_for_selector("#plan-text")
    draft_id = int(officer.url.rsplit("/", 1)[-1])
    assert officer.locator("#unread-notice").count() == 0
    with app.app_context():  # as if the extractor had missed the drill
        draft = db.session.get(RubricDraft, draft_id)
        draft.content = {
            **draft.content,
            "items": [i for i in draft.content["items"] if "应急疏散演练" not in i["quote"]],
        }
        db.session.commit()
    officer.reload()
    assert "原文中还有 1 句写有数量" in officer.locator("#unread-notice").inner_text()
    officer.click("#unread-notice a")
    card = officer.locator("#unread-1")
    assert "数量：2次" in card.inner_text()
    # the sentence is marked in the plan's text, and the mark leads to its card
    assert "2次应急疏散演练" in officer.locator("#u-1").inner_text()
    card.scroll_into_view_if_needed()
    shot(officer, "9-unread")
    card.locator("button", has_text="新增为要点").click()
    officer.wait_for_selector("text=已从原文新增一个要点")
    added = article(officer, "应急疏散演练")
    assert "≥2次/学期" in added.locator("[data-requirement]").inner_text()
    assert "从原文新增" in added.inner_text() and "已采纳" in added.inner_text()
    assert officer.locator("#unread-notice").count() == 0 and officer.locator("#unread").count() == 0
    assert item(app, draft_id, "应急疏散演练")["origin"] == "added"
