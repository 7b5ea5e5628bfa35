"""Reading an assessment's stored answers back into the shapes the engine and the forms use.

Answers are stored one row per form field: ``pe_minutes_daily``, and for a per-grade input one
row per grade, ``study_trips.P4``. A row keeps the typed value, the raw text as typed, and the
reason when the text could not be accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from checklist.model import GRADE_NAMES, Input, InputType, Item, Rubric, SchoolProfile
from checklist.scoring import ScoreCard, grades_shown, score
from webapp.audit import record
from webapp.errors import NotAllowed, OperationError
from webapp.extensions import db
from webapp.lifecycle import Action, Refused, next_status
from webapp.models import Answer, Assessment, AssessmentStatus, Cycle, CycleStatus, ItemFigures, School, User, utcnow

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
    return {row.key: row.raw if row.raw is not None else _as_text(row.value) for row in rows}


def stored_errors(assessment: Assessment) -> dict[str, str]:
    """Why stored texts were not accepted, by field key, as shown to the user."""
    return {row.key: row.error for row in assessment.answers if row.error}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def self_card(assessment: Assessment, rubric: Rubric) -> ScoreCard:
    """The self-score (自评) from the school's own valid answers."""
    return score(rubric, answers_for_scoring(assessment.answers, rubric), assessment.school.profile)


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

    card = score(rubric, verified_answers(assessment, rubric), assessment.school.profile)
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
    record(
        audit_action,
        actor,
        entity="assessment",
        entity_id=assessment.id,
        school_id=assessment.school_id,
        assessment_id=assessment.id,
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
