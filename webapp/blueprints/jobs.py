"""Background jobs in the web: start a batch of reports, a large export or import, watch it,
download the result.

`export_view` is how every export URL answers: a GET holding no more than the INLINE_EXPORT_*
settings allow downloads at once; a larger one shows what it would hold and a button that
POSTs to the same address, which queues the export as a job and leads to the job's page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from webapp import exports, jobs, operations
from webapp.auth import role_required, visible_school_ids
from webapp.extensions import db
from webapp.models import Job, JobStatus, Role

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

MIMETYPES = {
    ".zip": "application/zip",
    ".pdf": exports.PDF_CONTENT_TYPE,
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def content_disposition(filename: str) -> str:
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(data: bytes, filename: str, mimetype: str) -> Response:
    """A download that no cache keeps: every export holds schools' data."""
    response = make_response(data)
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = content_disposition(filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def export_view(kind: str, params: Mapping[str, Any]) -> Any:
    """Answer an export URL: the file at once when small, else a job (see the module's text)."""
    spec = exports.KINDS[kind]
    if request.method == "POST":
        if not FlaskForm().validate():
            abort(400)
        size = exports.size_of(kind, current_user, params)
        try:
            job = jobs.start_export(current_user, kind, dict(params), size)
        except operations.OperationError as exc:
            flash(str(exc), "error")
            return redirect(url_for("jobs.index"), 303)
        flash(f"已在后台开始导出{spec.label}（约 {size} {spec.unit}），完成后可在本页下载。", "success")
        return redirect(url_for("jobs.show", job_id=job.id), 303)
    size = exports.size_of(kind, current_user, params)
    if exports.is_large(kind, size):
        return render_template("jobs/confirm.html", spec=spec, size=size, form=FlaskForm(), action=request.full_path)
    produced = spec.make(current_user, params)
    return attachment(produced.data, produced.filename, produced.mimetype)


# --------------------------------------------------------------------------------------------
# The jobs page


def _visible_jobs() -> Any:
    query = select(Job).order_by(Job.id.desc()).limit(50)
    if current_user.role != Role.ADMIN.value:
        query = query.where(Job.created_by_id == current_user.id)
    return db.session.execute(query).scalars()


def _job_or_404(job_id: int) -> Job:
    """A job its creator or an admin may see; anyone else gets 404, as for a missing one."""
    job = db.session.get(Job, job_id)
    if job is None or (current_user.role != Role.ADMIN.value and job.created_by_id != current_user.id):
        abort(404)
    return job


def _runner_text() -> str:
    return "Celery（" + jobs.broker_url().split("@")[-1] + "）" if jobs.broker_url() else "本机"


@bp.get("/")
@role_required(Role.ADMIN, Role.DISTRICT)
def index() -> str:
    jobs.reap_orphans()
    rows = list(_visible_jobs())
    running = any(j.status in (JobStatus.QUEUED.value, JobStatus.RUNNING.value) for j in rows)
    return render_template(
        "jobs/index.html",
        rows=rows,
        cycle=operations.current_cycle(),
        form=FlaskForm(),
        running=running,
        percent=jobs.percent,
        kind_label=jobs.kind_label,
        runner=_runner_text(),
    )


@bp.get("/<int:job_id>")
@role_required(Role.ADMIN, Role.DISTRICT)
def show(job_id: int) -> str:
    jobs.reap_orphans()
    job = _job_or_404(job_id)
    return render_template(
        "jobs/show.html",
        job=job,
        percent=jobs.percent(job),
        kind_label=jobs.kind_label(job.kind),
        available=jobs.result_path(job) is not None,
        running=job.status in (JobStatus.QUEUED.value, JobStatus.RUNNING.value),
        runner=_runner_text(),
        place=jobs.place_in_queue(job),
    )


@bp.post("/report-batch")
@role_required(Role.ADMIN, Role.DISTRICT)
def start_report_batch() -> Any:
    form = FlaskForm()
    if not form.validate():
        abort(400)
    cycle = operations.current_cycle()
    if cycle is None:
        flash("还没有年度评估。", "error")
        return redirect(url_for("jobs.index"), 303)
    try:
        job = jobs.start_report_batch(current_user, cycle.id, visible_school_ids(current_user))
    except operations.OperationError as exc:
        flash(str(exc), "error")
        return redirect(url_for("jobs.index"), 303)
    flash(f"已开始生成 {job.total} 所学校的评估报告，完成后可在本页下载。", "success")
    return redirect(url_for("jobs.show", job_id=job.id), 303)


@bp.get("/<int:job_id>/download")
@role_required(Role.ADMIN, Role.DISTRICT)
def download(job_id: int) -> Response:
    job = _job_or_404(job_id)
    path = jobs.result_path(job)
    if path is None:
        abort(404)
    name = job.result_name or path.name
    response = send_file(path, mimetype=MIMETYPES.get(path.suffix, "application/octet-stream"), max_age=0)
    response.headers["Content-Disposition"] = content_disposition(name)
    response.headers["Cache-Control"] = "private, no-store"  # schools' data: never cached
    operations.record_job_download(current_user, job.id, job.kind, name)
    return response
