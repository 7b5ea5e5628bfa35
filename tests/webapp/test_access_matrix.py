"""Every route × every kind of user: what each gets. A route missing from the table fails the test.

Objects in URLs are always school A's (东区第一小学). The actors:
    anon              nobody logged in
    school_own        school A's account
    school_other      school B's account (another school)
    inspector_in      the inspector assigned to A
    inspector_out     an inspector not assigned to A
    district_own      东区's officer (A is in 东区)
    district_other    西区's officer
    admin             the bureau's admin (督导室)
Statuses: 200 page, 302 to the login page (anonymous) or on, 303 after a save, 403 wrong role,
404 not yours or not there (the same answer, so nothing leaks), 422 refused for its content.
A request that is refused must leave the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import inspect, text

from tests import pdfs
from tests.webapp.conftest import PASSWORD, login

ACTORS = {
    "anon": None,
    "school_own": "school_a",
    "school_other": "school_b",
    "inspector_in": "inspector_a",
    "inspector_out": "inspector_b",
    "district_own": "district_east",
    "district_other": "district_west",
    "admin": "admin",
}


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
    return dict(
        zip(
            ACTORS,
            (anon, school_own, school_other, inspector_in, inspector_out, district_own, district_other, admin),
            strict=True,
        )
    )


# (endpoint, method) → expected status per actor
EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    ("accounts.index", "GET"): row(302, 302, 302, 302, 302, 302, 302, 302),
    ("accounts.health", "GET"): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("accounts.login", "GET"): row(200, 302, 302, 302, 302, 302, 302, 302),
    ("accounts.login", "POST"): row(200, 302, 302, 302, 302, 302, 302, 302),
    ("accounts.logout", "POST"): row(302, 302, 302, 302, 302, 302, 302, 302),
    ("accounts.password", "GET"): row(302, 200, 200, 200, 200, 200, 200, 200),
    ("accounts.password", "POST"): row(302, 200, 200, 200, 200, 200, 200, 200),
    ("school.home", "GET"): row(302, 200, 200, 403, 403, 403, 403, 403),
    ("school.assessment", "GET"): row(302, 302, 404, 403, 403, 403, 403, 403),
    ("school.section", "GET"): row(302, 200, 404, 403, 403, 403, 403, 403),
    ("school.section", "POST"): row(302, 303, 404, 403, 403, 403, 403, 403),
    ("school.submit", "GET"): row(302, 200, 404, 403, 403, 403, 403, 403),
    ("school.submit", "POST"): row(302, 422, 404, 403, 403, 403, 403, 403),
    ("evidence.evidence", "GET"): row(302, 200, 404, 200, 404, 200, 404, 200),
    ("documents.assessment_report", "GET"): row(302, 200, 404, 200, 404, 200, 404, 200),
    ("documents.region_report", "GET"): row(302, 403, 403, 403, 403, 200, 200, 200),
    ("documents.region_workbook", "GET"): row(302, 403, 403, 403, 403, 200, 200, 200),
    # POST queues the export as a background job and leads to the job's page
    ("documents.region_report", "POST"): row(302, 403, 403, 403, 403, 303, 303, 303),
    ("documents.region_workbook", "POST"): row(302, 403, 403, 403, 403, 303, 303, 303),
    ("jobs.index", "GET"): row(302, 403, 403, 403, 403, 200, 200, 200),
    ("documents.start_report_batch", "POST"): row(302, 403, 403, 403, 403, 303, 303, 303),
    # a batch started by 东区's officer: theirs and the admin's to download
    ("jobs.download", "GET"): row(302, 403, 403, 403, 403, 200, 404, 200),
    ("jobs.show", "GET"): row(302, 403, 403, 403, 403, 200, 404, 200),
    ("inspector.queue", "GET"): row(302, 403, 403, 200, 200, 403, 403, 403),
    # Review pages of school A's assessment (a draft: nothing can be reviewed yet → 409).
    ("inspector.assessment", "GET"): row(302, 403, 403, 302, 404, 302, 404, 302),
    ("inspector.overview", "GET"): row(302, 403, 403, 200, 404, 200, 404, 200),
    ("inspector.section", "GET"): row(302, 403, 403, 200, 404, 200, 404, 200),
    ("inspector.review_item", "POST"): row(302, 403, 403, 409, 404, 403, 403, 403),
    ("inspector.confirm_page", "POST"): row(302, 403, 403, 409, 404, 403, 403, 403),
    ("inspector.return_assessment", "POST"): row(302, 403, 403, 409, 404, 403, 403, 403),
    ("inspector.finalise", "POST"): row(302, 403, 403, 409, 404, 403, 403, 403),
    ("inspector.confirm_rest", "POST"): row(302, 403, 403, 409, 404, 403, 403, 403),
    # the addresses actions post to, opened (reload, bookmark): back to the page, never 405
    ("inspector.back_to_item", "GET"): row(302, 403, 403, 302, 404, 302, 404, 302),
    ("inspector.back_to_section", "GET"): row(302, 403, 403, 302, 404, 302, 404, 302),
    ("inspector.back_to_overview", "GET"): row(302, 403, 403, 302, 404, 302, 404, 302),
    ("bureau.dashboard", "GET"): row(302, 403, 403, 403, 403, 200, 200, 200),
    # Notices (通知): each account's own. The world's first notice is inspector B's (school B
    # submitted), so only that account opens it; 催办 for school A: its district and the admin
    # (the admin's comes second the same day: refused with a message, nothing changes).
    ("notify.index", "GET"): row(302, 200, 200, 200, 200, 200, 200, 200),
    ("notify.open_notice", "POST"): row(302, 404, 404, 404, 303, 404, 404, 404),
    ("notify.read_all", "POST"): row(302, 303, 303, 303, 303, 303, 303, 303),
    ("notify.email", "POST"): row(302, 303, 303, 303, 303, 303, 303, 303),
    ("notify.urge", "POST"): row(302, 403, 403, 403, 403, 303, 404, 303),
    # 整改 → 复查 (school A's assessment is a draft: no tasks yet, a POST is refused with 409)
    ("rectification.school_index", "GET"): row(302, 200, 200, 403, 403, 403, 403, 403),
    ("rectification.school_report", "GET"): row(302, 200, 404, 403, 403, 403, 403, 403),
    ("rectification.school_report", "POST"): row(302, 409, 404, 403, 403, 403, 403, 403),
    ("rectification.inspector_index", "GET"): row(302, 403, 403, 200, 200, 403, 403, 403),
    ("rectification.reinspection", "GET"): row(302, 403, 403, 200, 404, 200, 404, 200),
    ("rectification.reinspect", "POST"): row(302, 403, 403, 409, 404, 403, 403, 403),
    ("rectification.set_deadline", "POST"): row(302, 403, 403, 409, 404, 403, 403, 403),
    ("rectification.ledger_page", "GET"): row(302, 403, 403, 403, 403, 200, 200, 200),
    ("rectification.ledger_export", "GET"): row(302, 403, 403, 403, 403, 200, 200, 200),
    # The JSON API takes bearer tokens only: a logged-in browser's cookie opens nothing there
    # (tests/webapp/api/test_api_access.py walks it with tokens).
    ("api-docs.openapi_json", "GET"): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("api.Me", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.Cycles", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.CycleOne", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.Schools", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.SchoolOne", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.Assessments", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.AssessmentOne", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.Answers", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.Answers", "PUT"): row(401, 401, 401, 401, 401, 401, 401, 401),
    ("api.RectificationTasks", "GET"): row(401, 401, 401, 401, 401, 401, 401, 401),
}

# The bureau's pages (admin and district officers) are tabled in their own module.
try:
    from tests.webapp.access_admin import EXPECTED_ADMIN, admin_request
except ImportError:  # pragma: no cover - until the admin pages exist
    EXPECTED_ADMIN, admin_request = {}, None
EXPECTED.update(EXPECTED_ADMIN)

# Tables that change on every login or request by design; everything else must not move when
# a request is refused.
VOLATILE = {"login_attempt", "auth_session", "audit_event", "alembic_version", "api_token"}


def all_routes(app: Flask) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_route_is_in_the_table(app: Flask) -> None:
    missing = all_routes(app) - set(EXPECTED)
    assert not missing, f"add these routes to EXPECTED: {sorted(missing)}"
    stale = set(EXPECTED) - all_routes(app)
    assert not stale, f"these routes no longer exist: {sorted(stale)}"


def db_digest(app: Flask) -> str:
    from webapp.extensions import db

    digest = hashlib.sha256()
    with app.app_context(), db.engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            if table in VOLATILE:
                continue
            rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')).fetchall()
            digest.update(json.dumps([table, [list(map(str, r)) for r in rows]]).encode())
    return digest.hexdigest()


@pytest.fixture
def evidence_id(app: Flask, world: Any) -> int:
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.school import operations as school_ops

    with app.test_request_context():
        assessment = db.session.get(Assessment, world["assessment_a"])
        user = db.session.get(User, world["school_a"])
        pdf = io.BytesIO(pdfs.plain())
        school_ops.save_section(
            assessment.id, user, assessment.version, [], [school_ops.Upload("A1.1", "作息时间表.pdf", pdf)]
        )
        evidence = assessment.evidence[-1] if assessment.evidence else None
        db.session.expire_all()
        evidence = db.session.get(Assessment, world["assessment_a"]).evidence[-1]
        return evidence.id


@pytest.fixture
def rubric_draft(app: Flask, world: Any) -> int:
    """A draft of the seed plan in the draft editor, started by the admin (the first row)."""
    from tests.webapp.access_admin import PLAN
    from webapp.extensions import db
    from webapp.models import User
    from webapp.rubrics import draft_operations as rubrics

    with app.test_request_context():
        return rubrics.start_draft(PLAN, db.session.get(User, world["admin"])).id


@pytest.fixture
def job_id(app: Flask, world: Any) -> int:
    """A finished batch of reports, started by 东区's district officer."""
    from webapp.accounts.access import visible_school_ids
    from webapp.documents import exports as documents
    from webapp.extensions import db
    from webapp.models import User

    with app.test_request_context():
        officer = db.session.get(User, world["district_east"])
        return documents.start_report_batch(officer, world["cycle"], visible_school_ids(officer)).id


