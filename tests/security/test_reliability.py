"""Faults and concurrency (T15–T21): many writers on one assessment lose no update and every
stale save is refused; a double submit submits once; a failure in the middle of a save leaves
nothing half-written — no answer, no evidence row, no orphan file; the audit log cannot be
changed. Runs on SQLite and, with SELFCHECK_TEST_POSTGRES_URL, on PostgreSQL."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, text

from tests import pdfs
from tests.security.conftest import files_under, table_rows, tally, version_of
from tests.webapp.conftest import login

WRITERS = 16
ROUNDS = 4


def answers_saved(app: Flask, assessment_id: int) -> int:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        return len(
            db.session.execute(
                select(AuditEvent.id).where(
                    AuditEvent.assessment_id == assessment_id, AuditEvent.action == "answers_saved"
                )
            ).all()
        )


def stored(app: Flask, assessment_id: int, key: str) -> tuple[str | None, int]:
    from webapp.extensions import db
    from webapp.models import Answer, Assessment

    with app.app_context():
        raw = db.session.execute(
            select(Answer.raw).where(Answer.assessment_id == assessment_id, Answer.key == key)
        ).scalar_one_or_none()
        return raw, db.session.get(Assessment, assessment_id).version


def test_concurrent_writers_lose_no_update(app: Flask, world: Any) -> None:
    """16 threads, each reading the version and saving its own figure with it, 4 times over:
    every attempt either succeeds or is refused as stale, the stored figure is the last
    success's, and each success has exactly one audit event."""
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.school import operations as school_ops

    a = world["assessment_a"]
    audit_before = answers_saved(app, a)
    start = threading.Barrier(WRITERS)
    lock = threading.Lock()
    successes: list[tuple[int, str]] = []
    refusals: list[str] = []
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            with app.test_request_context():
                user = db.session.get(User, world["school_a"])
                db.session.expunge(user)
                db.session.close()  # no connection held while waiting: the pool has 15
                start.wait(timeout=30)
                for k in range(ROUNDS):
                    db.session.expire_all()
                    version = db.session.get(Assessment, a).version
                    value = str(1000 + n * 10 + k)
                    reading = school_ops.FieldReading("eligible_teachers", value, int(value))
                    result = school_ops.save_section(a, user, version, [reading])
                    with lock:
                        if result.saved:
                            successes.append((result.assessment_version, value))
                        else:
                            assert result.stale
                            refusals.append(value)
                db.session.remove()
        except BaseException as exc:  # reported below, with the thread's number
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    attempts = WRITERS * ROUNDS
    tally("concurrent_writers", WRITERS)
    tally("concurrent_attempts", attempts)
    assert not errors, [e for e in errors if not isinstance(e, threading.BrokenBarrierError)][:3] or errors[:3]
    assert len(successes) + len(refusals) == attempts
    versions = [v for v, _ in successes]
    lost = len(versions) - len(set(versions))  # two successes on one version: one overwrote the other
    tally("lost_updates", lost)
    assert lost == 0 and successes
    raw, version = stored(app, a, "eligible_teachers")
    last = max(successes)
    assert (version, raw) == last
    assert answers_saved(app, a) - audit_before == len(successes)
    tally("stale_saves_refused", len(refusals))


