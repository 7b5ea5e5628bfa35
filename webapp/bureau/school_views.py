"""The bureau's schools, accounts and assignments: the school list (import, export, one
school's page, edit, deactivate), school accounts and accounts from Excel, and 督学分工."""


from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from checklist.model import STAGE_NAMES
from reports.workbooks import XLSX_CONTENT_TYPE
from webapp.accounts import operations as accounts_operations
from webapp.accounts.access import role_required
from webapp.assessments import current_cycle
from webapp.audit import action_labels
from webapp.bureau import operations, school_operations
from webapp.bureau.account_list import (
    imported_passwords_workbook,
    read_account_list,
    school_passwords_workbook,
    template_workbook,
)
from webapp.bureau.blueprint import BUREAU, allowed_ids, bp, districts_for_user, grouped, school_or_404
from webapp.bureau.boards import (
    schools_query,
)
from webapp.bureau.exports import start_import
from webapp.bureau.forms import (
    AccountImportForm,
    AssignmentForm,
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
    District,
    InspectorAssignment,
    Role,
    School,
    User,
)
from webapp.paging import SchoolFilter, paginate
from webapp.settings import local_today
from webapp.web import attachment


def _without_account(query_filter: SchoolFilter) -> int:
    """How many active schools matching the filter have no school account yet."""
    has_account = select(User.id).where(User.school_id == School.id, User.role == Role.SCHOOL).exists()
    query = replace(query_filter, inactive=False).apply(select(School.id)).where(~has_account)
    return int(db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def _schools_page(import_form: SchoolImportForm, report: Any = None, rejected: str = "", status: int = 200) -> Any:
    districts = districts_for_user()
    filters = SchoolFilter.from_request({d.id for d in districts})
    paging = paginate(filters.apply(schools_query(allowed_ids())))
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
    summary = school_operations.import_schools(reading.rows, current_user, filename)
    flash(summary.message + "接下来可在本页“学校账号”一栏为没有账号的学校一次生成账号。", "success")
    return redirect(url_for(".schools", _anchor="accounts"), 303)


@bp.post("/schools/accounts")
@role_required(Role.ADMIN)
def school_accounts() -> Any:
    """Accounts for every active school without one — all, or those of the filter the page
    showed — answered with the workbook of their initial passwords (shown this once)."""
    if not ReasonForm().validate():
        abort(400)
    districts = districts_for_user()
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
    return _school_page(school_or_404(school_id))


@bp.post("/schools/<int:school_id>/edit")
@role_required(Role.ADMIN)
def edit_school(school_id: int) -> Any:
    found = school_or_404(school_id)
    form = SchoolEditForm()
    _fill_school_form(form)
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        flash("未能保存：请按提示修改。", "error")
        return _school_page(found, form, 422)
    try:
        changed = school_operations.update_school(found.id, form.change(), current_user)
    except OperationError as exc:
        form.stages.errors = [*form.stages.errors, str(exc)]
        flash(f"未能保存：{exc}", "error")
        return _school_page(school_or_404(school_id), form, 422)
    if changed:
        flash(f"已保存：{'、'.join(changed)}已修改。", "success")
    else:
        flash("没有修改任何内容。", "info")
    return redirect(url_for(".school", school_id=school_id), 303)


@bp.post("/schools/<int:school_id>/active")
@role_required(Role.ADMIN)
def set_school_active(school_id: int) -> Response:
    found = school_or_404(school_id)
    form = ReasonForm()
    if not form.validate():
        abort(400)
    active = request.form.get("active") == "1"
    try:
        accounts = school_operations.set_school_active(found.id, active, current_user, form.reason.data or "")
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
    districts = districts_for_user()
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
        groups=grouped(paging.items),
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
    districts = districts_for_user()
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
