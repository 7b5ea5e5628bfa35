"""What a school does: its home page, the self-assessment page by page, and submission."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from webapp.accounts.access import assessment_for, evidence_for, role_required
from webapp.assessments import self_card, stored_errors, verified_card
from webapp.audit import audit_for
from webapp.errors import NotAllowed, OperationError
from webapp.extensions import db
from webapp.models import Assessment, AssessmentStatus, Cycle, Role, parse_id
from webapp.results import bonus_text
from webapp.rubrics.library import rubric_of
from webapp.school import operations
from webapp.school.forms import SubmitForm, section_form
from webapp.school.pages import (
    FieldProblem,
    comment_counts,
    field_problems,
    form_data,
    return_note,
    section_fields,
    section_page,
    tabs_for,
)
from webapp.settings import local_today

bp = Blueprint("school", __name__, url_prefix="/school")
# Evidence files are served to every role that may see the school, outside /school.
evidence_bp = Blueprint("evidence", __name__)


def _own_assessment(assessment_id: int) -> Assessment:
    return assessment_for(assessment_id, Role.SCHOOL)


@bp.get("/")
@role_required(Role.SCHOOL)
def home() -> str:
    assessments = list(
        db.session.execute(
            select(Assessment)
            .join(Cycle)
            .where(Assessment.school_id == current_user.school_id)
            .order_by(Cycle.year.desc(), Cycle.id.desc())
        ).scalars()
    )
    current = assessments[0] if assessments else None
    context: dict[str, Any] = {"assessments": assessments, "current": current}
    if current is not None:
        rubric = rubric_of(current.cycle.rubric_record)
        card = self_card(current, rubric)
        returned = current.status == AssessmentStatus.RETURNED
        finalised = current.status == AssessmentStatus.FINALISED
        context.update(
            rubric=rubric,
            card=card,
            verified=verified_card(current, rubric) if finalised else None,
            tabs=tabs_for(rubric, card, comment_counts(current, rubric) if returned else None),
            bonus=bonus_text(sum(card.by_id[i.id].earned for i in rubric.items if i.bonus), rubric.bonus_cap),
            problems=operations.submission_problems(current) if current.status.school_can_edit else [],
            refusal=operations.edit_refusal(current),
            note=return_note(current) if returned else "",
            history=audit_for(current, limit=8),
            days_left=(current.cycle.deadline - local_today()).days if current.cycle.deadline else None,
            # a new cycle never hides unfinished work of an earlier one
            unfinished=[a for a in assessments[1:] if not operations.edit_refusal(a)],
        )
    return render_template("school/home.html", **context)


@bp.get("/assessments/<int:assessment_id>/")
@role_required(Role.SCHOOL)
def assessment(assessment_id: int) -> Response:
    own = _own_assessment(assessment_id)
    rubric = rubric_of(own.cycle.rubric_record)
    return redirect(url_for(".section", assessment_id=own.id, dimension_id=rubric.dimensions[0].id))


@bp.route("/assessments/<int:assessment_id>/<dimension_id>", methods=["GET", "POST"])
@role_required(Role.SCHOOL)
def section(assessment_id: int, dimension_id: str) -> Any:
    own = _own_assessment(assessment_id)
    refusal = operations.edit_refusal(own)
    editable = not refusal
    if request.method in ("GET", "HEAD"):
        page = section_page(own, dimension_id)
        if page is None:
            abort(404)
        data = form_data(own)
        carrying = editable and request.args.get("carry") == "1" and bool(page.carried)
        if carrying:  # 沿用上年数据: filled in, not stored until the school saves the page
            data.update(page.carried)
        form = section_form(page.fields, data=data)
        form.version.data = str(own.version)
        stored = stored_errors(own)
        for spec in page.fields:
            if spec.key in stored:
                form[spec.key].errors = [stored[spec.key]]
        return render_template(
            "school/section.html", page=page, form=form, editable=editable, refusal=refusal, carrying=carrying
        )

    fields = section_fields(own, dimension_id)
    if fields is None:
        abort(404)
    form = section_form(fields, formdata=request.form)
    if not editable:
        flash(refusal, "error")
        return render_template(
            "school/section.html", page=section_page(own, dimension_id), form=form, editable=False, refusal=refusal
        ), 409
    form.validate()
    # Only the fields the page listed are written (an unticked 是/否 is listed but not posted,
    # so it is cleared); anything else in the assessment is left as it is.
    listed = set(request.form.getlist("fields"))
    # A text longer than its field may hold is never stored: the field keeps its saved value
    # and the page comes back with what was typed and the message beside it.
    too_long = {spec.key for spec in fields if getattr(form[spec.key], "too_long", False)}
    readings = [
        operations.FieldReading(
            key=spec.key,
            raw=getattr(form[spec.key], "raw_text", "") or "",
            value=getattr(form[spec.key], "parsed", None),
            error=form[spec.key].errors[0] if form[spec.key].errors else "",
        )
        for spec in fields
        if spec.key in listed and spec.key not in too_long
    ]
    if form.errors.get("csrf_token"):
        abort(400)
    rubric = rubric_of(own.cycle.rubric_record)
    page_items = next(d for d in rubric.dimensions if d.id == dimension_id).items
    uploads = [
        operations.Upload(item_id=item.id, filename=f.filename or "", stream=f.stream)
        for item in page_items
        for f in request.files.getlist(f"evidence-{item.id}")
        if f and f.filename
    ]
    deletes = [i for i in map(parse_id, request.form.getlist("delete_evidence")) if i is not None]
    try:
        result = operations.save_section(own.id, current_user, form.expected_version(), readings, uploads, deletes)
    except NotAllowed as exc:
        flash(str(exc), "error")
        return render_template(
            "school/section.html", page=section_page(own, dimension_id), form=form, editable=False, refusal=str(exc)
        ), 409
    if result.stale:
        fresh = db.session.get(Assessment, own.id)
        assert fresh is not None
        page = section_page(fresh, dimension_id)
        saved = form_data(fresh)
        changed = {
            spec.key: saved.get(spec.key, "")
            for spec in page.fields  # type: ignore[union-attr]
            if saved.get(spec.key, "") != (getattr(form[spec.key], "raw_text", "") or "")
        }
        form.version.data = str(result.assessment_version)
        who = f"（{result.changed_by}，{_when(result.changed_at)}）" if result.changed_by else ""
        flash(
            f"保存未成功：在您打开本页之后，本自评已被他人修改{who}。您填写的内容仍保留在下方，"
            f"与已保存内容不同之处已标出；请核对后再点“保存”。",
            "error",
        )
        return render_template("school/section.html", page=page, form=form, editable=True, conflicts=changed), 409
    for messages in result.file_errors.values():
        for message in messages:
            flash(message, "error")
    notes = []
    if result.files_added:
        notes.append(f"上传佐证材料{result.files_added}个")
    if result.files_deleted:
        notes.append(f"删除佐证材料{result.files_deleted}个")
    if too_long:
        fresh = db.session.get(Assessment, own.id)
        assert fresh is not None
        form.version.data = str(result.assessment_version)
        flash(
            f"其余内容已保存；有{len(too_long)}处内容过长，未保存（见标红处），请删减后再保存。" + "；".join(notes),
            "warning",
        )
        return render_template(
            "school/section.html", page=section_page(fresh, dimension_id), form=form, editable=True
        ), 422
    target = request.form.get("next_dimension") or dimension_id
    if target not in {d.id for d in rubric.dimensions}:
        target = dimension_id
    fresh = db.session.get(Assessment, own.id)
    assert fresh is not None
    problems = field_problems(fresh, rubric)
    if problems:  # said from the page the school lands on
        flash("已保存草稿，但" + _problems_text(problems, target) + "。" + "；".join(notes), "warning")
    else:
        flash("已保存。" + "；".join(notes), "success")
    return redirect(url_for(".section", assessment_id=own.id, dimension_id=target), code=303)


def _problems_text(problems: list[FieldProblem], here: str) -> str:
    """Where the figures to change are, in words: 本页有1处填写需要修改（见标红处）；
    其他页面的“交流教师”（B 队伍建设）共1处填写需要修改."""
    parts = []
    on_page = [p for p in problems if p.dimension_id == here]
    if on_page:
        parts.append(f"本页有{len(on_page)}处填写需要修改（见标红处）")
    elsewhere = [p for p in problems if p.dimension_id != here]
    if elsewhere:
        named = "、".join(f"“{p.label}”（{p.page}）" for p in elsewhere[:3])
        more = f"等{len(elsewhere)}处" if len(elsewhere) > 3 else f"共{len(elsewhere)}处"
        parts.append(f"其他页面的{named}{more}填写需要修改（见本页上方的链接）")
    return "；".join(parts)


def _when(value: Any) -> str:
    from webapp.templating import local_time

    return local_time(value, "%H:%M")


@bp.route("/assessments/<int:assessment_id>/submit", methods=["GET", "POST"])
@role_required(Role.SCHOOL)
def submit(assessment_id: int) -> Any:
    own = _own_assessment(assessment_id)
    rubric = rubric_of(own.cycle.rubric_record)
    card = self_card(own, rubric)
    form = SubmitForm()
    problems = operations.submission_problems(own) if own.status.school_can_edit else []
    status = 200
    if request.method == "POST":
        if not form.validate():
            abort(400)
        try:
            operations.submit_assessment(own.id, current_user, form.expected_version())
        except OperationError as exc:
            flash(str(exc), "error")
            status = 409 if isinstance(exc, NotAllowed) else 422
            own = _own_assessment(assessment_id)
            card = self_card(own, rubric)
            problems = operations.submission_problems(own) if own.status.school_can_edit else []
        else:
            flash("自评已提交。提交后不能再修改；如督学退回，可修改后再次提交。", "success")
            return redirect(url_for(".home"), code=303)
    form.version.data = str(own.version)
    returned = own.status == AssessmentStatus.RETURNED
    finalised = own.status == AssessmentStatus.FINALISED
    return render_template(
        "school/submit.html",
        assessment=own,
        rubric=rubric,
        card=card,
        verified=verified_card(own, rubric) if finalised else None,
        form=form,
        problems=problems,
        tabs=tabs_for(rubric, card, comment_counts(own, rubric) if returned else None),
        bonus=bonus_text(sum(card.by_id[i.id].earned for i in rubric.items if i.bonus), rubric.bonus_cap),
        wrong=field_problems(own, rubric),
        note=return_note(own) if returned else "",
    ), status


INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png"}


@evidence_bp.get("/evidence/<int:evidence_id>")
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
