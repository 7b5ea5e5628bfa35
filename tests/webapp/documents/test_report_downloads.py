"""Reports from the web: a school's PDF for whoever may see the school; the region summary for
the bureau (a district officer's holding its district only)."""

from __future__ import annotations

import io
import re
import subprocess

import openpyxl
import pytest
from flask import Flask

from tests.webapp.conftest import version_of


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


@pytest.fixture
def reviewed_b(app: Flask, as_user, world) -> None:
    """School B's assessment reviewed with one override, then finalised."""
    inspector = as_user("inspector_b")
    url = f"/inspector/assessments/{world['assessment_b']}/C"
    page = inspector.get(url).data.decode()
    inspector.post(
        f"/inspector/assessments/{world['assessment_b']}/items/C1.1",
        data={
            "version": version_of(page),
            "action": "save",
            "override_status": "not_met",
            "reason": "现场未见明厨亮灶设备",
        },
    )
    page = inspector.get(f"/inspector/assessments/{world['assessment_b']}/overview").data.decode()
    rest = {"version": version_of(page), "items": re.findall(r'name="items" value="([^"]+)"', page)}
    assert inspector.post(f"/inspector/assessments/{world['assessment_b']}/confirm-rest", data=rest).status_code == 303
    page = inspector.get(f"/inspector/assessments/{world['assessment_b']}/overview").data.decode()
    assert "评估过程（写入评估报告，可不填）" in page
    visit = {
        "visit_start": "2024-11-18",
        "visit_end": "2024-11-20",
        "team": "王明、李华",
        "lessons": "12",
        "meetings": "3",
        "questionnaires": "120",
        "documents": "86",
    }
    response = inspector.post(
        f"/inspector/assessments/{world['assessment_b']}/finalise", data={"version": version_of(page), **visit}
    )
    assert response.status_code == 303


def test_a_school_downloads_its_own_report(app: Flask, as_user, world) -> None:
    response = as_user("school_b").get(f"/reports/assessments/{world['assessment_b']}.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''B001_" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    assert "西区第二中学" in text and "办学水平评估报告" in text
    assert "评估结论" in text and "主要成绩" in text and "整改要求" in text
    assert "尚未经评估组核定" in text and "听课" not in text  # a self-assessment claims no inspection
    assert as_user("school_a").get(f"/reports/assessments/{world['assessment_b']}.pdf").status_code == 404


def test_a_half_filled_draft_downloads_as_unfinished_and_claims_nothing(app: Flask, as_user, world) -> None:
    """The issue's demo case: a draft with three figures typed got 0 分, 不合格 and 「各评估要点均已达标」."""
    response = as_user("school_a").get(f"/reports/assessments/{world['assessment_a']}.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    flat = "".join(text.split())
    assert "未完成" in flat and "未填报" in flat and "尚未填报的评估要点" in flat
    for claim in ("各评估要点均已达标", "一票否决无", "主要成绩", "存在问题"):
        assert claim not in flat, claim
    pages = ["".join(page.split()) for page in text.split("\x0c") if page.strip()]
    assert len(pages) > 2
    assert all("（未完成）" in page for page in pages[1:]), "every page after the cover says so"


def test_a_finalised_report_carries_the_verified_result_and_the_reason(app: Flask, as_user, world, reviewed_b) -> None:
    text = pdf_text(as_user("school_b").get(f"/reports/assessments/{world['assessment_b']}.pdf").data)
    assert "西区第二中学" in text
    assert "核定" in text and "现场未见明厨亮灶设备" in text


def test_a_finalised_report_states_what_the_inspectors_did(app: Flask, as_user, world, reviewed_b) -> None:
    flat = "".join(pdf_text(as_user("school_b").get(f"/reports/assessments/{world['assessment_b']}.pdf").data).split())
    assert "2024年11月18日至11月20日" in flat
    assert "评估组（成员：王明、李华）" in flat
    assert "共听课12节、召开座谈会3场、发放问卷120份、查阅资料86份" in flat
    assert "评估组组长（签字）：" in flat
    assert "30日内（" in flat  # RECTIFY_DAYS from settings.toml: the cycle sets none


def test_the_cycle_gives_the_doc_number_and_the_days(app: Flask, as_user, world, reviewed_b) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        cycle = db.session.get(Assessment, world["assessment_b"]).cycle
        cycle.doc_number, cycle.rectify_days = "测教督【2024】7号", 15
        db.session.commit()
    flat = "".join(pdf_text(as_user("admin").get(f"/reports/assessments/{world['assessment_b']}.pdf").data).split())
    assert "测教督〔2024〕7号" in flat and "【2024】" not in flat
    assert "15日内（" in flat


def test_the_finalise_form_refuses_a_visit_that_ends_before_it_starts(app: Flask, as_user, world) -> None:
    inspector = as_user("inspector_b")
    page = inspector.get(f"/inspector/assessments/{world['assessment_b']}/overview").data.decode()
    response = inspector.post(
        f"/inspector/assessments/{world['assessment_b']}/finalise",
        data={"version": version_of(page), "visit_start": "2024-11-20", "visit_end": "2024-11-18", "lessons": "十二节"},
    )
    assert response.status_code == 422
    body = response.data.decode()
    assert "结束日期不能早于开始日期" in body and "听课应为整数" in body
    assert 'value="2024-11-20"' in body  # what was typed is kept
    from webapp.extensions import db
    from webapp.models import Assessment, AssessmentStatus

    with app.app_context():
        assert db.session.get(Assessment, world["assessment_b"]).status != AssessmentStatus.FINALISED


def test_the_region_summary_names_the_schools_not_yet_in_it(app: Flask, as_user, world) -> None:
    flat = "".join(pdf_text(as_user("admin").get("/reports/region.pdf").data).split())
    assert "五、未纳入汇总的学校" in flat
    assert "东区第一小学" in flat and "填报中，尚未提交（已填报" in flat
    assert "另有1所学校尚未纳入" in flat


def test_the_district_region_summary_holds_its_own_district_only(app: Flask, as_user, world, reviewed_b) -> None:
    west = as_user("district_west").get("/reports/region.pdf")
    assert west.status_code == 200
    text = pdf_text(west.data)
    assert "西区第二中学" in text and "东区第一小学" not in text
    workbook = openpyxl.load_workbook(io.BytesIO(as_user("district_west").get("/reports/region.xlsx").data))
    names = {
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "学" in cell.value and ("小学" in cell.value or "中学" in cell.value)
    }
    assert "东区第一小学" not in names and "西区第二中学" in names
    assert all(cell.data_type != "f" for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row)
    east = pdf_text(as_user("district_east").get("/reports/region.pdf").data)
    assert "西区第二中学" not in east


def test_downloads_are_audited(app: Flask, as_user, world) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    as_user("admin").get(f"/reports/assessments/{world['assessment_a']}.pdf")
    with app.app_context():
        event = (
            db.session.execute(
                db.select(AuditEvent).where(AuditEvent.action == "report_downloaded").order_by(AuditEvent.id.desc())
            )
            .scalars()
            .first()
        )
        assert event is not None and event.actor_role == "admin" and event.assessment_id == world["assessment_a"]
