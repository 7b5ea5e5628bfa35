"""Rubrics for admins: check, compare and publish rubric files; review the extractor's
candidates of a plan into a draft and publish it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from checklist.diff import describe_rule
from checklist.extract.lexicon import KIND_NAMES, MODALITY_NAMES, SCOPE_NAMES
from checklist.loader import Problem, RubricError, load_rubric_text
from webapp.accounts.access import role_required
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.forms import ReasonForm
from webapp.models import (
    AuditEvent,
    Cycle,
    Role,
    RubricDraft,
    RubricRecord,
)
from webapp.rubrics import operations
from webapp.rubrics.forms import (
    CandidateForm,
    DraftSettingsForm,
    DraftViewForm,
    RubricCheckForm,
    RubricPublishForm,
    read_threshold_field,
    threshold_text,
)
from webapp.rubrics.library import plan_library, rubric_of, seed_library
from webapp.rubrics.pages import (
    DRAFT_ENTITY,
    CandidateView,
    PlanReview,
    UnknownPlan,
    build_draft,
    default_rubric_id,
    diff_against,
    latest_record_of,
    plan_review,
    plans,
    rubric_in_use,
)

bp = Blueprint("rubrics", __name__, url_prefix="/admin")


@bp.get("/rubrics/")
@role_required(Role.ADMIN)
def index() -> Any:
    return _rubrics_page(RubricCheckForm(formdata=None))


def _rubrics_page(form: RubricCheckForm, status: int = 200) -> Any:
    records = list(
        db.session.execute(select(RubricRecord).order_by(RubricRecord.rubric_id, RubricRecord.version.desc())).scalars()
    )
    usage: dict[int, list[Cycle]] = {}
    for c in db.session.execute(select(Cycle).order_by(Cycle.id.desc())).scalars():
        usage.setdefault(c.rubric_record_id, []).append(c)
    reviews = {}
    for plan in plans():
        decided = db.session.execute(
            select(func.count()).where(AuditEvent.entity == DRAFT_ENTITY, AuditEvent.entity_id == plan.file)
        ).scalar_one()
        reviews[plan.file] = decided
    in_use = rubric_in_use()
    drafts = list(db.session.execute(select(RubricDraft).order_by(RubricDraft.updated_at.desc()).limit(20)).scalars())
    return render_template(
        "rubrics/rubrics.html",
        drafts=drafts,
        records=records,
        usage=usage,
        form=form,
        plans=plans(),
        builtin=set(seed_library().names),
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
    rubric, problems = load_rubric_text(text, name, plan_library())
    problems = [*problems, *extra_problems]
    retry = RubricCheckForm(formdata=None)
    retry.text.data = text
    context: dict[str, Any] = {"name": name, "problems": problems, "rubric": None, "message": message, "retry": retry}
    status = 422 if problems or rubric is None or message else 200
    if rubric is not None and not problems:
        existing = db.session.execute(
            select(RubricRecord).where(RubricRecord.rubric_id == rubric.id, RubricRecord.version == rubric.version)
        ).scalar_one_or_none()
        in_use = rubric_in_use()
        against = in_use or latest_record_of(rubric.id)
        publish = RubricPublishForm(formdata=None)
        publish.yaml_text.data = text
        context.update(
            rubric=rubric,
            existing=existing,
            same=existing is not None and existing.sha256 == _sha(text),
            against=against,
            against_in_use=against is not None and in_use is not None and against.id == in_use.id,
            diff=diff_against(rubric, against),
            publish=publish,
            total=sum(i.points for i in rubric.items if not i.bonus),
        )
    return render_template("rubrics/rubric_check.html", **context), status


def _sha(text: str) -> str:
    from webapp.rubrics.library import sha256_of

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
    except OperationError as exc:
        return _checked(text, "待发布的评估细则", message=str(exc))
    flash(f"评估细则“{record_.title}”（{record_.version_label}）已发布，可在开始年度评估时选用。", "success")
    return redirect(url_for(".rubric", record_id=record_.id), 303)


@bp.get("/rubrics/<int:record_id>")
@role_required(Role.ADMIN)
def rubric(record_id: int) -> str:
    found = db.get_or_404(RubricRecord, record_id)
    parsed = rubric_of(found)
    in_use = rubric_in_use()
    cycles_using = list(db.session.execute(select(Cycle).where(Cycle.rubric_record_id == found.id)).scalars())
    return render_template(
        "rubrics/rubric.html",
        record=found,
        rubric=parsed,
        in_use=in_use,
        diff=diff_against(parsed, in_use) if in_use is not None and in_use.id != found.id else None,
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


REVIEW_FILTERS = {
    "scope": {"": "全部层级", "school": "学校", "region": "区域", "unclear": "待定"},
    "decision": {"": "全部", "pending": "未审核", "accepted": "已采纳", "rejected": "不采纳"},
}


def _review_or_404(plan: str) -> PlanReview:
    try:
        return plan_review(plan)
    except UnknownPlan:
        abort(404)


def _review_page(review: PlanReview, forms: dict[int, CandidateForm] | None = None, status: int = 200) -> Any:
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
        "rubrics/draft_review.html",
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


def _candidate_form(view: CandidateView) -> CandidateForm:
    form = CandidateForm(formdata=None)
    c = view.effective
    form.key.data = view.key
    form.decision.data = view.decision.status
    form.title.data = view.decision.title
    form.value.data = threshold_text(c.value, c.unit)
    form.value_max.data = threshold_text(c.value_max, c.unit)
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
        value = read_threshold_field(form.value, unit)
        value_max = read_threshold_field(form.value_max, unit) if view.candidate.comparator == "between" else None
        if value is not None and value_max is not None and value_max < value:
            form.value_max.errors = ["上限不能小于下限"]
        if form.value.errors or form.value_max.errors:
            return _review_page(review, {index: form}, 422)
    try:
        operations.decide_candidate(
            plan,
            index,
            current_user,
            form.decision.data,
            expected_key=form.key.data or "",
            title=form.title.data or "",
            value=value,
            value_max=value_max,
        )
    except OperationError as exc:
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
    operations.reset_review(plan, current_user)
    flash("已清除全部审核决定，可以重新审核。", "success")
    return redirect(url_for(".draft_review", plan=plan), 303)


def _draft_settings(form: DraftSettingsForm) -> tuple[str, int, str]:
    return form.rubric_id.data, int(form.version.data), (form.title.data or "").strip()


def _draft_view_form(review: PlanReview) -> DraftViewForm:
    form = DraftViewForm(formdata=request.args if request.args else None)
    if not request.args:
        form.rubric_id.data = default_rubric_id(review.info.file)
        form.version.data = "1"
        form.title.data = f"{review.info.title}（办学水平自评细则）"
    return form


@bp.get("/drafts/<plan>/rubric")
@role_required(Role.ADMIN)
def draft_preview(plan: str) -> Any:
    review = _review_or_404(plan)
    form = _draft_view_form(review)
    return _draft_page(review, form)


def _draft_page(review: PlanReview, form: DraftSettingsForm, message: str = "", status: int = 200) -> Any:
    result = None
    diff = None
    valid = form.validate() if not form.errors else False
    if valid and review.accepted:
        rubric_id, version, title = _draft_settings(form)
        result = build_draft(review, rubric_id, version, title)
        if result.rubric is not None:
            diff = diff_against(result.rubric, rubric_in_use())
    elif not valid and status == 200:
        status = 422
    publish = DraftSettingsForm(formdata=None, data=form.data)
    return render_template(
        "rubrics/draft_rubric.html",
        review=review,
        form=form,
        publish=publish,
        result=result,
        diff=diff,
        in_use=rubric_in_use(),
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
    result = build_draft(review, rubric_id, version, title)
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
    result = build_draft(review, rubric_id, version, title)
    if result.problems:
        return _draft_page(review, form, message="草稿未通过检查，请先处理下列问题。", status=422)
    try:
        record_ = operations.publish_rubric(result.yaml_text, current_user)
    except (RubricError, OperationError) as exc:
        return _draft_page(review, form, message=f"未能发布：{exc}", status=422)
    flash(f"评估细则“{record_.title}”（{record_.version_label}）已发布。", "success")
    return redirect(url_for(".rubric", record_id=record_.id), 303)
