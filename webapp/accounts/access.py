"""Who is logged in, and what each role may see.

A login creates a server-side AuthSession; the session cookie carries only its public id.
Logging out, deactivating the account or changing the password revokes sessions, so a cookie
copied before is useless afterwards. Idle and absolute time limits apply.

Loading and authorising go together (STYLE.md principle 5): ``assessment_for(id)`` and friends
return the object only if the current user may see it and raise 404 otherwise — the same
answer for "does not exist" and "not yours", so that nothing leaks.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, current_app, request
from flask_login import LoginManager, current_user
from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from webapp.assessments import assessment_loading
from webapp.extensions import db
from webapp.models import (
    Assessment,
    AuthSession,
    Evidence,
    InspectorAssignment,
    Role,
    School,
    User,
    utcnow,
)
from webapp.web import client_ip

F = TypeVar("F", bound=Callable[..., Any])
security_log = logging.getLogger("selfcheck.security")

_TOUCH_EVERY = dt.timedelta(minutes=5)
# A hash of a random password, checked when the username is unknown, so that both answers
# take the same time (no user enumeration by timing).
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))


def configure_login(manager: LoginManager) -> None:
    manager.login_view = "accounts.login"
    manager.login_message = "请先登录。"
    manager.login_message_category = "info"
    manager.session_protection = "basic"
    manager.user_loader(load_user)


def load_user(public_id: str) -> User | None:
    auth_session = db.session.execute(
        select(AuthSession).where(AuthSession.public_id == public_id)
    ).scalar_one_or_none()
    if auth_session is None or auth_session.revoked_at is not None:
        return None
    user = auth_session.user
    if not user.active or (user.school is not None and not user.school.active):
        return None
    now = utcnow()
    idle = dt.timedelta(seconds=int(current_app.config["SESSION_IDLE_SECONDS"]))
    absolute = dt.timedelta(seconds=int(current_app.config["SESSION_ABSOLUTE_SECONDS"]))
    if now - auth_session.last_seen_at > idle or now - auth_session.created_at > absolute:
        return None
    if now - auth_session.last_seen_at > _TOUCH_EVERY:
        with db.engine.begin() as connection:
            connection.execute(update(AuthSession).where(AuthSession.id == auth_session.id).values(last_seen_at=now))
    user.auth_session = auth_session
    return user


def load_session(public_id: str) -> AuthSession:
    return db.session.execute(select(AuthSession).where(AuthSession.public_id == public_id)).scalar_one()


def hash_password(password: str) -> str:
    return generate_password_hash(password)


# Generated initial passwords are 12 random characters (about 69 bits): no dictionary reaches
# them, so they are hashed with a cheaper scrypt (2^12 instead of werkzeug's 2^15), which makes a
# city's 300 school accounts a matter of seconds. The owner's own password, set at first login,
# gets the full cost (hash_password).
INITIAL_PASSWORD_METHOD = "scrypt:4096:8:1"


def hash_initial_password(password: str) -> str:
    """The hash of a password generate_password() made (never of one a person chose)."""
    return generate_password_hash(password, method=INITIAL_PASSWORD_METHOD)


def password_matches(user: User | None, password: str) -> bool:
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(user.password_hash, password)


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def one_line(text: str, limit: int = 200) -> str:
    """Text for a log line: control and line-breaking characters escaped (a username holding
    CR/LF cannot forge a second line), length bounded."""
    text = text[:limit]
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def log_denied(what: str, object_id: object) -> None:
    """Failed authorisation is logged (ASVS 16.3.2): who asked for what they may not see."""
    user = getattr(current_user, "username", "-") if current_user else "-"
    security_log.warning(
        "authz_denied user=%s role=%s %s=%s ip=%s",
        one_line(str(user)),
        getattr(current_user, "role", "-"),
        what,
        one_line(str(object_id)),
        client_ip(),
    )


def generate_password() -> str:
    """A random initial password people can type: 12 characters without look-alikes."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(12))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Roles and scoped loading


def role_required(*roles: Role) -> Callable[[F], F]:
    """Only these roles may call the view; others get 403, anonymous users the login page."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if current_user.role not in roles:
                log_denied("endpoint", request.endpoint)
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def visible_school_ids(user: User) -> set[int] | None:
    """The schools a user may see; None means all of them (admins)."""
    role = user.role
    if role is Role.ADMIN:
        return None
    if role is Role.SCHOOL:
        return {user.school_id} if user.school_id else set()
    if role is Role.DISTRICT:
        return set(db.session.execute(select(School.id).where(School.district_id == user.district_id)).scalars())
    return set(
        db.session.execute(
            select(InspectorAssignment.school_id).where(InspectorAssignment.user_id == user.id)
        ).scalars()
    )


def can_see_school(user: User, school_id: int) -> bool:
    allowed = visible_school_ids(user)
    return allowed is None or school_id in allowed


def assessment_for(assessment_id: int, *roles: Role) -> Assessment:
    """The assessment if the current user (in one of ``roles``) may see it; 404 otherwise."""
    if current_user.role not in roles:
        abort(404)
    assessment = db.session.execute(
        select(Assessment).where(Assessment.id == assessment_id).options(*assessment_loading())
    ).scalar_one_or_none()
    if assessment is None or not can_see_school(current_user, assessment.school_id):
        if assessment is not None:
            log_denied("assessment", assessment_id)
        abort(404)
    return assessment




def evidence_for(evidence_id: int) -> Evidence:
    """An evidence file if the current user may see its school; 404 otherwise."""
    evidence = db.session.get(Evidence, evidence_id)
    if evidence is None or not can_see_school(current_user, evidence.assessment.school_id):
        if evidence is not None:
            log_denied("evidence", evidence_id)
        abort(404)
    return evidence
