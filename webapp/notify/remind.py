"""Reminders that depend on the date, made by ``selfcheck remind`` (cron, or Celery beat), which
then delivers the outbox: N days before a cycle's deadline (REMIND_DAYS_BEFORE) to schools that
have not submitted, and once when a school's self-assessment is overdue (its officers then learn
how many of their schools are late, to 催办 them); the same for 整改 tasks
still with the school (整改期限 in N days, then overdue once).

Each reminder's key names its occasion (the cycle, its deadline, the N, the account), and the
key is unique in the database: a second run, or two at once, make nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.database import write_transaction
from webapp.extensions import db
from webapp.lifecycle import TaskStatus
from webapp.models import Assessment, AssessmentStatus, Cycle, CycleStatus, RectificationTask, Role, School, User
from webapp.notify.delivery import Delivery, Outgoing, deliver, pending
from webapp.notify.notices import Message, add_notices, existing_keys, officers, path_for, school_accounts

WAITING_FOR_SCHOOL = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


@dataclass(frozen=True)
class Due:
    """A reminder due now: its occasion's key, the message and the accounts not yet told."""

    key: str
    message: Message
    school_id: int | None
    users: tuple[User, ...]


@dataclass(frozen=True)
class Preview:
    """What a run would do (--dry-run)."""

    due: list[Due]
    outbox: list[Outgoing]


@dataclass
class RemindRun:
    made: int = 0
    delivery: Delivery = field(default_factory=Delivery)


def days_before() -> list[int]:
    raw = current_app.config.get("REMIND_DAYS_BEFORE") or []
    if isinstance(raw, int | str):
        raw = [raw]
    found = set()
    for value in raw:
        try:
            found.add(int(value))
        except (TypeError, ValueError):
            continue
    return sorted(d for d in found if d >= 0)


def due_reminders(today: dt.date) -> list[Due]:
    """The reminders due today that were not made yet."""
    found: list[Due] = []
    steps = days_before()
    cycles = db.session.execute(
        select(Cycle).where(Cycle.status == CycleStatus.OPEN, Cycle.deadline.is_not(None)).order_by(Cycle.id)
    ).scalars()
    for cycle in cycles:
        assert cycle.deadline is not None
        found.extend(_deadline_reminders(cycle, cycle.deadline, today, steps))
    found.extend(_rectification_reminders(today, steps))
    return _not_yet_made(found)


def _rectification_reminders(today: dt.date, steps: Sequence[int]) -> list[Due]:
    """整改 tasks with the school (open, or back after a 复查 not passed): per assessment, its
    nearest 整改期限, N days before and once overdue."""
    rows = db.session.execute(
        select(RectificationTask.assessment_id, Assessment.school_id, RectificationTask.deadline)
        .join(Assessment, Assessment.id == RectificationTask.assessment_id)
        .where(RectificationTask.status.in_((TaskStatus.OPEN, TaskStatus.FAILED)))
    ).all()
    nearest: dict[int, tuple[int, dt.date, int]] = {}  # assessment → school, nearest 整改期限, tasks
    for assessment_id, school_id, deadline in rows:
        known = nearest.get(assessment_id)
        first = min(deadline, known[1]) if known else deadline
        nearest[assessment_id] = (school_id, first, (known[2] if known else 0) + 1)
    accounts: dict[int, list[User]] = {}
    for user in school_accounts(v[0] for v in nearest.values()):
        accounts.setdefault(user.school_id or 0, []).append(user)
    found = []
    for assessment_id, (school_id, deadline, count) in sorted(nearest.items()):
        left = (deadline - today).days
        date = f"{deadline.year}年{deadline.month}月{deadline.day}日"
        if left >= 0:
            step = next((d for d in steps if d >= left), None)
            if step is None:
                continue
            occasion = f"rectification_due:a{assessment_id}:{deadline.isoformat()}:d{step}"
            title = f"距整改期限还有{left}天" if left else "今天是整改期限"
            body = f"贵校还有{count}项整改任务未提交整改报告，最早的整改期限为{date}，请按期提交。"
        else:
            occasion = f"rectification_overdue:a{assessment_id}:{deadline.isoformat()}"
            title = "整改已逾期"
            body = f"贵校还有{count}项整改任务未提交整改报告，整改期限{date}已过{-left}天，请尽快整改并提交。"
        users = tuple(accounts.get(school_id, ()))
        if users:
            link = path_for("rectification.school_report", assessment_id=assessment_id)
            found.append(Due(occasion, Message("rectification_due", title, body, link), school_id, users))
    return found


