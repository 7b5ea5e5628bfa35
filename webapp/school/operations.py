"""Use cases of the school's self-assessment: saving a page (figures, evidence
files), submitting. Each public function is one transaction ending in the commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from flask import current_app

from checklist.answers import validate_answers
from webapp.assessments import (
    CROSS_FIELD_ERROR,
    TEXT_ERROR,
    allowed_step,
    answers_for_scoring,
    lock_assessment,
    move_assessment,
    rescore,
    self_card,
    set_aside_changed_reviews,
    split_field_key,
)
from webapp.audit import record_on
from webapp.database import write_transaction
from webapp.errors import NotAllowed, OperationError
from webapp.extensions import db
from webapp.lifecycle import Action, Refused, Role, next_status
from webapp.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    CycleStatus,
    User,
    utcnow,
)
from webapp.rubrics.library import rubric_of
from webapp.school import evidence
from webapp.school.storage import EvidenceStore
from webapp.settings import local_today


@dataclass(frozen=True)
class FieldReading:
    """One form field as read: the raw text, the value when it could be read, else the reason."""

    key: str
    raw: str
    value: Any
    error: str = ""


@dataclass(frozen=True)
class Upload:
    item_id: str
    filename: str
    stream: BinaryIO


@dataclass
class SaveResult:
    saved: bool
    stale: bool = False
    assessment_version: int = 0
    field_errors: dict[str, str] = field(default_factory=dict)
    file_errors: dict[str, list[str]] = field(default_factory=dict)
    files_added: int = 0
    files_deleted: int = 0
    changed_by: str = ""
    changed_at: dt.datetime | None = None


def evidence_store() -> EvidenceStore:
    from pathlib import Path

    from webapp.school.pdfcheck import Limits

    config = current_app.config
    return EvidenceStore(
        Path(config["EVIDENCE_DIR"]),
        int(config["EVIDENCE_MAX_BYTES"]),
        int(config["EVIDENCE_MAX_UNPACKED_BYTES"]),
        pdf_limits=Limits(
            max_unpacked=int(config["EVIDENCE_MAX_UNPACKED_BYTES"]),
            max_objects=int(config["PDF_MAX_OBJECTS"]),
            timeout=float(config["PDF_CHECK_SECONDS"]),
            max_memory=int(config["PDF_CHECK_MEMORY_BYTES"]),
            cpu_seconds=int(config["PDF_CHECK_CPU_SECONDS"]),
        ),
        min_free_bytes=int(config["EVIDENCE_MIN_FREE_BYTES"]),
    )


def edit_refusal(assessment: Assessment) -> str:
    """Why the school cannot change its self-assessment now, in words; "" when it can. After
    the cycle's deadline a draft is closed to saving as it is to submitting. A returned one
    may still be corrected and resubmitted, after the deadline and after the cycle was closed
    (an inspector may return last year's assessment: the school must be able to answer)."""
    try:
        next_status(assessment.status, Action.SAVE, Role.SCHOOL)
    except Refused:
        return f"本自评当前状态为“{AssessmentStatus(assessment.status).label}”，只能查看，不能修改。"
    cycle = assessment.cycle
    if cycle.status != CycleStatus.OPEN and not _returned_in_closed_cycle(assessment):
        return "本年度评估已结束，不能再修改。"
    if assessment.status == AssessmentStatus.DRAFT and cycle.deadline is not None and local_today() > cycle.deadline:
        day = cycle.deadline
        return f"已过提交截止日期（{day.year}年{day.month}月{day.day}日），不能再修改；如需延期，请联系教育局督导室。"
    return ""


def _returned_in_closed_cycle(assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.RETURNED and assessment.cycle.status == CycleStatus.CLOSED


def _editable_by_school(assessment: Assessment, actor: User) -> None:
    allowed_step(assessment, actor, Action.SAVE)
    refusal = edit_refusal(assessment)
    if refusal:
        raise NotAllowed(refusal)


def save_section(
    assessment_id: int,
    actor: User,
    expected_version: int,
    readings: Sequence[FieldReading],
    uploads: Sequence[Upload] = (),
    delete_evidence: Sequence[int] = (),
) -> SaveResult:
    """Save one page of the self-assessment: every field as typed (valid or not), new evidence
    files, evidence removals; re-score. A form rendered from an older version is refused and
    nothing is written, so a second person never silently overwrites the first.

    Uploads are received and checked before the write transaction opens (a PDF's check takes
    time that no other writer should wait for); files of removed evidence leave the disk only
    after the commit, and new files are removed again if the transaction fails."""
    store = evidence_store()
    file_errors: dict[str, list[str]] = {}
    received = evidence.receive(store, ((u.item_id, u.filename, u.stream) for u in uploads), file_errors)
    with evidence.files_settled(store, received) as files, write_transaction():
        assessment = lock_assessment(assessment_id)
        if assessment.version != expected_version:
            return SaveResult(
                saved=False,
                stale=True,
                assessment_version=assessment.version,
                changed_by=assessment.updated_by.name if assessment.updated_by else "",
                changed_at=assessment.updated_at,
            )
        _editable_by_school(assessment, actor)
        rubric = rubric_of(assessment.cycle.rubric_record)
        now = utcnow()
        old, new = _store_readings(assessment, readings, now)
        field_errors = _check_across_fields(assessment, rubric)
        files.removed = evidence.remove_rows(assessment, actor, delete_evidence, lambda _row: True)
        files.kept = _attach_evidence(assessment, actor, received, set(files.removed), rubric, file_errors, now)
        db.session.flush()
        db.session.refresh(assessment, ["answers"])
        if old or new or files.removed or files.kept:
            _rescore_saved(assessment, actor, rubric, old, new, now)
        db.session.flush()
        version = assessment.version  # this save's version: read after the commit it could be another's
    return SaveResult(
        saved=True,
        assessment_version=version,
        field_errors=field_errors,
        file_errors=file_errors,
        files_added=len(files.kept),
        files_deleted=len(files.removed),
    )


def _store_readings(
    assessment: Assessment, readings: Sequence[FieldReading], now: dt.datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every field as typed onto its answer row; returns the old and new texts of the changed."""
    rows = {row.key: row for row in assessment.answers}
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for reading in readings:
        row = rows.get(reading.key)
        old_raw = row.raw if row else None
        if row is None:
            if not reading.raw.strip():
                continue
            row = Answer(assessment=assessment, key=reading.key)
            db.session.add(row)
            rows[reading.key] = row
        if (row.raw or "") == reading.raw and row.value == reading.value and (row.error or "") == reading.error:
            continue
        row.raw = reading.raw
        row.value = reading.value
        row.error = reading.error or None
        row.error_kind = TEXT_ERROR if reading.error else None
        row.updated_at = now
        old[reading.key] = old_raw
        new[reading.key] = reading.raw
    return old, new


def _check_across_fields(assessment: Assessment, rubric: Any) -> dict[str, str]:
    """Cross-field checks over the whole assessment (交流教师 ≤ 符合条件教师 …), recomputed on
    every save over every value that is valid on its own; returns the messages by field."""
    rows = {row.key: row for row in assessment.answers}
    merged = answers_for_scoring(rows.values(), rubric, include_cross_field_errors=True)
    cross = validate_answers(rubric, merged, assessment.profile)
    field_errors: dict[str, str] = {}
    for row in rows.values():
        if row.error and row.error_kind != CROSS_FIELD_ERROR:
            continue  # the text itself could not be read
        message = cross.get(row.key) or cross.get(split_field_key(row.key)[0])
        if message and row.value is not None:
            row.error, row.error_kind = message, CROSS_FIELD_ERROR
            field_errors[row.key] = message
        elif row.error:
            row.error = row.error_kind = None
    return field_errors


def _attach_evidence(
    assessment: Assessment,
    actor: User,
    received: Sequence[evidence.Received],
    removed: set[str],
    rubric: Any,
    file_errors: dict[str, list[str]],
    now: dt.datetime,
) -> list[evidence.Received]:
    """Rows for the received files within the per-item limit and the school's quota; returns
    the files kept (the caller removes the others from disk)."""
    counts: dict[str, int] = {}
    for row in assessment.evidence:
        if row.storage_key not in removed:
            counts[row.item_id] = counts.get(row.item_id, 0) + 1
    allowance = evidence.Allowance(assessment, counts, "每个要点")
    valid_items = {item.id for item in rubric.items}
    kept = []
    for upload in received:
        if upload.slot in valid_items and allowance.admit(upload, file_errors):
            evidence.add_row(assessment, actor, upload, now, item_id=upload.slot)
            kept.append(upload)
    return kept


def _rescore_saved(
    assessment: Assessment,
    actor: User,
    rubric: Any,
    old: dict[str, Any],
    new: dict[str, Any],
    now: dt.datetime,
) -> None:
    """The score after a save, and the audit of what changed."""
    old_score = assessment.self_percent
    rescore(assessment, rubric)
    assessment.updated_at = now
    assessment.updated_by_id = actor.id
    if new:
        record_on(
            assessment,
            "answers_saved",
            actor,
            old=old,
            new=new,
        )
    if old_score != assessment.self_percent:
        record_on(
            assessment,
            "self_score_changed",
            actor,
            old=old_score,
            new=assessment.self_percent,
        )


def submission_problems(assessment: Assessment) -> list[str]:
    """Why an assessment cannot be submitted yet (empty when it can)."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    card = self_card(assessment, rubric)
    problems = []
    unanswered = card.unanswered
    if unanswered:
        problems.append(f"还有{len(unanswered)}个评估要点未填写完整")
    bad = [row for row in assessment.answers if row.error]
    if bad:
        problems.append(f"还有{len(bad)}处填写有误")
    cycle = assessment.cycle
    if cycle.status != CycleStatus.OPEN and not _returned_in_closed_cycle(assessment):
        problems.append("本年度评估未在进行中")
    elif (
        assessment.status == AssessmentStatus.DRAFT
        and cycle.deadline is not None
        and local_today() > cycle.deadline
    ):
        problems.append(f"已过提交截止日期（{cycle.deadline:%Y年%m月%d日}）")
    return problems


def submit_assessment(assessment_id: int, actor: User, expected_version: int) -> Assessment:
    """The school submits: from then on it can read but not change, until returned."""
    with write_transaction():
        assessment = lock_assessment(assessment_id)
        if assessment.status == AssessmentStatus.SUBMITTED and assessment.submitted_at:
            raise NotAllowed("本自评已经提交，无需重复提交。")
        if assessment.version != expected_version:
            raise NotAllowed("自评内容在您确认之后又被修改过，请重新核对后再提交。")
        _editable_by_school(assessment, actor)
        problems = submission_problems(assessment)
        if problems:
            raise OperationError("暂不能提交：" + "；".join(problems) + "。")
        new: dict[str, Any] = {"self_percent": assessment.self_percent, "self_level": assessment.self_level}
        if assessment.status == AssessmentStatus.RETURNED:  # 学校已修改: those findings are set aside
            rubric = rubric_of(assessment.cycle.rubric_record)
            set_aside = set_aside_changed_reviews(assessment, actor, rubric)
            if set_aside:
                new["set_aside"] = set_aside
        move_assessment(assessment, actor, Action.SUBMIT, "submitted", stamp="submitted_at", new=new)
    return assessment
