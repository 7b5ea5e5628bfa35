"""What the bureau takes out of the system, made the same way in the request and in a job.

Each export is a function of the person asking (whose scope decides which schools it holds)
and a few plain parameters, so that the web view can make a small one at once and a
background job (`webapp.jobs`, local thread or Celery worker) can make a large one later from
the same description. Every export leaves an audit event naming who took which data out.

How large is "large" is settled here too (`size_of`): the number of schools (or audit events)
an export would hold, compared with the INLINE_EXPORT_* settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from webapp import admin_operations as ops
from webapp.auth import visible_school_ids
from webapp.extensions import db
from webapp.models import Assessment, Cycle, Role, User
from webapp.operations import OperationError, current_cycle, record_download
from webapp.spreadsheets import XLSX_CONTENT_TYPE, school_list_workbook, workbook_bytes

PDF_CONTENT_TYPE = "application/pdf"


@dataclass(frozen=True)
class Produced:
    data: bytes
    filename: str
    mimetype: str


@dataclass(frozen=True)
class ExportKind:
    label: str  # what the jobs page calls it
    unit: str  # what size_of counts
    make: Callable[[User, Mapping[str, Any]], Produced]
    size: Callable[[User, Mapping[str, Any]], int]
    limit_setting: str


# --------------------------------------------------------------------------------------------
# Parameters: plain JSON, checked again when a job runs


def _cycle(params: Mapping[str, Any]) -> Cycle:
    cycle_id = params.get("cycle_id")
    cycle = db.session.get(Cycle, int(cycle_id)) if cycle_id else current_cycle()
    if cycle is None:
        raise OperationError("年度评估不存在")
    return cycle


def _region(user: User) -> str:
    if user.role == Role.DISTRICT.value and user.district is not None:
        return str(user.district.name)
    return ""


def audit_params(filters: ops.AuditFilters, sort: str, direction: str) -> dict[str, Any]:
    return {
        "action": filters.action,
        "school_id": filters.school_id,
        "actor_id": filters.actor_id,
        "date_from": filters.date_from.isoformat() if filters.date_from else None,
        "date_to": filters.date_to.isoformat() if filters.date_to else None,
        "sort": sort,
        "direction": direction,
    }


def _audit_filters(params: Mapping[str, Any]) -> tuple[ops.AuditFilters, str, str]:
    def day(key: str) -> dt.date | None:
        value = params.get(key)
        return dt.date.fromisoformat(value) if value else None

    filters = ops.AuditFilters(
        action=params.get("action") or None,
        school_id=params.get("school_id"),
        actor_id=params.get("actor_id"),
        date_from=day("date_from"),
        date_to=day("date_to"),
    )
    return filters, str(params.get("sort", "at")), str(params.get("direction", "desc"))


# --------------------------------------------------------------------------------------------
# The exports


def scores(user: User, params: Mapping[str, Any]) -> Produced:
    """Totals, levels and item results of a cycle, one row per school (`export scores`)."""
    cycle = _cycle(params)
    scope = ops.scope_text(user)
    sheets, count = ops.score_sheets(cycle, visible_school_ids(user), scope)
    data = workbook_bytes(sheets)
    ops.record_export(user, "scores", {"cycle": cycle.id, "schools": count, "scope": scope})
    return Produced(data, f"{cycle.name}-学校得分.xlsx", XLSX_CONTENT_TYPE)


def school_list(user: User, params: Mapping[str, Any]) -> Produced:
    schools = list(db.session.execute(ops.schools_query(visible_school_ids(user))).scalars())
    data = school_list_workbook(schools)
    ops.record_export(user, "schools", {"schools": len(schools), "scope": ops.scope_text(user)})
    return Produced(data, "学校名单.xlsx", XLSX_CONTENT_TYPE)


def audit_log(user: User, params: Mapping[str, Any]) -> Produced:
    if user.role != Role.ADMIN.value:
        raise OperationError("只有管理员可以导出操作日志")
    filters, sort, direction = _audit_filters(params)
    sheets, count, truncated = ops.audit_sheets(filters, sort, direction)
    data = workbook_bytes(sheets)
    ops.record_export(user, "audit", {"events": count, "truncated": truncated})
    return Produced(data, "操作日志.xlsx", XLSX_CONTENT_TYPE)


def region_pdf(user: User, params: Mapping[str, Any]) -> Produced:
    """The region summary (区域汇总报告): a district officer's holds its district only."""
    from reports.render import render_region_pdf
    from webapp.report_data import region_report_for

    cycle, region = _cycle(params), _region(user)
    pdf = render_region_pdf(region_report_for(cycle, visible_school_ids(user), region))
    record_download(user, "region_report", cycle.id)
    return Produced(pdf, f"{cycle.year}年度{region}办学水平评估汇总报告.pdf", PDF_CONTENT_TYPE)


def region_xlsx(user: User, params: Mapping[str, Any]) -> Produced:
    from reports.excel import region_workbook
    from webapp.report_data import region_report_for

    cycle, region = _cycle(params), _region(user)
    data = region_workbook(region_report_for(cycle, visible_school_ids(user), region))
    record_download(user, "region_workbook", cycle.id)
    return Produced(data, f"{cycle.year}年度{region}办学水平评估汇总表.xlsx", XLSX_CONTENT_TYPE)


# --------------------------------------------------------------------------------------------
# Sizes


def _assessments_in_scope(user: User, params: Mapping[str, Any]) -> int:
    cycle = _cycle(params)
    query = select(func.count()).select_from(Assessment).where(Assessment.cycle_id == cycle.id)
    allowed = visible_school_ids(user)
    if allowed is not None:
        if not allowed:
            return 0
        query = query.where(Assessment.school_id.in_(allowed))
    return int(db.session.execute(query).scalar_one())


def _schools_in_scope(user: User, params: Mapping[str, Any]) -> int:
    query = ops.schools_query(visible_school_ids(user))
    return int(db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def _events(user: User, params: Mapping[str, Any]) -> int:
    filters, _sort, _direction = _audit_filters(params)
    return ops.audit_count(filters)


SCHOOLS, EVENTS = "INLINE_EXPORT_SCHOOLS", "INLINE_EXPORT_EVENTS"
KINDS: dict[str, ExportKind] = {
    "export_scores": ExportKind("学校得分（Excel）", "所学校", scores, _assessments_in_scope, SCHOOLS),
    "export_schools": ExportKind("学校名单（Excel）", "所学校", school_list, _schools_in_scope, SCHOOLS),
    "export_audit": ExportKind("操作日志（Excel）", "条记录", audit_log, _events, EVENTS),
    "region_pdf": ExportKind("区域汇总报告（PDF）", "所学校", region_pdf, _assessments_in_scope, SCHOOLS),
    "region_xlsx": ExportKind("区域汇总表（Excel）", "所学校", region_xlsx, _assessments_in_scope, SCHOOLS),
}


def size_of(kind: str, user: User, params: Mapping[str, Any]) -> int:
    return KINDS[kind].size(user, params)


def is_large(kind: str, size: int) -> bool:
    """Whether an export this size goes to the background rather than into the answer."""
    return size > int(current_app.config[KINDS[kind].limit_setting])
