"""The inspector's review (核定): confirm, correct with a reason, override, return, finalise.

School B's assessment is submitted in the test world and assigned to inspector_b.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from tests.webapp.conftest import version_of


def overview(world: Any) -> str:
    return f"/inspector/assessments/{world['assessment_b']}/overview"


def section(world: Any, dim: str) -> str:
    return f"/inspector/assessments/{world['assessment_b']}/{dim}"


def review(client: Any, world: Any, item: str, dim: str, **fields: str) -> Any:
    page = client.get(section(world, dim)).data.decode()
    found = re.search(r'name="version" type="hidden" value="(\d+)"', page)  # absent when read-only
    data = {"version": found.group(1) if found else "1", "action": "save", **fields}
    return client.post(f"/inspector/assessments/{world['assessment_b']}/items/{item}", data=data)


def verified(app: Flask, world: Any) -> Any:
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        a = db.session.get(Assessment, world["assessment_b"])
        return a.status, a.verified_percent, dict(a.verified_results), {r.item_id: r for r in a.reviews}


def test_the_queue_lists_assigned_schools_only(as_user, world) -> None:
    html = as_user("inspector_b").get("/inspector/?show=all").data.decode()
    assert "西区第二中学" in html and "东区第一小学" not in html
    assert "开始核定" in as_user("inspector_b").get("/inspector/").data.decode()


def test_a_correction_that_changes_the_result_needs_a_reason(app: Flask, as_user, world) -> None:
    client = as_user("inspector_b")
    refused = review(client, world, "A2.1", "A", **{"c-max_class_size": "50"})
    assert refused.status_code == 422
    html = refused.data.decode()
    assert "必须填写核定理由" in html
    assert 'value="50"' in html  # what the inspector typed is still there
    _, _, _, reviews = verified(app, world)
    assert "A2.1" not in reviews


def test_a_corrected_figure_is_rescored_by_the_same_engine(app: Flask, as_user, world) -> None:
    client = as_user("inspector_b")
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        before = db.session.get(Assessment, world["assessment_b"]).self_percent
    done = review(client, world, "A2.1", "A", **{"c-max_class_size": "50", "reason": "实地查看：初二（3）班50人"})
    assert done.status_code == 303
    status, after, results, reviews = verified(app, world)
    assert status == "under_review"
    assert (results["A2.1"].status, results["A2.1"].earned) == ("partial", 4.0)  # 最大班额50人，要求≤45人: 按档次得80%
    assert reviews["A2.1"].corrected == {"max_class_size": 50}
    assert after < before
    page = client.get(section(world, "A")).data.decode()
    assert "最大班额50人，要求≤45人，部分达标" in page
    diff = client.get(overview(world)).data.decode()
    assert "实地查看：初二（3）班50人" in diff and "更正：最大班额 45 → 50" in diff


def test_an_override_with_a_reason_sets_the_result(app: Flask, as_user, world) -> None:
    client = as_user("inspector_b")
    done = review(client, world, "C1.1", "C", override_status="not_met", reason="现场未见明厨亮灶设备")
    assert done.status_code == 303
    _, _, results, _ = verified(app, world)
    assert (results["C1.1"].status, results["C1.1"].earned) == ("not_met", 0.0)
    partial = review(client, world, "C1.3", "C", override_status="partial", reason="仅部分班级参加演练")
    assert partial.status_code == 422 and "部分达标须给出得分" in partial.data.decode()
    ok = review(
        client, world, "C1.3", "C", override_status="partial", override_points="2.5", reason="仅部分班级参加演练"
    )
    assert ok.status_code == 303
    assert verified(app, world)[2]["C1.3"][:2] == ("partial", 2.5)


def test_confirming_a_page_reviews_its_items_without_changing_scores(app: Flask, as_user, world) -> None:
    client = as_user("inspector_b")
    before = verified(app, world)
    page = client.get(section(world, "B")).data.decode()
    response = client.post(
        f"/inspector/assessments/{world['assessment_b']}/confirm/B", data={"version": version_of(page)}
    )
    assert response.status_code == 303
    status, percent, _, reviews = verified(app, world)
    assert status == "under_review" and {"B1.1", "B1.2", "B2.1", "B2.2"} <= set(reviews)
    assert percent == before[1] or before[1] is None


def test_a_stale_review_is_refused(app: Flask, as_user, world) -> None:
    client = as_user("inspector_b")
    page = client.get(section(world, "A")).data.decode()
    review(client, world, "A1.1", "A", reason="", comment="请补充作息时间表")
    stale = client.post(
        f"/inspector/assessments/{world['assessment_b']}/items/A2.1",
        data={"version": version_of(page), "action": "save", "c-max_class_size": "60", "reason": "x"},
    )
    assert stale.status_code == 409
    assert "已被修改" in stale.data.decode()
    assert "A2.1" not in verified(app, world)[3]


def test_return_then_resubmit_then_finalise_locks_everything(app: Flask, as_user, world) -> None:
    inspector, school = as_user("inspector_b"), as_user("school_b")
    review(inspector, world, "B1.1", "B", comment="请补充交流教师名单。")
    page = inspector.get(overview(world)).data.decode()
    returned = inspector.post(
        f"/inspector/assessments/{world['assessment_b']}/return",
        data={"version": version_of(page), "note": "补充材料后重新提交"},
    )
    assert returned.status_code == 303
    assert verified(app, world)[0] == "returned"
    mine = f"/school/assessments/{world['assessment_b']}/B"
    html = school.get(mine).data.decode()
    assert "督学意见：" in html and "请补充交流教师名单。" in html
    # the inspector cannot review while it is back with the school
    assert review(inspector, world, "B1.2", "B").status_code == 409
    form = school.get(mine).data.decode()
    assert (
        school.post(
            mine, data={"version": version_of(form), "fields": "eligible_teachers", "eligible_teachers": "44"}
        ).status_code
        == 303
    )
    submit = f"/school/assessments/{world['assessment_b']}/submit"
    assert school.post(submit, data={"version": version_of(school.get(submit).data.decode())}).status_code == 303
    page = inspector.get(overview(world)).data.decode()
    rest = {"version": version_of(page), "items": re.findall(r'name="items" value="([^"]+)"', page)}
    assert inspector.post(f"/inspector/assessments/{world['assessment_b']}/confirm-rest", data=rest).status_code == 303
    page = inspector.get(overview(world)).data.decode()
    assert (
        inspector.post(
            f"/inspector/assessments/{world['assessment_b']}/finalise", data={"version": version_of(page)}
        ).status_code
        == 303
    )
    status, percent, _, _ = verified(app, world)
    assert status == "finalised" and percent is not None
    # locked for everyone
    assert review(inspector, world, "B1.2", "B").status_code == 409
    form = school.get(mine).data.decode()
    assert (
        school.post(
            mine, data={"version": version_of(form), "fields": "eligible_teachers", "eligible_teachers": "1"}
        ).status_code
        == 409
    )
    assert "已核定" in school.get("/school/").data.decode()


def test_every_review_step_is_audited_with_its_reason(app: Flask, as_user, world) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    review(as_user("inspector_b"), world, "A2.1", "A", **{"c-max_class_size": "50", "reason": "实地查看"})
    with app.app_context():
        events = (
            db.session.execute(
                db.select(AuditEvent).where(AuditEvent.assessment_id == world["assessment_b"]).order_by(AuditEvent.id)
            )
            .scalars()
            .all()
        )
        actions = [e.action for e in events]
        assert "review_started" in actions and "item_reviewed" in actions and "verified_score_changed" in actions
        reviewed = next(e for e in events if e.action == "item_reviewed")
        assert reviewed.reason == "实地查看" and reviewed.new["corrected"] == {"max_class_size": 50}
        assert reviewed.actor_role == "inspector"


def test_admins_and_the_district_read_the_review_but_cannot_act(as_user, world) -> None:
    admin_page = as_user("admin").get(overview(world)).data.decode()
    assert "西区第二中学" in admin_page
    assert "/finalise" not in admin_page and "/return" not in admin_page  # read-only: no action forms
    assert as_user("district_west").get(overview(world)).status_code == 200
    assert as_user("district_east").get(overview(world)).status_code == 404
    assert as_user("inspector_a").get(overview(world)).status_code == 404


def test_the_visit_record_of_a_finalisation_reads_in_chinese_in_the_audit_log(app: Flask, as_user, world) -> None:
    inspector = as_user("inspector_b")
    page = inspector.get(overview(world)).data.decode()
    rest = {"version": version_of(page), "items": re.findall(r'name="items" value="([^"]+)"', page)}
    assert inspector.post(f"/inspector/assessments/{world['assessment_b']}/confirm-rest", data=rest).status_code == 303
    page = inspector.get(overview(world)).data.decode()
    visit = {"visit_start": "2024-11-18", "visit_end": "2024-11-20", "team": "王督学、李督学", "lessons": "12"}
    finalised = inspector.post(
        f"/inspector/assessments/{world['assessment_b']}/finalise", data={"version": version_of(page), **visit}
    )
    assert finalised.status_code == 303
    log = as_user("admin").get("/admin/audit/").data.decode()
    entry = log.split("现场核查：")[1].split("</li>")[0]  # the 核定完成 event's 评估过程
    assert "实地评估开始日期：2024-11-18" in entry and "评估组成员：王督学、李督学" in entry and "听课：12" in entry
    for key in ("visit_start", "visit_end", "inspection_team", "lessons_observed", "meetings_held", "documents_reviewed"):
        assert key not in log


def test_a_finalisation_without_a_visit_record_logs_none(app: Flask, as_user, world) -> None:
    """An empty 评估过程 form says nothing: no all-「（空）」 现场核查 entry in the log."""
    inspector = as_user("inspector_b")
    page = inspector.get(overview(world)).data.decode()
    rest = {"version": version_of(page), "items": re.findall(r'name="items" value="([^"]+)"', page)}
    assert inspector.post(f"/inspector/assessments/{world['assessment_b']}/confirm-rest", data=rest).status_code == 303
    page = inspector.get(overview(world)).data.decode()
    finalised = inspector.post(f"/inspector/assessments/{world['assessment_b']}/finalise", data={"version": version_of(page)})
    assert finalised.status_code == 303
    log = as_user("admin").get("/admin/audit/").data.decode()
    assert "核定完成" in log and "现场核查：" not in log
