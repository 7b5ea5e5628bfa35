"""A batch of reports through Celery with two workers, timed against the local process pool.

    .venv/bin/python benchmarks/bench_jobs.py [--schools 40] [--redis redis://127.0.0.1:6379/14]

Builds a throw-away instance (SQLite) with N schools under the largest shipped rubric, all
answers filled in (with some shortfalls), then runs the same report batch twice, through
`webapp.jobs`: once on the local process pool (REPORT_WORKERS=2), once on a Celery worker with
`--concurrency 2` against Redis. Prints seconds per batch and per report for both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=40)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="selfcheck-jobs-"))
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(instance)

    from flask_migrate import upgrade

    from checklist.loader import load_rubric, rubric_files
    from checklist.samples import sample_answers
    from webapp import create_app
    from webapp.accounts.access import hash_password
    from webapp.assessments import field_key
    from webapp.bureau import operations as bureau
    from webapp.database import write_transaction
    from webapp.documents.exports import start_report_batch
    from webapp.extensions import db
    from webapp.jobs import queue as jobs
    from webapp.models import Assessment, Job, Role, School, User
    from webapp.rubrics import operations as rubrics_ops
    from webapp.rubrics.library import rubric_of
    from webapp.school import operations as school_ops

    path = max(rubric_files(ROOT / "config" / "rubrics"), key=lambda p: len(load_rubric(p).items))
    app = create_app({"REPORT_WORKERS": 2})
    rng = random.Random(7)
    with app.app_context():
        upgrade()
        with write_transaction():
            for n in range(args.schools):
                db.session.add(School(code=f"J{n:04d}", name=f"基准学校{n:03d}", stages="primary,junior"))
            db.session.add(User(username="admin", password_hash=hash_password("x" * 12), role=Role.ADMIN))
        record = rubrics_ops.publish_rubric(path.read_text(encoding="utf-8"))
        ids = list(db.session.execute(db.select(School.id)).scalars())
        cycle = bureau.open_cycle("基准", 2024, record.id, dt.date.today() + dt.timedelta(days=30), ids)
        rubric = rubric_of(record)
        admin = db.session.execute(db.select(User)).scalar_one()
        for assessment in list(db.session.execute(db.select(Assessment)).scalars()):
            answers = sample_answers(rubric, assessment.school.profile, rng, shortfall=0.2)
            readings = []
            for key, value in answers.items():
                if isinstance(value, dict):
                    readings += [school_ops.FieldReading(field_key(key, g), str(v), v) for g, v in value.items()]
                else:
                    text = ("是" if value else "否") if isinstance(value, bool) else str(value)
                    readings.append(school_ops.FieldReading(key, text, value))
            school_ops.save_section(assessment.id, admin, assessment.version, readings)
        cycle_id = cycle.id

    def wait(job_id: int) -> float:
        with app.app_context():
            while True:
                db.session.rollback()  # end the read transaction: see what the job wrote since
                job = db.session.get(Job, job_id)
                if job.status in ("done", "failed"):
                    assert job.status == "done" and job.failed == 0, job.error
                    return (job.finished_at - job.created_at).total_seconds()
                time.sleep(0.2)

    print(f"rubric {path.name} ({len(rubric.items)} items), {args.schools} schools")
    with app.test_request_context():
        admin = db.session.execute(db.select(User)).scalar_one()
        local = start_report_batch(admin, cycle_id, None).id
    seconds = wait(local)
    print(f"local process pool, 2 processes: {seconds:6.1f} s  ({seconds / args.schools:.2f} s per report)")

    import redis

    redis.Redis.from_url(args.redis).flushdb()
    env = dict(os.environ, SELFCHECK_CELERY_BROKER_URL=args.redis)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "webapp.jobs.worker", "worker", "--concurrency", "2",
         "--loglevel", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # the worker starts and connects
        app.config["CELERY_BROKER_URL"] = args.redis
        with app.test_request_context():
            admin = db.session.execute(db.select(User)).scalar_one()
            remote = start_report_batch(admin, cycle_id, None).id
        seconds = wait(remote)
        print(f"Celery, 1 worker × 2 processes: {seconds:6.1f} s  ({seconds / args.schools:.2f} s per report, "
              f"chunks of {jobs.CHUNK})")
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
