"""What an inspector (督学) does: the queue of assigned schools, the review of each item (confirm,
correct a figure, override a result with a reason, comment), the differences between 自评 and 核定,
returning for correction (退回修改) and finalising (核定完成).

Admins and district officers may open the same pages read-only for the schools they can see.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from checklist.answers import AnswerError, parse_number
from checklist.model import STAGE_NAMES
from webapp.accounts.access import assessment_for, role_required, visible_school_ids
from webapp.errors import NotAllowed, OperationError
from webapp.extensions import db
from webapp.forms import VersionedForm
from webapp.models import Assessment, AssessmentStatus, Role
from webapp.review import operations
from webapp.review.forms import CORRECTION_PREFIX, FinaliseForm, review_form
from webapp.review.pages import QUEUE_FILTERS, queue_page, review_page

bp = Blueprint("inspector", __name__, url_prefix="/inspector")

READERS = (Role.INSPECTOR, Role.ADMIN, Role.DISTRICT)


def _can_review(assessment: Assessment) -> bool:
    return current_user.role == Role.INSPECTOR and assessment.status in (
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.UNDER_REVIEW,
    )


@bp.get("/")
@role_required(Role.INSPECTOR)
def queue() -> str:
    """核定任务: the current cycle and every earlier cycle's unfinished work, each marked with
    its cycle; by cycle and status, with the shared school filter (webapp.paging), 50 a page."""
    page = queue_page(visible_school_ids(current_user) or set(), request.args)
    return render_template(
        "review/queue.html",
        page=page,
        filters=QUEUE_FILTERS,
        stage_names=STAGE_NAMES,
        district_names={d.id: d.name for d in page.districts},
    )


@bp.get("/assessments/<int:assessment_id>/")
@role_required(*READERS)
def assessment(assessment_id: int) -> Response:
    found = assessment_for(assessment_id, *READERS)
    return redirect(url_for(".overview", assessment_id=found.id))


@bp.get("/assessments/<int:assessment_id>/overview")
@role_required(*READERS)
def overview(assessment_id: int) -> str:
    found = assessment_for(assessment_id, *READERS)
    page = review_page(found, None)
    assert page is not None
    form = VersionedForm()
    form.version.data = str(found.version)
    return render_template(
        "review/overview.html",
        page=page,
        form=form,
        finalise_form=FinaliseForm(formdata=None),
        can_review=_can_review(found),
    )


@bp.get("/assessments/<int:assessment_id>/<dimension_id>")
@role_required(*READERS)
def section(assessment_id: int, dimension_id: str) -> Any:
    found = assessment_for(assessment_id, *READERS)
    page = review_page(found, dimension_id)
    if page is None:
        abort(404)
    forms = {view.item.id: _form_for(view, found.version) for view in page.items}
    return render_template("review/section.html", page=page, forms=forms, can_review=_can_review(found))


def _form_for(view: Any, version: int, formdata: Any = None) -> Any:
    data: dict[str, Any] = {}
    if view.review is not None:
        for figure in view.figures:
            if figure.corrected is not None:
                value = figure.corrected
                data[CORRECTION_PREFIX + figure.field.key] = (
                    ("是" if value else "否")
                    if isinstance(value, bool)
                    else (str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
                )
        data["override_status"] = view.review.override_status or ""
        data["override_points"] = "" if view.review.override_points is None else f"{view.review.override_points:g}"
        data["reason"] = view.review.reason
        data["comment"] = view.review.comment
    form = review_form(view.figures, formdata=formdata, data=data)
    if formdata is None:
        form.version.data = str(version)
    return form


@bp.post("/assessments/<int:assessment_id>/items/<item_id>")
@role_required(Role.INSPECTOR)
def review_item(assessment_id: int, item_id: str) -> Any:
    found = assessment_for(assessment_id, Role.INSPECTOR)
    rubric_dimension = _dimension_of(found, item_id)
    page = review_page(found, rubric_dimension)
    assert page is not None
    view = next(v for v in page.items if v.item.id == item_id)
    form = _form_for(view, found.version, formdata=request.form)
    if not _can_review(found):
        flash(f"自评当前状态为“{found.status.label}”，不能核定。", "error")
        return _render_section(page, found, {item_id: form}), 409
    form.validate()
    corrected: dict[str, Any] = {}
    for figure in view.figures:
        field = form[CORRECTION_PREFIX + figure.field.key]
        if field.errors:
            continue
        value = getattr(field, "parsed", None)
        if value is not None:
            corrected[figure.field.key] = value
    override = form.override_status.data or None
    points = None
    if override == "partial":
        item_points = page.rubric.item(item_id).points
        try:
            points = parse_number(form.override_points.data or "", "分")
        except AnswerError:
            form.override_points.errors = [f"部分达标须给出得分（大于0、小于{item_points:g}分）"]
    confirm_only = request.form.get("action") == "confirm"
    if confirm_only:
        corrected, override, points = {}, None, None
    if any(form[name].errors for name in form.data if name != "csrf_token"):
        flash(f"{item_id} 的核定未保存：请按提示修改。", "error")
        return _render_section(page, found, {item_id: form}), 422
    try:
        operations.record_review(
            found.id,
            current_user,
            form.expected_version(),
            operations.ReviewInput(
                item_id,
                corrected,
                override_status=override,
                override_points=points,
                reason=form.reason.data or "",
                comment=form.comment.data or "",
                confirmed=True,
            ),
        )
    except OperationError as exc:
        form.reason.errors = [str(exc)] if "理由" in str(exc) else []
        flash(f"{item_id} 的核定未保存：{exc}", "error")
        status = 409 if isinstance(exc, NotAllowed) else 422
        fresh = db.session.get(Assessment, found.id)
        assert fresh is not None
        page = review_page(fresh, rubric_dimension)
        assert page is not None
        if isinstance(exc, NotAllowed):
            form.version.data = str(fresh.version)
        return _render_section(page, fresh, {item_id: form}), status
    flash(f"{item_id} 已核定。", "success")
    return redirect(
        url_for(".section", assessment_id=found.id, dimension_id=rubric_dimension) + f"#item-{item_id}", 303
    )


def _dimension_of(found: Assessment, item_id: str) -> str:
    from webapp.rubrics.library import rubric_of

    rubric = rubric_of(found.cycle.rubric_record)
    try:
        return rubric.place_of(item_id)[0].id
    except KeyError:
        abort(404)


def _render_section(page: Any, found: Assessment, overrides: dict[str, Any]) -> str:
    forms = {view.item.id: overrides.get(view.item.id) or _form_for(view, found.version) for view in page.items}
    return render_template("review/section.html", page=page, forms=forms, can_review=_can_review(found))


@bp.post("/assessments/<int:assessment_id>/confirm/<dimension_id>")
@role_required(Role.INSPECTOR)
def confirm_page(assessment_id: int, dimension_id: str) -> Any:
    """Confirm, as the school gave them, every item of a page not yet reviewed."""
    found = assessment_for(assessment_id, Role.INSPECTOR)
    page = review_page(found, dimension_id)
    if page is None:
        abort(404)
    form = VersionedForm()
    if not form.validate():
        abort(400)
    if not _can_review(found):
        flash(f"自评当前状态为“{found.status.label}”，不能核定。", "error")
        return _render_section(page, found, {}), 409
    pending = [v.item.id for v in page.items if v.review is None and not v.excluded]
    try:
        count = operations.confirm_items(found.id, current_user, form.expected_version(), pending)
    except OperationError as exc:
        flash(str(exc), "error")
        return _render_section(page, found, {}), 409
    flash(f"已确认本页{count}个要点与学校自评一致。", "success")
    return redirect(url_for(".section", assessment_id=found.id, dimension_id=dimension_id), 303)


def _overview_again(assessment_id: int, error: Exception, finalise_form: FinaliseForm | None = None) -> tuple[str, int]:
    fresh = db.session.get(Assessment, assessment_id)
    assert fresh is not None
    page = review_page(fresh, None)
    assert page is not None
    form = VersionedForm()
    form.version.data = str(fresh.version)
    status = 409 if isinstance(error, NotAllowed) else 422
    return render_template(
        "review/overview.html",
        page=page,
        form=form,
        finalise_form=finalise_form or FinaliseForm(formdata=None),
        can_review=_can_review(fresh),
    ), status


@bp.post("/assessments/<int:assessment_id>/return")
@role_required(Role.INSPECTOR)
def return_assessment(assessment_id: int) -> Any:
    found = assessment_for(assessment_id, Role.INSPECTOR)
    form = VersionedForm()
    if not form.validate():
        abort(400)
    note = request.form.get("note", "")[:2000]
    try:
        operations.return_for_correction(found.id, current_user, form.expected_version(), note)
    except OperationError as exc:
        flash(f"未能退回：{exc}", "error")
        return _overview_again(found.id, exc)
    flash(f"已将{found.school.name}的自评退回修改，学校可看到各要点旁的意见。", "success")
    return redirect(url_for(".queue"), 303)


@bp.post("/assessments/<int:assessment_id>/finalise")
@role_required(Role.INSPECTOR)
def finalise(assessment_id: int) -> Any:
    found = assessment_for(assessment_id, Role.INSPECTOR)
    form = FinaliseForm()
    if not form.validate():
        if getattr(form, "csrf_token", None) is not None and form.csrf_token.errors:
            abort(400)
        flash("未能完成核定：评估过程的填写有误，请按提示修改。", "error")
        return _overview_again(found.id, OperationError("评估过程有误"), form)
    visit = operations.VisitRecord(
        start=form.visit_start.parsed,
        end=form.visit_end.parsed,
        team=form.team.data or "",
        lessons=form.lessons.parsed,
        meetings=form.meetings.parsed,
        questionnaires=form.questionnaires.parsed,
        documents=form.documents.parsed,
    )
    try:
        operations.finalise(found.id, current_user, form.expected_version(), visit)
    except OperationError as exc:
        flash(f"未能完成核定：{exc}", "error")
        return _overview_again(found.id, exc, form)
    flash(f"{found.school.name}的核定已完成，结果已锁定。", "success")
    return redirect(url_for(".queue"), 303)


@bp.post("/assessments/<int:assessment_id>/confirm-rest")
@role_required(Role.INSPECTOR)
def confirm_rest(assessment_id: int) -> Any:
    """「其余要点按自评确认」: every applicable item not yet reviewed, as the overview named them."""
    found = assessment_for(assessment_id, Role.INSPECTOR)
    form = VersionedForm()
    if not form.validate():
        abort(400)
    try:
        done = operations.confirm_remaining(
            found.id, current_user, form.expected_version(), request.form.getlist("items")[:2000]
        )
    except OperationError as exc:
        flash(f"未能确认：{exc}", "error")
        return _overview_again(found.id, exc)
    shown = "、".join(done[:8]) + (f"等{len(done)}个要点" if len(done) > 8 else "")
    flash(f"已将其余{len(done)}个要点按学校自评确认（{shown}），已记入操作日志。", "success")
    return redirect(url_for(".overview", assessment_id=found.id), 303)


# A refused action renders its page at the address it was posted to; opened again (a reload,
# a bookmark) that address leads back to the page instead of answering 405.


@bp.get("/assessments/<int:assessment_id>/items/<item_id>")
@role_required(*READERS)
def back_to_item(assessment_id: int, item_id: str) -> Response:
    found = assessment_for(assessment_id, *READERS)
    dimension_id = _dimension_of(found, item_id)
    return redirect(url_for(".section", assessment_id=found.id, dimension_id=dimension_id) + f"#item-{item_id}")


@bp.get("/assessments/<int:assessment_id>/confirm/<dimension_id>")
@role_required(*READERS)
def back_to_section(assessment_id: int, dimension_id: str) -> Response:
    from webapp.rubrics.library import rubric_of

    found = assessment_for(assessment_id, *READERS)
    if dimension_id not in {d.id for d in rubric_of(found.cycle.rubric_record).dimensions}:
        abort(404)
    return redirect(url_for(".section", assessment_id=found.id, dimension_id=dimension_id))


@bp.get("/assessments/<int:assessment_id>/return")
@bp.get("/assessments/<int:assessment_id>/finalise")
@bp.get("/assessments/<int:assessment_id>/confirm-rest")
@role_required(*READERS)
def back_to_overview(assessment_id: int) -> Response:
    found = assessment_for(assessment_id, *READERS)
    return redirect(url_for(".overview", assessment_id=found.id))
