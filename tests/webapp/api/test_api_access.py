"""Every API route × every kind of account, through tokens: the API answers exactly what the
web answers (the same objects visible, the same roles allowed). A route missing from the table
fails the test; a refused request leaves the database as it was.

Objects in URLs are school A's (东区第一小学), as in tests/webapp/test_access_matrix.py:
200 read or written, 401 no token, 403 wrong role, 404 not yours or not there."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.webapp.api.conftest import bearer
from tests.webapp.test_access_matrix import ACTORS, all_routes, db_digest, row

EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    ("api-docs.openapi_json", "GET"): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("api.Me", "GET"): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("api.Cycles", "GET"): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("api.CycleOne", "GET"): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("api.Schools", "GET"): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("api.SchoolOne", "GET"): row(401, 200, 404, 200, 404, 200, 404, 200),
    ("api.Assessments", "GET"): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("api.AssessmentOne", "GET"): row(401, 200, 404, 200, 404, 200, 404, 200),
    ("api.Answers", "GET"): row(401, 200, 404, 200, 404, 200, 404, 200),
    ("api.Answers", "PUT"): row(401, 200, 404, 403, 404, 403, 404, 403),
    ("api.RectificationTasks", "GET"): row(401, 200, 404, 200, 404, 200, 404, 200),
}

# What the listing routes show each actor: the codes of the schools, as on the web.
LISTED = {
    "school_own": ["A001"],
    "school_other": ["B001"],
    "inspector_in": ["A001"],
    "inspector_out": ["B001"],
    "district_own": ["A001"],
    "district_other": ["B001"],
    "admin": ["A001", "B001"],
}


def api_routes(app: Flask) -> set[tuple[str, str]]:
    return {(e, m) for e, m in all_routes(app) if e.startswith(("api.", "api-docs."))}


def test_every_api_route_is_in_the_table(app: Flask) -> None:
    assert api_routes(app) == set(EXPECTED)


def _url(endpoint: str, world: Any) -> str:
    a = world["assessment_a"]
    return {
        "api-docs.openapi_json": "/api/v1/openapi.json",
        "api.Me": "/api/v1/me",
        "api.Cycles": "/api/v1/cycles",
        "api.CycleOne": f"/api/v1/cycles/{world['cycle']}",
        "api.Schools": "/api/v1/schools",
        "api.SchoolOne": f"/api/v1/schools/{world['school_a_id']}",
        "api.Assessments": "/api/v1/assessments",
        "api.AssessmentOne": f"/api/v1/assessments/{a}",
        "api.Answers": f"/api/v1/assessments/{a}/answers",
        "api.RectificationTasks": f"/api/v1/assessments/{a}/rectification",
    }[endpoint]


@pytest.mark.parametrize(("endpoint", "method"), sorted(EXPECTED))
def test_api_access(app: Flask, world: Any, tokens: dict[str, str], endpoint: str, method: str) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment

    for actor, username in ACTORS.items():
        with app.app_context():
            version = db.session.get(Assessment, world["assessment_a"]).version
        headers = bearer(tokens[username]) if username else {}
        kwargs: dict[str, Any] = {}
        if method == "PUT":
            headers["If-Match"] = f'"{version}"'
            kwargs["json"] = {"answers": {"pe_minutes_daily": 55}}
        before = db_digest(app)
        response = app.test_client().open(_url(endpoint, world), method=method, headers=headers, **kwargs)
        expected = EXPECTED[(endpoint, method)][actor]
        assert response.status_code == expected, (endpoint, method, actor, response.status_code, response.json)
        assert response.is_json
        if response.status_code >= 400 or method == "GET":
            assert db_digest(app) == before, f"{endpoint} {method} as {actor} changed the database"
        if endpoint in ("api.Schools", "api.Assessments") and username:
            items = response.json["items"]
            codes = [r["code"] if endpoint == "api.Schools" else r["school"]["code"] for r in items]
            assert codes == LISTED[actor], (endpoint, actor)


def test_the_web_routes_do_not_take_tokens(app: Flask, tokens: dict[str, str]) -> None:
    """A token opens the API only: the web pages still ask for a login."""
    response = app.test_client().get("/admin/", headers=bearer(tokens["admin"]))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
