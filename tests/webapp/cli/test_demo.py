"""`selfcheck demo --json`: the contract's shape, every role, every stage, every state."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.webapp.conftest import (
    BACKEND,
    database_uri_of,
    database_url,
    drop_postgres_database,
    new_postgres_database,
    use_database,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict]]:
    """`selfcheck demo --json` on a fresh database (SQLite, or PostgreSQL in the PostgreSQL run)."""
    instance = tmp_path_factory.mktemp("demo")
    env = {"SELFCHECK_INSTANCE_PATH": str(instance)}
    database = ""
    if BACKEND == "postgresql":
        database = new_postgres_database()
        env["SELFCHECK_SQLALCHEMY_DATABASE_URI"] = database_url(database)
        use_database(instance, database_url(database))
    os.environ.update(env)
    try:
        from webapp.cli import cli

        result = CliRunner().invoke(cli, ["demo", "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
    finally:
        for key in env:
            del os.environ[key]
    yield instance, data
    if database:
        drop_postgres_database(database)


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

    app = make_app(instance, EVIDENCE_DIR=str(instance / "evidence"))
    with app.app_context():
        stages = {s for school in db.session.execute(db.select(School)).scalars() for s in school.stage_list}
        assert {"kindergarten", "primary", "junior", "senior", "vocational"} <= stages
        states = {a.status for a in db.session.execute(db.select(Assessment)).scalars()}
        assert states == {"draft", "submitted", "returned", "under_review", "finalised"}
        finalised = db.session.execute(db.select(Assessment).where(Assessment.status == "finalised")).scalars().all()
        assert finalised and all(a.verified_percent is not None and a.verified_level for a in finalised)
        # each with its 评估过程 as the inspector entered it, for the report's 评估依据与过程
        assert all(a.visit_start and a.visit_end and a.lessons_observed and a.inspection_team for a in finalised)
        from webapp.lifecycle import rectification_stage
        from webapp.rectification.operations import tasks_of

        stages = {rectification_stage(t.status for t in tasks_of(a.id)) for a in finalised}
        assert {s.label for s in stages if s} == {"整改中", "整改已报", "已复查"}
    client = app.test_client()
    account = next(a for a in data["accounts"] if a["role"] == "school")
    response = client.post("/login", data={"username": account["username"], "password": account["password"]})
    assert response.status_code == 302
    assert account["school"] in client.get("/school/").data.decode()


def test_demo_refuses_to_wipe_a_database_it_did_not_make(instance: Path) -> None:
    """The test world is not a demo database: the demo leaves it alone."""
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(instance)
    if BACKEND == "postgresql":
        os.environ["SELFCHECK_SQLALCHEMY_DATABASE_URI"] = database_uri_of(instance)
    try:
        from webapp.cli import cli

        result = CliRunner().invoke(cli, ["demo"])
    finally:
        os.environ.pop("SELFCHECK_INSTANCE_PATH")
        os.environ.pop("SELFCHECK_SQLALCHEMY_DATABASE_URI", None)
    assert result.exit_code == 1
    assert "非演示数据" in result.output


def test_the_demo_cycle_is_this_years_and_due_within_it(demo: tuple[Path, dict]) -> None:
    """Not a 2024 cycle due in 2027: the cycle's year is the deadline's, a month ahead, and every
    finalised demo assessment had every item reviewed."""
    import datetime as dt

    from tests.webapp.conftest import make_app
    from webapp.extensions import db
    from webapp.models import Assessment, Cycle

    instance, _ = demo
    app = make_app(instance, EVIDENCE_DIR=str(instance / "evidence"))
    with app.app_context():
        cycle = db.session.execute(db.select(Cycle)).scalars().one()
        assert cycle.deadline is not None and cycle.deadline.year in (cycle.year, cycle.year + 1)
        assert dt.date.today() < cycle.deadline <= dt.date.today() + dt.timedelta(days=31)
        assert str(cycle.year) in cycle.name
        from webapp.review.operations import unreviewed_items
        from webapp.rubrics.library import rubric_of

        finalised = db.session.execute(db.select(Assessment).where(Assessment.status == "finalised")).scalars().all()
        assert all(not unreviewed_items(a, rubric_of(cycle.rubric_record)) for a in finalised)
