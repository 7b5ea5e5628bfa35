"""Engine set-up and write transactions, the same on SQLite and PostgreSQL.

SQLite (the embedded default) runs in WAL mode with a busy timeout and foreign keys on; a
write transaction starts with BEGIN IMMEDIATE, so that two writers never interleave a
read-modify-write (deferred transactions lose updates silently under concurrency). Reads start
with a plain BEGIN and do not block each other. On PostgreSQL a write transaction locks the
rows it changes with SELECT … FOR UPDATE.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from webapp.extensions import db

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"
_WRITE = "selfcheck_write"


def configure_engine(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)


def _configure_sqlite(engine: Engine) -> None:
    if getattr(engine, "_selfcheck_configured", False):
        return
    engine._selfcheck_configured = True  # type: ignore[attr-defined]

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_WRITE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def is_sqlite() -> bool:
    return bool(db.engine.dialect.name == "sqlite")


@contextmanager
def write_transaction() -> Iterator[None]:
    """One unit of work: everything inside commits together or not at all.

    Ends whatever read transaction the request had open, then begins a write transaction
    (BEGIN IMMEDIATE on SQLite). Objects loaded before are reloaded on first access.
    """
    session = db.session
    session.rollback()
    session.connection(execution_options={_WRITE: True})
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise
