"""What the bureau does: 督导室 admins run the cycles, the school list and inspector
assignments; 区县 district officers see the progress and results of their own district's
schools and export them — never another district's. Objects in URLs are loaded through a
helper that answers 404 for what the caller may not see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from checklist.model import STAGE_NAMES
from reports.workbooks import XLSX_CONTENT_TYPE
from webapp.accounts import operations as accounts_operations
from webapp.accounts.access import role_required, visible_school_ids
from webapp.assessments import current_cycle
from webapp.audit import action_labels
from webapp.bureau import operations
from webapp.bureau.account_list import (
    imported_passwords_workbook,
    read_account_list,
    school_passwords_workbook,
    template_workbook,
)
from webapp.bureau.boards import (
    BASES,
    PROGRESS_LABELS,
    PROGRESS_STATES,
    progress_board,
    progress_state,
    results_board,
    schools_query,
    unfinished_elsewhere,
)
from webapp.bureau.charts import dimension_chart, district_chart, level_chart, progress_chart, shortfall_chart
from webapp.bureau.exports import start_import
from webapp.bureau.forms import (
    AccountImportForm,
    AssignmentForm,
    CycleEditForm,
    CycleForm,
    SchoolEditForm,
    SchoolImportForm,
)
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
from webapp.paging import SchoolFilter, paginate
from webapp.rubrics.pages import rubric_in_use
from webapp.settings import local_today
from webapp.web import attachment

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
    pager = paginate(rows)
    hrefs = [url_for(".dashboard", cycle=cycle.id if cycle else None, district=r.district_id) for r in board.districts]
    return render_template(
        "bureau/dashboard.html",
        cycle=cycle,
        elsewhere=unfinished_elsewhere(cycle, _allowed()),
        cycles=_cycles_for_menu(),
        board=board,
        chart=progress_chart(board, hrefs) if board.districts else None,
        rows=pager.items,
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
    districts = _districts_for_user()
    filters = replace(SchoolFilter.from_request({d.id for d in districts}), inactive=True)
    paging = paginate([r for r in board.schools if filters.matches(r.assessment.school)])
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
        ranking=paging.items,
        paging=paging,
        **filters.page_context(districts),
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


def _active_schools() -> list[School]:
    return list(db.session.execute(select(School).where(School.active.is_(True)).order_by(School.code)).scalars())


@bp.route("/cycles/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def cycles() -> Any:
    """All cycles, and a new one: its schools are the active schools matching the filter in the
    address (all of them by default), every one ticked; untick those that do not take part."""
    districts = _districts_for_user()
    filters = replace(SchoolFilter.from_request({d.id for d in districts}), inactive=False)
    offered = list(db.session.execute(filters.apply(schools_query(None))).scalars())
    form = CycleForm()
    form.rubric.choices = _rubric_choices()
    form.schools.choices = school_choices(_active_schools())
    status = 200
    if request.method in ("GET", "HEAD"):
        year = local_today().year
        form.year.data = str(year)
        form.name.data = f"{year}年度中小学校（幼儿园）办学水平自评"
        in_use = rubric_in_use()
        form.rubric.data = str(in_use.id) if in_use else (form.rubric.choices[0].value if form.rubric.choices else "")
        form.schools.data = [s.id for s in offered]
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
        groups=_grouped(offered),
        offered=len(offered),
        **filters.page_context(districts),
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


def _not_taking_part(cycle: Cycle, filters: SchoolFilter) -> Any:
    """The active schools matching the filter that are not in the cycle (a query)."""
    taking_part = select(Assessment.school_id).where(Assessment.cycle_id == cycle.id)
    return replace(filters, inactive=False).apply(schools_query(None)).where(School.id.not_in(taking_part))


@bp.route("/cycles/<int:cycle_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def cycle(cycle_id: int) -> Any:
    found = db.get_or_404(Cycle, cycle_id)
    districts = _districts_for_user()
    filters = SchoolFilter.from_request({d.id for d in districts})
    others = list(db.session.execute(_not_taking_part(found, SchoolFilter())).scalars())
    form = CycleEditForm(obj=found if request.method in ("GET", "HEAD") else None)
    form.add_schools.choices = school_choices(others)
    status = 200
    if request.method in ("GET", "HEAD"):
        form.deadline.data = found.deadline.isoformat() if found.deadline else ""
        form.doc_number.data = found.doc_number or ""
        form.rectify_days.data = str(found.rectify_days or "")
    elif form.validate():
        try:
            days = (form.rectify_days.data or "").strip()
            added = operations.update_cycle(
                found.id,
                current_user,
                form.name.data,
                form.deadline.parsed,
                form.add_schools.data,
                doc_number=form.doc_number.data,
                rectify_days=int(days) if days else None,
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
    paging = paginate(_not_taking_part(found, filters))
    return render_template(
        "bureau/cycle.html",
        cycle=found,
        form=form,
        default_rectify_days=int(current_app.config["RECTIFY_DAYS"]),
        reason_form=ReasonForm(formdata=None),
        add_form=ReasonForm(formdata=None),
        board=board,
        states=PROGRESS_STATES,
        groups=_grouped(paging.items),
        paging=paging,
        others=len(others),
        **filters.page_context(districts),
    ), status


@bp.post("/cycles/<int:cycle_id>/schools")
@role_required(Role.ADMIN)
def add_cycle_schools(cycle_id: int) -> Response:
    """增加参评学校 by filter: every active school matching it that is not yet in the cycle."""
    found = db.get_or_404(Cycle, cycle_id)
    if not ReasonForm().validate():
        abort(400)
    districts = _districts_for_user()
    filters = SchoolFilter.from_request({d.id for d in districts}, request.form)
    ids = list(db.session.execute(_not_taking_part(found, filters).with_only_columns(School.id)).scalars())
    words = filters.describe({d.id: d.name for d in districts})
    if not ids:
        flash(f"{words}中没有尚未参评的在用学校。", "info")
    else:
        try:
            added = operations.add_cycle_schools(found.id, ids, current_user)
        except OperationError as exc:
            flash(f"未能增加参评学校：{exc}", "error")
        else:
            flash(f"已将{words}中{added}所学校加入“{found.name}”，各得到一份空白自评。", "success")
    return redirect(url_for(".cycle", cycle_id=found.id, **filters.params()), 303)


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


def _districts_for_user() -> list[District]:
    districts = list(db.session.execute(select(District).order_by(District.name)).scalars())
    if _allowed() is not None:
        districts = [d for d in districts if current_user.district_id == d.id]
    return districts


def _without_account(query_filter: SchoolFilter) -> int:
    """How many active schools matching the filter have no school account yet."""
    has_account = select(User.id).where(User.school_id == School.id, User.role == Role.SCHOOL).exists()
    query = replace(query_filter, inactive=False).apply(select(School.id)).where(~has_account)
    return int(db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def _schools_page(import_form: SchoolImportForm, report: Any = None, rejected: str = "", status: int = 200) -> Any:
    districts = _districts_for_user()
    filters = SchoolFilter.from_request({d.id for d in districts})
    paging = paginate(filters.apply(schools_query(_allowed())))
    schools = list(paging.items)
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
    missing_all = missing_filtered = active_count = 0
    if current_user.role == Role.ADMIN:
        active_count = int(db.session.execute(select(func.count()).where(School.active.is_(True))).scalar_one())
        missing_all = _without_account(SchoolFilter())
        missing_filtered = _without_account(filters) if filters.narrowed else missing_all
    return render_template(
        "bureau/schools.html",
        schools=schools,
        paging=paging,
        **filters.page_context(districts),
        cycle=cycle,
        statuses=statuses,
        import_form=import_form,
        report=report,
        rejected=rejected,
        missing_all=missing_all,
        missing_filtered=missing_filtered,
        active_count=active_count,
        account_form=ReasonForm(formdata=None),
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
    flash(summary.message + "接下来可在本页“学校账号”一栏为没有账号的学校一次生成账号。", "success")
    return redirect(url_for(".schools", _anchor="accounts"), 303)


@bp.post("/schools/accounts")
@role_required(Role.ADMIN)
def school_accounts() -> Any:
    """Accounts for every active school without one — all, or those of the filter the page
    showed — answered with the workbook of their initial passwords (shown this once)."""
    if not ReasonForm().validate():
        abort(400)
    districts = _districts_for_user()
    names = {d.id: d.name for d in districts}
    filters = SchoolFilter()
    if request.form.get("scope") == "filter":
        filters = replace(SchoolFilter.from_request({d.id for d in districts}, request.form), inactive=False)
    ids = list(db.session.execute(filters.apply(select(School.id))).scalars())
    made = accounts_operations.create_school_accounts(ids, current_user, filters.describe(names))
    back = url_for(".schools", **filters.params(), _anchor="accounts")
    if not made.created:
        flash(f"没有需要生成账号的学校（{filters.describe(names)}：{made.skipped}所在用学校都已有账号）。", "info")
        return redirect(back, 303)
    flash(made.message + "初始密码表已下载，请妥善分发；密码不会再次显示。", "success")
    return attachment(
        school_passwords_workbook(made), f"学校账号初始密码-{local_today().isoformat()}.xlsx", XLSX_CONTENT_TYPE
    )


@bp.route("/schools/export.xlsx", methods=["GET", "POST"])
@role_required(*BUREAU)
def export_schools() -> Any:
    return export_view("export_schools", {})


def _school_page(found: School, form: SchoolEditForm | None = None, status: int = 200) -> Any:
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
        if form is None:
            form = SchoolEditForm(formdata=None, obj=found)
            form.stages.data = list(found.stage_list)
            form.public.data = "1" if found.public else "0"
            form.boarding.data = "1" if found.boarding else "0"
            form.has_canteen.data = "1" if found.has_canteen else "0"
            form.district.data = str(found.district_id or "")
        _fill_school_form(form)
    cycle = current_cycle()
    return render_template(
        "bureau/school.html",
        school=found,
        assessments=assessments,
        accounts=accounts,
        inspectors=inspectors,
        history=history,
        labels=action_labels(),
        form=form,
        toggle=ReasonForm(formdata=None),
        current=next((a for a in assessments if cycle is not None and a.cycle_id == cycle.id), None),
        stage_names=STAGE_NAMES,
    ), status


def _fill_school_form(form: SchoolEditForm) -> None:
    form.stages.choices = [SelectChoice(code, name) for code, name in STAGE_NAMES.items()]
    districts = db.session.execute(select(District).order_by(District.name)).scalars()
    form.district.choices = [SelectChoice(str(d.id), d.name) for d in districts]


@bp.get("/schools/<int:school_id>")
@role_required(*BUREAU)
def school(school_id: int) -> Any:
    return _school_page(_school_or_404(school_id))


@bp.post("/schools/<int:school_id>/edit")
@role_required(Role.ADMIN)
def edit_school(school_id: int) -> Any:
    found = _school_or_404(school_id)
    form = SchoolEditForm()
    _fill_school_form(form)
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        flash("未能保存：请按提示修改。", "error")
        return _school_page(found, form, 422)
    try:
        changed = operations.update_school(found.id, form.change(), current_user)
    except OperationError as exc:
        form.stages.errors = [*form.stages.errors, str(exc)]
        flash(f"未能保存：{exc}", "error")
        return _school_page(_school_or_404(school_id), form, 422)
    if changed:
        flash(f"已保存：{'、'.join(changed)}已修改。", "success")
    else:
        flash("没有修改任何内容。", "info")
    return redirect(url_for(".school", school_id=school_id), 303)


@bp.post("/schools/<int:school_id>/active")
@role_required(Role.ADMIN)
def set_school_active(school_id: int) -> Response:
    found = _school_or_404(school_id)
    form = ReasonForm()
    if not form.validate():
        abort(400)
    active = request.form.get("active") == "1"
    try:
        accounts = operations.set_school_active(found.id, active, current_user, form.reason.data or "")
    except OperationError as exc:
        flash(str(exc), "error")
    else:
        if active:
            flash(f"“{found.name}”已重新启用，可以参加新的评估，其账号可以登录。", "success")
        else:
            flash(
                f"“{found.name}”已停用：不再出现在新的评估、督学分工和默认列表中"
                + (f"，其{accounts}个账号不能登录。" if accounts else "。")
                + "历史记录保留。",
                "success",
            )
    return redirect(url_for(".school", school_id=school_id), 303)


def _inspectors() -> list[User]:
    return list(db.session.execute(select(User).where(User.role == Role.INSPECTOR).order_by(User.username)).scalars())


def _chosen_inspector(inspectors: list[User]) -> tuple[User | None, str]:
    raw = request.values.get("inspector", "")
    return next((i for i in inspectors if str(i.id) == raw), inspectors[0] if inspectors else None), raw


@bp.route("/assignments/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def assignments() -> Any:
    """督学分工: an inspector's schools, filtered and a page at a time. The form carries the
    schools it showed (``shown``): those ticked are assigned, those shown and not ticked are
    not, the rest stay as they are. (Without ``shown``, the ticked schools become exactly the
    inspector's schools.)"""
    inspectors = _inspectors()
    by_inspector: dict[int, list[int]] = {i.id: [] for i in inspectors}
    for row in db.session.execute(select(InspectorAssignment)).scalars():
        by_inspector.setdefault(row.user_id, []).append(row.school_id)
    chosen, raw = _chosen_inspector(inspectors)
    mine = set(by_inspector.get(chosen.id, [])) if chosen else set()
    choosable = [s for s in all_schools() if s.active or s.id in mine]
    form = AssignmentForm()
    form.schools.choices = school_choices(choosable)
    form.shown.choices = form.schools.choices
    status = 200
    if request.method == "POST":
        if chosen is None or raw != str(chosen.id):
            abort(404)
        if form.validate():
            try:
                if form.shown.data:
                    ticked = set(form.schools.data or [])
                    added, removed = operations.change_assignments(
                        chosen.id, ticked, set(form.shown.data) - ticked, current_user
                    )
                else:
                    added, removed = operations.set_assignments(chosen.id, form.schools.data, current_user)
            except OperationError as exc:
                flash(f"未能保存：{exc}", "error")
                status = 422
            else:
                flash(f"{chosen.name}的分工已保存：新增{added}所，移除{removed}所。", "success")
                return redirect(url_for(".assignments", **{**request.args.to_dict(), "inspector": chosen.id}), 303)
        else:
            flash("未能保存：请按提示修改。", "error")
            status = 422
    districts = _districts_for_user()
    filters = SchoolFilter.from_request({d.id for d in districts})
    matching_query = filters.apply(schools_query(None))
    paging = paginate(matching_query)
    matching_ids = set(db.session.execute(matching_query.with_only_columns(School.id)).scalars())
    if request.method != "POST" and chosen is not None:
        form.schools.data = [s.id for s in paging.items if s.id in mine]
    if chosen is not None:
        form.inspector.data = str(chosen.id)
    covered = {s for ids in by_inspector.values() for s in ids}
    cycle = current_cycle()
    in_cycle = (
        set(db.session.execute(select(Assessment.school_id).where(Assessment.cycle_id == cycle.id)).scalars())
        if cycle
        else {s.id for s in choosable if s.active}
    )
    everyone = {s.id: s for s in all_schools()}
    uncovered = [s for s in everyone.values() if s.active and s.id in in_cycle and s.id not in covered]
    return render_template(
        "bureau/assignments.html",
        inspectors=inspectors,
        by_inspector=by_inspector,
        chosen=chosen,
        form=form,
        groups=_grouped(paging.items),
        paging=paging,
        shown=[s.id for s in paging.items],
        matching=len(matching_ids),
        matching_mine=len(matching_ids & mine),
        **filters.page_context(districts),
        uncovered=uncovered,
        names=everyone,
        bulk_form=ReasonForm(formdata=None),
    ), status


@bp.post("/assignments/bulk")
@role_required(Role.ADMIN)
def bulk_assign() -> Response:
    """全选当前筛选结果: every school matching the filter given to the inspector (``action=add``)
    or taken away (``action=remove``); deactivated schools are never added."""
    inspectors = _inspectors()
    chosen, raw = _chosen_inspector(inspectors)
    if chosen is None or raw != str(chosen.id):
        abort(404)
    if not ReasonForm().validate():
        abort(400)
    districts = _districts_for_user()
    filters = SchoolFilter.from_request({d.id for d in districts}, request.form)
    action = request.form.get("action", "")
    if action not in ("add", "remove"):
        abort(400)
    query = (replace(filters, inactive=False) if action == "add" else filters).apply(select(School.id))
    ids = set(db.session.execute(query).scalars())
    words = filters.describe({d.id: d.name for d in districts})
    try:
        if action == "add":
            added, removed = operations.change_assignments(chosen.id, ids, set(), current_user)
        else:
            added, removed = operations.change_assignments(chosen.id, set(), ids, current_user)
    except OperationError as exc:
        flash(f"未能保存：{exc}", "error")
    else:
        if action == "add":
            flash(f"已将{words}的{len(ids)}所学校分给{chosen.name}（新增{added}所，其余原已分给他）。", "success")
        else:
            flash(f"已从{chosen.name}的负责学校中移除{words}的学校{removed}所。", "success")
    return redirect(url_for(".assignments", inspector=chosen.id, **filters.params()), 303)


@bp.route("/users/import", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def import_users() -> Any:
    """Accounts from Excel: every row checked, all imported or none (the problems by Excel row);
    a good list answers with the workbook of its initial passwords, shown this once."""
    form = AccountImportForm()
    if request.method in ("GET", "HEAD"):
        return render_template("bureau/accounts_import.html", form=AccountImportForm(formdata=None), report=None)
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return render_template("bureau/accounts_import.html", form=form, report=None), 422
    upload = form.file.data
    filename = upload.filename or "账号名单.xlsx"
    try:
        reading = read_account_list(read_upload(upload.stream))
    except SpreadsheetRejected as exc:
        form.file.errors = [f"未导入：{exc}"]
        return render_template("bureau/accounts_import.html", form=form, report=None), 422
    if reading.problems:
        return render_template("bureau/accounts_import.html", form=form, report=reading), 422
    try:
        made = accounts_operations.import_users(reading.rows, current_user, filename)
    except OperationError as exc:
        form.file.errors = [f"未导入：{exc}"]
        return render_template("bureau/accounts_import.html", form=form, report=None), 422
    flash(f"已导入{len(made)}个账号，初始密码表已下载，请妥善分发；密码不会再次显示。", "success")
    return attachment(
        imported_passwords_workbook(reading.rows, made),
        f"账号初始密码-{local_today().isoformat()}.xlsx",
        XLSX_CONTENT_TYPE,
    )


@bp.get("/users/import/template.xlsx")
@role_required(Role.ADMIN)
def account_template() -> Response:
    return attachment(template_workbook(), "账号导入模板.xlsx", XLSX_CONTENT_TYPE)
