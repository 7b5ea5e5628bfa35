"""Large exports and imports as background jobs.

The INLINE_* limits are set to 0 here, so that the test world's two schools count as "large":
a GET then shows what the export would hold and a button; the POST queues a job whose result
must be the same table the direct download gives, for the same person's scope."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from tests.webapp.access_admin import school_list_xlsx
from tests.webapp.bureau.test_exports import assert_no_formulas, table
from tests.webapp.conftest import login, make_app
from tests.webapp.documents.test_report_downloads import pdf_text

LARGE = {"INLINE_EXPORT_SCHOOLS": 0, "INLINE_EXPORT_EVENTS": 0, "INLINE_IMPORT_BYTES": 0}


@pytest.fixture
def big_app(instance: Path) -> Flask:
    return make_app(instance, **LARGE)


def client_of(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def job_of(app: Flask, job_id: int) -> Any:
    from webapp.extensions import db
    from webapp.models import Job

    with app.app_context():
        db.session.expire_all()
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
        return job


def queue(client: FlaskClient, url: str) -> int:
    """GET the export (the confirmation page), POST its form; the job's id."""
    page = client.get(url)
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.data.decode()
    assert "在后台生成" in html and "数据较多" in html
    response = client.post(url)
    assert response.status_code == 303, response.data.decode()[:500]
    match = re.fullmatch(r".*/jobs/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def fetch(client: FlaskClient, job_id: int) -> Any:
    """The job's download (status, mimetype, headers, bytes), its file closed."""
    response = client.get(f"/jobs/{job_id}/download")
    response.get_data()  # read it whole before the file is closed
    response.close()
    return response


def audit_actions(app: Flask) -> list[str]:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        return list(db.session.execute(db.select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def test_a_large_score_export_is_a_job_with_the_same_table(app: Flask, big_app: Flask, world: Any) -> None:
    direct = client_of(app, "admin").get("/admin/results/scores.xlsx")
    assert direct.mimetype.endswith("spreadsheetml.sheet")  # small: downloaded at once

    admin = client_of(big_app, "admin")
    job_id = queue(admin, "/admin/results/scores.xlsx")
    job = job_of(big_app, job_id)
    assert (job.kind, job.status, job.runner, job.done, job.total) == ("export_scores", "done", "local", 1, 1)
    page = admin.get(f"/jobs/{job_id}").data.decode()
    assert "学校得分（Excel）" in page and "已完成" in page and "下载" in page and "刷新" not in page

    download = fetch(admin, job_id)
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")
    assert download.headers["Cache-Control"] == "private, no-store"
    assert "filename*=UTF-8''" in download.headers["Content-Disposition"]
    assert job.result_name.endswith("-学校得分.xlsx")
    from_job, at_once = load_workbook(io.BytesIO(download.data)), load_workbook(io.BytesIO(direct.data))
    assert_no_formulas(from_job)
    assert from_job.sheetnames == at_once.sheetnames
    for name in from_job.sheetnames:
        assert table(from_job[name]) == table(at_once[name])
    direct.close()
    actions = audit_actions(big_app)
    assert actions.count("job_started") == 1 and actions.count("job_result_downloaded") == 1
    assert actions.count("export") == 2  # the direct one and the job's: both leave a trace


def test_a_district_officers_job_holds_its_district_and_is_theirs(big_app: Flask, world: Any) -> None:
    west = client_of(big_app, "district_west")
    job_id = queue(west, "/admin/schools/export.xlsx")
    data = fetch(west, job_id).data
    assert {r["学校代码"] for r in table(load_workbook(io.BytesIO(data))["学校名单"])} == {"B001"}
    east = client_of(big_app, "district_east")
    assert east.get(f"/jobs/{job_id}").status_code == 404
    assert fetch(east, job_id).status_code == 404
    assert f"#{job_id}" not in east.get("/jobs/").data.decode()
    assert fetch(client_of(big_app, "admin"), job_id).status_code == 200
    assert f"#{job_id}" in west.get("/jobs/").data.decode()


def test_an_audit_export_job_keeps_the_filters(big_app: Flask, world: Any) -> None:
    admin = client_of(big_app, "admin")
    job_id = queue(admin, "/admin/audit/export.xlsx?action=submitted")
    book = load_workbook(io.BytesIO(fetch(admin, job_id).data))
    rows = table(book["操作日志"])
    assert rows and {r["操作"] for r in rows} == {"提交自评"}


def test_region_summaries_as_jobs(big_app: Flask, world: Any) -> None:
    west = client_of(big_app, "district_west")
    pdf_job = queue(west, "/reports/region.pdf")
    response = fetch(west, pdf_job)
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    text = pdf_text(response.data)
    assert "西区" in text and "东区第一小学" not in text
    xlsx_job = queue(west, "/reports/region.xlsx")
    assert_no_formulas(load_workbook(io.BytesIO(fetch(west, xlsx_job).data)))


def test_a_large_import_runs_as_a_job(big_app: Flask, world: Any) -> None:
    from webapp.extensions import db
    from webapp.models import School

    admin = client_of(big_app, "admin")
    data = school_list_xlsx(
        [
            ["C001", "新建第三小学", "小学", "公办", "否", "是", "南区"],
            ["A001", "东区第一小学", "小学", "公办", "否", "是", "东区"],
        ]
    )
    response = admin.post("/admin/schools/import", data={"file": (io.BytesIO(data), "名单.xlsx")})
    assert response.status_code == 303 and "/jobs/" in response.headers["Location"]
    page = admin.get(response.headers["Location"]).data.decode()
    assert "导入学校名单" in page and "已完成" in page and "新增1所" in page and "新建区县：南区" in page
    with big_app.app_context():
        assert db.session.execute(db.select(School).where(School.code == "C001")).scalar_one().name == "新建第三小学"
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert not (Path(big_app.config["JOBS_DIR"]) / str(job_id)).exists()  # the upload is not kept


def test_a_large_import_with_problems_changes_nothing_and_shows_them(big_app: Flask, world: Any) -> None:
    from webapp.extensions import db
    from webapp.models import School

    admin = client_of(big_app, "admin")
    data = school_list_xlsx(
        [["C001", "新建第三小学", "小学", "公办", "否", "是", "南区"], ["C002", "", "大学", "公办", "否", "是", "南区"]]
    )
    response = admin.post("/admin/schools/import", data={"file": (io.BytesIO(data), "名单.xlsx")})
    assert response.status_code == 303
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    job = job_of(big_app, job_id)
    assert job.status == "failed" and job.outcome["problem_count"] >= 2
    page = admin.get(f"/jobs/{job_id}").data.decode()
    assert "未导入" in page and "第3行" in page and "学校名称" in page and "改正后重新导入" in page
    with big_app.app_context():
        assert db.session.execute(db.select(School).where(School.code == "C001")).scalar_one_or_none() is None


def test_a_large_file_that_is_not_a_workbook_is_refused_beside_the_field(big_app: Flask, world: Any) -> None:
    from webapp.extensions import db
    from webapp.models import Job

    admin = client_of(big_app, "admin")
    response = admin.post("/admin/schools/import", data={"file": (io.BytesIO(b"%PDF-1.4 not a list"), "名单.xlsx")})
    assert response.status_code == 422
    assert "未导入" in response.data.decode()
    with big_app.app_context():
        assert db.session.execute(db.select(Job)).first() is None


def test_a_job_of_a_deactivated_account_does_not_run(big_app: Flask, world: Any) -> None:
    from webapp.extensions import db
    from webapp.jobs import queue as jobs
    from webapp.models import User

    with big_app.test_request_context():
        officer = db.session.get(User, world["district_east"])
        job_id = jobs.create(officer, "export_scores", {"cycle_id": world["cycle"]}, 1, {})
        officer.active = False
        db.session.commit()
        jobs.run_job(job_id)
    job = job_of(big_app, job_id)
    assert job.status == "failed" and "停用" in job.error and job.result_file is None


def test_a_failing_export_fails_its_job_and_says_so(big_app: Flask, world: Any, monkeypatch: Any) -> None:
    from webapp.jobs import kinds

    def broken(user: Any, params: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(
        kinds.EXPORTS, "export_schools", dataclasses.replace(kinds.EXPORTS["export_schools"], make=broken)
    )
    admin = client_of(big_app, "admin")
    job_id = queue(admin, "/admin/schools/export.xlsx")
    job = job_of(big_app, job_id)
    assert job.status == "failed" and "系统出错" in job.error and "disk on fire" not in job.error
    page = admin.get(f"/jobs/{job_id}").data.decode()
    assert "失败" in page and "系统出错" in page
    assert fetch(admin, job_id).status_code == 404
    assert admin.get("/admin/").status_code == 200  # the web lives on


def test_old_results_are_removed_after_the_retention_period(big_app: Flask, world: Any) -> None:
    from webapp.extensions import db
    from webapp.jobs import queue as jobs
    from webapp.models import Job, utcnow

    admin = client_of(big_app, "admin")
    job_id = queue(admin, "/admin/schools/export.xlsx")
    path = Path(big_app.config["JOBS_DIR"]) / job_of(big_app, job_id).result_file
    assert path.is_file()
    with big_app.app_context():
        assert jobs.prune_expired(utcnow() + dt.timedelta(days=6)) == 0
        assert path.is_file()
        assert jobs.prune_expired(utcnow() + dt.timedelta(days=8)) == 1
        assert db.session.get(Job, job_id).status == "done"
    assert not path.exists()
    assert fetch(admin, job_id).status_code == 404
    assert "过保存期" in admin.get(f"/jobs/{job_id}").data.decode()


def test_a_threaded_job_is_seen_running_then_done(instance: Path, world: Any) -> None:
    app = make_app(instance, JOBS_INLINE=False, **LARGE)
    admin = client_of(app, "admin")
    job_id = queue(admin, "/admin/results/scores.xlsx")
    deadline = time.monotonic() + 60
    while job_of(app, job_id).status not in ("done", "failed") and time.monotonic() < deadline:
        page = admin.get(f"/jobs/{job_id}").data.decode()
        assert 'http-equiv="refresh"' in page  # the page refreshes itself while the job runs
        time.sleep(0.2)
    assert job_of(app, job_id).status == "done"
    assert fetch(admin, job_id).status_code == 200


def test_a_job_whose_process_is_gone_is_failed_not_left_running(app: Flask, world: Any) -> None:
    import socket
    import subprocess
    import sys

    from webapp.extensions import db
    from webapp.jobs import queue as jobs
    from webapp.models import Job, User

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with app.test_request_context():
        admin = db.session.get(User, world["admin"])
        job_id = jobs.create(admin, "export_scores", {"cycle_id": world["cycle"]}, 1, {})
        alive_id = jobs.create(admin, "export_schools", {}, 1, {})  # this very process: alive
        job = db.session.get(Job, job_id)
        job.params = {**job.params, jobs.PROCESS_KEY: {"host": socket.gethostname(), "pid": gone.pid}}
        job.status = "running"
        db.session.commit()
    client = client_of(app, "admin")
    page = client.get(f"/jobs/{job_id}").data.decode()
    assert "失败" in page and "服务曾重启" in page
    assert job_of(app, job_id).status == "failed"
    assert job_of(app, alive_id).status == "queued"
