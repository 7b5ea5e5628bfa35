"""The bureau's routes in the access matrix (tests/webapp/test_access_matrix.py imports this).

Admin-only pages answer 403 to every other role; the pages district officers share answer
200 to both districts (each sees only its own schools there — tested oracle-style in
test_admin_district.py); a school's own page answers 404 to the other district's officer.
Objects in URLs are school A's (东区第一小学), the test world's cycle and its first rubric.
"""

from __future__ import annotations

import io
from typing import Any

from tests.webapp.conftest import SAMPLE_RUBRIC

PLAN = "004_d9e5581cac34f553.txt"
FIRST_RUBRIC_RECORD = 1  # the world publishes one rubric, the first row
API_TOKEN = 1  # the world's one API token (the admin's)


def row(
    anon: int,
    school_own: int,
    school_other: int,
    inspector_in: int,
    inspector_out: int,
    district_own: int,
    district_other: int,
    admin: int,
) -> dict[str, int]:
    """The same columns as test_access_matrix.row (kept here to avoid a circular import)."""
    return {
        "anon": anon,
        "school_own": school_own,
        "school_other": school_other,
        "inspector_in": inspector_in,
        "inspector_out": inspector_out,
        "district_own": district_own,
        "district_other": district_other,
        "admin": admin,
    }


def admin_only(status: int) -> dict[str, int]:
    return row(302, 403, 403, 403, 403, 403, 403, status)


BUREAU = row(302, 403, 403, 403, 403, 200, 200, 200)
BUREAU_JOB = row(302, 403, 403, 403, 403, 303, 303, 303)  # POST on an export: a background job

EXPECTED_ADMIN: dict[tuple[str, str], dict[str, int]] = {
    ("bureau.results", "GET"): BUREAU,
    ("bureau.export_scores", "GET"): BUREAU,
    ("bureau.export_scores", "POST"): BUREAU_JOB,
    ("bureau.schools", "GET"): BUREAU,
    ("bureau.export_schools", "GET"): BUREAU,
    ("bureau.export_schools", "POST"): BUREAU_JOB,
    ("bureau.school", "GET"): row(302, 403, 403, 403, 403, 200, 404, 200),
    ("bureau.import_schools", "POST"): admin_only(303),
    ("bureau.cycles", "GET"): admin_only(200),
    ("bureau.cycles", "POST"): admin_only(422),  # a cycle is already open: refused, nothing changes
    ("bureau.cycle", "GET"): admin_only(200),
    ("bureau.cycle", "POST"): admin_only(303),
    ("bureau.close_cycle", "POST"): admin_only(303),
    ("bureau.reopen_cycle", "POST"): admin_only(303),
    ("accounts.users", "GET"): admin_only(200),
    ("accounts.users", "POST"): admin_only(200),  # the page that shows the new password once
    ("accounts.reset_password", "POST"): admin_only(200),
    ("accounts.set_active", "POST"): admin_only(303),
    ("tokens.index", "GET"): admin_only(200),
    ("tokens.index", "POST"): admin_only(200),  # the page that shows the new token once
    ("tokens.revoke", "POST"): admin_only(303),
    ("bureau.assignments", "GET"): admin_only(200),
    ("bureau.assignments", "POST"): admin_only(303),
    ("rubrics.index", "GET"): admin_only(200),
    ("rubrics.check_rubric", "POST"): admin_only(200),
    ("rubrics.publish_rubric", "POST"): admin_only(303),
    ("rubrics.rubric", "GET"): admin_only(200),
    ("rubrics.rubric_yaml", "GET"): admin_only(200),
    ("rubrics.draft_review", "GET"): admin_only(200),
    ("rubrics.decide", "POST"): admin_only(303),
    ("rubrics.reset_review", "POST"): admin_only(303),
    ("rubrics.draft_preview", "GET"): admin_only(200),
    ("rubrics.draft_yaml", "GET"): admin_only(302),  # nothing accepted yet: back to the review
    ("rubrics.publish_draft", "POST"): admin_only(422),  # nothing accepted yet: refused
    ("audit.index", "GET"): admin_only(200),
    ("audit.export", "GET"): admin_only(200),
    ("audit.export", "POST"): admin_only(303),
}


