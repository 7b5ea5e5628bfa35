"""Celery tasks. The web process only sends them (with `CELERY_BROKER_URL` set); workers run them:

    SELFCHECK_CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
    SELFCHECK_SQLALCHEMY_DATABASE_URI=postgresql+psycopg://… \
    .venv/bin/celery -A webapp.celery_worker worker --concurrency 2 --loglevel info

Importing this module creates no Flask app; `webapp.celery_worker` does, for the workers.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

celery = Celery("selfcheck")
celery.conf.update(
    task_acks_late=True,  # a worker that dies mid-chunk leaves the chunk to another
    worker_prefetch_multiplier=1,  # reports are slow: take one chunk at a time
    task_ignore_result=True,  # progress is kept on the job's row, not in a result backend
    broker_connection_retry_on_startup=True,
    task_serializer="json",
    accept_content=["json"],
)

FLASK_APP: Any = None  # set by webapp.celery_worker in worker processes


@celery.task(name="selfcheck.report_chunk")
def report_chunk(job_id: int, assessment_ids: list[int]) -> None:
    from webapp.jobs import run_chunk

    if FLASK_APP is None:  # pragma: no cover - misconfigured worker
        raise RuntimeError("start workers with: celery -A webapp.celery_worker worker")
    with FLASK_APP.app_context():
        run_chunk(job_id, assessment_ids)


@celery.task(name="selfcheck.run_job")
def run_job_task(job_id: int) -> None:
    """An export or an import, whole."""
    from webapp.jobs import run_job

    if FLASK_APP is None:  # pragma: no cover - misconfigured worker
        raise RuntimeError("start workers with: celery -A webapp.celery_worker worker")
    with FLASK_APP.app_context():
        try:
            run_job(job_id)
        finally:
            from webapp.extensions import db

            db.session.remove()
