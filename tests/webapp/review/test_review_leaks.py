"""What leaked out of the review (issue 16): unfinished work of an earlier cycle in the queue, the
queue's search, filters and pages, finalising with items never looked at, old findings that
survived a resubmission, a refused save left on an address that only takes POST, the bonus.

School B's assessment is submitted in the test world and assigned to inspector_b.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Flask

from tests.webapp.conftest import version_of


def overview(world: Any) -> str:
    return f"/inspector/assessments/{world['assessment_b']}/overview"


def review(client: Any, world: Any, item: str, dim: str, **fields: str) -> Any:
    page = client.get(f"/inspector/assessments/{world['assessment_b']}/{dim}").data.decode()
    data = {"version": version_of(page), "action": "save", **fields}
    return client.post(f"/inspector/assessments/{world['assessment_b']}/items/{item}", data=data)


def next_cycle(app: Flask, world: Any) -> int:
    """结束本轮评估 and open the next year's for both schools; returns the new cycle's id."""
    from webapp.bureau import operations as bureau
    from webapp.extensions import db
    from webapp.models import Cycle, User

    with app.test_request_context():
        admin = db.session.get(User, world["admin"])
        bureau.close_cycle(world["cycle"], admin)
        rubric_record_id = db.session.get(Cycle, world["cycle"]).rubric_record_id
        cycle = bureau.open_new_cycle(
            "2025年度测试评估",
            2025,
            rubric_record_id,
            dt.date.today() + dt.timedelta(days=30),
            [world["school_a_id"], world["school_b_id"]],
            admin,
        )
        return int(cycle.id)


def audit(app: Flask, world: Any, action: str) -> list[Any]:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        return list(
            db.session.execute(
                db.select(AuditEvent)
                .where(AuditEvent.assessment_id == world["assessment_b"], AuditEvent.action == action)
                .order_by(AuditEvent.id)
            ).scalars()
        )


def test_a_new_cycle_keeps_last_years_pending_review_in_the_queue_marked_with_its_year(
    app: Flask, as_user, world
) -> None:
    next_cycle(app, world)
    html = as_user("inspector_b").get("/inspector/").data.decode()
    row = html[html.index("西区第二中学") :][:1500]
    assert "2024年度" in row and "开始核定" in row
    assert "往年评估中还有 1 份自评待核定" in html
    # the new cycle's untouched assessment is in 全部, as 未开始, with no score
    everything = as_user("inspector_b").get("/inspector/?show=all").data.decode()
    assert everything.count("西区第二中学") == 2 and "未开始" in everything


def add_schools(app: Flask, world: Any, count: int) -> None:
    """``count`` more schools in the world's cycle, assigned to inspector_b."""
    from webapp.database import write_transaction
    from webapp.extensions import db
    from webapp.models import Assessment, InspectorAssignment, School

    with app.app_context(), write_transaction():
        for n in range(count):
            district = world["district_east_id"] if n % 20 == 0 else world["district_west_id"]  # 000, 020, 040 东区
            school = School(code=f"X{n:03d}", name=f"测试学校{n:03d}", district_id=district, stages="primary")
            db.session.add(school)
            db.session.flush()
            db.session.add(Assessment(cycle_id=world["cycle"], school_id=school.id))
            db.session.add(InspectorAssignment(user_id=world["inspector_b"], school_id=school.id))


def test_the_queue_searches_filters_and_shows_fifty_rows_a_page(app: Flask, as_user, world) -> None:
    add_schools(app, world, 60)
    client = as_user("inspector_b")
    first = client.get("/inspector/?show=all").data.decode()
    assert first.count('href="/inspector/assessments/') >= 50
    assert len(re.findall(r"<tr>\s*<td><a href=\"/inspector/assessments/", first)) == 50
    assert "共 61 所，第 1/2 页" in first
    second = client.get("/inspector/?show=all&page=2").data.decode()
    assert len(re.findall(r"<tr>\s*<td><a href=\"/inspector/assessments/", second)) == 11
    found = client.get("/inspector/?show=all&q=测试学校05").data.decode()
    assert len(re.findall(r"<tr>\s*<td><a href=\"/inspector/assessments/", found)) == 10  # 050–059
    by_code = client.get("/inspector/?show=all&q=B00").data.decode()
    assert "西区第二中学" in by_code and "测试学校" not in by_code
    east = client.get(f"/inspector/?show=all&district={world['district_east_id']}").data.decode()
    assert len(re.findall(r"<tr>\s*<td><a href=\"/inspector/assessments/", east)) == 3
    assert "西区第二中学" not in east
    unstarted = client.get("/inspector/?show=draft").data.decode()
    assert "未开始" in unstarted and "0.00" not in unstarted.split("<tbody>")[1]
    # a cycle or district that is not there is ignored; a page that is not a number is a bad request
    assert client.get("/inspector/?show=all&cycle=x&district=²&stage=nursery").status_code == 200
    assert client.get("/inspector/?show=all&page=abc").status_code == 400


