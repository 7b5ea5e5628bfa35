"""What the bureau does (督导室 admins; district officers see their district only)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from webapp.auth import role_required, visible_school_ids
from webapp.extensions import db
from webapp.models import Assessment, Role
from webapp.operations import current_cycle

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@role_required(Role.ADMIN, Role.DISTRICT)
def dashboard() -> str:
    cycle = current_cycle()
    allowed = visible_school_ids(current_user)
    rows = []
    if cycle is not None:
        query = select(Assessment).where(Assessment.cycle_id == cycle.id)
        if allowed is not None:
            query = query.where(Assessment.school_id.in_(allowed))
        rows = list(db.session.execute(query).scalars())
    return render_template("admin/dashboard.html", cycle=cycle, rows=rows)
