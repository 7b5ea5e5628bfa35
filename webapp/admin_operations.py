"""The bureau's use cases (督导室 admins; 区县 district officers read their own district only).

Each public function that changes something is one unit of work: it ends with its commit
through ``write_transaction()`` and writes its audit event in the same transaction. The read
side (the progress board, the results board, the score export, the audit log) takes the set of
schools the caller may see (``auth.visible_school_ids``: None for admins) and never returns a
row outside it.

Rubric drafts from a plan are reviewed candidate by candidate; every decision (accept, edit,
reject) is an audit event on the plan, and the review's state is read back from those events —
one shared review per plan, kept in the database, with who decided what and when.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager

from checklist.diff import RubricDiff, diff_rubrics
from checklist.extract import Candidate, default_lexicon, describe, extract
from checklist.extract.draft import Draft, draft_rubric
from checklist.extract.plans import PlanInfo, plan_info
from checklist.loader import Problem, load_rubric_text
from checklist.model import Rubric
from checklist.scoring import STATUS_LABELS, Status
from webapp.assessments import results_summary, self_card
from webapp.database import write_transaction
from webapp.extensions import db
from webapp.models import (
    Assessment,
    AssessmentStatus,
    AuditEvent,
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
from webapp.operations import OperationError, current_cycle, open_cycle, record
from webapp.rubrics import rubric_of, seed_library
from webapp.settings import SEEDS_DIR
from webapp.spreadsheets import SchoolRow

# Actions this module adds to the audit log, with their Chinese names (views_helpers has the rest).
ADMIN_ACTION_LABELS = {
    "cycle_reopened": "重新开放年度评估",
    "cycle_schools_added": "增加参评学校",
    "draft_candidate": "审核候选要求",
    "draft_reset": "重新审核工作要点",
}


def action_labels() -> dict[str, str]:
    from webapp.views_helpers import ACTION_LABELS

    return {**ACTION_LABELS, **ADMIN_ACTION_LABELS}


# --------------------------------------------------------------------------------------------
# The school list


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


def schools_query(allowed: set[int] | None) -> Select[Any]:
    query = select(School).order_by(School.code)
    if allowed is not None:
        query = query.where(School.id.in_(allowed))
    return query


# --------------------------------------------------------------------------------------------
# Cycles (年度评估)


def open_new_cycle(
    name: str,
    year: int,
    rubric_record_id: int,
    deadline: dt.date | None,
    school_ids: Iterable[int],
    actor: User,
) -> Cycle:
    """Open a cycle for the chosen schools; only one cycle may be open at a time."""
    running = db.session.execute(select(Cycle).where(Cycle.status == CycleStatus.OPEN.value)).scalars().first()
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
            if cycle.status == CycleStatus.CLOSED.value:
                raise OperationError("本年度评估已结束，不能再增加参评学校")
            rubric = rubric_of(cycle.rubric_record)
            for school_id in to_add:
                school = db.session.get(School, school_id)
                if school is None:
                    raise OperationError("所选学校中有不存在的学校，请刷新页面后重试")
                assessment = Assessment(cycle_id=cycle.id, school_id=school.id, status=AssessmentStatus.DRAFT.value)
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
        if cycle.status != CycleStatus.OPEN.value:
            raise OperationError(f"本年度评估当前为“{cycle.status_enum.label}”，不能结束")
        cycle.status = CycleStatus.CLOSED.value
        cycle.closed_at = utcnow()
        record(
            "cycle_closed", actor, entity="cycle", entity_id=cycle.id, old={"status": "open"}, new={"status": "closed"}
        )
    return cycle


def reopen_cycle(cycle_id: int, actor: User, reason: str = "") -> Cycle:
    """Open a closed cycle again (e.g. with a later deadline)."""
    with write_transaction():
        cycle = _cycle(cycle_id)
        if cycle.status != CycleStatus.CLOSED.value:
            raise OperationError(f"本年度评估当前为“{cycle.status_enum.label}”，无需重新开放")
        running = (
            db.session.execute(select(Cycle).where(Cycle.status == CycleStatus.OPEN.value, Cycle.id != cycle.id))
            .scalars()
            .first()
        )
        if running is not None:
            raise OperationError(f"已有进行中的年度评估“{running.name}”，不能同时开放两个评估")
        cycle.status = CycleStatus.OPEN.value
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


# --------------------------------------------------------------------------------------------
# Inspector assignments (督学分工)


def set_assignments(inspector_id: int, school_ids: Iterable[int], actor: User) -> tuple[int, int]:
    """Make an inspector's schools exactly these; returns (added, removed)."""
    wanted = set(school_ids)
    with write_transaction():
        inspector = db.session.get(User, inspector_id)
        if inspector is None or inspector.role != Role.INSPECTOR.value:
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


