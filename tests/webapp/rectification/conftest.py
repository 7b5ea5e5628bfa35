"""整改 fixtures: school B's assessment (submitted in the test world, assigned to inspector_b)
finalised with two problems — A1.1 overridden to 未达标, A2.1 to 部分达标 — so that finalisation
makes exactly those two tasks."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def finalise_b(app: Flask, world: Any) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.review import operations as review

    with app.test_request_context():
        inspector = db.session.get(User, world["inspector_b"])
        assessment_id = world["assessment_b"]

        def rubric() -> Any:
            from webapp.rubrics.library import rubric_of

            return rubric_of(db.session.get(Assessment, assessment_id).cycle.rubric_record)

        def version() -> int:
            db.session.expire_all()
            return db.session.get(Assessment, assessment_id).version

        review.start_review(assessment_id, inspector)
        review.record_review(
            assessment_id,
            inspector,
            version(),
            review.ReviewInput("A1.1", {}, override_status="not_met", reason="实地查看：大课间未开展，核定为未达标。"),
        )
        review.record_review(
            assessment_id,
            inspector,
            version(),
            review.ReviewInput(
                "A2.1", {}, override_status="partial", override_points=2.5, reason="两个班超过45人，核定为部分达标。"
            ),
        )
        pending = [item.id for item in review.unreviewed_items(db.session.get(Assessment, assessment_id), rubric())]
        review.confirm_remaining(assessment_id, inspector, version(), pending)  # 核定完成 needs every item reviewed
        review.finalise(assessment_id, inspector, version())


@pytest.fixture
def finalised(app: Flask, world: Any) -> Any:
    finalise_b(app, world)
    return world


def task_ids(app: Flask, world: Any) -> dict[str, int]:
    """Item id → task id of school B's tasks."""
    from webapp.rectification.operations import tasks_of

    with app.app_context():
        return {t.item_id: t.id for t in tasks_of(world["assessment_b"])}


def tasks(app: Flask, world: Any) -> dict[str, Any]:
    """Item id → (status, measures, outcome, note, deadline) of school B's tasks."""
    from webapp.rectification.operations import tasks_of

    with app.app_context():
        return {
            t.item_id: (t.status.value, t.measures, t.outcome, t.reinspection_note, t.deadline)
            for t in tasks_of(world["assessment_b"])
        }


def versions(app: Flask, world: Any) -> dict[int, int]:
    from webapp.rectification.operations import tasks_of

    with app.app_context():
        return {t.id: t.version for t in tasks_of(world["assessment_b"])}


def report_form(app: Flask, world: Any, action: str, **texts: tuple[str, str]) -> dict[str, Any]:
    """The 整改报告 form as posted: ``A1_1=("措施", "成效")`` per task, with the current versions."""
    ids = task_ids(app, world)
    current = versions(app, world)
    data: dict[str, Any] = {"action": action}
    for item_id, task_id in ids.items():
        measures, outcome = texts.get(item_id.replace(".", "_"), ("", ""))
        data[f"measures-{task_id}"] = measures
        data[f"outcome-{task_id}"] = outcome
        data[f"version-{task_id}"] = str(current[task_id])
    return data


def school_url(world: Any) -> str:
    return f"/school/assessments/{world['assessment_b']}/rectification"


def inspector_url(world: Any) -> str:
    return f"/inspector/assessments/{world['assessment_b']}/rectification"


def submit_both(app: Flask, world: Any, school: Any) -> None:
    response = school.post(
        school_url(world),
        data=report_form(
            app,
            world,
            "submit",
            A1_1=("调整作息时间表，每天下午增设30分钟大课间。", "每日校内体育活动已达70分钟。"),
            A2_1=("新学期分班时把两个大班拆分。", "最大班额已降为44人。"),
        ),
    )
    assert response.status_code == 303, response.data.decode()[:2000]


def reinspect(app: Flask, world: Any, inspector: Any, item_id: str, verdict: str, note: str = "") -> Any:
    task_id = task_ids(app, world)[item_id]
    return inspector.post(
        inspector_url(world),
        data={"task": str(task_id), "version": str(versions(app, world)[task_id]), "verdict": verdict, "note": note},
    )
