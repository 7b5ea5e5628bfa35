"""Web fixtures: a migrated database with a small world in it, copied fresh for every test.

The world: two districts; school A (a primary school in 东区) and school B (a junior school in
西区); a cycle under the sample rubric; accounts for school A, school B, an inspector assigned
to A, an inspector assigned to B only, the 东区 district officer, the 西区 one, and an admin.
School A's assessment is a draft with a few answers; B's is submitted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import ROOT

SAMPLE_RUBRIC = ROOT / "tests" / "checklist" / "fixtures" / "sample_rubric.yaml"
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
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'selfcheck.db'}",
        "EVIDENCE_DIR": str(instance / "evidence"),
        "WTF_CSRF_ENABLED": False,
        "LOGIN_MAX_FAILURES_PER_USER": 5,
        "LOGIN_MAX_FAILURES_PER_IP": 50,
    }
    config.update(extra)
    return config


def make_app(instance: Path, **extra: Any) -> Flask:
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(instance)
    try:
        from webapp import create_app

        return create_app(_test_config(instance, **extra))
    finally:
        del os.environ["SELFCHECK_INSTANCE_PATH"]


def build_world(app: Flask) -> World:
    from flask_migrate import upgrade

    from webapp import operations
    from webapp.database import write_transaction
    from webapp.extensions import db
    from webapp.models import Assessment, District, InspectorAssignment, Role, School, User

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
            world.ids.update(district_east=east.id, district_west=west.id, school_a_id=a.id, school_b_id=b.id)
        record = operations.publish_rubric(SAMPLE_RUBRIC.read_text(encoding="utf-8"))
        cycle = operations.open_cycle(
            "2024年度测试评估",
            2024,
            record.id,
            dt.date.today() + dt.timedelta(days=30),
            [world["school_a_id"], world["school_b_id"]],
        )
        world.ids["cycle"] = cycle.id
        made = {
            "school_a": operations.create_user(
                "school_a", Role.SCHOOL, password=PASSWORD, school_code="A001", must_change_password=False
            ),
            "school_b": operations.create_user(
                "school_b", Role.SCHOOL, password=PASSWORD, school_code="B001", must_change_password=False
            ),
            "inspector_a": operations.create_user(
                "inspector_a", Role.INSPECTOR, password=PASSWORD, must_change_password=False
            ),
            "inspector_b": operations.create_user(
                "inspector_b", Role.INSPECTOR, password=PASSWORD, must_change_password=False
            ),
            "district_east": operations.create_user(
                "district_east", Role.DISTRICT, password=PASSWORD, district_name="东区", must_change_password=False
            ),
            "district_west": operations.create_user(
                "district_west", Role.DISTRICT, password=PASSWORD, district_name="西区", must_change_password=False
            ),
            "admin": operations.create_user("admin", Role.ADMIN, password=PASSWORD, must_change_password=False),
        }
        for name, account in made.items():
            world.ids[name] = account.user_id
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
        operations.submit_assessment(fresh.id, user_b, fresh.version)
        user_a = db.session.get(User, world["school_a"])
        a_assessment = db.session.get(Assessment, world["assessment_a"])
        operations.save_section(
            a_assessment.id,
            user_a,
            a_assessment.version,
            [
                operations.FieldReading("pe_minutes_daily", "45", 45.0),
                operations.FieldReading("eligible_teachers", "40", 40),
                operations.FieldReading("exchange_teachers", "6", 6),
            ],
        )
        db.session.remove()
        db.engine.dispose()
    return world


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    instance = tmp_path_factory.mktemp("template")
    app = make_app(instance)
    world = build_world(app)
    return instance, world


@pytest.fixture
def world(template: tuple[Path, World]) -> World:
    return template[1]


@pytest.fixture
def instance(template: tuple[Path, World], tmp_path: Path) -> Path:
    source, _ = template
    target = tmp_path / "instance"
    target.mkdir()
    shutil.copy(source / "selfcheck.db", target / "selfcheck.db")
    shutil.copy(source / "secret_key", target / "secret_key") if (source / "secret_key").exists() else None
    return target


@pytest.fixture
def app(instance: Path) -> Iterator[Flask]:
    application = make_app(instance)
    yield application
    with application.app_context():
        from webapp.extensions import db

        db.session.remove()
        db.engine.dispose()


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
