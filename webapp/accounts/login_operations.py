"""Use cases of logging in and out: the password check, throttled per username and per
address, that opens a server-side session; the logout that revokes it; the purge of old
attempts. Each public function is one transaction (or two, around the slow password check)
ending in the commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import OperationalError

from webapp.accounts.access import new_session_id, one_line, password_matches, security_log
from webapp.audit import record
from webapp.database import write_transaction
from webapp.extensions import db
from webapp.models import AuthSession, LoginAttempt, User, utcnow


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
                security_log.warning("login_throttled user=%s ip=%s", one_line(normal), one_line(ip))
                minutes = int(config["LOGIN_WINDOW_SECONDS"]) // 60
                return LoginResult(None, throttled=True, message=f"登录失败次数过多，请{minutes}分钟后再试。")
            attempt = LoginAttempt(username=normal[:80], ip=ip, at=utcnow(), success=False)
            db.session.add(attempt)
            db.session.flush()
            attempt_id = attempt.id
        user = db.session.execute(select(User).where(func.lower(User.username) == normal)).scalar_one_or_none()
        ok = password_matches(user, password)
        with write_transaction():
            if not ok or user is None:
                security_log.warning("login_failed user=%s ip=%s", one_line(normal), one_line(ip))
                record("login_failed", None, entity="user", entity_id=normal[:80])
                return LoginResult(None, message="用户名或密码错误。")
            db.session.execute(update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(success=True))
            user = db.session.get(User, user.id)
            assert user is not None
            if not user.active:
                return LoginResult(None, message="该账号已停用，请联系教育局督导室。")
            if user.school is not None and not user.school.active:
                return LoginResult(None, message="该学校已停用，学校账号不能登录。如有疑问请联系教育局督导室。")
            now = utcnow()
            public_id = new_session_id()
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
        security_log.error("login_impossible_disk_full user=%s", one_line(normal))
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


def purge_login_attempts(older_than: dt.timedelta = dt.timedelta(days=30)) -> int:
    with write_transaction():
        result = db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - older_than))
    return int(getattr(result, "rowcount", 0) or 0)