def request_for(
    endpoint: str, method: str, world: Any, evidence_id: int, version: int, job_id: int = 0
) -> tuple[str, dict[str, Any]]:
    a = world["assessment_a"]
    urls = {
        "accounts.index": "/",
        "accounts.health": "/healthz",
        "accounts.login": "/login",
        "accounts.logout": "/logout",
        "accounts.password": "/password",
        "school.home": "/school/",
        "school.assessment": f"/school/assessments/{a}/",
        "school.section": f"/school/assessments/{a}/A",
        "school.submit": f"/school/assessments/{a}/submit",
        "evidence.evidence": f"/evidence/{evidence_id}",
        "documents.assessment_report": f"/reports/assessments/{a}.pdf",
        "documents.region_report": "/reports/region.pdf",
        "documents.region_workbook": "/reports/region.xlsx",
        "jobs.index": "/jobs/",
        "documents.start_report_batch": "/jobs/report-batch",
        "jobs.download": f"/jobs/{job_id}/download",
        "jobs.show": f"/jobs/{job_id}",
        "inspector.queue": "/inspector/",
        "inspector.assessment": f"/inspector/assessments/{a}/",
        "inspector.overview": f"/inspector/assessments/{a}/overview",
        "inspector.section": f"/inspector/assessments/{a}/B",
        "inspector.review_item": f"/inspector/assessments/{a}/items/B1.1",
        "inspector.confirm_page": f"/inspector/assessments/{a}/confirm/B",
        "inspector.return_assessment": f"/inspector/assessments/{a}/return",
        "inspector.finalise": f"/inspector/assessments/{a}/finalise",
        "inspector.confirm_rest": f"/inspector/assessments/{a}/confirm-rest",
        "inspector.back_to_item": f"/inspector/assessments/{a}/items/B1.1",
        "inspector.back_to_section": f"/inspector/assessments/{a}/confirm/B",
        "inspector.back_to_overview": f"/inspector/assessments/{a}/finalise",
        "bureau.dashboard": "/admin/",
        "notify.index": "/notices/",
        "notify.open_notice": "/notices/1/open",
        "notify.read_all": "/notices/read-all",
        "notify.email": "/notices/email",
        "notify.urge": f"/notices/urge/{world['school_a_id']}",
        "rectification.school_index": "/school/rectification/",
        "rectification.school_report": f"/school/assessments/{a}/rectification",
        "rectification.inspector_index": "/inspector/rectification/",
        "rectification.reinspection": f"/inspector/assessments/{a}/rectification",
        "rectification.reinspect": f"/inspector/assessments/{a}/rectification",
        "rectification.set_deadline": f"/inspector/assessments/{a}/rectification/deadline",
        "rectification.ledger_page": "/admin/rectification/",
        "rectification.ledger_export": "/admin/rectification/ledger.xlsx",
        "api-docs.openapi_json": "/api/v1/openapi.json",
        "api.Me": "/api/v1/me",
        "api.Cycles": "/api/v1/cycles",
        "api.CycleOne": "/api/v1/cycles/1",
        "api.Schools": "/api/v1/schools",
        "api.SchoolOne": f"/api/v1/schools/{world['school_a_id']}",
        "api.Assessments": "/api/v1/assessments",
        "api.AssessmentOne": f"/api/v1/assessments/{a}",
        "api.Answers": f"/api/v1/assessments/{a}/answers",
        "api.RectificationTasks": f"/api/v1/assessments/{a}/rectification",
    }
    if endpoint not in urls and admin_request is not None:
        return admin_request(endpoint, method, world, evidence_id, version)
    data: dict[str, Any] = {}
    if method == "POST":
        data = {
            "accounts.login": {"username": "nobody", "password": "wrong-password"},
            "accounts.password": {"current": "", "new": "", "confirm": ""},
            "school.section": {"version": str(version), "fields": "pe_minutes_daily", "pe_minutes_daily": "50"},
            "school.submit": {"version": str(version)},
            "inspector.review_item": {"version": str(version), "action": "confirm"},
            "inspector.confirm_page": {"version": str(version)},
            "inspector.return_assessment": {"version": str(version), "note": "请修改"},
            "inspector.finalise": {"version": str(version)},
            "notify.email": {"email": "office@school.example.cn"},
            "inspector.confirm_rest": {"version": str(version)},
            "rectification.school_report": {"action": "save"},
            "rectification.reinspect": {"task": "1", "version": "1", "verdict": "pass"},
            "rectification.set_deadline": {"task": "1", "version": "1", "deadline": "2099-12-31"},
        }.get(endpoint, {})
    return urls[endpoint], data


