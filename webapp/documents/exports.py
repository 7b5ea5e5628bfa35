"""The documents as background work: the region summary (PDF and Excel) as exports, and the
batch of every school's report, registered with `webapp.jobs.kinds`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from reports.batch import RenderTask, report_filename
from reports.build import ImpossibleFigures
from reports.excel import region_workbook
from reports.render import render_region_pdf
from webapp.accounts.access import visible_school_ids
from webapp.assessments import assessment_loading
from webapp.audit import record_download
from webapp.bureau.exports import assessments_in_scope, cycle_of
from webapp.documents.report_data import region_report_for, school_report_for
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.jobs import queue
from webapp.jobs.kinds import BatchKind, ExportKind, Produced, register_batch, register_export
from webapp.models import Assessment, Cycle, Job, Role, User
from webapp.web import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE

REPORT_BATCH = "report_batch"


def _region(user: User) -> str:
    if user.role == Role.DISTRICT and user.district is not None:
        return str(user.district.name)
    return ""


def region_pdf(user: User, params: Mapping[str, Any]) -> Produced:
    """The region summary (区域汇总报告): a district officer's holds its district only."""
    cycle, region = cycle_of(params), _region(user)
    pdf = render_region_pdf(region_report_for(cycle, visible_school_ids(user), region))
    record_download(user, "region_report", cycle.id)
    return Produced(pdf, f"{cycle.year}年度{region}办学水平评估汇总报告.pdf", PDF_CONTENT_TYPE)


def region_xlsx(user: User, params: Mapping[str, Any]) -> Produced:
    cycle, region = cycle_of(params), _region(user)
    data = region_workbook(region_report_for(cycle, visible_school_ids(user), region))
    record_download(user, "region_workbook", cycle.id)
    return Produced(data, f"{cycle.year}年度{region}办学水平评估汇总表.xlsx", XLSX_CONTENT_TYPE)


def start_report_batch(actor: User, cycle_id: int, school_ids: set[int] | None) -> Job:
    """Queue the reports of every assessment of a cycle the actor may see."""
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        raise OperationError("年度评估不存在")
    query = select(Assessment.id).where(Assessment.cycle_id == cycle_id)
    if school_ids is not None:
        query = query.where(Assessment.school_id.in_(sorted(school_ids)))
    ids = list(db.session.execute(query.order_by(Assessment.id)).scalars())
    if not ids:
        raise OperationError("这一年度评估没有可生成报告的学校")
    return queue.start_batch(actor, REPORT_BATCH, ids, {"cycle_id": cycle_id}, {"cycle": cycle_id, "schools": len(ids)})


def _report_tasks(job_id: int, assessment_ids: Sequence[int]) -> list[RenderTask]:
    folder = queue.job_dir(job_id)
    rows = db.session.execute(
        select(Assessment).where(Assessment.id.in_(list(assessment_ids))).options(*assessment_loading())
    ).scalars()
    tasks = []
    for assessment in sorted(rows, key=lambda a: a.id):
        name = report_filename(assessment.school.code, assessment.school.name)
        try:
            tasks.append(RenderTask(str(assessment.id), school_report_for(assessment), str(folder / name)))
        except ImpossibleFigures as exc:  # this school fails alone, with the figures named
            tasks.append(RenderTask(str(assessment.id), None, str(folder / name), error="；".join(exc.lines())))
    return tasks


SCHOOLS = "INLINE_EXPORT_SCHOOLS"
register_export("region_pdf", ExportKind("区域汇总报告（PDF）", "所学校", region_pdf, assessments_in_scope, SCHOOLS))
register_export("region_xlsx", ExportKind("区域汇总表（Excel）", "所学校", region_xlsx, assessments_in_scope, SCHOOLS))
register_batch(REPORT_BATCH, BatchKind("批量评估报告（PDF）", _report_tasks))
