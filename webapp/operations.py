"""Use cases: each public function is one unit of work and the one place that commits.

Views and CLI commands call these; they never touch the session's transaction themselves.
Every change writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from flask import current_app, g, has_request_context
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import OperationalError

from checklist.answers import validate_answers
from checklist.loader import RubricError, load_rubric_text
from checklist.scoring import ScoreCard, score
from webapp import auth
from webapp.assessments import (
    CROSS_FIELD_MARK,
    answers_for_scoring,
    results_summary,
    self_card,
    split_field_key,
)
from webapp.database import write_transaction
from webapp.extensions import db
from webapp.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    AuditEvent,
    AuthSession,
    Cycle,
    CycleStatus,
    District,
    Evidence,
    LoginAttempt,
    Role,
    RubricRecord,
    School,
    User,
    utcnow,
)
from webapp.rubrics import rubric_of, seed_library, sha256_of
from webapp.storage import EvidenceRejected, EvidenceStore, StoredFile, clean_name

_CROSS = CROSS_FIELD_MARK  # an error from a cross-field check, recomputed on every save


class OperationError(Exception):
    """A use case refused, with a message in Chinese for the person who asked."""


class NotAllowed(OperationError):
    """The object is in a state where this is not allowed (HTTP 409)."""


# --------------------------------------------------------------------------------------------
# Audit


def record(
    action: str,
    actor: User | None,
    *,
    entity: str = "",
    entity_id: object = "",
    school_id: int | None = None,
    assessment_id: int | None = None,
    old: Any = None,
    new: Any = None,
    reason: str = "",
) -> None:
    """Add an audit event to the current transaction (never commits by itself)."""
    db.session.add(
        AuditEvent(
            at=utcnow(),
            actor_id=actor.id if actor else None,
            actor_name=actor.name if actor else "系统",
            actor_role=actor.role if actor else "system",
            school_id=school_id,
            assessment_id=assessment_id,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            old=old,
            new=new,
            reason=reason,
            ip=auth.client_ip() if has_request_context() else "",
            request_id=g.get("request_id", "") if has_request_context() else "",
        )
    )


# --------------------------------------------------------------------------------------------
# Accounts


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    session_id: str = ""
    throttled: bool = False
    message: str = ""


def log_in(username: str, password: str, ip: str, user_agent: str) -> LoginResult:
    """Check a password, with throttling per username and per address; open a session.

    Two short transactions around the slow password check. The first, serialised per
    username and per address, counts the recent failures and records this attempt as a
    failure before the password is looked at, so a burst of simultaneous attempts is
    counted one by one and no more than the limit are ever evaluated; the second turns the
    attempt into a success and opens the session when the password was right."""
    username = username.strip()
    normal = username.lower()
    config = current_app.config
    try:
        with write_transaction():
            _serialise_logins(normal, ip)
            if _login_throttled(normal, ip):
                auth.security_log.warning("login_throttled user=%s ip=%s", auth.one_line(normal), auth.one_line(ip))
                minutes = int(config["LOGIN_WINDOW_SECONDS"]) // 60
                return LoginResult(None, throttled=True, message=f"登录失败次数过多，请{minutes}分钟后再试。")
            attempt = LoginAttempt(username=normal[:80], ip=ip, at=utcnow(), success=False)
            db.session.add(attempt)
            db.session.flush()
            attempt_id = attempt.id
        user = db.session.execute(select(User).where(func.lower(User.username) == normal)).scalar_one_or_none()
        ok = auth.password_matches(user, password)
        with write_transaction():
            if not ok or user is None:
                auth.security_log.warning("login_failed user=%s ip=%s", auth.one_line(normal), auth.one_line(ip))
                record("login_failed", None, entity="user", entity_id=normal[:80])
                return LoginResult(None, message="用户名或密码错误。")
            db.session.execute(update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(success=True))
            user = db.session.get(User, user.id)
            assert user is not None
            if not user.active:
                return LoginResult(None, message="该账号已停用，请联系教育局督导室。")
            now = utcnow()
            public_id = auth.new_session_id()
            db.session.add(
                AuthSession(
                    public_id=public_id,
                    user_id=user.id,
                    created_at=now,
                    last_seen_at=now,
                    ip=ip,
                    user_agent=user_agent[:300],
                )
            )
            user.last_login_at = now
            record("login", user, entity="user", entity_id=user.id, school_id=user.school_id)
    except OperationalError as exc:
        if not storage_full(exc):
            raise
        auth.security_log.error("login_impossible_disk_full user=%s", auth.one_line(normal))
        return LoginResult(None, message="系统存储空间已满，暂时无法登录。请联系教育局督导室的系统管理员。")
    return LoginResult(user, session_id=public_id)


def _login_throttled(normal: str, ip: str) -> bool:
    """Whether the username or the address has used up its failures in the window (a
    username's count starts again after a successful login)."""
    config = current_app.config
    window_start = utcnow() - dt.timedelta(seconds=int(config["LOGIN_WINDOW_SECONDS"]))
    last_success = db.session.execute(
        select(func.max(LoginAttempt.at)).where(LoginAttempt.username == normal, LoginAttempt.success.is_(True))
    ).scalar()
    since = max(window_start, last_success) if last_success else window_start
    user_failures = db.session.execute(
        select(func.count()).where(
            LoginAttempt.username == normal, LoginAttempt.success.is_(False), LoginAttempt.at > since
        )
    ).scalar_one()
    ip_failures = db.session.execute(
        select(func.count()).where(
            LoginAttempt.ip == ip, LoginAttempt.success.is_(False), LoginAttempt.at > window_start
        )
    ).scalar_one()
    return bool(
        user_failures >= int(config["LOGIN_MAX_FAILURES_PER_USER"])
        or ip_failures >= int(config["LOGIN_MAX_FAILURES_PER_IP"])
    )


def storage_full(exc: BaseException) -> bool:
    """Whether a database error means the disk (or the database's quota) is full."""
    text_of = str(getattr(exc, "orig", exc)).lower()
    return any(words in text_of for words in ("disk is full", "no space left", "could not extend", "disk full"))


def _serialise_logins(username: str, ip: str) -> None:
    """Make counting the failures and recording this attempt one step per username and per
    address: on PostgreSQL with transaction-scoped advisory locks (the username's first, then
    the address's, in every transaction, so two never wait on each other in a cycle), held
    for a few milliseconds, never across the password check; on SQLite the write transaction
    does it (BEGIN IMMEDIATE admits one writer at a time)."""
    if db.engine.dialect.name != "postgresql":
        return
    db.session.execute(text("SELECT pg_advisory_xact_lock(1, hashtext(:u))"), {"u": username})
    db.session.execute(text("SELECT pg_advisory_xact_lock(2, hashtext(:ip))"), {"ip": ip})


def log_out(user: User) -> None:
    """Revoke the current session server-side: the cookie is useless afterwards."""
    if user.auth_session is None:
        return
    session_id = user.auth_session.id
    with write_transaction():
        db.session.execute(update(AuthSession).where(AuthSession.id == session_id).values(revoked_at=utcnow()))
        record("logout", db.session.get(User, user.id), entity="user", entity_id=user.id)


def _revoke_sessions(user_id: int, keep: int | None = None) -> None:
    statement = update(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    if keep is not None:
        statement = statement.where(AuthSession.id != keep)
    db.session.execute(statement.values(revoked_at=utcnow()))


def change_password(user: User, current: str, new: str) -> None:
    """The user changes their own password; their other sessions end."""
    keep = user.auth_session.id if user.auth_session else None
    with write_transaction():
        fresh = db.session.get(User, user.id)
        assert fresh is not None
        if not auth.password_matches(fresh, current):
            raise OperationError("当前密码不正确")
        problem = password_problem_for(new, fresh.username, fresh)
        if problem:
            raise OperationError(problem)
        if auth.password_matches(fresh, new):
            raise OperationError("新密码不能与当前密码相同")
        fresh.password_hash = auth.hash_password(new)
        fresh.must_change_password = False
        _revoke_sessions(fresh.id, keep=keep)
        record("password_changed", fresh, entity="user", entity_id=fresh.id)


def password_problem_for(
    password: str,
    username: str,
    user: User | None,
    school_code: str | None = None,
    district_name: str | None = None,
    display_name: str = "",
) -> str:
    """Why ``password`` is refused for this account (webapp.passwords), with the account's own
    words — its names, its school's, its district's, the bureau's — as the context."""
    from webapp.passwords import password_problem

    context = [display_name, school_code or "", district_name or ""]
    school = district = None
    if user is not None:
        context.append(user.display_name)
        school, district = user.school, user.district
    elif school_code:
        school = db.session.execute(select(School).where(School.code == school_code)).scalar_one_or_none()
    if school is not None:
        context += [school.name, school.code, school.district.name if school.district else ""]
    if district is not None:
        context.append(district.name)
    context += db.session.execute(select(District.name)).scalars()  # the region's place names
    context += db.session.execute(select(RubricRecord.issuer).distinct()).scalars()  # 营口市教育局

    def taken(name: str) -> bool:
        return name != username.lower() and (
            db.session.execute(select(User.id).where(func.lower(User.username) == name)).first() is not None
        )

    return password_problem(
        password,
        username=username,
        context=context,
        taken=taken,
        min_length=int(current_app.config.get("PASSWORD_MIN_LENGTH", 10)),
    )


@dataclass(frozen=True)
class NewAccount:
    user_id: int
    username: str
    password: str


def create_user(
    username: str,
    role: Role,
    *,
    actor: User | None = None,
    password: str | None = None,
    school_code: str | None = None,
    district_name: str | None = None,
    display_name: str = "",
    must_change_password: bool | None = None,
) -> NewAccount:
    """Create an account. Without a password one is generated, to be changed at first login."""
    username = username.strip()
    if not username or len(username) > 80 or any(c.isspace() for c in username):
        raise OperationError("用户名不能为空、不能含空格，最多80个字符")
    generated = password is None
    password = password or auth.generate_password()
    with write_transaction():
        problem = password_problem_for(password, username, None, school_code, district_name, display_name)
        if problem and not generated:
            raise OperationError(problem)
        if db.session.execute(select(User.id).where(func.lower(User.username) == username.lower())).first():
            raise OperationError(f"用户名“{username}”已被使用")
        school = district = None
        if role is Role.SCHOOL:
            school = db.session.execute(select(School).where(School.code == school_code)).scalar_one_or_none()
            if school is None:
                raise OperationError(f"没有学校代码为“{school_code}”的学校")
        if role is Role.DISTRICT:
            district = db.session.execute(select(District).where(District.name == district_name)).scalar_one_or_none()
            if district is None:
                raise OperationError(f"没有名为“{district_name}”的区县")
        user = User(
            username=username,
            password_hash=auth.hash_password(password),
            role=role.value,
            display_name=display_name or (school.name if school else username),
            school_id=school.id if school else None,
            district_id=district.id if district else None,
            must_change_password=generated if must_change_password is None else must_change_password,
        )
        db.session.add(user)
        db.session.flush()
        record(
            "user_created",
            actor,
            entity="user",
            entity_id=user.id,
            new={
                "username": username,
                "role": role.value,
                "school": school.code if school else None,
                "district": district.name if district else None,
            },
        )
    return NewAccount(user.id, username, password)


def reset_password(username: str, actor: User | None = None) -> NewAccount:
    """A new random password, to be changed at next login; every session of the user ends."""
    password = auth.generate_password()
    with write_transaction():
        user = _user_by_name(username)
        user.password_hash = auth.hash_password(password)
        user.must_change_password = True
        _revoke_sessions(user.id)
        record("password_reset", actor, entity="user", entity_id=user.id, school_id=user.school_id)
    return NewAccount(user.id, user.username, password)


def set_active(username: str, active: bool, actor: User | None = None) -> None:
    """Deactivate (ending every session at once) or reactivate an account."""
    with write_transaction():
        user = _user_by_name(username)
        if actor is not None and user.id == actor.id and not active:
            raise OperationError("不能停用自己的账号")
        old = user.active
        user.active = active
        if not active:
            _revoke_sessions(user.id)
        record(
            "user_deactivated" if not active else "user_activated",
            actor,
            entity="user",
            entity_id=user.id,
            old={"active": old},
            new={"active": active},
        )


def _user_by_name(username: str) -> User:
    user = db.session.execute(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).scalar_one_or_none()
    if user is None:
        raise OperationError(f"没有用户“{username}”")
    return user


# --------------------------------------------------------------------------------------------
# Rubrics and cycles


def publish_rubric(yaml_text: str, actor: User | None = None) -> RubricRecord:
    """Store a rubric version (validated). The same id and version again must be identical."""
    rubric, problems = load_rubric_text(yaml_text, "上传的评估细则", seed_library())
    if rubric is None or problems:
        raise RubricError(problems)
    digest = sha256_of(yaml_text)
    with write_transaction():
        existing = db.session.execute(
            select(RubricRecord).where(RubricRecord.rubric_id == rubric.id, RubricRecord.version == rubric.version)
        ).scalar_one_or_none()
        if existing is not None:
            if existing.sha256 != digest:
                raise OperationError(f"评估细则 {rubric.id} 第{rubric.version}版已发布且内容不同：修改请提高版本号")
            return existing
        rec = RubricRecord(
            rubric_id=rubric.id,
            version=rubric.version,
            title=rubric.title,
            issuer=rubric.issuer,
            yaml_text=yaml_text,
            sha256=digest,
            uploaded_by_id=actor.id if actor else None,
        )
        db.session.add(rec)
        db.session.flush()
        record(
            "rubric_published",
            actor,
            entity="rubric",
            entity_id=rec.label,
            new={"title": rubric.title, "items": len(rubric.items)},
        )
    return rec


def open_cycle(
    name: str,
    year: int,
    rubric_record_id: int,
    deadline: dt.date | None,
    school_ids: Iterable[int],
    actor: User | None = None,
) -> Cycle:
    """Open an assessment cycle: one draft assessment per taking-part school."""
    with write_transaction():
        rec = db.session.get(RubricRecord, rubric_record_id)
        if rec is None:
            raise OperationError("评估细则不存在")
        cycle = Cycle(
            name=name,
            year=year,
            rubric_record_id=rec.id,
            deadline=deadline,
            status=CycleStatus.OPEN.value,
            opened_at=utcnow(),
        )
        db.session.add(cycle)
        db.session.flush()
        rubric = rubric_of(rec)
        wanted = sorted(set(school_ids))
        blank: dict[Any, ScoreCard] = {}  # an empty self-assessment scores the same for one profile
        with db.session.no_autoflush:
            for start in range(0, len(wanted), 500):
                chunk = select(School).where(School.id.in_(wanted[start : start + 500])).order_by(School.id)
                for school in db.session.execute(chunk).scalars():
                    profile = school.profile
                    if profile not in blank:
                        blank[profile] = score(rubric, {}, profile)
                    assessment = Assessment(cycle_id=cycle.id, school_id=school.id, status=AssessmentStatus.DRAFT.value)
                    _keep_card(assessment, blank[profile])
                    db.session.add(assessment)
        record(
            "cycle_opened",
            actor,
            entity="cycle",
            entity_id=cycle.id,
            new={"name": name, "rubric": rec.label, "deadline": str(deadline) if deadline else None},
        )
    return cycle


def current_cycle() -> Cycle | None:
    """The open cycle (the newest one if several are open), else the newest cycle."""
    cycles = db.session.execute(select(Cycle).order_by(Cycle.id.desc())).scalars().all()
    return next((c for c in cycles if c.status == CycleStatus.OPEN.value), cycles[0] if cycles else None)


def _rescore(assessment: Assessment, rubric: Any) -> ScoreCard:
    card = self_card(assessment, rubric)
    _keep_card(assessment, card)
    return card


def _keep_card(assessment: Assessment, card: ScoreCard) -> None:
    assessment.self_percent = card.total_percent
    assessment.self_level = card.level
    assessment.self_veto = card.veto_failed
    assessment.self_results = results_summary(card)
    assessment.applicable_count = card.applicable_count
    assessment.answered_count = card.answered_count


# --------------------------------------------------------------------------------------------
# The school fills in its self-assessment


@dataclass(frozen=True)
class FieldReading:
    """One form field as read: the raw text, the value when it could be read, else the reason."""

    key: str
    raw: str
    value: Any
    error: str = ""


@dataclass(frozen=True)
class Upload:
    item_id: str
    filename: str
    stream: BinaryIO


@dataclass
class SaveResult:
    saved: bool
    stale: bool = False
    assessment_version: int = 0
    field_errors: dict[str, str] = field(default_factory=dict)
    file_errors: dict[str, list[str]] = field(default_factory=dict)
    files_added: int = 0
    files_deleted: int = 0
    changed_by: str = ""
    changed_at: dt.datetime | None = None


def evidence_store() -> EvidenceStore:
    from pathlib import Path

    from webapp.pdfcheck import Limits

    config = current_app.config
    return EvidenceStore(
        Path(config["EVIDENCE_DIR"]),
        int(config["EVIDENCE_MAX_BYTES"]),
        int(config["EVIDENCE_MAX_UNPACKED_BYTES"]),
        pdf_limits=Limits(
            max_unpacked=int(config["EVIDENCE_MAX_UNPACKED_BYTES"]),
            max_objects=int(config["PDF_MAX_OBJECTS"]),
            timeout=float(config["PDF_CHECK_SECONDS"]),
            max_memory=int(config["PDF_CHECK_MEMORY_BYTES"]),
        ),
        min_free_bytes=int(config["EVIDENCE_MIN_FREE_BYTES"]),
    )


def _editable_by_school(assessment: Assessment) -> None:
    if not assessment.status_enum.school_can_edit:
        raise NotAllowed(f"本自评当前状态为“{assessment.status_enum.label}”，不能修改。")
    if assessment.cycle.status != CycleStatus.OPEN.value:
        raise NotAllowed("本年度评估已结束，不能再修改。")


def _lock(assessment_id: int) -> Assessment:
    assessment = db.session.execute(
        select(Assessment).where(Assessment.id == assessment_id).with_for_update(of=Assessment)
    ).scalar_one_or_none()
    if assessment is not None:
        from sqlalchemy.orm import selectinload

        db.session.execute(  # the children, in one query each, into the identity map
            select(Assessment)
            .where(Assessment.id == assessment_id)
            .options(
                selectinload(Assessment.answers), selectinload(Assessment.evidence), selectinload(Assessment.reviews)
            )
        ).scalar_one()
    if assessment is None:
        raise OperationError("自评不存在")
    return assessment


@dataclass
class _Received:
    """An upload checked and on disk, before its row exists."""

    item_id: str
    name: str
    file: StoredFile


def save_section(
    assessment_id: int,
    actor: User,
    expected_version: int,
    readings: Sequence[FieldReading],
    uploads: Sequence[Upload] = (),
    delete_evidence: Sequence[int] = (),
) -> SaveResult:
    """Save one page of the self-assessment: every field as typed (valid or not), new evidence
    files, evidence removals; re-score. A form rendered from an older version is refused and
    nothing is written, so a second person never silently overwrites the first.

    Uploads are received and checked before the write transaction opens (a PDF's check takes
    time that no other writer should wait for); files of removed evidence leave the disk only
    after the commit, and new files are removed again if the transaction fails."""
    store = evidence_store()
    file_errors: dict[str, list[str]] = {}
    received = _receive_uploads(store, uploads, file_errors)
    kept: list[_Received] = []
    try:
        with write_transaction():
            assessment = _lock(assessment_id)
            if assessment.version != expected_version:
                for upload in received:
                    store.discard(upload.file.storage_key)
                return SaveResult(
                    saved=False,
                    stale=True,
                    assessment_version=assessment.version,
                    changed_by=assessment.updated_by.name if assessment.updated_by else "",
                    changed_at=assessment.updated_at,
                )
            _editable_by_school(assessment)
            rubric = rubric_of(assessment.cycle.rubric_record)
            now = utcnow()
            old, new = _store_readings(assessment, readings, now)
            field_errors = _check_across_fields(assessment, rubric)
            removed = _remove_evidence(assessment, actor, delete_evidence)
            kept = _attach_evidence(assessment, actor, received, set(removed), rubric, file_errors, now)
            db.session.flush()
            db.session.refresh(assessment, ["answers"])
            if old or new or removed or kept:
                _rescore_saved(assessment, actor, rubric, old, new, now)
    except BaseException:
        for upload in received:
            store.discard(upload.file.storage_key)
        raise
    for upload in received:
        if upload not in kept:
            store.discard(upload.file.storage_key)
    for key in removed:
        store.discard(key)
    return SaveResult(
        saved=True,
        assessment_version=assessment.version,
        field_errors=field_errors,
        file_errors=file_errors,
        files_added=len(kept),
        files_deleted=len(removed),
    )


def _receive_uploads(
    store: EvidenceStore, uploads: Sequence[Upload], file_errors: dict[str, list[str]]
) -> list[_Received]:
    """Each upload copied to disk and checked, outside any transaction; refusals noted."""
    received = []
    for upload in uploads:
        name = clean_name(upload.filename)
        try:
            received.append(_Received(upload.item_id, name, store.receive(upload.stream, name)))
        except EvidenceRejected as exc:
            file_errors.setdefault(upload.item_id, []).append(f"《{name}》未保存：{exc}")
    return received


def _store_readings(
    assessment: Assessment, readings: Sequence[FieldReading], now: dt.datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every field as typed onto its answer row; returns the old and new texts of the changed."""
    rows = {row.key: row for row in assessment.answers}
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for reading in readings:
        row = rows.get(reading.key)
        old_raw = row.raw if row else None
        if row is None:
            if not reading.raw.strip():
                continue
            row = Answer(assessment=assessment, key=reading.key)
            db.session.add(row)
            rows[reading.key] = row
        if (row.raw or "") == reading.raw and row.value == reading.value and (row.error or "") == reading.error:
            continue
        row.raw = reading.raw
        row.value = reading.value
        row.error = reading.error or None
        row.updated_at = now
        old[reading.key] = old_raw
        new[reading.key] = reading.raw
    return old, new


def _check_across_fields(assessment: Assessment, rubric: Any) -> dict[str, str]:
    """Cross-field checks over the whole assessment (交流教师 ≤ 符合条件教师 …), recomputed on
    every save over every value that is valid on its own; returns the messages by field."""
    rows = {row.key: row for row in assessment.answers}
    merged = answers_for_scoring(rows.values(), rubric, include_cross_field_errors=True)
    cross = validate_answers(rubric, merged, assessment.school.profile)
    field_errors: dict[str, str] = {}
    for row in rows.values():
        if row.error and not row.error.startswith(_CROSS):
            continue  # the text itself could not be read
        message = cross.get(row.key) or cross.get(split_field_key(row.key)[0])
        if message and row.value is not None:
            row.error = _CROSS + message
            field_errors[row.key] = message
        elif row.error:
            row.error = None
    return field_errors


def _remove_evidence(assessment: Assessment, actor: User, evidence_ids: Sequence[int]) -> list[str]:
    """Delete the school's chosen evidence rows; returns their storage keys, whose files go
    once the transaction has committed."""
    keys = []
    for evidence_id in evidence_ids:
        evidence = db.session.get(Evidence, evidence_id)
        if evidence is None or evidence.assessment_id != assessment.id:
            continue
        record(
            "evidence_deleted",
            actor,
            entity="evidence",
            entity_id=evidence.id,
            school_id=assessment.school_id,
            assessment_id=assessment.id,
            old={"item": evidence.item_id, "name": evidence.original_name},
        )
        keys.append(evidence.storage_key)
        db.session.delete(evidence)
    return keys


def school_storage_used(school_id: int) -> int:
    """Bytes of evidence a school keeps, over every cycle."""
    return int(
        db.session.execute(
            select(func.coalesce(func.sum(Evidence.size), 0))
            .join(Assessment, Evidence.assessment_id == Assessment.id)
            .where(Assessment.school_id == school_id)
        ).scalar_one()
    )


def _attach_evidence(
    assessment: Assessment,
    actor: User,
    received: Sequence[_Received],
    removed: set[str],
    rubric: Any,
    file_errors: dict[str, list[str]],
    now: dt.datetime,
) -> list[_Received]:
    """Rows for the received files within the per-item limit and the school's quota; returns
    the files kept (the caller removes the others from disk)."""
    config = current_app.config
    per_item_limit = int(config["EVIDENCE_MAX_FILES_PER_ITEM"])
    quota = int(config["EVIDENCE_MAX_BYTES_PER_SCHOOL"])
    db.session.flush()  # removals first: they free room in the quota
    used = school_storage_used(assessment.school_id)
    counts: dict[str, int] = {}
    for ev in assessment.evidence:
        if ev.storage_key not in removed:
            counts[ev.item_id] = counts.get(ev.item_id, 0) + 1
    valid_items = {item.id for item in rubric.items}
    kept = []
    for upload in received:
        if upload.item_id not in valid_items:
            continue
        if counts.get(upload.item_id, 0) >= per_item_limit:
            file_errors.setdefault(upload.item_id, []).append(
                f"《{upload.name}》未保存：每个要点最多上传{per_item_limit}个文件"
            )
            continue
        if used + upload.file.size > quota:
            file_errors.setdefault(upload.item_id, []).append(
                f"《{upload.name}》未保存：本校佐证材料已占用{_megabytes(used)}，"
                f"上限为{_megabytes(quota)}。请删除不需要的文件或压缩后再上传"
            )
            continue
        used += upload.file.size
        counts[upload.item_id] = counts.get(upload.item_id, 0) + 1
        stored_file = upload.file
        evidence = Evidence(
            assessment=assessment,
            item_id=upload.item_id,
            original_name=upload.name,
            storage_key=stored_file.storage_key,
            content_type=stored_file.content_type,
            size=stored_file.size,
            sha256=stored_file.sha256,
            uploaded_by_id=actor.id,
            uploaded_at=now,
        )
        db.session.add(evidence)
        db.session.flush()
        record(
            "evidence_uploaded",
            actor,
            entity="evidence",
            entity_id=evidence.id,
            school_id=assessment.school_id,
            assessment_id=assessment.id,
            new={"item": upload.item_id, "name": upload.name, "sha256": stored_file.sha256, "size": stored_file.size},
        )
        kept.append(upload)
    return kept


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}MB"


def _rescore_saved(
    assessment: Assessment,
    actor: User,
    rubric: Any,
    old: dict[str, Any],
    new: dict[str, Any],
    now: dt.datetime,
) -> None:
    """The score after a save, and the audit of what changed."""
    old_score = assessment.self_percent
    _rescore(assessment, rubric)
    assessment.updated_at = now
    assessment.updated_by_id = actor.id
    if new:
        record(
            "answers_saved",
            actor,
            entity="assessment",
            entity_id=assessment.id,
            school_id=assessment.school_id,
            assessment_id=assessment.id,
            old=old,
            new=new,
        )
    if old_score != assessment.self_percent:
        record(
            "self_score_changed",
            actor,
            entity="assessment",
            entity_id=assessment.id,
            school_id=assessment.school_id,
            assessment_id=assessment.id,
            old=old_score,
            new=assessment.self_percent,
        )


def _move(
    assessment: Assessment,
    actor: User,
    status: AssessmentStatus,
    action: str,
    *,
    stamp: str = "",
    new: dict[str, Any] | None = None,
    old: dict[str, Any] | None = None,
    reason: str = "",
) -> None:
    """One step of the cycle (提交, 开始核定, 退回修改, 核定完成), with its timestamp and audit event."""
    previous = assessment.status
    now = utcnow()
    assessment.status = status.value
    if stamp:
        setattr(assessment, stamp, now)
    assessment.updated_at = now
    assessment.updated_by_id = actor.id
    record(
        action,
        actor,
        entity="assessment",
        entity_id=assessment.id,
        school_id=assessment.school_id,
        assessment_id=assessment.id,
        old={"status": previous, **(old or {})},
        new={"status": status.value, **(new or {})},
        reason=reason,
    )


def submission_problems(assessment: Assessment) -> list[str]:
    """Why an assessment cannot be submitted yet (empty when it can)."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    card = self_card(assessment, rubric)
    problems = []
    unanswered = card.unanswered
    if unanswered:
        problems.append(f"还有{len(unanswered)}个评估要点未填写完整")
    bad = [row for row in assessment.answers if row.error]
    if bad:
        problems.append(f"还有{len(bad)}处填写有误")
    cycle = assessment.cycle
    if cycle.status != CycleStatus.OPEN.value:
        problems.append("本年度评估未在进行中")
    elif (
        assessment.status == AssessmentStatus.DRAFT.value
        and cycle.deadline is not None
        and local_today() > cycle.deadline
    ):
        problems.append(f"已过提交截止日期（{cycle.deadline:%Y年%m月%d日}）")
    return problems


def local_today() -> dt.date:
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])).date()


def submit_assessment(assessment_id: int, actor: User, expected_version: int) -> Assessment:
    """The school submits: from then on it can read but not change, until returned."""
    with write_transaction():
        assessment = _lock(assessment_id)
        if assessment.status == AssessmentStatus.SUBMITTED.value and assessment.submitted_at:
            raise NotAllowed("本自评已经提交，无需重复提交。")
        if assessment.version != expected_version:
            raise NotAllowed("自评内容在您确认之后又被修改过，请重新核对后再提交。")
        _editable_by_school(assessment)
        problems = submission_problems(assessment)
        if problems:
            raise OperationError("暂不能提交：" + "；".join(problems) + "。")
        _move(
            assessment,
            actor,
            AssessmentStatus.SUBMITTED,
            "submitted",
            stamp="submitted_at",
            new={"self_percent": assessment.self_percent, "self_level": assessment.self_level},
        )
    return assessment


def audit_for(assessment: Assessment, limit: int = 50) -> list[AuditEvent]:
    return list(
        db.session.execute(
            select(AuditEvent)
            .where(AuditEvent.assessment_id == assessment.id)
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        ).scalars()
    )


def purge_login_attempts(older_than: dt.timedelta = dt.timedelta(days=30)) -> int:
    with write_transaction():
        result = db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - older_than))
    return int(getattr(result, "rowcount", 0) or 0)


