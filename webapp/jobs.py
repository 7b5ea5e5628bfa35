"""Background jobs: a batch of 办学水平评估 reports for a cycle.

With `CELERY_BROKER_URL` set, a batch is cut into chunks of schools and each chunk is a Celery
task (`webapp.tasks.report_chunk`), so that as many worker processes as there are, on as many
machines, render at once; the last chunk to finish packs the zip. Without a broker the same
work runs in the web process's background thread through a local process pool
(`reports.batch.render_batch`), so the embedded default needs nothing else. Either way the
job's row counts what is done, and the page shows it.

Job files live in `<JOBS_DIR>/<job id>/`; with Celery on several machines, JOBS_DIR must be a
shared folder.
"""

from __future__ import annotations

import logging
import math
import shutil
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select, update

from webapp.database import write_transaction
from webapp.extensions import db
from webapp.models import Assessment, Job, JobStatus, User, utcnow
from webapp.operations import OperationError, record

log = logging.getLogger("selfcheck.jobs")
CHUNK = 10
PROGRESS_EVERY = 1.0  # seconds between progress writes


def job_dir(job_id: int) -> Path:
    return Path(current_app.config["JOBS_DIR"]) / str(job_id)


def broker_url() -> str:
    return str(current_app.config.get("CELERY_BROKER_URL") or "")


def start_report_batch(actor: User, cycle_id: int, school_ids: set[int] | None) -> Job:
    """Queue the reports of every assessment of a cycle the actor may see."""
    from webapp.models import Cycle

    runner = "celery" if broker_url() else "local"
    with write_transaction():
        cycle = db.session.get(Cycle, cycle_id)
        if cycle is None:
            raise OperationError("年度评估不存在")
        query = select(Assessment.id).where(Assessment.cycle_id == cycle_id)
        if school_ids is not None:
            query = query.where(Assessment.school_id.in_(sorted(school_ids)))
        ids = list(db.session.execute(query.order_by(Assessment.id)).scalars())
        if not ids:
            raise OperationError("这一年度评估没有可生成报告的学校")
        job = Job(
            kind="report_batch",
            status=JobStatus.QUEUED.value,
            params={"cycle_id": cycle_id, "assessment_ids": ids},
            total=len(ids),
            runner=runner,
            created_by_id=actor.id,
        )
        db.session.add(job)
        db.session.flush()
        record(
            "report_batch_started",
            db.session.get(User, actor.id),
            entity="job",
            entity_id=job.id,
            new={"cycle": cycle_id, "schools": len(ids), "runner": runner},
        )
        job_id = job.id
    job_dir(job_id).mkdir(parents=True, exist_ok=True)
    if runner == "celery":
        from webapp.tasks import celery, report_chunk

        celery.conf.broker_url = broker_url()
        for start in range(0, len(ids), CHUNK):
            report_chunk.delay(job_id, ids[start : start + CHUNK])
    else:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        if app.config.get("JOBS_INLINE"):  # tests: run to the end before answering
            _run_local(app, job_id)
        else:
            threading.Thread(target=_run_local, args=(app, job_id), name=f"job-{job_id}", daemon=True).start()
    fresh = db.session.get(Job, job_id)
    assert fresh is not None
    return fresh


def _tasks(job_id: int, assessment_ids: Sequence[int]) -> list[Any]:
    from reports.batch import RenderTask, report_filename
    from webapp.auth import assessment_loading
    from webapp.report_data import school_report_for

    folder = job_dir(job_id)
    rows = db.session.execute(
        select(Assessment).where(Assessment.id.in_(list(assessment_ids))).options(*assessment_loading())
    ).scalars()
    tasks = []
    for assessment in sorted(rows, key=lambda a: a.id):
        name = report_filename(assessment.school.code, assessment.school.name)
        tasks.append(RenderTask(str(assessment.id), school_report_for(assessment), str(folder / name)))
    return tasks


def _count(job_id: int, done: int = 0, failed: int = 0, status: str | None = None) -> None:
    values: dict[str, Any] = {"done": Job.done + done, "failed": Job.failed + failed}
    if status is not None:
        values["status"] = status
        if status == JobStatus.RUNNING.value:
            values["started_at"] = utcnow()
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job_id).values(**values))


def _run_local(app: Flask, job_id: int) -> None:
    """The embedded default: the whole batch through a local process pool."""
    from reports.batch import render_batch

    with app.app_context():
        try:
            job = db.session.get(Job, job_id)
            assert job is not None
            ids = list(job.params["assessment_ids"])
            tasks = _tasks(job_id, ids)
            db.session.remove()
            _count(job_id, status=JobStatus.RUNNING.value)
            pending = {"done": 0, "failed": 0}
            last = [time.monotonic()]

            def progress(done: int, total: int, result: Any) -> None:
                pending["done" if result.ok else "failed"] += 1
                if time.monotonic() - last[0] >= PROGRESS_EVERY or done == total:
                    _count(job_id, pending["done"], pending["failed"])
                    pending["done"] = pending["failed"] = 0
                    last[0] = time.monotonic()

            results = render_batch(tasks, workers=int(app.config.get("REPORT_WORKERS", 2)), progress=progress)
            _finish(job_id, [r.error for r in results if not r.ok])
        except Exception as exc:  # the job fails; the web process lives on
            log.exception("job %s failed", job_id)
            _fail(job_id, exc)
        finally:
            db.session.remove()


def run_chunk(job_id: int, assessment_ids: Sequence[int]) -> None:
    """One Celery task: render a chunk in this worker; the chunk that completes the job zips it."""
    from reports.batch import render_one

    job = db.session.get(Job, job_id)
    if job is None:
        return
    if job.status == JobStatus.QUEUED.value:
        with db.engine.begin() as connection:
            connection.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == JobStatus.QUEUED.value)
                .values(status=JobStatus.RUNNING.value, started_at=utcnow())
            )
    tasks = _tasks(job_id, assessment_ids)
    db.session.remove()
    errors = []
    for task in tasks:
        result = render_one(task)
        _count(job_id, 1 if result.ok else 0, 0 if result.ok else 1)
        if not result.ok:
            errors.append(result.error)
    with db.engine.begin() as connection:  # exactly one chunk wins the right to pack the zip
        claimed = connection.execute(
            update(Job)
            .where(Job.id == job_id, Job.result_file.is_(None), Job.done + Job.failed >= Job.total)
            .values(result_file="")
        ).rowcount
    if claimed == 1:
        _finish(job_id, errors)


def _finish(job_id: int, errors: list[str]) -> None:
    folder = job_dir(job_id)
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for pdf in sorted(folder.glob("*.pdf")):
            out.write(pdf, pdf.name)
    shutil.rmtree(folder, ignore_errors=True)
    with db.engine.begin() as connection:
        connection.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(
                status=JobStatus.DONE.value,
                result_file=archive.name,
                finished_at=utcnow(),
                error="\n".join(errors[:20]),
            )
        )


def _fail(job_id: int, exc: BaseException) -> None:
    with db.engine.begin() as connection:
        connection.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(status=JobStatus.FAILED.value, finished_at=utcnow(), error=f"{type(exc).__name__}: {exc}"[:2000])
        )


def result_path(job: Job) -> Path | None:
    if job.status != JobStatus.DONE.value or not job.result_file:
        return None
    path = Path(current_app.config["JOBS_DIR"]) / job.result_file
    return path if path.is_file() else None


def percent(job: Job) -> int:
    return 100 if not job.total else math.floor((job.done + job.failed) / job.total * 100)
