"""The region summary (区域汇总报告) from many schools' results.

Input: one :class:`reports.model.SchoolResult` per school (plain data the web side builds from
its rows, or :func:`school_result` from a ScoreCard) and the rubric they were scored against.
Output: a :class:`reports.model.RegionReport` with the level distribution, the ranking, the
average of each 一级指标, the compliance rate of each item, the most common problems, and the
same per district (区县).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from checklist.model import Rubric
from checklist.scoring import ScoreCard, Status
from reports.model import (
    DimensionAverage,
    DistrictSummary,
    ItemCompliance,
    LevelCount,
    RankRow,
    RegionReport,
    ReportMeta,
    SchoolResult,
)
from reports.radar import radar_chart

REGION_TITLE = "办学水平评估区域汇总报告"
UNKNOWN_DISTRICT = "未分区县"
COMMON_PROBLEMS = 10


def school_result(
    name: str,
    code: str,
    district: str,
    card: ScoreCard,
    stage: str = "",
) -> SchoolResult:
    """A school's result for the region summary, from its ScoreCard."""
    return SchoolResult(
        name=name,
        code=code,
        district=district,
        level=card.level,
        total=card.total_percent,
        dimensions=tuple((g.id, g.percent) for g in card.dimensions),
        items=tuple((r.item_id, r.status.value) for r in card.items),
        veto_failed=card.veto_failed,
        stage=stage,
    )


