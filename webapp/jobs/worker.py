"""The Celery worker's entry point: `celery -A webapp.jobs.worker worker`.

Builds the Flask app once per worker (the same configuration as the web: config/settings.toml,
then SELFCHECK_* variables), points Celery at its broker, and hands the app to the tasks.
"""

from __future__ import annotations

from webapp import create_app
from webapp.jobs import tasks
from webapp.jobs.celery_app import celery

flask_app = create_app()
tasks.FLASK_APP = flask_app
broker = flask_app.config.get("CELERY_BROKER_URL")
if not broker:
    raise RuntimeError("set SELFCHECK_CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) for the workers")
celery.conf.broker_url = broker
