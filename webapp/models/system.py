"""What the system keeps besides the year's work: the append-only audit log, notices to
accounts with their delivery (the outbox), background jobs, and facts about the database."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.columns import EnumText, UTCDateTime, utcnow
from webapp.extensions import db
from webapp.models.assessment import User


class AuditEvent(db.Model):  # type: ignore[name-defined,misc]
    """Append-only: who did what, when, from what to what, and why. Triggers refuse UPDATE and
    DELETE on this table (see the first migration)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(100), default="")
    actor_role: Mapped[str] = mapped_column(String(20), default="")
    school_id: Mapped[int | None] = mapped_column(Integer, index=True)
    assessment_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(80), default="")
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    ip: Mapped[str] = mapped_column(String(64), default="")
    request_id: Mapped[str] = mapped_column(String(40), default="")


class Notice(db.Model):  # type: ignore[name-defined,misc]
    """A notice (通知) for one account, made from an audit event or by ``selfcheck remind``:
    shown in the app, and sent by e-mail and to the group robot's webhook when settings name
    them (its delivery states are the outbox). ``dedupe_key`` names the occasion and is unique,
    so the same reminder is never made, nor sent, twice (migration 0010)."""

    __tablename__ = "notice"
    __table_args__ = (
        CheckConstraint("mail_state IN ('none', 'pending', 'sent', 'failed')", name="mail_state"),
        CheckConstraint("webhook_state IN ('none', 'pending', 'sent', 'failed')", name="webhook_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # webapp.notify.notices.KIND_LABELS
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(300), default="")  # the page it leads to (a path)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    mail_state: Mapped[str] = mapped_column(String(10), default="none")  # none | pending | sent | failed
    webhook_state: Mapped[str] = mapped_column(String(10), default="none")
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # failed deliveries so far
    last_error: Mapped[str] = mapped_column(Text, default="")
    claim: Mapped[str | None] = mapped_column(String(32))  # the run of `selfcheck remind` sending it
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {"queued": "排队中", "running": "进行中", "done": "已完成", "failed": "失败"}[self.value]


class Job(db.Model):  # type: ignore[name-defined,misc]
    """A long piece of work run in the background (a batch of reports, a large export or import):
    by Celery workers when a broker is configured, else in the web process. Its progress and
    its result are shown on the jobs page."""

    __tablename__ = "job"
    __table_args__ = (CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[JobStatus] = mapped_column(EnumText(JobStatus), default=JobStatus.QUEUED)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    result_file: Mapped[str | None] = mapped_column(String(300))  # under JOBS_DIR
    result_name: Mapped[str | None] = mapped_column(String(200))  # the name it downloads as
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # e.g. an import's summary or its problems
    error: Mapped[str] = mapped_column(Text, default="")
    runner: Mapped[str] = mapped_column(String(20), default="local")  # local | celery
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    created_by: Mapped[User | None] = relationship()


class Meta(db.Model):  # type: ignore[name-defined,misc]
    """Facts about the database itself (e.g. that the demo built it)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
