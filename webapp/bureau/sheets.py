"""The score export: one row per school of a cycle, totals, levels and every item's result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app

from checklist.scoring import STATUS_LABELS, Status
from webapp.assessments import current_cycle, cycle_assessments
from webapp.bureau.boards import item_result
from webapp.extensions import db
from webapp.models import (
    AssessmentStatus,
    Cycle,
    Role,
    User,
    utcnow,
)
from webapp.rubrics.library import rubric_of


def score_sheets(cycle: Cycle, allowed: set[int] | None, scope: str) -> tuple[list[Any], int]:
    """The sheets of ``export scores`` and the number of schools in them."""
    from checklist.model import STAGE_NAMES
    from webapp.models import STATUS_LABELS as ASSESSMENT_LABELS
    from webapp.workbooks import Sheet

    rubric = rubric_of(cycle.rubric_record)
    rows = cycle_assessments(cycle, allowed)
    items = rubric.items
    labels = {s.value: label for s, label in STATUS_LABELS.items()}

    def label_of(results: Mapping[str, Sequence[Any]], item_id: str, present: bool) -> str:
        if not present:
            return ""
        return labels.get(item_result(results, item_id)[0], "")

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
            self_status, self_earned, _ = item_result(a.self_results, item.id)
            ver_status, ver_earned, _ = item_result(a.verified_results, item.id)
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
