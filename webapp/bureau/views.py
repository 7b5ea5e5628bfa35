"""What the bureau does: 督导室 admins run the cycles, the school list and inspector
assignments; 区县 district officers see the progress and results of their own district's
schools and export them — never another district's. Objects in URLs are loaded through a
helper that answers 404 for what the caller may not see."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from checklist.model import STAGE_NAMES
from webapp.accounts.access import role_required, visible_school_ids
from webapp.assessments import current_cycle
from webapp.audit import action_labels
from webapp.bureau import operations
from webapp.bureau.boards import (
    BASES,
    PROGRESS_LABELS,
    PROGRESS_STATES,
    progress_board,
    progress_state,
    results_board,
    schools_query,
)
from webapp.bureau.charts import dimension_chart, district_chart, level_chart, progress_chart, shortfall_chart
from webapp.bureau.exports import start_import
from webapp.bureau.forms import AssignmentForm, CycleEditForm, CycleForm, SchoolImportForm
from webapp.bureau.school_list import SpreadsheetRejected, preflight, read_school_list, read_upload
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.forms import ReasonForm, all_schools, school_choices
from webapp.jobs.export_view import export_view
from webapp.models import (
    Assessment,
    AuditEvent,
    Cycle,
    CycleStatus,
    District,
    InspectorAssignment,
    Role,
    RubricRecord,
    School,
    User,
    parse_id,
)
from webapp.rubrics.pages import rubric_in_use
from webapp.settings import local_today
from webapp.web import PER_PAGE, Pager, page_arg

bp = Blueprint("bureau", __name__, url_prefix="/admin")


BUREAU = (Role.ADMIN, Role.DISTRICT)


def _allowed() -> set[int] | None:
    return visible_school_ids(current_user)


def _school_or_404(school_id: int) -> School:
    """The school if the current user may see it; 404 for a missing one and a foreign one alike."""
    school = db.session.get(School, school_id)
    allowed = _allowed()
    if school is None or (allowed is not None and school.id not in allowed):
        abort(404)
    return school


def _chosen_cycle() -> Cycle | None:
    """The cycle named by ?cycle= (404 if there is none such), else the current one."""
    raw = request.args.get("cycle", "")
    if not raw:
        return current_cycle()
    if not raw.isascii() or not raw.isdigit():
        abort(400)
    cycle_id = parse_id(raw)
    if cycle_id is None:
        abort(404)
    return db.get_or_404(Cycle, cycle_id)






def _grouped(schools: Sequence[School]) -> list[tuple[str, list[School]]]:
    groups: dict[str, list[School]] = {}
    for s in schools:
        groups.setdefault(s.district.name if s.district else "（未分区县）", []).append(s)
    return sorted(groups.items())


@bp.get("/")
@role_required(*BUREAU)
def dashboard() -> str:
    cycle = _chosen_cycle()
    board = progress_board(cycle, _allowed(), local_today())
    state = request.args.get("state", "")
    if state not in PROGRESS_LABELS:
        state = ""
    district_ids = {row.district_id for row in board.districts}
    raw_district = request.args.get("district", "")
    district_id = parse_id(raw_district) if parse_id(raw_district) in district_ids else None
    rows = [
        a
        for a in board.assessments
        if (not state or progress_state(a) == state)
        and (district_id is None or a.school.district_id == district_id)
    ]
    pager = Pager(page_arg(), PER_PAGE, len(rows))
    hrefs = [url_for(".dashboard", cycle=cycle.id if cycle else None, district=r.district_id) for r in board.districts]
    return render_template(
        "bureau/dashboard.html",
        cycle=cycle,
        cycles=_cycles_for_menu(),
        board=board,
        chart=progress_chart(board, hrefs) if board.districts else None,
        rows=pager.slice(rows),
        paging=pager,
        state=state,
        district_id=district_id,
        states=PROGRESS_STATES,
        progress_state=progress_state,
        today=local_today(),
    )


def _cycles_for_menu() -> list[Cycle]:
    return list(db.session.execute(select(Cycle).order_by(Cycle.id.desc())).scalars())


@bp.get("/results")
@role_required(*BUREAU)
def results() -> str:
    cycle = _chosen_cycle()
    basis = request.args.get("basis", "final")
    if basis not in BASES:
        basis = "final"
    board = results_board(cycle, _allowed(), basis)
    pager = Pager(page_arg(), PER_PAGE, len(board.schools))
    return render_template(
        "bureau/results.html",
        cycle=cycle,
        cycles=_cycles_for_menu(),
        board=board,
        basis=basis,
        bases=BASES,
        level_chart=level_chart(board) if board.schools else None,
        dimension_chart=dimension_chart(board) if board.schools and board.dimensions else None,
        shortfall_chart=shortfall_chart(board) if board.shortfalls else None,
        district_chart=district_chart(board) if len(board.districts) > 1 else None,
        ranking=pager.slice(board.schools),
        paging=pager,
    )


@bp.route("/results/scores.xlsx", methods=["GET", "POST"])
@role_required(*BUREAU)
def export_scores() -> Any:
    cycle = _chosen_cycle()
    if cycle is None:
        flash("还没有年度评估，无可导出的得分。", "warning")
        return redirect(url_for(".results"))
    return export_view("export_scores", {"cycle_id": cycle.id})


def _rubric_choices() -> list[SelectChoice]:
    records = db.session.execute(
        select(RubricRecord).order_by(RubricRecord.rubric_id, RubricRecord.version.desc())
    ).scalars()
    return [SelectChoice(str(r.id), f"{r.title}（{r.version_label}）") for r in records]


@bp.route("/cycles/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def cycles() -> Any:
    schools = all_schools()
    form = CycleForm()
    form.rubric.choices = _rubric_choices()
    form.schools.choices = school_choices(schools)
    status = 200
    if request.method in ("GET", "HEAD"):
        year = local_today().year
        form.year.data = str(year)
        form.name.data = f"{year}年度中小学校（幼儿园）办学水平自评"
        in_use = rubric_in_use()
        form.rubric.data = str(in_use.id) if in_use else (form.rubric.choices[0].value if form.rubric.choices else "")
        form.schools.data = [s.id for s in schools if s.active]
    elif form.validate():
        try:
            cycle = operations.open_new_cycle(
                form.name.data,
                int(form.year.data),
                int(form.rubric.data),
                form.deadline.parsed,
                form.schools.data,
                current_user,
            )
        except OperationError as exc:
            flash(f"未能开始评估：{exc}", "error")
            status = 422
        else:
            flash(f"“{cycle.name}”已开始，{len(form.schools.data)}所学校可以填报自评。", "success")
            return redirect(url_for(".cycle", cycle_id=cycle.id), 303)
    else:
        flash("未能开始评估：请按提示修改。", "error")
        status = 422
    all_cycles = _cycles_for_menu()
    counts = _cycle_counts([c.id for c in all_cycles])
    return render_template(
        "bureau/cycles.html",
        form=form,
        cycles=all_cycles,
        counts=counts,
        groups=_grouped(schools),
        running=next((c for c in all_cycles if c.status == CycleStatus.OPEN), None),
    ), status


def _cycle_counts(cycle_ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {i: {} for i in cycle_ids}
    if not cycle_ids:
        return counts
    rows = db.session.execute(
        select(Assessment.cycle_id, Assessment.status, func.count())
        .where(Assessment.cycle_id.in_(cycle_ids))
        .group_by(Assessment.cycle_id, Assessment.status)
    ).all()
    for cycle_id, status, n in rows:
        counts[cycle_id][status] = n
    return counts


@bp.route("/cycles/<int:cycle_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def cycle(cycle_id: int) -> Any:
    found = db.get_or_404(Cycle, cycle_id)
    taking_part = set(db.session.execute(select(Assessment.school_id).where(Assessment.cycle_id == found.id)).scalars())
    others = [s for s in all_schools() if s.id not in taking_part]
    form = CycleEditForm(obj=found if request.method in ("GET", "HEAD") else None)
    form.add_schools.choices = school_choices(others)
    status = 200
    if request.method in ("GET", "HEAD"):
        form.deadline.data = found.deadline.isoformat() if found.deadline else ""
    elif form.validate():
        try:
            added = operations.update_cycle(
                found.id, current_user, form.name.data, form.deadline.parsed, form.add_schools.data
            )
        except OperationError as exc:
            flash(f"未能保存：{exc}", "error")
            status = 422
        else:
            flash("已保存。" + (f"新增参评学校{added}所。" if added else ""), "success")
            return redirect(url_for(".cycle", cycle_id=found.id), 303)
    else:
        flash("未能保存：请按提示修改。", "error")
        status = 422
    found = db.get_or_404(Cycle, cycle_id)
    board = progress_board(found, None, local_today())
    return render_template(
        "bureau/cycle.html",
        cycle=found,
        form=form,
        reason_form=ReasonForm(formdata=None),
        board=board,
        states=PROGRESS_STATES,
        groups=_grouped(others),
    ), status


@bp.post("/cycles/<int:cycle_id>/close")
@role_required(Role.ADMIN)
def close_cycle(cycle_id: int) -> Response:
    found = db.get_or_404(Cycle, cycle_id)
    if not ReasonForm().validate():
        abort(400)
    try:
        operations.close_cycle(found.id, current_user)
    except OperationError as exc:
        flash(f"未能结束：{exc}", "error")
    else:
        flash(f"“{found.name}”已结束：学校不能再修改或提交自评。", "success")
    return redirect(url_for(".cycle", cycle_id=cycle_id), 303)


@bp.post("/cycles/<int:cycle_id>/reopen")
@role_required(Role.ADMIN)
def reopen_cycle(cycle_id: int) -> Response:
    found = db.get_or_404(Cycle, cycle_id)
    form = ReasonForm()
    if not form.validate():
        abort(400)
    try:
        operations.reopen_cycle(found.id, current_user, form.reason.data or "")
    except OperationError as exc:
        flash(f"未能重新开放：{exc}", "error")
    else:
        flash(f"“{found.name}”已重新开放，学校可以继续填报。", "success")
    return redirect(url_for(".cycle", cycle_id=cycle_id), 303)


def _schools_page(import_form: SchoolImportForm, report: Any = None, rejected: str = "", status: int = 200) -> Any:
    allowed = _allowed()
    query = schools_query(allowed)
    q = request.args.get("q", "").strip()[:100]
    if q:
        like = f"%{q}%"
        query = query.where(or_(School.name.like(like), School.code.like(like)))
    districts = list(db.session.execute(select(District).order_by(District.name)).scalars())
    if allowed is not None:
        districts = [d for d in districts if current_user.district_id == d.id]
    raw = request.args.get("district", "")
    district_id = parse_id(raw) if parse_id(raw) in {d.id for d in districts} else None
    if district_id is not None:
        query = query.where(School.district_id == district_id)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pager = Pager(page_arg(), PER_PAGE, int(total))
    schools = list(db.session.execute(query.limit(pager.per_page).offset(pager.offset)).scalars())
    cycle = current_cycle()
    statuses: dict[int, Assessment] = {}
    if cycle is not None and schools:
        statuses = {
            a.school_id: a
            for a in db.session.execute(
                select(Assessment).where(
                    Assessment.cycle_id == cycle.id, Assessment.school_id.in_([s.id for s in schools])
                )
            ).scalars()
        }
    return render_template(
        "bureau/schools.html",
        schools=schools,
        paging=pager,
        q=q,
        districts=districts,
        district_id=district_id,
        cycle=cycle,
        statuses=statuses,
        import_form=import_form,
        report=report,
        rejected=rejected,
        stage_names=STAGE_NAMES,
    ), status


@bp.get("/schools/")
@role_required(*BUREAU)
def schools() -> Any:
    return _schools_page(SchoolImportForm(formdata=None))


@bp.post("/schools/import")
@role_required(Role.ADMIN)
def import_schools() -> Any:
    """A school list: checked and imported at once, or, when the file is large, in a job whose
    page shows the outcome (the same problems by Excel row, or the summary)."""
    form = SchoolImportForm()
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _schools_page(form, status=422)
    upload = form.file.data
    filename = upload.filename or "学校名单.xlsx"
    try:
        data = read_upload(upload.stream)
        if len(data) > int(current_app.config["INLINE_IMPORT_BYTES"]):
            preflight(data)  # a file that is not a workbook is refused here, beside the field
            job = start_import(current_user, data, filename)
            flash("学校名单较大，已在后台导入；结果见本页。", "success")
            return redirect(url_for("jobs.show", job_id=job.id), 303)
        reading = read_school_list(data)
    except SpreadsheetRejected as exc:
        form.file.errors = [str(exc)]
        return _schools_page(form, rejected=str(exc), status=422)
    except OperationError as exc:  # too many background jobs already
        form.file.errors = [str(exc)]
        return _schools_page(form, rejected=str(exc), status=429)
    if reading.problems:
        return _schools_page(form, report=reading, status=422)
    summary = operations.import_schools(reading.rows, current_user, filename)
    flash(summary.message, "success")
    return redirect(url_for(".schools"), 303)


@bp.route("/schools/export.xlsx", methods=["GET", "POST"])
@role_required(*BUREAU)
def export_schools() -> Any:
    return export_view("export_schools", {})


@bp.get("/schools/<int:school_id>")
@role_required(*BUREAU)
def school(school_id: int) -> str:
    found = _school_or_404(school_id)
    assessments = list(
        db.session.execute(
            select(Assessment).join(Cycle).where(Assessment.school_id == found.id).order_by(Cycle.id.desc())
        ).scalars()
    )
    accounts = list(
        db.session.execute(select(User).where(User.school_id == found.id).order_by(User.username)).scalars()
    )
    inspectors = list(
        db.session.execute(
            select(User)
            .join(InspectorAssignment, InspectorAssignment.user_id == User.id)
            .where(InspectorAssignment.school_id == found.id)
            .order_by(User.username)
        ).scalars()
    )
    history: list[AuditEvent] = []
    if current_user.role == Role.ADMIN:
        history = list(
            db.session.execute(
                select(AuditEvent).where(AuditEvent.school_id == found.id).order_by(AuditEvent.id.desc()).limit(15)
            ).scalars()
        )
    return render_template(
        "bureau/school.html",
        school=found,
        assessments=assessments,
        accounts=accounts,
        inspectors=inspectors,
        history=history,
        labels=action_labels(),
    )


@bp.route("/assignments/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def assignments() -> Any:
    inspectors = list(
        db.session.execute(select(User).where(User.role == Role.INSPECTOR).order_by(User.username)).scalars()
    )
    schools = all_schools()
    by_inspector: dict[int, list[int]] = {i.id: [] for i in inspectors}
    for row in db.session.execute(select(InspectorAssignment)).scalars():
        by_inspector.setdefault(row.user_id, []).append(row.school_id)
    raw = request.values.get("inspector", "")
    chosen = next((i for i in inspectors if str(i.id) == raw), inspectors[0] if inspectors else None)
    form = AssignmentForm()
    form.schools.choices = school_choices(schools)
    status = 200
    if request.method == "POST":
        if chosen is None or raw != str(chosen.id):
            abort(404)
        if form.validate():
            try:
                added, removed = operations.set_assignments(chosen.id, form.schools.data, current_user)
            except OperationError as exc:
                flash(f"未能保存：{exc}", "error")
                status = 422
            else:
                flash(f"{chosen.name}的分工已保存：新增{added}所，移除{removed}所。", "success")
                return redirect(url_for(".assignments", inspector=chosen.id), 303)
        else:
            flash("未能保存：请按提示修改。", "error")
            status = 422
    elif chosen is not None:
        form.schools.data = by_inspector.get(chosen.id, [])
    if chosen is not None:
        form.inspector.data = str(chosen.id)
    covered = {s for ids in by_inspector.values() for s in ids}
    cycle = current_cycle()
    in_cycle = (
        set(db.session.execute(select(Assessment.school_id).where(Assessment.cycle_id == cycle.id)).scalars())
        if cycle
        else {s.id for s in schools}
    )
    uncovered = [s for s in schools if s.id in in_cycle and s.id not in covered]
    names = {s.id: s for s in schools}
    return render_template(
        "bureau/assignments.html",
        inspectors=inspectors,
        by_inspector=by_inspector,
        chosen=chosen,
        form=form,
        groups=_grouped(schools),
        uncovered=uncovered,
        names=names,
    ), status