def record_export(actor: User, what: str, detail: Mapping[str, Any]) -> None:
    """An export leaves a trace: who took which data out, and how much."""
    with write_transaction():
        record("export", actor, entity=what, entity_id=str(detail.get("cycle", "")), new=dict(detail))


# --------------------------------------------------------------------------------------------
# Progress (总览)

PROGRESS_STATES: tuple[tuple[str, str], ...] = (
    ("not_started", "未开始"),
    ("draft", "填报中"),
    ("submitted", "已提交"),
    ("returned", "退回修改"),
    ("under_review", "核定中"),
    ("finalised", "已核定"),
)
PROGRESS_LABELS = dict(PROGRESS_STATES)


def progress_state(assessment: Assessment) -> str:
    if assessment.status == AssessmentStatus.DRAFT.value and not assessment.answered_count:
        return "not_started"
    return assessment.status


@dataclass
class ProgressRow:
    name: str
    district_id: int | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def submitted_share(self) -> float:
        done = self.total - self.counts["not_started"] - self.counts["draft"]
        return 100 * done / self.total if self.total else 0.0


@dataclass
class ProgressBoard:
    cycle: Cycle | None
    totals: ProgressRow
    districts: list[ProgressRow]
    assessments: list[Assessment]
    overdue: int = 0


def cycle_assessments(cycle: Cycle, allowed: set[int] | None) -> list[Assessment]:
    query = (
        select(Assessment)
        .join(School)
        .where(Assessment.cycle_id == cycle.id)
        .order_by(School.code)
        .options(contains_eager(Assessment.school).joinedload(School.district))
    )
    if allowed is not None:
        query = query.where(Assessment.school_id.in_(allowed))
    return list(db.session.execute(query).scalars())


def progress_board(cycle: Cycle | None, allowed: set[int] | None, today: dt.date) -> ProgressBoard:
    empty = {key: 0 for key, _ in PROGRESS_STATES}
    totals = ProgressRow("合计", None, dict(empty))
    if cycle is None:
        return ProgressBoard(None, totals, [], [])
    rows = cycle_assessments(cycle, allowed)
    by_district: dict[int | None, ProgressRow] = {}
    overdue = 0
    for a in rows:
        state = progress_state(a)
        district = a.school.district
        key = district.id if district else None
        entry = by_district.setdefault(
            key, ProgressRow(district.name if district else "（未分区县）", key, dict(empty))
        )
        entry.counts[state] += 1
        totals.counts[state] += 1
        if state in ("not_started", "draft") and cycle.deadline and today > cycle.deadline:
            overdue += 1
    districts = sorted(by_district.values(), key=lambda r: r.name)
    return ProgressBoard(cycle, totals, districts, rows, overdue)


# --------------------------------------------------------------------------------------------
# Charts: inline SVG whose geometry is computed here (no JavaScript, nothing from a CDN)


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    css: str
    count: float
    label: str


