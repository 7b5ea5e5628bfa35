"""Evidence files, served only to those allowed to see the school's assessment."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Blueprint, abort, request, send_file
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from webapp import operations
from webapp.auth import assessment_for, evidence_for, role_required
from webapp.blueprints.jobs import attachment, export_view
from webapp.models import Role

bp = Blueprint("files", __name__)

INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png"}


@bp.get("/evidence/<int:evidence_id>")
@login_required
def evidence(evidence_id: int) -> Response:
    ev = evidence_for(evidence_id)
    path = operations.evidence_store().path_of(ev.storage_key)
    if not path.is_file():
        abort(404)
    inline = request.args.get("inline") == "1" and ev.content_type in INLINE_TYPES
    response = send_file(path, mimetype=ev.content_type, conditional=True, max_age=0)
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in ev.original_name)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name or 'evidence'}\"; filename*=UTF-8''{quote(ev.original_name, safe='')}"
    )
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; object-src 'none'"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


ALL_ROLES = (Role.SCHOOL, Role.INSPECTOR, Role.DISTRICT, Role.ADMIN)


@bp.get("/reports/assessments/<int:assessment_id>.pdf")
@login_required
def assessment_report(assessment_id: int) -> Response:
    """A school's 办学水平评估报告, for whoever may see that school."""
    from reports.batch import report_filename
    from reports.render import render_school_pdf
    from webapp.report_data import school_report_for

    found = assessment_for(assessment_id, *ALL_ROLES)
    pdf = render_school_pdf(school_report_for(found, for_school=current_user.role_enum is Role.SCHOOL))
    operations.record_download(current_user, "report", found.id, school_id=found.school_id)
    return attachment(pdf, report_filename(found.school.code, found.school.name), "application/pdf")


def _region_params() -> dict[str, Any]:
    from webapp.extensions import db
    from webapp.models import Cycle, parse_id

    raw = request.args.get("cycle", "")
    cycle_id = parse_id(raw)
    if raw and cycle_id is None:
        abort(404)
    cycle = db.session.get(Cycle, cycle_id) if cycle_id else operations.current_cycle()
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
