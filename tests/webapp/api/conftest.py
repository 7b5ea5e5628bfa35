"""API fixtures: a token for every account of the test world."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.webapp.conftest import USERS


@pytest.fixture
def tokens(app: Flask) -> dict[str, str]:
    from webapp.api.tokens import create_token

    with app.app_context():
        return {username: create_token(username, "测试").token for username in USERS}


def bearer(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}


def audit_count(app: Flask, **where: Any) -> int:
    from sqlalchemy import func, select

    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        query = select(func.count()).select_from(AuditEvent)
        for key, value in where.items():
            query = query.where(getattr(AuditEvent, key) == value)
        return db.session.execute(query).scalar_one()