@pytest.mark.parametrize(("endpoint", "method"), sorted(EXPECTED))
def test_access(
    app: Flask, world: Any, evidence_id: int, request: pytest.FixtureRequest, endpoint: str, method: str
) -> None:
    job_id = request.getfixturevalue("job_id") if endpoint in ("jobs.download", "jobs.show") else 0
    if endpoint.startswith("drafts."):
        request.getfixturevalue("rubric_draft")  # the draft editor's routes need a draft
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        version = db.session.get(Assessment, world["assessment_a"]).version
    for actor, username in ACTORS.items():
        client = app.test_client()
        if username:
            assert login(client, username, PASSWORD).status_code == 302
        url, data = request_for(endpoint, method, world, evidence_id, version, job_id)
        before = db_digest(app)
        response = client.open(url, method=method, data=data)
        response.close()
        expected = EXPECTED[(endpoint, method)][actor]
        assert response.status_code == expected, (endpoint, method, actor, response.status_code)
        if response.status_code >= 400 or method == "GET":
            assert db_digest(app) == before, f"{endpoint} {method} as {actor} changed the database"
        if response.status_code == 302 and username is None and endpoint not in ("accounts.logout",):
            assert "/login" in response.headers["Location"] or endpoint == "accounts.login"
        if endpoint == "school.section" and method == "POST" and expected == 303:
            with app.app_context():
                version = db.session.get(Assessment, world["assessment_a"]).version
