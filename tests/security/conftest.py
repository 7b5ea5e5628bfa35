"""Fixtures of the security and reliability suite: the web test world (tests/webapp/conftest.py)
plus a third school, a CSRF-enabled app, a live server and a headless chromium, and the tally
of figures that benchmarks/reliability.py prints.

The world here: school A (东区第一小学, a draft) and school B (西区第二中学, submitted) as in the
web suite, plus school C (东区第三小学, a draft, account ``school_c``) in A's district but not
assigned to A's inspector — so a district officer, an inspector and a school each see a
different set of schools, and a list that leaks is caught.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from tests.webapp import conftest as web
from tests.webapp.conftest import BACKEND, PASSWORD, SAMPLE_RUBRIC, World, csrf_token, login, make_app, version_of

# The web suite's fixtures, reused by name: a migrated test world copied fresh for every test
# (on PostgreSQL when SELFCHECK_TEST_POSTGRES_URL is set).
template = web.template
world = web.world
instance = web.instance
_close_databases = web._close_databases
__all__ = ["BACKEND", "SAMPLE_RUBRIC", "version_of"]

CHROMIUM = "/usr/bin/chromium"

# Figures for benchmarks/reliability.py: tests add to them; written out at the end of the run
# when SELFCHECK_RELIABILITY_OUT names a file.
FIGURES: Counter[str] = Counter()


def tally(name: str, amount: int = 1) -> None:
    FIGURES[name] += amount


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    out = os.environ.get("SELFCHECK_RELIABILITY_OUT")
    if out:
        Path(out).write_text(json.dumps(dict(FIGURES), ensure_ascii=False, indent=1), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The world, with school C


def add_school_c(app: Flask, world: World) -> World:
    """School C in 东区 with a draft in the cycle and its own account; returns the world's ids
    with ``school_c_id``, ``school_c`` and ``assessment_c`` added."""
    from webapp.accounts import operations as accounts
    from webapp.bureau import operations as bureau
    from webapp.database import write_transaction
    from webapp.extensions import db
    from webapp.models import Assessment, Role, School, User

    ids = dict(world.ids)
    with app.test_request_context():
        with write_transaction():
            school = School(
                code="C001",
                name="东区第三小学",
                district_id=ids["district_east_id"],
                stages="primary",
                public=False,
                boarding=True,
                has_canteen=True,
            )
            db.session.add(school)
        ids["school_c_id"] = school.id
        admin = db.session.get(User, ids["admin"])
        bureau.update_cycle(ids["cycle"], admin, "2024年度测试评估", None, [school.id])
        ids["school_c"] = accounts.create_user(
            "school_c", Role.SCHOOL, password=PASSWORD, school_code="C001", must_change_password=False
        ).user_id
        ids["assessment_c"] = db.session.execute(
            db.select(Assessment.id).where(Assessment.school_id == school.id)
        ).scalar_one()
    return World(ids)


@pytest.fixture
def app(instance: Path) -> Flask:
    return make_app(instance, LOGIN_MAX_FAILURES_PER_IP=1000)


@pytest.fixture
def world3(app: Flask, world: World) -> World:
    return add_school_c(app, world)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def as_user(app: Flask):  # type: ignore[no-untyped-def]
    clients: dict[str, FlaskClient] = {}

    def make(username: str) -> FlaskClient:
        if username not in clients:
            c = app.test_client()
            response = login(c, username)
            assert response.status_code == 302, response.data.decode()[:500]
            clients[username] = c
        return clients[username]

    return make


@pytest.fixture
def csrf_app(instance: Path) -> Flask:
    return make_app(instance, WTF_CSRF_ENABLED=True, LOGIN_MAX_FAILURES_PER_IP=1000)


def csrf_login(client: FlaskClient, username: str) -> str:
    """Log in through the real form (with its token); returns the session's CSRF token."""
    token = csrf_token(client.get("/login").data.decode())
    response = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, response.data.decode()[:300]
    return csrf_token(client.get("/password").data.decode())


# --------------------------------------------------------------------------------------------
# Digests: a refused request must leave the database exactly as it was


def table_rows(app: Flask, skip: frozenset[str] = frozenset({"alembic_version"})) -> dict[str, list[list[str]]]:
    from sqlalchemy import inspect, text

    from webapp.extensions import db

    rows: dict[str, list[list[str]]] = {}
    with app.app_context(), db.engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            if table in skip:
                continue
            result = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')).fetchall()
            rows[table] = [list(map(str, r)) for r in result]
    return rows


def files_under(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*") if p.is_file()} if path.exists() else set()


# --------------------------------------------------------------------------------------------
# A live server and chromium


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


def flashes(html: str) -> list[str]:
    return re.findall(r'class="flash[^>]*>([^<]*)', html)
