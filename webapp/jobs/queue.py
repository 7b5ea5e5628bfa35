"""Background jobs: batches of 办学水平评估 reports, large exports, large school-list imports.

A job is a row (`models.Job`) saying what to do, for whom, how far it has got and what came
of it; the work runs elsewhere:

* With `CELERY_BROKER_URL` set, on Celery workers (`webapp.jobs.tasks`), on as many machines as
  there are. A report batch is cut into chunks of schools, one task each, and the chunk that
  completes the job packs the zip; an export or an import is one task.
* Without a broker, in the web process's background thread (a report batch through a local
  process pool, `reports.batch.render_batch`), so the embedded default needs nothing else.

What a job does is registered by the feature that owns it (`webapp.jobs.kinds`: the bureau's
exports and school-list import, the documents' region exports and report batches); a job
re-checks the creator's account and scope when it runs. Results live in
`JOBS_DIR` (a shared folder when workers run on several machines) for JOB_RETENTION_DAYS.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import func, select, text, update

from webapp.audit import record
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.jobs.kinds import BATCHES, EXPORTS, STEPS, label_of
from webapp.models import Job, JobStatus, User, utcnow

log = logging.getLogger("selfcheck.jobs")
CHUNK = 10
PROGRESS_EVERY = 1.0  # seconds between progress writes

PROCESS_KEY = "_process"
UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)


def kind_label(kind: str) -> str:
    return label_of(kind)


def job_dir(job_id: int) -> Path:
    return Path(current_app.config["JOBS_DIR"]) / str(job_id)


def broker_url() -> str:
    return str(current_app.config.get("CELERY_BROKER_URL") or "")


# --------------------------------------------------------------------------------------------
# Starting


def create(actor: User, kind: str, params: dict[str, Any], total: int, audit: dict[str, Any]) -> int:
    """The job's row and its audit event, in one transaction; returns the job's id."""
    runner = _runner()
    if runner == "local":  # which process runs it, so that a restart's orphans can be told
        params = {**params, PROCESS_KEY: {"host": socket.gethostname(), "pid": os.getpid()}}
    limit = int(current_app.config["JOBS_MAX_PER_USER"])
    with write_transaction():
        if db.engine.dialect.name == "postgresql":  # one start at a time per account
            db.session.execute(text("SELECT pg_advisory_xact_lock(3, :user)"), {"user": actor.id})
        unfinished = db.session.execute(
            select(func.count()).where(Job.created_by_id == actor.id, Job.status.in_(UNFINISHED))
        ).scalar_one()
        if unfinished >= limit:
            raise OperationError(
                f"您已有{unfinished}个后台任务在排队或进行中（每人最多{limit}个），请等它们完成后再开始新的任务。"
            )
        job = Job(
            kind=kind,
            status=JobStatus.QUEUED,
            params=params,
            total=total,
            runner=runner,
            created_by_id=actor.id,
        )
        db.session.add(job)
        db.session.flush()
        record(
            "job_started",
            db.session.get(User, actor.id),
            entity="job",
            entity_id=job.id,
            new={"kind": kind, "label": kind_label(kind), "runner": runner, **audit},
        )
        job_id = int(job.id)
    prune_expired()
    return job_id


def _runner() -> str:
    return "celery" if broker_url() else "local"


def launch(job_id: int, chunks: Sequence[list[int]] = ()) -> Job:
    """Hand the job to its runner (the same one _create wrote on its row)."""
    if _runner() == "celery":  # sent by name: the web process never imports the tasks
        from webapp.jobs.celery_app import REPORT_CHUNK, RUN_JOB, celery

        celery.conf.broker_url = broker_url()
        if chunks:
            for chunk in chunks:
                celery.send_task(REPORT_CHUNK, args=[job_id, chunk])
        else:
            celery.send_task(RUN_JOB, args=[job_id])
    else:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        target = _run_local_batch if chunks else _run_local
        if app.config.get("JOBS_INLINE"):  # tests: run to the end before answering
            target(app, job_id)
        else:
            _local_queue(app).submit(_when_a_slot_is_free, app, job_id, target)
    db.session.expire_all()
    fresh = db.session.get(Job, job_id)
    assert fresh is not None
    return fresh


def start_batch(actor: User, kind: str, ids: Sequence[int], params: dict[str, Any], audit: dict[str, Any]) -> Job:
    """Queue a batch of reports (one of `kinds.BATCHES`) over ``ids``, in chunks of CHUNK."""
    if kind not in BATCHES:
        raise OperationError("未知的任务类型")
    ids = list(ids)
    job_id = create(actor, kind, {**params, "ids": ids}, len(ids), audit)
    job_dir(job_id).mkdir(parents=True, exist_ok=True)
    return launch(job_id, [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)])


def start_export(actor: User, kind: str, params: dict[str, Any], size: int) -> Job:
    """Queue one of `kinds.EXPORTS` for the actor; `size` is what the page told them."""
    if kind not in EXPORTS:
        raise OperationError("未知的导出类型")
    job_id = create(actor, kind, params, 1, {"size": size})
    return launch(job_id)


def start_step(
    actor: User, kind: str, params: dict[str, Any], audit: dict[str, Any], files: Mapping[str, bytes] | None = None
) -> Job:
    """Queue one of `kinds.STEPS`; ``files`` are written into the job's folder first (an
    upload to import), where the step finds them with `job_dir`."""
    if kind not in STEPS:
        raise OperationError("未知的任务类型")
    job_id = create(actor, kind, params, 1, audit)
    if files:
        folder = job_dir(job_id)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
    return launch(job_id)


# --------------------------------------------------------------------------------------------
# The local queue: one per process, and at most JOBS_MAX_RUNNING local jobs running at once
# over every process that shares the database (each report batch has its own pool of
# REPORT_WORKERS processes, so this bounds the processes and the memory too).

_QUEUE: ThreadPoolExecutor | None = None
_QUEUE_LOCK = threading.Lock()
WAIT_POLL = 1.0  # seconds between looks for a free slot


def _local_queue(app: Flask) -> ThreadPoolExecutor:
    global _QUEUE
    with _QUEUE_LOCK:
        if _QUEUE is None:
            workers = max(1, int(app.config["JOBS_MAX_RUNNING"]))
            _QUEUE = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="selfcheck-job")
        return _QUEUE


def _when_a_slot_is_free(app: Flask, job_id: int, target: Any) -> None:
    """Wait (queued) until fewer than JOBS_MAX_RUNNING local jobs run, then run the job."""
    with app.app_context():
        try:
            while not _claim_slot(job_id):
                reap_orphans()
                db.session.remove()
                time.sleep(WAIT_POLL)
        finally:
            db.session.remove()
    target(app, job_id)


def _claim_slot(job_id: int) -> bool:
    """Mark the job running if a slot is free; False while it must wait. A job no longer
    queued (failed by reap_orphans, say) claims nothing and is not run: True ends the wait."""
    limit = max(1, int(current_app.config["JOBS_MAX_RUNNING"]))
    with write_transaction():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("SELECT pg_advisory_xact_lock(4, 0)"))
        job = db.session.get(Job, job_id)
        if job is None or job.status != JobStatus.QUEUED:
            return True
        running = db.session.execute(
            select(func.count()).where(Job.runner == "local", Job.status == JobStatus.RUNNING)
        ).scalar_one()
        if running >= limit:
            return False
        job.status = JobStatus.RUNNING
        job.started_at = utcnow()
    return True


def place_in_queue(job: Job) -> int:
    """How many jobs of the same runner wait before this queued one (0: it is next)."""
    if job.status != JobStatus.QUEUED:
        return 0
    return int(
        db.session.execute(
            select(func.count()).where(
                Job.runner == job.runner, Job.status == JobStatus.QUEUED, Job.id < job.id
            )
        ).scalar_one()
    )


# --------------------------------------------------------------------------------------------
# Running one-step jobs (exports and imports)


def _run_local(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            run_job(job_id)
        finally:
            db.session.remove()


def run_job(job_id: int) -> None:
    """Run an export or a one-step job to its end, in whatever process holds an app context."""
    job = db.session.get(Job, job_id)
    if job is None or job.status not in UNFINISHED:
        return
    kind, params = job.kind, dict(job.params or {})
    _count(job_id, status=JobStatus.RUNNING)
    try:
        user = job.created_by
        if user is None or not user.active:
            raise OperationError("发起人的账号已停用，任务未执行")
        if kind in STEPS:
            STEPS[kind].run(job_id, user, params)
            return
        if kind not in EXPORTS:
            raise OperationError(f"未知的任务类型：{kind}")
        produced = EXPORTS[kind].make(user, params)
        suffix = Path(produced.filename).suffix.lower() or ".bin"
        target = Path(current_app.config["JOBS_DIR"]) / f"{job_id}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(produced.data)
        partial.replace(target)
        finish(
            job_id,
            result_file=target.name,
            result_name=produced.filename,
            outcome={"bytes": len(produced.data)},
            one_step=True,
        )
    except OperationError as exc:
        fail(job_id, str(exc))
    except Exception as exc:  # the job fails; the process that runs it lives on
        log.exception("job %s (%s) failed", job_id, kind)
        fail(job_id, f"系统出错，任务未完成（{type(exc).__name__}），详情见服务器日志")


# --------------------------------------------------------------------------------------------
# Report batches


def _tasks(job_id: int, ids: Sequence[int]) -> list[Any]:
    job = db.session.get(Job, job_id)
    assert job is not None
    return BATCHES[job.kind].tasks(job_id, ids)


def _count(job_id: int, done: int = 0, failed: int = 0, status: str | None = None) -> None:
    values: dict[str, Any] = {"done": Job.done + done, "failed": Job.failed + failed}
    if status is not None:
        values["status"] = status
        if status == JobStatus.RUNNING:
            values["started_at"] = utcnow()
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job_id).values(**values))


def _run_local_batch(app: Flask, job_id: int) -> None:
    """The embedded default: the whole batch through a local process pool."""
    from reports.batch import render_batch

    with app.app_context():
        try:
            job = db.session.get(Job, job_id)
            if job is None or job.status not in UNFINISHED:
                return
            ids = list(job.params.get("ids") or job.params["assessment_ids"])
            tasks = _tasks(job_id, ids)
            db.session.remove()
            _count(job_id, status=JobStatus.RUNNING)
            pending = {"done": 0, "failed": 0}
            last = [time.monotonic()]

            def progress(done: int, total: int, result: Any) -> None:
                pending["done" if result.ok else "failed"] += 1
                if time.monotonic() - last[0] >= PROGRESS_EVERY or done == total:
                    _count(job_id, pending["done"], pending["failed"])
                    pending["done"] = pending["failed"] = 0
                    last[0] = time.monotonic()

            results = render_batch(tasks, workers=int(app.config["REPORT_WORKERS"]), progress=progress)
            _finish_batch(job_id, [r.error for r in results if not r.ok])
        except Exception as exc:  # the job fails; the web process lives on
            log.exception("job %s failed", job_id)
            fail(job_id, f"系统出错，任务未完成（{type(exc).__name__}），详情见服务器日志")
        finally:
            db.session.remove()


def run_chunk(job_id: int, assessment_ids: Sequence[int]) -> None:
    """One Celery task: render a chunk in this worker; the chunk that completes the job zips it."""
    from reports.batch import render_one

    job = db.session.get(Job, job_id)
    if job is None:
        return
    if job.status == JobStatus.QUEUED:
        with db.engine.begin() as connection:
            connection.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == JobStatus.QUEUED)
                .values(status=JobStatus.RUNNING, started_at=utcnow())
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
        _finish_batch(job_id, errors)


def _finish_batch(job_id: int, errors: list[str]) -> None:
    folder = job_dir(job_id)
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for pdf in sorted(folder.glob("*.pdf")):
            out.write(pdf, pdf.name)
    shutil.rmtree(folder, ignore_errors=True)
    finish(job_id, result_file=archive.name, result_name=f"评估报告_{job_id}.zip", error="\n".join(errors[:20]))


# --------------------------------------------------------------------------------------------
# Ending, results, clean-up


def finish(
    job_id: int,
    result_file: str | None = None,
    result_name: str | None = None,
    outcome: dict[str, Any] | None = None,
    error: str = "",
    one_step: bool = False,
) -> None:
    values: dict[str, Any] = {"status": JobStatus.DONE, "finished_at": utcnow(), "error": error}
    if one_step:
        values["done"] = Job.total
    if result_file is not None:
        values.update(result_file=result_file, result_name=result_name)
    if outcome is not None:
        values["outcome"] = outcome
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job_id).values(**values))


def fail(job_id: int, message: str, outcome: dict[str, Any] | None = None) -> None:
    values: dict[str, Any] = {"status": JobStatus.FAILED, "finished_at": utcnow(), "error": message[:2000]}
    if outcome is not None:
        values["outcome"] = outcome
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job_id).values(**values))


def result_path(job: Job) -> Path | None:
    if job.status != JobStatus.DONE or not job.result_file:
        return None
    path = Path(current_app.config["JOBS_DIR"]) / job.result_file
    return path if path.is_file() else None


def percent(job: Job) -> int:
    if job.status == JobStatus.DONE:
        return 100
    return 0 if not job.total else math.floor((job.done + job.failed) / job.total * 100)


def prune_expired(now: dt.datetime | None = None) -> int:
    """Remove the files of jobs that finished more than JOB_RETENTION_DAYS ago (the rows stay,
    so the history remains); returns how many results were removed."""
    days = float(current_app.config["JOB_RETENTION_DAYS"])
    cutoff = (now or utcnow()) - dt.timedelta(days=days)
    expired = list(
        db.session.execute(
            select(Job.id, Job.result_file).where(
                Job.finished_at < cutoff, Job.result_file.is_not(None), Job.result_file != ""
            )
        )
    )
    root = Path(current_app.config["JOBS_DIR"])
    for job_id, name in expired:
        (root / name).unlink(missing_ok=True)
        shutil.rmtree(root / str(job_id), ignore_errors=True)
    if expired:
        with db.engine.begin() as connection:
            connection.execute(update(Job).where(Job.id.in_([j for j, _ in expired])).values(result_file=None))
    return len(expired)


def reap_orphans() -> int:
    """Fail the local jobs whose web process has gone (a restart, a crash) without finishing
    them: they would otherwise show 进行中 forever. Only jobs of this machine can be judged;
    Celery's tasks are acknowledged late, so a lost worker's chunk goes to another."""
    rows = db.session.execute(
        select(Job.id, Job.params).where(
            Job.runner == "local", Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING])
        )
    ).all()
    host, reaped = socket.gethostname(), 0
    for job_id, params in rows:
        process = (params or {}).get(PROCESS_KEY) or {}
        if process.get("host") == host and not _alive(int(process.get("pid") or 0)):
            fail(job_id, "服务曾重启，任务中断，未能完成；请重新开始。")
            reaped += 1
    if reaped:
        db.session.rollback()  # end this session's read snapshot: see what was just written
    return reaped


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user: alive
        return True
    return True
