"""Migrations go up and down cleanly on the database under test (SQLite, or PostgreSQL in the
PostgreSQL run), and the models match what the migrations build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