def schools_by_code(codes: Iterable[str]) -> Mapping[str, School]:
    rows = db.session.execute(select(School).where(School.code.in_(list(codes)))).scalars()
    return {s.code: s for s in rows}


# --------------------------------------------------------------------------------------------
# Inspectors verify (核定)


_REVIEWABLE = (AssessmentStatus.SUBMITTED.value, AssessmentStatus.UNDER_REVIEW.value)


def _store_verified(assessment: Assessment, rubric: Any) -> ScoreCard:
    from webapp.assessments import verified_card

    card = verified_card(assessment, rubric)
    assessment.verified_percent = card.total_percent
    assessment.verified_level = card.level
    assessment.verified_veto = card.veto_failed
    assessment.verified_results = results_summary(card)
    return card


def start_review(assessment_id: int, actor: User) -> Assessment:
    """An inspector takes up a submitted self-assessment (已提交 → 核定中)."""
    with write_transaction():
        assessment = _lock(assessment_id)
        if assessment.status == AssessmentStatus.UNDER_REVIEW.value:
            return assessment
        if assessment.status != AssessmentStatus.SUBMITTED.value:
            raise NotAllowed(f"自评当前状态为“{assessment.status_enum.label}”，不能开始核定。")
        assessment.status = AssessmentStatus.UNDER_REVIEW.value
        assessment.updated_at = utcnow()
        assessment.updated_by_id = actor.id
        _store_verified(assessment, rubric_of(assessment.cycle.rubric_record))
        record(
            "review_started",
            actor,
            entity="assessment",
            entity_id=assessment.id,
            school_id=assessment.school_id,
            assessment_id=assessment.id,
            old={"status": AssessmentStatus.SUBMITTED.value},
            new={"status": assessment.status},
        )
    return assessment


