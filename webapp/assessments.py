"""Reading an assessment's stored answers back into the shapes the engine and the forms use.

Answers are stored one row per form field: ``pe_minutes_daily``, and for a per-grade input one
row per grade, ``study_trips.P4``. A row keeps the typed value, the raw text as typed, and the
reason when the text could not be accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from checklist.model import GRADE_NAMES, Input, InputType, Item, Rubric, SchoolProfile, rule_inputs
from checklist.scoring import ScoreCard, grades_shown, score
from webapp.audit import record_on
from webapp.errors import NotAllowed, OperationError
from webapp.extensions import db
from webapp.lifecycle import Action, Refused, next_status
from webapp.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Cycle,
    CycleStatus,
    Evidence,
    ItemFigures,
    ItemReview,
    School,
    User,
    utcnow,
)

GRADE_SEPARATOR = "."



TEXT_ERROR, CROSS_FIELD_ERROR = "text", "cross_field"  # Answer.error_kind


def field_key(input_key: str, grade: str | None = None) -> str:
    """The stored key (and form field name) of an input, or of one grade of it."""
    return f"{input_key}{GRADE_SEPARATOR}{grade}" if grade else input_key


def split_field_key(key: str) -> tuple[str, str | None]:
    base, _, grade = key.partition(GRADE_SEPARATOR)
    return base, grade or None


@dataclass(frozen=True)
class Field:
    """One form field: an input, or one grade of a per-grade input."""

    key: str
    input: Input
    grade: str | None = None

    @property
    def label(self) -> str:
        return GRADE_NAMES.get(self.grade, self.grade) if self.grade else self.input.label


def fields_of(item: Item, rubric: Rubric, profile: SchoolProfile) -> list[Field]:
    """The form fields an item declares, per-grade inputs expanded for this school."""
    fields: list[Field] = []
    for inp in item.inputs:
        if inp.type is InputType.FILE:
            continue
        if inp.type is InputType.GRADES:
            owner = rubric.item(rubric.input_owner[inp.key])
            fields.extend(Field(field_key(inp.key, g), inp, g) for g in grades_shown(owner, inp, profile))
        else:
            fields.append(Field(inp.key, inp))
    return fields


def answers_for_scoring(
    rows: Iterable[Answer], rubric: Rubric, include_cross_field_errors: bool = False
) -> dict[str, Any]:
    """Valid values only, per-grade rows merged: {"study_trips": {"P4": 1}}.

    A value flagged by a cross-field check (交流教师 > 符合条件教师) is left out, unless asked
    for: the cross-field check itself needs it."""
    answers: dict[str, Any] = {}
    for row in rows:
        if row.value is None:
            continue
        if row.error and not (include_cross_field_errors and row.error_kind == CROSS_FIELD_ERROR):
            continue
        base, grade = split_field_key(row.key)
        inp = rubric.inputs.get(base)
        if inp is None:
            continue
        if grade:
            answers.setdefault(base, {})[grade] = row.value
        else:
            answers[base] = row.value
    return answers


def raw_texts(rows: Iterable[Answer]) -> dict[str, str]:
    return {row.key: row.raw if row.raw is not None else answer_text(row.value) for row in rows}


def evidence_by_item(assessment: Assessment) -> dict[str, list[Evidence]]:
    """The assessment's own evidence files (佐证材料) by item id, in the order they came."""
    found: dict[str, list[Evidence]] = {}
    for ev in assessment.evidence:
        found.setdefault(ev.item_id, []).append(ev)
    return found


def stored_errors(assessment: Assessment) -> dict[str, str]:
    """Why stored texts were not accepted, by field key, as shown to the user."""
    return {row.key: row.error for row in assessment.answers if row.error}


def answer_text(value: Any) -> str:
    """A value as a form field shows it: 是/否 for yes and no, whole numbers without “.0”."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def self_card(assessment: Assessment, rubric: Rubric) -> ScoreCard:
    """The self-score (自评) from the school's own valid answers."""
    return score(rubric, answers_for_scoring(assessment.answers, rubric), assessment.profile)


def results_summary(card: ScoreCard) -> dict[str, ItemFigures]:
    """What the database caches per item: its status and points."""
    return {r.item_id: ItemFigures(r.status.value, r.earned, r.possible) for r in card.items}


def rows_by_key(assessment: Assessment) -> Mapping[str, Answer]:
    return {row.key: row for row in assessment.answers}


def verified_answers(assessment: Assessment, rubric: Rubric) -> dict[str, Any]:
    """The school's valid answers with the inspectors' corrections laid over them."""
    answers = answers_for_scoring(assessment.answers, rubric)
    for review in assessment.reviews:
        for key, value in (review.corrected or {}).items():
            base, grade = split_field_key(key)
            if base not in rubric.inputs:
                continue
            if grade:
                merged = dict(answers.get(base) or {})
                merged[grade] = value
                answers[base] = merged
            else:
                answers[base] = value
    return answers


