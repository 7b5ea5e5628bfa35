"""The whole supervision year in a real browser (Debian's chromium driven by Playwright), as the
people would do it: the school submits; the inspector returns it with a note; the school sees the
note, changes one figure and submits again; the changed item is flagged; 核定完成 is refused
until every item is reviewed, then done; the 整改 tasks appear; the school sends its 整改报告;
the 复查 passes one task and fails the other; the 整改台账 shows both; a reminder of the 整改期限
arrives in a local SMTP server; a new cycle shows the school last year's values and the inspector
last year's pending review.

CSRF is on, as in production. Screenshots: SELFCHECK_SCREENSHOTS=DIR keeps one per step.

    .venv/bin/pytest -q -p no:cacheprovider tests/webapp/test_whole_year_browser.py
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests import pdfs
from tests.webapp.conftest import BACKEND, PASSWORD, make_app
from tests.webapp.notify.conftest import Inbox, SmtpServer, free_port
from tests.webapp.test_browser import CHROMIUM, browser, shot  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    # What the people see does not depend on the database: once, on the embedded default.
    pytest.mark.skipif(BACKEND == "postgresql", reason="the browser year runs once, on SQLite"),
]

SENDER = "duban@edu.example.cn"
PRINCIPAL = "principal@school-a.example.cn"
TIMEOUT_MS = 15_000


@dataclass
class Site:
    url: str
    app: Flask
    inbox: Inbox


@pytest.fixture
def site(instance: Path, world: Any) -> Iterator[Site]:
    """The world's app with CSRF on and mail going to an SMTP server of the test's own, served
    on a free port in a thread."""
    smtp = SmtpServer(free_port())
    inbox = smtp.start()
    app = make_app(instance, WTF_CSRF_ENABLED=True, MAIL_SERVER="127.0.0.1", MAIL_PORT=inbox.port, MAIL_SENDER=SENDER)
    _prepare_school_a(app, world)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(f"http://127.0.0.1:{server.server_port}", app, inbox)
    server.shutdown()
    thread.join(timeout=5)
    smtp.stop()


def _prepare_school_a(app: Flask, world: Any) -> None:
    """School A's draft filled in as if over the past weeks, with two shortfalls the 核定 keeps:
    45 minutes of daily sport (A1.1 部分达标) and no 明厨亮灶 (C1.1 未达标)."""
    from tests.webapp.helpers import fill_completely
    from webapp.extensions import db
    from webapp.models import User

    with app.test_request_context():
        fill_completely(
            world["assessment_a"],
            db.session.get(User, world["school_a"]),
            pe_minutes_daily=45,
            bright_kitchen=False,
            eligible_teachers=40,
            exchange_teachers=6,
            backbone_exchange_teachers=2,
        )
        db.session.remove()


def person(browser: Any, site: Site, username: str) -> Any:  # noqa: F811 - the fixture's name
    """A page in a browser context of its own (its own cookies), logged in."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.on("dialog", lambda dialog: dialog.accept())  # the 「确定…？」 of data-confirm buttons
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors
    page.goto(f"{site.url}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/login" not in page.url, page.content()[:2000]
    return page


def click_and_wait(page: Any, selector: str) -> None:
    """Click something that submits a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.click(selector)


def text_of(page: Any) -> str:
    return str(page.inner_text("body"))


def status_of(app: Flask, assessment_id: int) -> str:
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None
        status = found.status.value
        db.session.remove()
        return str(status)


def tasks_by_item(app: Flask, assessment_id: int) -> dict[str, tuple[int, str, str]]:
    """Item id → (task id, status, 复查意见)."""
    from webapp.extensions import db
    from webapp.rectification.operations import tasks_of

    with app.app_context():
        found = {t.item_id: (t.id, t.status.value, t.reinspection_note or "") for t in tasks_of(assessment_id)}
        db.session.remove()
        return found


def local_today(app: Flask) -> dt.date:
    from webapp.settings import local_today as today

    with app.app_context():
        return today()


def test_the_whole_year_in_the_browser(site: Site, world: Any, browser: Any) -> None:  # noqa: F811
    base, a = site.url, world["assessment_a"]

    # ---- 填报中 → 已提交: the school adds a 佐证材料 and submits ---------------------------------
    school = person(browser, site, "school_a")
    assert school.url == f"{base}/school/"
    click_and_wait(school, "a.button:has-text('继续填报')")
    assert school.url.startswith(f"{base}/school/assessments/{a}/A")
    school.set_input_files(
        "#evidence-A1\\.1", files=[{"name": "作息时间表.pdf", "mimeType": "application/pdf", "buffer": pdfs.plain()}]
    )
    click_and_wait(school, "button.primary:has-text('保存')")
    assert "上传佐证材料1个" in text_of(school)
    assert school.locator("#item-A1\\.1 .files a", has_text="作息时间表.pdf").count() == 1
    shot(school, "year-01-school-evidence")
    school.goto(f"{base}/school/assessments/{a}/submit")
    click_and_wait(school, "button:has-text('确认提交自评')")
    assert school.url == f"{base}/school/"
    assert "自评已提交" in text_of(school)
    assert status_of(site.app, a) == "submitted"

    # ---- 已提交 → 核定中 → 退回修改: a comment on B1.1 and a note for the whole ------------------
    inspector = person(browser, site, "inspector_a")
    row = inspector.locator("tr", has_text="东区第一小学")
    assert row.locator("text=开始核定").count() == 1
    click_and_wait(inspector, "tr:has-text('东区第一小学') >> text=开始核定")
    assert inspector.url == f"{base}/inspector/assessments/{a}/overview"
    click_and_wait(inspector, "nav.tabs >> text=A 学生发展")
    assert inspector.locator("#item-A1\\.1 .files a", has_text="作息时间表.pdf").count() == 1  # the school's file
    click_and_wait(inspector, "nav.tabs >> text=B 队伍建设")
    item = inspector.locator("#item-B1\\.1")
    item.locator("summary").click()
    item.locator("textarea[name='comment']").fill("请补充交流教师名单和交流协议。")
    click_and_wait(inspector, "#item-B1\\.1 button:has-text('保存核定')")
    assert "B1.1 已核定" in text_of(inspector)
    click_and_wait(inspector, "nav.tabs >> text=概览与差异")
    inspector.fill("#note", "请核对符合交流条件教师人数，与人事台账一致。")
    shot(inspector, "year-02-inspector-return")
    click_and_wait(inspector, "button:has-text('退回修改')")
    assert inspector.url == f"{base}/inspector/"
    assert "退回修改" in text_of(inspector)
    assert status_of(site.app, a) == "returned"

    # ---- 退回修改 → 已提交: the school reads the note and the comment, changes one figure --------
    school.goto(f"{base}/school/")
    home = text_of(school)
    assert "督学已将自评退回修改" in home
    assert "督学总体意见：请核对符合交流条件教师人数，与人事台账一致。" in home
    click_and_wait(school, ".flash a:has-text('B 队伍建设')")  # 有意见的页面：B 队伍建设（1条）
    assert "督学意见：请补充交流教师名单和交流协议。" in text_of(school)
    assert school.input_value("#eligible_teachers") == "40"
    school.fill("#eligible_teachers", "50")
    click_and_wait(school, "button.primary:has-text('保存')")
    assert "已保存" in text_of(school)
    assert "交流教师6人/符合交流条件教师50人=12.0%，要求≥10%，达标" in text_of(school)
    shot(school, "year-03-school-changed")
    school.goto(f"{base}/school/assessments/{a}/submit")
    assert "督学退回时的总体意见：请核对符合交流条件教师人数" in text_of(school)
    click_and_wait(school, "button:has-text('确认提交自评')")
    assert "自评已提交" in text_of(school)
    assert status_of(site.app, a) == "submitted"

    # ---- the changed item is flagged; 核定完成 refused until every item is reviewed -------------
    inspector.goto(f"{base}/inspector/assessments/{a}/overview")
    changed = inspector.locator(".card", has_text="退回后学校已修改的要点")
    assert changed.count() == 1
    assert "退回后学校已修改的要点（1）" in changed.inner_text()
    assert changed.locator("li", has_text="B1.1").locator(".badge", has_text="学校已修改").count() == 1
    shot(inspector, "year-04-changed-flagged")
    click_and_wait(inspector, "button.primary:has-text('核定完成')")
    refused = text_of(inspector)
    assert "未能完成核定：还有" in refused and "个要点未核定" in refused
    assert status_of(site.app, a) != "finalised"
    assert tasks_by_item(site.app, a) == {}
    click_and_wait(inspector, "button:has-text('其余要点按自评确认')")
    assert "按学校自评确认（" in text_of(inspector)
    click_and_wait(inspector, "button.primary:has-text('核定完成')")
    assert inspector.url == f"{base}/inspector/"
    assert "东区第一小学的核定已完成，结果已锁定。" in text_of(inspector)
    assert status_of(site.app, a) == "finalised"

    # ---- 整改 tasks appear for the two shortfalls, with the school --------------------------------
    made = tasks_by_item(site.app, a)
    assert {item_id: status for item_id, (_, status, _) in made.items()} == {"A1.1": "open", "C1.1": "open"}
    a11, c11 = made["A1.1"][0], made["C1.1"][0]
    school.goto(f"{base}/school/")
    home = text_of(school)
    assert "整改：整改中" in home and "核定发现的问题 2 个，待整改 2 个" in home
    click_and_wait(school, ".flash a:has-text('填写整改报告')")
    assert school.url == f"{base}/school/assessments/{a}/rectification"
    report = text_of(school)
    assert "核定为部分达标" in report and "核定为未达标" in report and "整改建议：" in report

    # ---- 整改中 → 整改已报: measures, outcome and a photo of the kitchen's screen (a PDF here) ------
    school.fill(f"#measures-{a11}", "调整作息时间，增加大课间30分钟。")
    school.fill(f"#outcome-{a11}", "每日校内体育活动已达70分钟。")
    school.fill(f"#measures-{c11}", "已购置后厨摄像设备。")
    school.set_input_files(
        f"#evidence-{c11}", files=[{"name": "明厨亮灶验收单.pdf", "mimeType": "application/pdf", "buffer": pdfs.plain()}]
    )
    click_and_wait(school, "button:has-text('提交整改报告')")  # 整改成效 of C1.1 forgotten
    assert "整改报告未提交" in text_of(school)
    assert school.locator(f"#task-{c11} .field.has-error textarea#outcome-{c11}").count() == 1  # said beside it
    assert school.input_value(f"#measures-{c11}") == "已购置后厨摄像设备。"  # nothing typed is lost
    assert school.input_value(f"#outcome-{a11}") == "每日校内体育活动已达70分钟。"
    assert school.locator(f"#task-{c11} .files a", has_text="明厨亮灶验收单.pdf").count() == 1
    assert {s for _, s, _ in tasks_by_item(site.app, a).values()} == {"open"}
    school.fill(f"#outcome-{c11}", "设备已安装，待接入平台。")
    shot(school, "year-05-rectification-report")
    click_and_wait(school, "button:has-text('提交整改报告')")
    assert "整改报告已提交，等待督学复查。" in text_of(school)
    assert school.locator(f"#task-{c11} .files a", has_text="明厨亮灶验收单.pdf").count() == 1
    assert {s for _, s, _ in tasks_by_item(site.app, a).values()} == {"reported"}

    # ---- 复查: one passes; the other fails, first without a reason (refused), then with one ------
    inspector.goto(f"{base}/inspector/")
    click_and_wait(inspector, "#main-menu a:has-text('整改复查')")
    click_and_wait(inspector, "tr:has-text('东区第一小学') >> a:has-text('复查')")
    assert inspector.url == f"{base}/inspector/assessments/{a}/rectification"
    assert "调整作息时间，增加大课间30分钟。" in text_of(inspector)
    inspector.check(f"#task-{a11} input[name='verdict'][value='pass']")
    click_and_wait(inspector, f"#task-{a11} button:has-text('保存复查结论')")
    assert "A1.1：复查通过。" in text_of(inspector)
    inspector.check(f"#task-{c11} input[name='verdict'][value='fail']")
    click_and_wait(inspector, f"#task-{c11} button:has-text('保存复查结论')")
    refusal = inspector.locator(f"#task-{c11} .field.has-error").inner_text()  # the reason is required
    assert "复查不通过时，必须写明理由" in refusal
    assert inspector.is_checked(f"#task-{c11} input[name='verdict'][value='fail']")  # the choice is kept
    assert tasks_by_item(site.app, a)["C1.1"][1] == "reported"
    inspector.fill(f"#note-{c11}", "明厨亮灶尚未接入监管平台，请接入后再报。")
    click_and_wait(inspector, f"#task-{c11} button:has-text('保存复查结论')")
    assert "C1.1：复查不通过，已退回学校继续整改。" in text_of(inspector)
    assert "复查未通过" in inspector.locator(f"#task-{c11}").inner_text()
    # …and moves its 整改期限 to tomorrow, so that the reminder is due
    tomorrow = local_today(site.app) + dt.timedelta(days=1)
    inspector.click(f"#task-{c11} summary:has-text('修改整改期限')")
    inspector.fill(f"#deadline-{c11}", tomorrow.isoformat())
    inspector.fill(f"#reason-{c11}", "接入平台只需一天")
    click_and_wait(inspector, f"#task-{c11} button:has-text('修改期限')")
    assert f"C1.1：整改期限已改为{tomorrow:%Y年%m月%d日}。" in text_of(inspector)
    shot(inspector, "year-06-reinspection")
    after = tasks_by_item(site.app, a)
    assert (after["A1.1"][1], after["C1.1"][1]) == ("passed", "failed")
    assert after["C1.1"][2] == "明厨亮灶尚未接入监管平台，请接入后再报。"

    school.goto(f"{base}/school/assessments/{a}/rectification")
    back = school.locator(f"#task-{c11}").inner_text()
    assert "复查未通过" in back and "明厨亮灶尚未接入监管平台，请接入后再报。" in back
    assert "复查通过" in school.locator(f"#task-{a11}").inner_text()

    # ---- the 整改台账 shows both ------------------------------------------------------------------
    admin = person(browser, site, "admin")
    click_and_wait(admin, "#main-menu a:has-text('整改台账')")
    assert admin.url.startswith(f"{base}/admin/rectification/")
    figures = {
        label: admin.locator(".stat", has_text=label).locator(".value").inner_text()
        for label in ("整改任务", "待整改", "已报待复查", "复查通过")
    }
    assert figures == {"整改任务": "2 项", "待整改": "1 项", "已报待复查": "0 项", "复查通过": "1 项"}
    assert "复查未通过 1 项" in admin.locator(".stat", has_text="待整改").inner_text()
    by_school = admin.locator(".card", has_text="按学校").locator("tbody tr", has_text="东区第一小学")
    cells = [c.strip() for c in by_school.locator("td").all_inner_texts()]
    assert cells == ["东区第一小学", "东区", "2", "1", "0", "0", "1", "1"]  # 任务 待整改 逾期 待复查 通过 未通过
    rows = admin.locator(".card", has_text="整改任务（2）").locator("tbody tr")
    assert rows.count() == 2
    ledger = admin.locator(".card", has_text="整改任务（2）").inner_text()
    assert "复查通过" in ledger and "复查未通过" in ledger and "明厨亮灶尚未接入监管平台" in ledger
    shot(admin, "year-07-ledger")
    click_and_wait(admin, "#main-menu a:has-text('操作日志')")  # every step of the year, in words
    actions = set(admin.locator("table.audit tbody td:nth-child(3)").all_inner_texts())
    for action in ("提交自评", "退回修改", "核定完成", "生成整改任务", "提交整改报告", "整改复查", "修改整改期限"):
        assert action in actions, (action, actions)
    changes = admin.locator("table.audit").text_content()  # the folded details too
    assert "visit_start" not in changes and "inspection_team" not in changes  # no field key leaks

    # ---- a reminder of the 整改期限 arrives in the local SMTP server ------------------------------
    click_and_wait(school, "a.linkbutton:has-text('通知')")
    school.fill("#email", PRINCIPAL)
    click_and_wait(school, "button.primary:has-text('保存')")
    assert f"通知将同时发送到 {PRINCIPAL}" in text_of(school)
    from webapp.cli.remind import remind  # `selfcheck remind`, as cron runs it

    result = site.app.test_cli_runner().invoke(remind, [])
    assert result.exit_code == 0, result.output
    assert "邮件已发 1 封，失败 0 封" in result.output
    assert len(site.inbox.received) == 1
    recipients, raw = site.inbox.received[0]
    assert recipients == [PRINCIPAL]
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    assert mail["Subject"] == "【学校办学水平自评系统】距整改期限还有1天"
    body = mail.get_body(("plain",)).get_content()
    assert "贵校还有1项整改任务未提交整改报告" in body
    assert f"{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日" in body
    assert f"/school/assessments/{a}/rectification" in body
    school.goto(f"{base}/notices/")
    assert "距整改期限还有1天" in text_of(school)  # the same reminder, in the app

    # ---- a new cycle: 结束本轮评估, then a new one with the same rubric ----------------------------
    click_and_wait(admin, "#main-menu a:has-text('年度评估')")
    click_and_wait(admin, "tr:has-text('2024年度测试评估') >> a:has-text('管理')")
    click_and_wait(admin, "button:has-text('结束本轮评估')")
    assert "已结束" in text_of(admin)
    admin.goto(f"{base}/admin/cycles/")
    admin.fill("#name", "2025年度测试评估")
    admin.fill("#year", "2025")
    admin.fill("#deadline", (local_today(site.app) + dt.timedelta(days=60)).isoformat())
    assert admin.locator("#rubric option:checked").inner_text().startswith("测试用评估细则")
    shot(admin, "year-08-new-cycle")
    click_and_wait(admin, "button.primary:has-text('开始评估')")
    assert "“2025年度测试评估”已开始，2所学校可以填报自评。" in text_of(admin)

    # the school: last year's values beside the empty fields, and 沿用上年数据 fills them in
    school.goto(f"{base}/school/")
    assert "2025年度测试评估" in school.locator("h2").first.inner_text()
    assert "2024年度测试评估的整改尚未完成：待整改 1 个" in text_of(school)  # last year's 整改 goes on
    shot(school, "year-09a-new-home")
    click_and_wait(school, "a.button:has-text('开始填报')")
    assert "上年：45分钟" in text_of(school)
    assert school.input_value("#pe_minutes_daily") == ""
    click_and_wait(school, "a.button:has-text('沿用上年数据')")
    assert "已按上年填入本页" in text_of(school)
    assert school.input_value("#pe_minutes_daily") == "45"
    shot(school, "year-09-carried-over")
    click_and_wait(school, "nav.tabs >> text=B 队伍建设")
    assert "上年：50人" in text_of(school)  # the figure as changed after the return
    school.goto(f"{base}/school/rectification/")
    assert "整改中" in school.locator("tr", has_text="2024年度测试评估").inner_text()

    # the inspector of school B: last year's self-assessment, still waiting, marked with its year
    other = person(browser, site, "inspector_b")
    assert "往年评估中还有 1 份自评待核定" in text_of(other)
    pending = other.locator("tr", has_text="西区第二中学").filter(has=other.locator(".badge", has_text="2024年度"))
    assert pending.count() == 1
    shot(other, "year-10-last-years-review")
    click_and_wait(other, "tr:has-text('2024年度') >> a:has-text('开始核定')")
    assert other.url == f"{base}/inspector/assessments/{world['assessment_b']}/overview"
    assert other.locator("button:has-text('核定完成')").count() == 1  # a closed cycle's review goes on

    for page in (school, inspector, admin, other):
        assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors
        page.context.close()
