"""Use cases of the bureau: cycles (年度评估) and inspector assignments (the school list is
``school_operations``). Each public function is one transaction ending in the commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select

from checklist.model import Rubric
from checklist.scoring import ScoreCard, score
from webapp.assessments import keep_card
from webapp.audit import record
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import (
    Assessment,
    AssessmentStatus,
    Cycle,
    CycleStatus,
    InspectorAssignment,
    Role,
    RubricRecord,
    School,
    User,
    utcnow,
)
from webapp.rubrics.library import rubric_of


def open_cycle(
    name: str,
    year: int,
    rubric_record_id: int,
    deadline: dt.date | None,
    school_ids: Iterable[int],
    actor: User | None = None,
) -> Cycle:
    """Open an assessment cycle: one draft assessment per taking-part school."""
    with write_transaction():
        rec = db.session.get(RubricRecord, rubric_record_id)
        if rec is None:
            raise OperationError("评估细则不存在")
        cycle = Cycle(
            name=name,
            year=year,
            rubric_record_id=rec.id,
            deadline=deadline,
            status=CycleStatus.OPEN,
            opened_at=utcnow(),
        )
        db.session.add(cycle)
        db.session.flush()
        rubric = rubric_of(rec)
        wanted = sorted(set(school_ids))
        blank: dict[Any, ScoreCard] = {}
        with db.session.no_autoflush:
            for start in range(0, len(wanted), 500):
                chunk = select(School).where(School.id.in_(wanted[start : start + 500])).order_by(School.id)
                for school in db.session.execute(chunk).scalars():
                    _add_blank(cycle, school, rubric, blank)
        record(
            "cycle_opened",
            actor,
            entity="cycle",
            entity_id=cycle.id,
            new={
                "name": name,
                "rubric": f"{rec.title}（{rec.version_label}）",
                "deadline": str(deadline) if deadline else None,
            },
        )
    return cycle


def open_new_cycle(
    name: str,
    year: int,
    rubric_record_id: int,
    deadline: dt.date | None,
    school_ids: Iterable[int],
    actor: User,
) -> Cycle:
    """Open a cycle for the chosen schools; only one cycle may be open at a time."""
    running = db.session.execute(select(Cycle).where(Cycle.status == CycleStatus.OPEN)).scalars().first()
    if running is not None:
        raise OperationError(f"已有进行中的年度评估“{running.name}”，请先结束它再开始新的评估")
    ids = sorted(set(school_ids))
    if not ids:
        raise OperationError("请至少选择一所参评学校")
    known = dict(db.session.execute(select(School.id, School.active).where(School.id.in_(ids))).all())
    if set(known) != set(ids):
        raise OperationError("所选学校中有不存在的学校，请刷新页面后重试")
    if not all(known.values()):
        raise OperationError("所选学校中有已停用的学校，请刷新页面后重试")
    return open_cycle(name.strip(), year, rubric_record_id, deadline, ids, actor)


_KEEP: Any = object()  # update_cycle: leave this field as it is


def update_cycle(
    cycle_id: int,
    actor: User,
    name: str,
    deadline: dt.date | None,
    add_school_ids: Iterable[int] = (),
    doc_number: Any = _KEEP,
    rectify_days: Any = _KEEP,
) -> int:
    """Rename a cycle, move its deadline, set the 文号 of its 督导评估意见书 and the days a school
    has for its 整改报告 (None: the settings' RECTIFY_DAYS), add schools (each gets an empty
    self-assessment). Returns the number of schools added."""
    with write_transaction():
        cycle = _cycle(cycle_id)
        old = {
            "name": cycle.name,
            "deadline": _date_text(cycle.deadline),
            "doc_number": cycle.doc_number or "",
            "rectify_days": cycle.rectify_days,
        }
        cycle.name = name.strip()
        cycle.deadline = deadline
        if doc_number is not _KEEP:
            cycle.doc_number = (doc_number or "").strip() or None
        if rectify_days is not _KEEP:
            cycle.rectify_days = rectify_days
        taking_part = set(
            db.session.execute(select(Assessment.school_id).where(Assessment.cycle_id == cycle.id)).scalars()
        )
        added = _add_to_cycle(cycle, set(add_school_ids) - taking_part)
        new = {
            "name": cycle.name,
            "deadline": _date_text(cycle.deadline),
            "doc_number": cycle.doc_number or "",
            "rectify_days": cycle.rectify_days,
        }
        if old != new:
            record("cycle_changed", actor, entity="cycle", entity_id=cycle.id, old=old, new=new)
        if added:
            record("cycle_schools_added", actor, entity="cycle", entity_id=cycle.id, new={"schools": added})
    return len(added)


def add_cycle_schools(cycle_id: int, school_ids: Iterable[int], actor: User) -> int:
    """增加参评学校: every one of these schools not yet taking part gets an empty
    self-assessment. Returns the number added."""
    with write_transaction():
        cycle = _cycle(cycle_id)
        taking_part = set(
            db.session.execute(select(Assessment.school_id).where(Assessment.cycle_id == cycle.id)).scalars()
        )
        added = _add_to_cycle(cycle, set(school_ids) - taking_part)
        if added:
            record("cycle_schools_added", actor, entity="cycle", entity_id=cycle.id, new={"schools": added})
    return len(added)


def _add_to_cycle(cycle: Cycle, school_ids: set[int]) -> list[str]:
    """An empty, scored self-assessment for each of these active schools (in the current
    transaction); their codes."""
    if not school_ids:
        return []
    if cycle.status == CycleStatus.CLOSED:
        raise OperationError("本年度评估已结束，不能再增加参评学校")
    rubric = rubric_of(cycle.rubric_record)
    wanted = sorted(school_ids)
    blank: dict[Any, ScoreCard] = {}
    added: list[str] = []
    with db.session.no_autoflush:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            query = select(School).where(School.id.in_(chunk)).order_by(School.code)
            schools = list(db.session.execute(query).scalars())
            if len(schools) != len(chunk):
                raise OperationError("所选学校中有不存在的学校，请刷新页面后重试")
            for school in schools:
                if not school.active:
                    raise OperationError(f"学校“{school.name}”已停用，不能参加评估")
                _add_blank(cycle, school, rubric, blank)
                added.append(school.code)
    return added


def _add_blank(cycle: Cycle, school: School, rubric: Rubric, blank: dict[Any, ScoreCard]) -> None:
    """The school's empty self-assessment in the cycle, scored. An empty self-assessment scores
    the same for one profile: ``blank`` keeps the card of each profile met so far."""
    profile = school.profile
    if profile not in blank:
        blank[profile] = score(rubric, {}, profile)
    assessment = Assessment(cycle_id=cycle.id, school_id=school.id, status=AssessmentStatus.DRAFT)
    keep_card(assessment, blank[profile])
    db.session.add(assessment)


def close_cycle(cycle_id: int, actor: User) -> Cycle:
    """End a cycle: schools can no longer change or submit their self-assessments, except one an
    inspector has returned (退回修改), which the school may still correct and resubmit."""
    with write_transaction():
        cycle = _cycle(cycle_id)
        if cycle.status != CycleStatus.OPEN:
            raise OperationError(f"本年度评估当前为“{cycle.status.label}”，不能结束")
        cycle.status = CycleStatus.CLOSED
        cycle.closed_at = utcnow()
        record(
            "cycle_closed", actor, entity="cycle", entity_id=cycle.id, old={"status": "open"}, new={"status": "closed"}
        )
    return cycle


def reopen_cycle(cycle_id: int, actor: User, reason: str = "") -> Cycle:
    """Open a closed cycle again (e.g. with a later deadline)."""
    with write_transaction():
        cycle = _cycle(cycle_id)
        if cycle.status != CycleStatus.CLOSED:
            raise OperationError(f"本年度评估当前为“{cycle.status.label}”，无需重新开放")
        running = (
            db.session.execute(select(Cycle).where(Cycle.status == CycleStatus.OPEN, Cycle.id != cycle.id))
            .scalars()
            .first()
        )
        if running is not None:
            raise OperationError(f"已有进行中的年度评估“{running.name}”，不能同时开放两个评估")
        cycle.status = CycleStatus.OPEN
        cycle.closed_at = None
        record(
            "cycle_reopened",
            actor,
            entity="cycle",
            entity_id=cycle.id,
            old={"status": "closed"},
            new={"status": "open"},
            reason=reason.strip(),
        )
    return cycle


def _cycle(cycle_id: int) -> Cycle:
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        raise OperationError("年度评估不存在")
    return cycle


def _date_text(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def set_assignments(inspector_id: int, school_ids: Iterable[int], actor: User | None) -> tuple[int, int]:
    """Make an inspector's schools exactly these; returns (added, removed)."""
    wanted = set(school_ids)
    return _assign(inspector_id, lambda current: wanted, actor)


