"""Accounts and sessions: passwords, throttling, logout that really ends the session, CSRF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.webapp.conftest import PASSWORD, csrf_token, login, make_app


def cookie_of(client: FlaskClient, app: Flask) -> str:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    return cookie.value


def replay(app: Flask, value: str) -> FlaskClient:
    other = app.test_client()
    other.set_cookie(app.config["SESSION_COOKIE_NAME"], value)
    return other


def test_unknown_user_and_wrong_password_get_the_same_answer(client: FlaskClient) -> None:
    unknown = client.post("/login", data={"username": "nobody", "password": "x" * 10}).data.decode()
    wrong = client.post("/login", data={"username": "school_a", "password": "x" * 10}).data.decode()
    assert "用户名或密码错误" in unknown and "用户名或密码错误" in wrong


def test_login_is_throttled_after_repeated_failures(app: Flask, client: FlaskClient) -> None:
    for _ in range(5):
        assert client.post("/login", data={"username": "school_a", "password": "wrong-one"}).status_code == 200
    blocked = client.post("/login", data={"username": "school_a", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "登录失败次数过多" in blocked.data.decode()
    # another account from the same place is not locked out by these five
    assert login(app.test_client(), "school_b").status_code == 302


def test_a_cookie_is_useless_after_logout(app: Flask, client: FlaskClient) -> None:
    login(client, "school_a")
    value = cookie_of(client, app)
    assert replay(app, value).get("/school/").status_code == 200
    client.post("/logout")
    stolen = replay(app, value).get("/school/")
    assert stolen.status_code == 302 and "/login" in stolen.headers["Location"]


def test_deactivation_ends_every_session_at_once(app: Flask, client: FlaskClient) -> None:
    from webapp.accounts import operations as accounts

    login(client, "school_a")
    assert client.get("/school/").status_code == 200
    with app.app_context():
        accounts.set_active("school_a", False)
    assert client.get("/school/").status_code == 302
    again = client.post("/login", data={"username": "school_a", "password": PASSWORD})
    assert "已停用" in again.data.decode()


def test_changing_the_password_ends_the_other_sessions(app: Flask) -> None:
    here, there = app.test_client(), app.test_client()
    login(here, "school_a")
    login(there, "school_a")
    new = "新的密码-Xyz98765"
    response = here.post("/password", data={"current": PASSWORD, "new": new, "confirm": new})
    assert response.status_code == 302
    assert here.get("/school/").status_code == 200
    assert there.get("/school/").status_code == 302
    assert login(app.test_client(), "school_a", new).status_code == 302


@pytest.mark.parametrize(
    ("new", "words"),
    [
        ("short1", "至少需要10个字符"),
        ("1234567890", "太常见"),
        ("school_a2024", "不能包含用户名"),
        ("abababababab", "过于简单"),
    ],
)
def test_weak_new_passwords_are_refused(as_user, new: str, words: str) -> None:
    response = as_user("school_a").post("/password", data={"current": PASSWORD, "new": new, "confirm": new})
    assert words in response.data.decode()


def test_a_new_account_must_change_its_password_first(app: Flask) -> None:
    from webapp.accounts import operations as accounts
    from webapp.models import Role

    with app.app_context():
        account = accounts.create_user("new_school", Role.SCHOOL, school_code="A001")
    client = app.test_client()
    assert login(client, "new_school", account.password).status_code == 302
    forced = client.get("/school/")
    assert forced.status_code == 302 and forced.headers["Location"].endswith("/password")
    assert "首次登录" in client.get("/password").data.decode()


def test_passwords_are_stored_as_scrypt_hashes(app: Flask) -> None:
    from webapp.extensions import db
    from webapp.models import User

    with app.app_context():
        user = db.session.execute(db.select(User).where(User.username == "school_a")).scalar_one()
        assert user.password_hash.startswith("scrypt:")
        assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]
)
def test_login_never_redirects_off_site(client: FlaskClient, target: str) -> None:
    response = client.post(f"/login?next={target}", data={"username": "school_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_starts_a_new_session(app: Flask, client: FlaskClient) -> None:
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    before = cookie_of(client, app)
    login(client, "school_a")
    assert cookie_of(client, app) != before
    with client.session_transaction() as session:
        assert "planted" not in session


@pytest.fixture
def csrf_app(instance: Path) -> Flask:
    return make_app(instance, WTF_CSRF_ENABLED=True)


def test_forms_without_a_valid_csrf_token_are_refused(csrf_app: Flask, world: Any) -> None:
    client = csrf_app.test_client()
    refused = client.post("/login", data={"username": "school_a", "password": PASSWORD})
    assert refused.status_code == 400 and "页面已过期" in refused.data.decode()
    token = csrf_token(client.get("/login").data.decode())
    assert (
        client.post("/login", data={"username": "school_a", "password": PASSWORD, "csrf_token": token}).status_code
        == 302
    )
    url = f"/school/assessments/{world['assessment_a']}/B"
    page = client.get(url).data.decode()
    assert client.post(url, data={"fields": "eligible_teachers", "eligible_teachers": "1"}).status_code == 400
    other = csrf_app.test_client()
    other_token = csrf_token(other.get("/login").data.decode())
    assert client.post(url, data={"csrf_token": other_token, "fields": "eligible_teachers"}).status_code == 400
    assert client.post("/logout").status_code == 400
    assert 'name="csrf_token"' in page


def test_security_headers(as_user) -> None:
    response = as_user("school_a").get("/school/")
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


def test_production_demands_a_strong_key_and_secure_cookies(instance: Path) -> None:
    from webapp.settings import ConfigurationError

    with pytest.raises(ConfigurationError, match="SELFCHECK_SECRET_KEY"):
        make_app(instance, ENV="production", SECRET_KEY="dev")
    app = make_app(instance, ENV="production", SECRET_KEY="k" * 40)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    client = app.test_client()
    response = client.post("/login", data={"username": "school_a", "password": PASSWORD}, base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Strict-Transport-Security" in response.headers
