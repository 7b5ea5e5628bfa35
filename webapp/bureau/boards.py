"""Read models of the bureau's boards: progress (总览) and results (评估结果) of a cycle,
within what the person may see."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, select

from checklist.model import Rubric
from checklist.scoring import Status
from webapp.assessments import cycle_assessments
from webapp.models import (
    Assessment,
    AssessmentStatus,
    Cycle,
    School,
)
from webapp.rubrics.library import rubric_of


def schools_query(allowed: set[int] | None) -> Select[Any]:
    query = select(School).order_by(School.code)
    if allowed is not None:
        query = query.where(School.id.in_(allowed))
    return query


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
                status, got, could = item_result(r.results, item.id)
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
        statuses = [item_result(r.results, item.id)[0] for r in ranked]
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


def item_result(results: Mapping[str, Sequence[Any]], item_id: str) -> tuple[str, float, float]:
    entry = results.get(item_id) if results else None
    if not entry:
        return Status.UNANSWERED.value, 0.0, 0.0
    return str(entry[0]), float(entry[1] or 0), float(entry[2] or 0)




