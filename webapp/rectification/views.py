"""整改 → 复查 on the web: the school's 整改报告, the inspector's 复查, the 整改台账 of the
bureau and the districts. Views load through the access helpers and call one operation."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from reports.workbooks import XLSX_CONTENT_TYPE
from webapp.accounts.access import assessment_for, role_required, visible_school_ids
from webapp.audit import record_export
from webapp.errors import NotAllowed, OperationError
from webapp.extensions import db
from webapp.lifecycle import AssessmentStatus, Role
from webapp.models import Assessment, Cycle, District, RectificationTask, parse_id
from webapp.rectification import operations
from webapp.rectification.forms import DeadlineForm, ReinspectForm, ReportForm, report_form, version_in
from webapp.rectification.ledger import STATUS_FILTERS, LedgerFilters, ledger, ledger_workbook
from webapp.rectification.pages import RectificationPage, rectification_page, summary_of
from webapp.web import attachment

bp = Blueprint("rectification", __name__)

READERS = (Role.INSPECTOR, Role.ADMIN, Role.DISTRICT)


@bp.app_context_processor
def _summary() -> dict[str, Any]:
    """``rectification_summary(assessment)`` for the school's home page."""
    return {"rectification_summary": summary_of}


def _with_tasks(school_ids: set[int] | None) -> list[Assessment]:
    """Finalised assessments that have 整改 tasks, of these schools (None: all), newest first."""
    query = (
        select(Assessment)
        .join(Cycle, Assessment.cycle_id == Cycle.id)
        .where(Assessment.status == AssessmentStatus.FINALISED)
        .where(Assessment.id.in_(select(RectificationTask.assessment_id)))
        .order_by(Cycle.id.desc(), Assessment.school_id)
    )
    if school_ids is not None:
        query = query.where(Assessment.school_id.in_(sorted(school_ids) or [-1]))
    return list(db.session.execute(query).scalars())


# --------------------------------------------------------------------------------------------
# The school


@bp.get("/school/rectification/")
@role_required(Role.SCHOOL)
def school_index() -> str:
    rows = [(a, summary_of(a)) for a in _with_tasks(visible_school_ids(current_user))]
    return render_template("rectification/school_index.html", rows=rows)


def _page_at_saved_versions(own: Assessment, form: ReportForm) -> RectificationPage:
    """The 整改 page as saved now, and the form's task versions set to the saved ones (its texts
    stay as typed), so that the next save of this form goes through."""
    fresh = rectification_page(own)
    for view in fresh.with_school:
        if f"version-{view.task.id}" in form:
            form[f"version-{view.task.id}"].data = str(view.task.version)
    return fresh


@bp.route("/school/assessments/<int:assessment_id>/rectification", methods=["GET", "POST"])
@role_required(Role.SCHOOL)
def school_report(assessment_id: int) -> Any:
    own = assessment_for(assessment_id, Role.SCHOOL)
    page = rectification_page(own)
    writable = [v.task for v in page.with_school]
    if request.method in ("GET", "HEAD"):
        return render_template("rectification/school_report.html", page=page, form=report_form(writable))
    form = report_form(writable, formdata=request.form)
    form.validate()  # the lengths: a text too long is refused by the operation, beside its field
    if form.errors.get("csrf_token"):
        abort(400)
    submit = request.form.get("action") == "submit"
    answers = [
        operations.TaskAnswer(
            task.id,
            version_in(form, task.id),
            (form[f"measures-{task.id}"].data or "").strip(),
            (form[f"outcome-{task.id}"].data or "").strip(),
        )
        for task in writable
        if f"version-{task.id}" in request.form
    ]
    uploads = [
        operations.TaskUpload(task.id, f.filename or "", f.stream)
        for task in writable
        for f in request.files.getlist(f"evidence-{task.id}")
        if f and f.filename
    ]
    deletes = [i for i in map(parse_id, request.form.getlist("delete_evidence")) if i is not None]
    try:
        result = operations.save_report(own.id, current_user, answers, uploads, deletes, submit=submit)
    except NotAllowed as exc:
        flash(str(exc), "error")
        return render_template("rectification/school_report.html", page=rectification_page(own), form=form), 409
    if result.stale:
        fresh = _page_at_saved_versions(own, form)  # a second, deliberate save goes through
        flash(
            "保存未成功：在您打开本页之后，整改任务（" + "、".join(result.stale) + "）已被他人修改或已复查。"
            "您填写的内容仍保留在下方；核对后再点“保存草稿”，将以您填写的内容为准。",
            "error",
        )
        return render_template("rectification/school_report.html", page=fresh, form=form), 409
    for task_id, messages in result.problems.items():
        for name, message in messages.items():
            form[f"{name}-{task_id}"].errors = [message]
    for messages in result.file_errors.values():
        for message in messages:
            flash(message, "error")
    if result.problems:
        fresh = _page_at_saved_versions(own, form)  # the texts as typed
        flash(
            ("整改报告未提交：" if submit else "其余内容已保存；")
            + "有内容需要补充或删减（见标红处）。已填写的内容已保存为草稿。",
            "warning",
        )
        return render_template("rectification/school_report.html", page=fresh, form=form), 422
    if result.submitted:
        flash("整改报告已提交，等待督学复查。复查前不能再修改。", "success")
    else:
        notes = []
        if result.files_added:
            notes.append(f"上传佐证材料{result.files_added}个")
        if result.files_deleted:
            notes.append(f"删除佐证材料{result.files_deleted}个")
        flash("整改报告已保存为草稿。" + "；".join(notes), "success")
    return redirect(url_for(".school_report", assessment_id=own.id), code=303)


# --------------------------------------------------------------------------------------------
# The inspector


