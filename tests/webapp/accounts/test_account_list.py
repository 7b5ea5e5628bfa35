"""Accounts and inspector assignments from the admin's pages. Deactivating an account ends its
sessions at once; a reset password ends them too; assignments take effect immediately."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from sqlalchemy import select

from tests.webapp.conftest import login


def shown_password(html: str) -> str:
    match = re.search(r'<span class="secret">([^<]+)</span>', html)
    assert match, "no password on the page"
    return match.group(1)


def test_deactivating_through_the_page_ends_the_users_sessions(app: Flask, world: Any, as_user: Any) -> None:
    school = as_user("school_a")
    assert school.get("/school/").status_code == 200
    response = as_user("admin").post(f"/admin/users/{world['school_a']}/active", data={"active": "0"})
    assert response.status_code == 303
    after = school.get("/school/")
    assert after.status_code == 302 and "/login" in after.headers["Location"]
    fresh = app.test_client()
    refused = login(fresh, "school_a")
    assert refused.status_code == 200 and "该账号已停用" in refused.data.decode()
    assert as_user("admin").post(f"/admin/users/{world['school_a']}/active", data={"active": "1"}).status_code == 303
    assert login(app.test_client(), "school_a").status_code == 302


def test_an_admin_cannot_deactivate_themselves(app: Flask, world: Any, as_user: Any) -> None:
    admin = as_user("admin")
    response = admin.post(f"/admin/users/{world['admin']}/active", data={"active": "0"})
    assert response.status_code == 303
    assert "不能停用自己的账号" in admin.get("/admin/users/").data.decode()


def test_creating_an_account_shows_the_password_once_and_it_works(app: Flask, world: Any, as_user: Any) -> None:
    response = as_user("admin").post(
        "/admin/users/",
        data={"username": "dongqu-er", "role": "school", "school": str(world["school_a_id"]), "display_name": ""},
    )
    assert response.status_code == 200
    page = response.data.decode()
    assert "账号已创建" in page and "东区第一小学" in page
    password = shown_password(page)
    client = app.test_client()
    assert login(client, "dongqu-er", password).status_code == 302
    assert client.get("/school/").headers["Location"].endswith("/password")  # must change it first


def test_account_form_errors_keep_what_was_typed(app: Flask, world: Any, as_user: Any) -> None:
    admin = as_user("admin")
    missing_school = admin.post("/admin/users/", data={"username": "new-school", "role": "school", "school": ""})
    assert missing_school.status_code == 422
    text = missing_school.data.decode()
    assert "学校账号须选择所属学校" in text and 'value="new-school"' in text
    taken = admin.post("/admin/users/", data={"username": "SCHOOL_A", "role": "inspector"})
    assert taken.status_code == 422 and "已被使用" in taken.data.decode()
    bad = admin.post("/admin/users/", data={"username": "有 空格", "role": "district", "district": ""})
    assert bad.status_code == 422
    assert "用户名只能由字母" in bad.data.decode() and "区县账号须选择所属区县" in bad.data.decode()


def test_resetting_a_password_ends_sessions_and_gives_a_new_one(app: Flask, world: Any, as_user: Any) -> None:
    inspector = as_user("inspector_a")
    assert inspector.get("/inspector/").status_code == 200
    response = as_user("admin").post(f"/admin/users/{world['inspector_a']}/password")
    assert response.status_code == 200 and "密码已重置" in response.data.decode()
    password = shown_password(response.data.decode())
    assert inspector.get("/inspector/").status_code == 302
    assert login(app.test_client(), "inspector_a", password).status_code == 302
    assert as_user("admin").post("/admin/users/9999/password").status_code == 404


def test_the_user_list_filters_and_pages(as_user: Any) -> None:
    admin = as_user("admin")
    page = admin.get("/admin/users/?role=district").data.decode()
    assert "district_east" in page and "school_a" not in page
    assert "inspector_b" in admin.get("/admin/users/?q=inspector").data.decode()
    assert admin.get("/admin/users/?page=0").status_code == 400
    assert admin.get("/admin/users/?page=abc").status_code == 400


def test_assignments_take_effect_at_once_and_are_audited(app: Flask, world: Any, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    inspector = as_user("inspector_b")
    overview = f"/inspector/assessments/{world['assessment_a']}/overview"
    assert inspector.get(overview).status_code == 404
    response = as_user("admin").post(
        "/admin/assignments/",
        data={
            "inspector": str(world["inspector_b"]),
            "schools": [str(world["school_a_id"]), str(world["school_b_id"])],
        },
    )
    assert response.status_code == 303
    assert inspector.get(overview).status_code == 200
    with app.app_context():
        event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "assignment_changed")).scalar_one()
        assert (event.old, event.new) == (["B001"], ["A001", "B001"])
    removed = as_user("admin").post("/admin/assignments/", data={"inspector": str(world["inspector_b"])})
    assert removed.status_code == 303
    assert inspector.get(overview).status_code == 404
    assert inspector.get(f"/inspector/assessments/{world['assessment_b']}/overview").status_code == 404


def test_assignment_to_a_non_inspector_or_unknown_school_is_refused(app: Flask, world: Any, as_user: Any) -> None:
    admin = as_user("admin")
    assert admin.post("/admin/assignments/", data={"inspector": str(world["school_a"])}).status_code == 404
    bogus = admin.post("/admin/assignments/", data={"inspector": str(world["inspector_a"]), "schools": ["424242"]})
    assert bogus.status_code == 422 and "不存在或无权选择的学校" in bogus.data.decode()