@dataclass(frozen=True)
class ReviewInput:
    """What an inspector records on one item."""

    item_id: str
    corrected: Mapping[str, Any]  # field key → corrected value (already read from the text)
    override_status: str | None = None
    override_points: float | None = None
    reason: str = ""
    comment: str = ""
    confirmed: bool = True


def _lock_for_review(assessment_id: int, actor: User, expected_version: int) -> Assessment:
    """Lock an assessment an inspector is about to change; the first change of a submitted
    assessment starts the review (已提交 → 核定中)."""
    assessment = _lock(assessment_id)
    if assessment.version != expected_version:
        raise NotAllowed("本自评在您打开之后已被修改（可能是其他督学），请刷新后再核定。")
    if assessment.status == AssessmentStatus.SUBMITTED.value:
        assessment.status = AssessmentStatus.UNDER_REVIEW.value
        record(
            "review_started",
            actor,
            entity="assessment",
            entity_id=assessment.id,
            school_id=assessment.school_id,
            assessment_id=assessment.id,
            old={"status": "submitted"},
            new={"status": assessment.status},
        )
    if assessment.status != AssessmentStatus.UNDER_REVIEW.value:
        raise NotAllowed(f"自评当前状态为“{assessment.status_enum.label}”，不能核定。")
    return assessment


