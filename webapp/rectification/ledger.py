"""整改台账: every 整改 task a person may see (the admin all, a district officer its district),
counted by school and by item — open, overdue, reported, passed, not passed — with filters, and
as an Excel workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from reports.workbooks import Sheet, workbook_bytes
from webapp.extensions import db
from webapp.lifecycle import TaskStatus
from webapp.models import Assessment, Cycle, RectificationTask, School
from webapp.rectification.pages import Tally, is_overdue, tally
from webapp.rubrics.library import rubric_of
from webapp.settings import local_today

# The status filter: key → (label, test on a task).
STATUS_FILTERS = {
    "": "全部",
    "open": "待整改（含复查未通过）",
    "overdue": "已逾期",
    "reported": "已报待复查",
    "passed": "复查通过",
    "failed": "复查未通过",
}


@dataclass(frozen=True)
class LedgerFilters:
    cycle_id: int | None = None
    district_id: int | None = None
    status: str = ""
    school: str = ""  # a fragment of the school's name or code


@dataclass(frozen=True)
class LedgerRow:
    assessment_id: int
    cycle: str
    school_code: str
    school: str
    district: str
    item_id: str
    title: str
    finding: str
    advice: str
    deadline: dt.date
    status: TaskStatus
    overdue: bool
    measures: str
    outcome: str
    reported_at: dt.datetime | None
    reinspected_at: dt.datetime | None
    note: str

    @property
    def status_label(self) -> str:
        return "已逾期" if self.overdue else self.status.label


@dataclass(frozen=True)
class Ledger:
    rows: list[LedgerRow]
    total: Tally
    by_school: list[tuple[str, str, str, Tally]]  # code, name, district, counts
    by_item: list[tuple[str, str, Tally]]  # item id, title, counts


def _matches(task: RectificationTask, status: str, today: dt.date) -> bool:
    if status == "open":
        return task.status.with_school
    if status == "overdue":
        return is_overdue(task, today)
    if status in {s.value for s in TaskStatus}:
        return task.status.value == status
    return True


def ledger(visible: Iterable[int] | None, filters: LedgerFilters) -> Ledger:
    """The tasks of the schools in ``visible`` (None: all), filtered; counts follow the filters
    except the status filter, which only narrows the list."""
    query = (
        select(RectificationTask)
        .join(Assessment, RectificationTask.assessment_id == Assessment.id)
        .join(School, Assessment.school_id == School.id)
        .join(Cycle, Assessment.cycle_id == Cycle.id)
        .options(
            contains_eager(RectificationTask.assessment).contains_eager(Assessment.school),
            contains_eager(RectificationTask.assessment).contains_eager(Assessment.cycle),
        )
        .order_by(Cycle.id.desc(), School.code, RectificationTask.id)
    )
    if visible is not None:
        query = query.where(Assessment.school_id.in_(sorted(visible) or [-1]))
    if filters.cycle_id is not None:
        query = query.where(Assessment.cycle_id == filters.cycle_id)
    if filters.district_id is not None:
        query = query.where(School.district_id == filters.district_id)
    if filters.school:
        fragment = "%" + filters.school.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(School.name.like(fragment, escape="\\") | School.code.like(fragment, escape="\\"))
    tasks = list(db.session.execute(query).unique().scalars())
    today = local_today()
    titles: dict[tuple[int, str], str] = {}
    schools: dict[int, list[RectificationTask]] = {}
    items: dict[str, list[RectificationTask]] = {}
    for task in tasks:
        record = task.assessment.cycle.rubric_record
        key = (record.id, task.item_id)
        if key not in titles:
            try:
                titles[key] = rubric_of(record).item(task.item_id).title
            except KeyError:
                titles[key] = task.item_id
        schools.setdefault(task.assessment.school_id, []).append(task)
        items.setdefault(task.item_id, []).append(task)
    rows = [
        LedgerRow(
            assessment_id=task.assessment_id,
            cycle=task.assessment.cycle.name,
            school_code=task.assessment.school.code,
            school=task.assessment.school.name,
            district=task.assessment.school.district.name if task.assessment.school.district else "",
            item_id=task.item_id,
            title=titles[(task.assessment.cycle.rubric_record_id, task.item_id)],
            finding="未达标" if task.finding == "not_met" else "部分达标",
            advice=task.advice,
            deadline=task.deadline,
            status=task.status,
            overdue=is_overdue(task, today),
            measures=task.measures,
            outcome=task.outcome,
            reported_at=task.reported_at,
            reinspected_at=task.reinspected_at,
            note=task.reinspection_note,
        )
        for task in tasks
        if _matches(task, filters.status, today)
    ]
    by_school = []
    for group in schools.values():
        school = group[0].assessment.school
        district = school.district.name if school.district else ""
        by_school.append((school.code, school.name, district, tally(group, today)))
    by_item = []
    for item_id, group in sorted(items.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        record_id = group[0].assessment.cycle.rubric_record_id
        by_item.append((item_id, titles[(record_id, item_id)], tally(group, today)))
    return Ledger(rows=rows, total=tally(tasks, today), by_school=by_school, by_item=by_item)


COUNT_HEADER = ("整改任务", "待整改", "其中逾期", "已报待复查", "复查通过", "复查未通过")


def _counts(t: Tally) -> tuple[int, ...]:
    return (t.total, t.open, t.overdue, t.reported, t.passed, t.failed)


def ledger_workbook(book: Ledger, scope: str) -> bytes:
    """The 台账 as Excel: every task, then the counts by school and by item."""
    notes = (f"范围：{scope}", f"导出日期：{local_today():%Y-%m-%d}")
    return workbook_bytes(
        [
            Sheet(
                "整改台账",
                (
                    "年度评估", "学校代码", "学校", "区县", "要点编号", "评估要点", "核定结果", "整改建议",
                    "整改期限", "状态", "整改措施", "整改成效", "提交时间", "复查时间", "复查意见",
                ),
                (
                    (
                        r.cycle, r.school_code, r.school, r.district, r.item_id, r.title, r.finding, r.advice,
                        r.deadline, r.status_label, r.measures, r.outcome, r.reported_at, r.reinspected_at, r.note,
                    )
                    for r in book.rows
                ),
                widths=(24, 12, 28, 10, 8, 36, 10, 50, 12, 12, 40, 40, 18, 18, 30),
                notes=notes,
            ),
            Sheet(
                "按学校",
                ("学校代码", "学校", "区县", *COUNT_HEADER),
                ((code, name, district, *_counts(t)) for code, name, district, t in book.by_school),
                notes=notes,
            ),
            Sheet(
                "按评估要点",
                ("要点编号", "评估要点", *COUNT_HEADER),
                ((item_id, title, *_counts(t)) for item_id, title, t in book.by_item),
                notes=notes,
            ),
        ]
    )
