"""Sessions, login throttling, logging and headers (T25–T31, T40, T52, T53). The web suite
already checks: the same answer for an unknown user and a wrong password, throttling per
username, replay after logout, password change and deactivation by the operation, session
fixation, open redirects, and the production cookie flags; this adds what it leaves out."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests import pdfs
from tests.security.conftest import PASSWORD, csrf_login, login, make_app, tally
from tests.webapp.test_access_matrix import EXPECTED, request_for

# --------------------------------------------------------------------------------------------
# Replay of a captured cookie


def cookie_of(client: FlaskClient, app: Flask) -> str:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    return cookie.value


def replayed(app: Flask, value: str, url: str = "/school/") -> int:
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], value)
    return thief.get(url).status_code


@pytest.mark.parametrize("how", ["admin deactivates", "admin resets the password", "idle too long", "too old"])
def test_a_captured_cookie_stops_working(app: Flask, as_user: Any, world: Any, how: str) -> None:
    from webapp.extensions import db
    from webapp.models import AuthSession

    victim = app.test_client()
    login(victim, "school_a")
    value = cookie_of(victim, app)
    assert replayed(app, value) == 200
    admin = as_user("admin")
    if how == "admin deactivates":
        assert admin.post(f"/admin/users/{world['school_a']}/active", data={"active": "0"}).status_code == 303
    elif how == "admin resets the password":
        assert admin.post(f"/admin/users/{world['school_a']}/password").status_code == 200
    else:
        with app.app_context():
            row = db.session.execute(
                db.select(AuthSession).where(AuthSession.user_id == world["school_a"])
            ).scalar_one()
            if how == "idle too long":
                row.last_seen_at = row.last_seen_at - dt.timedelta(seconds=app.config["SESSION_IDLE_SECONDS"] + 60)
            else:
                row.created_at = row.created_at - dt.timedelta(seconds=app.config["SESSION_ABSOLUTE_SECONDS"] + 60)
                row.last_seen_at = row.last_seen_at  # recently active: only the absolute limit applies
            db.session.commit()
    assert replayed(app, value) == 302
    assert victim.get("/school/").status_code == 302
    tally("session_replays_refused")


def test_a_forged_or_tampered_cookie_is_anonymous(app: Flask, client: FlaskClient) -> None:
    login(client, "school_a")
    value = cookie_of(client, app)
    # change the signature's second-to-last character (the last one carries padding bits too)
    tampered = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    assert tampered != value
    assert replayed(app, tampered) == 302
    assert replayed(app, "eyJfdXNlcl9pZCI6IjEifQ.forged.signature") == 302


# --------------------------------------------------------------------------------------------
# Throttling: per username, per address; logged on one line


def test_spraying_many_usernames_from_one_address_is_throttled(instance: Any, world: Any) -> None:
    app = make_app(instance, LOGIN_MAX_FAILURES_PER_IP=8)
    attacker = app.test_client()
    for n in range(8):
        assert attacker.post("/login", data={"username": f"user{n}", "password": "x" * 10}).status_code == 200
    blocked = attacker.post("/login", data={"username": "school_a", "password": PASSWORD})
    assert blocked.status_code == 429
    # a forged X-Forwarded-For does not open a new bucket when no proxy is configured
    spoofed = attacker.post(
        "/login", data={"username": "school_b", "password": PASSWORD}, headers={"X-Forwarded-For": "10.9.8.7"}
    )
    assert spoofed.status_code == 429
    # a school behind another address logs in
    elsewhere = app.test_client()
    response = elsewhere.post(
        "/login", data={"username": "school_b", "password": PASSWORD}, environ_base={"REMOTE_ADDR": "192.0.2.7"}
    )
    assert response.status_code == 302


def test_a_throttled_username_stays_throttled_from_another_address(app: Flask, world: Any) -> None:
    for n in range(5):
        app.test_client().post(
            "/login", data={"username": "school_a", "password": "wrong"}, environ_base={"REMOTE_ADDR": f"192.0.2.{n}"}
        )
    response = app.test_client().post(
        "/login", data={"username": "school_a", "password": PASSWORD}, environ_base={"REMOTE_ADDR": "198.51.100.1"}
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    "username",
    ["evil\r\nWARNING login ok user=admin", "a\nb", "\x1b[31mred\x1b[0m", 'x" ip=1.2.3.4 {"fake": 1}', "u\u2028v"],
)
def test_a_username_with_line_breaks_logs_as_one_line(
    app: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture, username: str
) -> None:
    with caplog.at_level(logging.WARNING, logger="selfcheck.security"):
        client.post("/login", data={"username": username, "password": "wrong-password"})
    records = [r for r in caplog.records if r.name == "selfcheck.security"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "login_failed" in message
    assert not any(ch in message for ch in "\r\n\x1b\u2028\u2029\x85")
    assert PASSWORD not in message and "wrong-password" not in message


def test_refused_access_is_logged(app: Flask, as_user: Any, world: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="selfcheck.security"):
        assert as_user("school_b").get(f"/school/assessments/{world['assessment_a']}/A").status_code == 404
        assert as_user("school_b").get("/admin/").status_code == 403
    messages = [r.getMessage() for r in caplog.records if r.name == "selfcheck.security"]
    assert any("authz_denied user=school_b" in m and f"assessment={world['assessment_a']}" in m for m in messages)
    assert any("authz_denied user=school_b" in m and "bureau.dashboard" in m for m in messages)


def test_passwords_and_cookies_never_reach_the_log(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        login(client, "school_a")
        client.post("/login", data={"username": "school_b", "password": "not-" + PASSWORD})
        client.get("/school/")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert PASSWORD not in text and cookie_of(client, app) not in text


# --------------------------------------------------------------------------------------------
# Cookies and headers


def test_production_cookies(instance: Any, world: Any) -> None:
    app = make_app(instance, ENV="production", SECRET_KEY="k" * 40)
    client = app.test_client()
    response = client.post("/login", data={"username": "school_a", "password": PASSWORD}, base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    name = cookie.split("=", 1)[0]
    assert name.startswith("__Host-")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite", "path"} <= attributes and "domain" not in attributes
    assert "SameSite=Lax" in cookie and "Path=/" in cookie
    assert app.config["REMEMBER_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_HTTPONLY"]
    assert app.debug is False


def test_development_cookies_are_http_only(app: Flask, client: FlaskClient) -> None:
    cookie = login(client, "school_a").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def check_headers(response: Any, where: str, production: bool = False) -> None:
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    assert policy, where
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, where
    if "sandbox" not in policy:
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"):
            assert directive in policy, (where, directive)
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy"), where
    assert headers.get("X-Frame-Options") == "DENY" or "frame-ancestors 'none'" in policy, where
    assert headers.get("X-Request-Id"), where
    if not where.startswith("/static/"):
        assert "no-store" in headers.get("Cache-Control", ""), where
    if production:
        assert headers.get("Strict-Transport-Security", "").startswith("max-age=31536000"), where


SENDER = {"school": "school_a", "inspector": "inspector_a", "admin": "admin", "jobs": "admin", "files": "admin"}


@pytest.mark.parametrize(("endpoint", "method"), sorted(EXPECTED))
def test_every_route_answers_with_the_security_headers(app: Flask, world: Any, endpoint: str, method: str) -> None:
    """Each route as its user and as nobody — pages, downloads, redirects, refusals."""
    from webapp.documents import exports as documents
    from webapp.extensions import db
    from webapp.models import Assessment, User

    job_id = 0
    with app.test_request_context():
        version = db.session.get(Assessment, world["assessment_a"]).version
        if endpoint == "jobs.download":
            job_id = documents.start_report_batch(db.session.get(User, world["admin"]), world["cycle"], None).id
    for username in (None, SENDER.get(endpoint.split(".")[0], "school_a")):
        client = app.test_client()
        if username:
            login(client, username)
        url, data = request_for(endpoint, method, world, 0, version, job_id)
        response = client.open(url, method=method, data=data)
        response.close()
        check_headers(response, f"{method} {url} as {username}")
        tally("header_responses")


def test_error_pages_downloads_and_static_files_carry_the_headers(app: Flask, as_user: Any, world: Any) -> None:
    import io

    client = as_user("school_a")
    url = f"/school/assessments/{world['assessment_a']}/B"
    page = client.get(url).data.decode()
    from tests.webapp.conftest import version_of

    client.post(
        url,
        data={"version": version_of(page), "evidence-B1.1": (io.BytesIO(pdfs.plain()), "名单.pdf")},
        content_type="multipart/form-data",
    )
    from webapp.extensions import db
    from webapp.models import Evidence

    with app.app_context():
        evidence_id = db.session.execute(db.select(Evidence.id)).scalars().first()
    app.config["MAX_CONTENT_LENGTH"] = 1000
    responses = {
        "404": client.get("/no/such/page"),
        "404 object": client.get("/school/assessments/99999/A"),
        "405": client.put("/login"),
        "413": client.post(url, data={"x": "y" * 5000}),
        "evidence": client.get(f"/evidence/{evidence_id}"),
        "evidence inline": client.get(f"/evidence/{evidence_id}?inline=1"),
        "report": client.get(f"/reports/assessments/{world['assessment_a']}.pdf"),
        "healthz": client.get("/healthz"),
        "/static/app.css": client.get("/static/app.css"),
        "/static/../app.py": client.get("/static/../app.py"),
        "/static/%2e%2e/app.py": client.get("/static/%2e%2e/app.py"),
    }
    for where, response in responses.items():
        response.close()
        check_headers(response, where if where == "/static/app.css" else "page " + where)
        tally("header_responses")
    assert responses["405"].status_code == 405 and responses["413"].status_code == 413
    assert responses["/static/../app.py"].status_code == 404 and responses["/static/%2e%2e/app.py"].status_code == 404
    assert "sandbox" in responses["evidence inline"].headers["Content-Security-Policy"]
    for name in ("evidence", "report"):
        assert responses[name].headers["Content-Disposition"].startswith("attachment;")


def test_a_server_error_shows_a_request_number_and_no_traceback(app: Flask, as_user: Any, monkeypatch: Any) -> None:
    from webapp.school import operations

    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("secret internal detail /srv/selfcheck/webapp/operations.py")

    monkeypatch.setattr(operations, "submission_problems", explode)
    response = as_user("school_a").get("/school/")
    assert response.status_code == 500
    body = response.data.decode()
    assert "Traceback" not in body and "secret internal detail" not in body and "operations.py" not in body
    assert response.headers["X-Request-Id"] in body
    check_headers(response, "/500")


def test_the_csrf_error_page_carries_the_headers(csrf_app: Flask, world: Any) -> None:
    client = csrf_app.test_client()
    csrf_login(client, "school_a")
    response = client.post("/logout")
    assert response.status_code == 400
    check_headers(response, "/400 csrf")


def test_production_sends_hsts_everywhere(instance: Any, world: Any) -> None:
    app = make_app(instance, ENV="production", SECRET_KEY="k" * 40)
    client = app.test_client()
    for url in ("/login", "/healthz", "/nowhere", "/static/app.css"):
        response = client.get(url, base_url="https://localhost")
        response.close()
        check_headers(response, url, production=True)
