"""Backup while the app is writing, restore into a fresh place, and compare: same rows, same files."""

from __future__ import annotations

import hashlib
import io
import json
import threading
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import inspect, text

from tests import pdfs
from tests.webapp.conftest import (
    BACKEND,
    database_url,
    drop_postgres_database,
    make_app,
    new_postgres_database,
    use_database,
)


def table_digest(app: Flask) -> dict[str, str]:
    from webapp.extensions import db

    digests = {}
    with app.app_context(), db.engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')).fetchall()
            digests[table] = hashlib.sha256(json.dumps([list(map(str, r)) for r in rows]).encode()).hexdigest()
    return digests


def test_backup_during_writes_then_restore_round_trip(app: Flask, world: Any, tmp_path: Path) -> None:
    from webapp.cli.backup import make_backup, read_manifest, restore_backup
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.school import operations as school_ops

    with app.test_request_context():
        a = db.session.get(Assessment, world["assessment_a"])
        user = db.session.get(User, world["school_a"])
        school_ops.save_section(
            a.id, user, a.version, [], [school_ops.Upload("A1.1", "作息时间表.pdf", io.BytesIO(pdfs.plain()))]
        )
    stop = threading.Event()

    def writer() -> None:  # a school keeps saving while the backup runs
        n = 0
        while not stop.is_set():
            n += 1
            with app.test_request_context():
                fresh = db.session.get(Assessment, world["assessment_a"])
                school_ops.save_section(
                    fresh.id,
                    db.session.get(User, world["school_a"]),
                    fresh.version,
                    [school_ops.FieldReading("eligible_teachers", str(40 + n % 7), 40 + n % 7)],
                )
                db.session.remove()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        out = tmp_path / "backup.tar.gz"
        summary = make_backup(app.config["SQLALCHEMY_DATABASE_URI"], Path(app.config["EVIDENCE_DIR"]), out)
    finally:
        stop.set()
        thread.join()
    manifest = read_manifest(out)
    assert summary.files == 1 and manifest["missing"] == []
    assert manifest["tables"]["assessment"] == 2 and manifest["tables"]["audit_event"] > 0

    # restore into a brand-new place
    target_instance = tmp_path / "restored"
    target_instance.mkdir()
    database = ""
    if BACKEND == "postgresql":
        database = new_postgres_database()
        use_database(target_instance, database_url(database))
    restored = make_app(target_instance)
    try:
        restore_backup(out, restored.config["SQLALCHEMY_DATABASE_URI"], Path(restored.config["EVIDENCE_DIR"]))
        counts = {}
        with restored.app_context(), db.engine.connect() as connection:
            for table in inspect(connection).get_table_names():
                counts[table] = connection.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar_one()
            if BACKEND == "sqlite":
                assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert counts == manifest["tables"]
        evidence = manifest["evidence"][0]
        stored = Path(restored.config["EVIDENCE_DIR"]) / evidence["key"][:2] / evidence["key"]
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == evidence["sha256"]
        # the restored copy works: the school logs in and sees its figures and file
        from tests.webapp.conftest import login

        client = restored.test_client()
        assert login(client, "school_a").status_code == 302
        page = client.get(f"/school/assessments/{world['assessment_a']}/A").data.decode()
        assert "作息时间表.pdf" in page
    finally:
        from tests.webapp.conftest import _APPS, dispose

        while _APPS:
            dispose(_APPS.pop())
        if database:
            drop_postgres_database(database)


def test_a_quiet_backup_restores_byte_for_byte(app: Flask, tmp_path: Path) -> None:
    from webapp.cli.backup import make_backup, restore_backup

    before = table_digest(app)
    out = tmp_path / "quiet.tar.gz"
    make_backup(app.config["SQLALCHEMY_DATABASE_URI"], Path(app.config["EVIDENCE_DIR"]), out)
    target = tmp_path / "again"
    target.mkdir()
    database = ""
    if BACKEND == "postgresql":
        database = new_postgres_database()
        use_database(target, database_url(database))
    restored = make_app(target)
    try:
        restore_backup(out, restored.config["SQLALCHEMY_DATABASE_URI"], Path(restored.config["EVIDENCE_DIR"]))
        after = table_digest(restored)
        assert {k: v for k, v in after.items() if k != "alembic_version"} == {
            k: v for k, v in before.items() if k != "alembic_version"
        }
    finally:
        from tests.webapp.conftest import _APPS, dispose

        while _APPS:
            dispose(_APPS.pop())
        if database:
            drop_postgres_database(database)


def test_the_cli_refuses_to_restore_without_yes(app: Flask, tmp_path: Path) -> None:
    import os

    from click.testing import CliRunner

    from webapp.cli import cli
    from webapp.cli.backup import make_backup

    out = tmp_path / "b.tar.gz"
    make_backup(app.config["SQLALCHEMY_DATABASE_URI"], Path(app.config["EVIDENCE_DIR"]), out)
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(tmp_path / "elsewhere")
    try:
        result = CliRunner().invoke(cli, ["restore", str(out)])
    finally:
        del os.environ["SELFCHECK_INSTANCE_PATH"]
    assert result.exit_code == 1 and "--yes" in result.output
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not a backup")
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(tmp_path / "elsewhere")
    try:
        result = CliRunner().invoke(cli, ["restore", str(garbage), "--yes"])
    finally:
        del os.environ["SELFCHECK_INSTANCE_PATH"]
    assert result.exit_code == 1 and "不是 selfcheck 的备份文件" in result.output