def change_assignments(
    inspector_id: int, add: Iterable[int], remove: Iterable[int], actor: User | None
) -> tuple[int, int]:
    """Give an inspector these schools and take those away, leaving the others as they are
    (督学分工 by district, stage or filter, and a page of boxes); returns (added, removed)."""
    to_add, to_remove = set(add), set(remove) - set(add)
    return _assign(inspector_id, lambda current: (current | to_add) - to_remove, actor)


def _assign(inspector_id: int, decide: Callable[[set[int]], set[int]], actor: User | None) -> tuple[int, int]:
    """The inspector's schools become ``decide(current)``: one transaction, one audit event."""
    with write_transaction():
        inspector = db.session.get(User, inspector_id)
        if inspector is None or inspector.role != Role.INSPECTOR:
            raise OperationError("督学不存在")
        rows = list(
            db.session.execute(select(InspectorAssignment).where(InspectorAssignment.user_id == inspector.id)).scalars()
        )
        current = {r.school_id for r in rows}
        wanted = decide(current)
        new_ones = sorted(wanted - current)
        found: set[int] = set()
        for start in range(0, len(new_ones), 500):
            found.update(
                db.session.execute(select(School.id).where(School.id.in_(new_ones[start : start + 500]))).scalars()
            )
        if found != set(new_ones):
            raise OperationError("所选学校中有不存在的学校，请刷新页面后重试")
        for row in rows:
            if row.school_id not in wanted:
                db.session.delete(row)
        for school_id in new_ones:
            db.session.add(InspectorAssignment(user_id=inspector.id, school_id=school_id))
        if wanted != current:
            codes = dict(db.session.execute(select(School.id, School.code)).all())
            record(
                "assignment_changed",
                actor,
                entity="inspector",
                entity_id=inspector.id,
                old=sorted(codes[i] for i in current),
                new=sorted(codes[i] for i in wanted),
            )
    return len(wanted - current), len(current - wanted)