def record_review(assessment_id: int, actor: User, expected_version: int, review: ReviewInput) -> ScoreCard:
    """Confirm, correct or override one item; the verified score is recomputed by the same engine.
    A reason is required whenever the verified result differs from the school's."""
    from checklist.scoring import Status
    from webapp.assessments import self_card
    from webapp.models import ItemReview

    with write_transaction():
        assessment = _lock_for_review(assessment_id, actor, expected_version)
        rubric = rubric_of(assessment.cycle.rubric_record)
        item = rubric.item(review.item_id)
        if review.override_status is not None:
            if review.override_status not in {s.value for s in Status} - {"unanswered"}:
                raise OperationError("核定结果无效")
            if review.override_status == Status.PARTIAL.value and not (
                review.override_points is not None and 0 < review.override_points < item.points
            ):
                raise OperationError(f"部分达标须给出得分（大于0、小于{item.points:g}分）")
        existing = next((r for r in assessment.reviews if r.item_id == review.item_id), None)
        old = _review_snapshot(existing)
        if existing is None:
            existing = ItemReview(assessment=assessment, item_id=review.item_id)
            db.session.add(existing)
        existing.confirmed = review.confirmed
        existing.corrected = dict(review.corrected)
        existing.override_status = review.override_status
        existing.override_points = review.override_points if review.override_status == "partial" else None
        existing.reason = review.reason.strip()
        existing.comment = review.comment.strip()
        existing.updated_by_id = actor.id
        existing.updated_at = utcnow()
        db.session.flush()
        db.session.refresh(assessment, ["reviews"])
        self_result = self_card(assessment, rubric).by_id[review.item_id]
        old_verified = assessment.verified_percent
        card = _store_verified(assessment, rubric)
        verified = card.by_id[review.item_id]
        differs = (verified.status, verified.earned) != (self_result.status, self_result.earned) or bool(
            review.corrected
        )
        if differs and not existing.reason:
            raise OperationError("核定结果与学校自评不同，必须填写核定理由")
        assessment.updated_at = utcnow()
        assessment.updated_by_id = actor.id
        record(
            "item_reviewed",
            actor,
            entity="item",
            entity_id=review.item_id,
            school_id=assessment.school_id,
            assessment_id=assessment.id,
            old=old,
            new=_review_snapshot(existing) | {"result": verified.status.value, "earned": verified.earned},
            reason=existing.reason,
        )
        if old_verified != assessment.verified_percent:
            record(
                "verified_score_changed",
                actor,
                entity="assessment",
                entity_id=assessment.id,
                school_id=assessment.school_id,
                assessment_id=assessment.id,
                old=old_verified,
                new=assessment.verified_percent,
                reason=existing.reason,
            )
    return card


