"""The database: typed SQLAlchemy 2 models. Transactions belong to webapp.operations."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from checklist.model import STAGE_NAMES, SchoolProfile
from webapp.columns import MAX_ID as MAX_ID
from webapp.columns import EnumText, ItemResults, UTCDateTime
from webapp.columns import ItemFigures as ItemFigures
from webapp.columns import parse_id as parse_id
from webapp.columns import utcnow as utcnow
from webapp.extensions import db
from webapp.lifecycle import AssessmentStatus, Role, TaskStatus


class CycleStatus(StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"planned": "未开始", "open": "进行中", "closed": "已结束"}[self.value]


class District(db.Model):  # type: ignore[name-defined,misc]
    """区县."""

    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    schools: Mapped[list[School]] = relationship(back_populates="district")


class School(db.Model):  # type: ignore[name-defined,misc]
    """学校, with the profile that decides which items apply to it."""

    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))
    stages: Mapped[str] = mapped_column(String(200))  # comma-separated stage codes
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    boarding: Mapped[bool] = mapped_column(Boolean, default=False)
    has_canteen: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    district: Mapped[District | None] = relationship(back_populates="schools")
    assessments: Mapped[list[Assessment]] = relationship(back_populates="school")

    @property
    def stage_list(self) -> tuple[str, ...]:
        return tuple(s for s in self.stages.split(",") if s)

    @property
    def profile(self) -> SchoolProfile:
        return SchoolProfile(
            stages=self.stage_list,
            public=self.public,
            boarding=self.boarding,
            has_canteen=self.has_canteen,
        )

    @property
    def stage_names(self) -> str:
        return "、".join(STAGE_NAMES.get(s, s) for s in self.stage_list)


class User(db.Model):  # type: ignore[name-defined,misc]
    """An account: a school's, an inspector's (督学), a district officer's or an admin's."""

    __tablename__ = "user"
    __table_args__ = (
        CheckConstraint("role IN ('school', 'inspector', 'district', 'admin')", name="role"),
        CheckConstraint("role != 'school' OR school_id IS NOT NULL", name="school_has_school"),
        CheckConstraint("role != 'district' OR district_id IS NOT NULL", name="district_has_district"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(EnumText(Role))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    email: Mapped[str | None] = mapped_column(String(200))  # where notices are mailed (migration 0010)

    school: Mapped[School | None] = relationship()
    district: Mapped[District | None] = relationship()

    # Flask-Login: the session carries a server-side session token, not the user id;
    # webapp.auth sets `auth_session` when it loads the user.
    auth_session = None  # type: AuthSession | None

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        assert self.auth_session is not None
        return self.auth_session.public_id


    @property
    def name(self) -> str:
        return self.display_name or self.username


class AuthSession(db.Model):  # type: ignore[name-defined,misc]
    """A login. The cookie names it; logout, deactivation and password changes revoke it."""

    __tablename__ = "auth_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")

    user: Mapped[User] = relationship()


class LoginAttempt(db.Model):  # type: ignore[name-defined,misc]
    """Failed and successful logins, counted for throttling across all workers."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    success: Mapped[bool] = mapped_column(Boolean, default=False)


