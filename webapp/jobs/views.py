"""Background jobs in the browser: the list, a job's page with its progress and result,
starting a report batch, and the answer of every export URL (at once when small, as a job when
large)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, send_file
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from webapp.accounts.access import role_required
from webapp.assessments import current_cycle
from webapp.audit import record_job_download
from webapp.extensions import db
from webapp.jobs.queue import broker_url, kind_label, percent, place_in_queue, reap_orphans, result_path
from webapp.models import Job, JobStatus, Role
from webapp.web import MIMETYPES, content_disposition

bp = Blueprint("jobs", __name__, url_prefix="/jobs")




def _visible_jobs() -> Any:
    query = select(Job).order_by(Job.id.desc()).limit(50)
    if current_user.role != Role.ADMIN:
        query = query.where(Job.created_by_id == current_user.id)
    return db.session.execute(query).scalars()


def _job_or_404(job_id: int) -> Job:
    """A job its creator or an admin may see; anyone else gets 404, as for a missing one."""
    job = db.session.get(Job, job_id)
    if job is None or (current_user.role != Role.ADMIN and job.created_by_id != current_user.id):
        abort(404)
    return job


def _runner_text() -> str:
    return "Celery（" + broker_url().split("@")[-1] + "）" if broker_url() else "本机"


@bp.get("/")
@role_required(Role.ADMIN, Role.DISTRICT)
def index() -> str:
    reap_orphans()
    rows = list(_visible_jobs())
    running = any(j.status in (JobStatus.QUEUED, JobStatus.RUNNING) for j in rows)
    return render_template(
        "jobs/index.html",
        rows=rows,
        cycle=current_cycle(),
        form=FlaskForm(),
        running=running,
        percent=percent,
        kind_label=kind_label,
        runner=_runner_text(),
    )


@bp.get("/<int:job_id>")
@role_required(Role.ADMIN, Role.DISTRICT)
def show(job_id: int) -> str:
    reap_orphans()
    job = _job_or_404(job_id)
    return render_template(
        "jobs/show.html",
        job=job,
        percent=percent(job),
        kind_label=kind_label(job.kind),
        available=result_path(job) is not None,
        running=job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
        runner=_runner_text(),
        place=place_in_queue(job),
    )




@bp.get("/<int:job_id>/download")
@role_required(Role.ADMIN, Role.DISTRICT)
def download(job_id: int) -> Response:
    job = _job_or_404(job_id)
    path = result_path(job)
    if path is None:
        abort(404)
    name = job.result_name or path.name
    response = send_file(path, mimetype=MIMETYPES.get(path.suffix, "application/octet-stream"), max_age=0)
    response.headers["Content-Disposition"] = content_disposition(name)
    response.headers["Cache-Control"] = "private, no-store"  # schools' data: never cached
    record_job_download(current_user, job.id, job.kind, name)
    return response
