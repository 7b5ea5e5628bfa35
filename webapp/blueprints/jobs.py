"""Background jobs in the web: start a batch of reports, watch it, download the result."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from webapp import jobs, operations
from webapp.auth import role_required, visible_school_ids
from webapp.extensions import db
from webapp.models import Job, Role

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def _visible_jobs() -> Any:
    query = select(Job).order_by(Job.id.desc()).limit(50)
    if current_user.role != Role.ADMIN.value:
        query = query.where(Job.created_by_id == current_user.id)
    return db.session.execute(query).scalars()


def _job_or_404(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None or (current_user.role != Role.ADMIN.value and job.created_by_id != current_user.id):
        abort(404)
    return job


@bp.get("/")
@role_required(Role.ADMIN, Role.DISTRICT)
def index() -> str:
    rows = list(_visible_jobs())
    running = any(j.status in ("queued", "running") for j in rows)
    return render_template(
        "jobs/index.html",
        rows=rows,
        cycle=operations.current_cycle(),
        form=FlaskForm(),
        running=running,
        percent=jobs.percent,
        runner="Celery（" + jobs.broker_url().split("@")[-1] + "）" if jobs.broker_url() else "本机进程池",
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
        return redirect(url_for(".index"), 303)
    try:
        job = jobs.start_report_batch(current_user, cycle.id, visible_school_ids(current_user))
    except operations.OperationError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".index"), 303)
    flash(f"已开始生成 {job.total} 所学校的评估报告，完成后可在下方下载。", "success")
    return redirect(url_for(".index"), 303)


@bp.get("/<int:job_id>/download")
@role_required(Role.ADMIN, Role.DISTRICT)
def download(job_id: int) -> Response:
    job = _job_or_404(job_id)
    path = jobs.result_path(job)
    if path is None:
        abort(404)
    response = send_file(
        path, mimetype="application/zip", as_attachment=True, download_name=f"评估报告_{job.id}.zip", max_age=0
    )
    response.headers["Cache-Control"] = "private, no-store"  # every school's report: never cached
    return response
