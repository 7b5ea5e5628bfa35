"""Province-scale imports and exports: how long each takes, and how long the request that starts
the background job takes.

    .venv/bin/python benchmarks/bench_exports.py [--schools 20000]

Builds a throw-away instance (SQLite) and times, for N schools under the largest shipped rubric:
writing and reading the school list, importing it, opening a cycle for every school, the score
table, the region summary (Excel and PDF); then starts the score export through the web (POST,
which queues a job) and prints how long the answer took and how long the job ran.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]


def timed(label: str, fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn(*args)
    print(f"{label:<44}{time.perf_counter() - start:8.2f} s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=20000)
    args = parser.parse_args()
    os.environ["SELFCHECK_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="selfcheck-exports-")

    from flask_migrate import upgrade

    from checklist.loader import load_rubric, rubric_files
    from reports.excel import region_workbook
    from reports.render import render_region_pdf
    from webapp import create_app
    from webapp.accounts.access import hash_password
    from webapp.bureau import operations as bureau
    from webapp.bureau import school_operations, sheets
    from webapp.bureau.school_list import read_school_list, school_list_workbook
    from webapp.database import write_transaction
    from webapp.documents.report_data import region_report_for
    from webapp.extensions import db
    from webapp.models import Job, Role, School, User
    from webapp.rubrics import operations as rubrics_ops

    app = create_app({"WTF_CSRF_ENABLED": False, "JOBS_INLINE": False})
    n = args.schools
    path = max(rubric_files(ROOT / "config" / "rubrics"), key=lambda p: len(load_rubric(p).items))
    print(f"{n} schools, rubric {path.name}")
    with app.app_context():
        upgrade()
        rows = [
            SimpleNamespace(
                code=f"X{i:05d}",
                name=f"测试学校{i}",
                stage_list=["primary", "junior"],
                public=True,
                boarding=False,
                has_canteen=True,
                district=SimpleNamespace(name=f"第{i % 12 + 1}区"),
            )
            for i in range(n)
        ]
        data = timed("write the school list (xlsx)", school_list_workbook, rows)
        print(f"{'  size':<44}{len(data) / 1e6:8.2f} MB")
        reading = timed("read and check the school list", read_school_list, data)
        assert not reading.problems
        with write_transaction():
            db.session.add(User(username="admin", password_hash=hash_password("x" * 12), role=Role.ADMIN))
        admin = db.session.execute(db.select(User)).scalar_one()
        timed("import the school list", school_operations.import_schools, reading.rows, admin, "bench.xlsx")
        record = rubrics_ops.publish_rubric(path.read_text(encoding="utf-8"))
        ids = list(db.session.execute(db.select(School.id)).scalars())
        deadline = dt.date.today() + dt.timedelta(days=30)
        cycle = timed("open a cycle for every school", bureau.open_cycle, "基准", 2024, record.id, deadline, ids)
        book, _count = timed("score table (rows and xlsx)", sheets.score_workbook, cycle, None, "全部学校")
        print(f"{'  size':<44}{len(book) / 1e6:8.2f} MB")
        report = timed("region summary: data", region_report_for, cycle, None, "")
        timed("region summary: xlsx", region_workbook, report)
        timed("region summary: PDF", render_region_pdf, report)

    client = app.test_client()
    client.post("/login", data={"username": "admin", "password": "x" * 12})
    start = time.perf_counter()
    response = client.post("/admin/results/scores.xlsx")
    answered = time.perf_counter() - start
    assert response.status_code == 303, response.status_code
    job_id = int(re.search(r"/jobs/(\d+)", response.headers["Location"]).group(1))  # type: ignore[union-attr]
    print(f"{'web: POST scores.xlsx answers (job queued)':<44}{answered:8.2f} s")
    with app.app_context():
        while True:
            db.session.rollback()
            job = db.session.get(Job, job_id)
            if job.status in ("done", "failed"):
                break
            time.sleep(0.5)
        assert job.status == "done", job.error
        print(f"{'web: the job, queued to file ready':<44}{(job.finished_at - job.created_at).total_seconds():8.2f} s")


if __name__ == "__main__":
    main()