def school_result_from_dict(data: Mapping[str, Any]) -> SchoolResult:
    """A SchoolResult from JSON: {"name", "code", "district", "level", "total",
    "dimensions": {"A": 92.5, …}, "items": {"A1.1": "met", …}, "veto_failed"}.
    Raises ValueError with a Chinese message on a malformed record."""
    try:
        name = str(data["name"])
        total = float(data["total"])
        level = str(data["level"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"学校结果缺少或有误的字段：{exc}") from exc
    dims = data.get("dimensions") or {}
    items = data.get("items") or {}
    if not isinstance(dims, Mapping) or not isinstance(items, Mapping):
        raise ValueError(f"{name}：dimensions 与 items 应为 JSON 对象")
    valid = {s.value for s in Status}
    bad = [str(v) for v in items.values() if v not in valid]
    if bad:
        raise ValueError(f"{name}：未知的要点状态 {'、'.join(bad[:3])}")
    return SchoolResult(
        name=name,
        code=str(data.get("code", "")),
        district=str(data.get("district", "")),
        level=level,
        total=total,
        dimensions=tuple((str(k), None if v is None else float(v)) for k, v in dims.items()),
        items=tuple((str(k), str(v)) for k, v in items.items()),
        veto_failed=bool(data.get("veto_failed", False)),
        stage=str(data.get("stage", "")),
    )


def build_region_report(
    rubric: Rubric,
    results: Iterable[SchoolResult],
    meta: ReportMeta,
    *,
    region: str = "",
    common_problems: int = COMMON_PROBLEMS,
) -> RegionReport:
    """The view-model of the region summary. Schools appear in the ranking by total, best
    first; ties share a rank (1, 2, 2, 4)."""
    schools = list(results)
    levels = tuple(level.name for level in rubric.levels)
    districts = sorted({s.district or UNKNOWN_DISTRICT for s in schools}, key=lambda d: (d == UNKNOWN_DISTRICT, d))
    totals = [s.total for s in schools]
    ranking = _ranking(schools)
    items = _compliance(rubric, schools)
    dimensions = _dimension_averages(rubric, schools, districts)
    problems = sorted(
        (c for c in items if c.problem_count and not c.bonus),
        key=lambda c: (-c.problem_count, -(c.not_met), c.rate if c.rate is not None else 0.0),
    )[:common_problems]
    return RegionReport(
        title=REGION_TITLE,
        region=region or meta.bureau,
        meta=meta,
        rubric_title=rubric.title,
        rubric_label=f"{rubric.id} 第{rubric.version}版",
        school_count=len(schools),
        average=_mean(totals) or 0.0,
        median=round(statistics.median(totals), 2) if totals else 0.0,
        levels=levels,
        level_counts=_level_counts(levels, schools),
        ranking=ranking,
        dimensions=dimensions,
        items=items,
        common_problems=tuple(problems),
        districts=tuple(_district(d, levels, schools, rubric) for d in districts),
        veto_schools=tuple(r for r in ranking if r.veto_failed),
        radar=radar_chart(
            [d.title for d in dimensions],
            [("区域平均", "verified", [d.average for d in dimensions])],
        ),
        watermark="" if meta.finalised else "汇总稿",
    )


# ---------------------------------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _ranking(schools: Sequence[SchoolResult]) -> tuple[RankRow, ...]:
    ordered = sorted(schools, key=lambda s: (-s.total, s.code, s.name))
    rows: list[RankRow] = []
    for position, school in enumerate(ordered, start=1):
        rank = rows[-1].rank if rows and rows[-1].total == school.total else position
        rows.append(
            RankRow(
                rank=rank,
                name=school.name,
                code=school.code,
                district=school.district or UNKNOWN_DISTRICT,
                total=school.total,
                level=school.level,
                veto_failed=school.veto_failed,
            )
        )
    return tuple(rows)


def _level_counts(levels: Sequence[str], schools: Sequence[SchoolResult]) -> tuple[LevelCount, ...]:
    n = len(schools)
    counts: list[LevelCount] = []
    for level in levels:
        count = sum(1 for s in schools if s.level == level)
        counts.append(LevelCount(level, count, round(count / n * 100, 2) if n else 0.0))
    return tuple(counts)


def _dimension_averages(
    rubric: Rubric, schools: Sequence[SchoolResult], districts: Sequence[str]
) -> tuple[DimensionAverage, ...]:
    averages: list[DimensionAverage] = []
    for dimension in rubric.dimensions:
        if all(item.bonus for item in dimension.items):
            continue
        values = [v for s in schools if (v := dict(s.dimensions).get(dimension.id)) is not None]
        by_district = tuple(
            _mean(
                [
                    v
                    for s in schools
                    if (s.district or UNKNOWN_DISTRICT) == d and (v := dict(s.dimensions).get(dimension.id)) is not None
                ]
            )
            for d in districts
        )
        ranked = [(v, d) for v, d in zip(by_district, districts, strict=True) if v is not None]
        averages.append(
            DimensionAverage(
                id=dimension.id,
                title=dimension.title,
                average=_mean(values),
                schools=len(values),
                by_district=by_district,
                lowest_district=min(ranked)[1] if len(ranked) > 1 else "",
            )
        )
    return tuple(averages)


def _compliance(rubric: Rubric, schools: Sequence[SchoolResult]) -> tuple[ItemCompliance, ...]:
    statuses = [dict(s.items) for s in schools]
    rows: list[ItemCompliance] = []
    for item in rubric.items:
        tally = {status.value: 0 for status in Status}
        for by_item in statuses:
            status = by_item.get(item.id)
            if status in tally:
                tally[status] += 1
        assessed = tally["met"] + tally["partial"] + tally["not_met"]
        dimension, _ = rubric.place_of(item.id)
        rows.append(
            ItemCompliance(
                item_id=item.id,
                title=item.title,
                dimension=dimension.title,
                met=tally["met"],
                partial=tally["partial"],
                not_met=tally["not_met"],
                not_applicable=tally["not_applicable"],
                unanswered=tally["unanswered"],
                rate=round(tally["met"] / assessed * 100, 2) if assessed else None,
                veto=item.veto,
                bonus=item.bonus,
            )
        )
    return tuple(rows)


def _district(district: str, levels: Sequence[str], schools: Sequence[SchoolResult], rubric: Rubric) -> DistrictSummary:
    mine = [s for s in schools if (s.district or UNKNOWN_DISTRICT) == district]
    bonus = {item.id for item in rubric.items if item.bonus}
    met = assessed = 0
    for school in mine:
        for item_id, status in school.items:
            if item_id in bonus:
                continue
            if status in ("met", "partial", "not_met"):
                assessed += 1
                met += status == "met"
    return DistrictSummary(
        district=district,
        schools=len(mine),
        average=_mean([s.total for s in mine]) or 0.0,
        levels=tuple(sum(1 for s in mine if s.level == level) for level in levels),
        veto_failed=sum(1 for s in mine if s.veto_failed),
        compliance=round(met / assessed * 100, 2) if assessed else None,
    )