@dataclass(frozen=True)
class BarRow:
    label: str
    title: str  # the full label, for the tooltip
    y: float
    value: float
    value_text: str
    segments: tuple[Segment, ...]
    end: float = 0.0  # where the bar ends (the value text goes after it)
    href: str = ""


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars (stacked when a row has several segments)."""

    width: int
    height: int
    label_width: int
    plot_width: int
    rows: tuple[BarRow, ...]
    ticks: tuple[Tick, ...]
    bar_height: int
    legend: tuple[tuple[str, str], ...] = ()  # (css, label)
    top: int = 24


def bar_chart(
    rows: Sequence[tuple[str, Sequence[tuple[float, str, str]], str]],
    *,
    maximum: float | None = None,
    tick_step: float | None = None,
    tick_format: str = "{:g}",
    legend: Sequence[tuple[str, str]] = (),
    label_chars: int = 14,
    width: int = 680,
    label_width: int = 200,
    row_height: int = 30,
    value_space: int = 90,
    hrefs: Sequence[str] = (),
) -> BarChart:
    """``rows``: (label, [(value, css, segment label), …], value text)."""
    totals = [sum(v for v, _, _ in segs) for _, segs, _ in rows]
    top_value = maximum if maximum is not None else max([*totals, 0.0])
    if top_value <= 0:
        top_value = 1.0
    if tick_step is None:
        tick_step = _nice_step(top_value)
    top_value = math.ceil(top_value / tick_step - 1e-9) * tick_step if maximum is None else top_value
    plot_width = width - label_width - value_space
    top = 24
    bar_height = int(row_height * 0.6)
    out_rows = []
    for n, (label, segments, text) in enumerate(rows):
        y = top + n * row_height + (row_height - bar_height) / 2
        x = float(label_width)
        parts = []
        for value, css, seg_label in segments:
            w = plot_width * value / top_value if value > 0 else 0.0
            parts.append(Segment(round(x, 2), round(w, 2), css, value, seg_label))
            x += w
        out_rows.append(
            BarRow(
                label=_clip(label, label_chars),
                title=label,
                y=round(y, 2),
                value=totals[n],
                value_text=text,
                segments=tuple(parts),
                end=round(x, 2),
                href=hrefs[n] if n < len(hrefs) else "",
            )
        )
    ticks = []
    steps = round(top_value / tick_step)
    for k in range(steps + 1):
        value = k * tick_step
        ticks.append(Tick(round(label_width + plot_width * value / top_value, 2), tick_format.format(value)))
    height = top + len(rows) * row_height + 8
    return BarChart(
        width, height, label_width, plot_width, tuple(out_rows), tuple(ticks), bar_height, tuple(legend), top
    )


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    label: str
    value_text: str
    css: str


@dataclass(frozen=True)
class ColumnChart:
    width: int
    height: int
    baseline: float
    columns: tuple[Column, ...]


def column_chart(values: Sequence[tuple[str, float, str, str]], *, width: int = 460, height: int = 240) -> ColumnChart:
    """Vertical columns: (label, value, value text, css)."""
    top, bottom = 26, 36
    plot = height - top - bottom
    biggest = max([v for _, v, _, _ in values] + [1.0])
    slot = (width - 20) / max(len(values), 1)
    col_w = min(70.0, slot * 0.6)
    columns = []
    for n, (label, value, text, css) in enumerate(values):
        h = plot * value / biggest if value > 0 else 0.0
        x = 10 + n * slot + (slot - col_w) / 2
        columns.append(Column(round(x, 2), round(top + plot - h, 2), round(col_w, 2), round(h, 2), label, text, css))
    return ColumnChart(width, height, top + plot, tuple(columns))


def _nice_step(maximum: float) -> float:
    raw = maximum / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return float(max(factor * magnitude, 1))
    return float(10 * magnitude)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def progress_chart(board: ProgressBoard, hrefs: Sequence[str] = ()) -> BarChart:
    rows = [
        (
            row.name,
            [(row.counts[key], f"p-{key}", label) for key, label in PROGRESS_STATES],
            f"{row.total}所",
        )
        for row in board.districts
    ]
    return bar_chart(
        rows,
        legend=[(f"p-{key}", label) for key, label in PROGRESS_STATES],
        width=470,
        label_width=96,
        label_chars=7,
        value_space=50,
        row_height=34,
        hrefs=hrefs,
    )


# --------------------------------------------------------------------------------------------
# Results (评估结果)

BASES = {
    "final": "综合（已核定的用核定结果，其余用自评）",
    "self": "自评",
    "verified": "核定（仅已核定的学校）",
}


@dataclass(frozen=True)
class SchoolResult:
    assessment: Assessment
    percent: float
    level: str
    veto: bool
    results: Mapping[str, Sequence[Any]]
    verified: bool
    rank: int = 0


@dataclass(frozen=True)
class ItemShortfall:
    item_id: str
    title: str
    dimension: str
    not_met: int
    partial: int
    assessed: int

    @property
    def rate(self) -> float:
        return 100 * self.not_met / self.assessed if self.assessed else 0.0


@dataclass
class ResultsBoard:
    cycle: Cycle | None
    rubric: Rubric | None
    basis: str
    schools: list[SchoolResult] = field(default_factory=list)
    not_counted: int = 0
    levels: list[tuple[str, int]] = field(default_factory=list)
    veto_count: int = 0
    average: float | None = None
    dimensions: list[tuple[str, str, float | None, int]] = field(default_factory=list)  # id, title, avg, n
    shortfalls: list[ItemShortfall] = field(default_factory=list)
    districts: list[tuple[str, float, int]] = field(default_factory=list)  # name, average, n


def results_board(cycle: Cycle | None, allowed: set[int] | None, basis: str) -> ResultsBoard:
    if basis not in BASES:
        raise ValueError(basis)
    if cycle is None:
        return ResultsBoard(None, None, basis)
    rubric = rubric_of(cycle.rubric_record)
    board = ResultsBoard(cycle, rubric, basis)
    chosen: list[SchoolResult] = []
    for a in cycle_assessments(cycle, allowed):
        finalised = a.status == AssessmentStatus.FINALISED.value and a.verified_percent is not None
        if basis == "verified" and not finalised:
            board.not_counted += 1
            continue
        if a.status == AssessmentStatus.DRAFT.value:
            board.not_counted += 1
            continue
        use_verified = finalised and basis in ("final", "verified")
        if use_verified:
            chosen.append(
                SchoolResult(
                    a, a.verified_percent or 0.0, a.verified_level or "", a.verified_veto, a.verified_results, True
                )
            )
        elif a.self_percent is not None:
            chosen.append(SchoolResult(a, a.self_percent, a.self_level or "", a.self_veto, a.self_results, False))
        else:
            board.not_counted += 1
    chosen.sort(key=lambda r: (-r.percent, r.assessment.school.code))
    ranked: list[SchoolResult] = []
    for n, result in enumerate(chosen):
        rank = ranked[-1].rank if ranked and ranked[-1].percent == result.percent else n + 1
        ranked.append(dataclasses.replace(result, rank=rank))
    board.schools = ranked
    level_names = [level.name for level in rubric.levels]
    counts = dict.fromkeys(level_names, 0)
    for r in ranked:
        counts[r.level] = counts.get(r.level, 0) + 1
    board.levels = list(counts.items())
    board.veto_count = sum(1 for r in ranked if r.veto)
    board.average = round(sum(r.percent for r in ranked) / len(ranked), 2) if ranked else None
    for dimension in rubric.dimensions:
        core = [i for i in dimension.items if not i.bonus]
        if not core:
            continue
        shares = []
        for r in ranked:
            earned = possible = 0.0
            for item in core:
                status, got, could = _result(r.results, item.id)
                if status in (Status.NOT_APPLICABLE.value,):
                    continue
                earned += got
                possible += could
            if possible > 0:
                shares.append(100 * earned / possible)
        average = round(sum(shares) / len(shares), 1) if shares else None
        board.dimensions.append((dimension.id, dimension.title, average, len(shares)))
    shortfalls = []
    for item in rubric.items:
        if item.bonus:
            continue
        statuses = [_result(r.results, item.id)[0] for r in ranked]
        not_met = statuses.count(Status.NOT_MET.value)
        partial = statuses.count(Status.PARTIAL.value)
        assessed = not_met + partial + statuses.count(Status.MET.value)
        if not_met or partial:
            dimension, _ = rubric.place_of(item.id)
            shortfalls.append(ItemShortfall(item.id, item.title, dimension.title, not_met, partial, assessed))
    shortfalls.sort(key=lambda s: (-s.not_met, -s.partial, -s.rate, s.item_id))
    board.shortfalls = shortfalls[:10]
    per_district: dict[str, list[float]] = {}
    for r in ranked:
        district = r.assessment.school.district
        per_district.setdefault(district.name if district else "（未分区县）", []).append(r.percent)
    board.districts = sorted(
        ((name, round(sum(v) / len(v), 2), len(v)) for name, v in per_district.items()), key=lambda t: -t[1]
    )
    return board


def _result(results: Mapping[str, Sequence[Any]], item_id: str) -> tuple[str, float, float]:
    entry = results.get(item_id) if results else None
    if not entry:
        return Status.UNANSWERED.value, 0.0, 0.0
    return str(entry[0]), float(entry[1] or 0), float(entry[2] or 0)


def level_chart(board: ResultsBoard) -> ColumnChart:
    return column_chart([(name, count, f"{count}所", f"lvl-{n}") for n, (name, count) in enumerate(board.levels)])


def dimension_chart(board: ResultsBoard) -> BarChart:
    rows = [
        (f"{dim_id} {title}", [(avg or 0.0, "bar-main", "平均得分率")], "—" if avg is None else f"{avg:.1f}%")
        for dim_id, title, avg, _ in board.dimensions
    ]
    return bar_chart(
        rows,
        maximum=100,
        tick_step=20,
        tick_format="{:g}%",
        width=470,
        label_width=140,
        label_chars=9,
        value_space=52,
        row_height=28,
    )


def shortfall_chart(board: ResultsBoard) -> BarChart:
    rows = [
        (
            f"{s.item_id} {s.title}",
            [(s.not_met, "bar-bad", "未达标"), (s.partial, "bar-warn", "部分达标")],
            f"{s.not_met}所未达标" + (f"，{s.partial}所部分达标" if s.partial else ""),
        )
        for s in board.shortfalls
    ]
    return bar_chart(
        rows,
        legend=[("bar-bad", "未达标"), ("bar-warn", "部分达标")],
        width=1100,
        label_width=380,
        label_chars=28,
        value_space=170,
        row_height=28,
    )


def district_chart(board: ResultsBoard) -> BarChart:
    rows = [(name, [(avg, "bar-main", "平均分")], f"{avg:.2f}（{n}所）") for name, avg, n in board.districts]
    return bar_chart(
        rows,
        maximum=100,
        tick_step=10,
        width=1100,
        label_width=160,
        label_chars=10,
        value_space=110,
        row_height=30,
    )


# --------------------------------------------------------------------------------------------
# The score export (one row per school, the current cycle)


def score_sheets(cycle: Cycle, allowed: set[int] | None, scope: str) -> tuple[list[Any], int]:
    """The sheets of ``export scores`` and the number of schools in them."""
    from checklist.model import STAGE_NAMES
    from webapp.models import STATUS_LABELS as ASSESSMENT_LABELS
    from webapp.spreadsheets import Sheet

    rubric = rubric_of(cycle.rubric_record)
    rows = cycle_assessments(cycle, allowed)
    items = rubric.items
    labels = {s.value: label for s, label in STATUS_LABELS.items()}

    def label_of(results: Mapping[str, Sequence[Any]], item_id: str, present: bool) -> str:
        if not present:
            return ""
        return labels.get(_result(results, item_id)[0], "")

    header = [
        "学校代码",
        "学校名称",
        "所属区县",
        "学段",
        "状态",
        "自评得分",
        "自评等级",
        "自评一票否决",
        "核定得分",
        "核定等级",
        "核定一票否决",
    ]
    for item in items:
        header += [f"{item.id} 自评", f"{item.id} 核定"]
    summary_rows = []
    points_rows = []
    for a in rows:
        school = a.school
        has_verified = a.verified_percent is not None
        line: list[Any] = [
            school.code,
            school.name,
            school.district.name if school.district else "",
            "、".join(STAGE_NAMES.get(s, s) for s in school.stage_list),
            ASSESSMENT_LABELS[AssessmentStatus(a.status)],
            a.self_percent,
            a.self_level or "",
            "是" if a.self_veto else "否",
            a.verified_percent if has_verified else None,
            (a.verified_level or "") if has_verified else "",
            ("是" if a.verified_veto else "否") if has_verified else "",
        ]
        points: list[Any] = [school.code, school.name]
        for item in items:
            line += [label_of(a.self_results, item.id, True), label_of(a.verified_results, item.id, has_verified)]
            self_status, self_earned, _ = _result(a.self_results, item.id)
            ver_status, ver_earned, _ = _result(a.verified_results, item.id)
            points += [
                None if self_status == Status.NOT_APPLICABLE.value else self_earned,
                None if not has_verified or ver_status == Status.NOT_APPLICABLE.value else ver_earned,
            ]
        summary_rows.append(line)
        points_rows.append(points)
    points_header = ["学校代码", "学校名称"]
    for item in items:
        points_header += [f"{item.id} 自评得分", f"{item.id} 核定得分"]
    item_rows = []
    for item in items:
        dimension, indicator = rubric.place_of(item.id)
        item_rows.append(
            [
                item.id,
                dimension.title,
                indicator.title,
                item.title,
                item.points,
                "是" if item.veto else "",
                "是" if item.bonus else "",
            ]
        )
    about: list[list[Any]] = [
        ["年度评估", cycle.name],
        ["评估细则", f"{rubric.title}（{rubric.label}）"],
        ["导出范围", scope],
        ["学校数", len(rows)],
        ["导出时间", _local_now_text()],
        ["说明", "“自评”为学校自评结果，“核定”为督学核定结果（尚未核定的为空）；得分为百分制，含加分。"],
    ]
    sheets = [
        Sheet("学校得分", header, summary_rows, widths=(14, 30, 12, 14, 10, 10, 10, 12, 10, 10, 12)),
        Sheet("要点得分", points_header, points_rows, widths=(14, 30)),
        Sheet(
            "评估要点",
            ["编号", "一级指标", "二级指标", "评估要点", "分值", "一票否决", "加分项"],
            item_rows,
            widths=(10, 18, 18, 50, 8, 10, 8),
        ),
        Sheet("说明", ["项目", "内容"], about, widths=(14, 80)),
    ]
    return sheets, len(rows)


def _local_now_text() -> str:
    zone = ZoneInfo(current_app.config.get("DISPLAY_TIMEZONE", "Asia/Shanghai"))
    return utcnow().astimezone(zone).strftime("%Y-%m-%d %H:%M")


def scope_text(user: User | None) -> str:
    if user is not None and user.role == Role.DISTRICT.value and user.district is not None:
        return f"{user.district.name}（仅本区县学校）"
    return "全部学校"


def cycle_or_current(cycle_id: int | None) -> Cycle | None:
    if cycle_id is None:
        return current_cycle()
    return db.session.get(Cycle, cycle_id)


# --------------------------------------------------------------------------------------------
# The audit log

AUDIT_SORTS = {
    "at": AuditEvent.at,
    "action": AuditEvent.action,
    "actor": AuditEvent.actor_name,
    "school": AuditEvent.school_id,
}
PAGE_SIZES = (20, 50, 100, 200)
EXPORT_LIMIT = 20_000


@dataclass(frozen=True)
class AuditFilters:
    action: str | None = None
    school_id: int | None = None
    actor_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _day_start(day: dt.date) -> dt.datetime:
    zone = ZoneInfo(current_app.config.get("DISPLAY_TIMEZONE", "Asia/Shanghai"))
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


def _audit_query(filters: AuditFilters) -> Select[Any]:
    query = select(AuditEvent)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.school_id is not None:
        query = query.where(AuditEvent.school_id == filters.school_id)
    if filters.actor_id is not None:
        query = query.where(AuditEvent.actor_id == filters.actor_id)
    if filters.date_from is not None:
        query = query.where(AuditEvent.at >= _day_start(filters.date_from))
    if filters.date_to is not None:
        query = query.where(AuditEvent.at < _day_start(filters.date_to + dt.timedelta(days=1)))
    return query


def _ordered(query: Select[Any], sort: str, direction: str) -> Select[Any]:
    column = AUDIT_SORTS[sort]  # KeyError for anything not allow-listed: callers check first
    primary = column.asc() if direction == "asc" else column.desc()
    tiebreak = AuditEvent.id.asc() if direction == "asc" else AuditEvent.id.desc()
    return query.order_by(primary, tiebreak)


def audit_count(filters: AuditFilters) -> int:
    """How many events an export with these filters would hold (at most EXPORT_LIMIT are written)."""
    query = _audit_query(filters)
    return min(int(db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()), EXPORT_LIMIT)


def audit_page(filters: AuditFilters, page: int, per_page: int, sort: str = "at", direction: str = "desc") -> AuditPage:
    if per_page not in PAGE_SIZES or sort not in AUDIT_SORTS or direction not in ("asc", "desc") or page < 1:
        raise ValueError("bad paging or sort")
    query = _audit_query(filters)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    events = list(
        db.session.execute(_ordered(query, sort, direction).limit(per_page).offset((page - 1) * per_page)).scalars()
    )
    return AuditPage(events, int(total), page, per_page)


def audit_sheets(filters: AuditFilters, sort: str, direction: str) -> tuple[list[Any], int, bool]:
    from webapp.spreadsheets import Sheet
    from webapp.views_helpers import local_time

    if sort not in AUDIT_SORTS or direction not in ("asc", "desc"):
        raise ValueError("bad sort")
    events = list(
        db.session.execute(_ordered(_audit_query(filters), sort, direction).limit(EXPORT_LIMIT + 1)).scalars()
    )
    truncated = len(events) > EXPORT_LIMIT
    events = events[:EXPORT_LIMIT]
    school_ids = {e.school_id for e in events if e.school_id is not None}
    schools = (
        {s.id: s for s in db.session.execute(select(School).where(School.id.in_(school_ids))).scalars()}
        if school_ids
        else {}
    )
    labels = action_labels()
    from webapp.models import ROLE_LABELS

    role_names = {r.value: label for r, label in ROLE_LABELS.items()}
    rows = []
    for e in events:
        school = schools.get(e.school_id) if e.school_id is not None else None
        rows.append(
            [
                e.id,
                local_time(e.at, "%Y-%m-%d %H:%M:%S"),
                e.actor_name,
                role_names.get(e.actor_role, e.actor_role),
                labels.get(e.action, e.action),
                school.code if school else "",
                school.name if school else "",
                e.entity,
                e.entity_id,
                compact_json(e.old),
                compact_json(e.new),
                e.reason,
                e.ip,
                e.request_id,
            ]
        )
    header = [
        "编号",
        "时间",
        "操作人",
        "角色",
        "操作",
        "学校代码",
        "学校名称",
        "对象",
        "对象编号",
        "原值",
        "新值",
        "理由",
        "IP",
        "请求编号",
    ]
    sheets = [Sheet("操作日志", header, rows, widths=(8, 20, 16, 12, 14, 14, 28, 12, 14, 40, 40, 30, 16, 18))]
    if truncated:
        sheets.append(
            Sheet("说明", ["说明"], [[f"结果超过{EXPORT_LIMIT}条，只导出了前{EXPORT_LIMIT}条，请缩小筛选范围。"]])
        )
    return sheets, len(rows), truncated


ENTITY_LABELS = {
    "assessment": "自评",
    "item": "评估要点",
    "user": "账号",
    "cycle": "年度评估",
    "rubric": "评估细则",
    "evidence": "佐证材料",
    "school_list": "学校名单",
    "schools": "学校名单",
    "scores": "得分",
    "audit": "操作日志",
    "inspector": "督学分工",
    "assignment": "督学分工",
    "report": "评估报告",
    "rubric_draft": "细则草稿",
}
_KEY_LABELS = {
    "status": "状态",
    "self_percent": "自评得分",
    "self_level": "自评等级",
    "verified_percent": "核定得分",
    "verified_level": "核定等级",
    "active": "启用",
    "name": "名称",
    "deadline": "截止日期",
    "reason": "理由",
    "comment": "意见",
    "override": "核定结果",
    "result": "核定结果",
    "earned": "得分",
}


def _value_text(value: Any) -> str:
    from checklist.scoring import STATUS_LABELS as ITEM_LABELS
    from webapp.models import STATUS_LABELS as ASSESSMENT_LABELS

    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        for status, label in ASSESSMENT_LABELS.items():
            if value == status.value:
                return label
        for item_status, label in ITEM_LABELS.items():
            if value == item_status.value:
                return label
        if value in ("open", "closed"):
            return {"open": "进行中", "closed": "已结束"}[value]
    if value is None:
        return "（空）"
    return compact_json(value, 40)


def change_summary(old: Any, new: Any, limit: int = 80) -> str:
    """A short Chinese line for an audit event's change: 状态：已提交 → 核定中; 52.94 → 60.1."""
    if isinstance(old, dict | type(None)) and isinstance(new, dict):
        keys = [k for k in new if k in _KEY_LABELS and (old is None or old.get(k) != new.get(k))]
        if keys:
            parts = []
            for key in keys[:3]:
                before = f"{_value_text(old.get(key))} → " if old is not None and key in old else ""
                parts.append(f"{_KEY_LABELS[key]}：{before}{_value_text(new[key])}")
            text = "；".join(parts)
            return text if len(text) <= limit else text[: limit - 1] + "…"
        changed = [k for k in new if old is None or old.get(k) != new.get(k)]
        if old is not None and len(changed) > 1:
            return f"{len(changed)} 项变化（展开查看）"
    if isinstance(old, int | float | type(None)) and isinstance(new, int | float) and not isinstance(new, bool):
        return f"{_value_text(old) if old is not None else '（空）'} → {_value_text(new)}"
    if old is None:
        return compact_json(new, limit)
    return f"{compact_json(old, limit // 2)} → {compact_json(new, limit // 2)}"


