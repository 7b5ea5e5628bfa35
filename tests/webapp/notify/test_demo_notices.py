"""`selfcheck demo` leaves notices: the returned school's 退回 notice unread in its top bar, the
finalised school's 核定完成, the inspectors' 待核定, and a 催办 from 站前区."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from tests.webapp.conftest import BACKEND, make_app

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(BACKEND == "postgresql", reason="the demo's notices do not depend on the database"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, dict[str, str]]]:
    from webapp.cli.demo import build_demo

    app = make_app(tmp_path_factory.mktemp("demo-notices"))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        accounts = build_demo()
    yield app, {a.username: a.password for a in accounts}


def kinds_of(app: Flask, username: str) -> list[tuple[str, bool]]:
    from webapp.extensions import db
    from webapp.models import Notice, User

    with app.app_context():
        rows = db.session.execute(
            select(Notice.kind, Notice.read_at).join(User).where(User.username == username).order_by(Notice.id)
        ).all()
        return [(kind, read_at is None) for kind, read_at in rows]


def test_the_demo_leaves_notices_for_each_role(demo: tuple[Flask, dict[str, str]]) -> None:
    app, passwords = demo
    assert ("returned", True) in kinds_of(app, "byq-erzhong")
    assert ("finalised", True) in kinds_of(app, "yk-gaozhong")
    assert ("urged", True) in kinds_of(app, "zq-yixiao")
    assert {kind for kind, _ in kinds_of(app, "duxue-wang")} == {"submitted"}
    client = app.test_client()
    login = client.post("/login", data={"username": "byq-erzhong", "password": passwords["byq-erzhong"]})
    assert login.status_code == 302
    page = client.get("/notices/").get_data(as_text=True)
    assert "自评被退回修改" in page and 'title="未读通知">1<' in page
