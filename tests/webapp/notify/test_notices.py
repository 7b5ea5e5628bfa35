"""Notices in the app: made from the year's events for the accounts concerned, counted in the top
bar, opened (and so read) by their owner only, all marked read at once; one's own e-mail address."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.webapp.conftest import make_app


def notices_of(app: Flask, user_id: int) -> list[Any]:
    from webapp.extensions import db
    from webapp.models import Notice

    with app.app_context():
        rows = list(db.session.execute(select(Notice).where(Notice.user_id == user_id).order_by(Notice.id)).scalars())
        db.session.expunge_all()
        return rows


def return_b(app: Flask, world: Any, note: str = "请补充课后服务的佐证材料后重新提交。") -> None:
    """School B's inspector takes up its submitted self-assessment and returns it."""
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.review import operations as review

    with app.app_context():
        inspector = db.session.get(User, world["inspector_b"])
        review.start_review(world["assessment_b"], inspector)
        fresh = db.session.get(Assessment, world["assessment_b"])
        review.return_for_correction(fresh.id, inspector, fresh.version, note)
        db.session.remove()


def unread_badge(html: str) -> int:
    found = re.search(r'title="未读通知">(\d+)<', html)
    return int(found.group(1)) if found else 0


def test_a_returned_school_gets_one_notice_and_sees_the_count_in_the_top_bar(
    app: Flask, world: Any, as_user: Any
) -> None:
    school_b = as_user("school_b")
    assert unread_badge(school_b.get("/school/").get_data(as_text=True)) == 0
    return_b(app, world)
    notices = notices_of(app, world["school_b"])
    assert [(n.kind, n.title) for n in notices] == [("returned", "自评被退回修改")]
    assert "请补充课后服务的佐证材料后重新提交" in notices[0].body
    assert notices[0].link == f"/school/assessments/{world['assessment_b']}/"
    assert notices[0].read_at is None
    assert unread_badge(school_b.get("/school/").get_data(as_text=True)) == 1
    page = school_b.get("/notices/").get_data(as_text=True)
    assert "自评被退回修改" in page and "退回修改" in page and "全部标为已读" in page
    assert notices_of(app, world["school_a"]) == []  # another school hears nothing


def test_submitting_tells_the_assigned_inspector_only(app: Flask, world: Any) -> None:
    # the world's school B submitted: its inspector was told, school A's inspector was not
    told = notices_of(app, world["inspector_b"])
    assert [n.kind for n in told] == ["submitted"]
    assert "西区第二中学已提交自评" in told[0].title
    assert notices_of(app, world["inspector_a"]) == []


def test_opening_a_notice_marks_it_read_and_leads_to_its_page(app: Flask, world: Any, as_user: Any) -> None:
    return_b(app, world)
    school_b = as_user("school_b")
    notice = notices_of(app, world["school_b"])[0]
    response = school_b.post(f"/notices/{notice.id}/open")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/school/assessments/{world['assessment_b']}/")
    assert notices_of(app, world["school_b"])[0].read_at is not None
    assert unread_badge(school_b.get("/notices/").get_data(as_text=True)) == 0


def test_nobody_opens_another_accounts_notice(app: Flask, world: Any, as_user: Any) -> None:
    theirs = notices_of(app, world["inspector_b"])[0]
    for username in ("inspector_a", "school_b", "admin", "district_west"):
        assert as_user(username).post(f"/notices/{theirs.id}/open").status_code == 404
        assert theirs.title not in as_user(username).get("/notices/").get_data(as_text=True)
    assert notices_of(app, world["inspector_b"])[0].read_at is None
    assert as_user("inspector_b").post("/notices/999999/open").status_code == 404


def test_all_read_at_once(app: Flask, world: Any, as_user: Any) -> None:
    inspector = as_user("inspector_b")
    assert unread_badge(inspector.get("/notices/").get_data(as_text=True)) == 1
    response = inspector.post("/notices/read-all", follow_redirects=True)
    assert "已将 1 条通知标为已读" in response.get_data(as_text=True)
    assert all(n.read_at is not None for n in notices_of(app, world["inspector_b"]))