def test_concurrent_browsers_lose_no_update(app: Flask, as_user: Any, world: Any) -> None:
    """The same through the web: 8 logged-in clients post the page they read."""
    from tests.security.conftest import login

    a = world["assessment_a"]
    url = f"/school/assessments/{a}/B"
    clients = []
    for _ in range(8):
        c = app.test_client()
        login(c, "school_a")
        clients.append(c)
    pages = [version_of(c.get(url).data.decode()) for c in clients]
    assert len(set(pages)) == 1
    start = threading.Barrier(len(clients))
    statuses: dict[int, int] = {}

    def post(n: int) -> None:
        start.wait(timeout=30)
        response = clients[n].post(
            url, data={"version": pages[n], "fields": "eligible_teachers", "eligible_teachers": str(500 + n)}
        )
        statuses[n] = response.status_code

    threads = [threading.Thread(target=post, args=(n,)) for n in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(statuses.values()) == [303] + [409] * (len(clients) - 1), statuses
    winner = next(n for n, s in statuses.items() if s == 303)
    assert stored(app, a, "eligible_teachers")[0] == str(500 + winner)
    tally("concurrent_writers", len(clients))
    tally("concurrent_attempts", len(clients))
    tally("stale_saves_refused", len(clients) - 1)


def test_a_double_submit_submits_once(app: Flask, world: Any) -> None:
    from tests.webapp.helpers import fill_completely
    from webapp.errors import NotAllowed
    from webapp.extensions import db
    from webapp.models import Assessment, AuditEvent, User
    from webapp.school import operations as school_ops

    a = world["assessment_a"]
    with app.test_request_context():
        fill_completely(a, db.session.get(User, world["school_a"]))
        version = db.session.get(Assessment, a).version
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def submit() -> None:
        with app.test_request_context():
            user = db.session.get(User, world["school_a"])
            db.session.expunge(user)
            db.session.close()
            start.wait(timeout=30)
            try:
                school_ops.submit_assessment(a, user, version)
                outcomes.append("submitted")
            except NotAllowed:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["refused", "submitted"]
    with app.app_context():
        events = db.session.execute(
            select(AuditEvent).where(AuditEvent.assessment_id == a, AuditEvent.action == "submitted")
        ).all()
        assert len(events) == 1
        assert db.session.get(Assessment, a).status == "submitted"


# --------------------------------------------------------------------------------------------
# Faults in the middle of a save


PDF = pdfs.plain()
SAVE_TABLES = ("answer", "evidence", "assessment", "audit_event")


def save_with_everything(app: Flask, world: Any) -> None:
    """A save that writes several answers, one evidence file and the score at once."""
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.school import operations as school_ops

    with app.test_request_context():
        a = db.session.get(Assessment, world["assessment_a"])
        school_ops.save_section(
            a.id,
            db.session.get(User, world["school_a"]),
            a.version,
            [
                school_ops.FieldReading("eligible_teachers", "77", 77),
                school_ops.FieldReading("exchange_teachers", "7", 7),
                school_ops.FieldReading("backbone_exchange_teachers", "2", 2),
                school_ops.FieldReading("max_class_size", "44", 44),
            ],
            [school_ops.Upload("B1.1", "名单.pdf", io.BytesIO(PDF))],
        )


def fault_after_rows(monkeypatch: Any) -> None:
    """Fails after the answer rows and the evidence row are flushed (during re-scoring)."""
    from webapp.school import operations as school_ops

    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("crash after the rows were written")

    monkeypatch.setattr(school_ops, "rescore", explode)


def fault_in_commit(monkeypatch: Any) -> None:
    from sqlalchemy.orm import Session

    def refuse(self: Any) -> None:
        raise RuntimeError("the database went away at commit")

    monkeypatch.setattr(Session, "commit", refuse)


def fault_in_audit(monkeypatch: Any) -> None:
    from webapp import audit

    original = audit.record

    def record(action: str, *args: Any, **kwargs: Any) -> None:
        if action == "answers_saved":
            raise RuntimeError("audit write failed")
        original(action, *args, **kwargs)

    monkeypatch.setattr(audit, "record", record)  # what audit.record_on writes through


FAULTS = {
    "crash after the rows": fault_after_rows,
    "commit fails": fault_in_commit,
    "audit event fails": fault_in_audit,
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failure_mid_save_leaves_nothing_half_written(app: Flask, world: Any, monkeypatch: Any, fault: str) -> None:
    root = Path(app.config["EVIDENCE_DIR"])
    before, before_files = table_rows(app), files_under(root)
    with monkeypatch.context() as patch:
        FAULTS[fault](patch)
        with pytest.raises((RuntimeError, OSError)):
            save_with_everything(app, world)
    tally("faults_injected")
    after = table_rows(app)
    half = [t for t in SAVE_TABLES if before[t] != after[t]] + sorted(files_under(root) - before_files)
    tally("half_written_after_fault", len(half))
    assert not half, (fault, half)
    save_with_everything(app, world)  # and the same save goes through afterwards
    assert len(files_under(root) - before_files) == 1


def test_a_failure_mid_save_through_the_web_is_a_plain_error_page(
    app: Flask, as_user: Any, world: Any, monkeypatch: Any
) -> None:
    client = as_user("school_a")
    url = f"/school/assessments/{world['assessment_a']}/B"
    page = client.get(url).data.decode()
    before = table_rows(app)
    fault_after_rows(monkeypatch)
    response = client.post(
        url, data={"version": version_of(page), "fields": "eligible_teachers", "eligible_teachers": "12"}
    )
    assert response.status_code == 500
    assert "您的操作没有生效" in response.data.decode() and "Traceback" not in response.data.decode()
    after = table_rows(app)
    assert [t for t in SAVE_TABLES if before[t] != after[t]] == []


# --------------------------------------------------------------------------------------------
# The audit log


def test_the_database_refuses_to_change_the_audit_log(app: Flask, world: Any) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        for statement in ("UPDATE audit_event SET reason = 'x'", "DELETE FROM audit_event WHERE id = 1"):
            with db.engine.connect() as connection, pytest.raises(Exception, match="append-only"):
                connection.execute(text(statement))
        event = db.session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().first()
        event.reason = "rewritten through the ORM"
        with pytest.raises(Exception, match="append-only"):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.get(AuditEvent, event.id))
        with pytest.raises(Exception, match="append-only"):
            db.session.commit()
        db.session.rollback()


def test_no_code_path_updates_or_deletes_audit_events() -> None:
    """The app never issues UPDATE or DELETE on the audit log (nor a bulk statement that would
    bypass ORM events); and no route offers to."""
    root = Path(__file__).resolve().parents[2] / "webapp"
    offenders = []
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for needle in ("update(AuditEvent", "delete(AuditEvent", "UPDATE audit_event", "DELETE FROM audit_event"):
            if needle in source:
                offenders.append((path.name, needle))
    assert offenders == []


def test_no_route_changes_the_audit_log(app: Flask) -> None:
    """The log's pages only read it. The one POST under /admin/audit queues a large export as a
    background job (webapp.exports); it writes a job row and appends events, never edits one."""
    audit_routes = [
        (rule.rule, sorted(rule.methods - {"GET", "HEAD", "OPTIONS"}))
        for rule in app.url_map.iter_rules()
        if "audit" in rule.rule and rule.methods - {"GET", "HEAD", "OPTIONS"}
    ]
    assert audit_routes == [("/admin/audit/export.xlsx", ["POST"])]


def test_a_queued_audit_export_leaves_every_event_as_it_was(app: Flask, world: Any) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    def events() -> list[tuple[Any, ...]]:
        with app.app_context():
            rows = db.session.execute(db.select(AuditEvent).order_by(AuditEvent.id)).scalars()
            return [(e.id, e.action, e.actor_id, e.at, e.old, e.new, e.reason) for e in rows]

    client = app.test_client()
    assert login(client, "admin").status_code == 302
    before = events()
    assert client.post("/admin/audit/export.xlsx").status_code == 303
    after = events()
    assert after[: len(before)] == before
    assert [e[1] for e in after[len(before) :]] == ["job_started", "export"]