def compact_json(value: Any, limit: int | None = None) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


# --------------------------------------------------------------------------------------------
# Rubric drafts from a plan: candidates reviewed one by one

DRAFT_ENTITY = "rubric_draft"
# The words ``selfcheck extract`` prints for a candidate's kind, scope and modality.
DECISIONS = ("pending", "accepted", "rejected")


class UnknownPlan(LookupError):
    """No such plan in seeds/."""


@dataclass(frozen=True)
class Decision:
    status: str = "pending"
    title: str = ""
    value: float | None = None
    value_max: float | None = None
    by: str = ""
    at: dt.datetime | None = None


@dataclass(frozen=True)
class CandidateView:
    index: int
    key: str
    candidate: Candidate
    decision: Decision

    @property
    def requirement(self) -> str:
        return describe(self.effective)

    @property
    def effective(self) -> Candidate:
        """The candidate as the reviewer left it: thresholds edited, scope school when accepted."""
        c = self.candidate
        d = self.decision
        if d.status != "accepted":
            return c
        changes: dict[str, Any] = {"scope": "school"}
        if d.value is not None:
            changes["value"] = d.value
        if d.value_max is not None:
            changes["value_max"] = d.value_max
        return dataclasses.replace(c, **changes)

    @property
    def threshold_editable(self) -> bool:
        return self.candidate.is_quantitative

    @property
    def acceptable(self) -> bool:
        return self.candidate.kind != "deadline" and self.candidate.clause is not None


