"""The bureau's use cases for its schools: importing the school list, editing one school's
profile and district, deactivating and reactivating it. Each public function is one
transaction ending in the commit, with its audit event."""


from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from checklist.model import STAGE_NAMES
from webapp.assessments import rescore
from webapp.audit import record
from webapp.bureau.school_list import SchoolRow
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import (
    ApiToken,
    Assessment,
    AssessmentStatus,
    AuthSession,
    Cycle,
    CycleStatus,
    District,
    School,
    User,
    utcnow,
)
from webapp.rubrics.library import rubric_of


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


# --------------------------------------------------------------------------------------------
# One school: its profile, its district, active or not


@dataclass(frozen=True)
class SchoolProfileChange:
    """What the school page's form asks for."""

    name: str
    stages: tuple[str, ...]
    public: bool
    boarding: bool
    has_canteen: bool
    district_id: int


PROFILE_FIELDS = ("stages", "public", "boarding", "has_canteen")
EDITABLE = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)  # a school may still change its answers


def update_school(school_id: int, change: SchoolProfileChange, actor: User) -> list[str]:
    """Rename a school, change its profile (学段, 办学性质, 寄宿, 食堂) or move it to another
    district; audited old → new. Returns the labels of what changed.

    The profile decides which items apply, so it may change only while the school's
    self-assessment of the current cycle can still be edited (draft or returned); that
    assessment's self-score is then recomputed at once. Once it is submitted, the profile
    waits until the assessment is returned (the inspector reviews what applied when it was
    submitted). A finalised year keeps the profile it was judged with (``profile_snapshot``),
    so a change after 核定完成 is free and alters nothing of that year."""
    with write_transaction():
        school = db.session.get(School, school_id)
        if school is None:
            raise OperationError("学校不存在")
        district = db.session.get(District, change.district_id)
        if district is None:
            raise OperationError("所选区县不存在，请刷新页面后重试")
        wanted: dict[str, Any] = {
            "name": change.name.strip(),
            "stages": ",".join(change.stages),
            "public": change.public,
            "boarding": change.boarding,
            "has_canteen": change.has_canteen,
            "district_id": district.id,
        }
        old = {k: getattr(school, k) for k in wanted if getattr(school, k) != wanted[k]}
        if not old:
            return []
        current = _current_assessment(school.id)
        if current is not None and current.profile_snapshot is not None:
            current = None  # finalised: the year keeps its own profile
        profile_changes = current is not None and any(k in old for k in PROFILE_FIELDS)
        if current is not None and profile_changes and current.status not in EDITABLE:
            raise OperationError(
                f"本校“{current.cycle.name}”的自评当前为“{current.status.label}”，学段、办学性质、寄宿和食堂暂不能修改"
                "（适用的评估要点会随之变化）；如确需修改，请先由督学退回修改"
            )
        districts = {d.name: d for d in db.session.execute(select(District)).scalars()}
        for key in old:
            setattr(school, key, wanted[key])
        if current is not None and profile_changes:
            rescore(current, rubric_of(current.cycle.rubric_record))
        record(
            "school_changed",
            actor,
            entity="school",
            entity_id=school.code,
            school_id=school.id,
            old=_school_words(old, districts),
            new=_school_words({k: wanted[k] for k in old}, districts),
        )
    return [SCHOOL_FIELD_LABELS[k] for k in old]


SCHOOL_FIELD_LABELS = {
    "name": "名称",
    "stages": "学段",
    "public": "办学性质",
    "boarding": "寄宿",
    "has_canteen": "食堂",
    "district_id": "所属区县",
}


def _school_words(values: Mapping[str, Any], districts: Mapping[str, District]) -> dict[str, Any]:
    """Recorded values as a reader wants them: district and stages by name."""
    words = _readable(values, districts)
    if "stages" in words:
        words["stages"] = "、".join(STAGE_NAMES.get(s, s) for s in str(words["stages"]).split(",") if s)
    return words


def _current_assessment(school_id: int) -> Assessment | None:
    """The school's assessment in the open cycle, if it takes part."""
    return (
        db.session.execute(
            select(Assessment)
            .join(Cycle)
            .where(Assessment.school_id == school_id, Cycle.status == CycleStatus.OPEN)
        )
        .scalars()
        .first()
    )


def set_school_active(school_id: int, active: bool, actor: User, reason: str = "") -> int:
    """Deactivate (停用) or reactivate a school. A deactivated school is left out of new cycles,
    assignments and the default lists, and its accounts cannot log in: their sessions and API
    tokens end at once. Its history stays. Returns the number of its accounts."""
    with write_transaction():
        school = db.session.get(School, school_id)
        if school is None:
            raise OperationError("学校不存在")
        if school.active == active:
            raise OperationError("该学校已经是停用状态" if not active else "该学校已经在用")
        school.active = active
        accounts = list(db.session.execute(select(User.id).where(User.school_id == school.id)).scalars())
        if not active and accounts:
            now = utcnow()
            db.session.execute(
                update(AuthSession)
                .where(AuthSession.user_id.in_(accounts), AuthSession.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            db.session.execute(
                update(ApiToken)
                .where(ApiToken.user_id.in_(accounts), ApiToken.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        record(
            "school_activated" if active else "school_deactivated",
            actor,
            entity="school",
            entity_id=school.code,
            school_id=school.id,
            old={"active": not active},
            new={"active": active},
            reason=reason.strip(),
        )
    return len(accounts)
