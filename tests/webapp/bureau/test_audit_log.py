"""The audit log page: filters by action, school, user and date range; bounded paging; sorting
only by allow-listed columns; bad parameters a 400, never a 500; the log only grows."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text


def table_body(html: str) -> str:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""


def event_rows(html: str) -> int:
    return table_body(html).count("<tr>")


def count_events(app: Flask, **where: Any) -> int:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        query = select(func.count()).select_from(AuditEvent)
        for key, value in where.items():
            query = query.where(getattr(AuditEvent, key) == value)
        return db.session.execute(query).scalar_one()


def test_filter_by_action_shows_exactly_those_events(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    expected = count_events(app, action="user_created")
    page = admin.get("/admin/audit/?action=user_created&per_page=200").data.decode()
    assert event_rows(page) == expected == 7
    assert page.count('<td class="nowrap">创建账号</td>') == expected


def test_filter_by_school_and_by_user(app: Flask, world: Any, as_user: Any) -> None:
    admin = as_user("admin")
    for_b = admin.get("/admin/audit/?school=B001&per_page=200").data.decode()
    assert event_rows(for_b) == count_events(app, school_id=world["school_b_id"]) > 0
    by_name = admin.get("/admin/audit/?school=西区第二中学&per_page=200").data.decode()
    assert event_rows(by_name) == event_rows(for_b)
    by_user = admin.get("/admin/audit/?user=school_a&per_page=200").data.decode()
    assert event_rows(by_user) == count_events(app, actor_id=world["school_a"]) > 0
    assert "东区第一小学" in table_body(by_user) and "西区第二中学" not in table_body(by_user)


def test_filter_by_date_range(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    today = dt.date.today()
    total = count_events(app)
    assert 0 < total <= 200
    around = admin.get(
        f"/admin/audit/?date_from={today - dt.timedelta(days=1)}&date_to={today + dt.timedelta(days=1)}&per_page=200"
    )
    assert event_rows(around.data.decode()) == total
    future = admin.get(f"/admin/audit/?date_from={today + dt.timedelta(days=2)}").data.decode()
    assert "没有符合条件的记录" in future
    past = admin.get(f"/admin/audit/?date_to={today - dt.timedelta(days=2)}").data.decode()
    assert "没有符合条件的记录" in past


def test_wrong_filters_get_messages_beside_the_fields(as_user: Any) -> None:
    admin = as_user("admin")
    response = admin.get("/admin/audit/?school=Z999&user=nobody&date_from=2024-02-30&action=drop_table")
    assert response.status_code == 422
    page = response.data.decode()
    assert "日期格式应为 2024-09-30" in page and "请选择列表中的操作" in page
    reversed_range = admin.get("/admin/audit/?date_from=2024-05-01&date_to=2024-04-01")
    assert "截止日期不能早于起始日期" in reversed_range.data.decode()
    unknown = admin.get("/admin/audit/?school=Z999&user=nobody").data.decode()
    assert "没有代码或名称含“Z999”的学校" in unknown and "没有用户名或姓名含“nobody”的账号" in unknown
    assert 'value="Z999"' in unknown  # what was typed stays in the box


@pytest.mark.parametrize(
    "query",
    [
        "sort=name;drop table audit_event",
        "sort=password_hash",
        "dir=sideways",
        "per_page=1000000000",
        "per_page=7",
        "per_page=-1",
        "page=-1",
        "page=0",
        "page=1e9",
    ],
)
def test_sorting_and_paging_outside_the_allow_list_is_a_bad_request(app: Flask, as_user: Any, query: str) -> None:
    response = as_user("admin").get(f"/admin/audit/?{query}")
    assert response.status_code == 400
    if query.startswith(("sort", "dir")):
        assert as_user("admin").get(f"/admin/audit/export.xlsx?{query}").status_code == 400


def test_paging_is_bounded_and_sorting_works(app: Flask, as_user: Any) -> None:
    from tests.webapp.conftest import login

    for _ in range(12):  # more events than one page holds
        assert login(app.test_client(), "school_a").status_code == 302
    admin = as_user("admin")
    total = count_events(app)
    assert total > 20
    first = admin.get("/admin/audit/?per_page=20").data.decode()
    assert event_rows(first) == 20
    last_page = -(-total // 20)
    assert f"共 {total} 条，第 1/{last_page} 页" in first
    tail = admin.get(f"/admin/audit/?per_page=20&page={last_page}").data.decode()
    assert event_rows(tail) == total - 20 * (last_page - 1)
    beyond = admin.get(f"/admin/audit/?per_page=20&page={last_page + 5}").data.decode()
    assert "没有符合条件的记录" in beyond

    def times(html: str) -> list[str]:
        return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'<td class="small when">([^<]+)</td>', html)]

    ascending = times(admin.get("/admin/audit/?sort=at&dir=asc&per_page=200").data.decode())
    descending = times(admin.get("/admin/audit/?sort=at&dir=desc&per_page=200").data.decode())
    assert len(ascending) == total and ascending == sorted(ascending)
    assert descending == sorted(descending, reverse=True)


def test_the_audit_log_refuses_updates_and_deletes(app: Flask) -> None:
    from sqlalchemy.exc import DBAPIError

    from webapp.extensions import db

    with app.app_context():
        with pytest.raises(DBAPIError), db.engine.begin() as connection:
            connection.execute(text("UPDATE audit_event SET reason = 'changed'"))
        with pytest.raises(DBAPIError), db.engine.begin() as connection:
            connection.execute(text("DELETE FROM audit_event"))


def test_admin_actions_leave_who_what_old_new(app: Flask, world: Any, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    as_user("admin").post(f"/admin/users/{world['school_b']}/active", data={"active": "0"})
    with app.app_context():
        event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "user_deactivated")).scalar_one()
        assert (event.actor_name, event.actor_role) == ("admin", "admin")
        assert (event.old, event.new) == ({"active": True}, {"active": False})
        assert event.at.date() >= dt.date.today() - dt.timedelta(days=1) and event.request_id
    page = as_user("admin").get("/admin/audit/?action=user_deactivated").data.decode()
    assert "停用账号" in page and "启用：是 → 否" in page


def test_a_fragment_of_a_name_finds_the_school_and_the_account(app: Flask, world: Any, as_user: Any) -> None:
    admin = as_user("admin")
    by_fragment = admin.get("/admin/audit/?school=第二中学&per_page=200").data.decode()
    assert event_rows(by_fragment) == count_events(app, school_id=world["school_b_id"]) > 0
    by_name_part = admin.get("/admin/audit/?user=school_&per_page=200").data.decode()  # _ is a character here
    from sqlalchemy import or_

    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        both = db.session.execute(
            select(func.count())
            .select_from(AuditEvent)
            .where(or_(AuditEvent.actor_id == world["school_a"], AuditEvent.actor_id == world["school_b"]))
        ).scalar_one()
    assert event_rows(by_name_part) == min(both, 200) > 0


def test_the_log_speaks_in_words(app: Flask, world: Any, as_user: Any) -> None:
    """Every change in words: the input's own label, statuses and roles by name, no JSON."""
    admin = as_user("admin")
    admin.post("/admin/users/", data={"username": "new-duxue", "role": "inspector", "display_name": "新督学"})
    page = admin.get("/admin/audit/?per_page=200").data.decode()
    body = table_body(page)
    assert "{" not in body and '"' not in re.sub(r'<[^>]+>', "", body)  # no raw JSON anywhere
    assert "每日校内体育活动时长：45" in body or "每日校内体育活动" in body  # school A's saved figure, by its label
    assert "角色：督学" in body and "用户名：new-duxue" in body
    assert "状态：已提交" in body or "状态：填报中 → 已提交" in body
    words = re.sub(r"<[^>]+>", "", body)
    for username in ("inspector_a", "inspector_b", "school_a", "school_b", "district_east", "district_west"):
        words = words.replace(username, "")
    assert "pe_minutes_daily" not in words and "inspector" not in words and "school" not in words


def test_the_change_words_cover_every_value_kind() -> None:
    from webapp.audit import change_summary, changes

    assert change_summary({"status": "submitted"}, {"status": "under_review"}) == "状态：已提交 → 核定中"
    assert change_summary(None, {"role": "school", "school": None}) == "角色：学校；学校：（空）"
    assert change_summary(52.94, 60.1) == "值：52.94 → 60.1"
    assert change_summary({"pe_minutes_daily": 45}, {"pe_minutes_daily": 60}, names={"pe_minutes_daily": "每日体育活动"}) == (
        "每日体育活动：45 → 60"
    )
    grades = changes(None, {"study_trips.P4": 2}, {"study_trips": "研学次数"})
    assert str(grades[0]) == "研学次数（四年级）：2"
    assert change_summary(None, {"schools": [f"S{i}" for i in range(9)]}) == "学校：S0、S1、S2、S3、S4、S5 等9项"
    assert change_summary(None, {"method": "PUT", "sha256": "ab" * 32, "size": 2_500_000}) == "操作：写入；大小：2.5 MB"
