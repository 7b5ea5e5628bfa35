"""What the 整改 pages show: an assessment's tasks with their items, clauses and files, its 整改
stage and counts; and the summary the school's home page and the reports use."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from checklist.model import Item, Rubric
from checklist.scoring import STATUS_LABELS, Status
from webapp.lifecycle import RectificationStage, TaskStatus, rectification_stage
from webapp.models import Assessment, Evidence, RectificationTask
from webapp.rectification.operations import tasks_of
from webapp.rubrics.library import ItemWording, item_wording, rubric_of
from webapp.settings import local_today


@dataclass(frozen=True)
class TaskView:
    task: RectificationTask
    item: Item
    dimension: str
    wording: ItemWording  # 依据 (its 要求 is not shown: the task's 整改建议 is)
    finding: str  # 未达标 / 部分达标
    overdue: bool
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def days_left(self) -> int:
        return (self.task.deadline - local_today()).days


@dataclass(frozen=True)
class Tally:
    """Tasks by where they stand: with the school (of which overdue, and not passed at 复查),
    reported and waiting for 复查, passed."""

    total: int = 0
    open: int = 0  # with the school: 待整改 and 复查未通过
    overdue: int = 0  # with the school past the deadline
    reported: int = 0
    passed: int = 0
    failed: int = 0  # 复查未通过 (back with the school)

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, int, int, int, int, int]:
        return (self.total, self.open, self.overdue, self.reported, self.passed, self.failed)


def is_overdue(task: RectificationTask, today: dt.date) -> bool:
    return task.status.with_school and task.deadline < today


def tally(tasks: list[RectificationTask], today: dt.date) -> Tally:
    counts = Counter(t.status for t in tasks)
    return Tally(
        total=len(tasks),
        open=counts[TaskStatus.OPEN] + counts[TaskStatus.FAILED],
        overdue=sum(1 for t in tasks if is_overdue(t, today)),
        reported=counts[TaskStatus.REPORTED],
        passed=counts[TaskStatus.PASSED],
        failed=counts[TaskStatus.FAILED],
    )


@dataclass(frozen=True)
class RectificationPage:
    assessment: Assessment
    rubric: Rubric
    tasks: list[TaskView]
    stage: RectificationStage | None
    tally: Tally

    @property
    def with_school(self) -> list[TaskView]:
        return [v for v in self.tasks if v.task.status.with_school]

    @property
    def waiting(self) -> list[TaskView]:
        """Reported, waiting for 复查."""
        return [v for v in self.tasks if v.task.status == TaskStatus.REPORTED]

    @property
    def for_school(self) -> list[TaskView]:
        """What the school still has to do first: not passed at 复查, open, then the rest."""
        return sorted(self.tasks, key=lambda v: _SCHOOL_ORDER.index(v.task.status))

    @property
    def for_inspector(self) -> list[TaskView]:
        """What waits for 复查 first."""
        return sorted(self.tasks, key=lambda v: _INSPECTOR_ORDER.index(v.task.status))


_SCHOOL_ORDER = (TaskStatus.FAILED, TaskStatus.OPEN, TaskStatus.REPORTED, TaskStatus.PASSED)
_INSPECTOR_ORDER = (TaskStatus.REPORTED, TaskStatus.FAILED, TaskStatus.OPEN, TaskStatus.PASSED)


def rectification_page(assessment: Assessment) -> RectificationPage:
    rubric = rubric_of(assessment.cycle.rubric_record)
    tasks = tasks_of(assessment.id)
    today = local_today()
    views = []
    for task in tasks:
        item = rubric.item(task.item_id)
        dimension, _ = rubric.place_of(item.id)
        views.append(
            TaskView(
                task=task,
                item=item,
                dimension=f"{dimension.id} {dimension.title}",
                wording=item_wording(item, rubric),
                finding=STATUS_LABELS[Status(task.finding)],
                overdue=is_overdue(task, today),
                evidence=list(task.evidence),
            )
        )
    return RectificationPage(
        assessment=assessment,
        rubric=rubric,
        tasks=views,
        stage=rectification_stage(t.status for t in tasks),
        tally=tally(tasks, today),
    )


@dataclass(frozen=True)
class Summary:
    """An assessment's 整改 in a line, for the school's home page."""

    stage: RectificationStage | None
    tally: Tally
    next_deadline: dt.date | None


def summary_of(assessment: Assessment) -> Summary:
    tasks = tasks_of(assessment.id)
    waiting = [t.deadline for t in tasks if t.status.with_school]
    return Summary(
        stage=rectification_stage(t.status for t in tasks),
        tally=tally(tasks, local_today()),
        next_deadline=min(waiting) if waiting else None,
    )
