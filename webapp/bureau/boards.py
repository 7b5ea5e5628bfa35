"""Read models of the bureau's boards: progress (总览) and results (评估结果) of a cycle,
within what the person may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select

from checklist.model import Rubric
from checklist.scoring import Status
from reports import RegionReport, build_region_report
from webapp.assessments import cycle_assessments, progress
from webapp.extensions import db
from webapp.models import (
    Assessment,
    AssessmentStatus,
    Cycle,
    ItemFigures,
    School,
)
from webapp.results import meta_for, result_of
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
    return progress(assessment)  # one rule for 未开始: webapp.assessments.not_started


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
class RankedSchool:
    """A row of the results board: the school's assessment and its place in the ranking."""

    assessment: Assessment
    rank: int
    percent: float
    level: str
    veto: bool
    verified: bool


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
    """What 评估结果 shows. Every figure comes from ``report`` (`reports.region`), the same
    computation as the region summary's PDF and workbook."""

    cycle: Cycle | None
    rubric: Rubric | None
    basis: str
    report: RegionReport | None = None
    schools: list[RankedSchool] = field(default_factory=list)
    not_counted: int = 0
    levels: list[tuple[str, int]] = field(default_factory=list)
    veto_count: int = 0
    average: float | None = None
    dimensions: list[tuple[str, str, float | None, int]] = field(default_factory=list)  # id, title, avg, n
    shortfalls: list[ItemShortfall] = field(default_factory=list)
    districts: list[tuple[str, float, int]] = field(default_factory=list)  # name, average, n


SHORTFALLS_SHOWN = 10


def results_board(cycle: Cycle | None, allowed: set[int] | None, basis: str) -> ResultsBoard:
    if basis not in BASES:
        raise ValueError(basis)
    if cycle is None:
        return ResultsBoard(None, None, basis)
    rubric = rubric_of(cycle.rubric_record)
    board = ResultsBoard(cycle, rubric, basis)
    counted: dict[str, Assessment] = {}
    for a in cycle_assessments(cycle, allowed):
        finalised = a.status == AssessmentStatus.FINALISED and a.verified_percent is not None
        if a.status == AssessmentStatus.DRAFT or (basis == "verified" and not finalised):
            board.not_counted += 1
        elif (basis != "self" and finalised) or a.self_percent is not None:
            counted[a.school.code] = a
        else:
            board.not_counted += 1
    results = [result_of(a, rubric, basis) for a in counted.values()]
    report = build_region_report(rubric, results, meta_for(cycle, rubric), common_problems=SHORTFALLS_SHOWN)
    board.report = report
    verified = {r.code for r in results if r.stage == "核定"}
    board.schools = [
        RankedSchool(counted[row.code], row.rank, row.total, row.level, row.veto_failed, row.code in verified)
        for row in report.ranking
    ]
    board.levels = [(c.level, c.count) for c in report.level_counts]
    board.veto_count = len(report.veto_schools)
    board.average = report.average if results else None
    board.dimensions = [(d.id, d.title, d.average, d.schools) for d in report.dimensions]
    board.shortfalls = [
        ItemShortfall(c.item_id, c.title, c.dimension, c.not_met, c.partial, c.met + c.partial + c.not_met)
        for c in report.common_problems
    ]
    board.districts = sorted(((d.district, d.average, d.schools) for d in report.districts), key=lambda t: -t[1])
    return board


def item_result(results: Mapping[str, ItemFigures] | None, item_id: str) -> ItemFigures:
    """An item's cached result; unanswered when there is none."""
    entry = results.get(item_id) if results else None
    return entry or ItemFigures(Status.UNANSWERED.value, 0.0, 0.0)






UNFINISHED = (AssessmentStatus.SUBMITTED, AssessmentStatus.UNDER_REVIEW, AssessmentStatus.RETURNED)


@dataclass(frozen=True)
class Unfinished:
    """One other cycle's self-assessments still in someone's hands (已提交, 核定中, 退回修改)."""

    cycle: Cycle
    counts: dict[AssessmentStatus, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def words(self) -> str:
        return "、".join(f"{status.label}{n}份" for status, n in self.counts.items())


def unfinished_elsewhere(shown: Cycle | None, school_ids: set[int] | None) -> list[Unfinished]:
    """A new cycle never hides the work left in an earlier one: per other cycle (newest first),
    how many of the visible schools' assessments are still submitted, under review or returned."""
    query = (
        select(Assessment.cycle_id, Assessment.status, func.count())
        .where(Assessment.status.in_(UNFINISHED))
        .group_by(Assessment.cycle_id, Assessment.status)
    )
    if shown is not None:
        query = query.where(Assessment.cycle_id != shown.id)
    if school_ids is not None:
        query = query.where(Assessment.school_id.in_(school_ids))
    counts: dict[int, dict[AssessmentStatus, int]] = {}
    for cycle_id, status, n in db.session.execute(query):
        counts.setdefault(cycle_id, {})[AssessmentStatus(status)] = n
    cycles = db.session.execute(select(Cycle).where(Cycle.id.in_(counts)).order_by(Cycle.year.desc(), Cycle.id.desc()))
    return [
        Unfinished(c, {s: counts[c.id][s] for s in UNFINISHED if s in counts[c.id]}) for c in cycles.scalars()
    ]
