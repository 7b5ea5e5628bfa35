"""Cycles (年度评估) from the admin's pages: open, change, add schools, close (schools can no
longer change anything), reopen; every step in the audit log."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select


def cycle_row(app: Flask, cycle_id: int) -> Any:
    from webapp.extensions import db
    from webapp.models import Cycle

    with app.app_context():
        cycle = db.session.get(Cycle, cycle_id)
        return (cycle.name, cycle.status, cycle.deadline, sorted(a.school.code for a in cycle.assessments))


def actions(app: Flask) -> list[str]:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        return list(db.session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def test_closing_a_cycle_stops_schools_from_saving_and_reopening_lets_them(
    app: Flask, world: Any, as_user: Any
) -> None:
    admin, school = as_user("admin"), as_user("school_a")
    cycle, a = world["cycle"], world["assessment_a"]
    assert admin.post(f"/admin/cycles/{cycle}/close").status_code == 303
    assert cycle_row(app, cycle)[1] == "closed"
    page = admin.get(f"/admin/cycles/{cycle}").data.decode()
    assert "已结束：学校不能再修改或提交自评" in page and "重新开放" in page
    saved = school.post(f"/school/assessments/{a}/A", data={"version": "99", "fields": "pe_minutes_daily"})
    assert saved.status_code == 409
    again = admin.post(f"/admin/cycles/{cycle}/close")
    assert again.status_code == 303 and "不能结束" in admin.get(f"/admin/cycles/{cycle}").data.decode()
    assert admin.post(f"/admin/cycles/{cycle}/reopen", data={"reason": "延长提交期限"}).status_code == 303
    assert cycle_row(app, cycle)[1] == "open"
    assert actions(app)[-2:] == ["cycle_closed", "cycle_reopened"]


def test_only_one_cycle_may_be_open_and_a_new_one_takes_the_chosen_schools(
    app: Flask, world: Any, as_user: Any
) -> None:
    from tests.webapp.test_access_matrix import db_digest

    admin = as_user("admin")
    form = {
        "name": "2025年度评估",
        "year": "2025",
        "rubric": "1",
        "deadline": "2025-10-31",
        "schools": [str(world["school_b_id"])],
    }
    before = db_digest(app)
    refused = admin.post("/admin/cycles/", data=form)
    assert refused.status_code == 422
    text = refused.data.decode()
    assert "已有进行中的年度评估“2024年度测试评估”" in text
    assert 'value="2025年度评估"' in text  # what was typed is still there
    assert db_digest(app) == before
    admin.post(f"/admin/cycles/{world['cycle']}/close")
    opened = admin.post("/admin/cycles/", data=form)
    assert opened.status_code == 303
    new_id = int(opened.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    name, status, deadline, schools = cycle_row(app, new_id)
    assert (name, status, str(deadline), schools) == ("2025年度评估", "open", "2025-10-31", ["B001"])


def test_cycle_form_errors_are_shown_beside_the_fields(app: Flask, world: Any, as_user: Any) -> None:
    admin = as_user("admin")
    admin.post(f"/admin/cycles/{world['cycle']}/close")
    response = admin.post(
        "/admin/cycles/", data={"name": "", "year": "二〇二五", "rubric": "999", "deadline": "2025-13-45"}
    )
    assert response.status_code == 422
    text = response.data.decode()
    for message in (
        "请填写名称",
        "年度应为整数",
        "请选择已发布的评估细则",
        "日期格式应为 2024-09-30",
        "请至少选择一所参评学校",
    ):
        assert message in text
    assert 'value="二〇二五"' in text
    bogus = admin.post("/admin/cycles/", data={"name": "x", "year": "2025", "rubric": "1", "schools": ["99999"]})
    assert bogus.status_code == 422 and "不存在或无权选择的学校" in bogus.data.decode()


def test_changing_the_deadline_and_adding_a_school(app: Flask, world: Any, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment, District, School

    with app.app_context():
        district = db.session.execute(select(District)).scalars().first()
        db.session.add(School(code="C001", name="新建小学", district_id=district.id, stages="primary"))
        db.session.commit()
        new_id = db.session.execute(select(School.id).where(School.code == "C001")).scalar_one()
    admin = as_user("admin")
    cycle = world["cycle"]
    page = admin.get(f"/admin/cycles/{cycle}").data.decode()
    assert "新建小学" in page  # offered as a school to add
    response = admin.post(
        f"/admin/cycles/{cycle}",
        data={"name": "2024年度测试评估", "deadline": "2031-01-15", "add_schools": [str(new_id)]},
    )
    assert response.status_code == 303
    _name, status, deadline, schools = cycle_row(app, cycle)
    assert status == "open"
    assert str(deadline) == "2031-01-15" and schools == ["A001", "B001", "C001"]
    with app.app_context():
        added = db.session.execute(select(Assessment).where(Assessment.school_id == new_id)).scalar_one()
        assert added.status == "draft" and added.applicable_count > 0 and added.answered_count == 0
    assert actions(app)[-2:] == ["cycle_changed", "cycle_schools_added"]
    bad = admin.post(f"/admin/cycles/{cycle}", data={"name": "", "deadline": "明天"})
    assert bad.status_code == 422 and "请填写名称" in bad.data.decode() and "日期格式" in bad.data.decode()


def test_an_unknown_cycle_is_404(as_user: Any) -> None:
    admin = as_user("admin")
    assert admin.get("/admin/cycles/999").status_code == 404
    assert admin.post("/admin/cycles/999/close").status_code == 404
    assert admin.get("/admin/?cycle=999").status_code == 404
    assert admin.get("/admin/?cycle=abc").status_code == 400


def test_the_doc_number_and_the_days_for_rectification_are_set_on_the_cycle_page(
    app: Flask, world: Any, as_user: Any
) -> None:
    """The 文号 printed on every 督导评估意见书 of the cycle and the days a school has for its
    整改报告 (the deadline of its 整改 tasks) are the bureau's to set, in the browser."""
    from webapp.extensions import db
    from webapp.models import AuditEvent, Cycle

    admin = as_user("admin")
    cycle = world["cycle"]
    form = {"name": "2024年度测试评估", "deadline": "2031-01-15"}
    bad = admin.post(f"/admin/cycles/{cycle}", data={**form, "doc_number": "营教督〔2024〕12号", "rectify_days": "三十"})
    assert bad.status_code == 422
    assert "整改期限应为整数" in bad.data.decode() and "营教督〔2024〕12号" in bad.data.decode()  # nothing lost
    too_long = admin.post(f"/admin/cycles/{cycle}", data={**form, "rectify_days": "0"})
    assert too_long.status_code == 422 and "整改期限应在1到365之间" in too_long.data.decode()
    ok = admin.post(f"/admin/cycles/{cycle}", data={**form, "doc_number": " 营教督〔2024〕12号 ", "rectify_days": "45"})
    assert ok.status_code == 303
    with app.app_context():
        saved = db.session.get(Cycle, cycle)
        assert (saved.doc_number, saved.rectify_days) == ("营教督〔2024〕12号", 45)
        event = db.session.execute(select(AuditEvent).order_by(AuditEvent.id.desc())).scalars().first()
        assert event.action == "cycle_changed" and event.new["rectify_days"] == 45
    page = admin.get(f"/admin/cycles/{cycle}").data.decode()
    assert 'value="营教督〔2024〕12号"' in page and 'value="45"' in page
    cleared = admin.post(f"/admin/cycles/{cycle}", data={**form, "doc_number": "", "rectify_days": ""})
    assert cleared.status_code == 303
    with app.app_context():
        saved = db.session.get(Cycle, cycle)
        assert (saved.doc_number, saved.rectify_days) == (None, None)


