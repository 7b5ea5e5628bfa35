"""What the bureau does: 督导室 admins run the cycles, the school list, accounts, inspector
assignments, rubrics and the audit log; 区县 district officers see the progress and results of
their own district's schools and export them — never another district's.

Views stay thin: they read the form, call webapp.admin_operations (or webapp.operations) and
render. Objects in URLs are loaded through a helper that answers 404 for what the caller may
not see.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from checklist.diff import describe_rule
from checklist.extract.lexicon import KIND_NAMES, MODALITY_NAMES, SCOPE_NAMES
from checklist.loader import Problem, RubricError, load_rubric_text
from checklist.model import STAGE_NAMES
from webapp import admin_operations as ops
from webapp import operations
from webapp.admin_forms import (
    AssignmentForm,
    AuditFilterForm,
    CandidateForm,
    CycleEditForm,
    CycleForm,
    DraftSettingsForm,
    DraftViewForm,
    ReasonForm,
    RubricCheckForm,
    RubricPublishForm,
    SchoolImportForm,
    UserFilterForm,
    UserForm,
    read_threshold,
)
from webapp.auth import role_required, visible_school_ids
from webapp.blueprints.jobs import export_view
from webapp.exports import audit_params
from webapp.extensions import db
from webapp.jobs import start_import
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
from webapp.rubrics import rubric_of, seed_library
from webapp.spreadsheets import SpreadsheetRejected, preflight, read_school_list, read_upload

bp = Blueprint("admin", __name__, url_prefix="/admin")

BUREAU = (Role.ADMIN, Role.DISTRICT)
PER_PAGE = 50


# --------------------------------------------------------------------------------------------
# Helpers: scope, loading and authorising, paging, downloads


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
        return operations.current_cycle()
    if not raw.isascii() or not raw.isdigit():
        abort(400)
    cycle_id = parse_id(raw)
    if cycle_id is None:
        abort(404)
    return db.get_or_404(Cycle, cycle_id)


def _page_arg() -> int:
    raw = request.args.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        abort(400)
    return int(raw)


@dataclass
class Pager:
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def slice(self, items: Sequence[Any]) -> Sequence[Any]:
        return items[self.offset : self.offset + self.per_page]


def _school_choices(schools: Sequence[School]) -> list[SelectChoice]:
    return [
        SelectChoice(str(s.id), f"{s.code} {s.name}", optgroup=s.district.name if s.district else "（未分区县）")
        for s in schools
    ]


def _all_schools() -> list[School]:
    return list(db.session.execute(select(School).order_by(School.code)).scalars())


def _grouped(schools: Sequence[School]) -> list[tuple[str, list[School]]]:
    groups: dict[str, list[School]] = {}
    for s in schools:
        groups.setdefault(s.district.name if s.district else "（未分区县）", []).append(s)
    return sorted(groups.items())


# --------------------------------------------------------------------------------------------
# 总览: the progress board


@bp.get("/")
@role_required(*BUREAU)
def dashboard() -> str:
    cycle = _chosen_cycle()
    board = ops.progress_board(cycle, _allowed(), operations.local_today())
    state = request.args.get("state", "")
    if state not in ops.PROGRESS_LABELS:
        state = ""
    district_ids = {row.district_id for row in board.districts}
    raw_district = request.args.get("district", "")
    district_id = parse_id(raw_district) if parse_id(raw_district) in district_ids else None
    rows = [
        a
        for a in board.assessments
        if (not state or ops.progress_state(a) == state)
        and (district_id is None or a.school.district_id == district_id)
    ]
    pager = Pager(_page_arg(), PER_PAGE, len(rows))
    hrefs = [url_for(".dashboard", cycle=cycle.id if cycle else None, district=r.district_id) for r in board.districts]
    return render_template(
        "admin/dashboard.html",
        cycle=cycle,
        cycles=_cycles_for_menu(),
        board=board,
        chart=ops.progress_chart(board, hrefs) if board.districts else None,
        rows=pager.slice(rows),
        paging=pager,
        state=state,
        district_id=district_id,
        states=ops.PROGRESS_STATES,
        progress_state=ops.progress_state,
        today=operations.local_today(),
    )


def _cycles_for_menu() -> list[Cycle]:
    return list(db.session.execute(select(Cycle).order_by(Cycle.id.desc())).scalars())


# --------------------------------------------------------------------------------------------
# 评估结果: the results board and the score export


@bp.get("/results")
@role_required(*BUREAU)
def results() -> str:
    cycle = _chosen_cycle()
    basis = request.args.get("basis", "final")
    if basis not in ops.BASES:
        basis = "final"
    board = ops.results_board(cycle, _allowed(), basis)
    pager = Pager(_page_arg(), PER_PAGE, len(board.schools))
    return render_template(
        "admin/results.html",
        cycle=cycle,
        cycles=_cycles_for_menu(),
        board=board,
        basis=basis,
        bases=ops.BASES,
        level_chart=ops.level_chart(board) if board.schools else None,
        dimension_chart=ops.dimension_chart(board) if board.schools and board.dimensions else None,
        shortfall_chart=ops.shortfall_chart(board) if board.shortfalls else None,
        district_chart=ops.district_chart(board) if len(board.districts) > 1 else None,
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


# --------------------------------------------------------------------------------------------
# 年度评估: cycles


def _rubric_choices() -> list[SelectChoice]:
    records = db.session.execute(
        select(RubricRecord).order_by(RubricRecord.rubric_id, RubricRecord.version.desc())
    ).scalars()
    return [SelectChoice(str(r.id), f"{r.title}（{r.label}）") for r in records]


@bp.route("/cycles/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def cycles() -> Any:
    schools = _all_schools()
    form = CycleForm()
    form.rubric.choices = _rubric_choices()
    form.schools.choices = _school_choices(schools)
    status = 200
    if request.method in ("GET", "HEAD"):
        year = operations.local_today().year
        form.year.data = str(year)
        form.name.data = f"{year}年度中小学校（幼儿园）办学水平自评"
        in_use = ops.rubric_in_use()
        form.rubric.data = str(in_use.id) if in_use else (form.rubric.choices[0].value if form.rubric.choices else "")
        form.schools.data = [s.id for s in schools if s.active]
    elif form.validate():
        try:
            cycle = ops.open_new_cycle(
                form.name.data,
                int(form.year.data),
                int(form.rubric.data),
                form.deadline.parsed,
                form.schools.data,
                current_user,
            )
        except operations.OperationError as exc:
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
        "admin/cycles.html",
        form=form,
        cycles=all_cycles,
        counts=counts,
        groups=_grouped(schools),
        running=next((c for c in all_cycles if c.status == CycleStatus.OPEN.value), None),
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
    others = [s for s in _all_schools() if s.id not in taking_part]
    form = CycleEditForm(obj=found if request.method in ("GET", "HEAD") else None)
    form.add_schools.choices = _school_choices(others)
    status = 200
    if request.method in ("GET", "HEAD"):
        form.deadline.data = found.deadline.isoformat() if found.deadline else ""
    elif form.validate():
        try:
            added = ops.update_cycle(
                found.id, current_user, form.name.data, form.deadline.parsed, form.add_schools.data
            )
        except operations.OperationError as exc:
            flash(f"未能保存：{exc}", "error")
            status = 422
        else:
            flash("已保存。" + (f"新增参评学校{added}所。" if added else ""), "success")
            return redirect(url_for(".cycle", cycle_id=found.id), 303)
    else:
        flash("未能保存：请按提示修改。", "error")
        status = 422
    found = db.get_or_404(Cycle, cycle_id)
    board = ops.progress_board(found, None, operations.local_today())
    return render_template(
        "admin/cycle.html",
        cycle=found,
        form=form,
        reason_form=ReasonForm(formdata=None),
        board=board,
        states=ops.PROGRESS_STATES,
        groups=_grouped(others),
    ), status


@bp.post("/cycles/<int:cycle_id>/close")
@role_required(Role.ADMIN)
def close_cycle(cycle_id: int) -> Response:
    found = db.get_or_404(Cycle, cycle_id)
    if not ReasonForm().validate():
        abort(400)
    try:
        ops.close_cycle(found.id, current_user)
    except operations.OperationError as exc:
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
        ops.reopen_cycle(found.id, current_user, form.reason.data or "")
    except operations.OperationError as exc:
        flash(f"未能重新开放：{exc}", "error")
    else:
        flash(f"“{found.name}”已重新开放，学校可以继续填报。", "success")
    return redirect(url_for(".cycle", cycle_id=cycle_id), 303)


# --------------------------------------------------------------------------------------------
# 学校: the school list, its import and export, one school


def _schools_page(import_form: SchoolImportForm, report: Any = None, rejected: str = "", status: int = 200) -> Any:
    allowed = _allowed()
    query = ops.schools_query(allowed)
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
    pager = Pager(_page_arg(), PER_PAGE, int(total))
    schools = list(db.session.execute(query.limit(pager.per_page).offset(pager.offset)).scalars())
    cycle = operations.current_cycle()
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
        "admin/schools.html",
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
    except operations.OperationError as exc:  # too many background jobs already
        form.file.errors = [str(exc)]
        return _schools_page(form, rejected=str(exc), status=429)
    if reading.problems:
        return _schools_page(form, report=reading, status=422)
    summary = ops.import_schools(reading.rows, current_user, filename)
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
    if current_user.role == Role.ADMIN.value:
        history = list(
            db.session.execute(
                select(AuditEvent).where(AuditEvent.school_id == found.id).order_by(AuditEvent.id.desc()).limit(15)
            ).scalars()
        )
    return render_template(
        "admin/school.html",
        school=found,
        assessments=assessments,
        accounts=accounts,
        inspectors=inspectors,
        history=history,
        labels=ops.action_labels(),
    )


# --------------------------------------------------------------------------------------------
# 账号: accounts


def _fill_user_choices(form: UserForm) -> None:
    form.school.choices = [SelectChoice("", "（不适用）"), *_school_choices(_all_schools())]
    districts = db.session.execute(select(District).order_by(District.name)).scalars()
    form.district.choices = [SelectChoice("", "（不适用）")] + [SelectChoice(str(d.id), d.name) for d in districts]


def _users_page(form: UserForm, status: int = 200) -> Any:
    filters = UserFilterForm(formdata=request.args)
    filters.validate()
    query = select(User).order_by(User.role, User.username)
    if filters.q.data and not filters.q.errors:
        like = f"%{filters.q.data.strip()}%"
        query = query.where(or_(User.username.like(like), User.display_name.like(like)))
    if filters.role.data in {r.value for r in Role}:
        query = query.where(User.role == filters.role.data)
    if filters.status.data == "active":
        query = query.where(User.active.is_(True))
    elif filters.status.data == "inactive":
        query = query.where(User.active.is_(False))
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pager = Pager(_page_arg(), PER_PAGE, int(total))
    users = list(db.session.execute(query.limit(pager.per_page).offset(pager.offset)).scalars())
    return render_template(
        "admin/users.html", users=users, paging=pager, form=form, filters=filters, toggle=ReasonForm(formdata=None)
    ), status


@bp.route("/users/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def users() -> Any:
    form = UserForm()
    _fill_user_choices(form)
    if request.method in ("GET", "HEAD"):
        return _users_page(form)
    if not form.validate():
        flash("未能创建账号：请按提示修改。", "error")
        return _users_page(form, 422)
    role = Role(form.role.data)
    school = db.session.get(School, int(form.school.data)) if role is Role.SCHOOL else None
    district = db.session.get(District, int(form.district.data)) if role is Role.DISTRICT else None
    try:
        account = operations.create_user(
            form.username.data,
            role,
            actor=current_user,
            school_code=school.code if school else None,
            district_name=district.name if district else None,
            display_name=(form.display_name.data or "").strip(),
        )
    except operations.OperationError as exc:
        form.username.errors = [*form.username.errors, str(exc)]
        flash(f"未能创建账号：{exc}", "error")
        return _users_page(form, 422)
    user = db.session.get(User, account.user_id)
    return render_template("admin/password_shown.html", user=user, password=account.password, created=True)


@bp.post("/users/<int:user_id>/password")
@role_required(Role.ADMIN)
def reset_password(user_id: int) -> Any:
    user = db.get_or_404(User, user_id)
    if not ReasonForm().validate():
        abort(400)
    account = operations.reset_password(user.username, actor=current_user)
    user = db.get_or_404(User, user_id)
    return render_template("admin/password_shown.html", user=user, password=account.password, created=False)


@bp.post("/users/<int:user_id>/active")
@role_required(Role.ADMIN)
def set_active(user_id: int) -> Response:
    user = db.get_or_404(User, user_id)
    if not ReasonForm().validate():
        abort(400)
    active = request.form.get("active") == "1"
    try:
        operations.set_active(user.username, active, actor=current_user)
    except operations.OperationError as exc:
        flash(str(exc), "error")
    else:
        flash(
            f"账号 {user.username} 已启用。" if active else f"账号 {user.username} 已停用，其所有登录已立即失效。",
            "success",
        )
    back = request.form.get("back", "")
    target = back if back.startswith("/admin/users/") and "//" not in back and "\\" not in back else url_for(".users")
    return redirect(target, 303)


# --------------------------------------------------------------------------------------------
# 督学分工: inspector assignments


@bp.route("/assignments/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def assignments() -> Any:
    inspectors = list(
        db.session.execute(select(User).where(User.role == Role.INSPECTOR.value).order_by(User.username)).scalars()
    )
    schools = _all_schools()
    by_inspector: dict[int, list[int]] = {i.id: [] for i in inspectors}
    for row in db.session.execute(select(InspectorAssignment)).scalars():
        by_inspector.setdefault(row.user_id, []).append(row.school_id)
    raw = request.values.get("inspector", "")
    chosen = next((i for i in inspectors if str(i.id) == raw), inspectors[0] if inspectors else None)
    form = AssignmentForm()
    form.schools.choices = _school_choices(schools)
    status = 200
    if request.method == "POST":
        if chosen is None or raw != str(chosen.id):
            abort(404)
        if form.validate():
            try:
                added, removed = ops.set_assignments(chosen.id, form.schools.data, current_user)
            except operations.OperationError as exc:
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
    cycle = operations.current_cycle()
    in_cycle = (
        set(db.session.execute(select(Assessment.school_id).where(Assessment.cycle_id == cycle.id)).scalars())
        if cycle
        else {s.id for s in schools}
    )
    uncovered = [s for s in schools if s.id in in_cycle and s.id not in covered]
    names = {s.id: s for s in schools}
    return render_template(
        "admin/assignments.html",
        inspectors=inspectors,
        by_inspector=by_inspector,
        chosen=chosen,
        form=form,
        groups=_grouped(schools),
        uncovered=uncovered,
        names=names,
    ), status


# --------------------------------------------------------------------------------------------
# 评估细则: rubrics — upload, check, compare, publish; drafts from a plan


@bp.get("/rubrics/")
@role_required(Role.ADMIN)
def rubrics() -> Any:
    return _rubrics_page(RubricCheckForm(formdata=None))


def _rubrics_page(form: RubricCheckForm, status: int = 200) -> Any:
    records = list(
        db.session.execute(select(RubricRecord).order_by(RubricRecord.rubric_id, RubricRecord.version.desc())).scalars()
    )
    usage: dict[int, list[Cycle]] = {}
    for c in db.session.execute(select(Cycle).order_by(Cycle.id.desc())).scalars():
        usage.setdefault(c.rubric_record_id, []).append(c)
    reviews = {}
    for plan in ops.plans():
        decided = db.session.execute(
            select(func.count()).where(AuditEvent.entity == ops.DRAFT_ENTITY, AuditEvent.entity_id == plan.file)
        ).scalar_one()
        reviews[plan.file] = decided
    in_use = ops.rubric_in_use()
    return render_template(
        "admin/rubrics.html",
        records=records,
        usage=usage,
        form=form,
        plans=ops.plans(),
        reviews=reviews,
        in_use=in_use,
    ), status


def _uploaded_text(form: RubricCheckForm) -> tuple[str, str]:
    """(text, name) from the file or the text box; raises ValueError with a Chinese message."""
    upload = form.file.data
    if upload is not None and upload.filename:
        name = upload.filename
        if not name.lower().endswith((".yaml", ".yml")):
            raise ValueError("只接受 YAML 文件（.yaml 或 .yml）")
        raw = upload.stream.read(1_000_001)
        if len(raw) > 1_000_000:
            raise ValueError("文件超过1MB，不像是一份评估细则")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError("文件不是 UTF-8 编码，请另存为 UTF-8 后再上传") from exc
    else:
        name = "粘贴的内容"
        text = form.text.data or ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("请选择评估细则文件，或粘贴 YAML 内容")
    return text, name


@bp.post("/rubrics/check")
@role_required(Role.ADMIN)
def check_rubric() -> Any:
    form = RubricCheckForm()
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _rubrics_page(form, 422)
    try:
        text, name = _uploaded_text(form)
    except ValueError as exc:
        form.file.errors = [str(exc)]
        return _rubrics_page(form, 422)
    return _checked(text, name)


def _checked(text: str, name: str, extra_problems: Sequence[Problem] = (), message: str = "") -> tuple[str, int]:
    rubric, problems = load_rubric_text(text, name, seed_library())
    problems = [*problems, *extra_problems]
    retry = RubricCheckForm(formdata=None)
    retry.text.data = text
    context: dict[str, Any] = {"name": name, "problems": problems, "rubric": None, "message": message, "retry": retry}
    status = 422 if problems or rubric is None or message else 200
    if rubric is not None and not problems:
        existing = db.session.execute(
            select(RubricRecord).where(RubricRecord.rubric_id == rubric.id, RubricRecord.version == rubric.version)
        ).scalar_one_or_none()
        in_use = ops.rubric_in_use()
        against = in_use or ops.latest_record_of(rubric.id)
        publish = RubricPublishForm(formdata=None)
        publish.yaml_text.data = text
        context.update(
            rubric=rubric,
            existing=existing,
            same=existing is not None and existing.sha256 == _sha(text),
            against=against,
            against_in_use=against is not None and in_use is not None and against.id == in_use.id,
            diff=ops.diff_against(rubric, against),
            publish=publish,
            total=sum(i.points for i in rubric.items if not i.bonus),
        )
    return render_template("admin/rubric_check.html", **context), status


def _sha(text: str) -> str:
    from webapp.rubrics import sha256_of

    return sha256_of(text)


@bp.post("/rubrics/publish")
@role_required(Role.ADMIN)
def publish_rubric() -> Any:
    form = RubricPublishForm()
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _checked(form.yaml_text.data or "", "待发布的评估细则", message="没有要发布的内容")
    text = (form.yaml_text.data or "").replace("\r\n", "\n")
    try:
        record_ = operations.publish_rubric(text, current_user)
    except RubricError as exc:
        return _checked(text, "待发布的评估细则", extra_problems=exc.problems)
    except operations.OperationError as exc:
        return _checked(text, "待发布的评估细则", message=str(exc))
    flash(f"评估细则“{record_.title}”（{record_.label}）已发布，可在开始年度评估时选用。", "success")
    return redirect(url_for(".rubric", record_id=record_.id), 303)


@bp.get("/rubrics/<int:record_id>")
@role_required(Role.ADMIN)
def rubric(record_id: int) -> str:
    found = db.get_or_404(RubricRecord, record_id)
    parsed = rubric_of(found)
    in_use = ops.rubric_in_use()
    cycles_using = list(db.session.execute(select(Cycle).where(Cycle.rubric_record_id == found.id)).scalars())
    return render_template(
        "admin/rubric.html",
        record=found,
        rubric=parsed,
        in_use=in_use,
        diff=ops.diff_against(parsed, in_use) if in_use is not None and in_use.id != found.id else None,
        cycles_using=cycles_using,
        total=sum(i.points for i in parsed.items if not i.bonus),
        requirements={i.id: describe_rule(i.rule, parsed.inputs) for i in parsed.items},
    )


@bp.get("/rubrics/<int:record_id>.yaml")
@role_required(Role.ADMIN)
def rubric_yaml(record_id: int) -> Response:
    found = db.get_or_404(RubricRecord, record_id)
    return _yaml_download(found.yaml_text, f"{found.rubric_id}-v{found.version}.yaml")


def _yaml_download(text: str, filename: str) -> Response:
    response = Response(text.encode("utf-8"), mimetype="application/x-yaml")
    response.headers["Content-Disposition"] = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"
    return response


# -- drafts from a plan ------------------------------------------------------------------------

REVIEW_FILTERS = {
    "scope": {"": "全部层级", "school": "学校", "region": "区域", "unclear": "待定"},
    "decision": {"": "全部", "pending": "未审核", "accepted": "已采纳", "rejected": "不采纳"},
}


def _review_or_404(plan: str) -> ops.PlanReview:
    try:
        return ops.plan_review(plan)
    except ops.UnknownPlan:
        abort(404)


def _review_page(review: ops.PlanReview, forms: dict[int, CandidateForm] | None = None, status: int = 200) -> Any:
    scope = request.args.get("scope", "")
    decision = request.args.get("decision", "")
    kind = request.args.get("kind", "")
    if scope not in REVIEW_FILTERS["scope"] or decision not in REVIEW_FILTERS["decision"]:
        abort(400)
    if kind and kind not in KIND_NAMES:
        abort(400)
    shown = [
        v
        for v in review.candidates
        if (not scope or v.candidate.scope == scope)
        and (not decision or v.decision.status == decision)
        and (not kind or v.candidate.kind == kind)
    ]
    forms = forms or {}
    for view in shown:
        if view.index not in forms:
            forms[view.index] = _candidate_form(view)
    return render_template(
        "admin/draft_review.html",
        review=review,
        shown=shown,
        forms=forms,
        counts=review.counts(),
        scope=scope,
        decision=decision,
        kind=kind,
        filters=REVIEW_FILTERS,
        kind_names=KIND_NAMES,
        scope_names=SCOPE_NAMES,
        modality_names=MODALITY_NAMES,
        reset_form=ReasonForm(formdata=None),
    ), status


def _threshold_text(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    if unit == "比例":
        return f"{value * 100:g}"
    return f"{value:g}"


def _candidate_form(view: ops.CandidateView) -> CandidateForm:
    form = CandidateForm(formdata=None)
    c = view.effective
    form.key.data = view.key
    form.decision.data = view.decision.status
    form.title.data = view.decision.title
    form.value.data = _threshold_text(c.value, c.unit)
    form.value_max.data = _threshold_text(c.value_max, c.unit)
    return form


@bp.get("/drafts/<plan>")
@role_required(Role.ADMIN)
def draft_review(plan: str) -> Any:
    return _review_page(_review_or_404(plan))


@bp.post("/drafts/<plan>/<int:index>")
@role_required(Role.ADMIN)
def decide(plan: str, index: int) -> Any:
    review = _review_or_404(plan)
    if not 0 <= index < len(review.candidates):
        abort(404)
    view = review.candidates[index]
    form = CandidateForm()
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _review_page(review, {index: form}, 422)
    value = value_max = None
    if form.decision.data == "accepted" and view.threshold_editable:
        unit = view.candidate.unit
        try:
            value = read_threshold(form.value.data, unit)
        except ValueError as exc:
            form.value.errors = [str(exc)]
        try:
            value_max = read_threshold(form.value_max.data, unit) if view.candidate.comparator == "between" else None
        except ValueError as exc:
            form.value_max.errors = [str(exc)]
        if value is not None and value_max is not None and value_max < value:
            form.value_max.errors = ["上限不能小于下限"]
        if form.value.errors or form.value_max.errors:
            return _review_page(review, {index: form}, 422)
    try:
        ops.decide_candidate(
            plan,
            index,
            current_user,
            form.decision.data,
            expected_key=form.key.data or "",
            title=form.title.data or "",
            value=value,
            value_max=value_max,
        )
    except operations.OperationError as exc:
        form.decision.errors = [str(exc)]
        return _review_page(review, {index: form}, 422)
    back = {k: request.args[k] for k in ("scope", "decision", "kind") if request.args.get(k)}
    return redirect(url_for(".draft_review", plan=plan, **back) + f"#c{index}", 303)


@bp.post("/drafts/<plan>/reset")
@role_required(Role.ADMIN)
def reset_review(plan: str) -> Response:
    _review_or_404(plan)
    if not ReasonForm().validate():
        abort(400)
    ops.reset_review(plan, current_user)
    flash("已清除全部审核决定，可以重新审核。", "success")
    return redirect(url_for(".draft_review", plan=plan), 303)


def _draft_settings(form: DraftSettingsForm) -> tuple[str, int, str]:
    return form.rubric_id.data, int(form.version.data), (form.title.data or "").strip()


def _draft_view_form(review: ops.PlanReview) -> DraftViewForm:
    form = DraftViewForm(formdata=request.args if request.args else None)
    if not request.args:
        form.rubric_id.data = ops.default_rubric_id(review.info.file)
        form.version.data = "1"
        form.title.data = f"{review.info.title}（办学水平自评细则）"
    return form


@bp.get("/drafts/<plan>/rubric")
@role_required(Role.ADMIN)
def draft_preview(plan: str) -> Any:
    review = _review_or_404(plan)
    form = _draft_view_form(review)
    return _draft_page(review, form)


def _draft_page(review: ops.PlanReview, form: DraftSettingsForm, message: str = "", status: int = 200) -> Any:
    result = None
    diff = None
    valid = form.validate() if not form.errors else False
    if valid and review.accepted:
        rubric_id, version, title = _draft_settings(form)
        result = ops.build_draft(review, rubric_id, version, title)
        if result.rubric is not None:
            diff = ops.diff_against(result.rubric, ops.rubric_in_use())
    elif not valid and status == 200:
        status = 422
    publish = DraftSettingsForm(formdata=None, data=form.data)
    return render_template(
        "admin/draft_rubric.html",
        review=review,
        form=form,
        publish=publish,
        result=result,
        diff=diff,
        in_use=ops.rubric_in_use(),
        message=message,
    ), status


@bp.get("/drafts/<plan>/rubric.yaml")
@role_required(Role.ADMIN)
def draft_yaml(plan: str) -> Any:
    review = _review_or_404(plan)
    form = _draft_view_form(review)
    if not review.accepted:
        flash("还没有采纳任何候选要求，无法生成草稿。", "warning")
        return redirect(url_for(".draft_review", plan=plan))
    if not form.validate():
        return _draft_page(review, form)
    rubric_id, version, title = _draft_settings(form)
    result = ops.build_draft(review, rubric_id, version, title)
    return _yaml_download(result.yaml_text, f"{rubric_id}-v{version}.yaml")


@bp.post("/drafts/<plan>/publish")
@role_required(Role.ADMIN)
def publish_draft(plan: str) -> Any:
    review = _review_or_404(plan)
    form = DraftSettingsForm()
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _draft_page(review, form, status=422)
    if not review.accepted:
        return _draft_page(review, form, message="还没有采纳任何候选要求，无法发布。", status=422)
    rubric_id, version, title = _draft_settings(form)
    result = ops.build_draft(review, rubric_id, version, title)
    if result.problems:
        return _draft_page(review, form, message="草稿未通过检查，请先处理下列问题。", status=422)
    try:
        record_ = operations.publish_rubric(result.yaml_text, current_user)
    except (RubricError, operations.OperationError) as exc:
        return _draft_page(review, form, message=f"未能发布：{exc}", status=422)
    flash(f"评估细则“{record_.title}”（{record_.label}）已发布。", "success")
    return redirect(url_for(".rubric", record_id=record_.id), 303)


# --------------------------------------------------------------------------------------------
# 操作日志: the audit log


def _audit_filters() -> tuple[AuditFilterForm, ops.AuditFilters | None, str, str]:
    """The filter form read from the query string; (form, filters or None when a field is wrong,
    sort, direction). Paging and sorting parameters are not typed by people: anything outside
    the allow-list is a bad request."""
    sort = request.args.get("sort", "at")
    direction = request.args.get("dir", "desc")
    if sort not in ops.AUDIT_SORTS or direction not in ("asc", "desc"):
        abort(400)
    form = AuditFilterForm(formdata=request.args)
    labels = ops.action_labels()
    form.action.choices = [SelectChoice("", "全部操作")] + [
        SelectChoice(key, label) for key, label in sorted(labels.items(), key=lambda kv: kv[1])
    ]
    if not form.validate():
        return form, None, sort, direction
    school_id = actor_id = None
    text = (form.school.data or "").strip()
    if text:
        found = (
            db.session.execute(select(School).where(or_(School.code == text, School.name == text))).scalars().first()
        )
        if found is None:
            form.school.errors = [f"没有代码或名称为“{text}”的学校"]
        else:
            school_id = found.id
    name = (form.user.data or "").strip()
    if name:
        user = db.session.execute(select(User).where(func.lower(User.username) == name.lower())).scalars().first()
        if user is None:
            form.user.errors = [f"没有用户“{name}”"]
        else:
            actor_id = user.id
    if form.school.errors or form.user.errors:
        return form, None, sort, direction
    filters = ops.AuditFilters(
        action=form.action.data or None,
        school_id=school_id,
        actor_id=actor_id,
        date_from=form.date_from.parsed,
        date_to=form.date_to.parsed,
    )
    return form, filters, sort, direction


@bp.get("/audit/")
@role_required(Role.ADMIN)
def audit() -> Any:
    form, filters, sort, direction = _audit_filters()
    raw = request.args.get("per_page", "50")
    if not raw.isascii() or not raw.isdigit() or int(raw) not in ops.PAGE_SIZES:
        abort(400)
    per_page = int(raw)
    page = _page_arg()
    result = None
    schools: dict[int, School] = {}
    if filters is not None:
        result = ops.audit_page(filters, page, per_page, sort, direction)
        ids = {e.school_id for e in result.events if e.school_id is not None}
        if ids:
            schools = {s.id: s for s in db.session.execute(select(School).where(School.id.in_(ids))).scalars()}
    all_schools = _all_schools()
    return render_template(
        "admin/audit.html",
        form=form,
        result=result,
        paging=Pager(page, per_page, result.total) if result else None,
        schools=schools,
        all_schools=all_schools,
        labels=ops.action_labels(),
        sort=sort,
        direction=direction,
        per_page=per_page,
        page_sizes=ops.PAGE_SIZES,
        compact=ops.compact_json,
        summary=ops.change_summary,
        entities=ops.ENTITY_LABELS,
    ), (200 if filters is not None else 422)


@bp.route("/audit/export.xlsx", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def export_audit() -> Any:
    _form, filters, sort, direction = _audit_filters()
    if filters is None:
        flash("筛选条件有误，请修正后再导出。", "error")
        return redirect(url_for(".audit", **request.args))
    return export_view("export_audit", audit_params(filters, sort, direction))