@dataclass(frozen=True)
class PlanReview:
    info: PlanInfo
    text: str
    candidates: tuple[CandidateView, ...]

    @property
    def accepted(self) -> tuple[CandidateView, ...]:
        return tuple(c for c in self.candidates if c.decision.status == "accepted")

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(DECISIONS, 0)
        for c in self.candidates:
            counts[c.decision.status] += 1
        return counts


def plans() -> list[PlanInfo]:
    library = seed_library()
    return [plan_info(SEEDS_DIR / name, SEEDS_DIR) for name in library.names]


def candidate_key(c: Candidate) -> str:
    return f"{c.start}-{c.end}-{c.kind}"


def plan_review(plan_file: str) -> PlanReview:
    """The plan's candidates with the decisions taken so far."""
    document = seed_library().get(plan_file)
    if document is None:
        raise UnknownPlan(plan_file)
    info = plan_info(SEEDS_DIR / plan_file, SEEDS_DIR)
    candidates = extract(document.text, doc=info.file, lexicon=default_lexicon(), region=info.region)
    decisions = _decisions(plan_file)
    views = tuple(
        CandidateView(n, candidate_key(c), c, decisions.get(candidate_key(c), Decision()))
        for n, c in enumerate(candidates)
    )
    return PlanReview(info, document.text, views)


