"""Use cases of the inspector's review (核定): start, review an item (confirm, correct,
override with a reason), confirm a page, return for correction, finalise. Each public function
is one transaction ending in the commit; the verified score is computed by the same engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checklist.model import Item, Rubric
from checklist.scoring import ScoreCard, profile_excludes
from webapp.assessments import (
    allowed_step,
    lock_assessment,
    move_assessment,
    review_snapshot,
    store_verified,
)
from webapp.audit import record_on
from webapp.database import write_transaction
from webapp.errors import NotAllowed, OperationError
from webapp.extensions import db
from webapp.lifecycle import Action
from webapp.models import (
    Assessment,
    AssessmentStatus,
    User,
    utcnow,
)
from webapp.rectification.operations import open_tasks
from webapp.rubrics.library import rubric_of


def _store_verified(assessment: Assessment, rubric: Any) -> ScoreCard:
    return store_verified(assessment, rubric)


def start_review(assessment_id: int, actor: User) -> Assessment:
    """An inspector takes up a submitted self-assessment (已提交 → 核定中)."""
    with write_transaction():
        assessment = lock_assessment(assessment_id)
        if assessment.status == AssessmentStatus.UNDER_REVIEW:
            return assessment
        assessment.status = allowed_step(assessment, actor, Action.REVIEW)
        assessment.updated_at = utcnow()
        assessment.updated_by_id = actor.id
        _store_verified(assessment, rubric_of(assessment.cycle.rubric_record))
        record_on(
            assessment,
            "review_started",
            actor,
            old={"status": AssessmentStatus.SUBMITTED},
            new={"status": assessment.status},
        )
    return assessment


@dataclass(frozen=True)
class ReviewInput:
    """What an inspector records on one item."""

    item_id: str
    corrected: Mapping[str, Any]  # field key → corrected value (already read from the text)
    override_status: str | None = None
    override_points: float | None = None
    reason: str = ""
    comment: str = ""
    confirmed: bool = True


def _lock_for_review(assessment_id: int, actor: User, expected_version: int) -> Assessment:
    """Lock an assessment an inspector is about to change; the first change of a submitted
    assessment starts the review (已提交 → 核定中)."""
    assessment = lock_assessment(assessment_id)
    if assessment.version != expected_version:
        raise NotAllowed("本自评在您打开之后已被修改（可能是其他督学），请刷新后再核定。")
    status = allowed_step(assessment, actor, Action.REVIEW)
    if assessment.status != status:  # the first review starts 核定 (已提交 → 核定中)
        assessment.status = status
        record_on(
            assessment,
            "review_started",
            actor,
            old={"status": "submitted"},
            new={"status": assessment.status},
        )
    return assessment


def record_review(assessment_id: int, actor: User, expected_version: int, review: ReviewInput) -> ScoreCard:
    """Confirm, correct or override one item; the verified score is recomputed by the same engine.
    A reason is required whenever the verified result differs from the school's."""
    from checklist.scoring import Status
    from webapp.assessments import self_card
    from webapp.models import ItemReview

    with write_transaction():
        assessment = _lock_for_review(assessment_id, actor, expected_version)
        rubric = rubric_of(assessment.cycle.rubric_record)
        item = rubric.item(review.item_id)
        if review.override_status is not None:
            if review.override_status not in {s.value for s in Status} - {"unanswered"}:
                raise OperationError("核定结果无效")
            if review.override_status == Status.PARTIAL.value and not (
                review.override_points is not None and 0 < review.override_points < item.points
            ):
                raise OperationError(f"部分达标须给出得分（大于0、小于{item.points:g}分）")
        existing = next((r for r in assessment.reviews if r.item_id == review.item_id), None)
        old = review_snapshot(existing)
        if existing is None:
            existing = ItemReview(assessment=assessment, item_id=review.item_id)
            db.session.add(existing)
        existing.confirmed = review.confirmed
        existing.corrected = dict(review.corrected)
        existing.override_status = review.override_status
        existing.override_points = review.override_points if review.override_status == "partial" else None
        existing.reason = review.reason.strip()
        existing.comment = review.comment.strip()
        existing.updated_by_id = actor.id
        existing.updated_at = utcnow()
        db.session.flush()
        db.session.refresh(assessment, ["reviews"])
        self_result = self_card(assessment, rubric).by_id[review.item_id]
        old_verified = assessment.verified_percent
        card = _store_verified(assessment, rubric)
        verified = card.by_id[review.item_id]
        differs = (verified.status, verified.earned) != (self_result.status, self_result.earned) or bool(
            review.corrected
        )
        if differs and not existing.reason:
            raise OperationError("核定结果与学校自评不同，必须填写核定理由")
        assessment.updated_at = utcnow()
        assessment.updated_by_id = actor.id
        record_on(
            assessment,
            "item_reviewed",
            actor,
            entity="item",
            entity_id=review.item_id,
            old=old,
            new=review_snapshot(existing) | {"result": verified.status.value, "earned": verified.earned},
            reason=existing.reason,
        )
        _record_score_change(assessment, actor, old_verified, existing.reason)
    return card


