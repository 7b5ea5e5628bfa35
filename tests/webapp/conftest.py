"""Web fixtures: a migrated database with a small world in it, copied fresh for every test.

The world: two districts; school A (a primary school in 东区) and school B (a junior school in
西区); a cycle under the sample rubric; accounts for school A, school B, an inspector assigned
to A, an inspector assigned to B only, the 东区 district officer, the 西区 one, and an admin.
School A's assessment is a draft with a few answers; B's is submitted. The admin has one API
token (tests/webapp/api makes their own, one per account).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import ROOT

SAMPLE_RUBRIC = ROOT / "tests" / "checklist" / "fixtures" / "sample_rubric.yaml"

# Set (by scripts/test-all) to run these tests against PostgreSQL instead of SQLite, e.g.
# postgresql+psycopg://postgres@127.0.0.1:5432/test — every test gets a fresh database, copied
# from a template that holds the test world, and dropped afterwards.
POSTGRES_URL = os.environ.get("SELFCHECK_TEST_POSTGRES_URL", "")
BACKEND = "postgresql" if POSTGRES_URL else "sqlite"
_DATABASES: dict[str, str] = {}  # instance folder → database URI for that test
PASSWORD = "测试密码-Abc12345"
USERS = ("school_a", "school_b", "inspector_a", "inspector_b", "district_east", "district_west", "admin")


@dataclass
class World:
    ids: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        return self.ids[key]


def _test_config(instance: Path, **extra: Any) -> dict[str, Any]:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-" + "x" * 32,
        "SQLALCHEMY_DATABASE_URI": _DATABASES.get(str(instance), f"sqlite:///{instance / 'selfcheck.db'}"),
        "EVIDENCE_DIR": str(instance / "evidence"),
        "WTF_CSRF_ENABLED": False,
        "LOGIN_MAX_FAILURES_PER_USER": 5,
        "LOGIN_MAX_FAILURES_PER_IP": 50,
        "JOBS_INLINE": True,  # background jobs run within the request, to their end
        "REPORT_WORKERS": 0,  # …rendering in the test's own process
    }
    config.update(extra)
    return config


_APPS: list[Flask] = []


def make_app(instance: Path, **extra: Any) -> Flask:
    """An app on a test instance; its database connections are closed after the test."""
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(instance)
    try:
        from webapp import create_app

        app = create_app(_test_config(instance, **extra))
    finally:
        del os.environ["SELFCHECK_INSTANCE_PATH"]
    _APPS.append(app)
    return app


def dispose(app: Flask) -> None:
    from webapp.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _close_databases() -> Iterator[None]:
    yield
    while _APPS:
        dispose(_APPS.pop())


def build_world(app: Flask) -> World:
    from flask_migrate import upgrade

    from webapp.accounts import operations as accounts
    from webapp.bureau import operations as bureau
    from webapp.database import write_transaction
    from webapp.extensions import db
    from webapp.models import Assessment, District, InspectorAssignment, Role, School, User
    from webapp.rubrics import operations as rubrics_ops
    from webapp.school import operations as school_ops

    world = World()
    with app.app_context():
        upgrade()
        with write_transaction():
            east, west = District(name="东区"), District(name="西区")
            db.session.add_all([east, west])
            db.session.flush()
            a = School(
                code="A001",
                name="东区第一小学",
                district_id=east.id,
                stages="primary",
                public=True,
                boarding=False,
                has_canteen=True,
            )
            b = School(
                code="B001",
                name="西区第二中学",
                district_id=west.id,
                stages="junior",
                public=True,
                boarding=False,
                has_canteen=True,
            )
            db.session.add_all([a, b])
            db.session.flush()
            world.ids.update(district_east_id=east.id, district_west_id=west.id, school_a_id=a.id, school_b_id=b.id)
        record = rubrics_ops.publish_rubric(SAMPLE_RUBRIC.read_text(encoding="utf-8"))
        cycle = bureau.open_cycle(
            "2024年度测试评估",
            2024,
            record.id,
            dt.date.today() + dt.timedelta(days=30),
            [world["school_a_id"], world["school_b_id"]],
        )
        world.ids["cycle"] = cycle.id
        made = {
            "school_a": accounts.create_user(
                "school_a", Role.SCHOOL, password=PASSWORD, school_code="A001", must_change_password=False
            ),
            "school_b": accounts.create_user(
                "school_b", Role.SCHOOL, password=PASSWORD, school_code="B001", must_change_password=False
            ),
            "inspector_a": accounts.create_user(
                "inspector_a", Role.INSPECTOR, password=PASSWORD, must_change_password=False
            ),
            "inspector_b": accounts.create_user(
                "inspector_b", Role.INSPECTOR, password=PASSWORD, must_change_password=False
            ),
            "district_east": accounts.create_user(
                "district_east", Role.DISTRICT, password=PASSWORD, district_name="东区", must_change_password=False
            ),
            "district_west": accounts.create_user(
                "district_west", Role.DISTRICT, password=PASSWORD, district_name="西区", must_change_password=False
            ),
            "admin": accounts.create_user("admin", Role.ADMIN, password=PASSWORD, must_change_password=False),
        }
        for name, account in made.items():
            world.ids[name] = account.user_id
        from webapp.api.tokens import create_token

        world.ids["api_token"] = create_token("admin", "测试").id
        with write_transaction():
            db.session.add(InspectorAssignment(user_id=made["inspector_a"].user_id, school_id=world["school_a_id"]))
            db.session.add(InspectorAssignment(user_id=made["inspector_b"].user_id, school_id=world["school_b_id"]))
        for key, school in (("assessment_a", "school_a_id"), ("assessment_b", "school_b_id")):
            world.ids[key] = db.session.execute(
                db.select(Assessment.id).where(Assessment.school_id == world[school])
            ).scalar_one()
        from tests.webapp.helpers import fill_completely

        user_b = db.session.get(User, world["school_b"])
        fill_completely(world["assessment_b"], user_b)
        fresh = db.session.get(Assessment, world["assessment_b"])
        school_ops.submit_assessment(fresh.id, user_b, fresh.version)
        user_a = db.session.get(User, world["school_a"])
        a_assessment = db.session.get(Assessment, world["assessment_a"])
        school_ops.save_section(
            a_assessment.id,
            user_a,
            a_assessment.version,
            [
                school_ops.FieldReading("pe_minutes_daily", "45", 45.0),
                school_ops.FieldReading("eligible_teachers", "40", 40),
                school_ops.FieldReading("exchange_teachers", "6", 6),
            ],
        )
        db.session.remove()
        db.engine.dispose()
    return world


def _admin_engine() -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def database_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def new_postgres_database(template_name: str | None = None) -> str:
    """CREATE DATABASE (from a template when given); returns its name."""
    from sqlalchemy import text

    name = f"selfcheck_test_{uuid.uuid4().hex[:12]}"
    engine = _admin_engine()
    with engine.connect() as connection:
        template = f" TEMPLATE {template_name}" if template_name else ""
        connection.execute(text(f"CREATE DATABASE {name}{template}"))
    engine.dispose()
    return name


def drop_postgres_database(name: str) -> None:
    from sqlalchemy import text

    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


def use_database(instance: Path, uri: str) -> None:
    _DATABASES[str(instance)] = uri


def database_uri_of(instance: Path) -> str:
    return _DATABASES.get(str(instance), f"sqlite:///{instance / 'selfcheck.db'}")


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, World, str]]:
    instance = tmp_path_factory.mktemp("template")
    database = ""
    if BACKEND == "postgresql":
        database = new_postgres_database()
        use_database(instance, database_url(database))
    app = make_app(instance)
    world = build_world(app)
    yield instance, world, database
    if database:
        drop_postgres_database(database)


@pytest.fixture
def world(template: tuple[Path, World, str]) -> World:
    return template[1]


@pytest.fixture
def instance(template: tuple[Path, World, str], tmp_path: Path) -> Iterator[Path]:
    source, _, template_database = template
    target = tmp_path / "instance"
    target.mkdir()
    if (source / "secret_key").exists():
        shutil.copy(source / "secret_key", target / "secret_key")
    if BACKEND == "postgresql":
        database = new_postgres_database(template_database)
        use_database(target, database_url(database))
        yield target
        while _APPS:
            dispose(_APPS.pop())
        drop_postgres_database(database)
        return
    shutil.copy(source / "selfcheck.db", target / "selfcheck.db")
    yield target


@pytest.fixture
def app(instance: Path) -> Flask:
    return make_app(instance)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> Any:
    return client.post("/login", data={"username": username, "password": password})


@pytest.fixture
def as_user(app: Flask):  # type: ignore[no-untyped-def]
    """A logged-in client for one of the world's accounts: as_user("school_a")."""
    clients: dict[str, FlaskClient] = {}

    def make(username: str) -> FlaskClient:
        if username not in clients:
            c = app.test_client()
            response = login(c, username)
            assert response.status_code == 302, response.data.decode()[:500]
            clients[username] = c
        return clients[username]

    return make


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no csrf token on the page"
    return match.group(1)


def version_of(html: str) -> str:
    match = re.search(r'id="version" name="version" type="hidden" value="(\d+)"', html)
    assert match, "no version field on the page"
    return match.group(1)
