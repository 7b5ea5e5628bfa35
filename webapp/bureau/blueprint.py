"""The bureau's blueprint and what its pages share: which schools the officer may see, the
cycle a page is about, the districts of the filter."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Blueprint, abort, request
from flask_login import current_user
from sqlalchemy import select

from webapp.accounts.access import visible_school_ids
from webapp.assessments import current_cycle
from webapp.extensions import db
from webapp.models import Cycle, District, Role, School, parse_id

bp = Blueprint("bureau", __name__, url_prefix="/admin")


BUREAU = (Role.ADMIN, Role.DISTRICT)


def allowed_ids() -> set[int] | None:
    return visible_school_ids(current_user)


def school_or_404(school_id: int) -> School:
    """The school if the current user may see it; 404 for a missing one and a foreign one alike."""
    school = db.session.get(School, school_id)
    allowed = allowed_ids()
    if school is None or (allowed is not None and school.id not in allowed):
        abort(404)
    return school


def chosen_cycle() -> Cycle | None:
    """The cycle named by ?cycle= (404 if there is none such), else the current one."""
    raw = request.args.get("cycle", "")
    if not raw:
        return current_cycle()
    if not raw.isascii() or not raw.isdigit():
        abort(400)
    cycle_id = parse_id(raw)
    if cycle_id is None:
        abort(404)
    return db.get_or_404(Cycle, cycle_id)


def grouped(schools: Sequence[School]) -> list[tuple[str, list[School]]]:
    groups: dict[str, list[School]] = {}
    for s in schools:
        groups.setdefault(s.district.name if s.district else "（未分区县）", []).append(s)
    return sorted(groups.items())


def districts_for_user() -> list[District]:
    districts = list(db.session.execute(select(District).order_by(District.name)).scalars())
    if allowed_ids() is not None:
        districts = [d for d in districts if current_user.district_id == d.id]
    return districts
