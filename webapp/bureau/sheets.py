"""The score export: one row per school of a cycle, totals, levels and every item's result."""

from __future__ import annotations

from collections.abc import Mapping
from zoneinfo import ZoneInfo

from flask import current_app

from checklist.model import STAGE_NAMES
from reports.excel import scores_workbook
from reports.model import ItemScore, ScoreRow
from webapp.assessments import current_cycle, cycle_assessments, not_started, progress, progress_label
from webapp.extensions import db
from webapp.models import (
    Cycle,
    ItemFigures,
    Role,
    User,
    utcnow,
)
from webapp.rubrics.library import rubric_of


def score_workbook(cycle: Cycle, allowed: set[int] | None, scope: str) -> tuple[bytes, int]:
    """The score table of a cycle (`reports.excel.scores_workbook`) for the schools a person
    may see, and how many schools it holds."""
    rubric = rubric_of(cycle.rubric_record)
    assessments = cycle_assessments(cycle, allowed)

    def items(results: Mapping[str, ItemFigures] | None) -> dict[str, ItemScore]:
        return {key: ItemScore(f.status, f.earned) for key, f in (results or {}).items()}

    rows = [
        ScoreRow(
            code=a.school.code,
            name=a.school.name,
            district=a.school.district.name if a.school.district else "",
            stages="、".join(STAGE_NAMES.get(s, s) for s in a.school.stage_list),
            status=progress_label(progress(a)),  # 未开始: no score, no level
            self_total=None if not_started(a) else a.self_percent,
            self_level="" if not_started(a) else a.self_level or "",
            self_veto=bool(a.self_veto),
            self_items=items(a.self_results),
            verified_total=a.verified_percent,
            verified_level=a.verified_level or "",
            verified_veto=bool(a.verified_veto),
            verified_items=items(a.verified_results) if a.verified_percent is not None else None,
        )
        for a in assessments
    ]
    about = [("年度评估", cycle.name), ("导出范围", scope), ("导出时间", _local_now_text())]
    return scores_workbook(rubric, rows, about), len(rows)


def _local_now_text() -> str:
    zone = ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])
    return utcnow().astimezone(zone).strftime("%Y-%m-%d %H:%M")


def scope_text(user: User | None) -> str:
    if user is not None and user.role == Role.DISTRICT and user.district is not None:
        return f"{user.district.name}（仅本区县学校）"
    return "全部学校"


def cycle_or_current(cycle_id: int | None) -> Cycle | None:
    if cycle_id is None:
        return current_cycle()
    return db.session.get(Cycle, cycle_id)
