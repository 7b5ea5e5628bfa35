"""Reports to download: a school's 办学水平评估报告 for whoever may see the school, the
region summary (PDF and Excel) for the bureau and the districts."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from webapp.accounts.access import assessment_for, role_required, visible_school_ids
from webapp.assessments import current_cycle
from webapp.audit import record_download
from webapp.documents import exports
from webapp.errors import OperationError
from webapp.jobs.export_view import export_view
from webapp.models import Role
from webapp.web import attachment

bp = Blueprint("documents", __name__)

ALL_ROLES = (Role.SCHOOL, Role.INSPECTOR, Role.DISTRICT, Role.ADMIN)


@bp.get("/reports/assessments/<int:assessment_id>.pdf")
@login_required
def assessment_report(assessment_id: int) -> Response:
    """A school's 办学水平评估报告, for whoever may see that school."""
    from flask import make_response, render_template

    from reports.batch import report_filename
    from reports.build import ImpossibleFigures
    from reports.render import render_school_pdf
    from webapp.documents.report_data import school_report_for

    found = assessment_for(assessment_id, *ALL_ROLES)
    try:
        report = school_report_for(found, for_school=current_user.role is Role.SCHOOL)
    except ImpossibleFigures as exc:  # figures that cannot be true: no report is made of them
        message = "；".join(exc.lines())
        page = render_template("error.html", code=422, title="填报数据有误，未生成报告", message=message)
        return make_response(page, 422)
    pdf = render_school_pdf(report)
    record_download(current_user, "report", found.id, school_id=found.school_id)
    return attachment(pdf, report_filename(found.school.code, found.school.name), "application/pdf")


def _region_params() -> dict[str, Any]:
    from webapp.extensions import db
    from webapp.models import Cycle, parse_id

    raw = request.args.get("cycle", "")
    cycle_id = parse_id(raw)
    if raw and cycle_id is None:
        abort(404)
    cycle = db.session.get(Cycle, cycle_id) if cycle_id else current_cycle()
    if cycle is None:
        abort(404)
    return {"cycle_id": cycle.id}


@bp.route("/reports/region.pdf", methods=["GET", "POST"])
@role_required(Role.ADMIN, Role.DISTRICT)
def region_report() -> Any:
    """The region summary (区域汇总报告) of a cycle: a district officer's holds its district only."""
    return export_view("region_pdf", _region_params())


@bp.route("/reports/region.xlsx", methods=["GET", "POST"])
@role_required(Role.ADMIN, Role.DISTRICT)
def region_workbook() -> Any:
    return export_view("region_xlsx", _region_params())


@bp.post("/jobs/report-batch")
@role_required(Role.ADMIN, Role.DISTRICT)
def start_report_batch() -> Any:
    form = FlaskForm()
    if not form.validate():
        abort(400)
    cycle = current_cycle()
    if cycle is None:
        flash("还没有年度评估。", "error")
        return redirect(url_for("jobs.index"), 303)
    try:
        job = exports.start_report_batch(current_user, cycle.id, visible_school_ids(current_user))
    except OperationError as exc:
        flash(str(exc), "error")
        return redirect(url_for("jobs.index"), 303)
    flash(f"已开始生成 {job.total} 所学校的评估报告，完成后可在本页下载。", "success")
    return redirect(url_for("jobs.show", job_id=job.id), 303)