def _record_score_change(assessment: Assessment, actor: User, old_verified: float | None, reason: str = "") -> None:
    """The audit event of a change of the verified score by a review step, if it changed."""
    if old_verified != assessment.verified_percent:
        record_on(
            assessment,
            "verified_score_changed",
            actor,
            old=old_verified,
            new=assessment.verified_percent,
            reason=reason,
        )


def return_for_correction(assessment_id: int, actor: User, expected_version: int, note: str = "") -> Assessment:
    """退回修改: the school may edit again; the inspector's comments show beside the items."""
    with write_transaction():
        assessment = lock_assessment(assessment_id)
        if assessment.version != expected_version:
            raise NotAllowed("本自评在您打开之后已被修改，请刷新后再操作。")
        allowed_step(assessment, actor, Action.RETURN)
        if not any(r.comment for r in assessment.reviews) and not note.strip():
            raise OperationError("退回修改时，请至少对一个要点写明修改意见")
        move_assessment(
            assessment,
            actor,
            Action.RETURN,
            "returned",
            stamp="returned_at",
            new={"comments": {r.item_id: r.comment for r in assessment.reviews if r.comment}},
            reason=note.strip(),
        )
    return assessment


@dataclass(frozen=True)
class VisitRecord:
    """评估过程 as the inspector gives it at finalisation (every field optional)."""

    start: dt.date | None = None
    end: dt.date | None = None
    team: str = ""
    lessons: int | None = None  # 听课N节
    meetings: int | None = None  # 座谈N场
    questionnaires: int | None = None  # 问卷N份
    documents: int | None = None  # 查阅资料N份

    def as_dict(self) -> dict[str, Any]:
        return {
            "visit_start": self.start.isoformat() if self.start else None,
            "visit_end": self.end.isoformat() if self.end else None,
            "inspection_team": self.team or None,
            "lessons_observed": self.lessons,
            "meetings_held": self.meetings,
            "questionnaires": self.questionnaires,
            "documents_reviewed": self.documents,
        }


def finalise(assessment_id: int, actor: User, expected_version: int, visit: VisitRecord | None = None) -> Assessment:
    """核定完成: the verified score is final and the assessment is locked for everyone; the
    visit's record (评估过程), when given, is kept for the report."""
    with write_transaction():
        assessment = lock_assessment(assessment_id)
        if assessment.version != expected_version:
            raise NotAllowed("本自评在您打开之后已被修改，请刷新后再操作。")
        allowed_step(assessment, actor, Action.FINALISE)
        if visit is not None and visit.start and visit.end and visit.end < visit.start:
            raise OperationError("实地评估的结束日期不能早于开始日期")
        rubric = rubric_of(assessment.cycle.rubric_record)
        pending = unreviewed_items(assessment, rubric)
        if pending:
            raise OperationError(
                f"还有{len(pending)}个要点未核定（{_named(pending)}）：请逐项核定，"
                "或使用「其余要点按自评确认」后再核定完成"
            )
        assessment.profile_snapshot = assessment.school.profile.to_dict()  # the year keeps its items
        card = _store_verified(assessment, rubric)
        new: dict[str, Any] = {"verified_percent": card.total_percent, "verified_level": card.level}
        if visit is not None:
            assessment.visit_start, assessment.visit_end = visit.start, visit.end
            assessment.inspection_team = visit.team.strip() or None
            assessment.lessons_observed = visit.lessons
            assessment.meetings_held = visit.meetings
            assessment.questionnaires = visit.questionnaires
            assessment.documents_reviewed = visit.documents
            if any(v not in (None, "") for v in visit.as_dict().values()):
                new["visit"] = visit.as_dict()  # only what was entered: an empty record says nothing
        move_assessment(
            assessment,
            actor,
            Action.FINALISE,
            "finalised",
            stamp="finalised_at",
            old={"self_percent": assessment.self_percent},
            new=new,
        )
        open_tasks(assessment, actor)  # 整改: a task for every item not met or partly met
    return assessment


