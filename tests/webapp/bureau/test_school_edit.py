"""One school on its page: renamed, its profile changed, moved to another district,
deactivated (its accounts refused at login, the school gone from new cycles, assignments and
the default lists, its history kept) and reactivated. Every change audited old → new."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from tests.webapp.conftest import login


def edit_data(world: Any, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "东区第一小学",
        "district": str(world["district_east_id"]),
        "stages": ["primary"],
        "public": "1",
        "boarding": "0",
        "has_canteen": "1",
    }
    data.update(changes)
    return data


def school_row(app: Flask, school_id: int) -> tuple[Any, ...]:
    from webapp.extensions import db
    from webapp.models import School

    with app.app_context():
        s = db.session.get(School, school_id)
        assert s is not None
        return (s.name, s.stages, s.public, s.boarding, s.has_canteen, s.district.name if s.district else None, s.active)


def last_event(app: Flask, action: str) -> Any:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        event = (
            db.session.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc()))
            .scalars()
            .first()
        )
        return (event.old, event.new, event.school_id, event.reason) if event else None


def test_the_admin_sees_the_form_with_the_schools_values_and_others_do_not(world: Any, as_user: Any) -> None:
    url = f"/admin/schools/{world['school_a_id']}"
    page = as_user("admin").get(url).data.decode()
    assert "修改学校信息" in page and 'value="东区第一小学"' in page and "停用本校" in page
    assert "本校参加了" in page  # school A takes part in the open cycle: the profile warning
    officer = as_user("district_east").get(url).data.decode()
    assert "修改学校信息" not in officer and "停用本校" not in officer


def test_moving_a_school_changes_which_district_officer_sees_it(app: Flask, world: Any, as_user: Any) -> None:
    a = world["school_a_id"]
    assert as_user("district_west").get(f"/admin/schools/{a}").status_code == 404
    response = as_user("admin").post(
        f"/admin/schools/{a}/edit", data=edit_data(world, name="东区第一实验小学", district=str(world["district_west_id"]))
    )
    assert response.status_code == 303
    assert school_row(app, a)[0] == "东区第一实验小学" and school_row(app, a)[5] == "西区"
    assert as_user("district_west").get(f"/admin/schools/{a}").status_code == 200
    assert as_user("district_east").get(f"/admin/schools/{a}").status_code == 404
    assert "东区第一实验小学" in as_user("district_west").get("/admin/schools/").data.decode()
    assert "东区第一实验小学" not in as_user("district_east").get("/admin/schools/").data.decode()
    old, new, school_id, _ = last_event(app, "school_changed")
    assert old == {"name": "东区第一小学", "district": "东区"} and new == {"name": "东区第一实验小学", "district": "西区"}
    assert school_id == a
    history = as_user("admin").get("/admin/audit/?school=A001").data.decode()
    assert "修改学校信息" in history


def test_a_profile_change_rescores_the_draft_of_the_current_cycle(app: Flask, world: Any, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        before = db.session.get(Assessment, world["assessment_a"]).applicable_count
    response = as_user("admin").post(
        f"/admin/schools/{world['school_a_id']}/edit",
        data=edit_data(world, stages=["primary", "junior"], boarding="1", public="0"),
    )
    assert response.status_code == 303
    assert school_row(app, world["school_a_id"])[1:5] == ("primary,junior", False, True, True)
    with app.app_context():
        after = db.session.get(Assessment, world["assessment_a"]).applicable_count
    assert after == before + 1  # the sample rubric's boarding item now applies
    old, new, _, _ = last_event(app, "school_changed")
    assert old == {"stages": "小学", "public": True, "boarding": False}
    assert new == {"stages": "小学、初中", "public": False, "boarding": True}


def test_a_profile_change_after_submission_is_refused_and_nothing_changes(
    app: Flask, world: Any, as_user: Any
) -> None:
    b = world["school_b_id"]
    before = school_row(app, b)
    data = edit_data(world, name="西区第二中学", district=str(world["district_west_id"]), stages=["junior", "senior"])
    response = as_user("admin").post(f"/admin/schools/{b}/edit", data=data)
    assert response.status_code == 422
    page = response.data.decode()
    assert "不能修改" in page and "退回修改" in page
    assert school_row(app, b) == before and last_event(app, "school_changed") is None
    renamed = as_user("admin").post(f"/admin/schools/{b}/edit", data={**data, "stages": ["junior"], "name": "西区第二中学（新校区）"})
    assert renamed.status_code == 303 and school_row(app, b)[0] == "西区第二中学（新校区）"


def test_bad_input_is_shown_beside_the_field_and_what_was_typed_is_kept(app: Flask, world: Any, as_user: Any) -> None:
    a = world["school_a_id"]
    before = school_row(app, a)
    response = as_user("admin").post(
        f"/admin/schools/{a}/edit", data=edit_data(world, name="", stages=[], district="99999", boarding="也许")
    )
    assert response.status_code == 422
    page = response.data.decode()
    assert "请填写学校名称" in page and "请至少选择一个学段" in page and "请选择区县" in page
    assert school_row(app, a) == before
    kept = as_user("admin").post(f"/admin/schools/{a}/edit", data=edit_data(world, name="改了的名字", stages=[]))
    assert kept.status_code == 422 and 'value="改了的名字"' in kept.data.decode()


def test_a_deactivated_school_is_hidden_and_its_account_refused_until_reactivated(
    app: Flask, world: Any, as_user: Any
) -> None:
    a = world["school_a_id"]
    school = as_user("school_a")
    assert school.get("/school/").status_code == 200
    admin = as_user("admin")
    response = admin.post(f"/admin/schools/{a}/active", data={"active": "0", "reason": "已并入东区第二小学"})
    assert response.status_code == 303
    assert "不能登录" in admin.get(response.headers["Location"]).data.decode()  # the message, shown once
    assert school_row(app, a)[6] is False
    assert last_event(app, "school_deactivated") == ({"active": True}, {"active": False}, a, "已并入东区第二小学")
    # its account: the open session ends, a new login is refused with the reason
    assert "/login" in school.get("/school/").headers["Location"]
    refused = login(app.test_client(), "school_a")
    assert refused.status_code == 200 and "该学校已停用" in refused.data.decode()
    # hidden from the default list, new cycles and assignments; shown on request; history kept
    assert "东区第一小学" not in admin.get("/admin/schools/").data.decode()
    assert "东区第一小学" in admin.get("/admin/schools/?inactive=1").data.decode()
    assert "东区第一小学" not in admin.get("/admin/cycles/").data.decode().split("开始新的年度评估")[1]
    assert "东区第一小学" not in admin.get(f"/admin/assignments/?inspector={world['inspector_b']}").data.decode()
    assert "2024年度测试评估" in admin.get(f"/admin/schools/{a}").data.decode()
    assert admin.post(f"/admin/schools/{a}/active", data={"active": "1"}).status_code == 303
    assert login(app.test_client(), "school_a").status_code == 302


def test_only_the_admin_edits_or_deactivates(app: Flask, world: Any, as_user: Any) -> None:
    a = world["school_a_id"]
    before = school_row(app, a)
    officer = as_user("district_east")
    assert officer.post(f"/admin/schools/{a}/edit", data=edit_data(world, name="改名")).status_code == 403
    assert officer.post(f"/admin/schools/{a}/active", data={"active": "0"}).status_code == 403
    assert as_user("admin").post("/admin/schools/99999/edit", data=edit_data(world)).status_code == 404
    assert school_row(app, a) == before


def test_a_finalised_year_keeps_the_profile_it_was_judged_with(app: Flask, world: Any, as_user: Any) -> None:
    """Changing a school's 学段 or 寄宿 later must not change which items applied to a year
    already finalised: the profile is kept on the assessment at 核定完成."""
    from webapp.assessments import self_card, verified_card
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.review import operations as review
    from webapp.rubrics.library import rubric_of

    with app.app_context():
        inspector = db.session.get(User, world["inspector_b"])
        review.start_review(world["assessment_b"], inspector)
        b = db.session.get(Assessment, world["assessment_b"])
        rubric = rubric_of(b.cycle.rubric_record)
        review.confirm_remaining(b.id, inspector, b.version, [i.id for i in review.unreviewed_items(b, rubric)])
        b = db.session.get(Assessment, world["assessment_b"])
        review.finalise(b.id, inspector, b.version)
        b = db.session.get(Assessment, world["assessment_b"])
        before = (b.profile, verified_card(b, rubric), self_card(b, rubric).items)
        assert b.profile_snapshot == b.school.profile.to_dict()
    data = edit_data(
        world, name="西区第二中学", district=str(world["district_west_id"]), stages=["junior", "senior"], boarding="1"
    )
    assert as_user("admin").post(f"/admin/schools/{world['school_b_id']}/edit", data=data).status_code == 303
    with app.app_context():
        b = db.session.get(Assessment, world["assessment_b"])
        rubric = rubric_of(b.cycle.rubric_record)
        assert b.school.profile.boarding and b.school.profile != before[0]  # the record changed …
        assert (b.profile, verified_card(b, rubric), self_card(b, rubric).items) == before  # … the year did not
