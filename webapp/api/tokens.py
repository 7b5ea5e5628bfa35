"""API tokens: made for one account, shown once, kept only as a hash.

A token reads like ``sc_<43 random characters>``; its first characters (the hint) are kept in
clear so that an administrator can tell two tokens of one account apart. A token is refused as
soon as it is revoked or its account is deactivated."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update

from webapp.audit import record
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import ApiToken, User, utcnow

PREFIX = "sc_"
HINT_LENGTH = 8
MAX_NAME = 100
_TOUCH_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    id: int
    token: str  # shown once
    username: str
    name: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(username: str, name: str = "", actor: User | None = None) -> NewToken:
    """A new token for the account ``username``; raises OperationError if there is none."""
    name = " ".join(name.split())[:MAX_NAME]
    token = PREFIX + secrets.token_urlsafe(32)
    with write_transaction():
        user = _active_user(username)
        row = ApiToken(
            user_id=user.id,
            name=name,
            token_hash=token_hash(token),
            hint=token[:HINT_LENGTH],
            created_by_id=actor.id if actor else None,
        )
        db.session.add(row)
        db.session.flush()
        record(
            "api_token_created",
            actor,
            entity="api_token",
            entity_id=row.id,
            new={"account": user.username, "name": name, "hint": row.hint},
        )
        created = NewToken(row.id, token, user.username, name)
    return created


def revoke_token(token_id: int, actor: User | None = None, username: str | None = None) -> ApiToken:
    """Revoke one token (of ``username``'s account, when named); revoking a revoked token
    changes nothing."""
    with write_transaction():
        row = db.session.get(ApiToken, token_id)
        if row is None or (username is not None and row.user.username != username):
            owner = f"账号 {username} " if username else ""
            raise OperationError(f"{owner}没有编号为 {token_id} 的令牌。")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            record(
                "api_token_revoked",
                actor,
                entity="api_token",
                entity_id=row.id,
                old={"account": row.user.username, "name": row.name, "hint": row.hint},
            )
    return row


def revoke_all(username: str, actor: User | None = None) -> int:
    """Revoke every live token of an account; the number revoked."""
    with write_transaction():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            raise OperationError(f"没有账号“{username}”。")
        live = list(
            db.session.execute(
                select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            ).scalars()
        )
        now = utcnow()
        for row in live:
            row.revoked_at = now
            record(
                "api_token_revoked",
                actor,
                entity="api_token",
                entity_id=row.id,
                old={"account": user.username, "name": row.name, "hint": row.hint},
            )
    return len(live)


def tokens_of(user_id: int | None = None) -> list[ApiToken]:
    query = select(ApiToken).order_by(ApiToken.id.desc())
    if user_id is not None:
        query = query.where(ApiToken.user_id == user_id)
    return list(db.session.execute(query).scalars())


def token_for(presented: str) -> ApiToken | None:
    """The live token presented (its account active), or None: unknown, revoked, inactive."""
    if not presented.startswith(PREFIX) or len(presented) > 100:
        return None
    row = db.session.execute(select(ApiToken).where(ApiToken.token_hash == token_hash(presented))).scalar_one_or_none()
    if row is None or row.revoked_at is not None or not _may_sign_in(row.user):
        return None
    return row


def _may_sign_in(user: User) -> bool:
    """As at the login page: the account active, and a school's account only while its school is."""
    return user.active and (user.school is None or user.school.active)


def mark_used(row: ApiToken) -> None:
    """Note when a token was last used, at most once a minute (outside the request's work)."""
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > _TOUCH_EVERY:
        with db.engine.begin() as connection:
            connection.execute(update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now))


def _active_user(username: str) -> User:
    user = db.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise OperationError(f"没有账号“{username}”。")
    if not user.active:
        raise OperationError(f"账号“{username}”已停用，不能为它创建令牌。")
    if not _may_sign_in(user):
        raise OperationError(f"账号“{username}”所在学校已停用，不能为它创建令牌。")
    return user