def _decisions(plan_file: str) -> dict[str, Decision]:
    events = db.session.execute(
        select(AuditEvent)
        .where(AuditEvent.entity == DRAFT_ENTITY, AuditEvent.entity_id == plan_file)
        .order_by(AuditEvent.id)
    ).scalars()
    decisions: dict[str, Decision] = {}
    for event in events:
        if event.action == "draft_reset":
            decisions.clear()
        elif event.action == "draft_candidate" and isinstance(event.new, dict) and "key" in event.new:
            new = event.new
            decisions[str(new["key"])] = Decision(
                status=str(new.get("status", "pending")),
                title=str(new.get("title") or ""),
                value=new.get("value"),
                value_max=new.get("value_max"),
                by=event.actor_name,
                at=event.at,
            )
    return decisions


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


@dataclass(frozen=True)
class DraftResult:
    yaml_text: str
    problems: tuple[Problem, ...]
    rubric: Rubric | None
    items: int
    left_out: tuple[tuple[CandidateView, str], ...]  # accepted but not made an item, and why


def default_rubric_id(plan_file: str) -> str:
    import re

    return "draft-" + re.sub(r"[^a-z0-9]+", "-", plan_file.rsplit(".", 1)[0].lower()).strip("-")


def build_draft(review: PlanReview, rubric_id: str, version: int, title: str | None) -> DraftResult:
    """The draft rubric of the accepted candidates (titles and thresholds as edited), checked."""
    accepted = review.accepted
    effective = [v.effective for v in accepted]
    draft = draft_rubric(effective, review.text, review.info, rubric_id, version, title or None)
    effective_views = dict(zip(map(id, effective), accepted, strict=True))
    draft = _with_titles(draft, review, effective_views, rubric_id, version)
    left_out = tuple(
        (effective_views[id(p.candidate)], p.reason) for p in draft.pending if id(p.candidate) in effective_views
    )
    made = {id(c) for c in draft.items}
    duplicates = tuple(
        (view, "与另一条已采纳的候选要求相同，已合并")
        for cid, view in effective_views.items()
        if cid not in made and not any(id(p.candidate) == cid for p in draft.pending)
    )
    text = draft.to_yaml()
    rubric, problems = load_rubric_text(text, f"草稿 {rubric_id}", seed_library())
    return DraftResult(text, tuple(problems), rubric if not problems else None, len(draft.items), left_out + duplicates)


