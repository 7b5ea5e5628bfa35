"""The Celery task of reminders: what ``selfcheck remind`` does, for Celery beat to call
(`webapp.jobs.celery_app` names it in its schedule and has workers import this module)."""

from __future__ import annotations

from webapp.extensions import db
from webapp.jobs import tasks as job_tasks
from webapp.jobs.celery_app import REMIND, celery


@celery.task(name=REMIND)
def remind_task() -> dict[str, int]:
    from webapp.notify.remind import run
    from webapp.settings import local_today

    app = job_tasks.FLASK_APP
    if app is None:  # pragma: no cover - misconfigured worker
        raise RuntimeError("start workers with: celery -A webapp.jobs.worker worker")
    with app.app_context():
        try:
            result = run(local_today())
        finally:
            db.session.remove()
    d = result.delivery
    return {
        "made": result.made,
        "mail_sent": d.mail_sent,
        "mail_failed": d.mail_failed,
        "webhook_sent": d.webhook_sent,
        "webhook_failed": d.webhook_failed,
    }