def _review_snapshot(review: Any) -> dict[str, Any] | None:
    if review is None:
        return None
    return {
        "confirmed": review.confirmed,
        "corrected": dict(review.corrected or {}),
        "override": review.override_status,
        "points": review.override_points,
        "reason": review.reason,
        "comment": review.comment,
    }


def return_for_correction(assessment_id: int, actor: User, expected_version: int, note: str = "") -> Assessment:
    """退回修改: the school may edit again; the inspector's comments show beside the items."""
    with write_transaction():
        assessment = _lock(assessment_id)
        if assessment.version != expected_version:
            raise NotAllowed("本自评在您打开之后已被修改，请刷新后再操作。")
        if assessment.status not in _REVIEWABLE:
            raise NotAllowed(f"自评当前状态为“{assessment.status_enum.label}”，不能退回。")
        if not any(r.comment for r in assessment.reviews) and not note.strip():
            raise OperationError("退回修改时，请至少对一个要点写明修改意见")
        _move(
            assessment,
            actor,
            AssessmentStatus.RETURNED,
            "returned",
            stamp="returned_at",
            new={"comments": {r.item_id: r.comment for r in assessment.reviews if r.comment}},
            reason=note.strip(),
        )
    return assessment


def finalise(assessment_id: int, actor: User, expected_version: int) -> Assessment:
    """核定完成: the verified score is final and the assessment is locked for everyone."""
    with write_transaction():
        assessment = _lock(assessment_id)
        if assessment.version != expected_version:
            raise NotAllowed("本自评在您打开之后已被修改，请刷新后再操作。")
        if assessment.status not in _REVIEWABLE:
            raise NotAllowed(f"自评当前状态为“{assessment.status_enum.label}”，不能核定完成。")
        rubric = rubric_of(assessment.cycle.rubric_record)
        card = _store_verified(assessment, rubric)
        _move(
            assessment,
            actor,
            AssessmentStatus.FINALISED,
            "finalised",
            stamp="finalised_at",
            old={"self_percent": assessment.self_percent},
            new={"verified_percent": card.total_percent, "verified_level": card.level},
        )
    return assessment