@bp.get("/inspector/rectification/")
@role_required(Role.INSPECTOR)
def inspector_index() -> str:
    rows = [(a, summary_of(a)) for a in _with_tasks(visible_school_ids(current_user))]
    rows.sort(key=lambda r: (-r[1].tally.reported, r[0].school.code))
    return render_template("rectification/inspector_index.html", rows=rows)


def _reinspection(assessment: Assessment, status: int = 200, **forms: Any) -> Any:
    page = rectification_page(assessment)
    can_act = current_user.role == Role.INSPECTOR and assessment.status == AssessmentStatus.FINALISED
    return render_template(
        "rectification/reinspection.html",
        page=page,
        can_act=can_act,
        failed_form=forms.get("failed_form"),
        failed_task=forms.get("failed_task"),
        deadline_form=forms.get("deadline_form"),
        deadline_task=forms.get("deadline_task"),
        ReinspectForm=ReinspectForm,
        DeadlineForm=DeadlineForm,
    ), status


@bp.get("/inspector/assessments/<int:assessment_id>/rectification")
@role_required(*READERS)
def reinspection(assessment_id: int) -> Any:
    return _reinspection(assessment_for(assessment_id, *READERS))


def _posted_task() -> tuple[int, int]:
    task_id = parse_id(request.form.get("task"))
    if task_id is None:
        abort(404)
    try:
        version = int(request.form.get("version", ""))
    except ValueError:
        version = -1
    return task_id, version


def _refused(found: Assessment, exc: OperationError, field: Any, **forms: Any) -> Any:
    """The 复查 page again after the operation refused a task's change: what is not allowed (any
    more) flashed, 409; any other reason under the form's field, 422."""
    if isinstance(exc, NotAllowed):
        flash(str(exc), "error")
        return _reinspection(found, 409)
    field.errors = [str(exc)]
    return _reinspection(found, 422, **forms)


@bp.post("/inspector/assessments/<int:assessment_id>/rectification")
@role_required(Role.INSPECTOR)
def reinspect(assessment_id: int) -> Any:
    found = assessment_for(assessment_id, Role.INSPECTOR)
    form = ReinspectForm()
    task_id, version = _posted_task()
    valid = form.validate()
    if form.errors.get("csrf_token"):
        abort(400)
    if valid and form.verdict.data not in ("pass", "fail"):
        form.verdict.errors = ["请选择复查结论"]
        valid = False
    if not valid:
        return _reinspection(found, 422, failed_form=form, failed_task=task_id)
    try:
        task = operations.reinspect(
            found.id, current_user, task_id, version, passed=form.verdict.data == "pass", note=form.note.data or ""
        )
    except OperationError as exc:
        return _refused(found, exc, form.note, failed_form=form, failed_task=task_id)
    flash(f"{task.item_id}：复查{'通过' if task.status == 'passed' else '不通过，已退回学校继续整改'}。", "success")
    return redirect(url_for(".reinspection", assessment_id=found.id), code=303)


@bp.post("/inspector/assessments/<int:assessment_id>/rectification/deadline")
@role_required(Role.INSPECTOR)
def set_deadline(assessment_id: int) -> Any:
    found = assessment_for(assessment_id, Role.INSPECTOR)
    form = DeadlineForm()
    task_id, version = _posted_task()
    if not form.validate() or form.deadline.parsed is None:
        if form.errors.get("csrf_token"):
            abort(400)
        if not form.deadline.errors:
            form.deadline.errors = ["请填写新的整改期限"]
        return _reinspection(found, 422, deadline_form=form, deadline_task=task_id)
    try:
        task = operations.set_deadline(
            found.id, current_user, task_id, version, form.deadline.parsed, form.reason.data or ""
        )
    except OperationError as exc:
        return _refused(found, exc, form.deadline, deadline_form=form, deadline_task=task_id)
    flash(f"{task.item_id}：整改期限已改为{task.deadline:%Y年%m月%d日}。", "success")
    return redirect(url_for(".reinspection", assessment_id=found.id), code=303)


# --------------------------------------------------------------------------------------------
# 整改台账: the bureau (all schools) and the districts (their own)


def _filters() -> LedgerFilters:
    district = parse_id(request.args.get("district")) if current_user.role == Role.ADMIN else None
    status = request.args.get("status", "")
    return LedgerFilters(
        cycle_id=parse_id(request.args.get("cycle")),
        district_id=district,
        status=status if status in STATUS_FILTERS else "",
        school=(request.args.get("school") or "").strip()[:50],
    )


@bp.get("/admin/rectification/")
@role_required(Role.ADMIN, Role.DISTRICT)
def ledger_page() -> str:
    filters = _filters()
    book = ledger(visible_school_ids(current_user), filters)
    cycles = list(db.session.execute(select(Cycle).order_by(Cycle.id.desc())).scalars())
    districts = (
        list(db.session.execute(select(District).order_by(District.name)).scalars())
        if current_user.role == Role.ADMIN
        else []
    )
    return render_template(
        "rectification/ledger.html",
        book=book,
        filters=filters,
        cycles=cycles,
        districts=districts,
        statuses=STATUS_FILTERS,
        query=request.args.to_dict(),
    )


@bp.get("/admin/rectification/ledger.xlsx")
@role_required(Role.ADMIN, Role.DISTRICT)
def ledger_export() -> Response:
    filters = _filters()
    book = ledger(visible_school_ids(current_user), filters)
    district = current_user.district
    scope = f"{district.name}（仅本区县学校）" if current_user.role == Role.DISTRICT and district else "全部学校"
    data = ledger_workbook(book, scope)
    record_export(current_user, "rectification", {"rows": len(book.rows), "scope": scope})
    return attachment(data, "整改台账.xlsx", XLSX_CONTENT_TYPE)
