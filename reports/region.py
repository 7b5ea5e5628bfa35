"""The region summary (区域汇总报告) from many schools' results.

Input: one :class:`reports.model.SchoolResult` per school (plain data the web side builds from
its rows, or :func:`school_result` from a ScoreCard), the rubric they were scored against, and
the schools of the cycle that are not in the summary (:class:`reports.model.MissingSchool`,
with the reason). Output: a :class:`reports.model.RegionReport` with the level distribution,
the ranking, the average of each 一级指标, the compliance rate of each item, the most common
problems, the same per district (区县), and the narrative a bureau writes from those figures
— 总体情况, 主要问题, 工作建议 — naming schools, districts and items by name, never by an
internal id.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from checklist.model import Rubric
from checklist.scoring import ScoreCard, Status
from checklist.scoring import format_number as fmt
from reports.model import (
    DimensionAverage,
    DistrictSummary,
    ItemCompliance,
    LevelCount,
    MissingSchool,
    RankRow,
    RegionRectification,
    RegionReport,
    ReportMeta,
    SchoolResult,
    Signature,
)
from reports.prose import plain_title, quoted
from reports.radar import radar_chart

REGION_TITLE = "办学水平评估区域汇总报告"
UNKNOWN_DISTRICT = "未分区县"
COMMON_PROBLEMS = 10
FINDINGS_NAMED = 3  # 主要问题: the items named in the text (the table lists COMMON_PROBLEMS)
ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
# 工作建议 for an item many schools miss, by its rule kind: what the bureau does about it.
# Items whose rubric has its own advice use that advice instead; items sharing an action are
# named together in one suggestion, so that no suggestion repeats another.
BUREAU_ACTIONS = {
    "ratio_at_least": "统筹区域内资源，指导相关学校制定达标计划、按学期跟踪比例变化",
    "at_least": "督促相关学校补足差距、建立工作台账，逐校跟踪到位",
    "at_most": "督促相关学校采取措施控制在规定范围以内，并开展专项检查",
    "between": "督促相关学校按规定的频次组织实施，并建立活动台账",
    "each": "督促相关学校按年级制定计划，逐年级落实",
    "is_true": "指导尚未落实的学校建立健全相关制度、留存过程记录，并组织经验交流",
    "is_false": "开展专项治理，对发现的问题依规处理并通报",
    "deduct": "开展专项检查，对发生问题的学校依规追究责任",
}
DEFAULT_ACTION = "组织未达标学校对照要求查找差距、限期整改"


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
    missing: Iterable[MissingSchool] = (),
    rectification: RegionRectification | None = None,
) -> RegionReport:
    """The view-model of the region summary. Schools appear in the ranking by total, best
    first; ties share a rank (1, 2, 2, 4). ``missing`` are the schools of the cycle left out
    (not submitted, returned …), each with the reason; the summary names them."""
    schools = list(results)
    absent = tuple(sorted(missing, key=lambda m: (m.district or UNKNOWN_DISTRICT, m.name)))
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
    district_rows = tuple(_district(d, levels, schools, rubric) for d in districts)
    name = region or meta.bureau
    facts = _Facts(rubric, schools, absent, levels, dimensions, items, problems, district_rows, meta, name)
    return RegionReport(
        title=REGION_TITLE,
        region=name,
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
        districts=district_rows,
        veto_schools=tuple(r for r in ranking if r.veto_failed),
        radar=radar_chart(
            [d.title for d in dimensions],
            [("区域平均", "verified", [d.average for d in dimensions])],
        ),
        watermark="" if meta.finalised else "汇总稿",
        overview=facts.overview(),
        findings=facts.findings(),
        suggestions=facts.suggestions(),
        missing=absent,
        signature=Signature(signer=meta.signer, date=meta.date),
        rectification=rectification,
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


# ---------------------------------------------------------------------------------------------
# The narrative: sentences written from the figures above, naming things by their names.


class _Facts:
    def __init__(
        self,
        rubric: Rubric,
        schools: Sequence[SchoolResult],
        missing: Sequence[MissingSchool],
        levels: Sequence[str],
        dimensions: Sequence[DimensionAverage],
        items: Sequence[ItemCompliance],
        problems: Sequence[ItemCompliance],
        districts: Sequence[DistrictSummary],
        meta: ReportMeta,
        region: str,
    ) -> None:
        self.items = [c for c in items if not c.bonus]
        self.rubric = rubric
        self.schools = schools
        self.missing = missing
        self.levels = levels
        self.dimensions = [d for d in dimensions if d.average is not None]
        self.problems = list(problems)
        self.districts = districts
        self.meta = meta
        self.region = region
        self.average = _mean([s.total for s in schools]) or 0.0
        self.vetoed = [s for s in schools if s.veto_failed]

    def overview(self) -> tuple[str, ...]:
        n = len(self.schools)
        expected = n + len(self.missing)
        if not n:
            text = f"{self.meta.cycle}，{self.region}共有{expected}所学校参加办学水平评估，"
            return (text + "目前尚无学校的评估结果可供汇总。",)
        verified = sum(1 for s in self.schools if s.stage == "核定")
        stage = ""
        if verified and verified < n:
            stage = f"（其中{verified}所为评估组核定结果，{n - verified}所为学校自评结果）"
        elif verified == n:
            stage = "（均为评估组核定结果）"
        elif any(s.stage == "自评" for s in self.schools):
            stage = "（均为学校自评结果，尚未核定）"
        first = (
            f"{self.meta.cycle}，{self.region}共有{expected}所学校参加办学水平评估，{n}所学校的结果纳入本次汇总{stage}"
        )
        first += f"，另有{len(self.missing)}所学校尚未纳入（名单及原因见第五部分）。" if self.missing else "。"
        totals = sorted(s.total for s in self.schools)
        counts = [(level, sum(1 for s in self.schools if s.level == level)) for level in self.levels]
        spread = "，".join(f"{level}{c}所" for level, c in counts if c)
        second = (
            f"纳入汇总的学校平均得分{fmt(self.average)}分，最高{fmt(totals[-1])}分，最低{fmt(totals[0])}分；"
            f"评估等级{spread}。"
        )
        if self.vetoed:
            second += f"有{len(self.vetoed)}所学校因一票否决项未达标被定为“{self.levels[-1]}”。"
        paragraphs = [first, second]
        if len(self.dimensions) >= 2:
            ranked = sorted(self.dimensions, key=lambda d: d.average or 0.0)
            low, high = ranked[0], ranked[-1]
            third = (
                f"从一级指标看，{quoted(high.title)}平均得分率最高（{fmt(high.average or 0)}%），"
                f"{quoted(low.title)}最低（{fmt(low.average or 0)}%）"
            )
            third += f"，其中{low.lowest_district}最低。" if low.lowest_district else "。"
            assessed = sum(c.assessed for c in self.items)
            met = sum(c.met for c in self.items)
            if assessed:
                third += f"全部评估要点的总体达标率为{fmt(round(met / assessed * 100, 2))}%。"
            paragraphs.append(third)
        return tuple(paragraphs)

    def findings(self) -> tuple[str, ...]:
        if not self.schools:
            return ()
        lines: list[str] = []
        for number, c in enumerate(self.problems[:FINDINGS_NAMED]):
            rate = f"，达标率{fmt(c.rate)}%" if c.rate is not None else ""
            lines.append(
                f"{ORDINALS[number]}是{quoted(plain_title(c.title))}落实不到位：{c.problem_count}所学校未达标或部分达标"
                f"（共{c.assessed}所学校适用{rate}），属于{quoted(c.dimension)}方面。"
            )
        if self.vetoed:
            by_item: dict[str, int] = {}
            failed = {s.name: dict(s.items) for s in self.vetoed}
            for item in self.rubric.items:
                if item.veto:
                    count = sum(1 for items in failed.values() if items.get(item.id) in ("not_met", "partial"))
                    if count:
                        by_item[plain_title(item.title)] = count
            named = "、".join(f"{quoted(title)}（{n}所）" for title, n in by_item.items())
            lines.append(
                f"{ORDINALS[len(lines)]}是{len(self.vetoed)}所学校一票否决项未达标"
                + (f"，涉及{named}。" if named else "。")
            )
        below = [d for d in self.districts if d.schools and d.average < self.average - 0.005]
        if len(self.districts) > 1 and below:
            worst = min(below, key=lambda d: d.average)
            lines.append(
                f"{ORDINALS[len(lines)]}是区县之间不平衡：{worst.district}平均得分{fmt(worst.average)}分，"
                f"低于全区域平均{fmt(round(self.average - worst.average, 2))}分。"
            )
        if not lines:
            lines.append("各评估要点普遍达标，未发现集中性问题。")
        return tuple(lines)

    def suggestions(self) -> tuple[str, ...]:
        if not self.schools and not self.missing:
            return ()
        lines: list[str] = []
        by_action: dict[str, list[ItemCompliance]] = {}
        for c in self.problems[:FINDINGS_NAMED]:
            item = self.rubric.item(c.item_id)
            how = item.advice.strip().rstrip("。") or BUREAU_ACTIONS.get(item.rule.kind, DEFAULT_ACTION)
            by_action.setdefault(how, []).append(c)
        for how, items in by_action.items():
            named = "、".join(f"{quoted(plain_title(c.title))}（{c.problem_count}所学校）" for c in items)
            lines.append(f"针对{named}{'等' if len(items) > 1 else ''}问题，{how}，并将其列为复查重点。")
        if self.vetoed:
            lines.append(
                f"对一票否决项未达标的{len(self.vetoed)}所学校开展专项督导，督促立即整改，整改到位前不得参评各类评优评先。"
            )
        if len(self.dimensions) >= 2:
            low = min(self.dimensions, key=lambda d: d.average or 0.0)
            lines.append(f"加强对{quoted(low.title)}方面的业务指导和经验交流，推动得分率较低的学校补齐短板。")
        if self.missing:
            lines.append(f"督促尚未纳入汇总的{len(self.missing)}所学校尽快完成自评填报和核定，确保评估全覆盖。")
        lines.append(
            f"各学校应在规定期限内向{self.meta.signer}报送整改报告，{self.meta.signer}适时组织复查，复查结果纳入下一年度评估。"
        )
        return tuple(lines)
