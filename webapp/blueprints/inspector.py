"""What an inspector (督学) does: the queue of assigned schools and the review of each."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from webapp.auth import role_required, visible_school_ids
from webapp.extensions import db
from webapp.models import Assessment, Role
from webapp.operations import current_cycle

bp = Blueprint("inspector", __name__, url_prefix="/inspector")


@bp.get("/")
@role_required(Role.INSPECTOR)
def queue() -> str:
    cycle = current_cycle()
    allowed = visible_school_ids(current_user) or set()
    rows = []
    if cycle is not None and allowed:
        rows = list(
            db.session.execute(
                select(Assessment).where(Assessment.cycle_id == cycle.id, Assessment.school_id.in_(allowed))
            ).scalars()
        )
    return render_template("inspector/queue.html", cycle=cycle, rows=rows)
