"""Notices made from audit events: the table of which action tells whom what.

``connect()`` subscribes ``on_event`` to ``webapp.audit.record``; the notices are added to the
transaction of the action itself, so they exist exactly when the action happened. Adding a
notice for another action is one row of ``EVENT_NOTICES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from webapp.audit import on_record
from webapp.extensions import db
from webapp.models import Assessment, AuditEvent, Cycle, School, User
from webapp.notify.notices import Message, add_notices, assigned_inspectors, path_for, school_accounts


@dataclass(frozen=True)
class EventNotice:
    """For one audit action: who is told (``recipients``) and what (``message``). ``flush``: the
    recipients are found among rows the action has only just added (a new cycle's assessments)."""

    recipients: Callable[[AuditEvent], list[User]]
    message: Callable[[AuditEvent], Message]
    flush: bool = False


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _assessment(event: AuditEvent) -> Assessment | None:
    return db.session.get(Assessment, event.assessment_id) if event.assessment_id else None


def _names(event: AuditEvent) -> tuple[str, str]:
    """The school's and the cycle's names of an assessment's event."""
    assessment = _assessment(event)
    if assessment is None:
        return "", ""
    return assessment.school.name, assessment.cycle.name


def _new_values(event: AuditEvent) -> dict[str, Any]:
    """What the event recorded as the new state (empty when it recorded none)."""
    return event.new if isinstance(event.new, dict) else {}


def _the_school(event: AuditEvent) -> list[User]:
    return school_accounts([event.school_id]) if event.school_id else []


def _the_inspectors(event: AuditEvent) -> list[User]:
    return assigned_inspectors(event.school_id)


def _cycle_schools(event: AuditEvent) -> list[User]:
    cycle_id = int(event.entity_id) if str(event.entity_id).isdigit() else 0
    school_ids = db.session.execute(select(Assessment.school_id).where(Assessment.cycle_id == cycle_id)).scalars()
    return school_accounts(school_ids)


def _schools_added(event: AuditEvent) -> list[User]:
    new = _new_values(event)
    codes = [str(c) for c in new.get("schools") or []]
    ids = db.session.execute(select(School.id).where(School.code.in_(codes))).scalars() if codes else []
    return school_accounts(ids)


def _cycle_opened(event: AuditEvent) -> Message:
    cycle = db.session.get(Cycle, int(event.entity_id)) if str(event.entity_id).isdigit() else None
    name = cycle.name if cycle else "年度评估"
    deadline = f"，请于{_date(cycle.deadline)}前完成填报并提交" if cycle and cycle.deadline else "，请及时填报并提交"
    return Message(
        "cycle_opened",
        f"{name}已开始",
        f"{event.actor_name}已开始“{name}”{deadline}。",
        path_for("school.home"),
    )


def _submitted(event: AuditEvent) -> Message:
    school, cycle = _names(event)
    return Message(
        "submitted",
        f"{school}已提交自评，等待核定",
        f"{school}已提交“{cycle}”的自评，请及时核定。",
        path_for("inspector.assessment", assessment_id=event.assessment_id),
    )


def _returned(event: AuditEvent) -> Message:
    _, cycle = _names(event)
    new = _new_values(event)
    comments = new.get("comments") or {}
    parts = [f"{event.actor_name}退回了“{cycle}”的自评，请按意见修改后重新提交。"]
    if comments:
        parts.append(f"有{len(comments)}个评估要点附有修改意见。")
    if event.reason:
        parts.append(f"退回说明：{event.reason}")
    return Message(
        "returned",
        "自评被退回修改",
        "".join(parts),
        path_for("school.assessment", assessment_id=event.assessment_id),
    )


def _finalised(event: AuditEvent) -> Message:
    _, cycle = _names(event)
    new = _new_values(event)
    percent, level = new.get("verified_percent"), new.get("verified_level")
    result = f"核定得分{percent:.1f}，等级{level}。" if isinstance(percent, int | float) and level else ""
    return Message(
        "finalised",
        "自评已核定完成",
        f"“{cycle}”的自评已核定完成。{result}可以下载评估报告；未达标的要点请按整改建议整改。",
        path_for("school.assessment", assessment_id=event.assessment_id),
    )


def _rectification_opened(event: AuditEvent) -> Message:
    _, cycle = _names(event)
    new = _new_values(event)
    items = new.get("items") or []
    due = new.get("deadline")
    when = _date(dt.date.fromisoformat(due)) if isinstance(due, str) and len(due) == 10 else ""
    return Message(
        "rectification",
        "请按整改建议整改",
        f"“{cycle}”核定后，{len(items)}个评估要点未达标或部分达标，已列为整改任务"
        + (f"，请于{when}前提交整改报告。" if when else "，请按期提交整改报告。"),
        path_for("rectification.school_report", assessment_id=event.assessment_id),
    )


def _rectification_reported(event: AuditEvent) -> Message:
    school, cycle = _names(event)
    return Message(
        "rectification",
        f"{school}已提交整改报告，等待复查",
        f"{school}已提交“{cycle}”的整改报告，请及时复查。",
        path_for("rectification.reinspection", assessment_id=event.assessment_id),
    )


def _reinspected(event: AuditEvent) -> Message:
    new = _new_values(event)
    passed = new.get("status") == "passed"
    item = event.entity_id
    outcome = "已通过。" if passed else f"未通过，请继续整改后重新提交。理由：{event.reason}"
    body = f"评估要点{item}的整改经复查{outcome}"
    if new.get("stage") == "reinspected":
        body += "全部整改任务已复查通过。"
    return Message(
        "reinspected",
        f"整改复查{'通过' if passed else '未通过'}：{item}",
        body,
        path_for("rectification.school_report", assessment_id=event.assessment_id),
    )


def _rectification_deadline(event: AuditEvent) -> Message:
    new = _new_values(event)
    due = new.get("deadline")
    when = _date(dt.date.fromisoformat(due)) if isinstance(due, str) and len(due) == 10 else "新的日期"
    return Message(
        "rectification",
        f"整改期限已调整：{event.entity_id}",
        f"评估要点{event.entity_id}的整改期限调整为{when}。" + (f"说明：{event.reason}" if event.reason else ""),
        path_for("rectification.school_report", assessment_id=event.assessment_id),
    )


EVENT_NOTICES: dict[str, EventNotice] = {
    "cycle_opened": EventNotice(_cycle_schools, _cycle_opened, flush=True),
    "cycle_schools_added": EventNotice(_schools_added, _cycle_opened),
    "submitted": EventNotice(_the_inspectors, _submitted),
    "returned": EventNotice(_the_school, _returned),
    "finalised": EventNotice(_the_school, _finalised),
    "rectification_opened": EventNotice(_the_school, _rectification_opened),
    "rectification_reported": EventNotice(_the_inspectors, _rectification_reported),
    "reinspected": EventNotice(_the_school, _reinspected),
    "rectification_deadline_changed": EventNotice(_the_school, _rectification_deadline),
}


def on_event(event: AuditEvent) -> None:
    """Called by ``record()`` for every audit event, inside its transaction."""
    rule = EVENT_NOTICES.get(event.action)
    if rule is None:
        return
    if rule.flush:
        db.session.flush()
    # Nothing else is flushed early: an assessment's version rises once per transaction.
    with db.session.no_autoflush:
        users = rule.recipients(event)
        if not users:
            return
        message = rule.message(event)
        key = f"{event.action}:a{event.assessment_id or ''}:{event.entity}{event.entity_id}:{event.at.isoformat()}"
        add_notices(users, message, key, school_id=event.school_id)


def connect() -> None:
    on_record(on_event)