class RubricRecord(db.Model):  # type: ignore[name-defined,misc]
    """A rubric version as published: the YAML text is kept, so a cycle's rubric never changes."""

    __tablename__ = "rubric_record"
    __table_args__ = (UniqueConstraint("rubric_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    issuer: Mapped[str] = mapped_column(String(200))
    yaml_text: Mapped[str] = mapped_column(Text, deferred=True)  # parsed once per process, by sha256
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def label(self) -> str:
        """The rubric's code and version, for files and logs: yingkou-2024 v1."""
        return f"{self.rubric_id} v{self.version}"

    @property
    def version_label(self) -> str:
        """Its version as a reader says it: 第1版."""
        return f"第{self.version}版"


class Plan(db.Model):  # type: ignore[name-defined,misc]
    """A plan (工作要点) a bureau added to the plan library: the file as received and the text
    read from it, which rubric quotes are checked against. Its ``key`` is the name a rubric's
    ``source.doc`` uses; the seeds in ``seeds/`` are the library's built-in part and have no row."""

    __tablename__ = "plan"
    __table_args__ = (CheckConstraint("format IN ('txt', 'docx', 'pdf', 'html')", name="format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)  # plan-<16 hex of sha256>.txt
    title: Mapped[str] = mapped_column(String(300))
    issuer: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    doc_number: Mapped[str | None] = mapped_column(String(100))  # 文号
    source_name: Mapped[str] = mapped_column(String(255))  # the file's name as it arrived
    format: Mapped[str] = mapped_column(String(10))  # txt | docx | pdf | html
    sha256: Mapped[str] = mapped_column(String(64), unique=True)  # of the original bytes
    text: Mapped[str] = mapped_column(Text, deferred=True)
    original: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    added_by: Mapped[User | None] = relationship()


class Cycle(db.Model):  # type: ignore[name-defined,misc]
    """年度评估: one round of self-assessment under one rubric version."""

    __tablename__ = "cycle"
    __table_args__ = (CheckConstraint("status IN ('planned', 'open', 'closed')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    rubric_record_id: Mapped[int] = mapped_column(ForeignKey("rubric_record.id"))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[CycleStatus] = mapped_column(EnumText(CycleStatus), default=CycleStatus.PLANNED)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The reports' 督导评估意见书 of this cycle (migration 0007): its 文号, and the days a school
    # has for its 整改报告 (empty: RECTIFY_DAYS from the settings).
    doc_number: Mapped[str | None] = mapped_column(String(100))
    rectify_days: Mapped[int | None] = mapped_column(Integer)

    rubric_record: Mapped[RubricRecord] = relationship()
    assessments: Mapped[list[Assessment]] = relationship(back_populates="cycle")



class Assessment(db.Model):  # type: ignore[name-defined,misc]
    """One school's self-assessment in one cycle, with the cached self (自评) and verified (核定)
    scores. ``version`` rises with every change: a form posted with an older one is stale."""

    __tablename__ = "assessment"
    __table_args__ = (
        UniqueConstraint("cycle_id", "school_id"),
        CheckConstraint("status IN ('draft', 'submitted', 'returned', 'under_review', 'finalised')", name="status"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycle.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    status: Mapped[AssessmentStatus] = mapped_column(EnumText(AssessmentStatus), default=AssessmentStatus.DRAFT)
    version: Mapped[int] = mapped_column(Integer, default=1)
    self_percent: Mapped[float | None] = mapped_column()
    self_level: Mapped[str | None] = mapped_column(String(20))
    self_veto: Mapped[bool] = mapped_column(Boolean, default=False)
    self_results: Mapped[dict[str, ItemFigures]] = mapped_column(ItemResults, default=dict)
    answered_count: Mapped[int] = mapped_column(Integer, default=0)
    applicable_count: Mapped[int] = mapped_column(Integer, default=0)
    verified_percent: Mapped[float | None] = mapped_column()
    verified_level: Mapped[str | None] = mapped_column(String(20))
    verified_veto: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_results: Mapped[dict[str, ItemFigures]] = mapped_column(ItemResults, default=dict)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    returned_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finalised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # 评估过程, entered by the inspector at finalisation (migration 0007), every one optional:
    # the visit's dates, the team, and 听课N节、座谈N场、问卷N份、查阅资料N份.
    visit_start: Mapped[dt.date | None] = mapped_column(Date)
    visit_end: Mapped[dt.date | None] = mapped_column(Date)
    inspection_team: Mapped[str | None] = mapped_column(String(500))
    lessons_observed: Mapped[int | None] = mapped_column(Integer)
    meetings_held: Mapped[int | None] = mapped_column(Integer)
    questionnaires: Mapped[int | None] = mapped_column(Integer)
    documents_reviewed: Mapped[int | None] = mapped_column(Integer)
    # The school's profile (学段, 办学性质, 寄宿, 食堂) as it was at 核定完成 (migration 0012): a
    # finalised year keeps the items that applied then, whatever the school's record says later.
    profile_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    cycle: Mapped[Cycle] = relationship(back_populates="assessments")
    school: Mapped[School] = relationship(back_populates="assessments")
    updated_by: Mapped[User | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(back_populates="assessment", cascade="all, delete-orphan")
    evidence: Mapped[list[Evidence]] = relationship(  # the self-assessment's own files, not a 整改 task's
        primaryjoin="and_(Assessment.id == Evidence.assessment_id, Evidence.task_id.is_(None))",
        back_populates="assessment",
        cascade="all, delete-orphan",
        order_by="Evidence.id",
    )
    reviews: Mapped[list[ItemReview]] = relationship(back_populates="assessment", cascade="all, delete-orphan")

    @property
    def profile(self) -> SchoolProfile:
        """What decides which items apply: as at finalisation once finalised, else the school's."""
        if self.profile_snapshot:
            return SchoolProfile.from_dict(self.profile_snapshot)
        return self.school.profile

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}



class Answer(db.Model):  # type: ignore[name-defined,misc]
    """What a school gave for one input: the typed value, and the raw text when it could not be
    read (kept so that nothing typed is lost) with the reason."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("assessment_id", "key"),
        CheckConstraint("error_kind IS NULL OR error_kind IN ('text', 'cross_field')", name="error_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    raw: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    # why there is an error: "text" (the text itself cannot be read) or "cross_field" (a check
    # across fields, 交流教师 > 符合条件教师, recomputed on every save); None without an error
    error_kind: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="answers")


class Evidence(db.Model):  # type: ignore[name-defined,misc]
    """佐证材料: a file stored under a generated name, with the original name kept."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(40))
    original_name: Mapped[str] = mapped_column(String(255))
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # set for a file of a 整改 task's report (migration 0009); such a file is not the item's 佐证材料
    task_id: Mapped[int | None] = mapped_column(ForeignKey("rectification_task.id"), index=True)

    assessment: Mapped[Assessment] = relationship(back_populates="evidence")


class InspectorAssignment(db.Model):  # type: ignore[name-defined,misc]
    """Which schools an inspector (督学) reviews."""

    __tablename__ = "inspector_assignment"
    __table_args__ = (UniqueConstraint("user_id", "school_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)

    user: Mapped[User] = relationship()
    school: Mapped[School] = relationship()


class ItemReview(db.Model):  # type: ignore[name-defined,misc]
    """An inspector's finding on one item: corrected figures, an overridden result, the reason,
    and a comment for the school when returned."""

    __tablename__ = "item_review"
    __table_args__ = (UniqueConstraint("assessment_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(40))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    corrected: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    override_status: Mapped[str | None] = mapped_column(String(20))
    override_points: Mapped[float | None] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="reviews")
    updated_by: Mapped[User | None] = relationship()


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


class Meta(db.Model):  # type: ignore[name-defined,misc]
    """Facts about the database itself (e.g. that the demo built it)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


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


class ApiToken(db.Model):  # type: ignore[name-defined,misc]
    """A bearer token of the JSON API, for one account: the account sees through it exactly
    what it sees on the web. Only a hash is kept; the token is shown once, when created."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")  # what it is for (学籍系统)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the token
    hint: Mapped[str] = mapped_column(String(12), default="")  # the first characters, to tell tokens apart
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])


class RectificationTask(db.Model):  # type: ignore[name-defined,misc]
    """整改任务: an item not met or partly met when the assessment was finalised (核定完成), with
    its 整改建议 and 整改期限; the school's 整改报告 on it (整改措施, 整改成效, 佐证材料 as
    ``Evidence`` rows naming the task), kept as a draft until submitted; and the inspector's 复查
    (passed, or not passed with the reason). ``version`` rises with every change."""

    __tablename__ = "rectification_task"
    __table_args__ = (
        UniqueConstraint("assessment_id", "item_id"),
        CheckConstraint("status IN ('open', 'reported', 'passed', 'failed')", name="status"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(40))
    finding: Mapped[str] = mapped_column(String(20))  # the verified result it came from: not_met | partial
    advice: Mapped[str] = mapped_column(Text, default="")  # 整改建议
    deadline: Mapped[dt.date] = mapped_column(Date)  # 整改期限
    status: Mapped[TaskStatus] = mapped_column(EnumText(TaskStatus), default=TaskStatus.OPEN)
    measures: Mapped[str] = mapped_column(Text, default="")  # 整改措施
    outcome: Mapped[str] = mapped_column(Text, default="")  # 整改成效
    saved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # the draft's last save
    reported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reinspected_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reinspected_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reinspection_note: Mapped[str] = mapped_column(Text, default="")  # 复查意见; the reason when not passed
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    assessment: Mapped[Assessment] = relationship()
    reinspected_by: Mapped[User | None] = relationship(foreign_keys=[reinspected_by_id])
    evidence: Mapped[list[Evidence]] = relationship(
        primaryjoin="RectificationTask.id == Evidence.task_id", order_by="Evidence.id", viewonly=True
    )

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}


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


# SQLite reuses the largest id after a delete unless a table says AUTOINCREMENT; an id that
# comes back as another row's (a deleted evidence file's as another school's) would make links
# and audit entries ambiguous. Every table with an integer key says it (migration 0004).
for _table in db.metadata.tables.values():
    if _table.name != "meta":
        _table.dialect_options["sqlite"]["autoincrement"] = True