def _deadline_reminders(cycle: Cycle, deadline: dt.date, today: dt.date, steps: Sequence[int]) -> list[Due]:
    left = (deadline - today).days
    date = f"{deadline.year}年{deadline.month}月{deadline.day}日"
    if left >= 0:
        step = next((d for d in steps if d >= left), None)  # the nearest reminder now due
        if step is None:
            return []
        statuses: tuple[AssessmentStatus, ...] = WAITING_FOR_SCHOOL
        occasion = f"deadline_soon:c{cycle.id}:{deadline.isoformat()}:d{step}"
        title = f"距自评提交截止还有{left}天" if left else "今天是自评提交截止日"
        body = f"“{cycle.name}”的自评须于{date}前提交，贵校尚未提交，请抓紧完成填报并提交。"
        kind = "deadline_soon"
    else:
        statuses = (AssessmentStatus.DRAFT,)
        occasion = f"overdue:c{cycle.id}:{deadline.isoformat()}"
        title = "自评已逾期未提交"
        body = f"“{cycle.name}”的自评提交截止日期为{date}，已逾期{-left}天，贵校尚未提交。请尽快与督导室联系。"
        kind = "overdue"
    rows = db.session.execute(
        select(Assessment.id, Assessment.school_id, School.district_id)
        .join(School, School.id == Assessment.school_id)
        .where(Assessment.cycle_id == cycle.id, Assessment.status.in_(statuses))
        .order_by(Assessment.school_id)
    ).all()
    if not rows:
        return []
    accounts: dict[int, list[User]] = {}
    for user in school_accounts(r.school_id for r in rows):
        accounts.setdefault(user.school_id or 0, []).append(user)
    found = [
        Due(
            f"{occasion}:s{r.school_id}",
            Message(kind, title, body, path_for("school.assessment", assessment_id=r.id)),
            r.school_id,
            tuple(accounts.get(r.school_id, ())),
        )
        for r in rows
        if accounts.get(r.school_id)
    ]
    if left < 0:
        found.extend(_overdue_for_officers(cycle, date, [r.district_id for r in rows]))
    return found


def _overdue_for_officers(cycle: Cycle, date: str, districts: list[int | None]) -> list[Due]:
    """Once a deadline has passed: the admins, and each district's officers, learn how many of
    their schools have not submitted, to 催办 them from 总览."""
    found = []
    link = path_for("bureau.dashboard", cycle=cycle.id)
    for user in officers():
        mine = [d for d in districts if user.role == Role.ADMIN or d == user.district_id]
        if not mine:
            continue
        scope = "本区县" if user.role == Role.DISTRICT else "全市"
        message = Message(
            "overdue",
            f"{len(mine)}所学校逾期未提交自评",
            f"“{cycle.name}”的提交截止日期{date}已过，{scope}还有{len(mine)}所学校尚未提交，可在总览中逐一催办。",
            link,
        )
        found.append(Due(f"overdue_officers:c{cycle.id}:{cycle.deadline}", message, None, (user,)))
    return found


def _not_yet_made(found: list[Due]) -> list[Due]:
    keys = [f"{due.key}:u{user.id}" for due in found for user in due.users]
    made = existing_keys(keys)
    result = []
    for due in found:
        users = tuple(u for u in due.users if f"{due.key}:u{u.id}" not in made)
        if users:
            result.append(Due(due.key, due.message, due.school_id, users))
    return result


def make_reminders(today: dt.date) -> int:
    """Add the reminders due today; returns how many notices were made."""
    for _ in range(3):
        try:
            with write_transaction():
                return sum(add_notices(d.users, d.message, d.key, d.school_id) for d in due_reminders(today))
        except IntegrityError:
            continue  # another run made some of them at this very moment: look again
    return 0


def run(today: dt.date, limit: int = 500) -> RemindRun:
    """What ``selfcheck remind`` does: make the reminders due, then send the outbox."""
    made = make_reminders(today)
    return RemindRun(made, deliver(limit))


def preview(today: dt.date, limit: int = 500) -> Preview:
    """What a run would make and send, changing nothing."""
    due = due_reminders(today)
    outbox = pending(limit)
    db.session.rollback()
    return Preview(due, outbox)
