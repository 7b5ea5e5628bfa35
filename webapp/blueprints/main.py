"""The landing page sends each role to its own home."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from webapp.models import Role

bp = Blueprint("main", __name__)

HOMES = {
    Role.SCHOOL: "school.home",
    Role.INSPECTOR: "inspector.queue",
    Role.DISTRICT: "admin.dashboard",
    Role.ADMIN: "admin.dashboard",
}


@bp.get("/")
@login_required
def index() -> Response:
    return redirect(url_for(HOMES[current_user.role_enum]))


@bp.get("/healthz")
def health() -> tuple[str, int, dict[str, str]]:
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
