"""Use cases of notices: reading them, one's own e-mail address for them, and the officers'
催办 (urging a school that has not submitted). Each is one transaction ending in the commit."""

from __future__ import annotations

import re

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from webapp.accounts.access import can_see_school
from webapp.assessments import current_cycle
from webapp.audit import record
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import Assessment, AssessmentStatus, CycleStatus, Notice, School, User, utcnow
from webapp.notify.notices import Message, add_notices, path_for, school_accounts
from webapp.settings import local_today

EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
URGE_WAITS_FOR = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


class SchoolNotFound(OperationError):
    """No such school, or not one the officer may see (the view answers 404)."""


def unread_count(user_id: int) -> int:
    return int(
        db.session.execute(
            select(func.count(Notice.id)).where(Notice.user_id == user_id, Notice.read_at.is_(None))
        ).scalar_one()
    )


def mark_read(notice_id: int, user: User) -> Notice | None:
    """Open one's own notice: it is read from now on. None when it is not the user's."""
    with write_transaction():
        notice = db.session.get(Notice, notice_id)
        if notice is None or notice.user_id != user.id:
            return None
        if notice.read_at is None:
            notice.read_at = utcnow()
    return notice


def mark_all_read(user: User) -> int:
    with write_transaction():
        result = db.session.execute(
            update(Notice)
            .where(Notice.user_id == user.id, Notice.read_at.is_(None))
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    return int(getattr(result, "rowcount", 0) or 0)


def email_problem(text: str) -> str:
    """Why an e-mail address cannot be used ("" when it can; empty means none)."""
    if not text:
        return ""
    if len(text) > 200:
        return "电子邮箱最多200个字符"
    if not EMAIL.match(text):
        return "电子邮箱格式不正确，应形如 名称@单位域名（只含字母、数字和 . _ - 等符号）"
    return ""


def set_email(user: User, text: str) -> str | None:
    """An account's own address for notices by e-mail; empty removes it. Audited."""
    email = text.strip()
    problem = email_problem(email)
    if problem:
        raise OperationError(problem)
    with write_transaction():
        fresh = db.session.get(User, user.id)
        assert fresh is not None
        old = fresh.email
        if (old or "") == email:
            return old
        fresh.email = email or None
        record(
            "email_changed",
            fresh,
            entity="user",
            entity_id=fresh.id,
            school_id=fresh.school_id,
            old={"email": old},
            new={"email": email or None},
        )
    return email or None


def urge_school(school_id: int, actor: User) -> int:
    """催办: tell a school's accounts to finish and submit its self-assessment of the open cycle.
    Once per school per day (whoever urges); audited. Returns how many accounts were told."""
    today = local_today()
    try:
        with write_transaction():
            school = db.session.get(School, school_id)
            if school is None or not can_see_school(actor, school_id):
                raise SchoolNotFound("学校不存在")
            cycle = current_cycle()
            if cycle is None or cycle.status != CycleStatus.OPEN:
                raise OperationError("当前没有进行中的年度评估，无需催办。")
            assessment = db.session.execute(
                select(Assessment).where(Assessment.cycle_id == cycle.id, Assessment.school_id == school_id)
            ).scalar_one_or_none()
            if assessment is None:
                raise OperationError(f"{school.name}没有参加“{cycle.name}”。")
            if assessment.status not in URGE_WAITS_FOR:
                raise OperationError(f"{school.name}已提交自评，无需催办。")
            occasion = f"urged:s{school_id}:{today.isoformat()}"
            already = db.session.execute(
                select(Notice.id).where(Notice.dedupe_key.like(f"{occasion}:%")).limit(1)
            ).first()
            if already:
                raise OperationError(f"今天已经催办过{school.name}，每所学校每天只能催办一次。")
            users = school_accounts([school_id])
            if not users:
                raise OperationError(f"{school.name}还没有可用的账号，无法催办。")
            deadline = ""
            if cycle.deadline:
                left = (cycle.deadline - today).days
                when = f"{cycle.deadline.year}年{cycle.deadline.month}月{cycle.deadline.day}日"
                due = f"已逾期{-left}天" if left < 0 else f"还有{left}天"
                deadline = f"提交截止日期为{when}（{due}），"
            told = add_notices(
                users,
                Message(
                    "urged",
                    f"{actor.name}催办：请尽快提交自评",
                    f"“{cycle.name}”的自评贵校尚未提交，{deadline}请尽快完成填报并提交。",
                    path_for("school.assessment", assessment_id=assessment.id),
                ),
                occasion,
                school_id=school_id,
            )
            record(
                "school_urged",
                actor,
                entity="school",
                entity_id=school_id,
                school_id=school_id,
                assessment_id=assessment.id,
                new={"school": school.name, "accounts": told},
            )
    except IntegrityError as exc:  # another officer urged the same school at the same moment
        raise OperationError("今天已经催办过这所学校，每所学校每天只能催办一次。") from exc
    return told
