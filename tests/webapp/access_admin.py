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
    ("admin.results", "GET"): BUREAU,
    ("admin.export_scores", "GET"): BUREAU,
    ("admin.export_scores", "POST"): BUREAU_JOB,
    ("admin.schools", "GET"): BUREAU,
    ("admin.export_schools", "GET"): BUREAU,
    ("admin.export_schools", "POST"): BUREAU_JOB,
    ("admin.school", "GET"): row(302, 403, 403, 403, 403, 200, 404, 200),
    ("admin.import_schools", "POST"): admin_only(303),
    ("admin.cycles", "GET"): admin_only(200),
    ("admin.cycles", "POST"): admin_only(422),  # a cycle is already open: refused, nothing changes
    ("admin.cycle", "GET"): admin_only(200),
    ("admin.cycle", "POST"): admin_only(303),
    ("admin.close_cycle", "POST"): admin_only(303),
    ("admin.reopen_cycle", "POST"): admin_only(303),
    ("admin.users", "GET"): admin_only(200),
    ("admin.users", "POST"): admin_only(200),  # the page that shows the new password once
    ("admin.reset_password", "POST"): admin_only(200),
    ("admin.set_active", "POST"): admin_only(303),
    ("admin.assignments", "GET"): admin_only(200),
    ("admin.assignments", "POST"): admin_only(303),
    ("admin.rubrics", "GET"): admin_only(200),
    ("admin.check_rubric", "POST"): admin_only(200),
    ("admin.publish_rubric", "POST"): admin_only(303),
    ("admin.rubric", "GET"): admin_only(200),
    ("admin.rubric_yaml", "GET"): admin_only(200),
    ("admin.draft_review", "GET"): admin_only(200),
    ("admin.decide", "POST"): admin_only(303),
    ("admin.reset_review", "POST"): admin_only(303),
    ("admin.draft_preview", "GET"): admin_only(200),
    ("admin.draft_yaml", "GET"): admin_only(302),  # nothing accepted yet: back to the review
    ("admin.publish_draft", "POST"): admin_only(422),  # nothing accepted yet: refused
    ("admin.audit", "GET"): admin_only(200),
    ("admin.export_audit", "GET"): admin_only(200),
    ("admin.export_audit", "POST"): admin_only(303),
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
        "admin.results": "/admin/results",
        "admin.export_scores": "/admin/results/scores.xlsx",
        "admin.schools": "/admin/schools/",
        "admin.export_schools": "/admin/schools/export.xlsx",
        "admin.school": f"/admin/schools/{school_a}",
        "admin.import_schools": "/admin/schools/import",
        "admin.cycles": "/admin/cycles/",
        "admin.cycle": f"/admin/cycles/{cycle}",
        "admin.close_cycle": f"/admin/cycles/{cycle}/close",
        "admin.reopen_cycle": f"/admin/cycles/{cycle}/reopen",
        "admin.users": "/admin/users/",
        "admin.reset_password": f"/admin/users/{world['school_a']}/password",
        "admin.set_active": f"/admin/users/{world['school_a']}/active",
        "admin.assignments": "/admin/assignments/",
        "admin.rubrics": "/admin/rubrics/",
        "admin.check_rubric": "/admin/rubrics/check",
        "admin.publish_rubric": "/admin/rubrics/publish",
        "admin.rubric": f"/admin/rubrics/{FIRST_RUBRIC_RECORD}",
        "admin.rubric_yaml": f"/admin/rubrics/{FIRST_RUBRIC_RECORD}.yaml",
        "admin.draft_review": f"/admin/drafts/{PLAN}",
        "admin.decide": f"/admin/drafts/{PLAN}/0",
        "admin.reset_review": f"/admin/drafts/{PLAN}/reset",
        "admin.draft_preview": f"/admin/drafts/{PLAN}/rubric",
        "admin.draft_yaml": f"/admin/drafts/{PLAN}/rubric.yaml",
        "admin.publish_draft": f"/admin/drafts/{PLAN}/publish",
        "admin.audit": "/admin/audit/",
        "admin.export_audit": "/admin/audit/export.xlsx",
    }
    data: dict[str, Any] = {}
    if method == "POST":
        rubric_v2 = SAMPLE_RUBRIC.read_text(encoding="utf-8").replace("version: 1\n", "version: 2\n", 1)
        xlsx = school_list_xlsx([["C001", "新建第三小学", "小学", "公办", "否", "是", "南区"]])
        data = {
            "admin.import_schools": {"file": (io.BytesIO(xlsx), "学校名单.xlsx")},
            "admin.cycles": {
                "name": "2025年度评估",
                "year": "2025",
                "rubric": str(FIRST_RUBRIC_RECORD),
                "schools": [str(school_a)],
            },
            "admin.cycle": {"name": "2024年度测试评估（更名）", "deadline": "2030-12-31"},
            "admin.users": {"username": "new_inspector", "role": "inspector", "display_name": "新督学"},
            "admin.set_active": {"active": "0"},
            "admin.assignments": {"inspector": str(world["inspector_b"]), "schools": [str(school_a)]},
            "admin.check_rubric": {"text": rubric_v2},
            "admin.publish_rubric": {"yaml_text": rubric_v2},
            "admin.decide": {"decision": "accepted", "key": "", "title": "", "value": "", "value_max": ""},
            "admin.publish_draft": {"rubric_id": "draft-test", "version": "1", "title": ""},
        }.get(endpoint, {})
    return urls[endpoint], data
