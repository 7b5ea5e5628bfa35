"""Use cases of the bureau: the school list, cycles (年度评估), inspector assignments.
Each public function is one transaction ending in the commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from checklist.model import Rubric
from checklist.scoring import ScoreCard, score
from webapp.assessments import keep_card, results_summary, self_card
from webapp.audit import record
from webapp.bureau.school_list import SchoolRow
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import (
    Assessment,
    AssessmentStatus,
    Cycle,
    CycleStatus,
    District,
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
        blank: dict[Any, ScoreCard] = {}  # an empty self-assessment scores the same for one profile
        with db.session.no_autoflush:
            for start in range(0, len(wanted), 500):
                chunk = select(School).where(School.id.in_(wanted[start : start + 500])).order_by(School.id)
                for school in db.session.execute(chunk).scalars():
                    profile = school.profile
                    if profile not in blank:
                        blank[profile] = score(rubric, {}, profile)
                    assessment = Assessment(cycle_id=cycle.id, school_id=school.id, status=AssessmentStatus.DRAFT)
                    keep_card(assessment, blank[profile])
                    db.session.add(assessment)
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


def schools_by_code(codes: Iterable[str]) -> Mapping[str, School]:
    rows = db.session.execute(select(School).where(School.code.in_(list(codes)))).scalars()
    return {s.code: s for s in rows}


@dataclass(frozen=True)
class ImportSummary:
    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int
    districts_created: tuple[str, ...]

    @property
    def message(self) -> str:
        parts = [f"新增{len(self.created)}所", f"更新{len(self.updated)}所", f"未变{self.unchanged}所"]
        text = "学校名单已导入：" + "，".join(parts)
        if self.districts_created:
            text += f"；新建区县：{'、'.join(self.districts_created)}"
        return text + "。"


def import_schools(rows: Sequence[SchoolRow], actor: User | None, source: str) -> ImportSummary:
    """Create or update every school of a checked list, all together or not at all; districts
    are created as needed. Rows must already be free of problems (spreadsheets.read_school_list)."""
    if not rows:
        raise OperationError("没有可导入的学校")
    created: list[str] = []
    updated: list[str] = []
    changes_old: dict[str, dict[str, Any]] = {}
    changes_new: dict[str, dict[str, Any]] = {}
    districts_created: list[str] = []
    with write_transaction():
        districts = {d.name: d for d in db.session.execute(select(District)).scalars()}
        codes = [r.code for r in rows]
        existing: dict[str, School] = {}
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            existing.update(
                {s.code: s for s in db.session.execute(select(School).where(School.code.in_(chunk))).scalars()}
            )
        for row in rows:
            district = districts.get(row.district)
            if district is None:
                district = District(name=row.district)
                db.session.add(district)
                db.session.flush()
                districts[row.district] = district
                districts_created.append(row.district)
            wanted = {
                "name": row.name,
                "stages": ",".join(row.stages),
                "public": row.public,
                "boarding": row.boarding,
                "has_canteen": row.has_canteen,
                "district_id": district.id,
            }
            school = existing.get(row.code)
            if school is None:
                db.session.add(School(code=row.code, **wanted))
                created.append(row.code)
                continue
            old = {k: getattr(school, k) for k in wanted if getattr(school, k) != wanted[k]}
            if old:
                for key in old:
                    setattr(school, key, wanted[key])
                updated.append(row.code)
                changes_old[row.code] = _readable(old, districts)
                changes_new[row.code] = _readable({k: wanted[k] for k in old}, districts)
        record(
            "schools_imported",
            actor,
            entity="school_list",
            entity_id=source[:80],
            old=changes_old or None,
            new={
                "rows": len(rows),
                "created": created,
                "updated": changes_new,
                "districts_created": districts_created,
            },
        )
    return ImportSummary(
        tuple(created), tuple(updated), len(rows) - len(created) - len(updated), tuple(districts_created)
    )


def _readable(values: Mapping[str, Any], districts: Mapping[str, District]) -> dict[str, Any]:
    names = {d.id: name for name, d in districts.items()}
    return {
        ("district" if k == "district_id" else k): (names.get(v, v) if k == "district_id" else v)
        for k, v in values.items()
    }


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
    known = set(db.session.execute(select(School.id).where(School.id.in_(ids))).scalars())
    if known != set(ids):
        raise OperationError("所选学校中有不存在的学校，请刷新页面后重试")
    return open_cycle(name.strip(), year, rubric_record_id, deadline, ids, actor)


def update_cycle(
    cycle_id: int, actor: User, name: str, deadline: dt.date | None, add_school_ids: Iterable[int] = ()
) -> int:
    """Rename a cycle, move its deadline, add schools (each gets an empty self-assessment).
    Returns the number of schools added."""
    with write_transaction():
        cycle = _cycle(cycle_id)
        old = {"name": cycle.name, "deadline": _date_text(cycle.deadline)}
        cycle.name = name.strip()
        cycle.deadline = deadline
        taking_part = set(
            db.session.execute(select(Assessment.school_id).where(Assessment.cycle_id == cycle.id)).scalars()
        )
        to_add = sorted(set(add_school_ids) - taking_part)
        added: list[str] = []
        if to_add:
            if cycle.status == CycleStatus.CLOSED:
                raise OperationError("本年度评估已结束，不能再增加参评学校")
            rubric = rubric_of(cycle.rubric_record)
            for school_id in to_add:
                school = db.session.get(School, school_id)
                if school is None:
                    raise OperationError("所选学校中有不存在的学校，请刷新页面后重试")
                assessment = Assessment(cycle_id=cycle.id, school_id=school.id, status=AssessmentStatus.DRAFT)
                assessment.school = school
                _score_empty(assessment, rubric)
                db.session.add(assessment)
                added.append(school.code)
        new = {"name": cycle.name, "deadline": _date_text(cycle.deadline)}
        if old != new:
            record("cycle_changed", actor, entity="cycle", entity_id=cycle.id, old=old, new=new)
        if added:
            record("cycle_schools_added", actor, entity="cycle", entity_id=cycle.id, new={"schools": added})
    return len(added)


def _score_empty(assessment: Assessment, rubric: Rubric) -> None:
    card = self_card(assessment, rubric)
    assessment.self_percent = card.total_percent
    assessment.self_level = card.level
    assessment.self_veto = card.veto_failed
    assessment.self_results = results_summary(card)
    assessment.applicable_count = card.applicable_count
    assessment.answered_count = card.answered_count


def close_cycle(cycle_id: int, actor: User) -> Cycle:
    """End a cycle: schools can no longer change or submit their self-assessments."""
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


def set_assignments(inspector_id: int, school_ids: Iterable[int], actor: User) -> tuple[int, int]:
    """Make an inspector's schools exactly these; returns (added, removed)."""
    wanted = set(school_ids)
    with write_transaction():
        inspector = db.session.get(User, inspector_id)
        if inspector is None or inspector.role != Role.INSPECTOR:
            raise OperationError("督学不存在")
        rows = list(
            db.session.execute(select(InspectorAssignment).where(InspectorAssignment.user_id == inspector.id)).scalars()
        )
        current = {r.school_id for r in rows}
        if wanted - current:
            found = set(db.session.execute(select(School.id).where(School.id.in_(wanted - current))).scalars())
            if found != wanted - current:
                raise OperationError("所选学校中有不存在的学校，请刷新页面后重试")
        for row in rows:
            if row.school_id not in wanted:
                db.session.delete(row)
        for school_id in sorted(wanted - current):
            db.session.add(InspectorAssignment(user_id=inspector.id, school_id=school_id))
        if wanted != current:
            codes = dict(
                db.session.execute(select(School.id, School.code).where(School.id.in_(wanted | current))).all()
            )
            record(
                "assignment_changed",
                actor,
                entity="inspector",
                entity_id=inspector.id,
                old=sorted(codes[i] for i in current),
                new=sorted(codes[i] for i in wanted),
            )
    return len(wanted - current), len(current - wanted)