def test_adding_schools_keeps_the_doc_number_and_the_days(app: Flask, world: Any, as_user: Any) -> None:
    """The 加入勾选的学校 form posts the cycle's other fields as they are: nothing set is lost."""
    import re

    from webapp.extensions import db
    from webapp.models import Cycle, District, School

    with app.app_context():
        district = db.session.execute(select(District)).scalars().first()
        db.session.add(School(code="C001", name="新建小学", district_id=district.id, stages="primary"))
        cycle = db.session.get(Cycle, world["cycle"])
        cycle.doc_number, cycle.rectify_days = "营教督〔2024〕12号", 45
        db.session.commit()
        new_id = db.session.execute(select(School.id).where(School.code == "C001")).scalar_one()
    admin = as_user("admin")
    page = admin.get(f"/admin/cycles/{world['cycle']}").data.decode()
    assert re.search(r"<title>2024年度测试评估 · [^<]*</title>", page)  # the page's title is its name, no more
    form = page[page.index('id="add"') :]
    form = form[form.index('name="name"') - 200 : form.index("加入勾选的学校")]
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))
    assert hidden["doc_number"] == "营教督〔2024〕12号" and hidden["rectify_days"] == "45"
    data = {k: v for k, v in hidden.items() if k != "csrf_token"}
    assert admin.post(f"/admin/cycles/{world['cycle']}", data={**data, "add_schools": [str(new_id)]}).status_code == 303
    with app.app_context():
        cycle = db.session.get(Cycle, world["cycle"])
        assert (cycle.doc_number, cycle.rectify_days) == ("营教督〔2024〕12号", 45)
        assert "C001" in {a.school.code for a in cycle.assessments}
