"""Use cases of 整改 → 复查: the tasks made at finalisation, the school's 整改报告 (saved as a
draft, then submitted), the inspector's 复查 and the 整改期限. Each public function is one
transaction ending in the commit, except ``open_tasks``, which is a step of ``finalise``'s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from flask import current_app
from sqlalchemy import select

from checklist.scoring import Status
from reports.advice import advice_for, without_repeats
from reports.prose import plain_title, quoted
from webapp.assessments import lock_assessment, verified_answers, verified_card
from webapp.audit import record_on
from webapp.database import write_transaction
from webapp.errors import NotAllowed, OperationError
from webapp.extensions import db
from webapp.lifecycle import (
    AssessmentStatus,
    Refused,
    TaskAction,
    TaskStatus,
    next_task_status,
    rectification_stage,
)
from webapp.models import Assessment, Cycle, Evidence, RectificationTask, User, utcnow
from webapp.rubrics.library import rubric_of
from webapp.school import evidence
from webapp.school.operations import evidence_store
from webapp.settings import local_today

MEASURES_MAX = 2000  # 整改措施, characters
OUTCOME_MAX = 2000  # 整改成效
NOTE_MAX = 1000  # 复查意见 / the reason a deadline moved
PROBLEMS = (Status.NOT_MET, Status.PARTIAL)


def rectify_days(cycle: Cycle) -> int:
    """The days a school has for its 整改报告: the cycle's, else RECTIFY_DAYS."""
    return int(cycle.rectify_days or current_app.config["RECTIFY_DAYS"])


def tasks_of(assessment_id: int) -> list[RectificationTask]:
    """An assessment's tasks in the order they were made (the report's order of problems)."""
    return list(
        db.session.execute(
            select(RectificationTask)
            .where(RectificationTask.assessment_id == assessment_id)
            .order_by(RectificationTask.id)
        ).scalars()
    )


def open_tasks(assessment: Assessment, actor: User) -> list[RectificationTask]:
    """One task per applicable item whose verified result is 未达标 or 部分达标 (veto items too;
    a bonus item is no problem), with the report's 整改建议 for it and the 整改期限: the day of
    finalisation plus the cycle's days. Problems are ordered as the report orders them (veto
    items first, then by points lost), so the advice reads exactly as in the report.

    A step of ``review.operations.finalise``: it runs inside that transaction and does not
    commit. Items that already have a task are left alone."""
    rubric = rubric_of(assessment.cycle.rubric_record)
    card = verified_card(assessment, rubric)
    answers = verified_answers(assessment, rubric)
    order = {item.id: n for n, item in enumerate(rubric.items)}
    failing = [r for r in card.items if r.status in PROBLEMS and not r.bonus]
    failing.sort(key=lambda r: (not r.veto, -(r.possible - r.earned), order[r.item_id]))
    made = [advice_for(rubric.item(r.item_id), r, rubric.inputs, answers, assessment.profile) for r in failing]
    fallbacks = [f"对照评估要点{quoted(plain_title(r.title))}的要求，逐项整改到位。" for r in failing]
    texts = without_repeats([text for text, _ in made], fallbacks)
    existing = {t.item_id for t in tasks_of(assessment.id)}
    deadline = local_today() + dt.timedelta(days=rectify_days(assessment.cycle))
    now = utcnow()
    tasks = []
    for result, text in zip(failing, texts, strict=True):
        if result.item_id in existing:
            continue
        task = RectificationTask(
            assessment_id=assessment.id,
            item_id=result.item_id,
            finding=result.status.value,
            advice=text,
            deadline=deadline,
            status=TaskStatus.OPEN,
            created_at=now,
            updated_at=now,
        )
        db.session.add(task)
        tasks.append(task)
    if tasks:
        db.session.flush()
        record_on(
            assessment,
            "rectification_opened",
            actor,
            new={"items": [t.item_id for t in tasks], "deadline": deadline.isoformat()},
        )
    return tasks


# --------------------------------------------------------------------------------------------
# The school's 整改报告


@dataclass(frozen=True)
class TaskAnswer:
    """What the school typed for one task, and the version of the task the form showed."""

    task_id: int
    version: int
    measures: str
    outcome: str


@dataclass(frozen=True)
class TaskUpload:
    task_id: int
    filename: str
    stream: BinaryIO


@dataclass
class ReportResult:
    saved: bool
    submitted: bool = False
    stale: list[str] = field(default_factory=list)  # item ids changed since the form was shown
    problems: dict[int, dict[str, str]] = field(default_factory=dict)  # task id → field → message
    file_errors: dict[int, list[str]] = field(default_factory=dict)
    files_added: int = 0
    files_deleted: int = 0


