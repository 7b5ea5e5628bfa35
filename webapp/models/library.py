"""The plan library and what is made from it: the plans a bureau added (工作要点, the file and
its text) and the rubric drafts (评估细则草稿) being edited in the browser."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.columns import UTCDateTime, utcnow
from webapp.extensions import db
from webapp.models.assessment import RubricRecord, User


class Plan(db.Model):  # type: ignore[name-defined,misc]
    """A plan (工作要点) a bureau added to the plan library: the file as received and the text
    read from it, which rubric quotes are checked against. Its ``key`` is the name a rubric's
    ``source.doc`` uses; the seeds in ``seeds/`` are the library's built-in part and have no row."""

    __tablename__ = "plan"
    __table_args__ = (CheckConstraint("format IN ('txt', 'docx', 'xlsx', 'pdf', 'html')", name="format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)  # plan-<16 hex of sha256>.txt
    title: Mapped[str] = mapped_column(String(300))
    issuer: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    doc_number: Mapped[str | None] = mapped_column(String(100))  # 文号
    source_name: Mapped[str] = mapped_column(String(255))  # the file's name as it arrived
    format: Mapped[str] = mapped_column(String(10))  # txt | docx | xlsx | pdf | html
    sha256: Mapped[str] = mapped_column(String(64), unique=True)  # of the original bytes
    text: Mapped[str] = mapped_column(Text, deferred=True)
    original: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    added_by: Mapped[User | None] = relationship()


class RubricDraft(db.Model):  # type: ignore[name-defined,misc]
    """评估细则草稿: a rubric being made in the browser from a plan of the library (and, for
    next year, last year's rubric): the items as the officers leave them, kept as JSON, saved
    as they are edited. ``version`` counts the saves; each item carries its own revision, so
    two officers editing one draft never overwrite each other's item. Publishing makes a
    RubricRecord (a new version); the draft then stays as the record of how it was made."""

    __tablename__ = "rubric_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_key: Mapped[str] = mapped_column(String(80), index=True)  # a plan of the library
    base_record_id: Mapped[int | None] = mapped_column(ForeignKey("rubric_record.id"))  # last year's
    rubric_id: Mapped[str] = mapped_column(String(80))
    rubric_version: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(300))
    content: Mapped[Any] = mapped_column(JSON)  # {"dimensions": [[id, title]…], "items": [{…}…]}
    version: Mapped[int] = mapped_column(Integer, default=1)
    published_record_id: Mapped[int | None] = mapped_column(ForeignKey("rubric_record.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    base_record: Mapped[RubricRecord | None] = relationship(foreign_keys=[base_record_id])
    published_record: Mapped[RubricRecord | None] = relationship(foreign_keys=[published_record_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
