"""API tokens in the browser: the admin makes a token for an account (shown once), sees every
token with its purpose and last use, and revokes one (the JSON API itself is in views.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.accounts.access import role_required
from webapp.api.forms import TokenForm
from webapp.api.tokens import create_token, revoke_token, tokens_of
from webapp.errors import OperationError
from webapp.forms import ReasonForm
from webapp.lifecycle import Role
from webapp.paging import paginate

bp = Blueprint("tokens", __name__, url_prefix="/admin/tokens")


def _page(form: TokenForm, status: int = 200) -> Any:
    tokens = tokens_of()
    pager = paginate(tokens)
    return render_template("api/tokens.html", tokens=pager.items, paging=pager, form=form), status


@bp.route("/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def index() -> Any:
    form = TokenForm()
    if request.method in ("GET", "HEAD"):
        return _page(form)
    if not form.validate():
        flash("未能创建令牌：请按提示修改。", "error")
        return _page(form, 422)
    try:
        new = create_token((form.username.data or "").strip(), form.name.data or "", actor=current_user)
    except OperationError as exc:
        form.username.errors = [*form.username.errors, str(exc)]
        flash(f"未能创建令牌：{exc}", "error")
        return _page(form, 422)
    return render_template("api/token_shown.html", new=new)


@bp.post("/<int:token_id>/revoke")
@role_required(Role.ADMIN)
def revoke(token_id: int) -> Response:
    if not ReasonForm().validate():
        abort(400)
    try:
        row = revoke_token(token_id, actor=current_user)
    except OperationError:
        abort(404)
    flash(f"令牌 {row.hint}… 已撤销，立即失效。", "success")
    return redirect(url_for(".index"), 303)
