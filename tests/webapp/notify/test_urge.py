"""催办: an officer urges a school that has not submitted; once per school per day, audited;
a district officer only within the district; a school that has submitted needs no urging."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from tests.webapp.notify.test_notices import notices_of, unread_badge


def urge_events(app: Flask) -> list[Any]:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        return list(db.session.execute(select(AuditEvent).where(AuditEvent.action == "school_urged")).scalars())


def test_urging_tells_the_school_and_is_refused_a_second_time_the_same_day(
    app: Flask, world: Any, as_user: Any
) -> None:
    school = world["school_a_id"]
    response = as_user("district_east").post(f"/notices/urge/{school}", data={"next": "/admin/?state=draft"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/?state=draft")
    (notice,) = notices_of(app, world["school_a"])
    assert notice.kind == "urged" and notice.title.endswith("催办：请尽快提交自评")
    assert "“2024年度测试评估”的自评贵校尚未提交" in notice.body
    assert notice.link == f"/school/assessments/{world['assessment_a']}/"
    (event,) = urge_events(app)
    assert event.school_id == school and event.new["accounts"] == 1
    assert unread_badge(as_user("school_a").get("/school/").get_data(as_text=True)) == 1

    again = as_user("admin").post(f"/notices/urge/{school}", follow_redirects=True)
    assert "今天已经催办过东区第一小学，每所学校每天只能催办一次" in again.get_data(as_text=True)
    assert len(notices_of(app, world["school_a"])) == 1 and len(urge_events(app)) == 1


def test_a_district_officer_urges_only_schools_of_the_district(app: Flask, world: Any, as_user: Any) -> None:
    assert as_user("district_west").post(f"/notices/urge/{world['school_a_id']}").status_code == 404
    assert as_user("school_b").post(f"/notices/urge/{world['school_a_id']}").status_code == 403
    assert as_user("inspector_a").post(f"/notices/urge/{world['school_a_id']}").status_code == 403
    assert as_user("admin").post("/notices/urge/999999").status_code == 404
    assert notices_of(app, world["school_a"]) == [] and urge_events(app) == []


def test_a_school_that_has_submitted_is_not_urged(app: Flask, world: Any, as_user: Any) -> None:
    page = as_user("admin").post(f"/notices/urge/{world['school_b_id']}", follow_redirects=True)
    assert "西区第二中学已提交自评，无需催办" in page.get_data(as_text=True)
    assert notices_of(app, world["school_b"]) == [] and urge_events(app) == []


def test_the_dashboard_offers_urging_for_late_schools(app: Flask, world: Any, as_user: Any) -> None:
    import datetime as dt

    from webapp.extensions import db
    from webapp.models import Cycle

    officer = as_user("admin")
    assert "催办" not in officer.get("/admin/").get_data(as_text=True)  # nobody is late yet
    with app.app_context():
        db.session.get(Cycle, world["cycle"]).deadline = dt.date.today() - dt.timedelta(days=2)
        db.session.commit()
    page = officer.get("/admin/").get_data(as_text=True)
    assert f'action="/notices/urge/{world["school_a_id"]}"' in page
    assert f'action="/notices/urge/{world["school_b_id"]}"' not in page  # B has submitted