def test_finalising_needs_every_item_reviewed_and_the_rest_is_confirmed_by_name_once(
    app: Flask, as_user, world
) -> None:
    client = as_user("inspector_b")
    assert review(client, world, "C1.1", "C", override_status="not_met", reason="现场未见明厨亮灶设备").status_code == 303
    page = client.get(overview(world)).data.decode()
    refused = client.post(f"/inspector/assessments/{world['assessment_b']}/finalise", data={"version": version_of(page)})
    assert refused.status_code == 422
    assert "个要点未核定" in refused.data.decode()
    pending = re.findall(r'name="items" value="([^"]+)"', page)
    assert pending and "C1.1" not in pending and "其余要点按自评确认" in page
    done = client.post(
        f"/inspector/assessments/{world['assessment_b']}/confirm-rest",
        data={"version": version_of(page), "items": pending},
    )
    assert done.status_code == 303
    events = audit(app, world, "remaining_confirmed")
    assert len(events) == 1 and sorted(events[0].new["items"]) == sorted(pending)
    page = client.get(overview(world)).data.decode()
    assert 'name="items"' not in page  # nothing left to confirm: the action is gone
    again = client.post(
        f"/inspector/assessments/{world['assessment_b']}/confirm-rest",
        data={"version": version_of(page), "items": pending},
    )
    assert again.status_code == 422 and len(audit(app, world, "remaining_confirmed")) == 1
    final = client.post(f"/inspector/assessments/{world['assessment_b']}/finalise", data={"version": version_of(page)})
    assert final.status_code == 303


def test_confirming_the_rest_is_refused_when_the_list_shown_is_no_longer_what_is_open(
    app: Flask, as_user, world
) -> None:
    client = as_user("inspector_b")
    page = client.get(overview(world)).data.decode()
    shown = re.findall(r'name="items" value="([^"]+)"', page)
    response = client.post(
        f"/inspector/assessments/{world['assessment_b']}/confirm-rest",
        data={"version": version_of(page), "items": shown[1:]},
    )
    assert response.status_code == 409 and not audit(app, world, "remaining_confirmed")


def test_a_resubmission_sets_aside_the_findings_on_changed_items_and_keeps_the_others(
    app: Flask, as_user, world
) -> None:
    inspector, school = as_user("inspector_b"), as_user("school_b")
    assert (
        review(inspector, world, "B1.1", "B", **{"c-exchange_teachers": "3", "reason": "名单只有3人", "comment": "请核实"})
    ).status_code == 303
    assert review(inspector, world, "C1.1", "C", override_status="not_met", reason="现场未见设备").status_code == 303
    page = inspector.get(overview(world)).data.decode()
    assert "更正：交流教师" in page
    returned = inspector.post(
        f"/inspector/assessments/{world['assessment_b']}/return", data={"version": version_of(page), "note": "请核实"}
    )
    assert returned.status_code == 303
    mine = f"/school/assessments/{world['assessment_b']}/B"
    form = school.get(mine).data.decode()
    saved = school.post(mine, data={"version": version_of(form), "fields": "exchange_teachers", "exchange_teachers": "3"})
    assert saved.status_code == 303
    submit = f"/school/assessments/{world['assessment_b']}/submit"
    assert school.post(submit, data={"version": version_of(school.get(submit).data.decode())}).status_code == 303

    page = inspector.get(overview(world)).data.decode()
    assert "更正：交流教师" not in page  # the old correction is gone with its finding
    assert "学校已修改" in page and "现场未见设备" in page  # C1.1 was not changed: kept
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        reviews = {r.item_id for r in db.session.get(Assessment, world["assessment_b"]).reviews}
    assert "B1.1" not in reviews and "C1.1" in reviews
    section = inspector.get(f"/inspector/assessments/{world['assessment_b']}/B").data.decode()
    b11 = section[section.index('id="item-B1.1"') :][:600]
    assert "学校已修改" in b11 and "未核定" in b11
    aside = audit(app, world, "review_set_aside")
    assert [e.entity_id for e in aside] == ["B1.1"] and aside[0].old["reason"] == "名单只有3人"


def test_a_refused_review_leaves_an_address_that_can_be_opened_again(as_user, world) -> None:
    client = as_user("inspector_b")
    refused = review(client, world, "A2.1", "A", **{"c-max_class_size": "50"})
    assert refused.status_code == 422  # shown again with what was typed …
    url = f"/inspector/assessments/{world['assessment_b']}/items/A2.1"
    again = client.get(url)  # … and opening that address again leads back to the item, not 405
    assert again.status_code == 302 and again.headers["Location"].endswith("/A#item-A2.1")
    for action in ("finalise", "return", "confirm-rest"):
        response = client.get(f"/inspector/assessments/{world['assessment_b']}/{action}")
        assert response.status_code == 302 and response.headers["Location"].endswith("/overview")


def test_the_overview_shows_the_bonus_in_the_words_of_every_page(as_user, world) -> None:
    html = as_user("inspector_b").get(overview(world)).data.decode()
    row = html[html.index("D 加分项</a></td>") :][:400]
    assert "加分" in row and "上限3分" in row
    assert ">0</td><td class=\"num\">0</td><td class=\"num\">0<" not in row
