"""Notices in the browser: one's own list (unread first), opening one, 全部标为已读, one's e-mail
address for them, the officers' 催办, and the unread count in the top bar."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import case, select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from webapp.accounts.access import role_required
from webapp.errors import OperationError
from webapp.models import Notice, Role
from webapp.notify import operations
from webapp.notify.forms import EmailForm
from webapp.notify.notices import KIND_LABELS
from webapp.paging import paginate

bp = Blueprint("notify", __name__, url_prefix="/notices")
log = logging.getLogger("selfcheck.notify")


@bp.app_context_processor
def _unread() -> dict[str, Any]:
    """The top bar's unread count: one count query, only for a logged-in account."""
    if not current_user or not current_user.is_authenticated:
        return {"unread_notices": 0}
    try:
        return {"unread_notices": operations.unread_count(current_user.id)}
    except SQLAlchemyError:  # an error page after a database failure still renders
        log.warning("unread count unavailable", exc_info=True)
        return {"unread_notices": 0}


def _page(form: EmailForm, status: int = 200) -> tuple[str, int]:
    unread_first = case((Notice.read_at.is_(None), 0), else_=1)
    mine = select(Notice).where(Notice.user_id == current_user.id)
    pager = paginate(mine.order_by(unread_first, Notice.id.desc()))
    return render_template(
        "notify/index.html",
        notices=pager.items,
        paging=pager,
        form=form,
        actions=FlaskForm(),
        kinds=KIND_LABELS,
    ), status


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    return _page(EmailForm(email=current_user.email or ""))


@bp.post("/<int:notice_id>/open")
@login_required
def open_notice(notice_id: int) -> Response:
    """Opening a notice marks it read and leads to its page."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    notice = operations.mark_read(notice_id, current_user)
    if notice is None:
        abort(404)
    return redirect(_local(notice.link) or url_for(".index"), 303)


@bp.post("/read-all")
@login_required
def read_all() -> Response:
    if not FlaskForm().validate_on_submit():
        abort(400)
    count = operations.mark_all_read(current_user)
    flash(f"已将 {count} 条通知标为已读。" if count else "没有未读通知。", "success")
    return redirect(url_for(".index"), 303)


@bp.post("/email")
@login_required
def email() -> Response | tuple[str, int]:
    form = EmailForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        saved = operations.set_email(current_user, form.email.data or "")
    except OperationError as exc:
        form.email.errors = [str(exc)]
        return _page(form, 422)
    flash(f"通知将同时发送到 {saved}。" if saved else "已不再通过电子邮件发送通知。", "success")
    return redirect(url_for(".index"), 303)


@bp.post("/urge/<int:school_id>")
@role_required(Role.ADMIN, Role.DISTRICT)
def urge(school_id: int) -> Response:
    """催办 from a list of late schools; back to that list."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        told = operations.urge_school(school_id, current_user)
    except operations.SchoolNotFound:
        abort(404)
    except OperationError as exc:
        flash(str(exc), "warning")
    else:
        flash(f"已催办，{told} 个学校账号将收到通知。", "success")
    return redirect(_local(request.form.get("next", "")) or url_for("bureau.dashboard"), 303)


def _local(target: str) -> str:
    """Only a path on this site (never //host, a scheme or a backslash trick)."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return ""
    return "" if "\\" in target else target
