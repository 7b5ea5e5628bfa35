"""The Celery application of the jobs: its configuration and the names of its tasks. The web
process sends tasks by name through it (`webapp.jobs.queue`), so it never imports the tasks;
workers import them (`webapp.jobs.worker` loads `webapp.jobs.tasks`).
"""

from __future__ import annotations

from celery import Celery
from celery.schedules import crontab

REPORT_CHUNK = "selfcheck.report_chunk"
RUN_JOB = "selfcheck.run_job"
REMIND = "selfcheck.remind"  # webapp.notify.tasks: what `selfcheck remind` does

celery = Celery("selfcheck")
celery.conf.update(
    task_acks_late=True,  # a worker that dies mid-chunk leaves the chunk to another
    worker_prefetch_multiplier=1,  # reports are slow: take one chunk at a time
    task_ignore_result=True,  # progress is kept on the job's row, not in a result backend
    broker_connection_retry_on_startup=True,
    task_serializer="json",
    accept_content=["json"],
)
# Celery beat (`celery -A webapp.jobs.worker beat`) sends the reminders every morning, Beijing time.
celery.conf.include = ["webapp.notify.tasks"]
celery.conf.timezone = "Asia/Shanghai"
celery.conf.beat_schedule = {"remind": {"task": REMIND, "schedule": crontab(hour=7, minute=30)}}
