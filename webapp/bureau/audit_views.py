"""The audit log (操作日志) for admins: filter, page, export."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, or_, select
from wtforms import SelectChoice

from webapp.accounts.access import role_required
from webapp.audit import ENTITY_LABELS, action_labels, change_summary, changes
from webapp.bureau.audit_log import AUDIT_SORTS, PAGE_SIZES, AuditFilters, audit_page
from webapp.bureau.exports import audit_params
from webapp.bureau.forms import AuditFilterForm
from webapp.extensions import db
from webapp.forms import all_schools
from webapp.jobs.export_view import export_view
from webapp.models import (
    Role,
    School,
    User,
)
from webapp.rubrics.library import input_names
from webapp.web import page_arg

bp = Blueprint("audit", __name__, url_prefix="/admin")



def _matching(model: Any, text: str, code: Any, name: Any) -> tuple[int, ...]:
    """The rows whose code is the text, else whose code or name holds it (a fragment of a
    school's name finds every school with it: 第一小学)."""
    exact = db.session.execute(select(model.id).where(func.lower(code) == text.lower())).scalars().all()
    if exact:
        return tuple(exact)
    fragment = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    found = db.session.execute(
        select(model.id).where(or_(code.like(fragment, escape="\\"), name.like(fragment, escape="\\")))
    ).scalars()
    return tuple(found)


def _audit_filters() -> tuple[AuditFilterForm, AuditFilters | None, str, str]:
    """The filter form read from the query string; (form, filters or None when a field is wrong,
    sort, direction). Paging and sorting parameters are not typed by people: anything outside
    the allow-list is a bad request."""
    sort = request.args.get("sort", "at")
    direction = request.args.get("dir", "desc")
    if sort not in AUDIT_SORTS or direction not in ("asc", "desc"):
        abort(400)
    form = AuditFilterForm(formdata=request.args)
    labels = action_labels()
    form.action.choices = [SelectChoice("", "全部操作")] + [
        SelectChoice(key, label) for key, label in sorted(labels.items(), key=lambda kv: kv[1])
    ]
    if not form.validate():
        return form, None, sort, direction
    school_ids = actor_ids = None
    text = (form.school.data or "").strip()
    if text:
        school_ids = _matching(School, text, School.code, School.name)
        if not school_ids:
            form.school.errors = [f"没有代码或名称含“{text}”的学校"]
    name = (form.user.data or "").strip()
    if name:
        actor_ids = _matching(User, name, User.username, User.display_name)
        if not actor_ids:
            form.user.errors = [f"没有用户名或姓名含“{name}”的账号"]
    if form.school.errors or form.user.errors:
        return form, None, sort, direction
    filters = AuditFilters(
        action=form.action.data or None,
        school_ids=school_ids,
        actor_ids=actor_ids,
        date_from=form.date_from.parsed,
        date_to=form.date_to.parsed,
    )
    return form, filters, sort, direction


@bp.get("/audit/")
@role_required(Role.ADMIN)
def index() -> Any:
    form, filters, sort, direction = _audit_filters()
    raw = request.args.get("per_page", "50")
    if not raw.isascii() or not raw.isdigit() or int(raw) not in PAGE_SIZES:
        abort(400)
    per_page = int(raw)
    page = page_arg()
    result = None
    schools: dict[int, School] = {}
    if filters is not None:
        result = audit_page(filters, page, per_page, sort, direction)
        ids = {e.school_id for e in result.items if e.school_id is not None}
        if ids:
            schools = {s.id: s for s in db.session.execute(select(School).where(School.id.in_(ids))).scalars()}
    everyone = all_schools()
    names = input_names()
    return render_template(
        "bureau/audit.html",
        form=form,
        result=result,
        paging=result,
        schools=schools,
        all_schools=everyone,
        labels=action_labels(),
        sort=sort,
        direction=direction,
        per_page=per_page,
        page_sizes=PAGE_SIZES,
        summary=lambda old, new: change_summary(old, new, names=names),
        changes=lambda old, new: changes(old, new, names),
        entities=ENTITY_LABELS,
    ), (200 if filters is not None else 422)


@bp.route("/audit/export.xlsx", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def export() -> Any:
    _form, filters, sort, direction = _audit_filters()
    if filters is None:
        flash("筛选条件有误，请修正后再导出。", "error")
        return redirect(url_for(".index", **request.args))
    return export_view("export_audit", audit_params(filters, sort, direction))