def verified_card(assessment: Assessment, rubric: Rubric) -> ScoreCard:
    """The verified score (核定): the same engine on corrected answers, then overrides."""
    from checklist.scoring import Override, Status, apply_overrides

    card = score(rubric, verified_answers(assessment, rubric), assessment.profile)
    overrides = {
        review.item_id: Override(Status(review.override_status), review.reason, review.override_points)
        for review in assessment.reviews
        if review.override_status
    }
    return apply_overrides(rubric, card, overrides) if overrides else card


def rescore(assessment: Assessment, rubric: Any) -> ScoreCard:
    card = self_card(assessment, rubric)
    keep_card(assessment, card)
    return card


def keep_card(assessment: Assessment, card: ScoreCard) -> None:
    assessment.self_percent = card.total_percent
    assessment.self_level = card.level
    assessment.self_veto = card.veto_failed
    assessment.self_results = results_summary(card)
    assessment.applicable_count = card.applicable_count
    assessment.answered_count = card.answered_count


def lock_assessment(assessment_id: int) -> Assessment:
    assessment = db.session.execute(
        select(Assessment).where(Assessment.id == assessment_id).with_for_update(of=Assessment)
    ).scalar_one_or_none()
    if assessment is not None:
        from sqlalchemy.orm import selectinload

        db.session.execute(  # the children, in one query each, into the identity map
            select(Assessment)
            .where(Assessment.id == assessment_id)
            .options(
                selectinload(Assessment.answers), selectinload(Assessment.evidence), selectinload(Assessment.reviews)
            )
        ).scalar_one()
    if assessment is None:
        raise OperationError("自评不存在")
    return assessment


def move_assessment(
    assessment: Assessment,
    actor: User,
    action: Action,
    audit_action: str,
    *,
    stamp: str = "",
    new: dict[str, Any] | None = None,
    old: dict[str, Any] | None = None,
    reason: str = "",
) -> None:
    """One step of the year (提交, 退回修改, 核定完成, …) as `lifecycle` allows it, with its
    timestamp and audit event; a step the table refuses raises NotAllowed with its reason."""
    previous = assessment.status
    status = allowed_step(assessment, actor, action)
    now = utcnow()
    assessment.status = status
    if stamp:
        setattr(assessment, stamp, now)
    assessment.updated_at = now
    assessment.updated_by_id = actor.id
    record_on(
        assessment,
        audit_action,
        actor,
        old={"status": previous, **(old or {})},
        new={"status": status, **(new or {})},
        reason=reason,
    )


def allowed_step(assessment: Assessment, actor: User, action: Action) -> AssessmentStatus:
    """The status ``action`` by ``actor`` leads to (`lifecycle`), or NotAllowed with the reason."""
    try:
        return next_status(assessment.status, action, actor.role)
    except Refused as exc:
        raise NotAllowed(str(exc)) from exc


def assessment_loading() -> tuple[Any, ...]:
    """Load what every assessment page needs in a few queries instead of one per attribute."""
    return (
        joinedload(Assessment.cycle).joinedload(Cycle.rubric_record),
        joinedload(Assessment.school).joinedload(School.district),
        selectinload(Assessment.answers),
        selectinload(Assessment.evidence),
        selectinload(Assessment.reviews),
    )


def cycle_assessments(
    cycle: Cycle, visible: Iterable[int] | None, *, submitted_only: bool = False, whole: bool = False
) -> list[Assessment]:
    """The assessments of a cycle that a person may see (``visible``: school ids, None for all),
    by school code, each with its school and district; ``submitted_only`` leaves out drafts;
    ``whole`` loads answers, evidence and reviews too (for reports)."""
    query = (
        select(Assessment)
        .join(School, Assessment.school_id == School.id)
        .where(Assessment.cycle_id == cycle.id)
        .order_by(School.code)
        .options(contains_eager(Assessment.school).joinedload(School.district))
    )
    if whole:
        query = query.options(
            joinedload(Assessment.cycle).joinedload(Cycle.rubric_record),
            selectinload(Assessment.answers),
            selectinload(Assessment.evidence),
            selectinload(Assessment.reviews),
        )
    if visible is not None:
        query = query.where(Assessment.school_id.in_(sorted(visible)))
    if submitted_only:
        query = query.where(Assessment.status != AssessmentStatus.DRAFT)
    return list(db.session.execute(query).unique().scalars())


