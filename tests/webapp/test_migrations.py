"""Migrations go up and down cleanly on the database under test (SQLite, or PostgreSQL in the
PostgreSQL run), and the models match what the migrations build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect, text

from tests.webapp.conftest import (
    BACKEND,
    database_url,
    drop_postgres_database,
    make_app,
    new_postgres_database,
    use_database,
)


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[Flask]:
    database = ""
    if BACKEND == "postgresql":
        database = new_postgres_database()
        use_database(tmp_path, database_url(database))
    yield make_app(tmp_path)
    if database:
        from tests.webapp.conftest import _APPS, dispose

        while _APPS:
            dispose(_APPS.pop())
        drop_postgres_database(database)


def tables(app: Flask) -> set[str]:
    from webapp.extensions import db

    with app.app_context():
        return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade(empty_app: Flask) -> None:
    from flask_migrate import downgrade, upgrade

    from webapp.extensions import db

    with empty_app.app_context():
        upgrade()
    built = tables(empty_app)
    assert {"school", "user", "assessment", "answer", "evidence", "audit_event", "item_review"} <= built
    with empty_app.app_context():
        downgrade(revision="base")
    assert tables(empty_app) == set()
    with empty_app.app_context():
        upgrade()
        assert tables(empty_app) == built
        with db.engine.begin() as connection:  # the append-only trigger came back too
            connection.execute(
                text(
                    "INSERT INTO audit_event (at, actor_name, actor_role, action, entity, entity_id, reason, ip, request_id) VALUES (CURRENT_TIMESTAMP, '', '', 'x', '', '', '', '', '')"
                )
            )
        with pytest.raises(Exception, match="append-only"), db.engine.begin() as connection:
            connection.execute(text("DELETE FROM audit_event"))


def test_the_models_match_the_migrations(empty_app: Flask) -> None:
    from flask_migrate import upgrade

    from webapp.extensions import db

    with empty_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_there_is_one_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from webapp.database import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_0005_carries_the_invisible_cross_field_mark_into_error_kind(empty_app: Flask) -> None:
    """Answers written before 0005 (an error prefixed with U+2063 when a cross-field check found
    it) come out with error_kind, and go back the same way on a downgrade."""
    from flask_migrate import downgrade, upgrade

    from webapp.extensions import db

    def rows() -> list[tuple[str, str | None, str | None]]:
        with db.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("answer")}
            kind = "error_kind" if "error_kind" in columns else "NULL"
            return [tuple(r) for r in connection.execute(text(f"SELECT key, error, {kind} FROM answer ORDER BY key"))]

    with empty_app.app_context():
        upgrade(revision="0004_no_id_reuse")
        with db.engine.begin() as connection:
            _insert(connection, "district", id=1, name="东区")
            _insert(connection, "school", id=1, code="A1", name="一小", district_id=1, stages="primary")
            _insert(connection, "rubric_record", id=1, rubric_id="r", version=1)
            _insert(connection, "cycle", id=1, name="c", year=2024, rubric_record_id=1, status="open")
            _insert(connection, "assessment", id=1, cycle_id=1, school_id=1, status="draft", version=1)
            for key, error in (("a", "\u2063交流教师不能多于符合条件教师"), ("b", "请填写数字"), ("c", None)):
                _insert(connection, "answer", assessment_id=1, key=key, error=error)
        upgrade()
        assert rows() == [
            ("a", "交流教师不能多于符合条件教师", "cross_field"),
            ("b", "请填写数字", "text"),
            ("c", None, None),
        ]
        downgrade(revision="0004_no_id_reuse")
        assert rows()[0][:2] == ("a", "\u2063交流教师不能多于符合条件教师")


def _insert(connection: Any, table: str, **values: Any) -> None:
    """A row with ``values`` and a plain value in every other NOT NULL column."""
    import datetime as dt

    from sqlalchemy import JSON, Boolean, DateTime, Integer, MetaData, Table

    reflected = Table(table, MetaData(), autoload_with=connection)
    row = dict(values)
    for column in reflected.columns:
        if column.name in row or column.nullable or column.primary_key:
            continue
        kind = column.type
        row[column.name] = (
            False
            if isinstance(kind, Boolean)
            else 0
            if isinstance(kind, Integer)
            else dt.datetime.now(dt.UTC)
            if isinstance(kind, DateTime)
            else {}
            if isinstance(kind, JSON)
            else ""
        )
    connection.execute(reflected.insert().values(**row))


def test_0012_keeps_the_profile_of_every_finalised_assessment(empty_app: Flask) -> None:
    """Assessments finalised before 0012 take their school's profile as it is then; the others
    keep none (they follow the school's record until finalised)."""
    from flask_migrate import upgrade

    from webapp.extensions import db

    with empty_app.app_context():
        upgrade(revision="0011_draft_editor")
        with db.engine.begin() as connection:
            _insert(connection, "district", id=1, name="东区")
            _insert(connection, "school", id=1, code="A1", name="一小", district_id=1, stages="primary,junior", boarding=True)
            _insert(connection, "rubric_record", id=1, rubric_id="r", version=1)
            _insert(connection, "cycle", id=1, name="c", year=2024, rubric_record_id=1, status="open")
            _insert(connection, "cycle", id=2, name="d", year=2025, rubric_record_id=1, status="open")
            _insert(connection, "assessment", id=1, cycle_id=1, school_id=1, status="finalised", version=1)
            _insert(connection, "assessment", id=2, cycle_id=2, school_id=1, status="draft", version=1)
        upgrade()
        from webapp.models import Assessment

        one, two = db.session.get(Assessment, 1), db.session.get(Assessment, 2)
        assert one.profile_snapshot == {
            "stages": ["primary", "junior"], "public": False, "boarding": True, "has_canteen": False
        }
        assert one.profile.stages == ("primary", "junior") and two.profile_snapshot is None
