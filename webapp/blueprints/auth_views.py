"""Logging in and out, and changing one's password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from webapp import auth, operations
from webapp.forms import LoginForm, PasswordForm

bp = Blueprint("auth", __name__)

EXEMPT_FROM_PASSWORD_CHANGE = {"auth.password", "auth.logout", "static", "main.health"}


@bp.before_app_request
def _force_password_change() -> Response | None:
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in EXEMPT_FROM_PASSWORD_CHANGE
    ):
        return redirect(url_for("auth.password"))
    return None


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never //host, a scheme, or a backslash trick."""
    if not target:
        return url_for("main.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("main.index")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        result = operations.log_in(
            form.username.data,
            form.password.data,
            auth.client_ip(),
            request.headers.get("User-Agent", ""),
        )
        if result.user is not None:
            next_url = _safe_next(request.args.get("next"))
            session.clear()  # a new session at login: nothing planted before survives
            result.user.auth_session = auth.load_session(result.session_id)
            login_user(result.user)
            return redirect(next_url)
        form.password.errors.append(result.message)
        return render_template("auth/login.html", form=form), 429 if result.throttled else 200
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    operations.log_out(current_user)
    logout_user()
    session.clear()
    flash("您已安全退出。", "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> Response | str:
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            operations.change_password(current_user, form.current.data, form.new.data)
        except operations.OperationError as exc:
            form.new.errors.append(str(exc))
        else:
            flash("密码已修改。其他设备上的登录已退出。", "success")
            return redirect(url_for("main.index"))
    return render_template("auth/password.html", form=form)
