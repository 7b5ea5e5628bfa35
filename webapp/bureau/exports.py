"""What the bureau takes out of the system and puts in as background jobs: the score table,
the school list and the audit log as Excel, and the import of a large school list. Each is
registered with `webapp.jobs.kinds`, so that the web answers a small one at once and a job
makes a large one from the same description. Every export leaves an audit event naming who
took which data out."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from reports.workbooks import workbook_bytes
from webapp.accounts.access import visible_school_ids
from webapp.assessments import current_cycle
from webapp.audit import record_export
from webapp.bureau.audit_log import AuditFilters, audit_count, audit_sheets
from webapp.bureau.boards import schools_query
from webapp.bureau.school_list import SpreadsheetRejected, read_school_list, school_list_workbook
from webapp.bureau.school_operations import import_schools
from webapp.bureau.sheets import scope_text, score_workbook
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.jobs import queue
from webapp.jobs.kinds import ExportKind, Produced, StepKind, register_export, register_step
from webapp.models import Assessment, Cycle, Job, Role, User
from webapp.web import XLSX_CONTENT_TYPE

IMPORT_SCHOOLS = "import_schools"
UPLOAD_NAME = "upload.xlsx"
MAX_PROBLEMS_KEPT = 1000  # an import's problems kept on the job row


# --------------------------------------------------------------------------------------------
# Parameters: plain JSON, checked again when a job runs


def cycle_of(params: Mapping[str, Any]) -> Cycle:
    cycle_id = params.get("cycle_id")
    cycle = db.session.get(Cycle, int(cycle_id)) if cycle_id else current_cycle()
    if cycle is None:
        raise OperationError("年度评估不存在")
    return cycle


def audit_params(filters: AuditFilters, sort: str, direction: str) -> dict[str, Any]:
    return {
        "action": filters.action,
        "school_ids": list(filters.school_ids) if filters.school_ids is not None else None,
        "actor_ids": list(filters.actor_ids) if filters.actor_ids is not None else None,
        "date_from": filters.date_from.isoformat() if filters.date_from else None,
        "date_to": filters.date_to.isoformat() if filters.date_to else None,
        "sort": sort,
        "direction": direction,
    }


def _audit_filters(params: Mapping[str, Any]) -> tuple[AuditFilters, str, str]:
    def day(key: str) -> dt.date | None:
        value = params.get(key)
        return dt.date.fromisoformat(value) if value else None

    filters = AuditFilters(
        action=params.get("action") or None,
        school_ids=tuple(params["school_ids"]) if params.get("school_ids") is not None else None,
        actor_ids=tuple(params["actor_ids"]) if params.get("actor_ids") is not None else None,
        date_from=day("date_from"),
        date_to=day("date_to"),
    )
    return filters, str(params.get("sort", "at")), str(params.get("direction", "desc"))


# --------------------------------------------------------------------------------------------
# The exports


def scores(user: User, params: Mapping[str, Any]) -> Produced:
    """Totals, levels and item results of a cycle, one row per school (`export scores`)."""
    cycle = cycle_of(params)
    scope = scope_text(user)
    data, count = score_workbook(cycle, visible_school_ids(user), scope)
    record_export(user, "scores", {"cycle": cycle.id, "schools": count, "scope": scope})
    return Produced(data, f"{cycle.name}-学校得分.xlsx", XLSX_CONTENT_TYPE)


def school_list(user: User, params: Mapping[str, Any]) -> Produced:
    schools = list(db.session.execute(schools_query(visible_school_ids(user))).scalars())
    data = school_list_workbook(schools)
    record_export(user, "schools", {"schools": len(schools), "scope": scope_text(user)})
    return Produced(data, "学校名单.xlsx", XLSX_CONTENT_TYPE)


def audit_log(user: User, params: Mapping[str, Any]) -> Produced:
    if user.role != Role.ADMIN:
        raise OperationError("只有管理员可以导出操作日志")
    filters, sort, direction = _audit_filters(params)
    sheets, count, truncated = audit_sheets(filters, sort, direction)
    data = workbook_bytes(sheets)
    record_export(user, "audit", {"events": count, "truncated": truncated})
    return Produced(data, "操作日志.xlsx", XLSX_CONTENT_TYPE)


# --------------------------------------------------------------------------------------------
# Sizes


def assessments_in_scope(user: User, params: Mapping[str, Any]) -> int:
    cycle = cycle_of(params)
    query = select(func.count()).select_from(Assessment).where(Assessment.cycle_id == cycle.id)
    allowed = visible_school_ids(user)
    if allowed is not None:
        if not allowed:
            return 0
        query = query.where(Assessment.school_id.in_(allowed))
    return int(db.session.execute(query).scalar_one())


def _schools_in_scope(user: User, params: Mapping[str, Any]) -> int:
    query = schools_query(visible_school_ids(user))
    return int(db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def _events(user: User, params: Mapping[str, Any]) -> int:
    filters, _sort, _direction = _audit_filters(params)
    return audit_count(filters)


# --------------------------------------------------------------------------------------------
# The school list imported in the background


def start_import(actor: User, data: bytes, filename: str) -> Job:
    """Queue the import of an uploaded school list (already past read_upload's checks)."""
    name = filename[:200]
    return queue.start_step(
        actor, IMPORT_SCHOOLS, {"filename": name}, {"filename": name, "bytes": len(data)}, {UPLOAD_NAME: data}
    )


def _run_import(job_id: int, user: User, params: dict[str, Any]) -> None:
    folder = queue.job_dir(job_id)
    try:
        reading = read_school_list((folder / UPLOAD_NAME).read_bytes())
    except SpreadsheetRejected as exc:
        queue.fail(job_id, f"未导入：{exc}")
        return
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the upload is read: it is not kept
    if reading.problems:
        rows = len({p.row for p in reading.problems})
        problems = [{"row": p.row, "column": p.column, "message": p.message} for p in reading.problems]
        queue.fail(
            job_id,
            f"未导入：表格中有 {rows} 行有误（共 {len(problems)} 处问题）。请改正后重新导入；学校名单未作任何改动。",
            outcome={
                "problems": problems[:MAX_PROBLEMS_KEPT],
                "problem_count": len(problems),
                "header_row": reading.header_row,
            },
        )
        return
    summary = import_schools(reading.rows, user, str(params.get("filename") or "学校名单.xlsx"))
    queue.finish(job_id, outcome={"message": summary.message}, one_step=True)


SCHOOLS, EVENTS = "INLINE_EXPORT_SCHOOLS", "INLINE_EXPORT_EVENTS"
register_export("export_scores", ExportKind("学校得分（Excel）", "所学校", scores, assessments_in_scope, SCHOOLS))
register_export("export_schools", ExportKind("学校名单（Excel）", "所学校", school_list, _schools_in_scope, SCHOOLS))
register_export("export_audit", ExportKind("操作日志（Excel）", "条记录", audit_log, _events, EVENTS))
register_step(IMPORT_SCHOOLS, StepKind("导入学校名单", _run_import))