def school_list_xlsx(rows: list[list[Any]], header: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header or ["学校代码", "学校名称", "学段", "办学性质", "是否寄宿", "是否有食堂", "所属区县"])
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def admin_request(endpoint: str, method: str, world: Any, evidence_id: int, version: int) -> tuple[str, dict[str, Any]]:
    cycle = world["cycle"]
    school_a = world["school_a_id"]
    urls = {
        "bureau.results": "/admin/results",
        "bureau.export_scores": "/admin/results/scores.xlsx",
        "bureau.schools": "/admin/schools/",
        "bureau.export_schools": "/admin/schools/export.xlsx",
        "bureau.school": f"/admin/schools/{school_a}",
        "bureau.import_schools": "/admin/schools/import",
        "bureau.cycles": "/admin/cycles/",
        "bureau.cycle": f"/admin/cycles/{cycle}",
        "bureau.close_cycle": f"/admin/cycles/{cycle}/close",
        "bureau.reopen_cycle": f"/admin/cycles/{cycle}/reopen",
        "accounts.users": "/admin/users/",
        "accounts.reset_password": f"/admin/users/{world['school_a']}/password",
        "accounts.set_active": f"/admin/users/{world['school_a']}/active",
        "tokens.index": "/admin/tokens/",
        "tokens.revoke": f"/admin/tokens/{API_TOKEN}/revoke",
        "bureau.assignments": "/admin/assignments/",
        "rubrics.index": "/admin/rubrics/",
        "rubrics.check_rubric": "/admin/rubrics/check",
        "rubrics.publish_rubric": "/admin/rubrics/publish",
        "rubrics.rubric": f"/admin/rubrics/{FIRST_RUBRIC_RECORD}",
        "rubrics.rubric_yaml": f"/admin/rubrics/{FIRST_RUBRIC_RECORD}.yaml",
        "rubrics.draft_review": f"/admin/drafts/{PLAN}",
        "rubrics.decide": f"/admin/drafts/{PLAN}/0",
        "rubrics.reset_review": f"/admin/drafts/{PLAN}/reset",
        "rubrics.draft_preview": f"/admin/drafts/{PLAN}/rubric",
        "rubrics.draft_yaml": f"/admin/drafts/{PLAN}/rubric.yaml",
        "rubrics.publish_draft": f"/admin/drafts/{PLAN}/publish",
        "audit.index": "/admin/audit/",
        "audit.export": "/admin/audit/export.xlsx",
    }
    data: dict[str, Any] = {}
    if method == "POST":
        rubric_v2 = SAMPLE_RUBRIC.read_text(encoding="utf-8").replace("version: 1\n", "version: 2\n", 1)
        xlsx = school_list_xlsx([["C001", "新建第三小学", "小学", "公办", "否", "是", "南区"]])
        data = {
            "bureau.import_schools": {"file": (io.BytesIO(xlsx), "学校名单.xlsx")},
            "bureau.cycles": {
                "name": "2025年度评估",
                "year": "2025",
                "rubric": str(FIRST_RUBRIC_RECORD),
                "schools": [str(school_a)],
            },
            "bureau.cycle": {"name": "2024年度测试评估（更名）", "deadline": "2030-12-31"},
            "accounts.users": {"username": "new_inspector", "role": "inspector", "display_name": "新督学"},
            "accounts.set_active": {"active": "0"},
            "tokens.index": {"username": "school_a", "name": "学籍系统"},
            "bureau.assignments": {"inspector": str(world["inspector_b"]), "schools": [str(school_a)]},
            "rubrics.check_rubric": {"text": rubric_v2},
            "rubrics.publish_rubric": {"yaml_text": rubric_v2},
            "rubrics.decide": {"decision": "accepted", "key": "", "title": "", "value": "", "value_max": ""},
            "rubrics.publish_draft": {"rubric_id": "draft-test", "version": "1", "title": ""},
        }.get(endpoint, {})
    return urls[endpoint], data
