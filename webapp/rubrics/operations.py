"""Use cases of rubrics: publishing a rubric version, deciding on the extractor's
candidates of a plan. Each public function is one transaction ending in the commit."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from checklist.loader import RubricError, load_rubric_text
from webapp.audit import record
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import (
    RubricRecord,
    User,
)
from webapp.rubrics.library import seed_library, sha256_of
from webapp.rubrics.pages import DECISIONS, DRAFT_ENTITY, CandidateView, UnknownPlan, plan_review


def publish_rubric(yaml_text: str, actor: User | None = None) -> RubricRecord:
    """Store a rubric version (validated). The same id and version again must be identical."""
    rubric, problems = load_rubric_text(yaml_text, "上传的评估细则", seed_library())
    if rubric is None or problems:
        raise RubricError(problems)
    digest = sha256_of(yaml_text)
    with write_transaction():
        existing = db.session.execute(
            select(RubricRecord).where(RubricRecord.rubric_id == rubric.id, RubricRecord.version == rubric.version)
        ).scalar_one_or_none()
        if existing is not None:
            if existing.sha256 != digest:
                raise OperationError(f"评估细则 {rubric.id} 第{rubric.version}版已发布且内容不同：修改请提高版本号")
            return existing
        rec = RubricRecord(
            rubric_id=rubric.id,
            version=rubric.version,
            title=rubric.title,
            issuer=rubric.issuer,
            yaml_text=yaml_text,
            sha256=digest,
            uploaded_by_id=actor.id if actor else None,
        )
        db.session.add(rec)
        db.session.flush()
        record(
            "rubric_published",
            actor,
            entity="rubric",
            entity_id=rec.label,
            new={"title": rubric.title, "items": len(rubric.items)},
        )
    return rec


def decide_candidate(
    plan_file: str,
    index: int,
    actor: User,
    status: str,
    *,
    expected_key: str = "",
    title: str = "",
    value: float | None = None,
    value_max: float | None = None,
) -> CandidateView:
    """Accept (optionally with an edited title and threshold), reject, or undo a decision."""
    if status not in DECISIONS:
        raise OperationError("无效的审核操作")
    review = plan_review(plan_file)
    if not 0 <= index < len(review.candidates):
        raise UnknownPlan(f"{plan_file}#{index}")
    view = review.candidates[index]
    if expected_key and expected_key != view.key:
        raise OperationError("候选要求列表已变化（抽取规则或词表已更新），请刷新页面后重新操作")
    if status == "accepted" and not view.acceptable:
        reason = (
            "时限要求不能单独成为评估要点"
            if view.candidate.kind == "deadline"
            else "该候选不在编号条目内，无法注明出处"
        )
        raise OperationError(f"不能采纳：{reason}")
    title = title.strip()
    if status == "accepted" and len(title) > 120:
        raise OperationError("要点名称不能超过120个字符")
    old = dataclasses.asdict(view.decision)
    old.pop("at", None)
    new = {
        "key": view.key,
        "index": index,
        "status": status,
        "title": title if status == "accepted" else "",
        "value": value if status == "accepted" and view.threshold_editable else None,
        "value_max": value_max if status == "accepted" and view.threshold_editable else None,
        "quote": view.candidate.quote[:200],
    }
    with write_transaction():
        record(
            "draft_candidate",
            actor,
            entity=DRAFT_ENTITY,
            entity_id=plan_file,
            old={k: old[k] for k in ("status", "title", "value", "value_max")},
            new=new,
        )
    return plan_review(plan_file).candidates[index]


def reset_review(plan_file: str, actor: User) -> None:
    if seed_library().get(plan_file) is None:
        raise UnknownPlan(plan_file)
    with write_transaction():
        record("draft_reset", actor, entity=DRAFT_ENTITY, entity_id=plan_file)
