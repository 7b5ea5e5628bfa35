"""Accounts in the browser: logging in and out, changing one's password, each role's home,
the bureau's account list (create, reset a password, deactivate)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import or_, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from webapp.accounts import login_operations, operations
from webapp.accounts.access import load_session, role_required
from webapp.accounts.forms import LoginForm, PasswordForm, UserFilterForm, UserForm
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.forms import ReasonForm, all_schools, school_choices
from webapp.models import (
    District,
    Role,
    School,
    User,
)
from webapp.paging import paginate
from webapp.web import client_ip

bp = Blueprint("accounts", __name__)


EXEMPT_FROM_PASSWORD_CHANGE = {"accounts.password", "accounts.logout", "static", "accounts.health"}


@bp.before_app_request
def _force_password_change() -> Response | None:
    if request.path.startswith("/api/"):  # the API knows its caller by a token, never a cookie
        return None
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in EXEMPT_FROM_PASSWORD_CHANGE
    ):
        return redirect(url_for("accounts.password"))
    return None


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never //host, a scheme, or a backslash trick."""
    if not target:
        return url_for(".index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for(".index")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for(".index"))
    form = LoginForm()
    if form.validate_on_submit():
        result = login_operations.log_in(
            form.username.data,
            form.password.data,
            client_ip(),
            request.headers.get("User-Agent", ""),
        )
        if result.user is not None:
            next_url = _safe_next(request.args.get("next"))
            session.clear()  # a new session at login: nothing planted before survives
            result.user.auth_session = load_session(result.session_id)
            login_user(result.user)
            return redirect(next_url)
        form.password.errors.append(result.message)
        return render_template("accounts/login.html", form=form), 429 if result.throttled else 200
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    login_operations.log_out(current_user)
    logout_user()
    session.clear()
    flash("您已安全退出。", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> Response | str:
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            operations.change_password(current_user, form.current.data, form.new.data)
        except OperationError as exc:
            form.new.errors.append(str(exc))
        else:
            flash("密码已修改。其他设备上的登录已退出。", "success")
            return redirect(url_for(".index"))
    return render_template("accounts/password.html", form=form)


HOMES = {
    Role.SCHOOL: "school.home",
    Role.INSPECTOR: "inspector.queue",
    Role.DISTRICT: "bureau.dashboard",
    Role.ADMIN: "bureau.dashboard",
}


@bp.get("/")
@login_required
def index() -> Response:
    return redirect(url_for(HOMES[current_user.role]))


@bp.get("/healthz")
def health() -> tuple[str, int, dict[str, str]]:
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


def _fill_user_choices(form: UserForm) -> None:
    form.school.choices = [SelectChoice("", "（不适用）"), *school_choices(all_schools())]
    districts = db.session.execute(select(District).order_by(District.name)).scalars()
    form.district.choices = [SelectChoice("", "（不适用）")] + [SelectChoice(str(d.id), d.name) for d in districts]


def _users_page(form: UserForm, status: int = 200) -> Any:
    filters = UserFilterForm(formdata=request.args)
    filters.validate()
    query = select(User).order_by(User.role, User.username)
    if filters.q.data and not filters.q.errors:
        like = f"%{filters.q.data.strip()}%"
        query = query.where(or_(User.username.like(like), User.display_name.like(like)))
    if filters.role.data in {r.value for r in Role}:
        query = query.where(User.role == filters.role.data)
    if filters.status.data == "active":
        query = query.where(User.active.is_(True))
    elif filters.status.data == "inactive":
        query = query.where(User.active.is_(False))
    paging = paginate(query)
    return render_template(
        "accounts/users.html",
        users=paging.items,
        paging=paging,
        form=form,
        filters=filters,
        toggle=ReasonForm(formdata=None),
    ), status


@bp.route("/admin/users/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def users() -> Any:
    form = UserForm()
    _fill_user_choices(form)
    if request.method in ("GET", "HEAD"):
        return _users_page(form)
    if not form.validate():
        flash("未能创建账号：请按提示修改。", "error")
        return _users_page(form, 422)
    role = Role(form.role.data)
    school = db.session.get(School, int(form.school.data)) if role is Role.SCHOOL else None
    district = db.session.get(District, int(form.district.data)) if role is Role.DISTRICT else None
    try:
        account = operations.create_user(
            form.username.data,
            role,
            actor=current_user,
            school_code=school.code if school else None,
            district_name=district.name if district else None,
            display_name=(form.display_name.data or "").strip(),
        )
    except OperationError as exc:
        form.username.errors = [*form.username.errors, str(exc)]
        flash(f"未能创建账号：{exc}", "error")
        return _users_page(form, 422)
    user = db.session.get(User, account.user_id)
    return render_template("accounts/password_shown.html", user=user, password=account.password, created=True)


@bp.post("/admin/users/<int:user_id>/password")
@role_required(Role.ADMIN)
def reset_password(user_id: int) -> Any:
    user = db.get_or_404(User, user_id)
    if not ReasonForm().validate():
        abort(400)
    account = operations.reset_password(user.username, actor=current_user)
    user = db.get_or_404(User, user_id)
    return render_template("accounts/password_shown.html", user=user, password=account.password, created=False)


@bp.post("/admin/users/<int:user_id>/active")
@role_required(Role.ADMIN)
def set_active(user_id: int) -> Response:
    user = db.get_or_404(User, user_id)
    if not ReasonForm().validate():
        abort(400)
    active = request.form.get("active") == "1"
    try:
        operations.set_active(user.username, active, actor=current_user)
    except OperationError as exc:
        flash(str(exc), "error")
    else:
        flash(
            f"账号 {user.username} 已启用。" if active else f"账号 {user.username} 已停用，其所有登录已立即失效。",
            "success",
        )
    back = request.form.get("back", "")
    target = back if back.startswith("/admin/users/") and "//" not in back and "\\" not in back else url_for(".users")
    return redirect(target, 303)

