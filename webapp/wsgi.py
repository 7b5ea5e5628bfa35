"""The WSGI entry point for gunicorn: `gunicorn -c config/gunicorn.conf.py webapp.wsgi:app`.

With `preload_app`, the app is built once in the master process and the rubrics of open cycles
are parsed before the workers fork, so that no worker pays for it on its first request.
"""

from webapp import create_app
from webapp.warmup import warm_up

app = create_app()
warm_up(app)
