"""Rubrics from the admin's pages: an uploaded file is checked (findings listed, a broken file
refused), compared with the rubric in use and published; a plan's extraction candidates are
reviewed one by one into a draft that passes ``rubric check``."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from checklist.loader import load_rubric_text
from tests.webapp.conftest import SAMPLE_RUBRIC

PLAN = "004_d9e5581cac34f553.txt"


def records(app: Flask) -> list[tuple[str, int]]:
    from webapp.extensions import db
    from webapp.models import RubricRecord

    with app.app_context():
        return [
            (r.rubric_id, r.version)
            for r in db.session.execute(select(RubricRecord).order_by(RubricRecord.id)).scalars()
        ]


def sample(version: int = 1, **replace: str) -> str:
    text = SAMPLE_RUBRIC.read_text(encoding="utf-8").replace("version: 1\n", f"version: {version}\n", 1)
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_a_broken_rubric_shows_every_finding_and_cannot_be_published(app: Flask, as_user: Any) -> None:
    broken = sample(2, **{"id: A1.1\n": "id: A1.2\n", "kind: at_least": "kind: at_lest"})
    admin = as_user("admin")
    response = admin.post("/admin/rubrics/check", data={"file": (io.BytesIO(broken.encode()), "细则.yaml")})
    assert response.status_code == 422
    page = response.data.decode()
    assert "不能发布" in page and "细则.yaml" in page
    assert "at_lest" in page  # the unknown rule kind, named
    assert "A1.2" in page  # the duplicated id, named
    assert "/admin/rubrics/publish" not in page
    refused = admin.post("/admin/rubrics/publish", data={"yaml_text": broken})
    assert refused.status_code == 422 and "不能发布" in refused.data.decode()
    assert records(app) == [("sample-2024", 1)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"file": (io.BytesIO(b"id: x"), "rubric.txt")}, "只接受 YAML 文件"),
        ({"file": (io.BytesIO("标题: 测试".encode("gbk")), "rubric.yaml")}, "不是 UTF-8 编码"),
        ({}, "请选择评估细则文件，或粘贴 YAML 内容"),
        ({"text": "- just\n- a list\n"}, "不能发布"),
        ({"text": "key: [unclosed\n"}, "不能发布"),
    ],
    ids=["not-yaml", "gbk", "nothing", "a-list", "bad-syntax"],
)
def test_wrong_uploads_get_a_clear_message(as_user: Any, data: dict[str, Any], message: str) -> None:
    response = as_user("admin").post("/admin/rubrics/check", data=data)
    assert response.status_code == 422
    assert message in response.data.decode()


def test_a_new_version_is_checked_compared_and_published(app: Flask, as_user: Any) -> None:
    raised = "value: 90}\n            basis: {kind: bureau_decision, note: 教育局决定提高到90分钟"
    text = sample(2, **{"value: 60": raised})
    admin = as_user("admin")
    checked = admin.post("/admin/rubrics/check", data={"text": text})
    assert checked.status_code == 200
    page = checked.data.decode()
    assert "检查通过" in page and "与正在使用的细则比较" in page
    assert "阈值不同" in page  # the changed threshold shows in the comparison
    assert re.search(r'name="yaml_text"', page)
    published = admin.post("/admin/rubrics/publish", data={"yaml_text": text})
    assert published.status_code == 303
    assert records(app) == [("sample-2024", 1), ("sample-2024", 2)]
    record_page = admin.get(published.headers["Location"]).data.decode()
    assert "已发布" in record_page and "<code>sample-2024</code> · 第2版" in record_page
    again = admin.post("/admin/rubrics/check", data={"text": text}).data.decode()
    assert "已经发布过，且内容完全相同" in again
    changed = admin.post("/admin/rubrics/check", data={"text": text.replace("测试用评估细则", "测试用评估细则（改）")})
    assert "已经发布过，但内容不同" in changed.data.decode()
    clash = admin.post("/admin/rubrics/publish", data={"yaml_text": text.replace("测试用评估细则", "别的标题")})
    assert clash.status_code == 422 and "修改请提高版本号" in clash.data.decode()
    download = admin.get("/admin/rubrics/2.yaml")
    assert download.status_code == 200 and download.data.decode("utf-8") == text


# --------------------------------------------------------------------------------------------
# Reviewing a plan's candidates into a draft rubric


def review(app: Flask) -> Any:
    from webapp.rubrics import pages as rubric_pages

    with app.test_request_context():
        return rubric_pages.plan_review(PLAN)


def pick(app: Flask) -> list[Any]:
    """A few acceptable school-level candidates, one of them with a threshold."""
    views = review(app).candidates
    quantitative = [
        v
        for v in views
        if v.acceptable
        and v.candidate.kind in ("count", "duration", "frequency")
        and v.candidate.comparator == "at_least"
        and v.candidate.scope == "school"
    ]
    yes_no = [v for v in views if v.acceptable and v.candidate.kind == "existence" and v.candidate.scope == "school"]
    assert quantitative and len(yes_no) >= 2
    return [quantitative[0], *yes_no[:2]]


def test_the_review_lists_candidates_with_kind_threshold_scope_and_quote(app: Flask, as_user: Any) -> None:
    from checklist.seeds import tidy_quote

    page = as_user("admin").get(f"/admin/drafts/{PLAN}").data.decode()
    views = review(app).candidates
    assert f"抽取到 {len(views)} 条候选要求" in page
    first_quantitative = next(v for v in views if v.candidate.is_quantitative)
    assert first_quantitative.requirement in page
    assert tidy_quote(views[0].candidate.quote) in page
    assert "区域" in page and "待定" in page and "学校" in page
    only_school = as_user("admin").get(f"/admin/drafts/{PLAN}?scope=school").data.decode()
    assert only_school.count('class="cand ') == sum(1 for v in views if v.candidate.scope == "school")
    assert as_user("admin").get(f"/admin/drafts/{PLAN}?scope=evil").status_code == 400
    assert as_user("admin").get("/admin/drafts/..%2Fsecret.txt").status_code == 404
    assert as_user("admin").get("/admin/drafts/nope.txt").status_code == 404


def test_accepting_editing_and_rejecting_produce_a_draft_that_passes_check(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    threshold, first, second = pick(app)
    assert threshold.candidate.value != 3
    data = {"decision": "accepted", "key": threshold.key, "title": "审核后改写的要点名称", "value": "3"}
    assert admin.post(f"/admin/drafts/{PLAN}/{threshold.index}", data=data).status_code == 303
    for view in (first, second):
        assert (
            admin.post(f"/admin/drafts/{PLAN}/{view.index}", data={"decision": "accepted", "key": view.key}).status_code
            == 303
        )
    assert (
        admin.post(f"/admin/drafts/{PLAN}/{second.index}", data={"decision": "rejected", "key": second.key}).status_code
        == 303
    )

    state = review(app)
    assert [v.index for v in state.accepted] == sorted([threshold.index, first.index])
    assert state.candidates[second.index].decision.status == "rejected"
    assert state.candidates[threshold.index].decision.by == "admin"

    preview = admin.get(f"/admin/drafts/{PLAN}/rubric")
    assert preview.status_code == 200
    text = preview.data.decode()
    assert "草稿检查通过" in text and "审核后改写的要点名称" in text
    download = admin.get(f"/admin/drafts/{PLAN}/rubric.yaml?rubric_id=yk-draft&version=3&title=营口草稿")
    assert download.status_code == 200
    from webapp.rubrics.library import seed_library

    rubric, problems = load_rubric_text(download.data.decode("utf-8"), "draft", seed_library())
    assert problems == [] and rubric is not None
    assert (rubric.id, rubric.version, rubric.title) == ("yk-draft", 3, "营口草稿")
    assert len(rubric.items) == 2
    edited = next(i for i in rubric.items if i.title == "审核后改写的要点名称")
    assert edited.rule.kind == "at_least" and edited.rule.value == 3  # the edited threshold

    published = admin.post(
        f"/admin/drafts/{PLAN}/publish", data={"rubric_id": "yk-draft", "version": "3", "title": "营口草稿"}
    )
    assert published.status_code == 303
    assert ("yk-draft", 3) in records(app)


def test_review_form_errors_and_refusals(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    threshold, *_ = pick(app)
    bad = admin.post(
        f"/admin/drafts/{PLAN}/{threshold.index}", data={"decision": "accepted", "key": threshold.key, "value": "很多"}
    )
    assert bad.status_code == 422 and "“很多”不是有效的数字" in bad.data.decode()
    stale = admin.post(f"/admin/drafts/{PLAN}/{threshold.index}", data={"decision": "accepted", "key": "1-2-count"})
    assert stale.status_code == 422 and "候选要求列表已变化" in stale.data.decode()
    deadline = next((v for v in review(app).candidates if v.candidate.kind == "deadline"), None)
    if deadline is not None:
        refused = admin.post(
            f"/admin/drafts/{PLAN}/{deadline.index}", data={"decision": "accepted", "key": deadline.key}
        )
        assert refused.status_code == 422 and "不能采纳" in refused.data.decode()
    assert admin.post(f"/admin/drafts/{PLAN}/100000", data={"decision": "accepted"}).status_code == 404
    nothing = admin.post(f"/admin/drafts/{PLAN}/publish", data={"rubric_id": "x", "version": "1"})
    assert nothing.status_code == 422 and "还没有采纳任何候选要求" in nothing.data.decode()
    bad_settings = admin.get(f"/admin/drafts/{PLAN}/rubric?rubric_id=Bad_ID&version=0")
    assert "细则编号只能用小写字母" in bad_settings.data.decode()


def test_resetting_the_review_clears_every_decision(app: Flask, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    admin = as_user("admin")
    _threshold, first, _ = pick(app)
    admin.post(f"/admin/drafts/{PLAN}/{first.index}", data={"decision": "accepted", "key": first.key})
    assert review(app).accepted
    assert admin.post(f"/admin/drafts/{PLAN}/reset").status_code == 303
    assert not review(app).accepted
    with app.app_context():
        count = db.session.execute(
            select(func.count()).where(AuditEvent.entity == "rubric_draft", AuditEvent.entity_id == PLAN)
        ).scalar_one()
        assert count == 2  # the decision and the reset, both kept in the audit log
