"""Reports from the web: a school's PDF for whoever may see the school; the region summary for
the bureau (a district officer's holding its district only)."""

from __future__ import annotations

import io
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
    assert (
        inspector.post(
            f"/inspector/assessments/{world['assessment_b']}/finalise", data={"version": version_of(page)}
        ).status_code
        == 303
    )


def test_a_school_downloads_its_own_report(app: Flask, as_user, world) -> None:
    response = as_user("school_a").get(f"/reports/assessments/{world['assessment_a']}.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''A001_" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    assert "东区第一小学" in text and "办学水平评估报告" in text
    assert "评估结论" in text and "存在问题" in text and "整改建议" in text
    assert as_user("school_b").get(f"/reports/assessments/{world['assessment_a']}.pdf").status_code == 404


def test_a_finalised_report_carries_the_verified_result_and_the_reason(app: Flask, as_user, world, reviewed_b) -> None:
    text = pdf_text(as_user("school_b").get(f"/reports/assessments/{world['assessment_b']}.pdf").data)
    assert "西区第二中学" in text
    assert "核定" in text and "现场未见明厨亮灶设备" in text


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