def current_cycle() -> Cycle | None:
    """The open cycle (the newest one if several are open), else the newest cycle."""
    cycles = db.session.execute(select(Cycle).order_by(Cycle.id.desc())).scalars().all()
    return next((c for c in cycles if c.status == CycleStatus.OPEN), cycles[0] if cycles else None)


# ── Where an assessment stands, as every page, list, export and the API say it ─────────────

NOT_STARTED = "not_started"  # not a database status: a draft with nothing answered yet


def not_started(assessment: Assessment) -> bool:
    """未开始: a draft in which no item is answered yet. It has no score and no level to show.
    The one rule every list, board, export and the API follow."""
    return assessment.status == AssessmentStatus.DRAFT and not assessment.answered_count


def progress(assessment: Assessment) -> str:
    """The status to show: ``not_started`` (未开始) or the assessment's status value."""
    return NOT_STARTED if not_started(assessment) else AssessmentStatus(assessment.status).value


def progress_label(value: str) -> str:
    """未开始 / 填报中 / 已提交 / …: the words for a ``progress`` value (or any status)."""
    return "未开始" if value == NOT_STARTED else AssessmentStatus(value).label


def store_verified(assessment: Assessment, rubric: Rubric) -> ScoreCard:
    """Compute the verified score (核定) and cache it on the assessment."""
    card = verified_card(assessment, rubric)
    assessment.verified_percent = card.total_percent
    assessment.verified_level = card.level
    assessment.verified_veto = card.veto_failed
    assessment.verified_results = results_summary(card)
    return card


def inputs_of(item: Item) -> set[str]:
    """Every input an item declares or its rules read."""
    used = {inp.key for inp in item.inputs} | set(rule_inputs(item.rule))
    if item.applies_if is not None:
        used |= set(rule_inputs(item.applies_if))
    return used


def changed_since_return(assessment: Assessment, rubric: Rubric) -> set[str]:
    """The items the school changed after the last 退回修改 (学校已修改): a figure the item
    reads was saved anew, or evidence was added to it. Empty when it was never returned."""
    since = assessment.returned_at
    if since is None:
        return set()
    keys = {split_field_key(row.key)[0] for row in assessment.answers if row.updated_at > since}
    changed = {ev.item_id for ev in assessment.evidence if ev.uploaded_at > since}
    changed.update(item.id for item in rubric.items if inputs_of(item) & keys)
    return changed


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same school's assessment of the cycle before this one (the newest earlier cycle)."""
    return db.session.execute(
        select(Assessment)
        .join(Cycle, Assessment.cycle_id == Cycle.id)
        .where(
            Assessment.school_id == assessment.school_id,
            Assessment.id != assessment.id,
            or_(
                Cycle.year < assessment.cycle.year,
                and_(Cycle.year == assessment.cycle.year, Cycle.id < assessment.cycle_id),
            ),
        )
        .order_by(Cycle.year.desc(), Cycle.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def carried_over(assessment: Assessment) -> dict[str, str]:
    """上年数据: the text of every field the school left empty in this cycle that it answered
    (validly) in the cycle before, by field key. Shown, never stored: a carried value counts as
    answered only once the school saves it."""
    previous = previous_assessment(assessment)
    if previous is None:
        return {}
    own = {row.key for row in assessment.answers if (row.raw or "").strip() or row.value is not None}
    return {
        row.key: row.raw if row.raw is not None else answer_text(row.value)
        for row in previous.answers
        if row.key not in own and row.value is not None and not row.error
    }


def review_snapshot(review: ItemReview | None) -> dict[str, Any] | None:
    """An inspector's finding on an item as the audit log records it (None: no finding)."""
    if review is None:
        return None
    return {
        "confirmed": review.confirmed,
        "corrected": dict(review.corrected or {}),
        "override": review.override_status,
        "points": review.override_points,
        "reason": review.reason,
        "comment": review.comment,
    }


def set_aside_changed_reviews(assessment: Assessment, actor: User, rubric: Rubric) -> list[str]:
    """A step of the school's resubmission, inside its transaction: the findings on items the
    school changed since the return (学校已修改) are set aside for a fresh review, each recorded
    with what it said; the findings on unchanged items stay. Returns the items set aside."""
    changed = changed_since_return(assessment, rubric)
    aside = [review for review in assessment.reviews if review.item_id in changed]
    for review in aside:
        record_on(
            assessment,
            "review_set_aside",
            actor,
            entity="item",
            entity_id=review.item_id,
            old=review_snapshot(review),
            reason="退回后学校已修改，原核定意见作废，待重新核定",
        )
        assessment.reviews.remove(review)
        db.session.delete(review)
    if aside:
        db.session.flush()
        store_verified(assessment, rubric)
    return sorted(r.item_id for r in aside)
