"""`selfcheck demo --json`: the contract's shape, every role, every stage, every state."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    instance = tmp_path_factory.mktemp("demo")
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(instance)
    try:
        from webapp.cli import cli

        result = CliRunner().invoke(cli, ["demo", "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return instance, json.loads(result.stdout)
    finally:
        del os.environ["SELFCHECK_INSTANCE_PATH"]


def test_demo_json_has_the_contract_shape(demo: tuple[Path, dict]) -> None:
    _, data = demo
    accounts = data["accounts"]
    assert accounts and all(set(a) == {"username", "password", "role", "school"} for a in accounts)
    assert {a["role"] for a in accounts} == {"school", "inspector", "district", "admin"}
    schools = [a for a in accounts if a["role"] == "school"]
    assert len(schools) >= 6 and all(a["school"] for a in schools)
    assert all(a["school"] is None for a in accounts if a["role"] != "school")


def test_demo_has_every_stage_and_every_state(demo: tuple[Path, dict]) -> None:
    instance, data = demo
    from tests.webapp.conftest import make_app
    from webapp.extensions import db
    from webapp.models import Assessment, School

    app = make_app(
        instance,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{instance / 'selfcheck.db'}",
        EVIDENCE_DIR=str(instance / "evidence"),
    )
    with app.app_context():
        stages = {s for school in db.session.execute(db.select(School)).scalars() for s in school.stage_list}
        assert {"kindergarten", "primary", "junior", "senior", "vocational"} <= stages
        states = {a.status for a in db.session.execute(db.select(Assessment)).scalars()}
        assert states == {"draft", "submitted", "returned", "under_review", "finalised"}
        finalised = db.session.execute(db.select(Assessment).where(Assessment.status == "finalised")).scalar_one()
        assert finalised.verified_percent is not None and finalised.verified_level
        db.session.remove()
        db.engine.dispose()
    client = app.test_client()
    account = next(a for a in data["accounts"] if a["role"] == "school")
    response = client.post("/login", data={"username": account["username"], "password": account["password"]})
    assert response.status_code == 302
    assert account["school"] in client.get("/school/").data.decode()


def test_demo_refuses_to_wipe_a_database_it_did_not_make(tmp_path: Path) -> None:
    from tests.webapp.conftest import make_app
    from webapp import operations
    from webapp.models import Role

    app = make_app(tmp_path)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        operations.create_user("real_admin", Role.ADMIN, password="真实的密码-123456")
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(tmp_path)
    try:
        from webapp.cli import cli

        result = CliRunner().invoke(cli, ["demo"])
    finally:
        del os.environ["SELFCHECK_INSTANCE_PATH"]
    assert result.exit_code == 1
    assert "非演示数据" in result.output