def test_unread_notices_come_first(app: Flask, world: Any, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import Notice, utcnow

    with app.app_context():
        newer = Notice(user_id=world["inspector_b"], kind="urged", title="较新的已读通知", dedupe_key="t:1")
        newer.read_at = utcnow()
        db.session.add(newer)
        db.session.commit()
    page = as_user("inspector_b").get("/notices/").get_data(as_text=True)
    assert page.index("已提交自评，等待核定") < page.index("较新的已读通知")


def test_an_account_sets_its_own_email_address(app: Flask, world: Any, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent, User

    client = as_user("school_a")
    bad = client.post("/notices/email", data={"email": "校长 at 学校"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert "电子邮箱格式不正确" in html and 'value="校长 at 学校"' in html  # nothing typed is lost
    good = client.post("/notices/email", data={"email": "principal@school-a.example.cn"})
    assert good.status_code == 303
    with app.app_context():
        assert db.session.get(User, world["school_a"]).email == "principal@school-a.example.cn"
        event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "email_changed")).scalar_one()
        assert event.new == {"email": "principal@school-a.example.cn"}
    client.post("/notices/email", data={"email": ""})
    with app.app_context():
        assert db.session.get(User, world["school_a"]).email is None


def test_the_dedupe_key_is_unique_in_the_database(app: Flask, world: Any) -> None:
    from sqlalchemy.exc import IntegrityError

    from webapp.extensions import db
    from webapp.models import Notice

    with app.app_context():
        db.session.add(Notice(user_id=world["school_a"], kind="overdue", title="一", dedupe_key="overdue:c1:s1:u1"))
        db.session.commit()
        db.session.add(Notice(user_id=world["school_a"], kind="overdue", title="二", dedupe_key="overdue:c1:s1:u1"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_a_cycle_opened_tells_every_school_taking_part(app: Flask, world: Any) -> None:
    import datetime as dt

    from webapp.bureau import operations as bureau
    from webapp.extensions import db
    from webapp.models import User

    with app.app_context():
        admin = db.session.get(User, world["admin"])
        bureau.open_cycle("2025年度测试评估", 2025, 1, dt.date(2031, 6, 30), [world["school_a_id"]], admin)
    told = [n for n in notices_of(app, world["school_a"]) if n.kind == "cycle_opened"]
    assert len(told) == 1 and told[0].title == "2025年度测试评估已开始"
    assert "2031年6月30日前" in told[0].body
    assert [n for n in notices_of(app, world["school_b"]) if n.kind == "cycle_opened"] == []


def test_mail_waits_only_for_accounts_with_an_address_when_a_server_is_named(instance: Any, world: Any) -> None:
    app = make_app(instance, MAIL_SERVER="127.0.0.1", MAIL_PORT=1)
    from webapp.extensions import db
    from webapp.models import User

    with app.app_context():
        db.session.get(User, world["school_b"]).email = "b@school-b.example.cn"
        db.session.commit()
    return_b(app, world)
    assert [n.mail_state for n in notices_of(app, world["school_b"])] == ["pending"]
    assert [n.webhook_state for n in notices_of(app, world["school_b"])] == ["none"]


def test_a_school_added_to_an_open_cycle_is_told_too(app: Flask, world: Any) -> None:
    import datetime as dt

    from webapp.accounts import operations as accounts
    from webapp.bureau import operations as bureau
    from webapp.extensions import db
    from webapp.models import Role, School, User

    with app.app_context():
        east = db.session.get(School, world["school_a_id"]).district_id
        db.session.add(School(code="C001", name="东区第三小学", district_id=east, stages="primary"))
        db.session.commit()
        school_c = db.session.execute(select(School).where(School.code == "C001")).scalar_one()
        account = accounts.create_user("school_c", Role.SCHOOL, school_code="C001", must_change_password=False)
        admin = db.session.get(User, world["admin"])
        bureau.update_cycle(world["cycle"], admin, "2024年度测试评估", dt.date(2031, 1, 1), [school_c.id])
    (told,) = notices_of(app, account.user_id)
    assert told.kind == "cycle_opened" and told.title == "2024年度测试评估已开始"
    assert [n for n in notices_of(app, world["school_a"]) if n.kind == "cycle_opened"] == []