def _with_titles(
    draft: Draft, review: PlanReview, views: Mapping[int, CandidateView], rubric_id: str, version: int
) -> Draft:
    """Put the reviewers' titles on the items. The draft groups items by dimension and indicator,
    keeping their order inside a group; a candidate's group does not depend on the others, so a
    one-candidate draft tells where each accepted candidate went."""
    wanted = {
        id(c): views[id(c)].decision.title for c in draft.items if views.get(id(c)) and views[id(c)].decision.title
    }
    if not wanted:
        return draft
    queues: dict[tuple[str, str], list[Candidate]] = {}
    for c in draft.items:
        alone = draft_rubric([c], review.text, review.info, rubric_id, version)
        dimension = alone.data["dimensions"][0]
        key = (dimension["id"], dimension["indicators"][0]["title"])
        queues.setdefault(key, []).append(c)
    data = copy.deepcopy(dict(draft.data))
    for dimension in data["dimensions"]:
        for indicator in dimension["indicators"]:
            queue = queues.get((dimension["id"], indicator["title"]), [])
            for item in indicator["items"]:
                if not queue:
                    break
                c = queue.pop(0)
                if id(c) in wanted:
                    item["title"] = wanted[id(c)]
    return dataclasses.replace(draft, data=data)


def rubric_in_use() -> RubricRecord | None:
    cycle = current_cycle()
    return cycle.rubric_record if cycle is not None else None


def diff_against(rubric: Rubric, record_: RubricRecord | None) -> RubricDiff | None:
    if record_ is None:
        return None
    return diff_rubrics(rubric_of(record_), rubric)


def latest_record_of(rubric_id: str) -> RubricRecord | None:
    return (
        db.session.execute(
            select(RubricRecord).where(RubricRecord.rubric_id == rubric_id).order_by(RubricRecord.version.desc())
        )
        .scalars()
        .first()
    )
