"""Celery tasks. The web process only sends them (with `CELERY_BROKER_URL` set); workers run them:

    SELFCHECK_CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
    SELFCHECK_SQLALCHEMY_DATABASE_URI=postgresql+psycopg://… \
    .venv/bin/celery -A webapp.jobs.worker worker --concurrency 2 --loglevel info

Importing this module creates no Flask app; `webapp.jobs.worker` does, for the workers.
"""

from __future__ import annotations

from typing import Any

from webapp.extensions import db
from webapp.jobs.celery_app import REPORT_CHUNK, RUN_JOB, celery
from webapp.jobs.queue import run_chunk, run_job

FLASK_APP: Any = None  # set by webapp.jobs.worker in worker processes


@celery.task(name=REPORT_CHUNK)
def report_chunk(job_id: int, assessment_ids: list[int]) -> None:
    if FLASK_APP is None:  # pragma: no cover - misconfigured worker
        raise RuntimeError("start workers with: celery -A webapp.jobs.worker worker")
    with FLASK_APP.app_context():
        run_chunk(job_id, assessment_ids)


@celery.task(name=RUN_JOB)
def run_job_task(job_id: int) -> None:
    """An export or an import, whole."""
    if FLASK_APP is None:  # pragma: no cover - misconfigured worker
        raise RuntimeError("start workers with: celery -A webapp.jobs.worker worker")
    with FLASK_APP.app_context():
        try:
            run_job(job_id)
        finally:
            db.session.remove()
