"""gunicorn settings for selfcheck (production). Override any of them with GUNICORN_CMD_ARGS.

    SELFCHECK_ENV=production SELFCHECK_SECRET_KEY=... \
    SELFCHECK_SQLALCHEMY_DATABASE_URI=postgresql+psycopg://selfcheck@127.0.0.1/selfcheck \
    .venv/bin/gunicorn -c config/gunicorn.conf.py webapp.wsgi:app
"""

import multiprocessing
import os

bind = os.environ.get("SELFCHECK_BIND", "127.0.0.1:8000")  # nginx in front; never exposed directly
workers = int(os.environ.get("SELFCHECK_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("SELFCHECK_THREADS", 4))  # page renders wait on the database, not the CPU
worker_class = "gthread"
timeout = 60  # a request that takes longer is stuck; report batches run as background jobs
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then (memory)
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("SELFCHECK_LOG_LEVEL", "info")
forwarded_allow_ips = "127.0.0.1"  # trust X-Forwarded-* from the local nginx only
proxy_allow_ips = "127.0.0.1"
preload_app = True  # build the app and parse the open cycles' rubrics once, before forking
