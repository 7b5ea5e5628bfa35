"""CSRF (ASVS 3.5.1, T34): every state-changing route of the URL map, on an app with CSRF on,
refuses a request with no token, a wrong token, or a token of another session — 400, and the
database exactly as before. The same request with the right token gets through, so the refusal
is the token's doing."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests import pdfs
from tests.security.conftest import csrf_login, csrf_token, table_rows, tally
from tests.webapp.test_access_matrix import EXPECTED, request_for

# The JSON API (api.*) takes bearer tokens only and ignores the session cookie, so a forged
# cross-site request has nothing to ride on; test_the_api_ignores_the_session_cookie shows it.
STATE_CHANGING = sorted(
    key for key in EXPECTED if key[1] in ("POST", "PUT", "PATCH", "DELETE") and not key[0].startswith("api.")
)

# Who sends the request: someone the route is meant for (else it would stop at 403 before any
# token matters). None: not logged in.
SENDER = {
    "accounts": "admin",
    "school": "school_a",
    "evidence": "admin",
    "inspector": "inspector_b",
    "bureau": "admin",
    "audit": "admin",
    "rubrics": "admin",
    "drafts": "admin",  # the draft editor (webapp/rubrics/editor_views.py)
    "documents": "admin",
    "jobs": "admin",
    "tokens": "admin",
    "rectification": "school_a",  # the control request then stops at 409 (a draft) or 403, never 400
    "notify": "admin",
}
# Routes that only one account may use: the world's first notice is inspector_b's.
SENDER_OF_ENDPOINT = {"notify.open_notice": "inspector_b"}


def sender(endpoint: str) -> str | None:
    if endpoint == "accounts.login":
        return None
    return SENDER_OF_ENDPOINT.get(endpoint) or SENDER[endpoint.split(".")[0]]


def test_every_state_changing_route_is_covered(csrf_app: Flask) -> None:
    live = {
        (rule.endpoint, method)
        for rule in csrf_app.url_map.iter_rules()
        for method in rule.methods - {"GET", "HEAD", "OPTIONS"}
        if not rule.endpoint.startswith("api.")
    }
    assert live == set(STATE_CHANGING)


def test_the_api_ignores_the_session_cookie(csrf_app: Flask, world: Any) -> None:
    """A logged-in browser's cookie opens no API write: without a bearer token it is 401, with
    or without a CSRF token, and nothing changes."""
    client = csrf_app.test_client()
    token = csrf_login(client, "school_a")
    url = f"/api/v1/assessments/{world['assessment_a']}/answers"
    before = table_rows(csrf_app, skip=frozenset({"audit_event", "auth_session", "login_attempt"}))
    for headers in ({}, {"X-CSRFToken": token}):
        response = client.put(url, json={"pe_minutes_daily": 1}, headers={"If-Match": '"1"', **headers})
        assert response.status_code == 401, response.get_data(as_text=True)
    assert table_rows(csrf_app, skip=frozenset({"audit_event", "auth_session", "login_attempt"})) == before


@pytest.fixture
def evidence_of_a(app: Flask, world: Any) -> int:
    import io

    from webapp.extensions import db
    from webapp.models import Assessment, Evidence, User
    from webapp.school import operations as school_ops

    with app.test_request_context():
        a = db.session.get(Assessment, world["assessment_a"])
        pdf = io.BytesIO(pdfs.plain())
        school_ops.save_section(
            a.id, db.session.get(User, world["school_a"]), a.version, [], [school_ops.Upload("A1.1", "表.pdf", pdf)]
        )
        return db.session.execute(db.select(Evidence.id)).scalars().first()


@pytest.mark.parametrize(("endpoint", "method"), STATE_CHANGING)
def test_a_state_changing_request_without_the_right_token_is_refused(
    csrf_app: Flask, world: Any, evidence_of_a: int, endpoint: str, method: str
) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment

    with csrf_app.app_context():
        version = db.session.get(
            Assessment, world["assessment_b"] if endpoint.startswith("inspector") else world["assessment_a"]
        ).version
    victim, stranger = csrf_app.test_client(), csrf_app.test_client()
    username = sender(endpoint)
    if username:
        token = csrf_login(victim, username)
        foreign_token = csrf_login(stranger, "admin" if username != "admin" else "school_b")
    else:
        token = csrf_token(victim.get("/login").data.decode())
        foreign_token = csrf_token(stranger.get("/login").data.decode())

    def send(extra: dict[str, str]) -> Any:
        url, data = request_for(endpoint, method, _world_for(world, endpoint), evidence_of_a, version)
        response = victim.open(url, method=method, data={**data, **extra})
        response.close()
        return response

    for case, extra in (
        ("no token", {}),
        ("wrong token", {"csrf_token": "IjEyMyI.forged.token"}),
        ("another session's token", {"csrf_token": foreign_token}),
    ):
        before = table_rows(csrf_app)
        response = send(extra)
        tally("csrf_requests")
        assert response.status_code == 400, (endpoint, case, response.status_code)
        after = table_rows(csrf_app)
        changed = [t for t in before if before[t] != after[t]]
        assert not changed, f"{endpoint} with {case} changed {changed}"
        tally("csrf_refused")
    # The control: the same request with the session's own token is not refused for its token.
    assert send({"csrf_token": token}).status_code != 400, endpoint
    tally("csrf_routes")


def _world_for(world: Any, endpoint: str) -> Any:
    """The inspector's routes aim at school B's submitted assessment (inspector_b's), so that
    the control request reaches the operation rather than a 409 about the draft."""
    if not endpoint.startswith("inspector."):
        return world
    from tests.webapp.conftest import World

    return World({**world.ids, "assessment_a": world["assessment_b"]})


def test_get_requests_never_change_anything(app: Flask, as_user: Any, world: Any) -> None:
    """GET and HEAD are safe (ASVS 3.5.3): the access matrix checks GETs too; here a sample of
    pages with every query parameter they read, as the admin."""
    client = as_user("admin")
    before = table_rows(app, skip=frozenset({"alembic_version", "audit_event", "auth_session"}))
    for url in (
        "/admin/?cycle=1&state=late&district=1&page=1",
        "/admin/results?basis=self",
        "/admin/schools/?q=A&district=1",
        "/admin/users/?q=school&role=school&status=active",
        "/admin/audit/?action=login&sort=at&dir=asc&per_page=50",
        "/admin/drafts/004_d9e5581cac34f553.txt/rubric?rubric_id=x-1&version=1&title=t",
        f"/inspector/assessments/{world['assessment_b']}/overview",
    ):
        assert client.get(url).status_code < 400, url
        assert client.head(url).status_code < 400, url
    after = table_rows(app, skip=frozenset({"alembic_version", "audit_event", "auth_session"}))
    assert before == after