def confirm_items(assessment_id: int, actor: User, expected_version: int, item_ids: Sequence[str]) -> int:
    """Confirm several items as the school gave them (no correction, no override)."""
    from webapp.models import ItemReview

    with write_transaction():
        assessment = _lock_for_review(assessment_id, actor, expected_version)
        rubric = rubric_of(assessment.cycle.rubric_record)
        known = {item.id for item in rubric.items}
        reviewed = {r.item_id for r in assessment.reviews}
        new = [i for i in dict.fromkeys(item_ids) if i in known and i not in reviewed]
        for item_id in new:
            db.session.add(
                ItemReview(
                    assessment=assessment, item_id=item_id, confirmed=True, updated_by_id=actor.id, updated_at=utcnow()
                )
            )
        db.session.flush()
        db.session.refresh(assessment, ["reviews"])
        _store_verified(assessment, rubric)
        assessment.updated_at = utcnow()
        assessment.updated_by_id = actor.id
        if new:
            record(
                "items_confirmed",
                actor,
                entity="assessment",
                entity_id=assessment.id,
                school_id=assessment.school_id,
                assessment_id=assessment.id,
                new={"items": new},
            )
    return len(new)


def record_job_download(actor: User, job_id: int, kind: str, filename: str) -> None:
    """Taking a background job's result (an export, a batch of reports) out is audited too."""
    with write_transaction():
        record(
            "job_result_downloaded",
            db.session.get(User, actor.id),
            entity="job",
            entity_id=job_id,
            new={"kind": kind, "file": filename},
        )


def record_download(actor: User, what: str, entity_id: object, school_id: int | None = None) -> None:
    """Reading official results is audited too (who downloaded which report, when)."""
    with write_transaction():
        record(
            "report_downloaded",
            db.session.get(User, actor.id),
            entity=what,
            entity_id=entity_id,
            school_id=school_id,
            assessment_id=entity_id if what == "report" else None,
        )
