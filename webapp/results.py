"""A cycle's results as the reports see them: each assessment's cached scores as a
`reports.SchoolResult` (no rescoring), and the facts every report of a cycle carries
(`reports.ReportMeta`). The region summary (documents) and the results board (bureau) both
start here and both count with `reports.region`, so a number a person sees is computed once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from flask import current_app

from checklist.model import Rubric
from reports import ReportMeta, SchoolResult
from reports.model import InspectionRecord
from webapp.models import Assessment, AssessmentStatus, Cycle, ItemFigures
from webapp.settings import local_today


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def date_text(value: dt.date) -> str:
    """A date as the reports print it: 2024年12月20日."""
    return _date(value)


def meta_for(
    cycle: Cycle,
    rubric: Rubric,
    *,
    finalised: bool = False,
    inspectors: Sequence[str] = (),
    when: dt.date | None = None,
    inspection: InspectionRecord | None = None,
) -> ReportMeta:
    """What every report of the cycle carries. The 督导室 that signs is REPORT_OFFICE, else the
    rubric's issuer; the 整改报告 is due within the cycle's days, else RECTIFY_DAYS; the 文号
    of the 意见书 is the cycle's."""
    day = when or local_today()
    issuer = rubric.issuer.split("、")[0]
    days = cycle.rectify_days or int(current_app.config["RECTIFY_DAYS"])
    return ReportMeta(
        cycle=f"{cycle.year}年度",
        bureau=issuer,
        date=_date(day),
        finalised=finalised,
        inspectors=tuple(inspectors),
        office=str(current_app.config["REPORT_OFFICE"] or "") or issuer,
        deadline=_date(day + dt.timedelta(days=days)) if finalised else "",
        rectify_days=days,
        doc_number=cycle.doc_number or "",
        inspection=inspection,
    )


def result_of(assessment: Assessment, rubric: Rubric, basis: str = "final") -> SchoolResult:
    """A school's result from the scores cached on its row (no rescoring): the verified one when
    finalised and ``basis`` is "final" or "verified", the self score otherwise."""
    finalised = bool(
        basis != "self" and assessment.status == AssessmentStatus.FINALISED and assessment.verified_results
    )
    cached: dict[str, ItemFigures] = (assessment.verified_results if finalised else assessment.self_results) or {}
    earned: dict[str, float] = {}
    possible: dict[str, float] = {}
    for dimension in rubric.dimensions:
        for item in dimension.items:
            entry = cached.get(item.id)
            if entry is None or item.bonus or entry.status == "not_applicable":
                continue
            earned[dimension.id] = earned.get(dimension.id, 0.0) + entry.earned
            possible[dimension.id] = possible.get(dimension.id, 0.0) + entry.possible
    school = assessment.school
    return SchoolResult(
        name=school.name,
        code=school.code,
        district=school.district.name if school.district else "",
        level=(assessment.verified_level if finalised else assessment.self_level) or "",
        total=float((assessment.verified_percent if finalised else assessment.self_percent) or 0.0),
        dimensions=tuple(
            (d.id, round(earned[d.id] / possible[d.id] * 100, 2) if possible.get(d.id) else None)
            for d in rubric.dimensions
        ),
        items=tuple((item_id, entry.status) for item_id, entry in cached.items()),
        veto_failed=bool(assessment.verified_veto if finalised else assessment.self_veto),
        stage="核定" if finalised else "自评",
    )


def bonus_text(raw: float, cap: float | None) -> str:
    """加分 (加分项) as every page words it, the same as the report: 加分3分, or, above the
    rubric's cap, 加分7分，按上限计5分."""
    from checklist.scoring import format_number

    if cap and raw > cap:
        return f"加分{format_number(raw)}分，按上限计{format_number(cap)}分"
    return f"加分{format_number(raw)}分"
