"""Making notices: who an account is told about, the message, its unique key, and whether it
waits for e-mail and the webhook (the outbox). Adds to the current transaction; never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from werkzeug.routing import BuildError

from webapp.extensions import db
from webapp.models import InspectorAssignment, Notice, Role, User, utcnow

# Delivery states of a notice's e-mail and webhook message.
NONE = "none"  # not to be sent (no address, or the channel is off)
PENDING = "pending"  # waiting for `selfcheck remind`
SENT = "sent"
FAILED = "failed"  # given up after NOTICE_MAX_ATTEMPTS tries

KIND_LABELS = {
    "cycle_opened": "年度评估开始",
    "submitted": "待核定",
    "returned": "退回修改",
    "finalised": "核定完成",
    "deadline_soon": "截止提醒",
    "overdue": "逾期提醒",
    "urged": "催办",
    "rectification": "整改",
    "rectification_due": "整改到期提醒",
    "reinspected": "复查结果",
}


@dataclass(frozen=True)
class Message:
    """What a notice says: its kind (KIND_LABELS), title, text and the page it leads to."""

    kind: str
    title: str
    body: str
    link: str = ""


def mail_enabled() -> bool:
    return bool(str(current_app.config.get("MAIL_SERVER") or "").strip())


def webhook_urls() -> list[str]:
    """WEBHOOK_URL: one address, several separated by commas, or a list."""
    value = current_app.config.get("WEBHOOK_URL") or []
    if isinstance(value, str):
        value = value.split(",")
    return [str(v).strip() for v in value if str(v).strip()]


def path_for(endpoint: str, **values: object) -> str:
    """The path of a page, also where there is no request (a command, a listener); empty when
    the page does not exist."""
    try:
        return str(current_app.url_map.bind("localhost").build(endpoint, values))
    except BuildError:
        return ""


def add_notices(users: Iterable[User], message: Message, key: str, school_id: int | None = None) -> int:
    """One notice per account; ``key`` names the occasion (the account is added to it, and the
    whole is unique). Returns how many were added."""
    mail = mail_enabled()
    hooks = bool(webhook_urls())
    now = utcnow()
    count = 0
    for user in users:
        db.session.add(
            Notice(
                user_id=user.id,
                kind=message.kind,
                title=message.title[:200],
                body=message.body,
                link=message.link[:300],
                school_id=school_id,
                dedupe_key=f"{key}:u{user.id}"[:200],
                created_at=now,
                mail_state=PENDING if mail and user.email else NONE,
                webhook_state=PENDING if hooks else NONE,
            )
        )
        count += 1
    return count


def school_accounts(school_ids: Iterable[int]) -> list[User]:
    """The active accounts of these schools."""
    wanted = sorted(set(school_ids))
    found: list[User] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.extend(
            db.session.execute(
                select(User)
                .where(User.role == Role.SCHOOL, User.active.is_(True), User.school_id.in_(chunk))
                .order_by(User.id)
            ).scalars()
        )
    return found


def officers() -> list[User]:
    """The active admins and district officers."""
    return list(
        db.session.execute(
            select(User).where(User.role.in_((Role.ADMIN, Role.DISTRICT)), User.active.is_(True)).order_by(User.id)
        ).scalars()
    )


def assigned_inspectors(school_id: int | None) -> list[User]:
    """The active inspectors (督学) assigned to a school."""
    if school_id is None:
        return []
    return list(
        db.session.execute(
            select(User)
            .join(InspectorAssignment, InspectorAssignment.user_id == User.id)
            .where(InspectorAssignment.school_id == school_id, User.active.is_(True))
            .order_by(User.id)
        ).scalars()
    )


def existing_keys(keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        found.update(db.session.execute(select(Notice.dedupe_key).where(Notice.dedupe_key.in_(chunk))).scalars())
    return found
