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
FIRST_DRAFT = 1  # the draft editor's draft of PLAN (test_access_matrix's rubric_draft fixture)
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
    # the draft editor (a draft of the seed plan exists: test_access_matrix's rubric_draft)
    ("drafts.new_plan", "GET"): admin_only(200),
    ("drafts.new_plan", "POST"): admin_only(303),  # pasted text enters the plan library
    ("drafts.plan", "GET"): admin_only(200),
    ("drafts.update_plan", "POST"): admin_only(422),  # a built-in plan is not changed
    ("drafts.start", "POST"): admin_only(303),
    ("drafts.editor_view", "GET"): admin_only(200),
    ("drafts.save_item", "POST"): admin_only(303),
    ("drafts.add_item", "POST"): admin_only(303),
    ("drafts.publish", "POST"): admin_only(422),  # nothing accepted yet: refused
    ("drafts.balance", "POST"): admin_only(303),  # nothing accepted yet: back, with a message
    ("drafts.draft_yaml", "GET"): admin_only(200),
    ("audit.index", "GET"): admin_only(200),
    ("audit.export", "GET"): admin_only(200),
    ("audit.export", "POST"): admin_only(303),
    ("bureau.school_accounts", "POST"): admin_only(303),  # every school has an account: nothing to make
    ("bureau.edit_school", "POST"): admin_only(303),
    ("bureau.set_school_active", "POST"): admin_only(303),
    ("bureau.add_cycle_schools", "POST"): admin_only(303),
    ("bureau.bulk_assign", "POST"): admin_only(303),
    ("bureau.import_users", "GET"): admin_only(200),
    ("bureau.import_users", "POST"): admin_only(200),  # the workbook of the new accounts' passwords
    ("bureau.account_template", "GET"): admin_only(200),
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


def account_list_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["用户名", "姓名", "角色", "学校代码", "所属区县"])
    sheet.append(["matrix-duxue", "矩阵督学", "督学", None, None])
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
        "drafts.new_plan": "/admin/plans/new",
        "drafts.plan": f"/admin/plans/{PLAN}",
        "drafts.update_plan": f"/admin/plans/{PLAN}",
        "drafts.start": f"/admin/plans/{PLAN}/drafts",
        "drafts.editor_view": f"/admin/editor/{FIRST_DRAFT}",
        "drafts.save_item": f"/admin/editor/{FIRST_DRAFT}/items/c0",
        "drafts.add_item": f"/admin/editor/{FIRST_DRAFT}/items",
        "drafts.publish": f"/admin/editor/{FIRST_DRAFT}/publish",
        "drafts.balance": f"/admin/editor/{FIRST_DRAFT}/balance",
        "drafts.draft_yaml": f"/admin/editor/{FIRST_DRAFT}/rubric.yaml",
        "audit.index": "/admin/audit/",
        "audit.export": "/admin/audit/export.xlsx",
        "bureau.school_accounts": "/admin/schools/accounts",
        "bureau.edit_school": f"/admin/schools/{school_a}/edit",
        "bureau.set_school_active": f"/admin/schools/{school_a}/active",
        "bureau.add_cycle_schools": f"/admin/cycles/{cycle}/schools",
        "bureau.bulk_assign": "/admin/assignments/bulk",
        "bureau.import_users": "/admin/users/import",
        "bureau.account_template": "/admin/users/import/template.xlsx",
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
            "drafts.new_plan": {"text": "某市教育局2025年工作要点\n1.各学校每学期至少组织2次应急疏散演练。"},
            "drafts.update_plan": {"title": "改名", "issuer": "", "year": "", "doc_number": ""},
            "drafts.start": {"base": ""},
            "drafts.save_item": {"rev": "1", "decision": "rejected"},
            "drafts.add_item": {"quote": "落实每日校内体育活动不少于1小时要求"},
            "drafts.publish": {"rubric_id": "draft-test", "version": "1", "title": ""},
            "drafts.balance": {"version": "1"},
            "bureau.school_accounts": {"scope": "all"},
            "bureau.edit_school": {
                "name": "东区第一小学（更名）",
                "district": str(world["district_east_id"]),
                "stages": ["primary"],
                "public": "1",
                "boarding": "0",
                "has_canteen": "1",
            },
            "bureau.set_school_active": {"active": "0", "reason": "撤并"},
            "bureau.bulk_assign": {
                "inspector": str(world["inspector_b"]),
                "district": str(world["district_east_id"]),
                "action": "add",
            },
            "bureau.import_users": {"file": (io.BytesIO(account_list_xlsx()), "账号名单.xlsx")},
        }.get(endpoint, {})
    return urls[endpoint], data