def _finalised(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.FINALISED:
        raise NotAllowed("本自评尚未核定完成，还没有整改任务。")


def _step(task: RectificationTask, actor: User, action: TaskAction) -> TaskStatus:
    try:
        return next_task_status(task.status, action, actor.role)
    except Refused as exc:
        raise NotAllowed(f"{task.item_id}：{exc}") from exc


def length_problems(measures: str, outcome: str) -> dict[str, str]:
    """Texts longer than their fields hold, by field, with the message shown beside it."""
    problems = {}
    if len(measures) > MEASURES_MAX:
        problems["measures"] = f"整改措施最多{MEASURES_MAX}字（现{len(measures)}字），请删减"
    if len(outcome) > OUTCOME_MAX:
        problems["outcome"] = f"整改成效最多{OUTCOME_MAX}字（现{len(outcome)}字），请删减"
    return problems


def save_report(
    assessment_id: int,
    actor: User,
    answers: Sequence[TaskAnswer],
    uploads: Sequence[TaskUpload] = (),
    delete_evidence: Sequence[int] = (),
    *,
    submit: bool = False,
) -> ReportResult:
    """The school's 整改报告: every task still with the school saved as typed (a draft), new
    evidence files, removals. With ``submit`` every such task must have its measures and its
    outcome; then all of them move to 已报 together (提交整改报告). When one is missing the draft
    is still saved and nothing is submitted (``problems`` says where).

    A task changed since the form was shown (another person of the school, or a 复查 in the
    meantime) refuses the whole save: nothing is written (``stale``). Files are received and
    checked before the transaction, as the self-assessment's are."""
    store = evidence_store()
    file_errors: dict[int, list[str]] = {}
    received = evidence.receive(store, ((u.task_id, u.filename, u.stream) for u in uploads), file_errors)
    with evidence.files_settled(store, received) as files, write_transaction():
        assessment = lock_assessment(assessment_id)
        _finalised(assessment)
        tasks = {t.id: t for t in tasks_of(assessment.id)}
        moved = [a for a in answers if a.task_id in tasks and tasks[a.task_id].version != a.version]
        stale = [tasks[a.task_id].item_id for a in moved]
        if stale:
            return ReportResult(saved=False, stale=stale)
        writable = {i: t for i, t in tasks.items() if t.status.with_school}
        if not writable:
            raise NotAllowed("没有需要填写的整改任务：整改报告已提交，或已全部复查通过。")
        for task in writable.values():
            _step(task, actor, TaskAction.SAVE)
        problems: dict[int, dict[str, str]] = {}
        now = utcnow()
        old: dict[str, Any] = {}
        new: dict[str, Any] = {}
        for answer in answers:
            answered = writable.get(answer.task_id)
            if answered is None:
                continue
            too_long = length_problems(answer.measures, answer.outcome)
            if too_long:
                problems[answered.id] = too_long
                continue
            if (answered.measures, answered.outcome) != (answer.measures, answer.outcome):
                old[answered.item_id] = {"measures": answered.measures, "outcome": answered.outcome}
                new[answered.item_id] = {"measures": answer.measures, "outcome": answer.outcome}
                answered.measures, answered.outcome = answer.measures, answer.outcome
                answered.saved_at = answered.updated_at = now
        files.removed = evidence.remove_rows(assessment, actor, delete_evidence, lambda row: row.task_id in writable)
        files.kept = _attach_evidence(assessment, actor, writable, received, set(files.removed), file_errors, now)
        if new:
            record_on(
                assessment,
                "rectification_saved",
                actor,
                old=old,
                new=new,
            )
        submitted = False
        if submit and not problems:
            problems = _missing(writable.values())
            if not problems:
                _report(assessment, actor, list(writable.values()), now)
                submitted = True
        db.session.flush()
    return ReportResult(
        saved=True,
        submitted=submitted,
        problems=problems,
        file_errors=file_errors,
        files_added=len(files.kept),
        files_deleted=len(files.removed),
    )


def _missing(tasks: Any) -> dict[int, dict[str, str]]:
    problems: dict[int, dict[str, str]] = {}
    for task in tasks:
        if not task.measures.strip():
            problems.setdefault(task.id, {})["measures"] = "提交前请填写整改措施"
        if not task.outcome.strip():
            problems.setdefault(task.id, {})["outcome"] = "提交前请填写整改成效"
    return problems


def _report(assessment: Assessment, actor: User, tasks: list[RectificationTask], now: dt.datetime) -> None:
    """提交整改报告: every task with the school moves to 已报, in one event."""
    before = {t.item_id: t.status.value for t in tasks}
    for task in tasks:
        task.status = _step(task, actor, TaskAction.REPORT)
        task.reported_at = task.updated_at = now
        task.reported_by_id = actor.id
    record_on(
        assessment,
        "rectification_reported",
        actor,
        old={"status": before},
        new={"status": {t.item_id: t.status.value for t in tasks}, "stage": _stage(assessment.id)},
    )


def _stage(assessment_id: int) -> str:
    db.session.flush()
    stage = rectification_stage(t.status for t in tasks_of(assessment_id))
    return stage.value if stage else ""


def _attach_evidence(
    assessment: Assessment,
    actor: User,
    writable: dict[int, RectificationTask],
    received: Sequence[evidence.Received],
    removed: set[str],
    file_errors: dict[int, list[str]],
    now: dt.datetime,
) -> list[evidence.Received]:
    """Rows for the received files within the per-task limit and the school's quota (the same
    limits as the self-assessment's files; a task's files count in the school's quota)."""
    counts = {
        task.id: sum(1 for ev in _files_of(task.id) if ev.storage_key not in removed) for task in writable.values()
    }
    allowance = evidence.Allowance(assessment, counts, "每项整改任务")
    kept = []
    for upload in received:
        task = writable.get(upload.slot)
        if task is not None and allowance.admit(upload, file_errors):
            evidence.add_row(assessment, actor, upload, now, item_id=task.item_id, task_id=task.id)
            task.updated_at = now
            kept.append(upload)
    return kept


def _files_of(task_id: int) -> list[Evidence]:
    return list(db.session.execute(select(Evidence).where(Evidence.task_id == task_id)).scalars())


# --------------------------------------------------------------------------------------------
# The inspector: 复查 and 整改期限


def _task_of(assessment: Assessment, task_id: int, expected_version: int) -> RectificationTask:
    task = db.session.get(RectificationTask, task_id)
    if task is None or task.assessment_id != assessment.id:
        raise OperationError("整改任务不存在")
    if task.version != expected_version:
        raise NotAllowed(f"{task.item_id}：该整改任务在您打开之后已被修改，请刷新页面后再操作。")
    return task


def reinspect(
    assessment_id: int, actor: User, task_id: int, expected_version: int, *, passed: bool, note: str = ""
) -> RectificationTask:
    """复查 one reported task: passed (closed), or not passed with the reason, which sends it
    back to the school (复查未通过: the school answers again). When every task has passed, the
    assessment's 整改 is 已复查."""
    note = note.strip()
    if not passed and not note:
        raise OperationError("复查不通过时，必须写明理由（学校将据此继续整改）")
    if len(note) > NOTE_MAX:
        raise OperationError(f"复查意见最多{NOTE_MAX}字")
    with write_transaction():
        assessment = lock_assessment(assessment_id)
        _finalised(assessment)
        task = _task_of(assessment, task_id, expected_version)
        before = task.status
        task.status = _step(task, actor, TaskAction.PASS if passed else TaskAction.FAIL)
        now = utcnow()
        task.reinspected_at = task.updated_at = now
        task.reinspected_by_id = actor.id
        task.reinspection_note = note
        record_on(
            assessment,
            "reinspected",
            actor,
            entity="rectification_task",
            entity_id=task.item_id,
            old={"status": before.value},
            new={"status": task.status.value, "stage": _stage(assessment.id)},
            reason=note,
        )
    return task


def set_deadline(
    assessment_id: int, actor: User, task_id: int, expected_version: int, deadline: dt.date, reason: str = ""
) -> RectificationTask:
    """Move a task's 整改期限 (the inspector, for a task not yet passed); not into the past."""
    reason = reason.strip()
    if len(reason) > NOTE_MAX:
        raise OperationError(f"说明最多{NOTE_MAX}字")
    if deadline < local_today():
        raise OperationError("整改期限不能早于今天")
    with write_transaction():
        assessment = lock_assessment(assessment_id)
        _finalised(assessment)
        task = _task_of(assessment, task_id, expected_version)
        _step(task, actor, TaskAction.SET_DEADLINE)
        if task.deadline == deadline:
            return task
        before = task.deadline
        task.deadline = deadline
        task.updated_at = utcnow()
        record_on(
            assessment,
            "rectification_deadline_changed",
            actor,
            entity="rectification_task",
            entity_id=task.item_id,
            old={"deadline": before.isoformat()},
            new={"deadline": deadline.isoformat()},
            reason=reason,
        )
    return task
