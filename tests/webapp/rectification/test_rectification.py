"""整改 → 复查: tasks made at finalisation from the items not met or partly met; the school's 整改报告
saved as a draft and submitted; the inspector's 复查 (passed / not passed with a reason); who may
see what; the 整改台账 and its workbook; the 整改情况 of the report; the API."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from flask import Flask

from tests.webapp.rectification.conftest import (
    PNG,
    inspector_url,
    reinspect,
    report_form,
    school_url,
    submit_both,
    task_ids,
    tasks,
)


def stage(app: Flask, world: Any) -> str:
    from webapp.lifecycle import rectification_stage
    from webapp.rectification.operations import tasks_of

    with app.app_context():
        found = rectification_stage(t.status for t in tasks_of(world["assessment_b"]))
        return found.label if found else ""


def events(app: Flask, action: str) -> list[Any]:
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        return list(db.session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())


def test_finalising_makes_one_task_per_item_not_met_or_partly_met(app: Flask, finalised: Any) -> None:
    found = tasks(app, finalised)
    assert set(found) == {"A1.1", "A2.1"}  # every other item was met: no task
    assert {item: status for item, (status, *_rest) in found.items()} == {"A1.1": "open", "A2.1": "open"}
    with app.app_context():
        from webapp.rectification.operations import tasks_of
        from webapp.settings import local_today

        made = {t.item_id: t for t in tasks_of(finalised["assessment_b"])}
        assert made["A1.1"].finding == "not_met" and made["A2.1"].finding == "partial"
        assert made["A1.1"].deadline == local_today() + dt.timedelta(days=int(app.config["RECTIFY_DAYS"]))
        assert "学校作息时间表" in made["A1.1"].advice  # the item's evidence named in the advice
    opened = events(app, "rectification_opened")
    assert len(opened) == 1 and opened[0].new["items"] == ["A1.1", "A2.1"]  # most points lost first
    assert stage(app, finalised) == "整改中"


def test_the_school_saves_a_draft_then_submits_its_report(app: Flask, as_user: Any, finalised: Any) -> None:
    school = as_user("school_b")
    page = school.get(school_url(finalised)).data.decode()
    assert "每日校内体育活动不少于1小时" in page and "整改建议" in page and "拍照上传" in page
    draft = report_form(app, finalised, "save", A1_1=("增设大课间。", ""))
    assert school.post(school_url(finalised), data=draft).status_code == 303
    assert tasks(app, finalised)["A1.1"][:3] == ("open", "增设大课间。", "")
    assert "增设大课间。" in school.get(school_url(finalised)).data.decode()  # the draft is kept

    refused = school.post(school_url(finalised), data=report_form(app, finalised, "submit", A1_1=("增设大课间。", "已达70分钟。")))
    assert refused.status_code == 422
    html = refused.data.decode()
    assert "提交前请填写整改措施" in html and "已达70分钟。" in html  # beside the field, nothing lost
    assert tasks(app, finalised)["A1.1"][:3] == ("open", "增设大课间。", "已达70分钟。")  # saved as a draft

    submit_both(app, finalised, school)
    assert {s for s, *_ in tasks(app, finalised).values()} == {"reported"}
    assert stage(app, finalised) == "整改已报"
    assert len(events(app, "rectification_reported")) == 1
    # reported: read-only for the school until the 复查
    again = school.post(school_url(finalised), data=report_form(app, finalised, "save", A1_1=("改", "改")))
    assert again.status_code == 409 and tasks(app, finalised)["A1.1"][1] == "调整作息时间表，每天下午增设30分钟大课间。"


def test_a_text_too_long_is_refused_beside_the_field_and_the_rest_is_saved(app: Flask, as_user: Any, finalised: Any) -> None:
    school = as_user("school_b")
    data = report_form(app, finalised, "save", A1_1=("措" * 2001, "成效"), A2_1=("分班。", "44人。"))
    response = school.post(school_url(finalised), data=data)
    assert response.status_code == 422
    assert "最多2000字" in response.data.decode()
    found = tasks(app, finalised)
    assert found["A1.1"][1] == "" and found["A2.1"][1:3] == ("分班。", "44人。")


def test_a_stale_form_is_refused_and_nothing_is_written(app: Flask, as_user: Any, finalised: Any) -> None:
    school = as_user("school_b")
    old = report_form(app, finalised, "save", A1_1=("第一次", ""))
    assert school.post(school_url(finalised), data=report_form(app, finalised, "save", A1_1=("他人先存", ""))).status_code == 303
    response = school.post(school_url(finalised), data=old)
    assert response.status_code == 409 and "第一次" in response.data.decode()
    assert tasks(app, finalised)["A1.1"][1] == "他人先存"


def test_the_inspector_passes_one_and_fails_one_with_a_reason(app: Flask, as_user: Any, finalised: Any) -> None:
    school, inspector = as_user("school_b"), as_user("inspector_b")
    submit_both(app, finalised, school)
    assert reinspect(app, finalised, inspector, "A1.1", "pass").status_code == 303
    refused = reinspect(app, finalised, inspector, "A2.1", "fail")
    assert refused.status_code == 422 and "复查不通过时，必须写明理由" in refused.data.decode()
    assert tasks(app, finalised)["A2.1"][0] == "reported"  # nothing changed
    assert reinspect(app, finalised, inspector, "A2.1", "fail", "仍有一个班52人。").status_code == 303
    found = tasks(app, finalised)
    assert found["A1.1"][0] == "passed" and found["A2.1"][0] == "failed" and found["A2.1"][3] == "仍有一个班52人。"
    assert stage(app, finalised) == "整改中"  # back with the school
    page = school.get(school_url(finalised)).data.decode()
    assert "复查未通过" in page and "仍有一个班52人。" in page
    # the school answers again; the second 复查 passes: 已复查
    again = report_form(app, finalised, "submit", A2_1=("再拆分一个班。", "最大班额44人。"))
    assert school.post(school_url(finalised), data=again).status_code == 303
    assert tasks(app, finalised)["A1.1"][0] == "passed"  # a passed task is not reopened
    assert reinspect(app, finalised, inspector, "A2.1", "pass").status_code == 303
    assert stage(app, finalised) == "已复查"
    reinspected = events(app, "reinspected")
    assert [e.new["status"] for e in reinspected] == ["passed", "failed", "passed"]
    assert reinspected[1].reason == "仍有一个班52人。" and reinspected[-1].new["stage"] == "reinspected"
    log = as_user("admin").get("/admin/audit/").data.decode()  # the log in words
    assert "提交整改报告" in log and "整改复查" in log and "复查未通过" in log and "已复查" in log


def test_a_task_not_reported_cannot_be_reinspected(app: Flask, as_user: Any, finalised: Any) -> None:
    response = reinspect(app, finalised, as_user("inspector_b"), "A1.1", "pass")
    assert response.status_code == 409 and "待整改" in response.data.decode()


def test_the_inspector_moves_a_deadline_and_it_is_audited(app: Flask, as_user: Any, finalised: Any) -> None:
    inspector = as_user("inspector_b")
    task_id = task_ids(app, finalised)["A1.1"]
    from tests.webapp.rectification.conftest import versions

    past = inspector.post(
        inspector_url(finalised) + "/deadline",
        data={"task": str(task_id), "version": str(versions(app, finalised)[task_id]), "deadline": "2000-01-01"},
    )
    assert past.status_code == 422 and "整改期限不能早于今天" in past.data.decode()
    later = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    moved = inspector.post(
        inspector_url(finalised) + "/deadline",
        data={"task": str(task_id), "version": str(versions(app, finalised)[task_id]), "deadline": later, "reason": "涉及场地改造"},
    )
    assert moved.status_code == 303
    assert tasks(app, finalised)["A1.1"][4].isoformat() == later
    changed = events(app, "rectification_deadline_changed")
    assert len(changed) == 1 and changed[0].new == {"deadline": later} and changed[0].reason == "涉及场地改造"


def test_another_school_and_an_unassigned_inspector_get_404(app: Flask, as_user: Any, finalised: Any) -> None:
    assert as_user("school_a").get(school_url(finalised)).status_code == 404
    assert as_user("inspector_a").get(inspector_url(finalised)).status_code == 404
    assert reinspect(app, finalised, as_user("inspector_a"), "A1.1", "pass").status_code == 404
    assert as_user("district_east").get(inspector_url(finalised)).status_code == 404
    page = as_user("district_west").get(inspector_url(finalised)).data.decode()
    assert "每日校内体育活动不少于1小时" in page and "保存复查结论" not in page  # read-only
    assert "西区第二中学" not in as_user("school_a").get("/school/rectification/").data.decode()


def test_task_evidence_is_kept_apart_from_the_self_assessment_and_served_to_those_allowed(
    app: Flask, as_user: Any, finalised: Any
) -> None:
    school = as_user("school_b")
    task_id = task_ids(app, finalised)["A1.1"]
    data = report_form(app, finalised, "save")
    data[f"evidence-{task_id}"] = (io.BytesIO(PNG), "大课间照片.png")
    response = school.post(school_url(finalised), data=data, content_type="multipart/form-data")
    assert response.status_code == 303
    from webapp.extensions import db
    from webapp.models import Assessment, Evidence

    with app.app_context():
        row = db.session.execute(db.select(Evidence).where(Evidence.task_id == task_id)).scalar_one()
        evidence_id = row.id
        assert row.original_name == "大课间照片.png" and row.item_id == "A1.1"
        assert evidence_id not in {e.id for e in db.session.get(Assessment, finalised["assessment_b"]).evidence}
    assert "大课间照片.png" in school.get(school_url(finalised)).data.decode()
    assert "大课间照片.png" not in school.get(f"/school/assessments/{finalised['assessment_b']}/A").data.decode()
    for user, expected in (("school_b", 200), ("inspector_b", 200), ("district_west", 200), ("school_a", 404)):
        served = as_user(user).get(f"/evidence/{evidence_id}")
        served.close()
        assert served.status_code == expected, user
    bad = report_form(app, finalised, "save")
    bad[f"evidence-{task_id}"] = (io.BytesIO(b"<html>not a picture</html>"), "照片.png")
    refused = school.post(school_url(finalised), data=bad, content_type="multipart/form-data", follow_redirects=True)
    assert "不支持这种文件类型" in refused.data.decode()


def test_the_ledger_counts_by_school_and_item_and_exports_to_excel(app: Flask, as_user: Any, finalised: Any) -> None:
    from openpyxl import load_workbook

    school, inspector = as_user("school_b"), as_user("inspector_b")
    submit_both(app, finalised, school)
    reinspect(app, finalised, inspector, "A1.1", "pass")
    reinspect(app, finalised, inspector, "A2.1", "fail", "仍有大班。")
    from webapp.extensions import db
    from webapp.models import User
    from webapp.rectification.ledger import LedgerFilters, ledger

    with app.app_context():
        book = ledger(None, LedgerFilters())
        assert book.total.as_tuple() == (2, 1, 0, 0, 1, 1)  # total, open, overdue, reported, passed, failed
        assert [(code, c.total) for code, _, _, c in book.by_school] == [("B001", 2)]
        assert {item_id: c.passed for item_id, _, c in book.by_item} == {"A1.1": 1, "A2.1": 0}
        assert len(ledger(None, LedgerFilters(status="failed")).rows) == 1
        assert ledger(None, LedgerFilters(school="东区")).total.total == 0
        assert ledger(None, LedgerFilters(school="B00")).total.total == 2  # by code too
        assert ledger(None, LedgerFilters(district_id=finalised["district_east_id"])).total.total == 0
        assert ledger(None, LedgerFilters(district_id=finalised["district_west_id"])).total.total == 2
        assert ledger(None, LedgerFilters(cycle_id=finalised["cycle"] + 1)).total.total == 0
        east = db.session.get(User, finalised["district_east"])
        from webapp.accounts.access import visible_school_ids

        assert ledger(visible_school_ids(east), LedgerFilters()).total.total == 0
    page = as_user("district_west").get("/admin/rectification/").data.decode()
    assert "西区第二中学" in page and "仍有大班。" in page
    assert "西区第二中学" not in as_user("district_east").get("/admin/rectification/").data.decode()
    response = as_user("admin").get("/admin/rectification/ledger.xlsx?status=failed")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook["整改台账"]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r and r[0] == "年度评估"))
    data = rows[header + 1 :]
    assert len(data) == 1 and data[0][4] == "A2.1" and data[0][9] == "复查未通过" and data[0][14] == "仍有大班。"
    by_school = [r for r in workbook["按学校"].iter_rows(values_only=True) if r and r[0] == "B001"]
    assert by_school[0][3:] == (2, 1, 0, 0, 1, 1)
    assert len(events(app, "export")) >= 1


def test_the_report_shows_the_reinspection_result(app: Flask, as_user: Any, finalised: Any) -> None:
    school, inspector = as_user("school_b"), as_user("inspector_b")
    submit_both(app, finalised, school)
    reinspect(app, finalised, inspector, "A1.1", "pass")
    reinspect(app, finalised, inspector, "A2.1", "fail", "仍有一个班52人。")
    from reports.render import render_school_html
    from webapp.documents.report_data import school_report_for
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        report = school_report_for(db.session.get(Assessment, finalised["assessment_b"]), for_school=True)
        assert report.rectification is not None
        rows = {r.item_id: r for r in report.rectification.rows}
        assert rows["A1.1"].review.startswith("复查通过") and rows["A1.1"].measures.startswith("调整作息时间表")
        assert rows["A2.1"].review.startswith("复查未通过") and "仍有一个班52人。" in rows["A2.1"].review
        assert "复查通过1个" in report.rectification.summary
        html = render_school_html(report)
    assert "整改情况" in html and "仍有一个班52人。" in html


def test_the_region_summary_counts_the_tasks(app: Flask, as_user: Any, finalised: Any) -> None:
    from reports.render import render_region_html
    from webapp.documents.report_data import region_report_for
    from webapp.extensions import db
    from webapp.models import Cycle

    submit_both(app, finalised, as_user("school_b"))
    with app.app_context():
        report = region_report_for(db.session.get(Cycle, finalised["cycle"]), None)
        assert report.rectification is not None
        assert (report.rectification.total.total, report.rectification.total.reported) == (2, 2)
        html = render_region_html(report)
        assert "整改情况" in html
        from openpyxl import load_workbook

        from reports.excel import region_workbook

        sheet = load_workbook(io.BytesIO(region_workbook(report)))["整改情况"]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[-1][0] == "合计" and rows[-1][2:] == (2, 0, 0, 2, 0, 0)
        assert region_report_for(db.session.get(Cycle, finalised["cycle"]), {finalised["school_a_id"]}).rectification is None


def test_the_api_lists_the_tasks_as_the_web_shows_them(app: Flask, finalised: Any) -> None:
    from tests.webapp.api.conftest import bearer
    from webapp.api.tokens import create_token

    with app.app_context():
        tokens = {name: create_token(name, "测试").token for name in ("school_b", "school_a", "inspector_b", "admin")}
    url = f"/api/v1/assessments/{finalised['assessment_b']}/rectification"
    client = app.test_client()
    body = client.get(url, headers=bearer(tokens["school_b"])).get_json()
    assert body["stage"] == "rectifying" and body["stage_label"] == "整改中"
    assert [(t["item_id"], t["status"]) for t in body["tasks"]] == [("A1.1", "open"), ("A2.1", "open")]
    assert body["tasks"][0]["advice"] and body["tasks"][0]["deadline"]
    assert client.get(url, headers=bearer(tokens["admin"])).status_code == 200
    assert client.get(url, headers=bearer(tokens["inspector_b"])).status_code == 200
    assert client.get(url, headers=bearer(tokens["school_a"])).status_code == 404
    assert client.get(url).status_code == 401


def test_the_school_home_links_to_its_tasks(as_user: Any, finalised: Any) -> None:
    home = as_user("school_b").get("/school/").data.decode()
    assert "整改中" in home and f"/school/assessments/{finalised['assessment_b']}/rectification" in home
    listing = as_user("school_b").get("/school/rectification/").data.decode()
    assert "填写整改报告" in listing
    assert "西区第二中学" in as_user("inspector_b").get("/inspector/rectification/").data.decode()


def test_a_new_cycle_keeps_last_years_open_tasks_on_the_school_home(app: Flask, as_user: Any, finalised: Any) -> None:
    from tests.webapp.review.test_review_leaks import next_cycle

    next_cycle(app, finalised)  # 结束本轮评估, and the next year's opens
    home = as_user("school_b").get("/school/").data.decode()
    assert "2025年度测试评估" in home  # the new year is the one on the page…
    assert "2024年度测试评估的整改尚未完成：待整改 2 个" in home  # …and last year's 整改 is still said
    assert f"/school/assessments/{finalised['assessment_b']}/rectification" in home
    submit_both(app, finalised, as_user("school_b"))
    assert "的整改尚未完成" not in as_user("school_b").get("/school/").data.decode()  # nothing left with the school
