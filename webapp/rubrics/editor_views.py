"""The draft editor for admins: bring a plan in the browser (a file or pasted text), start a
draft of it (and of last year's rubric), accept, reject and edit each item beside the plan's
text, add what the extractor missed, publish as a new rubric version."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote as url_quote

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from checklist.extract.lexicon import KIND_NAMES, MODALITY_NAMES
from checklist.loader import RubricError
from webapp.accounts.access import role_required
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.forms import ReasonForm
from webapp.models import Plan, Role, RubricDraft, RubricRecord
from webapp.rubrics import draft_operations, editor, operations
from webapp.rubrics.editor_forms import field_text, item_form, read_item_form, with_choices
from webapp.rubrics.formats import ACCEPTED
from webapp.rubrics.forms import (
    DraftSettingsForm,
    ItemForm,
    PassageForm,
    PlanMetaForm,
    PlanUploadForm,
    StartDraftForm,
)
from webapp.rubrics.library import plan_library, seed_library
from webapp.rubrics.pages import UnknownPlan, draft_built, editor_page, plan_drafts

bp = Blueprint("drafts", __name__, url_prefix="/admin")


# -- bringing a plan -------------------------------------------------------------------------------


@bp.route("/plans/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_plan() -> Any:
    form = PlanUploadForm()
    if request.method == "GET":
        return render_template("rubrics/plan_new.html", form=form, accepted=ACCEPTED)
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return render_template("rubrics/plan_new.html", form=form, accepted=ACCEPTED), 422
    upload = form.file.data
    chosen = bool(upload is not None and upload.filename)
    if chosen:
        name = upload.filename
        data = upload.stream.read()
    elif (form.text.data or "").strip():
        name, data = "粘贴的工作要点.txt", (form.text.data or "").encode("utf-8")
    else:
        form.file.errors = ["请选择工作要点文件，或在下方粘贴全文"]
        return render_template("rubrics/plan_new.html", form=form, accepted=ACCEPTED), 422
    try:
        added = operations.add_plan(
            data,
            name,
            current_user,
            title=(form.title.data or "").strip() or None,
            issuer=(form.issuer.data or "").strip() or None,
            year=form.year_value(),
            doc_number=(form.doc_number.data or "").strip() or None,
        )
    except OperationError as exc:
        (form.file if chosen else form.text).errors = [str(exc)]
        return render_template("rubrics/plan_new.html", form=form, accepted=ACCEPTED), 422
    if added.created:
        flash(f"已加入计划库：《{added.plan.title}》。请核对标题、发文单位、年度和文号，再开始起草。", "success")
    else:
        flash(f"这份文件已在计划库中：《{added.plan.title}》。", "info")
    return redirect(url_for(".plan", plan=added.plan.key), 303)


def _plan_or_404(plan: str) -> tuple[Any, Plan | None]:
    document = plan_library().get(plan)
    if document is None:
        abort(404)
    row = db.session.execute(select(Plan).where(Plan.key == plan)).scalar_one_or_none()
    return document, row


def _records() -> list[RubricRecord]:
    return list(
        db.session.execute(select(RubricRecord).order_by(RubricRecord.rubric_id, RubricRecord.version.desc())).scalars()
    )


def _plan_page(plan: str, meta: PlanMetaForm | None = None, status: int = 200) -> Any:
    document, row = _plan_or_404(plan)
    if meta is None:
        meta = PlanMetaForm(formdata=None)
        meta.title.data = document.title
        meta.issuer.data = document.issuer
        meta.year.data = str(document.year or "")
        meta.doc_number.data = document.doc_number or ""
    start = StartDraftForm(formdata=None)
    start.base.choices = [("", "不选：从工作要点重新起草")] + [
        (str(r.id), f"{r.title}（{r.version_label}）") for r in _records()
    ]
    proposed = operations.proposed_metadata(row) if row is not None else None
    return render_template(
        "rubrics/plan.html",
        document=document,
        row=row,
        builtin=plan in seed_library(),
        meta=meta,
        start=start,
        proposed=proposed,
        drafts=plan_drafts(plan),
        preview=document.text[:3000],
    ), status


@bp.get("/plans/<plan>")
@role_required(Role.ADMIN)
def plan(plan: str) -> Any:
    return _plan_page(plan)


@bp.post("/plans/<plan>")
@role_required(Role.ADMIN)
def update_plan(plan: str) -> Any:
    _, row = _plan_or_404(plan)
    form = PlanMetaForm()
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _plan_page(plan, form, 422)
    if row is None:
        form.title.errors = ["内置的工作要点（seeds/）不能修改"]
        return _plan_page(plan, form, 422)
    try:
        operations.update_plan(
            plan,
            current_user,
            form.title.data or "",
            form.issuer.data or "",
            form.year_value(),
            (form.doc_number.data or "").strip() or None,
        )
    except OperationError as exc:
        form.title.errors = [str(exc)]
        return _plan_page(plan, form, 422)
    flash("已保存工作要点的标题、发文单位、年度和文号。", "success")
    return redirect(url_for(".plan", plan=plan), 303)


@bp.post("/plans/<plan>/drafts")
@role_required(Role.ADMIN)
def start(plan: str) -> Any:
    _plan_or_404(plan)
    form = StartDraftForm()
    if not form.validate():
        abort(400)
    base = (form.base.data or "").strip()
    if base and (not base.isdigit() or db.session.get(RubricRecord, int(base)) is None):
        abort(400)
    try:
        draft = draft_operations.start_draft(plan, current_user, int(base) if base else None)
    except UnknownPlan:
        abort(404)
    flash("草稿已建立。逐条采纳、修改或不采纳；每次保存都会重新检查。", "success")
    return redirect(url_for(".editor_view", draft_id=draft.id), 303)


# -- the editor ----------------------------------------------------------------------------------


def _draft_or_404(draft_id: int) -> RubricDraft:
    draft: RubricDraft = db.get_or_404(RubricDraft, draft_id)
    if plan_library().get(draft.plan_key) is None:
        abort(404)
    return draft


def _editor(
    draft: RubricDraft,
    forms: dict[str, ItemForm] | None = None,
    passage: PassageForm | None = None,
    settings: DraftSettingsForm | None = None,
    message: str = "",
    status: int = 200,
) -> Any:
    page = editor_page(draft)
    forms = dict(forms or {})
    open_uids = set(forms) if status != 200 else set()  # the items refused: their forms open
    for view in page.all_items:
        if view.uid not in forms:
            forms[view.uid] = item_form(view.item, page.dimensions)
    if settings is None:
        settings = DraftSettingsForm(formdata=None)
        settings.rubric_id.data = draft.rubric_id
        settings.version.data = str(draft.rubric_version)
        settings.title.data = draft.title
    return render_template(
        "rubrics/editor.html",
        page=page,
        draft=draft,
        forms=forms,
        passage=passage or PassageForm(formdata=None),
        settings=settings,
        message=message,
        kind_names=KIND_NAMES,
        modality_names=MODALITY_NAMES,
        status_names=editor.STATUS_NAMES,
        open_uids=open_uids,
    ), status


@bp.get("/editor/<int:draft_id>")
@role_required(Role.ADMIN)
def editor_view(draft_id: int) -> Any:
    return _editor(_draft_or_404(draft_id))


def _wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@bp.post("/editor/<int:draft_id>/items/<uid>")
@role_required(Role.ADMIN)
def save_item(draft_id: int, uid: str) -> Any:
    draft = _draft_or_404(draft_id)
    item = next((i for i in draft.content["items"] if i["uid"] == uid), None)
    if item is None:
        abort(404)
    form = with_choices(ItemForm(), draft.content["dimensions"])
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _refused(draft, uid, form)
    changes = read_item_form(form, draft.content["dimensions"], request.form.get("decision"))
    if changes is None:
        return _refused(draft, uid, form)
    try:
        expected = int(form.rev.data or "")
    except ValueError:
        abort(400)
    try:
        saved = draft_operations.save_item(draft.id, uid, current_user, expected, changes)
    except draft_operations.StaleItem as exc:
        return _conflict(draft, uid, form, exc)
    except OperationError as exc:
        form.title.errors = [*form.title.errors, str(exc)]
        return _refused(draft, uid, form)
    if _wants_json():
        return _json_state(draft.id, saved)
    return redirect(url_for(".editor_view", draft_id=draft.id) + f"#i-{uid}", 303)


def _refused(draft: RubricDraft, uid: str, form: ItemForm) -> Any:
    if _wants_json():
        errors = {name: list(field.errors) for name, field in form._fields.items() if field.errors}
        return jsonify({"ok": False, "errors": errors}), 422
    return _editor(draft, {uid: form}, status=422)


def _json_state(draft_id: int, saved: dict[str, Any]) -> Response:
    """After a save by fetch: the item's new revision, the points, and every item's problems."""
    draft = db.session.get(RubricDraft, draft_id)
    assert draft is not None
    page = editor_page(draft)
    parts = render_template("rubrics/_editor_parts.html", page=page)
    return jsonify(
        {
            "ok": True,
            "uid": saved["uid"],
            "rev": saved.get("rev"),
            "status": saved.get("status"),
            "requirement": editor.requirement(saved),
            "totals": parts,
            "problems": {v.uid: list(v.problems) for v in page.all_items},
        }
    )


def _conflict(draft: RubricDraft, uid: str, form: ItemForm, exc: draft_operations.StaleItem) -> Any:
    """409: the officer's version and the saved one side by side; a form with theirs, on the
    saved revision, to save it after all."""
    if _wants_json():
        return jsonify({"ok": False, "conflict": str(exc)}), 409
    saved = exc.current
    mine = with_choices(ItemForm(formdata=None), draft.content["dimensions"])
    mine.process(request.form)
    mine.rev.data = str(saved.get("rev"))
    page = editor_page(draft)
    view = next(v for v in page.all_items if v.uid == uid)
    theirs = item_form(saved, draft.content["dimensions"])
    decision = request.form.get("decision")
    rows = [
        (
            "决定",
            editor.STATUS_NAMES.get(decision or "", "（不变）"),
            editor.STATUS_NAMES.get(str(saved.get("status")), ""),
            bool(decision) and decision != saved.get("status"),
        )
    ]
    if request.form.get("full") == "1":
        for name in ("title", "kind", "comparator", "value", "value_max", "unit", "period", "stages", "modality",
                     "points", "dimension", "indicator", "veto", "bonus", "evidence", "method", "advice"):
            yours, stored = field_text(mine[name]), field_text(theirs[name])
            rows.append((mine[name].label.text, yours, stored, yours != stored))
    return render_template(
        "rubrics/editor_conflict.html",
        draft=draft,
        view=view,
        mine=mine,
        rows=rows,
        saved=saved,
        saved_at=_when(saved.get("at")),
        message=str(exc),
        kind_names=KIND_NAMES,
        modality_names=MODALITY_NAMES,
        status_names=editor.STATUS_NAMES,
        decision=decision,
    ), 409


def _when(text: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None


@bp.post("/editor/<int:draft_id>/items")
@role_required(Role.ADMIN)
def add_item(draft_id: int) -> Any:
    draft = _draft_or_404(draft_id)
    form = PassageForm()
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _editor(draft, passage=form, status=422)
    try:
        item = draft_operations.add_passage(draft.id, current_user, form.quote.data or "")
    except OperationError as exc:
        form.quote.errors = [str(exc)]
        return _editor(draft, passage=form, status=422)
    flash("已从原文新增一个要点（已采纳），请核对要求类型、阈值和分值。", "success")
    return redirect(url_for(".editor_view", draft_id=draft.id) + f"#i-{item['uid']}", 303)


@bp.post("/editor/<int:draft_id>/balance")
@role_required(Role.ADMIN)
def balance(draft_id: int) -> Any:
    draft = _draft_or_404(draft_id)
    if not ReasonForm().validate():
        abort(400)
    try:
        expected = int(request.form.get("version", ""))
    except ValueError:
        abort(400)
    try:
        changed = draft_operations.balance_points(draft.id, current_user, expected)
    except draft_operations.StaleItem:
        flash("草稿刚被他人修改过，分值没有调整：请核对当前分值后再调整。", "warning")
    except OperationError as exc:
        flash(str(exc), "warning")
    else:
        flash(f"已按比例把基本分调整为100分（{changed}个要点的分值有变化）。", "success")
    return redirect(url_for(".editor_view", draft_id=draft.id) + "#draft-totals", 303)


@bp.post("/editor/<int:draft_id>/publish")
@role_required(Role.ADMIN)
def publish(draft_id: int) -> Any:
    draft = _draft_or_404(draft_id)
    form = DraftSettingsForm()
    if not form.validate():
        if form.errors.get("csrf_token"):
            abort(400)
        return _editor(draft, settings=form, message="请先改正发布设置中的错误。", status=422)
    try:
        record_ = draft_operations.publish_draft(
            draft.id, current_user, form.rubric_id.data, int(form.version.data), (form.title.data or "").strip()
        )
    except RubricError:
        return _editor(draft, settings=form, message="草稿未通过检查，请先处理各要点旁列出的问题。", status=422)
    except OperationError as exc:
        return _editor(draft, settings=form, message=str(exc), status=422)
    flash(
        f"评估细则“{record_.title}”（{record_.version_label}）已发布，可在开始年度评估时选用。",
        "success",
    )
    return redirect(url_for("rubrics.rubric", record_id=record_.id), 303)


@bp.get("/editor/<int:draft_id>/rubric.yaml")
@role_required(Role.ADMIN)
def draft_yaml(draft_id: int) -> Response:
    draft = _draft_or_404(draft_id)
    built = draft_built(draft)
    filename = f"{draft.rubric_id}-v{draft.rubric_version}.yaml"
    response = Response(built.yaml_text.encode("utf-8"), mimetype="application/x-yaml")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{url_quote(filename)}"
    )
    return response
