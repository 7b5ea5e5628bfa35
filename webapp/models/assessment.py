"""The tables of a school's self-assessment and what it stands on: districts (区县), schools
with their profile, accounts, the rubric versions as published, cycles (年度评估), and each
assessment with its answers, evidence files (佐证材料), the inspector's findings and who
reviews which school. The other model modules point here; nothing here points at them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from checklist.model import STAGE_NAMES, SchoolProfile
from webapp.columns import EnumText, ItemFigures, ItemResults, UTCDateTime, utcnow
from webapp.extensions import db
from webapp.lifecycle import AssessmentStatus, Role


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
