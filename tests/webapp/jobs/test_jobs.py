"""Batches of reports in the background: the local process pool (embedded default) and real
Celery workers against Redis."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.conftest import ROOT
from tests.webapp.conftest import csrf_token, database_uri_of, login, make_app

REDIS_URL = os.environ.get("SELFCHECK_TEST_REDIS_URL", "")


def start(client: Any) -> Any:
    page = client.get("/jobs/").data.decode()
    return client.post("/jobs/report-batch", data={"csrf_token": csrf_token(page)} if "csrf_token" in page else {})


def zip_names(client: Any, job_id: int) -> list[str]:
    response = client.get(f"/jobs/{job_id}/download")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF-")
    response.close()
    return sorted(archive.namelist())


def latest_job(app: Flask) -> Any:
    from webapp.extensions import db
    from webapp.models import Job

    with app.app_context():
        db.session.expire_all()
        return db.session.execute(db.select(Job).order_by(Job.id.desc())).scalars().first()


def test_a_batch_runs_locally_and_is_downloaded(app: Flask, as_user) -> None:
    admin = as_user("admin")
    assert start(admin).status_code == 303
    job = latest_job(app)
    assert job.status == "done" and job.runner == "local" and (job.done, job.failed, job.total) == (2, 0, 2)
    assert zip_names(admin, job.id) == ["A001_东区第一小学.pdf", "B001_西区第二中学.pdf"]
    page = admin.get("/jobs/").data.decode()
    assert "已完成" in page and "下载" in page


def test_a_district_batch_holds_its_own_schools_only(app: Flask, as_user) -> None:
    officer = as_user("district_west")
    start(officer)
    job = latest_job(app)
    assert zip_names(officer, job.id) == ["B001_西区第二中学.pdf"]
    assert as_user("district_east").get(f"/jobs/{job.id}/download").status_code == 404


@contextlib.contextmanager
def celery_worker(instance: Path) -> Iterator[None]:
    """A real Celery worker (2 processes) on the test instance's database and Redis."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = dict(
        os.environ,
        SELFCHECK_INSTANCE_PATH=str(instance),
        SELFCHECK_SQLALCHEMY_DATABASE_URI=database_uri_of(instance),
        SELFCHECK_CELERY_BROKER_URL=REDIS_URL,
        SELFCHECK_SECRET_KEY="test-secret-key-" + "x" * 32,
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "webapp.jobs.worker",
            "worker",
            "--concurrency",
            "2",
            "--loglevel",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert b"Traceback" not in output, output.decode(errors="replace")[-3000:]


def wait_for(app: Flask, job_id: int, seconds: float = 180) -> Any:
    from webapp.extensions import db
    from webapp.models import Job

    deadline = time.monotonic() + seconds
    while True:
        with app.app_context():
            db.session.expire_all()
            job = db.session.get(Job, job_id)
            db.session.expunge(job)
        if job.status in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.5)


needs_redis = pytest.mark.skipif(
    not REDIS_URL, reason="no Redis: set SELFCHECK_TEST_REDIS_URL (scripts/test-all does when one answers)"
)


@pytest.mark.redis
@needs_redis
def test_a_batch_runs_on_real_celery_workers(instance: Path, world: Any) -> None:
    app = make_app(instance, CELERY_BROKER_URL=REDIS_URL, JOBS_INLINE=False)
    with celery_worker(instance):
        client = app.test_client()
        assert login(client, "admin").status_code == 302
        assert start(client).status_code == 303
        job = latest_job(app)
        assert job.runner == "celery"
        job = wait_for(app, job.id)
        assert job.status == "done", (job.status, job.error)
        assert (job.done, job.failed) == (2, 0)
        assert zip_names(client, job.id) == ["A001_东区第一小学.pdf", "B001_西区第二中学.pdf"]


@pytest.mark.redis
@needs_redis
def test_exports_and_imports_run_on_real_celery_workers(instance: Path, world: Any) -> None:
    from openpyxl import load_workbook

    from tests.webapp.access_admin import school_list_xlsx
    from tests.webapp.bureau.test_exports import table
    from tests.webapp.jobs.test_background_exports import LARGE, fetch

    app = make_app(instance, CELERY_BROKER_URL=REDIS_URL, JOBS_INLINE=False, **LARGE)
    with celery_worker(instance):
        officer = app.test_client()
        assert login(officer, "district_west").status_code == 302
        queued = officer.post("/admin/results/scores.xlsx")
        assert queued.status_code == 303
        job = wait_for(app, int(queued.headers["Location"].rsplit("/", 1)[1]))
        assert (job.runner, job.status) == ("celery", "done"), job.error
        book = load_workbook(io.BytesIO(fetch(officer, job.id).data))
        assert {r["学校代码"] for r in table(book["学校得分"])} == {"B001"}  # the worker kept the officer's scope

        admin = app.test_client()
        assert login(admin, "admin").status_code == 302
        data = school_list_xlsx([["C001", "新建第三小学", "小学", "公办", "否", "是", "南区"]])
        queued = admin.post("/admin/schools/import", data={"file": (io.BytesIO(data), "名单.xlsx")})
        assert queued.status_code == 303
        job = wait_for(app, int(queued.headers["Location"].rsplit("/", 1)[1]))
        assert (job.runner, job.status) == ("celery", "done"), job.error
        assert "新增1所" in job.outcome["message"]


def run_cli(instance: Path, *args: str) -> Any:
    from click.testing import CliRunner

    from webapp.cli import cli

    env = {"SELFCHECK_INSTANCE_PATH": str(instance), "SELFCHECK_SQLALCHEMY_DATABASE_URI": database_uri_of(instance)}
    os.environ.update(env)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        for key in env:
            del os.environ[key]


def test_report_batch_from_the_database(instance: Path, tmp_path: Path) -> None:
    result = run_cli(instance, "report", "batch", "--out", str(tmp_path / "out"), "--workers", "0")
    assert result.exit_code == 0, result.output
    assert "完成：2/2 份" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["A001_东区第一小学.pdf", "B001_西区第二中学.pdf"]


def test_report_region_from_the_database(instance: Path, tmp_path: Path) -> None:
    import openpyxl

    from tests.webapp.documents.test_report_downloads import pdf_text

    result = run_cli(instance, "report", "region", "--out", str(tmp_path / "r.pdf"), "--xlsx", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 0, result.output
    text = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "西区第二中学" in text  # submitted
    # a draft is not in the summary: it is listed among the schools left out, and nowhere else
    summary, left_out_and_annex = text.split("五、未纳入汇总的学校", 1)
    left_out, annex = left_out_and_annex.split("附表1", 1)
    assert "东区第一小学" not in summary and "东区第一小学" not in annex
    assert "东区第一小学" in left_out
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert all(c.data_type != "f" for ws in workbook.worksheets for row in ws.iter_rows() for c in row)
