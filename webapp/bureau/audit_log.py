"""Read model of the audit log: filters, pages and the export, in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, func, select

from webapp.audit import ENTITY_LABELS, action_labels, changes
from webapp.extensions import db
from webapp.models import (
    AuditEvent,
    School,
)
from webapp.paging import Page, paginate
from webapp.rubrics.library import input_names

AUDIT_SORTS = {
    "at": AuditEvent.at,
    "action": AuditEvent.action,
    "actor": AuditEvent.actor_name,
    "school": AuditEvent.school_id,
}


PAGE_SIZES = (20, 50, 100, 200)


EXPORT_LIMIT = 20_000


@dataclass(frozen=True)
class AuditFilters:
    action: str | None = None
    school_ids: tuple[int, ...] | None = None  # None: every school
    actor_ids: tuple[int, ...] | None = None  # None: every account
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _day_start(day: dt.date) -> dt.datetime:
    zone = ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


def _audit_query(filters: AuditFilters) -> Select[Any]:
    query = select(AuditEvent)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.school_ids is not None:
        query = query.where(AuditEvent.school_id.in_(filters.school_ids or (-1,)))
    if filters.actor_ids is not None:
        query = query.where(AuditEvent.actor_id.in_(filters.actor_ids or (-1,)))
    if filters.date_from is not None:
        query = query.where(AuditEvent.at >= _day_start(filters.date_from))
    if filters.date_to is not None:
        query = query.where(AuditEvent.at < _day_start(filters.date_to + dt.timedelta(days=1)))
    return query


def _ordered(query: Select[Any], sort: str, direction: str) -> Select[Any]:
    column = AUDIT_SORTS[sort]  # KeyError for anything not allow-listed: callers check first
    primary = column.asc() if direction == "asc" else column.desc()
    tiebreak = AuditEvent.id.asc() if direction == "asc" else AuditEvent.id.desc()
    return query.order_by(primary, tiebreak)


def audit_count(filters: AuditFilters) -> int:
    """How many events an export with these filters would hold (at most EXPORT_LIMIT are written)."""
    query = _audit_query(filters)
    return min(int(db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()), EXPORT_LIMIT)


def audit_page(
    filters: AuditFilters, page: int, per_page: int, sort: str = "at", direction: str = "desc"
) -> Page[AuditEvent]:
    if per_page not in PAGE_SIZES or sort not in AUDIT_SORTS or direction not in ("asc", "desc") or page < 1:
        raise ValueError("bad paging or sort")
    return paginate(_ordered(_audit_query(filters), sort, direction), per_page, page, clamp=False)


def audit_sheets(filters: AuditFilters, sort: str, direction: str) -> tuple[list[Any], int, bool]:
    from reports.workbooks import Sheet
    from webapp.templating import local_time

    if sort not in AUDIT_SORTS or direction not in ("asc", "desc"):
        raise ValueError("bad sort")
    events = list(
        db.session.execute(_ordered(_audit_query(filters), sort, direction).limit(EXPORT_LIMIT + 1)).scalars()
    )
    truncated = len(events) > EXPORT_LIMIT
    events = events[:EXPORT_LIMIT]
    school_ids = {e.school_id for e in events if e.school_id is not None}
    schools = (
        {s.id: s for s in db.session.execute(select(School).where(School.id.in_(school_ids))).scalars()}
        if school_ids
        else {}
    )
    labels = action_labels()
    names = input_names()
    from webapp.lifecycle import ROLE_LABELS

    role_names = {r.value: label for r, label in ROLE_LABELS.items()}
    rows = []
    for e in events:
        school = schools.get(e.school_id) if e.school_id is not None else None
        rows.append(
            [
                e.id,
                local_time(e.at, "%Y-%m-%d %H:%M:%S"),
                e.actor_name,
                role_names.get(e.actor_role, e.actor_role),
                labels.get(e.action, e.action),
                school.code if school else "",
                school.name if school else "",
                ENTITY_LABELS.get(e.entity, e.entity),
                e.entity_id,
                "；".join(str(c) for c in changes(e.old, e.new, names)),
                e.reason,
                e.ip,
                e.request_id,
            ]
        )
    header = [
        "编号",
        "时间",
        "操作人",
        "角色",
        "操作",
        "学校代码",
        "学校名称",
        "对象",
        "对象编号",
        "变化",
        "理由",
        "来自（IP地址）",
        "请求编号",
    ]
    sheets = [Sheet("操作日志", header, rows, widths=(8, 20, 16, 12, 14, 14, 28, 12, 14, 70, 30, 16, 18))]
    if truncated:
        sheets.append(
            Sheet("说明", ["说明"], [[f"结果超过{EXPORT_LIMIT}条，只导出了前{EXPORT_LIMIT}条，请缩小筛选范围。"]])
        )
    return sheets, len(rows), truncated
