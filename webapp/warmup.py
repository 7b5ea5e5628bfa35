"""Work done once at start-up so that the first requests are as fast as the rest."""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger("selfcheck")


def warm_up(app: Flask) -> None:
    """Parse the rubrics of open cycles (cached per process), then close the database
    connections, which must not be shared with forked workers."""
    from webapp.extensions import db
    from webapp.models import Cycle
    from webapp.rubrics.library import rubric_of, seed_library

    with app.app_context():
        try:
            seed_library()
            for cycle in db.session.execute(select(Cycle).where(Cycle.status == "open")).scalars():
                rubric_of(cycle.rubric_record)
        except SQLAlchemyError as exc:  # no schema yet: nothing to warm
            log.warning("warm-up skipped: %s", exc.__class__.__name__)
        finally:
            db.session.remove()
            db.engine.dispose()