def confirm_items(assessment_id: int, actor: User, expected_version: int, item_ids: Sequence[str]) -> int:
    """Confirm several items as the school gave them (no correction, no override)."""
    from webapp.models import ItemReview

    with write_transaction():
        assessment = _lock_for_review(assessment_id, actor, expected_version)
        rubric = rubric_of(assessment.cycle.rubric_record)
        known = {item.id for item in rubric.items}
        reviewed = {r.item_id for r in assessment.reviews}
        new = [i for i in dict.fromkeys(item_ids) if i in known and i not in reviewed]
        for item_id in new:
            db.session.add(
                ItemReview(
                    assessment=assessment, item_id=item_id, confirmed=True, updated_by_id=actor.id, updated_at=utcnow()
                )
            )
        db.session.flush()
        db.session.refresh(assessment, ["reviews"])
        _store_verified(assessment, rubric)
        assessment.updated_at = utcnow()
        assessment.updated_by_id = actor.id
        if new:
            record_on(
                assessment,
                "items_confirmed",
                actor,
                new={"items": new},
            )
    return len(new)


def unreviewed_items(assessment: Assessment, rubric: Rubric) -> list[Item]:
    """The applicable items (not excluded by the school's profile) with no finding yet."""
    reviewed = {r.item_id for r in assessment.reviews}
    profile = assessment.profile
    return [item for item in rubric.items if item.id not in reviewed and not profile_excludes(item, profile)]


def _named(items: Sequence[Item], shown: int = 5) -> str:
    names = "、".join(item.id for item in items[:shown])
    return names + (f"等{len(items)}个" if len(items) > shown else "")


def confirm_remaining(assessment_id: int, actor: User, expected_version: int, item_ids: Sequence[str]) -> list[str]:
    """「其余要点按自评确认」: the inspector confirms, as the school gave them, every applicable
    item not yet reviewed, named one by one (``item_ids``: those the page listed). Refused when
    that list is no longer what is open; the audit event names every item."""
    from webapp.models import ItemReview

    with write_transaction():
        assessment = _lock_for_review(assessment_id, actor, expected_version)
        rubric = rubric_of(assessment.cycle.rubric_record)
        pending = [item.id for item in unreviewed_items(assessment, rubric)]
        if not pending:
            raise OperationError("所有适用的要点都已核定，无需再确认。")
        if set(pending) != set(item_ids):
            raise NotAllowed("未核定的要点已有变化，请刷新页面，核对后再确认。")
        now = utcnow()
        for item_id in pending:
            review = ItemReview(assessment=assessment, item_id=item_id, confirmed=True, updated_at=now)
            review.updated_by_id = actor.id
            db.session.add(review)
        db.session.flush()
        db.session.refresh(assessment, ["reviews"])
        old_verified = assessment.verified_percent
        store_verified(assessment, rubric)
        assessment.updated_at = now
        assessment.updated_by_id = actor.id
        record_on(
            assessment,
            "remaining_confirmed",
            actor,
            new={"items": pending},
            reason="其余要点按自评确认",
        )
        _record_score_change(assessment, actor, old_verified)
    return pending

