"""整改情况 for the reports, as their plain view-models: one school's tasks with the 复查 result,
and the counts of a region (reports never see a row)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from reports.model import Rectification, RectificationCount, RectificationRow, RegionRectification
from webapp.extensions import db
from webapp.lifecycle import TaskStatus
from webapp.models import Assessment, RectificationTask, School
from webapp.rectification.operations import tasks_of
from webapp.rectification.pages import Tally, is_overdue, tally
from webapp.results import date_text
from webapp.rubrics.library import rubric_of
from webapp.settings import local_today


def _review_text(task: RectificationTask, overdue: bool) -> str:
    """复查结论 as the report prints it."""
    who = ""
    if task.reinspected_by and task.reinspected_at:
        who = f"（{task.reinspected_by.name}，{date_text(task.reinspected_at.date())}）"
    if task.status == TaskStatus.PASSED:
        return "复查通过" + who + (f"：{task.reinspection_note}" if task.reinspection_note else "")
    if task.status == TaskStatus.FAILED:
        return f"复查未通过{who}：{task.reinspection_note}；继续整改，期限{date_text(task.deadline)}"
    if task.status == TaskStatus.REPORTED:
        return "已报送整改报告，待复查"
    return f"整改中，{'已逾期（' if overdue else ''}期限{date_text(task.deadline)}{'）' if overdue else ''}"


def _summary(t: Tally) -> str:
    parts = [f"复查通过{t.passed}个"] if t.passed else []
    if t.reported:
        parts.append(f"已报送整改报告待复查{t.reported}个")
    if t.open - t.failed:
        parts.append(f"整改中{t.open - t.failed}个")
    if t.failed:
        parts.append(f"复查未通过、继续整改{t.failed}个")
    text = f"核定发现的{t.total}个问题均列为整改任务：" + "，".join(parts) + "。"
    if t.overdue:
        text += f"其中{t.overdue}个已超过整改期限。"
    if t.passed == t.total:
        text += "全部问题已整改到位，经复查通过。"
    return text + "核定得分以核定时为准，复查结论记录在此。"


def school_rectification(assessment: Assessment) -> Rectification | None:
    """The 整改情况 section of a school's report: every task, its measures, outcome and 复查
    result; None when the assessment has no task (the section is then left out)."""
    tasks = tasks_of(assessment.id)
    if not tasks:
        return None
    rubric = rubric_of(assessment.cycle.rubric_record)
    today = local_today()
    rows = tuple(
        RectificationRow(
            item_id=task.item_id,
            title=rubric.item(task.item_id).title,
            measures=task.measures if task.status != TaskStatus.OPEN or task.reported_at else "",
            result=task.outcome if task.status != TaskStatus.OPEN or task.reported_at else "",
            review=_review_text(task, is_overdue(task, today)),
        )
        for task in tasks
    )
    return Rectification(summary=_summary(tally(tasks, today)), rows=rows)


def region_rectification(cycle_id: int, school_ids: Iterable[int] | None) -> RegionRectification | None:
    """The 整改 counts of a cycle's schools in scope, by district and in all; None without tasks."""
    query = (
        select(RectificationTask, School)
        .join(Assessment, RectificationTask.assessment_id == Assessment.id)
        .join(School, Assessment.school_id == School.id)
        .where(Assessment.cycle_id == cycle_id)
    )
    if school_ids is not None:
        query = query.where(Assessment.school_id.in_(sorted(school_ids) or [-1]))
    found = list(db.session.execute(query).all())
    if not found:
        return None
    today = local_today()
    by_district: dict[str, list[RectificationTask]] = {}
    schools: dict[str, set[int]] = {}
    for task, school in found:
        name = school.district.name if school.district else "未分区县"
        by_district.setdefault(name, []).append(task)
        schools.setdefault(name, set()).add(school.id)

    def count(name: str, tasks: list[RectificationTask], n: int) -> RectificationCount:
        t = tally(tasks, today)
        return RectificationCount(name, n, t.total, t.open, t.overdue, t.reported, t.passed, t.failed)

    every = [task for task, _ in found]
    return RegionRectification(
        total=count("合计", every, len({school.id for _, school in found})),
        districts=tuple(count(d, by_district[d], len(schools[d])) for d in sorted(by_district)),
    )
